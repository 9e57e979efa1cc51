//! The diary through the real server functions: notes only after the end and only by
//! their author, search through the full-text index (Chinese included), date ranges and
//! the calendar in the student's time zone, streaks across a clock change, racing
//! autosaves, and pages of the timeline.

use crate::harness::TestApp;
use crate::tables::{quick_match, test_app};
use app::domain::time::{Timestamp, MINUTE_MS};
use serde_json::{json, Value};

/// A student with a diary.
struct Student {
    id: i64,
    cookie: String,
}

async fn student(app: &TestApp, name: &str, zone: &str) -> Student {
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
fn at(text: &str) -> Timestamp {
    let t: jiff::Timestamp = text.parse().unwrap();
    Timestamp::from_unix_millis(t.as_millisecond())
}

/// Seats `who` (together) at the table starting at `start` with `topic`, each connected
/// the whole time and setting `goals` (one per student, empty for none), and runs it to
/// its end. Returns the table.
async fn session(
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
        let (status, body) = quick_match(app, &s.cookie, &[("topic", topic)]).await;
        assert_eq!(status, 200, "{body}");
        table = body["table_id"].as_i64().unwrap();
        assert_eq!(body["starts_at"].as_i64(), Some(start.unix_millis()));
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

async fn diary(app: &TestApp, who: &Student, filter: Value, before: Value) -> (u16, Value) {
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

#[tokio::test]
async fn notes_come_after_the_end_and_only_their_author_reads_them() {
    let app = test_app().await;
    let ana = student(&app, "ana", "UTC").await;
    let ben = student(&app, "ben", "UTC").await;
    let cy = student(&app, "cy", "UTC").await;
    let start = at("2026-12-01T10:00:00Z");
    let table = session(
        &app,
        &[&ana, &ben],
        start,
        "Organic chemistry",
        &["Finish the aldehyde problem set", "Read chapter 5"],
    )
    .await;
    // A table not over yet takes no note (the next slot's, booked now).
    let (_, next) = quick_match(&app, &cy.cookie, &[]).await;
    let next = next["table_id"].as_i64().unwrap();
    let (status, body) = note(&app, &cy, next, "too soon", &[]).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("session_not_over"), "{body}");

    let (status, saved) = note(
        &app,
        &ana,
        table,
        "Aldehydes finally make sense.\nAsk about ketones.",
        &["struggled", "breakthrough", "struggled"],
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["tags"], json!(["breakthrough", "struggled"]));
    assert_eq!(
        saved["body"],
        "Aldehydes finally make sense.\nAsk about ketones."
    );

    // Ana's diary has her note and her goal; Ben's entry for the same table has neither.
    let (_, page) = diary(&app, &ana, json!({}), Value::Null).await;
    let entry = &page["entries"][0];
    assert_eq!(entry["table_id"], table);
    assert_eq!(entry["note"]["tags"], json!(["breakthrough", "struggled"]));
    assert_eq!(
        entry["reflections"][0]["text"],
        "Finish the aldehyde problem set"
    );
    assert_eq!(entry["tablemates"], 1);
    assert_eq!(entry["companions"], 2);
    assert_eq!(entry["completed"], true);
    assert_eq!(entry["focus_minutes"], 45);
    let (_, page) = diary(&app, &ben, json!({}), Value::Null).await;
    let entry = &page["entries"][0];
    assert_eq!(entry["table_id"], table);
    assert_eq!(entry["note"], Value::Null);
    assert_eq!(entry["reflections"].as_array().unwrap().len(), 1);
    assert_eq!(entry["reflections"][0]["text"], "Read chapter 5");
    // Searching someone else's words finds nothing; filtering by their tags neither.
    assert_eq!(
        found(&app, &ben, json!({ "text": "aldehydes" })).await,
        Vec::<i64>::new()
    );
    assert_eq!(
        found(&app, &ben, json!({ "text": "aldehyde problem" })).await,
        Vec::<i64>::new()
    );
    assert_eq!(
        found(&app, &ben, json!({ "tags": ["breakthrough"] })).await,
        Vec::<i64>::new()
    );
    assert_eq!(
        found(&app, &ana, json!({ "text": "aldehydes" })).await,
        vec![table]
    );
    // A stranger cannot write on the table, nor see it; the summary carries the note.
    let (status, _) = note(&app, &cy, table, "mine now", &[]).await;
    assert_eq!(status, 404);
    assert_eq!(found(&app, &cy, json!({})).await, Vec::<i64>::new());
    let summary = |who: &Student| {
        let table = table.to_string();
        let cookie = who.cookie.clone();
        let app = &app;
        async move {
            let resp = app
                .call("summary", Some(&cookie), &[("table_id", &table)])
                .await;
            resp.json::<Value>().await.unwrap()
        }
    };
    assert_eq!(summary(&ana).await["note"]["body"], saved["body"]);
    assert_eq!(summary(&ben).await["note"], Value::Null);
    // Signed out: nothing.
    let resp = app
        .client
        .post(format!("{}/api/diary", app.base))
        .json(&json!({ "filter": { "text": "", "from": null, "to": null, "tags": [] }, "before": null }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);

    // Bad input changes nothing.
    let (status, body) = note(&app, &ana, table, &"字".repeat(2001), &[]).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("too_long"), "{body}");
    let (status, _) = note(&app, &ana, table, "ok", &["sleepy"]).await;
    assert_eq!(status, 400);
    let (_, page) = diary(&app, &ana, json!({}), Value::Null).await;
    assert_eq!(page["entries"][0]["note"]["body"], saved["body"]);
    assert_eq!(app.count("diary_note_tags").await, 2);
    // Emptied: removed, and no longer found by its words.
    let (status, body) = note(&app, &ana, table, "  ", &[]).await;
    assert_eq!((status, body), (200, Value::Null));
    assert_eq!(app.count("diary_notes").await, 0);
    assert_eq!(app.count("diary_note_tags").await, 0);
    assert_eq!(
        found(&app, &ana, json!({ "text": "ketones" })).await,
        Vec::<i64>::new()
    );
    assert_eq!(
        found(&app, &ana, json!({ "text": "aldehyde" })).await,
        vec![table],
        "the goal still matches"
    );
    app.finish().await;
}

#[tokio::test]
async fn search_uses_the_index_for_words_prefixes_and_chinese() {
    let app = test_app().await;
    let mei = student(&app, "mei", "Asia/Taipei").await;
    let first = session(
        &app,
        &[&mei],
        at("2026-12-01T02:00:00Z"),
        "微積分",
        &["準備微積分期中考"],
    )
    .await;
    let second = session(
        &app,
        &[&mei],
        at("2026-12-02T02:00:00Z"),
        "Linear algebra",
        &["Eigenvalues and eigenvectors"],
    )
    .await;
    assert_eq!(
        note(
            &app,
            &mei,
            second,
            "今天讀線性代數很累，但是很有收穫",
            &["tired", "productive"]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        note(&app, &mei, first, "Derivatives: done", &["productive"])
            .await
            .0,
        200
    );
    let search = |text: &str| found(&app, &mei, json!({ "text": text }));
    assert_eq!(search("微積分").await, vec![first]);
    assert_eq!(
        search("積分").await,
        vec![first],
        "two characters inside a longer word"
    );
    assert_eq!(search("期中").await, vec![first]);
    assert_eq!(search("考試").await, Vec::<i64>::new());
    assert_eq!(search("線性代數").await, vec![second]);
    assert_eq!(search("累").await, vec![second], "a single character");
    assert_eq!(
        search("EIGEN").await,
        vec![second],
        "a word's start, any case"
    );
    assert_eq!(search("derivatives").await, vec![first]);
    assert_eq!(
        search("linear 收穫").await,
        vec![second],
        "every term must match"
    );
    assert_eq!(search("linear chemistry").await, Vec::<i64>::new());
    assert_eq!(search("?!").await, Vec::<i64>::new());
    assert_eq!(search("\"' OR 1=1 --").await, Vec::<i64>::new());
    assert_eq!(search("x* NEAR(a b) AND").await, Vec::<i64>::new());
    // Tags narrow (every picked tag), and combine with words.
    assert_eq!(
        found(&app, &mei, json!({ "tags": ["productive"] })).await,
        vec![second, first]
    );
    assert_eq!(
        found(&app, &mei, json!({ "tags": ["productive", "tired"] })).await,
        vec![second]
    );
    assert_eq!(
        found(&app, &mei, json!({ "text": "微積分", "tags": ["tired"] })).await,
        Vec::<i64>::new()
    );
    // A session where nothing was written is found by its topic.
    let quiet = session(
        &app,
        &[&mei],
        at("2026-12-03T02:00:00Z"),
        "Thermodynamics",
        &[],
    )
    .await;
    assert_eq!(search("thermo").await, vec![quiet]);
    // A filter naming one tag a thousand times is one tag.
    let many = vec!["productive"; 1000];
    assert_eq!(
        found(&app, &mei, json!({ "tags": many })).await,
        vec![second, first]
    );
    // Dates no diary holds are refused, not overflowed.
    let (status, _) = diary(&app, &mei, json!({ "to": i32::MAX }), Value::Null).await;
    assert_eq!(status, 422);
    // One document per seat, rewritten in place; lost documents come back at start-up.
    assert_eq!(app.count("diary_search").await, 3);
    sqlx::query("DELETE FROM diary_search")
        .execute(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(search("微積分").await, Vec::<i64>::new());
    let restored = app::server::diary::search::backfill(&app.state.db)
        .await
        .unwrap();
    assert_eq!(restored, 3);
    assert_eq!(search("微積分").await, vec![first]);
    assert_eq!(search("thermo").await, vec![quiet]);
    assert_eq!(
        app::server::diary::search::backfill(&app.state.db)
            .await
            .unwrap(),
        0
    );
    app.finish().await;
}

#[tokio::test]
async fn date_ranges_and_the_calendar_follow_the_students_time_zone() {
    let app = test_app().await;
    let mei = student(&app, "mei", "Asia/Taipei").await;
    // 23:30 on 3 December in Taipei, then 00:00 on the 4th: half an hour apart.
    let late = session(&app, &[&mei], at("2026-12-03T15:30:00Z"), "late", &[]).await;
    let midnight = session(&app, &[&mei], at("2026-12-03T16:00:00Z"), "midnight", &[]).await;
    let range = |from: &str, to: &str| {
        let (from, to) = (day(from), day(to));
        found(&app, &mei, json!({ "from": from, "to": to }))
    };
    assert_eq!(range("2026-12-03", "2026-12-03").await, vec![late]);
    assert_eq!(range("2026-12-04", "2026-12-04").await, vec![midnight]);
    assert_eq!(
        range("2026-12-01", "2026-12-31").await,
        vec![midnight, late]
    );
    assert_eq!(
        found(&app, &mei, json!({ "from": day("2026-12-04") })).await,
        vec![midnight]
    );
    assert_eq!(
        found(&app, &mei, json!({ "to": day("2026-12-03") })).await,
        vec![late]
    );
    let (status, _) = diary(
        &app,
        &mei,
        json!({ "from": day("2026-12-04"), "to": day("2026-12-03") }),
        Value::Null,
    )
    .await;
    assert_eq!(status, 422);
    // Local start times.
    let (_, page) = diary(&app, &mei, json!({}), Value::Null).await;
    assert_eq!(page["entries"][0]["minute"], 0);
    assert_eq!(page["entries"][1]["minute"], 23 * 60 + 30);
    assert_eq!(page["entries"][1]["day"], day("2026-12-03"));
    // The calendar: two days, one session each (UTC would put both on the 3rd).
    let (status, month) = post(
        &app,
        "diary_month",
        &mei,
        json!({ "month": { "year": 2026, "month": 12 } }),
    )
    .await;
    assert_eq!(status, 200, "{month}");
    let days: Vec<(Value, Value)> = month["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["day"].clone(), d["sessions"].clone()))
        .collect();
    assert_eq!(
        days,
        vec![(day("2026-12-03"), json!(1)), (day("2026-12-04"), json!(1))]
    );
    // This month by default; November is empty; nonsense months are refused.
    let (_, this_month) = post(&app, "diary_month", &mei, json!({ "month": null })).await;
    assert_eq!(this_month["month"], json!({ "year": 2026, "month": 12 }));
    let (_, november) = post(
        &app,
        "diary_month",
        &mei,
        json!({ "month": { "year": 2026, "month": 11 } }),
    )
    .await;
    assert_eq!(november["days"], json!([]));
    let (status, _) = post(
        &app,
        "diary_month",
        &mei,
        json!({ "month": { "year": 2026, "month": 13 } }),
    )
    .await;
    assert_eq!(status, 422);
    app.finish().await;
}

#[tokio::test]
async fn streaks_count_local_days_across_a_clock_change() {
    let app = test_app().await;
    let sam = student(&app, "sam", "America/New_York").await;
    // New York left summer time at 02:00 on 1 November 2026. Sessions at 00:30 on
    // 31 October (summer time), midday on 1 November and 21:00 on 2 November: three local
    // days in a row. In UTC they fall on the 31st, the 1st and the 3rd; with today's
    // winter offset the first would be the 30th.
    for start in [
        "2026-10-31T04:30:00Z",
        "2026-11-01T17:00:00Z",
        "2026-11-03T02:00:00Z",
    ] {
        session(&app, &[&sam], at(start), "History", &[]).await;
    }
    let stats = |now: &str| {
        app.set_now(at(now));
        post(&app, "diary_stats", &sam, json!({}))
    };
    let (status, figures) = stats("2026-11-03T04:00:00Z").await; // 23:00 on 2 November
    assert_eq!(status, 200, "{figures}");
    assert_eq!(figures["current_streak"], 3);
    assert_eq!(figures["longest_streak"], 3);
    assert_eq!(figures["sessions"], 3);
    assert_eq!(figures["completed"], 3);
    assert_eq!(figures["focus_minutes"], 135);
    // The 3rd (local) has no session yet: the streak holds until it is over…
    let (_, figures) = stats("2026-11-04T04:59:00Z").await; // 23:59 on the 3rd
    assert_eq!(figures["current_streak"], 3);
    // …and is gone on the 4th, while the longest stays.
    let (_, figures) = stats("2026-11-04T05:00:00Z").await;
    assert_eq!(figures["current_streak"], 0);
    assert_eq!(figures["longest_streak"], 3);
    // The weekly chart: 12 weeks ending with this one; 90 minutes in the week of
    // Monday 26 October (31 Oct and 1 Nov), 45 in the week of 2 November.
    let weeks = figures["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[11], json!([day("2026-11-02"), 45]));
    assert_eq!(weeks[10], json!([day("2026-10-26"), 90]));
    // The first session is on 31 October in the calendar.
    let (_, october) = post(
        &app,
        "diary_month",
        &sam,
        json!({ "month": { "year": 2026, "month": 10 } }),
    )
    .await;
    assert_eq!(october["days"][0]["day"], day("2026-10-31"));
    app.finish().await;
}

#[tokio::test]
async fn racing_autosaves_leave_one_whole_note() {
    let app = test_app().await;
    let kim = student(&app, "kim", "UTC").await;
    let table = session(&app, &[&kim], at("2026-12-01T10:00:00Z"), "Physics", &[]).await;
    let tag_sets: [&[&str]; 4] = [&["tired"], &["productive", "social"], &["deep-focus"], &[]];
    let mut calls = Vec::new();
    for i in 0..24 {
        let tags = tag_sets[i % tag_sets.len()];
        let body = json!({ "table_id": table, "body": format!("version {i}"), "tags": tags });
        let request = app
            .client
            .post(format!("{}/api/note", app.base))
            .header("cookie", &kim.cookie)
            .json(&body);
        calls.push(tokio::spawn(async move {
            request.send().await.unwrap().status().as_u16()
        }));
    }
    for call in calls {
        assert_eq!(call.await.unwrap(), 200);
    }
    // One note; its tags are exactly those sent with its text; search agrees with it.
    let (body,): (String,) = sqlx::query_as("SELECT body FROM diary_notes")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    let i: usize = body.trim_start_matches("version ").parse().unwrap();
    let mut stored: Vec<(String,)> = sqlx::query_as("SELECT tag FROM diary_note_tags ORDER BY tag")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
    let mut expected: Vec<&str> = tag_sets[i % tag_sets.len()].to_vec();
    expected.sort();
    assert_eq!(stored.drain(..).map(|t| t.0).collect::<Vec<_>>(), expected);
    assert_eq!(
        found(&app, &kim, json!({ "text": format!("version {i}") })).await,
        vec![table]
    );
    assert_eq!(app.count("diary_search").await, 1);
    app.finish().await;
}

#[tokio::test]
async fn the_timeline_comes_a_page_at_a_time_newest_first() {
    let app = test_app().await;
    let lee = student(&app, "lee", "Europe/London").await;
    let first = at("2026-12-01T08:00:00Z");
    let mut made = Vec::new();
    for i in 0..12 {
        made.push(
            session(
                &app,
                &[&lee],
                first.plus_millis(i * 60 * MINUTE_MS),
                "Essay",
                &[],
            )
            .await,
        );
    }
    made.reverse();
    let (_, one) = diary(&app, &lee, json!({}), Value::Null).await;
    assert_eq!(tables(&one), made[..10]);
    let (_, two) = diary(&app, &lee, json!({}), one["next"].clone()).await;
    assert_eq!(tables(&two), made[10..]);
    assert_eq!(two["next"], Value::Null);
    app.finish().await;
}
