//! Racing autosaves and the timeline's pages.

use super::*;

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
}
