//! Signing up, signing in, changing the password and deleting an account.

use super::limits::{self, Scope};
use super::{links, recovery};
use super::{sessions, Viewer};
use crate::domain::account::{check_password, Email};
use crate::domain::auth::LinkPurpose;
use crate::domain::auth::{ACCOUNT_LIMIT, ADDRESS_LIMIT};
use crate::domain::preferences::Language;
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule};
use crate::server::db::{is_unique_violation, Db};
use crate::server::sql::{CANCELLED, SEATED};
use crate::server::{credits, notifications, AppState};
use const_format::formatcp;
use sqlx::AnyConnection;

/// A fresh session for a user.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// The user.
    pub user_id: i64,
    /// The session token for the cookie.
    pub token: String,
    /// Whether onboarding is complete (where to send them next).
    pub onboarded: bool,
    /// Their language (for the language cookie).
    pub language: Language,
}

/// Creates the user row and everything an account starts with (credit account with its
/// first grant, notification defaults) in the caller's transaction. Returns the user id,
/// or `Invalid(email, Taken)` when the address already has an account.
pub async fn create_user(
    conn: &mut AnyConnection,
    email: &Email,
    password_hash: Option<&str>,
    language: Language,
    now: Timestamp,
) -> Result<i64, AppError> {
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO users (email, email_canonical, password_hash, language, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(email.as_str())
    .bind(email.canonical())
    .bind(password_hash)
    .bind(language.tag())
    .bind(now.unix_millis())
    .fetch_one(&mut *conn)
    .await;
    let (user_id,) = match inserted {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::invalid("email", InvalidRule::Taken))
        }
        other => other?,
    };
    credits::open_account(conn, user_id, now).await?;
    notifications::create_defaults(conn, user_id).await?;
    Ok(user_id)
}

/// Signs up with email and password, signed in at once.
///
/// When the server sends email, the answer never says whether the address already had an
/// account: a new account gets a verification link (which signs it in), an existing one
/// a letter saying someone tried, and both answers are [`SignUpOutcome::CheckEmail`].
/// Without email the account is signed in at once, its address unverified.
#[tracing::instrument(skip_all)]
pub async fn sign_up(
    state: &AppState,
    email: &str,
    password: String,
    language: Language,
    address: &str,
) -> Result<SignUpOutcome, AppError> {
    // Both fields are checked, so an empty form marks both.
    let email = Email::parse(email);
    AppError::all_valid([
        email.as_ref().map(|_| ()).map_err(Clone::clone),
        check_password(&password),
    ])?;
    let email = email?;
    let now = state.clock.now();
    // Every sign-up counts, made or not (never released): floods wait.
    let quota = &state.config.signups;
    let _counted = limits::reserve(
        &state.db,
        &[
            (Scope::SignUpsFrom, address, quota.per_address),
            (Scope::SignUps, limits::EVERYONE, quota.everywhere),
        ],
        now,
    )
    .await?;
    let attempt =
        limits::reserve(&state.db, &[(Scope::Address, address, ADDRESS_LIMIT)], now).await?;
    let hash = state.passwords.hash(password).await?;
    let mut tx = state.db.begin_write().await?;
    // A taken address keeps the attempt counted (probing for accounts costs attempts).
    let user_id = match create_user(&mut tx, &email, Some(&hash), language, now).await {
        Err(AppError::Invalid { field, rule }) if state.mailer.sends() => {
            drop(tx);
            if rule == InvalidRule::Taken {
                recovery::tell_already_registered(state, &email).await?;
                return Ok(SignUpOutcome::CheckEmail);
            }
            return Err(AppError::Invalid { field, rule });
        }
        other => other?,
    };
    if state.mailer.sends() {
        let token = links::issue(
            &mut tx,
            user_id,
            LinkPurpose::Verify,
            &email.canonical(),
            now,
        )
        .await?;
        tx.commit().await?;
        attempt.release(&state.db).await?;
        tracing::info!(user_id, "account created; verification sent");
        if let Some(token) = token {
            recovery::send_link(state, email.as_str(), LinkPurpose::Verify, &token, language);
        }
        return Ok(SignUpOutcome::CheckEmail);
    }
    let token = sessions::create(&mut tx, user_id, now).await?;
    tx.commit().await?;
    attempt.release(&state.db).await?;
    tracing::info!(user_id, "account created");
    // Nothing can be sent: the link goes to the log for the person running the server.
    recovery::send_verification(state, user_id).await?;
    Ok(SignUpOutcome::SignedIn(SignedIn {
        user_id,
        token,
        onboarded: false,
        language,
    }))
}

/// How a sign-up ended.
#[derive(Clone, Debug)]
pub enum SignUpOutcome {
    /// Signed in at once (the server sends no email).
    SignedIn(SignedIn),
    /// A letter is on its way (whether or not the address already had an account).
    CheckEmail,
}

/// Signs in with email and password. Wrong email and wrong password fail the same way.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: String,
    address: &str,
) -> Result<SignedIn, AppError> {
    let email = Email::parse(email)?;
    let account = email.canonical();
    let now = state.clock.now();
    // Counted before the hash is checked, so parallel guesses cannot share one count.
    let attempt = limits::reserve(
        &state.db,
        &[
            (Scope::Address, address, ADDRESS_LIMIT),
            (Scope::Account, &account, ACCOUNT_LIMIT),
        ],
        now,
    )
    .await?;
    let row: Option<(i64, Option<String>, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, password_hash, onboarded_at, language FROM users WHERE email_canonical = $1",
    )
    .bind(&account)
    .fetch_optional(state.db.pool())
    .await?;
    let (user_id, stored, onboarded_at, language) = match row {
        Some((id, hash, onboarded, language)) => (Some(id), hash, onboarded, language),
        None => (None, None, None, String::new()),
    };
    let ok = state.passwords.verify(password, stored).await?;
    let Some(user_id) = user_id.filter(|_| ok) else {
        // The reservation stays as the failure.
        return Err(AppError::BadCredentials);
    };
    attempt.release(&state.db).await?;
    limits::clear(&state.db, Scope::Account, &account).await?;
    let mut conn = state.db.pool().acquire().await?;
    let token = sessions::create(&mut conn, user_id, now).await?;
    Ok(SignedIn {
        user_id,
        token,
        onboarded: onboarded_at.is_some(),
        language: Language::parse(&language).unwrap_or(Language::En),
    })
}

/// What confirms a sensitive change for an account.
enum Confirmation {
    /// The account has a password: it must be given.
    Password(String),
    /// A Google-only account has none: the signed-in session is the proof.
    SessionOnly {
        /// The username, for confirmations that must be typed.
        username: String,
    },
}

/// How `user_id` confirms sensitive changes.
async fn confirmation_for(db: &Db, user_id: i64) -> Result<(Confirmation, String), AppError> {
    let (hash, account, username): (Option<String>, String, Option<String>) =
        sqlx::query_as("SELECT password_hash, email_canonical, username FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(db.pool())
            .await?;
    let confirmation = match hash {
        Some(hash) => Confirmation::Password(hash),
        None => Confirmation::SessionOnly {
            username: username.unwrap_or_default(),
        },
    };
    Ok((confirmation, account))
}

/// Checks the viewer's current password (counted against the account's attempt limit).
async fn check_current_password(
    state: &AppState,
    hash: String,
    account: &str,
    current: String,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let attempt =
        limits::reserve(&state.db, &[(Scope::Account, account, ACCOUNT_LIMIT)], now).await?;
    if state.passwords.verify(current, Some(hash)).await? {
        attempt.release(&state.db).await
    } else {
        Err(AppError::invalid(
            "current_password",
            InvalidRule::Incorrect,
        ))
    }
}

/// Changes the password (or sets a first one on a Google-only account, where the session
/// is the proof) and signs out every other session.
#[tracing::instrument(skip_all, fields(user_id = viewer.user_id))]
pub async fn change_password(
    state: &AppState,
    viewer: Viewer,
    current: String,
    new: String,
) -> Result<u64, AppError> {
    check_password(&new).map_err(|e| match e {
        AppError::Invalid { rule, .. } => AppError::invalid("new_password", rule),
        other => other,
    })?;
    let (confirmation, account) = confirmation_for(&state.db, viewer.user_id).await?;
    if let Confirmation::Password(hash) = confirmation {
        check_current_password(state, hash, &account, current).await?;
    }
    let hash = state.passwords.hash(new).await?;
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(state.clock.now().unix_millis())
        .bind(viewer.user_id)
        .execute(&mut *tx)
        .await?;
    let ended = sessions::revoke_all(&mut tx, viewer.user_id, Some(viewer.session_id)).await?;
    tx.commit().await?;
    state
        .live
        .signed_out(viewer.user_id, Some(viewer.session_id));
    Ok(ended)
}

/// Deletes the account and everything that belongs to it, once confirmed: by the
/// password, or on a Google-only account by typing the username.
#[tracing::instrument(skip_all, fields(user_id = viewer.user_id))]
pub async fn delete_account(
    state: &AppState,
    viewer: Viewer,
    confirmation: String,
) -> Result<(), AppError> {
    match confirmation_for(&state.db, viewer.user_id).await? {
        (Confirmation::Password(hash), account) => {
            check_current_password(state, hash, &account, confirmation).await?;
        }
        (Confirmation::SessionOnly { username }, _) => {
            if !confirmation.trim().eq_ignore_ascii_case(&username) || username.is_empty() {
                return Err(AppError::invalid("confirmation", InvalidRule::Incorrect));
            }
        }
    }
    let mut tx = state.db.begin_write().await?;
    let now = state.clock.now();
    // Seats not yet started go back to the table; past ones stay, anonymised.
    let freed: Vec<(i64, i64)> = sqlx::query_as(formatcp!(
        "SELECT session_id, id FROM participants WHERE user_id = $2 AND status = {SEATED} \
         AND starts_at > $1"
    ))
    .bind(now.unix_millis())
    .bind(viewer.user_id)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(formatcp!(
        "UPDATE study_sessions SET humans = humans - 1 WHERE id IN \
         (SELECT session_id FROM participants WHERE user_id = $2 AND status = {SEATED} \
          AND starts_at > $1)"
    ))
    .bind(now.unix_millis())
    .bind(viewer.user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(formatcp!(
        "UPDATE participants SET status = {CANCELLED}, left_at = $1 \
         WHERE user_id = $2 AND status = {SEATED} AND starts_at > $1"
    ))
    .bind(now.unix_millis())
    .bind(viewer.user_id)
    .execute(&mut *tx)
    .await?;
    crate::server::diary::search::forget(&state.db, &mut tx, viewer.user_id).await?;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(viewer.user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!("account deleted");
    state.live.signed_out(viewer.user_id, None);
    for (table_id, participant) in freed {
        state.live.refresh_roster(&state.db, table_id, now).await?;
        crate::server::audio::remove_from_audio_room(state, table_id, participant);
    }
    Ok(())
}
