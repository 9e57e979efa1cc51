//! Account settings: password, sessions, deletion.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;

/// Changes the password (the current one confirms it; a Google-only account sets its
/// first one) and signs out other devices.
/// Returns how many other sessions ended.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    new_password: String,
) -> Result<u64, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::accounts;
        let Call { state, viewer, .. } = Call::signed_in()?;
        accounts::change_password(&state, viewer, current_password, new_password).await
    })
    .await
}

/// Signs out every device, this one included; next stop: sign-in.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::{request, sessions};
        let Call { state, viewer, .. } = Call::signed_in()?;
        sessions::sign_out_everywhere(&state, viewer.user_id).await?;
        request::set_cookie(&sessions::clearing_cookie(request::request_is_https(
            &state.config,
        )?))?;
        request::finish_form("/signin")
    })
    .await
}

/// Deletes the account once confirmed (the password, or the username on a Google-only
/// account); next stop: the landing page.
#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(confirmation: String) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::{accounts, request, sessions};
        let Call { state, viewer, .. } = Call::signed_in()?;
        accounts::delete_account(&state, viewer, confirmation).await?;
        request::set_cookie(&sessions::clearing_cookie(request::request_is_https(
            &state.config,
        )?))?;
        request::finish_form("/")
    })
    .await
}
