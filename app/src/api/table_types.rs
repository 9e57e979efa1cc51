//! The shapes of tables, seats and credits the browser and the server exchange.

use crate::domain::characters::Character;
use crate::domain::companions::Companion;
use crate::domain::credits::{LedgerKind, Tier};
use crate::domain::matching::TableMode;
use crate::domain::reliability::Badge;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Where quick match seated the student.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchOutcome {
    /// The table (its number in the UI).
    pub table_id: i64,
    /// Seat 1–4.
    pub seat: i64,
    /// When the table starts.
    pub starts_at: Timestamp,
    /// Audio or quiet.
    pub mode: TableMode,
    /// The table's topic (empty for none).
    pub topic: String,
    /// True when an existing table was joined (false: a new one was opened).
    pub joined_existing: bool,
    /// Credits left afterwards; `None` on the unlimited tier.
    pub credits_left: Option<i64>,
}

/// Who sits in a seat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occupant {
    /// A student (public fields only).
    Human {
        /// Username (empty for a deleted account).
        username: String,
        /// Display name.
        display_name: String,
        /// Their reliability badge.
        #[serde(default)]
        badge: Badge,
        /// Their character in the pixel room.
        character: Character,
    },
    /// An AI companion.
    Companion(Companion),
}

impl Occupant {
    /// The character they are drawn as: a student's own, a companion's animal.
    pub fn character(&self) -> Character {
        match self {
            Occupant::Human { character, .. } => *character,
            Occupant::Companion(companion) => Character::of_companion(*companion),
        }
    }
}

/// One taken seat at a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tablemate {
    /// Seat 1–4.
    pub seat: i64,
    /// Who.
    pub occupant: Occupant,
    /// True for the viewer's own seat.
    pub you: bool,
    /// True when they left early.
    pub left: bool,
}

/// A table the viewer has a seat at (upcoming or under way).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTable {
    /// The table.
    pub table_id: i64,
    /// The viewer's participation (one per seat taken).
    pub participant_id: i64,
    /// The viewer's seat.
    pub seat: i64,
    /// When it starts.
    pub starts_at: Timestamp,
    /// Audio or quiet.
    pub mode: TableMode,
    /// Topic (empty for none).
    pub topic: String,
    /// The table's language.
    pub language: crate::domain::preferences::Language,
    /// The pixel room it is held in.
    pub room: crate::domain::scene::Room,
    /// Whether cancelling now would refund the credit.
    pub refundable: bool,
    /// Everyone seated, the viewer included.
    pub tablemates: Vec<Tablemate>,
}

/// The viewer's tables that have not ended, soonest first, with the server's clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTables {
    /// The server clock when it answered.
    pub server_now: Timestamp,
    /// The tables.
    pub tables: Vec<MyTable>,
}

/// What cancelling did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelOutcome {
    /// Credits returned (0 when cancelled less than an hour before the start).
    pub refunded: i64,
}

/// A table the viewer just had (the dashboard's "recent tables").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentTable {
    /// The table.
    pub table_id: i64,
    /// When it started.
    pub starts_at: Timestamp,
    /// Topic (empty for none).
    pub topic: String,
    /// Audio or quiet.
    pub mode: TableMode,
    /// The viewer's focus minutes there.
    pub focus_minutes: i64,
    /// Whether it counted as completed.
    pub completed: bool,
    /// Ratings the viewer still owes its tablemates.
    pub ratings_owed: i64,
    /// Whether the diary has it yet (once the table has ended).
    pub in_diary: bool,
}

/// The dashboard's figures, from the viewer's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyStats {
    /// Sessions completed.
    pub completed: i64,
    /// Focus minutes over all sessions.
    pub focus_minutes: i64,
    /// Essence held.
    pub essence: i64,
    /// Tables booked that have not started.
    pub upcoming: i64,
}

/// One ledger row as the owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLine {
    /// When.
    pub at: Timestamp,
    /// Credits (negative when spent).
    pub amount: i64,
    /// Why the row exists (translated by the UI).
    pub kind: LedgerKind,
    /// The table, for seats and refunds.
    pub table_id: Option<i64>,
    /// The other person's username, for gifts and referrals.
    pub counterparty: Option<String>,
}

/// Everything the credits page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditOverview {
    /// The server clock when it answered.
    pub server_now: Timestamp,
    /// The tier.
    pub tier: Tier,
    /// Credits held; `None` on the unlimited tier.
    pub balance: Option<i64>,
    /// When the next weekly refresh comes.
    pub next_refresh_at: Timestamp,
    /// Credits still giftable in the rolling week (0 when the tier cannot gift).
    pub gift_remaining: i64,
    /// The viewer's referral code.
    pub referral_code: String,
    /// Whether the viewer may still apply someone's code.
    pub can_apply_code: bool,
    /// The latest ledger rows, newest first.
    pub history: Vec<CreditLine>,
    /// Random prefix for this page's idempotency keys.
    pub nonce: String,
}

/// What a gift did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftOutcome {
    /// Credits sent.
    pub amount: i64,
    /// To whom (username).
    pub to: String,
    /// The sender's balance afterwards.
    pub balance: i64,
}
