//! The 55-minute session as a picture: a bar whose segments are as long as the phases,
//! with minute marks. Picking a phase (bar or legend, mouse or keyboard) shows what
//! happens in it.

use crate::domain::schedule::{Phase, PhaseSpan, SESSION_MINUTES, TIMELINE};
use crate::i18n::*;
use crate::ui::format::decimal2;
use crate::ui::phases::{phase_description, phase_fill, phase_name};
use leptos::prelude::*;

/// The interactive session timeline (an island: picking a phase runs in the browser).
#[island]
pub fn SessionTimeline() -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new(Phase::Setup);
    let segments = TIMELINE
        .iter()
        .map(|span| {
            let phase = span.phase;
            let is_selected = move || selected.get() == phase;
            view! {
                <button
                    type="button"
                    tabindex="-1"
                    aria-hidden="true"
                    style=format!("flex-grow: {}", span.minutes())
                    class=move || {
                        format!(
                            "h-12 basis-0 first:rounded-l-2xl last:rounded-r-2xl transition-opacity {} {}",
                            phase_fill(phase),
                            if is_selected() {
                                "opacity-100"
                            } else {
                                "opacity-45 hover:opacity-75"
                            },
                        )
                    }
                    on:click=move |_| selected.set(phase)
                ></button>
            }
        })
        .collect_view();
    let marks = TIMELINE
        .iter()
        .map(|s| s.start_minute)
        .chain(std::iter::once(SESSION_MINUTES))
        .map(|minute| {
            let left = minute as f64 * 100.0 / SESSION_MINUTES as f64;
            view! {
                <span
                    class=format!(
                        "absolute font-mono text-xs text-ink/70 {}",
                        mark_alignment(minute),
                    )
                    style=format!("left: {}%", decimal2(left))
                >
                    {minute}
                </span>
            }
        })
        .collect_view();
    let legend = TIMELINE
        .iter()
        .map(|span| {
            let phase = span.phase;
            view! {
                <li>
                    <button
                        type="button"
                        class="phase-chip"
                        aria-pressed=move || (selected.get() == phase).to_string()
                        aria-controls="phase-detail"
                        on:click=move |_| selected.set(phase)
                    >
                        <span
                            class=format!("h-3 w-3 rounded-full {}", phase_fill(phase))
                            aria-hidden="true"
                        ></span>
                        {phase_name(i18n, phase)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section id="how" class="bg-surface/60 py-16" aria-labelledby="how-title">
            <div class="mx-auto max-w-6xl px-5 sm:px-8">
                <h2 id="how-title" class="text-2xl font-bold sm:text-3xl">
                    {t_string!(i18n, landing.how_title)}
                </h2>
                <p class="mt-3 max-w-2xl text-ink/80">{t_string!(i18n, landing.how_lede)}</p>
                <figure class="mt-10">
                    <figcaption class="sr-only">
                        {t_string!(i18n, landing.timeline_label)}
                    </figcaption>
                    <div class="flex gap-1">{segments}</div>
                    <div class="relative mt-2 h-5" aria-hidden="true">
                        {marks}
                    </div>
                </figure>
                <ul class="mt-6 flex flex-wrap gap-2">{legend}</ul>
                <div
                    id="phase-detail"
                    class="mt-6 rounded-3xl bg-background p-6 shadow-soft"
                    aria-live="polite"
                    data-testid="phase-detail"
                >
                    {move || {
                        let phase = selected.get();
                        let span = phase.span().unwrap_or(TIMELINE[0]);
                        view! {
                            <h3 class="text-xl font-semibold">{phase_name(i18n, phase)}</h3>
                            <SpanText span />
                            <p class="mt-3 leading-relaxed text-ink/85">
                                {phase_description(i18n, phase)}
                            </p>
                        }
                    }}
                </div>
            </div>
        </section>
    }
}

/// Where a minute mark's label sits against its tick: labels next to a short phase lean
/// away from it so neighbours (28 and 30) never overlap on a phone.
fn mark_alignment(minute: i64) -> &'static str {
    let starts_short = TIMELINE
        .iter()
        .any(|s| s.start_minute == minute && s.minutes() < 5);
    let ends_short = TIMELINE
        .iter()
        .any(|s| s.end_minute == minute && s.minutes() < 5);
    if minute == 0 || (ends_short && !starts_short) {
        ""
    } else if minute == SESSION_MINUTES || starts_short {
        "-translate-x-full pr-1"
    } else {
        "-translate-x-1/2"
    }
}

#[component]
fn SpanText(span: PhaseSpan) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end, minutes) = (span.start_minute, span.end_minute, span.minutes());
    view! {
        <p class="mt-1 font-mono text-sm text-primary-deep">
            {t!(
                i18n, landing.span, start = move || start, end = move || end, minutes = move || minutes
            )}
        </p>
    }
}
