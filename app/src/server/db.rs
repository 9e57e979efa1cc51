//! The store: one connection pool over SQLite (embedded default) or PostgreSQL.
//!
//! Technique (see docs/architecture.md): sqlx's `Any` driver with portable SQL. Queries use
//! `$1..$n` placeholders (both drivers accept them), only the column types both backends
//! decode the same way through `Any` (64-bit integers, text, doubles, blobs; booleans as
//! 0/1 integers; instants as Unix milliseconds), and `RETURNING` / `ON CONFLICT`, which
//! both speak. Schemas live in `migrations/sqlite` and `migrations/postgres`, kept in step,
//! and are applied at start-up. The few statements that must differ ask [`Db::backend`].

use super::config::DatabaseUrl;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database engine is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default.
    Sqlite,
    /// The scale-out option.
    Postgres,
}

/// The database handle every service uses. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// Write transactions started (for metrics).
    writes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// Why the database could not be opened or prepared, worded for an operator.
#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    /// The database could not be reached or opened.
    #[error("cannot open the database at {url}: {reason}")]
    Connect {
        /// The URL, password masked.
        url: String,
        /// What the driver said, on one line.
        reason: String,
    },
    /// Applying the schema failed.
    #[error("cannot apply database migrations: {0}")]
    Migrate(String),
}

/// A transaction that intends to write.
pub type WriteTx = Transaction<'static, Any>;

impl Db {
    /// Opens a pool. Fails fast (within `connect_timeout`) when the database is unreachable.
    pub async fn connect(
        url: &DatabaseUrl,
        max_connections: u32,
        connect_timeout: Duration,
    ) -> Result<Self, DbSetupError> {
        sqlx::any::install_default_drivers();
        let backend = match url {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(connect_timeout)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(url.expose())
            .await
            .map_err(|e| DbSetupError::Connect {
                url: url.redacted(),
                reason: describe_connect_error(&e),
            })?;
        Ok(Self {
            pool,
            backend,
            writes: std::sync::Arc::default(),
        })
    }

    /// Brings the schema up to date. Safe to run from several instances at once.
    #[tracing::instrument(skip(self))]
    pub async fn migrate(&self) -> Result<(), DbSetupError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| DbSetupError::Migrate(one_line(&e.to_string())))
    }

    /// The pool, for read queries and for services that manage their own transactions.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The engine behind the pool.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`) so concurrent writers queue instead of failing on upgrade.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        self.writes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Serialises writers that compete for the same thing (named by `key`) until `tx`
    /// ends. PostgreSQL takes a transaction-scoped advisory lock; SQLite needs nothing,
    /// since [`Db::begin_write`] already holds its single write lock.
    pub async fn lock(&self, tx: &mut WriteTx, key: i64) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT CAST(1 AS BIGINT) FROM (SELECT pg_advisory_xact_lock($1)) AS l")
                .bind(key)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Like [`Db::lock`] but gives up at once: true when this transaction now holds the
    /// lock (always on SQLite).
    pub async fn try_lock(&self, tx: &mut WriteTx, key: i64) -> Result<bool, sqlx::Error> {
        if self.backend == Backend::Sqlite {
            return Ok(true);
        }
        let (held,): (i64,) =
            sqlx::query_as("SELECT CASE WHEN pg_try_advisory_xact_lock($1) THEN 1 ELSE 0 END")
                .bind(key)
                .fetch_one(&mut **tx)
                .await?;
        Ok(held == 1)
    }

    /// `" FOR UPDATE"` on PostgreSQL (row locks), nothing on SQLite (the write lock covers
    /// the whole database), for appending to a `SELECT` that reads what it will change.
    pub fn for_update(&self) -> &'static str {
        match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        }
    }

    /// Write transactions started since the pool opened.
    pub fn write_transactions(&self) -> u64 {
        self.writes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A round trip to the database, for health checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let _: AnyRow = sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    /// Connections open and idle, for metrics.
    pub fn pool_stats(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Closes every connection (at shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `$1, $2, …, $n`: the placeholders of an `IN (…)` list of `n` values.
pub fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when `err` is a unique-constraint violation (on either backend).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

fn describe_connect_error(err: &sqlx::Error) -> String {
    match err {
        sqlx::Error::PoolTimedOut => {
            "no answer in time (is the server running and reachable?)".to_owned()
        }
        sqlx::Error::Io(e) => one_line(&format!("{e} (is the server running and reachable?)")),
        other => one_line(&other.to_string()),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_every_value() {
        assert_eq!(super::placeholders(3), "$1, $2, $3");
        assert_eq!(super::placeholders(1), "$1");
    }
}
