//! The injected clock: the test-only control and its refusal outside test mode, and a
//! server function that reads the clock.

use crate::harness::{spawn_app, spawn_app_with, TEST_CLOCK_TOKEN};
use app::api::schedule::NextSlot;
use app::domain::schedule::next_slot_start;
use app::domain::time::HOUR_MS;
use serde_json::{json, Value};

/// The server's "now" and the next slot's start, from the landing page's plain-text read.
async fn next_table(app: &crate::harness::TestApp) -> NextSlot {
    let resp = app
        .client
        .post(format!("{}/api/next_table", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    resp.text().await.unwrap().parse().unwrap()
}

#[tokio::test]
async fn clock_control_is_refused_outside_test_mode() {
    let app = spawn_app().await;
    assert!(app.state.test_clock.is_none());
    let before = app.state.clock.now();
    let resp = app
        .client
        .post(format!("{}/api/test/clock", app.base))
        .json(&json!({ "advance_ms": 10 * HOUR_MS }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    assert_eq!(app.get("/api/test/clock").await.status(), 404);
    let drift = app.state.clock.now().millis_since(before);
    assert!(drift < HOUR_MS, "the clock moved by {drift} ms");
}

#[tokio::test]
async fn in_test_mode_the_clock_still_demands_its_token() {
    let app = spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await;
    let before = app.state.clock.now();
    for token in [None, Some("wrong"), Some(&TEST_CLOCK_TOKEN[1..])] {
        let mut request = app
            .client
            .post(format!("{}/api/test/clock", app.base))
            .json(&json!({ "advance_ms": 10 * HOUR_MS }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let resp = request.send().await.unwrap();
        assert_eq!(resp.status(), 404, "token {token:?}");
    }
    assert_eq!(app.get("/api/test/clock").await.status(), 404);
    let drift = app.state.clock.now().millis_since(before);
    assert!(drift < HOUR_MS, "the clock moved by {drift} ms");
}

#[tokio::test]
async fn test_mode_moves_the_clock_every_rule_reads() {
    let app = spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await;
    let before = next_table(&app).await;
    let resp = app
        .client
        .post(format!("{}/api/test/clock", app.base))
        .bearer_auth(TEST_CLOCK_TOKEN)
        .json(&json!({ "advance_ms": 3 * HOUR_MS }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let reading: Value = resp.json().await.unwrap();
    assert_eq!(reading["offset_ms"], 3 * HOUR_MS);

    let after = next_table(&app).await;
    let moved = after.server_now.millis_since(before.server_now);
    assert!(
        (3 * HOUR_MS..3 * HOUR_MS + 60_000).contains(&moved),
        "moved {moved}"
    );
    assert_eq!(after.starts_at, next_slot_start(after.server_now));

    let set = app
        .client
        .post(format!("{}/api/test/clock", app.base))
        .bearer_auth(TEST_CLOCK_TOKEN)
        .json(&json!({ "set_ms": 1_795_876_200_000_i64 }))
        .send()
        .await
        .unwrap();
    let reading: Value = set.json().await.unwrap();
    let now_ms = reading["now_ms"].as_i64().unwrap();
    assert!(
        (1_795_876_200_000..1_795_876_260_000).contains(&now_ms),
        "{now_ms}"
    );

    let both = app
        .client
        .post(format!("{}/api/test/clock", app.base))
        .bearer_auth(TEST_CLOCK_TOKEN)
        .json(&json!({ "advance_ms": 1, "reset": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(both.status(), 422);

    let reset = app
        .client
        .post(format!("{}/api/test/clock", app.base))
        .bearer_auth(TEST_CLOCK_TOKEN)
        .json(&json!({ "reset": true }))
        .send()
        .await
        .unwrap();
    let reading: Value = reset.json().await.unwrap();
    assert_eq!(reading["offset_ms"], 0);
}
