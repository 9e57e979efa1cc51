//! Pending ratings: at a table's end every student owes a rating to each human tablemate.
//! While any is owed (for 48 hours) quick match is refused; then the scheduler stores
//! what is left as skipped.

use crate::domain::reliability::params::PENDING_FOR_MS;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::{Db, WriteTx};
use crate::server::sql::{HOLDS_SEAT, HUMAN, LEFT, SEATED};
use const_format::formatcp;

/// Pending ratings expired per step, so one tick never runs unbounded.
const BATCH: i64 = 500;

/// Records what the students of `table_id` owe each other (part of ending the table,
/// before attendance is written): everyone still seated owes every human tablemate; a
/// student who left early was settled when they left (see `tables::departure`), and one
/// who left before that rule existed (no figures yet) is treated like the rest.
pub async fn open_for_table(
    tx: &mut WriteTx,
    table_id: i64,
    now: Timestamp,
) -> Result<u64, AppError> {
    let done = sqlx::query(formatcp!(
        "INSERT INTO pending_ratings (session_id, rater_id, ratee_id, created_at, expires_at) \
         SELECT a.session_id, a.user_id, b.user_id, $2, $3 \
         FROM participants a JOIN participants b \
           ON b.session_id = a.session_id AND b.user_id <> a.user_id \
         WHERE a.session_id = $1 AND a.kind = {HUMAN} AND b.kind = {HUMAN} \
           AND (a.status = {SEATED} OR (a.status = {LEFT} AND a.completed IS NULL)) \
           AND b.status IN {HOLDS_SEAT} \
           AND a.user_id IS NOT NULL AND b.user_id IS NOT NULL \
         ON CONFLICT DO NOTHING"
    ))
    .bind(table_id)
    .bind(now.unix_millis())
    .bind(now.plus_millis(PENDING_FOR_MS).unix_millis())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// The table whose ratings `user_id` still owes at `now` (the oldest), if any.
pub async fn blocking_table(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT session_id FROM pending_ratings WHERE rater_id = $1 AND expires_at > $2 \
         ORDER BY created_at, session_id LIMIT 1",
    )
    .bind(user_id)
    .bind(now.unix_millis())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Stores every pending rating past its 48 hours as a skip. Returns how many.
pub async fn expire_due(db: &Db, now: Timestamp) -> Result<usize, AppError> {
    let due: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT session_id, rater_id, ratee_id, expires_at FROM pending_ratings \
         WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2",
    )
    .bind(now.unix_millis())
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut expired = 0;
    for (table_id, rater, ratee, expires_at) in due {
        let mut tx = db.begin_write().await?;
        db.lock(&mut tx, super::ratee_lock(ratee)).await?;
        // Whoever deletes the row stores the skip: a rating submitted at the same moment
        // either came first (nothing left to expire) or finds nothing to take.
        let taken = sqlx::query(
            "DELETE FROM pending_ratings WHERE session_id = $1 AND rater_id = $2 AND ratee_id = $3",
        )
        .bind(table_id)
        .bind(rater)
        .bind(ratee)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if taken == 1 {
            sqlx::query(
                "INSERT INTO ratings (session_id, rater_id, ratee_id, value, expired, created_at, \
                 effective_at) VALUES ($1, $2, $3, 'skip', 1, $4, $4) ON CONFLICT DO NOTHING",
            )
            .bind(table_id)
            .bind(rater)
            .bind(ratee)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            expired += 1;
        }
        tx.commit().await?;
    }
    if expired > 0 {
        tracing::info!(expired, "pending ratings expired as skips");
    }
    Ok(expired)
}
