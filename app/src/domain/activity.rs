//! What a seat is doing right now (SPEC, Presence): active (the page is visible, or later
//! the mic hears something), typing on the board, away ("in flow") after 2 minutes without
//! a signal, ghosting after 5. Students' browsers report their state; companions' states
//! are simulated (`companions::activity`).

use serde::{Deserialize, Serialize};

/// Without a signal for this long, a student is away ("in flow").
pub const AWAY_AFTER_MS: i64 = 2 * 60 * 1000;
/// …and after this long, ghosting.
pub const GHOSTING_AFTER_MS: i64 = 5 * 60 * 1000;

/// A seat's activity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Here and working.
    #[default]
    Active,
    /// Writing on the board.
    Typing,
    /// No signal for 2 minutes ("in flow").
    Away,
    /// No signal for 5 minutes.
    Ghosting,
}

impl Activity {
    /// Every state.
    pub const ALL: [Activity; 4] = [
        Activity::Active,
        Activity::Typing,
        Activity::Away,
        Activity::Ghosting,
    ];

    /// The key used for translated labels and CSS.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Typing => "typing",
            Self::Away => "away",
            Self::Ghosting => "ghosting",
        }
    }

    /// The state after `idle_ms` without a presence signal.
    pub const fn after_idle(idle_ms: i64) -> Activity {
        if idle_ms >= GHOSTING_AFTER_MS {
            Self::Ghosting
        } else if idle_ms >= AWAY_AFTER_MS {
            Self::Away
        } else {
            Self::Active
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_thresholds_are_exact() {
        assert_eq!(Activity::after_idle(0), Activity::Active);
        assert_eq!(Activity::after_idle(AWAY_AFTER_MS - 1), Activity::Active);
        assert_eq!(Activity::after_idle(AWAY_AFTER_MS), Activity::Away);
        assert_eq!(Activity::after_idle(GHOSTING_AFTER_MS - 1), Activity::Away);
        assert_eq!(Activity::after_idle(GHOSTING_AFTER_MS), Activity::Ghosting);
    }

    #[test]
    fn keys_are_distinct() {
        let keys: std::collections::HashSet<_> = Activity::ALL.iter().map(|a| a.key()).collect();
        assert_eq!(keys.len(), Activity::ALL.len());
    }
}
