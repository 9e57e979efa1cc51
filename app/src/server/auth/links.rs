//! Single-use emailed links (address verification, password reset): a random 32-byte
//! token goes into the letter, only its SHA-256 is stored, and a link works once, before
//! its purpose's lifetime runs out. Redeeming is one conditional `UPDATE … RETURNING`,
//! so two clicks racing each other cannot both succeed.

use super::sessions::token_hash;
use crate::domain::auth::{LinkPurpose, LINKS_PER_HOUR};
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::{AppError, Refusal};
use crate::server::secrets::random_hex;
use sqlx::AnyConnection;

/// A new link's token for `user_id` and `purpose`, sent to `email` (canonical); `None`
/// when the account already had [`LINKS_PER_HOUR`] such links in the last hour.
pub async fn issue(
    conn: &mut AnyConnection,
    user_id: i64,
    purpose: LinkPurpose,
    email: &str,
    now: Timestamp,
) -> Result<Option<String>, AppError> {
    let (recent,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM email_links WHERE user_id = $1 AND purpose = $2 AND created_at > $3",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(now.plus_millis(-60 * MINUTE_MS).unix_millis())
    .fetch_one(&mut *conn)
    .await?;
    if usize::try_from(recent).unwrap_or(usize::MAX) >= LINKS_PER_HOUR {
        tracing::info!(
            user_id,
            purpose = purpose.as_str(),
            "link not sent: hourly limit"
        );
        return Ok(None);
    }
    let token = random_hex(32);
    sqlx::query(
        "INSERT INTO email_links (user_id, purpose, token_hash, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(token_hash(&token))
    .bind(email)
    .bind(now.unix_millis())
    .bind(now.plus_millis(purpose.lifetime_ms()).unix_millis())
    .execute(&mut *conn)
    .await?;
    Ok(Some(token))
}

/// Uses the link `token` for `purpose`: `(user id, the address it was sent to)`, or
/// `LinkExpired` when it is unknown, used, expired or for something else.
pub async fn redeem(
    conn: &mut AnyConnection,
    token: &str,
    purpose: LinkPurpose,
    now: Timestamp,
) -> Result<(i64, String), AppError> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "UPDATE email_links SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id, email",
    )
    .bind(now.unix_millis())
    .bind(token_hash(token.trim()))
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.ok_or(AppError::Refused {
        reason: Refusal::LinkExpired,
    })
}
