//! Connection history: when each participant was connected to their table. The table
//! channel writes it; attendance is computed from it. (Audio connections through a media
//! server are recorded apart, by `audio::connections`.)

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
