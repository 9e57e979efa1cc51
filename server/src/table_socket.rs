//! `GET /ws/table/{table}?v=1[&after=N]`: a participant's table channel. Everything that
//! can be refused is refused as a plain HTTP answer before the upgrade (401 signed out,
//! 403 not seated at this table or cross-site, 404 no such table, 409 left or over,
//! 422 another protocol version, 429 too many open already); then `app::server::live`
//! serves the socket, which is bound to the participant row and the sign-in session.

use app::api::live_types::{MAX_FRAME_BYTES, PROTOCOL_VERSION};
use app::error::{AppError, InvalidRule};
use app::server::auth::Viewer;
use app::server::live::connection;
use app::server::AppState;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

/// Initial read buffer per connection.
const READ_BUFFER: usize = 4 * 1024;

#[derive(Debug, Deserialize)]
pub struct Params {
    v: Option<u32>,
    after: Option<u64>,
}

pub async fn upgrade(
    State(state): State<AppState>,
    Path(table_id): Path<i64>,
    Query(params): Query<Params>,
    viewer: Option<Extension<Viewer>>,
    ws: WebSocketUpgrade,
) -> Response {
    let Some(Extension(viewer)) = viewer.filter(|v| v.onboarded) else {
        return AppError::Unauthenticated.into_response();
    };
    if params.v != Some(PROTOCOL_VERSION) {
        return AppError::invalid("v", InvalidRule::NotAChoice).into_response();
    }
    let now = state.clock.now();
    let admission = match state
        .live
        .admit(&state.db, viewer.user_id, viewer.session_id, table_id, now)
        .await
    {
        Ok(admission) => admission,
        Err(err) => return err.into_response(),
    };
    // Small buffers: table messages are short, and the defaults (128 KiB each way) would
    // make each connection cost over a hundred KiB; larger frames still fit, they grow.
    ws.max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .on_upgrade(move |socket| async move {
            let now = state.clock.now();
            let audio = app::server::audio::setup(&state, &admission.audio_seat(), now);
            match state
                .live
                .attach(&state.db, &admission, params.after, audio, now)
                .await
            {
                Ok(attached) => connection::serve(socket, state, admission, attached).await,
                Err(err) => tracing::warn!(%err, table_id, "could not attach a table connection"),
            }
        })
}
