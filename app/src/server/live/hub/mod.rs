//! The live tables served by this instance: who is connected to which seat, each table's
//! recent board, the phase last announced, and what the companions are doing.
//!
//! State lives in one map behind a `std::sync::Mutex` held only for in-memory work (never
//! across an await); database writes (presence, flags) happen outside it. Messages leave
//! through the [`Fanout`]. A table's state is created when its first connection arrives
//! and dropped by [`Live::tick`] once nobody has been connected for a while or the
//! session is over; chat is ephemeral, so losing the board then loses nothing stored.

mod inbound;
mod table;
#[cfg(test)]
mod tests;
mod tick;

use super::fanout::{Delivery, Fanout};
use super::roster::{self, Roster};
use crate::api::audio_types::AudioSetup;
use crate::api::live_types::{CloseReason, Link, ServerMessage, Welcome, PROTOCOL_VERSION};
use crate::domain::schedule::Phase;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::{AppError, Refusal};
use crate::server::db::Db;
use crate::server::tables::presence;
use axum::extract::ws::Utf8Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use table::TableLive;
use tokio::sync::broadcast;

/// Board entries kept per table for reconnecting browsers.
pub const BOARD_KEEP: usize = 300;
/// A table nobody has been connected to for this long is dropped from memory.
const IDLE_DROP_MS: i64 = 10 * MINUTE_MS;

/// A participant allowed onto a table's channel.
#[derive(Clone, Debug)]
pub struct Admission {
    /// The table.
    pub table_id: i64,
    /// Their seat.
    pub seat: i64,
    /// Their participant row.
    pub participant_id: i64,
    /// The student.
    pub user_id: i64,
    roster: Roster,
}

impl Admission {
    /// The table's mode.
    pub fn mode(&self) -> crate::domain::matching::TableMode {
        self.roster.mode
    }

    /// The table as read when the seat was admitted (start, seats and who holds them).
    pub fn roster(&self) -> &Roster {
        &self.roster
    }
}

/// A connection attached to a table.
#[derive(Debug)]
pub struct Attached {
    /// The first message to send.
    pub welcome: Welcome,
    /// What the table publishes from now on.
    pub receiver: broadcast::Receiver<Delivery>,
}

/// The live tables of this instance.
#[derive(Debug)]
pub struct Live {
    fanout: Arc<dyn Fanout>,
    tables: Mutex<HashMap<i64, TableLive>>,
    next_seq: AtomicU64,
}

/// `message` as a text frame.
fn frame(message: &ServerMessage) -> Utf8Bytes {
    serde_json::to_string(message)
        .expect("protocol messages always serialise")
        .into()
}

impl Live {
    /// Live tables publishing through `fanout`. Board sequence numbers start at
    /// `first_seq` (pass the clock in microseconds so numbers keep growing across
    /// restarts and a reconnecting browser never mistakes new entries for old ones).
    pub fn new(fanout: Arc<dyn Fanout>, first_seq: u64) -> Self {
        Self {
            fanout,
            tables: Mutex::new(HashMap::new()),
            next_seq: AtomicU64::new(first_seq.max(1)),
        }
    }

    fn tables(&self) -> MutexGuard<'_, HashMap<i64, TableLive>> {
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn publish(&self, table_id: i64, message: &ServerMessage) {
        self.fanout.publish(
            table_id,
            Delivery {
                to_seat: None,
                text: frame(message),
                close: false,
            },
        );
    }

    /// Number of tables and connections held here (for metrics and benchmarks).
    pub fn load(&self) -> (usize, usize) {
        let tables = self.tables();
        (
            tables.len(),
            tables.values().map(TableLive::connections).sum(),
        )
    }

    /// Checks that `user_id` may connect to `table_id` at `now`: they hold a seat there,
    /// have not left, and the session is not over.
    pub async fn admit(
        &self,
        db: &Db,
        user_id: i64,
        table_id: i64,
        now: Timestamp,
    ) -> Result<Admission, AppError> {
        let roster = roster::load(db, table_id, now).await?;
        let seat = roster.seat_of(user_id).ok_or(AppError::Forbidden)?;
        if seat.left {
            return Err(AppError::Refused {
                reason: Refusal::AlreadyLeft,
            });
        }
        if roster.is_closed() || Phase::at(roster.starts_at, now) == Phase::Ended {
            return Err(AppError::Refused {
                reason: Refusal::TableEnded,
            });
        }
        Ok(Admission {
            table_id,
            seat: seat.seat,
            participant_id: seat.participant_id,
            user_id,
            roster,
        })
    }

    /// Attaches an admitted connection: counts it, records the seat as connected (the
    /// first connection of a seat opens a presence interval) and returns the welcome with
    /// the board entries after `after`.
    pub async fn attach(
        &self,
        db: &Db,
        admission: &Admission,
        after: Option<u64>,
        audio: AudioSetup,
        now: Timestamp,
    ) -> Result<Attached, AppError> {
        let table_id = admission.table_id;
        // Subscribe first: nothing published from here on can be missed.
        let receiver = self.fanout.subscribe(table_id);
        let (welcome, first) = {
            let mut tables = self.tables();
            let first_seq = self.next_seq.load(Ordering::Relaxed);
            let table = tables
                .entry(table_id)
                .or_insert_with(|| TableLive::new(admission.roster.clone(), first_seq, now));
            table.roster = admission.roster.clone();
            table.last_seen = now;
            let seat = table.seats.entry(admission.seat).or_default();
            seat.connections += 1;
            seat.dropped_at = None;
            let first = seat.connections == 1;
            let complete = after.is_none_or(|a| a >= table.forgotten_through);
            let board = table
                .board
                .iter()
                .filter(|e| after.is_none_or(|a| e.seq > a))
                .cloned()
                .collect();
            let welcome = Welcome {
                version: PROTOCOL_VERSION,
                seat: admission.seat,
                starts_at: table.roster.starts_at,
                server_now: now,
                seats: table.seat_states(now),
                board,
                complete,
                audio,
            };
            (welcome, first)
        };
        if first {
            presence::connect(db, admission.participant_id, now).await?;
            self.publish(
                table_id,
                &ServerMessage::Link {
                    seat: admission.seat,
                    link: Link::Connected,
                },
            );
        }
        Ok(Attached { welcome, receiver })
    }

    /// Detaches a connection; when it was the seat's last, the presence interval closes and
    /// the table sees the seat as reconnecting (during the session) or absent.
    pub async fn detach(
        &self,
        db: &Db,
        admission: &Admission,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let link = {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&admission.table_id) else {
                return Ok(());
            };
            table.last_seen = now;
            let Some(seat) = table.seats.get_mut(&admission.seat) else {
                return Ok(());
            };
            seat.connections = seat.connections.saturating_sub(1);
            if seat.connections > 0 {
                return Ok(());
            }
            seat.dropped_at = Some(now);
            table
                .roster
                .seats
                .iter()
                .find(|s| s.seat == admission.seat)
                .map(|s| table.link_of(s, now))
        };
        presence::disconnect(db, admission.participant_id, now).await?;
        if let Some(link) = link {
            self.publish(
                admission.table_id,
                &ServerMessage::Link {
                    seat: admission.seat,
                    link,
                },
            );
        }
        Ok(())
    }

    /// The seats of `table_id` changed in the database (a match, a cancellation, a
    /// companion replaced): reload them and tell the table.
    pub async fn refresh_roster(
        &self,
        db: &Db,
        table_id: i64,
        now: Timestamp,
    ) -> Result<(), AppError> {
        if !self.tables().contains_key(&table_id) {
            return Ok(());
        }
        let roster = roster::load(db, table_id, now).await?;
        let seats = {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&table_id) else {
                return Ok(());
            };
            table.roster = roster;
            table.seat_states(now)
        };
        self.publish(table_id, &ServerMessage::Roster { seats });
        Ok(())
    }

    /// `seat` of `table_id` left (by choice or because its grace ran out): the table sees
    /// it, and that seat's connections are closed.
    pub fn seat_left(&self, table_id: i64, seat: i64) {
        {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&table_id) else {
                return;
            };
            if let Some(held) = table.roster.seats.iter_mut().find(|s| s.seat == seat) {
                held.left = true;
            }
        }
        self.publish(
            table_id,
            &ServerMessage::Link {
                seat,
                link: Link::Left,
            },
        );
        self.fanout.publish(
            table_id,
            Delivery {
                to_seat: Some(seat),
                text: frame(&ServerMessage::Closing {
                    reason: CloseReason::Left,
                }),
                close: true,
            },
        );
    }
}
