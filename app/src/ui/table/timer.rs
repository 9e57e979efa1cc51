//! The shared timer: a ring that empties over the current phase, the phase's name, the
//! time left in it (to the second, from the synced server clock) and what comes next,
//! with the five phases as a strip underneath.

use super::use_table;
use crate::domain::schedule::{Phase, TIMELINE};
use crate::domain::time::MINUTE_MS;
use crate::i18n::*;
use crate::ui::format::{countdown, fill};
use crate::ui::phases::{phase_fill, phase_name};
use leptos::prelude::*;

const RADIUS: f64 = 52.0;

/// The timer for the table's session.
#[component]
pub fn TimerRing(phase: Memo<Phase>) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let starts_at = table.starts_at;
    let now = table.now;
    // (milliseconds left in the phase, the phase's length)
    let left = move || {
        let span = phase.get().span()?;
        let end = starts_at.plus_millis(span.end_minute * MINUTE_MS);
        Some((end.millis_since(now.get()), span.minutes() * MINUTE_MS))
    };
    let circumference = 2.0 * std::f64::consts::PI * RADIUS;
    let dash_offset = move || {
        let (left, length) = left().unwrap_or((0, 1));
        let done = 1.0 - (left as f64 / length as f64).clamp(0.0, 1.0);
        format!("{:.2}", circumference * done)
    };
    let time_left = move || left().map_or_else(String::new, |(ms, _)| countdown(ms));
    let next = move || {
        let next = TIMELINE
            .iter()
            .skip_while(|s| s.phase != phase.get())
            .nth(1)
            .map(|s| s.phase)
            .unwrap_or(Phase::Ended);
        fill(
            t_string!(i18n, table.next_phase),
            "phase",
            phase_name(i18n, next),
        )
    };
    let strip = TIMELINE
        .iter()
        .map(|span| {
            let this = span.phase;
            let class = move || {
                let state = if phase.get() == this {
                    "opacity-100 ring-2 ring-primary-deep/60"
                } else {
                    "opacity-40"
                };
                format!("h-2 rounded-full {} {state}", phase_fill(this))
            };
            let width = format!("flex-grow: {}", span.minutes());
            view! { <span class=class style=width title=phase_name(i18n, this)></span> }
        })
        .collect_view();
    view! {
        <section
            class="rounded-3xl bg-surface p-5 shadow-soft"
            aria-labelledby="timer-phase"
            data-testid="timer"
        >
            <div class="flex items-center gap-5">
                <div class="relative h-32 w-32 shrink-0">
                    <svg viewBox="0 0 120 120" class="h-32 w-32 -rotate-90" aria-hidden="true">
                        <circle
                            cx="60"
                            cy="60"
                            r=RADIUS.to_string()
                            fill="none"
                            stroke="currentColor"
                            stroke-width="10"
                            class="text-background"
                        />
                        <circle
                            cx="60"
                            cy="60"
                            r=RADIUS.to_string()
                            fill="none"
                            stroke="currentColor"
                            stroke-width="10"
                            stroke-linecap="round"
                            class="text-primary transition-[stroke-dashoffset] duration-200"
                            stroke-dasharray=format!("{circumference:.2}")
                            stroke-dashoffset=dash_offset
                        />
                    </svg>
                    <p
                        class="absolute inset-0 flex items-center justify-center font-mono text-2xl font-bold tabular-nums"
                        data-testid="timer-left"
                        aria-live="off"
                    >
                        {time_left}
                    </p>
                </div>
                <div class="min-w-0">
                    <p class="text-sm font-medium text-ink/70">
                        {t_string!(i18n, table.now_label)}
                    </p>
                    <h2
                        id="timer-phase"
                        class="text-2xl font-bold"
                        data-testid="timer-phase"
                        data-phase=move || format!("{:?}", phase.get())
                    >
                        {move || phase_name(i18n, phase.get())}
                    </h2>
                    <p class="mt-1 text-sm text-ink/75">{next}</p>
                </div>
            </div>
            <div class="mt-4 flex gap-1" aria-hidden="true">
                {strip}
            </div>
        </section>
    }
}
