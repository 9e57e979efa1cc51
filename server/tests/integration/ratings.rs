//! Peer review through the real server functions: who may rate whom, pending ratings and
//! their expiry, bans crossing exactly at the threshold, the open ledger and appeals, and
//! races that must not ban or charge twice.

use crate::harness::TestApp;
use crate::tables::{quick_match, slot_ahead, test_app};
use app::domain::time::{Timestamp, DAY_MS, HOUR_MS, MINUTE_MS};
use serde_json::{json, Value};

/// A student at the test table.
#[derive(Clone)]
struct Student {
    id: i64,
    cookie: String,
    seat: i64,
}

/// Seats `names` (in order) at one audio table, runs it to its end, and returns the
/// table, the students and the slot.
async fn finished_table(app: &TestApp, names: &[&str]) -> (i64, Vec<Student>, Timestamp) {
    let (table, students, slot) = seated_table(app, names).await;
    app.set_now(slot.plus_millis(55 * MINUTE_MS));
    assert_eq!(app.tick().await.ended, 1);
    (table, students, slot)
}

/// Seats `names` (in order) at one audio table and starts it.
async fn seated_table(app: &TestApp, names: &[&str]) -> (i64, Vec<Student>, Timestamp) {
    let slot = slot_ahead(app);
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let mut students = Vec::new();
    let mut table = 0;
    for name in names {
        let (id, cookie) = app.member(name).await;
        let (status, body) = quick_match(app, &cookie, &[]).await;
        assert_eq!(status, 200, "{body}");
        table = body["table_id"].as_i64().unwrap();
        let seat = body["seat"].as_i64().unwrap();
        students.push(Student { id, cookie, seat });
    }
    app.set_now(slot);
    app.tick().await;
    (table, students, slot)
}

/// Posts ratings as JSON, as the rating cards do.
async fn rate(app: &TestApp, who: &Student, table: i64, ratings: Value) -> (u16, Value) {
    let resp = app
        .client
        .post(format!("{}/api/rate", app.base))
        .header("cookie", &who.cookie)
        .json(&json!({ "table_id": table, "ratings": ratings }))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// The JSON answer of server function `endpoint` called by `who` with `form`.
async fn read(app: &TestApp, endpoint: &str, who: &Student, form: &[(&str, &str)]) -> Value {
    app.call(endpoint, Some(&who.cookie), form)
        .await
        .json()
        .await
        .unwrap()
}

fn green(seat: i64) -> Value {
    json!({ "seat": seat, "value": "green" })
}

fn red(seat: i64, reasons: &[&str], other: &str) -> Value {
    json!({ "seat": seat, "value": "red", "reasons": reasons, "other": other })
}

fn refusal(body: &Value) -> String {
    body["refused"]["reason"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| body["refused"]["reason"].to_string())
}

async fn set_tier(app: &TestApp, user: i64, tier: &str) {
    sqlx::query("UPDATE credit_accounts SET tier = $1 WHERE user_id = $2")
        .bind(tier)
        .bind(user)
        .execute(app.state.db.pool())
        .await
        .unwrap();
}

/// Makes `user` an established free member: an account 8 days old with 5 completed
/// sessions (rows of past tables).
async fn establish(app: &TestApp, user: i64) {
    let db = app.state.db.pool();
    let long_ago = app
        .state
        .clock
        .now()
        .plus_millis(-30 * DAY_MS)
        .unix_millis();
    sqlx::query("UPDATE users SET created_at = $1 WHERE id = $2")
        .bind(app.state.clock.now().plus_millis(-8 * DAY_MS).unix_millis())
        .bind(user)
        .execute(db)
        .await
        .unwrap();
    for i in 0..5 {
        let starts_at = long_ago + i * HOUR_MS;
        let (session,): (i64,) = sqlx::query_as(
            "INSERT INTO study_sessions (starts_at, mode, language, state, created_at) \
             VALUES ($1, 'quiet', 'en', 'ended', $1) RETURNING id",
        )
        .bind(starts_at)
        .fetch_one(db)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO participants (session_id, seat, kind, user_id, starts_at, joined_at, completed) \
             VALUES ($1, 1, 'human', $2, $3, $3, 1)",
        )
        .bind(session)
        .bind(user)
        .bind(starts_at)
        .execute(db)
        .await
        .unwrap();
    }
}

/// Moves every rating `ms` into the past (sign-in sessions would not survive moving the
/// clock months ahead).
async fn age_ratings(app: &TestApp, ms: i64) {
    sqlx::query("UPDATE ratings SET created_at = created_at - $1")
        .bind(ms)
        .execute(app.state.db.pool())
        .await
        .unwrap();
}

async fn ratings_of(app: &TestApp, ratee: i64) -> Vec<(String, i64, i64)> {
    sqlx::query_as("SELECT value, power_pct, expired FROM ratings WHERE ratee_id = $1 ORDER BY id")
        .bind(ratee)
        .fetch_all(app.state.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn tablemates_rate_each_other_once_and_nobody_else_can() {
    let app = test_app().await;
    let (table, s, _) = seated_table(&app, &["ana", "ben", "cy"]).await;
    let (ana, ben, cy) = (&s[0], &s[1], &s[2]);
    // Before the end there is nothing to rate.
    let (status, body) = rate(&app, ana, table, json!([green(ben.seat)])).await;
    assert_eq!((status, refusal(&body)), (409, "not_tablemate".into()));
    app.set_now(app.state.clock.now().plus_millis(55 * MINUTE_MS));
    assert_eq!(app.tick().await.ended, 1);
    assert_eq!(app.count("pending_ratings").await, 6);
    // Bad input is refused with the field, and nothing is written (all or nothing).
    let (status, body) = rate(
        &app,
        ana,
        table,
        json!([green(ben.seat), red(cy.seat, &[], "")]),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["invalid"]["field"], "reasons");
    let (status, body) = rate(&app, ana, table, json!([red(cy.seat, &["other"], " ")])).await;
    assert_eq!(
        (status, body["invalid"]["field"].as_str()),
        (422, Some("other"))
    );
    let long = "x".repeat(501);
    let (status, body) = rate(&app, ana, table, json!([red(cy.seat, &["other"], &long)])).await;
    assert_eq!(status, 422);
    assert_eq!(body["invalid"]["rule"]["too_long"]["max"], 500);
    let (status, _) = rate(
        &app,
        ana,
        table,
        json!([{ "seat": ben.seat, "value": "green", "reasons": ["no_show"] }]),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(app.count("ratings").await, 0);
    assert_eq!(app.count("pending_ratings").await, 6);
    // Yourself: refused by name.
    let (status, body) = rate(&app, ana, table, json!([green(ana.seat)])).await;
    assert_eq!((status, refusal(&body)), (409, "rate_self".into()));
    // A seat nobody (human) holds.
    let empty = (1..=4)
        .find(|seat| s.iter().all(|x| x.seat != *seat))
        .unwrap();
    let (status, body) = rate(&app, ana, table, json!([green(empty)])).await;
    assert_eq!((status, refusal(&body)), (409, "not_tablemate".into()));
    // Both at once; the cards come back rated.
    let (status, body) = rate(
        &app,
        ana,
        table,
        json!([
            green(ben.seat),
            red(cy.seat, &["no_show", "other"], "never turned up")
        ]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let cards = body["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 2, "companions are never rated");
    assert!(cards.iter().all(|c| c["open"] == false));
    assert_eq!(cards[0]["given"], "green");
    // Twice: refused, nothing changes.
    let (status, body) = rate(&app, ana, table, json!([green(cy.seat)])).await;
    assert_eq!((status, refusal(&body)), (409, "already_rated".into()));
    assert_eq!(
        ratings_of(&app, cy.id).await,
        vec![("red".into(), 0, 0)],
        "a new free member's red weighs nothing"
    );
    // A stranger from another table cannot rate anyone here.
    let (_, other_cookie) = app.member("zed").await;
    let zed = Student {
        id: 0,
        cookie: other_cookie,
        seat: 0,
    };
    let (status, body) = rate(&app, &zed, table, json!([green(ana.seat)])).await;
    assert_eq!((status, refusal(&body)), (409, "not_tablemate".into()));
    assert_eq!(app.count("ratings").await, 2);
    app.finish().await;
}

#[tokio::test]
async fn owed_ratings_block_quick_match_until_given_and_expire_as_skips() {
    let app = test_app().await;
    let (table, s, slot) = finished_table(&app, &["ana", "ben", "cy"]).await;
    let (ana, ben, cy) = (&s[0], &s[1], &s[2]);
    let later = slot.plus_millis(DAY_MS).unix_millis().to_string();
    let (status, body) = quick_match(&app, &ana.cookie, &[("starts_at", &later)]).await;
    assert_eq!(status, 409);
    assert_eq!(
        body["refused"]["reason"]["pending_ratings"]["table_id"],
        table
    );
    // The ledger lists what is owed.
    let ledger: Value = read(&app, "ledger", ana, &[]).await;
    assert_eq!(ledger["owed"][0]["table_id"], table);
    assert_eq!(ledger["owed"][0]["count"], 2);
    // One by one: still blocked after the first, free after the second.
    assert_eq!(
        rate(&app, ana, table, json!([green(ben.seat)])).await.0,
        200
    );
    assert_eq!(
        quick_match(&app, &ana.cookie, &[("starts_at", &later)])
            .await
            .0,
        409
    );
    let skip = json!([{ "seat": cy.seat, "value": "skip" }]);
    assert_eq!(rate(&app, ana, table, skip).await.0, 200);
    assert_eq!(
        quick_match(&app, &ana.cookie, &[("starts_at", &later)])
            .await
            .0,
        200
    );
    // Ben and Cy never rate: 48 hours after the end theirs count as skipped.
    let end = slot.plus_millis(55 * MINUTE_MS);
    app.set_now(end.plus_millis(48 * HOUR_MS - 1));
    assert_eq!(app.tick().await.ratings_expired, 0);
    app.set_now(end.plus_millis(48 * HOUR_MS));
    assert_eq!(app.tick().await.ratings_expired, 4);
    assert_eq!(app.tick().await.ratings_expired, 0);
    assert_eq!(app.count("pending_ratings").await, 0);
    let expired: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT rater_id, value, expired FROM ratings WHERE expired = 1 ORDER BY rater_id, ratee_id",
    )
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(expired.len(), 4);
    assert!(expired
        .iter()
        .all(|(r, v, _)| (*r == ben.id || *r == cy.id) && v == "skip"));
    // Too late to rate now; the card says it closed.
    let (status, body) = rate(&app, ben, table, json!([green(ana.seat)])).await;
    assert_eq!((status, refusal(&body)), (409, "already_rated".into()));
    let summary = read(&app, "summary", ben, &[("table_id", &table.to_string())]).await;
    let cards = &summary["ratings"];
    assert_eq!(cards["cards"][0]["open"], false);
    assert_eq!(cards["cards"][0]["given"], "skip");
    let later2 = slot.plus_millis(3 * DAY_MS).unix_millis().to_string();
    assert_eq!(
        quick_match(&app, &ben.cookie, &[("starts_at", &later2)])
            .await
            .0,
        200
    );
    app.finish().await;
}

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
    let (status, body) = quick_match(&app, &target.cookie, &[]).await;
    assert_eq!(status, 403, "{body}");
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
    app.finish().await;
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
    app.finish().await;
}

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
