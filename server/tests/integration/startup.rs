//! Start-up: secrets persisted once, migrations re-runnable, and bad configuration ending
//! the process with one clear line instead of a panic.

use crate::harness::{leptos_options, spawn_app, spawn_app_with};
use app::server::config::Config;
use std::process::Command;

#[tokio::test]
async fn the_generated_secret_is_stored_once_and_reused() {
    let app = spawn_app().await;
    let first = app.state.secrets.session_key.expose().to_owned();
    assert_eq!(first.len(), 64);
    // A second instance on the same database (migrations run again) agrees on the key.
    let config = Config::from_vars(app.vars.clone()).unwrap();
    let second = server::startup::build_state(config, leptos_options())
        .await
        .unwrap();
    assert_eq!(second.secrets.session_key.expose(), first);
    second.db.close().await;
}

#[tokio::test]
async fn an_operator_secret_wins_and_is_not_stored() {
    let given = "s".repeat(40);
    let app = spawn_app_with(&[("FOCUS_SESSION_SECRET", &given)]).await;
    assert_eq!(app.state.secrets.session_key.expose(), given);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM server_secrets")
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_port_in_use_is_reported_with_the_fix() {
    let app = spawn_app().await;
    let taken = app.base.trim_start_matches("http://").parse().unwrap();
    let err = server::startup::bind(taken).await.unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("cannot listen on {taken}: ")),
        "{err}"
    );
    assert!(err.contains("FOCUS_ADDR"), "{err}");
}

/// Runs the real binary with `vars` and returns (exit code, stderr).
fn run_server(vars: &[(&str, &str)]) -> (Option<i32>, String) {
    let dir =
        std::env::temp_dir().join(format!("focus-bin-{}", app::server::secrets::random_hex(4)));
    std::fs::create_dir_all(&dir).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(&dir)
        .env_clear()
        .envs(vars.iter().copied())
        .output()
        .expect("the server binary runs");
    let _ = std::fs::remove_dir_all(&dir);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_one_clear_line(stderr: &str, expected: &str) {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("focus-squad:"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains(expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn an_unparseable_database_url_exits_with_one_line() {
    let (code, stderr) = run_server(&[("FOCUS_DATABASE_URL", "not a url")]);
    assert_eq!(code, Some(1));
    assert_one_clear_line(
        &stderr,
        "FOCUS_DATABASE_URL: expected a URL starting with sqlite: or postgres://",
    );
}

#[test]
fn an_unreachable_database_exits_with_one_line() {
    let (code, stderr) = run_server(&[
        (
            "FOCUS_DATABASE_URL",
            "postgres://focus:secret@127.0.0.1:1/focus",
        ),
        ("FOCUS_ADDR", "127.0.0.1:0"),
        ("FOCUS_LOG", "off"),
    ]);
    assert_eq!(code, Some(1));
    assert_one_clear_line(
        &stderr,
        "cannot open the database at postgres://focus:***@127.0.0.1:1/focus",
    );
    assert!(!stderr.contains("secret"), "{stderr}");
}

#[test]
fn a_port_in_use_exits_with_one_line() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (code, stderr) = run_server(&[("FOCUS_ADDR", &addr), ("FOCUS_LOG", "off")]);
    assert_eq!(code, Some(1));
    assert_one_clear_line(&stderr, &format!("cannot listen on {addr}"));
}

#[test]
fn migrate_subcommand_applies_migrations_and_exits() {
    let dir = std::env::temp_dir().join(format!(
        "focus-migrate-{}",
        app::server::secrets::random_hex(4)
    ));
    let url = format!("sqlite://{}/focus.db", dir.display());
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("migrate")
        .env_clear()
        .env("FOCUS_DATABASE_URL", &url)
        .env("FOCUS_LOG", "off")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("migrations applied"));
    assert!(dir.join("focus.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
