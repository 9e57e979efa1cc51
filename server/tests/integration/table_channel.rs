//! The table channel (`/ws/table/{table}`): who may connect, what crosses between
//! tablemates, what is refused without harming the table, reconnect grace, and what the
//! connection history adds up to at the end. Time moves by the test clock.

use crate::fixtures::{slot_ahead, test_app};
use crate::harness::TestApp;
use crate::socket::{join, open_with, Socket};
use app::api::audio_types::{SdpKind, Signal, SignalBody, Transport};
use app::api::live_types::{
    BoardItem, ClientMessage, Link, Problem, ServerMessage, MAX_MESSAGE_BYTES, PROTOCOL_VERSION,
};
use app::domain::board::Prompt;
use app::domain::schedule::Phase;
use app::domain::time::{Timestamp, MINUTE_MS, SECOND_MS};
use serde_json::Value;
use std::time::Duration;

/// A table at `slot` with `names` seated (quick-matched 10 minutes before the start):
/// `(table id, [(user id, cookie)])`.
pub async fn table_with(
    app: &TestApp,
    slot: Timestamp,
    names: &[&str],
) -> (i64, Vec<(i64, String)>) {
    table_in_mode(app, slot, names, "audio").await
}

/// [`table_with`], in table mode `mode`.
async fn table_in_mode(
    app: &TestApp,
    slot: Timestamp,
    names: &[&str],
    mode: &str,
) -> (i64, Vec<(i64, String)>) {
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let mut members = Vec::new();
    let mut table = None;
    for name in names {
        let (id, cookie) = app.member(name).await;
        let id_here = app.matched(&cookie, &[("mode", mode)]).await.table_id;
        assert_eq!(*table.get_or_insert(id_here), id_here, "one table");
        members.push((id, cookie));
    }
    (table.unwrap(), members)
}

fn chat(text: &str) -> ClientMessage {
    ClientMessage::Chat { text: text.into() }
}

fn chat_text(message: &ServerMessage) -> Option<(i64, String)> {
    match message {
        ServerMessage::Board { entry } => match &entry.item {
            BoardItem::Chat { seat, text } => Some((*seat, text.clone())),
            _ => None,
        },
        _ => None,
    }
}

fn problem(message: &ServerMessage) -> Option<Problem> {
    match message {
        ServerMessage::Problem { problem } => Some(*problem),
        _ => None,
    }
}

/// How many presence intervals of `user_id`'s seats are open (connected now).
pub async fn open_presence(app: &TestApp, user_id: i64) -> i64 {
    let (open,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM presence pr JOIN participants p ON p.id = pr.participant_id \
         WHERE p.user_id = $1 AND pr.disconnected_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    open
}

/// Waits until `participant` has no open presence interval (the server has processed a
/// disconnect), so the next clock move happens after it.
async fn until_disconnected(app: &TestApp, user_id: i64) {
    for _ in 0..100 {
        if open_presence(app, user_id).await == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the server never saw the disconnect");
}

async fn status_of(app: &TestApp, user_id: i64) -> String {
    let (status,): (String,) = sqlx::query_as(
        "SELECT status FROM participants WHERE user_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(user_id)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    status
}

#[tokio::test]
async fn only_seated_tablemates_on_this_site_get_a_channel() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann"]).await;
    let (_, stranger) = app.member("zed").await;
    let v = format!("v={PROTOCOL_VERSION}");
    let cookie = members[0].1.as_str();
    let refused = |r: Result<Socket, u16>| r.err();
    assert_eq!(
        refused(open_with(&app, None, table, &v, &[]).await),
        Some(401)
    );
    assert_eq!(
        refused(open_with(&app, Some(&stranger), table, &v, &[]).await),
        Some(403)
    );
    assert_eq!(
        refused(open_with(&app, Some(cookie), table + 99, &v, &[]).await),
        Some(404)
    );
    assert_eq!(
        refused(open_with(&app, Some(cookie), table, "v=999", &[]).await),
        Some(422)
    );
    let evil = [("origin", "https://evil.example")];
    assert_eq!(
        refused(open_with(&app, Some(cookie), table, &v, &evil).await),
        Some(403)
    );
    // The seated member gets in, and is told who they are.
    let (_socket, welcome) = join(&app, cookie, table, None).await;
    assert_eq!(welcome.seat, 1);
    assert_eq!(welcome.starts_at, slot);
    assert_eq!(welcome.version, PROTOCOL_VERSION);
}

#[tokio::test]
async fn tablemates_see_each_other_and_chat_crosses() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo"]).await;
    let (mut ann, welcome) = join(&app, &members[0].1, table, None).await;
    assert_eq!(welcome.seats.len(), 2);
    assert_eq!(welcome.seats[0].link, Link::Connected);
    assert_eq!(welcome.seats[1].link, Link::Absent);
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    let seat = ann
        .until(|m| match m {
            ServerMessage::Link {
                seat,
                link: Link::Connected,
            } if *seat == 2 => Some(*seat),
            _ => None,
        })
        .await;
    assert_eq!(seat, 2);
    bo.send(&chat("  hi ann, chapter 4 today?  ")).await;
    assert_eq!(
        ann.until(chat_text).await,
        (2, "hi ann, chapter 4 today?".into())
    );
    assert_eq!(
        bo.until(chat_text).await,
        (2, "hi ann, chapter 4 today?".into())
    );
    // Chat is not stored.
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reflections")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(stored.0, 0);
}

#[tokio::test]
async fn oversized_malformed_and_flooding_messages_are_refused_without_harming_the_table() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo", "cy"]).await;
    let (mut ann, _) = join(&app, &members[0].1, table, None).await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    ann.send_raw(&"x".repeat(MAX_MESSAGE_BYTES + 1)).await;
    assert_eq!(ann.until(problem).await, Problem::TooLarge);
    ann.send_raw("{\"type\":\"shout\"}").await;
    assert_eq!(ann.until(problem).await, Problem::Malformed);
    ann.send_raw("not json at all").await;
    assert_eq!(ann.until(problem).await, Problem::Malformed);
    ann.send(&chat(&"字".repeat(301))).await;
    assert!(matches!(
        ann.until(problem).await,
        Problem::ChatInvalid { .. }
    ));
    // Still connected, and the table still works.
    ann.send(&chat("still here")).await;
    assert_eq!(bo.until(chat_text).await, (1, "still here".into()));
    // Chat floods are cut after a short burst.
    for i in 0..8 {
        bo.send(&chat(&format!("line {i}"))).await;
    }
    assert_eq!(bo.until(problem).await, Problem::RateLimited);
    // A frame past the hard cap closes only that socket.
    let (mut cy, _) = join(&app, &members[2].1, table, None).await;
    cy.send_raw(&"y".repeat(70 * 1024)).await;
    assert!(cy.closed().await);
    ann.send(&ClientMessage::Ping { sent: 1.5 }).await;
    let pong = ann
        .until(|m| match m {
            ServerMessage::Pong { sent, .. } => Some(*sent),
            _ => None,
        })
        .await;
    assert_eq!(pong, 1.5);
}

#[tokio::test]
async fn blocked_chat_is_flagged_for_moderation_and_not_delivered() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo"]).await;
    let (mut ann, _) = join(&app, &members[0].1, table, None).await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    ann.send(&chat("this is f u c k i n g hard")).await;
    assert_eq!(ann.until(problem).await, Problem::ChatBlocked);
    ann.send(&chat("sorry, it is just hard")).await;
    // The first chat line bo sees is the clean one.
    assert_eq!(
        bo.until(chat_text).await,
        (1, "sorry, it is just hard".into())
    );
    let (user, body, term): (i64, String, String) =
        sqlx::query_as("SELECT user_id, body, term FROM chat_flags")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(user, members[0].0);
    assert_eq!(body, "this is f u c k i n g hard");
    assert_eq!(term, "fucking");
}

#[tokio::test]
async fn signalling_reaches_only_the_addressed_human() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo", "cy"]).await;
    let (mut ann, _) = join(&app, &members[0].1, table, None).await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    let (mut cy, _) = join(&app, &members[2].1, table, None).await;
    let offer = offer(AUDIO_OFFER);
    ann.send(&ClientMessage::Signal {
        to: 2,
        signal: offer.clone(),
    })
    .await;
    let got = bo
        .until(|m| match m {
            ServerMessage::Signal { from, signal } => Some((*from, signal.clone())),
            _ => None,
        })
        .await;
    assert_eq!(got, (1, offer));
    assert!(
        cy.quiet_for(Duration::from_millis(300), |m| matches!(
            m,
            ServerMessage::Signal { .. }
        ))
        .await
    );
    // Seat 4 is empty: nobody to signal.
    ann.send(&ClientMessage::Signal {
        to: 4,
        signal: hello(),
    })
    .await;
    assert_eq!(ann.until(problem).await, Problem::NoSuchPeer);
}

/// An offer as Chromium makes it with a microphone track (trimmed to what matters).
const AUDIO_OFFER: &str = "v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
     a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n\
     a=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n";

/// An offer from connection 5 carrying `sdp`.
fn offer(sdp: &str) -> Signal {
    Signal {
        from_pc: 5,
        to_pc: None,
        body: SignalBody::Description {
            sdp_kind: SdpKind::Offer,
            sdp: sdp.into(),
        },
    }
}

pub fn hello() -> Signal {
    Signal {
        from_pc: 5,
        to_pc: None,
        body: SignalBody::Hello,
    }
}

#[tokio::test]
async fn quiet_tables_relay_no_audio() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_in_mode(&app, slot, &["ann", "bo"], "quiet").await;
    let (mut ann, welcome) = join(&app, &members[0].1, table, None).await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    assert!(!welcome.audio.may_speak, "nobody speaks at a quiet table");
    assert!(matches!(welcome.audio.transport, Transport::Mesh { .. }));
    ann.send(&ClientMessage::Signal {
        to: 2,
        signal: offer(AUDIO_OFFER),
    })
    .await;
    assert_eq!(ann.until(problem).await, Problem::QuietTable);
    // The same offer, listening only, and other signalling still pass.
    let listening = offer(&AUDIO_OFFER.replace("a=sendrecv", "a=recvonly"));
    ann.send(&ClientMessage::Signal {
        to: 2,
        signal: hello(),
    })
    .await;
    ann.send(&ClientMessage::Signal {
        to: 2,
        signal: listening.clone(),
    })
    .await;
    let mut got = Vec::new();
    while got.len() < 2 {
        got.push(
            bo.until(|m| match m {
                ServerMessage::Signal { signal, .. } => Some(signal.clone()),
                _ => None,
            })
            .await,
        );
    }
    assert_eq!(
        got,
        vec![hello(), listening],
        "the refused offer never arrived"
    );
}

#[tokio::test]
async fn audio_tables_offer_the_mesh_with_ice_servers() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann"]).await;
    let (_ann, welcome) = join(&app, &members[0].1, table, None).await;
    assert!(welcome.audio.may_speak);
    let Transport::Mesh { ice_servers } = welcome.audio.transport else {
        panic!("no LiveKit configured: the mesh");
    };
    assert_eq!(
        ice_servers[0].urls,
        vec![app::server::config::audio::DEFAULT_STUN.to_owned()]
    );
}

#[tokio::test]
async fn phases_bring_prompts_companions_encourage_and_reflections_are_pinned() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann"]).await;
    let cookie = members[0].1.as_str();
    // A goal set in the waiting room.
    let goal = [
        ("table_id", table.to_string()),
        ("prompt", "goal".to_owned()),
        ("text", "Finish problem set 3".to_owned()),
    ];
    let form: Vec<(&str, &str)> = goal.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = app.call("reflect", Some(cookie), &form).await;
    assert_eq!(resp.status(), 200);
    let (mut ann, welcome) = join(&app, cookie, table, None).await;
    assert_eq!(
        welcome.seats[0].goal.as_deref(),
        Some("Finish problem set 3")
    );
    // The start: companions sit down, Setup is announced with the goal prompt.
    app.set_now(slot.plus_millis(SECOND_MS));
    app.tick().await;
    let phase = ann
        .until(|m| match m {
            ServerMessage::Phase { phase } => Some(*phase),
            _ => None,
        })
        .await;
    assert_eq!(phase, Phase::Setup);
    let prompt = ann
        .until(|m| match m {
            ServerMessage::Board { entry } => match entry.item {
                BoardItem::Prompt { prompt } => Some(prompt),
                _ => None,
            },
            _ => None,
        })
        .await;
    assert_eq!(prompt, Prompt::Goal);
    let seats = ann
        .until(|m| match m {
            ServerMessage::Roster { seats } => Some(seats.clone()),
            _ => None,
        })
        .await;
    assert_eq!(seats.len(), 4, "three companions joined");
    // Within half a minute each companion posts one encouragement.
    app.set_now(slot.plus_millis(30 * SECOND_MS));
    app.tick().await;
    let mut greeted = Vec::new();
    while greeted.len() < 3 {
        greeted.push(
            ann.until(|m| match m {
                ServerMessage::Board { entry } => match entry.item {
                    BoardItem::Companion { seat, phase, .. } => Some((seat, phase)),
                    _ => None,
                },
                _ => None,
            })
            .await,
        );
    }
    greeted.sort_unstable_by_key(|(seat, _)| *seat);
    assert_eq!(
        greeted,
        vec![(2, Phase::Setup), (3, Phase::Setup), (4, Phase::Setup)]
    );
    // A check-in is not open yet; in the break it is, and it reaches the board.
    let check_in = [
        ("table_id", table.to_string()),
        ("prompt", "check_in".to_owned()),
        ("text", "Halfway, going well".to_owned()),
    ];
    let form: Vec<(&str, &str)> = check_in.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = app.call("reflect", Some(cookie), &form).await;
    assert_eq!(resp.status(), 409);
    app.set_now(slot.plus_millis(28 * MINUTE_MS));
    app.tick().await;
    let resp = app.call("reflect", Some(cookie), &form).await;
    assert_eq!(resp.status(), 200);
    let reflection = ann
        .until(|m| match m {
            ServerMessage::Board { entry } => match &entry.item {
                BoardItem::Reflection { seat, prompt, text } => {
                    Some((*seat, *prompt, text.clone()))
                }
                _ => None,
            },
            _ => None,
        })
        .await;
    assert_eq!(
        reflection,
        (1, Prompt::CheckIn, "Halfway, going well".into())
    );
}

#[tokio::test]
async fn a_drop_short_or_long_keeps_the_seat_and_the_table_hears_the_return() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo"]).await;
    let (ann_id, ann_cookie) = (members[0].0, members[0].1.as_str());
    app.set_now(slot.plus_millis(5 * MINUTE_MS));
    app.tick().await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    let (ann, _) = join(&app, ann_cookie, table, None).await;
    bo.send(&chat("before the drop")).await;
    bo.until(chat_text).await;
    ann.close().await;
    until_disconnected(&app, ann_id).await;
    let dropped_at = app.state.clock.now();
    let until = bo
        .until(|m| match m {
            ServerMessage::Link {
                seat: 1,
                link: Link::Reconnecting { until },
            } => Some(*until),
            _ => None,
        })
        .await;
    assert!(until.millis_since(dropped_at).abs() <= 2 * MINUTE_MS + SECOND_MS);
    // While ann is away bo writes; a minute later ann is back and resumes from the last
    // entry it had, getting exactly what it missed.
    // (Bo looks from a new tab, which takes over from the old one.)
    let (mut bo, welcome) = join(&app, &members[1].1, table, None).await;
    let before = welcome
        .board
        .iter()
        .find(|e| matches!(&e.item, BoardItem::Chat { text, .. } if text == "before the drop"))
        .expect("kept on the board")
        .seq;
    bo.send(&chat("during the drop")).await;
    bo.until(chat_text).await;
    app.advance(MINUTE_MS);
    app.tick().await;
    assert_eq!(status_of(&app, ann_id).await, "seated");
    let (ann, welcome) = join(&app, ann_cookie, table, Some(before)).await;
    assert!(welcome.complete);
    let missed: Vec<_> = welcome
        .board
        .iter()
        .filter_map(|e| match &e.item {
            BoardItem::Chat { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(missed, vec!["during the drop"]);
    // A second drop, past the grace period (a laptop that slept): the table hears the
    // seat is dropped, but it stays ann's, and nothing is settled.
    ann.close().await;
    until_disconnected(&app, ann_id).await;
    app.advance(2 * MINUTE_MS + SECOND_MS);
    app.tick().await;
    bo.until(|m| match m {
        ServerMessage::Link {
            seat: 1,
            link: Link::Dropped,
        } => Some(()),
        _ => None,
    })
    .await;
    assert_eq!(status_of(&app, ann_id).await, "seated");
    let refusal = |cookie: String| {
        let app = &app;
        async move {
            let resp = app
                .call(
                    "channel_refusal",
                    Some(&cookie),
                    &[("table_id", &table.to_string())],
                )
                .await;
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    assert_eq!(refusal(ann_cookie.to_owned()).await, Value::Null);
    let summary_now = summary(&app, ann_cookie, table).await;
    assert_eq!(summary_now["ready"], false);
    // Twenty minutes later ann is back at the same seat, and the table reads it.
    app.advance(20 * MINUTE_MS);
    let (ann, welcome) = join(&app, ann_cookie, table, None).await;
    assert_eq!(welcome.seat, 1);
    let back = bo
        .until(|m| match m {
            ServerMessage::Board { entry } => match entry.item {
                BoardItem::Back { seat } => Some(seat),
                _ => None,
            },
            _ => None,
        })
        .await;
    assert_eq!(back, 1);
    bo.until(|m| match m {
        ServerMessage::Link {
            seat: 1,
            link: Link::Connected,
        } => Some(()),
        _ => None,
    })
    .await;
    // Leaving is what gives the seat up: then the channel is refused, and the page can
    // ask why (a browser cannot read the upgrade's status).
    let resp = app
        .call(
            "leave_table",
            Some(ann_cookie),
            &[("table_id", &table.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 200);
    drop(ann);
    assert_eq!(refusal(ann_cookie.to_owned()).await, "left");
    let (_, stranger) = app.member("cy").await;
    assert_eq!(refusal(stranger).await, "seat_gone");
    let again = open_with(
        &app,
        Some(ann_cookie),
        table,
        &format!("v={PROTOCOL_VERSION}"),
        &[],
    )
    .await;
    assert_eq!(again.err(), Some(409));
}

async fn summary(app: &TestApp, cookie: &str, table: i64) -> Value {
    let resp = app
        .call("summary", Some(cookie), &[("table_id", &table.to_string())])
        .await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn the_summary_adds_up_the_connection_history() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo", "cy"]).await;
    let at = |minutes: i64| slot.plus_millis(minutes * MINUTE_MS);
    app.set_now(at(1));
    app.tick().await;
    // ann stays from minute 1 to the end; bo drops at 10 and is back at 11; cy drops
    // at 20 for good.
    let (mut ann, _) = join(&app, &members[0].1, table, None).await;
    let (bo, _) = join(&app, &members[1].1, table, None).await;
    let (cy, _) = join(&app, &members[2].1, table, None).await;
    app.set_now(at(10));
    bo.close().await;
    until_disconnected(&app, members[1].0).await;
    app.set_now(at(11));
    let (bo, _) = join(&app, &members[1].1, table, None).await;
    app.set_now(at(20));
    cy.close().await;
    until_disconnected(&app, members[2].0).await;
    app.set_now(at(23));
    app.tick().await;
    // Cy's seat waits for cy until the end: nothing is settled while the table runs.
    let cy_now = summary(&app, &members[2].1, table).await;
    assert_eq!(cy_now["ready"], false);
    // The end: everyone still connected is closed and the scheduler adds it up.
    app.set_now(at(55));
    let report = app.tick().await;
    assert_eq!(report.ended, 1);
    let reason = ann
        .until(|m| match m {
            ServerMessage::Closing { reason } => Some(*reason),
            _ => None,
        })
        .await;
    assert_eq!(reason, app::api::live_types::CloseReason::Ended);
    assert!(ann.closed().await);
    drop(bo);
    let ann_summary = summary(&app, &members[0].1, table).await;
    assert_eq!(ann_summary["ready"], true);
    assert_eq!(ann_summary["completed"], true);
    assert_eq!(ann_summary["focus_minutes"], 45);
    // The test clock keeps running, so a connection made "at minute 1" starts a few
    // milliseconds later: whole minutes may round down by one where an edge is not clipped.
    let active = ann_summary["active_minutes"].as_i64().unwrap();
    assert!((53..=54).contains(&active), "{active}");
    assert_eq!(ann_summary["essence_earned"], 1);
    assert_eq!(ann_summary["tablemates"].as_array().unwrap().len(), 4);
    let bo_summary = summary(&app, &members[1].1, table).await;
    assert_eq!(bo_summary["completed"], true);
    let focus = bo_summary["focus_minutes"].as_i64().unwrap();
    assert!((43..=44).contains(&focus), "{focus}");
    let cy_summary = summary(&app, &members[2].1, table).await;
    assert_eq!(cy_summary["completed"], false);
    assert_eq!(cy_summary["incomplete"], "missed_work2");
    assert_eq!(cy_summary["focus_minutes"], 17);
    assert_eq!(cy_summary["essence_earned"], 0);
    // The channel is closed for good.
    let late = open_with(
        &app,
        Some(&members[0].1),
        table,
        &format!("v={PROTOCOL_VERSION}"),
        &[],
    )
    .await;
    assert_eq!(late.err(), Some(409));
}

async fn recent_tables(app: &TestApp, cookie: &str) -> Vec<Value> {
    let resp = app.call("recent_tables", Some(cookie), &[]).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn leaving_early_settles_the_leavers_summary_at_once_while_the_table_runs_on() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo", "cy"]).await;
    let at = |minutes: i64| slot.plus_millis(minutes * MINUTE_MS);
    app.set_now(at(1));
    app.tick().await;
    // Ann and bo sit together from minute 1; cy never comes.
    let (ann, _) = join(&app, &members[0].1, table, None).await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    app.set_now(at(12));
    let resp = app
        .call(
            "leave_table",
            Some(&members[0].1),
            &[("table_id", &table.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 200);
    drop(ann);
    bo.until(|m| match m {
        ServerMessage::Link {
            seat: 1,
            link: Link::Left,
        } => Some(()),
        _ => None,
    })
    .await;
    // Ann's summary is ready now: nine focus minutes (Work 1 runs from minute 3), not
    // completed because she left, and a card for bo only (cy never sat with her).
    let mine = summary(&app, &members[0].1, table).await;
    assert_eq!(mine["ready"], true);
    assert_eq!(mine["completed"], false);
    assert_eq!(mine["incomplete"], "left_early");
    let focus = mine["focus_minutes"].as_i64().unwrap();
    assert!((8..=9).contains(&focus), "{focus}");
    assert_eq!(mine["essence_earned"], 0);
    let cards = mine["ratings"]["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert_eq!(cards[0]["seat"], 2);
    assert_eq!(cards[0]["open"], true);
    // Her dashboard lists it at once: not counted, one rating to give, no diary entry
    // until the table ends.
    let recent = recent_tables(&app, &members[0].1).await;
    assert_eq!(recent.len(), 1, "{recent:?}");
    assert_eq!(recent[0]["table_id"], table);
    assert_eq!(recent[0]["completed"], false);
    assert_eq!(recent[0]["focus_minutes"], mine["focus_minutes"]);
    assert_eq!(recent[0]["ratings_owed"], 1);
    assert_eq!(recent[0]["in_diary"], false);
    assert!(recent_tables(&app, &members[1].1).await.is_empty());
    // The others' table runs on: bo's summary is not ready, and ann may rate bo now.
    assert_eq!(summary(&app, &members[1].1, table).await["ready"], false);
    let resp = app
        .client
        .post(format!("{}/api/rate", app.base))
        .header("cookie", &members[0].1)
        .json(
            &serde_json::json!({ "table_id": table, "ratings": [{ "seat": 2, "value": "green" }] }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // The end leaves ann's figures as they were and owes her nothing more; bo, who
    // stayed, owes ann and cy.
    app.set_now(at(55));
    assert_eq!(app.tick().await.ended, 1);
    let after = summary(&app, &members[0].1, table).await;
    assert_eq!(after["focus_minutes"], mine["focus_minutes"]);
    let recent = recent_tables(&app, &members[0].1).await;
    assert_eq!(
        (
            recent[0]["ratings_owed"].as_i64(),
            recent[0]["in_diary"].as_bool()
        ),
        (Some(0), Some(true))
    );
    let bo_recent = recent_tables(&app, &members[1].1).await;
    assert_eq!(bo_recent[0]["completed"], true);
    assert_eq!(bo_recent[0]["ratings_owed"], 2);
    assert_eq!(after["ratings"]["cards"].as_array().unwrap().len(), 1);
    let owed: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT rater_id, ratee_id FROM pending_ratings WHERE session_id = $1 ORDER BY rater_id, ratee_id",
    )
    .bind(table)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap();
    let (ann_id, bo_id, cy_id) = (members[0].0, members[1].0, members[2].0);
    let mut expected = vec![
        (bo_id, ann_id),
        (bo_id, cy_id),
        (cy_id, ann_id),
        (cy_id, bo_id),
    ];
    expected.sort_unstable();
    assert_eq!(owed, expected);
}
