//! Email against a real SMTP server (`tools/mailbox.py`): confirming an address after
//! sign-up, sign-up answers that never reveal a registered address, password reset
//! (single use, expiring, signing out every other device), admins who count only once
//! verified, and the embedded default that sends nothing and signs in at once.

use crate::harness::{session_cookie, spawn_app_with, TestApp, PASSWORD};
use crate::mailbox::Mailbox;
use app::domain::time::MINUTE_MS;
use serde_json::Value;

/// A test-mode app sending its letters to `mailbox`.
async fn app_with_mail(mailbox: &Mailbox) -> TestApp {
    let settings = mailbox.settings();
    let mut vars: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    vars.push(("FOCUS_TEST_MODE", "1"));
    vars.push(("FOCUS_PUBLIC_URL", "http://focus.test"));
    spawn_app_with(&vars).await
}

async fn sign_up(app: &TestApp, email: &str) -> (u16, Option<String>, Value) {
    let resp = app
        .call("sign_up", None, &[("email", email), ("password", PASSWORD)])
        .await;
    let status = resp.status().as_u16();
    let cookie = session_cookie(&resp);
    (status, cookie, resp.json().await.unwrap_or(Value::Null))
}

/// The token in a site path such as `/verify-email?token=…`.
fn token_of(path: &str) -> String {
    path.split_once("token=").unwrap().1.to_owned()
}

async fn verified(app: &TestApp, email: &str) -> bool {
    let (at,): (Option<i64>,) =
        sqlx::query_as("SELECT email_verified_at FROM users WHERE email_canonical = $1")
            .bind(email)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    at.is_some()
}

#[tokio::test]
async fn a_new_account_confirms_its_address_by_the_emailed_link() {
    let mailbox = Mailbox::start();
    let app = app_with_mail(&mailbox).await;
    let (status, cookie, next) = sign_up(&app, "mei@uni.edu").await;
    assert_eq!(status, 200);
    assert_eq!(next, "/check-email?for=sign-up");
    assert!(
        cookie.is_none(),
        "not signed in before the address is confirmed"
    );
    let letter = mailbox.letter_to("mei@uni.edu", 1).await;
    assert_eq!(letter.subject, "Confirm your email for Focus Squad");
    let link = letter.link("/verify-email?token=");
    assert!(letter.body.contains(&format!("http://focus.test{link}")));
    // Opening the page changes nothing (a mail scanner may open links).
    let page = app.navigate(&link, None).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Confirm my address"));
    assert!(!verified(&app, "mei@uni.edu").await);
    // The button does, and signs in.
    let token = token_of(&link);
    let resp = app.call("verify_email", None, &[("token", &token)]).await;
    assert_eq!(resp.status(), 200);
    let cookie = session_cookie(&resp).expect("signed in");
    assert_eq!(resp.json::<Value>().await.unwrap(), "/onboarding");
    assert!(verified(&app, "mei@uni.edu").await);
    let status: Value = app
        .call("email_status", Some(&cookie), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["verified"], true);
    assert_eq!(status["server_sends"], true);
    // Once only.
    let again = app.call("verify_email", None, &[("token", &token)]).await;
    assert_eq!(again.status(), 409);
    assert_eq!(
        again.json::<Value>().await.unwrap(),
        serde_json::json!({"refused": {"reason": "link_expired"}})
    );
}

#[tokio::test]
async fn signing_up_with_a_registered_address_answers_the_same_and_tells_its_owner() {
    let mailbox = Mailbox::start();
    let app = app_with_mail(&mailbox).await;
    let first = sign_up(&app, "mei@uni.edu").await;
    let second = sign_up(&app, "Mei@Uni.edu").await;
    assert_eq!(
        (first.0, &first.2),
        (second.0, &second.2),
        "the same answer"
    );
    assert!(second.1.is_none());
    assert_eq!(app.count("users").await, 1);
    // The first letter confirms the new account; the second tells its owner of the try.
    let told = mailbox.letter_to("Mei@Uni.edu", 2).await;
    assert_eq!(told.subject, "You already have a Focus Squad account");
    assert!(told
        .link("/forgot-password")
        .starts_with("/forgot-password"));
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_signs_out_every_device() {
    let mailbox = Mailbox::start();
    let app = app_with_mail(&mailbox).await;
    // An account with a password, signed in on a laptop.
    let (user_id, laptop) = app.member("mei").await;
    let hash = app.state.passwords.hash(PASSWORD.to_owned()).await.unwrap();
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(app.state.db.pool())
        .await
        .unwrap();

    // Unknown and known addresses get the same answer; only the known one a letter.
    let unknown = app
        .call(
            "request_password_reset",
            None,
            &[("email", "nobody@uni.edu")],
        )
        .await;
    let known = app
        .call(
            "request_password_reset",
            None,
            &[("email", "mei@example.com")],
        )
        .await;
    assert_eq!(unknown.status(), 200);
    assert_eq!(known.status(), 200);
    assert_eq!(
        unknown.json::<Value>().await.unwrap(),
        known.json::<Value>().await.unwrap()
    );
    assert_eq!(
        app.count("email_links").await,
        1,
        "a link for the real account only"
    );
    let letter = mailbox.letter_to("mei@example.com", 1).await;
    assert_eq!(letter.subject, "Reset your Focus Squad password");
    let token = token_of(&letter.link("/reset-password?token="));

    // A password the policy refuses uses nothing up.
    let short = app
        .call(
            "reset_password",
            None,
            &[("token", &token), ("new_password", "short")],
        )
        .await;
    assert_eq!(short.status(), 422);
    let body: Value = short.json().await.unwrap();
    assert_eq!(body["invalid"]["field"], "new_password");
    let new_password = "a brand new passphrase";
    let resp = app
        .call(
            "reset_password",
            None,
            &[("token", &token), ("new_password", new_password)],
        )
        .await;
    assert_eq!(resp.status(), 200);
    let here = session_cookie(&resp).expect("signed in here");
    assert_eq!(
        app.call("viewer_summary", Some(&here), &[]).await.status(),
        200
    );
    assert_eq!(
        app.call("viewer_summary", Some(&laptop), &[])
            .await
            .status(),
        401,
        "every other device is signed out"
    );
    assert!(
        verified(&app, "mei@example.com").await,
        "the link reached the address"
    );
    let sign_in = |password: &'static str| {
        let app = &app;
        async move {
            app.call(
                "sign_in",
                None,
                &[("email", "mei@example.com"), ("password", password)],
            )
            .await
        }
    };
    assert_eq!(sign_in(PASSWORD).await.status(), 401);
    assert_eq!(sign_in("a brand new passphrase").await.status(), 200);
    let again = app
        .call(
            "reset_password",
            None,
            &[
                ("token", &token),
                ("new_password", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(again.status(), 409);
}

#[tokio::test]
async fn a_reset_link_works_for_an_hour_and_links_are_rationed() {
    let mailbox = Mailbox::start();
    let app = app_with_mail(&mailbox).await;
    app.member("mei").await;
    for _ in 0..7 {
        let resp = app
            .call(
                "request_password_reset",
                None,
                &[("email", "mei@example.com")],
            )
            .await;
        assert_eq!(resp.status(), 200);
    }
    assert_eq!(
        app.count("email_links").await,
        5,
        "five links an hour at most"
    );
    let letter = mailbox.letter_to("mei@example.com", 1).await;
    let token = token_of(&letter.link("/reset-password?token="));
    app.advance(61 * MINUTE_MS);
    let late = app
        .call(
            "reset_password",
            None,
            &[
                ("token", &token),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(late.status(), 409);
}

#[tokio::test]
async fn with_email_an_admin_counts_only_once_the_address_is_verified() {
    let mailbox = Mailbox::start();
    let app = app_with_mail(&mailbox).await;
    sign_up(&app, "boss@uni.edu").await;
    app::server::admin::set_role(
        &app.state.db,
        "boss@uni.edu",
        app::domain::account::Role::Admin,
        "test",
        app.state.clock.now(),
    )
    .await
    .unwrap();
    // Signed in by other means before confirming (a session made directly).
    let (user_id,): (i64,) = sqlx::query_as("SELECT id FROM users")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    let mut conn = app.state.db.pool().acquire().await.unwrap();
    let token = app::server::auth::sessions::create(&mut conn, user_id, app.state.clock.now())
        .await
        .unwrap();
    drop(conn);
    let cookie = format!("focus_session={token}");
    let shared = &app;
    let is_admin = |cookie: String| async move {
        let summary: Value = shared
            .call("viewer_summary", Some(&cookie), &[])
            .await
            .json()
            .await
            .unwrap();
        summary["is_admin"].as_bool().unwrap()
    };
    assert!(
        !is_admin(cookie.clone()).await,
        "an unverified address proves nothing"
    );
    let link = mailbox
        .letter_to("boss@uni.edu", 1)
        .await
        .link("/verify-email?token=");
    let resp = app
        .call("verify_email", None, &[("token", &token_of(&link))])
        .await;
    assert_eq!(resp.status(), 200);
    assert!(is_admin(cookie).await);
}

#[tokio::test]
async fn without_email_sign_up_signs_in_at_once_and_the_link_waits_in_the_log() {
    let app = spawn_app_with(&[]).await;
    let (status, cookie, next) = sign_up(&app, "mei@uni.edu").await;
    assert_eq!(status, 200);
    assert_eq!(next, "/onboarding");
    let cookie = cookie.expect("signed in");
    // A verification link was made (and logged, there being no way to send it).
    assert_eq!(app.count("email_links").await, 1);
    let status: Value = app
        .call("email_status", Some(&cookie), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["verified"], false);
    assert_eq!(status["server_sends"], false);
    assert_eq!(
        app.call("resend_verification", Some(&cookie), &[])
            .await
            .status(),
        200
    );
    assert_eq!(app.count("email_links").await, 2);
    // Taken addresses say so here: with nothing to send, there is no letter to hide behind.
    let (status, _, body) = sign_up(&app, "mei@uni.edu").await;
    assert_eq!(status, 409);
    assert_eq!(body["invalid"]["rule"], "taken");
}
