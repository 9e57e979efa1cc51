//! `GET /lang/{locale}?next=/path`: remembers the language in a cookie and goes back.
//! The language switcher links here, so switching works without JavaScript.

use app::error::AppError;
use app::i18n::Locale;
use app::ui::{locale_tag, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECS};
use axum::extract::{Path, Query};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch_language(
    Path(locale): Path<String>,
    Query(query): Query<Next>,
) -> Result<Response, AppError> {
    let locale: Locale = locale.parse().map_err(|_| AppError::NotFound)?;
    let target = query
        .next
        .filter(|n| is_local_path(n))
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

/// Only same-site paths: `/x`, never `//host` or `/\host` (open redirects).
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert!(super::is_local_path("/"));
        assert!(super::is_local_path("/app/diary"));
        assert!(!super::is_local_path("//evil.example"));
        assert!(!super::is_local_path("/\\evil.example"));
        assert!(!super::is_local_path("https://evil.example"));
        assert!(!super::is_local_path("/a\r\nSet-Cookie: x"));
    }
}
