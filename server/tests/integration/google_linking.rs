//! Google sign-in's account rules, through the real callback against a fake OpenID
//! provider (discovery, keys and a token endpoint signing with a test key): an existing
//! account is joined by email only when its address is verified, a signed-in member links
//! Google from settings, a Google account linked to someone cannot be linked to another,
//! and a provider whose discovery names another issuer is refused.

use crate::harness::{session_cookie, spawn_app_with, TestApp};
use axum::extract::{Form, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const PRIVATE_KEY: &[u8] = include_bytes!("../../../app/src/server/oidc/test_signing_key.pem");
const JWKS: &str = include_str!("../../../app/src/server/oidc/test_jwks.json");
const CLIENT_ID: &str = "focus-client";

/// Who a code stands for: (subject, email, the nonce the sign-in sent).
type Scripted = (String, String, String);

/// The fake provider: it answers each code with the identity the test scripted for it.
#[derive(Clone, Default)]
struct Provider {
    base: String,
    /// What discovery names as issuer (the provider's own address unless a test says).
    claims_issuer: Arc<Mutex<Option<String>>>,
    /// code → (subject, email, nonce).
    codes: Arc<Mutex<HashMap<String, Scripted>>>,
}

async fn discovery(State(p): State<Provider>) -> Json<Value> {
    let issuer = p
        .claims_issuer
        .lock()
        .unwrap()
        .clone()
        .unwrap_or(p.base.clone());
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{}/authorize", p.base),
        "token_endpoint": format!("{}/token", p.base),
        "jwks_uri": format!("{}/jwks", p.base),
    }))
}

async fn token(
    State(p): State<Provider>,
    Form(form): Form<HashMap<String, String>>,
) -> Json<Value> {
    let (sub, email, nonce) = p.codes.lock().unwrap()[&form["code"]].clone();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let claims = json!({
        "iss": p.base, "aud": CLIENT_ID, "sub": sub, "email": email, "email_verified": true,
        "nonce": nonce, "iat": now, "exp": now + 600,
    });
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("test-key".into());
    let id_token = encode(
        &header,
        &claims,
        &EncodingKey::from_rsa_pem(PRIVATE_KEY).unwrap(),
    )
    .unwrap();
    Json(json!({ "id_token": id_token, "token_type": "Bearer" }))
}

impl Provider {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let provider = Provider {
            base: format!("http://{}", listener.local_addr().unwrap()),
            ..Provider::default()
        };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route(
                "/jwks",
                get(|| async { ([("content-type", "application/json")], JWKS) }),
            )
            .route("/token", post(token))
            .with_state(provider.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        provider
    }
}

async fn app_for(provider: &Provider) -> TestApp {
    spawn_app_with(&[
        ("FOCUS_TEST_MODE", "1"),
        ("FOCUS_PUBLIC_URL", "http://focus.test"),
        ("FOCUS_GOOGLE_CLIENT_ID", CLIENT_ID),
        ("FOCUS_GOOGLE_CLIENT_SECRET", "focus-secret"),
        ("FOCUS_GOOGLE_ISSUER", &provider.base),
    ])
    .await
}

/// How a Google flow starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// `GET /auth/google`: sign in.
    SignIn,
    /// `POST /auth/google` (the settings' form): link to the signed-in account.
    Link,
}

/// Starts a flow as the settings form or the sign-in link would.
async fn begin(app: &TestApp, start: Start, cookie: Option<&str>) -> reqwest::Response {
    match start {
        Start::SignIn => app.navigate("/auth/google", cookie).await,
        Start::Link => {
            let mut request = app.client.post(format!("{}/auth/google", app.base));
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.send().await.unwrap()
        }
    }
}

/// Runs Google sign-in (or linking) as the person `subject` with `email`: where the
/// callback sends the browser, and the session cookie it sets.
async fn google(
    app: &TestApp,
    provider: &Provider,
    start: Start,
    cookie: Option<&str>,
    subject: &str,
    email: &str,
) -> (String, Option<String>) {
    let out = begin(app, start, cookie).await;
    assert_eq!(out.status(), 303);
    let to = reqwest::Url::parse(out.headers()["location"].to_str().unwrap()).unwrap();
    let query: HashMap<String, String> = to.query_pairs().into_owned().collect();
    let code = format!("code-{subject}-{}", app::server::secrets::random_hex(4));
    provider.codes.lock().unwrap().insert(
        code.clone(),
        (subject.to_owned(), email.to_owned(), query["nonce"].clone()),
    );
    let state = &query["state"];
    let mut cookies = format!("focus_oidc={state}");
    if let Some(cookie) = cookie {
        cookies = format!("{cookies}; {cookie}");
    }
    let back = app
        .navigate(
            &format!("/auth/google/callback?code={code}&state={state}"),
            Some(&cookies),
        )
        .await;
    assert_eq!(back.status(), 303);
    let next = back.headers()["location"].to_str().unwrap().to_owned();
    (next, session_cookie(&back))
}

async fn linked_to(app: &TestApp, subject: &str) -> Option<i64> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM oidc_identities WHERE subject = $1")
            .bind(subject)
            .fetch_optional(app.state.db.pool())
            .await
            .unwrap();
    row.map(|(id,)| id)
}

async fn verify_address(app: &TestApp, user_id: i64) {
    sqlx::query("UPDATE users SET email_verified_at = 1 WHERE id = $1")
        .bind(user_id)
        .execute(app.state.db.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_unverified_account_is_not_joined_by_email_a_verified_one_is() {
    let provider = Provider::start().await;
    let app = app_for(&provider).await;
    let (mei, _) = app.member("mei").await;
    let (next, cookie) = google(
        &app,
        &provider,
        Start::SignIn,
        None,
        "g-mei",
        "mei@example.com",
    )
    .await;
    assert_eq!(next, "/signin?google=sign_in_first");
    assert!(cookie.is_none());
    assert_eq!(linked_to(&app, "g-mei").await, None);
    assert_eq!(app.count("users").await, 1, "no second account either");
    verify_address(&app, mei).await;
    let (next, cookie) = google(
        &app,
        &provider,
        Start::SignIn,
        None,
        "g-mei",
        "mei@example.com",
    )
    .await;
    assert_eq!(next, "/app");
    assert!(cookie.is_some());
    assert_eq!(linked_to(&app, "g-mei").await, Some(mei));
}

#[tokio::test]
async fn a_member_links_google_from_settings_and_nobody_else_can_take_it() {
    let provider = Provider::start().await;
    let app = app_for(&provider).await;
    let (mei, mei_cookie) = app.member("mei").await;
    let (_, bo_cookie) = app.member("bo").await;
    // Mei's Google account uses another address: linking from settings still works.
    let (next, _) = google(
        &app,
        &provider,
        Start::Link,
        Some(&mei_cookie),
        "g-1",
        "mei.lin@gmail.test",
    )
    .await;
    assert_eq!(next, "/app/settings?google=linked");
    assert_eq!(linked_to(&app, "g-1").await, Some(mei));
    let status: Value = app
        .call("email_status", Some(&mei_cookie), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["google_linked"], true);
    assert_eq!(
        status["verified"], false,
        "another address confirms nothing here"
    );
    // Bo cannot link Mei's Google account to his.
    let (next, _) = google(
        &app,
        &provider,
        Start::Link,
        Some(&bo_cookie),
        "g-1",
        "mei.lin@gmail.test",
    )
    .await;
    assert_eq!(next, "/signin?google=failed");
    assert_eq!(linked_to(&app, "g-1").await, Some(mei));
    // Linking needs a sign-in, and a form of this site: another site cannot start it.
    let out = begin(&app, Start::Link, None).await;
    assert_eq!(out.headers()["location"], "/signin?next=/app/settings");
    let cross_site = app
        .client
        .post(format!("{}/auth/google", app.base))
        .header("cookie", &mei_cookie)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
}

#[tokio::test]
async fn a_provider_naming_another_issuer_is_refused() {
    let provider = Provider::start().await;
    *provider.claims_issuer.lock().unwrap() = Some("https://accounts.example".into());
    let app = app_for(&provider).await;
    let out = app.navigate("/auth/google", None).await;
    assert_eq!(out.headers()["location"], "/signin?google=unavailable");
}
