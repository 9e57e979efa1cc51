//! Journal notes: one per seat at a finished session, written (and rewritten, as the
//! browser autosaves) only by the seat's own student.

use super::{fetch_for, search};
use crate::api::diary_types::DiaryNote;
use crate::domain::diary::{self, Tag};
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::db::{Backend, Db};

/// Saves `user_id`'s note on `table_id` (an empty text without tags removes it) and
/// returns it as stored. The note, its tags and the search index change together.
#[tracing::instrument(skip(db, body, tags))]
pub async fn save(
    db: &Db,
    user_id: i64,
    table_id: i64,
    body: &str,
    tags: &[Tag],
    now: Timestamp,
) -> Result<Option<DiaryNote>, AppError> {
    let note = diary::parse_note(body, tags)?;
    let mut tx = db.begin_write().await?;
    // The seat row is locked so autosaves of one note apply one after the other (SQLite's
    // write transactions already do; PostgreSQL locks the seat, not the table's row).
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE OF p",
        Backend::Sqlite => "",
    };
    let row: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT p.id, s.state FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.session_id = $1 AND p.user_id = $2 AND p.kind = 'human' \
         AND p.status IN ('seated', 'left') ORDER BY p.id DESC LIMIT 1{lock}"
    ))
    .bind(table_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (participant, state) = row.ok_or(AppError::NotFound)?;
    if state != "ended" {
        return Err(AppError::Refused {
            reason: Refusal::SessionNotOver,
        });
    }
    sqlx::query("DELETE FROM diary_note_tags WHERE participant_id = $1")
        .bind(participant)
        .execute(&mut *tx)
        .await?;
    let saved = if note.is_empty() {
        sqlx::query("DELETE FROM diary_notes WHERE participant_id = $1")
            .bind(participant)
            .execute(&mut *tx)
            .await?;
        None
    } else {
        sqlx::query(
            "INSERT INTO diary_notes (participant_id, session_id, user_id, body, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) \
             ON CONFLICT (participant_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        )
        .bind(participant)
        .bind(table_id)
        .bind(user_id)
        .bind(&note.body)
        .bind(now.unix_millis())
        .execute(&mut *tx)
        .await?;
        for tag in &note.tags {
            sqlx::query(
                "INSERT INTO diary_note_tags (participant_id, user_id, tag) VALUES ($1, $2, $3)",
            )
            .bind(participant)
            .bind(user_id)
            .bind(tag.key())
            .execute(&mut *tx)
            .await?;
        }
        Some(DiaryNote {
            body: note.body,
            tags: note.tags,
            updated_at: now,
        })
    };
    search::reindex(db, &mut tx, participant).await?;
    tx.commit().await?;
    Ok(saved)
}

/// The notes of the given seats (all `user_id`'s; others' seats are ignored).
pub(crate) async fn of_seats(
    db: &Db,
    user_id: i64,
    seats: &[i64],
) -> Result<Vec<(i64, DiaryNote)>, AppError> {
    let list = crate::server::db::placeholders(seats.len());
    let owner = seats.len() + 1;
    let sql = format!(
        "SELECT participant_id, body, updated_at FROM diary_notes \
         WHERE participant_id IN ({list}) AND user_id = ${owner}"
    );
    let notes: Vec<(i64, String, i64)> = fetch_for(db, &sql, seats, user_id).await?;
    let sql = format!(
        "SELECT participant_id, tag FROM diary_note_tags \
         WHERE participant_id IN ({list}) AND user_id = ${owner}"
    );
    let tags: Vec<(i64, String)> = fetch_for(db, &sql, seats, user_id).await?;
    Ok(notes
        .into_iter()
        .map(|(seat, body, updated_at)| {
            let mut tags: Vec<Tag> = tags
                .iter()
                .filter(|(s, _)| *s == seat)
                .filter_map(|(_, key)| Tag::parse(key).ok())
                .collect();
            tags.sort();
            let note = DiaryNote {
                body,
                tags,
                updated_at: Timestamp::from_unix_millis(updated_at),
            };
            (seat, note)
        })
        .collect())
}

/// `user_id`'s note on `table_id`, if any.
pub async fn of_table(db: &Db, user_id: i64, table_id: i64) -> Result<Option<DiaryNote>, AppError> {
    let seat: Option<(i64,)> = sqlx::query_as(
        "SELECT participant_id FROM diary_notes WHERE session_id = $1 AND user_id = $2 \
         ORDER BY participant_id DESC LIMIT 1",
    )
    .bind(table_id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let Some((seat,)) = seat else {
        return Ok(None);
    };
    Ok(of_seats(db, user_id, &[seat]).await?.pop().map(|(_, n)| n))
}
