//! Idempotent requests: a credit-changing request may carry an `Idempotency-Key` (header,
//! or an `idempotency_key` form field for plain forms). The first request with a key runs
//! and its result is stored in the same transaction as its effects; a retry with the same
//! key and the same request gets that stored result back and changes nothing; the same key
//! with a different request is refused.
//!
//! Concurrency: the key row is claimed first, inside the operation's transaction. On
//! PostgreSQL a concurrent retry blocks on the claim until the first transaction ends, then
//! sees its result (or, if it rolled back, runs itself); on SQLite writers already queue.

use crate::domain::time::{Timestamp, DAY_MS};
use crate::error::{AppError, InvalidRule, Refusal};
use crate::server::db::{Db, WriteTx};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Longest accepted key.
pub const KEY_MAX: usize = 100;
/// Stored results are kept this long; a retry after that runs as a new request.
pub const KEEP_MS: i64 = DAY_MS;

/// The key and fingerprint of one request.
#[derive(Clone, Debug)]
pub struct Idempotent {
    user_id: i64,
    key: Option<String>,
    scope: &'static str,
    hash: String,
}

/// What a claim found.
#[derive(Debug)]
pub enum Claim<T> {
    /// First time: run the operation, then [`Idempotent::finish`].
    Run,
    /// A retry: this is the first request's result.
    Replay(T),
}

impl Idempotent {
    /// A request by `user_id` to `scope` with these `args`, carrying `key` (optional).
    pub fn new(
        user_id: i64,
        key: Option<&str>,
        scope: &'static str,
        args: &impl Serialize,
    ) -> Result<Self, AppError> {
        let key = match key.map(str::trim).filter(|k| !k.is_empty()) {
            None => None,
            Some(k) if k.len() <= KEY_MAX && k.bytes().all(|b| b.is_ascii_graphic()) => {
                Some(k.to_owned())
            }
            Some(_) => return Err(AppError::invalid("idempotency_key", InvalidRule::Malformed)),
        };
        let body = serde_json::to_vec(args).map_err(AppError::internal)?;
        let mut digest = Sha256::new();
        digest.update(scope.as_bytes());
        digest.update([0]);
        digest.update(&body);
        let hash = digest
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Self {
            user_id,
            key,
            scope,
            hash,
        })
    }

    /// Claims the key inside `tx` (a no-op without a key).
    pub async fn claim<T: DeserializeOwned>(
        &self,
        tx: &mut WriteTx,
        now: Timestamp,
    ) -> Result<Claim<T>, AppError> {
        let Some(key) = &self.key else {
            return Ok(Claim::Run);
        };
        let claimed = sqlx::query(
            "INSERT INTO idempotency_keys (user_id, idem_key, scope, request_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, idem_key) DO NOTHING",
        )
        .bind(self.user_id)
        .bind(key)
        .bind(self.scope)
        .bind(&self.hash)
        .bind(now.unix_millis())
        .execute(&mut **tx)
        .await?;
        if claimed.rows_affected() == 1 {
            return Ok(Claim::Run);
        }
        let (scope, hash, response): (String, String, Option<String>) = sqlx::query_as(
            "SELECT scope, request_hash, response FROM idempotency_keys \
             WHERE user_id = $1 AND idem_key = $2",
        )
        .bind(self.user_id)
        .bind(key)
        .fetch_one(&mut **tx)
        .await?;
        if scope != self.scope || hash != self.hash {
            return Err(AppError::Refused {
                reason: Refusal::KeyReused,
            });
        }
        let response = response
            .ok_or_else(|| AppError::internal("idempotency key claimed without a result"))?;
        serde_json::from_str(&response)
            .map(Claim::Replay)
            .map_err(AppError::internal)
    }

    /// Stores `result` for the key claimed in `tx` (a no-op without a key).
    pub async fn finish<T: Serialize>(&self, tx: &mut WriteTx, result: &T) -> Result<(), AppError> {
        let Some(key) = &self.key else {
            return Ok(());
        };
        let response = serde_json::to_string(result).map_err(AppError::internal)?;
        sqlx::query(
            "UPDATE idempotency_keys SET response = $1 WHERE user_id = $2 AND idem_key = $3",
        )
        .bind(response)
        .bind(self.user_id)
        .bind(key)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

/// Forgets results older than [`KEEP_MS`] (the scheduler's cleanup). Returns how many.
pub async fn sweep(db: &Db, now: Timestamp) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(now.unix_millis() - KEEP_MS)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
