//! Test harness: starts the real server on port 0 against a fresh database.
//!
//! The backend comes from `FOCUS_TEST_DATABASE` (`sqlite`, the default, or `postgres`);
//! PostgreSQL tests create a fresh database per test on `FOCUS_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/test`) and drop it when the [`TestApp`] goes.

use app::server::config::Config;
use app::server::AppState;
use leptos::prelude::LeptosOptions;
use sqlx::Connection;
use std::path::PathBuf;

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The state the server runs with (same database, same clock).
    pub state: AppState,
    /// A client that does not follow redirects.
    pub client: reqwest::Client,
    /// The variables the configuration was built from (to start a second instance).
    pub vars: Vec<(String, String)>,
    database: TestDatabase,
}

enum TestDatabase {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// Which backend this test run uses.
pub fn backend() -> String {
    std::env::var("FOCUS_TEST_DATABASE").unwrap_or_else(|_| "sqlite".to_owned())
}

fn postgres_admin_url() -> String {
    std::env::var("FOCUS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn unique_suffix() -> String {
    app::server::secrets::random_hex(6)
}

/// Leptos options for tests (no built site is needed for server rendering).
pub fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("focus-squad")
        .site_root("target/site")
        .build()
}

/// Variables for a fresh database of the selected backend, plus `extra`.
async fn fresh_database(extra: &[(&str, &str)]) -> (Vec<(String, String)>, TestDatabase) {
    let (url, database) = if backend() == "postgres" {
        let admin_url = postgres_admin_url();
        let name = format!("focus_test_{}", unique_suffix());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("PostgreSQL for tests is not reachable (FOCUS_TEST_POSTGRES_URL)");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("cannot create a test database");
        let (base, _) = admin_url
            .rsplit_once('/')
            .expect("admin URL has a database");
        (
            format!("{base}/{name}"),
            TestDatabase::Postgres { admin_url, name },
        )
    } else {
        let dir = std::env::temp_dir().join(format!("focus-test-{}", unique_suffix()));
        let url = format!("sqlite://{}?mode=rwc", dir.join("focus.db").display());
        (url, TestDatabase::Sqlite(dir))
    };
    let mut vars = vec![
        ("FOCUS_DATABASE_URL".to_owned(), url),
        // Only read when a test also turns test mode on.
        (
            "FOCUS_TEST_CLOCK_TOKEN".to_owned(),
            TEST_CLOCK_TOKEN.to_owned(),
        ),
    ];
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    (vars, database)
}

/// Starts a server on a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Starts a server on a fresh database with extra `FOCUS_*` variables.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    let (vars, database) = fresh_database(extra).await;
    let config = Config::from_vars(vars.clone()).expect("test configuration is valid");
    let state = server::startup::build_state(config, leptos_options())
        .await
        .expect("server state builds");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let serving = state.clone();
    tokio::spawn(
        async move { server::startup::serve(listener, serving, std::future::pending()).await },
    );
    // A request that never ends fails its test (with the address) instead of holding CI.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap();
    TestApp {
        base,
        state,
        client,
        vars,
        database,
    }
}

impl TestApp {
    /// `GET base + path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request reaches the server")
    }

    /// `GET base + path` as a browser navigation (`Accept: text/html`, so redirects are
    /// real 302s), with the session `cookie` if given.
    pub async fn navigate(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html,application/xhtml+xml");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.expect("request reaches the server")
    }

    /// The HTML of `GET base + path` sent with extra request `headers`.
    pub async fn page_with(&self, path: &str, headers: &[(&str, &str)]) -> String {
        let mut request = self.client.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request reaches the server");
        response.text().await.expect("the page has a body")
    }

    fn form_request(
        &self,
        endpoint: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> reqwest::RequestBuilder {
        let request = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form);
        match cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        }
    }

    /// Calls server function `endpoint` (`/api/{endpoint}`) with form fields, as the
    /// enhanced browser form does, with the session `cookie` if given.
    pub async fn call(
        &self,
        endpoint: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.form_request(endpoint, cookie, form)
            .send()
            .await
            .expect("request reaches the server")
    }

    /// Like [`TestApp::call`], started at once on its own task (for races).
    pub fn spawn_call(
        &self,
        endpoint: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> tokio::task::JoinHandle<reqwest::Response> {
        let request = self.form_request(endpoint, cookie, form);
        tokio::spawn(async move { request.send().await.expect("request reaches the server") })
    }

    /// Signs up `email` (password [`PASSWORD`]) and returns the session cookie.
    pub async fn sign_up(&self, email: &str) -> String {
        let resp = self
            .call("sign_up", None, &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(resp.status(), 200, "sign-up of {email} failed");
        session_cookie(&resp).expect("sign-up sets the session cookie")
    }

    /// Signs up `email` and completes onboarding as `username`; returns the cookie.
    pub async fn onboarded_user(&self, email: &str, username: &str) -> String {
        let cookie = self.sign_up(email).await;
        let resp = self
            .call(
                "complete_onboarding",
                Some(&cookie),
                &onboarding_form(username),
            )
            .await;
        assert_eq!(resp.status(), 200, "onboarding of {username} failed");
        cookie
    }

    /// How many rows `table` has.
    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.state.db.pool())
            .await
            .unwrap();
        n
    }

    /// Moves the server's clock (test mode only).
    pub fn advance(&self, ms: i64) {
        self.state
            .test_clock
            .as_ref()
            .expect("started with FOCUS_TEST_MODE")
            .shift_millis(ms);
    }

    /// Moves the server's clock so that it reads `at` now (it keeps running from there).
    pub fn set_now(&self, at: app::domain::time::Timestamp) {
        self.state
            .test_clock
            .as_ref()
            .expect("started with FOCUS_TEST_MODE")
            .set(at);
    }

    /// A member who finished onboarding, made directly through the account service (no
    /// password hashing, for tests that need hundreds): `(user id, session cookie)`.
    pub async fn member(&self, username: &str) -> (i64, String) {
        use app::domain::account::Email;
        use app::domain::preferences::Language;
        let now = self.state.clock.now();
        let mut tx = self.state.db.begin_write().await.unwrap();
        let email = Email::parse(&format!("{username}@example.com")).unwrap();
        let id = app::server::auth::accounts::create_user(&mut tx, &email, None, Language::En, now)
            .await
            .unwrap();
        sqlx::query(
            "UPDATE users SET username = $1, username_canonical = $2, display_name = $1, \
             onboarded_at = $3 WHERE id = $4",
        )
        .bind(username)
        .bind(username.to_lowercase())
        .bind(now.unix_millis())
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
        let token = app::server::auth::sessions::create(&mut tx, id, now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        (id, format!("focus_session={token}"))
    }

    /// Runs one scheduler tick at the clock's "now".
    pub async fn tick(&self) -> app::server::scheduler::TickReport {
        app::server::scheduler::tick(&self.state)
            .await
            .expect("scheduler tick")
    }

    /// `user_id`'s credit balance (the ledger's sum).
    pub async fn balance(&self, user_id: i64) -> i64 {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM credit_ledger WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_one(self.state.db.pool())
        .await
        .unwrap();
        n
    }
}

/// A test's server goes with its database when the test ends, passed or failed: the
/// SQLite directory is removed, the PostgreSQL database dropped (its connections cut).
impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.database {
            TestDatabase::Sqlite(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            TestDatabase::Postgres { admin_url, name } => {
                let (admin_url, drop_sql) = (
                    admin_url.clone(),
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                );
                // Dropped inside the test's own runtime, which must not be blocked on:
                // the database is dropped from a thread with a runtime of its own.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    runtime.block_on(async {
                        let mut admin = sqlx::PgConnection::connect(&admin_url).await?;
                        sqlx::query(&drop_sql).execute(&mut admin).await?;
                        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
                    })
                })
                .join();
                // A failed test is already failing; a leftover database is only noise.
                if let Ok(Err(error)) = dropped {
                    eprintln!("test database {name} was not dropped: {error}");
                }
            }
        }
    }
}

/// The bearer token the test clock route demands in test apps.
pub const TEST_CLOCK_TOKEN: &str = "test-clock-token-0123456789abcdef0123";

/// The password test accounts use.
pub const PASSWORD: &str = "correct horse battery";

/// The `focus_session=...` pair a response sets, if any (an empty value means "cleared").
pub fn session_cookie(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("focus_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

/// A complete onboarding form for `username`.
pub fn onboarding_form(username: &str) -> Vec<(&str, &str)> {
    vec![
        ("username", username),
        ("display_name", "Mei Lin"),
        ("language", "en"),
        ("time_zone", "Asia/Taipei"),
        ("interests[]", "math"),
        ("interests[]", "writing"),
    ]
}
