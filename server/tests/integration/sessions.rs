//! Sessions: the cookie, sliding renewal, expiry, sign-out (here and everywhere), the
//! route guard, and the cross-site check on state-changing requests.

use crate::harness::{session_cookie, spawn_app, spawn_app_with, PASSWORD};
use app::domain::auth::{SESSION_ABSOLUTE_MS, SESSION_LIFETIME_MS, SESSION_RENEW_EVERY_MS};
use app::domain::time::MINUTE_MS;
use serde_json::Value;

async fn expires_at(app: &crate::harness::TestApp) -> i64 {
    let (at,): (i64,) = sqlx::query_as("SELECT expires_at FROM auth_sessions")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    at
}

#[tokio::test]
async fn a_session_slides_forward_while_used_and_ends_when_left_alone() {
    let app = spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await;
    let cookie = app.onboarded_user("mei@uni.edu", "mei_lin").await;
    let first = expires_at(&app).await;

    // Within a day: no renewal, no new cookie.
    app.advance(SESSION_RENEW_EVERY_MS - MINUTE_MS);
    let resp = app.call("viewer_summary", Some(&cookie), &[]).await;
    assert_eq!(resp.status(), 200);
    assert!(session_cookie(&resp).is_none());
    assert_eq!(expires_at(&app).await, first);

    // After a day: the expiry moves and the cookie is re-sent with the same token.
    app.advance(2 * MINUTE_MS);
    let before = app.state.clock.now().unix_millis();
    let resp = app.call("viewer_summary", Some(&cookie), &[]).await;
    let after = app.state.clock.now().unix_millis();
    assert_eq!(resp.status(), 200);
    assert_eq!(session_cookie(&resp).as_deref(), Some(cookie.as_str()));
    let renewed = expires_at(&app).await;
    assert!((before + SESSION_LIFETIME_MS..=after + SESSION_LIFETIME_MS).contains(&renewed));

    // Unused for the whole lifetime: gone, and the browser is told to drop the cookie.
    app.advance(SESSION_LIFETIME_MS);
    let resp = app.call("viewer_summary", Some(&cookie), &[]).await;
    assert_eq!(resp.status(), 401);
    assert_eq!(session_cookie(&resp).as_deref(), Some("focus_session="));
    let left = app.count("auth_sessions").await;
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_session_used_every_day_still_ends_at_its_absolute_limit() {
    let app = spawn_app_with(&[("FOCUS_TEST_MODE", "1")]).await;
    let cookie = app.onboarded_user("mei@uni.edu", "mei_lin").await;
    let days = SESSION_ABSOLUTE_MS / SESSION_RENEW_EVERY_MS;
    for _ in 0..days - 1 {
        app.advance(SESSION_RENEW_EVERY_MS);
        let resp = app.call("viewer_summary", Some(&cookie), &[]).await;
        assert_eq!(resp.status(), 200);
    }
    app.advance(SESSION_RENEW_EVERY_MS);
    let resp = app.call("viewer_summary", Some(&cookie), &[]).await;
    assert_eq!(resp.status(), 401, "day {days}: the absolute limit");
    assert_eq!(session_cookie(&resp).as_deref(), Some("focus_session="));
    assert_eq!(app.count("auth_sessions").await, 0);
}

#[tokio::test]
async fn the_summary_shows_name_and_real_credits() {
    let app = spawn_app().await;
    let cookie = app.onboarded_user("mei@uni.edu", "Mei_Lin").await;
    let summary: Value = app
        .call("viewer_summary", Some(&cookie), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary["username"], "Mei_Lin");
    assert_eq!(summary["display_name"], "Mei Lin");
    assert_eq!(summary["credits"], 2);
    assert_eq!(summary["onboarded"], true);
    let forged = app
        .call("viewer_summary", Some("focus_session=forged"), &[])
        .await;
    assert_eq!(forged.status(), 401);
}

#[tokio::test]
async fn signing_out_ends_this_session_and_everywhere_ends_all() {
    let app = spawn_app().await;
    let a = app.onboarded_user("mei@uni.edu", "mei_lin").await;
    let sign_in = || {
        app.call(
            "sign_in",
            None,
            &[("email", "mei@uni.edu"), ("password", PASSWORD)],
        )
    };
    let b = session_cookie(&sign_in().await).unwrap();
    let c = session_cookie(&sign_in().await).unwrap();

    // The public header's question, in plain text.
    let server = &app;
    let signed_in = |cookie: Option<String>| async move {
        let resp = server.call("signed_in", cookie.as_deref(), &[]).await;
        assert_eq!(resp.status(), 200);
        resp.text().await.unwrap()
    };
    assert_eq!(signed_in(Some(a.clone())).await, "true");
    assert_eq!(signed_in(None).await, "false");

    let out = app.call("sign_out", Some(&a), &[]).await;
    assert_eq!(out.status(), 200);
    assert_eq!(session_cookie(&out).as_deref(), Some("focus_session="));
    assert_eq!(out.json::<String>().await.unwrap(), "/");
    assert_eq!(
        app.call("viewer_summary", Some(&a), &[]).await.status(),
        401
    );
    assert_eq!(
        app.call("viewer_summary", Some(&b), &[]).await.status(),
        200
    );

    assert_eq!(signed_in(Some(a.clone())).await, "false");
    assert_eq!(signed_in(Some(b.clone())).await, "true");

    let everywhere = app.call("sign_out_everywhere", Some(&b), &[]).await;
    assert_eq!(everywhere.status(), 200);
    assert_eq!(signed_in(Some(c.clone())).await, "false");
    assert_eq!(
        app.call("viewer_summary", Some(&b), &[]).await.status(),
        401
    );
    assert_eq!(
        app.call("viewer_summary", Some(&c), &[]).await.status(),
        401
    );
    assert_eq!(
        app.call("sign_out_everywhere", None, &[]).await.status(),
        401
    );
}

#[tokio::test]
async fn plain_form_posts_are_redirected_instead_of_answered() {
    let app = spawn_app().await;
    app.sign_up("mei@uni.edu").await;
    let resp = app
        .client
        .post(format!("{}/api/sign_in", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/signin", app.base))
        .form(&[("email", "mei@uni.edu"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["location"], "/onboarding");
    assert!(session_cookie(&resp).is_some());
}

#[tokio::test]
async fn the_guard_sends_visitors_to_sign_in_and_back() {
    let app = spawn_app().await;
    let resp = app.navigate("/app/settings", None).await;
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["location"], "/signin?next=/app/settings");

    let cookie = app.sign_up("mei@uni.edu").await;
    let resp = app.navigate("/app", Some(&cookie)).await;
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["location"], "/onboarding");

    let resp = app
        .call(
            "complete_onboarding",
            Some(&cookie),
            &crate::harness::onboarding_form("mei_lin"),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app.navigate("/app", Some(&cookie)).await;
    assert_eq!(resp.status(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Good to see you, Mei Lin"), "{html}");
    assert!(html.contains(r#"data-testid="credits-badge""#));
    // Onboarding is over: its page sends the user on to the dashboard.
    let resp = app.navigate("/onboarding", Some(&cookie)).await;
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["location"], "/app");
}

#[tokio::test]
async fn cross_site_requests_that_change_state_are_refused() {
    let app = spawn_app().await;
    let host = app.base.trim_start_matches("http://").to_owned();
    let post = |origin: Option<String>, fetch_site: Option<&'static str>| {
        let mut request = app
            .client
            .post(format!("{}/api/sign_up", app.base))
            .form(&[("email", "mei@uni.edu"), ("password", PASSWORD)]);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    let evil = post(Some("https://evil.example".into()), Some("cross-site"))
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    assert!(session_cookie(&evil).is_none());
    let sneaky = post(None, Some("cross-site")).await.unwrap();
    assert_eq!(sneaky.status(), 403);
    let users = app.count("users").await;
    assert_eq!(users, 0, "a refused request must not write");
    let own = post(Some(format!("http://{host}")), Some("same-origin"))
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
}

#[tokio::test]
async fn behind_a_proxy_cookies_are_secure_and_limits_see_the_real_address() {
    let app = spawn_app_with(&[("FOCUS_BEHIND_PROXY", "true")]).await;
    let resp = app
        .client
        .post(format!("{}/api/sign_up", app.base))
        .header("x-forwarded-proto", "https")
        .header("x-forwarded-for", "203.0.113.7")
        .form(&[("email", "mei@uni.edu"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("focus_session="))
        .unwrap()
        .to_owned();
    assert!(cookie.ends_with("; Secure"), "{cookie}");
    // Failures are counted against the forwarded address.
    app.client
        .post(format!("{}/api/sign_in", app.base))
        .header("x-forwarded-for", "203.0.113.7")
        .form(&[("email", "mei@uni.edu"), ("password", "wrong password")])
        .send()
        .await
        .unwrap();
    let (subject,): (String,) =
        sqlx::query_as("SELECT subject FROM auth_failures WHERE scope = 'address'")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
    assert_eq!(subject, "203.0.113.7");
}

#[tokio::test]
async fn pages_for_signed_out_visitors_render() {
    let app = spawn_app().await;
    for (path, text) in [
        ("/signin", "Welcome back"),
        ("/signup", "Create your account"),
    ] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), 200, "{path}");
        assert!(resp.text().await.unwrap().contains(text), "{path}");
    }
}
