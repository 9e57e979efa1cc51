//! Admin roles: stored on the account (`users.role`), granted and revoked only by the
//! person running the server (`server admin grant|revoke|list`), every change kept in
//! `role_changes`. Whether an admin acts as one is decided per request by
//! [`is_admin`]: with email configured, only once the address is verified.

use crate::domain::account::{acts_as_admin, Role};
use crate::domain::credits::Tier;
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule};
use crate::server::db::Db;
use crate::server::AppState;

/// Moves the user called `username` to `tier`, for `admin` (`Forbidden` unless they act
/// as an admin now). See [`crate::server::credits::transfers::set_tier`].
pub async fn set_tier(
    state: &AppState,
    admin: i64,
    username: &str,
    tier: Tier,
    key: Option<&str>,
    now: Timestamp,
) -> Result<(), AppError> {
    if !is_admin(state, admin).await? {
        return Err(AppError::Forbidden);
    }
    crate::server::credits::transfers::set_tier(&state.db, admin, username, tier, key, now).await
}

/// One account with the admin role, as `server admin list` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminAccount {
    /// The username ("" before onboarding).
    pub username: String,
    /// The email address.
    pub email: String,
    /// Whether the address is verified.
    pub verified: bool,
}

/// Whether `user_id` acts as an admin now.
pub async fn is_admin(state: &AppState, user_id: i64) -> Result<bool, AppError> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT role, email_verified_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(state.db.pool())
            .await?;
    Ok(row.is_some_and(|(role, verified_at)| {
        acts_as_admin(
            Role::parse(&role).unwrap_or(Role::Member),
            verified_at.is_some(),
            state.config.mail.is_some(),
        )
    }))
}

/// The account `who` names: an email address (with an `@`) or a username, any case.
async fn account_named(db: &Db, who: &str) -> Result<(i64, String), AppError> {
    let who = who.trim().to_lowercase();
    let column = if who.contains('@') {
        "email_canonical"
    } else {
        "username_canonical"
    };
    let row: Option<(i64, String)> =
        sqlx::query_as(&format!("SELECT id, role FROM users WHERE {column} = $1"))
            .bind(&who)
            .fetch_optional(db.pool())
            .await?;
    row.ok_or_else(|| AppError::invalid("account", InvalidRule::NoSuchAccount))
}

/// Gives the account `who` names `role`, noting who did it. Returns whether it changed.
pub async fn set_role(
    db: &Db,
    who: &str,
    role: Role,
    changed_by: &str,
    now: Timestamp,
) -> Result<bool, AppError> {
    let (user_id, current) = account_named(db, who).await?;
    if Role::parse(&current) == Some(role) {
        return Ok(false);
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3")
        .bind(role.as_str())
        .bind(now.unix_millis())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO role_changes (user_id, role, changed_by, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(role.as_str())
    .bind(changed_by)
    .bind(now.unix_millis())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, role = role.as_str(), changed_by, "role changed");
    Ok(true)
}

/// Every account with the admin role, by email.
pub async fn list(db: &Db) -> Result<Vec<AdminAccount>, AppError> {
    let rows: Vec<(Option<String>, String, Option<i64>)> = sqlx::query_as(
        "SELECT username, email, email_verified_at FROM users WHERE role = $1 \
         ORDER BY email_canonical",
    )
    .bind(Role::Admin.as_str())
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(username, email, verified_at)| AdminAccount {
            username: username.unwrap_or_default(),
            email,
            verified: verified_at.is_some(),
        })
        .collect())
}
