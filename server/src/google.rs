//! `GET /auth/google?next=/path` sends the browser to Google; `GET /auth/google/callback`
//! brings it back signed in (or to the sign-in page with a message). `POST /auth/google`
//! (the settings' "Connect Google" form) does the same to link Google to the signed-in
//! account: a POST, so the same-origin check every form has keeps another site from
//! starting a link in a student's browser. 404 when Google sign-in is not configured.

use app::domain::preferences::Language;
use app::error::{AppError, Refusal};
use app::locale::locale_cookie;
use app::server::auth::request::{cookie, header, is_https};
use app::server::auth::sessions;
use app::server::auth::Viewer;
use app::server::oidc::flow::{self, FLOW_TTL_MS, STATE_COOKIE};
use app::server::AppState;
use axum::extract::{Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

fn state_cookie(value: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{STATE_COOKIE}={value}; Path=/auth/google; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}")
}

fn see_other(location: &str, cookies: Vec<String>) -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, location.to_owned())]).into_response();
    for cookie in cookies {
        if let Ok(value) = cookie.parse() {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// `GET /auth/google`: sign in with Google.
pub async fn start(
    State(state): State<AppState>,
    Query(query): Query<StartQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    start_flow(&state, query.next.as_deref(), None, &headers).await
}

/// `POST /auth/google`: link Google to the signed-in account.
pub async fn link(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(Extension(viewer)) = viewer else {
        state.google.as_ref().ok_or(AppError::NotFound)?;
        return Ok(see_other("/signin?next=/app/settings", vec![]));
    };
    start_flow(&state, None, Some(viewer.user_id), &headers).await
}

async fn start_flow(
    state: &AppState,
    next: Option<&str>,
    link_user: Option<i64>,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let google = state.google.clone().ok_or(AppError::NotFound)?;
    let started = match flow::start(state, &google, next, link_user).await {
        Ok(started) => started,
        Err(AppError::Unavailable) => return Ok(see_other("/signin?google=unavailable", vec![])),
        Err(other) => return Err(other),
    };
    let secure = is_https(headers, &state.config);
    let cookie = state_cookie(&started.state, FLOW_TTL_MS / 1000, secure);
    Ok(see_other(&started.redirect_to, vec![cookie]))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let google = state.google.clone().ok_or(AppError::NotFound)?;
    let secure = is_https(&headers, &state.config);
    let forget_state = state_cookie("", 0, secure);
    let cookie_state = cookie(&headers, STATE_COOKIE);
    let (Some(code), Some(returned_state)) = (query.code, query.state) else {
        // The person cancelled at Google, or the provider reported an error.
        let reason = if query.error.as_deref() == Some("access_denied") {
            "cancelled"
        } else {
            "failed"
        };
        return Ok(see_other(
            &format!("/signin?google={reason}"),
            vec![forget_state],
        ));
    };
    let language = header(&headers, "accept-language")
        .and_then(|tag| Language::parse(tag).ok())
        .unwrap_or(Language::En);
    match flow::finish(
        &state,
        &google,
        &code,
        &returned_state,
        cookie_state,
        language,
    )
    .await
    {
        Ok(done) => {
            let cookies = vec![
                forget_state,
                sessions::cookie(&done.signed_in.token, secure),
                locale_cookie(done.signed_in.language.tag()),
            ];
            Ok(see_other(&done.next, cookies))
        }
        Err(AppError::Unavailable) => {
            Ok(see_other("/signin?google=unavailable", vec![forget_state]))
        }
        Err(AppError::Forbidden) => Ok(see_other("/signin?google=failed", vec![forget_state])),
        Err(AppError::Refused {
            reason: Refusal::GoogleNeedsSignIn,
        }) => Ok(see_other(
            "/signin?google=sign_in_first",
            vec![forget_state],
        )),
        Err(other) => Err(other),
    }
}
