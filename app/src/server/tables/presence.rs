//! Connection history: when each participant was connected to their table. The table
//! channel writes it; attendance is computed from it. (Audio connections through a media
//! server are recorded apart, by `audio::connections`.)

use crate::api::live_types::RECONNECT_GRACE_MS;
use crate::domain::attendance::Connected;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::{Db, WriteTx};
use sqlx::AnyConnection;

/// Records that `participant` connected at `now` (nothing if already connected).
pub async fn connect(db: &Db, participant: i64, now: Timestamp) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let (open,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM presence WHERE participant_id = $1 AND disconnected_at IS NULL",
    )
    .bind(participant)
    .fetch_one(&mut *tx)
    .await?;
    if open == 0 {
        sqlx::query("INSERT INTO presence (participant_id, connected_at) VALUES ($1, $2)")
            .bind(participant)
            .bind(now.unix_millis())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Records that `participant` disconnected at `now`, counting the disconnect.
pub async fn disconnect(db: &Db, participant: i64, now: Timestamp) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    if close_open(&mut tx, participant, now).await? > 0 {
        sqlx::query("UPDATE participants SET disconnects = disconnects + 1 WHERE id = $1")
            .bind(participant)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Ends `participant`'s open connection at `now`; how many were open.
pub(crate) async fn close_open(
    tx: &mut WriteTx,
    participant: i64,
    now: Timestamp,
) -> Result<u64, AppError> {
    let done = sqlx::query(
        "UPDATE presence SET disconnected_at = $1 \
         WHERE participant_id = $2 AND disconnected_at IS NULL",
    )
    .bind(now.unix_millis())
    .bind(participant)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// `participant`'s connection history.
pub(crate) async fn history(
    conn: &mut AnyConnection,
    participant: i64,
) -> Result<Vec<Connected>, AppError> {
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT connected_at, disconnected_at FROM presence WHERE participant_id = $1 ORDER BY id",
    )
    .bind(participant)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(from, until)| Connected {
            from: Timestamp::from_unix_millis(from),
            until: until.map(Timestamp::from_unix_millis),
        })
        .collect())
}

/// Marks as left every student of a running table who dropped during the session and did
/// not come back within the grace period; they leave at the moment they dropped. Returns
/// `(table, participant)` for each. (A drop before the start is not a departure: the seat waits
/// for them like anyone who has not arrived yet.)
pub async fn expire_grace(db: &Db, now: Timestamp) -> Result<Vec<(i64, i64)>, AppError> {
    let overdue: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT p.id, p.session_id, MAX(pr.disconnected_at) \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         JOIN presence pr ON pr.participant_id = p.id \
         WHERE s.state = 'running' AND p.kind = 'human' AND p.status = 'seated' \
         GROUP BY p.id, p.session_id, s.starts_at \
         HAVING COUNT(*) = COUNT(pr.disconnected_at) \
         AND MAX(pr.disconnected_at) >= s.starts_at AND MAX(pr.disconnected_at) <= $1 \
         ORDER BY p.id LIMIT 500",
    )
    .bind(now.unix_millis() - RECONNECT_GRACE_MS)
    .fetch_all(db.pool())
    .await?;
    let mut left = Vec::new();
    for (participant, table_id, dropped_at) in overdue {
        // Unless they reconnected since the query.
        let mut tx = db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE participants SET status = 'left', left_at = $1 \
             WHERE id = $2 AND status = 'seated' AND NOT EXISTS \
             (SELECT 1 FROM presence WHERE participant_id = $2 AND disconnected_at IS NULL)",
        )
        .bind(dropped_at)
        .bind(participant)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            let left_at = Timestamp::from_unix_millis(dropped_at);
            super::departure::settle(&mut tx, participant, left_at, now).await?;
        }
        tx.commit().await?;
        if done.rows_affected() == 1 {
            tracing::info!(participant, table_id, "grace ran out; left");
            left.push((table_id, participant));
        }
    }
    Ok(left)
}
