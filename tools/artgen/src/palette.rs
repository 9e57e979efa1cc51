//! The master palette: every colour any art may use, indexed, at most 32. Built from the
//! product's colours as ramps of five steps (two shadows, the anchor, two lights): shadows
//! lean toward blue-violet and gain saturation, lights lean toward yellow and lose it, so
//! one warm light from the top left reads the same everywhere (`../shared/ART.md`).
//! Index 0 is transparent.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// A named entry of the palette.
#[derive(Clone, Copy, Debug)]
pub struct Swatch {
    /// Its name in pixel maps' legends, e.g. `primary-2` (the anchor of the primary ramp).
    pub name: &'static str,
    pub rgb: Rgb,
}

const fn hex(v: u32) -> Rgb {
    Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

const fn swatch(name: &'static str, v: u32) -> Swatch {
    Swatch { name, rgb: hex(v) }
}

/// The palette, index 1 on (index 0 is transparent and has no colour). Ramps run dark to
/// light; `-2` is each ramp's anchor, the product's own colour.
pub const PALETTE: [Swatch; 31] = [
    // Wood and ink-brown (primary): furniture, outlines of warm things.
    swatch("primary-0", 0x39241B),
    swatch("primary-1", 0x624835),
    swatch("primary-2", 0x8B7355),
    swatch("primary-3", 0xA79574),
    swatch("primary-4", 0xC3B897),
    // Lamp light and skin (accent).
    swatch("accent-0", 0x824835),
    swatch("accent-1", 0xAB7352),
    swatch("accent-2", 0xD4A574),
    swatch("accent-3", 0xF0CD97),
    swatch("accent-4", 0xFFE9B4),
    // Plants and sweaters (success).
    swatch("success-0", 0x345436),
    swatch("success-1", 0x557752),
    swatch("success-2", 0x7D9B76),
    swatch("success-3", 0xA6BA9C),
    // Brass and mustard (warning).
    swatch("warning-0", 0x82512D),
    swatch("warning-1", 0xA57B45),
    swatch("warning-2", 0xC9A962),
    swatch("warning-3", 0xE8D683),
    // Book spines and scarves (error).
    swatch("error-0", 0x71293C),
    swatch("error-1", 0x94404B),
    swatch("error-2", 0xB85C5C),
    swatch("error-3", 0xD7887C),
    // Walls and paper (surface, background).
    swatch("surface-0", 0xAE968B),
    swatch("surface-1", 0xD1C3B6),
    swatch("surface-2", 0xF5EFE6),
    swatch("surface-3", 0xFAF7F2),
    // Ink: the darkest colour anywhere (no pure black), and its light step.
    swatch("ink-0", 0x3D3D3D),
    swatch("ink-1", 0x5C5C5C),
    // Night through a window, and its lit edge.
    swatch("night-0", 0x2E3550),
    swatch("night-1", 0x4B5778),
    // Pale skin's light step (the other skins use accent and primary steps).
    swatch("skin-light", 0xF8DCC4),
];

/// The palette index (1-based) of the swatch called `name`.
pub fn index_of(name: &str) -> Option<u8> {
    PALETTE
        .iter()
        .position(|s| s.name == name)
        .map(|i| i as u8 + 1)
}

/// The colour at palette index `index` (`None` for 0, transparent, or out of range).
pub fn colour(index: u8) -> Option<Rgb> {
    index
        .checked_sub(1)
        .and_then(|i| PALETTE.get(i as usize))
        .map(|s| s.rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_32_entries_with_transparency_each_named_and_coloured_once() {
        assert!(PALETTE.len() < 32, "index 0 is transparent");
        let mut names: Vec<_> = PALETTE.iter().map(|s| s.name).collect();
        let mut colours: Vec<_> = PALETTE.iter().map(|s| s.rgb).collect();
        names.sort_unstable();
        names.dedup();
        colours.sort_unstable_by_key(|c| (c.0, c.1, c.2));
        colours.dedup();
        assert_eq!((names.len(), colours.len()), (PALETTE.len(), PALETTE.len()));
    }

    #[test]
    fn the_products_colours_anchor_their_ramps() {
        for (name, rgb) in [
            ("primary-2", Rgb(0x8B, 0x73, 0x55)),
            ("accent-2", Rgb(0xD4, 0xA5, 0x74)),
            ("success-2", Rgb(0x7D, 0x9B, 0x76)),
            ("warning-2", Rgb(0xC9, 0xA9, 0x62)),
            ("error-2", Rgb(0xB8, 0x5C, 0x5C)),
            ("surface-2", Rgb(0xF5, 0xEF, 0xE6)),
            ("surface-3", Rgb(0xFA, 0xF7, 0xF2)),
            ("ink-0", Rgb(0x3D, 0x3D, 0x3D)),
        ] {
            assert_eq!(index_of(name).and_then(colour), Some(rgb), "{name}");
        }
    }

    #[test]
    fn ramps_run_dark_to_light() {
        let luma = |c: Rgb| 299 * c.0 as u32 + 587 * c.1 as u32 + 114 * c.2 as u32;
        for ramp in [
            "primary", "accent", "success", "warning", "error", "surface", "ink", "night",
        ] {
            let steps: Vec<_> = PALETTE
                .iter()
                .filter(|s| s.name.rsplit_once('-').map(|(r, _)| r) == Some(ramp))
                .map(|s| luma(s.rgb))
                .collect();
            assert!(steps.len() >= 2, "{ramp}");
            assert!(steps.windows(2).all(|w| w[0] < w[1]), "{ramp}: {steps:?}");
        }
    }

    #[test]
    fn nothing_is_pure_black_and_index_zero_is_no_colour() {
        assert!(PALETTE.iter().all(|s| s.rgb != Rgb(0, 0, 0)));
        assert_eq!(colour(0), None);
        assert_eq!(colour(PALETTE.len() as u8 + 1), None);
    }
}
