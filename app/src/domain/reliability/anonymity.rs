//! Keeping a rating from pointing at its rater. Where a student had fewer than
//! [`CROWD`] human tablemates who could rate them, any rating from that table would name
//! its rater by its date alone, so it is held back and released with the weekly batch
//! (every Monday at 00:00 UTC): it shows, counts and decays from then, under that date,
//! never the table's. Tables with a crowd release at once: a rating there could have come
//! from any of them.

use crate::domain::time::{Timestamp, DAY_MS};

/// Other human tablemates a rating must hide among to show at once.
pub const CROWD: i64 = 2;

/// When a rating given at `given` starts to show and count, and whether it waits for the
/// batch, when the ratee had `other_raters` human tablemates who could rate them.
pub fn effective_at(given: Timestamp, other_raters: i64) -> (Timestamp, bool) {
    if other_raters >= CROWD {
        (given, false)
    } else {
        (next_batch(given), true)
    }
}

/// The first Monday 00:00 UTC strictly after `at`.
pub fn next_batch(at: Timestamp) -> Timestamp {
    let day = at.unix_millis().div_euclid(DAY_MS);
    // 1970-01-01 was a Thursday: Monday is day 4 of the epoch's week.
    let weekday = (day + 3).rem_euclid(7);
    Timestamp::from_unix_millis((day - weekday + 7) * DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wednesday 2026-12-02 12:00 UTC.
    const WEDNESDAY_NOON: Timestamp = Timestamp::from_unix_millis(1_796_212_800_000);
    /// Monday 2026-12-07 00:00 UTC.
    const NEXT_MONDAY: Timestamp = Timestamp::from_unix_millis(1_796_601_600_000);

    #[test]
    fn the_batch_is_the_next_monday_at_midnight_utc() {
        assert_eq!(next_batch(WEDNESDAY_NOON), NEXT_MONDAY);
        // A rating given at the very moment of a batch waits for the next one.
        assert_eq!(next_batch(NEXT_MONDAY), NEXT_MONDAY.plus_millis(7 * DAY_MS));
        assert_eq!(next_batch(NEXT_MONDAY.plus_millis(-1)), NEXT_MONDAY);
        // Sunday night is still this week.
        let sunday = NEXT_MONDAY.plus_millis(-DAY_MS);
        assert_eq!(next_batch(sunday), NEXT_MONDAY);
    }

    #[test]
    fn only_a_crowd_shows_a_rating_at_once() {
        assert_eq!(effective_at(WEDNESDAY_NOON, 3), (WEDNESDAY_NOON, false));
        assert_eq!(effective_at(WEDNESDAY_NOON, 2), (WEDNESDAY_NOON, false));
        assert_eq!(effective_at(WEDNESDAY_NOON, 1), (NEXT_MONDAY, true));
        assert_eq!(effective_at(WEDNESDAY_NOON, 0), (NEXT_MONDAY, true));
    }
}
