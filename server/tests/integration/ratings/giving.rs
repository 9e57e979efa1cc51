//! Giving ratings: who may rate whom, once; owed ratings and their expiry.

use super::*;
use app::domain::time::{DAY_MS, HOUR_MS, MINUTE_MS};
use app::error::{AppError, Refusal};
use serde_json::{json, Value};

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
}

#[tokio::test]
async fn owed_ratings_block_quick_match_until_given_and_expire_as_skips() {
    let app = test_app().await;
    let (table, s, slot) = finished_table(&app, &["ana", "ben", "cy"]).await;
    let (ana, ben, cy) = (&s[0], &s[1], &s[2]);
    let later = slot.plus_millis(DAY_MS).unix_millis().to_string();
    let owed = Err((
        409,
        AppError::Refused {
            reason: Refusal::PendingRatings { table_id: table },
        },
    ));
    assert_eq!(
        app.quick_match(&ana.cookie, &[("starts_at", &later)]).await,
        owed
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
        app.quick_match(&ana.cookie, &[("starts_at", &later)]).await,
        owed
    );
    let skip = json!([{ "seat": cy.seat, "value": "skip" }]);
    assert_eq!(rate(&app, ana, table, skip).await.0, 200);
    app.matched(&ana.cookie, &[("starts_at", &later)]).await;
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
    app.matched(&ben.cookie, &[("starts_at", &later2)]).await;
}
