//! Study tables: quick match, seats (cancel, leave), what a student sees of their tables,
//! connection history, and the lifecycle the scheduler drives (start, end, rooms).
//!
//! A seat is "held" while its participant row is `seated` or `left`; the partial unique
//! indexes on `participants` make "one person per seat" and "one seat per person per slot"
//! hold whatever the code does, and the quick-match lock keeps matches in one group (mode
//! and language) in single file so tables fill up instead of splitting.

mod departure;
pub mod lifecycle;
pub mod matching;
pub(crate) mod my_seat;
pub mod presence;
pub mod queries;
pub mod recent;
pub mod reflections;
pub mod seats;
pub mod summary;

/// Credit-ledger key of the credit spent on participant `id`'s seat.
pub(crate) fn seat_key(participant_id: i64) -> String {
    format!("seat:{participant_id}")
}

/// Credit-ledger key of the refund for participant `id`'s seat.
pub(crate) fn refund_key(participant_id: i64) -> String {
    format!("refund:{participant_id}")
}
