//! What a server function knows about its request: the signed-in viewer, the client's
//! address, whether it came over https, and how to set cookies or finish a form.

use super::Viewer;
use crate::error::AppError;
use crate::server::config::Config;
use axum::extract::ConnectInfo;
use axum::http::header::{HeaderValue, ACCEPT, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::SocketAddr;

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::internal("request parts missing from context"))
}

/// The signed-in viewer, if any.
pub fn optional_viewer() -> Result<Option<Viewer>, AppError> {
    Ok(parts()?.extensions.get::<Viewer>().copied())
}

/// The signed-in viewer, or [`AppError::Unauthenticated`].
pub fn viewer() -> Result<Viewer, AppError> {
    optional_viewer()?.ok_or(AppError::Unauthenticated)
}

/// The signed-in viewer who has finished onboarding.
pub fn onboarded_viewer() -> Result<Viewer, AppError> {
    let viewer = viewer()?;
    if viewer.onboarded {
        Ok(viewer)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The client's network address, for attempt limits.
pub fn client_address(config: &Config) -> Result<String, AppError> {
    let parts = parts()?;
    Ok(address_of(&parts.headers, parts.extensions.get(), config))
}

/// The client address from the connection, or from the proxy's `X-Forwarded-For` (its
/// last hop, the one the proxy itself added) when the server is behind one.
pub fn address_of(
    headers: &HeaderMap,
    peer: Option<&ConnectInfo<SocketAddr>>,
    config: &Config,
) -> String {
    let forwarded = config
        .behind_proxy
        .then(|| header(headers, "x-forwarded-for"))
        .flatten()
        .and_then(|list| list.rsplit(',').next().map(str::trim).map(str::to_owned))
        .filter(|hop| !hop.is_empty());
    forwarded
        .or_else(|| peer.map(|ConnectInfo(addr)| addr.ip().to_string()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Whether the browser reached us over https (directly or through the proxy).
pub fn is_https(headers: &HeaderMap, config: &Config) -> bool {
    config.behind_proxy
        && header(headers, "x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// Whether the current request came over https.
pub fn request_is_https(config: &Config) -> Result<bool, AppError> {
    Ok(is_https(&parts()?.headers, config))
}

/// The value of cookie `name` among a request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| crate::locale::cookie_value(h, name))
}

/// A header's value as text.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The language the server settled on for this request (see `server::locale`).
pub fn page_language() -> Result<crate::domain::preferences::Language, AppError> {
    use crate::domain::preferences::Language;
    let parts = parts()?;
    Ok(header(&parts.headers, "accept-language")
        .and_then(|tag| Language::parse(tag).ok())
        .unwrap_or(Language::En))
}

/// The request's idempotency key: the `idempotency_key` form field when a plain form sent
/// one, else the `Idempotency-Key` header.
pub fn idempotency_key(field: Option<String>) -> Result<Option<String>, AppError> {
    if let Some(key) = field.filter(|k| !k.trim().is_empty()) {
        return Ok(Some(key));
    }
    Ok(header(&parts()?.headers, "idempotency-key").map(str::to_owned))
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(cookie: &str) -> Result<(), AppError> {
    let response = use_context::<ResponseOptions>()
        .ok_or_else(|| AppError::internal("response options missing from context"))?;
    let value = HeaderValue::from_str(cookie).map_err(AppError::internal)?;
    response.append_header(SET_COOKIE, value);
    Ok(())
}

/// Ends a state-changing form: a plain HTML form post (no JavaScript) is redirected to
/// `target`; the enhanced form gets `target` back and loads it itself (a full load, so the
/// language and the signed-in frame are rendered fresh by the server).
pub fn finish_form(target: &str) -> Result<String, AppError> {
    redirect_plain_form(target)?;
    Ok(target.to_owned())
}

/// Sends a plain HTML form post (no JavaScript) on to `target` after it succeeded; the
/// enhanced form keeps the answer and updates the page itself.
pub fn redirect_plain_form(target: &str) -> Result<(), AppError> {
    let accepts_html = header(&parts()?.headers, ACCEPT.as_str())
        .is_some_and(|accept| accept.contains("text/html"));
    if accepts_html {
        leptos_axum::redirect(target);
    }
    Ok(())
}

/// Only same-site paths: `/x`, never `//host` or `/\\host` (open redirects).
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(char::is_control)
}

/// A same-site path to return to after signing in: only local paths (`/app/...`), never
/// another site (`//evil.example`, `https://...`), defaulting to the dashboard.
pub fn safe_return_path(next: Option<&str>) -> String {
    next.map(str::trim)
        .filter(|path| is_local_path(path))
        .map_or_else(|| "/app".to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(behind_proxy: bool) -> Config {
        let flag = if behind_proxy { "true" } else { "false" };
        Config::from_vars([("FOCUS_BEHIND_PROXY".to_owned(), flag.to_owned())]).unwrap()
    }

    #[test]
    fn proxy_headers_count_only_behind_a_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        headers.insert("x-forwarded-proto", "https".parse().unwrap());
        let peer = ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 5000)));
        assert_eq!(
            address_of(&headers, Some(&peer), &config(false)),
            "127.0.0.1"
        );
        assert_eq!(
            address_of(&headers, Some(&peer), &config(true)),
            "198.51.100.7"
        );
        assert_eq!(
            address_of(&HeaderMap::new(), None, &config(true)),
            "unknown"
        );
        assert!(!is_https(&headers, &config(false)));
        assert!(is_https(&headers, &config(true)));
    }

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path(Some("/app/settings")), "/app/settings");
        assert_eq!(safe_return_path(Some("/app?x=1")), "/app?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "app",
            "",
        ] {
            assert_eq!(safe_return_path(Some(bad)), "/app", "{bad}");
        }
        assert_eq!(safe_return_path(None), "/app");
    }
}
