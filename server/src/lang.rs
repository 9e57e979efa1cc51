//! `GET /lang/{locale}`: remembers the language in a cookie and goes back to the page the
//! visitor came from (`?next=/path`, else the same-site `Referer`, else `/`). The language
//! switcher links here, so switching works without JavaScript.

use app::error::AppError;
use app::i18n::Locale;
use app::ui::locale::{locale_tag, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECS};
use axum::extract::{Path, Query};
use axum::http::header::{HOST, LOCATION, REFERER, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch_language(
    Path(locale): Path<String>,
    Query(query): Query<Next>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let locale: Locale = locale.parse().map_err(|_| AppError::NotFound)?;
    let target = query
        .next
        .filter(|n| is_local_path(n))
        .or_else(|| same_site_referer(&headers))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age={LOCALE_COOKIE_MAX_AGE_SECS}; SameSite=Lax",
        locale_tag(locale)
    );
    Ok((
        StatusCode::SEE_OTHER,
        [(SET_COOKIE, cookie), (LOCATION, target)],
    )
        .into_response())
}

/// The path of the `Referer` when it points at this same host.
fn same_site_referer(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(REFERER)?.to_str().ok()?;
    let host = headers.get(HOST)?.to_str().ok()?;
    let (_, rest) = referer.split_once("://")?;
    let (referer_host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    (referer_host.eq_ignore_ascii_case(host) && is_local_path(path)).then(|| path.to_owned())
}

/// Only same-site paths: `/x`, never `//host` or `/\host` (open redirects).
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/app/diary"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x"));
    }

    #[test]
    fn only_same_site_referers_are_followed() {
        let headers = |referer: &str| {
            let mut h = HeaderMap::new();
            h.insert(HOST, "focus.example:3000".parse().unwrap());
            h.insert(REFERER, referer.parse().unwrap());
            h
        };
        let back = |r: &str| same_site_referer(&headers(r));
        assert_eq!(
            back("https://focus.example:3000/app?x=1"),
            Some("/app?x=1".into())
        );
        assert_eq!(back("http://focus.example:3000"), Some("/".into()));
        assert_eq!(back("https://evil.example/app"), None);
        assert_eq!(back("https://focus.example:3000//evil.example"), None);
        assert_eq!(back("not a url"), None);
    }
}
