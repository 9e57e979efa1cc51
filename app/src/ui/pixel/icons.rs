//! The icons, each drawn as rows of cells. Colours are palette classes from the
//! stylesheet's theme; `fill-current` follows the text colour around the icon.

use super::PixelArt;

/// One colour: the text's.
const CURRENT: &[(char, &str)] = &[('#', "fill-current")];

// ---- navigation: 10 × 10 outlines with an inner detail, so each reads at 20 px instead
// of as a solid blob.
pub const NAV_HOME: PixelArt = PixelArt {
    rows: &[
        "....##....",
        "...#..#...",
        "..#....#..",
        ".#......#.",
        "##########",
        ".#......#.",
        ".#..##..#.",
        ".#..##..#.",
        ".#..##..#.",
        ".########.",
    ],
    legend: CURRENT,
};
pub const NAV_DIARY: PixelArt = PixelArt {
    rows: &[
        ".########.",
        ".#.#....#.",
        ".#.#.##.#.",
        ".#.#....#.",
        ".#.#.##.#.",
        ".#.#....#.",
        ".#.#....#.",
        ".#.#....#.",
        ".########.",
        "......#.#.",
    ],
    legend: CURRENT,
};
pub const NAV_COIN: PixelArt = PixelArt {
    rows: &[
        "...####...",
        ".##....##.",
        ".#......#.",
        "#...##...#",
        "#..####..#",
        "#..####..#",
        "#...##...#",
        ".#......#.",
        ".##....##.",
        "...####...",
    ],
    legend: CURRENT,
};
pub const NAV_SHIELD: PixelArt = PixelArt {
    rows: &[
        "##########",
        "#........#",
        "#.......##",
        "#......#.#",
        "#.#...#..#",
        "#..#.#...#",
        ".#..#...#.",
        "..#....#..",
        "...#..#...",
        "....##....",
    ],
    legend: CURRENT,
};
pub const NAV_PERSON: PixelArt = PixelArt {
    rows: &[
        "...####...",
        "..#....#..",
        "..#....#..",
        "..#....#..",
        "...####...",
        "..........",
        "..######..",
        ".#......#.",
        "#........#",
        "##########",
    ],
    legend: CURRENT,
};
/// A window with its side panel: the sidebar toggle (not a hamburger, which would read
/// as a phone menu beside a sidebar that is already there).
pub const NAV_PANEL: PixelArt = PixelArt {
    rows: &[
        "..........",
        "##########",
        "#..#.....#",
        "#..#.....#",
        "#..#.....#",
        "#..#.....#",
        "#..#.....#",
        "#..#.....#",
        "##########",
        "..........",
    ],
    legend: CURRENT,
};
pub const NAV_GEAR: PixelArt = PixelArt {
    rows: &[
        "....##....",
        ".##.##.##.",
        ".########.",
        "..##..##..",
        "###....###",
        "###....###",
        "..##..##..",
        ".########.",
        ".##.##.##.",
        "....##....",
    ],
    legend: CURRENT,
};

// ---- brand and badges

/// The logo mark: a desk seen from above with four seats in the palette's colours.
pub const LOGO: PixelArt = PixelArt {
    rows: &[
        "................",
        "......aaaa......",
        "......aaaa......",
        "................",
        "....pppppppp....",
        "....pppppppp....",
        ".ww.ppaaaapp.ee.",
        ".ww.ppaaaapp.ee.",
        ".ww.ppaaaapp.ee.",
        ".ww.ppaaaapp.ee.",
        "....pppppppp....",
        "....pppppppp....",
        "................",
        "......ssss......",
        "......ssss......",
        "................",
    ],
    legend: &[
        ('p', "fill-primary"),
        ('a', "fill-accent"),
        ('s', "fill-success"),
        ('w', "fill-warning"),
        ('e', "fill-error"),
    ],
};

/// Google's four colours, for the "Continue with Google" button (its brand, not ours).
pub const GOOGLE: PixelArt = PixelArt {
    rows: &[
        ".rrrrr.", "y......", "y......", "y..bbbb", "y.....b", "y.....b", ".ggggg.",
    ],
    legend: &[
        ('r', "fill-google-red"),
        ('y', "fill-google-yellow"),
        ('g', "fill-google-green"),
        ('b', "fill-google-blue"),
    ],
};

/// The reliability badge's shield.
pub const SHIELD: PixelArt = PixelArt {
    rows: &[
        "######", "######", "######", "######", ".####.", ".####.", "..##..",
    ],
    legend: CURRENT,
};

/// A credit coin.
pub const COIN: PixelArt = PixelArt {
    rows: &[
        "..####..", "..####..", "###dd###", "###dd###", "###dd###", "###dd###", "..####..",
        "..####..",
    ],
    legend: &[('#', "fill-warning"), ('d', "fill-warning-deep")],
};

/// A landing-page feature card's mark, in the card's text colour.
pub const FEATURE: PixelArt = PixelArt {
    rows: &[
        "........", ".######.", ".######.", ".##oo##.", ".##oo##.", ".######.", ".######.",
        "........",
    ],
    legend: &[('#', "fill-current"), ('o', "fill-background")],
};

// ---- the table

/// The phase chime's bell.
pub const BELL: PixelArt = PixelArt {
    rows: &[
        "...dd...", "..gggg..", "..gggg..", "..gggg..", "..gggg..", ".gggggg.", "...dd...",
        "........",
    ],
    legend: &[('d', "fill-primary-deep"), ('g', "fill-warning")],
};

/// The bell struck through: the chime is off.
pub const BELL_OFF: PixelArt = PixelArt {
    rows: &[
        "...dd..x", "..ggggx.", "..gggx..", "..gggg..", "..gxxg..", ".gxgggg.", ".x.dd...",
        "x.......",
    ],
    legend: &[
        ('d', "fill-primary-deep"),
        ('g', "fill-warning"),
        ('x', "fill-error"),
    ],
};

/// A microphone, in the text colour.
pub const MIC: PixelArt = PixelArt {
    rows: &[
        "...##...", "...##...", "...##...", ".#.##.#.", ".#.##.#.", "..####..", "...##...",
        "..####..",
    ],
    legend: CURRENT,
};

/// The microphone struck through: muted, or not allowed.
pub const MIC_OFF: PixelArt = PixelArt {
    rows: &[
        "x..##...", ".x.##...", "..x##...", ".#.##.#.", ".#.##.#.", "..###x..", "...##.x.",
        "..####.x",
    ],
    legend: &[('#', "fill-current"), ('x', "fill-error")],
};

/// The pin beside the goals pinned to the board.
pub const PIN: PixelArt = PixelArt {
    rows: &[
        "..eeee..", ".ehheee.", ".eeeeee.", ".eeeeee.", "...dd...", "...d....", "...d....",
        "...d....",
    ],
    legend: &[
        ('e', "fill-error"),
        ('h', "fill-error-soft"),
        ('d', "fill-primary-deep"),
    ],
};

/// Every icon by name, for the tests.
#[cfg(test)]
pub const ALL: &[(&str, &PixelArt)] = &[
    ("NAV_HOME", &NAV_HOME),
    ("NAV_DIARY", &NAV_DIARY),
    ("NAV_COIN", &NAV_COIN),
    ("NAV_SHIELD", &NAV_SHIELD),
    ("NAV_PERSON", &NAV_PERSON),
    ("NAV_PANEL", &NAV_PANEL),
    ("NAV_GEAR", &NAV_GEAR),
    ("LOGO", &LOGO),
    ("GOOGLE", &GOOGLE),
    ("SHIELD", &SHIELD),
    ("COIN", &COIN),
    ("FEATURE", &FEATURE),
    ("BELL", &BELL),
    ("BELL_OFF", &BELL_OFF),
    ("MIC", &MIC),
    ("MIC_OFF", &MIC_OFF),
    ("PIN", &PIN),
];
