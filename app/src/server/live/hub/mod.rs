//! The live tables served by this instance: who is connected to which seat, each table's
//! recent board, the phase last announced, and what the companions are doing.
//!
//! Every right on a channel belongs to a participant row and the sign-in session that
//! opened the socket, never to a seat number: connections are counted, addressed and
//! checked by participant, and closed when that row stops holding its seat (cancelled,
//! left, replaced) or the sign-in session ends.
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

use super::fanout::{Audience, Delivery, Fanout, Listener};
use super::roster::{self, Roster};
use crate::api::audio_types::AudioSetup;
use crate::api::live_types::{
    BoardItem, CloseReason, Link, ServerMessage, Welcome, PROTOCOL_VERSION,
};
use crate::api::table_types::Occupant;
use crate::domain::schedule::Phase;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::{AppError, Refusal};
use crate::server::audio::AudioSeat;
use crate::server::db::Db;
use crate::server::tables::presence;
use axum::extract::ws::Utf8Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use table::TableLive;
use tokio::sync::broadcast;

pub use crate::domain::board::BOARD_KEEP;
/// A table nobody has been connected to for this long is dropped from memory.
const IDLE_DROP_MS: i64 = 10 * MINUTE_MS;
/// Open connections one participant may hold (a few tabs, not hundreds).
pub const MAX_CONNECTIONS_PER_PARTICIPANT: usize = 4;
/// What a participant over [`MAX_CONNECTIONS_PER_PARTICIPANT`] is told to wait.
const BUSY_RETRY_SECS: u64 = 5;

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
    /// The sign-in session the socket was opened with.
    pub sign_in: i64,
    /// This connection, unique on this instance.
    pub connection: u64,
    roster: Roster,
}

impl Admission {
    /// This connection as deliveries see it.
    pub fn listener(&self) -> Listener {
        Listener {
            participant_id: self.participant_id,
            user_id: self.user_id,
            sign_in: self.sign_in,
            connection: self.connection,
        }
    }

    /// This seat as the audio path needs it, named as tablemates see it.
    pub fn audio_seat(&self) -> AudioSeat {
        let name = match self.roster.seat_of(self.user_id).map(|seat| &seat.occupant) {
            Some(Occupant::Human {
                username,
                display_name,
                ..
            }) if display_name.is_empty() => username.clone(),
            Some(Occupant::Human { display_name, .. }) => display_name.clone(),
            Some(Occupant::Companion(_)) | None => String::new(),
        };
        AudioSeat {
            table_id: self.table_id,
            participant_id: self.participant_id,
            seat: self.seat,
            user_id: self.user_id,
            name,
            mode: self.roster.mode,
            starts_at: self.roster.starts_at,
        }
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
    next_connection: AtomicU64,
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
            next_connection: AtomicU64::new(1),
        }
    }

    fn tables(&self) -> MutexGuard<'_, HashMap<i64, TableLive>> {
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn publish(&self, table_id: i64, message: &ServerMessage) {
        self.fanout.publish(
            table_id,
            Delivery {
                to: Audience::Everyone,
                text: frame(message),
                close: false,
            },
        );
    }

    /// Tells `to` at `table_id` why, then closes their connections.
    fn close(&self, table_id: i64, to: Audience, reason: CloseReason) {
        self.fanout.publish(
            table_id,
            Delivery {
                to,
                text: frame(&ServerMessage::Closing { reason }),
                close: true,
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

    /// Checks that `user_id` (signed in with session `sign_in`) may connect to
    /// `table_id` at `now`: they hold a seat there, have not left, the session is not
    /// over, and they have fewer than [`MAX_CONNECTIONS_PER_PARTICIPANT`] open.
    pub async fn admit(
        &self,
        db: &Db,
        user_id: i64,
        sign_in: i64,
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
        if self.connections_of(table_id, seat.participant_id) >= MAX_CONNECTIONS_PER_PARTICIPANT {
            return Err(AppError::RateLimited {
                retry_after_secs: BUSY_RETRY_SECS,
            });
        }
        Ok(Admission {
            table_id,
            seat: seat.seat,
            participant_id: seat.participant_id,
            user_id,
            sign_in,
            connection: self.next_connection.fetch_add(1, Ordering::Relaxed),
            roster,
        })
    }

    /// Why [`Live::admit`] would refuse `user_id` the channel of `table_id` for good at
    /// `now`, as the page names it (`None`: it would admit them, or the refusal passes,
    /// like too many open tabs). A browser cannot read the status of a refused WebSocket
    /// upgrade, so the page asks this when a socket closes before it ever opened.
    pub async fn refusal(
        &self,
        db: &Db,
        user_id: i64,
        table_id: i64,
        now: Timestamp,
    ) -> Result<Option<CloseReason>, AppError> {
        match self.admit(db, user_id, 0, table_id, now).await {
            Ok(_) | Err(AppError::RateLimited { .. }) => Ok(None),
            Err(AppError::Refused {
                reason: Refusal::AlreadyLeft,
            }) => Ok(Some(CloseReason::Left)),
            Err(AppError::Refused {
                reason: Refusal::TableEnded,
            }) => Ok(Some(CloseReason::Ended)),
            Err(AppError::Forbidden | AppError::NotFound) => Ok(Some(CloseReason::SeatGone)),
            Err(err) => Err(err),
        }
    }

    /// Open connections of `participant_id` at `table_id` on this instance.
    fn connections_of(&self, table_id: i64, participant_id: i64) -> usize {
        self.tables()
            .get(&table_id)
            .and_then(|t| t.participants.get(&participant_id))
            .map_or(0, |p| p.connections)
    }

    /// Attaches an admitted connection: counts it, records the participant as connected
    /// (their first connection opens a presence interval) and returns the welcome with
    /// the board entries after `after`. The newest tab takes over: the participant's
    /// other connections are told [`CloseReason::ElsewhereNow`] and closed, so
    /// tablemates never see or hear a student twice. A table already live here keeps its
    /// own roster (kept current by [`Live::refresh_roster`]), and the participant must
    /// still hold their seat in it.
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
            if !table.holds(admission.participant_id) {
                return Err(AppError::Refused {
                    reason: Refusal::AlreadyLeft,
                });
            }
            table.last_seen = now;
            // Back after the grace period ran out: the table hears it on the board.
            let back = table
                .seat_held_by(admission.participant_id)
                .is_some_and(|seat| table.link_of(seat, now) == Link::Dropped);
            let live = table
                .participants
                .entry(admission.participant_id)
                .or_default();
            if live.connections >= MAX_CONNECTIONS_PER_PARTICIPANT {
                return Err(AppError::RateLimited {
                    retry_after_secs: BUSY_RETRY_SECS,
                });
            }
            live.user_id = admission.user_id;
            live.connections += 1;
            live.dropped_at = None;
            live.told_dropped = false;
            let first = live.connections == 1;
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
            if back {
                let item = BoardItem::Back {
                    seat: admission.seat,
                };
                self.post_to(table_id, table, item, now);
            }
            (welcome, first)
        };
        if !first {
            self.close(
                table_id,
                Audience::OthersOf {
                    participant_id: admission.participant_id,
                    keep: admission.connection,
                },
                CloseReason::ElsewhereNow,
            );
        }
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

    /// Detaches a connection; when it was the participant's last, the presence interval
    /// closes and the table sees the seat as reconnecting (during the session; dropped once
    /// the grace period is over, see [`Live::tick`]) or absent (before the start). The
    /// seat stays theirs either way: only leaving gives it up.
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
            let Some(live) = table.participants.get_mut(&admission.participant_id) else {
                return Ok(());
            };
            live.connections = live.connections.saturating_sub(1);
            if live.connections > 0 {
                return Ok(());
            }
            live.dropped_at = Some(now);
            table
                .roster
                .seats
                .iter()
                .find(|s| s.participant_id == admission.participant_id)
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
    /// companion replaced): reload them, tell the table, and close the connections of
    /// participants who no longer hold a seat.
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
        let (seats, gone) = {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&table_id) else {
                return Ok(());
            };
            table.roster = roster;
            let gone: Vec<i64> = table
                .participants
                .iter()
                .filter(|(id, live)| live.connections > 0 && !table.holds(**id))
                .map(|(id, _)| *id)
                .collect();
            (table.seat_states(now), gone)
        };
        self.publish(table_id, &ServerMessage::Roster { seats });
        for participant_id in gone {
            self.close(
                table_id,
                Audience::Participant(participant_id),
                CloseReason::SeatGone,
            );
        }
        Ok(())
    }

    /// Participant `participant_id` of `table_id` left: the table sees their seat left, and
    /// their connections are closed.
    pub fn participant_left(&self, table_id: i64, participant_id: i64) {
        let seat = {
            let mut tables = self.tables();
            let Some(table) = tables.get_mut(&table_id) else {
                return;
            };
            let held = table
                .roster
                .seats
                .iter_mut()
                .find(|s| s.participant_id == participant_id);
            held.map(|held| {
                held.left = true;
                held.seat
            })
        };
        if let Some(seat) = seat {
            self.publish(
                table_id,
                &ServerMessage::Link {
                    seat,
                    link: Link::Left,
                },
            );
        }
        self.close(
            table_id,
            Audience::Participant(participant_id),
            CloseReason::Left,
        );
    }

    /// Closes the table connections of `user_id` opened with any sign-in session but
    /// `keep` (all of them when `None`): the sign-in sessions behind them ended.
    pub fn signed_out(&self, user_id: i64, keep: Option<i64>) {
        self.close_where(user_id, Audience::User { user_id, keep });
    }

    /// Closes the table connections opened with sign-in session `sign_in` of `user_id`.
    pub fn sign_in_ended(&self, user_id: i64, sign_in: i64) {
        self.close_where(user_id, Audience::SignIn(sign_in));
    }

    fn close_where(&self, user_id: i64, to: Audience) {
        let tables: Vec<i64> = self
            .tables()
            .iter()
            .filter(|(_, t)| {
                t.participants
                    .values()
                    .any(|p| p.user_id == user_id && p.connections > 0)
            })
            .map(|(id, _)| *id)
            .collect();
        for table_id in tables {
            self.close(table_id, to, CloseReason::SignedOut);
        }
    }
}
