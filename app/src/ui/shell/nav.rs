//! Navigation inside the app: a collapsible sidebar on wide screens and a bottom bar on
//! phones, with the same destinations. The current page is marked `aria-current="page"`.

use crate::i18n::*;
use crate::ui::pixel::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The size of a navigation icon.
const NAV_ICON: &str = "h-5 w-5 shrink-0";

/// One destination.
struct Destination {
    href: &'static str,
    label: &'static str,
    icon: &'static PixelArt,
}

fn destinations(i18n: leptos_i18n::I18nContext<Locale>) -> [Destination; 6] {
    [
        Destination {
            href: "/app",
            label: t_string!(i18n, nav.dashboard),
            icon: &NAV_HOME,
        },
        Destination {
            href: "/app/diary",
            label: t_string!(i18n, nav.diary),
            icon: &NAV_DIARY,
        },
        Destination {
            href: "/app/credits",
            label: t_string!(i18n, nav.credits),
            icon: &NAV_COIN,
        },
        Destination {
            href: "/app/reliability",
            label: t_string!(i18n, nav.reliability),
            icon: &NAV_SHIELD,
        },
        Destination {
            href: "/app/profile",
            label: t_string!(i18n, nav.profile),
            icon: &NAV_PERSON,
        },
        Destination {
            href: "/app/settings",
            label: t_string!(i18n, nav.settings),
            icon: &NAV_GEAR,
        },
    ]
}

/// The header button that folds the sidebar to icons (wide screens only). An island: it
/// marks the sidebar's column folded (`data-folded`), and the stylesheet does the rest.
#[island]
pub fn SidebarToggle() -> impl IntoView {
    let i18n = use_i18n();
    let folded = RwSignal::new(false);
    let toggle = move |_| {
        folded.update(|f| *f = !*f);
        if let Some(column) = document().get_element_by_id(SIDEBAR_COLUMN) {
            let _ = if folded.get_untracked() {
                column.set_attribute("data-folded", "true")
            } else {
                column.remove_attribute("data-folded")
            };
        }
    };
    view! {
        <button
            type="button"
            class="hidden h-11 w-11 items-center justify-center rounded-xl text-ink/75 transition hover:bg-surface md:inline-flex"
            aria-controls="sidebar"
            aria-expanded=move || (!folded.get()).to_string()
            aria-label=t_string!(i18n, nav.toggle_sidebar)
            on:click=toggle
        >
            <Pixels art=&NAV_PANEL class=NAV_ICON />
        </button>
    }
}

/// The sidebar's column, folded by `SidebarToggle`.
const SIDEBAR_COLUMN: &str = "sidebar-column";

/// The sidebar (wide screens).
#[component]
pub fn Sidebar() -> impl IntoView {
    let i18n = use_i18n();
    let links = destinations(i18n)
        .into_iter()
        .map(|d| {
            view! {
                <li>
                    <A href=d.href exact=true attr:class="nav-link" attr:title=d.label>
                        <Pixels art=d.icon class=NAV_ICON />
                        <span class="group-data-[folded]:sr-only">{d.label}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    // The column carries the divider, so it runs the page's whole height; the links
    // stay in view as the page scrolls.
    view! {
        <div
            id=SIDEBAR_COLUMN
            class="group hidden w-60 shrink-0 border-r border-primary/15 transition-[width] data-[folded]:w-[4.5rem] md:block"
        >
            <nav
                id="sidebar"
                aria-label=t_string!(i18n, nav.main)
                class="sticky top-[69px] px-3 py-6"
            >
                <ul class="flex flex-col gap-1">{links}</ul>
            </nav>
        </div>
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
                <li class="min-w-0 flex-1">
                    <A href=d.href exact=true attr:class="bottom-link">
                        <Pixels art=d.icon class=NAV_ICON />
                        <span class="max-w-full truncate">{d.label}</span>
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
            <ul class="flex gap-0.5 px-1.5 py-1">{links}</ul>
        </nav>
    }
}
