//! Load generator: drives simulated students through sign-in and quick match against a
//! running Focus Squad server and prints throughput, latency percentiles and errors; with
//! `--database-url` it also measures the database's raw write-transaction rate in the same
//! run, so the two can be compared.
//!
//! ```text
//! cargo run --release -p server --bin loadgen -- --users 100 [--base http://127.0.0.1:3000]
//!     [--concurrency 64] [--database-url sqlite://data/focus.db] [--signed-in]
//! ```
//!
//! Accounts are created first (sign-up and onboarding, reported separately). By default
//! the measured phase is each user signing in and quick-matching, all at once. With
//! `--signed-in` every user also signs in during set-up (the session cookie is kept), so
//! the measured phase is quick match alone: no password hash shares the cores with it.

use server::bench::percentile;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

const PASSWORD: &str = "load test password";

struct Options {
    base: String,
    users: usize,
    concurrency: usize,
    database_url: Option<String>,
    /// Sign in during set-up and measure quick match alone.
    signed_in: bool,
}

fn options() -> Result<Options, String> {
    let mut opts = Options {
        base: "http://127.0.0.1:3000".to_owned(),
        users: 100,
        concurrency: 64,
        database_url: None,
        signed_in: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--base" => opts.base = value()?.trim_end_matches('/').to_owned(),
            "--users" => opts.users = value()?.parse().map_err(|_| "--users takes a number")?,
            "--concurrency" => {
                opts.concurrency = value()?
                    .parse()
                    .map_err(|_| "--concurrency takes a number")?
            }
            "--database-url" => opts.database_url = Some(value()?),
            "--signed-in" => opts.signed_in = true,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(opts)
}

/// One request's outcome.
struct Sample {
    step: &'static str,
    millis: f64,
    ok: bool,
}

async fn post(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    cookie: Option<&str>,
    from: Option<&str>,
    form: &[(&str, &str)],
) -> Result<(reqwest::StatusCode, Option<String>), reqwest::Error> {
    let mut request = client.post(format!("{base}/api/{endpoint}")).form(form);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    if let Some(address) = from {
        request = request.header("x-forwarded-for", address);
    }
    let resp = request.send().await?;
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("focus_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned());
    let status = resp.status();
    let _ = resp.bytes().await?;
    Ok((status, cookie))
}

async fn timed(
    step: &'static str,
    call: impl std::future::Future<
        Output = Result<(reqwest::StatusCode, Option<String>), reqwest::Error>,
    >,
) -> (Sample, Option<String>) {
    let started = Instant::now();
    let result = call.await;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok((status, cookie)) => (
            Sample {
                step,
                millis,
                ok: status.is_success(),
            },
            cookie,
        ),
        Err(_) => (
            Sample {
                step,
                millis,
                ok: false,
            },
            None,
        ),
    }
}

fn report(title: &str, samples: &[Sample], elapsed: Duration) {
    println!("\n{title} ({:.2} s)", elapsed.as_secs_f64());
    println!(
        "  {:<14} {:>6} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "step", "count", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"
    );
    let mut steps: Vec<&str> = samples.iter().map(|s| s.step).collect();
    steps.dedup();
    steps.sort_unstable();
    steps.dedup();
    for step in steps {
        let mut ms: Vec<f64> = samples
            .iter()
            .filter(|s| s.step == step)
            .map(|s| s.millis)
            .collect();
        let errors = samples.iter().filter(|s| s.step == step && !s.ok).count();
        ms.sort_by(f64::total_cmp);
        println!(
            "  {:<14} {:>6} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
            step,
            ms.len(),
            errors,
            ms.len() as f64 / elapsed.as_secs_f64(),
            percentile(&ms, 50.0),
            percentile(&ms, 95.0),
            percentile(&ms, 99.0),
        );
    }
}

/// The server's count of write transactions, from `/metrics`.
async fn write_transactions(client: &reqwest::Client, base: &str) -> Option<u64> {
    let text = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    text.lines()
        .find(|l| l.starts_with("focus_db_write_transactions_total "))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// Raw write transactions per second the database sustains with `concurrency` writers,
/// each a one-row insert committed on its own, for `window`.
async fn raw_write_rate(
    url: &str,
    concurrency: usize,
    window: Duration,
) -> Result<f64, sqlx::Error> {
    use sqlx::any::AnyPoolOptions;
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 4 } else { concurrency.min(32) as u32 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    use sqlx::Executor;
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;").await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS loadgen_probe (n BIGINT NOT NULL)")
        .execute(&pool)
        .await?;
    let deadline = Instant::now() + window;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let pool = pool.clone();
        tasks.push(tokio::spawn(async move {
            let mut done = 0u64;
            while Instant::now() < deadline {
                let begin = if sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" };
                let mut tx = pool.begin_with(begin).await?;
                sqlx::query("INSERT INTO loadgen_probe (n) VALUES ($1)")
                    .bind(1_i64)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                done += 1;
            }
            Ok::<u64, sqlx::Error>(done)
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.expect("probe task")?;
    }
    let rate = total as f64 / started.elapsed().as_secs_f64();
    sqlx::query("DROP TABLE loadgen_probe")
        .execute(&pool)
        .await?;
    pool.close().await;
    Ok(rate)
}

/// The network address student `i` connects from (sent as `X-Forwarded-For`: the server
/// runs as behind a proxy), one per student as in a school, so the per-address attempt
/// limits see students rather than the load generator's one address.
fn student_address(i: usize) -> String {
    format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255)
}

/// A set-up account: its email and, in `--signed-in` runs, the session of its sign-in.
struct Account {
    email: String,
    address: String,
    cookie: Option<String>,
}

/// What the measured phase leaves for the closing comparison with the raw write rate.
struct Measured {
    matches: usize,
    elapsed: Duration,
}

/// Signs up and onboards every user (and, with `--signed-in`, signs each in), at most
/// `gate`'s permits at a time; not the measured phase.
async fn set_up(
    client: &reqwest::Client,
    opts: &Options,
    gate: &Arc<Semaphore>,
    run: &str,
) -> Vec<Account> {
    let signs_in = opts.signed_in;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..opts.users {
        let (client, base, gate) = (client.clone(), opts.base.clone(), gate.clone());
        let email = format!("load{i}.{run}@example.com");
        let address = student_address(i);
        let username = format!("l{run}_{i}");
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire().await.expect("semaphore");
            let (sign_up, cookie) = timed(
                "sign_up",
                post(
                    &client,
                    &base,
                    "sign_up",
                    None,
                    Some(&address),
                    &[("email", &email), ("password", PASSWORD)],
                ),
            )
            .await;
            let mut samples = vec![sign_up];
            let Some(cookie) = cookie else {
                return (
                    samples,
                    Account {
                        email,
                        address,
                        cookie: None,
                    },
                );
            };
            let form = [
                ("username", username.as_str()),
                ("display_name", "Load"),
                ("language", "en"),
                ("time_zone", "UTC"),
            ];
            let (onboarding, _) = timed(
                "onboarding",
                post(
                    &client,
                    &base,
                    "complete_onboarding",
                    Some(&cookie),
                    None,
                    &form,
                ),
            )
            .await;
            samples.push(onboarding);
            let cookie = if signs_in {
                let (sample, cookie) = sign_in(&client, &base, &email, &address).await;
                samples.push(sample);
                cookie
            } else {
                None
            };
            (
                samples,
                Account {
                    email,
                    address,
                    cookie,
                },
            )
        }));
    }
    let mut samples = Vec::new();
    let mut accounts = Vec::new();
    for task in tasks {
        let (done, account) = task.await.expect("setup task");
        samples.extend(done);
        accounts.push(account);
    }
    let title = if signs_in {
        "setup: sign-up, onboarding and sign-in"
    } else {
        "setup: sign-up and onboarding"
    };
    report(title, &samples, started.elapsed());
    accounts
}

/// Signs in the student with `email` from `from`, keeping their session cookie.
async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    from: &str,
) -> (Sample, Option<String>) {
    let form = [("email", email), ("password", PASSWORD)];
    timed(
        "sign_in",
        post(client, base, "sign_in", None, Some(from), &form),
    )
    .await
}

/// One quick match for the student whose session is `cookie`, every user into the same
/// slot and group (audio, English).
async fn quick_match(client: &reqwest::Client, base: &str, cookie: &str) -> Sample {
    let form = [("mode", "audio"), ("language", "en")];
    timed(
        "quick_match",
        post(client, base, "quick_match", Some(cookie), None, &form),
    )
    .await
    .0
}

/// The default measured phase: everyone signs in and quick-matches at once.
async fn sign_in_and_match(
    client: &reqwest::Client,
    opts: &Options,
    gate: &Arc<Semaphore>,
    accounts: Vec<Account>,
) -> Measured {
    let writes_before = write_transactions(client, &opts.base).await;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for Account { email, address, .. } in accounts {
        let (client, base, gate) = (client.clone(), opts.base.clone(), gate.clone());
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            let cookie = {
                let _permit = gate.acquire().await.expect("semaphore");
                let (sample, cookie) = sign_in(&client, &base, &email, &address).await;
                samples.push(sample);
                cookie
            };
            if let Some(cookie) = cookie {
                let _permit = gate.acquire().await.expect("semaphore");
                samples.push(quick_match(&client, &base, &cookie).await);
            }
            samples
        }));
    }
    let mut measured = Vec::new();
    for task in tasks {
        measured.extend(task.await.expect("user task"));
    }
    let elapsed = started.elapsed();
    report("measured: sign-in then quick match", &measured, elapsed);
    let matches = successful_matches(&measured);
    println!(
        "  completed users: {matches} ({:.1} per second)",
        matches as f64 / elapsed.as_secs_f64()
    );
    print_writes(client, &opts.base, writes_before, elapsed, matches).await;
    Measured { matches, elapsed }
}

/// The `--signed-in` measured phase: every user, signed in during set-up, quick-matches at
/// once; nothing else runs.
async fn match_only(
    client: &reqwest::Client,
    opts: &Options,
    gate: &Arc<Semaphore>,
    accounts: Vec<Account>,
) -> Measured {
    let cookies: Vec<String> = accounts.into_iter().filter_map(|a| a.cookie).collect();
    let missing = opts.users - cookies.len();
    if missing > 0 {
        // Fewer students than asked would measure a different load: stop instead.
        eprintln!(
            "{missing} of {} users have no session after set-up; nothing measured",
            opts.users
        );
        std::process::exit(1);
    }
    let writes_before = write_transactions(client, &opts.base).await;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for cookie in cookies {
        let (client, base, gate) = (client.clone(), opts.base.clone(), gate.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire().await.expect("semaphore");
            quick_match(&client, &base, &cookie).await
        }));
    }
    let mut measured = Vec::new();
    for task in tasks {
        measured.push(task.await.expect("user task"));
    }
    let elapsed = started.elapsed();
    report(
        "measured: quick match only (signed in beforehand)",
        &measured,
        elapsed,
    );
    let matches = successful_matches(&measured);
    println!(
        "  matches: {matches} ({:.1} per second)",
        matches as f64 / elapsed.as_secs_f64()
    );
    print_writes(client, &opts.base, writes_before, elapsed, matches).await;
    // Every match here is in one group, and a group's matches run in single file under
    // its lock; while the queue never empties the phase's wall time is the sum of the
    // hold times. An upper bound when the lock is not the bottleneck.
    if matches > 0 {
        println!(
            "  group lock held ≈ {:.2} ms per match (wall time / matches, single file)",
            elapsed.as_secs_f64() * 1000.0 / matches as f64
        );
    }
    Measured { matches, elapsed }
}

fn successful_matches(samples: &[Sample]) -> usize {
    samples
        .iter()
        .filter(|s| s.step == "quick_match" && s.ok)
        .count()
}

/// The server's write transactions since `before`, per second of `elapsed` and per match.
async fn print_writes(
    client: &reqwest::Client,
    base: &str,
    before: Option<u64>,
    elapsed: Duration,
    matches: usize,
) {
    if let (Some(before), Some(after)) = (before, write_transactions(client, base).await) {
        let writes = after.saturating_sub(before);
        println!(
            "  explicit write transactions on the server: {writes} ({:.1} per second, {:.2} per user)",
            writes as f64 / elapsed.as_secs_f64(),
            writes as f64 / matches.max(1) as f64
        );
    }
}

#[tokio::main]
async fn main() {
    let opts = match options() {
        Ok(opts) => opts,
        Err(problem) => {
            eprintln!("loadgen: {problem}");
            std::process::exit(2);
        }
    };
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(opts.concurrency)
        .timeout(Duration::from_secs(120))
        .build()
        .expect("HTTP client");
    let run = format!(
        "{:x}",
        std::process::id() as u64 * 1_000_003 + Instant::now().elapsed().subsec_nanos() as u64
    );
    let gate = Arc::new(Semaphore::new(opts.concurrency));
    println!(
        "Focus Squad load: {} users against {}, at most {} requests in flight{}",
        opts.users,
        opts.base,
        opts.concurrency,
        if opts.signed_in {
            "; quick match measured alone (users signed in during set-up)"
        } else {
            ""
        }
    );

    let accounts = set_up(&client, &opts, &gate, &run).await;
    let measured = if opts.signed_in {
        match_only(&client, &opts, &gate, accounts).await
    } else {
        sign_in_and_match(&client, &opts, &gate, accounts).await
    };

    if let Some(url) = &opts.database_url {
        let writers = opts.concurrency.min(16);
        match raw_write_rate(url, writers, Duration::from_secs(3)).await {
            Ok(rate) => {
                println!("\nraw database: {rate:.0} write transactions per second (one-row inserts, {writers} writers)");
                let per_second = measured.matches as f64 / measured.elapsed.as_secs_f64();
                println!(
                    "quick match: {per_second:.1} matches per second = {:.2} % of the raw write rate",
                    100.0 * per_second / rate
                );
            }
            Err(err) => println!("\nraw database: not measured ({err})"),
        }
    }
}
