//! The shapes of peer review the browser and the server exchange: the rating cards after a
//! session, the open ledger of ratings received, and a ban's explanation.

use crate::domain::reliability::rating::{RatingValue, Reason};
use crate::domain::reliability::{Badge, Weighing};
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A tablemate to rate (or already rated) after a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingCard {
    /// Their seat (what a rating names).
    pub seat: i64,
    /// Username.
    pub username: String,
    /// Their character (their picture on the card).
    pub character: crate::domain::characters::Character,
    /// Display name.
    pub display_name: String,
    /// What they said their goal was, if they set one.
    pub goal: Option<String>,
    /// What the viewer gave, once given (a skip the 48 hours ran out on reads as skip).
    pub given: Option<RatingValue>,
    /// True while the rating is owed (and may be given).
    pub open: bool,
}

/// The rating cards of one table, for the viewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingCards {
    /// The table.
    pub table_id: i64,
    /// One card per human tablemate (companions are never rated).
    pub cards: Vec<RatingCard>,
    /// When the open ratings count as skipped.
    pub closes_at: Option<Timestamp>,
}

/// A table whose ratings the viewer still owes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwedTable {
    /// The table.
    pub table_id: i64,
    /// When it started.
    pub starts_at: Timestamp,
    /// Tablemates still to rate.
    pub count: i64,
    /// When they count as skipped.
    pub closes_at: Timestamp,
}

/// A rating the viewer received, without who gave it or at which table (see
/// `domain::reliability::anonymity`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedRating {
    /// A random reference to the rating (to appeal it); row numbers would order it.
    pub reference: String,
    /// The day it took effect (midnight UTC: the exact time could tell who): the day it
    /// was given, or its weekly batch's Monday.
    pub on: Timestamp,
    /// True when it waited for the weekly batch (it came from a small table).
    pub batched: bool,
    /// Why it weighs what it weighs.
    pub weighing: Weighing,
    /// Green or red.
    pub value: RatingValue,
    /// Why (red only).
    pub reasons: Vec<Reason>,
    /// The rater's words (red only).
    pub other: String,
    /// What it weighed when given, in hundredths (a red: the rater's reporting power).
    pub weight_given_pct: i64,
    /// What it weighs today, in hundredths.
    pub weight_now_pct: i64,
    /// When it stops counting.
    pub counts_until: Timestamp,
    /// True when it counted towards a ban.
    pub caused_ban: bool,
    /// True once the viewer appealed it (the queue waits for a moderator).
    pub appealed: bool,
}

/// A reliability score for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReliabilitySummary {
    /// The badge.
    pub badge: Badge,
    /// The score as a percentage, once enough ratings count (`None` while "New").
    pub percent: Option<i64>,
    /// Ratings that weigh something today.
    pub counted: u32,
    /// Greens among them.
    pub greens: u32,
    /// Reds among them.
    pub reds: u32,
    /// How many more must count before a score shows.
    pub needed: u32,
}

/// The open ledger: everything about the viewer's reliability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReliabilityLedger {
    /// The server clock when it answered.
    pub server_now: Timestamp,
    /// The score and badge.
    pub summary: ReliabilitySummary,
    /// How much the viewer's own red ratings weigh, in hundredths.
    pub reporting_power_pct: i64,
    /// Ratings received within 180 days (greens and reds), newest first.
    pub received: Vec<ReceivedRating>,
    /// Tables whose ratings the viewer still owes.
    pub owed: Vec<OwedTable>,
    /// When the viewer's current ban ends, if banned.
    pub banned_until: Option<Timestamp>,
}

/// Why the viewer is banned, for `/banned`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BanDetails {
    /// The server clock when it answered.
    pub server_now: Timestamp,
    /// When the ban began.
    pub starts_at: Timestamp,
    /// When it ends.
    pub ends_at: Timestamp,
    /// The weighted reds that crossed the line, in hundredths.
    pub weight_pct: i64,
    /// The line, in hundredths.
    pub threshold_pct: i64,
    /// The red ratings behind it (anonymised).
    pub ratings: Vec<ReceivedRating>,
}
