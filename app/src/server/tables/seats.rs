//! Giving up a seat: cancel before the start (refunded with an hour's notice), or leave
//! early once the table has started (never refunded).

use super::my_seat::{self, Which};
use super::{refund_key, seat_key};
use crate::api::table_types::CancelOutcome;
use crate::domain::credits::{refundable, LedgerKind};
use crate::domain::schedule::Phase;
use crate::domain::stored::SeatStatus;
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::credits::{self, Entry};
use crate::server::db::{Db, WriteTx};
use crate::server::idempotency::{Claim, Idempotent};
use crate::server::sql::{CANCELLED, HUMAN, LEFT};
use const_format::formatcp;

/// The participant row of `user_id`'s latest seat at `table_id` (the one a cancel or a
/// leave just ended).
pub async fn latest_participant(
    db: &Db,
    user_id: i64,
    table_id: i64,
) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(formatcp!(
        "SELECT id FROM participants WHERE session_id = $1 AND user_id = $2 AND kind = {HUMAN} \
         ORDER BY id DESC LIMIT 1"
    ))
    .bind(table_id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Cancels `user_id`'s seat at `table_id` before it starts, refunding the credit when at
/// least an hour remains. Cancelling again answers as the first time did.
#[tracing::instrument(skip(db, key))]
pub async fn cancel(
    db: &Db,
    user_id: i64,
    table_id: i64,
    key: Option<&str>,
    now: Timestamp,
) -> Result<CancelOutcome, AppError> {
    let idem = Idempotent::new(user_id, key, "cancel", &table_id)?;
    let mut tx = db.begin_write().await?;
    if let Claim::Replay(outcome) = idem.claim(&mut tx, now).await? {
        return Ok(outcome);
    }
    // The account lock keeps this in single file with the user's other credit changes.
    credits::lock_account(db, &mut tx, user_id, now).await?;
    let seat = my_seat::find(db, &mut tx, user_id, table_id, Which::Latest).await?;
    let (participant, starts_at) = (seat.participant_id, seat.starts_at());
    let outcome = match seat.status {
        SeatStatus::Seated => {
            if Phase::at(starts_at, now) != Phase::Upcoming {
                return Err(AppError::Refused {
                    reason: Refusal::Started,
                });
            }
            sqlx::query(formatcp!(
                "UPDATE participants SET status = {CANCELLED}, left_at = $1 WHERE id = $2"
            ))
            .bind(now.unix_millis())
            .bind(participant)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE study_sessions SET humans = humans - 1 WHERE id = $1")
                .bind(table_id)
                .execute(&mut *tx)
                .await?;
            let refunded = if refundable(starts_at, now) {
                refund(&mut tx, user_id, table_id, participant, now).await?
            } else {
                0
            };
            tracing::info!(participant, refunded, "seat cancelled");
            CancelOutcome { refunded }
        }
        SeatStatus::Cancelled => CancelOutcome {
            refunded: credits::posted(&mut tx, &refund_key(participant))
                .await?
                .unwrap_or(0),
        },
        SeatStatus::Left | SeatStatus::Replaced => {
            return Err(AppError::Refused {
                reason: Refusal::AlreadyLeft,
            })
        }
    };
    idem.finish(&mut tx, &outcome).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Returns what participant's seat cost (nothing on the unlimited tier).
async fn refund(
    tx: &mut WriteTx,
    user_id: i64,
    table_id: i64,
    participant: i64,
    now: Timestamp,
) -> Result<i64, AppError> {
    let spent = credits::posted(tx, &seat_key(participant)).await?;
    let amount = spent.map_or(0, |a| -a);
    if amount > 0 {
        let entry = Entry::new(user_id, amount, LedgerKind::Refund, now)
            .session(table_id)
            .key(refund_key(participant));
        credits::post(tx, &entry).await?;
    }
    Ok(amount)
}

/// Leaves `user_id`'s table early: the seat stays theirs (nobody else takes it) but the
/// session will not count as completed, and nothing is refunded. Before the start this is
/// a cancellation. Returns the participant row that left (`None` for a cancellation).
#[tracing::instrument(skip(db))]
pub async fn leave(
    db: &Db,
    user_id: i64,
    table_id: i64,
    now: Timestamp,
) -> Result<Option<i64>, AppError> {
    let mut tx = db.begin_write().await?;
    let seat = my_seat::find(db, &mut tx, user_id, table_id, Which::Latest).await?;
    let participant = seat.participant_id;
    match (seat.status, Phase::at(seat.starts_at(), now)) {
        (SeatStatus::Seated, Phase::Upcoming) => {
            drop(tx);
            cancel(db, user_id, table_id, None, now).await?;
            return Ok(None);
        }
        (SeatStatus::Seated, Phase::Ended) => {
            return Err(AppError::Refused {
                reason: Refusal::Started,
            })
        }
        (SeatStatus::Seated, _) => {}
        _ => {
            return Err(AppError::Refused {
                reason: Refusal::AlreadyLeft,
            })
        }
    }
    sqlx::query(formatcp!(
        "UPDATE participants SET status = {LEFT}, left_at = $1 WHERE id = $2"
    ))
    .bind(now.unix_millis())
    .bind(participant)
    .execute(&mut *tx)
    .await?;
    super::departure::settle(&mut tx, participant, now).await?;
    tx.commit().await?;
    tracing::info!(participant, "left early");
    Ok(Some(participant))
}
