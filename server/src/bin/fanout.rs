//! Table-channel fan-out benchmark: seats N students at N/4 tables directly in the
//! server's database, opens N table channels against the running server, has every
//! student chat at a steady rate for a while, and prints connection time, messages per
//! second in and out, delivery latency percentiles and the server's memory per
//! connection.
//!
//! ```text
//! tools/fanout-bench 1000 10000            # starts a release server and runs this
//! fanout --base http://127.0.0.1:3000 --database-url sqlite://data/focus.db \
//!        --server-pid 1234 --connections 1000 [--seconds 10] [--every-ms 2500]
//! ```
//!
//! Each chat line carries its send time (one monotonic clock: every client runs in this
//! process), so a receiver knows how long the server took to fan it out. Lines are sent
//! below the channel's chat rate limit (one per 2 s per connection), so none is refused.

use app::domain::time::{Timestamp, DAY_MS};
use app::server::sql::{HUMAN, SEATED};
use futures_util::{SinkExt, StreamExt};
use server::bench::{percentile, rss_kib};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

struct Options {
    base: String,
    database_url: String,
    server_pid: Option<u32>,
    connections: usize,
    seconds: u64,
    every_ms: u64,
}

fn options() -> Result<Options, String> {
    let mut opts = Options {
        base: "http://127.0.0.1:3000".to_owned(),
        database_url: String::new(),
        server_pid: None,
        connections: 1000,
        seconds: 10,
        every_ms: 2500,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--base" => opts.base = value()?.trim_end_matches('/').to_owned(),
            "--database-url" => opts.database_url = value()?,
            "--server-pid" => opts.server_pid = Some(value()?.parse().map_err(|_| "a pid")?),
            "--connections" => opts.connections = value()?.parse().map_err(|_| "a number")?,
            "--seconds" => opts.seconds = value()?.parse().map_err(|_| "a number")?,
            "--every-ms" => opts.every_ms = value()?.parse().map_err(|_| "a number")?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if opts.database_url.is_empty() {
        return Err("--database-url is required (the server's database)".into());
    }
    if !opts.connections.is_multiple_of(4) || opts.connections == 0 {
        return Err("--connections must be a positive multiple of 4".into());
    }
    Ok(opts)
}

/// One process-wide clock for send and receive times.
fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Seats `count` students, four per table, at a slot a day ahead; returns each one's
/// `(table id, session cookie)`.
async fn seed(url: &str, count: usize) -> Result<Vec<(i64, String)>, Box<dyn std::error::Error>> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await?;
    if url.starts_with("sqlite") {
        // The server holds the same file open; wait for its locks instead of failing.
        sqlx::query("PRAGMA busy_timeout = 10000")
            .execute(&pool)
            .await?;
    }
    let now = Timestamp::from_unix_millis(i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_millis(),
    )?);
    let starts_at = app::domain::schedule::next_slot_start(now.plus_millis(DAY_MS));
    let run = app::server::secrets::random_hex(4);
    let mut seated = Vec::with_capacity(count);
    let mut tx = pool.begin().await?;
    let mut table = 0;
    for i in 0..count {
        let seat = i64::try_from(i % 4)? + 1;
        if seat == 1 {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO study_sessions (starts_at, mode, language, humans, created_at) \
                 VALUES ($1, 'audio', 'en', 4, $2) RETURNING id",
            )
            .bind(starts_at.unix_millis())
            .bind(now.unix_millis())
            .fetch_one(&mut *tx)
            .await?;
            table = id;
        }
        let name = format!("f{run}_{i}");
        let (user,): (i64,) = sqlx::query_as(
            "INSERT INTO users (email, email_canonical, language, username, username_canonical, \
             display_name, onboarded_at, created_at, updated_at) \
             VALUES ($1, $1, 'en', $2, $2, $2, $3, $3, $3) RETURNING id",
        )
        .bind(format!("{name}@bench.invalid"))
        .bind(&name)
        .bind(now.unix_millis())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            &format!("INSERT INTO participants (session_id, seat, kind, user_id, starts_at, status, joined_at) \
             VALUES ($1, $2, {HUMAN}, $3, $4, {SEATED}, $5)"),
        )
        .bind(table)
        .bind(seat)
        .bind(user)
        .bind(starts_at.unix_millis())
        .bind(now.unix_millis())
        .execute(&mut *tx)
        .await?;
        let token = app::server::auth::sessions::create(&mut tx, user, now).await?;
        seated.push((table, format!("focus_session={token}")));
    }
    tx.commit().await?;
    pool.close().await;
    Ok(seated)
}

#[derive(Default)]
struct Totals {
    sent: AtomicU64,
    delivered: AtomicU64,
    problems: AtomicU64,
    latencies_us: Mutex<Vec<f64>>,
}

/// One student's channel.
struct Student {
    base: String,
    table: i64,
    cookie: String,
    every: Duration,
    connected: Arc<tokio::sync::Barrier>,
    go: Arc<tokio::sync::Barrier>,
    until: Arc<OnceLock<Instant>>,
    totals: Arc<Totals>,
}

impl Student {
    /// Connects (at most `gate`'s permits at once), waits for everyone, chats every
    /// `every` until the end time, and keeps reading (and timing) deliveries for one more
    /// second.
    async fn run(self, gate: Arc<tokio::sync::Semaphore>) -> Result<(), String> {
        let url = format!(
            "{}/ws/table/{}?v=1",
            self.base.replacen("http", "ws", 1),
            self.table
        );
        let mut request = url.into_client_request().map_err(|e| e.to_string())?;
        request
            .headers_mut()
            .insert("cookie", self.cookie.parse().map_err(|_| "cookie")?);
        let permit = gate.acquire_owned().await.map_err(|e| e.to_string())?;
        let opened = tokio_tungstenite::connect_async(request).await;
        drop(permit);
        let (socket, _) = match opened {
            Ok(socket) => socket,
            Err(err) => {
                // Keep the barriers whole so the run still reports.
                self.connected.wait().await;
                self.go.wait().await;
                return Err(err.to_string());
            }
        };
        let (mut tx, mut rx) = socket.split();
        self.connected.wait().await;
        self.go.wait().await;
        let end = *self.until.get().ok_or("no end time")?;
        let stop_reading = end + Duration::from_secs(1);
        // Spread the first lines over one interval.
        let every_ms = u64::try_from(self.every.as_millis()).unwrap_or(u64::MAX);
        let mut next_send = Instant::now() + Duration::from_millis(rand_below(every_ms));
        let mut latencies = Vec::new();
        loop {
            if Instant::now() >= stop_reading {
                break;
            }
            let wake = if next_send < end {
                next_send
            } else {
                stop_reading
            };
            tokio::select! {
                frame = rx.next() => match frame {
                    Some(Ok(Message::Text(text))) => {
                        if let Some(sent) = sent_at(&text) {
                            self.totals.delivered.fetch_add(1, Ordering::Relaxed);
                            latencies.push(epoch().elapsed().as_micros() as f64 - sent);
                        } else if text.contains("\"type\":\"problem\"") {
                            self.totals.problems.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Some(Ok(_)) => {}
                    _ => return Err("the server closed a connection".into()),
                },
                () = tokio::time::sleep_until(wake.into()) => {
                    if next_send < end {
                        let line = format!(
                            "{{\"type\":\"chat\",\"text\":\"t={}\"}}",
                            epoch().elapsed().as_micros()
                        );
                        tx.send(Message::text(line)).await.map_err(|e| e.to_string())?;
                        self.totals.sent.fetch_add(1, Ordering::Relaxed);
                        next_send += self.every;
                    }
                }
            }
        }
        self.totals
            .latencies_us
            .lock()
            .map_err(|_| "poisoned")?
            .extend(latencies);
        let _ = tx.close().await;
        Ok(())
    }
}

/// The send time a chat delivery carries (`"text":"t=123"`).
fn sent_at(frame: &str) -> Option<f64> {
    let start = frame.find("\"text\":\"t=")? + 10;
    let rest = &frame[start..];
    rest[..rest.find('"')?].parse().ok()
}

fn rand_below(n: u64) -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("randomness");
    u64::from_ne_bytes(bytes) % n.max(1)
}

#[tokio::main]
async fn main() {
    let opts = match options() {
        Ok(opts) => opts,
        Err(err) => {
            eprintln!("fanout: {err}");
            std::process::exit(2);
        }
    };
    epoch();
    let n = opts.connections;
    let rss = || opts.server_pid.and_then(rss_kib);
    let seeded = Instant::now();
    let seats = seed(&opts.database_url, n)
        .await
        .expect("seeding the database");
    println!(
        "seeded {n} students at {} tables in {:.1} s",
        n / 4,
        seeded.elapsed().as_secs_f64()
    );
    let idle_rss = rss();
    let connected = Arc::new(tokio::sync::Barrier::new(n + 1));
    let go = Arc::new(tokio::sync::Barrier::new(n + 1));
    let until = Arc::new(OnceLock::new());
    let totals = Arc::new(Totals::default());
    let connecting = Instant::now();
    let gate = Arc::new(tokio::sync::Semaphore::new(256));
    let every = Duration::from_millis(opts.every_ms);
    let mut tasks = Vec::with_capacity(n);
    for (table, cookie) in seats {
        let student = Student {
            base: opts.base.clone(),
            table,
            cookie,
            every,
            connected: connected.clone(),
            go: go.clone(),
            until: until.clone(),
            totals: totals.clone(),
        };
        let gate = gate.clone();
        tasks.push(tokio::spawn(async move { student.run(gate).await }));
    }
    // Everyone connects before anyone chats.
    connected.wait().await;
    let connected_in = connecting.elapsed();
    let connected_rss = rss();
    println!(
        "opened {n} table channels in {:.2} s ({:.0} per second)",
        connected_in.as_secs_f64(),
        n as f64 / connected_in.as_secs_f64()
    );
    let chatting = Instant::now();
    let _ = until.set(chatting + Duration::from_secs(opts.seconds));
    go.wait().await;
    let mut failures = 0;
    for task in tasks {
        match task.await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => {
                failures += 1;
                if failures <= 5 {
                    eprintln!("a student failed: {err}");
                }
            }
            Err(err) => eprintln!("a student task panicked: {err}"),
        }
    }
    let seconds = opts.seconds as f64;
    let sent = totals.sent.load(Ordering::Relaxed);
    let delivered = totals.delivered.load(Ordering::Relaxed);
    let expected = sent * 4;
    let mut latencies = std::mem::take(&mut *totals.latencies_us.lock().expect("latencies"));
    latencies.sort_by(f64::total_cmp);
    let ms = |p: f64| percentile(&latencies, p) / 1000.0;
    println!(
        "chat for {seconds:.0} s: {sent} lines in ({:.0}/s), {delivered} deliveries out ({:.0}/s) \
         of {expected} expected, {} refused, {failures} connections failed",
        sent as f64 / seconds,
        delivered as f64 / seconds,
        totals.problems.load(Ordering::Relaxed),
    );
    println!(
        "delivery latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(50.0),
        ms(99.0),
        latencies.last().copied().unwrap_or(0.0) / 1000.0
    );
    if let (Some(idle), Some(busy)) = (idle_rss, connected_rss) {
        let per = (busy.saturating_sub(idle)) as f64 / n as f64;
        println!(
            "server RSS: {:.1} MiB before, {:.1} MiB with {n} connections ({per:.1} KiB per connection)",
            idle as f64 / 1024.0,
            busy as f64 / 1024.0,
        );
    }
    if let Some(after) = rss() {
        println!(
            "server RSS after the chat: {:.1} MiB",
            after as f64 / 1024.0
        );
    }
}
