//! The session summary: what a finished session added up to for one participant, from
//! what the scheduler computed at the end (focus and active minutes, completion, essence)
//! and their connection history (why it did not count, when it did not).

use super::{presence, queries, reflections};
use crate::api::rating_types::RatingCards;
use crate::api::table_page_types::{LoadedTable, TableSummary};
use crate::domain::attendance::Attendance;
use crate::domain::schedule::SESSION_MINUTES;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::AppError;
use crate::server::db::Db;

/// The table page for `user_id` as it first loads.
pub async fn table_page(
    db: &Db,
    user_id: i64,
    table_id: i64,
    now: Timestamp,
) -> Result<LoadedTable, AppError> {
    let (table, state) = queries::table_and_state(db, user_id, table_id, now).await?;
    let standing = crate::server::credits::standing(db, user_id, now).await?;
    Ok(LoadedTable {
        table,
        server_now: now,
        ended: state.is_over(),
        reflections: reflections::mine(db, user_id, table_id).await?,
        view: crate::server::profiles::table_view(db, user_id).await?,
        credits: standing.tier.weekly_allotment().map(|_| standing.balance),
    })
}

/// What the table's end wrote on a seat.
#[derive(sqlx::FromRow)]
struct ResultRow {
    focus_minutes: Option<i64>,
    active_minutes: Option<i64>,
    completed: Option<i64>,
    left_at: Option<i64>,
}

/// `user_id`'s summary of `table_id`: `ready` once their session is settled, at the
/// table's end or (for a student who left early) the moment they left.
pub async fn summary(
    db: &Db,
    user_id: i64,
    table_id: i64,
    now: Timestamp,
) -> Result<TableSummary, AppError> {
    let session = queries::table(db, user_id, table_id, now).await?;
    let row: ResultRow = sqlx::query_as(
        "SELECT focus_minutes, active_minutes, completed, left_at \
         FROM participants WHERE id = $1",
    )
    .bind(session.participant_id)
    .fetch_one(db.pool())
    .await?;
    let participant = session.participant_id;
    let ResultRow {
        focus_minutes: focus,
        active_minutes: active,
        completed,
        left_at,
    } = row;
    let ready = completed.is_some();
    let incomplete = if ready && completed == Some(0) {
        let mut conn = db.pool().acquire().await?;
        let history = presence::history(&mut conn, participant).await?;
        let end = session.starts_at.plus_millis(SESSION_MINUTES * MINUTE_MS);
        let left_at = left_at.map(Timestamp::from_unix_millis);
        Attendance::of(session.starts_at, &history, left_at, end)
            .completion()
            .err()
    } else {
        None
    };
    let (essence,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM essence_ledger \
         WHERE user_id = $1 AND session_id = $2",
    )
    .bind(user_id)
    .bind(table_id)
    .fetch_one(db.pool())
    .await?;
    let ratings = if ready {
        crate::server::ratings::cards::for_table(db, user_id, table_id, now).await?
    } else {
        RatingCards {
            table_id,
            cards: Vec::new(),
            closes_at: None,
        }
    };
    Ok(TableSummary {
        ratings,
        table_id,
        starts_at: session.starts_at,
        mode: session.mode,
        topic: session.topic,
        ready,
        focus_minutes: focus.unwrap_or(0),
        active_minutes: active.unwrap_or(0),
        completed: completed == Some(1),
        incomplete,
        essence_earned: essence,
        tablemates: session.tablemates,
        reflections: reflections::mine(db, user_id, table_id).await?,
        note: crate::server::diary::notes::of_table(db, user_id, table_id).await?,
    })
}
