//! Quick match: one transaction that checks the student may join, finds or opens a table,
//! takes the lowest free seat and spends the credit.

use super::seat_key;
use crate::api::table_types::MatchOutcome;
use crate::domain::credits::LedgerKind;
use crate::domain::matching::{MatchRequest, SEATS};
use crate::domain::scene::Room;
use crate::domain::time::Timestamp;
use crate::error::{AppError, Refusal};
use crate::server::credits::{self, Entry};
use crate::server::db::{is_unique_violation, Db, WriteTx};
use crate::server::idempotency::{Claim, Idempotent};
use crate::server::ratings::bans::banned_until;
use crate::server::ratings::pending;
use crate::server::sql::{AI, HOLDS_SEAT, HUMAN, OPEN, REPLACED, SEATED, TAKES_SEATS};
use const_format::formatcp;

/// How often a match is retried when a concurrent one took the same seat first.
const ATTEMPTS: usize = 5;

/// Seats `user_id` by `request` at `now`, spending one credit. `key` is the request's
/// `Idempotency-Key`, if any.
#[tracing::instrument(skip(db, request, key), fields(mode = request.mode.key()))]
pub async fn quick_match(
    db: &Db,
    user_id: i64,
    request: &MatchRequest,
    key: Option<&str>,
    now: Timestamp,
) -> Result<MatchOutcome, AppError> {
    let args = (
        request.mode.key(),
        &request.topic,
        request.language.tag(),
        format!("{:?}", request.when),
    );
    let idem = Idempotent::new(user_id, key, "quick_match", &args)?;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut tx = db.begin_write().await?;
        match try_match(db, &mut tx, &idem, user_id, request, now).await {
            Ok(outcome) => {
                tx.commit().await?;
                return Ok(outcome);
            }
            Err(Failure::Race) if attempt < ATTEMPTS => {
                tracing::debug!(attempt, "seat taken concurrently; retrying");
            }
            Err(Failure::Race) => return Err(AppError::Unavailable),
            Err(Failure::App(err)) => return Err(err),
        }
    }
}

enum Failure {
    /// A unique index refused the seat: someone else got there first.
    Race,
    App(AppError),
}

impl<E: Into<AppError>> From<E> for Failure {
    fn from(err: E) -> Self {
        Failure::App(err.into())
    }
}

async fn try_match(
    db: &Db,
    tx: &mut WriteTx,
    idem: &Idempotent,
    user_id: i64,
    request: &MatchRequest,
    now: Timestamp,
) -> Result<MatchOutcome, Failure> {
    if let Claim::Replay(outcome) = idem.claim(tx, now).await? {
        return Ok(outcome);
    }
    if let Some(until) = banned_until(tx, user_id, now).await? {
        return Err(AppError::Refused {
            reason: Refusal::Banned { until },
        }
        .into());
    }
    if let Some(table_id) = pending::blocking_table(tx, user_id, now).await? {
        return Err(AppError::Refused {
            reason: Refusal::PendingRatings { table_id },
        }
        .into());
    }
    let account = credits::lock_account(db, tx, user_id, now).await?;
    let cost = account.tier.seat_cost();
    account.ensure_can_spend(cost, now)?;
    db.lock(tx, request.lock_key()).await?;

    let existing = find_table(tx, request, now).await?;
    let starts_at = existing.map_or_else(|| request.new_table_start(now), |(_, at)| at);
    if seated_in_slot(tx, user_id, starts_at).await? {
        return Err(AppError::Refused {
            reason: Refusal::AlreadySeated { starts_at },
        }
        .into());
    }
    let table_id = match existing {
        Some((id, _)) => id,
        None => open_table(tx, request, starts_at, now).await?,
    };
    let seat = free_seat(tx, table_id).await?.ok_or(Failure::Race)?;
    let participant_id = match take_seat(tx, table_id, seat, user_id, starts_at, now).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => return Err(Failure::Race),
        Err(e) => return Err(e.into()),
    };
    if cost > 0 {
        let entry = Entry::new(user_id, -cost, LedgerKind::Seat, now)
            .session(table_id)
            .key(seat_key(participant_id));
        credits::post(tx, &entry).await?;
    }
    let (mode, topic): (String, String) =
        sqlx::query_as("SELECT mode, topic FROM study_sessions WHERE id = $1")
            .bind(table_id)
            .fetch_one(&mut **tx)
            .await?;
    let outcome = MatchOutcome {
        table_id,
        seat,
        starts_at,
        mode: crate::domain::matching::TableMode::parse(&mode)?,
        topic,
        joined_existing: existing.is_some(),
        credits_left: account
            .tier
            .weekly_allotment()
            .map(|_| account.balance - cost),
    };
    idem.finish(tx, &outcome).await?;
    tracing::info!(
        table_id,
        seat,
        joined = existing.is_some(),
        "seated by quick match"
    );
    Ok(outcome)
}

/// The soonest joinable table for `request` with a free seat: `(id, starts_at)`.
async fn find_table(
    tx: &mut WriteTx,
    request: &MatchRequest,
    now: Timestamp,
) -> Result<Option<(i64, Timestamp)>, AppError> {
    let topic_filter = if request.topic.is_empty() {
        ""
    } else {
        " AND s.topic_key = $6"
    };
    let sql = format!(
        "SELECT s.id, s.starts_at FROM study_sessions s \
         WHERE s.mode = $1 AND s.language = $2 AND s.state IN {TAKES_SEATS} \
         AND s.starts_at >= $3 AND s.starts_at <= $4 AND s.humans < $5{topic_filter} \
         ORDER BY s.starts_at, s.id LIMIT 1"
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql)
        .bind(request.mode.key())
        .bind(request.language.tag())
        .bind(request.earliest_start(now).unix_millis())
        .bind(request.new_table_start(now).unix_millis())
        .bind(SEATS);
    if !request.topic.is_empty() {
        query = query.bind(request.topic_key());
    }
    let found = query.fetch_optional(&mut **tx).await?;
    Ok(found.map(|(id, at)| (id, Timestamp::from_unix_millis(at))))
}

async fn seated_in_slot(
    tx: &mut WriteTx,
    user_id: i64,
    starts_at: Timestamp,
) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as(formatcp!(
        "SELECT COUNT(*) FROM participants WHERE user_id = $1 AND starts_at = $2 \
         AND kind = {HUMAN} AND status IN {HOLDS_SEAT}"
    ))
    .bind(user_id)
    .bind(starts_at.unix_millis())
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

async fn open_table(
    tx: &mut WriteTx,
    request: &MatchRequest,
    starts_at: Timestamp,
    now: Timestamp,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        formatcp!("INSERT INTO study_sessions (starts_at, mode, topic, topic_key, language, state, created_at, room) \
         VALUES ($1, $2, $3, $4, $5, {OPEN}, $6, $7) RETURNING id"),
    )
    .bind(starts_at.unix_millis())
    .bind(request.mode.key())
    .bind(&request.topic)
    .bind(request.topic_key())
    .bind(request.language.tag())
    .bind(now.unix_millis())
    .bind(any_room()?)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The room a new table is held in: any of them, at random, so a student's tables vary.
fn any_room() -> Result<Room, AppError> {
    let mut byte = [0u8; 1];
    getrandom::fill(&mut byte).map_err(AppError::internal)?;
    Ok(Room::ALL[usize::from(byte[0]) % Room::ALL.len()])
}

/// The lowest seat no human holds (a companion's seat counts as free).
async fn free_seat(tx: &mut WriteTx, table_id: i64) -> Result<Option<i64>, AppError> {
    let held: Vec<(i64,)> = sqlx::query_as(formatcp!(
        "SELECT seat FROM participants WHERE session_id = $1 AND kind = {HUMAN} \
         AND status IN {HOLDS_SEAT}"
    ))
    .bind(table_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok((1..=SEATS).find(|seat| !held.iter().any(|(s,)| s == seat)))
}

/// Seats the user; a companion in that seat (a table already in Setup) gives it up.
async fn take_seat(
    tx: &mut WriteTx,
    table_id: i64,
    seat: i64,
    user_id: i64,
    starts_at: Timestamp,
    now: Timestamp,
) -> Result<i64, sqlx::Error> {
    sqlx::query(formatcp!(
        "UPDATE participants SET status = {REPLACED}, left_at = $3 \
         WHERE session_id = $1 AND seat = $2 AND kind = {AI} AND status IN {HOLDS_SEAT}"
    ))
    .bind(table_id)
    .bind(seat)
    .bind(now.unix_millis())
    .execute(&mut **tx)
    .await?;
    let (id,): (i64,) = sqlx::query_as(formatcp!(
        "INSERT INTO participants (session_id, seat, kind, user_id, starts_at, status, joined_at) \
         VALUES ($1, $2, {HUMAN}, $3, $4, {SEATED}, $5) RETURNING id"
    ))
    .bind(table_id)
    .bind(seat)
    .bind(user_id)
    .bind(starts_at.unix_millis())
    .bind(now.unix_millis())
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE study_sessions SET humans = humans + 1 WHERE id = $1")
        .bind(table_id)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}
