//! Instants as milliseconds since the Unix epoch (UTC). Local time is a UI concern.

use serde::{Deserialize, Serialize};

/// Milliseconds in one second, minute and hour.
pub const SECOND_MS: i64 = 1_000;
/// One minute in milliseconds.
pub const MINUTE_MS: i64 = 60 * SECOND_MS;
/// One hour in milliseconds.
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
/// One day in milliseconds (UTC days have no leap seconds here).
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// An instant in UTC, with millisecond precision. Stored as a 64-bit integer in both
/// databases, so it sorts and compares the same everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `ms` milliseconds after 1970-01-01T00:00:00Z.
    pub const fn from_unix_millis(ms: i64) -> Self {
        Self(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn unix_millis(self) -> i64 {
        self.0
    }

    /// This instant moved by `ms` milliseconds (negative moves back).
    pub const fn plus_millis(self, ms: i64) -> Self {
        Self(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to `self` (negative when `earlier` is later).
    pub const fn millis_since(self, earlier: Timestamp) -> i64 {
        self.0.saturating_sub(earlier.0)
    }

    /// Midnight UTC at the start of this instant's day.
    pub const fn day_start(self) -> Self {
        Self(self.0.div_euclid(DAY_MS) * DAY_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_round_trips() {
        let t = Timestamp::from_unix_millis(1_000);
        assert_eq!(t.plus_millis(MINUTE_MS).millis_since(t), MINUTE_MS);
        assert_eq!(t.plus_millis(-500).unix_millis(), 500);
        assert_eq!(t.millis_since(t.plus_millis(HOUR_MS)), -HOUR_MS);
    }

    #[test]
    fn days_start_at_midnight_utc() {
        // 2026-11-28T16:24:41Z → 2026-11-28T00:00:00Z
        let t = Timestamp::from_unix_millis(1_795_883_081_000);
        assert_eq!(t.day_start().unix_millis(), 1_795_824_000_000);
        assert_eq!(t.day_start().day_start(), t.day_start());
        assert_eq!(
            Timestamp::from_unix_millis(-1).day_start().unix_millis(),
            -DAY_MS
        );
    }

    #[test]
    fn saturates_instead_of_overflowing() {
        let max = Timestamp::from_unix_millis(i64::MAX);
        assert_eq!(max.plus_millis(1), max);
    }
}
