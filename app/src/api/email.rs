//! What travels by email: the address's state on the settings page, confirming it, and a
//! new password through a reset link.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The viewer's address as the settings page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailStatus {
    /// The address.
    pub email: String,
    /// Confirmed through a link (or by Google).
    pub verified: bool,
    /// The server sends email (else links go to its log).
    pub server_sends: bool,
    /// Google sign-in: `None` when the server does not offer it, else whether this
    /// account is linked to a Google account.
    pub google_linked: Option<bool>,
}

/// The viewer's address and whether it is confirmed.
#[server(prefix = "/api", endpoint = "email_status")]
pub async fn load_email_status() -> Result<EmailStatus, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, .. } = Call::signed_in()?;
        crate::server::auth::recovery::status(&state, viewer.user_id).await
    })
    .await
}

/// Sends the viewer a new link to confirm their address.
#[server(prefix = "/api", endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, .. } = Call::signed_in()?;
        crate::server::auth::recovery::send_verification(&state, viewer.user_id).await
    })
    .await
}

/// Confirms the address with the link's token and signs its account in; next stop:
/// onboarding or the dashboard.
#[server(prefix = "/api", endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        let state = crate::server::state::use_state()?;
        let signed_in = crate::server::auth::recovery::verify(&state, &token).await?;
        super::auth::wiring::continue_signed_in(&state, &signed_in)
    })
    .await
}

/// Sends a reset link when the address has an account (the same answer either way);
/// next stop: "check your email".
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::request;
        let state = crate::server::state::use_state()?;
        let address = request::client_address(&state.config)?;
        crate::server::auth::recovery::request_reset(&state, &email, &address).await?;
        request::finish_form("/check-email?for=reset")
    })
    .await
}

/// Sets a new password with the reset link's token; every other device is signed out and
/// this one signed in. Next stop: the dashboard (or onboarding).
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        let state = crate::server::state::use_state()?;
        let signed_in =
            crate::server::auth::recovery::reset_password(&state, &token, new_password).await?;
        super::auth::wiring::continue_signed_in(&state, &signed_in)
    })
    .await
}
