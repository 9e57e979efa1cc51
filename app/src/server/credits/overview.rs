//! The credits page: balance, next refresh, gift allowance, referral code and history.

use super::{referrals, refreshed};
use crate::api::table_types::{CreditLine, CreditOverview};
use crate::domain::credits::{LedgerKind, GIFT_WEEKLY_LIMIT};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;

/// Credit-ledger rows the page lists.
pub const HISTORY_LINES: i64 = 50;

/// A credit ledger row with the other person's username.
#[derive(sqlx::FromRow)]
struct LedgerRow {
    created_at: i64,
    amount: i64,
    kind: LedgerKind,
    session_id: Option<i64>,
    counterparty: Option<String>,
}

/// Everything the credits page shows for `user_id` at `now`.
pub async fn overview(db: &Db, user_id: i64, now: Timestamp) -> Result<CreditOverview, AppError> {
    let account = refreshed(db, user_id, now).await?;
    let gift_remaining = if account.tier.may_gift() {
        let mut conn = db.pool().acquire().await?;
        let sent = super::gifted_this_week(&mut conn, user_id, now).await?;
        (GIFT_WEEKLY_LIMIT - sent).max(0)
    } else {
        0
    };
    let rows: Vec<LedgerRow> = sqlx::query_as(
        "SELECT l.created_at, l.amount, l.kind, l.session_id, u.username AS counterparty \
         FROM credit_ledger l LEFT JOIN users u ON u.id = l.counterparty_id \
         WHERE l.user_id = $1 ORDER BY l.created_at DESC, l.id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(HISTORY_LINES)
    .fetch_all(db.pool())
    .await?;
    Ok(CreditOverview {
        server_now: now,
        tier: account.tier,
        balance: account.tier.weekly_allotment().map(|_| account.balance),
        next_refresh_at: account.next_refresh_at(now),
        gift_remaining,
        referral_code: referrals::code(db, user_id).await?,
        can_apply_code: referrals::may_apply(db, user_id).await?,
        history: rows
            .into_iter()
            .map(|row| CreditLine {
                at: Timestamp::from_unix_millis(row.created_at),
                amount: row.amount,
                kind: row.kind,
                table_id: row.session_id,
                counterparty: row.counterparty,
            })
            .collect(),
        nonce: crate::server::secrets::random_hex(8),
    })
}
