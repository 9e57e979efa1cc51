//! Credit accounts and the ledger. Every change is a ledger row; the balance is their sum.

use crate::domain::credits::{grant_key, Tier, GRANT_KIND};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;
use sqlx::AnyConnection;

/// Opens `user_id`'s credit account on the free tier with the cycle starting today (UTC)
/// and grants the first week's allotment. Part of the caller's transaction.
pub async fn open_account(
    conn: &mut AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<(), AppError> {
    let tier = Tier::Free;
    sqlx::query(
        "INSERT INTO credit_accounts (user_id, tier, cycle_start, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(tier.key())
    .bind(now.day_start().unix_millis())
    .bind(now.unix_millis())
    .execute(&mut *conn)
    .await?;
    if let Some(allotment) = tier.weekly_allotment() {
        sqlx::query(
            "INSERT INTO credit_ledger (user_id, amount, kind, idempotency_key, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user_id)
        .bind(allotment)
        .bind(GRANT_KIND)
        .bind(grant_key(user_id, 0))
        .bind(now.unix_millis())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A user's tier and balance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The tier.
    pub tier: Tier,
    /// Credits available (the ledger's sum).
    pub balance: i64,
}

/// `user_id`'s tier and balance.
pub async fn standing(db: &Db, user_id: i64) -> Result<Standing, AppError> {
    let (tier, balance): (String, i64) = sqlx::query_as(
        "SELECT a.tier, CAST(COALESCE((SELECT SUM(l.amount) FROM credit_ledger l \
         WHERE l.user_id = a.user_id), 0) AS BIGINT) \
         FROM credit_accounts a WHERE a.user_id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(Standing {
        tier: Tier::from_key(&tier),
        balance,
    })
}
