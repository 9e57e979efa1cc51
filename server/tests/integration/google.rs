//! Google sign-in around the provider: absent unless configured, and refusals that need
//! no provider (cancelled, forged state, provider unreachable). The whole flow against a
//! real OpenID provider runs in the end-to-end tests (end2end/tests/google.spec.ts).

use crate::harness::{spawn_app, spawn_app_with};

const UNREACHABLE: [(&str, &str); 5] = [
    ("FOCUS_TEST_MODE", "1"),
    ("FOCUS_GOOGLE_CLIENT_ID", "client-1"),
    ("FOCUS_GOOGLE_CLIENT_SECRET", "secret-1"),
    ("FOCUS_PUBLIC_URL", "http://127.0.0.1:9"),
    // Nothing listens on the discard port: discovery fails fast.
    ("FOCUS_GOOGLE_ISSUER", "http://127.0.0.1:9"),
];

#[tokio::test]
async fn without_configuration_there_is_no_google_button_or_route() {
    let app = spawn_app().await;
    let html = app.navigate("/signin", None).await.text().await.unwrap();
    assert!(html.contains("Welcome back"));
    assert!(!html.contains("Continue with Google"));
    assert_eq!(app.navigate("/auth/google", None).await.status(), 404);
    assert_eq!(
        app.navigate("/auth/google/callback?code=x&state=y", None)
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn with_configuration_the_button_appears_and_failures_come_back_as_messages() {
    let app = spawn_app_with(&UNREACHABLE).await;
    let html = app
        .navigate("/signin?next=/app/settings", None)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Continue with Google"), "{html}");
    assert!(html.contains(r#"href="/auth/google?next=/app/settings""#));

    // The provider is down: back to sign-in with a message, not an error page.
    let resp = app.navigate("/auth/google", None).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "/signin?google=unavailable");
    let html = app
        .navigate("/signin?google=unavailable", None)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Google sign-in is not reachable right now"));

    // Cancelled at Google.
    let resp = app
        .navigate("/auth/google/callback?error=access_denied&state=s", None)
        .await;
    assert_eq!(resp.headers()["location"], "/signin?google=cancelled");

    // A callback whose state is not this browser's (a forged link) signs nobody in.
    let resp = app
        .navigate(
            "/auth/google/callback?code=c&state=forged",
            Some("focus_oidc=other"),
        )
        .await;
    assert_eq!(resp.headers()["location"], "/signin?google=failed");
    assert!(crate::harness::session_cookie(&resp).is_none());
    let resp = app
        .navigate("/auth/google/callback?code=c&state=s", None)
        .await;
    assert_eq!(resp.headers()["location"], "/signin?google=failed");
}
