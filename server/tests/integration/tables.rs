//! Quick match, seats, cancel and leave, companions and the end of a session, through the
//! real server functions, with the clock moved by the test.

use crate::harness::{spawn_app_with, TestApp};
use app::domain::schedule::slot_floor;
use app::domain::time::{Timestamp, DAY_MS, HOUR_MS, MINUTE_MS};
use app::server::sql::{HUMAN, SEATED};
use serde_json::Value;

/// A slot start two days ahead (sessions made now stay valid), aligned to :00/:30.
pub fn slot_ahead(app: &TestApp) -> Timestamp {
    slot_floor(app.state.clock.now().plus_millis(2 * DAY_MS))
}

pub async fn test_app() -> TestApp {
    spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await
}

/// Quick match with `form` fields (mode and language default to audio/en).
pub async fn quick_match(app: &TestApp, cookie: &str, extra: &[(&str, &str)]) -> (u16, Value) {
    let mut form: Vec<(&str, &str)> = vec![("mode", "audio"), ("language", "en")];
    for (k, v) in extra {
        form.retain(|(key, _)| key != k);
        form.push((k, v));
    }
    let resp = app.call("quick_match", Some(cookie), &form).await;
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn ms(v: &Value) -> i64 {
    v.as_i64().expect("a number")
}

async fn seat_status(app: &TestApp, user_id: i64) -> Vec<(i64, i64, String)> {
    sqlx::query_as(
        "SELECT session_id, seat, status FROM participants WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn quick_match_opens_a_table_for_the_next_slot_and_spends_one_credit() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (mei, cookie) = app.member("mei").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let (status, outcome) = quick_match(&app, &cookie, &[("topic", "Linear algebra")]).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["seat"], 1);
    assert_eq!(ms(&outcome["starts_at"]), slot.unix_millis());
    assert_eq!(outcome["joined_existing"], false);
    assert_eq!(outcome["credits_left"], 1);
    assert_eq!(outcome["topic"], "Linear algebra");
    assert_eq!(app.balance(mei).await, 1);
    let (kind, session): (String, Option<i64>) = sqlx::query_as(
        "SELECT kind, session_id FROM credit_ledger WHERE user_id = $1 AND amount < 0",
    )
    .bind(mei)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(
        (kind.as_str(), session),
        ("session", outcome["table_id"].as_i64())
    );
}

#[tokio::test]
async fn matching_fills_tables_by_mode_language_and_topic() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    app.set_now(slot.plus_millis(-20 * MINUTE_MS));
    let mut members = Vec::new();
    for name in ["ann", "bo", "cy", "di", "ed", "fay", "gus"] {
        members.push(app.member(name).await);
    }
    let table = |v: &Value| v["table_id"].as_i64().unwrap();
    let (_, calc) = quick_match(&app, &members[0].1, &[("topic", "Calculus")]).await;
    // No topic: any table of the mode and language will do.
    let (_, any) = quick_match(&app, &members[1].1, &[]).await;
    assert_eq!((table(&any), any["seat"].as_i64()), (table(&calc), Some(2)));
    assert_eq!(any["joined_existing"], true);
    // The same topic, typed differently, joins it too.
    let (_, same) = quick_match(&app, &members[2].1, &[("topic", "  calculus ")]).await;
    assert_eq!(
        (table(&same), same["seat"].as_i64()),
        (table(&calc), Some(3))
    );
    // Another topic, mode or language opens its own table.
    let (_, chem) = quick_match(&app, &members[3].1, &[("topic", "Chemistry")]).await;
    let (_, quiet) = quick_match(&app, &members[4].1, &[("mode", "quiet")]).await;
    let (_, zh) = quick_match(&app, &members[5].1, &[("language", "zh-TW")]).await;
    for other in [&chem, &quiet, &zh] {
        assert_ne!(table(other), table(&calc));
        assert_eq!(other["seat"], 1);
    }
    // The fourth seat of the calculus table, then it is full.
    let (_, fourth) = quick_match(&app, &members[6].1, &[("topic", "calculus")]).await;
    assert_eq!(
        (table(&fourth), fourth["seat"].as_i64()),
        (table(&calc), Some(4))
    );
    let (_, fifth) = quick_match(&app, &app.member("hal").await.1, &[("topic", "calculus")]).await;
    assert_ne!(table(&fifth), table(&calc));
    assert_eq!(fifth["seat"], 1);
}

#[tokio::test]
async fn bad_filters_are_refused_with_the_field_that_is_wrong() {
    let app = test_app().await;
    let (_, cookie) = app.member("mei").await;
    let long = "x".repeat(101);
    for (form, field) in [
        (vec![("mode", "loud")], "mode"),
        (vec![("language", "fr")], "language"),
        (vec![("topic", long.as_str())], "topic"),
        (vec![("starts_at", "12345")], "starts_at"),
    ] {
        let (status, body) = quick_match(&app, &cookie, &form).await;
        assert_eq!(status, 422, "{form:?}");
        assert_eq!(body["invalid"]["field"], field);
    }
    assert_eq!(app.count("participants").await, 0);
    // Signed out: nothing happens.
    let resp = app
        .call(
            "quick_match",
            None,
            &[("mode", "audio"), ("language", "en")],
        )
        .await;
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn refusals_say_why_and_change_nothing() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (mei, cookie) = app.member("mei").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    assert_eq!(quick_match(&app, &cookie, &[]).await.0, 200);
    // Already seated in that slot.
    let (status, body) = quick_match(&app, &cookie, &[("mode", "quiet")]).await;
    assert_eq!(status, 409);
    assert_eq!(
        ms(&body["refused"]["reason"]["already_seated"]["starts_at"]),
        slot.unix_millis()
    );
    // A later slot is fine, and spends the second credit.
    let later = slot.plus_millis(2 * HOUR_MS).unix_millis().to_string();
    assert_eq!(
        quick_match(&app, &cookie, &[("starts_at", &later)]).await.0,
        200
    );
    // Out of credits: the answer says when the next ones come.
    let later2 = slot.plus_millis(3 * HOUR_MS).unix_millis().to_string();
    let (status, body) = quick_match(&app, &cookie, &[("starts_at", &later2)]).await;
    assert_eq!(status, 409);
    let next = ms(&body["refused"]["reason"]["insufficient_credits"]["next_refresh_at"]);
    let (cycle_start,): (i64,) =
        sqlx::query_as("SELECT cycle_start FROM credit_accounts WHERE user_id = $1")
            .bind(mei)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!((next - cycle_start) % (7 * DAY_MS), 0);
    assert!(next > app.state.clock.now().unix_millis());
    assert_eq!(app.balance(mei).await, 0);
    // Banned: refused before anything else, with the end of the ban.
    let (ban_end, cookie2) = (slot.plus_millis(DAY_MS), app.member("bo").await);
    sqlx::query("INSERT INTO bans (user_id, starts_at, ends_at, reason, created_at) VALUES ($1, $2, $3, 'test', $2)")
        .bind(cookie2.0)
        .bind(slot.plus_millis(-DAY_MS).unix_millis())
        .bind(ban_end.unix_millis())
        .execute(app.state.db.pool())
        .await
        .unwrap();
    let (status, body) = quick_match(&app, &cookie2.1, &[]).await;
    assert_eq!(status, 403);
    assert_eq!(
        ms(&body["refused"]["reason"]["banned"]["until"]),
        ban_end.unix_millis()
    );
    assert_eq!(app.balance(cookie2.0).await, 2);
    assert_eq!(app.count("participants").await, 2);
}

#[tokio::test]
async fn new_tables_skip_a_slot_less_than_three_minutes_away_but_joining_it_is_fine() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (_, early) = app.member("early").await;
    let (_, late) = app.member("late").await;
    let (_, later) = app.member("later").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let (_, first) = quick_match(&app, &early, &[]).await;
    assert_eq!(ms(&first["starts_at"]), slot.unix_millis());
    // Two minutes before: the existing table still takes people…
    app.set_now(slot.plus_millis(-2 * MINUTE_MS));
    let (_, joined) = quick_match(&app, &late, &[]).await;
    assert_eq!(joined["table_id"], first["table_id"]);
    // …but a new one would be for the slot after (quiet has no table yet).
    let (_, quiet) = quick_match(&app, &later, &[("mode", "quiet")]).await;
    assert_eq!(
        ms(&quiet["starts_at"]),
        slot.plus_millis(30 * MINUTE_MS).unix_millis()
    );
}

#[tokio::test]
async fn companions_fill_empty_seats_at_the_start_and_give_them_to_late_humans() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (_, mei) = app.member("mei").await;
    let (_, bo) = app.member("bo").await;
    let (_, cy) = app.member("cy").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let (_, first) = quick_match(&app, &mei, &[]).await;
    let table_id = first["table_id"].as_i64().unwrap();
    app.set_now(slot.plus_millis(30_000 - 1)); // within the start's first 30 s
    let report = app.tick().await;
    assert_eq!((report.started, report.rooms_opened), (1, 1));
    // Ticking again changes nothing.
    assert_eq!(app.tick().await.started, 0);
    let seats: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        &format!("SELECT seat, kind, companion FROM participants WHERE session_id = $1 AND status = {SEATED} ORDER BY seat"),
    )
    .bind(table_id)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    let kinds: Vec<_> = seats
        .iter()
        .map(|(s, k, c)| (*s, k.as_str(), c.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (1, "human", None),
            (2, "ai", Some("focus_fox".into())),
            (3, "ai", Some("study_owl".into())),
            (4, "ai", Some("calm_cat".into())),
        ]
    );
    // During Setup a human still joins, taking the lowest companion seat.
    app.set_now(slot.plus_millis(2 * MINUTE_MS));
    let (status, joined) = quick_match(&app, &bo, &[]).await;
    assert_eq!(status, 200, "{joined}");
    assert_eq!(
        (joined["table_id"].as_i64(), joined["seat"].as_i64()),
        (Some(table_id), Some(2))
    );
    let (fox,): (String,) = sqlx::query_as(
        "SELECT status FROM participants WHERE session_id = $1 AND companion = 'focus_fox'",
    )
    .bind(table_id)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(fox, "replaced");
    // From Work 1 on, the table is locked: a new table is opened instead.
    app.set_now(slot.plus_millis(3 * MINUTE_MS));
    let (_, other) = quick_match(&app, &cy, &[]).await;
    assert_ne!(other["table_id"].as_i64(), Some(table_id));
}

#[tokio::test]
async fn a_table_nobody_came_to_gets_no_companions() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (mei_id, mei) = app.member("mei").await;
    app.set_now(slot.plus_millis(-2 * HOUR_MS));
    let at = slot.unix_millis().to_string();
    let (_, outcome) = quick_match(&app, &mei, &[("starts_at", &at)]).await;
    let table_id = outcome["table_id"].as_i64().unwrap();
    let resp = app
        .call(
            "cancel_seat",
            Some(&mei),
            &[("table_id", &table_id.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 200);
    app.set_now(slot.plus_millis(MINUTE_MS));
    app.tick().await;
    let (state,): (String,) = sqlx::query_as("SELECT state FROM study_sessions WHERE id = $1")
        .bind(table_id)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(state, "empty");
    assert_eq!(app.count("participants").await, 1);
    assert_eq!(seat_status(&app, mei_id).await[0].2, "cancelled");
}

#[tokio::test]
async fn cancelling_an_hour_ahead_refunds_once_and_later_does_not() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (mei, cookie) = app.member("mei").await;
    app.set_now(slot.plus_millis(-3 * HOUR_MS));
    let at = slot.unix_millis().to_string();
    let (_, outcome) = quick_match(&app, &cookie, &[("starts_at", &at)]).await;
    let table = outcome["table_id"].as_i64().unwrap().to_string();
    assert_eq!(app.balance(mei).await, 1);
    let cancel = |key: Option<&'static str>| {
        let mut form = vec![("table_id", table.clone())];
        if let Some(k) = key {
            form.push(("idempotency_key", k.to_owned()));
        }
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let resp = app.call("cancel_seat", Some(&cookie), &form).await;
            (resp.status().as_u16(), resp.json::<Value>().await.unwrap())
        }
    };
    assert_eq!(
        cancel(None).await,
        (200, serde_json::json!({ "refunded": 1 }))
    );
    assert_eq!(app.balance(mei).await, 2);
    // Again (a double click, a retry): the same answer, no second refund.
    assert_eq!(
        cancel(None).await,
        (200, serde_json::json!({ "refunded": 1 }))
    );
    assert_eq!(app.balance(mei).await, 2);
    // Rejoin the same slot, cancel 59 minutes before: no refund.
    let (status, rejoined) = quick_match(&app, &cookie, &[("starts_at", &at)]).await;
    assert_eq!(status, 200, "{rejoined}");
    app.set_now(slot.plus_millis(-59 * MINUTE_MS));
    assert_eq!(
        cancel(Some("k1")).await,
        (200, serde_json::json!({ "refunded": 0 }))
    );
    assert_eq!(app.balance(mei).await, 1);
    // After the start there is nothing to cancel.
    let (_, third) = quick_match(&app, &cookie, &[]).await;
    let table3 = third["table_id"].as_i64().unwrap();
    app.set_now(Timestamp::from_unix_millis(ms(&third["starts_at"])).plus_millis(MINUTE_MS));
    let resp = app
        .call(
            "cancel_seat",
            Some(&cookie),
            &[("table_id", &table3.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 409);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["refused"]["reason"], "started");
    // Someone else's table is not found.
    let (_, bo) = app.member("bo").await;
    let resp = app
        .call(
            "cancel_seat",
            Some(&bo),
            &[("table_id", &table3.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 404);
}

#[tokio::test]
async fn attendance_decides_completion_essence_and_focus_minutes() {
    use app::server::tables::presence;
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (stay, stay_cookie) = app.member("stay").await;
    let (quit, quit_cookie) = app.member("quit").await;
    let (ghost, ghost_cookie) = app.member("ghost").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    for cookie in [&stay_cookie, &quit_cookie, &ghost_cookie] {
        assert_eq!(quick_match(&app, cookie, &[]).await.0, 200);
    }
    let participant = |user: i64| {
        let db = app.state.db.clone();
        async move {
            let (id,): (i64,) = sqlx::query_as("SELECT id FROM participants WHERE user_id = $1")
                .bind(user)
                .fetch_one(db.pool())
                .await
                .unwrap();
            id
        }
    };
    let db = &app.state.db;
    let at = |m: i64| slot.plus_millis(m * MINUTE_MS);
    app.set_now(at(0));
    app.tick().await;
    // "stay" is there the whole time but drops out for 5 minutes in Work 2.
    let p = participant(stay).await;
    presence::connect(db, p, at(0)).await.unwrap();
    presence::disconnect(db, p, at(35)).await.unwrap();
    presence::connect(db, p, at(40)).await.unwrap();
    // "quit" works through Work 1 and leaves in the break.
    let q = participant(quit).await;
    presence::connect(db, q, at(0)).await.unwrap();
    app.set_now(at(29));
    let resp = app
        .call(
            "leave_table",
            Some(&quit_cookie),
            &[("table_id", &app_table(&app, quit).await)],
        )
        .await;
    assert_eq!(resp.status(), 200);
    // "ghost" never connects.
    let _ = ghost;
    app.set_now(at(55).plus_millis(-1));
    assert_eq!(app.tick().await.ended, 0);
    app.set_now(at(55));
    assert_eq!(app.tick().await.ended, 1);
    assert_eq!(app.tick().await.ended, 0);
    type Row = (Option<i64>, Option<i64>, Option<i64>, i64);
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT user_id, focus_minutes, completed, disconnects FROM participants \
         WHERE kind = {HUMAN} ORDER BY user_id"
    ))
    .fetch_all(db.pool())
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            (Some(stay), Some(40), Some(1), 1),
            (Some(quit), Some(25), Some(0), 0),
            (Some(ghost), Some(0), Some(0), 0),
        ]
    );
    let essence: Vec<(i64, i64)> =
        sqlx::query_as("SELECT user_id, amount FROM essence_ledger ORDER BY user_id")
            .fetch_all(db.pool())
            .await
            .unwrap();
    assert_eq!(essence, vec![(stay, 1)]);
    let stats = app
        .call("stats", Some(&stay_cookie), &[])
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(stats["completed"], 1);
    assert_eq!(stats["focus_minutes"], 40);
    assert_eq!(stats["essence"], 1);
    // Five minutes after the end the room goes.
    app.set_now(at(60));
    assert_eq!(app.tick().await.rooms_closed, 1);
    assert_eq!(app.tick().await.rooms_closed, 0);
}

async fn app_table(app: &TestApp, user: i64) -> String {
    seat_status(app, user).await[0].0.to_string()
}

#[tokio::test]
async fn my_sessions_show_tablemates_by_public_fields_only() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (_, mei) = app.member("mei").await;
    let (_, bo) = app.member("bo").await;
    let (_, stranger) = app.member("stranger").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let (_, first) = quick_match(&app, &mei, &[("topic", "Physics")]).await;
    quick_match(&app, &bo, &[]).await;
    let resp = app.call("my_sessions", Some(&mei), &[]).await;
    let body = resp.text().await.unwrap();
    assert!(!body.contains("example.com"), "emails never leave: {body}");
    let mine: Value = serde_json::from_str(&body).unwrap();
    let sessions = mine["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["topic"], "Physics");
    assert_eq!(sessions[0]["refundable"], false);
    let mates = sessions[0]["tablemates"].as_array().unwrap();
    assert_eq!(mates.len(), 2);
    assert_eq!(mates[0]["you"], true);
    assert_eq!(mates[1]["occupant"]["human"]["username"], "bo");
    let table = first["table_id"].to_string();
    assert_eq!(
        app.call("table", Some(&bo), &[("table_id", &table)])
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call("table", Some(&stranger), &[("table_id", &table)])
            .await
            .status(),
        404
    );
    // After the end it is no longer "mine upcoming".
    app.set_now(slot.plus_millis(55 * MINUTE_MS));
    let mine: Value = app
        .call("my_sessions", Some(&mei), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["sessions"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn hidden_characters_in_a_topic_are_refused_by_name_on_both_databases() {
    let app = test_app().await;
    let (_, cookie) = app.member("mei").await;
    for topic in ["Calculus\0", "\u{202E}suluclac", "bell\u{7}"] {
        let (status, body) = quick_match(&app, &cookie, &[("topic", topic)]).await;
        assert_eq!(status, 422, "{topic:?}: {body}");
        assert_eq!(
            body["invalid"]["rule"], "hidden_characters",
            "{topic:?}: {body}"
        );
        assert_eq!(body["invalid"]["field"], "topic");
    }
    assert_eq!(app.count("participants").await, 0, "nothing half-written");
}
