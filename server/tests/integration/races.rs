//! Concurrency invariants, proved by racing many real requests: seats, credits and
//! idempotent retries.

use crate::fixtures::test_app;
use crate::harness::TestApp;
use app::domain::schedule::slot_floor;
use app::domain::time::{DAY_MS, MINUTE_MS};
use app::server::sql::{HOLDS_SEAT, HUMAN, SEATED};
use std::collections::HashSet;

/// Every table has at most 4 humans, no seat twice, no user twice in a slot, and every
/// user's balance is what their ledger says and never negative.
async fn assert_invariants(app: &TestApp) {
    let db = app.state.db.pool();
    let seats: Vec<(i64, i64, Option<i64>, i64)> = sqlx::query_as(
        &format!("SELECT session_id, seat, user_id, starts_at FROM participants WHERE status IN {HOLDS_SEAT}"),
    )
    .fetch_all(db)
    .await
    .unwrap();
    let mut by_seat = HashSet::new();
    let mut by_user_slot = HashSet::new();
    let mut per_table = std::collections::HashMap::<i64, i64>::new();
    for (table, seat, user, starts_at) in &seats {
        assert!((1..=4).contains(seat));
        assert!(
            by_seat.insert((*table, *seat)),
            "seat {seat} of table {table} taken twice"
        );
        if let Some(user) = user {
            assert!(
                by_user_slot.insert((*user, *starts_at)),
                "user {user} seated twice in a slot"
            );
        }
        *per_table.entry(*table).or_default() += 1;
    }
    assert!(per_table.values().all(|n| *n <= 4));
    // The tables' own head counts agree with their seats.
    let drift: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT s.id, s.humans FROM study_sessions s WHERE s.humans <> \
         (SELECT COUNT(*) FROM participants p WHERE p.session_id = s.id AND p.kind = {HUMAN} \
          AND p.status IN {HOLDS_SEAT})"
    ))
    .fetch_all(db)
    .await
    .unwrap();
    assert!(drift.is_empty(), "head counts out of step: {drift:?}");
    let negative: Vec<(Option<i64>, i64)> = sqlx::query_as(
        "SELECT user_id, CAST(SUM(amount) AS BIGINT) FROM credit_ledger GROUP BY user_id \
         HAVING SUM(amount) < 0",
    )
    .fetch_all(db)
    .await
    .unwrap();
    assert!(negative.is_empty(), "negative balances: {negative:?}");
}

#[tokio::test]
async fn five_hundred_quick_matches_at_once_fill_tables_without_breaking_a_rule() {
    const USERS: usize = 500;
    let app = test_app().await;
    let slot = slot_floor(app.state.clock.now().plus_millis(DAY_MS));
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let mut members = Vec::with_capacity(USERS);
    for i in 0..USERS {
        members.push(app.member(&format!("racer{i}")).await);
    }
    let credits_before: i64 = total_credits(&app).await;
    let form = [("mode", "audio"), ("language", "en")];
    let calls: Vec<_> = members
        .iter()
        .map(|(_, cookie)| app.spawn_call("quick_match", Some(cookie), &form))
        .collect();
    for call in calls {
        let resp = call.await.unwrap();
        assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    }
    // What the database holds, not what the answers said: every racer has exactly one
    // seat, and no one else does.
    let (rows, racers): (i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM participants \
         WHERE kind = {HUMAN} AND status = {SEATED}"
    ))
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!((rows, racers), (USERS as i64, USERS as i64));
    assert_invariants(&app).await;
    // Tables filled up rather than splitting: exactly 500 / 4 of them, all in that slot.
    let (tables, slots): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT starts_at) FROM study_sessions")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!((tables, slots), ((USERS / 4) as i64, 1));
    // Credits are conserved exactly: one spent per seat.
    assert_eq!(total_credits(&app).await, credits_before - USERS as i64);
    for (user, _) in members.iter().take(20) {
        assert_eq!(app.balance(*user).await, 1);
    }
}

async fn total_credits(app: &TestApp) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM credit_ledger")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    n
}

#[tokio::test]
async fn one_user_racing_themselves_gets_one_seat_and_pays_once() {
    let app = test_app().await;
    let (mei, cookie) = app.member("mei").await;
    let slot = slot_floor(app.state.clock.now().plus_millis(DAY_MS));
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let forms: Vec<Vec<(&str, &str)>> = (0..20)
        .map(|i| {
            let mode = if i % 2 == 0 { "audio" } else { "quiet" };
            vec![("mode", mode), ("language", "en")]
        })
        .collect();
    let calls: Vec<_> = forms
        .iter()
        .map(|form| app.spawn_call("quick_match", Some(&cookie), form))
        .collect();
    let mut ok = 0;
    for call in calls {
        match call.await.unwrap().status().as_u16() {
            200 => ok += 1,
            409 => {}
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(app.balance(mei).await, 1);
    assert_invariants(&app).await;
}

#[tokio::test]
async fn double_submitted_idempotent_requests_apply_once() {
    let app = test_app().await;
    let (mei, cookie) = app.member("mei").await;
    let slot = slot_floor(app.state.clock.now().plus_millis(DAY_MS));
    app.set_now(slot.plus_millis(-2 * 60 * MINUTE_MS));
    let at = slot.unix_millis().to_string();
    let form = [
        ("mode", "audio"),
        ("language", "en"),
        ("starts_at", at.as_str()),
        ("idempotency_key", "double-click"),
    ];
    let calls: Vec<_> = (0..25)
        .map(|_| app.spawn_call("quick_match", Some(&cookie), &form))
        .collect();
    let mut answers = HashSet::new();
    for call in calls {
        let resp = call.await.unwrap();
        assert_eq!(resp.status(), 200);
        answers.insert(resp.text().await.unwrap());
    }
    assert_eq!(answers.len(), 1, "every retry gets the first answer");
    assert_eq!(app.count("participants").await, 1);
    assert_eq!(app.balance(mei).await, 1);
    // Cancelling, double-submitted too: refunded once.
    let table: serde_json::Value = serde_json::from_str(answers.iter().next().unwrap()).unwrap();
    let table = table["table_id"].to_string();
    let cancel = [
        ("table_id", table.as_str()),
        ("idempotency_key", "cancel-1"),
    ];
    let calls: Vec<_> = (0..25)
        .map(|_| app.spawn_call("cancel_seat", Some(&cookie), &cancel))
        .collect();
    for call in calls {
        let resp = call.await.unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.text().await.unwrap(), r#"{"refunded":1}"#);
    }
    assert_eq!(app.balance(mei).await, 2);
}

#[tokio::test]
async fn concurrent_gifts_respect_the_weekly_limit_and_conserve_credits() {
    let app = test_app().await;
    let (giver, giver_cookie) = app.member("giver").await;
    let mut friends = Vec::new();
    for i in 0..10 {
        friends.push(app.member(&format!("friend{i}")).await.0);
    }
    app::server::credits::transfers::set_tier(
        &app.state.db,
        giver,
        "giver",
        app::domain::credits::Tier::Elite,
        None,
        app.state.clock.now(),
    )
    .await
    .unwrap();
    let before = total_credits(&app).await;
    let names: Vec<String> = (0..10).map(|i| format!("friend{i}")).collect();
    let calls: Vec<_> = names
        .iter()
        .flat_map(|name| {
            let form = [("to", name.as_str()), ("amount", "1")];
            [
                app.spawn_call("gift_credits", Some(&giver_cookie), &form),
                app.spawn_call("gift_credits", Some(&giver_cookie), &form),
            ]
        })
        .collect();
    let mut sent = 0;
    for call in calls {
        match call.await.unwrap().status().as_u16() {
            200 => sent += 1,
            409 => {}
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(sent, 4, "at most four gifted credits a week");
    assert_eq!(
        total_credits(&app).await,
        before,
        "gifts move credits, never make them"
    );
    assert_eq!(app.balance(giver).await, 12 - 4);
    let mut received = 0;
    for friend in &friends {
        received += app.balance(*friend).await - 2;
    }
    assert_eq!(received, 4);
    assert_invariants(&app).await;
}
