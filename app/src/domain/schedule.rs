//! The shape of a Focus Squad session: half-hour slots and the five phases of 55 minutes.
//!
//! The phase is a pure function of (slot start, now); boundaries are exact: at 3:00 after
//! the start it is already Work 1.

use super::time::{Timestamp, MINUTE_MS};
use serde::{Deserialize, Serialize};

/// Sessions start every 30 minutes, on :00 and :30 UTC.
pub const SLOT_INTERVAL_MS: i64 = 30 * MINUTE_MS;
/// A slot closer than this is skipped when a new table is created.
pub const MIN_LEAD_MS: i64 = 3 * MINUTE_MS;
/// Length of a whole session.
pub const SESSION_MINUTES: i64 = 55;

/// Where a session stands at some instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Before the start.
    Upcoming,
    /// 0–3 min: say hello, set a goal.
    Setup,
    /// 3–28 min: first focus block.
    Work1,
    /// 28–30 min: short break and check-in.
    Break,
    /// 30–50 min: second focus block.
    Work2,
    /// 50–55 min: afterthoughts and goodbyes.
    Social,
    /// 55 min and later.
    Ended,
}

/// One phase of the timeline with its minute range `[start, end)` from the session start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhaseSpan {
    /// Which phase.
    pub phase: Phase,
    /// First minute of the phase (inclusive).
    pub start_minute: i64,
    /// Minute the next phase begins (exclusive).
    pub end_minute: i64,
}

impl PhaseSpan {
    /// Length of the phase in minutes.
    pub const fn minutes(self) -> i64 {
        self.end_minute - self.start_minute
    }
}

/// The timed phases in order; `Upcoming` and `Ended` lie outside it.
pub const TIMELINE: [PhaseSpan; 5] = [
    span(Phase::Setup, 0, 3),
    span(Phase::Work1, 3, 28),
    span(Phase::Break, 28, 30),
    span(Phase::Work2, 30, 50),
    span(Phase::Social, 50, SESSION_MINUTES),
];

const fn span(phase: Phase, start_minute: i64, end_minute: i64) -> PhaseSpan {
    PhaseSpan {
        phase,
        start_minute,
        end_minute,
    }
}

impl Phase {
    /// The phase of a session that starts at `start`, at instant `now`.
    pub fn at(start: Timestamp, now: Timestamp) -> Phase {
        let elapsed = now.millis_since(start);
        if elapsed < 0 {
            return Phase::Upcoming;
        }
        TIMELINE
            .iter()
            .find(|s| elapsed < s.end_minute * MINUTE_MS)
            .map_or(Phase::Ended, |s| s.phase)
    }

    /// The phase's place on the timeline (`None` before the start and after the end).
    pub fn span(self) -> Option<PhaseSpan> {
        TIMELINE.iter().copied().find(|s| s.phase == self)
    }

    /// True for the two focus blocks.
    pub const fn is_work(self) -> bool {
        matches!(self, Phase::Work1 | Phase::Work2)
    }
}

/// The slot boundary at or before `now`.
pub fn slot_floor(now: Timestamp) -> Timestamp {
    let ms = now.unix_millis();
    Timestamp::from_unix_millis(ms - ms.rem_euclid(SLOT_INTERVAL_MS))
}

/// The start of the slot a new table would be created for at `now`: the next :00 or :30
/// that is at least [`MIN_LEAD_MS`] away.
pub fn next_slot_start(now: Timestamp) -> Timestamp {
    let floor = slot_floor(now);
    let candidate = if floor == now {
        floor
    } else {
        floor.plus_millis(SLOT_INTERVAL_MS)
    };
    if candidate.millis_since(now) < MIN_LEAD_MS {
        candidate.plus_millis(SLOT_INTERVAL_MS)
    } else {
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::SECOND_MS;

    // 2026-11-28T14:30:00Z
    const START: Timestamp = Timestamp::from_unix_millis(1_795_876_200_000);

    fn at_minute(m: i64) -> Timestamp {
        START.plus_millis(m * MINUTE_MS)
    }

    #[test]
    fn start_is_a_slot_boundary() {
        assert_eq!(slot_floor(START), START);
    }

    #[test]
    fn phases_are_exact_at_every_boundary() {
        assert_eq!(Phase::at(START, START.plus_millis(-1)), Phase::Upcoming);
        assert_eq!(Phase::at(START, at_minute(0)), Phase::Setup);
        assert_eq!(Phase::at(START, at_minute(3).plus_millis(-1)), Phase::Setup);
        assert_eq!(Phase::at(START, at_minute(3)), Phase::Work1);
        assert_eq!(
            Phase::at(START, at_minute(28).plus_millis(-1)),
            Phase::Work1
        );
        assert_eq!(Phase::at(START, at_minute(28)), Phase::Break);
        assert_eq!(Phase::at(START, at_minute(30)), Phase::Work2);
        assert_eq!(
            Phase::at(START, at_minute(50).plus_millis(-1)),
            Phase::Work2
        );
        assert_eq!(Phase::at(START, at_minute(50)), Phase::Social);
        assert_eq!(
            Phase::at(START, at_minute(55).plus_millis(-1)),
            Phase::Social
        );
        assert_eq!(Phase::at(START, at_minute(55)), Phase::Ended);
        assert_eq!(Phase::at(START, at_minute(60 * 24 * 365)), Phase::Ended);
        assert_eq!(Phase::at(START, at_minute(-60 * 24)), Phase::Upcoming);
    }

    #[test]
    fn timeline_is_contiguous_and_55_minutes_long() {
        assert_eq!(TIMELINE[0].start_minute, 0);
        for pair in TIMELINE.windows(2) {
            assert_eq!(pair[0].end_minute, pair[1].start_minute);
        }
        assert_eq!(
            TIMELINE.iter().map(|s| s.minutes()).sum::<i64>(),
            SESSION_MINUTES
        );
        let work: i64 = TIMELINE
            .iter()
            .filter(|s| s.phase.is_work())
            .map(|s| s.minutes())
            .sum();
        assert_eq!(work, 45);
    }

    #[test]
    fn spans_match_phases() {
        assert_eq!(Phase::Break.span().map(PhaseSpan::minutes), Some(2));
        assert_eq!(
            Phase::Social.span().map(|s| s.end_minute),
            Some(SESSION_MINUTES)
        );
        assert_eq!(Phase::Upcoming.span(), None);
        assert_eq!(Phase::Ended.span(), None);
    }

    #[test]
    fn next_slot_skips_slots_less_than_three_minutes_away() {
        // Exactly on a boundary: that slot is 0 min away, so the next one.
        assert_eq!(next_slot_start(START), at_minute(30));
        // 1 s after the boundary: the next slot is 29:59 away.
        assert_eq!(next_slot_start(START.plus_millis(SECOND_MS)), at_minute(30));
        // 27:00 after: the next slot is exactly 3 min away, which is allowed.
        assert_eq!(next_slot_start(at_minute(27)), at_minute(30));
        // 27:00.001 after: 2:59.999 away, skipped.
        assert_eq!(next_slot_start(at_minute(27).plus_millis(1)), at_minute(60));
        assert_eq!(next_slot_start(at_minute(29)), at_minute(60));
    }

    #[test]
    fn slots_work_before_the_epoch_too() {
        let t = Timestamp::from_unix_millis(-1);
        assert_eq!(slot_floor(t).unix_millis(), -SLOT_INTERVAL_MS);
    }
}
