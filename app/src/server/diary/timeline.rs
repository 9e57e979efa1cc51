//! The timeline: the viewer's past sessions, newest first, a page at a time, narrowed by
//! text (the full-text index), a date range in their time zone and tags.

use super::{fetch_for, notes, search, Zone, ENTRY};
use crate::api::diary_types::{DiaryCursor, DiaryEntry, DiaryFilter, DiaryPage};
use crate::api::table_page_types::MyReflection;
use crate::domain::board::Prompt;
use crate::domain::diary::day::Day;
use crate::domain::diary::search::query_terms;
use crate::domain::matching::TableMode;
use crate::domain::scene::Room;
use crate::domain::stored::ParticipantKind;
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule};
use crate::server::db::Db;
use crate::server::query::Sql;
use crate::server::sql::HOLDS_SEAT;
use const_format::formatcp;

/// Sessions per page.
pub const PAGE: usize = 10;

/// One diary entry's seat and table.
#[derive(sqlx::FromRow)]
struct EntryRow {
    participant_id: i64,
    table_id: i64,
    starts_at: i64,
    topic: String,
    mode: String,
    room: Room,
    focus_minutes: Option<i64>,
    completed: Option<i64>,
}

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
    let mut sql = Sql::new(formatcp!(
        "SELECT p.id AS participant_id, s.id AS table_id, s.starts_at, s.topic, s.mode, \
         s.room, p.focus_minutes, p.completed \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE {ENTRY} AND p.user_id = "
    ));
    sql.bind(user_id);
    if let Some(from) = filter.from {
        sql.push(" AND s.starts_at >= ")
            .bind(zone.start(from).unix_millis());
    }
    if let Some(to) = filter.to {
        sql.push(" AND s.starts_at < ")
            .bind(zone.start(to.plus(1)).unix_millis());
    }
    if let Some(cursor) = before {
        let at = cursor.starts_at.unix_millis();
        sql.push(" AND (s.starts_at < ")
            .bind(at)
            .push(" OR (s.starts_at = ")
            .bind(at)
            .push(" AND p.id < ")
            .bind(cursor.participant_id)
            .push("))");
    }
    if !filter.text.trim().is_empty() {
        let Some(terms) = query_terms(&filter.text) else {
            // Only punctuation: nothing can match it.
            return Ok(DiaryPage {
                entries: Vec::new(),
                next: None,
            });
        };
        sql.push(" AND ");
        search::condition(db, &terms, &mut sql);
    }
    for tag in &tags {
        sql.push(" AND p.id IN (SELECT participant_id FROM diary_note_tags WHERE user_id = ")
            .bind(user_id)
            .push(" AND tag = ")
            .bind(tag.key())
            .push(")");
    }
    sql.push(" ORDER BY s.starts_at DESC, p.id DESC LIMIT ")
        .bind(i64::try_from(PAGE + 1).unwrap_or(i64::MAX));
    let mut rows: Vec<EntryRow> = sql.query_as().fetch_all(db.pool()).await?;
    let more = rows.len() > PAGE;
    rows.truncate(PAGE);
    let next = more.then(|| {
        let last = &rows[rows.len() - 1];
        DiaryCursor {
            starts_at: Timestamp::from_unix_millis(last.starts_at),
            participant_id: last.participant_id,
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
    let seats: Vec<i64> = rows.iter().map(|r| r.participant_id).collect();
    let tables: Vec<i64> = rows.iter().map(|r| r.table_id).collect();
    let reflections = reflections_of(db, user_id, &seats).await?;
    let mut notes = notes::of_seats(db, user_id, &seats).await?;
    let essence = essence_of(db, user_id, &tables).await?;
    let company = company_of(db, user_id, &tables).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let EntryRow {
                participant_id: seat,
                table_id: table,
                starts_at,
                topic,
                mode,
                room,
                focus_minutes: focus,
                completed,
            } = row;
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
            let count = |kind: ParticipantKind| {
                company
                    .iter()
                    .filter(|(t, k, _)| *t == table && *k == kind)
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
                room,
                focus_minutes: focus.unwrap_or(0),
                completed: completed == Some(1),
                essence: essence
                    .iter()
                    .filter(|(t, _)| *t == table)
                    .map(|(_, n)| *n)
                    .sum(),
                tablemates: count(ParticipantKind::Human),
                companions: count(ParticipantKind::Ai),
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
    let rows: Vec<(i64, String, String, i64)> = fetch_for(
        db,
        "SELECT participant_id, prompt, body, updated_at FROM reflections WHERE participant_id",
        seats,
        user_id,
        "",
    )
    .await?;
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
    fetch_for(
        db,
        "SELECT session_id, CAST(SUM(amount) AS BIGINT) FROM essence_ledger WHERE session_id",
        tables,
        user_id,
        " GROUP BY session_id",
    )
    .await
}

/// `(table, kind, how many)` of the others who held a seat.
async fn company_of(
    db: &Db,
    user_id: i64,
    tables: &[i64],
) -> Result<Vec<(i64, ParticipantKind, i64)>, AppError> {
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql =
        Sql::new("SELECT session_id, kind, COUNT(*) FROM participants WHERE session_id IN (");
    sql.bind_list(tables.iter().copied())
        .push(formatcp!(
            ") AND status IN {HOLDS_SEAT} AND (user_id IS NULL OR user_id <> "
        ))
        .bind(user_id)
        .push(") GROUP BY session_id, kind");
    Ok(sql.query_as().fetch_all(db.pool()).await?)
}
