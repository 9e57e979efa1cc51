//! Diary search benchmark: fills a fresh database with one student's sessions among other
//! students' (each with a topic and two reflections mixing English and Chinese), indexes
//! them through the start-up backfill, then times the timeline's first page — the real
//! service — for searches and filters, and prints p50/p95/p99. A `LIKE '%…%'` scan of the
//! same reflections is timed beside it for comparison.
//!
//! ```text
//! tools/diary-bench [sessions, default 5000] [sqlite|postgres, default sqlite]
//! diary_bench --database-url sqlite:///tmp/d.db?mode=rwc [--sessions 5000] [--others 3]
//!             [--runs 200]
//! ```

use app::api::diary_types::DiaryFilter;
use app::domain::time::{Timestamp, MINUTE_MS};
use app::server::config::DatabaseUrl;
use app::server::db::Db;
use app::server::sql::{ENDED, HUMAN, SEATED};
use server::bench::percentile;
use std::time::{Duration, Instant};

const WORDS: [&str; 16] = [
    "calculus",
    "algebra",
    "eigenvalues",
    "derivatives",
    "integration",
    "chemistry",
    "ketones",
    "essay",
    "history",
    "physics",
    "vectors",
    "matrices",
    "proof",
    "lemma",
    "revision",
    "flashcards",
];
const PHRASES: [&str; 8] = [
    "微積分",
    "線性代數",
    "有機化學",
    "期中考",
    "複習筆記",
    "物理習題",
    "英文作文",
    "歷史報告",
];

struct Options {
    database_url: String,
    sessions: usize,
    others: usize,
    runs: usize,
}

fn options() -> Result<Options, String> {
    let mut opts = Options {
        database_url: String::new(),
        sessions: 5000,
        others: 3,
        runs: 200,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<usize>()
                .map_err(|_| format!("{flag} takes a number"))
        };
        match flag.as_str() {
            "--database-url" => opts.database_url = value()?,
            "--sessions" => opts.sessions = number(value()?)?,
            "--others" => opts.others = number(value()?)?,
            "--runs" => opts.runs = number(value()?)?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if opts.database_url.is_empty() {
        return Err("--database-url is required".into());
    }
    Ok(opts)
}

/// A word or phrase for session `i`, slot `k` (spread, not random: runs are repeatable).
fn pick<'a>(list: &[&'a str], i: usize, k: usize) -> &'a str {
    list[(i * 7 + k * 3 + i / list.len()) % list.len()]
}

async fn user(db: &Db, name: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (email, email_canonical, language, created_at, updated_at, username, \
         username_canonical, display_name, onboarded_at) VALUES ($1, $1, 'en', 0, 0, $2, $2, $2, 0) \
         RETURNING id",
    )
    .bind(format!("{name}@bench.test"))
    .bind(name)
    .fetch_one(db.pool())
    .await
    .expect("insert user");
    id
}

/// `count` ended sessions for `user_id`, 30 minutes apart from `first`.
async fn sessions(db: &Db, user_id: i64, count: usize, first: Timestamp) {
    let mut tx = db.begin_write().await.expect("begin");
    for i in 0..count {
        let at = first.plus_millis(i as i64 * 30 * MINUTE_MS).unix_millis();
        let topic = format!("{} {}", pick(&WORDS, i, 0), pick(&PHRASES, i, 0));
        let (table,): (i64,) = sqlx::query_as(
            &format!("INSERT INTO study_sessions (starts_at, mode, topic, language, state, humans, created_at) \
             VALUES ($1, 'audio', $2, 'en', {ENDED}, 1, $1) RETURNING id"),
        )
        .bind(at)
        .bind(&topic)
        .fetch_one(&mut *tx)
        .await
        .expect("insert table");
        let (seat,): (i64,) = sqlx::query_as(
            &format!("INSERT INTO participants (session_id, seat, kind, user_id, starts_at, status, joined_at, \
             focus_minutes, active_minutes, completed) \
             VALUES ($1, 1, {HUMAN}, $2, $3, {SEATED}, $3, 45, 55, 1) RETURNING id"),
        )
        .bind(table)
        .bind(user_id)
        .bind(at)
        .fetch_one(&mut *tx)
        .await
        .expect("insert seat");
        let goal = format!(
            "{} {} {}",
            pick(&WORDS, i, 1),
            pick(&WORDS, i, 2),
            pick(&PHRASES, i, 1)
        );
        let after = format!("{}，{} done", pick(&PHRASES, i, 2), pick(&WORDS, i, 3));
        for (prompt, body) in [("goal", goal), ("afterthought", after)] {
            sqlx::query(
                "INSERT INTO reflections (session_id, participant_id, user_id, prompt, body, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(table)
            .bind(seat)
            .bind(user_id)
            .bind(prompt)
            .bind(body)
            .bind(at)
            .execute(&mut *tx)
            .await
            .expect("insert reflection");
        }
        if i % 500 == 499 {
            tx.commit().await.expect("commit");
            tx = db.begin_write().await.expect("begin");
        }
    }
    tx.commit().await.expect("commit");
}

fn report(label: &str, mut times: Vec<f64>, found: usize) {
    times.sort_by(f64::total_cmp);
    println!(
        "{label:<28} {:>8.2} {:>8.2} {:>8.2}   {found}",
        percentile(&times, 50.0),
        percentile(&times, 95.0),
        percentile(&times, 99.0)
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let opts = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let url = if opts.database_url.starts_with("postgres") {
        DatabaseUrl::Postgres(app::server::config::Secret::new(opts.database_url.clone()))
    } else {
        DatabaseUrl::Sqlite(opts.database_url.clone())
    };
    let db = Db::connect(&url, 4, Duration::from_secs(10))
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    let first = Timestamp::from_unix_millis(1_767_225_600_000); // 2026-01-01
    let student = user(&db, "student").await;
    let started = Instant::now();
    sessions(&db, student, opts.sessions, first).await;
    for k in 0..opts.others {
        let other = user(&db, &format!("other{k}")).await;
        sessions(&db, other, opts.sessions, first).await;
    }
    let filled = started.elapsed();
    let started = Instant::now();
    let indexed = app::server::diary::search::backfill(&db)
        .await
        .expect("backfill");
    let indexing = started.elapsed();
    // Fresh statistics, as autovacuum would gather them on a live PostgreSQL (without them
    // the planner guesses and may scan the index table whole).
    if db.backend() == app::server::db::Backend::Postgres {
        sqlx::query("ANALYZE")
            .execute(db.pool())
            .await
            .expect("analyze");
    }
    println!(
        "{} sessions ({} of the student's), {} reflections; filled in {:.1} s, indexed {indexed} seats in {:.1} s ({:.2} ms each)",
        opts.sessions * (opts.others + 1),
        opts.sessions,
        opts.sessions * (opts.others + 1) * 2,
        filled.as_secs_f64(),
        indexing.as_secs_f64(),
        indexing.as_secs_f64() * 1000.0 / indexed.max(1) as f64,
    );
    println!(
        "{:<28} {:>8} {:>8} {:>8}   first page",
        "timeline query (ms)", "p50", "p95", "p99"
    );
    let queries: [(&str, DiaryFilter); 6] = [
        ("no filter", DiaryFilter::default()),
        ("\"integ\" (prefix)", text("integ")),
        ("\"微積分\" (CJK pairs)", text("微積分")),
        ("\"calculus 期中考\"", text("calculus 期中考")),
        ("\"zzzz\" (nothing)", text("zzzz")),
        (
            "tag + text",
            DiaryFilter {
                tags: vec![app::domain::diary::Tag::Productive],
                ..text("integ")
            },
        ),
    ];
    for (label, filter) in queries {
        let mut times = Vec::with_capacity(opts.runs);
        let mut found = 0;
        for _ in 0..opts.runs {
            let t = Instant::now();
            let page = app::server::diary::timeline::page(&db, student, &filter, None)
                .await
                .expect("page");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            found = page.entries.len();
        }
        report(label, times, found);
    }
    // For comparison: a substring scan of the same student's reflections.
    let mut times = Vec::with_capacity(opts.runs);
    let mut found = 0;
    for _ in 0..opts.runs {
        let t = Instant::now();
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM reflections WHERE user_id = $1 AND body LIKE '%微積分%'",
        )
        .bind(student)
        .fetch_one(db.pool())
        .await
        .expect("like");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found = n as usize;
    }
    report("LIKE '%微積分%' count", times, found);
    db.close().await;
}

fn text(words: &str) -> DiaryFilter {
    DiaryFilter {
        text: words.to_owned(),
        ..DiaryFilter::default()
    }
}
