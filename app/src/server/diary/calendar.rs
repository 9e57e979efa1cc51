//! The calendar: for one month, the days (in the viewer's time zone) with sessions, how
//! many and their focus minutes.

use super::{Zone, ENTRY};
use crate::api::diary_types::{CalendarDay, DiaryMonth};
use crate::domain::diary::day::Month;
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule};
use crate::server::db::Db;
use const_format::formatcp;

/// `user_id`'s sessions in `month`, by day.
pub async fn month(
    db: &Db,
    user_id: i64,
    month: Month,
    now: Timestamp,
) -> Result<DiaryMonth, AppError> {
    let first = month
        .first()
        .filter(|day| day.plausible())
        .ok_or_else(|| AppError::invalid("month", InvalidRule::Malformed))?;
    let zone = Zone::of(db, user_id).await?;
    let from = zone.start(first);
    let until = zone.start(first.plus(month.days() as i32));
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(formatcp!(
        "SELECT s.starts_at, p.focus_minutes \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND {ENTRY} AND s.starts_at >= $2 AND s.starts_at < $3 \
         ORDER BY s.starts_at"
    ))
    .bind(user_id)
    .bind(from.unix_millis())
    .bind(until.unix_millis())
    .fetch_all(db.pool())
    .await?;
    let mut days: Vec<CalendarDay> = Vec::new();
    for (starts_at, focus) in rows {
        let day = zone.day(Timestamp::from_unix_millis(starts_at));
        match days.last_mut() {
            Some(last) if last.day == day => {
                last.sessions += 1;
                last.focus_minutes += focus.unwrap_or(0);
            }
            _ => days.push(CalendarDay {
                day,
                sessions: 1,
                focus_minutes: focus.unwrap_or(0),
            }),
        }
    }
    Ok(DiaryMonth {
        month,
        days,
        today: zone.day(now),
    })
}
