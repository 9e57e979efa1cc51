//! The geometry of a character's sprite sheet, shared by the art generator
//! (`tools/artgen`, which includes this file) and the pages that animate the sheets: one
//! PNG per character, a row per state, a column per frame, 32 × 32 art pixels a cell, no
//! padding. Plain constants and one enum, so the tool can build it without the app.

/// Width and height of one cell, in art pixels.
pub const CELL: u32 = 32;

/// The most frames any state has: the sheet's columns.
pub const COLUMNS: u32 = 4;

/// The row every seated character sits on (its lowest opaque pixels), the same in every
/// frame so nothing jitters.
pub const SEAT_LINE: u32 = CELL - 1;

/// What a character is doing, one row of its sheet each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpriteState {
    /// At the desk, breathing and blinking.
    Working,
    /// Hands moving on the desk.
    Typing,
    /// Mouth moving: the student is talking.
    Speaking,
    /// Head down: nothing heard or seen for a while ("in flow").
    Away,
    /// Faded: gone quiet for longer.
    Ghosting,
    /// A soft glow: deep in a work block.
    Flow,
    /// A stretch and a wave when a phase begins (played once).
    PhaseTransition,
}

impl SpriteState {
    /// Every state, in sheet order.
    pub const ALL: [SpriteState; 7] = [
        SpriteState::Working,
        SpriteState::Typing,
        SpriteState::Speaking,
        SpriteState::Away,
        SpriteState::Ghosting,
        SpriteState::Flow,
        SpriteState::PhaseTransition,
    ];

    /// Its row in the sheet.
    pub const fn row(self) -> u32 {
        match self {
            SpriteState::Working => 0,
            SpriteState::Typing => 1,
            SpriteState::Speaking => 2,
            SpriteState::Away => 3,
            SpriteState::Ghosting => 4,
            SpriteState::Flow => 5,
            SpriteState::PhaseTransition => 6,
        }
    }

    /// How long each of its frames shows, in ms (the list's length is the frame count).
    pub const fn frame_ms(self) -> &'static [u32] {
        match self {
            SpriteState::Working => &[500, 500, 500, 500],
            SpriteState::Typing => &[125, 125, 125, 125],
            SpriteState::Speaking => &[150, 150, 150],
            SpriteState::Away => &[700, 700, 700],
            SpriteState::Ghosting => &[1000, 1000, 1000],
            SpriteState::Flow => &[300, 300, 300, 300],
            SpriteState::PhaseTransition => &[100, 150, 250, 250],
        }
    }

    /// Whether it loops (a phase transition plays once, then holds its last frame).
    pub const fn loops(self) -> bool {
        !matches!(self, SpriteState::PhaseTransition)
    }

    /// Its name in file names and CSS classes.
    pub const fn key(self) -> &'static str {
        match self {
            SpriteState::Working => "working",
            SpriteState::Typing => "typing",
            SpriteState::Speaking => "speaking",
            SpriteState::Away => "away",
            SpriteState::Ghosting => "ghosting",
            SpriteState::Flow => "flow",
            SpriteState::PhaseTransition => "phase-transition",
        }
    }
}

/// The sheet's size in art pixels: `(width, height)`.
pub const SHEET: (u32, u32) = (CELL * COLUMNS, CELL * SpriteState::ALL.len() as u32);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_sheet_order_and_frames_fit_its_columns() {
        for (i, state) in SpriteState::ALL.iter().enumerate() {
            assert_eq!(state.row(), i as u32, "{state:?}");
            let frames = state.frame_ms().len() as u32;
            assert!(
                (3..=COLUMNS).contains(&frames),
                "{state:?} has {frames} frames"
            );
        }
        assert_eq!(SHEET, (128, 224));
    }

    #[test]
    fn only_the_phase_transition_plays_once() {
        let once: Vec<_> = SpriteState::ALL.iter().filter(|s| !s.loops()).collect();
        assert_eq!(once, [&SpriteState::PhaseTransition]);
    }

    #[test]
    fn keys_are_distinct_css_words() {
        let mut keys: Vec<_> = SpriteState::ALL.iter().map(|s| s.key()).collect();
        assert!(keys
            .iter()
            .all(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), SpriteState::ALL.len());
    }
}
