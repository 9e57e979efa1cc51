//! The student's time zone: which calendar day an instant falls on for them, and when
//! one of their days begins (DST-aware, from the zone database in the binary).

use crate::domain::diary::day::Day;
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::Db;
use jiff::tz::TimeZone;

/// A student's time zone.
#[derive(Clone, Debug)]
pub struct Zone(TimeZone);

impl Zone {
    /// The zone named `name` (UTC when the name is unknown).
    pub fn named(name: &str) -> Zone {
        Zone(jiff::tz::db().get(name).unwrap_or(TimeZone::UTC))
    }

    /// `user_id`'s zone, from their profile.
    pub async fn of(db: &Db, user_id: i64) -> Result<Zone, AppError> {
        let name: Option<(String,)> = sqlx::query_as("SELECT time_zone FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
        let (name,) = name.ok_or(AppError::Unauthenticated)?;
        Ok(Zone::named(&name))
    }

    fn zoned(&self, at: Timestamp) -> Option<jiff::Zoned> {
        let instant = jiff::Timestamp::from_millisecond(at.unix_millis()).ok()?;
        Some(instant.to_zoned(self.0.clone()))
    }

    /// The day `at` falls on here.
    pub fn day(&self, at: Timestamp) -> Day {
        self.zoned(at)
            .and_then(|z| {
                let date = z.date();
                Day::from_ymd(
                    i32::from(date.year()),
                    date.month() as u32,
                    date.day() as u32,
                )
            })
            .unwrap_or(Day(
                at.unix_millis().div_euclid(crate::domain::time::DAY_MS) as i32,
            ))
    }

    /// The local time of `at`, in minutes after midnight.
    pub fn minute(&self, at: Timestamp) -> u32 {
        self.zoned(at)
            .map(|z| z.hour() as u32 * 60 + z.minute() as u32)
            .unwrap_or(0)
    }

    /// The first instant of `day` here (later than midnight when a clock change skips it).
    pub fn start(&self, day: Day) -> Timestamp {
        let (y, m, d) = day.ymd();
        let start = i16::try_from(y)
            .ok()
            .and_then(|y| jiff::civil::Date::new(y, m as i8, d as i8).ok())
            .and_then(|date| date.to_zoned(self.0.clone()).ok())
            .and_then(|z| z.start_of_day().ok());
        match start {
            Some(z) => Timestamp::from_unix_millis(z.timestamp().as_millisecond()),
            None => Timestamp::from_unix_millis(i64::from(day.0) * crate::domain::time::DAY_MS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::HOUR_MS;

    fn utc(text: &str) -> Timestamp {
        let t: jiff::Timestamp = text.parse().unwrap();
        Timestamp::from_unix_millis(t.as_millisecond())
    }

    #[test]
    fn days_begin_at_local_midnight() {
        let taipei = Zone::named("Asia/Taipei");
        // 2026-11-28 16:30 UTC is 00:30 on the 29th in Taipei.
        let at = utc("2026-11-28T16:30:00Z");
        assert_eq!(taipei.day(at).iso(), "2026-11-29");
        assert_eq!(taipei.minute(at), 30);
        assert_eq!(Zone::named("UTC").day(at).iso(), "2026-11-28");
        let day = Day::parse("2026-11-29").unwrap();
        assert_eq!(taipei.start(day), utc("2026-11-28T16:00:00Z"));
        assert_eq!(
            Zone::named("Nowhere/Special").start(day),
            utc("2026-11-29T00:00:00Z")
        );
    }

    #[test]
    fn days_around_a_clock_change_have_their_real_length() {
        let ny = Zone::named("America/New_York");
        // Summer time ended at 02:00 on 2026-11-01: that day lasted 25 hours.
        let day = Day::parse("2026-11-01").unwrap();
        assert_eq!(
            ny.start(day.plus(1)).millis_since(ny.start(day)),
            25 * HOUR_MS
        );
        // It began on 2026-03-08: 23 hours.
        let spring = Day::parse("2026-03-08").unwrap();
        assert_eq!(
            ny.start(spring.plus(1)).millis_since(ny.start(spring)),
            23 * HOUR_MS
        );
        // Santiago skips midnight itself when summer time begins (2026-09-06).
        let santiago = Zone::named("America/Santiago");
        let skipped = Day::parse("2026-09-06").unwrap();
        assert_eq!(santiago.day(santiago.start(skipped)), skipped);
        assert_eq!(santiago.minute(santiago.start(skipped)), 60);
    }
}
