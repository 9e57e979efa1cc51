//! Small text formatting shared by components.

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

/// Whole minutes left, rounded up (59 s left is "1 min").
pub fn minutes_left(ms: i64) -> i64 {
    (ms.max(0) + 60 * SECOND_MS - 1) / (60 * SECOND_MS)
}

/// Percent-encodes a path so it can travel in a query string.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("/app/diary"), "/app/diary");
        assert_eq!(encode_query_value("/a?b=c&d"), "/a%3Fb%3Dc%26d");
    }
}
