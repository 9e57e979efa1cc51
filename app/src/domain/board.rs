//! The table's board (SPEC, Board, reflections): chat lines and reflection prompts in one
//! stream. Chat is ephemeral (never stored); reflections answer a prompt and are stored.
//!
//! Prompts come at phase changes: Setup asks for a goal, Break for a check-in, Social for
//! afterthoughts. Each prompt can be answered while it is "open" (see [`Prompt::open_in`]):
//! a goal can be set from the waiting room until the first work block ends, a check-in
//! from the break until the second block ends, and afterthoughts from Social until a day
//! after the end (from the summary page).

use super::schedule::{Phase, SESSION_MINUTES};
use super::text;
use super::time::{Timestamp, DAY_MS, MINUTE_MS};
use crate::error::{AppError, InvalidRule};
use serde::{Deserialize, Serialize};

/// Longest chat line, in characters.
pub const CHAT_MAX: usize = 300;
/// Board entries a table keeps: in the server's memory for browsers that reconnect, and
/// in each browser.
pub const BOARD_KEEP: usize = 300;
/// Longest reflection, in characters.
pub const REFLECTION_MAX: usize = 500;
/// How long after the end afterthoughts are still accepted.
pub const AFTERTHOUGHT_WINDOW_MS: i64 = DAY_MS;

/// A reflection prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    /// Setup: "What's your goal?"
    Goal,
    /// Break: a mid-session check-in.
    CheckIn,
    /// Social: afterthoughts.
    Afterthought,
}

impl Prompt {
    /// Every prompt, in session order.
    pub const ALL: [Prompt; 3] = [Prompt::Goal, Prompt::CheckIn, Prompt::Afterthought];

    /// The key stored in the database.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Goal => "goal",
            Self::CheckIn => "check_in",
            Self::Afterthought => "afterthought",
        }
    }

    /// The prompt stored under `key`.
    pub fn parse(key: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|p| p.key() == key)
            .ok_or_else(|| AppError::invalid("prompt", InvalidRule::NotAChoice))
    }

    /// The prompt posted when `phase` begins, if any.
    pub const fn posted_at(phase: Phase) -> Option<Prompt> {
        match phase {
            Phase::Setup => Some(Self::Goal),
            Phase::Break => Some(Self::CheckIn),
            Phase::Social => Some(Self::Afterthought),
            _ => None,
        }
    }

    /// Whether this prompt can be answered at `now` for a session starting at `start`.
    pub fn open_at(self, start: Timestamp, now: Timestamp) -> bool {
        let phase = Phase::at(start, now);
        match self {
            Self::Goal => matches!(phase, Phase::Upcoming | Phase::Setup | Phase::Work1),
            Self::CheckIn => matches!(phase, Phase::Break | Phase::Work2),
            Self::Afterthought => match phase {
                Phase::Social => true,
                Phase::Ended => {
                    let end = start.plus_millis(SESSION_MINUTES * MINUTE_MS);
                    now.millis_since(end) < AFTERTHOUGHT_WINDOW_MS
                }
                _ => false,
            },
        }
    }
}

/// A chat line as sent: trimmed, not blank, at most [`CHAT_MAX`] characters, no control
/// characters (so nobody can draw over the board).
pub fn parse_chat(input: &str) -> Result<String, AppError> {
    let text = text::required_within("chat", input, CHAT_MAX)?;
    if text.chars().any(char::is_control) {
        return Err(AppError::invalid("chat", InvalidRule::Malformed));
    }
    Ok(text)
}

/// A reflection as stored: trimmed, not blank, at most [`REFLECTION_MAX`] characters; line
/// breaks are kept, other control characters refused.
pub fn parse_reflection(input: &str) -> Result<String, AppError> {
    let text = text::required_within("reflection", input, REFLECTION_MAX)?;
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::invalid("reflection", InvalidRule::Malformed));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::SECOND_MS;

    const START: Timestamp = Timestamp::from_unix_millis(1_795_876_200_000);

    fn at(minutes: i64) -> Timestamp {
        START.plus_millis(minutes * MINUTE_MS)
    }

    #[test]
    fn prompts_follow_the_phases() {
        assert_eq!(Prompt::posted_at(Phase::Setup), Some(Prompt::Goal));
        assert_eq!(Prompt::posted_at(Phase::Break), Some(Prompt::CheckIn));
        assert_eq!(Prompt::posted_at(Phase::Social), Some(Prompt::Afterthought));
        for phase in [Phase::Upcoming, Phase::Work1, Phase::Work2, Phase::Ended] {
            assert_eq!(Prompt::posted_at(phase), None);
        }
    }

    #[test]
    fn a_goal_is_open_from_the_waiting_room_to_the_end_of_work_one() {
        assert!(Prompt::Goal.open_at(START, at(-30)));
        assert!(Prompt::Goal.open_at(START, at(0)));
        assert!(Prompt::Goal.open_at(START, at(28).plus_millis(-1)));
        assert!(!Prompt::Goal.open_at(START, at(28)));
    }

    #[test]
    fn a_check_in_is_open_from_the_break_to_the_end_of_work_two() {
        assert!(!Prompt::CheckIn.open_at(START, at(28).plus_millis(-1)));
        assert!(Prompt::CheckIn.open_at(START, at(28)));
        assert!(Prompt::CheckIn.open_at(START, at(49)));
        assert!(!Prompt::CheckIn.open_at(START, at(50)));
    }

    #[test]
    fn afterthoughts_are_open_from_social_until_a_day_after_the_end() {
        assert!(!Prompt::Afterthought.open_at(START, at(50).plus_millis(-SECOND_MS)));
        assert!(Prompt::Afterthought.open_at(START, at(50)));
        assert!(Prompt::Afterthought.open_at(START, at(55)));
        let last = at(55).plus_millis(AFTERTHOUGHT_WINDOW_MS - 1);
        assert!(Prompt::Afterthought.open_at(START, last));
        assert!(!Prompt::Afterthought.open_at(START, last.plus_millis(1)));
    }

    #[test]
    fn prompt_keys_round_trip() {
        for prompt in Prompt::ALL {
            assert_eq!(Prompt::parse(prompt.key()), Ok(prompt));
        }
        assert!(Prompt::parse("mood").is_err());
    }

    #[test]
    fn chat_is_trimmed_limited_and_free_of_control_characters() {
        assert_eq!(parse_chat("  hi all  ").unwrap(), "hi all");
        assert_eq!(
            parse_chat("   "),
            Err(AppError::invalid("chat", InvalidRule::Required))
        );
        assert!(parse_chat(&"字".repeat(CHAT_MAX)).is_ok());
        assert_eq!(
            parse_chat(&"字".repeat(CHAT_MAX + 1)),
            Err(AppError::invalid(
                "chat",
                InvalidRule::TooLong {
                    max: CHAT_MAX as u32
                }
            ))
        );
        assert_eq!(
            parse_chat("a\u{1b}[2Jb"),
            Err(AppError::invalid("chat", InvalidRule::HiddenCharacters))
        );
        assert_eq!(
            parse_chat("two\nlines"),
            Err(AppError::invalid("chat", InvalidRule::Malformed))
        );
    }

    #[test]
    fn reflections_keep_line_breaks() {
        assert_eq!(
            parse_reflection(" finish ch. 3\nthen review ").unwrap(),
            "finish ch. 3\nthen review"
        );
        assert!(parse_reflection(&"x".repeat(REFLECTION_MAX + 1)).is_err());
        assert!(parse_reflection("tab\tinside").is_err());
    }
}
