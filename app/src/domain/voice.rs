//! The pure rules behind the table's audio: who is speaking (from audio levels, with a
//! short hold so the ring does not flicker between words), how good a peer's link is
//! (from round-trip time and packet loss, or from LiveKit's reading of each link), and
//! which end of a pair of browsers is the "polite" one in WebRTC perfect negotiation,
//! and when a held microphone sends (it rests through the Focus blocks).

/// A level (0–1, linear, as WebRTC's `audioLevel`) above this counts as speech.
pub const SPEAKING_LEVEL: f64 = 0.04;
/// Speech keeps the ring on this long after the last loud sample.
pub const SPEAKING_HOLD_MS: f64 = 600.0;

/// What a held microphone does, from the phase and the student's own choices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MicRule {
    /// A Focus block is running: microphones rest.
    pub resting: bool,
    /// The student holds "talk" (the button or the key) during a Focus block.
    pub holding: bool,
    /// The student muted it themselves (kept through Focus, so a microphone they muted
    /// before a Focus block stays muted after it).
    pub muted: bool,
}

/// What the microphone button says about a held microphone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MicShown {
    /// Sending.
    Live,
    /// Muted by the student.
    Muted,
    /// Resting for Focus (not sending; hold to talk).
    Resting,
}

impl MicRule {
    /// Whether the microphone sends: in Focus only while held, otherwise unless muted.
    pub const fn open(self) -> bool {
        if self.resting {
            self.holding
        } else {
            !self.muted
        }
    }

    /// What the button shows.
    pub const fn shown(self) -> MicShown {
        match (self.open(), self.resting) {
            (true, _) => MicShown::Live,
            (false, true) => MicShown::Resting,
            (false, false) => MicShown::Muted,
        }
    }
}

/// Tracks one voice: speaking while loud, and for [`SPEAKING_HOLD_MS`] after.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpeakingDetector {
    last_loud_ms: Option<f64>,
}

impl SpeakingDetector {
    /// Takes a level sample at `now_ms`; returns whether the voice counts as speaking.
    pub fn sample(&mut self, level: f64, now_ms: f64) -> bool {
        if level >= SPEAKING_LEVEL {
            self.last_loud_ms = Some(now_ms);
        }
        self.last_loud_ms
            .is_some_and(|at| now_ms - at <= SPEAKING_HOLD_MS)
    }
}

/// The root mean square of audio samples (−1…1), comparable to `audioLevel`.
pub fn rms(samples: &[f32]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let sum: f64 = samples.iter().map(|s| f64::from(*s) * f64::from(*s)).sum();
    (sum / samples.len() as f64).sqrt()
}

/// The loudness (RMS, 0–1) of audio received between two readings of WebRTC's
/// cumulative `totalAudioEnergy` and `totalSamplesDuration` (`(energy, seconds)`): an
/// average over the whole interval, so short sounds between two readings still count.
pub fn level_between(before: (f64, f64), after: (f64, f64)) -> f64 {
    let energy = after.0 - before.0;
    let seconds = after.1 - before.1;
    if seconds <= 0.0 || energy <= 0.0 {
        return 0.0;
    }
    (energy / seconds).sqrt().min(1.0)
}

/// How well audio reaches a tablemate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quality {
    /// Not connected yet (or reconnecting).
    Connecting,
    /// Clear.
    Good,
    /// Some delay or loss.
    Fair,
    /// Choppy or very late.
    Poor,
    /// The connection failed.
    Lost,
}

impl Quality {
    /// Stable key (for tests and styling).
    pub const fn key(self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Good => "good",
            Self::Fair => "fair",
            Self::Poor => "poor",
            Self::Lost => "lost",
        }
    }
}

/// Round trips up to this are good…
const GOOD_RTT_MS: f64 = 250.0;
/// …up to this fair (beyond, conversation suffers).
const FAIR_RTT_MS: f64 = 500.0;
/// Loss up to this share of packets is good…
const GOOD_LOSS: f64 = 0.02;
/// …up to this fair (Opus conceals a little; beyond, speech breaks up).
const FAIR_LOSS: f64 = 0.08;

/// One reading of a connected peer: round-trip time (if measured) and packets lost and
/// received since the previous reading.
pub fn judge(rtt_ms: Option<f64>, lost: u64, received: u64) -> Quality {
    let total = lost + received;
    let loss = if total == 0 {
        0.0
    } else {
        lost as f64 / total as f64
    };
    let rtt = rtt_ms.unwrap_or(0.0);
    if rtt <= GOOD_RTT_MS && loss <= GOOD_LOSS {
        Quality::Good
    } else if rtt <= FAIR_RTT_MS && loss <= FAIR_LOSS {
        Quality::Fair
    } else {
        Quality::Poor
    }
}

/// A LiveKit server's reading of one participant's link (`ConnectionQuality`: `excellent`,
/// `good`, `poor`, `lost`; `unknown` before its first reading).
pub fn livekit_quality(reading: &str) -> Quality {
    match reading {
        "excellent" | "good" => Quality::Good,
        "poor" => Quality::Poor,
        "lost" => Quality::Lost,
        _ => Quality::Connecting,
    }
}

/// Through a media server, audio between two students crosses both their links to it: the
/// worse of the two counts. A lost link loses the audio; a link not judged yet leaves the
/// pair connecting, whatever the other one is.
pub fn through_server(mine: Quality, theirs: Quality) -> Quality {
    const fn badness(quality: Quality) -> u8 {
        match quality {
            Quality::Good => 0,
            Quality::Fair => 1,
            Quality::Poor => 2,
            Quality::Connecting => 3,
            Quality::Lost => 4,
        }
    }
    if badness(mine) >= badness(theirs) {
        mine
    } else {
        theirs
    }
}

/// In a pair of seats, the lower seat is polite: on colliding offers it gives way.
pub fn polite(me: i64, them: i64) -> bool {
    me < them
}

/// What to do with a signalling message, given the pairing this browser holds with the
/// sender (see `api::audio_types::Signal`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// For an older connection of ours: drop it.
    Stale,
    /// First word from this peer's connection: remember its number, then handle it.
    Adopt,
    /// For the connection we hold: handle it.
    Handle,
    /// The peer has a new connection: replace ours, then handle it.
    Restart,
}

/// Judges a message from connection `from_pc`, addressed to `to_pc`, when this browser
/// holds connection `local` paired with `remote` (if it knows it).
pub fn verdict(local: u32, remote: Option<u32>, from_pc: u32, to_pc: Option<u32>) -> Verdict {
    if to_pc.is_some_and(|to| to != local) {
        return Verdict::Stale;
    }
    match remote {
        None => Verdict::Adopt,
        Some(r) if r == from_pc => Verdict::Handle,
        Some(_) => Verdict::Restart,
    }
}

/// Whether a hello from a peer needs our hello back: when it did not name our current
/// connection (so the peer does not know it yet).
pub fn answer_hello(local: u32, to_pc: Option<u32>) -> bool {
    to_pc != Some(local)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn microphones_rest_through_focus_and_open_again_unless_muted() {
        let open = MicRule::default();
        assert_eq!((open.open(), open.shown()), (true, MicShown::Live));
        // A Focus block begins: it rests; holding "talk" opens it for a moment.
        let focus = MicRule {
            resting: true,
            ..open
        };
        assert_eq!((focus.open(), focus.shown()), (false, MicShown::Resting));
        let talking = MicRule {
            holding: true,
            ..focus
        };
        assert_eq!((talking.open(), talking.shown()), (true, MicShown::Live));
        // The break: open again; a student who had muted stays muted.
        let muted = MicRule {
            muted: true,
            ..open
        };
        assert_eq!((muted.open(), muted.shown()), (false, MicShown::Muted));
        let muted_focus = MicRule {
            resting: true,
            ..muted
        };
        assert_eq!(muted_focus.shown(), MicShown::Resting);
        // Holding outside Focus changes nothing.
        let held_break = MicRule {
            holding: true,
            ..muted
        };
        assert!(!held_break.open());
    }

    #[test]
    fn speaking_holds_briefly_after_the_last_loud_sample() {
        let mut d = SpeakingDetector::default();
        assert!(!d.sample(0.01, 0.0));
        assert!(d.sample(0.2, 100.0));
        assert!(d.sample(0.0, 100.0 + SPEAKING_HOLD_MS));
        assert!(!d.sample(0.0, 101.0 + SPEAKING_HOLD_MS));
        assert!(d.sample(SPEAKING_LEVEL, 2_000.0), "the threshold counts");
    }

    #[test]
    fn rms_of_a_full_scale_square_wave_is_one() {
        assert_eq!(rms(&[1.0, -1.0, 1.0, -1.0]), 1.0);
        assert_eq!(rms(&[]), 0.0);
        assert!((rms(&[0.5, -0.5]) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn levels_average_over_the_interval() {
        // A full-scale tone for a whole second: energy 1 per second, level 1.
        assert_eq!(level_between((0.0, 0.0), (1.0, 1.0)), 1.0);
        // A 40 ms beep at 0.3 inside a 150 ms reading still shows (about 0.155).
        let beep = 0.3f64 * 0.3 * 0.04;
        let level = level_between((2.0, 10.0), (2.0 + beep, 10.15));
        assert!((level - 0.155).abs() < 0.001, "{level}");
        assert!(level > SPEAKING_LEVEL);
        // Silence, no time passed, or counters that went back (a new receiver).
        assert_eq!(level_between((2.0, 10.0), (2.0, 10.15)), 0.0);
        assert_eq!(level_between((2.0, 10.0), (2.1, 10.0)), 0.0);
        assert_eq!(level_between((2.0, 10.0), (0.1, 3.0)), 0.0);
    }

    #[test]
    fn quality_from_delay_and_loss() {
        assert_eq!(judge(Some(20.0), 0, 500), Quality::Good);
        assert_eq!(judge(None, 0, 0), Quality::Good, "nothing measured yet");
        assert_eq!(
            judge(Some(250.0), 10, 490),
            Quality::Good,
            "2 % at the edge"
        );
        assert_eq!(judge(Some(251.0), 0, 500), Quality::Fair);
        assert_eq!(judge(Some(40.0), 30, 470), Quality::Fair, "6 % loss");
        assert_eq!(judge(Some(40.0), 50, 450), Quality::Poor, "10 % loss");
        assert_eq!(judge(Some(900.0), 0, 500), Quality::Poor);
    }

    #[test]
    fn livekit_readings_map_to_our_qualities() {
        assert_eq!(livekit_quality("excellent"), Quality::Good);
        assert_eq!(livekit_quality("good"), Quality::Good);
        assert_eq!(livekit_quality("poor"), Quality::Poor);
        assert_eq!(livekit_quality("lost"), Quality::Lost);
        assert_eq!(livekit_quality("unknown"), Quality::Connecting);
        assert_eq!(
            livekit_quality(""),
            Quality::Connecting,
            "anything else too"
        );
    }

    #[test]
    fn through_a_server_the_worse_link_counts() {
        use Quality::*;
        assert_eq!(through_server(Good, Good), Good);
        assert_eq!(through_server(Good, Poor), Poor);
        assert_eq!(through_server(Poor, Good), Poor);
        assert_eq!(through_server(Fair, Poor), Poor);
        assert_eq!(through_server(Poor, Connecting), Connecting);
        assert_eq!(through_server(Connecting, Good), Connecting);
        assert_eq!(through_server(Lost, Connecting), Lost);
        assert_eq!(through_server(Good, Lost), Lost);
    }

    #[test]
    fn the_lower_seat_is_polite() {
        assert!(polite(1, 3));
        assert!(!polite(3, 1));
    }

    #[test]
    fn pairing_verdicts() {
        // Nothing known of the peer yet.
        assert_eq!(verdict(10, None, 20, None), Verdict::Adopt);
        assert_eq!(verdict(10, None, 20, Some(10)), Verdict::Adopt);
        // Our current pairing.
        assert_eq!(verdict(10, Some(20), 20, Some(10)), Verdict::Handle);
        assert_eq!(verdict(10, Some(20), 20, None), Verdict::Handle);
        // Meant for a connection of ours that is gone.
        assert_eq!(verdict(11, Some(20), 20, Some(10)), Verdict::Stale);
        // The peer reloaded: a new connection number.
        assert_eq!(verdict(10, Some(20), 21, None), Verdict::Restart);
    }

    #[test]
    fn hellos_are_answered_until_both_know_each_other() {
        assert!(answer_hello(10, None));
        assert!(answer_hello(10, Some(9)));
        assert!(!answer_hello(10, Some(10)));
    }

    /// Two browsers exchanging hellos converge on one pairing, whoever starts, and a
    /// reload on one side is followed by the other.
    #[test]
    fn hello_exchanges_converge() {
        #[derive(Debug)]
        struct Side {
            local: u32,
            remote: Option<u32>,
        }
        // Delivers a hello from `from` to `to`; returns the reply, if any.
        fn deliver(
            to: &mut Side,
            from_pc: u32,
            to_pc: Option<u32>,
            next_id: &mut u32,
        ) -> Option<(u32, Option<u32>)> {
            match verdict(to.local, to.remote, from_pc, to_pc) {
                Verdict::Stale => return None,
                Verdict::Adopt | Verdict::Handle => to.remote = Some(from_pc),
                Verdict::Restart => {
                    *next_id += 1;
                    to.local = *next_id;
                    to.remote = Some(from_pc);
                }
            }
            answer_hello(to.local, to_pc).then_some((to.local, Some(from_pc)))
        }
        let mut next_id = 100;
        let mut a = Side {
            local: 1,
            remote: None,
        };
        let mut b = Side {
            local: 2,
            remote: None,
        };
        // Both say hello at once.
        let reply_b = deliver(&mut b, a.local, None, &mut next_id);
        let reply_a = deliver(&mut a, 2, None, &mut next_id);
        let (from, to) = reply_b.unwrap();
        assert_eq!(deliver(&mut a, from, to, &mut next_id), None);
        let (from, to) = reply_a.unwrap();
        assert_eq!(deliver(&mut b, from, to, &mut next_id), None);
        assert_eq!((a.remote, b.remote), (Some(b.local), Some(a.local)));
        // A reloads: a fresh connection with no remote, and says hello.
        a = Side {
            local: 3,
            remote: None,
        };
        let (from, to) = deliver(&mut b, a.local, None, &mut next_id).expect("b answers");
        assert_eq!(b.remote, Some(3));
        assert_eq!(deliver(&mut a, from, to, &mut next_id), None);
        assert_eq!((a.remote, b.remote), (Some(b.local), Some(a.local)));
    }
}
