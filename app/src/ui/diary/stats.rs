//! The figures: sessions, focus hours, current and longest streak, top tags, and a bar
//! chart of focus minutes per week drawn as SVG (with a sentence for screen readers).

use super::names::{day_title, tag_label};
use super::use_diary;
use crate::api::diary_types::DiaryStats;
use crate::domain::diary::day::Day;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use leptos::either::Either;
use leptos::prelude::*;

/// The figures card.
#[component]
pub fn Figures() -> impl IntoView {
    let i18n = use_i18n();
    let diary = use_diary();
    let body = move || {
        diary.stats.get().map(|answer| match answer {
            Ok(stats) => Either::Left(view! { <FiguresView stats /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <section
            class="rounded-3xl bg-surface p-5 shadow-soft"
            aria-labelledby="diary-stats-title"
            data-testid="diary-stats"
        >
            <h2 id="diary-stats-title" class="text-lg font-bold">
                {t_string!(i18n, diary.stats_title)}
            </h2>
            <Transition>{body}</Transition>
        </section>
    }
}

#[component]
fn FiguresView(stats: DiaryStats) -> impl IntoView {
    let i18n = use_i18n();
    // Hours to one decimal, rounded.
    let tenths = (stats.focus_minutes * 10 + 30) / 60;
    let hours = format!("{}.{}", tenths / 10, tenths % 10);
    let days = |n: u32| fill(t_string!(i18n, diary.streak_days), "n", n);
    let figures = [
        (
            stats.sessions.to_string(),
            t_string!(i18n, diary.sessions),
            "stat-sessions",
        ),
        (hours, t_string!(i18n, diary.focus_hours), "stat-hours"),
        (
            days(stats.current_streak),
            t_string!(i18n, diary.current_streak),
            "stat-streak",
        ),
        (
            days(stats.longest_streak),
            t_string!(i18n, diary.longest_streak),
            "stat-longest",
        ),
    ]
    .into_iter()
    .map(|(value, label, id)| {
        view! {
            <div class="flex flex-col-reverse rounded-2xl bg-background p-3 text-center">
                <dt class="text-xs text-ink/70">{label}</dt>
                <dd class="font-mono text-2xl font-bold tabular-nums" data-testid=id>
                    {value}
                </dd>
            </div>
        }
    })
    .collect_view();
    let completed = fill(t_string!(i18n, diary.completed), "n", stats.completed);
    let tags = if stats.top_tags.is_empty() {
        Either::Left(
            view! { <p class="text-sm text-ink/60">{t_string!(i18n, diary.no_tags_yet)}</p> },
        )
    } else {
        let chips = stats
            .top_tags
            .iter()
            .map(|(tag, n)| {
                view! {
                    <li
                        class="rounded-full bg-accent/25 px-3 py-1 text-sm"
                        data-testid="top-tag"
                        data-tag=tag.key()
                    >
                        {tag_label(i18n, *tag)}
                        " "
                        <span class="font-mono text-ink/70">"×"{*n}</span>
                    </li>
                }
            })
            .collect_view();
        Either::Right(view! { <ul class="flex flex-wrap gap-2">{chips}</ul> })
    };
    view! {
        <dl class="mt-3 grid grid-cols-2 gap-2">{figures}</dl>
        <p class="mt-2 text-xs text-ink/60">
            {completed}" · "{t_string!(i18n, diary.streak_hint)}
        </p>
        <h3 class="mt-4 text-sm font-semibold">{t_string!(i18n, diary.top_tags)}</h3>
        <div class="mt-2">{tags}</div>
        <h3 class="mt-4 text-sm font-semibold">{t_string!(i18n, diary.chart_title)}</h3>
        <WeekChart weeks=stats.weeks />
    }
}

/// Bars of focus minutes per week, this week last.
#[component]
fn WeekChart(weeks: Vec<(Day, i64)>) -> impl IntoView {
    let i18n = use_i18n();
    const WIDTH: i64 = 240;
    const HEIGHT: i64 = 90;
    const BAR: i64 = 14;
    let count = weeks.len().max(1) as i64;
    let slot = WIDTH / count;
    let top = weeks.iter().map(|w| w.1).max().unwrap_or(0).max(60);
    let total: i64 = weeks.iter().map(|w| w.1).sum();
    let this_week = weeks.last().map(|w| w.1).unwrap_or(0);
    let shown = weeks.len();
    let summary = t!(
        i18n,
        diary.chart_summary,
        weeks = move || shown,
        total = move || t!(i18n, diary.focus_minutes, count = move || total),
        this_week = move || t!(i18n, diary.focus_minutes, count = move || this_week)
    );
    let last = weeks.len().saturating_sub(1);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, (monday, minutes))| {
            let h = if *minutes > 0 {
                (minutes * (HEIGHT - 4) / top).max(3)
            } else {
                1
            };
            let x = i as i64 * slot + (slot - BAR) / 2;
            let title = fill(
                &fill(
                    t_string!(i18n, diary.week_of),
                    "date",
                    day_title(i18n, *monday),
                ),
                "minutes",
                minutes,
            );
            let colour = if i == last {
                "fill-primary-deep"
            } else {
                "fill-accent"
            };
            view! {
                <rect x=x y=HEIGHT - h width=BAR height=h rx="2" class=colour data-minutes=*minutes>
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <figure class="mt-2" data-testid="week-chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {}", HEIGHT + 2)
                class="h-28 w-full"
                aria-hidden="true"
            >
                <line
                    x1="0"
                    y1=HEIGHT + 1
                    x2=WIDTH
                    y2=HEIGHT + 1
                    class="stroke-primary/30"
                    stroke-width="1"
                />
                {bars}
            </svg>
            <figcaption class="text-xs text-ink/60" data-testid="week-chart-summary">
                {summary}
            </figcaption>
        </figure>
    }
}
