//! Admin roles live in the database: granted and revoked by the person running the
//! server (`server admin …`, run here as the real binary against the test database),
//! never by a configured address, and with email configured only effective once the
//! address is verified.

use crate::harness::{spawn_app_with, TestApp};
use serde_json::Value;
use std::process::Command;

/// Runs `server admin <args>` against `app`'s database: (success, stdout, stderr).
fn admin_command(app: &TestApp, args: &[&str]) -> (bool, String, String) {
    let url = app
        .vars
        .iter()
        .find(|(k, _)| k == "FOCUS_DATABASE_URL")
        .map(|(_, v)| v.clone())
        .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("admin")
        .args(args)
        .env_clear()
        .env("FOCUS_DATABASE_URL", url)
        .env("FOCUS_LOG", "off")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

async fn is_admin(app: &TestApp, cookie: &str) -> bool {
    let summary: Value = app
        .call("viewer_summary", Some(cookie), &[])
        .await
        .json()
        .await
        .unwrap();
    summary["is_admin"].as_bool().unwrap()
}

#[tokio::test]
async fn the_server_command_grants_lists_and_revokes_admins() {
    let app = spawn_app_with(&[]).await;
    let (_, boss) = app.member("boss").await;
    let (_, mei) = app.member("mei").await;
    assert!(!is_admin(&app, &boss).await);
    let (ok, out, _) = admin_command(&app, &["list"]);
    assert!(ok);
    assert_eq!(out.trim(), "no admins");

    let (ok, out, err) = admin_command(&app, &["grant", "Boss@Example.com"]);
    assert!(ok, "{err}");
    assert!(out.contains("is now an admin"), "{out}");
    assert!(is_admin(&app, &boss).await);
    assert!(!is_admin(&app, &mei).await);
    let form = [("username", "mei"), ("tier", "pro")];
    assert_eq!(app.call("set_tier", Some(&boss), &form).await.status(), 200);
    assert_eq!(app.call("set_tier", Some(&mei), &form).await.status(), 403);

    let (_, out, _) = admin_command(&app, &["list"]);
    assert!(
        out.contains("boss@example.com\tboss\tnot verified"),
        "{out}"
    );
    let (ok, out, _) = admin_command(&app, &["revoke", "boss"]);
    assert!(ok);
    assert!(out.contains("is no longer an admin"), "{out}");
    assert!(!is_admin(&app, &boss).await);
    assert_eq!(app.call("set_tier", Some(&boss), &form).await.status(), 403);
    let (changes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM role_changes")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(changes, 2, "every change is on record");

    let (ok, _, err) = admin_command(&app, &["grant", "nobody"]);
    assert!(!ok);
    assert!(
        err.contains("no account with the email or username \"nobody\""),
        "{err}"
    );
    let (ok, _, err) = admin_command(&app, &["promote", "boss"]);
    assert!(!ok);
    assert!(err.contains("admin grant|revoke"), "{err}");
}

#[test]
fn a_configured_address_no_longer_makes_an_admin() {
    let vars = [
        ("FOCUS_ADMIN_EMAILS", "boss@example.com"),
        ("FOCUS_DATABASE_URL", "sqlite::memory:"),
    ];
    let err = app::server::config::Config::from_vars(
        vars.iter().map(|(k, v)| (k.to_string(), v.to_string())),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("FOCUS_ADMIN_EMAILS: is no longer read: admins are granted in the database"),
        "{err}"
    );
}
