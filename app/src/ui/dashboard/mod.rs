//! `/app`: the dashboard. Quick match, the tables booked (with live countdowns and cancel),
//! the tables just had (summary, ratings to give, diary), and the student's figures.
//! Rendered by the server, forms included (taking or giving up a seat posts the form and
//! the server sends the page back, credits and all); only the countdowns run in the
//! browser ([`live`]).

mod live;
mod quick_match;
mod recent;
mod stats;
mod upcoming;

use crate::api::tables::load_my_tables;
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::reliability::{ledger_resource, ReliabilityAlerts, ReliabilityCard};
use crate::ui::shell::use_viewer;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let viewer = use_viewer();
    let greeting = fill(
        t_string!(i18n, dashboard.welcome),
        "name",
        &viewer.display_name,
    );
    let ledger = ledger_resource(Signal::stored(0));
    let tables = Resource::new(|| (), |_| load_my_tables());
    view! {
        <div class="mx-auto flex max-w-5xl flex-col gap-6">
            <section>
                <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{greeting}</h1>
                <p class="mt-2 text-ink/75">{t_string!(i18n, dashboard.lede)}</p>
            </section>
            <JustSeated tables />
            <ReliabilityAlerts ledger />
            // Laptops: quick match on the left, booked and recent tables on the right.
            // Phones: one column, with a booked table above the form.
            <div class="grid gap-6 lg:grid-cols-2">
                <div class="lg:row-span-2">
                    <quick_match::QuickMatchCard />
                </div>
                <upcoming::Upcoming tables />
                <recent::Recent />
            </div>
            <div class="grid gap-6 lg:grid-cols-2">
                <stats::Stats />
                <ReliabilityCard ledger />
            </div>
        </div>
    }
}

/// Where a quick match just seated the student: the server sends a plain quick-match post
/// back to `/app?seated=<table>` (`&joined=1` when others had booked it). Shown only for a
/// table the student holds a seat at.
#[component]
fn JustSeated(
    tables: Resource<Result<crate::api::table_types::MyTables, crate::error::AppError>>,
) -> impl IntoView {
    let query = use_query_map();
    let (seated, joined) = query.with_untracked(|q| {
        (
            q.get("seated").and_then(|id| id.parse::<i64>().ok()),
            q.get("joined").is_some_and(|j| j == "1"),
        )
    });
    let outcome = move || {
        let table_id = seated?;
        let table = tables
            .get()?
            .ok()?
            .tables
            .into_iter()
            .find(|s| s.table_id == table_id)?;
        Some(view! { <quick_match::Seated table joined /> })
    };
    view! { <Suspense>{outcome}</Suspense> }
}

/// A dashboard card.
#[component]
fn Card(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="rounded-3xl bg-surface p-6 shadow-soft">
            <h2 class="text-lg font-bold">{title}</h2>
            <div class="mt-3">{children()}</div>
        </section>
    }
}
