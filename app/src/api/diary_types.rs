//! The shapes of the diary the browser and the server exchange.

use crate::api::table_page_types::MyReflection;
use crate::domain::diary::day::{Day, Month};
use crate::domain::diary::Tag;
use crate::domain::matching::TableMode;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// What the timeline is narrowed to (all empty: everything).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryFilter {
    /// Words to find in the topic, reflections and journal note.
    pub text: String,
    /// First day (in the student's time zone), inclusive.
    pub from: Option<Day>,
    /// Last day, inclusive.
    pub to: Option<Day>,
    /// Sessions whose note has every one of these tags.
    pub tags: Vec<Tag>,
}

impl DiaryFilter {
    /// True when nothing narrows the timeline.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.tags.is_empty()
    }
}

/// Where the next page of the timeline starts (just older than this).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryCursor {
    /// The last entry's start.
    pub starts_at: Timestamp,
    /// The last entry's seat (to order sessions starting together).
    pub participant_id: i64,
}

/// A journal note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryNote {
    /// The text (may be empty when tags say enough).
    pub body: String,
    /// Its tags.
    pub tags: Vec<Tag>,
    /// When it was last saved.
    pub updated_at: Timestamp,
}

/// One past session in the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryEntry {
    /// The table.
    pub table_id: i64,
    /// When it started.
    pub starts_at: Timestamp,
    /// Its day in the student's time zone.
    pub day: Day,
    /// Its local start time, in minutes after midnight.
    pub minute: u32,
    /// Topic (empty for none).
    pub topic: String,
    /// Audio or quiet.
    pub mode: TableMode,
    /// The pixel room it was held in.
    pub room: crate::domain::scene::Room,
    /// Focus minutes (0–45).
    pub focus_minutes: i64,
    /// Whether it counted as completed.
    pub completed: bool,
    /// Essence it earned.
    pub essence: i64,
    /// Other people who held a seat.
    pub tablemates: i64,
    /// Companions who held a seat.
    pub companions: i64,
    /// The student's reflections, in prompt order.
    pub reflections: Vec<MyReflection>,
    /// The journal note, once written.
    pub note: Option<DiaryNote>,
}

/// A page of the timeline, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryPage {
    /// The sessions.
    pub entries: Vec<DiaryEntry>,
    /// Where the next page starts (`None`: this was the last).
    pub next: Option<DiaryCursor>,
}

/// One day of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    /// The day.
    pub day: Day,
    /// Sessions that started on it.
    pub sessions: u32,
    /// Their focus minutes.
    pub focus_minutes: i64,
}

/// A month of the calendar (only days with sessions are listed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryMonth {
    /// The month.
    pub month: Month,
    /// Days with at least one session.
    pub days: Vec<CalendarDay>,
    /// Today in the student's time zone.
    pub today: Day,
}

/// The student's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryStats {
    /// Sessions in the diary.
    pub sessions: i64,
    /// Of which completed.
    pub completed: i64,
    /// All their focus minutes.
    pub focus_minutes: i64,
    /// Days in a row with a completed session, up to today (or yesterday).
    pub current_streak: u32,
    /// The longest such run.
    pub longest_streak: u32,
    /// The most used tags and how often.
    pub top_tags: Vec<(Tag, i64)>,
    /// Focus minutes per week, oldest first: `(Monday, minutes)`.
    pub weeks: Vec<(Day, i64)>,
    /// Today in the student's time zone.
    pub today: Day,
}
