//! The diary (SPEC, Board, reflections, diary): journal notes, the timeline with search
//! and filters, the calendar and the figures. Every query here is scoped to the author:
//! the viewer's id is part of each `WHERE`, so nobody reads another student's words.

pub mod calendar;
pub mod notes;
pub mod search;
pub mod stats;
pub mod timeline;
mod zone;

pub use zone::Zone;

/// The seats that make a diary entry: a person's seat (kept or left early) at a table
/// that has ended.
pub(crate) const ENTRY: &str = "p.kind = 'human' AND p.status IN ('seated', 'left') \
    AND s.state = 'ended'";

/// Binds `ids` then `user_id` to `sql` (whose `IN` list is `$1…$n` and owner `$n+1`).
pub(crate) async fn fetch_for<T>(
    db: &crate::server::db::Db,
    sql: &str,
    ids: &[i64],
    user_id: i64,
) -> Result<Vec<T>, crate::error::AppError>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = sqlx::query_as::<_, T>(sql);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.bind(user_id).fetch_all(db.pool()).await?)
}
