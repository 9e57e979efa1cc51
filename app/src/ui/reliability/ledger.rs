//! `/app/reliability`: the open ledger. The score and badge, the ratings still owed, how
//! the score works (with the real numbers), and every rating received within 180 days with
//! what it weighs today, until when it counts, and an appeal for reds.

use super::badge::BadgeChip;
use super::history::RatingHistory;
use super::{OwedList, ReliabilityFigures, Score};
use crate::api::rating_types::ReliabilityLedger;
use crate::api::ratings::load_ledger;
use crate::domain::reliability::hundredths;
use crate::domain::reliability::params::*;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::when::{use_local_clock, when};
use leptos::either::Either;
use leptos::prelude::*;

/// The page.
#[island(lazy)]
pub fn ReliabilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let ledger = Resource::new(move || version.get(), |_| load_ledger());
    let body = move || {
        ledger.get().map(|answer| match answer {
            Ok(ledger) => Either::Left(view! { <LedgerView ledger version /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <div class="mx-auto flex max-w-5xl flex-col gap-6" data-testid="ledger">
            <section>
                <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">
                    {t_string!(i18n, reliability.title)}
                </h1>
                <p class="mt-2 text-ink/75">{t_string!(i18n, reliability.lede)}</p>
            </section>
            <Transition fallback=crate::ui::layout::Loading>{body}</Transition>
        </div>
    }
}

#[component]
fn LedgerView(ledger: ReliabilityLedger, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let power = fill(
        t_string!(i18n, reliability.your_power),
        "power",
        hundredths(ledger.reporting_power_pct),
    );
    let ban = ledger.banned_until.map(|until| {
        view! {
            <a
                href="/app/banned"
                class="block rounded-2xl bg-error/10 px-4 py-3 text-error"
                data-testid="ledger-banned"
            >
                {fill(t_string!(i18n, reliability.banned_until), "when", when(i18n, clock, until))}
            </a>
        }
    });
    let owed = (!ledger.owed.is_empty()).then(|| view! { <OwedList owed=ledger.owed.clone() /> });
    view! {
        {ban}
        {owed}
        // Laptops: the score and its rules beside the ratings received.
        <div class="grid items-start gap-6 lg:grid-cols-2">
            <section class="min-w-0 rounded-3xl bg-surface p-6 shadow-soft">
                <div class="flex flex-wrap items-center gap-3">
                    <BadgeChip badge=ledger.summary.badge />
                    <Score summary=ledger.summary class="text-2xl" />
                </div>
                <ReliabilityFigures summary=ledger.summary />
                <p class="mt-2 text-sm text-ink/75" data-testid="ledger-power">
                    {power}
                </p>
                <HowItWorks />
            </section>
            <section
                class="min-w-0 rounded-3xl bg-surface p-6 shadow-soft"
                aria-labelledby="received-title"
            >
                <h2 id="received-title" class="text-lg font-bold">
                    {t_string!(i18n, reliability.received)}
                </h2>
                <p class="text-sm text-ink/70">{t_string!(i18n, reliability.anonymous)}</p>
                <RatingHistory ratings=ledger.received appeals=true version />
            </section>
        </div>
    }
}

/// The rules, with the numbers the server uses.
#[component]
fn HowItWorks() -> impl IntoView {
    let i18n = use_i18n();
    let days = |ms: i64| ms / crate::domain::time::DAY_MS;
    let rules = [
        fill(
            &fill(
                t_string!(i18n, reliability.rule_decay),
                "half",
                days(HALF_LIFE_MS),
            ),
            "horizon",
            days(HORIZON_MS),
        ),
        fill(
            t_string!(i18n, reliability.rule_new),
            "count",
            FULL_WEIGHT_AFTER,
        ),
        fill(
            &fill(
                &fill(
                    t_string!(i18n, reliability.rule_power),
                    "paid",
                    hundredths(POWER_PAID_PCT),
                ),
                "established",
                hundredths(POWER_ESTABLISHED_PCT),
            ),
            "sessions",
            ESTABLISHED_SESSIONS,
        ),
        fill(
            t_string!(i18n, reliability.rule_batch),
            "crowd",
            crate::domain::reliability::anonymity::CROWD,
        ),
        fill(
            &fill(
                t_string!(i18n, reliability.rule_ban),
                "free",
                hundredths(BAN_THRESHOLD_FREE_PCT),
            ),
            "paid",
            hundredths(BAN_THRESHOLD_PAID_PCT),
        ),
        fill(
            &fill(
                t_string!(i18n, reliability.rule_tiers),
                "trusted",
                (TRUSTED_FROM * 100.0).round() as i64,
            ),
            "good",
            (GOOD_FROM * 100.0).round() as i64,
        ),
    ]
    .into_iter()
    .map(|rule| view! { <li>{rule}</li> })
    .collect_view();
    view! {
        <details class="mt-4 rounded-2xl bg-background px-4 py-3">
            <summary class="cursor-pointer font-semibold">
                {t_string!(i18n, reliability.how)}
            </summary>
            <ul class="mt-2 list-disc space-y-1 pl-5 text-sm text-ink/80">{rules}</ul>
        </details>
    }
}
