//! The write limit on server functions (`domain::write_limits`): one token bucket per
//! client (the signed-in user, else the address) and function, in this instance's memory
//! and on the monotonic clock. Several instances each keep their own buckets, so a client
//! spread across N instances gets N times the burst: acceptable for a limit whose job is
//! to stop a runaway script, not to count exactly (the limits that must be exact, on
//! sign-ins and sign-ups, live in the database).

use app::domain::rate_limit::TokenBucket;
use app::domain::write_limits::{limited, WRITE_BURST, WRITE_PER_SECOND};
use app::error::AppError;
use app::server::auth::request::address_of;
use app::server::auth::Viewer;
use app::server::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// Buckets not touched for this long are forgotten (they would be full again anyway).
const FORGET_AFTER_MS: i64 = 60_000;

/// The buckets, by (client, endpoint).
#[derive(Debug)]
pub struct WriteLimits {
    started: Instant,
    buckets: Mutex<HashMap<(String, String), (TokenBucket, i64)>>,
}

impl Default for WriteLimits {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            buckets: Mutex::new(HashMap::new()),
        }
    }
}

impl WriteLimits {
    /// Takes a token for `client` calling `endpoint`; false when none is left.
    fn take(&self, client: String, endpoint: &str) -> bool {
        let now = i64::try_from(self.started.elapsed().as_millis()).unwrap_or(i64::MAX);
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() > 10_000 {
            buckets.retain(|_, (_, used)| now - *used < FORGET_AFTER_MS);
        }
        let (bucket, used) = buckets
            .entry((client, endpoint.to_owned()))
            .or_insert_with(|| (TokenBucket::new(WRITE_BURST, WRITE_PER_SECOND, now), now));
        *used = now;
        bucket.take(now)
    }
}

pub async fn limit(
    State(state): State<AppState>,
    axum::Extension(limits): axum::Extension<Arc<WriteLimits>>,
    request: Request,
    next: Next,
) -> Response {
    let endpoint = request
        .uri()
        .path()
        .strip_prefix("/api/")
        .filter(|_| request.method() == Method::POST)
        // Server functions only: `/api/livekit/webhook` is signed by the media server,
        // `/api/test/clock` exists only for tests and demands its token.
        .filter(|endpoint| !endpoint.contains('/') && limited(endpoint))
        .map(str::to_owned);
    if let Some(endpoint) = endpoint {
        let client = match request.extensions().get::<Viewer>() {
            Some(viewer) => format!("user:{}", viewer.user_id),
            None => format!(
                "address:{}",
                address_of(
                    request.headers(),
                    request.extensions().get::<ConnectInfo<SocketAddr>>(),
                    &state.config
                )
            ),
        };
        if !limits.take(client, &endpoint) {
            return AppError::RateLimited {
                retry_after_secs: 1,
            }
            .into_server_fn_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_and_function_has_its_own_bucket() {
        let limits = WriteLimits::default();
        for _ in 0..WRITE_BURST {
            assert!(limits.take("user:1".into(), "rate"));
        }
        assert!(!limits.take("user:1".into(), "rate"));
        assert!(limits.take("user:1".into(), "note"), "another function");
        assert!(limits.take("user:2".into(), "rate"), "another client");
    }
}
