//! Peer review and reliability in the app: the badge, rating tablemates after a session,
//! ratings still owed, the open ledger (`/app/reliability`), the ban page (`/app/banned`)
//! and the reliability cards of the dashboard and profile.

pub mod badge;
pub mod banned;
pub mod history;
pub mod ledger;
pub mod names;
pub mod rate;

use crate::api::rating_types::{OwedTable, ReliabilityLedger, ReliabilitySummary};
use crate::api::ratings::load_ledger;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::when::{use_local_clock, when};
use badge::BadgeChip;
use history::RatingHistory;
use leptos::either::Either;
use leptos::prelude::*;

/// Ratings shown on the dashboard and profile (the ledger has them all).
const RECENT: usize = 3;

/// "12 ratings count: 11 green, 1 red" ("No ratings count yet" before any does), and, before
/// a score shows, how many more must.
#[component]
pub fn ReliabilityFigures(summary: ReliabilitySummary) -> impl IntoView {
    let i18n = use_i18n();
    let (counted, greens, reds) = (summary.counted, summary.greens, summary.reds);
    let counts = if counted == 0 {
        Either::Left(t_string!(i18n, reliability.counts_none))
    } else {
        Either::Right(t!(
            i18n,
            reliability.counts,
            count = move || i64::from(counted),
            greens = move || greens,
            reds = move || reds
        ))
    };
    let newcomer = (summary.needed > 0).then(|| {
        view! {
            <p class="text-sm text-ink/70" data-testid="reliability-needed">
                {t!(i18n, reliability.newcomer, count = move || i64::from(summary.needed))}
            </p>
        }
    });
    view! {
        <p class="mt-2 text-sm" data-testid="reliability-counts">
            {counts}
        </p>
        {newcomer}
    }
}

/// The score as a percentage, or "No score yet" while the student is new.
#[component]
pub fn Score(summary: ReliabilitySummary, class: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    match summary.percent {
        Some(percent) => Either::Left(view! {
            <span
                class=format!("font-mono font-bold tabular-nums {class}")
                data-testid="reliability-score"
            >
                {percent}
                "%"
            </span>
        }),
        None => Either::Right(view! {
            <span
                class="text-lg font-semibold text-ink/75"
                data-testid="reliability-score"
                data-new="true"
            >
                {t_string!(i18n, reliability.no_score)}
            </span>
        }),
    }
}

/// The tables whose ratings are owed, each a link to its session-end page.
#[component]
pub fn OwedList(owed: Vec<OwedTable>) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let items = owed
        .into_iter()
        .map(|table| {
            let label = fill(
                &fill(t_string!(i18n, reliability.owed_item), "count", table.count),
                "when",
                when(i18n, clock, table.starts_at),
            );
            let closes = fill(
                t_string!(i18n, rating.closes),
                "when",
                when(i18n, clock, table.closes_at),
            );
            view! {
                <li>
                    <a
                        href=format!("/app/table/{}", table.table_id)
                        class="flex min-h-11 flex-col justify-center rounded-xl bg-surface px-4 py-2 font-semibold hover:bg-background"
                        data-testid="owed-link"
                    >
                        {label}
                        <span class="text-xs font-normal text-ink/70">{closes}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section
            class="rounded-3xl border-2 border-warning bg-warning/15 p-6"
            role="status"
            data-testid="owed"
        >
            <h2 class="text-lg font-bold">{t_string!(i18n, reliability.owed_title)}</h2>
            <p class="mt-1 text-sm text-ink/80">{t_string!(i18n, reliability.owed_body)}</p>
            <ul class="mt-3 flex flex-col gap-2">{items}</ul>
        </section>
    }
}

/// The viewer's ledger, reloaded whenever `version` changes.
pub fn ledger_resource(version: Signal<u32>) -> LedgerResource {
    Resource::new(move || version.get(), |_| load_ledger())
}

/// A loading ledger, shared by the parts of a page that show it.
pub type LedgerResource = Resource<Result<ReliabilityLedger, crate::error::AppError>>;

/// What needs doing first (dashboard): ratings owed and a ban, when there are any.
#[component]
pub fn ReliabilityAlerts(ledger: LedgerResource) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let body = move || {
        ledger.get().and_then(Result::ok).map(|ledger| {
            let ban = ledger.banned_until.map(|until| {
                view! {
                    <a
                        href="/app/banned"
                        class="block rounded-2xl bg-error/10 px-4 py-3 font-semibold text-error"
                        data-testid="dashboard-banned"
                    >
                        {fill(
                            t_string!(i18n, reliability.banned_until),
                            "when",
                            when(i18n, clock, until),
                        )}
                    </a>
                }
            });
            let owed = (!ledger.owed.is_empty()).then(|| view! { <OwedList owed=ledger.owed /> });
            view! {
                {ban}
                {owed}
            }
        })
    };
    view! { <Transition>{body}</Transition> }
}

/// The badge, figures and the latest ratings received, with a link to the ledger.
#[component]
pub fn ReliabilityCard(ledger: LedgerResource) -> impl IntoView {
    let body = move || {
        ledger.get().map(|answer| match answer {
            Ok(ledger) => Either::Left(view! { <Card ledger /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! { <Transition>{body}</Transition> }
}

#[component]
fn Card(ledger: ReliabilityLedger) -> impl IntoView {
    let i18n = use_i18n();
    let recent: Vec<_> = ledger.received.into_iter().take(RECENT).collect();
    view! {
        <section class="rounded-3xl bg-surface p-6 shadow-soft" data-testid="reliability-card">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 class="text-lg font-bold">{t_string!(i18n, reliability.card_title)}</h2>
                <BadgeChip badge=ledger.summary.badge />
            </div>
            <p class="mt-2">
                <Score summary=ledger.summary class="text-3xl" />
            </p>
            <ReliabilityFigures summary=ledger.summary />
            <h3 class="mt-4 text-sm font-semibold uppercase tracking-wide text-ink/70">
                {t_string!(i18n, reliability.recent)}
            </h3>
            <RatingHistory ratings=recent />
            <a href="/app/reliability" class="btn-light mt-4" data-testid="ledger-link">
                {t_string!(i18n, reliability.open_ledger)}
            </a>
        </section>
    }
}
