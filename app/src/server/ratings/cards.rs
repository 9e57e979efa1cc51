//! The rating cards after a session: each human tablemate with what they set out to do,
//! and whether the viewer still owes them a rating.

use crate::api::rating_types::{RatingCard, RatingCards};
use crate::domain::characters::Character;
use crate::domain::reliability::rating::RatingValue;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::sql::{HOLDS_SEAT, HUMAN};
use const_format::formatcp;

/// A human tablemate of the viewer's, with the goal they set.
#[derive(sqlx::FromRow)]
struct MateRow {
    seat: i64,
    user_id: i64,
    username: Option<String>,
    display_name: String,
    goal: Option<String>,
    character_key: Option<String>,
}

/// The cards of `table_id` for `viewer`. The caller has established that the viewer sat
/// there (the summary reads their seat first; a rating is stored only for a tablemate).
pub async fn for_table(
    db: &Db,
    viewer: i64,
    table_id: i64,
    now: Timestamp,
) -> Result<RatingCards, AppError> {
    let mates: Vec<MateRow> = sqlx::query_as(formatcp!(
        "SELECT p.seat, p.user_id, u.username, COALESCE(u.display_name, '') AS display_name, \
         u.character_key, \
         (SELECT r.body FROM reflections r WHERE r.participant_id = p.id AND r.prompt = 'goal') \
         AS goal \
         FROM participants p JOIN users u ON u.id = p.user_id \
         WHERE p.session_id = $1 AND p.kind = {HUMAN} AND p.status IN {HOLDS_SEAT} \
         AND p.user_id <> $2 ORDER BY p.seat"
    ))
    .bind(table_id)
    .bind(viewer)
    .fetch_all(db.pool())
    .await?;
    let owed: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT ratee_id, expires_at FROM pending_ratings \
         WHERE session_id = $1 AND rater_id = $2 AND expires_at > $3",
    )
    .bind(table_id)
    .bind(viewer)
    .bind(now.unix_millis())
    .fetch_all(db.pool())
    .await?;
    let given: Vec<(i64, String)> = sqlx::query_as(
        "SELECT ratee_id, value FROM ratings WHERE session_id = $1 AND rater_id = $2",
    )
    .bind(table_id)
    .bind(viewer)
    .fetch_all(db.pool())
    .await?;
    // A card for each tablemate the viewer owes or gave a rating (a student who left
    // early owes only those they sat with; an expired one is stored as a skip).
    let cards = mates
        .into_iter()
        .filter(|mate| {
            owed.iter().any(|(ratee, _)| *ratee == mate.user_id)
                || given.iter().any(|(ratee, _)| *ratee == mate.user_id)
        })
        .map(
            |MateRow {
                 seat,
                 user_id: user,
                 username,
                 display_name,
                 goal,
                 character_key,
             }| RatingCard {
                seat,
                character: Character::of_student(character_key.as_deref(), user),
                username: username.unwrap_or_default(),
                display_name,
                goal,
                given: given
                    .iter()
                    .find(|(ratee, _)| *ratee == user)
                    .and_then(|(_, value)| RatingValue::parse(value).ok()),
                open: owed.iter().any(|(ratee, _)| *ratee == user),
            },
        )
        .collect();
    Ok(RatingCards {
        table_id,
        cards,
        closes_at: owed
            .iter()
            .map(|(_, at)| Timestamp::from_unix_millis(*at))
            .min(),
    })
}
