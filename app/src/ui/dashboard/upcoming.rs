//! The tables the student has booked: when (local time, live countdown), where, who else
//! is seated, and cancel (saying whether it refunds) or leave once started.

use super::Card;
use crate::api::table_types::{MySession, Occupant, Tablemate};
use crate::api::tables::{load_my_sessions, CancelSeat, LeaveTable};
use crate::domain::credits::refundable;
use crate::domain::matching::SEATS;
use crate::domain::schedule::Phase;
use crate::domain::time::Timestamp;
use crate::i18n::*;
use crate::ui::avatar::{occupant_name, Avatar};
use crate::ui::errors::{error_message, ErrorNotice};
use crate::ui::format::{countdown, fill};
use crate::ui::landing::NextStart;
use crate::ui::phases::phase_name;
use crate::ui::shell::use_header_credits;
use crate::ui::table::names::{mode_name, table_and_seat};
use crate::ui::when::{use_local_clock, when};
use leptos::either::EitherOf3;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The card with the list.
#[component]
pub fn Upcoming(now: Signal<Timestamp>, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let sessions = Resource::new(move || version.get(), |_| load_my_sessions());
    // The card is the dashboard grid's item: on a phone a booked table comes first,
    // above the quick-match form (decided with the data, so the server's page agrees).
    let card = move || {
        sessions.get().map(|answer| {
            let booked = matches!(&answer, Ok(mine) if !mine.sessions.is_empty());
            let list = match answer {
                Ok(mine) if mine.sessions.is_empty() => EitherOf3::A(view! {
                    <p class="text-ink/80">{t_string!(i18n, dashboard.upcoming_empty)}</p>
                    <div class="mt-4"><NextStart now /></div>
                }),
                Ok(mine) => EitherOf3::B(view! {
                    <ul class="flex flex-col gap-4" data-testid="upcoming">
                        {mine.sessions.into_iter().map(|session| view! { <SessionItem session now version /> }).collect_view()}
                    </ul>
                }),
                Err(error) => EitherOf3::C(view! { <ErrorNotice error /> }),
            };
            view! {
                <div class=if booked { "order-first lg:order-none" } else { "" } data-testid="upcoming-card">
                    <Card title=t_string!(i18n, dashboard.upcoming_title)>{list}</Card>
                </div>
            }
        })
    };
    view! { <Transition>{card}</Transition> }
}

#[component]
fn SessionItem(
    session: MySession,
    now: Signal<Timestamp>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let starts_at = session.starts_at;
    let status = move || {
        let now = now.get();
        match Phase::at(starts_at, now) {
            Phase::Upcoming => fill(
                t_string!(i18n, upcoming.starts_in),
                "countdown",
                countdown(starts_at.millis_since(now)),
            ),
            phase => phase_name(i18n, phase).to_owned(),
        }
    };
    let mode = mode_name(i18n, session.mode);
    let heading = table_and_seat(i18n, session.table_id, session.seat);
    let topic = (!session.topic.is_empty()).then(|| session.topic.clone());
    view! {
        <li class="rounded-2xl border border-primary/15 bg-background p-4" data-testid="upcoming-session">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{when(i18n, clock, starts_at)}</p>
                <p class="rounded-full bg-surface px-3 py-1 font-mono text-sm tabular-nums" data-testid="upcoming-countdown">{status}</p>
            </div>
            <p class="mt-1 text-sm text-ink/75">
                {heading} " · " {mode}
                {topic.map(|t| view! { " · " <span class="font-medium text-ink">{t}</span> })}
            </p>
            <Seats mates=session.tablemates.clone() />
            <a href=format!("/app/table/{}", session.table_id) class="btn-primary mt-4 w-full sm:w-auto" data-testid="open-table">
                {t_string!(i18n, table.open)}
            </a>
            <SeatActions table_id=session.table_id participant_id=session.participant_id starts_at now version />
        </li>
    }
}

/// The four seats: people, companions and open seats.
#[component]
fn Seats(mates: Vec<Tablemate>) -> impl IntoView {
    let i18n = use_i18n();
    let seats = (1..=SEATS)
        .map(|seat| {
            let mate = mates.iter().find(|m| m.seat == seat).cloned();
            let (avatar, name, badge) = match mate {
                Some(mate) => {
                    let name = occupant_name(i18n, &mate.occupant, mate.you);
                    match mate.occupant {
                        Occupant::Human { username, .. } => {
                            (EitherOf3::A(view! { <Avatar username size="h-8 w-8" /> }), name, None)
                        }
                        Occupant::Companion(_) => (
                            EitherOf3::B(view! { <span class="flex h-8 w-8 items-center justify-center rounded-xl bg-accent/30 text-xs font-bold" aria-hidden="true">"AI"</span> }),
                            name,
                            Some(t_string!(i18n, upcoming.ai)),
                        ),
                    }
                }
                None => (
                    EitherOf3::C(view! { <span class="h-8 w-8 rounded-xl border-2 border-dashed border-primary/30" aria-hidden="true"></span> }),
                    t_string!(i18n, upcoming.open_seat).to_owned(),
                    None,
                ),
            };
            view! {
                <li class="flex min-w-0 items-center gap-2">
                    {avatar}
                    <span class="truncate text-sm">{name}</span>
                    {badge.map(|b| view! { <span class="sr-only">{b}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="mt-3 grid grid-cols-2 gap-2" aria-label=t_string!(i18n, upcoming.seats)>{seats}</ul>
    }
}

/// Cancel before the start (two steps, saying whether it refunds), leave once started.
#[component]
fn SeatActions(
    table_id: i64,
    participant_id: i64,
    starts_at: Timestamp,
    now: Signal<Timestamp>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let credits = use_header_credits();
    let cancel = ServerAction::<CancelSeat>::new();
    let leave = ServerAction::<LeaveTable>::new();
    let confirming = RwSignal::new(false);
    let started = move || Phase::at(starts_at, now.get()) != Phase::Upcoming;
    Effect::new(move |_| {
        if let Some(Ok(outcome)) = cancel.value().get() {
            credits.update(|c| *c = c.map(|n| n + outcome.refunded));
            version.update(|v| *v += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = leave.value().get() {
            version.update(|v| *v += 1);
        }
    });
    let note = move || {
        if refundable(starts_at, now.get()) {
            t_string!(i18n, upcoming.refund_yes)
        } else {
            t_string!(i18n, upcoming.refund_no)
        }
    };
    let error = move || {
        let cancel_error = cancel
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()));
        let leave_error = leave
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()));
        cancel_error.or(leave_error).map(|e| {
            view! { <p role="alert" class="mt-2 text-sm text-error">{error_message(i18n, &e)}</p> }
        })
    };
    view! {
        <div class="mt-4 flex flex-col gap-2">
            <Show
                when=started
                fallback=move || view! {
                    <p class="text-sm text-ink/70">{note}</p>
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="btn-light self-start" on:click=move |_| confirming.set(true)>
                                {t_string!(i18n, upcoming.cancel)}
                            </button>
                        }
                    >
                        <ActionForm action=cancel attr:class="flex flex-wrap gap-2">
                            <input type="hidden" name="table_id" value=table_id.to_string() />
                            <input type="hidden" name="idempotency_key" value=format!("cancel-{participant_id}") />
                            <button type="submit" class="btn-danger" disabled=move || cancel.pending().get()>
                                {t_string!(i18n, upcoming.cancel_confirm)}
                            </button>
                            <button type="button" class="btn-quiet" on:click=move |_| confirming.set(false)>
                                {t_string!(i18n, upcoming.keep)}
                            </button>
                        </ActionForm>
                    </Show>
                }
            >
                <ActionForm action=leave attr:class="flex">
                    <input type="hidden" name="table_id" value=table_id.to_string() />
                    <button type="submit" class="btn-light" disabled=move || leave.pending().get()>
                        {t_string!(i18n, upcoming.leave)}
                    </button>
                </ActionForm>
            </Show>
            {error}
        </div>
    }
}
