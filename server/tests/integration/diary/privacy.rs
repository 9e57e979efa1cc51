//! Journal notes come after the end, and only their author reads them (or what they
//! wrote at the table).

use super::*;

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
    let next = app.matched(&cy.cookie, &[]).await.table_id;
    let (status, body) = note(&app, &cy, next, "too soon", &[]).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("table_not_over"), "{body}");

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
}
