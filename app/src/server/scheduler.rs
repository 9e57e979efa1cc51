//! The scheduler: one tokio task that, every few seconds, moves tables through their life
//! (audio rooms, start, end), refreshes credit cycles, closes ratings nobody gave in time and
//! clears out stale rows.
//!
//! Restart-safe and idempotent: all state is in the database and every step checks it
//! before acting, so a tick may be repeated or interrupted at any point. With several
//! instances on PostgreSQL, a tick runs only where a transaction-scoped advisory lock is
//! won (one leader per tick); SQLite is one instance by nature.

use crate::domain::hash::lock_key;
use crate::domain::schedule::SESSION_MINUTES;
use crate::domain::time::{Timestamp, DAY_MS, MINUTE_MS};
use crate::error::AppError;
use crate::server::audio::rooms::{ROOM_LEAD_MS, ROOM_LINGER_MS};
use crate::server::db::Backend;
use crate::server::sql::{HUMAN, OVER, SEATED, TAKES_SEATS};
use crate::server::tables::lifecycle;
use crate::server::{audio, credits, idempotency, ratings, AppState};
use const_format::formatcp;
use std::time::Duration;

/// How often the scheduler looks for work.
pub const TICK: Duration = Duration::from_secs(2);
/// Accounts refreshed per tick at most (the rest follow on the next ticks).
const REFRESH_BATCH: i64 = 500;

/// What one tick did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TickReport {
    /// False when another instance holds the leader lock (nothing was done here).
    pub leader: bool,
    /// Rooms created.
    pub audio_rooms_opened: usize,
    /// Tables started.
    pub started: usize,
    /// Tables ended.
    pub ended: usize,
    /// Rooms deleted.
    pub audio_rooms_closed: usize,
    /// Credit accounts refreshed.
    pub refreshed: usize,
    /// Stale rows removed.
    pub swept: u64,
    /// Rooms whose audio connections were compared with the media server's list.
    pub audio_reconciled: usize,
    /// Pending ratings whose 48 hours ran out (stored as skips).
    pub ratings_expired: usize,
    /// Held ratings released with their weekly batch.
    pub ratings_released: usize,
}

/// Runs ticks forever (spawn it). Errors are logged and the next tick tries again.
pub async fn run(state: AppState) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match tick(&state).await {
            Ok(report) if report != TickReport::default() && report.leader => {
                tracing::debug!(?report, "scheduler tick");
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(%err, "scheduler tick failed; retrying next tick"),
        }
    }
}

/// One pass over everything that is due at the clock's "now": the leader's work over
/// the database, then this instance's live tables. Both judge the same instant: a live
/// table that starts in this pass reloads its seats after the database sat its
/// companions, never before (reading the clock twice once straddled a start, and the
/// table started without its companions).
pub async fn tick(state: &AppState) -> Result<TickReport, AppError> {
    let now = state.clock.now();
    let report = lead(state, now).await?;
    for table_id in state.live.tick(now) {
        state.live.refresh_roster(&state.db, table_id, now).await?;
    }
    Ok(report)
}

/// The database work, done by one instance per tick.
async fn lead(state: &AppState, now: Timestamp) -> Result<TickReport, AppError> {
    let db = &state.db;
    // The leader lock lives as long as this transaction (PostgreSQL only).
    let leader = match db.backend() {
        Backend::Postgres => {
            let mut tx = db.begin_write().await?;
            if !db.try_lock(&mut tx, lock_key("scheduler")).await? {
                return Ok(TickReport::default());
            }
            Some(tx)
        }
        Backend::Sqlite => None,
    };
    let report = TickReport {
        leader: true,
        audio_rooms_opened: open_audio_rooms(state, now).await?,
        started: lifecycle::start_due(db, now).await?,
        ended: lifecycle::end_due(db, now).await?,
        audio_rooms_closed: close_audio_rooms(state, now).await?,
        refreshed: credits::refresh_due(db, now, REFRESH_BATCH).await?,
        swept: sweep(state, now).await?,
        audio_reconciled: audio::connections::reconcile_due(state, now).await?,
        ratings_expired: ratings::pending::expire_due(db, now).await?,
        ratings_released: ratings::release::release_due(db, now).await?,
    };
    if let Some(tx) = leader {
        tx.commit().await?;
    }
    Ok(report)
}

async fn open_audio_rooms(state: &AppState, now: Timestamp) -> Result<usize, AppError> {
    let due: Vec<(i64,)> = sqlx::query_as(formatcp!(
        "SELECT s.id FROM study_sessions s WHERE s.room_opened_at IS NULL \
         AND s.state IN {TAKES_SEATS} AND s.starts_at <= $1 \
         AND EXISTS (SELECT 1 FROM participants p WHERE p.session_id = s.id \
                     AND p.kind = {HUMAN} AND p.status = {SEATED}) \
         ORDER BY s.starts_at LIMIT 100"
    ))
    .bind(now.unix_millis() + ROOM_LEAD_MS)
    .fetch_all(state.db.pool())
    .await?;
    let mut opened = 0;
    for (table_id,) in &due {
        // An audio-room service that does not answer is asked again on the next tick; the
        // tables themselves start and end regardless.
        if let Err(err) = state.audio_rooms.open(*table_id).await {
            tracing::warn!(%err, table_id, "audio room not opened; retrying next tick");
            break;
        }
        opened += 1;
        sqlx::query(
            "UPDATE study_sessions SET room_opened_at = $1 WHERE id = $2 AND room_opened_at IS NULL",
        )
        .bind(now.unix_millis())
        .bind(table_id)
        .execute(state.db.pool())
        .await?;
        tracing::info!(table_id, "audio room opened");
    }
    Ok(opened)
}

async fn close_audio_rooms(state: &AppState, now: Timestamp) -> Result<usize, AppError> {
    let due: Vec<(i64,)> = sqlx::query_as(
        formatcp!("SELECT id FROM study_sessions WHERE room_opened_at IS NOT NULL AND room_closed_at IS NULL \
         AND state IN {OVER} AND starts_at <= $1 ORDER BY starts_at LIMIT 100"),
    )
    .bind(now.unix_millis() - SESSION_MINUTES * MINUTE_MS - ROOM_LINGER_MS)
    .fetch_all(state.db.pool())
    .await?;
    let mut closed = 0;
    for (table_id,) in &due {
        if let Err(err) = state.audio_rooms.close(*table_id).await {
            tracing::warn!(%err, table_id, "audio room not closed; retrying next tick");
            break;
        }
        closed += 1;
        let mut tx = state.db.begin_write().await?;
        sqlx::query("UPDATE study_sessions SET room_closed_at = $1 WHERE id = $2")
            .bind(now.unix_millis())
            .bind(table_id)
            .execute(&mut *tx)
            .await?;
        audio::connections::audio_room_gone(&mut tx, *table_id, now).await?;
        tx.commit().await?;
        tracing::info!(table_id, "audio room closed");
    }
    Ok(closed)
}

/// Removes rows nothing will read again: expired sign-in sessions, old failed attempts,
/// abandoned Google sign-ins, old idempotency results and the ids of media-server
/// webhooks long past their retries (their signatures expired minutes after sending).
async fn sweep(state: &AppState, now: Timestamp) -> Result<u64, AppError> {
    let pool = state.db.pool();
    let ms = now.unix_millis();
    let mut swept = 0;
    for (sql, before) in [
        ("DELETE FROM auth_sessions WHERE expires_at < $1", ms),
        ("DELETE FROM auth_failures WHERE at < $1", ms - DAY_MS),
        ("DELETE FROM oidc_logins WHERE created_at < $1", ms - DAY_MS),
        (
            "DELETE FROM livekit_events WHERE received_at < $1",
            ms - DAY_MS,
        ),
    ] {
        swept += sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected();
    }
    swept += idempotency::sweep(&state.db, now).await?;
    Ok(swept)
}
