//! How often one client may call a server function that changes something: a burst of
//! [`WRITE_BURST`] calls to one function, then [`WRITE_PER_SECOND`] a second. Reads are
//! free; signing in, signing up and asking for a reset link have stricter limits of their
//! own, kept in the database (`server::auth::limits`).

/// Calls to one changing server function a client may make at once.
pub const WRITE_BURST: u32 = 30;
/// Calls a second after that.
pub const WRITE_PER_SECOND: f64 = 1.0;

/// Server functions that only read (by endpoint name under `/api/`).
const READS: [&str; 22] = [
    "auth_page_info",
    "signed_in",
    "channel_refusal",
    "credits",
    "diary",
    "diary_month",
    "diary_stats",
    "email_status",
    "viewer_summary",
    "onboarding_draft",
    "my_profile",
    "public_profile",
    "ledger",
    "ban",
    "table_page",
    "summary",
    "next_table",
    "my_tables",
    "recent_tables",
    "table",
    "stats",
    "match_choices",
];

/// Server functions with their own, stricter limits in the database.
const OWN_LIMITS: [&str; 3] = ["sign_in", "sign_up", "request_password_reset"];

/// Whether calls to `endpoint` count against the write limit.
pub fn limited(endpoint: &str) -> bool {
    !READS.contains(&endpoint) && !OWN_LIMITS.contains(&endpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_limited_reads_and_self_limited_ones_are_not() {
        for write in [
            "quick_match",
            "cancel_seat",
            "rate",
            "note",
            "save_profile",
            "set_tier",
        ] {
            assert!(limited(write), "{write}");
        }
        for free in ["viewer_summary", "table", "sign_in", "sign_up"] {
            assert!(!limited(free), "{free}");
        }
        // A name nobody knows is treated as a change: new functions are limited by default.
        assert!(limited("something_new"));
    }
}
