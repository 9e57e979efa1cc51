//! The viewer's seat at one table: the one query every action on "my seat" starts from
//! (the table page, goals and reflections, the diary note, cancel and leave). A student
//! holds at most one seat per slot (a partial unique index), so "the held seat" is one
//! row; "the latest seat" also finds a seat they cancelled or left.

use crate::domain::scene::Room;
use crate::domain::stored::{SeatStatus, TableState};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::{Backend, Db};
use crate::server::sql::{HOLDS_SEAT, HUMAN, SEATED};
use const_format::formatcp;
use sqlx::AnyConnection;

/// Which of the viewer's seat rows at the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Which {
    /// The seat they hold (seated, or left early).
    Held,
    /// The seat they hold, its row locked until the transaction ends, so writes about
    /// this seat apply one after the other (SQLite's write transaction already does).
    HeldLocked,
    /// A held seat first, else their latest row (a cancelled seat, to answer a repeated
    /// cancel the way the first one was answered).
    Latest,
}

/// A student's seat row with the facts of its table.
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct MySeat {
    /// The participant row.
    pub participant_id: i64,
    /// Seat 1–4.
    pub seat: i64,
    /// What became of the seat.
    pub status: SeatStatus,
    /// The table's start (Unix milliseconds; see [`MySeat::starts_at`]).
    starts_at: i64,
    /// Where the table is in its life.
    pub state: TableState,
    /// The table's mode key.
    pub mode: String,
    /// The table's topic ('' for none).
    pub topic: String,
    /// The table's language key.
    pub language: String,
    /// The room the table is held in.
    pub room: Room,
}

impl MySeat {
    /// When the table starts.
    pub fn starts_at(&self) -> Timestamp {
        Timestamp::from_unix_millis(self.starts_at)
    }
}

const SELECT: &str = "SELECT p.id AS participant_id, p.seat, p.status, s.starts_at, s.state, \
    s.mode, s.topic, s.language, s.room \
    FROM participants p JOIN study_sessions s ON s.id = p.session_id \
    WHERE p.session_id = $1 AND p.user_id = $2";
const HELD: &str = formatcp!(
    "{SELECT} AND p.kind = {HUMAN} AND p.status IN {HOLDS_SEAT} ORDER BY p.id DESC LIMIT 1"
);
const HELD_LOCKED_POSTGRES: &str = formatcp!("{HELD} FOR UPDATE OF p");
const LATEST: &str = formatcp!(
    "{SELECT} AND p.kind = {HUMAN} \
     ORDER BY CASE p.status WHEN {SEATED} THEN 0 ELSE 1 END, p.id DESC LIMIT 1"
);

/// `user_id`'s seat at `table_id` as `which` asks; `NotFound` when they have none (so a
/// stranger cannot tell a table they never sat at from one that does not exist).
pub(crate) async fn find(
    db: &Db,
    conn: &mut AnyConnection,
    user_id: i64,
    table_id: i64,
    which: Which,
) -> Result<MySeat, AppError> {
    let sql = match (which, db.backend()) {
        (Which::Held, _) | (Which::HeldLocked, Backend::Sqlite) => HELD,
        (Which::HeldLocked, Backend::Postgres) => HELD_LOCKED_POSTGRES,
        (Which::Latest, _) => LATEST,
    };
    sqlx::query_as(sql)
        .bind(table_id)
        .bind(user_id)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotFound)
}
