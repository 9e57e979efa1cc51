//! What a participant's connection history earns (SPEC, The session): focus minutes and
//! whether the session counts as completed.
//!
//! Rules: focus minutes are the connected time inside the two work blocks (so at most 45);
//! active minutes are the connected time anywhere in the 55 minutes; a session is completed
//! by someone who did not leave early, was present in both work blocks, and was active for
//! at least 20 minutes. Overlapping intervals count once.

use super::schedule::{Phase, SESSION_MINUTES};
use super::time::{Timestamp, MINUTE_MS};

/// Active minutes a completed session needs.
pub const COMPLETION_ACTIVE_MINUTES: i64 = 20;

/// One stretch of being connected; `until` is `None` while still connected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connected {
    /// When the connection began.
    pub from: Timestamp,
    /// When it ended, if it has.
    pub until: Option<Timestamp>,
}

/// What a participant's history adds up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attendance {
    /// Whole minutes connected inside the work blocks (0–45).
    pub focus_minutes: i64,
    /// Whole minutes connected during the session (0–55).
    pub active_minutes: i64,
    /// Connected at some point of Work 1.
    pub in_work1: bool,
    /// Connected at some point of Work 2.
    pub in_work2: bool,
    /// Left the table before the session ended.
    pub left_early: bool,
}

/// Why a session did not count as completed (the first reason that applies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Incomplete {
    /// Left the table before the end.
    LeftEarly,
    /// Never connected during the first work block.
    MissedWork1,
    /// Never connected during the second work block.
    MissedWork2,
    /// Connected for fewer than [`COMPLETION_ACTIVE_MINUTES`].
    TooFewMinutes,
}

impl Attendance {
    /// Adds up `history` for a session starting at `start`, judged at `now` (open intervals
    /// run until `now`); `left_at` is when the participant left early, if they did.
    pub fn of(
        start: Timestamp,
        history: &[Connected],
        left_at: Option<Timestamp>,
        now: Timestamp,
    ) -> Self {
        let end = start.plus_millis(SESSION_MINUTES * MINUTE_MS);
        let intervals = merged(history, now);
        let work = |phase: Phase| {
            let span = phase.span().expect("work phases are on the timeline");
            overlap(
                &intervals,
                start.plus_millis(span.start_minute * MINUTE_MS),
                start.plus_millis(span.end_minute * MINUTE_MS),
            )
        };
        let (work1, work2) = (work(Phase::Work1), work(Phase::Work2));
        Self {
            focus_minutes: (work1 + work2) / MINUTE_MS,
            active_minutes: overlap(&intervals, start, end) / MINUTE_MS,
            in_work1: work1 > 0,
            in_work2: work2 > 0,
            left_early: left_at.is_some_and(|at| at < end),
        }
    }

    /// `Ok` when the session counts as completed, else the reason it does not.
    pub fn completion(&self) -> Result<(), Incomplete> {
        if self.left_early {
            Err(Incomplete::LeftEarly)
        } else if !self.in_work1 {
            Err(Incomplete::MissedWork1)
        } else if !self.in_work2 {
            Err(Incomplete::MissedWork2)
        } else if self.active_minutes < COMPLETION_ACTIVE_MINUTES {
            Err(Incomplete::TooFewMinutes)
        } else {
            Ok(())
        }
    }

    /// True when the session counts as completed.
    pub fn completed(&self) -> bool {
        self.completion().is_ok()
    }
}

/// The intervals as sorted, non-overlapping `(from, until)` pairs in milliseconds.
fn merged(history: &[Connected], now: Timestamp) -> Vec<(i64, i64)> {
    let mut spans: Vec<(i64, i64)> = history
        .iter()
        .map(|c| {
            let until = c.until.unwrap_or(now).unix_millis();
            (c.from.unix_millis(), until)
        })
        .filter(|(from, until)| until > from)
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
    for (from, until) in spans {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(until),
            _ => out.push((from, until)),
        }
    }
    out
}

/// Milliseconds of `intervals` inside `[from, until)`.
fn overlap(intervals: &[(i64, i64)], from: Timestamp, until: Timestamp) -> i64 {
    let (lo, hi) = (from.unix_millis(), until.unix_millis());
    intervals
        .iter()
        .map(|&(a, b)| (b.min(hi) - a.max(lo)).max(0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: Timestamp = Timestamp::from_unix_millis(1_795_876_200_000);
    const END: i64 = SESSION_MINUTES;

    fn at(minute: i64) -> Timestamp {
        START.plus_millis(minute * MINUTE_MS)
    }

    fn span(from: i64, until: i64) -> Connected {
        Connected {
            from: at(from),
            until: Some(at(until)),
        }
    }

    fn of(history: &[Connected]) -> Attendance {
        Attendance::of(START, history, None, at(END + 10))
    }

    #[test]
    fn whole_session_is_45_focus_and_55_active_minutes() {
        let a = of(&[span(-5, END + 5)]);
        assert_eq!(a.focus_minutes, 45);
        assert_eq!(a.active_minutes, 55);
        assert_eq!(a.completion(), Ok(()));
    }

    #[test]
    fn break_and_setup_are_not_focus_time() {
        let a = of(&[span(0, 3), span(28, 30), span(50, 55)]);
        assert_eq!(a.focus_minutes, 0);
        assert_eq!(a.active_minutes, 10);
        assert_eq!(a.completion(), Err(Incomplete::MissedWork1));
    }

    #[test]
    fn overlapping_connections_count_once() {
        let a = of(&[span(3, 20), span(10, 28), span(3, 28)]);
        assert_eq!(a.focus_minutes, 25);
        assert_eq!(a.active_minutes, 25);
    }

    #[test]
    fn twenty_active_minutes_across_both_blocks_complete() {
        // 10 min in each work block: exactly the threshold.
        let a = of(&[span(18, 28), span(30, 40)]);
        assert_eq!((a.focus_minutes, a.active_minutes), (20, 20));
        assert!(a.completed());
        // A minute short.
        let a = of(&[span(19, 28), span(30, 40)]);
        assert_eq!(a.completion(), Err(Incomplete::TooFewMinutes));
    }

    #[test]
    fn both_work_blocks_are_needed() {
        assert_eq!(
            of(&[span(0, 29)]).completion(),
            Err(Incomplete::MissedWork2)
        );
        assert_eq!(
            of(&[span(29, 55)]).completion(),
            Err(Incomplete::MissedWork1)
        );
    }

    #[test]
    fn leaving_early_never_completes() {
        let history = [span(0, 52)];
        let a = Attendance::of(START, &history, Some(at(52)), at(60));
        assert_eq!(a.completion(), Err(Incomplete::LeftEarly));
        // "Leaving" after the end is just going home.
        let a = Attendance::of(START, &history, Some(at(END)), at(60));
        assert!(!a.left_early);
    }

    #[test]
    fn open_connections_run_until_now() {
        let still_here = [Connected {
            from: at(0),
            until: None,
        }];
        let a = Attendance::of(START, &still_here, None, at(13));
        assert_eq!((a.focus_minutes, a.active_minutes), (10, 13));
        assert!(a.in_work1 && !a.in_work2);
    }

    #[test]
    fn partial_minutes_round_down_and_empty_history_is_zero() {
        let a = of(&[Connected {
            from: at(3),
            until: Some(at(4).plus_millis(59_999)),
        }]);
        assert_eq!(a.focus_minutes, 1);
        assert_eq!(of(&[]).focus_minutes, 0);
        assert_eq!(of(&[]).completion(), Err(Incomplete::MissedWork1));
        // Backwards intervals are ignored.
        assert_eq!(of(&[span(20, 10)]).active_minutes, 0);
    }
}
