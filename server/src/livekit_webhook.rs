//! `POST /api/livekit/webhook`: LiveKit's event deliveries. The body is read as raw bytes
//! (its signature covers them exactly) and handed with the `Authorization` header to
//! `app::server::audio::livekit::webhook`. Answers: 200 once an event is applied, was
//! seen before or concerns nothing tracked here; 401 when the signature is missing,
//! wrong or stale; 422 for a signed body that is not an event; 404 when LiveKit is not
//! configured. The origin check lets it through: LiveKit's server-to-server request
//! carries no browser `Origin`, and the signature is what authenticates it.

use app::server::audio::livekit::webhook;
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    match webhook::receive(&state, &body, authorization).await {
        Ok(_) => StatusCode::OK.into_response(),
        Err(err) => err.into_response(),
    }
}
