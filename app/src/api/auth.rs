//! Signing up, in and out. Each function ends like a form: a no-JavaScript post is
//! redirected, an enhanced one gets the address to load next.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod wiring {
    use crate::error::AppError;
    use crate::locale::locale_cookie;
    use crate::server::auth::accounts::SignedIn;
    use crate::server::auth::request::{request_is_https, set_cookie};
    use crate::server::auth::sessions;
    use crate::server::AppState;

    /// Sets the session cookie and the language cookie for a fresh sign-in.
    pub fn start_sign_in_session(state: &AppState, signed_in: &SignedIn) -> Result<(), AppError> {
        let secure = request_is_https(&state.config)?;
        set_cookie(&sessions::cookie(&signed_in.token, secure))?;
        set_cookie(&locale_cookie(signed_in.language.tag()))
    }

    /// Starts the session and goes on: the dashboard, or onboarding when unfinished.
    pub fn continue_signed_in(state: &AppState, signed_in: &SignedIn) -> Result<String, AppError> {
        start_sign_in_session(state, signed_in)?;
        let next = if signed_in.onboarded {
            "/app"
        } else {
            "/onboarding"
        };
        crate::server::auth::request::finish_form(next)
    }
}

/// Creates an account with email and password. Without email on the server it is signed
/// in at once (next stop: onboarding); with email, the next stop is "check your email"
/// whether or not the address already had an account.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(email: String, password: String) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::accounts::{self, SignUpOutcome};
        use crate::server::auth::request;
        let state = crate::server::state::use_state()?;
        let address = request::client_address(&state.config)?;
        let language = request::page_language()?;
        match accounts::sign_up(&state, &email, password, language, &address).await? {
            SignUpOutcome::SignedIn(signed_in) => {
                wiring::start_sign_in_session(&state, &signed_in)?;
                request::finish_form("/onboarding")
            }
            SignUpOutcome::CheckEmail => request::finish_form("/check-email?for=sign-up"),
        }
    })
    .await
}

/// Signs in; next stop: `next` (a local path) or the dashboard, via onboarding if unfinished.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::{accounts, request};
        let state = crate::server::state::use_state()?;
        let address = request::client_address(&state.config)?;
        let signed_in = accounts::sign_in(&state, &email, password, &address).await?;
        wiring::start_sign_in_session(&state, &signed_in)?;
        let target = if signed_in.onboarded {
            request::safe_return_path(next.as_deref())
        } else {
            "/onboarding".to_owned()
        };
        request::finish_form(&target)
    })
    .await
}

/// Ends this session; next stop: the landing page.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::{request, sessions};
        let state = crate::server::state::use_state()?;
        if let Some(viewer) = request::optional_viewer()? {
            sessions::revoke(&state.db, viewer.session_id).await?;
            state.live.sign_in_ended(viewer.user_id, viewer.session_id);
        }
        request::set_cookie(&sessions::clearing_cookie(request::request_is_https(
            &state.config,
        )?))?;
        request::finish_form("/")
    })
    .await
}

/// What the sign-in and sign-up pages need to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuthPageInfo {
    /// The visitor is already signed in (the page sends them on).
    pub signed_in: bool,
    /// "Continue with Google" is available.
    pub google: bool,
}

/// Whether the visitor has a sign-in session (plain text, `true` or `false`: the public
/// header asks it on every page, the landing page included).
#[server(prefix = "/api", endpoint = "signed_in", output = crate::api::plain_text::Text)]
pub async fn signed_in() -> Result<bool, ServerFnError> {
    crate::server::with_error_status(async move {
        Ok(crate::server::auth::request::optional_viewer()?.is_some())
    })
    .await
    .map_err(crate::api::plain_text::framework_error)
}

/// Whether the visitor is signed in and which sign-in methods exist.
#[server(prefix = "/api", endpoint = "auth_page_info")]
pub async fn load_auth_page_info() -> Result<AuthPageInfo, AppError> {
    crate::server::with_error_status(async move {
        let state = crate::server::state::use_state()?;
        Ok(AuthPageInfo {
            signed_in: crate::server::auth::request::optional_viewer()?.is_some(),
            google: state.google.is_some(),
        })
    })
    .await
}
