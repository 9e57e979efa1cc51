//! Server-side behaviour of [`AppError`]: creating internal errors (logging the cause) and
//! turning errors into HTTP responses for plain handlers.

use crate::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

impl AppError {
    /// An unexpected failure: logs `cause` with a fresh reference and returns an error that
    /// carries only that reference.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let reference = super::secrets::random_hex(4);
        tracing::error!(%reference, %cause, "internal error");
        Self::Internal { reference }
    }
}

/// Runs a server function's body and, when it fails, gives the response the error's HTTP
/// status (and `Retry-After` for rate limits) instead of the generic 500, so API clients
/// and logs see what kind of failure it was. A plain HTML form post keeps the redirect
/// back to its page that carries the error.
pub async fn with_error_status<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    use leptos::prelude::use_context;
    let result = body.await;
    // Only for a call of the function itself: while a page renders, the status is the page's.
    let api_call = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        let accepts_html = parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        parts.uri.path().starts_with("/api/") && !accepts_html
    });
    if let (Err(err), true) = (&result, api_call) {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(
                StatusCode::from_u16(err.status_code())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            );
            if let AppError::RateLimited { retry_after_secs } = err {
                response.insert_header(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(*retry_after_secs),
                );
            }
        }
    }
    result
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(cause = %err, "database unavailable");
                Self::Unavailable
            }
            sqlx::Error::RowNotFound => Self::NotFound,
            other => Self::internal(other),
        }
    }
}

impl AppError {
    /// The answer a server function gives with this error, for a layer that refuses a
    /// call before the function runs: the same status, headers and body the browser's
    /// server-function client reads (serde's externally tagged JSON).
    pub fn into_server_fn_response(self) -> Response {
        let body = serde_json::to_string(&self).unwrap_or_default();
        let response = (
            self.http_status(),
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
        self.with_retry_after(response)
    }

    fn http_status(&self) -> StatusCode {
        StatusCode::from_u16(self.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// `Retry-After` on a rate-limited answer.
    fn with_retry_after(&self, mut response: Response) -> Response {
        if let Self::RateLimited { retry_after_secs } = self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(*retry_after_secs),
            );
        }
        response
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self, "message": self.to_string() });
        let response = (self.http_status(), axum::Json(body)).into_response();
        self.with_retry_after(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_before_the_function_answers_like_the_function() {
        let response = AppError::RateLimited {
            retry_after_secs: 3,
        }
        .into_server_fn_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()["retry-after"], "3");
        assert_eq!(response.headers()["content-type"], "application/json");
    }

    #[test]
    fn database_text_never_reaches_the_response() {
        let err: AppError =
            sqlx::Error::Protocol("relation \"users\" does not exist".into()).into();
        let AppError::Internal { reference } = &err else {
            panic!("expected an internal error, got {err:?}");
        };
        assert_eq!(reference.len(), 8);
        assert!(!err.to_string().contains("users"));
        assert_eq!(
            err.into_response().status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn unavailable_and_rate_limits_map_to_their_statuses() {
        let err: AppError = sqlx::Error::PoolTimedOut.into();
        assert_eq!(err, AppError::Unavailable);
        let resp = AppError::RateLimited {
            retry_after_secs: 7,
        }
        .into_response();
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(resp.headers()[axum::http::header::RETRY_AFTER], "7");
    }
}
