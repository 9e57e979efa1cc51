//! The timeline: the viewer's past sessions, newest first, a page at a time, narrowed by
//! text (the full-text index), a date range in their time zone and tags.

use super::{fetch_for, notes, search, Zone, ENTRY};
use crate::api::diary_types::{DiaryCursor, DiaryEntry, DiaryFilter, DiaryPage};
use crate::api::room_types::MyReflection;
use crate::domain::board::Prompt;
use crate::domain::diary::day::Day;
use crate::domain::diary::search::query_terms;
use crate::domain::matching::TableMode;
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule};
use crate::server::db::{placeholders, Db};

/// Sessions per page.
pub const PAGE: usize = 10;

/// A bound value of the dynamic query.
enum Arg {
    Int(i64),
    Text(String),
}

type EntryRow = (i64, i64, i64, String, String, Option<i64>, Option<i64>);

/// One page of `user_id`'s timeline, older than `before` when given.
pub async fn page(
    db: &Db,
    user_id: i64,
    filter: &DiaryFilter,
    before: Option<DiaryCursor>,
) -> Result<DiaryPage, AppError> {
    let plausible = |day: Option<Day>| day.is_none_or(Day::plausible);
    if !plausible(filter.from) {
        return Err(AppError::invalid("from", InvalidRule::Malformed));
    }
    if !plausible(filter.to) {
        return Err(AppError::invalid("to", InvalidRule::Malformed));
    }
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from > to {
            return Err(AppError::invalid("to", InvalidRule::Malformed));
        }
    }
    // Each tag once (there are eight).
    let mut tags = filter.tags.clone();
    tags.sort();
    tags.dedup();
    let zone = Zone::of(db, user_id).await?;
    let mut args = vec![Arg::Int(user_id)];
    let mut sql = format!(
        "SELECT p.id, s.id, s.starts_at, s.topic, s.mode, p.focus_minutes, p.completed \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND {ENTRY}"
    );
    if let Some(from) = filter.from {
        args.push(Arg::Int(zone.start(from).unix_millis()));
        sql += &format!(" AND s.starts_at >= ${}", args.len());
    }
    if let Some(to) = filter.to {
        args.push(Arg::Int(zone.start(to.plus(1)).unix_millis()));
        sql += &format!(" AND s.starts_at < ${}", args.len());
    }
    if let Some(cursor) = before {
        args.push(Arg::Int(cursor.starts_at.unix_millis()));
        let at = args.len();
        args.push(Arg::Int(cursor.participant_id));
        sql += &format!(
            " AND (s.starts_at < ${at} OR (s.starts_at = ${at} AND p.id < ${}))",
            args.len()
        );
    }
    if !filter.text.trim().is_empty() {
        let Some(terms) = query_terms(&filter.text) else {
            // Only punctuation: nothing can match it.
            return Ok(DiaryPage {
                entries: Vec::new(),
                next: None,
            });
        };
        let (condition, query) = search::condition(db, &terms, args.len() + 1);
        args.push(Arg::Text(query));
        sql += &format!(" AND {condition}");
    }
    for tag in &tags {
        args.push(Arg::Text(tag.key().to_owned()));
        sql += &format!(
            " AND p.id IN (SELECT participant_id FROM diary_note_tags WHERE user_id = $1 AND tag = ${})",
            args.len()
        );
    }
    sql += &format!(" ORDER BY s.starts_at DESC, p.id DESC LIMIT {}", PAGE + 1);
    let mut query = sqlx::query_as::<_, EntryRow>(&sql);
    for arg in args {
        query = match arg {
            Arg::Int(v) => query.bind(v),
            Arg::Text(v) => query.bind(v),
        };
    }
    let mut rows = query.fetch_all(db.pool()).await?;
    let more = rows.len() > PAGE;
    rows.truncate(PAGE);
    let next = more.then(|| {
        let last = &rows[rows.len() - 1];
        DiaryCursor {
            starts_at: Timestamp::from_unix_millis(last.2),
            participant_id: last.0,
        }
    });
    let entries = entries(db, user_id, &zone, rows).await?;
    Ok(DiaryPage { entries, next })
}

/// The entries of the given rows, with reflections, notes, essence and company.
async fn entries(
    db: &Db,
    user_id: i64,
    zone: &Zone,
    rows: Vec<EntryRow>,
) -> Result<Vec<DiaryEntry>, AppError> {
    let seats: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let tables: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let reflections = reflections_of(db, user_id, &seats).await?;
    let mut notes = notes::of_seats(db, user_id, &seats).await?;
    let essence = essence_of(db, user_id, &tables).await?;
    let company = company_of(db, user_id, &tables).await?;
    Ok(rows
        .into_iter()
        .map(|(seat, table, starts_at, topic, mode, focus, completed)| {
            let at = Timestamp::from_unix_millis(starts_at);
            let mut mine: Vec<MyReflection> = reflections
                .iter()
                .filter(|(s, _)| *s == seat)
                .map(|(_, r)| r.clone())
                .collect();
            mine.sort_by_key(|r| Prompt::ALL.iter().position(|p| *p == r.prompt));
            let note = notes
                .iter()
                .position(|(s, _)| *s == seat)
                .map(|i| notes.swap_remove(i).1);
            let count = |kind: &str| {
                company
                    .iter()
                    .filter(|(t, k, _)| *t == table && k == kind)
                    .map(|(_, _, n)| *n)
                    .sum()
            };
            DiaryEntry {
                table_id: table,
                starts_at: at,
                day: zone.day(at),
                minute: zone.minute(at),
                topic,
                mode: TableMode::parse(&mode).unwrap_or(TableMode::Audio),
                focus_minutes: focus.unwrap_or(0),
                completed: completed == Some(1),
                essence: essence
                    .iter()
                    .filter(|(t, _)| *t == table)
                    .map(|(_, n)| *n)
                    .sum(),
                tablemates: count("human"),
                companions: count("ai"),
                reflections: mine,
                note,
            }
        })
        .collect())
}

async fn reflections_of(
    db: &Db,
    user_id: i64,
    seats: &[i64],
) -> Result<Vec<(i64, MyReflection)>, AppError> {
    let sql = format!(
        "SELECT participant_id, prompt, body, updated_at FROM reflections \
         WHERE participant_id IN ({}) AND user_id = ${}",
        placeholders(seats.len()),
        seats.len() + 1
    );
    let rows: Vec<(i64, String, String, i64)> = fetch_for(db, &sql, seats, user_id).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(seat, prompt, text, at)| {
            let reflection = MyReflection {
                prompt: Prompt::parse(&prompt).ok()?,
                text,
                at: Timestamp::from_unix_millis(at),
            };
            Some((seat, reflection))
        })
        .collect())
}

async fn essence_of(db: &Db, user_id: i64, tables: &[i64]) -> Result<Vec<(i64, i64)>, AppError> {
    let sql = format!(
        "SELECT session_id, CAST(SUM(amount) AS BIGINT) FROM essence_ledger \
         WHERE session_id IN ({}) AND user_id = ${} GROUP BY session_id",
        placeholders(tables.len()),
        tables.len() + 1
    );
    fetch_for(db, &sql, tables, user_id).await
}

/// `(table, kind, how many)` of the others who held a seat.
async fn company_of(
    db: &Db,
    user_id: i64,
    tables: &[i64],
) -> Result<Vec<(i64, String, i64)>, AppError> {
    let sql = format!(
        "SELECT session_id, kind, COUNT(*) FROM participants \
         WHERE session_id IN ({}) AND status IN ('seated', 'left') \
         AND (user_id IS NULL OR user_id <> ${}) GROUP BY session_id, kind",
        placeholders(tables.len()),
        tables.len() + 1
    );
    fetch_for(db, &sql, tables, user_id).await
}
