//! The clock every time-dependent rule reads. Production uses the system clock; tests and
//! end-to-end runs use clocks they can move (see `server::clock`).

use super::time::Timestamp;
use std::sync::atomic::{AtomicI64, Ordering};

/// Source of "now". Injected through application state, never read from a global.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// A clock that only moves when told to. For tests.
#[derive(Debug)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn new(at: Timestamp) -> Self {
        Self(AtomicI64::new(at.unix_millis()))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: Timestamp) {
        self.0.store(at.unix_millis(), Ordering::SeqCst);
    }

    /// Moves the clock forward by `ms` milliseconds.
    pub fn advance_millis(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let clock = FixedClock::new(Timestamp::from_unix_millis(10));
        assert_eq!(clock.now().unix_millis(), 10);
        clock.advance_millis(5);
        assert_eq!(clock.now().unix_millis(), 15);
        clock.set(Timestamp::from_unix_millis(3));
        assert_eq!(clock.now().unix_millis(), 3);
    }
}
