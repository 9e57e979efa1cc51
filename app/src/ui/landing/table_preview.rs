//! A picture of a table running right now (the slot that started most recently): the
//! timer ring with the session's phases, and the four seats of one student with three AI
//! companions — a valid table.

use crate::domain::companions::Companion;
use crate::domain::schedule::{slot_floor, Phase, SESSION_MINUTES, TIMELINE};
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::i18n::*;
use crate::ui::avatar::companion_name;
use crate::ui::format::{decimal2, minutes_left};
use crate::ui::phases::{phase_name, phase_stroke};
use leptos::either::Either;
use leptos::prelude::*;

const RADIUS: f64 = 42.0;

fn circumference() -> f64 {
    2.0 * std::f64::consts::PI * RADIUS
}

fn arc_len(minutes: f64) -> f64 {
    circumference() * minutes / SESSION_MINUTES as f64
}

/// The live table picture.
#[component]
pub fn TablePreview(now: Signal<Timestamp>) -> impl IntoView {
    let i18n = use_i18n();
    let start = move || slot_floor(now.get());
    let elapsed_ms = move || now.get().millis_since(start());
    let phase = move || Phase::at(start(), now.get());
    let status = move || {
        let phase = phase();
        match phase.span() {
            Some(span) => {
                let left = minutes_left(span.end_minute * MINUTE_MS - elapsed_ms());
                let name = phase_name(i18n, phase);
                Either::Left(t!(
                    i18n,
                    landing.table_phase_left,
                    phase = move || name,
                    minutes = move || left
                ))
            }
            None => Either::Right(t_string!(i18n, landing.table_between)),
        }
    };
    let progress = move || {
        let done = arc_len(elapsed_ms() as f64 / MINUTE_MS as f64);
        format!("{} {}", decimal2(done), decimal2(circumference()))
    };
    let arcs = TIMELINE
        .iter()
        .map(|span| {
            let dash = format!(
                "{} {}",
                decimal2(arc_len(span.minutes() as f64) - 1.5),
                decimal2(circumference())
            );
            let offset = decimal2(-arc_len(span.start_minute as f64));
            view! {
                <circle
                    cx="50"
                    cy="50"
                    r="42"
                    fill="none"
                    class=phase_stroke(span.phase)
                    stroke-opacity="0.35"
                    stroke-width="8"
                    stroke-dasharray=dash
                    stroke-dashoffset=offset
                />
            }
        })
        .collect_view();
    let seats = Companion::ALL[..3]
        .iter()
        .map(|c| view! { <Seat name=companion_name(i18n, *c) initial=companion_initial(*c) ai=true /> })
        .collect_view();
    view! {
        <figure
            class="rounded-3xl bg-surface p-6 shadow-soft"
            aria-labelledby="table-preview-title"
        >
            <figcaption id="table-preview-title" class="text-sm font-semibold text-primary-deep">
                {t_string!(i18n, landing.table_title)}
            </figcaption>
            <div class="mt-4 grid grid-cols-[auto_1fr] items-center gap-6">
                <svg
                    viewBox="0 0 100 100"
                    class="h-32 w-32 -rotate-90 sm:h-36 sm:w-36"
                    aria-hidden="true"
                >
                    {arcs}
                    <circle
                        cx="50"
                        cy="50"
                        r="42"
                        fill="none"
                        class="stroke-primary"
                        stroke-width="8"
                        stroke-linecap="round"
                        stroke-dasharray=progress
                    />
                </svg>
                <p class="text-lg font-semibold" data-testid="table-preview-status" aria-live="off">
                    {status}
                </p>
            </div>
            <ul class="mt-6 grid grid-cols-2 gap-3">
                <Seat name=t_string!(i18n, landing.seat_you) initial="★" ai=false />
                {seats}
            </ul>
        </figure>
    }
}

fn companion_initial(companion: Companion) -> &'static str {
    match companion {
        Companion::FocusFox => "F",
        Companion::StudyOwl => "O",
        Companion::CalmCat => "C",
        Companion::ZenPanda => "P",
    }
}

#[component]
fn Seat(name: &'static str, initial: &'static str, ai: bool) -> impl IntoView {
    let i18n = use_i18n();
    let avatar = if ai { "bg-accent/60" } else { "bg-success/70" };
    view! {
        <li class="flex min-w-0 items-center gap-3 rounded-2xl bg-background px-3 py-2">
            <span
                class=format!(
                    "grid h-9 w-9 shrink-0 place-items-center rounded-xl font-bold text-ink {avatar}",
                )
                aria-hidden="true"
            >
                {initial}
            </span>
            <span class="flex min-w-0 flex-col leading-tight">
                <span class="truncate text-sm font-medium">{name}</span>
                {ai
                    .then(|| {
                        view! {
                            <span class="text-xs font-semibold text-primary-deep">
                                {t_string!(i18n, landing.seat_ai)}
                            </span>
                        }
                    })}
            </span>
        </li>
    }
}
