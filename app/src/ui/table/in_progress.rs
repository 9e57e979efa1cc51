//! The table in progress (Setup to Social): the title, the connection status, the sound
//! and view toggles, the audio controls and a banner with a soft chime when a phase
//! begins; then the table itself, as the pixel room (`scene.rs`, the default) or in the
//! classic layout: the timer and the seats on one side, the board on the other (stacked
//! on phones), and leaving.

use super::audio::{provide_voice, AudioBar};
use super::board::Board;
use super::channel::ChannelState;
use super::leave::LeaveButton;
use super::scene::TableScene;
use super::seats::SeatGrid;
use super::sound_toggle::SoundToggle;
use super::timer::TimerRing;
use super::use_table;
use super::view_toggle::ViewToggle;
use crate::api::table_types::MyTable;
use crate::domain::schedule::Phase;
use crate::domain::stored::TableView;
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::phases::{phase_description, phase_name};
use leptos::either::Either;
use leptos::prelude::*;
use std::time::Duration;

/// How long a phase banner stays up.
const BANNER_FOR: Duration = Duration::from_secs(8);

/// The table in progress, seen as `view` says.
#[component]
pub fn TableInProgress(
    mine: MyTable,
    phase: Memo<Phase>,
    view: RwSignal<TableView>,
    credits: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = fill(t_string!(i18n, table.title), "table", mine.table_id);
    let topic = (!mine.topic.is_empty()).then(|| mine.topic.clone());
    let voice = provide_voice(mine.mode, phase);
    let room = mine.room;
    let body = move || match view.get() {
        TableView::Pixel => Either::Left(view! { <TableScene room phase credits /> }),
        TableView::Classic => Either::Right(view! { <ClassicLayout phase /> }),
    };
    view! {
        <section class="flex flex-col gap-4" aria-labelledby="table-title">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <div>
                    <h1 id="table-title" class="text-xl font-bold">
                        {heading}
                    </h1>
                    {topic.map(|t| view! { <p class="text-sm text-ink/75">{t}</p> })}
                </div>
                <div class="flex flex-wrap items-center gap-3">
                    <ConnectionStatus />
                    <SoundToggle />
                    <ViewToggle view />
                </div>
            </div>
            <AudioBar voice />
            <PhaseBanner phase />
            {body}
        </section>
    }
}

/// The classic layout: the timer and seat cards beside the board.
#[component]
fn ClassicLayout(phase: Memo<Phase>) -> impl IntoView {
    view! {
        <div class="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]">
            <div class="flex flex-col gap-6">
                <TimerRing phase />
                <SeatGrid />
                <div class="hidden lg:block">
                    <LeaveButton />
                </div>
            </div>
            <Board />
            <div class="lg:hidden">
                <LeaveButton />
            </div>
        </div>
    }
}

/// "Reconnecting…" while the channel is down.
#[component]
fn ConnectionStatus() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_table().channel.state;
    let text = move || match state.get() {
        ChannelState::Open => t_string!(i18n, table.status_live),
        ChannelState::Connecting => t_string!(i18n, table.status_connecting),
        ChannelState::Retrying => t_string!(i18n, table.status_retrying),
        ChannelState::Closed(_) => t_string!(i18n, table.status_closed),
    };
    let dot = move || match state.get() {
        ChannelState::Open => "bg-success",
        ChannelState::Closed(_) => "bg-error",
        _ => "bg-warning animate-pulse",
    };
    view! {
        <p
            class="flex items-center gap-2 rounded-full bg-surface px-3 py-1 text-sm"
            role="status"
            data-testid="channel-status"
        >
            <span
                class=move || format!("h-2.5 w-2.5 rounded-full {}", dot())
                aria-hidden="true"
            ></span>
            {text}
        </p>
    }
}

/// A banner when a new phase begins (not for the phase the page opened in), with the
/// chime when it is on.
#[component]
fn PhaseBanner(phase: Memo<Phase>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(None::<Phase>);
    Effect::new(move |previous: Option<Phase>| {
        let current = phase.get();
        if previous.is_some_and(|p| p != current) {
            shown.set(Some(current));
            #[cfg(feature = "hydrate")]
            super::chime::play_if_enabled();
            set_timeout(
                move || {
                    // The table may be gone by then (it ended).
                    if shown.try_get_untracked() == Some(Some(current)) {
                        shown.try_set(None);
                    }
                },
                BANNER_FOR,
            );
        }
        current
    });
    move || {
        shown.get().map(|phase| {
            view! {
                <div
                    role="status"
                    class="rounded-2xl bg-accent/25 px-5 py-3 shadow-soft"
                    data-testid="phase-banner"
                >
                    <p class="font-bold">{phase_name(i18n, phase)}</p>
                    <p class="text-sm text-ink/80">{phase_description(i18n, phase)}</p>
                </div>
            }
        })
    }
}
