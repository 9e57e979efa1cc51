//! Estimating the server's clock from ping/pong round trips (NTP's idea, simplified): a
//! pong carries the server's time; assuming the trip was symmetric, the server read its
//! clock half-way through the round trip. The sample with the shortest round trip is the
//! most trustworthy, so the estimate uses the best of the recent samples.

/// Samples kept (the oldest is dropped first).
pub const SAMPLES: usize = 8;

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
