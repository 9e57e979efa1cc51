//! Every number of peer review and reliability (SPEC, Peer review and reliability), in one
//! place. Weights are kept in hundredths (`_PCT`), so sums of reporting power compare with
//! the ban thresholds exactly (1.5 is 150, never 1.4999…).

use crate::domain::time::{DAY_MS, HOUR_MS};

/// A rating's weight halves every this many milliseconds (30 days).
pub const HALF_LIFE_MS: i64 = 30 * DAY_MS;
/// Ratings older than this (180 days) no longer count for anything.
pub const HORIZON_MS: i64 = 180 * DAY_MS;
/// The score applies fully only after this many non-skip ratings; until then a student is
/// "New" and the score leans towards [`STARTING_SCORE`].
pub const FULL_WEIGHT_AFTER: u32 = 5;
/// Where a student with no ratings starts: a clean record.
pub const STARTING_SCORE: f64 = 1.0;

/// From this score up (with enough ratings) the badge is "Trusted".
pub const TRUSTED_FROM: f64 = 0.95;
/// From this score up (with enough ratings) the badge is "Good"; below it, "Fair".
pub const GOOD_FROM: f64 = 0.80;

/// Reporting power of a paid member (pro, elite, unlimited), in hundredths.
pub const POWER_PAID_PCT: i64 = 100;
/// Reporting power of an established free member, in hundredths.
pub const POWER_ESTABLISHED_PCT: i64 = 50;
/// Reporting power of a newer free member: their red ratings weigh nothing.
pub const POWER_NEW_PCT: i64 = 0;
/// A free member is established after this many completed sessions…
pub const ESTABLISHED_SESSIONS: i64 = 5;
/// …and once their account is this old (7 days).
pub const ESTABLISHED_AGE_MS: i64 = 7 * DAY_MS;

/// Weighted reds are summed over this rolling window (7 days) for a ban.
pub const BAN_WINDOW_MS: i64 = 7 * DAY_MS;
/// A paid member is banned when the weighted reds in the window reach this (3.0).
pub const BAN_THRESHOLD_PAID_PCT: i64 = 300;
/// A free member is banned when the weighted reds in the window reach this (1.5).
pub const BAN_THRESHOLD_FREE_PCT: i64 = 150;
/// How long a ban keeps a student from matching (48 hours).
pub const BAN_LENGTH_MS: i64 = 48 * HOUR_MS;
/// Credits a ban costs (at most: a balance never goes below zero).
pub const BAN_CREDIT_PENALTY: i64 = 1;

/// What a ban takes from a balance of `balance` credits: the penalty, but never more
/// than is there (a balance is never negative).
pub fn ban_penalty(balance: i64) -> i64 {
    BAN_CREDIT_PENALTY.min(balance.max(0))
}

/// Tablemates not rated by then (48 hours after the end) count as skipped.
pub const PENDING_FOR_MS: i64 = 48 * HOUR_MS;
/// The optional text of a red rating, in characters.
pub const OTHER_TEXT_MAX: usize = 500;
/// An appeal's text, in characters.
pub const APPEAL_MAX: usize = 500;

// Checked when compiling: a change that breaks these does not build. The badges are
// ordered and a new member starts trusted; two established free members' reds never ban
// a paid member; three of a paid member's reds always do; three established free members
// ban a free member.
const _: () = {
    assert!(STARTING_SCORE >= TRUSTED_FROM);
    assert!(TRUSTED_FROM > GOOD_FROM && GOOD_FROM > 0.0);
    assert!(2 * POWER_ESTABLISHED_PCT < BAN_THRESHOLD_PAID_PCT);
    assert!(3 * POWER_PAID_PCT >= BAN_THRESHOLD_PAID_PCT);
    assert!(3 * POWER_ESTABLISHED_PCT >= BAN_THRESHOLD_FREE_PCT);
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_numbers() {
        assert_eq!(HALF_LIFE_MS, 2_592_000_000);
        assert_eq!(HORIZON_MS, 6 * HALF_LIFE_MS);
        assert_eq!(FULL_WEIGHT_AFTER, 5);
        assert_eq!(
            (POWER_PAID_PCT, POWER_ESTABLISHED_PCT, POWER_NEW_PCT),
            (100, 50, 0)
        );
        assert_eq!((ESTABLISHED_SESSIONS, ESTABLISHED_AGE_MS), (5, 604_800_000));
        assert_eq!((BAN_THRESHOLD_PAID_PCT, BAN_THRESHOLD_FREE_PCT), (300, 150));
        assert_eq!(BAN_WINDOW_MS, 7 * 24 * 3_600_000);
        assert_eq!(BAN_LENGTH_MS, 172_800_000);
        assert_eq!(PENDING_FOR_MS, BAN_LENGTH_MS);
        assert_eq!(BAN_CREDIT_PENALTY, 1);
        assert_eq!((OTHER_TEXT_MAX, APPEAL_MAX), (500, 500));
    }

    #[test]
    fn a_ban_never_takes_a_balance_below_zero() {
        assert_eq!(ban_penalty(3), 1);
        assert_eq!(ban_penalty(1), 1);
        assert_eq!(ban_penalty(0), 0);
        assert_eq!(ban_penalty(-2), 0);
    }
}
