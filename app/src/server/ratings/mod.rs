//! Peer review: tablemates rate each other after a session; what is still owed blocks quick
//! match for 48 hours and then counts as skipped; red ratings weighted by the rater's
//! reporting power add up to bans; everyone can read (and appeal) what they received.
//!
//! Concurrency: a rating is stored only by the request that deletes its pending row (so a
//! double submit stores one), and every rating of one person is taken under a lock on that
//! person (`ratee:{id}`), so the ban check that follows a red sees every red before it and
//! a crossing is applied exactly once.

pub mod bans;
pub mod cards;
pub mod ledger;
pub mod pending;
pub mod release;
pub mod score;

use crate::domain::credits::Tier;
use crate::domain::hash::lock_key;
use crate::domain::reliability::rating::{CheckedRating, RatingInput, RatingValue, Reason};
use crate::domain::reliability::{anonymity, reporting_power_pct};
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::db::{Db, WriteTx};
use crate::server::sql::{HOLDS_SEAT, HUMAN};
use const_format::formatcp;

/// The lock every change to `user_id`'s received ratings takes first.
pub(crate) fn ratee_lock(user_id: i64) -> i64 {
    lock_key(&format!("ratee:{user_id}"))
}

/// Stores `inputs` (one per tablemate) from `rater` about their tablemates at `table_id`,
/// all or nothing, and applies any ban a red causes. Returns the bans applied (user ids).
#[tracing::instrument(skip(db, inputs), fields(count = inputs.len()))]
pub async fn submit(
    db: &Db,
    rater: i64,
    table_id: i64,
    inputs: &[RatingInput],
    now: Timestamp,
) -> Result<Vec<i64>, AppError> {
    if inputs.is_empty() {
        return Err(AppError::invalid(
            "ratings",
            crate::error::InvalidRule::Required,
        ));
    }
    let mut checked: Vec<CheckedRating> = inputs
        .iter()
        .map(RatingInput::check)
        .collect::<Result<_, _>>()?;
    checked.sort_by_key(|c| c.seat);
    if checked.windows(2).any(|w| w[0].seat == w[1].seat) {
        return Err(AppError::invalid(
            "seat",
            crate::error::InvalidRule::NotAChoice,
        ));
    }
    let mut tx = db.begin_write().await?;
    let mut targets = Vec::with_capacity(checked.len());
    for rating in &checked {
        targets.push((seated_user(&mut tx, table_id, rating.seat).await?, rating));
    }
    // Locks in user order, so two batches never wait on each other in a circle.
    targets.sort_by_key(|(ratee, _)| *ratee);
    let power = rater_power(&mut tx, rater, now).await?;
    let mut banned = Vec::new();
    for (ratee, rating) in targets {
        if ratee == rater {
            return Err(refused(Refusal::RateSelf));
        }
        db.lock(&mut tx, ratee_lock(ratee)).await?;
        take_pending(&mut tx, table_id, rater, ratee, now).await?;
        let (effective_at, held) =
            anonymity::effective_at(now, other_raters(&mut tx, table_id, ratee).await?);
        sqlx::query(
            "INSERT INTO ratings (session_id, rater_id, ratee_id, value, reasons, other, \
             power_pct, created_at, effective_at, held, public_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(table_id)
        .bind(rater)
        .bind(ratee)
        .bind(rating.value.key())
        .bind(Reason::join(&rating.reasons))
        .bind(&rating.other)
        .bind(power)
        .bind(now.unix_millis())
        .bind(effective_at.unix_millis())
        .bind(i64::from(held))
        .bind(crate::server::secrets::random_hex(8))
        .execute(&mut *tx)
        .await?;
        // A held red weighs towards a ban from its release (`release::release_due`).
        if rating.value == RatingValue::Red
            && !held
            && bans::apply_if_crossed(db, &mut tx, ratee, now).await?
        {
            banned.push(ratee);
        }
    }
    tx.commit().await?;
    tracing::info!(table_id, rater, "ratings stored");
    Ok(banned)
}

fn refused(reason: Refusal) -> AppError {
    AppError::Refused { reason }
}

/// How many human tablemates of `ratee` at `table_id` could rate them.
async fn other_raters(tx: &mut WriteTx, table_id: i64, ratee: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as(formatcp!(
        "SELECT COUNT(*) FROM participants WHERE session_id = $1 AND kind = {HUMAN} \
         AND status IN {HOLDS_SEAT} AND user_id IS NOT NULL AND user_id <> $2"
    ))
    .bind(table_id)
    .bind(ratee)
    .fetch_one(&mut **tx)
    .await?;
    Ok(count)
}

/// The student in `seat` at `table_id` (not a companion, not a deleted account).
async fn seated_user(tx: &mut WriteTx, table_id: i64, seat: i64) -> Result<i64, AppError> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(formatcp!(
        "SELECT user_id FROM participants WHERE session_id = $1 AND seat = $2 \
         AND kind = {HUMAN} AND status IN {HOLDS_SEAT}"
    ))
    .bind(table_id)
    .bind(seat)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some((Some(user_id),)) => Ok(user_id),
        _ => Err(refused(Refusal::NotTablemate)),
    }
}

/// Removes the pending rating `rater` owes `ratee` at `table_id`; refuses when there is
/// none (already rated, past its 48 hours, a stranger, or the session has not ended).
async fn take_pending(
    tx: &mut WriteTx,
    table_id: i64,
    rater: i64,
    ratee: i64,
    now: Timestamp,
) -> Result<(), AppError> {
    let taken = sqlx::query(
        "DELETE FROM pending_ratings WHERE session_id = $1 AND rater_id = $2 AND ratee_id = $3 \
         AND expires_at > $4",
    )
    .bind(table_id)
    .bind(rater)
    .bind(ratee)
    .bind(now.unix_millis())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if taken == 1 {
        return Ok(());
    }
    let (rated, owed): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM ratings WHERE session_id = $1 AND rater_id = $2 \
                 AND ratee_id = $3), \
                (SELECT COUNT(*) FROM pending_ratings WHERE session_id = $1 AND rater_id = $2 \
                 AND ratee_id = $3)",
    )
    .bind(table_id)
    .bind(rater)
    .bind(ratee)
    .fetch_one(&mut **tx)
    .await?;
    Err(refused(match (rated, owed) {
        (r, _) if r > 0 => Refusal::AlreadyRated,
        (_, o) if o > 0 => Refusal::RatingClosed,
        _ => Refusal::NotTablemate,
    }))
}

/// `user_id`'s reporting power (hundredths) at `now`.
pub(crate) async fn rater_power(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<i64, AppError> {
    let (tier, created_at, completed): (Option<String>, i64, i64) = sqlx::query_as(
        "SELECT (SELECT tier FROM credit_accounts WHERE user_id = u.id), u.created_at, \
         (SELECT COUNT(*) FROM participants p WHERE p.user_id = u.id AND p.completed = 1) \
         FROM users u WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let tier = tier.as_deref().map_or(Tier::Free, Tier::from_key);
    Ok(reporting_power_pct(
        tier,
        completed,
        now.millis_since(Timestamp::from_unix_millis(created_at)),
    ))
}
