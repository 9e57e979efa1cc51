//! What happens to a table over time, driven by the scheduler: companions take the empty
//! seats at the start; at the end every human's attendance is computed from their
//! connection history (focus minutes, completion), completions earn essence and settle
//! referral awards, and tablemates start owing each other a rating. Each step is one transaction per table and checks the table's state
//! first, so running it twice (or on two instances) changes nothing the second time.

use super::presence;
use crate::domain::attendance::Attendance;
use crate::domain::companions::{self, Companion};
use crate::domain::credits::{referrer_earns, LedgerKind, CYCLE_MS, REFERRAL_AWARD};
use crate::domain::matching::{group_lock_key, SEATS};
use crate::domain::schedule::SESSION_MINUTES;
use crate::domain::stored::{ParticipantKind, TableState};
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::AppError;
use crate::server::credits::{self, Entry};
use crate::server::db::{Db, WriteTx};
use crate::server::sql::{AI, ENDED, HOLDS_SEAT, HUMAN, OPEN, RUNNING, SEATED};
use const_format::formatcp;

/// Essence a completed session earns.
pub const ESSENCE_PER_COMPLETION: i64 = 1;
/// Tables handled per step, so one tick never runs unbounded.
const BATCH: i64 = 200;

/// Starts every open table whose start has come: fills empty seats with companions (or
/// marks the table empty when nobody is seated). Returns how many started.
pub async fn start_due(db: &Db, now: Timestamp) -> Result<usize, AppError> {
    let due: Vec<(i64,)> = sqlx::query_as(formatcp!(
        "SELECT id FROM study_sessions WHERE state = {OPEN} AND starts_at <= $1 \
         ORDER BY starts_at, id LIMIT $2"
    ))
    .bind(now.unix_millis())
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut started = 0;
    for (table_id,) in due {
        let mut tx = db.begin_write().await?;
        if start(db, &mut tx, table_id, now).await? {
            started += 1;
        }
        tx.commit().await?;
    }
    Ok(started)
}

async fn start(db: &Db, tx: &mut WriteTx, table_id: i64, now: Timestamp) -> Result<bool, AppError> {
    let (state, mode, language, starts_at): (TableState, String, String, i64) =
        sqlx::query_as("SELECT state, mode, language, starts_at FROM study_sessions WHERE id = $1")
            .bind(table_id)
            .fetch_one(&mut **tx)
            .await?;
    // Same lock as quick match for this group: no seat is taken twice at the start.
    db.lock(tx, group_lock_key(&mode, &language)).await?;
    if state != TableState::Open {
        return Ok(false);
    }
    let held: Vec<(i64, ParticipantKind, Option<String>)> = sqlx::query_as(formatcp!(
        "SELECT seat, kind, companion FROM participants WHERE session_id = $1 \
         AND status IN {HOLDS_SEAT} ORDER BY seat"
    ))
    .bind(table_id)
    .fetch_all(&mut **tx)
    .await?;
    let humans = held
        .iter()
        .filter(|(_, kind, _)| *kind == ParticipantKind::Human)
        .count();
    let next_state = if humans == 0 {
        TableState::Empty
    } else {
        TableState::Running
    };
    if humans > 0 {
        let empty: Vec<i64> = (1..=SEATS)
            .filter(|seat| !held.iter().any(|(s, _, _)| s == seat))
            .collect();
        let present: Vec<Companion> = held
            .iter()
            .filter_map(|(_, _, c)| c.as_deref().and_then(Companion::from_key))
            .collect();
        for (seat, companion) in companions::fill(&empty, &present) {
            sqlx::query(
                formatcp!("INSERT INTO participants (session_id, seat, kind, companion, starts_at, status, joined_at) \
                 VALUES ($1, $2, {AI}, $3, $4, {SEATED}, $5)"),
            )
            .bind(table_id)
            .bind(seat)
            .bind(companion.key())
            .bind(starts_at)
            .bind(now.unix_millis())
            .execute(&mut **tx)
            .await?;
        }
    }
    sqlx::query("UPDATE study_sessions SET state = $1, started_at = $2 WHERE id = $3")
        .bind(next_state)
        .bind(now.unix_millis())
        .bind(table_id)
        .execute(&mut **tx)
        .await?;
    tracing::info!(
        table_id,
        humans,
        state = next_state.as_str(),
        "table started"
    );
    Ok(true)
}

/// Ends every running table whose 55 minutes are over: attendance, essence, referral
/// awards. Returns how many ended.
pub async fn end_due(db: &Db, now: Timestamp) -> Result<usize, AppError> {
    let due: Vec<(i64,)> = sqlx::query_as(formatcp!(
        "SELECT id FROM study_sessions WHERE state = {RUNNING} AND starts_at <= $1 \
         ORDER BY starts_at, id LIMIT $2"
    ))
    .bind(now.unix_millis() - SESSION_MINUTES * MINUTE_MS)
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut ended = 0;
    for (table_id,) in due {
        let mut tx = db.begin_write().await?;
        if end(db, &mut tx, table_id, now).await? {
            ended += 1;
        }
        tx.commit().await?;
    }
    Ok(ended)
}

async fn end(db: &Db, tx: &mut WriteTx, table_id: i64, now: Timestamp) -> Result<bool, AppError> {
    let sql = format!(
        "SELECT state, starts_at FROM study_sessions WHERE id = $1{}",
        db.for_update()
    );
    let (state, starts_at): (TableState, i64) = sqlx::query_as(&sql)
        .bind(table_id)
        .fetch_one(&mut **tx)
        .await?;
    if state != TableState::Running {
        return Ok(false);
    }
    let start = Timestamp::from_unix_millis(starts_at);
    let end = start.plus_millis(SESSION_MINUTES * MINUTE_MS);
    let humans: Vec<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(formatcp!(
        "SELECT id, user_id, left_at FROM participants WHERE session_id = $1 \
         AND kind = {HUMAN} AND status IN {HOLDS_SEAT}"
    ))
    .bind(table_id)
    .fetch_all(&mut **tx)
    .await?;
    let owed = crate::server::ratings::pending::open_for_table(tx, table_id, now).await?;
    let mut completions = 0;
    for (participant, user_id, left_at) in humans {
        presence::close_open(tx, participant, end).await?;
        let history = presence::history(tx, participant).await?;
        let attendance = Attendance::of(
            start,
            &history,
            left_at.map(Timestamp::from_unix_millis),
            end,
        );
        let completed = attendance.completed();
        sqlx::query(
            "UPDATE participants SET focus_minutes = $1, active_minutes = $2, completed = $3 \
             WHERE id = $4",
        )
        .bind(attendance.focus_minutes)
        .bind(attendance.active_minutes)
        .bind(i64::from(completed))
        .bind(participant)
        .execute(&mut **tx)
        .await?;
        if let (true, Some(user_id)) = (completed, user_id) {
            completions += 1;
            award_completion(db, tx, user_id, table_id, participant, now).await?;
        }
    }
    sqlx::query(formatcp!(
        "UPDATE study_sessions SET state = {ENDED}, ended_at = $1 WHERE id = $2"
    ))
    .bind(now.unix_millis())
    .bind(table_id)
    .execute(&mut **tx)
    .await?;
    crate::server::diary::search::index_table(db, tx, table_id).await?;
    tracing::info!(table_id, completions, owed, "table ended");
    Ok(true)
}

/// Essence for a completed session, and the referral award on a referred user's first.
async fn award_completion(
    db: &Db,
    tx: &mut WriteTx,
    user_id: i64,
    table_id: i64,
    participant: i64,
    now: Timestamp,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO essence_ledger (user_id, amount, kind, session_id, idempotency_key, created_at) \
         VALUES ($1, $2, 'completion', $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(user_id)
    .bind(ESSENCE_PER_COMPLETION)
    .bind(table_id)
    .bind(format!("completion:{participant}"))
    .bind(now.unix_millis())
    .execute(&mut **tx)
    .await?;
    let account = credits::lock_account(db, tx, user_id, now).await?;
    let (Some(referrer), None) = (account.referred_by, account.referral_awarded_at) else {
        return Ok(());
    };
    // The referrer's award is capped per week: lock their account, then count.
    credits::lock_account(db, tx, referrer, now).await?;
    let (earned,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM credit_ledger WHERE user_id = $1 AND kind = $2 \
         AND created_at > $3 AND idempotency_key LIKE $4 AND idempotency_key <> $5",
    )
    .bind(referrer)
    .bind(LedgerKind::Referral)
    .bind(now.plus_millis(-CYCLE_MS).unix_millis())
    // Awards as a referrer are keyed `referral:<referred>:<referrer>` (their own award
    // as a referred member, `referral:<them>:<them>`, does not count).
    .bind(format!("referral:%:{referrer}"))
    .bind(format!("referral:{referrer}:{referrer}"))
    .fetch_one(&mut **tx)
    .await?;
    let mut awarded = vec![(user_id, referrer)];
    if referrer_earns(earned) {
        awarded.push((referrer, user_id));
    } else {
        tracing::info!(
            referrer,
            earned,
            "referrer's weekly awards reached; new member only"
        );
    }
    for (who, other) in awarded {
        let entry = Entry::new(who, REFERRAL_AWARD, LedgerKind::Referral, now)
            .session(table_id)
            .counterparty(other)
            .key(format!("referral:{user_id}:{who}"));
        credits::post(tx, &entry).await?;
    }
    sqlx::query("UPDATE credit_accounts SET referral_awarded_at = $1 WHERE user_id = $2")
        .bind(now.unix_millis())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    tracing::info!(user_id, referrer, "referral awarded");
    Ok(())
}
