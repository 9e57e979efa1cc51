//! Students' audio connections through a media server (LiveKit), kept apart from the
//! table channel's presence (which alone drives focus minutes and completion). Per
//! participant row: whether their audio is connected and since when, the audio time of
//! their closed connections, and how often it dropped (schema in the `livekit` migration).
//!
//! Two sources write it. The transport's participant events ([`participant_event`]),
//! timed by the clock at receipt and ordered by the transport's own event time, so a
//! late retry of an older event changes nothing. And reconciliation ([`reconcile_due`]):
//! every [`RECONCILE_EVERY_MS`] the scheduler compares each live room with the
//! transport's list of who is in it and corrects what missed events left wrong. Its
//! updates are compare-and-set on what it read before asking, so an event applied in
//! between is never undone.

use crate::domain::time::{Timestamp, SECOND_MS};
use crate::error::AppError;
use crate::server::sql::HUMAN;
use crate::server::AppState;
use const_format::formatcp;
use sqlx::AnyConnection;
use std::collections::HashSet;

/// How often each live room is compared with the transport's participant list.
pub const RECONCILE_EVERY_MS: i64 = 30 * SECOND_MS;
/// Rooms compared per scheduler tick at most (the rest follow on the next ticks).
const RECONCILE_BATCH: i64 = 20;

/// What a participant event says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Their audio connected.
    Joined,
    /// Their audio disconnected (left, or the connection was aborted).
    Left,
}

/// The audio time an open connection adds when it ends at `$1` (never negative).
const OPEN_SPAN: &str =
    "CASE WHEN audio_connected_at IS NOT NULL AND $1 > audio_connected_at THEN $1 - audio_connected_at ELSE 0 END";

/// Applies `change` for participant row `participant_id` of table `table_id`, from an
/// event the transport created at `event_at` (its clock, Unix seconds), received at `now`.
/// False when the row is not a student of that table or a later event was applied
/// already. Joining while connected, or leaving while not, changes nothing else.
pub async fn participant_event(
    conn: &mut AnyConnection,
    table_id: i64,
    participant_id: i64,
    change: Change,
    event_at: i64,
    now: Timestamp,
) -> Result<bool, AppError> {
    let set = match change {
        Change::Joined => "audio_connected_at = COALESCE(audio_connected_at, $1)".to_owned(),
        Change::Left => format!(
            "audio_connected_ms = audio_connected_ms + {OPEN_SPAN}, \
             audio_disconnects = audio_disconnects + \
             CASE WHEN audio_connected_at IS NULL THEN 0 ELSE 1 END, \
             audio_connected_at = NULL"
        ),
    };
    let done = sqlx::query(&format!(
        "UPDATE participants SET {set}, audio_event_at = $2 \
         WHERE id = $3 AND session_id = $4 AND kind = {HUMAN} \
         AND (audio_event_at IS NULL OR audio_event_at <= $2)"
    ))
    .bind(now.unix_millis())
    .bind(event_at)
    .bind(participant_id)
    .bind(table_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Table `table_id`'s room is gone: every open audio connection there ends at `now`.
/// Not counted as disconnects (nobody dropped out). Returns how many were open.
pub async fn audio_room_gone(
    conn: &mut AnyConnection,
    table_id: i64,
    now: Timestamp,
) -> Result<u64, AppError> {
    let done = sqlx::query(formatcp!(
        "UPDATE participants SET audio_connected_ms = audio_connected_ms + {OPEN_SPAN}, \
         audio_connected_at = NULL WHERE session_id = $2 AND audio_connected_at IS NOT NULL"
    ))
    .bind(now.unix_millis())
    .bind(table_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Compares the live rooms not checked for [`RECONCILE_EVERY_MS`] with the transport's
/// participant lists (nothing when the transport cannot tell). Returns how many rooms
/// were compared. When the transport does not answer, the rest wait for a later tick.
pub async fn reconcile_due(state: &AppState, now: Timestamp) -> Result<usize, AppError> {
    if !state.audio_rooms.observes_connections() {
        return Ok(0);
    }
    let due: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM study_sessions WHERE room_opened_at IS NOT NULL \
         AND room_closed_at IS NULL AND (audio_checked_at IS NULL OR audio_checked_at <= $1) \
         ORDER BY COALESCE(audio_checked_at, 0), id LIMIT $2",
    )
    .bind(now.unix_millis() - RECONCILE_EVERY_MS)
    .bind(RECONCILE_BATCH)
    .fetch_all(state.db.pool())
    .await?;
    let mut compared = 0;
    for (table_id,) in due {
        let outcome = reconcile(state, table_id, now).await;
        sqlx::query("UPDATE study_sessions SET audio_checked_at = $1 WHERE id = $2")
            .bind(now.unix_millis())
            .bind(table_id)
            .execute(state.db.pool())
            .await?;
        match outcome {
            Ok(()) => compared += 1,
            Err(AppError::Unavailable) => break,
            Err(err) => return Err(err),
        }
    }
    Ok(compared)
}

/// Brings table `table_id`'s audio connections in line with who the transport says is
/// in its room.
async fn reconcile(state: &AppState, table_id: i64, now: Timestamp) -> Result<(), AppError> {
    // Read before asking: anything an event changes after this read is left alone.
    let recorded: Vec<(i64, Option<i64>)> = sqlx::query_as(formatcp!(
        "SELECT id, audio_connected_at FROM participants WHERE session_id = $1 AND kind = {HUMAN}"
    ))
    .bind(table_id)
    .fetch_all(state.db.pool())
    .await?;
    let present: HashSet<i64> = state
        .audio_rooms
        .connected(table_id)
        .await?
        .into_iter()
        .collect();
    let close = format!(
        "UPDATE participants SET audio_connected_ms = audio_connected_ms + {OPEN_SPAN}, \
         audio_disconnects = audio_disconnects + 1, audio_connected_at = NULL \
         WHERE id = $2 AND audio_connected_at = $3"
    );
    for (participant, since) in recorded {
        let fixed = match (since, present.contains(&participant)) {
            (Some(since), false) => sqlx::query(&close)
                .bind(now.unix_millis())
                .bind(participant)
                .bind(since),
            (None, true) => sqlx::query(
                "UPDATE participants SET audio_connected_at = $1 \
                 WHERE id = $2 AND audio_connected_at IS NULL",
            )
            .bind(now.unix_millis())
            .bind(participant),
            _ => continue,
        };
        if fixed.execute(state.db.pool()).await?.rows_affected() == 1 {
            tracing::info!(
                table_id,
                participant,
                connected = since.is_none(),
                "audio connection corrected from the room's participant list"
            );
        }
    }
    Ok(())
}
