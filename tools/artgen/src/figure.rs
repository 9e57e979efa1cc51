//! The seated figure every human character is drawn from: one pose in role letters, and a
//! look per character that gives each role a palette swatch (hair, skin, clothes). The
//! light comes from the top left: light steps on the left edges, shadow steps on the
//! right, a darker outline around each part. The bottom rows go behind the desk's lip.

use crate::canvas::Canvas;
use crate::sprites::CELL;

/// The pose, 32 × 32. Roles: `o H L` hair (outline, base, light); `k s S T` skin
/// (outline, shadow, base, light); `e` eyes, `b` cheeks (skin shadow), `m` mouth (skin
/// outline); `q c C D` clothes
/// (outline, shadow, base, light).
pub const SEATED: [&str; 32] = [
    "................................",
    "................................",
    "................................",
    "...........oooooooooo...........",
    ".........ooHHHHHHHHHHoo.........",
    "........oHHHLLLLHHHHHHHo........",
    ".......oHHLLHHHHHHHHHHHHo.......",
    ".......oHHHHHHHHHHHHHHHHo.......",
    ".......oHHHHHHHHHHHHHHHHHo......",
    "......oHHHHoSSSSSSSSoHHHHo......",
    "......oHHHoTSSSSSSSSSoHHHo......",
    "......oHHoTSSSSSSSSSSSoHHo......",
    "......oHHoTSSeSSSSSeSSsoHo......",
    "......oHHoTSSeSSSSSeSSsoHo......",
    "......oHHoSbSSSSSSSSSbsoHo......",
    "......oHHoSSSSSmmSSSSSsoHo......",
    ".......oHokSSSSSSSSSSsskoo......",
    ".......oo..kksSSSSSsskk.........",
    "............kksssssk............",
    "..........qqqkSSSSskqqq.........",
    "........qqDDDqkssskqCCCqq.......",
    ".......qDDDDDDqkkkqCCCCCcq......",
    "......qDDDqDDDDCCCCCCqCCCcq.....",
    "......qDDqcDDDCCCCCCCCqCCcq.....",
    ".....qDDDqcDDCCCCCCCCCCqCccq....",
    ".....qDDqkTTkCCCCCCCCCkSSkccq...",
    ".....qDDqkSSkqqqqqqqqqksskccq...",
    ".....qDCqqkkqCCCCCCCCCqkkqqcq...",
    ".....qCCCqqqCCCCCCCCCCCqqqccq...",
    ".....qCCCCCCCCCCCCCCCCCCCccq....",
    ".....qCCCCCCCCCCCCCCCCCCCccq....",
    ".....qqqqqqqqqqqqqqqqqqqqqqq....",
];

/// One character's colours: palette swatch names, darkest first.
pub struct Look {
    /// Outline, base, light.
    pub hair: [&'static str; 3],
    /// Outline, shadow, base, light.
    pub skin: [&'static str; 4],
    /// Outline, shadow, base, light.
    pub clothes: [&'static str; 4],
}

impl Look {
    /// The legend that paints the pose's roles in this look.
    pub fn legend(&self) -> Vec<(char, &'static str)> {
        let [ho, h, hl] = self.hair;
        let [sk, ss, s, sl] = self.skin;
        let [co, cs, c, cl] = self.clothes;
        vec![
            ('o', ho),
            ('H', h),
            ('L', hl),
            ('k', sk),
            ('s', ss),
            ('S', s),
            ('T', sl),
            ('e', "ink-0"),
            ('b', ss),
            ('m', sk),
            ('q', co),
            ('c', cs),
            ('C', c),
            ('D', cl),
        ]
    }

    /// The seated figure in this look.
    pub fn seated(&self) -> Canvas {
        Canvas::parse(&SEATED, &self.legend()).expect("the pose uses only its roles")
    }
}

/// A desk's front edge as wide as a cell, for looking at a figure as it will sit: the lip
/// covers the figure's lowest rows.
pub fn desk_lip() -> Canvas {
    let top = "t".repeat(CELL as usize);
    let face = "f".repeat(CELL as usize);
    let mut rows = vec![top.as_str()];
    rows.extend(std::iter::repeat_n(face.as_str(), 4));
    Canvas::parse(&rows, &[('t', "primary-3"), ('f', "primary-2")]).expect("two swatches")
}

/// A first look: brown hair, a green sweater.
pub const FIRST: Look = Look {
    hair: ["primary-0", "primary-1", "primary-2"],
    skin: ["accent-1", "accent-2", "accent-3", "accent-4"],
    clothes: ["success-0", "success-1", "success-2", "success-3"],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sprites::SEAT_LINE;

    #[test]
    fn the_figure_fills_its_cell_down_to_the_seat_line_with_at_most_twelve_colours() {
        let figure = FIRST.seated();
        assert_eq!((figure.width, figure.height), (CELL, CELL));
        let (_, top, _, bottom) = figure.bounds().expect("something is drawn");
        assert_eq!(bottom, SEAT_LINE, "it sits on the seat line");
        assert!(top >= 2, "room above the head for a stretch");
        let colours = figure.used().len();
        assert!(colours <= 12, "{colours} colours");
    }
}
