//! The score and thresholds against hand-computed cases.

use super::params::*;
use super::rating::RatingValue::{self, *};
use super::*;
use crate::domain::time::DAY_MS;

const NOW: Timestamp = Timestamp::from_unix_millis(1_800_000_000_000);

fn days_ago(days: i64) -> Timestamp {
    NOW.plus_millis(-days * DAY_MS)
}

fn rating(value: RatingValue, power_pct: i64, days: i64) -> Received {
    Received {
        value,
        power_pct,
        at: days_ago(days),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn weight_halves_every_thirty_days_and_ends_at_180() {
    assert!(close(decay(0), 1.0));
    assert!(close(decay(30 * DAY_MS), 0.5));
    assert!(close(decay(60 * DAY_MS), 0.25));
    assert!(close(decay(15 * DAY_MS), 0.5_f64.sqrt()));
    // Just inside the horizon it still counts a little (1/64 at 180 days, minus a bit).
    assert!(decay(180 * DAY_MS - 1) > 0.015);
    assert!(close(decay(180 * DAY_MS), 0.0));
    assert!(close(decay(365 * DAY_MS), 0.0));
    assert!(close(decay(-1), 0.0));
    assert_eq!(counts_until(NOW), NOW.plus_millis(180 * DAY_MS));
}

#[test]
fn weights_of_each_value() {
    assert!(close(rating(Green, 0, 30).weight_at(NOW), 0.5));
    assert!(close(rating(Red, 50, 0).weight_at(NOW), 0.5));
    assert!(close(rating(Red, 100, 60).weight_at(NOW), 0.25));
    assert!(close(rating(Red, 0, 0).weight_at(NOW), 0.0));
    assert!(close(rating(Skip, 100, 0).weight_at(NOW), 0.0));
}

#[test]
fn nobody_rated_starts_new_with_a_clean_record() {
    let r = Reliability::of(&[], NOW);
    assert!(close(r.score, 1.0));
    // No percentage is shown yet: five ratings to go.
    assert_eq!(
        (r.badge, r.counted, r.percent(), r.needed()),
        (Badge::New, 0, None, 5)
    );
}

#[test]
fn new_until_five_non_skip_ratings() {
    // Four greens and any number of skips: still new.
    let mut ratings: Vec<Received> = (0..4).map(|d| rating(Green, 0, d)).collect();
    ratings.extend((0..10).map(|d| rating(Skip, 100, d)));
    let r = Reliability::of(&ratings, NOW);
    assert_eq!(
        (r.badge, r.counted, r.percent(), r.needed()),
        (Badge::New, 4, None, 1)
    );
    // The fifth: the score applies fully, and shows.
    ratings.push(rating(Green, 0, 5));
    let r = Reliability::of(&ratings, NOW);
    assert_eq!(
        (r.badge, r.counted, r.percent(), r.needed()),
        (Badge::Trusted, 5, Some(100), 0)
    );
}

#[test]
fn the_score_leans_towards_a_clean_record_until_it_applies_fully() {
    // One red at full power, nothing else: raw 0, confidence 1/5 → 0.8.
    let r = Reliability::of(&[rating(Red, 100, 0)], NOW);
    assert!(close(r.score, 0.8));
    assert_eq!(r.badge, Badge::New);
    // 1 green + 1 red (power 1), same age: raw 0.5, confidence 2/5 → 0.4·0.5 + 0.6 = 0.8.
    let r = Reliability::of(&[rating(Green, 0, 0), rating(Red, 100, 0)], NOW);
    assert!(close(r.score, 0.8));
}

#[test]
fn old_reds_fade_and_powerless_reds_weigh_nothing() {
    // Four fresh greens and one red 60 days old at power 1: 4 / (4 + 0.25) = 0.941…
    let mut ratings: Vec<Received> = (0..4).map(|_| rating(Green, 0, 0)).collect();
    ratings.push(rating(Red, 100, 60));
    let r = Reliability::of(&ratings, NOW);
    assert!(close(r.score, 4.0 / 4.25));
    assert_eq!(r.badge, Badge::Good);
    // The same red from a new free member weighs nothing, so it does not count either:
    // four ratings count, and no score shows beside a red that "weighs 0".
    ratings.pop();
    ratings.push(rating(Red, 0, 60));
    let r = Reliability::of(&ratings, NOW);
    assert!(close(r.score, 1.0));
    assert_eq!((r.badge, r.counted, r.percent()), (Badge::New, 4, None));
    let lone = Reliability::of(&[rating(Red, 0, 0)], NOW);
    assert_eq!(
        (lone.badge, lone.counted, lone.percent(), lone.needed()),
        (Badge::New, 0, None, 5)
    );
    // Past 180 days it does not count at all.
    ratings.pop();
    ratings.push(rating(Red, 100, 180));
    assert_eq!(Reliability::of(&ratings, NOW).counted, 4);
}

#[test]
fn tier_boundaries() {
    // 19 greens and 1 red at power 1, all given just now: 0.95 exactly → trusted.
    let mut ratings: Vec<Received> = (0..19).map(|_| rating(Green, 0, 0)).collect();
    ratings.push(rating(Red, 100, 0));
    assert_eq!(Reliability::of(&ratings, NOW).badge, Badge::Trusted);
    // 4 greens, 1 red: 0.8 → good.
    let mut ratings: Vec<Received> = (0..4).map(|_| rating(Green, 0, 0)).collect();
    ratings.push(rating(Red, 100, 0));
    assert_eq!(Reliability::of(&ratings, NOW).badge, Badge::Good);
    // 3 greens, 2 reds: 0.6 → fair.
    ratings.pop();
    ratings.push(rating(Red, 100, 0));
    ratings.push(rating(Red, 100, 0));
    ratings.remove(0);
    assert!(close(Reliability::of(&ratings, NOW).score, 0.6));
    assert_eq!(Reliability::of(&ratings, NOW).badge, Badge::Fair);
}

#[test]
fn reporting_power_by_tier_and_account_age() {
    let week = 7 * DAY_MS;
    for tier in [Tier::Pro, Tier::Elite, Tier::Infinite] {
        assert_eq!(reporting_power_pct(tier, 0, 0), 100);
    }
    assert_eq!(reporting_power_pct(Tier::Free, 5, week), 50);
    assert_eq!(reporting_power_pct(Tier::Free, 50, 90 * DAY_MS), 50);
    assert_eq!(reporting_power_pct(Tier::Free, 4, week), 0);
    assert_eq!(reporting_power_pct(Tier::Free, 5, week - 1), 0);
    assert_eq!(reporting_power_pct(Tier::Free, 0, 0), 0);
}

#[test]
fn ban_thresholds_by_tier_exactly_at_the_line() {
    assert_eq!(ban_threshold_pct(Tier::Free), 150);
    assert!(!crosses_ban(Tier::Free, 149));
    assert!(crosses_ban(Tier::Free, 150));
    // Three established free members' reds (0.5 each) ban a free member…
    assert!(crosses_ban(Tier::Free, 3 * POWER_ESTABLISHED_PCT));
    // …two do not.
    assert!(!crosses_ban(Tier::Free, 2 * POWER_ESTABLISHED_PCT));
    for tier in [Tier::Pro, Tier::Elite, Tier::Infinite] {
        assert_eq!(ban_threshold_pct(tier), 300);
        assert!(!crosses_ban(tier, 299));
        assert!(crosses_ban(tier, 300));
    }
    assert!(!crosses_ban(Tier::Free, 0));
    assert_eq!(ban_window_start(NOW), days_ago(7));
}

#[test]
fn hundredths_read_like_numbers() {
    assert_eq!(hundredths(150), "1.5");
    assert_eq!(hundredths(100), "1");
    assert_eq!(hundredths(300), "3");
    assert_eq!(hundredths(25), "0.25");
    assert_eq!(hundredths(50), "0.5");
    assert_eq!(hundredths(0), "0");
}

#[test]
fn each_rating_says_why_it_weighs_what_it_weighs() {
    assert_eq!(Weighing::of(Green, 0), Weighing::Green);
    assert_eq!(Weighing::of(Red, 100), Weighing::RedFull);
    assert_eq!(Weighing::of(Red, 50), Weighing::RedPartial);
    assert_eq!(Weighing::of(Red, 0), Weighing::RedFromNewMember);
}
