//! Failed-attempt records behind the sign-in limits. Stored in the database so every
//! server instance sharing it enforces the same limits, and judged by the injected clock.

use crate::domain::auth::AttemptLimit;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;

/// What a failure is counted against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// An email address (whether or not it has an account).
    Account,
    /// A client network address.
    Address,
}

impl Scope {
    fn key(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Address => "address",
        }
    }
}

/// Seconds until `subject` may try again under `limit`, if it must wait.
pub async fn retry_after(
    db: &Db,
    scope: Scope,
    subject: &str,
    limit: AttemptLimit,
    now: Timestamp,
) -> Result<Option<u64>, AppError> {
    let failures: Vec<(i64,)> = sqlx::query_as(
        "SELECT at FROM auth_failures WHERE scope = $1 AND subject = $2 AND at > $3",
    )
    .bind(scope.key())
    .bind(subject)
    .bind(limit.window_start(now).unix_millis())
    .fetch_all(db.pool())
    .await?;
    let failures: Vec<Timestamp> = failures
        .into_iter()
        .map(|(at,)| Timestamp::from_unix_millis(at))
        .collect();
    Ok(limit.retry_after_secs(&failures, now))
}

/// Records a failure, dropping that subject's records older than the window.
pub async fn record_failure(
    db: &Db,
    scope: Scope,
    subject: &str,
    limit: AttemptLimit,
    now: Timestamp,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM auth_failures WHERE scope = $1 AND subject = $2 AND at <= $3")
        .bind(scope.key())
        .bind(subject)
        .bind(limit.window_start(now).unix_millis())
        .execute(db.pool())
        .await?;
    sqlx::query("INSERT INTO auth_failures (scope, subject, at) VALUES ($1, $2, $3)")
        .bind(scope.key())
        .bind(subject)
        .bind(now.unix_millis())
        .execute(db.pool())
        .await?;
    Ok(())
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
