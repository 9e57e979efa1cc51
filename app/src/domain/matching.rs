//! Quick match (SPEC, The session): what a request asks for and which tables may take it.
//!
//! A table is joinable before its start and during Setup (the phase lock). "Soonest" joins
//! the earliest joinable table that starts no later than a new table would, else creates
//! one for the next slot; a student may also pick a later slot (up to a day ahead), which
//! is what makes a refundable cancellation possible.

use super::preferences::Language;
use super::schedule::{next_slot_start, Phase, SLOT_INTERVAL_MS};
use super::text;
use super::time::{Timestamp, DAY_MS};
use crate::error::{AppError, InvalidRule};
use serde::{Deserialize, Serialize};

/// Longest topic, in characters.
pub const TOPIC_MAX: usize = 100;
/// How far ahead a slot may be chosen.
pub const BOOKING_HORIZON_MS: i64 = DAY_MS;
/// Seats at a table.
pub const SEATS: i64 = 4;

/// Whether people at a table may speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableMode {
    /// Everyone may speak (mic on by default, mute allowed).
    Audio,
    /// Nobody publishes audio: presence and board only.
    Quiet,
}

impl TableMode {
    /// Both modes, in menu order.
    pub const ALL: [TableMode; 2] = [TableMode::Audio, TableMode::Quiet];

    /// The key stored and submitted.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Audio => "audio",
            Self::Quiet => "quiet",
        }
    }

    /// The mode named by `key`.
    pub fn parse(key: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|m| m.key() == key.trim())
            .ok_or_else(|| AppError::invalid("mode", InvalidRule::NotAChoice))
    }
}

/// When the student wants to study.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// The earliest table that can take them.
    Soonest,
    /// The table(s) of one slot.
    At(Timestamp),
}

/// A checked quick-match request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchRequest {
    /// Table mode.
    pub mode: TableMode,
    /// Topic as typed (trimmed); empty for "any".
    pub topic: String,
    /// Table language.
    pub language: Language,
    /// Which slot.
    pub when: When,
}

impl MatchRequest {
    /// Checks the submitted fields at `now`. `starts_at` is a slot start in Unix ms, or
    /// `None`/`0` for the soonest.
    pub fn parse(
        mode: &str,
        topic: &str,
        language: &str,
        starts_at: Option<i64>,
        now: Timestamp,
    ) -> Result<Self, AppError> {
        let when = match starts_at.filter(|ms| *ms != 0) {
            None => When::Soonest,
            Some(ms) => {
                let at = Timestamp::from_unix_millis(ms);
                if !slot_choices(now).contains(&at) {
                    return Err(AppError::invalid("starts_at", InvalidRule::NotAChoice));
                }
                When::At(at)
            }
        };
        Ok(Self {
            mode: TableMode::parse(mode)?,
            topic: text::within("topic", topic, TOPIC_MAX)?,
            language: Language::parse(language)?,
            when,
        })
    }

    /// The topic as compared between tables (case and spacing ignored).
    pub fn topic_key(&self) -> String {
        topic_key(&self.topic)
    }

    /// The slot a new table for this request starts at; existing tables starting later are
    /// not "sooner", so this is also the latest start a joined table may have.
    pub fn new_table_start(&self, now: Timestamp) -> Timestamp {
        match self.when {
            When::Soonest => next_slot_start(now),
            When::At(at) => at,
        }
    }

    /// The earliest start an existing table may have (earlier ones are locked).
    pub fn earliest_start(&self, now: Timestamp) -> Timestamp {
        match self.when {
            When::Soonest => earliest_joinable_start(now),
            When::At(at) => at,
        }
    }

    /// Whether a table with `topic` suits this request: any topic when none was asked for,
    /// else the same topic.
    pub fn accepts_topic(&self, table_topic_key: &str) -> bool {
        self.topic.is_empty() || self.topic_key() == table_topic_key
    }

    /// A 64-bit key naming the group of tables this request competes for (mode and
    /// language), for a database lock that keeps matches in one group in single file.
    pub fn lock_key(&self) -> i64 {
        group_lock_key(self.mode.key(), self.language.tag())
    }
}

/// A topic's comparison form.
pub fn topic_key(topic: &str) -> String {
    topic
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a table starting at `starts_at` still takes people at `now` (before the start or
/// during Setup).
pub fn joinable(starts_at: Timestamp, now: Timestamp) -> bool {
    matches!(Phase::at(starts_at, now), Phase::Upcoming | Phase::Setup)
}

/// The earliest start of a table that is still joinable at `now`.
pub fn earliest_joinable_start(now: Timestamp) -> Timestamp {
    let setup = Phase::Setup.span().expect("setup is on the timeline");
    // Joinable while now < start + end of Setup, i.e. start > now - setup length.
    now.plus_millis(1 - setup.end_minute * super::time::MINUTE_MS)
}

/// The slots a student may pick at `now`: from the next creatable slot up to a day ahead.
pub fn slot_choices(now: Timestamp) -> Vec<Timestamp> {
    let first = next_slot_start(now);
    let count = BOOKING_HORIZON_MS / SLOT_INTERVAL_MS;
    (0..count)
        .map(|i| first.plus_millis(i * SLOT_INTERVAL_MS))
        .collect()
}

/// The lock key of the group of tables in `mode` (its stored key) and `language` (its
/// tag): quick match and a table's start take the same one.
pub fn group_lock_key(mode: &str, language: &str) -> i64 {
    super::hash::lock_key(&format!("match:{mode}:{language}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::MINUTE_MS;

    // 2026-11-28T14:30:00Z
    const START: Timestamp = Timestamp::from_unix_millis(1_795_876_200_000);

    fn at(minute: i64) -> Timestamp {
        START.plus_millis(minute * MINUTE_MS)
    }

    fn parse(
        mode: &str,
        topic: &str,
        lang: &str,
        when: Option<i64>,
    ) -> Result<MatchRequest, AppError> {
        MatchRequest::parse(mode, topic, lang, when, at(10))
    }

    #[test]
    fn joinable_until_setup_ends() {
        assert!(joinable(START, at(-60)));
        assert!(joinable(START, at(0)));
        assert!(joinable(START, at(3).plus_millis(-1)));
        assert!(!joinable(START, at(3)));
        assert!(!joinable(START, at(100)));
        // The earliest joinable start agrees with `joinable` at the edge.
        let now = at(20);
        let earliest = earliest_joinable_start(now);
        assert!(joinable(earliest, now));
        assert!(!joinable(earliest.plus_millis(-1), now));
    }

    #[test]
    fn requests_are_checked_field_by_field() {
        let req = parse("quiet", "  Linear   Algebra ", "zh-TW", None).unwrap();
        assert_eq!(req.mode, TableMode::Quiet);
        assert_eq!(req.topic, "Linear   Algebra");
        assert_eq!(req.topic_key(), "linear algebra");
        assert_eq!(req.when, When::Soonest);
        assert_eq!(
            parse("audio", "", "en", Some(0)).unwrap().when,
            When::Soonest
        );
        assert_eq!(
            parse("loud", "", "en", None).unwrap_err(),
            AppError::invalid("mode", InvalidRule::NotAChoice)
        );
        assert_eq!(
            parse("audio", "", "fr", None).unwrap_err(),
            AppError::invalid("language", InvalidRule::NotAChoice)
        );
        let long = "x".repeat(TOPIC_MAX + 1);
        assert_eq!(
            parse("audio", &long, "en", None).unwrap_err().expect_rule(),
            InvalidRule::TooLong { max: 100 }
        );
        assert!(parse("audio", &"字".repeat(TOPIC_MAX), "en", None).is_ok());
    }

    #[test]
    fn a_chosen_slot_must_be_an_offered_one() {
        let now = at(10);
        let choices = slot_choices(now);
        assert_eq!(choices.len(), 48);
        assert_eq!(choices[0], at(30));
        assert_eq!(*choices.last().unwrap(), at(30 + 47 * 30));
        let ok = parse("audio", "", "en", Some(at(90).unix_millis())).unwrap();
        assert_eq!(ok.when, When::At(at(90)));
        assert_eq!(ok.new_table_start(now), at(90));
        for bad in [at(0), at(45), at(30 + 48 * 30), at(-30)] {
            assert_eq!(
                parse("audio", "", "en", Some(bad.unix_millis())).unwrap_err(),
                AppError::invalid("starts_at", InvalidRule::NotAChoice)
            );
        }
    }

    #[test]
    fn soonest_looks_from_the_setup_lock_to_the_next_new_table() {
        let req = parse("audio", "", "en", None).unwrap();
        let now = at(1);
        assert_eq!(req.earliest_start(now), earliest_joinable_start(now));
        assert!(req.earliest_start(now) <= START);
        assert_eq!(req.new_table_start(now), at(30));
        // Two minutes before a slot, that slot cannot be created but can be joined.
        let now = at(28);
        assert_eq!(req.new_table_start(now), at(60));
        assert!(req.earliest_start(now) <= at(30));
    }

    #[test]
    fn topics_match_any_or_the_same() {
        let any = parse("audio", "", "en", None).unwrap();
        assert!(any.accepts_topic("calculus"));
        assert!(any.accepts_topic(""));
        let calc = parse("audio", "Calculus", "en", None).unwrap();
        assert!(calc.accepts_topic("calculus"));
        assert!(!calc.accepts_topic(""));
        assert!(!calc.accepts_topic("chemistry"));
    }

    #[test]
    fn lock_keys_separate_groups_and_are_stable() {
        let a = parse("audio", "", "en", None).unwrap();
        let q = parse("quiet", "x", "en", None).unwrap();
        let z = parse("audio", "y", "zh-TW", None).unwrap();
        assert_ne!(a.lock_key(), q.lock_key());
        assert_ne!(a.lock_key(), z.lock_key());
        assert_eq!(
            a.lock_key(),
            parse("audio", "topic", "en", None).unwrap().lock_key()
        );
        // Starting a table takes the same lock as matching into it.
        assert_eq!(a.lock_key(), group_lock_key("audio", "en"));
    }
}
