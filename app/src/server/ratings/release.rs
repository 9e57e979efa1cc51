//! The weekly batch: ratings held back so they cannot point at their rater (see
//! `domain::reliability::anonymity`) take effect when their Monday comes. Released per
//! student under their ratee lock, and a released red weighs towards a ban from then.

use super::{bans, ratee_lock};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;

/// Students handled per step, so one tick never runs unbounded.
const BATCH: i64 = 500;

/// Releases every held rating whose batch has come. Returns how many.
pub async fn release_due(db: &Db, now: Timestamp) -> Result<usize, AppError> {
    let ratees: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT ratee_id FROM ratings WHERE held = 1 AND effective_at <= $1 \
         ORDER BY ratee_id LIMIT $2",
    )
    .bind(now.unix_millis())
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut released = 0;
    for (ratee,) in ratees {
        let mut tx = db.begin_write().await?;
        db.lock(&mut tx, ratee_lock(ratee)).await?;
        let reds: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM ratings WHERE ratee_id = $1 AND held = 1 AND effective_at <= $2 \
             AND value = 'red'",
        )
        .bind(ratee)
        .bind(now.unix_millis())
        .fetch_all(&mut *tx)
        .await?;
        let done = sqlx::query(
            "UPDATE ratings SET held = 0 WHERE ratee_id = $1 AND held = 1 AND effective_at <= $2",
        )
        .bind(ratee)
        .bind(now.unix_millis())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if !reds.is_empty() {
            bans::apply_if_crossed(db, &mut tx, ratee, now).await?;
        }
        tx.commit().await?;
        released += usize::try_from(done).unwrap_or(usize::MAX);
    }
    if released > 0 {
        tracing::info!(released, "held ratings released with the weekly batch");
    }
    Ok(released)
}
