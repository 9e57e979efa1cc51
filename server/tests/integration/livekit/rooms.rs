//! Room lifecycle and reconciliation against the fake room service: the scheduler
//! creates a table's room 30 s before the start and deletes it 5 min after the end,
//! exactly once however often it ticks and whatever the delete answers; every 30 s it
//! compares the room's participants with the audio records and fixes missed webhooks.

use super::room_service::FakeRoomService;
use super::{audio_of, deliver_signed, event, livekit_app, livekit_now, seated};
use crate::fixtures::slot_ahead;
use crate::harness::TestApp;
use app::domain::time::{Timestamp, MINUTE_MS, SECOND_MS};
use axum::http::StatusCode;

async fn room_closed_at(app: &TestApp, table: i64) -> Option<i64> {
    let (at,): (Option<i64>,) =
        sqlx::query_as("SELECT room_closed_at FROM study_sessions WHERE id = $1")
            .bind(table)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    at
}

fn at(slot: Timestamp, ms: i64) -> Timestamp {
    slot.plus_millis(ms)
}

#[tokio::test]
async fn rooms_are_created_before_the_start_and_deleted_after_the_end_exactly_once() {
    let livekit = FakeRoomService::start().await;
    let app = livekit_app(&livekit.url).await;
    let slot = slot_ahead(&app);
    let (table, _, _) = seated(&app, slot, "mei", "audio").await;
    let room = format!("focus-table-{table}");

    app.set_now(at(slot, -31 * SECOND_MS));
    assert_eq!(app.tick().await.audio_rooms_opened, 0);
    assert!(livekit.calls("CreateRoom").is_empty());
    app.set_now(at(slot, -29 * SECOND_MS));
    assert_eq!(app.tick().await.audio_rooms_opened, 1);
    assert_eq!(
        app.tick().await.audio_rooms_opened,
        0,
        "ticking again creates nothing"
    );
    let created = livekit.calls("CreateRoom");
    assert_eq!(created.len(), 1);
    let request = created[0].create.clone().unwrap();
    assert_eq!(request.name, room);
    assert_eq!(request.max_participants, 4);
    // Kept while empty for its whole planned life: 30 s + 55 min + 5 min.
    assert_eq!(request.empty_timeout, 3630);
    assert_eq!(request.departure_timeout, 3630);
    assert!(created[0].grants.as_ref().unwrap().room_create);

    // Ended at 55 minutes, but the room stays until 60.
    app.set_now(at(slot, 59 * MINUTE_MS));
    let report = app.tick().await;
    assert_eq!((report.ended, report.audio_rooms_closed), (1, 0));
    assert!(livekit.calls("DeleteRoom").is_empty());

    // The first delete fails (retried on the next tick); the second finds the room
    // already gone, which counts as done.
    livekit.answer_next_delete(StatusCode::SERVICE_UNAVAILABLE, "unavailable");
    livekit.answer_next_delete(StatusCode::NOT_FOUND, "not_found");
    app.set_now(at(slot, 60 * MINUTE_MS + SECOND_MS));
    assert_eq!(app.tick().await.audio_rooms_closed, 0);
    assert_eq!(room_closed_at(&app, table).await, None);
    assert_eq!(app.tick().await.audio_rooms_closed, 1);
    assert!(room_closed_at(&app, table).await.is_some());
    for _ in 0..3 {
        assert_eq!(app.tick().await.audio_rooms_closed, 0);
    }
    let deleted = livekit.calls("DeleteRoom");
    assert_eq!(deleted.len(), 2, "{deleted:?}");
    for call in &deleted {
        assert_eq!(call.room, room);
        assert!(call.grants.as_ref().unwrap().room_create);
    }
    // Every call carried a token LiveKit's verifier accepts.
    assert!(livekit.all_calls().iter().all(|c| c.grants.is_some()));
}

#[tokio::test]
async fn reconciliation_fixes_missed_webhooks_every_30_seconds() {
    let livekit = FakeRoomService::start().await;
    let app = livekit_app(&livekit.url).await;
    let slot = slot_ahead(&app);
    let (table, mei, _) = seated(&app, slot, "mei", "audio").await;
    let (bo_table, bo, _) = seated(&app, slot, "bo", "audio").await;
    assert_eq!(bo_table, table);
    let room = format!("focus-table-{table}");
    let listed = || livekit.calls("ListParticipants").len();

    app.set_now(at(slot, -29 * SECOND_MS));
    let report = app.tick().await;
    assert_eq!((report.audio_rooms_opened, report.audio_reconciled), (1, 1));
    assert_eq!(listed(), 1);
    let joined = event(
        "participant_joined",
        "EV_mei",
        table,
        Some(mei),
        livekit_now(),
    );
    assert_eq!(deliver_signed(&app, &joined).await, 200);
    let (mei_since, _, _) = audio_of(&app, mei).await;
    assert!(mei_since.is_some());

    // Bo joined too, but that webhook never arrived.
    livekit.set_present(&room, &[format!("p{mei}"), format!("p{bo}")]);
    app.advance(10 * SECOND_MS);
    assert_eq!(app.tick().await.audio_reconciled, 0, "not yet 30 s");
    assert_eq!(listed(), 1);
    assert_eq!(audio_of(&app, bo).await.0, None);
    app.advance(21 * SECOND_MS);
    let checked_at = app.state.clock.now().unix_millis();
    assert_eq!(app.tick().await.audio_reconciled, 1);
    assert_eq!(listed(), 2);
    let (bo_since, _, _) = audio_of(&app, bo).await;
    let bo_since = bo_since.expect("bo connected by reconciliation");
    assert!((checked_at..checked_at + 5_000).contains(&bo_since));
    assert_eq!(
        audio_of(&app, mei).await,
        (mei_since, 0, 0),
        "mei untouched"
    );

    // Mei left, and that webhook never arrived either.
    livekit.set_present(&room, &[format!("p{bo}")]);
    app.advance(31 * SECOND_MS);
    assert_eq!(app.tick().await.audio_reconciled, 1);
    assert_eq!(listed(), 3);
    let (since, ms, drops) = audio_of(&app, mei).await;
    assert_eq!((since, drops), (None, 1));
    assert!((62 * SECOND_MS..67 * SECOND_MS).contains(&ms), "{ms}");
    assert_eq!(audio_of(&app, bo).await, (Some(bo_since), 0, 0));
    assert_eq!(app.tick().await.audio_reconciled, 0);
    assert_eq!(listed(), 3);

    for call in livekit.calls("ListParticipants") {
        let grants = call.grants.expect("a verified token");
        assert!(grants.room_admin, "{grants:?}");
        assert_eq!(
            (grants.room.as_str(), call.room.as_str()),
            (room.as_str(), room.as_str())
        );
    }
}

/// Waits until the fake has been asked to remove `identity` from `room` (the app asks on
/// its own task, right after answering).
async fn removal_of(livekit: &FakeRoomService, room: &str, identity: &str) -> bool {
    for _ in 0..250 {
        let asked = livekit.calls("RemoveParticipant").iter().any(|c| {
            c.room == room && c.identity.as_deref() == Some(identity) && c.grants.is_some()
        });
        if asked {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn a_student_whose_seat_ends_is_removed_from_the_room() {
    let livekit = FakeRoomService::start().await;
    let app = livekit_app(&livekit.url).await;
    let slot = slot_ahead(&app);
    // Cancelled two hours ahead (their token, copied out, must not keep them in).
    let (table, mei, mei_cookie) = seated(&app, slot, "mei", "audio").await;
    let (_, bo, bo_cookie) = seated(&app, slot, "bo", "audio").await;
    let room = format!("focus-table-{table}");
    livekit.set_present(&room, &[format!("p{mei}"), format!("p{bo}")]);
    let resp = app
        .call(
            "cancel_seat",
            Some(&mei_cookie),
            &[("table_id", &table.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert!(removal_of(&livekit, &room, &format!("p{mei}")).await);
    // Leaving once the table runs.
    app.set_now(at(slot, 5 * MINUTE_MS));
    let resp = app
        .call(
            "leave_table",
            Some(&bo_cookie),
            &[("table_id", &table.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert!(removal_of(&livekit, &room, &format!("p{bo}")).await);
    // Each removal was asked for once, with the room service's own grants.
    let removals = livekit.calls("RemoveParticipant");
    assert_eq!(removals.len(), 2, "{removals:?}");
    assert!(removals
        .iter()
        .all(|c| c.grants.as_ref().is_some_and(|g| g.room_admin)));
}
