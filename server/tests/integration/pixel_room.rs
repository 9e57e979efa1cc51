//! The pixel room through the real server functions: the character a student picks (at
//! onboarding and later), what others see of it, the room a table is held in (chosen when
//! it opens, the same for everyone, kept in the diary), and the remembered table view.

use crate::diary::{at, session, student};
use crate::fixtures::test_app;
use crate::harness::{onboarding_form, spawn_app};
use app::domain::characters::Character;
use app::domain::scene::Room;
use serde_json::Value;

async fn json(resp: reqwest::Response) -> Value {
    resp.json().await.unwrap()
}

/// The room table `table` is stored with (one the app knows).
async fn room_of(app: &crate::harness::TestApp, table: i64) -> Room {
    let (stored,): (String,) = sqlx::query_as("SELECT room FROM study_sessions WHERE id = $1")
        .bind(table)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    Room::parse(&stored).expect("a room the app knows")
}

fn person(value: &Value) -> Character {
    Character::parse(value.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn a_student_picks_a_character_at_onboarding_and_can_change_it_later() {
    let app = spawn_app().await;
    let cookie = app.sign_up("mei@uni.edu").await;
    let draft = json(app.call("onboarding_draft", Some(&cookie), &[]).await).await;
    assert!(
        Character::PEOPLE.contains(&person(&draft["character"])),
        "{draft}"
    );
    // An animal belongs to a companion, and a made-up key is no character: refused, and
    // onboarding is not half-done.
    for bad in ["fox", "dragon"] {
        let mut form = onboarding_form("mei_lin");
        form.push(("character", bad));
        let resp = app.call("complete_onboarding", Some(&cookie), &form).await;
        assert_eq!(
            resp.text().await.unwrap(),
            r#"{"invalid":{"field":"character","rule":"not_a_choice"}}"#,
            "{bad}"
        );
    }
    assert_eq!(
        app.call("onboarding_draft", Some(&cookie), &[])
            .await
            .status(),
        200
    );
    let mut form = onboarding_form("mei_lin");
    form.push(("character", "noor"));
    assert_eq!(
        app.call("complete_onboarding", Some(&cookie), &form)
            .await
            .status(),
        200
    );
    let mine = json(app.call("my_profile", Some(&cookie), &[]).await).await;
    assert_eq!(person(&mine[0]["character"]), Character::Noor);
    let public = json(
        app.call("public_profile", None, &[("username", "mei_lin")])
            .await,
    )
    .await;
    assert_eq!(person(&public["character"]), Character::Noor);
    let frame = json(app.call("viewer_summary", Some(&cookie), &[]).await).await;
    assert_eq!(person(&frame["character"]), Character::Noor);

    // Later, from the profile: another person, never an animal.
    let resp = app
        .call("save_character", Some(&cookie), &[("character", "panda")])
        .await;
    assert_eq!(
        resp.text().await.unwrap(),
        r#"{"invalid":{"field":"character","rule":"not_a_choice"}}"#
    );
    let resp = app
        .call("save_character", Some(&cookie), &[("character", "theo")])
        .await;
    assert_eq!(resp.status(), 200);
    let public = json(
        app.call("public_profile", None, &[("username", "mei_lin")])
            .await,
    )
    .await;
    assert_eq!(person(&public["character"]), Character::Theo);
    // Saving the rest of the profile keeps the character.
    let mut profile = onboarding_form("mei_lin");
    profile.push(("bio", "Reading for finals."));
    assert_eq!(
        app.call("save_profile", Some(&cookie), &profile)
            .await
            .status(),
        200
    );
    let mine = json(app.call("my_profile", Some(&cookie), &[]).await).await;
    assert_eq!(person(&mine[0]["character"]), Character::Theo);
    assert_eq!(
        app.call("save_character", None, &[("character", "mei")])
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn a_student_who_never_picked_has_the_same_default_everywhere() {
    let app = test_app().await;
    let (id, cookie) = app.member("ann").await;
    let expected = Character::default_for(id);
    let frame = json(app.call("viewer_summary", Some(&cookie), &[]).await).await;
    assert_eq!(person(&frame["character"]), expected);
    let public = json(
        app.call("public_profile", None, &[("username", "ann")])
            .await,
    )
    .await;
    assert_eq!(person(&public["character"]), expected);
}

#[tokio::test]
async fn a_table_is_held_in_one_room_chosen_when_it_opens_and_tablemates_see_each_others_characters(
) {
    let app = test_app().await;
    let (_, ann) = app.member("ann").await;
    let (_, bo) = app.member("bo").await;
    assert_eq!(
        app.call("save_character", Some(&ann), &[("character", "ada")])
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call("save_character", Some(&bo), &[("character", "jun")])
            .await
            .status(),
        200
    );
    let first = app.matched(&ann, &[]).await;
    let second = app.matched(&bo, &[]).await;
    assert_eq!(first.table_id, second.table_id);
    let room = room_of(&app, first.table_id).await;
    let table = first.table_id.to_string();
    for cookie in [&ann, &bo] {
        let page = json(
            app.call("table_page", Some(cookie), &[("table_id", &table)])
                .await,
        )
        .await;
        assert_eq!(page["table"]["room"], room.as_str());
        let mates = page["table"]["tablemates"].as_array().unwrap();
        let drawn: Vec<(&str, &str)> = mates
            .iter()
            .map(|m| {
                let human = &m["occupant"]["human"];
                (
                    human["username"].as_str().unwrap(),
                    human["character"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(drawn, [("ann", "ada"), ("bo", "jun")]);
    }
}

#[tokio::test]
async fn rooms_vary_between_tables() {
    let app = test_app().await;
    let mut rooms = std::collections::HashSet::new();
    // 24 tables (a topic each, so nobody joins another's): with three rooms drawn at
    // random, all three appear (the chance one is missing is 3 × (2/3)^24 ≈ 0.002 %).
    for i in 0..24 {
        let (_, cookie) = app.member(&format!("s{i}")).await;
        let topic = format!("topic {i}");
        let outcome = app.matched(&cookie, &[("topic", &topic)]).await;
        rooms.insert(room_of(&app, outcome.table_id).await.as_str());
    }
    let mut rooms: Vec<&str> = rooms.into_iter().collect();
    rooms.sort();
    assert_eq!(rooms, ["coffee-shop", "cozy-study", "library"]);
}

#[tokio::test]
async fn the_diary_says_which_room_a_session_was_in() {
    let app = test_app().await;
    let mei = student(&app, "mei", "Asia/Taipei").await;
    let table = session(&app, &[&mei], at("2026-12-01T02:00:00Z"), "", &[]).await;
    let room = room_of(&app, table).await;
    let (status, page) = crate::diary::diary(&app, &mei, serde_json::json!({}), Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(page["entries"][0]["table_id"], table);
    assert_eq!(page["entries"][0]["room"], room.as_str());
}

#[tokio::test]
async fn the_table_view_is_remembered_on_the_account() {
    let app = test_app().await;
    let (_, cookie) = app.member("ann").await;
    let table = app.matched(&cookie, &[]).await.table_id.to_string();
    let view = |page: Value| page["view"].as_str().unwrap().to_owned();
    let page = json(
        app.call("table_page", Some(&cookie), &[("table_id", &table)])
            .await,
    )
    .await;
    assert_eq!(view(page), "pixel", "the room is the default");
    assert_eq!(
        app.call("table_view", Some(&cookie), &[("view", "classic")])
            .await
            .status(),
        200
    );
    let page = json(
        app.call("table_page", Some(&cookie), &[("table_id", &table)])
            .await,
    )
    .await;
    assert_eq!(view(page), "classic");
    let resp = app
        .call("table_view", Some(&cookie), &[("view", "isometric")])
        .await;
    assert_eq!(
        resp.text().await.unwrap(),
        r#"{"invalid":{"field":"view","rule":"not_a_choice"}}"#
    );
    let page = json(
        app.call("table_page", Some(&cookie), &[("table_id", &table)])
            .await,
    )
    .await;
    assert_eq!(view(page), "classic", "a refused value changes nothing");
}
