//! The open ledger: every rating a student received within 180 days (never who gave it),
//! what each weighs today and until when, the ratings they still owe, their ban if any,
//! and appeals of red ratings (queued for the moderators).

use super::bans::banned_until;
use crate::api::rating_types::{BanDetails, OwedTable, ReceivedRating, ReliabilityLedger};
use crate::domain::reliability::params::{APPEAL_MAX, HORIZON_MS};
use crate::domain::reliability::rating::{RatingValue, Reason};
use crate::domain::reliability::{counts_until, Received, Weighing};
use crate::domain::text::required_within;
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::db::Db;
use const_format::formatcp;

/// A received rating as [`RECEIVED_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct ReceivedRow {
    reference: Option<String>,
    value: String,
    reasons: String,
    other: String,
    power_pct: i64,
    ban_id: Option<i64>,
    effective_at: i64,
    created_at: i64,
    appeals: i64,
}

/// What a ledger line reads. Never the table, the rater or the row number; ordered by
/// when each took effect, then by its random reference (so a weekly batch has no order).
const RECEIVED_COLUMNS: &str = "r.public_id AS reference, r.value, r.reasons, r.other, \
     r.power_pct, r.ban_id, r.effective_at, r.created_at, \
     (SELECT COUNT(*) FROM rating_appeals a WHERE a.rating_id = r.id) AS appeals";
const RECEIVED_ORDER: &str = "ORDER BY r.effective_at DESC, r.public_id";

/// A row as the score reads it.
fn received(row: &ReceivedRow) -> Option<Received> {
    Some(Received {
        value: RatingValue::parse(&row.value).ok()?,
        power_pct: row.power_pct,
        at: Timestamp::from_unix_millis(row.effective_at),
    })
}

fn received_rating(row: ReceivedRow, now: Timestamp) -> Option<ReceivedRating> {
    let rating = received(&row)?;
    let (value, at) = (rating.value, rating.at);
    Some(ReceivedRating {
        reference: row.reference?,
        on: at.day_start(),
        batched: row.effective_at > row.created_at,
        weighing: Weighing::of(value, row.power_pct),
        value,
        reasons: Reason::split(&row.reasons),
        other: row.other,
        weight_given_pct: (rating.weight_at(at) * 100.0).round() as i64,
        weight_now_pct: (rating.weight_at(now) * 100.0).round() as i64,
        counts_until: counts_until(at),
        caused_ban: row.ban_id.is_some(),
        appealed: row.appeals > 0,
    })
}

/// `user_id`'s ledger at `now`.
pub async fn ledger(db: &Db, user_id: i64, now: Timestamp) -> Result<ReliabilityLedger, AppError> {
    let rows: Vec<ReceivedRow> = sqlx::query_as(formatcp!(
        "SELECT {RECEIVED_COLUMNS} FROM ratings r WHERE r.ratee_id = $1 AND r.value <> 'skip' \
         AND r.held = 0 AND r.effective_at > $2 {RECEIVED_ORDER}"
    ))
    .bind(user_id)
    .bind(now.unix_millis() - HORIZON_MS)
    .fetch_all(db.pool())
    .await?;
    let owed: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT p.session_id, s.starts_at, COUNT(*), MIN(p.expires_at) \
         FROM pending_ratings p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.rater_id = $1 AND p.expires_at > $2 \
         GROUP BY p.session_id, s.starts_at ORDER BY s.starts_at",
    )
    .bind(user_id)
    .bind(now.unix_millis())
    .fetch_all(db.pool())
    .await?;
    let mut conn = db.pool().acquire().await?;
    let banned_until = banned_until(&mut conn, user_id, now).await?;
    let reporting_power_pct = super::rater_power(&mut conn, user_id, now).await?;
    drop(conn);
    // The same rows the score counts: non-skip, within the horizon.
    let scored: Vec<Received> = rows.iter().filter_map(received).collect();
    Ok(ReliabilityLedger {
        server_now: now,
        summary: super::score::summary(&scored, now),
        reporting_power_pct,
        received: rows
            .into_iter()
            .filter_map(|row| received_rating(row, now))
            .collect(),
        owed: owed
            .into_iter()
            .map(|(table_id, starts_at, count, closes_at)| OwedTable {
                table_id,
                starts_at: Timestamp::from_unix_millis(starts_at),
                count,
                closes_at: Timestamp::from_unix_millis(closes_at),
            })
            .collect(),
        banned_until,
    })
}

/// Why `user_id` is banned at `now` (`None` when they are not).
pub async fn ban_details(
    db: &Db,
    user_id: i64,
    now: Timestamp,
) -> Result<Option<BanDetails>, AppError> {
    let ban: Option<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, starts_at, ends_at, weight_pct, threshold_pct FROM bans \
         WHERE user_id = $1 AND starts_at <= $2 AND ends_at > $2 \
         ORDER BY ends_at DESC, id DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(now.unix_millis())
    .fetch_optional(db.pool())
    .await?;
    let Some((ban_id, starts_at, ends_at, weight_pct, threshold_pct)) = ban else {
        return Ok(None);
    };
    let rows: Vec<ReceivedRow> = sqlx::query_as(formatcp!(
        "SELECT {RECEIVED_COLUMNS} FROM ratings r WHERE r.ratee_id = $1 AND r.ban_id = $2 \
         {RECEIVED_ORDER}"
    ))
    .bind(user_id)
    .bind(ban_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(BanDetails {
        server_now: now,
        starts_at: Timestamp::from_unix_millis(starts_at),
        ends_at: Timestamp::from_unix_millis(ends_at),
        weight_pct,
        threshold_pct,
        ratings: rows
            .into_iter()
            .filter_map(|row| received_rating(row, now))
            .collect(),
    }))
}

/// Appeals the red rating `reference` (its ledger reference) that `user_id` received,
/// once, with `text`.
pub async fn appeal(
    db: &Db,
    user_id: i64,
    reference: &str,
    text: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    let text = required_within("appeal", text, APPEAL_MAX)?;
    let stored = sqlx::query(
        "INSERT INTO rating_appeals (rating_id, user_id, body, created_at) \
         SELECT id, ratee_id, $3, $4 FROM ratings WHERE public_id = $1 AND ratee_id = $2 \
         AND value = 'red' AND held = 0 ON CONFLICT (rating_id) DO NOTHING",
    )
    .bind(reference)
    .bind(user_id)
    .bind(&text)
    .bind(now.unix_millis())
    .execute(db.pool())
    .await?
    .rows_affected();
    if stored == 1 {
        tracing::info!(user_id, "rating appealed");
        return Ok(());
    }
    let rating: Option<(String,)> = sqlx::query_as(
        "SELECT value FROM ratings WHERE public_id = $1 AND ratee_id = $2 AND held = 0",
    )
    .bind(reference)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    match rating {
        None => Err(AppError::NotFound),
        Some((value,)) if value != "red" => Err(AppError::Refused {
            reason: Refusal::NotAppealable,
        }),
        Some(_) => Err(AppError::Refused {
            reason: Refusal::AlreadyAppealed,
        }),
    }
}
