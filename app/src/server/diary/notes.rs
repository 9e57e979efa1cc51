//! Journal notes: one per seat at a finished session, written (and rewritten, as the
//! browser autosaves) only by the seat's own student.

use super::{fetch_for, search};
use crate::api::diary_types::DiaryNote;
use crate::domain::diary::{self, Tag};
use crate::domain::stored::TableState;
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::db::Db;
use crate::server::tables::my_seat::{self, Which};

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
    // The seat row is locked so autosaves of one note apply one after the other.
    let mine = my_seat::find(db, &mut tx, user_id, table_id, Which::HeldLocked).await?;
    let participant = mine.participant_id;
    if mine.state != TableState::Ended {
        return Err(AppError::Refused {
            reason: Refusal::TableNotOver,
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
    let notes: Vec<(i64, String, i64)> = fetch_for(
        db,
        "SELECT participant_id, body, updated_at FROM diary_notes WHERE participant_id",
        seats,
        user_id,
        "",
    )
    .await?;
    let tags: Vec<(i64, String)> = fetch_for(
        db,
        "SELECT participant_id, tag FROM diary_note_tags WHERE participant_id",
        seats,
        user_id,
        "",
    )
    .await?;
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
