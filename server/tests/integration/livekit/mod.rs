//! LiveKit, checked against LiveKit's own code without a LiveKit server: seat tokens
//! through the JavaScript server SDK's verifier (`tokens`), webhooks signed as LiveKit
//! signs them (`webhooks`), and the room lifecycle and reconciliation against a fake
//! Twirp room service that decodes LiveKit's protobuf and verifies its tokens (`rooms`).

mod room_service;
mod rooms;
mod tokens;
mod webhooks;

use crate::harness::{spawn_app_with, TestApp};
use app::domain::time::{Timestamp, MINUTE_MS};
use base64::Engine;
use livekit_api::access_token::AccessToken;
use livekit_protocol::{participant_info, ParticipantInfo, Room, WebhookEvent};
use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The API key the test apps are configured with.
pub const KEY: &str = "APIfocustest";
/// Its secret.
pub const SECRET: &str = "focus-squad-test-secret-0123456789abcdef";
/// How long LiveKit's webhook signatures are valid.
pub const WEBHOOK_TOKEN_TTL: Duration = Duration::from_secs(5 * 60);

/// A test-mode server configured for the LiveKit server at `url`.
pub async fn livekit_app(url: &str) -> TestApp {
    spawn_app_with(&[
        ("FOCUS_TEST_MODE", "1"),
        ("FOCUS_LIVEKIT_URL", url),
        ("FOCUS_LIVEKIT_API_KEY", KEY),
        ("FOCUS_LIVEKIT_API_SECRET", SECRET),
    ])
    .await
}

/// A member seated by quick match 10 minutes before `slot` at a table in `mode`:
/// `(table id, participant id, cookie)`.
pub async fn seated(app: &TestApp, slot: Timestamp, name: &str, mode: &str) -> (i64, i64, String) {
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let (user_id, cookie) = app.member(name).await;
    let table_id = app.matched(&cookie, &[("mode", mode)]).await.table_id;
    let (participant_id,): (i64,) =
        sqlx::query_as("SELECT id FROM participants WHERE session_id = $1 AND user_id = $2")
            .bind(table_id)
            .bind(user_id)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    (table_id, participant_id, cookie)
}

/// The `Authorization` value LiveKit sends with `body`: a JWT from `key`/`secret` whose
/// `sha256` claim is base64(SHA-256(body)).
pub fn livekit_signature(body: &str, key: &str, secret: &str) -> String {
    AccessToken::with_api_key(key, secret)
        .with_ttl(WEBHOOK_TOKEN_TTL)
        .with_sha256(&body_digest(body))
        .to_jwt()
        .unwrap()
}

/// base64(SHA-256(body)), as the `sha256` claim carries it.
pub fn body_digest(body: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
}

/// A participant's audio record: (connected since, closed audio ms, disconnects).
pub async fn audio_of(app: &TestApp, participant_id: i64) -> (Option<i64>, i64, i64) {
    sqlx::query_as(
        "SELECT audio_connected_at, audio_connected_ms, audio_disconnects \
         FROM participants WHERE id = $1",
    )
    .bind(participant_id)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap()
}

/// LiveKit's clock, in the Unix seconds its events carry.
pub fn livekit_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// An event body as LiveKit serialises it (protobuf JSON).
pub fn event(
    kind: &str,
    id: &str,
    table_id: i64,
    participant: Option<i64>,
    created_at: i64,
) -> String {
    let event = WebhookEvent {
        event: kind.into(),
        room: Some(Room {
            sid: format!("RM_{table_id}"),
            name: format!("focus-table-{table_id}"),
            ..Room::default()
        }),
        participant: participant.map(|p| ParticipantInfo {
            sid: format!("PA_{p}"),
            identity: format!("p{p}"),
            state: participant_info::State::Active as i32,
            ..ParticipantInfo::default()
        }),
        id: id.into(),
        created_at,
        ..WebhookEvent::default()
    };
    serde_json::to_string(&event).unwrap()
}

/// POSTs `body` as LiveKit does; the status and the response text.
pub async fn deliver(app: &TestApp, body: &str, authorization: Option<&str>) -> (u16, String) {
    let mut request = app
        .client
        .post(format!("{}/api/livekit/webhook", app.base))
        .header("content-type", "application/webhook+json")
        .body(body.to_owned());
    if let Some(authorization) = authorization {
        request = request.header("authorization", authorization);
    }
    let response = request.send().await.expect("request reaches the server");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Signs `body` like LiveKit with `key`/`secret`, then delivers it; the status.
pub async fn deliver_signed(app: &TestApp, body: &str) -> u16 {
    deliver(app, body, Some(&livekit_signature(body, KEY, SECRET)))
        .await
        .0
}
