//! The diary through the real server functions: notes only after the end and only by
//! their author, search through the full-text index (Chinese included), date ranges and
//! the calendar in the student's time zone, streaks across a clock change, racing
//! autosaves, and pages of the timeline. Shared set-up here; the tests by subject.

mod days;
mod privacy;
mod saving;
mod search;

use crate::fixtures::test_app;
use crate::harness::TestApp;
use app::domain::time::{Timestamp, MINUTE_MS};
use serde_json::{json, Value};

/// A student with a diary.
pub(crate) struct Student {
    id: i64,
    cookie: String,
}

pub(crate) async fn student(app: &TestApp, name: &str, zone: &str) -> Student {
    let (id, cookie) = app.member(name).await;
    // Unlimited credits, so a test can sit as many sessions as it needs.
    sqlx::query("UPDATE credit_accounts SET tier = 'infinite' WHERE user_id = $1")
        .bind(id)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(id)
        .execute(app.state.db.pool())
        .await
        .unwrap();
    Student { id, cookie }
}

/// An instant from its RFC 3339 text.
pub(crate) fn at(text: &str) -> Timestamp {
    let t: jiff::Timestamp = text.parse().unwrap();
    Timestamp::from_unix_millis(t.as_millisecond())
}

/// Seats `who` (together) at the table starting at `start` with `topic`, each connected
/// the whole time and setting `goals` (one per student, empty for none), and runs it to
/// its end. Returns the table.
pub(crate) async fn session(
    app: &TestApp,
    who: &[&Student],
    start: Timestamp,
    topic: &str,
    goals: &[&str],
) -> i64 {
    use app::server::tables::presence;
    app.set_now(start.plus_millis(-10 * MINUTE_MS));
    let mut table = 0;
    for s in who {
        let outcome = app.matched(&s.cookie, &[("topic", topic)]).await;
        table = outcome.table_id;
        assert_eq!(outcome.starts_at, start);
    }
    app.set_now(start);
    app.tick().await;
    for (s, goal) in who.iter().zip(goals.iter().chain(std::iter::repeat(&""))) {
        let (seat,): (i64,) =
            sqlx::query_as("SELECT id FROM participants WHERE session_id = $1 AND user_id = $2")
                .bind(table)
                .bind(s.id)
                .fetch_one(app.state.db.pool())
                .await
                .unwrap();
        presence::connect(&app.state.db, seat, start).await.unwrap();
        if !goal.is_empty() {
            let table = table.to_string();
            let form = [
                ("table_id", table.as_str()),
                ("prompt", "goal"),
                ("text", goal),
            ];
            let resp = app.call("reflect", Some(&s.cookie), &form).await;
            assert_eq!(resp.status(), 200);
        }
    }
    app.set_now(start.plus_millis(55 * MINUTE_MS));
    assert!(app.tick().await.ended >= 1);
    table
}

async fn post(app: &TestApp, endpoint: &str, who: &Student, body: Value) -> (u16, Value) {
    let resp = app
        .client
        .post(format!("{}/api/{endpoint}", app.base))
        .header("cookie", &who.cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn note(app: &TestApp, who: &Student, table: i64, body: &str, tags: &[&str]) -> (u16, Value) {
    post(
        app,
        "note",
        who,
        json!({ "table_id": table, "body": body, "tags": tags }),
    )
    .await
}

/// The tables of `who`'s timeline for `filter` (first page), newest first.
async fn found(app: &TestApp, who: &Student, filter: Value) -> Vec<i64> {
    let (status, page) = diary(app, who, filter, Value::Null).await;
    assert_eq!(status, 200, "{page}");
    tables(&page)
}

pub(crate) async fn diary(
    app: &TestApp,
    who: &Student,
    filter: Value,
    before: Value,
) -> (u16, Value) {
    let mut full = json!({ "text": "", "from": null, "to": null, "tags": [] });
    for (k, v) in filter.as_object().unwrap() {
        full[k] = v.clone();
    }
    post(
        app,
        "diary",
        who,
        json!({ "filter": full, "before": before }),
    )
    .await
}

fn tables(page: &Value) -> Vec<i64> {
    page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["table_id"].as_i64().unwrap())
        .collect()
}

fn day(text: &str) -> Value {
    json!(app::domain::diary::day::Day::parse(text).unwrap().0)
}
