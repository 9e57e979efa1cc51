//! `/lang/{locale}`: remembers the language in a cookie and goes back to the page the
//! visitor came from (`next=/path`, else the same-site `Referer`, else `/`), so switching
//! works without JavaScript. `GET` (the signed-out switcher's links) only sets the cookie:
//! a link never writes to an account. `POST` (the signed-in switcher's buttons, behind
//! the same-origin check every form has) also saves a signed-in user's choice to their
//! profile, so it follows them to other devices.

use app::domain::preferences::Language;
use app::error::AppError;
use app::i18n::Locale;
use app::locale::{locale_cookie, locale_tag};
use app::server::auth::request::is_local_path;
use app::server::auth::Viewer;
use app::server::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::header::{HOST, LOCATION, REFERER, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// `GET /lang/{locale}`: the cookie only.
pub async fn switch_language(
    Path(locale): Path<String>,
    Query(query): Query<Next>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let locale: Locale = locale.parse().map_err(|_| AppError::NotFound)?;
    Ok(back_in(locale, query, &headers))
}

/// `POST /lang/{locale}`: the cookie, and the account's language when signed in.
pub async fn save_language(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(locale): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Next>,
) -> Result<Response, AppError> {
    let locale: Locale = locale.parse().map_err(|_| AppError::NotFound)?;
    if let Some(Extension(viewer)) = viewer {
        let language = Language::parse(locale_tag(locale))?;
        app::server::profiles::set_language(&state.db, viewer.user_id, language).await?;
    }
    Ok(back_in(locale, form, &headers))
}

/// The redirect back to where the visitor was, with the language cookie.
fn back_in(locale: Locale, query: Next, headers: &HeaderMap) -> Response {
    let target = query
        .next
        .filter(|n| is_local_path(n))
        .or_else(|| same_site_referer(headers))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = locale_cookie(locale_tag(locale));
    (
        StatusCode::SEE_OTHER,
        [(SET_COOKIE, cookie), (LOCATION, target)],
    )
        .into_response()
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
