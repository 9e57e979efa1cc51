//! What a student sees of their tables: the ones coming up (with tablemates), one table in
//! detail, and their figures. Only public profile fields of others ever leave here.

use super::HOLDS_SEAT;
use crate::api::table_types::{MySession, Occupant, StudyStats, Tablemate};
use crate::domain::companions::Companion;
use crate::domain::credits::refundable;
use crate::domain::matching::TableMode;
use crate::domain::preferences::Language;
use crate::domain::reliability::Badge;
use crate::domain::schedule::SESSION_MINUTES;
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::AppError;
use crate::server::db::Db;

type SeatRow = (
    i64,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// Everyone holding a seat at the given tables: `(table id, tablemate)`.
async fn tablemates(
    db: &Db,
    viewer: i64,
    tables: &[i64],
    now: Timestamp,
) -> Result<Vec<(i64, Tablemate)>, AppError> {
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT p.session_id, p.seat, p.status, p.user_id, p.companion, u.username, \
         COALESCE(u.display_name, ''), p.kind \
         FROM participants p LEFT JOIN users u ON u.id = p.user_id \
         WHERE p.session_id IN ({}) AND p.status IN {HOLDS_SEAT} ORDER BY p.session_id, p.seat",
        crate::server::db::placeholders(tables.len())
    );
    let mut query = sqlx::query_as::<_, SeatRow>(&sql);
    for id in tables {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let users: Vec<i64> = rows.iter().filter_map(|r| r.3).collect();
    let badges = crate::server::ratings::score::badges(db, &users, now).await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(table, seat, status, user_id, companion, username, display_name, kind)| {
                let badge = badges.of(user_id);
                let occupant =
                    occupant(&kind, companion.as_deref(), username, display_name, badge)?;
                let mate = Tablemate {
                    seat,
                    occupant,
                    you: user_id == Some(viewer),
                    left: status == "left",
                };
                Some((table, mate))
            },
        )
        .collect())
}

/// Who holds a seat, as others see them, from a `participants` row joined with `users`
/// and the student's badge (`None` for a companion this build does not know).
pub(crate) fn occupant(
    kind: &str,
    companion: Option<&str>,
    username: Option<String>,
    display_name: String,
    badge: Badge,
) -> Option<Occupant> {
    Some(if kind == "ai" {
        Occupant::Companion(Companion::from_key(companion?)?)
    } else {
        Occupant::Human {
            username: username.unwrap_or_default(),
            display_name,
            badge,
        }
    })
}

type MineRow = (i64, i64, i64, i64, String, String, String);

/// `user_id`'s seated tables that have not ended at `now`, soonest first.
pub async fn my_sessions(
    db: &Db,
    user_id: i64,
    now: Timestamp,
) -> Result<Vec<MySession>, AppError> {
    let rows: Vec<MineRow> = sqlx::query_as(
        "SELECT s.id, p.id, p.seat, s.starts_at, s.mode, s.topic, s.language \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND p.kind = 'human' AND p.status = 'seated' AND s.starts_at > $2 \
         ORDER BY s.starts_at, s.id",
    )
    .bind(user_id)
    .bind(now.unix_millis() - SESSION_MINUTES * MINUTE_MS)
    .fetch_all(db.pool())
    .await?;
    assemble(db, user_id, rows, now).await
}

/// The sessions for `rows`, each with its tablemates.
async fn assemble(
    db: &Db,
    user_id: i64,
    rows: Vec<MineRow>,
    now: Timestamp,
) -> Result<Vec<MySession>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let mut mates = tablemates(db, user_id, &ids, now).await?;
    rows.into_iter()
        .map(
            |(table_id, participant_id, seat, starts_at, mode, topic, language)| {
                let starts_at = Timestamp::from_unix_millis(starts_at);
                let (mine, rest): (Vec<_>, Vec<_>) =
                    mates.drain(..).partition(|(t, _)| *t == table_id);
                mates = rest;
                Ok(MySession {
                    table_id,
                    participant_id,
                    seat,
                    starts_at,
                    mode: TableMode::parse(&mode)?,
                    topic,
                    language: Language::parse(&language)?,
                    refundable: refundable(starts_at, now),
                    tablemates: mine.into_iter().map(|(_, m)| m).collect(),
                })
            },
        )
        .collect()
}

/// One table as a participant sees it; `NotFound` for anyone who never held a seat there.
pub async fn table(
    db: &Db,
    user_id: i64,
    table_id: i64,
    now: Timestamp,
) -> Result<MySession, AppError> {
    let row: Option<MineRow> = sqlx::query_as(
        "SELECT s.id, p.id, p.seat, s.starts_at, s.mode, s.topic, s.language \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND p.session_id = $2 AND p.kind = 'human' \
         AND p.status IN ('seated', 'left') ORDER BY p.id DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(table_id)
    .fetch_optional(db.pool())
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    let mut one = assemble(db, user_id, vec![row], now).await?;
    one.pop().ok_or(AppError::NotFound)
}

/// `user_id`'s figures at `now`.
pub async fn stats(db: &Db, user_id: i64, now: Timestamp) -> Result<StudyStats, AppError> {
    let (completed, focus_minutes, upcoming): (i64, i64, i64) = sqlx::query_as(
        "SELECT \
         CAST(COALESCE(SUM(CASE WHEN completed = 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(focus_minutes), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN status = 'seated' AND starts_at > $2 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM participants WHERE user_id = $1 AND kind = 'human'",
    )
    .bind(user_id)
    .bind(now.unix_millis())
    .fetch_one(db.pool())
    .await?;
    let (essence,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM essence_ledger WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(StudyStats {
        completed,
        focus_minutes,
        essence,
        upcoming,
    })
}
