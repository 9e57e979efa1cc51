//! A token bucket: `capacity` messages at once, refilled at `per_second`. Used per table
//! connection so one noisy client cannot flood a table. The caller passes the time (the
//! table channel uses the connection's monotonic clock, so moving the test clock never
//! refills a bucket).

/// A token bucket. Pure: the caller passes the time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TokenBucket {
    capacity: f64,
    per_ms: f64,
    tokens: f64,
    last_ms: i64,
}

impl TokenBucket {
    /// A full bucket at `now_ms`.
    pub fn new(capacity: u32, per_second: f64, now_ms: i64) -> Self {
        Self {
            capacity: f64::from(capacity),
            per_ms: per_second / 1000.0,
            tokens: f64::from(capacity),
            last_ms: now_ms,
        }
    }

    /// Takes one token at `now_ms`; false (and nothing taken) when the bucket is empty.
    pub fn take(&mut self, now_ms: i64) -> bool {
        let elapsed = (now_ms - self.last_ms).max(0);
        // Whole milliseconds fit f64 exactly for any realistic gap.
        let refill = elapsed as f64 * self.per_ms;
        self.tokens = (self.tokens + refill).min(self.capacity);
        self.last_ms = self.last_ms.max(now_ms);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_up_to_the_capacity_then_the_refill_rate() {
        let mut bucket = TokenBucket::new(3, 2.0, 0);
        assert!(bucket.take(0) && bucket.take(0) && bucket.take(0));
        assert!(!bucket.take(0));
        assert!(!bucket.take(499));
        assert!(bucket.take(500));
        assert!(!bucket.take(500));
    }

    #[test]
    fn never_holds_more_than_the_capacity() {
        let mut bucket = TokenBucket::new(2, 10.0, 0);
        let hour = 3_600_000;
        assert!(bucket.take(hour) && bucket.take(hour));
        assert!(!bucket.take(hour));
    }

    #[test]
    fn a_clock_that_steps_back_refills_nothing() {
        let mut bucket = TokenBucket::new(1, 1.0, 10_000);
        assert!(bucket.take(10_000));
        assert!(!bucket.take(5_000));
        assert!(!bucket.take(10_999));
        assert!(bucket.take(11_000));
    }
}
