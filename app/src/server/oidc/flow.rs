//! One Google sign-in, from the redirect out to the session: the flow's secrets are kept
//! in the database between the two (single use, ten minutes), tied to the browser by a
//! cookie holding the state; the returned identity is matched to an account, linked to
//! the account with the same email only when that account's address is verified (else
//! someone who registered the address first, without owning it, would gain the real
//! owner's Google sign-in — or the owner would walk into the squatter's account), or
//! becomes a new account. A signed-in member links Google to their account from
//! settings (the flow then remembers whose account it is).

use super::GoogleSignIn;
use crate::domain::account::Email;
use crate::domain::preferences::Language;
use crate::domain::time::MINUTE_MS;
use crate::error::{AppError, Refusal};
use crate::server::auth::accounts::{create_user, SignedIn};
use crate::server::auth::request::safe_return_path;
use crate::server::auth::sessions;
use crate::server::secrets::random_hex;
use crate::server::AppState;
use sqlx::AnyConnection;

/// The provider name stored with linked identities.
pub const PROVIDER: &str = "google";
/// The cookie that ties a callback to the browser that started the sign-in.
pub const STATE_COOKIE: &str = "focus_oidc";
/// How long a started sign-in may take.
pub const FLOW_TTL_MS: i64 = 10 * MINUTE_MS;

/// A started sign-in.
#[derive(Clone, Debug)]
pub struct Started {
    /// The provider's sign-in page.
    pub redirect_to: String,
    /// The state, for the cookie.
    pub state: String,
}

/// Starts a sign-in that will come back to `return_to` (a local path); with `link_user`,
/// it links the Google identity to that signed-in account instead.
#[tracing::instrument(skip_all)]
pub async fn start(
    state: &AppState,
    google: &GoogleSignIn,
    return_to: Option<&str>,
    link_user: Option<i64>,
) -> Result<Started, AppError> {
    let now = state.clock.now();
    let (flow_state, nonce, verifier) = (random_hex(16), random_hex(16), random_hex(32));
    let redirect_to = google.authorize_url(&flow_state, &nonce, &verifier).await?;
    sqlx::query("DELETE FROM oidc_logins WHERE created_at < $1")
        .bind(now.plus_millis(-FLOW_TTL_MS).unix_millis())
        .execute(state.db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO oidc_logins (state, nonce, verifier, return_to, created_at, link_user_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&flow_state)
    .bind(&nonce)
    .bind(&verifier)
    .bind(safe_return_path(return_to))
    .bind(now.unix_millis())
    .bind(link_user)
    .execute(state.db.pool())
    .await?;
    Ok(Started {
        redirect_to,
        state: flow_state,
    })
}

/// A finished sign-in: the session and where to go.
#[derive(Clone, Debug)]
pub struct Finished {
    /// The new session.
    pub signed_in: SignedIn,
    /// Onboarding for new accounts, else where the person was going.
    pub next: String,
}

/// Completes the sign-in the provider sent back. `cookie_state` is the state cookie of
/// this browser; a callback without the matching cookie (a forged or replayed link) is
/// refused, and a state is usable once.
#[tracing::instrument(skip_all)]
pub async fn finish(
    state: &AppState,
    google: &GoogleSignIn,
    code: &str,
    returned_state: &str,
    cookie_state: Option<&str>,
    language: Language,
) -> Result<Finished, AppError> {
    if cookie_state != Some(returned_state) {
        tracing::warn!("Google sign-in: state does not match this browser's");
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let flow: Option<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "DELETE FROM oidc_logins WHERE state = $1 \
         RETURNING nonce, verifier, return_to, created_at, link_user_id",
    )
    .bind(returned_state)
    .fetch_optional(state.db.pool())
    .await?;
    let Some((nonce, verifier, return_to, created_at, link_user)) = flow else {
        return Err(AppError::Forbidden);
    };
    if now.unix_millis() - created_at > FLOW_TTL_MS {
        return Err(AppError::Forbidden);
    }
    let identity = google.identify(code, &verifier, &nonce, now).await?;

    let mut tx = state.db.begin_write().await?;
    let already = linked_user(&mut tx, &identity.subject).await?;
    let user_id = match (already, link_user) {
        // This Google account already belongs to another Focus Squad account.
        (Some(owner), Some(linking)) if owner != linking => return Err(AppError::Forbidden),
        (Some(user_id), _) => user_id,
        (None, _) => {
            let email = identity
                .verified_email
                .as_deref()
                .ok_or(AppError::Forbidden)
                .and_then(|e| Email::parse(e).map_err(|_| AppError::Forbidden))?;
            let user_id = match link_user {
                Some(linking) => linking,
                None => {
                    let existing: Option<(i64, Option<i64>)> = sqlx::query_as(
                        "SELECT id, email_verified_at FROM users WHERE email_canonical = $1",
                    )
                    .bind(email.canonical())
                    .fetch_optional(&mut *tx)
                    .await?;
                    match existing {
                        Some((id, Some(_))) => id,
                        Some((_, None)) => {
                            return Err(AppError::Refused {
                                reason: Refusal::GoogleNeedsSignIn,
                            })
                        }
                        None => {
                            let id = create_user(&mut tx, &email, None, language, now).await?;
                            // Google vouched for the address.
                            sqlx::query("UPDATE users SET email_verified_at = $1 WHERE id = $2")
                                .bind(now.unix_millis())
                                .bind(id)
                                .execute(&mut *tx)
                                .await?;
                            id
                        }
                    }
                }
            };
            // Linking from settings with the account's own address confirms it.
            sqlx::query(
                "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) \
                 WHERE id = $2 AND email_canonical = $3",
            )
            .bind(now.unix_millis())
            .bind(user_id)
            .bind(email.canonical())
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO oidc_identities (user_id, provider, subject, email, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(user_id)
            .bind(PROVIDER)
            .bind(&identity.subject)
            .bind(email.as_str())
            .bind(now.unix_millis())
            .execute(&mut *tx)
            .await?;
            user_id
        }
    };
    let (onboarded_at, stored_language): (Option<i64>, String) =
        sqlx::query_as("SELECT onboarded_at, language FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    let token = sessions::create(&mut tx, user_id, now).await?;
    tx.commit().await?;
    tracing::info!(user_id, "signed in with Google");
    let onboarded = onboarded_at.is_some();
    Ok(Finished {
        next: if link_user.is_some() {
            "/app/settings?google=linked".to_owned()
        } else if onboarded {
            return_to
        } else {
            "/onboarding".to_owned()
        },
        signed_in: SignedIn {
            user_id,
            token,
            onboarded,
            language: Language::parse(&stored_language).unwrap_or(language),
        },
    })
}

async fn linked_user(conn: &mut AnyConnection, subject: &str) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM oidc_identities WHERE provider = $1 AND subject = $2")
            .bind(PROVIDER)
            .bind(subject)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(id,)| id))
}
