//! `/app`: the dashboard. A welcome, when the next tables start, the credits to spend,
//! and empty states that say what comes next until there are sessions to show.

use crate::api::schedule::next_table;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::landing::NextStart;
use crate::ui::server_clock::ticking_server_now;
use crate::ui::shell::use_viewer;
use leptos::either::Either;
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
    let credits = match viewer.credits {
        Some(n) => fill(t_string!(i18n, dashboard.credits_body), "count", n),
        None => t_string!(i18n, dashboard.credits_unlimited).to_owned(),
    };
    view! {
        <div class="mx-auto flex max-w-5xl flex-col gap-6">
            <section>
                <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{greeting}</h1>
                <p class="mt-2 text-ink/75">{t_string!(i18n, dashboard.lede)}</p>
            </section>
            <div class="grid gap-4 md:grid-cols-2">
                <Card title=t_string!(i18n, dashboard.upcoming_title)>
                    <p class="text-ink/80">{t_string!(i18n, dashboard.upcoming_empty)}</p>
                    <div class="mt-4"><NextTables /></div>
                </Card>
                <Card title=t_string!(i18n, dashboard.credits_title)>
                    <p class="text-ink/80" data-testid="dashboard-credits">{credits}</p>
                    <p class="mt-2 text-sm text-ink/70">{t_string!(i18n, dashboard.credits_hint)}</p>
                </Card>
                <Card title=t_string!(i18n, dashboard.stats_title)>
                    <p class="text-ink/80">{t_string!(i18n, dashboard.stats_empty)}</p>
                </Card>
                <Card title=t_string!(i18n, dashboard.profile_title)>
                    <p class="text-ink/80">{t_string!(i18n, dashboard.profile_body)}</p>
                    <a href="/app/profile" class="btn-quiet -ml-5 mt-1">{t_string!(i18n, dashboard.profile_cta)}</a>
                </Card>
            </div>
        </div>
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

/// "Next tables start in 12:34" by the server's clock.
#[component]
fn NextTables() -> impl IntoView {
    let next = OnceResource::new(next_table());
    let live = move || {
        next.get().map(|answer| match answer {
            Ok(table) => {
                Either::Left(view! { <NextStart now=ticking_server_now(table.server_now) /> })
            }
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! { <Suspense>{live}</Suspense> }
}
