//! Credit accounts and the ledger. Every change is a ledger row; the balance is their sum.
//!
//! Concurrency: every operation that reads a balance to change it first locks the account
//! row ([`lock_account`]) inside a write transaction, so two requests for the same user run
//! in single file on both databases; a transfer locks both accounts in id order.

pub mod overview;
pub mod referrals;
pub mod transfers;

use crate::domain::credits::{self as rules, grant_key, LedgerKind, Tier};
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::db::{Db, WriteTx};
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
        post(
            conn,
            &Entry::new(user_id, allotment, LedgerKind::WeeklyGrant, now)
                .key(grant_key(user_id, 0)),
        )
        .await?;
    }
    Ok(())
}

/// One ledger row to write.
#[derive(Clone, Debug)]
pub struct Entry {
    user_id: i64,
    amount: i64,
    kind: LedgerKind,
    session_id: Option<i64>,
    counterparty_id: Option<i64>,
    key: Option<String>,
    at: Timestamp,
}

impl Entry {
    /// `amount` credits (negative to spend) of `kind` for `user_id` at `at`.
    pub fn new(user_id: i64, amount: i64, kind: LedgerKind, at: Timestamp) -> Self {
        Self {
            user_id,
            amount,
            kind,
            session_id: None,
            counterparty_id: None,
            key: None,
            at,
        }
    }

    /// Links the row to a study session.
    pub fn session(mut self, session_id: i64) -> Self {
        self.session_id = Some(session_id);
        self
    }

    /// Names the other user (gifts, referrals).
    pub fn counterparty(mut self, user_id: i64) -> Self {
        self.counterparty_id = Some(user_id);
        self
    }

    /// A unique key: the row is written at most once.
    pub fn key(mut self, key: String) -> Self {
        self.key = Some(key);
        self
    }
}

/// Writes `entry`; false when a row with the same key already exists (nothing written).
pub async fn post(conn: &mut AnyConnection, entry: &Entry) -> Result<bool, AppError> {
    let done = sqlx::query(
        "INSERT INTO credit_ledger \
         (user_id, amount, kind, session_id, counterparty_id, idempotency_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(entry.user_id)
    .bind(entry.amount)
    .bind(entry.kind)
    .bind(entry.session_id)
    .bind(entry.counterparty_id)
    .bind(entry.key.as_deref())
    .bind(entry.at.unix_millis())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The amount of the ledger row written under `key`, if there is one.
pub async fn posted(conn: &mut AnyConnection, key: &str) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT amount FROM credit_ledger WHERE idempotency_key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(amount,)| amount))
}

/// A locked, refreshed credit account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Whose.
    pub user_id: i64,
    /// The tier.
    pub tier: Tier,
    /// Start of cycle 0 (a UTC midnight).
    pub cycle_start: Timestamp,
    /// Credits held (the ledger's sum).
    pub balance: i64,
    /// Who referred this user, if a code was applied.
    pub referred_by: Option<i64>,
    /// When the referral award was paid, if it was.
    pub referral_awarded_at: Option<Timestamp>,
}

impl Account {
    /// When the next weekly refresh happens.
    pub fn next_refresh_at(&self, now: Timestamp) -> Timestamp {
        rules::next_refresh_at(self.cycle_start, now)
    }

    /// Refuses unless `cost` credits are available.
    pub fn ensure_can_spend(&self, cost: i64, now: Timestamp) -> Result<(), AppError> {
        if self.balance < cost {
            return Err(AppError::Refused {
                reason: Refusal::InsufficientCredits {
                    next_refresh_at: self.next_refresh_at(now),
                },
            });
        }
        Ok(())
    }
}

/// A credit account row.
#[derive(sqlx::FromRow)]
struct AccountRow {
    tier: String,
    cycle_start: i64,
    granted_cycle: i64,
    referred_by: Option<i64>,
    referral_awarded_at: Option<i64>,
}

/// Locks `user_id`'s account for the rest of `tx`, applies any weekly refreshes due by
/// `now`, and returns it.
pub async fn lock_account(
    db: &Db,
    tx: &mut WriteTx,
    user_id: i64,
    now: Timestamp,
) -> Result<Account, AppError> {
    let sql = format!(
        "SELECT tier, cycle_start, granted_cycle, referred_by, referral_awarded_at \
         FROM credit_accounts WHERE user_id = $1{}",
        db.for_update()
    );
    let AccountRow {
        tier,
        cycle_start,
        granted_cycle: granted,
        referred_by,
        referral_awarded_at: awarded,
    } = sqlx::query_as(&sql)
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let tier = Tier::from_key(&tier);
    let cycle_start = Timestamp::from_unix_millis(cycle_start);
    let mut balance = balance_in(tx, user_id).await?;
    let current = rules::cycle_index(cycle_start, now);
    if current > granted {
        for (cycle, amount) in rules::catch_up(tier, balance, granted, current) {
            if amount > 0 {
                // Dated when it was owed, so the history reads in order.
                let at = rules::cycle_begins(cycle_start, cycle);
                post(
                    tx,
                    &Entry::new(user_id, amount, LedgerKind::WeeklyGrant, at)
                        .key(grant_key(user_id, cycle)),
                )
                .await?;
                balance += amount;
            }
        }
        sqlx::query("UPDATE credit_accounts SET granted_cycle = $1 WHERE user_id = $2")
            .bind(current)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(Account {
        user_id,
        tier,
        cycle_start,
        balance,
        referred_by,
        referral_awarded_at: awarded.map(Timestamp::from_unix_millis),
    })
}

/// The ledger's sum for `user_id`.
pub async fn balance_in(conn: &mut AnyConnection, user_id: i64) -> Result<i64, AppError> {
    let (balance,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM credit_ledger WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(balance)
}

/// Credits `user_id` gifted in the 7 days before `now`.
pub async fn gifted_this_week(
    conn: &mut AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<i64, AppError> {
    let (sent,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(-SUM(amount), 0) AS BIGINT) FROM credit_ledger \
         WHERE user_id = $1 AND kind = $2 AND created_at > $3",
    )
    .bind(user_id)
    .bind(LedgerKind::GiftSent)
    .bind(now.unix_millis() - rules::CYCLE_MS)
    .fetch_one(&mut *conn)
    .await?;
    Ok(sent)
}

/// A user's tier and balance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The tier.
    pub tier: Tier,
    /// Credits available (the ledger's sum).
    pub balance: i64,
}

/// `user_id`'s tier and balance, with any refresh due by `now` applied first. A plain read
/// unless a refresh is due.
pub async fn standing(db: &Db, user_id: i64, now: Timestamp) -> Result<Standing, AppError> {
    let (tier, cycle_start, granted): (String, i64, i64) = sqlx::query_as(
        "SELECT tier, cycle_start, granted_cycle FROM credit_accounts WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    if rules::cycle_index(Timestamp::from_unix_millis(cycle_start), now) > granted {
        let account = refreshed(db, user_id, now).await?;
        return Ok(Standing {
            tier: account.tier,
            balance: account.balance,
        });
    }
    let mut conn = db.pool().acquire().await?;
    Ok(Standing {
        tier: Tier::from_key(&tier),
        balance: balance_in(&mut conn, user_id).await?,
    })
}

/// `user_id`'s account as of `now`, refreshed (in a write transaction).
pub async fn refreshed(db: &Db, user_id: i64, now: Timestamp) -> Result<Account, AppError> {
    let mut tx = db.begin_write().await?;
    let account = lock_account(db, &mut tx, user_id, now).await?;
    tx.commit().await?;
    Ok(account)
}

/// Gives every account whose cycle has turned its refresh (the scheduler's sweep; reads
/// and spends refresh lazily too, so this only keeps balances current for everyone).
/// Returns how many accounts were refreshed.
pub async fn refresh_due(db: &Db, now: Timestamp, limit: i64) -> Result<usize, AppError> {
    let due: Vec<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM credit_accounts \
         WHERE cycle_start + (granted_cycle + 1) * $1 <= $2 ORDER BY user_id LIMIT $3",
    )
    .bind(rules::CYCLE_MS)
    .bind(now.unix_millis())
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    for (user_id,) in &due {
        refreshed(db, *user_id, now).await?;
    }
    Ok(due.len())
}
