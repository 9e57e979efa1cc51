//! Reflections: a participant's answers to the board's prompts. Stored (one per prompt,
//! rewritten when answered again); only their author reads them outside the session.

use crate::api::table_page_types::MyReflection;
use crate::domain::board::{self, Prompt};
use crate::domain::stored::SeatStatus;
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::db::Db;
use crate::server::tables::my_seat::{self, Which};

/// Where a saved reflection belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The author's seat.
    pub seat: i64,
    /// The reflection as stored.
    pub reflection: MyReflection,
}

/// Saves `user_id`'s answer to `prompt` at `table_id`. The prompt must be open at `now`;
/// someone who left early may still write afterthoughts, nothing else.
#[tracing::instrument(skip(db, text))]
pub async fn save(
    db: &Db,
    user_id: i64,
    table_id: i64,
    prompt: Prompt,
    text: &str,
    now: Timestamp,
) -> Result<Saved, AppError> {
    let text = board::parse_reflection(text)?;
    let mine = {
        let mut conn = db.pool().acquire().await?;
        my_seat::find(db, &mut conn, user_id, table_id, Which::Held).await?
    };
    let (participant, seat, starts_at) = (mine.participant_id, mine.seat, mine.starts_at());
    if mine.status == SeatStatus::Left && prompt != Prompt::Afterthought {
        return Err(AppError::Refused {
            reason: Refusal::AlreadyLeft,
        });
    }
    if !prompt.open_at(starts_at, now) {
        return Err(AppError::Refused {
            reason: Refusal::PromptClosed,
        });
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO reflections (session_id, participant_id, user_id, prompt, body, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (participant_id, prompt) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(table_id)
    .bind(participant)
    .bind(user_id)
    .bind(prompt.key())
    .bind(&text)
    .bind(now.unix_millis())
    .execute(&mut *tx)
    .await?;
    crate::server::diary::search::reindex(db, &mut tx, participant).await?;
    tx.commit().await?;
    Ok(Saved {
        seat,
        reflection: MyReflection {
            prompt,
            text,
            at: now,
        },
    })
}

/// `user_id`'s reflections at `table_id`, in prompt order.
pub async fn mine(db: &Db, user_id: i64, table_id: i64) -> Result<Vec<MyReflection>, AppError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT prompt, body, updated_at FROM reflections WHERE session_id = $1 AND user_id = $2",
    )
    .bind(table_id)
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut out: Vec<MyReflection> = rows
        .into_iter()
        .filter_map(|(prompt, text, at)| {
            Some(MyReflection {
                prompt: Prompt::parse(&prompt).ok()?,
                text,
                at: Timestamp::from_unix_millis(at),
            })
        })
        .collect();
    out.sort_by_key(|r| Prompt::ALL.iter().position(|p| *p == r.prompt));
    Ok(out)
}
