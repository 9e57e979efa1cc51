//! The waiting room (before the start): the countdown, the table (mode, topic, language),
//! tablemates as they arrive, your goal, and cancel.

use super::leave::LeaveButton;
use super::names::{mode_name, table_and_seat};
use super::reflection_form::ReflectionForm;
use super::seats::SeatGrid;
use super::use_table;
use crate::api::live_types::Link;
use crate::api::table_types::MyTable;
use crate::domain::board::Prompt;
use crate::domain::scene::desk_of_seat;
use crate::domain::sprites::SpriteState;
use crate::i18n::*;
use crate::ui::format::{countdown, fill};
use crate::ui::room::names::room_name;
use crate::ui::room::{ScenePreview, Seated};
use crate::ui::when::{use_local_clock, when};
use leptos::prelude::*;

/// The waiting room.
#[component]
pub fn WaitingRoom(mine: MyTable) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let clock = use_local_clock();
    let starts_at = table.starts_at;
    let left = move || countdown(starts_at.millis_since(table.now.get()));
    let mode = mode_name(i18n, mine.mode);
    let heading = table_and_seat(i18n, mine.table_id, mine.seat);
    let topic = (!mine.topic.is_empty()).then(|| mine.topic.clone());
    let room = room_name(i18n, mine.room);
    let room_chip = fill(t_string!(i18n, room.held_in), "room", room);
    let room_label = fill(t_string!(i18n, room.scene_label), "room", room);
    // Everyone who has a seat, at their desk, working (nobody has started yet).
    let seats = table.channel.seats;
    let seated = Signal::derive(move || {
        seats.with(|all| {
            all.iter()
                .filter(|s| s.link != Link::Left)
                .filter_map(|s| {
                    desk_of_seat(s.seat)
                        .map(|desk| (desk, s.occupant.character(), SpriteState::Working))
                })
                .collect::<Seated>()
        })
    });
    view! {
        <div class="grid gap-6 lg:grid-cols-[1fr_1.2fr]" data-testid="waiting-room">
            <section class="rounded-3xl bg-surface p-6 shadow-soft">
                <p class="text-sm font-semibold uppercase tracking-wide text-primary-deep">
                    {t_string!(i18n, table.waiting_title)}
                </p>
                <h1 class="mt-1 text-2xl font-bold">{heading}</h1>
                <p class="mt-1 text-ink/75">{when(i18n, clock, starts_at)}</p>
                <p class="mt-6 text-sm text-ink/70">{t_string!(i18n, table.starts_in)}</p>
                <p
                    class="font-mono text-5xl font-bold tabular-nums"
                    data-testid="waiting-countdown"
                    aria-live="off"
                >
                    {left}
                </p>
                <ul class="mt-6 flex flex-wrap gap-2 text-sm">
                    <li class="rounded-full bg-background px-3 py-1">{mode}</li>
                    {topic
                        .map(|t| {
                            view! {
                                <li class="rounded-full bg-background px-3 py-1 font-medium">
                                    {t}
                                </li>
                            }
                        })}
                    <li class="rounded-full bg-background px-3 py-1" lang=mine.language.tag()>
                        {mine.language.endonym()}
                    </li>
                    <li class="rounded-full bg-background px-3 py-1" data-testid="table-room">
                        {room_chip}
                    </li>
                </ul>
                <p class="mt-6 text-sm text-ink/75">{t_string!(i18n, table.waiting_hint)}</p>
                <div class="mt-6">
                    <LeaveButton />
                </div>
            </section>
            <div class="flex flex-col gap-6">
                <section class="rounded-3xl bg-surface p-6 shadow-soft">
                    <h2 class="mb-4 text-lg font-bold">{t_string!(i18n, table.tablemates)}</h2>
                    <div class="mb-4">
                        <ScenePreview room=mine.room seated label=room_label />
                    </div>
                    <SeatGrid waiting=true />
                </section>
                <section class="rounded-3xl bg-surface p-6 shadow-soft">
                    <ReflectionForm prompt=Prompt::Goal />
                </section>
            </div>
        </div>
    }
}
