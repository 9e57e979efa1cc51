//! Small text formatting shared by components.

use crate::domain::diary::day::Day;
use crate::domain::time::SECOND_MS;

/// A countdown as `m:ss` (or `h:mm:ss` past an hour); negative durations show `0:00`.
pub fn countdown(ms: i64) -> String {
    let total = ms.max(0) / SECOND_MS;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `template` with its single-brace placeholder `{name}` replaced by `value`, for
/// translated strings that carry a number or a name.
pub fn fill(template: &str, name: &str, value: impl std::fmt::Display) -> String {
    template.replace(&format!("{{{name}}}"), &value.to_string())
}

/// Percent-encodes `text` for a query-string value (keeps `/` readable).
pub fn query_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The civil date `(year, month, day)` of a day number (days since 1970-01-01), from the
/// calendar arithmetic the diary uses ([`Day`]; no date library in the browser bundle).
pub fn civil_date(days: i64) -> (i64, i64, i64) {
    let (year, month, day) = Day(i32::try_from(days).unwrap_or_default()).ymd();
    (i64::from(year), i64::from(month), i64::from(day))
}

/// Whole minutes left, rounded up (59 s left is "1 min").
pub fn minutes_left(ms: i64) -> i64 {
    (ms.max(0) + 60 * SECOND_MS - 1) / (60 * SECOND_MS)
}

/// A number with two decimals for SVG and CSS attributes (`12.35`, `-0.50`), written
/// with integer arithmetic so the browser bundle carries no float-formatting code.
pub fn decimal2(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(-1), (1969, 12, 31));
        assert_eq!(civil_date(20_785), (2026, 11, 28));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
    }

    #[test]
    fn placeholders_and_query_values() {
        assert_eq!(fill("in {seconds} s", "seconds", 42), "in 42 s");
        assert_eq!(
            query_escape("/app/settings?x=1&y=é"),
            "/app/settings%3Fx%3D1%26y%3D%C3%A9"
        );
    }

    #[test]
    fn countdowns() {
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(-5_000), "0:00");
        assert_eq!(countdown(59_999), "0:59");
        assert_eq!(countdown(12 * 60_000 + 34_000), "12:34");
        assert_eq!(countdown(3_600_000 + 61_000), "1:01:01");
    }

    #[test]
    fn minutes_round_up() {
        assert_eq!(minutes_left(0), 0);
        assert_eq!(minutes_left(1), 1);
        assert_eq!(minutes_left(60_000), 1);
        assert_eq!(minutes_left(60_001), 2);
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal2(263.893_782), "263.89");
        assert_eq!(decimal2(0.005), "0.01");
        assert_eq!(decimal2(-0.5), "-0.50");
        assert_eq!(decimal2(-12.344), "-12.34");
        assert_eq!(decimal2(0.0), "0.00");
    }
}
