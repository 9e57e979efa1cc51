//! What reaches a table's board and seats from its people: chat (checked against the
//! blocklist, blocked lines flagged), activity, reflections, and WebRTC signalling.

use super::{frame, Admission, Live, TableLive, BOARD_KEEP};
use crate::api::audio_types::Signal;
use crate::api::live_types::{BoardEntry, BoardItem, Problem, ServerMessage};
use crate::domain::activity::Activity;
use crate::domain::board::{self, Prompt};
use crate::domain::moderation;
use crate::domain::schedule::Phase;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::audio;
use crate::server::db::Db;
use crate::server::live::fanout::{Audience, Delivery};
use std::sync::atomic::Ordering;

impl Live {
    /// Puts `item` on the table's board (if the table is live here).
    pub(super) fn post(&self, table_id: i64, item: BoardItem, now: Timestamp) {
        let mut tables = self.tables();
        if let Some(table) = tables.get_mut(&table_id) {
            self.post_to(table_id, table, item, now);
        }
    }

    pub(super) fn post_to(
        &self,
        table_id: i64,
        table: &mut TableLive,
        item: BoardItem,
        now: Timestamp,
    ) {
        let entry = BoardEntry {
            seq: self.next_seq.fetch_add(1, Ordering::Relaxed),
            at: now,
            item,
        };
        if table.board.len() == BOARD_KEEP {
            if let Some(evicted) = table.board.pop_front() {
                table.forgotten_through = evicted.seq;
            }
        }
        table.board.push_back(entry.clone());
        self.publish(table_id, &ServerMessage::Board { entry });
    }

    /// A chat line from `admission`'s seat: checked, then shown to the table, or (when it
    /// holds a blocked term) kept from the table and flagged for the moderators.
    pub async fn chat(
        &self,
        db: &Db,
        admission: &Admission,
        text: &str,
        now: Timestamp,
    ) -> Result<(), Problem> {
        let text = board::parse_chat(text).map_err(|err| match err {
            AppError::Invalid { rule, .. } => Problem::ChatInvalid { rule },
            _ => Problem::Malformed,
        })?;
        let open = {
            let tables = self.tables();
            tables.get(&admission.table_id).is_some_and(|t| {
                Phase::at(t.roster.starts_at, now) != Phase::Ended
                    && t.holds(admission.participant_id)
            })
        };
        if !open {
            return Err(Problem::ChatClosed);
        }
        if let Some(term) = moderation::blocked_term(&text) {
            flag(db, admission, &text, term, now).await;
            return Err(Problem::ChatBlocked);
        }
        self.post(
            admission.table_id,
            BoardItem::Chat {
                seat: admission.seat,
                text,
            },
            now,
        );
        Ok(())
    }

    /// `admission`'s participant reports a new activity state (ignored once they no
    /// longer hold the seat).
    pub fn activity(&self, admission: &Admission, state: Activity) {
        let changed = {
            let mut tables = self.tables();
            tables
                .get_mut(&admission.table_id)
                .filter(|t| t.holds(admission.participant_id))
                .and_then(|t| t.participants.get_mut(&admission.participant_id))
                .is_some_and(|live| std::mem::replace(&mut live.activity, state) != state)
        };
        if changed {
            self.publish(
                admission.table_id,
                &ServerMessage::Activity {
                    seat: admission.seat,
                    state,
                },
            );
        }
    }

    /// Relays WebRTC signalling from `admission`'s participant to the connected human who
    /// holds seat `to` now; at a quiet table, descriptions that would send audio are
    /// refused. A sender who no longer holds their seat reaches nobody.
    pub fn signal(&self, admission: &Admission, to: i64, signal: Signal) -> Result<(), Problem> {
        if !audio::signal_allowed(admission.roster.mode, &signal) {
            return Err(Problem::QuietTable);
        }
        let recipient = (to != admission.seat)
            .then(|| {
                let tables = self.tables();
                let table = tables.get(&admission.table_id)?;
                table.seat_held_by(admission.participant_id)?;
                let held = table
                    .roster
                    .seats
                    .iter()
                    .find(|s| s.seat == to && !s.is_companion() && !s.left)?;
                (table.live_of(held).connections > 0).then_some(held.participant_id)
            })
            .flatten();
        let Some(recipient) = recipient else {
            return Err(Problem::NoSuchPeer);
        };
        let message = ServerMessage::Signal {
            from: admission.seat,
            signal,
        };
        self.fanout.publish(
            admission.table_id,
            Delivery {
                to: Audience::Participant(recipient),
                text: frame(&message),
                close: false,
            },
        );
        Ok(())
    }

    /// A reflection was stored: it goes on the board, and a goal is pinned to the seat.
    pub fn reflected(&self, table_id: i64, seat: i64, prompt: Prompt, text: &str, now: Timestamp) {
        let mut tables = self.tables();
        let Some(table) = tables.get_mut(&table_id) else {
            return;
        };
        if prompt == Prompt::Goal {
            table.roster.goals.retain(|(s, _)| *s != seat);
            table.roster.goals.push((seat, text.to_owned()));
            // The pinned goals are read from the seats: every seat sees the new one now.
            let seats = table.seat_states(now);
            self.publish(table_id, &ServerMessage::Roster { seats });
        }
        let item = BoardItem::Reflection {
            seat,
            prompt,
            text: text.to_owned(),
        };
        self.post_to(table_id, table, item, now);
    }
}

/// Keeps a blocked chat line for the moderators. A failure to store it is logged: the
/// line was refused either way.
async fn flag(db: &Db, admission: &Admission, text: &str, term: &str, now: Timestamp) {
    let stored = sqlx::query(
        "INSERT INTO chat_flags (session_id, user_id, body, term, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(admission.table_id)
    .bind(admission.user_id)
    .bind(text)
    .bind(term)
    .bind(now.unix_millis())
    .execute(db.pool())
    .await;
    match stored {
        Ok(_) => tracing::info!(table_id = admission.table_id, "chat line flagged"),
        Err(err) => tracing::error!(%err, "could not store a chat flag"),
    }
}
