//! The student's figures, from their own history.

use crate::api::tables::load_stats;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use leptos::either::Either;
use leptos::prelude::*;

/// Four figures: completed sessions, focus time, essence, tables booked.
#[component]
pub fn Stats() -> impl IntoView {
    let i18n = use_i18n();
    let stats = OnceResource::new(load_stats());
    let figures = move || {
        stats.get().map(|answer| match answer {
            Ok(stats) => {
                let (hours, minutes) = (stats.focus_minutes / 60, stats.focus_minutes % 60);
                let focus = if hours > 0 {
                    fill(
                        &fill(t_string!(i18n, time.hours_minutes), "h", hours),
                        "m",
                        minutes,
                    )
                } else {
                    fill(t_string!(i18n, time.minutes), "m", minutes)
                };
                Either::Left(view! {
                    <dl
                        class="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-2"
                        data-testid="stats"
                    >
                        <Figure
                            label=t_string!(i18n, stats.completed)
                            value=stats.completed.to_string()
                        />
                        <Figure label=t_string!(i18n, stats.focus) value=focus />
                        <Figure
                            label=t_string!(i18n, stats.essence)
                            value=stats.essence.to_string()
                        />
                        <Figure
                            label=t_string!(i18n, stats.upcoming)
                            value=stats.upcoming.to_string()
                        />
                    </dl>
                    {(stats.completed == 0)
                        .then(|| {
                            view! {
                                <p class="mt-3 text-sm text-ink/70">
                                    {t_string!(i18n, dashboard.stats_empty)}
                                </p>
                            }
                        })}
                })
            }
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <section class="rounded-3xl bg-surface p-6 shadow-soft" aria-labelledby="stats-title">
            <h2 id="stats-title" class="text-lg font-bold">
                {t_string!(i18n, dashboard.stats_title)}
            </h2>
            <div class="mt-4">
                <Transition>{figures}</Transition>
            </div>
        </section>
    }
}

#[component]
fn Figure(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="rounded-2xl bg-background px-4 py-3">
            <dt class="text-sm text-ink/70">{label}</dt>
            <dd class="mt-1 text-2xl font-bold tabular-nums">{value}</dd>
        </div>
    }
}
