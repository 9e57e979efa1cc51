//! The shapes of the table page: the table as it loads, reflections and the summary.

use crate::api::rating_types::RatingCards;
use crate::api::table_types::{MyTable, Tablemate};
use crate::domain::attendance::Incomplete;
use crate::domain::board::Prompt;
use crate::domain::matching::TableMode;
use crate::domain::stored::TableView;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// One of the viewer's answers to a prompt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReflection {
    /// Which prompt.
    pub prompt: Prompt,
    /// The answer.
    pub text: String,
    /// When it was last written.
    pub at: Timestamp,
}

/// The table page as it first loads (the channel brings the rest).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedTable {
    /// The table and the viewer's seat.
    pub table: MyTable,
    /// The server clock when it answered.
    pub server_now: Timestamp,
    /// True once the session is over (the summary takes the page).
    pub ended: bool,
    /// The viewer's reflections so far.
    pub reflections: Vec<MyReflection>,
    /// How the viewer likes to see a table (remembered on their account).
    pub view: TableView,
    /// The viewer's credits now; `None` on the unlimited tier.
    pub credits: Option<i64>,
}

/// The session summary (SPEC, The session: "Session end").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSummary {
    /// The table.
    pub table_id: i64,
    /// When it started.
    pub starts_at: Timestamp,
    /// Audio or quiet.
    pub mode: TableMode,
    /// Topic (empty for none).
    pub topic: String,
    /// False while the server is still adding up the session (ask again shortly).
    pub ready: bool,
    /// Connected minutes inside the work blocks (0–45).
    pub focus_minutes: i64,
    /// Connected minutes in the 55.
    pub active_minutes: i64,
    /// Whether the session counts as completed.
    pub completed: bool,
    /// Why not, when it does not.
    pub incomplete: Option<Incomplete>,
    /// Essence this session earned.
    pub essence_earned: i64,
    /// Everyone who held a seat, the viewer included.
    pub tablemates: Vec<Tablemate>,
    /// The viewer's reflections.
    pub reflections: Vec<MyReflection>,
    /// The tablemates to rate (empty until `ready`).
    pub ratings: RatingCards,
    /// The viewer's journal note on this session, once written.
    pub note: Option<crate::api::diary_types::DiaryNote>,
}
