//! Credit tiers and their weekly allotments (SPEC, Credits). A new account starts on the
//! free tier with its first week's allotment granted; the refresh, spending, gifting and
//! referral rules build on these.

use serde::{Deserialize, Serialize};

/// A subscription tier (set by an admin; payments are out of scope).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tier {
    /// 2 credits a week.
    Free,
    /// 8 credits a week.
    Pro,
    /// 12 credits a week.
    Elite,
    /// No limit.
    Infinite,
}

impl Tier {
    /// Credits granted per 7-day cycle; `None` for unlimited.
    pub const fn weekly_allotment(self) -> Option<i64> {
        match self {
            Self::Free => Some(2),
            Self::Pro => Some(8),
            Self::Elite => Some(12),
            Self::Infinite => None,
        }
    }

    /// The key stored in the database.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Pro => "pro",
            Self::Elite => "elite",
            Self::Infinite => "infinite",
        }
    }

    /// The tier for a stored key (unknown keys read as free, the safe default).
    pub fn from_key(key: &str) -> Self {
        match key {
            "pro" => Self::Pro,
            "elite" => Self::Elite,
            "infinite" => Self::Infinite,
            _ => Self::Free,
        }
    }
}

/// Ledger kind of the allotment granted at the start of each cycle.
pub const GRANT_KIND: &str = "weekly_grant";

/// The idempotency key of `user`'s grant for cycle `cycle` (0 = the week they joined), so
/// a cycle can never be granted twice.
pub fn grant_key(user: i64, cycle: i64) -> String {
    format!("grant:{user}:{cycle}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allotments_follow_the_spec() {
        assert_eq!(Tier::Free.weekly_allotment(), Some(2));
        assert_eq!(Tier::Pro.weekly_allotment(), Some(8));
        assert_eq!(Tier::Elite.weekly_allotment(), Some(12));
        assert_eq!(Tier::Infinite.weekly_allotment(), None);
    }

    #[test]
    fn keys_round_trip() {
        for tier in [Tier::Free, Tier::Pro, Tier::Elite, Tier::Infinite] {
            assert_eq!(Tier::from_key(tier.key()), tier);
        }
        assert_eq!(Tier::from_key("gold"), Tier::Free);
        assert_eq!(grant_key(7, 0), "grant:7:0");
    }
}
