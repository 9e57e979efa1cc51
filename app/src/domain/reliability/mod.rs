//! Peer review and reliability (SPEC): how much a rating weighs as it ages, the reliability
//! score and its badge, whose red ratings count and how much, and when reds add up to a
//! ban. Pure arithmetic over what the services read; every number is in [`params`].

pub mod anonymity;
pub mod params;
pub mod rating;

use crate::domain::credits::Tier;
use crate::domain::time::Timestamp;
use params::*;
use rating::RatingValue;
use serde::{Deserialize, Serialize};

/// The reliability badge shown on seats, profiles and the dashboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Badge {
    /// Fewer than five ratings that count.
    #[default]
    New,
    /// Below "Good".
    Fair,
    /// A mostly green record.
    Good,
    /// An almost entirely green record.
    Trusted,
}

impl Badge {
    /// Every badge, lowest first.
    pub const ALL: [Self; 4] = [Self::New, Self::Fair, Self::Good, Self::Trusted];

    /// A stable key (for tests and data attributes).
    pub const fn key(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Fair => "fair",
            Self::Good => "good",
            Self::Trusted => "trusted",
        }
    }
}

/// The share of a rating's weight left after `age_ms`: 1 when new, halving every 30 days,
/// 0 from 180 days on (and for ratings from the future, which cannot be).
pub fn decay(age_ms: i64) -> f64 {
    if !(0..HORIZON_MS).contains(&age_ms) {
        return 0.0;
    }
    0.5_f64.powf(age_ms as f64 / HALF_LIFE_MS as f64)
}

/// When a rating given at `at` stops counting.
pub fn counts_until(at: Timestamp) -> Timestamp {
    at.plus_millis(HORIZON_MS)
}

/// A rating someone received, as the score needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Received {
    /// Green, red or skip.
    pub value: RatingValue,
    /// The rater's reporting power when they rated, in hundredths.
    pub power_pct: i64,
    /// When it was given.
    pub at: Timestamp,
}

impl Received {
    /// What this rating weighs at `now`: greens their decayed weight, reds their decayed
    /// weight times the rater's reporting power, skips nothing.
    pub fn weight_at(&self, now: Timestamp) -> f64 {
        let decayed = decay(now.millis_since(self.at));
        match self.value {
            RatingValue::Green => decayed,
            RatingValue::Red => decayed * self.power_pct as f64 / 100.0,
            RatingValue::Skip => 0.0,
        }
    }
}

/// A student's reliability at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// The score, 0–1: the weighted share of green, leaning towards a clean record until
    /// [`FULL_WEIGHT_AFTER`] ratings count.
    pub score: f64,
    /// Ratings that weigh something today (see [`Received::weight_at`]).
    pub counted: u32,
    /// The badge.
    pub badge: Badge,
}

impl Reliability {
    /// The reliability `ratings` add up to at `now`.
    pub fn of(ratings: &[Received], now: Timestamp) -> Self {
        let mut green = 0.0;
        let mut red = 0.0;
        let mut counted = 0u32;
        for rating in ratings {
            // Only what weighs something counts: not a skip, not past the horizon, not a
            // red from a rater whose reds weigh nothing yet.
            if rating.weight_at(now) <= 0.0 {
                continue;
            }
            counted += 1;
            match rating.value {
                RatingValue::Green => green += rating.weight_at(now),
                _ => red += rating.weight_at(now),
            }
        }
        let raw = if green + red > 0.0 {
            green / (green + red)
        } else {
            STARTING_SCORE
        };
        let confidence = f64::from(counted.min(FULL_WEIGHT_AFTER)) / f64::from(FULL_WEIGHT_AFTER);
        let score = confidence * raw + (1.0 - confidence) * STARTING_SCORE;
        let badge = if counted < FULL_WEIGHT_AFTER {
            Badge::New
        } else if score >= TRUSTED_FROM {
            Badge::Trusted
        } else if score >= GOOD_FROM {
            Badge::Good
        } else {
            Badge::Fair
        };
        Self {
            score,
            counted,
            badge,
        }
    }

    /// The score as a whole percentage, once enough ratings count to show one (a "New"
    /// member has none yet).
    pub fn percent(&self) -> Option<i64> {
        (self.badge != Badge::New).then(|| (self.score * 100.0).round() as i64)
    }

    /// How many more ratings must count before a score shows.
    pub fn needed(&self) -> u32 {
        FULL_WEIGHT_AFTER.saturating_sub(self.counted)
    }
}

/// Why a rating weighs what it does, in words for its ledger line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighing {
    /// A green: it counts fully.
    Green,
    /// A red from a paid member: it counts fully.
    RedFull,
    /// A red from an established free member: it counts at their reporting power.
    RedPartial,
    /// A red from a newer member: it does not count (yet).
    RedFromNewMember,
}

impl Weighing {
    /// The reason for a rating of `value` given with the rater's `power_pct`.
    pub const fn of(value: RatingValue, power_pct: i64) -> Self {
        match value {
            RatingValue::Red if power_pct <= 0 => Self::RedFromNewMember,
            RatingValue::Red if power_pct < POWER_PAID_PCT => Self::RedPartial,
            RatingValue::Red => Self::RedFull,
            RatingValue::Green | RatingValue::Skip => Self::Green,
        }
    }
}

/// True for the tiers someone pays for (their reds weigh fully; they are banned later).
pub const fn is_paid(tier: Tier) -> bool {
    !matches!(tier, Tier::Free)
}

/// How much a rater's red weighs, in hundredths: paid 1.0; free with enough completed
/// sessions and an account old enough 0.5; newer free members 0.
pub fn reporting_power_pct(tier: Tier, completed_sessions: i64, account_age_ms: i64) -> i64 {
    if is_paid(tier) {
        POWER_PAID_PCT
    } else if completed_sessions >= ESTABLISHED_SESSIONS && account_age_ms >= ESTABLISHED_AGE_MS {
        POWER_ESTABLISHED_PCT
    } else {
        POWER_NEW_PCT
    }
}

/// The weighted reds (hundredths) in the window at which a member of `tier` is banned.
pub const fn ban_threshold_pct(tier: Tier) -> i64 {
    if is_paid(tier) {
        BAN_THRESHOLD_PAID_PCT
    } else {
        BAN_THRESHOLD_FREE_PCT
    }
}

/// True when `weighted_reds_pct` (reds in the window not yet behind a ban) reach the
/// threshold of `tier`.
pub const fn crosses_ban(tier: Tier, weighted_reds_pct: i64) -> bool {
    weighted_reds_pct > 0 && weighted_reds_pct >= ban_threshold_pct(tier)
}

/// Where the ban window starts for a rating received at `now`.
pub const fn ban_window_start(now: Timestamp) -> Timestamp {
    now.plus_millis(-BAN_WINDOW_MS)
}

/// Hundredths as a decimal for people: 150 → "1.5", 100 → "1", 25 → "0.25".
pub fn hundredths(pct: i64) -> String {
    let whole = pct / 100;
    let frac = (pct % 100).abs();
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests;
