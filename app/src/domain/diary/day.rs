//! Calendar days as plain numbers: days since 1970-01-01 in the student's own calendar.
//! The server turns instants into days in the student's time zone; everything after that
//! (months, weeks, streaks) is arithmetic on these numbers, the same in the browser.

use serde::{Deserialize, Serialize};

/// A calendar day: days since 1970-01-01 (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Day(pub i32);

/// The last day a diary date may be (9999-12-31); the first is 1970-01-01.
pub const LAST: Day = Day(2_932_896);

impl Day {
    /// The day `year`-`month`-`day` (`None` when there is no such date, or its year is
    /// outside ±9999).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(-9999..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// Whether this day is one a diary can hold (1970-01-01 to [`LAST`]).
    pub const fn plausible(self) -> bool {
        self.0 >= 0 && self.0 <= LAST.0
    }

    /// Year, month (1–12) and day of month (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }

    /// Parses `YYYY-MM-DD` (what a date field sends).
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Day::from_ymd(year, month, day)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The day after (or before, for negative `n`).
    pub const fn plus(self, n: i32) -> Day {
        Day(self.0 + n)
    }

    /// Day of the week, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
    pub const fn weekday(self) -> u32 {
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// The Monday of this day's week.
    pub const fn week_start(self) -> Day {
        Day(self.0 - self.weekday() as i32)
    }

    /// The first day of this day's month.
    pub fn month_start(self) -> Day {
        let (y, m, _) = self.ymd();
        Day::from_ymd(y, m, 1).unwrap_or(self)
    }
}

/// A month of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    /// The month `day` falls in.
    pub fn of(day: Day) -> Month {
        let (year, month, _) = day.ymd();
        Month { year, month }
    }

    /// Its first day (`None` for a month number outside 1–12).
    pub fn first(self) -> Option<Day> {
        Day::from_ymd(self.year, self.month, 1)
    }

    /// How many days it has.
    pub fn days(self) -> u32 {
        days_in_month(self.year, self.month)
    }

    /// The month `n` months later (earlier for negative `n`).
    pub fn plus(self, n: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }
}

/// Days in `month` of `year` (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_the_calendar() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(2000, 3, 1), Some(Day(11_017)));
        assert_eq!(Day::from_ymd(1969, 12, 31), Some(Day(-1)));
        for n in -800_000..800_000 {
            if n % 97 == 0 {
                let (y, m, d) = Day(n).ymd();
                assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)), "{y}-{m}-{d}");
            }
        }
        assert_eq!(Day::from_ymd(2026, 2, 29), None);
        assert_eq!(
            Day::from_ymd(2028, 2, 29).map(|d| d.iso()),
            Some("2028-02-29".into())
        );
        assert_eq!(Day::from_ymd(2026, 13, 1), None);
        assert_eq!(Day::from_ymd(2026, 4, 31), None);
        assert_eq!(Day::from_ymd(9999, 12, 31), Some(LAST));
        assert_eq!(Day::from_ymd(i32::MAX, 1, 1), None);
        assert!(Day(0).plausible() && LAST.plausible());
        assert!(!Day(-1).plausible() && !LAST.plus(1).plausible());
    }

    #[test]
    fn dates_parse_and_print_as_iso() {
        let day = Day::parse("2026-11-29").unwrap();
        assert_eq!(day.iso(), "2026-11-29");
        assert_eq!(day.weekday(), 6, "a Sunday");
        assert_eq!(day.week_start().iso(), "2026-11-23");
        assert_eq!(day.month_start().iso(), "2026-11-01");
        for bad in [
            "",
            "2026-11",
            "2026-11-31",
            "x-1-1",
            "2026-00-10",
            "999999999-01-01",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert_eq!(Day(0).weekday(), 3, "1970-01-01 was a Thursday");
    }

    #[test]
    fn months_step_across_years() {
        let dec = Month {
            year: 2026,
            month: 12,
        };
        assert_eq!(
            dec.plus(1),
            Month {
                year: 2027,
                month: 1
            }
        );
        assert_eq!(
            dec.plus(-12),
            Month {
                year: 2025,
                month: 12
            }
        );
        assert_eq!(
            Month {
                year: 2027,
                month: 1
            }
            .plus(-1),
            dec
        );
        assert_eq!(
            Month {
                year: 2028,
                month: 2
            }
            .days(),
            29
        );
        assert_eq!(
            Month {
                year: 2100,
                month: 2
            }
            .days(),
            28
        );
        assert_eq!(Month::of(Day::parse("2026-11-29").unwrap()), dec.plus(-1));
    }
}
