//! Attempt records behind the sign-in limits. Stored in the database so every server
//! instance sharing it enforces the same limits, and judged by the injected clock.
//!
//! Policy: an attempt is *reserved* before the password is checked — counted and
//! recorded in one write transaction under a lock on its subjects — so simultaneous
//! attempts cannot all read the same count and all go ahead. A successful attempt
//! releases its reservation; a failed one leaves it standing as the failure.

use crate::domain::auth::AttemptLimit;
use crate::domain::hash::lock_key;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;

/// What an attempt is counted against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// An email address (whether or not it has an account).
    Account,
    /// A client network address.
    Address,
    /// Sign-ups from a client network address (successful ones count too).
    SignUpsFrom,
    /// Sign-ups from anywhere (subject [`EVERYONE`]).
    SignUps,
}

/// The subject of limits that count everyone together.
pub const EVERYONE: &str = "everyone";

impl Scope {
    fn key(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Address => "address",
            Self::SignUpsFrom => "signups_from",
            Self::SignUps => "signups",
        }
    }
}

/// One limit to check: the scope, its subject (an email or an address) and the limit.
pub type Check<'a> = (Scope, &'a str, AttemptLimit);

/// An attempt counted against every subject it was reserved for.
#[derive(Debug)]
#[must_use = "release a reservation when the attempt succeeds"]
pub struct Reservation {
    rows: Vec<i64>,
}

impl Reservation {
    /// The attempt succeeded: it no longer counts.
    pub async fn release(self, db: &Db) -> Result<(), AppError> {
        for id in self.rows {
            sqlx::query("DELETE FROM auth_failures WHERE id = $1")
                .bind(id)
                .execute(db.pool())
                .await?;
        }
        Ok(())
    }
}

/// Reserves one attempt against every check, or refuses with the longest wait when any
/// limit is reached (then nothing is recorded). Old records of these subjects go.
#[tracing::instrument(skip_all)]
pub async fn reserve(
    db: &Db,
    checks: &[Check<'_>],
    now: Timestamp,
) -> Result<Reservation, AppError> {
    let mut tx = db.begin_write().await?;
    // SQLite's write transaction already runs alone; PostgreSQL takes a lock per subject
    // (in a fixed order, so two attempts cannot deadlock).
    let mut keys: Vec<i64> = checks
        .iter()
        .map(|(scope, subject, _)| lock_key(&format!("attempts:{}:{subject}", scope.key())))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        db.lock(&mut tx, key).await?;
    }
    let mut wait = None;
    for &(scope, subject, limit) in checks {
        sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND subject = $2 AND at <= $3")
            .bind(scope.key())
            .bind(subject)
            .bind(limit.window_start(now).unix_millis())
            .execute(&mut *tx)
            .await?;
        let recorded: Vec<(i64,)> = sqlx::query_as(
            "SELECT at FROM auth_failures WHERE scope = $1 AND subject = $2 AND at > $3",
        )
        .bind(scope.key())
        .bind(subject)
        .bind(limit.window_start(now).unix_millis())
        .fetch_all(&mut *tx)
        .await?;
        // An attempt reserved a moment "later" by a request that read the clock after this
        // one still counts: it is here now.
        let recorded: Vec<Timestamp> = recorded
            .into_iter()
            .map(|(at,)| Timestamp::from_unix_millis(at.min(now.unix_millis())))
            .collect();
        if let Some(secs) = limit.retry_after_secs(&recorded, now) {
            wait = wait.max(Some(secs));
        }
    }
    if let Some(retry_after_secs) = wait {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let mut rows = Vec::with_capacity(checks.len());
    for &(scope, subject, _) in checks {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO auth_failures (scope, subject, at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(scope.key())
        .bind(subject)
        .bind(now.unix_millis())
        .fetch_one(&mut *tx)
        .await?;
        rows.push(id);
    }
    tx.commit().await?;
    Ok(Reservation { rows })
}

/// Forgets the failures of `subject` (after a successful sign-in).
pub async fn clear(db: &Db, scope: Scope, subject: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND subject = $2")
        .bind(scope.key())
        .bind(subject)
        .execute(db.pool())
        .await?;
    Ok(())
}
