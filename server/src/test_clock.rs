//! `GET/POST /api/test/clock`: lets end-to-end tests move the server's clock. Exists only
//! when the server runs in test mode (`FOCUS_TEST_MODE=1`, from the environment only),
//! and then only for callers presenting `Authorization: Bearer <FOCUS_TEST_CLOCK_TOKEN>`;
//! anything else answers 404 and changes nothing.

use app::error::AppError;
use app::server::clock::ShiftableClock;
use app::server::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What the test asks for; exactly one field.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockChange {
    advance_ms: Option<i64>,
    set_ms: Option<i64>,
    reset: Option<bool>,
}

#[derive(Serialize)]
pub struct ClockReading {
    now_ms: i64,
    offset_ms: i64,
}

pub async fn read(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<ClockReading>, AppError> {
    let clock = test_clock(&state, &headers)?;
    Ok(Json(reading(&state, clock)))
}

pub async fn shift(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(change): Json<ClockChange>,
) -> Result<Json<ClockReading>, AppError> {
    let clock = test_clock(&state, &headers)?;
    match (change.advance_ms, change.set_ms, change.reset) {
        (Some(ms), None, None) => clock.shift_millis(ms),
        (None, Some(ms), None) => clock.set(app::domain::time::Timestamp::from_unix_millis(ms)),
        (None, None, Some(true)) => clock.reset(),
        _ => {
            return Err(AppError::invalid(
                "clock",
                app::error::InvalidRule::Malformed,
            ))
        }
    }
    tracing::info!(offset_ms = clock.offset_millis(), "test clock moved");
    Ok(Json(reading(&state, clock)))
}

/// The movable clock, for a caller with the token; otherwise `NotFound`, as if the route
/// did not exist.
fn test_clock<'a>(
    state: &'a AppState,
    headers: &HeaderMap,
) -> Result<&'a Arc<ShiftableClock>, AppError> {
    let allowed = state
        .config
        .test_clock_token
        .as_ref()
        .is_some_and(|token| crate::bearer::matches(headers, token.expose()));
    if !allowed {
        return Err(AppError::NotFound);
    }
    state.test_clock.as_ref().ok_or(AppError::NotFound)
}

fn reading(state: &AppState, clock: &ShiftableClock) -> ClockReading {
    ClockReading {
        now_ms: state.clock.now().unix_millis(),
        offset_ms: clock.offset_millis(),
    }
}
