//! A table channel belongs to a participant row and the sign-in session that opened it,
//! never to a seat number: it closes when the seat is given up or the sign-in ends, the
//! next holder of the seat gets what is meant for the seat, and a participant is live in
//! one tab at a time (the newest takes over).

use crate::fixtures::{slot_ahead, test_app};
use crate::harness::TestApp;
use crate::socket::join;
use crate::table_channel::{hello, open_presence, table_with};
use app::api::live_types::{BoardItem, ClientMessage, CloseReason, Link, ServerMessage};
use app::domain::time::MINUTE_MS;

fn closing(message: &ServerMessage) -> Option<CloseReason> {
    match message {
        ServerMessage::Closing { reason } => Some(*reason),
        _ => None,
    }
}

/// True when `socket` still answers a ping.
async fn alive(socket: &mut crate::socket::Socket) -> bool {
    socket.send(&ClientMessage::Ping { sent: 1.0 }).await;
    socket
        .until(|m| matches!(m, ServerMessage::Pong { .. }).then_some(()))
        .await;
    true
}

/// A second sign-in session for `user_id` (another device): its cookie.
async fn second_sign_in(app: &TestApp, user_id: i64) -> String {
    let mut conn = app.state.db.pool().acquire().await.unwrap();
    let token = app::server::auth::sessions::create(&mut conn, user_id, app.state.clock.now())
        .await
        .unwrap();
    format!("focus_session={token}")
}

#[tokio::test]
async fn a_cancelled_seat_closes_its_socket_and_the_next_holder_gets_the_seat() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo"]).await;
    let (mut ann, welcome) = join(&app, &members[0].1, table, None).await;
    assert_eq!(welcome.seat, 1);
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    let resp = app
        .call(
            "cancel_seat",
            Some(&members[0].1),
            &[("table_id", &table.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(ann.until(closing).await, CloseReason::SeatGone);
    assert!(ann.closed().await, "the cancelled seat's socket is closed");

    // Cy takes seat 1 and connects; what is meant for seat 1 reaches Cy.
    let (cy_id, cy_cookie) = app.member("cy").await;
    let outcome = app.matched(&cy_cookie, &[]).await;
    assert_eq!(outcome.table_id, table);
    assert_eq!(outcome.seat, 1, "the freed seat is handed on");
    let (mut cy, _) = join(&app, &cy_cookie, table, None).await;
    bo.send(&ClientMessage::Signal {
        to: 1,
        signal: hello(),
    })
    .await;
    let from = cy
        .until(|m| match m {
            ServerMessage::Signal { from, .. } => Some(*from),
            _ => None,
        })
        .await;
    assert_eq!(from, 2);
    // Cy's presence is recorded under Cy's own participant row.
    assert_eq!(open_presence(&app, cy_id).await, 1);
    // Cy's chat shows as seat 1, and nobody else speaks for it.
    cy.send(&ClientMessage::Chat { text: "hi".into() }).await;
    let seat = bo
        .until(|m| match m {
            ServerMessage::Board { entry } => match &entry.item {
                BoardItem::Chat { seat, .. } => Some(*seat),
                _ => None,
            },
            _ => None,
        })
        .await;
    assert_eq!(seat, 1);
}

#[tokio::test]
async fn leaving_closes_the_leavers_sockets_and_tells_the_table() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo"]).await;
    app.set_now(slot.plus_millis(60_000));
    let (mut ann, _) = join(&app, &members[0].1, table, None).await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    let resp = app
        .call(
            "leave_table",
            Some(&members[0].1),
            &[("table_id", &table.to_string())],
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(ann.until(closing).await, CloseReason::Left);
    assert!(ann.closed().await);
    let link = bo
        .until(|m| match m {
            ServerMessage::Link { seat: 1, link } => Some(*link),
            _ => None,
        })
        .await;
    assert_eq!(link, Link::Left);
    assert!(alive(&mut bo).await);
}

#[tokio::test]
async fn ending_a_sign_in_closes_the_sockets_it_opened() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    // Ann has a seat at three tables and follows each from another device.
    let (ann_id, laptop) = app.member("ann").await;
    let phone = second_sign_in(&app, ann_id).await;
    let tablet = second_sign_in(&app, ann_id).await;
    // Three seats take three credits (a free week has two).
    sqlx::query(
        "INSERT INTO credit_ledger (user_id, amount, kind, idempotency_key, created_at) \
         VALUES ($1, 1, 'gift_received', 'a-third-seat', $2)",
    )
    .bind(ann_id)
    .bind(app.state.clock.now().unix_millis())
    .execute(app.state.db.pool())
    .await
    .unwrap();
    app.set_now(slot.plus_millis(-10 * MINUTE_MS));
    let mut tables = Vec::new();
    for n in 0..3 {
        let at = slot
            .plus_millis(n * 30 * MINUTE_MS)
            .unix_millis()
            .to_string();
        tables.push(app.matched(&laptop, &[("starts_at", &at)]).await.table_id);
    }
    let (mut on_laptop, _) = join(&app, &laptop, tables[0], None).await;
    let (mut on_phone, _) = join(&app, &phone, tables[1], None).await;
    let (mut on_tablet, _) = join(&app, &tablet, tables[2], None).await;
    let (_, bo) = app.member("bo").await;
    let at = slot.unix_millis().to_string();
    app.matched(&bo, &[("starts_at", &at)]).await;
    let (mut bo_socket, _) = join(&app, &bo, tables[0], None).await;

    // Signing out on the tablet closes the tablet's socket only.
    let resp = app.call("sign_out", Some(&tablet), &[]).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(on_tablet.until(closing).await, CloseReason::SignedOut);
    assert!(on_tablet.closed().await);
    assert!(alive(&mut on_phone).await);

    // A password change on the laptop ends the phone's sign-in and its socket.
    let resp = app
        .call(
            "change_password",
            Some(&laptop),
            &[("new_password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(on_phone.until(closing).await, CloseReason::SignedOut);
    assert!(on_phone.closed().await);
    assert!(
        alive(&mut on_laptop).await,
        "the device that changed it stays"
    );
    assert!(alive(&mut bo_socket).await, "tablemates are untouched");

    // Signing out everywhere closes the rest.
    let resp = app.call("sign_out_everywhere", Some(&laptop), &[]).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(on_laptop.until(closing).await, CloseReason::SignedOut);
    assert!(on_laptop.closed().await);
    assert!(alive(&mut bo_socket).await);
}

#[tokio::test]
async fn deleting_the_account_closes_its_sockets_and_frees_the_seat() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo"]).await;
    let (mut ann, _) = join(&app, &members[0].1, table, None).await;
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    let resp = app
        .call(
            "delete_account",
            Some(&members[0].1),
            &[("confirmation", "ann")],
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(ann.until(closing).await, CloseReason::SignedOut);
    assert!(ann.closed().await);
    let seats = bo
        .until(|m| match m {
            ServerMessage::Roster { seats } => Some(seats.clone()),
            _ => None,
        })
        .await;
    assert!(seats.iter().all(|s| s.seat != 1), "seat 1 is free again");
}

#[tokio::test]
async fn the_newest_tab_takes_over_and_the_older_one_is_told() {
    let app = test_app().await;
    let slot = slot_ahead(&app);
    let (table, members) = table_with(&app, slot, &["ann", "bo"]).await;
    let (ann_id, cookie) = (members[0].0, members[0].1.as_str());
    let (mut bo, _) = join(&app, &members[1].1, table, None).await;
    let (mut first_tab, _) = join(&app, cookie, table, None).await;
    bo.until(|m| {
        matches!(
            m,
            ServerMessage::Link {
                seat: 1,
                link: Link::Connected
            }
        )
        .then_some(())
    })
    .await;
    let (mut second_tab, _) = join(&app, cookie, table, None).await;
    assert_eq!(first_tab.until(closing).await, CloseReason::ElsewhereNow);
    assert!(
        first_tab.closed().await,
        "the older tab's channel is closed"
    );
    assert!(alive(&mut second_tab).await);
    // Ann stays one connected seat for her tablemates: the handover never showed her
    // as gone, and her presence is one open interval.
    assert!(
        bo.quiet_for(std::time::Duration::from_millis(300), |m| matches!(
            m,
            ServerMessage::Link { seat: 1, link } if *link != Link::Connected
        ))
        .await
    );
    assert_eq!(open_presence(&app, ann_id).await, 1);
    // Taking it back from the first tab works the same way round.
    let (mut third_tab, _) = join(&app, cookie, table, None).await;
    assert_eq!(second_tab.until(closing).await, CloseReason::ElsewhereNow);
    assert!(alive(&mut third_tab).await);
}
