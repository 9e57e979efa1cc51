//! The viewer's diary figures: sessions, focus hours, streaks in their time zone, top tags
//! and focus minutes per week.

use super::{Zone, ENTRY};
use crate::api::diary_types::DiaryStats;
use crate::domain::diary::day::Day;
use crate::domain::diary::stats::{streaks, top_tags, weekly};
use crate::domain::diary::Tag;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;
use const_format::formatcp;

/// `user_id`'s figures at `now`.
pub async fn of(db: &Db, user_id: i64, now: Timestamp) -> Result<DiaryStats, AppError> {
    let zone = Zone::of(db, user_id).await?;
    let rows: Vec<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(formatcp!(
        "SELECT s.starts_at, p.focus_minutes, p.completed \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND {ENTRY}"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let tags: Vec<(String, i64)> =
        sqlx::query_as("SELECT tag, COUNT(*) FROM diary_note_tags WHERE user_id = $1 GROUP BY tag")
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
    let today = zone.day(now);
    let sessions: Vec<(Day, i64, bool)> = rows
        .iter()
        .map(|(at, focus, completed)| {
            let day = zone.day(Timestamp::from_unix_millis(*at));
            (day, focus.unwrap_or(0), *completed == Some(1))
        })
        .collect();
    let completed_days: Vec<Day> = sessions
        .iter()
        .filter(|(_, _, done)| *done)
        .map(|(day, _, _)| *day)
        .collect();
    let streak = streaks(&completed_days, today);
    let minutes: Vec<(Day, i64)> = sessions.iter().map(|(d, m, _)| (*d, *m)).collect();
    let tag_counts: Vec<(Tag, i64)> = tags
        .into_iter()
        .filter_map(|(key, n)| Some((Tag::parse(&key).ok()?, n)))
        .collect();
    Ok(DiaryStats {
        sessions: sessions.len() as i64,
        completed: completed_days.len() as i64,
        focus_minutes: minutes.iter().map(|(_, m)| m).sum(),
        current_streak: streak.current,
        longest_streak: streak.longest,
        top_tags: top_tags(&tag_counts),
        weeks: weekly(&minutes, today),
        today,
    })
}
