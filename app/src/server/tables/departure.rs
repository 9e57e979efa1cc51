//! Leaving a running table early (the Leave button) settles that student's session at
//! once. (A dropped connection never does: the seat stays theirs until the end, and the
//! end adds up whatever they were there for.) Settling means their focus
//! and active minutes so far, "not completed", and the ratings they owe the tablemates
//! they actually sat with (whose connections overlapped theirs). Their summary is ready
//! straight away while the others' table runs on; the table's end leaves these figures
//! as they are (the history it reads is closed at the moment they left).

use super::presence;
use crate::domain::attendance::Attendance;
use crate::domain::reliability::params::PENDING_FOR_MS;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::WriteTx;
use crate::server::sql::{HOLDS_SEAT, HUMAN};
use const_format::formatcp;

/// Settles `participant`, who leaves their running table `now` (the ratings they owe run
/// from now too). Part of the transaction that marks them left.
pub(super) async fn settle(
    tx: &mut WriteTx,
    participant: i64,
    now: Timestamp,
) -> Result<(), AppError> {
    presence::close_open(tx, participant, now).await?;
    let (starts_at,): (i64,) = sqlx::query_as(
        "SELECT s.starts_at FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.id = $1",
    )
    .bind(participant)
    .fetch_one(&mut **tx)
    .await?;
    let history = presence::history(tx, participant).await?;
    let attendance = Attendance::of(
        Timestamp::from_unix_millis(starts_at),
        &history,
        Some(now),
        now,
    );
    sqlx::query(
        "UPDATE participants SET focus_minutes = $1, active_minutes = $2, completed = $3 \
         WHERE id = $4",
    )
    .bind(attendance.focus_minutes)
    .bind(attendance.active_minutes)
    .bind(i64::from(attendance.completed()))
    .bind(participant)
    .execute(&mut **tx)
    .await?;
    owe_ratings(tx, participant, now).await
}

/// Opens the ratings `participant` owes each human tablemate whose connections overlapped
/// theirs (a tablemate who never arrived while they were there is not someone they sat with).
async fn owe_ratings(tx: &mut WriteTx, participant: i64, now: Timestamp) -> Result<(), AppError> {
    sqlx::query(formatcp!(
        "INSERT INTO pending_ratings (session_id, rater_id, ratee_id, created_at, expires_at) \
         SELECT a.session_id, a.user_id, b.user_id, $2, $3 \
         FROM participants a JOIN participants b \
           ON b.session_id = a.session_id AND b.user_id <> a.user_id \
         WHERE a.id = $1 AND b.kind = {HUMAN} AND b.status IN {HOLDS_SEAT} \
           AND a.user_id IS NOT NULL AND b.user_id IS NOT NULL \
           AND EXISTS (SELECT 1 FROM presence pa JOIN presence pb ON pb.participant_id = b.id \
             WHERE pa.participant_id = a.id \
             AND pa.connected_at < COALESCE(pb.disconnected_at, $2) \
             AND pb.connected_at < COALESCE(pa.disconnected_at, $2)) \
         ON CONFLICT DO NOTHING"
    ))
    .bind(participant)
    .bind(now.unix_millis())
    .bind(now.plus_millis(PENDING_FOR_MS).unix_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
