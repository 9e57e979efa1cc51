//! Search through the full-text index: words, prefixes, Chinese, tags, the backfill.

use super::*;

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
}
