//! The eight people, drawn from layers in one pose: hair behind, the body, the bare head,
//! hair in front, then accessories. Every layer uses role letters; a person's look gives
//! each role a palette swatch. The light comes from the top left: light steps on the left
//! edges, shadow steps on the right, a darker outline around each part.
//!
//! Roles: `o H L` hair (outline, base, light); `k s S T` skin (outline, shadow, base,
//! light); `e` eyes, `b` cheeks (skin shadow), `m` mouth (skin outline); `q c C D` clothes
//! (outline, shadow, base, light); `a A Y` an accessory (outline, base, light); `g` glasses.

use crate::canvas::Map;

/// The bare head, front-facing: skin roles, eyes (`e`), cheeks (`b`), mouth (`m`); ears at the sides.
pub const HEAD: Map = Map {
    top: 6,
    rows: &[
        "...........kkkkkkkkkk...........",
        ".........kkTTTTSSSSSSkk.........",
        "........kTTSSSSSSSSSSSsk........",
        "........kTSSSSSSSSSSSSsk........",
        "........kTSSSSSSSSSSSSsk........",
        "........kTSSSSSSSSSSSSsk........",
        ".......kkTSSeSSSSSSeSSskk.......",
        ".......kSTSSeSSSSSSeSSssk.......",
        ".......kkTSbSSSSSSSSbSskk.......",
        "........kTSSSSSmmSSSSSsk........",
        "........kSSSSSSSSSSSSssk........",
        ".........kSSSSSSSSSSssk.........",
        "..........kksSSSSSsskk..........",
        "............kkkkkkkk............",
    ],
};

/// Neck, shoulders and a sweater, forearms on the desk, two hands (the typing frames lift them in turn).
pub const BODY: Map = Map {
    top: 19,
    rows: &[
        ".............kssssk.............",
        "..........qqqksssskqqq..........",
        ".......qDDDDDDqssqCCCCccq.......",
        "......qDDDDDDDDqqCCCCCCccq......",
        ".....qDDDDcDCCCCCCCCCcCCCcq.....",
        ".....qDDDCcCCCCCCCCCCcCCccq.....",
        ".....qDDCCcCCCCCCCCCCcCCccq.....",
        ".....qDCCCqCCCCCCCCCCqCcccq.....",
        ".....qDCCCCqqqqqqqqqqCCcccq.....",
        ".....qCCCCCkTTkqqkTSkCccccq.....",
        ".....qCCCCCkSSkqqkSskCccccq.....",
        ".....qCCCCCkkkkqqkkkkCccccq.....",
        "......qqqqqqqqqqqqqqqqqqqq......",
    ],
};

/// Short and messy, tufts on top.
pub const SHORT: Map = Map {
    top: 3,
    rows: &[
        "...........o..o...o.............",
        "..........oHooHoooHo............",
        ".........oHHHLLHHHHHoo..........",
        "........oHHLLLHHHHHHHHo.........",
        ".......oHHLLHHHHHHHHHHHo........",
        ".......oHLLHHHHHHHHHHHHHo.......",
        ".......oHHHHHoHHHHHoHHHHo.......",
        ".......oHHHo.oHHHo..oHHHo.......",
        ".......oHHo...oHo....oHHo.......",
        ".......oHo............oHo.......",
        "........o..............o........",
    ],
};

/// Long and straight with a blunt fringe: the part in front of the face.
pub const LONG_FRONT: Map = Map {
    top: 4,
    rows: &[
        "...........oooooooooo...........",
        ".........ooHHHHHHHHHHoo.........",
        "........oHHLLLLHHHHHHHHo........",
        ".......oHHLLHHHHHHHHHHHHo.......",
        ".......oHLLHHHHHHHHHHHHHo.......",
        ".......oHHHHHHHHHHHHHHHHo.......",
        ".......oHHoooooooooooHHHo.......",
        ".......oHHo..........oHHo.......",
        ".......oHHo..........oHHo.......",
        ".......oHHo..........oHHo.......",
        ".......oHHo..........oHHo.......",
        ".......oHHo..........oHHo.......",
        ".......oHHo..........oHHo.......",
        ".......oHHo..........oHHo.......",
    ],
};

/// Long and straight: the part that falls behind the shoulders.
pub const LONG_BACK: Map = Map {
    top: 16,
    rows: &[
        "......oHHo............oHHo......",
        "......oHHo............oHHo......",
        "......oHHo............oHHo......",
        "......oHHo............oHHo......",
        "......oHHo............oHHo......",
        "......oHHHo..........oHHHo......",
        "......oHHHo..........oHHHo......",
        "......ooooo..........ooooo......",
    ],
};

/// Curls: a bumpy crown and fringe.
pub const CURLY: Map = Map {
    top: 3,
    rows: &[
        "..........oo.oo.oo.oo...........",
        "........ooHHoHHoHHoHHoo.........",
        ".......oHHLLHHHHHHHHHHHo........",
        "......oHLLHHHLLHHHHHLHHHo.......",
        "......oHLHHHLHHHHHLHHHHHo.......",
        ".....oHHHHHHHHHHHHHHHHHHHo......",
        ".....oHHHoHHHoHHHoHHHoHHHo......",
        "......oHHo.oo..oo..oo.oHo.......",
        "......oHo..............oHo......",
        "......oHo..............oHo......",
        ".......o................o.......",
    ],
};

/// Swept back into a bun on top.
pub const BUN: Map = Map {
    top: 0,
    rows: &[
        ".............oooooo.............",
        "............oHLLHHHo............",
        "............oHLHHHHo............",
        ".............oHHHHo.............",
        "...........ooooooooooo..........",
        ".........ooHHHLLHHHHHHoo........",
        "........oHHLLHHHHHHHHHHHo.......",
        ".......oHLLHHHHHHHHHHHHHHo......",
        ".......oHHHHHHHHHoooHHHHHo......",
        ".......oHHHHHooooo..oHHHHo......",
        ".......oHHoo.........oHHo.......",
        ".......oHo...........oHo........",
        "........o.............o.........",
    ],
};

/// Short spikes.
pub const SPIKY: Map = Map {
    top: 3,
    rows: &[
        "........o...o....o...o..........",
        "........oo.oHo..oHo.oHo.........",
        ".........oHHLHooHHHoHHo.........",
        "........oHLLHHHHHHHHHHHo........",
        ".......oHLLHHHHHHHHHHHHHo.......",
        ".......oHHHHHHHHHHHHHHHHo.......",
        ".......oHHHoHHHoHHHHoHHHo.......",
        ".......oHHo.oHo..oHo..oHo.......",
        ".......oHo...o....o....o........",
    ],
};

/// A big round puff.
pub const PUFF: Map = Map {
    top: 0,
    rows: &[
        "..........oooooooooooo..........",
        "........ooHHHLLHHHHHHHoo........",
        ".......oHHLLLHHHHHHHHHHHo.......",
        "......oHHLLHHHHHHHHHHHHHHo......",
        ".....oHHLHHHHHHHHHHHHHHHHHo.....",
        ".....oHLHHHHHHHHHHHHHHHHHHo.....",
        "....oHHHHHHHHHHHHHHHHHHHHHHo....",
        "....oHHHHHHHHHHHHHHHHHHHHHHo....",
        "....oHHHHoooooooooooooHHHHHo....",
        "....oHHHo.............oHHHHo....",
        ".....oHHo..............oHHo.....",
        ".....oHHo..............oHHo.....",
        "......oo................oo......",
    ],
};

/// A knitted beanie (accessory ramp) with the hair peeking out below.
pub const BEANIE: Map = Map {
    top: 1,
    rows: &[
        "..............aaaa..............",
        ".............aAAAAa.............",
        "...........aaaaaaaaaa...........",
        ".........aaAAAYYAAAAAaa.........",
        "........aAAYYAAAAAAAAAAa........",
        ".......aAYYAAAAAAAAAAAAAa.......",
        ".......aAAAAAAAAAAAAAAAAa.......",
        ".......aYAYAYAYAYAYAYAYAa.......",
        ".......aAYAYAYAYAYAYAYAYa.......",
        ".......oaaaaaaaaaaaaaaaao.......",
        ".......oHo............oHo.......",
        ".......oHo............oHo.......",
        "........o..............o........",
    ],
};

/// A headscarf (accessory ramp) framing the face and falling over the shoulders.
pub const HIJAB: Map = Map {
    top: 4,
    rows: &[
        "..........aaaaaaaaaaaa..........",
        "........aaAYYYAAAAAAAAaa........",
        ".......aAYYAAAAAAAAAAAAAa.......",
        "......aAYYAAAAAAAAAAAAAAAa......",
        "......aAYAAAAAAAAAAAAAAAAa......",
        "......aAYAAaaaaaaaaaaAAAAa......",
        "......aAYAa..........aAAAa......",
        "......aAYAa..........aAAAa......",
        "......aAAAa..........aAAAa......",
        "......aAAAa..........aAAAa......",
        "......aAAAa..........aAAAa......",
        "......aAAAa..........aAAAa......",
        "......aAAAAa........aAAAAa......",
        ".......aAAAAa......aAAAAa.......",
        ".......aAAAAAaaaaaaAAAAAa.......",
        "......aAAAAAAAAAAAAAAAAAAa......",
        "......aAAAAAAAAAAAAAAAAAAa......",
    ],
};

/// Headphones: the band over the hair.
pub const HEADPHONES: Map = Map {
    top: 2,
    rows: &[
        "...........aaaaaaaaaa...........",
        ".........aaYYYYAAAAAAaa.........",
        "........aYa..........aAa........",
        ".......aYa............aAa.......",
        ".......aAa............aAa.......",
    ],
};

/// Headphones: the cups over the ears.
pub const HEADPHONE_CUPS: Map = Map {
    top: 11,
    rows: &[
        "......aYYa............aYYa......",
        "......aYAa............aAAa......",
        "......aAAa............aAAa......",
        "......aaaa............aaaa......",
    ],
};

/// Square glasses around the eyes.
pub const GLASSES: Map = Map {
    top: 11,
    rows: &[
        "..........ggggg..ggggg..........",
        "..........g...gggg...g..........",
        "..........g...g..g...g..........",
        "..........ggggg..ggggg..........",
    ],
};

/// A ramp of swatch names, darkest first.
type Ramp<const N: usize> = [&'static str; N];

const SKIN_GOLDEN: Ramp<4> = ["accent-1", "accent-2", "accent-3", "accent-4"];
const SKIN_PALE: Ramp<4> = ["accent-1", "accent-3", "skin-light", "surface-3"];
const SKIN_TAN: Ramp<4> = ["accent-0", "accent-1", "accent-2", "accent-3"];
const SKIN_DEEP: Ramp<4> = ["primary-0", "primary-1", "accent-0", "accent-1"];

const HAIR_BROWN: Ramp<3> = ["primary-0", "primary-1", "primary-2"];
const HAIR_BLACK: Ramp<3> = ["ink-0", "ink-1", "night-1"];
const HAIR_AUBURN: Ramp<3> = ["error-0", "accent-0", "accent-1"];
const HAIR_BLONDE: Ramp<3> = ["warning-0", "warning-2", "warning-3"];
const HAIR_DARK: Ramp<3> = ["primary-0", "ink-0", "primary-1"];

const CLOTHES_GREEN: Ramp<4> = ["success-0", "success-1", "success-2", "success-3"];
const CLOTHES_ROSE: Ramp<4> = ["error-0", "error-1", "error-2", "error-3"];
const CLOTHES_MUSTARD: Ramp<4> = ["warning-0", "warning-1", "warning-2", "warning-3"];
const CLOTHES_NAVY: Ramp<4> = ["ink-0", "night-0", "night-1", "night-1"];
const CLOTHES_CREAM: Ramp<4> = ["primary-1", "surface-0", "surface-1", "surface-2"];
const CLOTHES_BROWN: Ramp<4> = ["primary-0", "primary-1", "primary-2", "primary-3"];

/// One person: a key (file names, the app's character list), colours and hair layers.
pub struct Person {
    pub key: &'static str,
    skin: Ramp<4>,
    hair: Ramp<3>,
    clothes: Ramp<4>,
    /// The accessory's colours, for people who wear one drawn in `a A Y`.
    accessory: Option<Ramp<3>>,
    /// Drawn before the body (hair that falls behind the shoulders).
    behind: &'static [&'static Map],
    /// Drawn over the head, in order.
    over: &'static [&'static Map],
}

impl Person {
    /// The legend that paints the layers' roles in this person's colours.
    pub fn legend(&self) -> Vec<(char, &'static str)> {
        let [ho, h, hl] = self.hair;
        let [sk, ss, s, sl] = self.skin;
        let [co, cs, c, cl] = self.clothes;
        let mut legend = vec![
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
            ('g', "ink-0"),
        ];
        if let Some([ao, a, al]) = self.accessory {
            legend.extend([('a', ao), ('A', a), ('Y', al)]);
        }
        legend
    }

    /// Every layer, back to front.
    pub fn layers(&self) -> impl Iterator<Item = &'static Map> {
        self.behind
            .iter()
            .copied()
            .chain([&BODY, &HEAD])
            .chain(self.over.iter().copied())
    }

    /// The clothes' base colour (what shows where a hand was).
    pub fn sleeve(&self) -> &'static str {
        self.clothes[2]
    }
}

/// The eight people, each with their own hair shape or headwear, so no two share a
/// silhouette.
pub const PEOPLE: [Person; 8] = [
    Person {
        key: "sage",
        skin: SKIN_GOLDEN,
        hair: HAIR_BROWN,
        clothes: CLOTHES_GREEN,
        accessory: None,
        behind: &[],
        over: &[&SHORT],
    },
    Person {
        key: "mei",
        skin: SKIN_PALE,
        hair: HAIR_BLACK,
        clothes: CLOTHES_ROSE,
        accessory: None,
        behind: &[&LONG_BACK],
        over: &[&LONG_FRONT],
    },
    Person {
        key: "theo",
        skin: SKIN_TAN,
        hair: HAIR_AUBURN,
        clothes: CLOTHES_MUSTARD,
        accessory: None,
        behind: &[],
        over: &[&CURLY, &GLASSES],
    },
    Person {
        key: "ada",
        skin: SKIN_PALE,
        hair: HAIR_BLONDE,
        clothes: CLOTHES_NAVY,
        accessory: None,
        behind: &[],
        over: &[&BUN],
    },
    Person {
        key: "kai",
        skin: SKIN_GOLDEN,
        hair: HAIR_DARK,
        clothes: CLOTHES_CREAM,
        accessory: Some(["primary-0", "error-1", "error-2"]),
        behind: &[],
        over: &[&BEANIE],
    },
    Person {
        key: "noor",
        skin: SKIN_TAN,
        hair: HAIR_DARK,
        clothes: CLOTHES_BROWN,
        accessory: Some(["success-0", "success-1", "success-2"]),
        behind: &[],
        over: &[&HIJAB],
    },
    Person {
        key: "jun",
        skin: SKIN_GOLDEN,
        hair: HAIR_BLACK,
        clothes: CLOTHES_BROWN,
        accessory: Some(["ink-0", "ink-1", "error-2"]),
        behind: &[],
        over: &[&SPIKY, &HEADPHONES, &HEADPHONE_CUPS],
    },
    Person {
        key: "rosa",
        skin: SKIN_DEEP,
        hair: HAIR_BLACK,
        clothes: CLOTHES_GREEN,
        accessory: None,
        behind: &[],
        over: &[&PUFF],
    },
];
