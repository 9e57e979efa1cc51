//! The open ledger: weights fading, appeals, badges.

use super::*;
use app::domain::time::DAY_MS;
use serde_json::{json, Value};

#[tokio::test]
async fn the_open_ledger_shows_weights_fading_and_takes_one_appeal_per_red() {
    let app = test_app().await;
    let (table, s, _) = finished_table(&app, &["ana", "ben", "cy"]).await;
    let (ana, ben, cy) = (&s[0], &s[1], &s[2]);
    set_tier(&app, ben.id, "elite").await;
    assert_eq!(
        rate(
            &app,
            ben,
            table,
            json!([red(ana.seat, &["left_early"], "gone after ten minutes")])
        )
        .await
        .0,
        200
    );
    assert_eq!(rate(&app, cy, table, json!([green(ana.seat)])).await.0, 200);
    let ledger: Value = read(&app, "ledger", ana, &[]).await;
    let received = ledger["received"].as_array().unwrap();
    assert_eq!(received.len(), 2);
    let red_one = received.iter().find(|r| r["value"] == "red").unwrap();
    assert_eq!(red_one["weight_given_pct"], 100);
    assert_eq!(red_one["weight_now_pct"], 100);
    assert_eq!(red_one["reasons"], json!(["left_early"]));
    assert!(
        red_one["counts_until"].as_i64().unwrap() - red_one["on"].as_i64().unwrap() >= 180 * DAY_MS
    );
    assert_eq!(ledger["summary"]["badge"], "new");
    assert_eq!(ledger["summary"]["counted"], 2);
    // 1 green, 1 red at 1.0: raw 0.5, 2 of 5 ratings → 0.4·0.5 + 0.6 = 80 %.
    assert_eq!(ledger["summary"]["percent"], 80);
    assert!(!ledger.to_string().contains("ben") && !ledger.to_string().contains("\"cy\""));
    // Thirty days on, every weight has halved.
    age_ratings(&app, 30 * DAY_MS).await;
    let ledger: Value = read(&app, "ledger", ana, &[]).await;
    let red_one = ledger["received"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == "red")
        .unwrap()
        .clone();
    assert_eq!(red_one["weight_now_pct"], 50);
    // Appeals: a red once, with words; not a green, not twice, not someone else's.
    let id = red_one["id"].as_i64().unwrap().to_string();
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating_id", &id), ("text", " ")],
        )
        .await;
    assert_eq!(resp.status(), 422);
    let long = "字".repeat(501);
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating_id", &id), ("text", &long)],
        )
        .await;
    assert_eq!(resp.status(), 422);
    let resp = app
        .call(
            "appeal",
            Some(&ben.cookie),
            &[("rating_id", &id), ("text", "mine?")],
        )
        .await;
    assert_eq!(resp.status(), 404);
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[
                ("rating_id", &id),
                ("text", "My train was cancelled; I said so in chat."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating_id", &id), ("text", "again")],
        )
        .await;
    let body: Value = resp.json().await.unwrap();
    assert_eq!(refusal(&body), "already_appealed");
    let green_id = ledger["received"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == "green")
        .unwrap()["id"]
        .to_string();
    let body: Value = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating_id", &green_id), ("text", "why")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(refusal(&body), "not_appealable");
    let queued: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT user_id, body, status FROM rating_appeals")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(
        queued,
        vec![(
            ana.id,
            "My train was cancelled; I said so in chat.".into(),
            "open".into()
        )]
    );
    let ledger: Value = read(&app, "ledger", ana, &[]).await;
    assert!(ledger["received"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["appealed"] == true));
    // After 180 days nothing counts any more.
    age_ratings(&app, 150 * DAY_MS).await;
    let ledger: Value = read(&app, "ledger", ana, &[]).await;
    assert_eq!(ledger["received"], json!([]));
    assert_eq!(ledger["summary"]["percent"], 100);
    // Seats and public profiles carry the badge.
    let page: Value = app
        .call(
            "table",
            Some(&ben.cookie),
            &[("table_id", &table.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(page["tablemates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["occupant"]["human"]["badge"] == "new"));
    app.finish().await;
}
