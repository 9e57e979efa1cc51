//! Drawing tools for the rooms: filled boxes, ordered dither between neighbouring steps,
//! lines, pixel maps placed anywhere, and a seeded random source (so "random" book spines
//! come out the same on every run).

use crate::canvas::Canvas;
use crate::palette::index_of;

/// The palette index of `name` (a typo in the source is a bug: it panics with the name).
pub fn swatch(name: &str) -> u8 {
    index_of(name).unwrap_or_else(|| panic!("no swatch called {name}"))
}

/// The 4 × 4 Bayer matrix: thresholds 0..16 for ordered dither.
const BAYER: [[u32; 4]; 4] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]];

/// A canvas with drawing operations by swatch name.
pub struct Painter {
    pub canvas: Canvas,
}

impl Painter {
    pub fn new(width: u32, height: u32) -> Self {
        Self {
            canvas: Canvas::new(width, height),
        }
    }

    pub fn px(&mut self, x: u32, y: u32, name: &str) {
        self.canvas.set(x, y, swatch(name));
    }

    pub fn fill(&mut self, x: u32, y: u32, w: u32, h: u32, name: &str) {
        let index = swatch(name);
        for yy in y..y + h {
            for xx in x..x + w {
                self.canvas.set(xx, yy, index);
            }
        }
    }

    pub fn hline(&mut self, x: u32, y: u32, w: u32, name: &str) {
        self.fill(x, y, w, 1, name);
    }

    pub fn vline(&mut self, x: u32, y: u32, h: u32, name: &str) {
        self.fill(x, y, 1, h, name);
    }

    /// `b` over `a` in ordered dither: `level` sixteenths of the pixels are `b`.
    pub fn dither(&mut self, x: u32, y: u32, w: u32, h: u32, a: &str, b: &str, level: u32) {
        let (a, b) = (swatch(a), swatch(b));
        for yy in y..y + h {
            for xx in x..x + w {
                let on = BAYER[(yy % 4) as usize][(xx % 4) as usize] < level;
                self.canvas.set(xx, yy, if on { b } else { a });
            }
        }
    }

    /// A vertical blend from `a` (top) to `b` (bottom) in ordered dither, with solid ends.
    pub fn gradient(&mut self, x: u32, y: u32, w: u32, h: u32, a: &str, b: &str) {
        for row in 0..h {
            let level = (row * 17 / h.max(1)).min(16);
            self.dither(x, y + row, w, 1, a, b, level);
        }
    }

    /// Only where the canvas already shows `under`: paint `name` (light falling on a wall,
    /// a shadow on the floor).
    pub fn tint(&mut self, x: u32, y: u32, w: u32, h: u32, under: &str, name: &str, level: u32) {
        let (under, index) = (swatch(under), swatch(name));
        for yy in y..y + h {
            for xx in x..x + w {
                if self.canvas.get(xx, yy) == under
                    && BAYER[(yy % 4) as usize][(xx % 4) as usize] < level
                {
                    self.canvas.set(xx, yy, index);
                }
            }
        }
    }

    /// A pixel map with its top-left corner at `(x, y)`.
    pub fn map(&mut self, x: u32, y: u32, rows: &[&str], legend: &[(char, &str)]) {
        let drawn = Canvas::parse(rows, legend).unwrap_or_else(|e| panic!("a room's map: {e}"));
        self.canvas.draw(&drawn, x as i32, y as i32);
    }
}

/// A small deterministic random source (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u32) -> u32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as u32 % n.max(1)
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u32) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_random_source_repeats_itself_for_a_seed() {
        let run = |seed| {
            let mut rng = Rng::new(seed);
            (0..8).map(|_| rng.below(100)).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        assert!(run(7).iter().all(|n| *n < 100));
    }

    #[test]
    fn dither_levels_run_from_none_to_all() {
        let mut p = Painter::new(4, 4);
        p.dither(0, 0, 4, 4, "ink-0", "ink-1", 0);
        assert_eq!(p.canvas.used(), [swatch("ink-0")].into());
        p.dither(0, 0, 4, 4, "ink-0", "ink-1", 8);
        let half = p
            .canvas
            .pixels()
            .iter()
            .filter(|&&i| i == swatch("ink-1"))
            .count();
        assert_eq!(half, 8);
        p.dither(0, 0, 4, 4, "ink-0", "ink-1", 16);
        assert_eq!(p.canvas.used(), [swatch("ink-1")].into());
    }
}
