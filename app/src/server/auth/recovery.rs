//! What travels by email: confirming an address, and choosing a new password when the old
//! one is lost. Links are single use ([`super::links`]); answers never say whether an
//! address has an account; a reset signs out every other device (and closes their table
//! channels).

use super::accounts::SignedIn;
use super::limits::{self, Scope};
use super::{links, sessions};
use crate::api::email::EmailStatus;
use crate::domain::account::{check_password, Email};
use crate::domain::auth::{LinkPurpose, ADDRESS_LIMIT};
use crate::domain::preferences::Language;
use crate::error::AppError;
use crate::server::mail::letters::Letter;
use crate::server::AppState;

/// The page a link of `purpose` opens.
fn link_path(purpose: LinkPurpose, token: &str) -> String {
    match purpose {
        LinkPurpose::Verify => format!("/verify-email?token={token}"),
        LinkPurpose::Reset => format!("/reset-password?token={token}"),
    }
}

/// Sends (or, without email, logs) the link `token` for `purpose` to `to`.
pub fn send_link(
    state: &AppState,
    to: &str,
    purpose: LinkPurpose,
    token: &str,
    language: Language,
) {
    let link = state.mailer.link(&link_path(purpose, token));
    let letter = match purpose {
        LinkPurpose::Verify => Letter::Verify { link },
        LinkPurpose::Reset => Letter::Reset { link },
    };
    state.mailer.send_later(to.to_owned(), letter, language);
}

/// `(email, canonical email, language, verified)` of `user_id`.
async fn address_of(
    state: &AppState,
    user_id: i64,
) -> Result<(String, String, Language, bool), AppError> {
    let (email, canonical, language, verified_at): (String, String, String, Option<i64>) =
        sqlx::query_as(
            "SELECT email, email_canonical, language, email_verified_at FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_one(state.db.pool())
        .await?;
    let language = Language::parse(&language).unwrap_or(Language::En);
    Ok((email, canonical, language, verified_at.is_some()))
}

/// `user_id`'s address, whether it is confirmed, and whether the server sends email.
pub async fn status(state: &AppState, user_id: i64) -> Result<EmailStatus, AppError> {
    let (email, _, _, verified) = address_of(state, user_id).await?;
    let google_linked = match state.google {
        Some(_) => {
            let (links,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM oidc_identities WHERE user_id = $1")
                    .bind(user_id)
                    .fetch_one(state.db.pool())
                    .await?;
            Some(links > 0)
        }
        None => None,
    };
    Ok(EmailStatus {
        email,
        verified,
        server_sends: state.mailer.sends(),
        google_linked,
    })
}

/// Sends `user_id` a link to confirm their address, unless it is confirmed already (or
/// the hourly limit is reached: nothing is said either way).
pub async fn send_verification(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let (email, canonical, language, verified) = address_of(state, user_id).await?;
    if verified {
        return Ok(());
    }
    let mut conn = state.db.pool().acquire().await?;
    let now = state.clock.now();
    if let Some(token) =
        links::issue(&mut conn, user_id, LinkPurpose::Verify, &canonical, now).await?
    {
        send_link(state, &email, LinkPurpose::Verify, &token, language);
    }
    Ok(())
}

/// Someone tried to sign up with `email`, which has an account: its owner is told, with
/// the way to a new password.
pub async fn tell_already_registered(state: &AppState, email: &Email) -> Result<(), AppError> {
    let language: Option<(String,)> =
        sqlx::query_as("SELECT language FROM users WHERE email_canonical = $1")
            .bind(email.canonical())
            .fetch_optional(state.db.pool())
            .await?;
    let language = language
        .and_then(|(l,)| Language::parse(&l).ok())
        .unwrap_or(Language::En);
    let letter = Letter::AlreadyRegistered {
        link: state.mailer.link("/forgot-password"),
    };
    state
        .mailer
        .send_later(email.as_str().to_owned(), letter, language);
    Ok(())
}

/// Confirms the address the link `token` was sent to and signs its account in.
#[tracing::instrument(skip_all)]
pub async fn verify(state: &AppState, token: &str) -> Result<SignedIn, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let (user_id, email) = links::redeem(&mut tx, token, LinkPurpose::Verify, now).await?;
    // Only the address the link went to (it may have changed since).
    sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) \
         WHERE id = $2 AND email_canonical = $3",
    )
    .bind(now.unix_millis())
    .bind(user_id)
    .bind(&email)
    .execute(&mut *tx)
    .await?;
    let signed_in = session_for(&mut tx, user_id, now).await?;
    tx.commit().await?;
    tracing::info!(user_id, "address verified");
    Ok(signed_in)
}

/// A new sign-in session for `user_id`, in the caller's transaction.
async fn session_for(
    tx: &mut crate::server::db::WriteTx,
    user_id: i64,
    now: crate::domain::time::Timestamp,
) -> Result<SignedIn, AppError> {
    let token = sessions::create(tx, user_id, now).await?;
    let (onboarded_at, language): (Option<i64>, String) =
        sqlx::query_as("SELECT onboarded_at, language FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(SignedIn {
        user_id,
        token,
        onboarded: onboarded_at.is_some(),
        language: Language::parse(&language).unwrap_or(Language::En),
    })
}

/// Sends a reset link to `email` if it has an account; the same answer either way.
/// Requests count against the client address like failed sign-ins.
#[tracing::instrument(skip_all)]
pub async fn request_reset(state: &AppState, email: &str, address: &str) -> Result<(), AppError> {
    let email = Email::parse(email)?;
    let now = state.clock.now();
    // Never released: every request counts (a mailbox is not a target).
    let _counted =
        limits::reserve(&state.db, &[(Scope::Address, address, ADDRESS_LIMIT)], now).await?;
    let account: Option<(i64, String)> =
        sqlx::query_as("SELECT id, language FROM users WHERE email_canonical = $1")
            .bind(email.canonical())
            .fetch_optional(state.db.pool())
            .await?;
    let Some((user_id, language)) = account else {
        tracing::info!("reset asked for an address without an account");
        return Ok(());
    };
    let mut conn = state.db.pool().acquire().await?;
    if let Some(token) = links::issue(
        &mut conn,
        user_id,
        LinkPurpose::Reset,
        &email.canonical(),
        now,
    )
    .await?
    {
        let language = Language::parse(&language).unwrap_or(Language::En);
        send_link(state, email.as_str(), LinkPurpose::Reset, &token, language);
    }
    Ok(())
}

/// Sets a new password with the reset link `token`: the link is used up, every session of
/// the account ends (their table channels close) and a new one starts here; the address
/// the link reached counts as verified. A password the policy refuses uses nothing up.
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    state: &AppState,
    token: &str,
    new_password: String,
) -> Result<SignedIn, AppError> {
    check_password(&new_password).map_err(|e| match e {
        AppError::Invalid { rule, .. } => AppError::invalid("new_password", rule),
        other => other,
    })?;
    let hash = state.passwords.hash(new_password).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let (user_id, email) = links::redeem(&mut tx, token, LinkPurpose::Reset, now).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2, \
         email_verified_at = CASE WHEN email_canonical = $4 \
                             THEN COALESCE(email_verified_at, $2) ELSE email_verified_at END \
         WHERE id = $3",
    )
    .bind(&hash)
    .bind(now.unix_millis())
    .bind(user_id)
    .bind(&email)
    .execute(&mut *tx)
    .await?;
    let ended = sessions::revoke_all(&mut tx, user_id, None).await?;
    let signed_in = session_for(&mut tx, user_id, now).await?;
    tx.commit().await?;
    limits::clear(&state.db, Scope::Account, &email).await?;
    state.live.signed_out(user_id, None);
    tracing::info!(user_id, ended, "password reset");
    Ok(signed_in)
}
