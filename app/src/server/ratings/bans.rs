//! Bans from red ratings: when the weighted reds someone received in the last 7 days (not
//! yet behind a ban; a batched red from its release) reach their tier's threshold, they are banned from matching for 48
//! hours and lose a credit. The reds that crossed are tied to that ban, so each crossing
//! bans once.

use crate::domain::credits::{LedgerKind, Tier};
use crate::domain::reliability::params::{ban_penalty, BAN_LENGTH_MS};
use crate::domain::reliability::{ban_threshold_pct, ban_window_start, crosses_ban};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::credits::{self, Entry};
use crate::server::db::{Db, WriteTx};

/// The end of `user_id`'s current ban, if banned at `now`.
pub async fn banned_until(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<Option<Timestamp>, AppError> {
    let until: Option<(i64,)> = sqlx::query_as(
        "SELECT MAX(ends_at) FROM bans WHERE user_id = $1 AND starts_at <= $2 AND ends_at > $2 \
         HAVING MAX(ends_at) IS NOT NULL",
    )
    .bind(user_id)
    .bind(now.unix_millis())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(until.map(|(ms,)| Timestamp::from_unix_millis(ms)))
}

/// What bans are caused by (the `bans.reason` column).
pub const REASON_RATINGS: &str = "ratings";

/// Bans `ratee` when the reds counted since their last ban reach the threshold; true when
/// it did. The caller holds the ratee lock ([`super::ratee_lock`]).
pub async fn apply_if_crossed(
    db: &Db,
    tx: &mut WriteTx,
    ratee: i64,
    now: Timestamp,
) -> Result<bool, AppError> {
    let since = ban_window_start(now).unix_millis();
    let (weight,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(power_pct), 0) AS BIGINT) FROM ratings \
         WHERE ratee_id = $1 AND value = 'red' AND ban_id IS NULL AND held = 0 \
         AND effective_at > $2",
    )
    .bind(ratee)
    .bind(since)
    .fetch_one(&mut **tx)
    .await?;
    let account = credits::lock_account(db, tx, ratee, now).await?;
    if !crosses_ban(account.tier, weight) {
        return Ok(false);
    }
    let threshold = ban_threshold_pct(account.tier);
    let (ban_id,): (i64,) = sqlx::query_as(
        "INSERT INTO bans (user_id, starts_at, ends_at, reason, weight_pct, threshold_pct, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $2) RETURNING id",
    )
    .bind(ratee)
    .bind(now.unix_millis())
    .bind(now.plus_millis(BAN_LENGTH_MS).unix_millis())
    .bind(REASON_RATINGS)
    .bind(weight)
    .bind(threshold)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE ratings SET ban_id = $1 WHERE ratee_id = $2 AND value = 'red' AND power_pct > 0 \
         AND ban_id IS NULL AND held = 0 AND effective_at > $3",
    )
    .bind(ban_id)
    .bind(ratee)
    .bind(since)
    .execute(&mut **tx)
    .await?;
    // Unlimited members have no balance to take from: the ban is their whole penalty.
    // Others lose a credit if they have one; the balance never goes below zero.
    let penalty = ban_penalty(account.balance);
    if account.tier != Tier::Infinite && penalty > 0 {
        let entry =
            Entry::new(ratee, -penalty, LedgerKind::BanPenalty, now).key(format!("ban:{ban_id}"));
        credits::post(tx, &entry).await?;
    }
    tracing::info!(
        user_id = ratee,
        ban_id,
        weight,
        threshold,
        "banned by red ratings"
    );
    Ok(true)
}
