//! The table in progress as a pixel room (the default view): the table's room fills the
//! frame; each seat's character sits at its desk doing what the table channel says
//! (talking from the audio level, held two seconds; its activity; a stretch when a phase
//! begins; an empty chair once they leave); a name tag under each desk carries the name,
//! badge, connection and microphone, and the state in words for screen readers. Over the
//! scene, a HUD: the phase and time left, credits, the board and leaving.

use super::audio::{use_voice, Mic};
use super::board::Board;
use super::leave::LeaveButton;
use super::names::seat_name;
use super::use_table;
use crate::api::live_types::{Link, SeatState};
use crate::api::table_types::Occupant;
use crate::domain::board::Prompt;
use crate::domain::matching::SEATS;
use crate::domain::scene::{desk_left, desk_of_seat, Room, DESK, DESK_TOP};
use crate::domain::schedule::Phase;
use crate::domain::sprite_state::{sprite_state, Presence, SeatSignals};
use crate::domain::sprites::SpriteState;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::i18n::*;
use crate::ui::format::{countdown, fill};
use crate::ui::phases::phase_name;
use crate::ui::pixel::{self, Pixels};
use crate::ui::reliability::badge::BadgeChip;
use crate::ui::room::names::{room_name, state_label};
use crate::ui::room::{at, DeskSpot, RoomScene, Sprite};
use leptos::either::Either;
use leptos::prelude::*;

/// The scene with its HUD and the floating board.
#[component]
pub fn TableScene(room: Room, phase: Memo<Phase>, credits: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let board_open = RwSignal::new(Prompt::posted_at(phase.get_untracked()).is_some());
    // The board opens by itself when a phase brings a prompt to answer.
    Effect::new(move |previous: Option<Phase>| {
        let current = phase.get();
        if previous.is_some_and(|p| p != current) && Prompt::posted_at(current).is_some() {
            board_open.set(true);
        }
        current
    });
    let figures = (1..=SEATS)
        .filter_map(|seat| desk_of_seat(seat).map(|desk| (seat, desk)))
        .map(|(seat, desk)| view! { <SeatAtDesk seat desk phase /> })
        .collect_view();
    let label = fill(
        t_string!(i18n, room.scene_label),
        "room",
        room_name(i18n, room),
    );
    view! {
        <div class="relative flex flex-col gap-3">
            <div
                class="room-frame relative flex h-[min(70dvh,56.25vw)] min-h-[12rem] w-full items-center justify-center overflow-hidden rounded-3xl bg-background shadow-soft"
                role="group"
                aria-label=label
                data-testid="room-scene"
            >
                <RoomScene room>
                    <ul aria-label=t_string!(i18n, room.seats_label)>{figures}</ul>
                </RoomScene>
                <Hud phase credits board_open />
            </div>
            <div
                id="table-board"
                class=move || {
                    if board_open.get() {
                        "lg:absolute lg:bottom-3 lg:right-3 lg:top-20 lg:z-10 lg:w-[26rem] lg:overflow-y-auto lg:rounded-3xl lg:shadow-soft"
                    } else {
                        "hidden"
                    }
                }
            >
                <Board />
            </div>
            <div class="sm:hidden">
                <LeaveButton />
            </div>
        </div>
    }
}

/// The phase, time left, credits and the board and leave buttons, over the scene.
#[component]
fn Hud(phase: Memo<Phase>, credits: Option<i64>, board_open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    // (milliseconds left in the phase, its length)
    let left = move || {
        phase.get().span().map(|span| {
            let end = table.starts_at.plus_millis(span.end_minute * MINUTE_MS);
            (
                end.millis_since(table.now.get()),
                span.minutes() * MINUTE_MS,
            )
        })
    };
    let time_left = move || left().map(|(ms, _)| countdown(ms));
    // The ring empties over the phase (r = 8: circumference 50.27).
    let ring = move || {
        let (ms, length) = left().unwrap_or((0, 1));
        let done = 1.0 - (ms as f64 / length as f64).clamp(0.0, 1.0);
        format!("{:.2}", 50.27 * done)
    };
    let credits = match credits {
        Some(n) => Either::Left(t!(i18n, shell.credits_label, count = move || n)),
        None => Either::Right(t_string!(i18n, shell.credits_unlimited)),
    };
    view! {
        <div class="pointer-events-none absolute inset-x-2 top-2 flex flex-wrap items-start justify-between gap-2 sm:inset-x-3 sm:top-3">
            <p
                class="pointer-events-auto flex items-baseline gap-2 rounded-2xl bg-background/85 px-3 py-1.5 shadow-soft backdrop-blur-sm"
                data-testid="hud-phase"
            >
                <svg viewBox="0 0 20 20" class="h-4 w-4 -rotate-90 self-center" aria-hidden="true">
                    <circle
                        cx="10"
                        cy="10"
                        r="8"
                        fill="none"
                        class="stroke-line"
                        stroke-width="3"
                    />
                    <circle
                        cx="10"
                        cy="10"
                        r="8"
                        fill="none"
                        class="stroke-primary"
                        stroke-width="3"
                        stroke-dasharray="50.27"
                        stroke-dashoffset=ring
                    />
                </svg>
                <span class="font-bold">{move || phase_name(i18n, phase.get())}</span>
                <span class="font-mono text-sm tabular-nums" role="timer">
                    {time_left}
                </span>
            </p>
            <div class="pointer-events-auto flex items-center gap-2">
                <p class="hidden rounded-2xl bg-background/85 px-3 py-1.5 text-sm shadow-soft backdrop-blur-sm md:block">
                    {credits}
                </p>
                <button
                    type="button"
                    class="min-h-10 rounded-2xl bg-background/90 px-3 text-sm font-semibold text-primary-deep shadow-soft backdrop-blur-sm hover:bg-surface"
                    aria-controls="table-board"
                    aria-expanded=move || board_open.get().to_string()
                    on:click=move |_| board_open.update(|open| *open = !*open)
                    data-testid="board-toggle"
                >
                    {move || {
                        if board_open.get() {
                            t_string!(i18n, room.board_hide)
                        } else {
                            t_string!(i18n, room.board_show)
                        }
                    }}
                </button>
                <div class="hidden sm:block">
                    <LeaveButton />
                </div>
            </div>
        </div>
    }
}

/// When `seat`'s audio was last heard, for the two-second hold: now while it is heard,
/// then the moment it stopped.
fn heard_at(seat: i64) -> Memo<Option<Timestamp>> {
    let table = use_table();
    let voice = use_voice();
    let speaking = Memo::new(move |_| voice.is_some_and(|v| v.is_speaking(seat)));
    let stopped = RwSignal::new(None::<Timestamp>);
    Effect::new(move |was: Option<bool>| {
        let now_speaking = speaking.get();
        if was == Some(true) && !now_speaking {
            stopped.set(Some(table.now.get_untracked()));
        }
        now_speaking
    });
    Memo::new(move |_| {
        if speaking.get() {
            Some(table.now.get())
        } else {
            stopped.get()
        }
    })
}

/// One seat: its character at `desk` and its name tag under the desk.
#[component]
fn SeatAtDesk(seat: i64, desk: u32, phase: Memo<Phase>) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let voice = use_voice();
    let you = table.seat;
    let state = Memo::new(move |_| {
        table
            .channel
            .seats
            .with(|all| all.iter().find(|s| s.seat == seat).cloned())
    });
    let heard = heard_at(seat);
    let sprite = Memo::new(move |_| {
        let seat_state = state.get();
        let now = table.now.get();
        let phase = phase.get();
        let since_phase_start_ms = phase.span().map_or(i64::MAX, |span| {
            now.millis_since(table.starts_at.plus_millis(span.start_minute * MINUTE_MS))
        });
        sprite_state(SeatSignals {
            presence: presence(seat_state.as_ref()),
            activity: seat_state.map(|s| s.activity).unwrap_or_default(),
            since_heard_ms: heard.get().map(|at| now.millis_since(at)),
            phase,
            since_phase_start_ms,
        })
    });
    let character = Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.occupant.character())));
    let figure = move || {
        character.get().map(|character| {
            let shown = Signal::derive(move || sprite.get().unwrap_or(SpriteState::Working));
            view! {
                <Show when=move || sprite.get().is_some()>
                    <Sprite
                        character
                        state=shown
                        delay_ms=(seat as u32) * 370
                        style=DeskSpot(desk).style()
                    />
                </Show>
            }
        })
    };
    let name = move || {
        state.with(|s| match s {
            Some(s) if sprite.get().is_some() => seat_name(i18n, s, you),
            _ => t_string!(i18n, room.empty_seat).to_owned(),
        })
    };
    let words = move || sprite.get().map(|s| format!(", {}", state_label(i18n, s)));
    let dot = move || match state.get().map(|s| s.link) {
        Some(Link::Connected) => "bg-success",
        Some(Link::Reconnecting { .. } | Link::Dropped) => "bg-warning",
        _ => "bg-line",
    };
    let badge = move || match state.get().map(|s| s.occupant) {
        Some(Occupant::Human { badge, .. }) => Some(view! { <BadgeChip badge /> }),
        _ => None,
    };
    // The viewer's own microphone, at a table where people speak: on, or not sending.
    let mic = move || {
        let voice = voice.filter(|v| seat == you && v.may_speak.get())?;
        Some(if voice.mic.get() == Mic::Live {
            (&pixel::MIC, t_string!(i18n, room.mic_on))
        } else {
            (&pixel::MIC_OFF, t_string!(i18n, room.mic_off))
        })
    };
    let tag_at = format!(
        "{};width:calc({} * var(--px))",
        at(desk_left(desk), DESK_TOP + DESK.1 + 20),
        DESK.0
    );
    view! {
        <li
            class="contents"
            data-testid="scene-seat"
            data-seat=seat
            data-sprite-state=move || sprite.get().map_or("empty", |s| s.key())
            data-character=move || character.get().map(|c| c.as_str())
        >
            {figure}
            <div class="absolute flex justify-center" style=tag_at>
                <p class="flex max-w-full items-center gap-1 rounded-full bg-background/90 px-2 py-0.5 text-xs font-semibold shadow-soft">
                    <span
                        class=move || format!("h-2 w-2 shrink-0 rounded-full {}", dot())
                        aria-hidden="true"
                    ></span>
                    <span class="truncate">{name}</span>
                    <span class="sr-only">{words}</span>
                    <span class="hidden lg:inline-flex">{badge}</span>
                    {move || {
                        mic()
                            .map(|(art, label)| {
                                view! {
                                    <span
                                        class="inline-flex shrink-0"
                                        title=label
                                        data-testid="tag-mic"
                                    >
                                        <Pixels art class="h-3 w-3" />
                                        <span class="sr-only">{label}</span>
                                    </span>
                                }
                            })
                    }}
                </p>
            </div>
        </li>
    }
}

/// Whether the seat's occupant is here, as the sprite rules see it.
fn presence(seat: Option<&SeatState>) -> Presence {
    match seat.map(|s| s.link) {
        None | Some(Link::Left) => Presence::Empty,
        Some(Link::Connected) => Presence::Here,
        Some(_) => Presence::Missing,
    }
}
