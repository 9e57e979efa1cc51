//! Clocks for the running server: the system clock, and in test mode a clock end-to-end
//! tests can move forward (so a 55-minute session plays in seconds).

use crate::domain::clock::Clock;
use crate::domain::time::Timestamp;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The real time.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(system_millis())
    }
}

fn system_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The real time plus an offset that tests may change. Time keeps flowing (timers in the
/// browser tick as usual) but can jump. Only created when `FOCUS_TEST_MODE` is on.
#[derive(Debug, Default)]
pub struct ShiftableClock {
    offset_ms: AtomicI64,
}

impl ShiftableClock {
    /// Moves the clock forward (or back, with a negative value) by `ms`.
    pub fn shift_millis(&self, ms: i64) {
        self.offset_ms.fetch_add(ms, Ordering::SeqCst);
    }

    /// Makes `now()` return `at` at this instant (time flows on from there).
    pub fn set(&self, at: Timestamp) {
        self.offset_ms
            .store(at.unix_millis() - system_millis(), Ordering::SeqCst);
    }

    /// Back to the real time.
    pub fn reset(&self) {
        self.offset_ms.store(0, Ordering::SeqCst);
    }

    /// How far the clock is from the real time.
    pub fn offset_millis(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }
}

impl Clock for ShiftableClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(system_millis()).plus_millis(self.offset_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::HOUR_MS;

    #[test]
    fn shiftable_clock_jumps_and_resets() {
        let clock = ShiftableClock::default();
        let real = SystemClock.now();
        clock.shift_millis(HOUR_MS);
        let shifted = clock.now().millis_since(real);
        assert!((HOUR_MS..HOUR_MS + 5_000).contains(&shifted), "{shifted}");
        clock.set(Timestamp::from_unix_millis(0));
        assert!(clock.now().unix_millis() < 5_000);
        clock.reset();
        assert_eq!(clock.offset_millis(), 0);
    }
}
