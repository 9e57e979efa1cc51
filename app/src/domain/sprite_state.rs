//! Which row of a character's sheet a seat shows, from what the table channel says about
//! it (SPEC, The room): a pure function of the seat's signals and the time, so every
//! browser at the table draws a tablemate the same way.

use super::activity::Activity;
use super::schedule::Phase;
use super::sprites::SpriteState;

/// A voice keeps its character talking this long after the last sound (the spec's 2 s
/// debounce), so speech with pauses reads as one stretch of talking.
pub const SPEAKING_HOLD_MS: i64 = 2_000;

/// The stretch-and-wave plays this long after a phase begins (its frames' total).
pub const TRANSITION_MS: i64 = 750;

/// Whether a seat's occupant is at the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Nobody sits there, or they left: an empty chair.
    Empty,
    /// Booked, but not connected (not arrived yet, or reconnecting): a faded figure.
    Missing,
    /// Connected (a companion always is).
    Here,
}

/// What is known about one seat at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeatSignals {
    pub presence: Presence,
    pub activity: Activity,
    /// Milliseconds since the seat's audio was last heard, if ever.
    pub since_heard_ms: Option<i64>,
    /// The table's phase and how long ago it began.
    pub phase: Phase,
    pub since_phase_start_ms: i64,
}

/// The sheet row for a seat, or `None` for an empty chair. In order: a missing student
/// fades; a new phase makes everyone stretch; a voice heard in the last two seconds
/// talks; then the seat's activity, where "away" during a focus block is flow (the glow)
/// and away at any other time is the nod.
pub fn sprite_state(s: SeatSignals) -> Option<SpriteState> {
    let state = match s.presence {
        Presence::Empty => return None,
        Presence::Missing => SpriteState::Ghosting,
        Presence::Here if changed_phase(s) => SpriteState::PhaseTransition,
        Presence::Here
            if s.since_heard_ms
                .is_some_and(|ms| (0..SPEAKING_HOLD_MS).contains(&ms)) =>
        {
            SpriteState::Speaking
        }
        Presence::Here => match s.activity {
            Activity::Active => SpriteState::Working,
            Activity::Typing => SpriteState::Typing,
            Activity::Away if s.phase.is_work() => SpriteState::Flow,
            Activity::Away => SpriteState::Away,
            Activity::Ghosting => SpriteState::Ghosting,
        },
    };
    Some(state)
}

fn changed_phase(s: SeatSignals) -> bool {
    !matches!(s.phase, Phase::Upcoming | Phase::Ended)
        && (0..TRANSITION_MS).contains(&s.since_phase_start_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here(activity: Activity, phase: Phase) -> SeatSignals {
        SeatSignals {
            presence: Presence::Here,
            activity,
            since_heard_ms: None,
            phase,
            since_phase_start_ms: 60_000,
        }
    }

    #[test]
    fn activity_picks_the_row_and_away_is_flow_only_in_a_focus_block() {
        use Activity::*;
        use SpriteState as S;
        for (activity, phase, want) in [
            (Active, Phase::Work1, S::Working),
            (Typing, Phase::Break, S::Typing),
            (Away, Phase::Work1, S::Flow),
            (Away, Phase::Work2, S::Flow),
            (Away, Phase::Break, S::Away),
            (Away, Phase::Social, S::Away),
            (Ghosting, Phase::Work2, S::Ghosting),
        ] {
            assert_eq!(
                sprite_state(here(activity, phase)),
                Some(want),
                "{activity:?} {phase:?}"
            );
        }
    }

    #[test]
    fn speaking_holds_for_two_seconds_after_the_last_sound() {
        let at = |ms| {
            sprite_state(SeatSignals {
                since_heard_ms: ms,
                ..here(Activity::Active, Phase::Work1)
            })
        };
        assert_eq!(at(Some(0)), Some(SpriteState::Speaking));
        assert_eq!(at(Some(SPEAKING_HOLD_MS - 1)), Some(SpriteState::Speaking));
        assert_eq!(at(Some(SPEAKING_HOLD_MS)), Some(SpriteState::Working));
        assert_eq!(at(None), Some(SpriteState::Working));
        // A voice outranks typing and flow, but not a new phase.
        let typing = SeatSignals {
            since_heard_ms: Some(500),
            ..here(Activity::Away, Phase::Work1)
        };
        assert_eq!(sprite_state(typing), Some(SpriteState::Speaking));
    }

    #[test]
    fn a_new_phase_plays_the_stretch_once_for_everyone_present() {
        let at = |ms| {
            sprite_state(SeatSignals {
                since_phase_start_ms: ms,
                since_heard_ms: Some(0),
                ..here(Activity::Ghosting, Phase::Break)
            })
        };
        assert_eq!(at(0), Some(SpriteState::PhaseTransition));
        assert_eq!(at(TRANSITION_MS - 1), Some(SpriteState::PhaseTransition));
        assert_eq!(at(TRANSITION_MS), Some(SpriteState::Speaking));
        let before = SeatSignals {
            since_phase_start_ms: 0,
            ..here(Activity::Active, Phase::Upcoming)
        };
        assert_eq!(
            sprite_state(before),
            Some(SpriteState::Working),
            "no stretch before the start"
        );
    }

    #[test]
    fn empty_chairs_and_faded_missing_students() {
        let seat = |presence| {
            sprite_state(SeatSignals {
                presence,
                ..here(Activity::Active, Phase::Work1)
            })
        };
        assert_eq!(seat(Presence::Empty), None);
        assert_eq!(seat(Presence::Missing), Some(SpriteState::Ghosting));
    }
}
