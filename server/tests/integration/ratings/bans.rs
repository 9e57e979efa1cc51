//! Bans from red ratings: exactly at the line, once, one credit, also under races.

use super::*;
use app::domain::time::HOUR_MS;
use serde_json::{json, Value};

#[tokio::test]
async fn a_ban_starts_exactly_at_the_threshold_once_with_one_credit_taken() {
    let app = test_app().await;
    let (table, s, _) = finished_table(&app, &["target", "payer", "veteran", "newbie"]).await;
    let (target, payer, veteran, newbie) = (&s[0], &s[1], &s[2], &s[3]);
    set_tier(&app, payer.id, "pro").await;
    establish(&app, veteran.id).await;
    let balance = app.balance(target.id).await;
    // A new member's red weighs 0; a paid member's 1.0: 1.0 < 1.5, no ban yet.
    for who in [newbie, payer] {
        let (status, body) = rate(
            &app,
            who,
            table,
            json!([red(target.seat, &["disruptive"], "")]),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(app.count("bans").await, 0);
    // An established free member's 0.5 makes exactly 1.5: banned.
    let (status, _) = rate(
        &app,
        veteran,
        table,
        json!([red(target.seat, &["off_task"], "chatting the whole time")]),
    )
    .await;
    assert_eq!(status, 200);
    let bans: Vec<(i64, i64, i64, i64, String)> = sqlx::query_as(
        "SELECT user_id, ends_at - starts_at, weight_pct, threshold_pct, reason FROM bans",
    )
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(
        bans,
        vec![(target.id, 48 * HOUR_MS, 150, 150, "ratings".into())]
    );
    assert_eq!(app.balance(target.id).await, balance - 1);
    let penalties: Vec<(i64,)> =
        sqlx::query_as("SELECT amount FROM credit_ledger WHERE kind = 'ban_penalty'")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(penalties, vec![(-1,)]);
    // Banned from matching, with the reasons on the ban page (the powerless red is not
    // among them, and no rater is named).
    let refusal = app.quick_match(&target.cookie, &[]).await;
    assert!(
        matches!(
            refusal,
            Err((
                403,
                app::error::AppError::Refused {
                    reason: app::error::Refusal::Banned { .. }
                }
            ))
        ),
        "{refusal:?}"
    );
    let ban: Value = read(&app, "ban", target, &[]).await;
    assert_eq!(ban["weight_pct"], 150);
    assert_eq!(ban["ratings"].as_array().unwrap().len(), 2);
    assert_eq!(ban["ratings"][0]["reasons"], json!(["off_task"]));
    assert_eq!(ban["ratings"][0]["other"], "chatting the whole time");
    let text = ban.to_string();
    for name in ["payer", "veteran", "newbie"] {
        assert!(!text.contains(name), "the ban page names {name}");
    }
    assert_eq!(
        app.get("/banned").await.headers()["location"],
        "/app/banned"
    );
    // Nobody else is banned, and the reds behind the ban never ban again.
    let body: Value = read(&app, "ban", payer, &[]).await;
    assert_eq!(body, Value::Null);
    let mut tx = app.state.db.begin_write().await.unwrap();
    let again = app::server::ratings::bans::apply_if_crossed(
        &app.state.db,
        &mut tx,
        target.id,
        app.state.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(!again);
    assert_eq!(app.count("bans").await, 1);
    // After 48 hours matching opens again.
    app.advance(48 * HOUR_MS);
    let ban: Value = read(&app, "ban", target, &[]).await;
    assert_eq!(ban, Value::Null);
}

#[tokio::test]
async fn racing_reds_and_double_submits_ban_once_and_charge_one_credit() {
    let app = test_app().await;
    let (table, s, _) = finished_table(&app, &["target", "p1", "p2", "p3"]).await;
    for rater in &s[1..] {
        set_tier(&app, rater.id, "pro").await;
    }
    let balance = app.balance(s[0].id).await;
    let mut calls = Vec::new();
    for rater in s[1..].iter().chain(s[1..].iter()) {
        let request = app
            .client
            .post(format!("{}/api/rate", app.base))
            .header("cookie", &rater.cookie)
            .json(&json!({ "table_id": table, "ratings": [red(s[0].seat, &["no_show"], "")] }));
        calls.push(tokio::spawn(async move {
            request.send().await.unwrap().status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for call in calls {
        statuses.push(call.await.unwrap());
    }
    statuses.sort_unstable();
    assert_eq!(statuses, vec![200, 200, 200, 409, 409, 409]);
    assert_eq!(ratings_of(&app, s[0].id).await.len(), 3);
    // Two reds at 1.0 cross 1.5 once; the third (1.0 on its own) does not cross again.
    assert_eq!(app.count("bans").await, 1);
    assert_eq!(app.balance(s[0].id).await, balance - 1);
    let (linked,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ratings WHERE ban_id IS NOT NULL")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(linked, 2);
}

#[tokio::test]
async fn a_ban_never_takes_a_balance_below_zero() {
    let app = test_app().await;
    let (table, s, _) = finished_table(&app, &["target", "payer", "veteran", "newbie"]).await;
    let (target, payer, veteran) = (&s[0], &s[1], &s[2]);
    set_tier(&app, payer.id, "pro").await;
    establish(&app, veteran.id).await;
    // The target has spent every credit.
    let balance = app.balance(target.id).await;
    sqlx::query(
        "INSERT INTO credit_ledger (user_id, amount, kind, idempotency_key, created_at) \
         VALUES ($1, $2, 'session', 'spent-it-all', $3)",
    )
    .bind(target.id)
    .bind(-balance)
    .bind(app.state.clock.now().unix_millis())
    .execute(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(app.balance(target.id).await, 0);
    for (who, reason) in [(payer, "disruptive"), (veteran, "off_task")] {
        let (status, body) = rate(&app, who, table, json!([red(target.seat, &[reason], "")])).await;
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(app.count("bans").await, 1, "banned all the same");
    assert_eq!(app.balance(target.id).await, 0, "never below zero");
    let (penalties,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM credit_ledger WHERE kind = 'ban_penalty'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(penalties, 0, "nothing to take, nothing written");
}
