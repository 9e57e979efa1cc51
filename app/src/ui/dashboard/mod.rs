//! `/app`: the dashboard. Quick match, the tables booked (with live countdowns and cancel),
//! the tables just had (summary, ratings to give, diary), and the student's figures.
//! Quick match and the booked tables run in the browser (one island): taking or giving up
//! a seat updates both and the header's credits; the rest is rendered by the server.

mod quick_match;
mod recent;
mod stats;
mod upcoming;

use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::reliability::{ledger_resource, ReliabilityAlerts, ReliabilityCard};
use crate::ui::shell::{use_server_now, use_viewer};
use leptos::prelude::*;

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
    // The page is rendered once, on the server; only the bookings run in the browser.
    let version = RwSignal::new(0u32);
    let ledger = ledger_resource(version.into());
    view! {
        <div class="mx-auto flex max-w-5xl flex-col gap-6">
            <section>
                <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{greeting}</h1>
                <p class="mt-2 text-ink/75">{t_string!(i18n, dashboard.lede)}</p>
            </section>
            <ReliabilityAlerts ledger />
            // Laptops: quick match on the left, booked and recent tables on the right.
            // Phones: one column, with a booked table above the form.
            <div class="grid gap-6 lg:grid-cols-2">
                <Bookings />
                <recent::Recent version />
            </div>
            <div class="grid gap-6 lg:grid-cols-2">
                <stats::Stats version />
                <ReliabilityCard ledger />
            </div>
        </div>
    }
}

/// Quick match and the tables booked, live in the browser: taking or giving up a seat
/// updates both (and the header's credits).
#[island(lazy)]
fn Bookings() -> impl IntoView {
    // One clock for the page, corrected to the server's time.
    let now = use_server_now();
    // Bumped whenever a seat is taken or given up, so the booked tables reload.
    let version = RwSignal::new(0u32);
    view! {
        <div class="lg:row-span-2"><quick_match::QuickMatchCard now version /></div>
        <upcoming::Upcoming now version />
    }
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
