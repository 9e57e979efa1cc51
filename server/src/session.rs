//! Middleware that resolves the session cookie into a [`Viewer`] in the request's
//! extensions (read by server functions and pages), and re-sends the cookie when the
//! session's expiry slid forward. A stale or unknown cookie is removed.

use app::server::auth::request::{cookie, is_https};
use app::server::auth::sessions::{self, COOKIE};
use app::server::AppState;
use axum::extract::{Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Paths that never need to know who is asking (static files).
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/healthz" || path == "/metrics"
}

pub async fn attach_viewer(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let token = cookie(request.headers(), COOKIE).map(str::to_owned);
    let Some(token) = token.filter(|_| !is_static(request.uri().path())) else {
        return next.run(request).await;
    };
    let secure = is_https(request.headers(), &state.config);
    let resolved = match sessions::resolve(&state.db, &token, state.clock.now()).await {
        Ok(resolved) => resolved,
        Err(err) => return err.into_response(),
    };
    let set_cookie = match resolved {
        Some(found) => {
            request.extensions_mut().insert(found.viewer);
            found.renewed.then(|| sessions::cookie(&token, secure))
        }
        None => Some(sessions::clearing_cookie(secure)),
    };
    let mut response = next.run(request).await;
    if let Some(cookie) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        // A handler that set the session cookie itself (sign-in, sign-out) wins.
        let handler_set_session = response.headers().get_all(SET_COOKIE).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.starts_with(&format!("{COOKIE}=")))
        });
        if !handler_set_session {
            response.headers_mut().append(SET_COOKIE, cookie);
        }
    }
    response
}
