//! The four seats: who sits there (avatar, name, AI badge), whether they are connected,
//! and what they are doing. Status rings: green connected, amber reconnecting, dashed
//! absent, faded once left.

use super::audio::{use_voice, Voice};
use super::names::{activity_label, link_key, link_label, seat_name};
use super::use_table;
use crate::api::live_types::{Link, SeatState};
use crate::api::table_types::Occupant;
use crate::domain::activity::Activity;
use crate::domain::matching::SEATS;
use crate::domain::voice::Quality;
use crate::i18n::*;
use crate::ui::reliability::badge::BadgeChip;
use crate::ui::room::Portrait;
use leptos::either::Either;
use leptos::prelude::*;

/// The seat grid (2 × 2 on phones, a row of four on wide screens when `wide`). Before
/// the start (`waiting`) a connected seat reads "Here": nobody is working yet.
#[component]
pub fn SeatGrid(
    #[prop(default = false)] wide: bool,
    #[prop(default = false)] waiting: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let seats = table.channel.seats;
    let cards = (1..=SEATS)
        .map(|seat| {
            let state =
                Memo::new(move |_| seats.with(|all| all.iter().find(|s| s.seat == seat).cloned()));
            view! { <SeatCard seat state you=table.seat waiting /> }
        })
        .collect_view();
    let grid = if wide {
        "grid grid-cols-2 gap-3 lg:grid-cols-4"
    } else {
        "grid grid-cols-2 gap-3"
    };
    view! {
        <ul class=grid aria-label=t_string!(i18n, upcoming.seats) data-testid="seats">
            {cards}
        </ul>
    }
}

#[component]
fn SeatCard(seat: i64, state: Memo<Option<SeatState>>, you: i64, waiting: bool) -> impl IntoView {
    let i18n = use_i18n();
    let voice = use_voice();
    let speaking = move || voice.is_some_and(|v| v.is_speaking(seat));
    let body = move || match state.get() {
        None => Either::Left(view! {
            <div
                class="flex h-14 w-14 items-center justify-center rounded-2xl border-2 border-dashed border-primary/30"
                aria-hidden="true"
            ></div>
            <p class="text-sm text-ink/70">{t_string!(i18n, upcoming.open_seat)}</p>
        }),
        Some(state) => {
            let picture = view! { <Portrait character=state.occupant.character() /> };
            let ring = match state.link {
                Link::Connected if state.activity == Activity::Ghosting => "ring-warning/60",
                Link::Connected => "ring-success",
                Link::Reconnecting { .. } => "ring-warning animate-pulse",
                Link::Dropped => "ring-warning/40",
                Link::Absent => "ring-primary/20",
                Link::Left => "ring-error/40 opacity-60",
            };
            let ai = matches!(state.occupant, Occupant::Companion(_));
            let badge = match &state.occupant {
                Occupant::Human { badge, .. } => Some(*badge),
                Occupant::Companion(_) => None,
            };
            let status = if state.link == Link::Connected && !waiting {
                activity_label(i18n, state.activity)
            } else {
                link_label(i18n, state.link)
            };
            Either::Right(view! {
                <div
                    class=move || {
                        format!(
                            "rounded-2xl ring-4 ring-offset-2 ring-offset-surface {ring} {}",
                            if speaking() {
                                "outline outline-4 outline-offset-4 outline-accent"
                            } else {
                                ""
                            },
                        )
                    }
                    data-speaking=move || speaking().to_string()
                >
                    {picture}
                </div>
                <div class="min-w-0 text-center">
                    <p class="flex items-center justify-center gap-1 truncate font-semibold">
                        <span class="truncate">{seat_name(i18n, &state, you)}</span>
                        {ai
                            .then(|| {
                                view! {
                                    <span class="rounded-md bg-accent/40 px-1.5 text-xs font-bold text-primary-deep">
                                        {t_string!(i18n, table.ai_badge)}
                                    </span>
                                }
                            })}
                    </p>
                    <p
                        class="text-xs text-ink/70"
                        data-testid="seat-status"
                        data-link=link_key(state.link)
                        data-activity=state.activity.key()
                    >
                        {status}
                        <Show when=speaking>
                            <span class="sr-only">", "{t_string!(i18n, audio.speaking)}</span>
                        </Show>
                    </p>
                    {badge
                        .map(|badge| {
                            view! {
                                <div class="mt-1">
                                    <BadgeChip badge />
                                </div>
                            }
                        })}
                    {voice.map(|voice| view! { <QualityBadge voice seat /> })}
                </div>
            })
        }
    };
    view! {
        <li
            class="flex min-h-36 flex-col items-center justify-center gap-2 rounded-2xl bg-background p-3 shadow-soft"
            data-testid="seat"
            data-seat=seat
        >
            {body}
        </li>
    }
}

/// The audio link to a tablemate: three bars, filled by quality.
#[component]
fn QualityBadge(voice: Voice, seat: i64) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        voice.quality_of(seat).map(|quality| {
            let (bars, colour) = match quality {
                Quality::Good => (3, "fill-success"),
                Quality::Fair => (2, "fill-warning"),
                Quality::Poor => (1, "fill-error"),
                Quality::Connecting | Quality::Lost => (0, "fill-error"),
            };
            let label = match quality {
                Quality::Good => t_string!(i18n, audio.quality_good),
                Quality::Fair => t_string!(i18n, audio.quality_fair),
                Quality::Poor => t_string!(i18n, audio.quality_poor),
                Quality::Connecting => t_string!(i18n, audio.quality_connecting),
                Quality::Lost => t_string!(i18n, audio.quality_lost),
            };
            let rects = (1..=3)
                .map(|n| {
                    let fill = if n <= bars { colour } else { "fill-line" };
                    view! { <rect x=(n - 1) * 3 y=6 - n * 2 width="2" height=n * 2 class=fill /> }
                })
                .collect_view();
            view! {
                <p
                    class="mt-1 flex items-center justify-center gap-1 text-xs text-ink/70"
                    data-testid="audio-quality"
                    data-quality=quality.key()
                >
                    <svg
                        viewBox="0 0 8 6"
                        class="h-3 w-4"
                        shape-rendering="crispEdges"
                        aria-hidden="true"
                    >
                        {rects}
                    </svg>
                    {label}
                </p>
            }
        })
    }
}
