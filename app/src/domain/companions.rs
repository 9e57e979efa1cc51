//! The AI companions that take a table's empty seats: simulated presence, no AI service.

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
