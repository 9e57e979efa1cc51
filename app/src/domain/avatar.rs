//! The default avatar: a small symmetric pixel pattern and a warm colour, both derived
//! from the username, so the same person always looks the same until characters exist.

/// Side of the pattern, in cells.
pub const GRID: usize = 5;

/// Background and ink pairs from the product palette family (ink on background ≥ 3:1).
pub const SWATCHES: [(&str, &str); 6] = [
    ("#F5EFE6", "#8B7355"),
    ("#F3E6D6", "#A0673A"),
    ("#EAF0E6", "#5E7A57"),
    ("#F6EEDB", "#8C7330"),
    ("#F5E4E1", "#9A4C4C"),
    ("#E9ECF2", "#58627A"),
];

/// A generated avatar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identicon {
    /// Filled cells, row by row (`GRID × GRID`), mirrored left to right.
    pub cells: [[bool; GRID]; GRID],
    /// Index into [`SWATCHES`].
    pub swatch: usize,
}

/// FNV-1a, 64-bit: stable across platforms and releases (unlike `std`'s hasher).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The avatar for `username` (case-insensitive).
pub fn identicon(username: &str) -> Identicon {
    let hash = fnv1a(&username.to_ascii_lowercase());
    let mut cells = [[false; GRID]; GRID];
    let half = GRID.div_ceil(2);
    for (row, line) in cells.iter_mut().enumerate() {
        for col in 0..half {
            let filled = hash >> (row * half + col) & 1 == 1;
            line[col] = filled;
            line[GRID - 1 - col] = filled;
        }
    }
    // Never blank: a centre dot keeps an all-empty pattern recognisable.
    if cells.iter().flatten().all(|c| !c) {
        cells[GRID / 2][GRID / 2] = true;
    }
    let swatch = usize::try_from(hash >> 40).unwrap_or(0) % SWATCHES.len();
    Identicon { cells, swatch }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_name_gives_the_same_avatar_whatever_the_case() {
        assert_eq!(identicon("Mei_Lin"), identicon("mei_lin"));
    }

    #[test]
    fn patterns_are_mirrored_and_never_blank() {
        for name in ["mei_lin", "abc", "student", "zz_top_99", "x_y_z"] {
            let icon = identicon(name);
            for line in icon.cells {
                for col in 0..GRID {
                    assert_eq!(line[col], line[GRID - 1 - col], "{name}");
                }
            }
            assert!(icon.cells.iter().flatten().any(|c| *c), "{name}");
            assert!(icon.swatch < SWATCHES.len());
        }
    }

    #[test]
    fn different_names_usually_differ() {
        let names = ["ann", "bob", "cai", "dev", "eli", "fay", "gus", "hao"];
        let distinct: std::collections::HashSet<_> =
            names.iter().map(|n| identicon(n).cells).collect();
        assert!(distinct.len() >= 7, "{} distinct patterns", distinct.len());
        let swatches: std::collections::HashSet<_> =
            names.iter().map(|n| identicon(n).swatch).collect();
        assert!(swatches.len() >= 3);
    }
}
