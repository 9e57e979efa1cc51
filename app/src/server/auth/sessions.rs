//! Server-side sessions: create on sign-in, resolve (with sliding renewal) on every
//! request that carries the cookie, revoke one or all.

use super::Viewer;
use crate::domain::auth::{session_alive, session_needs_renewal, SESSION_LIFETIME_MS};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::secrets::random_hex;
use crate::server::AppState;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// The session cookie's name.
pub const COOKIE: &str = "focus_session";

/// SHA-256 of a token, hex: what the database stores.
pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Opens a session for `user_id`; returns the token for the cookie.
pub async fn create(
    conn: &mut AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<String, AppError> {
    let token = random_hex(32);
    sqlx::query(
        "INSERT INTO auth_sessions (user_id, token_hash, created_at, expires_at, renewed_at) \
         VALUES ($1, $2, $3, $4, $3)",
    )
    .bind(user_id)
    .bind(token_hash(&token))
    .bind(now.unix_millis())
    .bind(now.plus_millis(SESSION_LIFETIME_MS).unix_millis())
    .execute(conn)
    .await?;
    Ok(token)
}

/// A resolved session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Who is signed in.
    pub viewer: Viewer,
    /// True when the expiry was just pushed forward (the cookie should be re-sent).
    pub renewed: bool,
}

/// The session for `token`, renewed when due; `None` when unknown or expired (an expired
/// session is deleted).
#[tracing::instrument(skip_all)]
pub async fn resolve(db: &Db, token: &str, now: Timestamp) -> Result<Option<Resolved>, AppError> {
    let hash = token_hash(token);
    let row: Option<(i64, i64, i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT s.id, s.user_id, s.created_at, s.expires_at, s.renewed_at, u.onboarded_at \
         FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(db.pool())
    .await?;
    let Some((session_id, user_id, created_at, expires_at, renewed_at, onboarded_at)) = row else {
        return Ok(None);
    };
    let (created_at, expires_at) = (
        Timestamp::from_unix_millis(created_at),
        Timestamp::from_unix_millis(expires_at),
    );
    if !session_alive(created_at, expires_at, now) {
        sqlx::query("DELETE FROM auth_sessions WHERE id = $1")
            .bind(session_id)
            .execute(db.pool())
            .await?;
        return Ok(None);
    }
    let renewed = session_needs_renewal(Timestamp::from_unix_millis(renewed_at), now);
    if renewed {
        sqlx::query("UPDATE auth_sessions SET expires_at = $1, renewed_at = $2 WHERE id = $3")
            .bind(now.plus_millis(SESSION_LIFETIME_MS).unix_millis())
            .bind(now.unix_millis())
            .bind(session_id)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(Resolved {
        viewer: Viewer {
            user_id,
            session_id,
            onboarded: onboarded_at.is_some(),
        },
        renewed,
    }))
}

/// Ends one session.
pub async fn revoke(db: &Db, session_id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM auth_sessions WHERE id = $1")
        .bind(session_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends every session of `user_id` except `keep` (all of them when `None`). Returns how
/// many ended.
pub async fn revoke_all(
    conn: &mut AnyConnection,
    user_id: i64,
    keep: Option<i64>,
) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM auth_sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(-1))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Signs `user_id` out on every device: ends all their sign-in sessions and closes the
/// table channels those opened. Returns how many sign-in sessions ended.
pub async fn sign_out_everywhere(state: &AppState, user_id: i64) -> Result<u64, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let ended = revoke_all(&mut conn, user_id, None).await?;
    state.live.signed_out(user_id, None);
    Ok(ended)
}

/// The `Set-Cookie` value carrying `token`.
pub fn cookie(token: &str, secure: bool) -> String {
    let max_age = SESSION_LIFETIME_MS / 1000;
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stored_hashed() {
        let hash = token_hash("abc");
        assert_eq!(
            hash,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let plain = cookie("t0k", false);
        assert_eq!(
            plain,
            "focus_session=t0k; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax"
        );
        assert!(cookie("t0k", true).ends_with("; Secure"));
        assert!(clearing_cookie(false).contains("Max-Age=0"));
    }
}
