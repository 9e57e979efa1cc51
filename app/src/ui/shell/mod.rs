//! The signed-in frame around `/app/...`: header (logo, credits, user menu), a sidebar on
//! wide screens, a bottom bar on phones, and the route guard. Signed-out visitors go to
//! sign-in (and come back afterwards); accounts still onboarding go to onboarding.

mod nav;
mod user_menu;

use crate::api::profile::load_viewer_summary;
use crate::api::profile_types::ViewerSummary;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::query_escape;
use crate::ui::layout::Logo;
use crate::ui::pixel::{self, Pixels};
use crate::ui::server_clock::ticking_server_now;
use crate::ui::when::LocalClock;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_location;

/// The signed-in user, for pages inside the frame.
pub fn use_viewer() -> ViewerSummary {
    expect_context::<ViewerSummary>()
}

/// The credits shown in the header; pages that spend or receive credits update it.
#[derive(Clone, Copy, Debug)]
pub struct HeaderCredits(pub RwSignal<Option<i64>>);

/// The server's time as this browser estimates it, ticking every second; one clock for
/// the whole frame, corrected once when the frame loads.
#[derive(Clone, Copy, Debug)]
pub struct ServerNow(pub Signal<Timestamp>);

/// The frame's clock, for pages inside the frame.
pub fn use_server_now() -> Signal<Timestamp> {
    expect_context::<ServerNow>().0
}

/// The header's credits, for pages inside the frame.
pub fn use_header_credits() -> RwSignal<Option<i64>> {
    expect_context::<HeaderCredits>().0
}

/// The frame and guard for every `/app` page.
#[component]
pub fn AppShell() -> impl IntoView {
    let viewer = OnceResource::new(load_viewer_summary());
    let location = use_location();
    // A `Suspend`, not a closure over `viewer.get()`: on the server, Suspense walks its
    // children more than once before rendering (to find every resource they read), and a
    // closure would build the whole page (and start its resources) on each walk, giving
    // the browser's hydration different resource ids than the server's HTML. A Suspend
    // is built once and kept.
    let gate = move || {
        Suspend::new(async move {
            match viewer.await {
                Ok(summary) if summary.onboarded => EitherOf4::A(view! {
                    <FrameState viewer=summary.clone()>
                        <Frame viewer=summary />
                    </FrameState>
                }),
                Ok(_) => EitherOf4::B(view! { <Redirect path="/onboarding" /> }),
                Err(AppError::Unauthenticated) => {
                    let here = format!(
                        "{}{}",
                        location.pathname.get_untracked(),
                        location.search.get_untracked()
                    );
                    let path = format!("/signin?next={}", query_escape(&here));
                    EitherOf4::C(view! { <Redirect path /> })
                }
                Err(error) => EitherOf4::D(view! {
                    <main id="main" class="mx-auto max-w-xl p-8">
                        <ErrorNotice error />
                    </main>
                }),
            }
        })
    };
    view! { <Suspense fallback=crate::ui::layout::FrameLoading>{gate}</Suspense> }
}

/// What every island inside the frame shares: the student, the frame's clock and the
/// header's credits. An island itself, so the islands nested in the page (a countdown,
/// quick match) find it in the browser too.
#[island]
fn FrameState(viewer: ViewerSummary, children: Children) -> impl IntoView {
    provide_context(LocalClock {
        offset_ms: viewer.utc_offset_ms,
        now: viewer.server_now,
    });
    provide_context(HeaderCredits(RwSignal::new(viewer.credits)));
    provide_context(ServerNow(ticking_server_now(viewer.server_now)));
    provide_context(viewer);
    children()
}

/// Header, navigation and the page.
#[component]
fn Frame(viewer: ViewerSummary) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a href="#main" class="skip-link">
            {t_string!(i18n, nav.skip)}
        </a>
        <header class="sticky top-0 z-30 border-b border-primary/15 bg-background/95 backdrop-blur">
            <div class="flex items-center justify-between gap-3 px-4 py-3 sm:px-6">
                <div class="flex items-center gap-2">
                    <nav::SidebarToggle />
                    <a
                        href="/app"
                        class="flex items-center gap-2 rounded-lg"
                        aria-label=t_string!(i18n, nav.dashboard)
                    >
                        <Logo />
                        <span class="hidden text-lg font-bold tracking-tight sm:inline">
                            "Focus Squad"
                        </span>
                    </a>
                </div>
                <div class="flex items-center gap-2 sm:gap-3">
                    <CreditsBadge />
                    <user_menu::UserMenu viewer=viewer.clone() />
                </div>
            </div>
        </header>
        <div class="flex flex-1">
            <nav::Sidebar />
            <main id="main" class="min-w-0 flex-1 px-4 pb-28 pt-6 sm:px-8 md:pb-12">
                <Outlet />
            </main>
        </div>
        <nav::BottomNav />
    }
}

/// "2 credits": what is left to spend this week (a link to the credits page). An island:
/// pages that spend or receive credits update it.
#[island]
fn CreditsBadge() -> impl IntoView {
    let i18n = use_i18n();
    let credits = use_header_credits();
    let amount = move || {
        credits
            .get()
            .map_or_else(|| "∞".to_owned(), |n| n.to_string())
    };
    let label = move || match credits.get() {
        Some(n) => Either::Left(t!(i18n, shell.credits_label, count = move || n)),
        None => Either::Right(t_string!(i18n, shell.credits_unlimited)),
    };
    view! {
        <a
            href="/app/credits"
            class="flex min-h-11 items-center gap-2 rounded-full bg-surface px-3 text-sm font-semibold shadow-soft transition hover:bg-surface/70"
            data-testid="credits-badge"
        >
            <Pixels art=&pixel::COIN class="h-4 w-4" />
            <span aria-hidden="true">{amount}</span>
            <span class="sr-only">{label}</span>
            <span class="hidden text-ink/70 lg:inline" aria-hidden="true">
                {t!(i18n, shell.credits, count = move || credits.get().unwrap_or(0))}
            </span>
        </a>
    }
}
