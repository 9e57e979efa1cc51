//! Health, metrics and request ids.

use crate::harness::{spawn_app, spawn_app_with};
use serde_json::Value;

#[tokio::test]
async fn healthz_answers_ok_when_the_database_does() {
    let app = spawn_app().await;
    let resp = app.get("/healthz").await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.state.db.close().await;
    let resp = app.get("/healthz").await;
    assert_eq!(resp.status(), 503);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["database"], "unreachable");
}

#[tokio::test]
async fn metrics_count_requests_by_route_template() {
    let app = spawn_app().await;
    for _ in 0..3 {
        assert_eq!(app.get("/healthz").await.status(), 200);
    }
    assert_eq!(app.get("/no/such/page").await.status(), 404);
    let resp = app.get("/metrics").await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    let text = resp.text().await.unwrap();
    let healthz = text
        .lines()
        .find(|l| {
            l.starts_with("focus_http_requests_total{")
                && l.contains(r#"route="/healthz""#)
                && l.contains(r#"status="200""#)
        })
        .unwrap_or_else(|| panic!("no healthz counter in:\n{text}"));
    assert!(healthz.ends_with(" 3"), "{healthz}");
    assert!(text.contains(r#"route="unmatched",status="404""#), "{text}");
    assert!(
        !text.contains("/no/such/page"),
        "raw paths must not become labels"
    );
    assert!(text.contains("focus_db_pool_connections "));
    assert!(text.contains("focus_http_request_duration_seconds_bucket"));
    assert!(text.contains(r#"focus_build_info{version="#));
    // Write transactions: a sign-up is one; the counter follows the database's count.
    let writes = |text: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix("focus_db_write_transactions_total "))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no write counter in:\n{text}"))
    };
    let before = writes(&text);
    app.sign_up("writer@uni.edu").await;
    let after = writes(&app.get("/metrics").await.text().await.unwrap());
    assert!(after > before, "{before} -> {after}");
    assert_eq!(after, app.state.db.write_transactions());
}

#[tokio::test]
async fn invented_methods_add_no_series() {
    let app = spawn_app().await;
    for i in 0..5 {
        let method = reqwest::Method::from_bytes(format!("BREW{i}").as_bytes()).unwrap();
        let resp = app
            .client
            .request(method, format!("{}/healthz", app.base))
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_client_error(), "{}", resp.status());
    }
    let text = app.get("/metrics").await.text().await.unwrap();
    assert!(!text.contains("BREW"), "{text}");
    let other = text
        .lines()
        .filter(|l| l.starts_with("focus_http_requests_total{") && l.contains(r#"method="OTHER""#))
        .count();
    assert_eq!(other, 1, "one series for every unknown method:\n{text}");
}

#[tokio::test]
async fn metrics_can_demand_a_token() {
    let token = "metrics-token-0123456789abcdef0123456789";
    let app = spawn_app_with(&[("FOCUS_METRICS_TOKEN", token)]).await;
    assert_eq!(app.get("/metrics").await.status(), 404);
    let wrong = app
        .client
        .get(format!("{}/metrics", app.base))
        .bearer_auth("not-it")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
    let right = app
        .client
        .get(format!("{}/metrics", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
    assert!(right
        .text()
        .await
        .unwrap()
        .contains("focus_http_requests_total"));
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let resp = app.get("/healthz").await;
    let id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id.len(), 16);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    let other = app.get("/healthz").await;
    assert_ne!(other.headers()["x-request-id"].to_str().unwrap(), id);

    let echoed = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "proxy-abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "proxy-abc-123");
}
