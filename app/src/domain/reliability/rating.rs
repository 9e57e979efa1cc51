//! One rating as a student gives it: green, red (with reasons) or skip, checked before
//! anything is stored.

use super::params::OTHER_TEXT_MAX;
use crate::domain::text::within;
use crate::error::{AppError, InvalidRule};
use serde::{Deserialize, Serialize};

/// What a student says about a tablemate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingValue {
    /// Present and working.
    Green,
    /// No-show or disruptive.
    Red,
    /// "I wasn't paying attention": counts for nothing.
    Skip,
}

impl RatingValue {
    /// Every value, in the order the cards offer them.
    pub const ALL: [Self; 3] = [Self::Green, Self::Red, Self::Skip];

    /// The key stored in the database and sent by forms.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Red => "red",
            Self::Skip => "skip",
        }
    }

    /// The value for `key`.
    pub fn parse(key: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|v| v.key() == key)
            .ok_or_else(|| AppError::invalid("value", InvalidRule::NotAChoice))
    }
}

/// Why a rating is red (the fixed list; `Other` needs a few words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Never showed up.
    NoShow,
    /// Left early without a word.
    LeftEarly,
    /// Noisy or distracting.
    Disruptive,
    /// Wasn't studying at all.
    OffTask,
    /// Rude, harassing or inappropriate.
    Inappropriate,
    /// Something else (described in the text).
    Other,
}

impl Reason {
    /// Every reason, in the order the picker lists them.
    pub const ALL: [Self; 6] = [
        Self::NoShow,
        Self::LeftEarly,
        Self::Disruptive,
        Self::OffTask,
        Self::Inappropriate,
        Self::Other,
    ];

    /// The key stored in the database and sent by forms.
    pub const fn key(self) -> &'static str {
        match self {
            Self::NoShow => "no_show",
            Self::LeftEarly => "left_early",
            Self::Disruptive => "disruptive",
            Self::OffTask => "off_task",
            Self::Inappropriate => "inappropriate",
            Self::Other => "other",
        }
    }

    /// The reason for `key`, if it names one.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// `reasons` as stored: keys joined by commas.
    pub fn join(reasons: &[Self]) -> String {
        reasons
            .iter()
            .map(|r| r.key())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Stored reasons read back (unknown keys are dropped).
    pub fn split(stored: &str) -> Vec<Self> {
        stored.split(',').filter_map(Self::from_key).collect()
    }
}

/// A rating of the tablemate in `seat`, as submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingInput {
    /// The tablemate's seat (1–4).
    pub seat: i64,
    /// Green, red or skip.
    pub value: RatingValue,
    /// Why (red only).
    #[serde(default)]
    pub reasons: Vec<Reason>,
    /// More words (red only; required with `Other`).
    #[serde(default)]
    pub other: String,
}

/// A rating ready to store: reasons deduplicated in list order, text trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedRating {
    /// The tablemate's seat.
    pub seat: i64,
    /// Green, red or skip.
    pub value: RatingValue,
    /// Why (empty unless red).
    pub reasons: Vec<Reason>,
    /// More words (empty unless red).
    pub other: String,
}

impl RatingInput {
    /// Checks the rules: a red needs at least one reason, "other" needs words, text is at
    /// most 500 characters; green and skip carry no reasons or text.
    pub fn check(&self) -> Result<CheckedRating, AppError> {
        if !(1..=crate::domain::matching::SEATS).contains(&self.seat) {
            return Err(AppError::invalid("seat", InvalidRule::NotAChoice));
        }
        let other = within("other", &self.other, OTHER_TEXT_MAX)?;
        if self.value != RatingValue::Red {
            if !self.reasons.is_empty() || !other.is_empty() {
                return Err(AppError::invalid("reasons", InvalidRule::NotAChoice));
            }
            return Ok(CheckedRating {
                seat: self.seat,
                value: self.value,
                reasons: Vec::new(),
                other,
            });
        }
        let reasons: Vec<Reason> = Reason::ALL
            .into_iter()
            .filter(|r| self.reasons.contains(r))
            .collect();
        if reasons.is_empty() {
            return Err(AppError::invalid("reasons", InvalidRule::Required));
        }
        if reasons.contains(&Reason::Other) && other.is_empty() {
            return Err(AppError::invalid("other", InvalidRule::Required));
        }
        Ok(CheckedRating {
            seat: self.seat,
            value: self.value,
            reasons,
            other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(value: RatingValue, reasons: &[Reason], other: &str) -> RatingInput {
        RatingInput {
            seat: 2,
            value,
            reasons: reasons.to_vec(),
            other: other.to_owned(),
        }
    }

    #[test]
    fn keys_round_trip() {
        for value in RatingValue::ALL {
            assert_eq!(RatingValue::parse(value.key()).unwrap(), value);
        }
        assert_eq!(
            RatingValue::parse("yellow").unwrap_err().expect_rule(),
            InvalidRule::NotAChoice
        );
        let all = Reason::join(&Reason::ALL);
        assert_eq!(
            all,
            "no_show,left_early,disruptive,off_task,inappropriate,other"
        );
        assert_eq!(Reason::split(&all), Reason::ALL.to_vec());
        assert_eq!(Reason::split("no_show,bogus"), vec![Reason::NoShow]);
        assert_eq!(Reason::split(""), Vec::<Reason>::new());
    }

    #[test]
    fn a_red_needs_a_reason_and_other_needs_words() {
        let err = input(RatingValue::Red, &[], "").check().unwrap_err();
        assert_eq!(err.expect_rule(), InvalidRule::Required);
        let err = input(RatingValue::Red, &[Reason::Other], "  ")
            .check()
            .unwrap_err();
        assert_eq!(err, AppError::invalid("other", InvalidRule::Required));
        let ok = input(
            RatingValue::Red,
            &[Reason::Other, Reason::NoShow, Reason::NoShow],
            " never came ",
        )
        .check()
        .unwrap();
        assert_eq!(ok.reasons, vec![Reason::NoShow, Reason::Other]);
        assert_eq!(ok.other, "never came");
    }

    #[test]
    fn text_is_limited_by_characters() {
        let long = "字".repeat(501);
        let err = input(RatingValue::Red, &[Reason::Other], &long)
            .check()
            .unwrap_err();
        assert_eq!(err.expect_rule(), InvalidRule::TooLong { max: 500 });
        assert!(input(RatingValue::Red, &[Reason::Other], &"字".repeat(500))
            .check()
            .is_ok());
    }

    #[test]
    fn green_and_skip_carry_nothing_else() {
        assert!(input(RatingValue::Green, &[], "").check().is_ok());
        assert!(input(RatingValue::Skip, &[], "").check().is_ok());
        let err = input(RatingValue::Green, &[Reason::NoShow], "")
            .check()
            .unwrap_err();
        assert_eq!(err.expect_rule(), InvalidRule::NotAChoice);
        let err = input(RatingValue::Skip, &[], "hm").check().unwrap_err();
        assert_eq!(err.expect_rule(), InvalidRule::NotAChoice);
    }

    #[test]
    fn seats_are_one_to_four() {
        for seat in [0, 5, -1] {
            let mut bad = input(RatingValue::Green, &[], "");
            bad.seat = seat;
            assert_eq!(
                bad.check().unwrap_err().expect_rule(),
                InvalidRule::NotAChoice
            );
        }
    }
}
