//! Onboarding and profiles: the suggested username, validation, the uniqueness race,
//! language, and what the public profile shows (never the email).

use crate::harness::{onboarding_form, spawn_app, spawn_app_with, PASSWORD};
use serde_json::Value;

#[tokio::test]
async fn the_suggested_username_comes_from_the_email_and_skips_taken_ones() {
    let app = spawn_app().await;
    let first = app.sign_up("mei.lin@uni.edu").await;
    let draft: Value = app
        .call("onboarding_draft", Some(&first), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(draft["suggested_username"], "mei_lin");
    assert!(draft["time_zones"]
        .as_array()
        .unwrap()
        .iter()
        .any(|z| z == "Asia/Taipei"));
    let resp = app
        .call(
            "complete_onboarding",
            Some(&first),
            &onboarding_form("Mei_Lin"),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<String>().await.unwrap(), "/app");

    let second = app.sign_up("mei.lin@school.edu").await;
    let draft: Value = app
        .call("onboarding_draft", Some(&second), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(draft["suggested_username"], "mei_lin_2");
    // Taking the first one's name (any case) is refused with a clear reason.
    let resp = app
        .call(
            "complete_onboarding",
            Some(&second),
            &onboarding_form("MEI_LIN"),
        )
        .await;
    assert_eq!(resp.status(), 409);
    assert_eq!(
        resp.text().await.unwrap(),
        r#"{"invalid":{"field":"username","rule":"taken"}}"#
    );
    // Done onboarding: no more drafts.
    assert_eq!(
        app.call("onboarding_draft", Some(&first), &[])
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn onboarding_input_is_checked_field_by_field() {
    let app = spawn_app().await;
    let cookie = app.sign_up("mei@uni.edu").await;
    let cases: [(&str, &str, &str); 6] = [
        (
            "username",
            "ad",
            r#"{"invalid":{"field":"username","rule":{"too_short":{"min":3}}}}"#,
        ),
        (
            "username",
            "admin",
            r#"{"invalid":{"field":"username","rule":"reserved"}}"#,
        ),
        (
            "display_name",
            " ",
            r#"{"invalid":{"field":"display_name","rule":"required"}}"#,
        ),
        (
            "language",
            "fr",
            r#"{"invalid":{"field":"language","rule":"not_a_choice"}}"#,
        ),
        (
            "time_zone",
            "Mars/Olympus",
            r#"{"invalid":{"field":"time_zone","rule":"not_a_choice"}}"#,
        ),
        (
            "interests[]",
            "basket weaving",
            r#"{"invalid":{"field":"interests","rule":"not_a_choice"}}"#,
        ),
    ];
    for (field, value, expected) in cases {
        let mut form: Vec<(&str, &str)> = onboarding_form("mei_lin")
            .into_iter()
            .filter(|(k, _)| *k != field)
            .collect();
        form.push((field, value));
        let resp = app.call("complete_onboarding", Some(&cookie), &form).await;
        assert_eq!(resp.text().await.unwrap(), expected, "{field}={value}");
    }
    let (onboarded,): (Option<i64>,) = sqlx::query_as("SELECT onboarded_at FROM users")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(
        onboarded, None,
        "a refused form must not half-complete onboarding"
    );
    assert_eq!(
        app.call("complete_onboarding", None, &onboarding_form("mei_lin"))
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn fifty_people_racing_for_one_username_leave_one_winner() {
    // Fifty accounts from one address: more than the hourly sign-ups one address may make.
    let app = spawn_app_with(&[("FOCUS_SIGNUPS_PER_ADDRESS_HOUR", "100")]).await;
    let mut cookies = Vec::new();
    for i in 0..50 {
        cookies.push(app.sign_up(&format!("racer{i}@uni.edu")).await);
    }
    let form = onboarding_form("study_buddy");
    let racers: Vec<_> = cookies
        .iter()
        .map(|cookie| app.spawn_call("complete_onboarding", Some(cookie), &form))
        .collect();
    let mut bodies = Vec::new();
    for racer in racers {
        let resp = racer.await.unwrap();
        bodies.push((resp.status().as_u16(), resp.text().await.unwrap()));
    }
    let winners = bodies.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(winners, 1, "{bodies:?}");
    for (status, body) in bodies.iter().filter(|(s, _)| *s != 200) {
        assert_eq!(*status, 409);
        assert_eq!(body, r#"{"invalid":{"field":"username","rule":"taken"}}"#);
    }
    let (holders, onboarded): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM users WHERE username_canonical = 'study_buddy'), \
                (SELECT COUNT(*) FROM users WHERE onboarded_at IS NOT NULL)",
    )
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    assert_eq!((holders, onboarded), (1, 1));
}

#[tokio::test]
async fn profiles_save_and_the_public_one_hides_private_fields() {
    let app = spawn_app().await;
    let cookie = app.onboarded_user("mei@uni.edu", "mei_lin").await;
    let form = [
        ("username", "MeiLin"),
        ("display_name", "林美玲"),
        ("bio", "Thesis on tide pools. 潮間帶研究。"),
        ("links[]", "https://github.com/meilin"),
        ("links[]", ""),
        ("links[]", "https://meilin.dev"),
        ("interests[]", "science"),
        ("language", "zh-TW"),
        ("time_zone", "Asia/Taipei"),
    ];
    let resp = app.call("save_profile", Some(&cookie), &form).await;
    assert_eq!(resp.status(), 200);
    let locale = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("i18n_pref_locale=zh-TW"));
    assert!(locale, "the chosen language becomes the page language");

    let mine: Value = app
        .call("my_profile", Some(&cookie), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0]["username"], "MeiLin");
    assert_eq!(
        mine[0]["links"],
        serde_json::json!(["https://github.com/meilin", "https://meilin.dev"])
    );
    assert_eq!(mine[0]["email"], "mei@uni.edu");

    let public: Value = app
        .call("public_profile", None, &[("username", "meilin")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["display_name"], "林美玲");
    assert_eq!(public["interests"], serde_json::json!(["science"]));
    assert!(public.get("email").is_none());
    let html = app.get("/u/meilin").await.text().await.unwrap();
    assert!(html.contains("林美玲") && html.contains("Thesis on tide pools"));
    assert!(
        !html.contains("mei@uni.edu"),
        "the public page must never show the email"
    );
    assert_eq!(app.get("/u/nobody_here").await.status(), 404);

    let bad_link = [
        ("links[]", "javascript:alert(1)"),
        ("bio", ""),
        ("username", "MeiLin"),
        ("display_name", "x"),
        ("language", "en"),
        ("time_zone", "UTC"),
    ];
    let resp = app.call("save_profile", Some(&cookie), &bad_link).await;
    assert_eq!(
        resp.text().await.unwrap(),
        r#"{"invalid":{"field":"link","rule":"malformed"}}"#
    );
    let too_long = "字".repeat(281);
    let resp = app
        .call(
            "save_profile",
            Some(&cookie),
            &[
                ("bio", too_long.as_str()),
                ("username", "MeiLin"),
                ("display_name", "x"),
                ("language", "en"),
                ("time_zone", "UTC"),
            ],
        )
        .await;
    assert_eq!(
        resp.text().await.unwrap(),
        r#"{"invalid":{"field":"bio","rule":{"too_long":{"max":280}}}}"#
    );
}

#[tokio::test]
async fn the_language_follows_the_account() {
    let app = spawn_app().await;
    // Signed up from a Chinese page: the account's language is Traditional Chinese.
    let resp = app
        .client
        .post(format!("{}/api/sign_up", app.base))
        .header("accept-language", "zh-TW")
        .form(&[("email", "mei@uni.edu"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = crate::harness::session_cookie(&resp).unwrap();
    let draft: Value = app
        .call("onboarding_draft", Some(&cookie), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(draft["language"], "zh-TW");
    // A link (GET) only sets the cookie: it never writes to the account…
    let resp = app
        .client
        .get(format!("{}/lang/en", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let stored = || async {
        let (language,): (String,) = sqlx::query_as("SELECT language FROM users")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        language
    };
    assert_eq!(stored().await, "zh-TW");
    // …switching with the signed-in switcher (POST) saves it to the account…
    let resp = app
        .client
        .post(format!("{}/lang/en", app.base))
        .header("cookie", &cookie)
        .form(&[("next", "/app/settings")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "/app/settings");
    assert_eq!(stored().await, "en");
    // …and signing in on another device brings it back as the page language.
    let resp = app
        .call(
            "sign_in",
            None,
            &[("email", "mei@uni.edu"), ("password", PASSWORD)],
        )
        .await;
    let cookies: Vec<_> = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("i18n_pref_locale=en;")),
        "{cookies:?}"
    );
}
