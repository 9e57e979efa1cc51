//! Estimating the server's clock from ping/pong round trips (NTP's idea, simplified): a
//! pong carries the server's time; assuming the trip was symmetric, the server read its
//! clock half-way through the round trip. The sample with the shortest round trip is the
//! most trustworthy, so the estimate uses the best of the recent samples.
//!
//! A sample only says the offset lies within half its round trip of what it measured. When
//! a new sample cannot agree with the current estimate within both bounds (plus a little
//! slack), one of the clocks has stepped (a computer's clock was corrected, say) and the
//! older samples are forgotten.

/// Samples kept (the oldest is dropped first).
pub const SAMPLES: usize = 8;
/// Disagreement beyond the round-trip bounds tolerated before a clock counts as stepped.
pub const STEP_SLACK_MS: f64 = 250.0;

/// One round trip, all in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Sample {
    round_trip: f64,
    offset: f64,
}

/// The running estimate of `server time − local time`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClockSync {
    samples: Vec<Sample>,
}

impl ClockSync {
    /// Records a round trip: the ping left at local `sent`, the server answered `server`,
    /// the pong arrived at local `received`.
    pub fn record(&mut self, sent: f64, server: f64, received: f64) {
        let round_trip = (received - sent).max(0.0);
        let offset = server - (sent + round_trip / 2.0);
        let best = self
            .samples
            .iter()
            .min_by(|a, b| a.round_trip.total_cmp(&b.round_trip));
        if best.is_some_and(|best| {
            (best.offset - offset).abs() > (best.round_trip + round_trip) / 2.0 + STEP_SLACK_MS
        }) {
            self.samples.clear();
        }
        if self.samples.len() == SAMPLES {
            self.samples.remove(0);
        }
        self.samples.push(Sample { round_trip, offset });
    }

    /// `server time − local time` by the best recent sample, once there is one.
    pub fn offset_ms(&self) -> Option<f64> {
        self.samples
            .iter()
            .min_by(|a, b| a.round_trip.total_cmp(&b.round_trip))
            .map(|s| s.offset)
    }

    /// The error bound of the estimate: half the best round trip.
    pub fn uncertainty_ms(&self) -> Option<f64> {
        self.samples
            .iter()
            .map(|s| s.round_trip / 2.0)
            .min_by(f64::total_cmp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_estimate_before_a_sample() {
        assert_eq!(ClockSync::default().offset_ms(), None);
    }

    #[test]
    fn a_symmetric_trip_recovers_the_offset_exactly() {
        // The local clock is 5 minutes behind; the trip takes 40 ms each way.
        let mut sync = ClockSync::default();
        let skew = 300_000.0;
        sync.record(1_000.0, 1_040.0 + skew, 1_080.0);
        assert_eq!(sync.offset_ms(), Some(skew));
        assert_eq!(sync.uncertainty_ms(), Some(40.0));
    }

    #[test]
    fn the_shortest_round_trip_wins() {
        let mut sync = ClockSync::default();
        // A slow, lopsided trip (the reply sat in a queue) would be 450 ms off…
        sync.record(0.0, 100.0, 1_000.0);
        // …a quick one is within its 10 ms bound.
        sync.record(2_000.0, 2_012.0, 2_020.0);
        assert_eq!(sync.offset_ms(), Some(2.0));
    }

    #[test]
    fn a_stepped_clock_is_followed_at_once() {
        let mut sync = ClockSync::default();
        sync.record(0.0, 10.0, 20.0);
        assert_eq!(sync.offset_ms(), Some(0.0));
        // The server's clock jumps 28 minutes ahead; a slower trip still wins now.
        let jump = 28.0 * 60_000.0;
        sync.record(1_000.0, 1_050.0 + jump, 1_100.0);
        assert_eq!(sync.offset_ms(), Some(jump));
        // Noise within the bounds is not a step.
        sync.record(2_000.0, 2_030.0 + jump + 100.0, 2_040.0);
        assert_eq!(sync.offset_ms(), Some(jump + 110.0));
        assert_eq!(sync.uncertainty_ms(), Some(20.0));
    }

    #[test]
    fn old_samples_are_forgotten() {
        let mut sync = ClockSync::default();
        sync.record(0.0, 5.0, 10.0); // best trip, then pushed out
        for i in 0..SAMPLES {
            let t = 1_000.0 * (i as f64 + 1.0);
            sync.record(t, t + 50.0 + 500.0, t + 100.0);
        }
        assert_eq!(sync.offset_ms(), Some(500.0));
    }
}
