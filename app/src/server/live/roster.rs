//! A table's seats as the live channel needs them, read from the database: who sits
//! where, who has left, and the goals already set.

use crate::api::table_types::Occupant;
use crate::domain::matching::TableMode;
use crate::domain::stored::{SeatStatus, TableState};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::sql::HOLDS_SEAT;
use crate::server::tables::queries::{SeatRow, SEAT_SELECT};
use const_format::formatcp;

/// One held seat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterSeat {
    /// Seat 1–4.
    pub seat: i64,
    /// The participant row.
    pub participant_id: i64,
    /// The student (none for a companion or a deleted account).
    pub user_id: Option<i64>,
    /// Who, as others see them.
    pub occupant: Occupant,
    /// Left the table.
    pub left: bool,
}

impl RosterSeat {
    /// True for a companion.
    pub fn is_companion(&self) -> bool {
        matches!(self.occupant, Occupant::Companion(_))
    }
}

/// A table and its seats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    /// The table's start.
    pub starts_at: Timestamp,
    /// Where the table is in its life.
    pub state: TableState,
    /// Audio or quiet.
    pub mode: TableMode,
    /// Held seats, by seat number.
    pub seats: Vec<RosterSeat>,
    /// Goals set so far: `(seat, goal)`.
    pub goals: Vec<(i64, String)>,
}

impl Roster {
    /// The seat `user_id` holds, if any.
    pub fn seat_of(&self, user_id: i64) -> Option<&RosterSeat> {
        self.seats.iter().find(|s| s.user_id == Some(user_id))
    }

    /// True once the scheduler has closed the table.
    pub fn is_closed(&self) -> bool {
        self.state.is_over()
    }
}

/// Table `table_id`'s roster at `now` (badges change with time); `NotFound` when there is
/// no such table.
pub async fn load(db: &Db, table_id: i64, now: Timestamp) -> Result<Roster, AppError> {
    let table: Option<(i64, TableState, String)> =
        sqlx::query_as("SELECT starts_at, state, mode FROM study_sessions WHERE id = $1")
            .bind(table_id)
            .fetch_optional(db.pool())
            .await?;
    let (starts_at, state, mode) = table.ok_or(AppError::NotFound)?;
    // Stored by quick match from the same enum; an unknown value would be a corrupt row,
    // and quiet is the safe reading of it.
    let mode = TableMode::parse(&mode).unwrap_or(TableMode::Quiet);
    let rows: Vec<SeatRow> = sqlx::query_as(formatcp!(
        "{SEAT_SELECT} WHERE p.session_id = $1 AND p.status IN {HOLDS_SEAT} ORDER BY p.seat"
    ))
    .bind(table_id)
    .fetch_all(db.pool())
    .await?;
    let users: Vec<i64> = rows.iter().filter_map(|r| r.user_id).collect();
    let badges = crate::server::ratings::score::badges(db, &users, now).await?;
    let seats = rows
        .into_iter()
        .filter_map(|row| {
            Some(RosterSeat {
                occupant: row.occupant(badges.of(row.user_id))?,
                seat: row.seat,
                participant_id: row.participant_id,
                user_id: row.user_id,
                left: row.status == SeatStatus::Left,
            })
        })
        .collect();
    let goals: Vec<(i64, String)> = sqlx::query_as(formatcp!("SELECT p.seat, r.body FROM reflections r JOIN participants p ON p.id = r.participant_id \
         WHERE r.session_id = $1 AND r.prompt = 'goal' AND p.status IN {HOLDS_SEAT} ORDER BY p.seat"))
    .bind(table_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Roster {
        starts_at: Timestamp::from_unix_millis(starts_at),
        state,
        mode,
        seats,
        goals,
    })
}
