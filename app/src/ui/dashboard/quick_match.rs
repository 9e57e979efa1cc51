//! The quick-match card: mode, language, when and an optional topic, then where the
//! student was seated, with a live countdown to the start.
//!
//! Rendered by the server as a plain form: posting it seats the student and the server
//! sends the browser back to `/app?seated=<table>`, which shows the outcome above the
//! booked table (and the header's credits, fresh). Only the countdown runs in the browser.

use super::live::{ClockText, TableClock};
use super::Card;
use crate::api::table_types::MyTable;
use crate::api::tables::{load_match_choices, MatchChoices, QuickMatch};
use crate::domain::matching::{TableMode, TOPIC_MAX};
use crate::domain::preferences::Language;
use crate::error::{AppError, Refusal};
use crate::i18n::*;
use crate::locale::language_of;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::forms::{Field, FormAlert, FormErrors, Select, SubmitButton};
use crate::ui::when::{use_local_clock, when};
use leptos::either::Either;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The card.
#[component]
pub fn QuickMatchCard() -> impl IntoView {
    let i18n = use_i18n();
    let choices = OnceResource::new(load_match_choices());
    let body = move || {
        choices.get().map(|answer| match answer {
            Ok(choices) => Either::Left(view! { <QuickMatchForm choices /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <Card title=t_string!(i18n, quick_match.title)>
            <p class="text-ink/75">{t_string!(i18n, quick_match.lede)}</p>
            <Suspense>{body}</Suspense>
        </Card>
    }
}

fn mode_name(i18n: leptos_i18n::I18nContext<Locale>, mode: TableMode) -> &'static str {
    match mode {
        TableMode::Audio => t_string!(i18n, quick_match.mode_audio),
        TableMode::Quiet => t_string!(i18n, quick_match.mode_quiet),
    }
}

#[component]
fn QuickMatchForm(choices: MatchChoices) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    // On the server this holds the refusal a plain form post came back with.
    let action = ServerAction::<QuickMatch>::new();
    let errors = FormErrors::new(action.value());
    let modes = TableMode::ALL
        .into_iter()
        .map(|mode| {
            let hint = match mode {
                TableMode::Audio => t_string!(i18n, quick_match.mode_audio_hint),
                TableMode::Quiet => t_string!(i18n, quick_match.mode_quiet_hint),
            };
            view! {
                <label class="chip" title=hint>
                    <input
                        type="radio"
                        name="mode"
                        value=mode.key()
                        checked=mode == TableMode::Audio
                        class="sr-only peer"
                    />
                    <span class="chip-face">{mode_name(i18n, mode)}</span>
                </label>
            }
        })
        .collect_view();
    let languages = Language::ALL
        .iter()
        .map(|l| (l.tag().to_owned(), l.endonym().to_owned()))
        .collect();
    let slots = std::iter::once((
        "0".to_owned(),
        t_string!(i18n, quick_match.soonest).to_owned(),
    ))
    .chain(
        choices
            .slots
            .iter()
            .map(|at| (at.unix_millis().to_string(), when(i18n, clock, *at))),
    )
    .collect();
    // A refusal that has a way out links to it.
    let refusal_link = action.value().with_untracked(|v| match v {
        Some(Err(AppError::Refused {
            reason: Refusal::PendingRatings { table_id },
        })) => Some(Either::Left(view! {
            <a href=format!("/app/table/{table_id}") class="btn-light" data-testid="rate-first">
                {t_string!(i18n, quick_match.rate_first)}
            </a>
        })),
        Some(Err(AppError::Refused {
            reason: Refusal::Banned { .. },
        })) => Some(Either::Right(view! {
            <a href="/app/banned" class="btn-light" data-testid="why-banned">
                {t_string!(i18n, quick_match.why_banned)}
            </a>
        })),
        _ => None,
    });
    let topic_hint = fill(t_string!(i18n, quick_match.topic_hint), "max", TOPIC_MAX);
    // One key per rendered form: submitting it twice (a double click) seats once; the
    // page the server sends back carries a new one.
    let key = format!("{}-match", choices.nonce);
    view! {
        <ActionForm
            action=action
            attr:class="mt-4 flex flex-col gap-4"
            attr:data-testid="quick-match"
        >
            <fieldset class="flex flex-col gap-2">
                <legend class="text-sm font-semibold">{t_string!(i18n, quick_match.mode)}</legend>
                <div class="flex flex-wrap gap-2">{modes}</div>
            </fieldset>
            <div class="grid gap-4 sm:grid-cols-2">
                <Select
                    label=t_string!(i18n, quick_match.language)
                    name="language"
                    options=languages
                    selected=language_of(i18n.get_locale_untracked()).tag().to_owned()
                    error=errors.field("language")
                />
                <Select
                    label=t_string!(i18n, quick_match.when)
                    name="starts_at"
                    options=slots
                    selected="0".to_owned()
                    error=errors.field("starts_at")
                />
            </div>
            <Field
                label=t_string!(i18n, quick_match.topic)
                name="topic"
                maxlength=TOPIC_MAX
                hint=topic_hint
                error=errors.field("topic")
            />
            <input type="hidden" name="idempotency_key" value=key />
            <FormAlert error=errors.general(&["mode", "language", "starts_at", "topic"]) />
            {refusal_link}
            <SubmitButton label=t_string!(i18n, quick_match.submit) pending=Signal::stored(false) />
        </ActionForm>
    }
}

/// "You're at table 12, seat 3, starting today at 14:30 — in 5:59": the table a quick
/// match just seated the student at (`joined`: at a table others had booked).
#[component]
pub fn Seated(table: MyTable, joined: bool) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let template = if joined {
        t_string!(i18n, quick_match.seated_joined)
    } else {
        t_string!(i18n, quick_match.seated_new)
    };
    let text = fill(
        &fill(&fill(template, "table", table.table_id), "seat", table.seat),
        "when",
        when(i18n, clock, table.starts_at),
    );
    view! {
        <div role="status" class="rounded-2xl bg-success/15 px-4 py-3" data-testid="match-outcome">
            <p class="font-semibold">{text}</p>
            <p class="mt-1 font-mono text-lg tabular-nums" aria-live="off">
                <TableClock starts_at_ms=table.starts_at.unix_millis() text=ClockText::Seated />
            </p>
            <a href=format!("/app/table/{}", table.table_id) class="btn-light mt-3">
                {t_string!(i18n, table.open)}
            </a>
        </div>
    }
}
