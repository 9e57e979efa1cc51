//! Moving credits between people: gifts (pro and elite members, at most 4 a week), and the
//! admin's tier change (payments are out of scope; upgrading tops the balance up).

use super::{lock_account, post, Entry};
use crate::api::table_types::GiftOutcome;
use crate::domain::credits::{check_gift, GiftRefusal, LedgerKind, Tier};
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule, Refusal};
use crate::server::db::{Db, WriteTx};
use crate::server::idempotency::{Claim, Idempotent};

/// The id of the account named `username` (any case); `field` names the input it came
/// from, for the error when nobody has that name.
async fn user_by_username(tx: &mut WriteTx, field: &str, username: &str) -> Result<i64, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE username_canonical = $1")
        .bind(username.trim().trim_start_matches('@').to_lowercase())
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|(id,)| id)
        .ok_or_else(|| AppError::invalid(field, InvalidRule::NoSuchAccount))
}

/// Gives `amount` of `sender`'s credits to the user called `to`, atomically.
#[tracing::instrument(skip(db, key))]
pub async fn gift(
    db: &Db,
    sender: i64,
    to: &str,
    amount: i64,
    key: Option<&str>,
    now: Timestamp,
) -> Result<GiftOutcome, AppError> {
    let idem = Idempotent::new(sender, key, "gift", &(to.trim().to_lowercase(), amount))?;
    let mut tx = db.begin_write().await?;
    if let Claim::Replay(outcome) = idem.claim(&mut tx, now).await? {
        return Ok(outcome);
    }
    let recipient = user_by_username(&mut tx, "to", to).await?;
    if recipient == sender {
        return Err(refused(Refusal::GiftSelf));
    }
    // Both accounts locked, lower id first, so two opposite gifts cannot deadlock.
    let (first, second) = (sender.min(recipient), sender.max(recipient));
    let a = lock_account(db, &mut tx, first, now).await?;
    let b = lock_account(db, &mut tx, second, now).await?;
    let from = if a.user_id == sender { a } else { b };
    let sent = super::gifted_this_week(&mut tx, sender, now).await?;
    check_gift(from.tier, amount, from.balance, sent).map_err(|refusal| match refusal {
        GiftRefusal::Tier => refused(Refusal::GiftTier),
        GiftRefusal::Amount => AppError::invalid("amount", InvalidRule::NotAChoice),
        GiftRefusal::WeeklyLimit { remaining } => refused(Refusal::GiftLimit { remaining }),
        GiftRefusal::Balance => refused(Refusal::InsufficientCredits {
            next_refresh_at: from.next_refresh_at(now),
        }),
    })?;
    post(
        &mut tx,
        &Entry::new(sender, -amount, LedgerKind::GiftSent, now).counterparty(recipient),
    )
    .await?;
    post(
        &mut tx,
        &Entry::new(recipient, amount, LedgerKind::GiftReceived, now).counterparty(sender),
    )
    .await?;
    let (username,): (String,) = sqlx::query_as("SELECT username FROM users WHERE id = $1")
        .bind(recipient)
        .fetch_one(&mut *tx)
        .await?;
    let outcome = GiftOutcome {
        amount,
        to: username,
        balance: from.balance - amount,
    };
    idem.finish(&mut tx, &outcome).await?;
    tx.commit().await?;
    tracing::info!(recipient, amount, "credits gifted");
    Ok(outcome)
}

fn refused(reason: Refusal) -> AppError {
    AppError::Refused { reason }
}

/// Moves the user called `username` to `tier`. An upgrade tops the balance up by the
/// difference in weekly allotments (within the new roll-over cap), so the new plan is felt
/// at once; a downgrade keeps what is held. `admin` is who asked (checked by [`crate::server::admin::set_tier`]).
#[tracing::instrument(skip(db, key))]
pub async fn set_tier(
    db: &Db,
    admin: i64,
    username: &str,
    tier: Tier,
    key: Option<&str>,
    now: Timestamp,
) -> Result<(), AppError> {
    let idem = Idempotent::new(
        admin,
        key,
        "set_tier",
        &(username.trim().to_lowercase(), tier.key()),
    )?;
    let mut tx = db.begin_write().await?;
    if let Claim::Replay(()) = idem.claim(&mut tx, now).await? {
        return Ok(());
    }
    let user = user_by_username(&mut tx, "username", username).await?;
    let account = lock_account(db, &mut tx, user, now).await?;
    sqlx::query("UPDATE credit_accounts SET tier = $1 WHERE user_id = $2")
        .bind(tier.key())
        .bind(user)
        .execute(&mut *tx)
        .await?;
    let top_up = match (
        account.tier.weekly_allotment(),
        tier.weekly_allotment(),
        tier.roll_over_cap(),
    ) {
        (Some(old), Some(new), Some(cap)) => (new - old).min(cap - account.balance).max(0),
        _ => 0,
    };
    if top_up > 0 {
        post(
            &mut tx,
            &Entry::new(user, top_up, LedgerKind::TierChange, now),
        )
        .await?;
    }
    idem.finish(&mut tx, &()).await?;
    tx.commit().await?;
    tracing::info!(user, tier = tier.key(), top_up, "tier changed");
    Ok(())
}
