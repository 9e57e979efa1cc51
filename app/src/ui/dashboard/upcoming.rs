//! The tables the student has booked: when (local time, live countdown), where, who else
//! is seated, and cancel (saying whether it refunds) or leave once started.
//!
//! Rendered by the server; cancelling and leaving are plain forms (the server sends the
//! browser back to the dashboard), the two-step cancel is a `<details>` disclosure, and
//! only the countdowns and the refund note run in the browser.

use super::live::{ClockText, TableClock};
use super::Card;
use crate::api::table_types::{MyTable, MyTables, Occupant, Tablemate};
use crate::api::tables::{CancelSeat, LeaveTable};
use crate::domain::matching::SEATS;
use crate::domain::schedule::Phase;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::{error_message, ErrorNotice};
use crate::ui::occupants::occupant_name;
use crate::ui::room::Portrait;
use crate::ui::shell::use_server_now;
use crate::ui::table::names::{mode_name, table_and_seat};
use crate::ui::when::{use_local_clock, when};
use leptos::either::{Either, EitherOf3};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The card with the list (`tables`: the viewer's tables, loaded once for the page).
#[component]
pub fn Upcoming(tables: Resource<Result<MyTables, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    // A plain cancel or leave that the server refused comes back with its reason.
    let cancel = ServerAction::<CancelSeat>::new();
    let leave = ServerAction::<LeaveTable>::new();
    let refusal = cancel
        .value()
        .with_untracked(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
        .or_else(|| {
            leave
                .value()
                .with_untracked(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
        })
        .map(|e| {
            view! {
                <p role="alert" class="mb-4 rounded-xl bg-error/10 px-4 py-3 text-sm text-error">
                    {error_message(i18n, &e)}
                </p>
            }
        });
    // The card is the dashboard grid's item: on a phone a booked table comes first,
    // above the quick-match form.
    let card = move || {
        tables.get().map(|answer| {
            let booked = matches!(&answer, Ok(mine) if !mine.tables.is_empty());
            let list = match answer {
                Ok(mine) if mine.tables.is_empty() => EitherOf3::A(view! {
                    <p class="text-ink/80">{t_string!(i18n, dashboard.upcoming_empty)}</p>
                    <div class="mt-4">
                        <crate::ui::landing::FrameNextStart />
                    </div>
                }),
                Ok(mine) => EitherOf3::B(view! {
                    <ul class="flex flex-col gap-4" data-testid="upcoming">
                        {mine
                            .tables
                            .into_iter()
                            .map(|table| view! { <TableItem table cancel leave /> })
                            .collect_view()}
                    </ul>
                }),
                Err(error) => EitherOf3::C(view! { <ErrorNotice error /> }),
            };
            let refusal = refusal.clone();
            view! {
                <div
                    class=if booked { "order-first lg:order-none" } else { "" }
                    data-testid="upcoming-card"
                >
                    <Card title=t_string!(i18n, dashboard.upcoming_title)>{refusal}{list}</Card>
                </div>
            }
        })
    };
    view! { <Suspense>{card}</Suspense> }
}

#[component]
fn TableItem(
    table: MyTable,
    cancel: ServerAction<CancelSeat>,
    leave: ServerAction<LeaveTable>,
) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let mode = mode_name(i18n, table.mode);
    let heading = table_and_seat(i18n, table.table_id, table.seat);
    let topic = (!table.topic.is_empty()).then(|| table.topic.clone());
    let starts_at_ms = table.starts_at.unix_millis();
    view! {
        <li
            class="rounded-2xl border border-primary/15 bg-background p-4"
            data-testid="upcoming-table"
        >
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{when(i18n, clock, table.starts_at)}</p>
                <p
                    class="rounded-full bg-surface px-3 py-1 font-mono text-sm tabular-nums"
                    data-testid="upcoming-countdown"
                >
                    <TableClock starts_at_ms text=ClockText::Booked />
                </p>
            </div>
            <p class="mt-1 text-sm text-ink/75">
                {heading} " · " {mode}
                {topic
                    .map(|t| {
                        view! {
                            " · "
                            <span class="font-medium text-ink">{t}</span>
                        }
                    })}
            </p>
            <Seats mates=table.tablemates.clone() />
            <a
                href=format!("/app/table/{}", table.table_id)
                class="btn-primary mt-4 w-full sm:w-auto"
                data-testid="open-table"
            >
                {t_string!(i18n, table.open)}
            </a>
            <SeatActions table cancel leave />
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
                    let badge = matches!(mate.occupant, Occupant::Companion(_))
                        .then(|| t_string!(i18n, upcoming.ai));
                    (
                        Either::Left(
                            view! { <Portrait character=mate.occupant.character() scale=1.0 /> },
                        ),
                        name,
                        badge,
                    )
                }
                None => (
                    Either::Right(view! {
                        <span
                            class="h-8 w-8 rounded-xl border-2 border-dashed border-primary/30"
                            aria-hidden="true"
                        ></span>
                    }),
                    t_string!(i18n, upcoming.open_seat).to_owned(),
                    None,
                ),
            };
            view! {
                <li class="flex min-w-0 items-center gap-2">
                    {avatar} <span class="truncate text-sm">{name}</span>
                    {badge.map(|b| view! { <span class="sr-only">{b}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="mt-3 grid grid-cols-2 gap-2" aria-label=t_string!(i18n, upcoming.seats)>
            {seats}
        </ul>
    }
}

/// Cancel before the start (two steps, saying whether it refunds), leave once started.
/// Which one is decided when the page is rendered; a cancel sent after the start is
/// refused with its reason.
#[component]
fn SeatActions(
    table: MyTable,
    cancel: ServerAction<CancelSeat>,
    leave: ServerAction<LeaveTable>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_server_now().get_untracked();
    let table_id = table.table_id.to_string();
    let body = if Phase::at(table.starts_at, now) == Phase::Upcoming {
        Either::Left(view! {
            <p class="text-sm text-ink/70">
                <TableClock starts_at_ms=table.starts_at.unix_millis() text=ClockText::Refund />
            </p>
            <details class="group">
                <summary
                    class="btn-light w-fit cursor-pointer list-none [&::-webkit-details-marker]:hidden"
                    data-testid="cancel-seat"
                >
                    <span class="group-open:hidden">{t_string!(i18n, upcoming.cancel)}</span>
                    <span class="hidden group-open:inline">{t_string!(i18n, upcoming.keep)}</span>
                </summary>
                <ActionForm action=cancel attr:class="mt-2 flex flex-wrap gap-2">
                    <input type="hidden" name="table_id" value=table_id />
                    <input
                        type="hidden"
                        name="idempotency_key"
                        value=format!("cancel-{}", table.participant_id)
                    />
                    <button type="submit" class="btn-danger">
                        {t_string!(i18n, upcoming.cancel_confirm)}
                    </button>
                </ActionForm>
            </details>
        })
    } else {
        Either::Right(view! {
            <ActionForm action=leave attr:class="flex">
                <input type="hidden" name="table_id" value=table_id />
                <button type="submit" class="btn-light">
                    {t_string!(i18n, upcoming.leave)}
                </button>
            </ActionForm>
        })
    };
    view! { <div class="mt-4 flex flex-col gap-2">{body}</div> }
}
