//! The AI companions that take a table's empty seats: simulated presence, no AI service.
//!
//! Their behaviour is a pure function of (table, seat, time), so every instance and every
//! replay agrees: they work through the blocks with short typing bursts, step away in the
//! break, and a few seconds after each phase begins they "type" and then post one short
//! encouragement (a line number; the browser shows it in the reader's language).

use super::activity::Activity;
use super::hash::fnv1a;
use super::schedule::Phase;
use super::time::{Timestamp, MINUTE_MS, SECOND_MS};
use serde::{Deserialize, Serialize};

/// Encouragement lines each companion has per phase, in its own voice (the UI has this
/// many translations of each): one companion never says another's line.
pub const LINES_PER_PHASE: u8 = 2;
/// Companions type for this long before posting.
pub const TYPING_LEAD_MS: i64 = 3 * SECOND_MS;
/// Length of one simulated activity window.
const WINDOW_MS: i64 = 15 * SECOND_MS;

/// One of the four companions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Companion {
    /// Focus Fox.
    FocusFox,
    /// Study Owl.
    StudyOwl,
    /// Calm Cat.
    CalmCat,
    /// Zen Panda.
    ZenPanda,
}

impl Companion {
    /// Every companion, in the order they fill empty seats.
    pub const ALL: [Companion; 4] = [
        Companion::FocusFox,
        Companion::StudyOwl,
        Companion::CalmCat,
        Companion::ZenPanda,
    ];

    /// The key stored in the database (and used for translated names).
    pub const fn key(self) -> &'static str {
        match self {
            Self::FocusFox => "focus_fox",
            Self::StudyOwl => "study_owl",
            Self::CalmCat => "calm_cat",
            Self::ZenPanda => "zen_panda",
        }
    }

    /// The companion stored under `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The companions for a table's empty `seats` (seat numbers, ascending), each companion
/// at most once, skipping those already at the table.
pub fn fill(seats: &[i64], present: &[Companion]) -> Vec<(i64, Companion)> {
    let free = Companion::ALL.into_iter().filter(|c| !present.contains(c));
    seats.iter().copied().zip(free).collect()
}

/// One encouragement a companion posts after a phase begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encouragement {
    /// Which line (0-based, below [`LINES_PER_PHASE`]).
    pub line: u8,
    /// How long after the phase begins it is posted.
    pub delay_ms: i64,
}

fn noise(table_id: i64, seat: i64, salt: &str) -> u64 {
    fnv1a(&format!("{table_id}:{seat}:{salt}"))
}

fn phase_start(start: Timestamp, phase: Phase) -> Option<Timestamp> {
    phase
        .span()
        .map(|span| start.plus_millis(span.start_minute * MINUTE_MS))
}

/// What the companion in `seat` of `table_id` posts when `phase` begins (every timed phase
/// gets one line from each companion, 5–20 s in, seats a little apart).
pub fn encouragement(table_id: i64, seat: i64, phase: Phase) -> Option<Encouragement> {
    phase.span()?;
    let roll = noise(table_id, seat, &format!("{phase:?}"));
    let line = u8::try_from(roll % u64::from(LINES_PER_PHASE)).unwrap_or(0);
    let jitter = i64::try_from((roll >> 8) % 10_000).unwrap_or(0);
    Some(Encouragement {
        line,
        delay_ms: 5 * SECOND_MS + seat * SECOND_MS + jitter,
    })
}

/// The companion's activity at `now` in a session starting at `start`.
pub fn activity(table_id: i64, seat: i64, start: Timestamp, now: Timestamp) -> Activity {
    let phase = Phase::at(start, now);
    let (Some(begun), Some(post)) = (
        phase_start(start, phase),
        encouragement(table_id, seat, phase),
    ) else {
        return Activity::Active;
    };
    let since = now.millis_since(begun);
    if (post.delay_ms - TYPING_LEAD_MS..post.delay_ms).contains(&since) {
        return Activity::Typing;
    }
    if phase == Phase::Break {
        return Activity::Away;
    }
    let window = now.unix_millis().div_euclid(WINDOW_MS);
    // One window in five is a short burst of typing notes.
    if noise(table_id, seat, &window.to_string()).is_multiple_of(5) {
        Activity::Typing
    } else {
        Activity::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: Timestamp = Timestamp::from_unix_millis(1_795_876_200_000);

    #[test]
    fn each_timed_phase_gets_one_line_from_each_companion_within_half_a_minute() {
        for phase in [
            Phase::Setup,
            Phase::Work1,
            Phase::Break,
            Phase::Work2,
            Phase::Social,
        ] {
            for seat in 1..=4 {
                let post = encouragement(7, seat, phase).expect("timed phase");
                assert!(post.line < LINES_PER_PHASE);
                assert!((5 * SECOND_MS..30 * SECOND_MS).contains(&post.delay_ms));
            }
        }
        assert_eq!(encouragement(7, 1, Phase::Upcoming), None);
        assert_eq!(encouragement(7, 1, Phase::Ended), None);
    }

    /// Each companion speaks in its own words (the translations are the lines), so two
    /// companions at one table never say the same thing, and no phase repeats another's.
    #[cfg(feature = "ssr")]
    #[test]
    fn each_companion_has_its_own_lines_and_no_line_comes_twice() {
        for json in [
            include_str!("../../locales/en.json"),
            include_str!("../../locales/zh-TW.json"),
        ] {
            let locale: serde_json::Value = serde_json::from_str(json).unwrap();
            let lines = locale["companion_lines"].as_object().unwrap();
            let phases = ["setup", "work1", "rest", "work2", "social"];
            assert_eq!(
                lines.len(),
                Companion::ALL.len() * phases.len() * usize::from(LINES_PER_PHASE)
            );
            for companion in Companion::ALL {
                for phase in phases {
                    for n in 0..LINES_PER_PHASE {
                        let key = format!("{}_{phase}_{n}", companion.key());
                        assert!(lines.contains_key(&key), "{key}");
                    }
                }
            }
            let mut texts: Vec<&str> = lines.values().filter_map(|v| v.as_str()).collect();
            let all = texts.len();
            texts.sort_unstable();
            texts.dedup();
            assert_eq!(texts.len(), all, "a line is said twice");
        }
    }

    #[test]
    fn companions_type_just_before_posting() {
        let post = encouragement(7, 2, Phase::Work1).unwrap();
        let work1 = START.plus_millis(3 * MINUTE_MS);
        let typing_from = work1.plus_millis(post.delay_ms - TYPING_LEAD_MS);
        assert_eq!(activity(7, 2, START, typing_from), Activity::Typing);
        assert_eq!(
            activity(7, 2, START, work1.plus_millis(post.delay_ms - 1)),
            Activity::Typing
        );
    }

    #[test]
    fn companions_step_away_in_the_break_and_work_otherwise() {
        let post = encouragement(7, 3, Phase::Break).unwrap();
        let after_post = START.plus_millis(28 * MINUTE_MS + post.delay_ms + SECOND_MS);
        assert_eq!(activity(7, 3, START, after_post), Activity::Away);
        // Over a work block (minutes 5 to 25) they are mostly active, with some typing,
        // never away.
        let states: Vec<Activity> = (0..80)
            .map(|i| {
                activity(
                    7,
                    3,
                    START,
                    START.plus_millis(5 * MINUTE_MS + i * WINDOW_MS),
                )
            })
            .collect();
        let typing = states.iter().filter(|a| **a == Activity::Typing).count();
        assert!(states
            .iter()
            .all(|a| matches!(a, Activity::Active | Activity::Typing)));
        assert!(
            (4..=32).contains(&typing),
            "typing in {typing} of 80 windows"
        );
    }

    #[test]
    fn behaviour_is_the_same_on_every_call() {
        let now = START.plus_millis(10 * MINUTE_MS);
        assert_eq!(activity(9, 1, START, now), activity(9, 1, START, now));
        assert_eq!(
            encouragement(9, 1, Phase::Social),
            encouragement(9, 1, Phase::Social)
        );
    }

    #[test]
    fn keys_round_trip() {
        for c in Companion::ALL {
            assert_eq!(Companion::from_key(c.key()), Some(c));
        }
        assert_eq!(Companion::from_key("robot"), None);
    }

    #[test]
    fn empty_seats_get_distinct_companions_in_order() {
        assert_eq!(
            fill(&[2, 3, 4], &[]),
            vec![
                (2, Companion::FocusFox),
                (3, Companion::StudyOwl),
                (4, Companion::CalmCat)
            ]
        );
        assert_eq!(
            fill(&[1, 4], &[Companion::FocusFox]),
            vec![(1, Companion::StudyOwl), (4, Companion::CalmCat)]
        );
        assert_eq!(fill(&[], &[]), vec![]);
    }
}
