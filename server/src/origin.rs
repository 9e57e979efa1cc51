//! Cross-site request protection for everything that changes state. On top of the
//! `SameSite=Lax` session cookie, a state-changing request (any method but GET, HEAD,
//! OPTIONS) from a browser must come from this site: its `Origin` must name this host, or,
//! without `Origin`, `Sec-Fetch-Site` must not say `cross-site`. Requests with neither
//! header (command-line clients, which carry no ambient cookies) pass. WebSocket upgrades
//! are GETs but open a two-way channel with the cookie's authority, so they are checked
//! the same way (browsers do not apply CORS to WebSockets).

use app::error::AppError;
use app::server::auth::request::header;
use app::server::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let upgrade =
        header(request.headers(), "upgrade").is_some_and(|u| u.eq_ignore_ascii_case("websocket"));
    let safe = !upgrade
        && matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS
        );
    if safe || is_same_site(request.headers(), state.config.behind_proxy) {
        next.run(request).await
    } else {
        tracing::warn!(
            origin = header(request.headers(), "origin").unwrap_or("-"),
            path = request.uri().path(),
            "cross-site request refused"
        );
        AppError::Forbidden.into_response()
    }
}

/// Whether a request's headers show it came from this site.
fn is_same_site(headers: &HeaderMap, behind_proxy: bool) -> bool {
    let host = behind_proxy
        .then(|| header(headers, "x-forwarded-host"))
        .flatten()
        .or_else(|| header(headers, "host"));
    match header(headers, "origin") {
        Some(origin) => {
            let authority = origin.split_once("://").map(|(_, rest)| rest);
            matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
        }
        None => header(headers, "sec-fetch-site").is_none_or(|site| site != "cross-site"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn same_origin_passes_and_other_origins_do_not() {
        let host = ("host", "focus.example:3000");
        assert!(is_same_site(
            &headers(&[host, ("origin", "http://focus.example:3000")]),
            false
        ));
        assert!(!is_same_site(
            &headers(&[host, ("origin", "https://evil.example")]),
            false
        ));
        assert!(!is_same_site(&headers(&[host, ("origin", "null")]), false));
        assert!(!is_same_site(
            &headers(&[host, ("sec-fetch-site", "cross-site")]),
            false
        ));
        assert!(is_same_site(
            &headers(&[host, ("sec-fetch-site", "same-origin")]),
            false
        ));
        assert!(is_same_site(&headers(&[host]), false));
    }

    #[test]
    fn behind_a_proxy_the_forwarded_host_counts() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("x-forwarded-host", "focus.example"),
            ("origin", "https://focus.example"),
        ]);
        assert!(is_same_site(&h, true));
        assert!(!is_same_site(&h, false));
    }
}
