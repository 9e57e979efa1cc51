//! Sign-up and sign-in: what an account starts with, errors that never reveal whether an
//! email has an account, attempt limits, password changes and deletion.

use crate::harness::{session_cookie, spawn_app, spawn_app_with, PASSWORD};
use app::domain::time::MINUTE_MS;
use serde_json::Value;

#[tokio::test]
async fn sign_up_opens_the_account_in_one_go_and_signs_in() {
    let app = spawn_app().await;
    let resp = app
        .call(
            "sign_up",
            None,
            &[("email", " Mei.Lin@Uni.EDU "), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(resp.status(), 200);
    let set_cookie: Vec<String> = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("focus_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(
        !session.contains("Secure"),
        "plain http must not set Secure: {session}"
    );
    assert!(set_cookie
        .iter()
        .any(|c| c.starts_with("i18n_pref_locale=en")));
    assert_eq!(resp.json::<String>().await.unwrap(), "/onboarding");

    let pool = app.state.db.pool();
    let (id, email, canonical, hash): (i64, String, String, String) =
        sqlx::query_as("SELECT id, email, email_canonical, password_hash FROM users")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(email, "Mei.Lin@uni.edu");
    assert_eq!(canonical, "mei.lin@uni.edu");
    assert!(hash.starts_with("$argon2id$"));
    let (tier, cycle_start): (String, i64) =
        sqlx::query_as("SELECT tier, cycle_start FROM credit_accounts WHERE user_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(tier, "free");
    assert_eq!(cycle_start, app.state.clock.now().day_start().unix_millis());
    let (balance,): (i64,) =
        sqlx::query_as("SELECT CAST(SUM(amount) AS BIGINT) FROM credit_ledger WHERE user_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(balance, 2);
    let (prefs, on): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(SUM(enabled) AS BIGINT) FROM notification_preferences WHERE user_id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!((prefs, on), (8, 5));
    // Only a hash of the token is stored.
    let token = session
        .trim_start_matches("focus_session=")
        .split(';')
        .next()
        .unwrap();
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM auth_sessions")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_ne!(stored, token);
    assert_eq!(stored.len(), 64);
}

#[tokio::test]
async fn bad_sign_up_input_is_refused_field_by_field_and_nothing_is_written() {
    let app = spawn_app().await;
    for (email, password, expected) in [
        (
            "not-an-email",
            PASSWORD,
            r#"{"invalid":{"field":"email","rule":"malformed"}}"#,
        ),
        (
            "",
            PASSWORD,
            r#"{"invalid":{"field":"email","rule":"required"}}"#,
        ),
        (
            "a@b.org",
            "short",
            r#"{"invalid":{"field":"password","rule":{"too_short":{"min":10}}}}"#,
        ),
        // An empty form: both fields say what is wrong with them.
        (
            "",
            "",
            r#"{"invalid_fields":{"fields":[{"field":"email","rule":"required"},{"field":"password","rule":"required"}]}}"#,
        ),
    ] {
        let resp = app
            .call("sign_up", None, &[("email", email), ("password", password)])
            .await;
        assert_eq!(resp.status(), 422);
        assert!(session_cookie(&resp).is_none());
        assert_eq!(resp.text().await.unwrap(), expected);
    }
    let users = app.count("users").await;
    assert_eq!(users, 0);
}

#[tokio::test]
async fn an_email_has_one_account_whatever_its_case() {
    let app = spawn_app().await;
    app.sign_up("mei@uni.edu").await;
    let resp = app
        .call(
            "sign_up",
            None,
            &[("email", "MEI@uni.edu"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(resp.status(), 409);
    assert_eq!(
        resp.text().await.unwrap(),
        r#"{"invalid":{"field":"email","rule":"taken"}}"#
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_fail_identically() {
    let app = spawn_app().await;
    app.sign_up("mei@uni.edu").await;
    let wrong = app
        .call(
            "sign_in",
            None,
            &[("email", "mei@uni.edu"), ("password", "not the password")],
        )
        .await;
    let unknown = app
        .call(
            "sign_in",
            None,
            &[("email", "nobody@uni.edu"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(wrong, r#""bad_credentials""#);
    assert_eq!(wrong, unknown);

    let ok = app
        .call(
            "sign_in",
            None,
            &[
                ("email", "MEI@uni.edu"),
                ("password", PASSWORD),
                ("next", "/app/settings"),
            ],
        )
        .await;
    assert_eq!(ok.status(), 200);
    assert!(session_cookie(&ok).is_some());
    // Not onboarded yet: onboarding comes before `next`.
    assert_eq!(ok.json::<String>().await.unwrap(), "/onboarding");
}

#[tokio::test]
async fn an_account_is_locked_for_a_while_after_five_wrong_passwords() {
    let app = spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await;
    app.sign_up("mei@uni.edu").await;
    let caller = &app;
    let attempt = |password: &'static str| async move {
        caller
            .call(
                "sign_in",
                None,
                &[("email", "mei@uni.edu"), ("password", password)],
            )
            .await
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong password!").await.status(), 401);
    }
    // Even the right password waits now, and the wait is stated.
    let locked = attempt(PASSWORD).await;
    assert_eq!(locked.status(), 429);
    assert_eq!(locked.headers()["retry-after"], "900");
    let body: Value = locked.json().await.unwrap();
    assert_eq!(body["rate_limited"]["retry_after_secs"], 900);

    app.advance(10 * MINUTE_MS);
    let body: Value = attempt(PASSWORD).await.json().await.unwrap();
    assert_eq!(body["rate_limited"]["retry_after_secs"], 300);

    app.advance(5 * MINUTE_MS);
    let ok = attempt(PASSWORD).await;
    assert_eq!(ok.status(), 200);
    // Success clears the account's failures: one more wrong try is not locked out.
    assert_eq!(attempt("wrong password!").await.status(), 401);
}

#[tokio::test]
async fn sixty_simultaneous_wrong_passwords_get_five_tries() {
    let app = spawn_app().await;
    app.sign_up("mei@uni.edu").await;
    let form = [("email", "mei@uni.edu"), ("password", "wrong password!")];
    let attempts: Vec<_> = (0..60)
        .map(|_| app.spawn_call("sign_in", None, &form))
        .collect();
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.unwrap().status().as_u16());
    }
    let tried = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((tried, refused), (5, 55), "{statuses:?}");
}

#[tokio::test]
async fn one_address_cannot_guess_across_many_accounts() {
    let app = spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await;
    for i in 0..20 {
        let email = format!("guess{i}@uni.edu");
        let resp = app
            .call(
                "sign_in",
                None,
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(resp.status(), 401, "attempt {i}");
    }
    let resp = app
        .call(
            "sign_in",
            None,
            &[("email", "guess99@uni.edu"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(resp.status(), 429);
}

#[tokio::test]
async fn changing_the_password_signs_out_other_devices_only() {
    let app = spawn_app().await;
    let here = app.sign_up("mei@uni.edu").await;
    let other = session_cookie(
        &app.call(
            "sign_in",
            None,
            &[("email", "mei@uni.edu"), ("password", PASSWORD)],
        )
        .await,
    )
    .unwrap();

    let wrong = app
        .call(
            "change_password",
            Some(&here),
            &[
                ("current_password", "nope nope nope"),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(
        wrong.text().await.unwrap(),
        r#"{"invalid":{"field":"current_password","rule":"incorrect"}}"#
    );
    let short = app
        .call(
            "change_password",
            Some(&here),
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_eq!(
        short.text().await.unwrap(),
        r#"{"invalid":{"field":"new_password","rule":{"too_short":{"min":10}}}}"#
    );

    let ok = app
        .call(
            "change_password",
            Some(&here),
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.json::<u64>().await.unwrap(), 1);
    assert_eq!(
        app.call("viewer_summary", Some(&here), &[]).await.status(),
        200
    );
    assert_eq!(
        app.call("viewer_summary", Some(&other), &[]).await.status(),
        401
    );

    let old = app
        .call(
            "sign_in",
            None,
            &[("email", "mei@uni.edu"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status(), 401);
    let new = app
        .call(
            "sign_in",
            None,
            &[("email", "mei@uni.edu"), ("password", "a brand new secret")],
        )
        .await;
    assert_eq!(new.status(), 200);
}

#[tokio::test]
async fn deleting_the_account_removes_everything_it_owns() {
    let app = spawn_app().await;
    let cookie = app.onboarded_user("mei@uni.edu", "mei_lin").await;
    let wrong = app
        .call(
            "delete_account",
            Some(&cookie),
            &[("confirmation", "not my password")],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let ok = app
        .call(
            "delete_account",
            Some(&cookie),
            &[("confirmation", PASSWORD)],
        )
        .await;
    assert_eq!(ok.status(), 200);
    assert_eq!(session_cookie(&ok).as_deref(), Some("focus_session="));
    for table in [
        "users",
        "auth_sessions",
        "credit_accounts",
        "notification_preferences",
    ] {
        let n = app.count(table).await;
        assert_eq!(n, 0, "{table} still has rows");
    }
    // The ledger keeps its rows, anonymised (the books still add up).
    let (rows, named): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(user_id) FROM credit_ledger")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!((rows, named), (1, 0));
    assert_eq!(app.get("/u/mei_lin").await.status(), 404);
    // The address is free again.
    app.sign_up("mei@uni.edu").await;
}

#[tokio::test]
async fn concurrent_sign_ups_with_one_email_make_exactly_one_account() {
    let app = spawn_app().await;
    let form = [("email", "race@uni.edu"), ("password", PASSWORD)];
    let attempts: Vec<_> = (0..50)
        .map(|_| app.spawn_call("sign_up", None, &form))
        .collect();
    let mut statuses = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.unwrap().status().as_u16());
    }
    let created = statuses.iter().filter(|s| **s == 200).count();
    assert_eq!(created, 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|s| [200, 409, 429].contains(s)),
        "{statuses:?}"
    );
    for (table, expected) in [
        ("users", 1),
        ("credit_accounts", 1),
        ("credit_ledger", 1),
        ("notification_preferences", 8),
    ] {
        let n = app.count(table).await;
        assert_eq!(n, expected, "{table}");
    }
}

#[tokio::test]
async fn an_account_without_a_password_sets_one_and_confirms_deletion_by_username() {
    let app = spawn_app().await;
    let cookie = google_only_user(&app, "gigi").await;

    // Email sign-in is impossible until a password is set; the session is the proof.
    let form = [("email", "gigi@example.test"), ("password", PASSWORD)];
    assert_eq!(app.call("sign_in", None, &form).await.status(), 401);
    let set = app
        .call(
            "change_password",
            Some(&cookie),
            &[("new_password", PASSWORD)],
        )
        .await;
    assert_eq!(set.status(), 200);
    assert_eq!(app.call("sign_in", None, &form).await.status(), 200);
}

#[tokio::test]
async fn a_google_only_account_is_deleted_by_typing_its_username() {
    let app = spawn_app().await;
    let cookie = google_only_user(&app, "Gigi").await;
    let wrong = app
        .call(
            "delete_account",
            Some(&cookie),
            &[("confirmation", "someone")],
        )
        .await;
    assert_eq!(
        wrong.text().await.unwrap(),
        r#"{"invalid":{"field":"confirmation","rule":"incorrect"}}"#
    );
    let ok = app
        .call("delete_account", Some(&cookie), &[("confirmation", "gigi")])
        .await;
    assert_eq!(ok.status(), 200);
    let users = app.count("users").await;
    assert_eq!(users, 0);
}

/// An onboarded account without a password, as "Continue with Google" creates them, with
/// its session cookie.
async fn google_only_user(app: &crate::harness::TestApp, username: &str) -> String {
    use app::domain::account::Email;
    use app::domain::preferences::Language;
    use app::server::auth::{accounts, sessions};
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin_write().await.unwrap();
    let email = Email::parse("gigi@example.test").unwrap();
    let user = accounts::create_user(&mut tx, &email, None, Language::En, now)
        .await
        .unwrap();
    let token = sessions::create(&mut tx, user, now).await.unwrap();
    tx.commit().await.unwrap();
    let cookie = format!("focus_session={token}");
    let resp = app
        .call(
            "complete_onboarding",
            Some(&cookie),
            &crate::harness::onboarding_form(username),
        )
        .await;
    assert_eq!(resp.status(), 200);
    cookie
}

#[tokio::test]
async fn sign_ups_are_rationed_per_address_and_for_everyone() {
    let app = spawn_app_with(&[
        ("FOCUS_TEST_MODE", "1"),
        ("FOCUS_BEHIND_PROXY", "true"),
        ("FOCUS_SIGNUPS_PER_ADDRESS_HOUR", "3"),
        ("FOCUS_SIGNUPS_PER_MINUTE", "5"),
    ])
    .await;
    let sign_up = |n: u32, from: &'static str| {
        let email = format!("s{n}@uni.edu");
        let app = &app;
        async move {
            app.client
                .post(format!("{}/api/sign_up", app.base))
                .header("x-forwarded-for", from)
                .form(&[("email", email.as_str()), ("password", PASSWORD)])
                .send()
                .await
                .unwrap()
        }
    };
    for n in 0..3 {
        assert_eq!(sign_up(n, "203.0.113.1").await.status(), 200);
    }
    let refused = sign_up(3, "203.0.113.1").await;
    assert_eq!(
        refused.status(),
        429,
        "a fourth account from one address waits"
    );
    let body: Value = refused.json().await.unwrap();
    assert!(body["rate_limited"]["retry_after_secs"].as_u64().unwrap() > 0);
    // Another address may still; then everyone together reaches the minute's five.
    assert_eq!(sign_up(4, "203.0.113.2").await.status(), 200);
    assert_eq!(sign_up(5, "203.0.113.3").await.status(), 200);
    assert_eq!(sign_up(6, "203.0.113.4").await.status(), 429);
    assert_eq!(app.count("users").await, 5);
    app.advance(MINUTE_MS + 1);
    assert_eq!(sign_up(7, "203.0.113.4").await.status(), 200);
}

#[tokio::test]
async fn every_changing_server_function_is_rate_limited_per_client() {
    let app = spawn_app().await;
    let (_, mei) = app.member("mei").await;
    let (_, bo) = app.member("bo").await;
    for n in 0..app::domain::write_limits::WRITE_BURST {
        let resp = app.call("resend_verification", Some(&mei), &[]).await;
        assert_eq!(resp.status(), 200, "call {n}");
    }
    let refused = app.call("resend_verification", Some(&mei), &[]).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(refused.headers()["retry-after"], "1");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["rate_limited"]["retry_after_secs"], 1);
    // Someone else, and reads, are not held back.
    assert_eq!(
        app.call("resend_verification", Some(&bo), &[])
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call("viewer_summary", Some(&mei), &[]).await.status(),
        200
    );
}
