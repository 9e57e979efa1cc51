//! What a user picks at onboarding besides names: language, study interests, and the
//! notification defaults every account starts with.

use crate::error::{AppError, InvalidRule};
use serde::{Deserialize, Serialize};

/// The languages Focus Squad speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    /// English.
    En,
    /// Traditional Chinese (Taiwan).
    ZhTw,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Language; 2] = [Language::En, Language::ZhTw];

    /// The BCP 47 tag stored and sent to browsers.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhTw => "zh-TW",
        }
    }

    /// The language's name, written in that language.
    pub const fn endonym(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::ZhTw => "繁體中文",
        }
    }

    /// The language for a stored or submitted tag.
    pub fn parse(tag: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
            .ok_or_else(|| AppError::invalid("language", InvalidRule::NotAChoice))
    }
}

/// Subjects a student can say they study (keys; the UI translates them).
pub const INTERESTS: [&str; 12] = [
    "math",
    "science",
    "engineering",
    "computing",
    "languages",
    "humanities",
    "arts",
    "business",
    "medicine",
    "law",
    "exams",
    "writing",
];

/// Checks chosen interest keys: known ones only, each once, in catalogue order.
pub fn parse_interests<S: AsRef<str>>(chosen: &[S]) -> Result<Vec<String>, AppError> {
    if chosen
        .iter()
        .any(|c| !INTERESTS.contains(&c.as_ref().trim()))
    {
        return Err(AppError::invalid("interests", InvalidRule::NotAChoice));
    }
    Ok(INTERESTS
        .iter()
        .filter(|key| chosen.iter().any(|c| c.as_ref().trim() == **key))
        .map(|key| (*key).to_owned())
        .collect())
}

/// Events a user can be told about, and the channels that may carry them.
pub const NOTIFICATION_EVENTS: [&str; 4] = [
    "session_starting",
    "matched",
    "credit_refresh",
    "red_rating",
];
/// Delivery channels.
pub const NOTIFICATION_CHANNELS: [&str; 2] = ["email", "push"];

/// Whether `event` on `channel` is on for a new account (SPEC, Launch features: starting
/// soon by email and push, matched by push, credit refresh and red ratings by email).
pub fn notification_default(event: &str, channel: &str) -> bool {
    matches!(
        (event, channel),
        ("session_starting", _)
            | ("matched", "push")
            | ("credit_refresh", "email")
            | ("red_rating", "email")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_from_their_tags() {
        assert_eq!(Language::parse("zh-tw").unwrap(), Language::ZhTw);
        assert_eq!(Language::parse(" en ").unwrap(), Language::En);
        assert_eq!(
            Language::parse("fr").unwrap_err().expect_rule(),
            InvalidRule::NotAChoice
        );
        for lang in Language::ALL {
            assert_eq!(Language::parse(lang.tag()).unwrap(), lang);
        }
    }

    #[test]
    fn interests_are_known_unique_and_ordered() {
        assert_eq!(
            parse_interests(&["writing", "math", "math"]).unwrap(),
            vec!["math", "writing"]
        );
        assert!(parse_interests::<&str>(&[]).unwrap().is_empty());
        assert_eq!(
            parse_interests(&["math", "basket weaving"])
                .unwrap_err()
                .expect_rule(),
            InvalidRule::NotAChoice
        );
    }

    #[test]
    fn notification_defaults_follow_the_spec() {
        let on: Vec<_> = NOTIFICATION_EVENTS
            .iter()
            .flat_map(|e| NOTIFICATION_CHANNELS.iter().map(move |c| (*e, *c)))
            .filter(|(e, c)| notification_default(e, c))
            .collect();
        assert_eq!(
            on,
            vec![
                ("session_starting", "email"),
                ("session_starting", "push"),
                ("matched", "push"),
                ("credit_refresh", "email"),
                ("red_rating", "email"),
            ]
        );
    }
}
