//! A picture of a table running right now (the slot that started most recently): the
//! timer ring with the session's phases, and the pixel room with one student and three AI
//! companions at their desks (a valid table), each going through a table's states.

use crate::domain::characters::Character;
use crate::domain::scene::Room;
use crate::domain::schedule::{slot_floor, Phase, SESSION_MINUTES, TIMELINE};
use crate::domain::sprites::SpriteState;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::i18n::*;
use crate::ui::format::{decimal2, minutes_left};
use crate::ui::phases::{phase_name, phase_stroke};
use crate::ui::room::{ScenePreview, Seated};
use leptos::either::Either;
use leptos::prelude::*;

const RADIUS: f64 = 42.0;

/// Who sits in the picture: a student and three companions.
const SEATED: [Character; 4] = [
    Character::Sage,
    Character::Fox,
    Character::Owl,
    Character::Cat,
];

/// What each of them goes through, a step every few seconds.
const CYCLE: [SpriteState; 6] = [
    SpriteState::Working,
    SpriteState::Typing,
    SpriteState::Working,
    SpriteState::Speaking,
    SpriteState::Flow,
    SpriteState::Working,
];
const BEAT_MS: i64 = 4_000;

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
    // One student and three companions at their desks, each going through what a table
    // does (working, typing, talking, flow, a stretch) on its own rhythm.
    let seated = Signal::derive(move || {
        let beat = now.get().unix_millis() / BEAT_MS;
        SEATED
            .iter()
            .enumerate()
            .map(|(desk, character)| {
                let step = (beat + desk as i64 * 2).rem_euclid(CYCLE.len() as i64) as usize;
                (desk as u32, *character, CYCLE[(step + desk) % CYCLE.len()])
            })
            .collect::<Seated>()
    });
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
            <div class="mt-6">
                <ScenePreview
                    room=Room::CozyStudy
                    seated
                    label=t_string!(i18n, room.preview_label).to_owned()
                />
            </div>
        </figure>
    }
}
