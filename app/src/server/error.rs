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

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::json!({ "error": self, "message": self.to_string() });
        let mut response = (status, axum::Json(body)).into_response();
        if let Self::RateLimited { retry_after_secs } = self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(retry_after_secs),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
