//! Sign-in rules: how long a session lives and when it is renewed, and how many failed
//! attempts an account or an address may make before it has to wait.

use super::time::{Timestamp, MINUTE_MS, SECOND_MS};

/// A session lasts this long after it was last renewed.
pub const SESSION_LIFETIME_MS: i64 = 30 * 24 * 60 * MINUTE_MS;
/// However often it is renewed, a session ends this long after it was opened (then the
/// student signs in again).
pub const SESSION_ABSOLUTE_MS: i64 = 90 * 24 * 60 * MINUTE_MS;
/// A session in use is renewed (sliding expiry) at most once per this interval, so an
/// active user stays signed in without a database write on every request.
pub const SESSION_RENEW_EVERY_MS: i64 = 24 * 60 * MINUTE_MS;

/// True when a session opened at `created_at` and valid until `expires_at` still lets its
/// holder in at `now`.
pub fn session_alive(created_at: Timestamp, expires_at: Timestamp, now: Timestamp) -> bool {
    now < expires_at && now.millis_since(created_at) < SESSION_ABSOLUTE_MS
}

/// True when a session renewed at `renewed_at` should be renewed at `now`.
pub fn session_needs_renewal(renewed_at: Timestamp, now: Timestamp) -> bool {
    now.millis_since(renewed_at) >= SESSION_RENEW_EVERY_MS
}

/// What an emailed link is for. Stored as text (`email_links.purpose`) through
/// [`LinkPurpose::as_str`] only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Confirms the address (and signs in).
    Verify,
    /// Lets the holder choose a new password.
    Reset,
}

impl LinkPurpose {
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Reset => "reset",
        }
    }

    /// How long a link works: a day to confirm an address, an hour to reset a password
    /// (the more powerful link lives shorter).
    pub fn lifetime_ms(self) -> i64 {
        match self {
            Self::Verify => 24 * 60 * MINUTE_MS,
            Self::Reset => 60 * MINUTE_MS,
        }
    }
}

/// At most this many links of one purpose go to one account per hour, so nobody can
/// use Focus Squad to fill someone's mailbox.
pub const LINKS_PER_HOUR: usize = 5;

/// A limit on failed attempts inside a sliding window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptLimit {
    /// Failures allowed inside the window; the next attempt must wait.
    pub max_failures: usize,
    /// The window length.
    pub window_ms: i64,
}

/// Failed sign-ins per account (email address), whatever address they come from.
pub const ACCOUNT_LIMIT: AttemptLimit = AttemptLimit {
    max_failures: 5,
    window_ms: 15 * MINUTE_MS,
};

/// New accounts per network address in an hour, by default (a school behind one address
/// raises it with `FOCUS_SIGNUPS_PER_ADDRESS_HOUR`).
pub const SIGNUPS_PER_ADDRESS_HOUR: usize = 10;
/// New accounts from everywhere together in a minute, by default
/// (`FOCUS_SIGNUPS_PER_MINUTE`): a flood of made-up accounts waits.
pub const SIGNUPS_PER_MINUTE: usize = 60;

/// Failed sign-ins and sign-ups per network address, across accounts.
pub const ADDRESS_LIMIT: AttemptLimit = AttemptLimit {
    max_failures: 20,
    window_ms: 15 * MINUTE_MS,
};

impl AttemptLimit {
    /// Seconds to wait before the next attempt, given the failures recorded (any order,
    /// older ones ignored), or `None` when an attempt may go ahead now.
    pub fn retry_after_secs(self, failures: &[Timestamp], now: Timestamp) -> Option<u64> {
        let mut recent: Vec<i64> = failures
            .iter()
            .map(|at| at.unix_millis())
            .filter(|&at| now.unix_millis() - at < self.window_ms && at <= now.unix_millis())
            .collect();
        if recent.len() < self.max_failures {
            return None;
        }
        recent.sort_unstable();
        // Attempts open again when enough failures have left the window.
        let freeing = recent[recent.len() - self.max_failures];
        let wait_ms = freeing + self.window_ms - now.unix_millis();
        // Whole seconds, rounded up, never zero.
        Some(u64::try_from((wait_ms + SECOND_MS - 1) / SECOND_MS).map_or(1, |s| s.max(1)))
    }

    /// The oldest failure that still counts at `now` (older rows can be deleted).
    pub fn window_start(self, now: Timestamp) -> Timestamp {
        now.plus_millis(-self.window_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_unix_millis(ms)
    }

    #[test]
    fn sessions_end_at_their_expiry_or_their_absolute_limit() {
        let opened = at(1_000_000);
        let later = |ms: i64| opened.plus_millis(ms);
        assert!(session_alive(opened, later(10), later(9)));
        assert!(!session_alive(opened, later(10), later(10)));
        // Renewed all along, it still ends 90 days after it was opened.
        let renewed_expiry = later(SESSION_ABSOLUTE_MS + SESSION_LIFETIME_MS);
        assert!(session_alive(
            opened,
            renewed_expiry,
            later(SESSION_ABSOLUTE_MS - 1)
        ));
        assert!(!session_alive(
            opened,
            renewed_expiry,
            later(SESSION_ABSOLUTE_MS)
        ));
    }

    #[test]
    fn sessions_renew_once_a_day() {
        let renewed = at(1_000_000);
        assert!(!session_needs_renewal(renewed, renewed));
        assert!(!session_needs_renewal(
            renewed,
            renewed.plus_millis(SESSION_RENEW_EVERY_MS - 1)
        ));
        assert!(session_needs_renewal(
            renewed,
            renewed.plus_millis(SESSION_RENEW_EVERY_MS)
        ));
    }

    #[test]
    fn under_the_limit_nobody_waits() {
        let now = at(100 * MINUTE_MS);
        let failures: Vec<_> = (0..4).map(|i| now.plus_millis(-i * MINUTE_MS)).collect();
        assert_eq!(ACCOUNT_LIMIT.retry_after_secs(&failures, now), None);
        assert_eq!(ACCOUNT_LIMIT.retry_after_secs(&[], now), None);
    }

    #[test]
    fn at_the_limit_the_wait_ends_when_the_oldest_counted_failure_leaves_the_window() {
        let now = at(100 * MINUTE_MS);
        // Five failures, the oldest 10 minutes ago: it leaves the 15-minute window in 5 min.
        let failures: Vec<_> = [10_i64, 8, 6, 4, 2]
            .iter()
            .map(|m| now.plus_millis(-m * MINUTE_MS))
            .collect();
        assert_eq!(ACCOUNT_LIMIT.retry_after_secs(&failures, now), Some(300));
        // One millisecond before it leaves: still waiting (rounded up to a whole second).
        let later = now.plus_millis(5 * MINUTE_MS - 1);
        assert_eq!(ACCOUNT_LIMIT.retry_after_secs(&failures, later), Some(1));
        // Once it has left, four remain: free again.
        let free = now.plus_millis(5 * MINUTE_MS);
        assert_eq!(ACCOUNT_LIMIT.retry_after_secs(&failures, free), None);
    }

    #[test]
    fn more_failures_than_the_limit_wait_for_enough_of_them_to_expire() {
        let now = at(100 * MINUTE_MS);
        let failures: Vec<_> = [14_i64, 12, 9, 7, 5, 3, 1]
            .iter()
            .map(|m| now.plus_millis(-m * MINUTE_MS))
            .collect();
        // Seven in the window: the wait ends when the third-oldest (9 min ago) expires.
        assert_eq!(ACCOUNT_LIMIT.retry_after_secs(&failures, now), Some(360));
        // Failures outside the window never count.
        let old: Vec<_> = (0..50).map(at).collect();
        assert_eq!(ACCOUNT_LIMIT.retry_after_secs(&old, now), None);
        assert_eq!(ACCOUNT_LIMIT.window_start(now), at(85 * MINUTE_MS));
    }
}
