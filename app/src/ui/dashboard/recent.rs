//! The tables the student just had: how each went, a link to its summary (saying when
//! ratings are still to give) and, once the table has ended, to its diary entry.

use super::Card;
use crate::api::table_types::RecentTable;
use crate::api::tables::load_recent_tables;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::table::names::mode_name;
use crate::ui::when::{use_local_clock, when};
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// The card.
#[component]
pub fn Recent() -> impl IntoView {
    let i18n = use_i18n();
    let tables = OnceResource::new(load_recent_tables());
    let list = move || {
        tables.get().map(|answer| match answer {
            Ok(tables) if tables.is_empty() => EitherOf3::A(view! {
                <p class="text-ink/80" data-testid="recent-empty">
                    {t_string!(i18n, dashboard.recent_empty)}
                </p>
            }),
            Ok(tables) => EitherOf3::B(view! {
                <ul class="flex flex-col gap-3" data-testid="recent">
                    {tables.into_iter().map(|table| view! { <Item table /> }).collect_view()}
                </ul>
            }),
            Err(error) => EitherOf3::C(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <Card title=t_string!(i18n, dashboard.recent_title)>
            <Transition>{list}</Transition>
        </Card>
    }
}

#[component]
fn Item(table: RecentTable) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let (verdict, tone) = if table.completed {
        (t_string!(i18n, dashboard.recent_completed), "bg-success/15")
    } else {
        (
            t_string!(i18n, dashboard.recent_not_counted),
            "bg-warning/20",
        )
    };
    let minutes = table.focus_minutes;
    let focus = t!(i18n, dashboard.recent_focus, count = move || minutes);
    let owed = (table.ratings_owed > 0).then(|| {
        let owed = table.ratings_owed;
        let text = t!(i18n, dashboard.recent_owed, count = move || owed);
        view! {
            <span
                class="rounded-full bg-accent/30 px-2 py-0.5 text-xs font-semibold"
                data-testid="recent-owed"
            >
                {text}
            </span>
        }
    });
    let topic = (!table.topic.is_empty()).then(|| table.topic.clone());
    let diary = table.in_diary.then(|| {
        // A full page load, so the browser scrolls to the entry the server rendered.
        view! {
            <a
                href=format!("/app/diary#table-{}", table.table_id)
                rel="external"
                class="btn-quiet"
                data-testid="recent-diary"
            >
                {t_string!(i18n, dashboard.recent_diary)}
            </a>
        }
    });
    view! {
        <li
            class="rounded-2xl border border-primary/15 bg-background p-4"
            data-testid="recent-table"
            data-table=table.table_id
        >
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{when(i18n, clock, table.starts_at)}</p>
                <span
                    class=format!("rounded-full px-3 py-1 text-sm {tone}")
                    data-testid="recent-verdict"
                    data-completed=table.completed.to_string()
                >
                    {verdict}
                </span>
            </div>
            <p class="mt-1 text-sm text-ink/75">
                {mode_name(i18n, table.mode)} " · " {focus}
                {topic
                    .map(|t| {
                        view! {
                            " · "
                            <span class="font-medium text-ink">{t}</span>
                        }
                    })}
            </p>
            <div class="mt-3 flex flex-wrap items-center gap-2">
                <a
                    href=format!("/app/table/{}", table.table_id)
                    class="btn-light"
                    data-testid="recent-summary"
                >
                    {t_string!(i18n, dashboard.recent_summary)}
                </a>
                {diary}
                {owed}
            </div>
        </li>
    }
}
