//! Instants in the viewer's own time and language: "today at 14:30", "tomorrow at 09:00",
//! "Friday at 18:00", "November 28, 2026 at 14:30", and dates and months in words. The offset comes from the viewer's time zone (the server works it
//! out), so the server's render and the browser's agree and no date library ships to the
//! browser.

use crate::domain::time::{Timestamp, DAY_MS, HOUR_MS, MINUTE_MS};
use crate::i18n::*;
use crate::ui::format::{civil_date, fill};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The viewer's offset from UTC and the instant their "today" is judged from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalClock {
    /// Offset from UTC in milliseconds.
    pub offset_ms: i64,
    /// "Now" when the page loaded (decides which day is today).
    pub now: Timestamp,
}

impl LocalClock {
    /// The local day number of `at` (days since 1970-01-01, local).
    fn day(self, at: Timestamp) -> i64 {
        (at.unix_millis() + self.offset_ms).div_euclid(DAY_MS)
    }

    /// `14:30`: the local wall-clock time of `at`.
    pub fn clock_time(self, at: Timestamp) -> String {
        let ms = (at.unix_millis() + self.offset_ms).rem_euclid(DAY_MS);
        format!("{:02}:{:02}", ms / HOUR_MS, (ms % HOUR_MS) / MINUTE_MS)
    }

    /// Day of the week of `at`, 0 = Sunday.
    pub fn weekday(self, at: Timestamp) -> i64 {
        // 1970-01-01 was a Thursday.
        (self.day(at) + 4).rem_euclid(7)
    }

    /// The local `(year, month, day)` of `at`.
    pub fn ymd(self, at: Timestamp) -> (i64, i64, i64) {
        civil_date(self.day(at))
    }

    /// Days from today to `at`'s day (0 today, 1 tomorrow, -1 yesterday).
    pub fn days_from_today(self, at: Timestamp) -> i64 {
        self.day(at) - self.day(self.now)
    }
}

/// The clock the app frame provides; UTC outside it.
pub fn use_local_clock() -> LocalClock {
    use_context::<LocalClock>().unwrap_or(LocalClock {
        offset_ms: 0,
        now: Timestamp::from_unix_millis(0),
    })
}

/// `at` as a phrase: "today at 14:30", "tomorrow at 09:00", "Friday at 18:00" within a
/// week either way, else "2026-11-28 at 14:30".
pub fn when(i18n: I18nContext<Locale>, clock: LocalClock, at: Timestamp) -> String {
    let time = clock.clock_time(at);
    let template = match clock.days_from_today(at) {
        0 => t_string!(i18n, time.today_at).to_owned(),
        1 => t_string!(i18n, time.tomorrow_at).to_owned(),
        -1 => t_string!(i18n, time.yesterday_at).to_owned(),
        -6..=6 => fill(
            t_string!(i18n, time.weekday_at),
            "weekday",
            weekday_name(i18n, clock.weekday(at)),
        ),
        _ => fill(
            t_string!(i18n, time.date_at),
            "date",
            date_of(i18n, clock, at),
        ),
    };
    fill(&template, "time", time)
}

/// `at`'s local date in words: "November 28, 2026", "2026年11月28日". Every date the
/// app shows goes through here (or [`when`], which adds the time).
pub fn date_of(i18n: I18nContext<Locale>, clock: LocalClock, at: Timestamp) -> String {
    let (year, month, day) = clock.ymd(at);
    let text = fill(t_string!(i18n, time.date), "month", month_name(i18n, month));
    fill(&fill(&text, "day", day), "year", year)
}

/// A month of a year in words: "November 2026", "2026年11月".
pub fn month_of_year(i18n: I18nContext<Locale>, year: i64, month: i64) -> String {
    let text = fill(
        t_string!(i18n, time.month_title),
        "month",
        month_name(i18n, month),
    );
    fill(&text, "year", year)
}

/// A month's name, 1 = January.
pub fn month_name(i18n: I18nContext<Locale>, month: i64) -> &'static str {
    match month {
        1 => t_string!(i18n, time.month_1),
        2 => t_string!(i18n, time.month_2),
        3 => t_string!(i18n, time.month_3),
        4 => t_string!(i18n, time.month_4),
        5 => t_string!(i18n, time.month_5),
        6 => t_string!(i18n, time.month_6),
        7 => t_string!(i18n, time.month_7),
        8 => t_string!(i18n, time.month_8),
        9 => t_string!(i18n, time.month_9),
        10 => t_string!(i18n, time.month_10),
        11 => t_string!(i18n, time.month_11),
        _ => t_string!(i18n, time.month_12),
    }
}

/// A duration as "2 d 5 h", "5 h 12 min" or "12 min" (at least one minute).
pub fn span(i18n: I18nContext<Locale>, ms: i64) -> String {
    let minutes = (ms.max(0) + MINUTE_MS - 1) / MINUTE_MS;
    let (days, hours, mins) = (minutes / (24 * 60), (minutes / 60) % 24, minutes % 60);
    if days > 0 {
        fill(
            &fill(t_string!(i18n, time.days_hours), "d", days),
            "h",
            hours,
        )
    } else if hours > 0 {
        fill(
            &fill(t_string!(i18n, time.hours_minutes), "h", hours),
            "m",
            mins,
        )
    } else {
        fill(t_string!(i18n, time.minutes), "m", mins.max(1))
    }
}

/// A weekday's name, 0 = Sunday.
pub(crate) fn weekday_name(i18n: I18nContext<Locale>, day: i64) -> &'static str {
    match day {
        0 => t_string!(i18n, time.sunday),
        1 => t_string!(i18n, time.monday),
        2 => t_string!(i18n, time.tuesday),
        3 => t_string!(i18n, time.wednesday),
        4 => t_string!(i18n, time.thursday),
        5 => t_string!(i18n, time.friday),
        _ => t_string!(i18n, time.saturday),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-28T14:30:00Z, a Saturday.
    const AT: Timestamp = Timestamp::from_unix_millis(1_795_876_200_000);

    #[test]
    fn wall_clock_and_weekday_follow_the_offset() {
        let utc = LocalClock {
            offset_ms: 0,
            now: AT,
        };
        assert_eq!(utc.clock_time(AT), "14:30");
        assert_eq!(utc.weekday(AT), 6);
        let taipei = LocalClock {
            offset_ms: 8 * HOUR_MS,
            now: AT,
        };
        assert_eq!(taipei.clock_time(AT), "22:30");
        let later = AT.plus_millis(2 * HOUR_MS); // 00:30 Sunday in Taipei
        assert_eq!(taipei.clock_time(later), "00:30");
        assert_eq!(taipei.weekday(later), 0);
        assert_eq!(taipei.days_from_today(later), 1);
        assert_eq!(utc.days_from_today(later), 0);
        let new_york = LocalClock {
            offset_ms: -5 * HOUR_MS,
            now: AT,
        };
        assert_eq!(new_york.clock_time(AT), "09:30");
        assert_eq!(utc.ymd(AT), (2026, 11, 28));
        assert_eq!(taipei.ymd(later), (2026, 11, 29));
        assert_eq!(new_york.ymd(AT.plus_millis(-10 * HOUR_MS)), (2026, 11, 27));
        assert_eq!(utc.ymd(Timestamp::from_unix_millis(-1)), (1969, 12, 31));
        assert_eq!(new_york.days_from_today(AT.plus_millis(-10 * HOUR_MS)), -1);
    }
}
