//! Credit rules (SPEC, Credits): tiers and weekly allotments, the rolling 7-day refresh
//! with its roll-over cap, gifts, referrals and refunds. Pure arithmetic; the services keep
//! every change as a ledger row and the balance is the ledger's sum.

use super::time::{Timestamp, DAY_MS, HOUR_MS};
use serde::{Deserialize, Serialize};

/// A subscription tier (set by an admin; payments are out of scope).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
        Self::parse(key).unwrap_or(Self::Free)
    }

    /// The tier named by `key`, if it names one.
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }

    /// Every tier, cheapest first.
    pub const ALL: [Tier; 4] = [Self::Free, Self::Pro, Self::Elite, Self::Infinite];

    /// Unused credits roll over up to this balance (2× the allotment); `None` for unlimited.
    pub const fn roll_over_cap(self) -> Option<i64> {
        match self.weekly_allotment() {
            Some(a) => Some(2 * a),
            None => None,
        }
    }

    /// Whether members of this tier may gift credits (pro and elite only).
    pub const fn may_gift(self) -> bool {
        matches!(self, Self::Pro | Self::Elite)
    }

    /// What joining a table costs on this tier (nothing when unlimited).
    pub const fn seat_cost(self) -> i64 {
        match self {
            Self::Infinite => 0,
            _ => SESSION_COST,
        }
    }
}

/// Credits a table costs.
pub const SESSION_COST: i64 = 1;
/// Length of a credit cycle.
pub const CYCLE_MS: i64 = 7 * DAY_MS;
/// At most this many credits may be gifted in any rolling 7 days.
pub const GIFT_WEEKLY_LIMIT: i64 = 4;
/// A cancellation at least this long before the start is refunded.
pub const REFUND_NOTICE_MS: i64 = HOUR_MS;
/// Credits each side of a referral earns when the referred user completes a first session.
pub const REFERRAL_AWARD: i64 = 1;
/// A referrer earns at most this many referral awards in any rolling 7 days (made-up
/// accounts cannot farm credits); the new members still get theirs.
pub const REFERRER_WEEKLY_AWARDS: i64 = 3;

/// Whether a referrer who earned `earned_this_week` referral awards in the last 7 days
/// earns another.
pub fn referrer_earns(earned_this_week: i64) -> bool {
    earned_this_week < REFERRER_WEEKLY_AWARDS
}

crate::domain::stored::stored_text! {
    /// Why a credit ledger row exists.
    pub enum LedgerKind {
        /// The allotment granted at the start of each weekly cycle.
        WeeklyGrant = "weekly_grant",
        /// A seat at a table.
        Seat = "session",
        /// A cancelled seat's cost returned.
        Refund = "refund",
        /// Credits given to another user.
        GiftSent = "gift_sent",
        /// Credits received from another user.
        GiftReceived = "gift_received",
        /// A referral award (either side).
        Referral = "referral",
        /// Top-up when an admin moves a user to a bigger tier.
        TierChange = "tier_change",
        /// The credit a ban from red ratings costs.
        BanPenalty = "ban_penalty",
    }
}

/// The cycle `now` falls in, counting from 0 at `cycle_start` (0 before it, too).
pub fn cycle_index(cycle_start: Timestamp, now: Timestamp) -> i64 {
    now.millis_since(cycle_start).max(0) / CYCLE_MS
}

/// When cycle `index` begins.
pub fn cycle_begins(cycle_start: Timestamp, index: i64) -> Timestamp {
    cycle_start.plus_millis(index * CYCLE_MS)
}

/// When the next refresh after `now` happens.
pub fn next_refresh_at(cycle_start: Timestamp, now: Timestamp) -> Timestamp {
    cycle_begins(cycle_start, cycle_index(cycle_start, now) + 1)
}

/// The credits a refresh grants to a `tier` account holding `balance`: the allotment, but
/// never past the roll-over cap (and nothing when already at or over it).
pub fn refresh_grant(tier: Tier, balance: i64) -> i64 {
    match (tier.weekly_allotment(), tier.roll_over_cap()) {
        (Some(allotment), Some(cap)) => (cap - balance).clamp(0, allotment),
        _ => 0,
    }
}

/// The grants owed when an account last refreshed for cycle `granted` and `now` is in cycle
/// `current`: one entry per missed cycle, `(cycle, amount)`, applied in order to `balance`.
/// Zero grants are included so the caller can record that the cycle was handled.
pub fn catch_up(tier: Tier, mut balance: i64, granted: i64, current: i64) -> Vec<(i64, i64)> {
    let mut grants = Vec::new();
    for cycle in (granted + 1)..=current {
        let amount = refresh_grant(tier, balance);
        if amount == 0 {
            // Nothing changes from here on: one entry marks the latest cycle as handled.
            grants.push((current, 0));
            break;
        }
        balance += amount;
        grants.push((cycle, amount));
    }
    grants
}

/// Why a gift is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GiftRefusal {
    /// Only pro and elite members gift.
    Tier,
    /// The amount must be at least 1.
    Amount,
    /// More than the weekly limit; this many may still be gifted this week.
    WeeklyLimit {
        /// Credits still giftable in the rolling week.
        remaining: i64,
    },
    /// Not enough credits.
    Balance,
}

/// Checks a gift of `amount` by a `tier` member holding `balance` who gifted `sent_this_week`
/// in the last 7 days.
pub fn check_gift(
    tier: Tier,
    amount: i64,
    balance: i64,
    sent_this_week: i64,
) -> Result<(), GiftRefusal> {
    if !tier.may_gift() {
        return Err(GiftRefusal::Tier);
    }
    if amount < 1 {
        return Err(GiftRefusal::Amount);
    }
    let remaining = (GIFT_WEEKLY_LIMIT - sent_this_week).max(0);
    if amount > remaining {
        return Err(GiftRefusal::WeeklyLimit { remaining });
    }
    if amount > balance {
        return Err(GiftRefusal::Balance);
    }
    Ok(())
}

/// Whether cancelling a seat at a table starting at `starts_at` refunds it at `now`.
pub fn refundable(starts_at: Timestamp, now: Timestamp) -> bool {
    starts_at.millis_since(now) >= REFUND_NOTICE_MS
}

/// Letters of referral codes: no 0/O, 1/I/L, so a code read aloud is typed right.
pub const REFERRAL_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Length of a referral code.
pub const REFERRAL_CODE_LEN: usize = 8;

/// A referral code built from random bytes (one letter per byte).
pub fn referral_code_from(bytes: [u8; REFERRAL_CODE_LEN]) -> String {
    bytes
        .iter()
        .map(|b| REFERRAL_ALPHABET[usize::from(*b) % REFERRAL_ALPHABET.len()] as char)
        .collect()
}

/// A typed-in referral code in its stored form (trimmed, upper-case, no spaces or dashes);
/// `None` when it cannot be a code.
pub fn normalize_referral_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid =
        code.len() == REFERRAL_CODE_LEN && code.bytes().all(|b| REFERRAL_ALPHABET.contains(&b));
    valid.then_some(code)
}

/// The idempotency key of `user`'s grant for cycle `cycle` (0 = the week they joined), so
/// a cycle can never be granted twice.
pub fn grant_key(user: i64, cycle: i64) -> String {
    format!("grant:{user}:{cycle}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_referrer_earns_three_awards_a_week_at_most() {
        assert!(referrer_earns(0));
        assert!(referrer_earns(REFERRER_WEEKLY_AWARDS - 1));
        assert!(!referrer_earns(REFERRER_WEEKLY_AWARDS));
        assert_eq!(REFERRER_WEEKLY_AWARDS, 3);
    }

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
        assert_eq!(Tier::parse("gold"), None);
        assert_eq!(grant_key(7, 0), "grant:7:0");
    }

    const START: Timestamp = Timestamp::from_unix_millis(1_795_824_000_000); // a UTC midnight

    #[test]
    fn cycles_roll_every_seven_days_exactly() {
        assert_eq!(cycle_index(START, START), 0);
        assert_eq!(cycle_index(START, START.plus_millis(CYCLE_MS - 1)), 0);
        assert_eq!(cycle_index(START, START.plus_millis(CYCLE_MS)), 1);
        assert_eq!(cycle_index(START, START.plus_millis(10 * CYCLE_MS + 5)), 10);
        assert_eq!(cycle_index(START, START.plus_millis(-DAY_MS)), 0);
        assert_eq!(next_refresh_at(START, START), START.plus_millis(CYCLE_MS));
        assert_eq!(
            next_refresh_at(START, START.plus_millis(CYCLE_MS)),
            START.plus_millis(2 * CYCLE_MS)
        );
    }

    #[test]
    fn refresh_rolls_over_up_to_twice_the_allotment() {
        assert_eq!(refresh_grant(Tier::Free, 0), 2);
        assert_eq!(refresh_grant(Tier::Free, 1), 2); // 3 ≤ 4
        assert_eq!(refresh_grant(Tier::Free, 2), 2); // 4 = cap
        assert_eq!(refresh_grant(Tier::Free, 3), 1); // capped at 4
        assert_eq!(refresh_grant(Tier::Free, 4), 0);
        assert_eq!(refresh_grant(Tier::Free, 9), 0); // gifts may exceed the cap; no grant
        assert_eq!(refresh_grant(Tier::Pro, 10), 6);
        assert_eq!(refresh_grant(Tier::Elite, 0), 12);
        assert_eq!(refresh_grant(Tier::Elite, 20), 4);
        assert_eq!(refresh_grant(Tier::Infinite, 0), 0);
        assert_eq!(Tier::Pro.roll_over_cap(), Some(16));
        assert_eq!(Tier::Infinite.roll_over_cap(), None);
    }

    #[test]
    fn catching_up_applies_each_missed_cycle_in_order() {
        // Spent everything, away three weeks: 0 → 2 → 4 → 4.
        assert_eq!(catch_up(Tier::Free, 0, 0, 3), vec![(1, 2), (2, 2), (3, 0)]);
        // Away a year with a full balance: one zero entry marks the latest cycle.
        assert_eq!(catch_up(Tier::Free, 4, 0, 52), vec![(52, 0)]);
        assert_eq!(catch_up(Tier::Pro, 1, 4, 5), vec![(5, 8)]);
        assert_eq!(catch_up(Tier::Free, 0, 3, 3), vec![]);
        assert_eq!(catch_up(Tier::Infinite, 0, 0, 2), vec![(2, 0)]);
    }

    #[test]
    fn gifts_are_for_paid_tiers_within_four_a_week() {
        assert_eq!(check_gift(Tier::Free, 1, 5, 0), Err(GiftRefusal::Tier));
        assert_eq!(check_gift(Tier::Infinite, 1, 5, 0), Err(GiftRefusal::Tier));
        assert_eq!(check_gift(Tier::Pro, 0, 5, 0), Err(GiftRefusal::Amount));
        assert_eq!(check_gift(Tier::Pro, 4, 5, 0), Ok(()));
        assert_eq!(check_gift(Tier::Elite, 2, 5, 2), Ok(()));
        assert_eq!(
            check_gift(Tier::Elite, 3, 5, 2),
            Err(GiftRefusal::WeeklyLimit { remaining: 2 })
        );
        assert_eq!(
            check_gift(Tier::Pro, 1, 5, 6),
            Err(GiftRefusal::WeeklyLimit { remaining: 0 })
        );
        assert_eq!(check_gift(Tier::Pro, 3, 2, 0), Err(GiftRefusal::Balance));
    }

    #[test]
    fn refunds_need_an_hours_notice() {
        let start = START.plus_millis(5 * HOUR_MS);
        assert!(refundable(start, start.plus_millis(-HOUR_MS)));
        assert!(!refundable(start, start.plus_millis(-HOUR_MS + 1)));
        assert!(!refundable(start, start));
        assert!(refundable(start, START));
    }

    #[test]
    fn session_cost_is_one_unless_unlimited() {
        assert_eq!(Tier::Free.seat_cost(), 1);
        assert_eq!(Tier::Elite.seat_cost(), 1);
        assert_eq!(Tier::Infinite.seat_cost(), 0);
        assert!(Tier::Pro.may_gift() && Tier::Elite.may_gift());
        assert!(!Tier::Free.may_gift() && !Tier::Infinite.may_gift());
    }

    #[test]
    fn referral_codes_are_unambiguous_and_forgiving_to_type() {
        let code = referral_code_from([0, 1, 2, 3, 30, 31, 200, 255]);
        assert_eq!(code.len(), REFERRAL_CODE_LEN);
        assert_eq!(
            normalize_referral_code(&code).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(
            normalize_referral_code(" abcd-efgh ").as_deref(),
            Some("ABCDEFGH")
        );
        assert_eq!(normalize_referral_code("ABCDEFG0"), None); // 0 is not in the alphabet
        assert_eq!(normalize_referral_code("ABC"), None);
        assert_eq!(normalize_referral_code(""), None);
    }
}
