//! Navigation inside the app: a collapsible sidebar on wide screens and a bottom bar on
//! phones, with the same destinations. The current page is marked `aria-current="page"`.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// One destination.
struct Destination {
    href: &'static str,
    label: &'static str,
    icon: Icon,
}

/// A pixel icon on a 10 × 10 grid, drawn row by row (`#` filled, `.` empty): outlines
/// with an inner detail, so each reads at 20 px instead of as a solid blob.
type Icon = [&'static str; 10];

const HOME: Icon = [
    "....##....",
    "...#..#...",
    "..#....#..",
    ".#......#.",
    "##########",
    ".#......#.",
    ".#..##..#.",
    ".#..##..#.",
    ".#..##..#.",
    ".########.",
];
const DIARY: Icon = [
    ".########.",
    ".#.#....#.",
    ".#.#.##.#.",
    ".#.#....#.",
    ".#.#.##.#.",
    ".#.#....#.",
    ".#.#....#.",
    ".#.#....#.",
    ".########.",
    "......#.#.",
];
const COIN: Icon = [
    "...####...",
    ".##....##.",
    ".#......#.",
    "#...##...#",
    "#..####..#",
    "#..####..#",
    "#...##...#",
    ".#......#.",
    ".##....##.",
    "...####...",
];
const SHIELD: Icon = [
    "##########",
    "#........#",
    "#.......##",
    "#......#.#",
    "#.#...#..#",
    "#..#.#...#",
    ".#..#...#.",
    "..#....#..",
    "...#..#...",
    "....##....",
];
const PERSON: Icon = [
    "...####...",
    "..#....#..",
    "..#....#..",
    "..#....#..",
    "...####...",
    "..........",
    "..######..",
    ".#......#.",
    "#........#",
    "##########",
];
/// A window with its side panel: the sidebar toggle (not a hamburger, which would read
/// as a phone menu beside a sidebar that is already there).
const PANEL: Icon = [
    "..........",
    "##########",
    "#..#.....#",
    "#..#.....#",
    "#..#.....#",
    "#..#.....#",
    "#..#.....#",
    "#..#.....#",
    "##########",
    "..........",
];
const GEAR: Icon = [
    "....##....",
    ".##.##.##.",
    ".########.",
    "..##..##..",
    "###....###",
    "###....###",
    "..##..##..",
    ".########.",
    ".##.##.##.",
    "....##....",
];

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
            icon: DIARY,
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

/// Each row's runs of filled cells as `(x, y, width)`.
fn runs(icon: &Icon) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    for (y, row) in icon.iter().enumerate() {
        let mut start = None;
        for (x, cell) in row.bytes().chain(std::iter::once(b'.')).enumerate() {
            match (cell == b'#', start) {
                (true, None) => start = Some(x),
                (false, Some(from)) => {
                    runs.push((from, y, x - from));
                    start = None;
                }
                _ => {}
            }
        }
    }
    runs
}

#[component]
fn PixelIcon(icon: Icon) -> impl IntoView {
    let rects = runs(&icon)
        .into_iter()
        .map(|(x, y, w)| view! { <rect x=x y=y width=w height="1" /> })
        .collect_view();
    view! {
        <svg viewBox="0 0 10 10" class="h-5 w-5 shrink-0 fill-current" shape-rendering="crispEdges" aria-hidden="true">
            {rects}
        </svg>
    }
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
            <PixelIcon icon=PANEL />
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
                        <PixelIcon icon=d.icon />
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
            <nav id="sidebar" aria-label=t_string!(i18n, nav.main) class="sticky top-[69px] px-3 py-6">
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
                        <PixelIcon icon=d.icon />
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_ten_by_ten_and_drawn_as_runs() {
        for icon in [HOME, DIARY, COIN, SHIELD, PERSON, GEAR] {
            assert!(icon
                .iter()
                .all(|row| row.len() == 10 && row.bytes().all(|c| c == b'#' || c == b'.')));
            let filled: usize = icon
                .iter()
                .map(|r| r.bytes().filter(|c| *c == b'#').count())
                .sum();
            assert_eq!(runs(&icon).iter().map(|r| r.2).sum::<usize>(), filled);
            // An outline, not a blob: at most 60 % of the grid is filled.
            assert!(filled <= 60, "{filled}");
        }
        assert_eq!(runs(&["##..######"; 10])[..2], [(0, 0, 2), (4, 0, 6)]);
    }
}
