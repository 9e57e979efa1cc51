//! The tables a student just had, for the dashboard: each settled seat (the table ended,
//! or they left early) newest first, with how it went and the ratings still to give.

use crate::api::table_types::RecentTable;
use crate::domain::matching::TableMode;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;

/// Tables the dashboard lists.
pub const RECENT: i64 = 3;

type RecentRow = (
    i64,
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
    i64,
);

/// `user_id`'s last [`RECENT`] settled tables at `now`.
pub async fn recent(db: &Db, user_id: i64, now: Timestamp) -> Result<Vec<RecentTable>, AppError> {
    let rows: Vec<RecentRow> = sqlx::query_as(
        "SELECT s.id, s.starts_at, s.topic, s.mode, p.focus_minutes, p.completed, s.state, \
         (SELECT COUNT(*) FROM pending_ratings r WHERE r.session_id = s.id \
          AND r.rater_id = $1 AND r.expires_at > $2) \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND p.kind = 'human' AND p.status IN ('seated', 'left') \
         AND p.completed IS NOT NULL ORDER BY s.starts_at DESC, s.id DESC LIMIT $3",
    )
    .bind(user_id)
    .bind(now.unix_millis())
    .bind(RECENT)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(
            |(table_id, starts_at, topic, mode, focus, completed, state, owed)| {
                Ok(RecentTable {
                    table_id,
                    starts_at: Timestamp::from_unix_millis(starts_at),
                    topic,
                    mode: TableMode::parse(&mode)?,
                    focus_minutes: focus.unwrap_or(0),
                    completed: completed == Some(1),
                    ratings_owed: owed,
                    // The diary keeps a table once it has ended (see `diary::ENTRY`).
                    in_diary: state == "ended",
                })
            },
        )
        .collect()
}
