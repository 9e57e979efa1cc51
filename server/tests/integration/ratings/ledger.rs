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
    assert_eq!(red_one["weighing"], "red_full");
    assert_eq!(red_one["batched"], false);
    // Two ratings count: no score shows yet, three more must count first.
    assert_eq!(ledger["summary"]["badge"], "new");
    assert_eq!(ledger["summary"]["counted"], 2);
    assert_eq!(ledger["summary"]["percent"], Value::Null);
    assert_eq!(ledger["summary"]["needed"], 3);
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
    let id = red_one["reference"].as_str().unwrap().to_owned();
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating", &id), ("text", " ")],
        )
        .await;
    assert_eq!(resp.status(), 422);
    let long = "字".repeat(501);
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating", &id), ("text", &long)],
        )
        .await;
    assert_eq!(resp.status(), 422);
    let resp = app
        .call(
            "appeal",
            Some(&ben.cookie),
            &[("rating", &id), ("text", "mine?")],
        )
        .await;
    assert_eq!(resp.status(), 404);
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[
                ("rating", &id),
                ("text", "My train was cancelled; I said so in chat."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating", &id), ("text", "again")],
        )
        .await;
    let body: Value = resp.json().await.unwrap();
    assert_eq!(refusal(&body), "already_appealed");
    let green_id = ledger["received"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == "green")
        .unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let body: Value = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[("rating", &green_id), ("text", "why")],
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
    assert_eq!(ledger["summary"]["percent"], Value::Null);
    assert_eq!(ledger["summary"]["needed"], 5);
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
}

#[tokio::test]
async fn a_rating_from_a_two_student_table_never_names_it_and_waits_for_the_batch() {
    let app = test_app().await;
    // Ana and ben are the only students (the other seats went to companions).
    let (table, s, slot) = finished_table(&app, &["ana", "ben"]).await;
    let (ana, ben) = (&s[0], &s[1]);
    set_tier(&app, ben.id, "elite").await;
    let before = read(&app, "ledger", ana, &[]).await;
    let (status, _) = rate(
        &app,
        ben,
        table,
        json!([red(ana.seat, &["disruptive"], "")]),
    )
    .await;
    assert_eq!(status, 200);
    // Nothing ana can fetch shows it yet: the ledger and her score are as before.
    let held = read(&app, "ledger", ana, &[]).await;
    assert_eq!(held["received"], json!([]));
    assert_eq!(held["summary"], before["summary"]);
    assert_eq!(app.tick().await.ratings_released, 0);
    // The weekly batch: the next Monday, 00:00 UTC.
    let monday = app::domain::reliability::anonymity::next_batch(app.state.clock.now());
    app.set_now(monday.plus_millis(-1));
    assert_eq!(app.tick().await.ratings_released, 0);
    app.set_now(monday);
    assert_eq!(app.tick().await.ratings_released, 1);
    let ledger = read(&app, "ledger", ana, &[]).await;
    let received = ledger["received"].as_array().unwrap();
    assert_eq!(received.len(), 1);
    let red_one = &received[0];
    assert_eq!(red_one["batched"], true);
    // It shows under its batch's Monday, weighs fully from then, and nothing in the answer
    // names the table, its day or its time, or orders it by row number.
    assert_eq!(red_one["on"], monday.unix_millis());
    assert_eq!(red_one["weight_now_pct"], 100);
    let mut keys: Vec<&str> = red_one
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "appealed",
            "batched",
            "caused_ban",
            "counts_until",
            "on",
            "other",
            "reasons",
            "reference",
            "value",
            "weighing",
            "weight_given_pct",
            "weight_now_pct"
        ]
    );
    let table_day = slot.day_start().unix_millis();
    for key in ["on", "counts_until"] {
        let at = red_one[key].as_i64().unwrap();
        assert!(at >= monday.unix_millis() && at != table_day, "{key}: {at}");
    }
    assert_eq!(red_one["reference"].as_str().unwrap().len(), 16);
    assert_eq!(ledger["summary"]["reds"], 1);
    // The appeal still works, by its reference.
    let reference = red_one["reference"].as_str().unwrap();
    let resp = app
        .call(
            "appeal",
            Some(&ana.cookie),
            &[
                ("rating", reference),
                ("text", "It was a misunderstanding."),
            ],
        )
        .await;
    assert_eq!(resp.status(), 200);
}
