//! Referral codes: every member has one; a new member may apply someone else's once, before
//! their first completed session; the award (+1 each) is paid when that session ends
//! (`tables::lifecycle`).

use super::lock_account;
use crate::domain::credits::{normalize_referral_code, referral_code_from, REFERRAL_CODE_LEN};
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule, Refusal};
use crate::server::db::{is_unique_violation, Db};
use crate::server::idempotency::{Claim, Idempotent};

/// `user_id`'s referral code, created on first use.
pub async fn code(db: &Db, user_id: i64) -> Result<String, AppError> {
    for _ in 0..5 {
        let (existing,): (Option<String>,) =
            sqlx::query_as("SELECT referral_code FROM credit_accounts WHERE user_id = $1")
                .bind(user_id)
                .fetch_one(db.pool())
                .await?;
        if let Some(code) = existing {
            return Ok(code);
        }
        let mut bytes = [0u8; REFERRAL_CODE_LEN];
        getrandom::fill(&mut bytes).map_err(AppError::internal)?;
        let fresh = referral_code_from(bytes);
        let set = sqlx::query(
            "UPDATE credit_accounts SET referral_code = $1 WHERE user_id = $2 AND referral_code IS NULL",
        )
        .bind(&fresh)
        .bind(user_id)
        .execute(db.pool())
        .await;
        match set {
            Ok(_) => {}
            // Someone else holds that code (one in 31^8): draw again.
            Err(e) if is_unique_violation(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::internal("no free referral code after 5 draws"))
}

/// Whether `user_id` may still apply a code: none applied, no session completed.
pub async fn may_apply(db: &Db, user_id: i64) -> Result<bool, AppError> {
    let (referred, completed): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM credit_accounts WHERE user_id = $1 AND referred_by IS NOT NULL), \
         (SELECT COUNT(*) FROM participants WHERE user_id = $1 AND completed = 1)",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(referred == 0 && completed == 0)
}

/// Applies `code` to `user_id`'s account. Returns the referrer's username.
#[tracing::instrument(skip(db, code, key))]
pub async fn apply(
    db: &Db,
    user_id: i64,
    code: &str,
    key: Option<&str>,
    now: Timestamp,
) -> Result<String, AppError> {
    let code = normalize_referral_code(code)
        .ok_or_else(|| AppError::invalid("code", InvalidRule::Malformed))?;
    let idem = Idempotent::new(user_id, key, "referral", &code)?;
    let mut tx = db.begin_write().await?;
    if let Claim::Replay(referrer) = idem.claim(&mut tx, now).await? {
        return Ok(referrer);
    }
    let owner: Option<(i64, String)> = sqlx::query_as(
        "SELECT a.user_id, COALESCE(u.username, '') FROM credit_accounts a \
         JOIN users u ON u.id = a.user_id WHERE a.referral_code = $1",
    )
    .bind(&code)
    .fetch_optional(&mut *tx)
    .await?;
    let (referrer, username) =
        owner.ok_or_else(|| AppError::invalid("code", InvalidRule::NoSuchAccount))?;
    if referrer == user_id {
        return Err(AppError::Refused {
            reason: Refusal::ReferralOwn,
        });
    }
    let account = lock_account(db, &mut tx, user_id, now).await?;
    if account.referred_by.is_some() {
        return Err(AppError::Refused {
            reason: Refusal::ReferralUsed,
        });
    }
    let (completed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM participants WHERE user_id = $1 AND completed = 1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    if completed > 0 {
        return Err(AppError::Refused {
            reason: Refusal::ReferralTooLate,
        });
    }
    sqlx::query("UPDATE credit_accounts SET referred_by = $1 WHERE user_id = $2")
        .bind(referrer)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    idem.finish(&mut tx, &username).await?;
    tx.commit().await?;
    tracing::info!(referrer, "referral code applied");
    Ok(username)
}
