//! `GET/POST /api/test/clock`: lets end-to-end tests move the server's clock. Exists only
//! when the server runs in test mode (`FOCUS_TEST_MODE=1`); otherwise it answers 404 and
//! changes nothing.

use app::error::AppError;
use app::server::clock::ShiftableClock;
use app::server::AppState;
use axum::extract::State;
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

pub async fn read(State(state): State<AppState>) -> Result<Json<ClockReading>, AppError> {
    let clock = test_clock(&state)?;
    Ok(Json(reading(&state, clock)))
}

pub async fn shift(
    State(state): State<AppState>,
    Json(change): Json<ClockChange>,
) -> Result<Json<ClockReading>, AppError> {
    let clock = test_clock(&state)?;
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

fn test_clock(state: &AppState) -> Result<&Arc<ShiftableClock>, AppError> {
    state.test_clock.as_ref().ok_or(AppError::NotFound)
}

fn reading(state: &AppState, clock: &ShiftableClock) -> ClockReading {
    ClockReading {
        now_ms: state.clock.now().unix_millis(),
        offset_ms: clock.offset_millis(),
    }
}
