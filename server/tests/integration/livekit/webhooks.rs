//! `POST /api/livekit/webhook`: deliveries signed exactly as LiveKit signs them are
//! applied once; unsigned, tampered, foreign-key and stale ones are refused with nothing
//! written; without LiveKit configured the endpoint does not exist.

use super::{
    audio_of, body_digest, deliver, deliver_signed, event, livekit_app, livekit_now,
    livekit_signature, seated, KEY, SECRET,
};
use crate::fixtures::{slot_ahead, test_app};
use crate::harness::TestApp;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use livekit_api::access_token::Claims;

const LIVEKIT_URL: &str = "wss://livekit.focus.test";

/// A webhook JWT for `body` with chosen validity (Unix seconds), signed with the secret.
fn signed_between(body: &str, nbf: i64, exp: i64) -> String {
    let claims = Claims {
        iss: KEY.into(),
        nbf: nbf as usize,
        exp: exp as usize,
        sha256: body_digest(body),
        ..Claims::default()
    };
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap()
}

async fn events_recorded(app: &TestApp) -> i64 {
    app.count("livekit_events").await
}

#[tokio::test]
async fn signed_webhooks_update_audio_connections_once() {
    let app = livekit_app(LIVEKIT_URL).await;
    let slot = slot_ahead(&app);
    let (table, mei, _) = seated(&app, slot, "mei", "audio").await;
    let at = livekit_now();
    let joined = event("participant_joined", "EV_join", table, Some(mei), at);
    let connected_at = app.state.clock.now().unix_millis();
    assert_eq!(deliver_signed(&app, &joined).await, 200);
    let (since, ms, drops) = audio_of(&app, mei).await;
    let since = since.expect("connected");
    assert!(
        (connected_at..connected_at + 5_000).contains(&since),
        "{since}"
    );
    assert_eq!((ms, drops), (0, 0));
    // LiveKit retries: the same event again is acknowledged and changes nothing.
    assert_eq!(deliver_signed(&app, &joined).await, 200);
    assert_eq!(audio_of(&app, mei).await, (Some(since), 0, 0));
    assert_eq!(events_recorded(&app).await, 1);

    app.advance(90_000);
    let left = event("participant_left", "EV_left", table, Some(mei), at);
    assert_eq!(deliver_signed(&app, &left).await, 200);
    let (since_after, ms, drops) = audio_of(&app, mei).await;
    assert_eq!((since_after, drops), (None, 1));
    assert!((90_000..95_000).contains(&ms), "{ms}");
    // Repeats of either event (same id) change nothing: no reconnection, no second drop.
    assert_eq!(deliver_signed(&app, &joined).await, 200);
    assert_eq!(deliver_signed(&app, &left).await, 200);
    assert_eq!(audio_of(&app, mei).await, (None, ms, 1));
    // A new event created before the last one applied arrived late: ignored.
    let late = event("participant_joined", "EV_late", table, Some(mei), at - 60);
    assert_eq!(deliver_signed(&app, &late).await, 200);
    assert_eq!(audio_of(&app, mei).await, (None, ms, 1));
    // Identities and rooms not minted here are acknowledged and ignored.
    let stranger = event(
        "participant_joined",
        "EV_stranger",
        table,
        Some(mei + 1000),
        at,
    );
    assert_eq!(deliver_signed(&app, &stranger).await, 200);
    let other_room = event(
        "participant_joined",
        "EV_room",
        table + 1000,
        Some(mei),
        at + 1,
    );
    assert_eq!(deliver_signed(&app, &other_room).await, 200);
    assert_eq!(audio_of(&app, mei).await, (None, ms, 1));

    // Back, then the room finishes: the connection ends without counting as a drop.
    let rejoined = event("participant_joined", "EV_rejoin", table, Some(mei), at + 1);
    assert_eq!(deliver_signed(&app, &rejoined).await, 200);
    assert!(audio_of(&app, mei).await.0.is_some());
    app.advance(30_000);
    let finished = event("room_finished", "EV_finished", table, None, at + 2);
    assert_eq!(deliver_signed(&app, &finished).await, 200);
    let (since, total, drops) = audio_of(&app, mei).await;
    assert_eq!((since, drops), (None, 1));
    assert!((ms + 30_000..ms + 35_000).contains(&total), "{total}");
    assert_eq!(events_recorded(&app).await, 7);
}

#[tokio::test]
async fn unsigned_tampered_foreign_and_stale_webhooks_are_refused_and_change_nothing() {
    let app = livekit_app(LIVEKIT_URL).await;
    let slot = slot_ahead(&app);
    let (table, mei, _) = seated(&app, slot, "mei", "audio").await;
    let now = livekit_now();
    let body = event("participant_joined", "EV_1", table, Some(mei), now);
    let signature = livekit_signature(&body, KEY, SECRET);
    let tampered = body.replace(&format!("p{mei}"), &format!("p{}", mei + 1));
    assert_ne!(tampered, body);
    let refusals: [(&str, &str, Option<String>); 7] = [
        ("no Authorization header", &body, None),
        ("an empty header", &body, Some(String::new())),
        ("a tampered body", &tampered, Some(signature.clone())),
        (
            "another secret",
            &body,
            Some(livekit_signature(
                &body,
                KEY,
                "another-secret-0123456789abcdefghij",
            )),
        ),
        (
            "another key",
            &body,
            Some(livekit_signature(&body, "APIother", SECRET)),
        ),
        (
            "a signature that expired ten minutes ago",
            &body,
            Some(signed_between(&body, now - 15 * 60, now - 10 * 60)),
        ),
        (
            "a plain access token",
            &body,
            Some(signature_without_digest()),
        ),
    ];
    for (what, sent, authorization) in refusals {
        let (status, text) = deliver(&app, sent, authorization.as_deref()).await;
        assert_eq!(status, 401, "{what}");
        let answer: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(answer["error"], "unauthenticated", "{what}");
        for internal in ["jwt", "signature", "sha256", "expired", "token", "secret"] {
            assert!(!text.to_lowercase().contains(internal), "{what}: {text}");
        }
    }
    assert_eq!(events_recorded(&app).await, 0);
    assert_eq!(audio_of(&app, mei).await, (None, 0, 0));
    // The same hand-made signature, still within its validity, is accepted: the stale
    // one was refused for its age alone.
    let fresh = signed_between(&body, now, now + 5 * 60);
    assert_eq!(deliver(&app, &body, Some(&fresh)).await.0, 200);
    assert!(audio_of(&app, mei).await.0.is_some());
    assert_eq!(events_recorded(&app).await, 1);
    // A signed body that is not an event is malformed, and not recorded.
    let junk = "{\"event\": 42}";
    assert_eq!(deliver_signed(&app, junk).await, 422);
    assert_eq!(events_recorded(&app).await, 1);
}

/// A valid LiveKit token with grants but no body digest.
fn signature_without_digest() -> String {
    livekit_api::access_token::AccessToken::with_api_key(KEY, SECRET)
        .with_identity("p1")
        .to_jwt()
        .unwrap()
}

#[tokio::test]
async fn without_livekit_there_is_no_webhook_endpoint() {
    let app = test_app().await;
    let body = "{\"event\":\"room_started\",\"id\":\"EV_1\"}";
    let (status, _) = deliver(&app, body, Some(&livekit_signature(body, KEY, SECRET))).await;
    assert_eq!(status, 404);
    assert_eq!(events_recorded(&app).await, 0);
}
