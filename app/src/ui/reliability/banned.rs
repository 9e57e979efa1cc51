//! `/app/banned` (and `/banned`): why matching is paused, the ratings behind it
//! (anonymised), and a live countdown to the end.

use super::history::RatingHistory;
use crate::api::rating_types::BanDetails;
use crate::api::ratings::load_ban;
use crate::domain::reliability::hundredths;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::{countdown, fill};
use crate::ui::shell::use_server_now;
use crate::ui::when::{use_local_clock, when};
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// The page.
#[island(lazy)]
pub fn BannedPage() -> impl IntoView {
    let i18n = use_i18n();
    let ban = OnceResource::new(load_ban());
    let body = move || {
        ban.get().map(|answer| match answer {
            Ok(Some(details)) => EitherOf3::A(view! { <Ban details /> }),
            Ok(None) => EitherOf3::B(view! {
                <section class="rounded-3xl bg-surface p-6 shadow-soft" data-testid="not-banned">
                    <h1 class="text-2xl font-bold">{t_string!(i18n, banned.none_title)}</h1>
                    <p class="mt-2 text-ink/75">{t_string!(i18n, banned.none_body)}</p>
                    <a href="/app" class="btn-primary mt-4">
                        {t_string!(i18n, banned.back)}
                    </a>
                </section>
            }),
            Err(error) => EitherOf3::C(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <div class="mx-auto flex max-w-3xl flex-col gap-6">
            <Suspense>{body}</Suspense>
        </div>
    }
}

#[component]
fn Ban(details: BanDetails) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let now = use_server_now();
    let ends_at = details.ends_at;
    let left = move || countdown(ends_at.millis_since(now.get()));
    let why = fill(
        &fill(
            t_string!(i18n, banned.why),
            "weight",
            hundredths(details.weight_pct),
        ),
        "threshold",
        hundredths(details.threshold_pct),
    );
    view! {
        <section class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8" data-testid="banned">
            <p class="text-sm font-semibold uppercase tracking-wide text-primary-deep">
                {t_string!(i18n, banned.kicker)}
            </p>
            <h1 class="mt-1 text-2xl font-bold">{t_string!(i18n, banned.title)}</h1>
            <p class="mt-3 text-ink/80">{why}</p>
            <p class="mt-2 text-ink/80">{t_string!(i18n, banned.what)}</p>
            <div class="mt-5 rounded-2xl bg-background p-4 text-center">
                <p class="text-sm text-ink/70">{t_string!(i18n, banned.ends_in)}</p>
                <p
                    class="font-mono text-4xl font-bold tabular-nums"
                    data-testid="ban-countdown"
                    aria-live="off"
                >
                    {left}
                </p>
                <p class="mt-1 text-sm text-ink/70">
                    {fill(t_string!(i18n, banned.ends_at), "when", when(i18n, clock, ends_at))}
                </p>
            </div>
        </section>
        <section class="rounded-3xl bg-surface p-6 shadow-soft" aria-labelledby="ban-ratings">
            <h2 id="ban-ratings" class="text-lg font-bold">
                {t_string!(i18n, banned.ratings)}
            </h2>
            <RatingHistory ratings=details.ratings />
            <p class="mt-4 text-sm text-ink/75">
                {t_string!(i18n, banned.appeal_hint)}" "
                <a href="/app/reliability" class="font-semibold text-primary-deep underline">
                    {t_string!(i18n, banned.ledger_link)}
                </a>
            </p>
        </section>
    }
}
