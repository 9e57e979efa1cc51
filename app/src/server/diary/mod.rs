//! The diary (SPEC, Board, reflections, diary): journal notes, the timeline with search
//! and filters, the calendar and the figures. Every query here is scoped to the author:
//! the viewer's id is part of each `WHERE`, so nobody reads another student's words.

use crate::server::sql::{ENDED, HOLDS_SEAT, HUMAN};
use const_format::formatcp;

pub mod calendar;
pub mod notes;
pub mod search;
pub mod stats;
pub mod timeline;
mod zone;

pub use zone::Zone;

/// The seats that make a diary entry: a person's seat (kept or left early) at a table
/// that has ended.
pub(crate) const ENTRY: &str = formatcp!(
    "p.kind = {HUMAN} AND p.status IN {HOLDS_SEAT} \
    AND s.state = {ENDED}"
);

/// `user_id`'s rows about `ids`: `{head} IN (ids…) AND user_id = {user_id}{tail}`
/// (nothing for no ids).
pub(crate) async fn fetch_for<T>(
    db: &crate::server::db::Db,
    head: &str,
    ids: &[i64],
    user_id: i64,
    tail: &str,
) -> Result<Vec<T>, crate::error::AppError>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = crate::server::query::Sql::new(head);
    sql.push(" IN (")
        .bind_list(ids.iter().copied())
        .push(") AND user_id = ")
        .bind(user_id)
        .push(tail);
    Ok(sql.query_as().fetch_all(db.pool()).await?)
}
