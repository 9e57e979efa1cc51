//! IANA time zones, from the zone database bundled into the binary (no OS files needed).

use crate::error::{AppError, InvalidRule};

/// `name` if it is a known IANA zone (e.g. `Asia/Taipei`), in its canonical spelling.
pub fn parse(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    let err = || AppError::invalid("time_zone", InvalidRule::NotAChoice);
    if name.is_empty() {
        return Err(AppError::invalid("time_zone", InvalidRule::Required));
    }
    let zone = jiff::tz::db().get(name).map_err(|_| err())?;
    Ok(zone.iana_name().unwrap_or(name).to_owned())
}

/// `zone`'s offset from UTC at `at`, in milliseconds (0 for an unknown zone).
pub fn offset_ms(zone: &str, at: crate::domain::time::Timestamp) -> i64 {
    let Ok(tz) = jiff::tz::db().get(zone) else {
        return 0;
    };
    let Ok(instant) = jiff::Timestamp::from_millisecond(at.unix_millis()) else {
        return 0;
    };
    i64::from(tz.to_offset(instant).seconds()) * 1_000
}

/// The zones a person would pick from (`Region/City` plus `UTC`), sorted.
pub fn choices() -> Vec<String> {
    let mut zones: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .filter(|name| {
            name == "UTC"
                || (name.contains('/')
                    && ![
                        "Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Mexico/", "Chile/",
                    ]
                    .iter()
                    .any(|legacy| name.starts_with(legacy)))
        })
        .collect();
    zones.sort();
    zones.dedup();
    zones
}

#[cfg(test)]
mod tests {
    #[test]
    fn offsets_follow_the_zone_and_its_summer_time() {
        use crate::domain::time::{Timestamp, HOUR_MS};
        let winter = Timestamp::from_unix_millis(1_795_876_200_000); // 2026-11-28
        let summer = Timestamp::from_unix_millis(1_782_000_000_000); // 2026-06-21
        assert_eq!(super::offset_ms("Asia/Taipei", winter), 8 * HOUR_MS);
        assert_eq!(super::offset_ms("Europe/London", winter), 0);
        assert_eq!(super::offset_ms("Europe/London", summer), HOUR_MS);
        assert_eq!(super::offset_ms("America/New_York", winter), -5 * HOUR_MS);
        assert_eq!(super::offset_ms("Nowhere/Special", winter), 0);
    }

    use super::*;

    #[test]
    fn known_zones_parse_and_unknown_ones_do_not() {
        assert_eq!(parse(" Asia/Taipei ").unwrap(), "Asia/Taipei");
        assert_eq!(parse("UTC").unwrap(), "UTC");
        assert_eq!(
            parse("Mars/Olympus").unwrap_err().expect_rule(),
            InvalidRule::NotAChoice
        );
        assert_eq!(parse("").unwrap_err().expect_rule(), InvalidRule::Required);
    }

    #[test]
    fn choices_are_region_city_names() {
        let zones = choices();
        assert!(zones.len() > 300, "{}", zones.len());
        assert!(zones.contains(&"Asia/Taipei".to_owned()));
        assert!(zones.contains(&"Europe/London".to_owned()));
        assert!(!zones.iter().any(|z| z.starts_with("Etc/")));
        assert!(zones.windows(2).all(|w| w[0] < w[1]));
    }
}
