//! Quick match, seats, cancel and leave, companions and the end of a session, through the
//! real server functions, with the clock moved by the test.

use crate::fixtures::{slot_ahead, test_app, Answer};
use crate::harness::TestApp;
use app::api::table_types::{CancelOutcome, MyTables, Occupant, StudyStats};
use app::domain::credits::LedgerKind;
use app::domain::stored::{ParticipantKind, SeatStatus, TableState};
use app::domain::time::{DAY_MS, HOUR_MS, MINUTE_MS};
use app::error::{AppError, InvalidRule, Refusal};
use app::server::sql::{HUMAN, SEATED};

/// The field a 422 answer names.
fn invalid_field(answer: Answer<impl std::fmt::Debug>) -> String {
    match answer {
        Err((422, AppError::Invalid { field, .. })) => field,
        other => panic!("expected a 422 naming a field, got {other:?}"),
    }
}

async fn seat_status(app: &TestApp, user_id: i64) -> Vec<(i64, i64, SeatStatus)> {
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
    let outcome = app.matched(&cookie, &[("topic", "Linear algebra")]).await;
    assert_eq!(outcome.seat, 1);
    assert_eq!(outcome.starts_at, slot);
    assert!(!outcome.joined_existing);
    assert_eq!(outcome.credits_left, Some(1));
    assert_eq!(outcome.topic, "Linear algebra");
    assert_eq!(app.balance(mei).await, 1);
    let (kind, table): (LedgerKind, Option<i64>) = sqlx::query_as(
        "SELECT kind, session_id FROM credit_ledger WHERE user_id = $1 AND amount < 0",
    )
    .bind(mei)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!((kind, table), (LedgerKind::Seat, Some(outcome.table_id)));
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
    let calc = app.matched(&members[0].1, &[("topic", "Calculus")]).await;
    // No topic: any table of the mode and language will do.
    let any = app.matched(&members[1].1, &[]).await;
    assert_eq!((any.table_id, any.seat), (calc.table_id, 2));
    assert!(any.joined_existing);
    // The same topic, typed differently, joins it too.
    let same = app
        .matched(&members[2].1, &[("topic", "  calculus ")])
        .await;
    assert_eq!((same.table_id, same.seat), (calc.table_id, 3));
    // Another topic, mode or language opens its own table.
    let chem = app.matched(&members[3].1, &[("topic", "Chemistry")]).await;
    let quiet = app.matched(&members[4].1, &[("mode", "quiet")]).await;
    let zh = app.matched(&members[5].1, &[("language", "zh-TW")]).await;
    for other in [&chem, &quiet, &zh] {
        assert_ne!(other.table_id, calc.table_id);
        assert_eq!(other.seat, 1);
    }
    // The fourth seat of the calculus table, then it is full.
    let fourth = app.matched(&members[6].1, &[("topic", "calculus")]).await;
    assert_eq!((fourth.table_id, fourth.seat), (calc.table_id, 4));
    let fifth = app
        .matched(&app.member("hal").await.1, &[("topic", "calculus")])
        .await;
    assert_ne!(fifth.table_id, calc.table_id);
    assert_eq!(fifth.seat, 1);
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
        assert_eq!(
            invalid_field(app.quick_match(&cookie, &form).await),
            field,
            "{form:?}"
        );
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
    app.matched(&cookie, &[]).await;
    // Already seated in that slot.
    assert_eq!(
        app.quick_match(&cookie, &[("mode", "quiet")]).await,
        Err((
            409,
            AppError::Refused {
                reason: Refusal::AlreadySeated { starts_at: slot }
            }
        ))
    );
    // A later slot is fine, and spends the second credit.
    let later = slot.plus_millis(2 * HOUR_MS).unix_millis().to_string();
    app.matched(&cookie, &[("starts_at", &later)]).await;
    // Out of credits: the answer says when the next ones come.
    let later2 = slot.plus_millis(3 * HOUR_MS).unix_millis().to_string();
    let next = match app.quick_match(&cookie, &[("starts_at", &later2)]).await {
        Err((
            409,
            AppError::Refused {
                reason: Refusal::InsufficientCredits { next_refresh_at },
            },
        )) => next_refresh_at.unix_millis(),
        other => panic!("expected a refusal for credits, got {other:?}"),
    };
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
    assert_eq!(
        app.quick_match(&cookie2.1, &[]).await,
        Err((
            403,
            AppError::Refused {
                reason: Refusal::Banned { until: ban_end }
            }
        ))
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
    let first = app.matched(&early, &[]).await;
    assert_eq!(first.starts_at, slot);
    // Two minutes before: the existing table still takes people…
    app.set_now(slot.plus_millis(-2 * MINUTE_MS));
    let joined = app.matched(&late, &[]).await;
    assert_eq!(joined.table_id, first.table_id);
    // …but a new one would be for the slot after (quiet has no table yet).
    let quiet = app.matched(&later, &[("mode", "quiet")]).await;
    assert_eq!(quiet.starts_at, slot.plus_millis(30 * MINUTE_MS));
}

#[tokio::test]
async fn companions_fill_empty_seats_at_the_start_and_give_them_to_late_humans() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (_, mei) = app.member("mei").await;
    let (_, bo) = app.member("bo").await;
    let (_, cy) = app.member("cy").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let table_id = app.matched(&mei, &[]).await.table_id;
    app.set_now(slot.plus_millis(30_000 - 1)); // within the start's first 30 s
    let report = app.tick().await;
    assert_eq!((report.started, report.audio_rooms_opened), (1, 1));
    // Ticking again changes nothing.
    assert_eq!(app.tick().await.started, 0);
    let seats: Vec<(i64, ParticipantKind, Option<String>)> = sqlx::query_as(
        &format!("SELECT seat, kind, companion FROM participants WHERE session_id = $1 AND status = {SEATED} ORDER BY seat"),
    )
    .bind(table_id)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(
        seats,
        vec![
            (1, ParticipantKind::Human, None),
            (2, ParticipantKind::Ai, Some("focus_fox".into())),
            (3, ParticipantKind::Ai, Some("study_owl".into())),
            (4, ParticipantKind::Ai, Some("calm_cat".into())),
        ]
    );
    // During Setup a human still joins, taking the lowest companion seat.
    app.set_now(slot.plus_millis(2 * MINUTE_MS));
    let joined = app.matched(&bo, &[]).await;
    assert_eq!((joined.table_id, joined.seat), (table_id, 2));
    let (fox,): (SeatStatus,) = sqlx::query_as(
        "SELECT status FROM participants WHERE session_id = $1 AND companion = 'focus_fox'",
    )
    .bind(table_id)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!(fox, SeatStatus::Replaced);
    // From Work 1 on, the table is locked: a new table is opened instead.
    app.set_now(slot.plus_millis(3 * MINUTE_MS));
    assert_ne!(app.matched(&cy, &[]).await.table_id, table_id);
}

#[tokio::test]
async fn a_table_nobody_came_to_gets_no_companions() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (mei_id, mei) = app.member("mei").await;
    app.set_now(slot.plus_millis(-2 * HOUR_MS));
    let at = slot.unix_millis().to_string();
    let table_id = app.matched(&mei, &[("starts_at", &at)]).await.table_id;
    let cancelled: Answer<CancelOutcome> = app
        .answer(
            "cancel_seat",
            Some(&mei),
            &[("table_id", &table_id.to_string())],
        )
        .await;
    assert_eq!(cancelled, Ok(CancelOutcome { refunded: 1 }));
    app.set_now(slot.plus_millis(MINUTE_MS));
    app.tick().await;
    let (state,): (TableState,) = sqlx::query_as("SELECT state FROM study_sessions WHERE id = $1")
        .bind(table_id)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(state, TableState::Empty);
    assert_eq!(app.count("participants").await, 1);
    assert_eq!(seat_status(&app, mei_id).await[0].2, SeatStatus::Cancelled);
}

#[tokio::test]
async fn cancelling_an_hour_ahead_refunds_once_and_later_does_not() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (mei, cookie) = app.member("mei").await;
    app.set_now(slot.plus_millis(-3 * HOUR_MS));
    let at = slot.unix_millis().to_string();
    let table = app
        .matched(&cookie, &[("starts_at", &at)])
        .await
        .table_id
        .to_string();
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
            let answer: Answer<CancelOutcome> =
                app.answer("cancel_seat", Some(&cookie), &form).await;
            answer
        }
    };
    assert_eq!(cancel(None).await, Ok(CancelOutcome { refunded: 1 }));
    assert_eq!(app.balance(mei).await, 2);
    // Again (a double click, a retry): the same answer, no second refund.
    assert_eq!(cancel(None).await, Ok(CancelOutcome { refunded: 1 }));
    assert_eq!(app.balance(mei).await, 2);
    // Rejoin the same slot, cancel 59 minutes before: no refund.
    app.matched(&cookie, &[("starts_at", &at)]).await;
    app.set_now(slot.plus_millis(-59 * MINUTE_MS));
    assert_eq!(cancel(Some("k1")).await, Ok(CancelOutcome { refunded: 0 }));
    assert_eq!(app.balance(mei).await, 1);
    // After the start there is nothing to cancel.
    let third = app.matched(&cookie, &[]).await;
    let table3 = third.table_id;
    app.set_now(third.starts_at.plus_millis(MINUTE_MS));
    let answer: Answer<CancelOutcome> = app
        .answer(
            "cancel_seat",
            Some(&cookie),
            &[("table_id", &table3.to_string())],
        )
        .await;
    assert_eq!(
        answer,
        Err((
            409,
            AppError::Refused {
                reason: Refusal::Started
            }
        ))
    );
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
        app.matched(cookie, &[]).await;
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
    let stats: Answer<StudyStats> = app.answer("stats", Some(&stay_cookie), &[]).await;
    assert_eq!(
        stats,
        Ok(StudyStats {
            completed: 1,
            focus_minutes: 40,
            essence: 1,
            upcoming: 0,
        })
    );
    // Five minutes after the end the audio room goes.
    app.set_now(at(60));
    assert_eq!(app.tick().await.audio_rooms_closed, 1);
    assert_eq!(app.tick().await.audio_rooms_closed, 0);
}

async fn app_table(app: &TestApp, user: i64) -> String {
    seat_status(app, user).await[0].0.to_string()
}

#[tokio::test]
async fn my_tables_show_tablemates_by_public_fields_only() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (_, mei) = app.member("mei").await;
    let (_, bo) = app.member("bo").await;
    let (_, stranger) = app.member("stranger").await;
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let first = app.matched(&mei, &[("topic", "Physics")]).await;
    app.matched(&bo, &[]).await;
    let resp = app.call("my_tables", Some(&mei), &[]).await;
    let body = resp.text().await.unwrap();
    assert!(!body.contains("example.com"), "emails never leave: {body}");
    let mine: MyTables = serde_json::from_str(&body).unwrap();
    assert_eq!(mine.tables.len(), 1);
    assert_eq!(mine.tables[0].topic, "Physics");
    assert!(!mine.tables[0].refundable);
    let mates = &mine.tables[0].tablemates;
    assert_eq!(mates.len(), 2);
    assert!(mates[0].you);
    assert!(matches!(&mates[1].occupant, Occupant::Human { username, .. } if username == "bo"));
    let table = first.table_id.to_string();
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
    let mine: Answer<MyTables> = app.answer("my_tables", Some(&mei), &[]).await;
    assert_eq!(mine.map(|mine| mine.tables.len()), Ok(0));
}

#[tokio::test]
async fn hidden_characters_in_a_topic_are_refused_by_name_on_both_databases() {
    let app = test_app().await;
    let (_, cookie) = app.member("mei").await;
    for topic in ["Calculus\0", "\u{202E}suluclac", "bell\u{7}"] {
        assert_eq!(
            app.quick_match(&cookie, &[("topic", topic)]).await,
            Err((
                422,
                AppError::invalid("topic", InvalidRule::HiddenCharacters)
            )),
            "{topic:?}"
        );
    }
    assert_eq!(app.count("participants").await, 0, "nothing half-written");
}
