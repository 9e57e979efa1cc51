//! The session summary: focus minutes, whether it counted (and why not), essence earned,
//! tablemates and the viewer's reflections, with afterthoughts still open for a day.
//! Right after the end the server may still be adding up; the page asks again shortly.

use super::reflection_form::ReflectionForm;
use super::use_table;
use crate::api::table_page::load_summary;
use crate::api::table_page_types::TableSummary;
use crate::api::table_types::Tablemate;
use crate::domain::attendance::{Incomplete, COMPLETION_ACTIVE_MINUTES};
use crate::domain::board::Prompt;
use crate::domain::schedule::Phase;
use crate::i18n::*;
use crate::ui::diary::note::JournalNote;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::occupants::occupant_name;
use crate::ui::room::Portrait;
use crate::ui::when::{use_local_clock, when};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::time::Duration;

/// How soon to ask again while the server is still adding up.
const RETRY: Duration = Duration::from_secs(2);

/// The summary as the page loads it: created with the page (not when the summary screen
/// appears) so a page that loads after the end hydrates with the server's answer.
#[derive(Clone, Copy)]
pub(crate) struct SummaryLoad {
    resource: Resource<Result<TableSummary, crate::error::AppError>>,
    attempt: RwSignal<u32>,
}

impl SummaryLoad {
    /// Starts loading `table_id`'s summary (`None`: an address without a table number).
    pub fn new(table_id: Option<i64>) -> Self {
        let attempt = RwSignal::new(0u32);
        let resource = Resource::new(
            move || attempt.get(),
            move |_| async move {
                match table_id {
                    Some(id) => load_summary(id).await,
                    None => Err(crate::error::AppError::NotFound),
                }
            },
        );
        Self { resource, attempt }
    }

    /// Asks the server again now (the student just left: their summary is ready).
    pub fn reload(self) {
        self.attempt.update(|a| *a += 1);
    }
}

/// The summary screen.
#[component]
pub fn Summary(load: SummaryLoad) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let SummaryLoad {
        resource: summary,
        attempt,
    } = load;
    // Still adding up: ask again shortly (in the browser).
    Effect::new(move |_| {
        if let Some(Ok(answer)) = summary.get() {
            if answer.ready {
                table.reflections.set(answer.reflections);
            } else {
                set_timeout(
                    move || {
                        let _ = attempt.try_update(|a| *a += 1);
                    },
                    RETRY,
                );
            }
        }
    });
    let body = move || {
        summary.get().map(|answer| match answer {
            Ok(summary) if summary.ready => EitherOf3::A(view! { <Ready summary /> }),
            Ok(_) => EitherOf3::B(view! {
                <section
                    class="rounded-3xl bg-surface p-6 shadow-soft"
                    role="status"
                    data-testid="summary-pending"
                >
                    <h1 class="text-xl font-bold">{t_string!(i18n, summary.pending_title)}</h1>
                    <p class="mt-2 text-ink/75">{t_string!(i18n, summary.pending_body)}</p>
                </section>
            }),
            Err(error) => EitherOf3::C(view! { <ErrorNotice error /> }),
        })
    };
    view! { <Transition>{body}</Transition> }
}

fn reason(i18n: I18nContext<Locale>, why: Incomplete) -> &'static str {
    match why {
        Incomplete::LeftEarly => t_string!(i18n, summary.why_left),
        Incomplete::MissedWork1 => t_string!(i18n, summary.why_work1),
        Incomplete::MissedWork2 => t_string!(i18n, summary.why_work2),
        Incomplete::TooFewMinutes => t_string!(i18n, summary.why_minutes),
    }
}

#[component]
fn Ready(summary: TableSummary) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let table = use_table();
    let verdict = if summary.completed {
        Either::Left(view! {
            <p
                class="mt-2 rounded-2xl bg-success/15 px-4 py-3 font-semibold"
                data-testid="summary-verdict"
                data-completed="true"
            >
                {t_string!(i18n, summary.completed)}
            </p>
        })
    } else {
        let why = summary
            .incomplete
            .map(|w| reason(i18n, w))
            .unwrap_or_default();
        let rule = fill(
            t_string!(i18n, summary.rule),
            "minutes",
            COMPLETION_ACTIVE_MINUTES,
        );
        // Left early while the others' table still runs.
        let runs_on = summary.incomplete == Some(Incomplete::LeftEarly)
            && Phase::at(summary.starts_at, table.now.get_untracked()) != Phase::Ended;
        Either::Right(view! {
            <div
                class="mt-2 rounded-2xl bg-warning/20 px-4 py-3"
                data-testid="summary-verdict"
                data-completed="false"
            >
                <p class="font-semibold">{t_string!(i18n, summary.not_completed)}</p>
                <p class="text-sm text-ink/80" data-testid="summary-why">
                    {why}
                </p>
                <p class="mt-1 text-sm text-ink/70">{rule}</p>
                {runs_on
                    .then(|| {
                        view! {
                            <p class="mt-1 text-sm text-ink/70" data-testid="summary-runs-on">
                                {t_string!(i18n, summary.runs_on)}
                            </p>
                        }
                    })}
            </div>
        })
    };
    let figures = [
        (
            {
                let n = summary.focus_minutes;
                t!(i18n, summary.focus_minutes, count = move || n).into_any()
            },
            summary.focus_minutes,
            "summary-focus",
        ),
        (
            {
                let n = summary.active_minutes;
                t!(i18n, summary.active_minutes, count = move || n).into_any()
            },
            summary.active_minutes,
            "summary-active",
        ),
        (
            t_string!(i18n, summary.essence).into_any(),
            summary.essence_earned,
            "summary-essence",
        ),
    ]
    .into_iter()
    .map(|(label, value, id)| {
        view! {
            <div class="rounded-2xl bg-background p-4 text-center">
                <p class="font-mono text-3xl font-bold tabular-nums" data-testid=id>
                    {value}
                </p>
                <p class="text-sm text-ink/70">{label}</p>
            </div>
        }
    })
    .collect_view();
    let title = fill(t_string!(i18n, summary.title), "table", summary.table_id);
    let mates = summary
        .tablemates
        .iter()
        .map(|mate| view! { <Mate mate=mate.clone() /> })
        .collect_view();
    let has_afterthought = move || {
        table
            .reflections
            .with(|r| r.iter().any(|r| r.prompt == Prompt::Afterthought))
    };
    let afterthought_open =
        Prompt::Afterthought.open_at(table.starts_at, table.now.get_untracked());
    view! {
        <div class="mx-auto flex max-w-3xl flex-col gap-6" data-testid="summary">
            <section class="rounded-3xl bg-surface p-6 shadow-soft">
                <p class="text-sm font-semibold uppercase tracking-wide text-primary-deep">
                    {t_string!(i18n, summary.kicker)}
                </p>
                <h1 class="mt-1 text-2xl font-bold">{title}</h1>
                <p class="text-ink/75">{when(i18n, clock, summary.starts_at)}</p>
                {verdict}
                <div class="mt-4 grid grid-cols-3 gap-3">{figures}</div>
            </section>
            <section class="rounded-3xl bg-surface p-6 shadow-soft">
                <h2 class="text-lg font-bold">{t_string!(i18n, summary.tablemates)}</h2>
                <ul class="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">{mates}</ul>
            </section>
            <crate::ui::reliability::rate::RateTablemates cards=summary.ratings.clone() />
            <section
                class="rounded-3xl bg-surface p-6 shadow-soft"
                data-testid="summary-reflections"
            >
                <h2 class="text-lg font-bold">{t_string!(i18n, summary.reflections)}</h2>
                <Reflections />
                <Show when=move || afterthought_open && !has_afterthought()>
                    <div class="mt-4">
                        <ReflectionForm prompt=Prompt::Afterthought />
                    </div>
                </Show>
            </section>
            <section class="rounded-3xl bg-surface p-6 shadow-soft" data-testid="summary-note">
                <h2 class="mb-3 text-lg font-bold">{t_string!(i18n, diary.note_title)}</h2>
                <JournalNote table_id=summary.table_id initial=summary.note.clone() />
            </section>
            <div class="flex flex-wrap gap-3">
                <a href="/app" class="btn-primary">
                    {t_string!(i18n, summary.back)}
                </a>
                <a href="/app/diary" class="btn-light">
                    {t_string!(i18n, nav.diary)}
                </a>
            </div>
        </div>
    }
}

#[component]
fn Reflections() -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    move || {
        let list = table.reflections.get();
        if list.is_empty() {
            return Either::Left(
                view! { <p class="mt-2 text-ink/70">{t_string!(i18n, summary.no_reflections)}</p> },
            );
        }
        let items = list
            .into_iter()
            .map(|r| {
                view! {
                    <li class="rounded-2xl border-l-4 border-success bg-background px-4 py-3">
                        <p class="text-xs font-semibold text-ink/70">
                            {super::names::prompt_label(i18n, r.prompt)}
                        </p>
                        <p class="whitespace-pre-wrap">{r.text}</p>
                    </li>
                }
            })
            .collect_view();
        Either::Right(view! { <ul class="mt-3 flex flex-col gap-2">{items}</ul> })
    }
}

#[component]
fn Mate(mate: Tablemate) -> impl IntoView {
    let i18n = use_i18n();
    let name = occupant_name(i18n, &mate.occupant, mate.you);
    let picture = view! { <Portrait character=mate.occupant.character() scale=1.5 /> };
    view! {
        <li class="flex flex-col items-center gap-2 rounded-2xl bg-background p-3 text-center">
            {picture} <span class="truncate text-sm font-medium">{name}</span>
            {mate
                .left
                .then(|| {
                    view! {
                        <span class="text-xs text-ink/60">{t_string!(i18n, table.link_left)}</span>
                    }
                })}
        </li>
    }
}
