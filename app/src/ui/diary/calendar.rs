//! The month calendar: days shaded by focus minutes (five steps, with a legend), today
//! ringed, the picked day marked; picking a day shows its sessions in the timeline.

use super::names::{day_title, month_title, weekday_short};
use super::use_diary;
use crate::api::diary_types::{DiaryFilter, DiaryMonth};
use crate::domain::diary::day::Day;
use crate::domain::diary::stats::intensity;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use leptos::either::Either;
use leptos::prelude::*;

/// Background of a day by shade (0 = no session … 4 = 90 focus minutes or more).
const SHADES: [&str; 5] = [
    "bg-background text-ink/70",
    "bg-accent/30",
    "bg-accent/60",
    "bg-accent text-ink",
    "bg-primary-deep text-white",
];

/// The calendar card.
#[component]
pub fn Calendar() -> impl IntoView {
    let diary = use_diary();
    let body = move || {
        diary.days.get().map(|answer| match answer {
            Ok(month) => Either::Left(view! { <MonthView month /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <section
            class="rounded-3xl bg-surface p-5 shadow-soft"
            aria-labelledby="calendar-title"
            data-testid="diary-calendar"
        >
            <Transition>{body}</Transition>
        </section>
    }
}

/// One month: its title between the arrows, the grid, the legend.
#[component]
fn MonthView(month: DiaryMonth) -> impl IntoView {
    let i18n = use_i18n();
    let diary = use_diary();
    let shown = month.month;
    let legend = SHADES
        .iter()
        .map(|shade| view! { <span class=format!("h-3 w-3 rounded-sm {shade}") /> })
        .collect_view();
    view! {
        <div class="flex items-center justify-between gap-2">
            <button
                type="button"
                class="btn-quiet px-3"
                aria-label=t_string!(i18n, diary.previous_month)
                data-testid="calendar-previous"
                on:click=move |_| diary.month.set(Some(shown.plus(-1)))
            >
                "‹"
            </button>
            <h2
                id="calendar-title"
                class="text-lg font-bold"
                aria-live="polite"
                data-testid="calendar-title"
            >
                {month_title(i18n, shown)}
            </h2>
            <button
                type="button"
                class="btn-quiet px-3"
                aria-label=t_string!(i18n, diary.next_month)
                data-testid="calendar-next"
                on:click=move |_| diary.month.set(Some(shown.plus(1)))
            >
                "›"
            </button>
        </div>
        <Grid month />
        <div
            class="mt-3 flex items-center justify-end gap-1 text-xs text-ink/60"
            aria-hidden="true"
        >
            {t_string!(i18n, diary.legend)}
            {legend}
            {t_string!(i18n, diary.legend_more)}
        </div>
    }
}

#[component]
fn Grid(month: DiaryMonth) -> impl IntoView {
    let i18n = use_i18n();
    let DiaryMonth { month, days, today } = month;
    let Some(first) = month.first() else {
        return Either::Left(());
    };
    let heads = (0..7)
        .map(|d| {
            view! {
                <span class="text-center text-xs font-semibold text-ink/60" aria-hidden="true">
                    {weekday_short(i18n, d)}
                </span>
            }
        })
        .collect_view();
    let blanks = (0..first.weekday())
        .map(|_| view! { <span aria-hidden="true"></span> })
        .collect_view();
    let cells = (0..month.days() as i32)
        .map(|i| {
            let day = first.plus(i);
            let figures = days.iter().find(|d| d.day == day).copied();
            view! { <DayCell day today figures=figures.map(|f| (f.sessions, f.focus_minutes)) /> }
        })
        .collect_view();
    Either::Right(view! {
        <div class="mt-3 grid grid-cols-7 gap-1" role="group" aria-label=month_title(i18n, month)>
            {heads}
            {blanks}
            {cells}
        </div>
    })
}

#[component]
fn DayCell(day: Day, today: Day, figures: Option<(u32, i64)>) -> impl IntoView {
    let i18n = use_i18n();
    let diary = use_diary();
    let (sessions, minutes) = figures.unwrap_or((0, 0));
    let shade = SHADES[intensity(sessions, minutes) as usize];
    let date = day_title(i18n, day);
    // The button's name: the date, how many sessions and focus minutes.
    let label = match sessions {
        0 => Either::Left(fill(t_string!(i18n, diary.day_label_none), "date", date)),
        _ => Either::Right(t!(
            i18n,
            diary.day_label,
            count = move || i64::from(sessions),
            date = move || date.clone(),
            minutes = move || t!(i18n, diary.focus_minutes, count = move || minutes)
        )),
    };
    let picked = move || {
        diary
            .filter
            .with(|f| f.from == Some(day) && f.to == Some(day))
    };
    let ring = if day == today {
        " ring-2 ring-primary/60"
    } else {
        ""
    };
    let pick = move |_| {
        // Picking the picked day again shows every day (words and tags stay).
        let day = (!picked()).then_some(day);
        diary.narrow(DiaryFilter {
            from: day,
            to: day,
            ..diary.filter.get_untracked()
        });
    };
    view! {
        <button
            type="button"
            class=move || {
                format!(
                    "flex aspect-square min-h-9 items-center justify-center rounded-lg text-sm font-medium tabular-nums transition hover:brightness-95 {shade}{ring}{}",
                    if picked() {
                        " outline outline-3 outline-offset-1 outline-primary-deep"
                    } else {
                        ""
                    },
                )
            }
            aria-pressed=move || picked().to_string()
            data-testid="calendar-day"
            data-day=day.iso()
            data-sessions=sessions
            on:click=pick
        >
            <span aria-hidden="true">{day.ymd().2}</span>
            <span class="sr-only">{label}</span>
        </button>
    }
}
