//! Headers every response carries: no MIME sniffing, referrers only to this site in full,
//! no framing (a page's own Content-Security-Policy, set when it renders, says so too; any
//! other response gets a fallback policy), over https a year of HSTS, and for anything
//! without a caching rule of its own (pages, server-function answers: they differ per
//! student and per minute) `private, no-cache`, so neither a shared cache nor the browser
//! reuses one without asking. The build's files set their own (`static_files`).

use app::server::auth::request::is_https;
use app::server::AppState;
use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

pub async fn add(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let https = is_https(request.headers(), &state.config);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::server::csp::FALLBACK_POLICY),
        );
    }
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    }
    if https {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}
