//! Navigation inside the app: a collapsible sidebar on wide screens and a bottom bar on
//! phones, with the same destinations. The current page is marked `aria-current="page"`.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// One destination.
struct Destination {
    href: &'static str,
    label: &'static str,
    /// Pixel icon: filled cells on an 8×8 grid, as `(x, y, w, h)` rectangles.
    icon: &'static [(u8, u8, u8, u8)],
}

const HOME: &[(u8, u8, u8, u8)] = &[
    (3, 0, 2, 1),
    (2, 1, 4, 1),
    (1, 2, 6, 1),
    (0, 3, 8, 1),
    (1, 4, 2, 4),
    (5, 4, 2, 4),
    (3, 6, 2, 2),
];
const PERSON: &[(u8, u8, u8, u8)] = &[(2, 0, 4, 4), (1, 5, 6, 1), (0, 6, 8, 2)];
const GEAR: &[(u8, u8, u8, u8)] = &[(3, 0, 2, 8), (0, 3, 8, 2), (1, 1, 6, 6)];
const SHIELD: &[(u8, u8, u8, u8)] = &[
    (1, 0, 6, 1),
    (0, 1, 8, 3),
    (1, 4, 6, 2),
    (2, 6, 4, 1),
    (3, 7, 2, 1),
];
const BOOK: &[(u8, u8, u8, u8)] = &[
    (0, 1, 3, 6),
    (5, 1, 3, 6),
    (3, 2, 2, 6),
    (1, 0, 2, 1),
    (5, 0, 2, 1),
];
const COIN: &[(u8, u8, u8, u8)] = &[(2, 0, 4, 1), (1, 1, 6, 6), (0, 2, 8, 4), (2, 7, 4, 1)];

fn destinations(i18n: leptos_i18n::I18nContext<Locale>) -> [Destination; 6] {
    [
        Destination {
            href: "/app",
            label: t_string!(i18n, nav.dashboard),
            icon: HOME,
        },
        Destination {
            href: "/app/diary",
            label: t_string!(i18n, nav.diary),
            icon: BOOK,
        },
        Destination {
            href: "/app/credits",
            label: t_string!(i18n, nav.credits),
            icon: COIN,
        },
        Destination {
            href: "/app/reliability",
            label: t_string!(i18n, nav.reliability),
            icon: SHIELD,
        },
        Destination {
            href: "/app/profile",
            label: t_string!(i18n, nav.profile),
            icon: PERSON,
        },
        Destination {
            href: "/app/settings",
            label: t_string!(i18n, nav.settings),
            icon: GEAR,
        },
    ]
}

#[component]
fn PixelIcon(cells: &'static [(u8, u8, u8, u8)]) -> impl IntoView {
    let rects = cells
        .iter()
        .map(|(x, y, w, h)| {
            view! { <rect x=x.to_string() y=y.to_string() width=w.to_string() height=h.to_string() /> }
        })
        .collect_view();
    view! {
        <svg viewBox="0 0 8 8" class="h-5 w-5 shrink-0 fill-current" shape-rendering="crispEdges" aria-hidden="true">
            {rects}
        </svg>
    }
}

/// The header button that folds the sidebar to icons (wide screens only).
#[component]
pub fn SidebarToggle(collapsed: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="hidden h-11 w-11 items-center justify-center rounded-xl text-ink/75 transition hover:bg-surface md:inline-flex"
            aria-controls="sidebar"
            aria-expanded=move || (!collapsed.get()).to_string()
            aria-label=t_string!(i18n, nav.toggle_sidebar)
            on:click=move |_| collapsed.update(|c| *c = !*c)
        >
            <svg viewBox="0 0 8 8" class="h-5 w-5 fill-current" shape-rendering="crispEdges" aria-hidden="true">
                <rect x="0" y="1" width="8" height="1" />
                <rect x="0" y="3.5" width="8" height="1" />
                <rect x="0" y="6" width="8" height="1" />
            </svg>
        </button>
    }
}

/// The sidebar (wide screens).
#[component]
pub fn Sidebar(collapsed: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let links = destinations(i18n)
        .into_iter()
        .map(|d| {
            view! {
                <li>
                    <A href=d.href exact=true attr:class="nav-link" attr:title=d.label>
                        <PixelIcon cells=d.icon />
                        <span class:sr-only=move || collapsed.get()>{d.label}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav
            id="sidebar"
            aria-label=t_string!(i18n, nav.main)
            class="sticky top-[69px] hidden h-[calc(100dvh-69px)] shrink-0 border-r border-primary/15 px-3 py-6 transition-[width] md:block"
            class=("w-60", move || !collapsed.get())
            class=("w-[4.5rem]", move || collapsed.get())
        >
            <ul class="flex flex-col gap-1">{links}</ul>
        </nav>
    }
}

/// The bottom bar (phones).
#[component]
pub fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    let links = destinations(i18n)
        .into_iter()
        .map(|d| {
            view! {
                <li class="flex-1">
                    <A href=d.href exact=true attr:class="bottom-link">
                        <PixelIcon cells=d.icon />
                        <span>{d.label}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav
            aria-label=t_string!(i18n, nav.main)
            class="fixed inset-x-0 bottom-0 z-30 border-t border-primary/15 bg-background/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
        >
            <ul class="flex">{links}</ul>
        </nav>
    }
}
