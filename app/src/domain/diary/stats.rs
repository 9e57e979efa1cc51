//! The figures of the diary: streaks of days with a completed session, focus minutes per
//! week, how strongly a calendar day is shaded, and the tags used most.

use super::day::Day;
use super::Tag;

/// How many weeks the focus chart shows (this week and the ones before it).
pub const CHART_WEEKS: usize = 12;
/// How many tags "top tags" lists.
pub const TOP_TAGS: usize = 3;

/// Current and longest streak, in days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Streaks {
    /// Consecutive days with a completed session ending today, or yesterday when today
    /// has none yet (a streak is not lost before the day is over).
    pub current: u32,
    /// The longest such run ever.
    pub longest: u32,
}

/// Streaks from the days with a completed session (any order, repeats allowed).
pub fn streaks(days: &[Day], today: Day) -> Streaks {
    let mut days: Vec<Day> = days.iter().copied().filter(|d| *d <= today).collect();
    days.sort();
    days.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<Day> = None;
    for day in &days {
        run = match previous {
            Some(p) if p.plus(1) == *day => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(*day);
    }
    let current = match days.last() {
        Some(last) if *last == today || *last == today.plus(-1) => run,
        _ => 0,
    };
    Streaks { current, longest }
}

/// Focus minutes per week (weeks start on Monday) for the [`CHART_WEEKS`] weeks ending
/// with `today`'s, oldest first, as `(Monday, minutes)`.
pub fn weekly(sessions: &[(Day, i64)], today: Day) -> Vec<(Day, i64)> {
    let this_week = today.week_start();
    let first = this_week.plus(-7 * (CHART_WEEKS as i32 - 1));
    let mut weeks: Vec<(Day, i64)> = (0..CHART_WEEKS as i32)
        .map(|i| (first.plus(7 * i), 0))
        .collect();
    for (day, minutes) in sessions {
        if *day < first || *day > today {
            continue;
        }
        let index = ((day.week_start().0 - first.0) / 7) as usize;
        if let Some(week) = weeks.get_mut(index) {
            week.1 += minutes;
        }
    }
    weeks
}

/// How strongly a calendar day is shaded: 0 (no session), then 1–4 by focus minutes
/// (under 25, under 45, under 90, 90 or more).
pub const fn intensity(sessions: u32, focus_minutes: i64) -> u8 {
    if sessions == 0 {
        0
    } else if focus_minutes < 25 {
        1
    } else if focus_minutes < 45 {
        2
    } else if focus_minutes < 90 {
        3
    } else {
        4
    }
}

/// The most used tags with their counts, most used first (ties in the offered order).
pub fn top_tags(counts: &[(Tag, i64)]) -> Vec<(Tag, i64)> {
    let mut counts: Vec<(Tag, i64)> = counts.iter().copied().filter(|(_, n)| *n > 0).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.truncate(TOP_TAGS);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn a_streak_lasts_until_a_whole_day_passes_without_a_session() {
        let days = [d("2026-11-20"), d("2026-11-21"), d("2026-11-22")];
        assert_eq!(
            streaks(&days, d("2026-11-22")),
            Streaks {
                current: 3,
                longest: 3
            }
        );
        assert_eq!(
            streaks(&days, d("2026-11-23")).current,
            3,
            "today is not over"
        );
        assert_eq!(streaks(&days, d("2026-11-24")).current, 0);
        assert_eq!(streaks(&days, d("2026-11-24")).longest, 3);
        assert_eq!(streaks(&[], d("2026-11-24")), Streaks::default());
    }

    #[test]
    fn the_longest_streak_is_the_longest_run_even_with_repeats_and_gaps() {
        let days = [
            d("2026-10-01"),
            d("2026-10-02"),
            d("2026-10-02"),
            d("2026-10-03"),
            d("2026-10-04"),
            d("2026-10-10"),
            d("2026-10-11"),
        ];
        assert_eq!(
            streaks(&days, d("2026-10-11")),
            Streaks {
                current: 2,
                longest: 4
            }
        );
        // Across a month end and a year end.
        let turn = [d("2026-12-30"), d("2026-12-31"), d("2027-01-01")];
        assert_eq!(streaks(&turn, d("2027-01-01")).longest, 3);
    }

    #[test]
    fn weeks_start_on_monday_and_the_chart_ends_with_this_week() {
        let today = d("2026-11-29"); // Sunday
        let weeks = weekly(
            &[
                (d("2026-11-23"), 40), // Monday of this week
                (d("2026-11-29"), 45),
                (d("2026-11-22"), 30), // Sunday of last week
                (d("2026-09-07"), 20), // the first week shown
                (d("2026-09-06"), 99), // too old
                (d("2026-11-30"), 99), // tomorrow (not yet)
            ],
            today,
        );
        assert_eq!(weeks.len(), CHART_WEEKS);
        assert_eq!(weeks[0], (d("2026-09-07"), 20));
        assert_eq!(weeks[CHART_WEEKS - 1], (d("2026-11-23"), 85));
        assert_eq!(weeks[CHART_WEEKS - 2], (d("2026-11-16"), 30));
        assert_eq!(weeks.iter().map(|w| w.1).sum::<i64>(), 135);
    }

    #[test]
    fn days_are_shaded_by_focus_minutes() {
        assert_eq!(intensity(0, 0), 0);
        assert_eq!(intensity(1, 0), 1);
        assert_eq!(intensity(1, 24), 1);
        assert_eq!(intensity(1, 25), 2);
        assert_eq!(intensity(1, 45), 3);
        assert_eq!(intensity(2, 89), 3);
        assert_eq!(intensity(2, 90), 4);
    }

    #[test]
    fn top_tags_are_the_most_used_three() {
        let top = top_tags(&[
            (Tag::Tired, 2),
            (Tag::Productive, 5),
            (Tag::Social, 2),
            (Tag::Distracted, 1),
            (Tag::Struggled, 0),
        ]);
        assert_eq!(
            top,
            [(Tag::Productive, 5), (Tag::Tired, 2), (Tag::Social, 2)]
        );
        assert!(top_tags(&[(Tag::Struggled, 0)]).is_empty());
    }
}
