//! `/app/table/{id}`: the live table. Before the start it is the waiting room; from
//! Setup to Social the table in progress (timer, seats, board); at the end the summary. The
//! page follows the server's clock (synced over the table channel), so every browser at
//! the table shows the same phase at the same moment whatever its own clock says.

mod audio;
mod board;
mod channel;
#[cfg(feature = "hydrate")]
mod chime;
mod in_progress;
mod leave;
pub(crate) mod names;
#[cfg(feature = "hydrate")]
mod presence;
mod reflection_form;
mod scene;
mod seats;
#[cfg(feature = "hydrate")]
mod socket;
mod sound_toggle;
mod summary;
mod timer;
mod view_toggle;
mod waiting;

use crate::api::live_types::{CloseReason, Link, SeatState};
use crate::api::table_page::load_table_page;
use crate::api::table_page_types::LoadedTable;
use crate::api::table_types::{Occupant, Tablemate};
use crate::domain::activity::Activity;
use crate::domain::board::Prompt;
use crate::domain::schedule::Phase;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::server_clock::ServerClock;
use channel::{Channel, ChannelState};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

/// The page: the table named in the address, live in the browser.
#[component]
pub fn TablePage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let i18n = use_i18n();
    let title = id.map(|id| crate::ui::format::fill(t_string!(i18n, table.title), "table", id));
    view! {
        {title.map(|text| view! { <crate::ui::layout::PageTitle text /> })}
        <TableIsland id />
    }
}

/// The live table: everything on the page runs in the browser (an island, loaded with
/// its own code only on this page).
#[island(lazy)]
fn TableIsland(id: Option<i64>) -> impl IntoView {
    let loaded = OnceResource::new(async move {
        match id {
            Some(id) => load_table_page(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let summary = summary::SummaryLoad::new(id);
    // Built once (a `Suspend`; see the app frame's gate for why).
    let body = move || {
        Suspend::new(async move {
            match loaded.await {
                Ok(loaded) => Either::Left(view! { <LiveTable loaded summary /> }),
                Err(error) => Either::Right(view! {
                    <div class="mx-auto max-w-xl">
                        <ErrorNotice error />
                    </div>
                }),
            }
        })
    };
    view! { <Suspense fallback=crate::ui::layout::Loading>{body}</Suspense> }
}

/// The seats as the page first shows them, before the channel says more.
fn initial_seats(
    mates: &[Tablemate],
    reflections: &[crate::api::table_page_types::MyReflection],
) -> Vec<SeatState> {
    let my_goal = reflections
        .iter()
        .find(|r| r.prompt == Prompt::Goal)
        .map(|r| r.text.clone());
    mates
        .iter()
        .map(|mate| SeatState {
            seat: mate.seat,
            occupant: mate.occupant.clone(),
            link: if mate.left {
                Link::Left
            } else if matches!(mate.occupant, Occupant::Companion(_)) {
                Link::Connected
            } else {
                Link::Absent
            },
            activity: Activity::Active,
            goal: mate.you.then(|| my_goal.clone()).flatten(),
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Waiting,
    InProgress,
    Summary,
    /// The table is open in a newer tab, which took over.
    Elsewhere,
}

/// What every part of the live table reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TableContext {
    pub table_id: i64,
    pub seat: i64,
    pub starts_at: Timestamp,
    pub channel: Channel,
    /// The server's time as this browser knows it, updated five times a second.
    pub now: Signal<Timestamp>,
    /// The viewer's reflections at this table.
    pub reflections: RwSignal<Vec<crate::api::table_page_types::MyReflection>>,
}

pub(crate) fn use_table() -> TableContext {
    expect_context::<TableContext>()
}

#[component]
fn LiveTable(loaded: LoadedTable, summary: summary::SummaryLoad) -> impl IntoView {
    let mine = loaded.table.clone();
    // Remembered on the account; the toggle changes it for this page at once.
    let view = RwSignal::new(loaded.view);
    let credits = loaded.credits;
    let i_left = mine.tablemates.iter().any(|m| m.you && m.left);
    // Ticks five times a second, so the timer ring moves smoothly; the channel's pings
    // refine the clock's offset.
    let clock = ServerClock::start(loaded.server_now, Duration::from_millis(200));
    let now = clock.now;
    let channel = Channel::new(
        initial_seats(&mine.tablemates, &loaded.reflections),
        clock.offset_ms,
    );
    let context = TableContext {
        table_id: mine.table_id,
        seat: mine.seat,
        starts_at: mine.starts_at,
        channel,
        now,
        reflections: RwSignal::new(loaded.reflections.clone()),
    };
    provide_context(context);
    let ended_at_load = loaded.ended || i_left;
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if !ended_at_load {
            socket::connect(channel, context.table_id);
            presence::report(channel);
        }
    });
    let starts_at = mine.starts_at;
    let phase = Memo::new(move |_| Phase::at(starts_at, now.get()));
    // Over for this page: it loaded that way, the student left, or the server said the
    // session ended (trusted even before the synced clock agrees).
    let over = move || {
        ended_at_load
            || matches!(
                channel.state.get(),
                ChannelState::Closed(CloseReason::Left | CloseReason::Ended)
            )
    };
    // The student just left (their Leave, or the server closing the channel for it,
    // whichever comes first): their summary is ready now, so ask for it at once.
    Effect::new(move |_| {
        if channel.state.get() == ChannelState::Closed(CloseReason::Left) {
            summary.reload();
        }
    });
    // The seat or the sign-in is gone: the page rendered for them no longer applies, so
    // the browser goes where the server would send it now.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let next = match channel.state.get() {
            ChannelState::Closed(CloseReason::SeatGone) => "/app",
            ChannelState::Closed(CloseReason::SignedOut) => "/signin",
            _ => return,
        };
        let _ = window().location().set_href(next);
    });
    // Which of the three screens: it changes twice per session, not on every phase.
    let stage = Memo::new(move |_| match phase.get() {
        _ if channel.state.get() == ChannelState::Closed(CloseReason::ElsewhereNow) => {
            Stage::Elsewhere
        }
        _ if over() => Stage::Summary,
        Phase::Ended => Stage::Summary,
        Phase::Upcoming => Stage::Waiting,
        _ => Stage::InProgress,
    });
    let stage = move || match stage.get() {
        Stage::Summary => EitherOf4::A(view! { <summary::Summary load=summary /> }),
        Stage::Waiting => EitherOf4::B(view! { <waiting::WaitingRoom mine=mine.clone() /> }),
        Stage::InProgress => EitherOf4::C(
            view! { <in_progress::TableInProgress mine=mine.clone() phase view credits /> },
        ),
        // The table (its microphone, audio and channel) is gone from this tab.
        Stage::Elsewhere => EitherOf4::D(view! { <OpenElsewhere /> }),
    };
    view! {
        <div class="mx-auto max-w-6xl" data-testid="table-page">
            {stage}
        </div>
    }
}

/// What an older tab shows once a newer one took the table over: why it went quiet, and a
/// button that brings the table back here (loading the page again takes over in turn).
#[component]
fn OpenElsewhere() -> impl IntoView {
    let i18n = use_i18n();
    let take_back = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().location().reload();
    };
    view! {
        <section
            class="mx-auto mt-10 max-w-md rounded-3xl bg-surface p-8 text-center shadow-soft"
            role="status"
            data-testid="open-elsewhere"
        >
            <h1 class="text-xl font-bold">{t_string!(i18n, table.elsewhere_title)}</h1>
            <p class="mt-2 text-ink/75">{t_string!(i18n, table.elsewhere_body)}</p>
            <button type="button" class="btn-primary mt-6" on:click=take_back>
                {t_string!(i18n, table.elsewhere_here)}
            </button>
        </section>
    }
}
