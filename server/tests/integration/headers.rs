//! Security headers: a page's Content-Security-Policy admits only scripts that carry its
//! render's nonce (every script Leptos writes does), nothing may frame a page, and every
//! response says no sniffing and how much referrer to send; HSTS over https.

use crate::harness::{spawn_app, spawn_app_with};

/// The `nonce-…` value of `policy`'s script-src.
fn nonce_of(policy: &str) -> String {
    let start = policy.find("'nonce-").expect("a nonce in script-src") + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_owned()
}

#[tokio::test]
async fn pages_admit_only_scripts_with_their_nonce() {
    let app = spawn_app().await;
    let mut nonces = Vec::new();
    for path in ["/", "/signin", "/no/such/page"] {
        let resp = app.navigate(path, None).await;
        let policy = resp.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let script_src = policy
            .split(';')
            .find(|d| d.trim_start().starts_with("script-src"))
            .unwrap()
            .to_owned();
        assert!(!script_src.contains("unsafe-inline"), "{path}: {policy}");
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        let nonce = nonce_of(&policy);
        let html = resp.text().await.unwrap();
        let scripts: Vec<&str> = html.split("<script").skip(1).collect();
        assert!(
            !scripts.is_empty(),
            "{path}: the page hydrates with a script"
        );
        for script in scripts {
            let end = script.find('>').unwrap();
            let tag = &script[..end];
            let body = &script[end + 1..script.find("</script>").unwrap()];
            // An empty script never runs (the i18n crate leaves one as a placeholder),
            // so a policy has nothing to say about it; every other one needs the nonce.
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\""))
                    || (body.is_empty() && !tag.contains("src=")),
                "{path}: a script without the page's nonce: <script{tag}>{body}"
            );
        }
        nonces.push(nonce);
    }
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "a fresh nonce for every render");
}

#[tokio::test]
async fn every_response_refuses_sniffing_and_framing() {
    let app = spawn_app().await;
    for path in ["/healthz", "/favicon.svg", "/"] {
        let resp = app.get(path).await;
        let headers = resp.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "{path}: plain http"
        );
    }
}

#[tokio::test]
async fn behind_an_https_proxy_browsers_are_told_to_stay_on_https() {
    let app = spawn_app_with(&[("FOCUS_BEHIND_PROXY", "true")]).await;
    let resp = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test]
async fn forms_may_lead_on_to_the_configured_sign_in_provider() {
    let app = spawn_app_with(&[
        ("FOCUS_TEST_MODE", "1"),
        ("FOCUS_GOOGLE_CLIENT_ID", "client-1"),
        ("FOCUS_GOOGLE_CLIENT_SECRET", "secret-1"),
        ("FOCUS_PUBLIC_URL", "http://127.0.0.1:9"),
        ("FOCUS_GOOGLE_ISSUER", "http://127.0.0.1:9"),
    ])
    .await;
    let resp = app.navigate("/signin", None).await;
    let policy = resp.headers()["content-security-policy"].to_str().unwrap();
    // The settings' "Connect Google" form is answered with a redirect to the provider,
    // which browsers check against form-action.
    assert!(
        policy.contains("form-action 'self' http://127.0.0.1:9;"),
        "{policy}"
    );
}
