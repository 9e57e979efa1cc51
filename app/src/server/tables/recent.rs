//! The tables a student just had, for the dashboard: each settled seat (the table ended,
//! or they left early) newest first, with how it went and the ratings still to give.

use crate::api::table_types::RecentTable;
use crate::domain::matching::TableMode;
use crate::domain::stored::TableState;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::sql::{HOLDS_SEAT, HUMAN};
use const_format::formatcp;

/// Tables the dashboard lists.
pub const RECENT: i64 = 3;

/// One settled table of the student's.
#[derive(sqlx::FromRow)]
struct RecentRow {
    table_id: i64,
    starts_at: i64,
    topic: String,
    mode: String,
    focus_minutes: Option<i64>,
    completed: Option<i64>,
    state: TableState,
    ratings_owed: i64,
}

/// `user_id`'s last [`RECENT`] settled tables at `now`.
pub async fn recent(db: &Db, user_id: i64, now: Timestamp) -> Result<Vec<RecentTable>, AppError> {
    let rows: Vec<RecentRow> = sqlx::query_as(formatcp!(
        "SELECT s.id AS table_id, s.starts_at, s.topic, s.mode, p.focus_minutes, p.completed, \
         s.state, (SELECT COUNT(*) FROM pending_ratings r WHERE r.session_id = s.id \
          AND r.rater_id = $1 AND r.expires_at > $2) AS ratings_owed \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND p.kind = {HUMAN} AND p.status IN {HOLDS_SEAT} \
         AND p.completed IS NOT NULL ORDER BY s.starts_at DESC, s.id DESC LIMIT $3"
    ))
    .bind(user_id)
    .bind(now.unix_millis())
    .bind(RECENT)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(RecentTable {
                table_id: row.table_id,
                starts_at: Timestamp::from_unix_millis(row.starts_at),
                mode: TableMode::parse(&row.mode)?,
                topic: row.topic,
                focus_minutes: row.focus_minutes.unwrap_or(0),
                completed: row.completed == Some(1),
                ratings_owed: row.ratings_owed,
                // The diary keeps a table once it has ended (see `diary::ENTRY`).
                in_diary: row.state == TableState::Ended,
            })
        })
        .collect()
}
