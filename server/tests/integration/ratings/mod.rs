//! Peer review through the real server functions: who may rate whom, pending ratings and
//! their expiry, bans crossing exactly at the threshold, the open ledger and appeals, and
//! races that must not ban or charge twice. Shared set-up here; the tests by subject.

mod bans;
mod giving;
mod ledger;

use crate::fixtures::{slot_ahead, test_app};
use crate::harness::TestApp;
use app::domain::time::{Timestamp, DAY_MS, HOUR_MS, MINUTE_MS};
use app::server::sql::{ENDED, HUMAN};
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
        let outcome = app.matched(&cookie, &[]).await;
        table = outcome.table_id;
        let seat = outcome.seat;
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
        let (session,): (i64,) = sqlx::query_as(&format!(
            "INSERT INTO study_sessions (starts_at, mode, language, state, created_at) \
             VALUES ($1, 'quiet', 'en', {ENDED}, $1) RETURNING id"
        ))
        .bind(starts_at)
        .fetch_one(db)
        .await
        .unwrap();
        sqlx::query(
            &format!("INSERT INTO participants (session_id, seat, kind, user_id, starts_at, joined_at, completed) \
             VALUES ($1, 1, {HUMAN}, $2, $3, $3, 1)"),
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
    sqlx::query(
        "UPDATE ratings SET created_at = created_at - $1, effective_at = effective_at - $1",
    )
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
