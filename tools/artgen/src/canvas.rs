//! Indexed pictures: every pixel a palette index (0 transparent). Pixel maps are written
//! in source as rows of characters, one per pixel (`.` transparent), with a legend that
//! names each character's palette swatch; layers are drawn over each other.

use crate::palette;
use std::collections::BTreeSet;

/// A pixel map drawn into a cell: its rows start `top` rows down.
pub struct Map {
    pub top: u32,
    pub rows: &'static [&'static str],
}

impl Map {
    /// The map as a `width` × `height` layer.
    pub fn layer(
        &self,
        width: u32,
        height: u32,
        legend: &[(char, &str)],
    ) -> Result<Canvas, String> {
        let drawn = Canvas::parse(self.rows, legend)?;
        let mut layer = Canvas::new(width, height);
        layer.draw(&drawn, 0, self.top as i32);
        Ok(layer)
    }

    /// Where `role` is drawn, in cell coordinates, row by row.
    pub fn find(&self, role: char) -> Vec<(u32, u32)> {
        let mut found = Vec::new();
        for (y, row) in self.rows.iter().enumerate() {
            for (x, cell) in row.chars().enumerate() {
                if cell == role {
                    found.push((x as u32, self.top + y as u32));
                }
            }
        }
        found
    }
}

/// A picture of palette indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    /// A transparent picture.
    pub fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            pixels: vec![0; (width * height) as usize],
        }
    }

    /// A pixel map: `rows` of equal width, each character a pixel, `.` transparent and
    /// every other character named in `legend` as a palette swatch.
    pub fn parse(rows: &[&str], legend: &[(char, &str)]) -> Result<Self, String> {
        let width = rows.first().map_or(0, |r| r.chars().count()) as u32;
        let mut canvas = Self::new(width, rows.len() as u32);
        for (y, row) in rows.iter().enumerate() {
            if row.chars().count() as u32 != width {
                return Err(format!(
                    "row {y} is {} wide, not {width}",
                    row.chars().count()
                ));
            }
            for (x, cell) in row.chars().enumerate() {
                if cell == '.' {
                    continue;
                }
                let name = legend
                    .iter()
                    .find(|(c, _)| *c == cell)
                    .map(|(_, name)| *name)
                    .ok_or_else(|| format!("{cell:?} at ({x}, {y}) is not in the legend"))?;
                let index =
                    palette::index_of(name).ok_or_else(|| format!("no swatch called {name}"))?;
                canvas.set(x as u32, y as u32, index);
            }
        }
        Ok(canvas)
    }

    /// The index at `(x, y)`; outside the picture, transparent.
    pub fn get(&self, x: u32, y: u32) -> u8 {
        if x < self.width && y < self.height {
            self.pixels[(y * self.width + x) as usize]
        } else {
            0
        }
    }

    /// Sets `(x, y)` (ignored outside the picture).
    pub fn set(&mut self, x: u32, y: u32, index: u8) {
        if x < self.width && y < self.height {
            self.pixels[(y * self.width + x) as usize] = index;
        }
    }

    /// Draws `layer`'s opaque pixels with its top-left corner at `(dx, dy)`.
    pub fn draw(&mut self, layer: &Canvas, dx: i32, dy: i32) {
        for y in 0..layer.height {
            for x in 0..layer.width {
                let index = layer.get(x, y);
                let (tx, ty) = (x as i32 + dx, y as i32 + dy);
                if index != 0 && tx >= 0 && ty >= 0 {
                    self.set(tx as u32, ty as u32, index);
                }
            }
        }
    }

    /// The palette indices it uses, transparency left out.
    pub fn used(&self) -> BTreeSet<u8> {
        self.pixels.iter().copied().filter(|i| *i != 0).collect()
    }

    /// The smallest box holding every opaque pixel: `(left, top, right, bottom)`, inclusive.
    #[cfg(test)]
    pub fn bounds(&self) -> Option<(u32, u32, u32, u32)> {
        let mut found: Option<(u32, u32, u32, u32)> = None;
        for y in 0..self.height {
            for x in 0..self.width {
                if self.get(x, y) != 0 {
                    found = Some(match found {
                        None => (x, y, x, y),
                        Some((l, t, r, b)) => (l.min(x), t.min(y), r.max(x), b.max(y)),
                    });
                }
            }
        }
        found
    }

    /// The picture flipped left to right.
    pub fn mirrored(&self) -> Canvas {
        let mut out = Canvas::new(self.width, self.height);
        for y in 0..self.height {
            for x in 0..self.width {
                out.set(self.width - 1 - x, y, self.get(x, y));
            }
        }
        out
    }

    /// The picture `k` times as large, each pixel a `k` × `k` square.
    pub fn scaled(&self, k: u32) -> Canvas {
        let mut out = Canvas::new(self.width * k, self.height * k);
        for y in 0..out.height {
            for x in 0..out.width {
                out.set(x, y, self.get(x / k, y / k));
            }
        }
        out
    }

    /// Fills every transparent pixel with `index`.
    pub fn on(&self, index: u8) -> Canvas {
        let mut out = self.clone();
        out.pixels
            .iter_mut()
            .filter(|p| **p == 0)
            .for_each(|p| *p = index);
        out
    }

    /// Every pixel, row by row.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend() -> [(char, &'static str); 2] {
        [('p', "primary-2"), ('a', "accent-2")]
    }

    #[test]
    fn a_pixel_map_becomes_palette_indices() {
        let c = Canvas::parse(&["p.a", ".pp"], &legend()).unwrap();
        let (p, a) = (
            palette::index_of("primary-2").unwrap(),
            palette::index_of("accent-2").unwrap(),
        );
        assert_eq!(c.pixels(), &[p, 0, a, 0, p, p]);
        assert_eq!(c.used(), [p, a].into_iter().collect());
        assert_eq!(c.bounds(), Some((0, 0, 2, 1)));
    }

    #[test]
    fn bad_maps_say_what_is_wrong() {
        assert_eq!(
            Canvas::parse(&["pp", "p"], &legend()),
            Err("row 1 is 1 wide, not 2".into())
        );
        assert_eq!(
            Canvas::parse(&["px"], &legend()),
            Err("'x' at (1, 0) is not in the legend".into())
        );
        assert_eq!(
            Canvas::parse(&["q"], &[('q', "mauve")]),
            Err("no swatch called mauve".into())
        );
    }

    #[test]
    fn layers_draw_only_their_opaque_pixels_and_clip_at_the_edges() {
        let mut base = Canvas::parse(&["ppp", "ppp"], &legend()).unwrap();
        let dot = Canvas::parse(&["a.", ".a"], &legend()).unwrap();
        base.draw(&dot, 2, 0);
        base.draw(&dot, -1, -1);
        let (p, a) = (
            palette::index_of("primary-2").unwrap(),
            palette::index_of("accent-2").unwrap(),
        );
        assert_eq!(base.pixels(), &[a, p, a, p, p, p]);
        assert_eq!(Canvas::new(3, 3).bounds(), None);
    }
}
