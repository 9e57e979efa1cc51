//! What a student sees of their tables: the ones coming up (with tablemates), one table in
//! detail, and their figures. Only public profile fields of others ever leave here.

use crate::api::table_types::{MyTable, Occupant, StudyStats, Tablemate};
use crate::domain::characters::Character;
use crate::domain::companions::Companion;
use crate::domain::credits::refundable;
use crate::domain::matching::TableMode;
use crate::domain::preferences::Language;
use crate::domain::reliability::Badge;
use crate::domain::scene::Room;
use crate::domain::schedule::SESSION_MINUTES;
use crate::domain::stored::{ParticipantKind, SeatStatus, TableState};
use crate::domain::time::{Timestamp, MINUTE_MS};
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::sql::{HOLDS_SEAT, HUMAN, SEATED};
use crate::server::tables::my_seat::{self, Which};
use const_format::formatcp;

/// A seat row with its occupant's public names, as [`SEAT_SELECT`] reads it.
#[derive(sqlx::FromRow)]
pub(crate) struct SeatRow {
    /// The table.
    pub table_id: i64,
    /// Seat 1–4.
    pub seat: i64,
    /// The participant row.
    pub participant_id: i64,
    /// Seated or left (the queries ask for held seats).
    pub status: SeatStatus,
    /// A person or a companion.
    pub kind: ParticipantKind,
    /// The student (none for a companion or a deleted account).
    pub user_id: Option<i64>,
    /// The companion's key.
    pub companion: Option<String>,
    /// The student's username.
    pub username: Option<String>,
    /// The student's display name ('' when none).
    pub display_name: String,
    /// The character the student picked, if they have.
    pub character_key: Option<String>,
}

/// Selects [`SeatRow`]s from `participants p`; the caller adds `WHERE` and `ORDER BY`.
pub(crate) const SEAT_SELECT: &str = "SELECT p.session_id AS table_id, p.seat, \
    p.id AS participant_id, p.status, p.kind, p.user_id, p.companion, u.username, \
    COALESCE(u.display_name, '') AS display_name, u.character_key \
    FROM participants p LEFT JOIN users u ON u.id = p.user_id";

impl SeatRow {
    /// Who holds the seat, as others see them, given the student's badge (`None` for a
    /// companion this build does not know).
    pub(crate) fn occupant(&self, badge: Badge) -> Option<Occupant> {
        Some(match self.kind {
            ParticipantKind::Ai => {
                Occupant::Companion(Companion::from_key(self.companion.as_deref()?)?)
            }
            ParticipantKind::Human => Occupant::Human {
                username: self.username.clone().unwrap_or_default(),
                display_name: self.display_name.clone(),
                badge,
                character: Character::of_student(
                    self.character_key.as_deref(),
                    self.user_id.unwrap_or_default(),
                ),
            },
        })
    }
}

/// Everyone holding a seat at the given tables: `(table id, tablemate)`.
async fn tablemates(
    db: &Db,
    viewer: i64,
    tables: &[i64],
    now: Timestamp,
) -> Result<Vec<(i64, Tablemate)>, AppError> {
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SEAT_SELECT} WHERE p.session_id IN ({}) AND p.status IN {HOLDS_SEAT} \
         ORDER BY p.session_id, p.seat",
        crate::server::db::placeholders(tables.len())
    );
    let mut query = sqlx::query_as::<_, SeatRow>(&sql);
    for id in tables {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let users: Vec<i64> = rows.iter().filter_map(|r| r.user_id).collect();
    let badges = crate::server::ratings::score::badges(db, &users, now).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let occupant = row.occupant(badges.of(row.user_id))?;
            let mate = Tablemate {
                seat: row.seat,
                occupant,
                you: row.user_id == Some(viewer),
                left: row.status == SeatStatus::Left,
            };
            Some((row.table_id, mate))
        })
        .collect())
}

/// One of a student's seats with its table.
#[derive(sqlx::FromRow)]
struct MineRow {
    table_id: i64,
    participant_id: i64,
    seat: i64,
    starts_at: i64,
    mode: String,
    topic: String,
    language: String,
    room: Room,
}

/// `user_id`'s seated tables that have not ended at `now`, soonest first.
pub async fn my_tables(db: &Db, user_id: i64, now: Timestamp) -> Result<Vec<MyTable>, AppError> {
    let rows: Vec<MineRow> = sqlx::query_as(formatcp!(
        "SELECT s.id AS table_id, p.id AS participant_id, p.seat, s.starts_at, s.mode, s.topic, \
         s.language, s.room \
         FROM participants p JOIN study_sessions s ON s.id = p.session_id \
         WHERE p.user_id = $1 AND p.kind = {HUMAN} AND p.status = {SEATED} AND s.starts_at > $2 \
         ORDER BY s.starts_at, s.id"
    ))
    .bind(user_id)
    .bind(now.unix_millis() - SESSION_MINUTES * MINUTE_MS)
    .fetch_all(db.pool())
    .await?;
    assemble(db, user_id, rows, now).await
}

/// The sessions for `rows`, each with its tablemates.
async fn assemble(
    db: &Db,
    user_id: i64,
    rows: Vec<MineRow>,
    now: Timestamp,
) -> Result<Vec<MyTable>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.table_id).collect();
    let mut mates = tablemates(db, user_id, &ids, now).await?;
    rows.into_iter()
        .map(|row| {
            let starts_at = Timestamp::from_unix_millis(row.starts_at);
            let (mine, rest): (Vec<_>, Vec<_>) =
                mates.drain(..).partition(|(t, _)| *t == row.table_id);
            mates = rest;
            Ok(MyTable {
                table_id: row.table_id,
                participant_id: row.participant_id,
                seat: row.seat,
                starts_at,
                mode: TableMode::parse(&row.mode)?,
                topic: row.topic,
                language: Language::parse(&row.language)?,
                room: row.room,
                refundable: refundable(starts_at, now),
                tablemates: mine.into_iter().map(|(_, m)| m).collect(),
            })
        })
        .collect()
}

/// One table as a participant sees it; `NotFound` for anyone who never held a seat there.
pub async fn table(
    db: &Db,
    user_id: i64,
    table_id: i64,
    now: Timestamp,
) -> Result<MyTable, AppError> {
    Ok(table_and_state(db, user_id, table_id, now).await?.0)
}

/// [`table`], with where the table is in its life.
pub(crate) async fn table_and_state(
    db: &Db,
    user_id: i64,
    table_id: i64,
    now: Timestamp,
) -> Result<(MyTable, TableState), AppError> {
    let mine = {
        let mut conn = db.pool().acquire().await?;
        my_seat::find(db, &mut conn, user_id, table_id, Which::Held).await?
    };
    let row = MineRow {
        table_id,
        participant_id: mine.participant_id,
        seat: mine.seat,
        starts_at: mine.starts_at().unix_millis(),
        mode: mine.mode,
        topic: mine.topic,
        language: mine.language,
        room: mine.room,
    };
    let mut one = assemble(db, user_id, vec![row], now).await?;
    Ok((one.pop().ok_or(AppError::NotFound)?, mine.state))
}

/// `user_id`'s figures at `now`.
pub async fn stats(db: &Db, user_id: i64, now: Timestamp) -> Result<StudyStats, AppError> {
    let (completed, focus_minutes, upcoming): (i64, i64, i64) = sqlx::query_as(
        formatcp!("SELECT \
         CAST(COALESCE(SUM(CASE WHEN completed = 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(focus_minutes), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN status = {SEATED} AND starts_at > $2 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM participants WHERE user_id = $1 AND kind = {HUMAN}"),
    )
    .bind(user_id)
    .bind(now.unix_millis())
    .fetch_one(db.pool())
    .await?;
    let (essence,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM essence_ledger WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(StudyStats {
        completed,
        focus_minutes,
        essence,
        upcoming,
    })
}
