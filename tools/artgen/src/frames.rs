//! The seven states as frames made from a character's still by small operations (a bob,
//! a blink, a mouth, a lifted hand, a nod, a faded copy, a glow, a raised arm), laid out
//! as the sheet the app animates: a row per state, a column per frame.

use crate::canvas::{Canvas, Map};
use crate::figure::{Figure, Rect};
use crate::palette::{colour, index_of};
use crate::sprites::{SpriteState, CELL, SHEET};

fn swatch(name: &str) -> u8 {
    index_of(name).unwrap_or_else(|| panic!("no swatch called {name}"))
}

/// Moves the pixels of `rows` (inclusive range, whole width) by `dy`, leaving
/// transparency where they were.
fn shift_rows(canvas: &Canvas, first: u32, last: u32, dy: i32) -> Canvas {
    let mut out = canvas.clone();
    let mut band = Canvas::new(canvas.width, canvas.height);
    for y in first..=last {
        for x in 0..canvas.width {
            band.set(x, y, canvas.get(x, y));
            out.set(x, y, 0);
        }
    }
    out.draw(&band, 0, dy);
    out
}

/// The whole picture moved down by `dy` (what falls out of the cell is lost).
fn sink(canvas: &Canvas, dy: i32) -> Canvas {
    shift_rows(canvas, 0, canvas.height - 1, dy)
}

/// Eyes shut: each eye column becomes the face beside it, with a lid line at its foot.
fn blink(canvas: &mut Canvas, figure: &Figure, dy: i32) {
    for &(x, y, height) in &figure.eyes {
        let y = (y as i32 + dy) as u32;
        let face = canvas.get(x - 1, y);
        for i in 0..height - 1 {
            canvas.set(x, y + i, face);
        }
        canvas.set(x, y + height - 1, figure.lid);
    }
}

/// The mouth `open` rows deep (0 leaves it as drawn).
fn mouth(canvas: &mut Canvas, figure: &Figure, open: u32) {
    let (x, y, width) = figure.mouth;
    let dark = swatch("ink-0");
    for dy in 0..open {
        for dx in 0..width {
            canvas.set(x + dx, y + dy, dark);
        }
    }
}

/// One hand lifted a pixel: what was under its lowest row shows the sleeve.
fn lift(canvas: &mut Canvas, hand: Rect, behind: u8) {
    let (x, y, w, h) = hand;
    let mut copy = Canvas::new(w, h);
    for dy in 0..h {
        for dx in 0..w {
            copy.set(dx, dy, canvas.get(x + dx, y + dy));
        }
    }
    for dx in 0..w {
        canvas.set(x + dx, y + h - 1, behind);
    }
    canvas.draw(&copy, x as i32, y as i32 - 1);
}

/// Both hands gone from the desk (raised), the sleeve in their place.
fn clear_hands(canvas: &mut Canvas, figure: &Figure) {
    for (x, y, w, h) in figure.hands {
        for dy in 0..h {
            for dx in 0..w {
                if canvas.get(x + dx, y + dy) != 0 {
                    canvas.set(x + dx, y + dy, figure.behind_hand);
                }
            }
        }
    }
}

/// A raised arm, the hand at the top: drawn at the right shoulder, mirrored for the left.
const ARM: Map = Map {
    top: 0,
    rows: &[
        ".kkk.", "kSSSk", "kSSSk", ".kSk.", "qCCCq", "qDCCq", "qDCCq", "qDCCq", "qDCCq", "qDCCq",
        "qDCCq", "qCCCq",
    ],
};

fn arm(canvas: &mut Canvas, figure: &Figure, right: bool, top: i32) {
    let legend: Vec<(char, &str)> = figure
        .arm
        .iter()
        .map(|&(role, index)| (role, name_of(index)))
        .collect();
    let drawn = Canvas::parse(ARM.rows, &legend).expect("the arm uses its five roles");
    let drawn = if right { drawn } else { drawn.mirrored() };
    let x = if right {
        24
    } else {
        CELL as i32 - 24 - drawn.width as i32
    };
    canvas.draw(&drawn, x, top);
}

fn name_of(index: u8) -> &'static str {
    crate::palette::PALETTE[index as usize - 1].name
}

/// A small "z" of sleep, its top-left at `(x, y)`.
fn zed(canvas: &mut Canvas, x: u32, y: u32) {
    let ink = swatch("ink-1");
    for (dx, dy) in [(0, 0), (1, 0), (2, 0), (1, 1), (0, 2), (1, 2), (2, 2)] {
        canvas.set(x + dx, y + dy, ink);
    }
}

/// The nodding pose: head down two pixels, eyes shut.
fn nod(figure: &Figure) -> Canvas {
    let mut c = shift_rows(&figure.still, 0, figure.chin, 2);
    blink(&mut c, figure, 2);
    c
}

/// Faded: every colour to the grey step of its lightness, and a quarter of the inside
/// pixels gone in a sparse checker (`phase` moves it); the outline stays, so the shape
/// still reads.
fn ghost(canvas: &Canvas, phase: u32) -> Canvas {
    let greys = GHOST_GREYS.map(swatch);
    let luma = |i: u8| {
        let c = colour(i).expect("a palette index");
        299 * c.0 as u32 + 587 * c.1 as u32 + 114 * c.2 as u32
    };
    let mut out = Canvas::new(canvas.width, canvas.height);
    for y in 0..canvas.height {
        for x in 0..canvas.width {
            let i = canvas.get(x, y);
            if i == 0 {
                continue;
            }
            let edge = [(0i32, -1i32), (1, 0), (0, 1), (-1, 0)]
                .iter()
                .any(|(dx, dy)| {
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    nx < 0 || ny < 0 || canvas.get(nx as u32, ny as u32) == 0
                });
            if !edge && (x + 2 * y + phase) % 4 == 0 {
                continue;
            }
            let grey = greys
                .iter()
                .copied()
                .min_by_key(|&g| luma(g).abs_diff(luma(i)))
                .expect("four greys");
            out.set(x, y, grey);
        }
    }
    out
}

/// The greys a ghost is drawn in, darkest first.
const GHOST_GREYS: [&str; 4] = ["ink-0", "ink-1", "surface-0", "surface-1"];

/// A one-pixel ring of lamp light around the figure: solid, or dithered (`Some(phase)`).
fn glow(canvas: &Canvas, dither: Option<u32>) -> Canvas {
    let light = swatch("accent-3");
    let mut out = canvas.clone();
    for y in 0..canvas.height {
        for x in 0..canvas.width {
            if canvas.get(x, y) != 0 {
                continue;
            }
            let near = [(0i32, -1i32), (1, 0), (0, 1), (-1, 0)]
                .iter()
                .any(|(dx, dy)| {
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    nx >= 0 && ny >= 0 && canvas.get(nx as u32, ny as u32) != 0
                });
            let shown = dither.is_none_or(|phase| (x + y + phase) % 2 == 0);
            if near && shown {
                out.set(x, y, light);
            }
        }
    }
    out
}

/// The frames of one state, left to right.
pub fn frames(figure: &Figure, state: SpriteState) -> Vec<Canvas> {
    let still = &figure.still;
    match state {
        SpriteState::Working => {
            let down = shift_rows(still, 0, figure.chin, 1);
            let mut blinking = still.clone();
            blink(&mut blinking, figure, 0);
            vec![still.clone(), down.clone(), down, blinking]
        }
        SpriteState::Typing => (0..4)
            .map(|i| {
                let mut c = still.clone();
                if i % 2 == 0 {
                    lift(&mut c, figure.hands[(i / 2) as usize], figure.behind_hand);
                }
                c
            })
            .collect(),
        SpriteState::Speaking => [0, 1, 2]
            .map(|open| {
                let mut c = still.clone();
                mouth(&mut c, figure, open);
                c
            })
            .to_vec(),
        SpriteState::Away => (0..3)
            .map(|i| {
                let mut c = nod(figure);
                zed(&mut c, 25, 6 - 2 * i);
                c
            })
            .collect(),
        SpriteState::Ghosting => (0..3)
            .map(|i| {
                let mut c = ghost(&nod(figure), i % 2);
                zed(&mut c, 25, 6 - 2 * i);
                c
            })
            .collect(),
        SpriteState::Flow => vec![
            glow(still, None),
            glow(still, Some(0)),
            glow(still, None),
            glow(still, Some(1)),
        ],
        SpriteState::PhaseTransition => {
            let crouch = sink(still, 1);
            let mut stretch = shift_rows(still, 0, figure.chin, -1);
            clear_hands(&mut stretch, figure);
            arm(&mut stretch, figure, true, 5);
            arm(&mut stretch, figure, false, 5);
            let mut wave = still.clone();
            clear_hands(&mut wave, figure);
            arm(&mut wave, figure, true, 9);
            vec![crouch, stretch, wave, still.clone()]
        }
    }
}

/// The character's sheet: a row per state, a column per frame (unused cells transparent).
pub fn sheet(figure: &Figure) -> Canvas {
    let mut sheet = Canvas::new(SHEET.0, SHEET.1);
    for state in SpriteState::ALL {
        for (column, frame) in frames(figure, state).iter().enumerate() {
            sheet.draw(
                frame,
                (column as u32 * CELL) as i32,
                (state.row() * CELL) as i32,
            );
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::all;
    use crate::sprites::{COLUMNS, SEAT_LINE};

    #[test]
    fn every_state_has_its_frames_and_each_frame_differs_from_the_one_before() {
        for figure in all().unwrap() {
            for state in SpriteState::ALL {
                let frames = frames(&figure, state);
                assert_eq!(
                    frames.len(),
                    state.frame_ms().len(),
                    "{} {state:?}",
                    figure.key
                );
                assert!(frames.len() as u32 <= COLUMNS);
                let distinct: std::collections::HashSet<_> =
                    frames.iter().map(|f| f.pixels().to_vec()).collect();
                assert!(distinct.len() >= 2, "{} {state:?} moves", figure.key);
            }
        }
    }

    #[test]
    fn the_seat_line_holds_in_every_frame() {
        for figure in all().unwrap() {
            for state in SpriteState::ALL {
                for (i, frame) in frames(&figure, state).iter().enumerate() {
                    let (_, _, _, bottom) = frame.bounds().expect("drawn");
                    assert_eq!(bottom, SEAT_LINE, "{} {state:?} {i}", figure.key);
                }
            }
        }
    }

    #[test]
    fn a_sheet_fits_four_bits_of_colour() {
        for figure in all().unwrap() {
            let colours = sheet(&figure).used().len();
            assert!(colours <= 15, "{}: {colours} colours", figure.key);
        }
    }

    #[test]
    fn a_ghost_is_grey_and_thinner_than_the_figure() {
        for figure in all().unwrap() {
            let faded = ghost(&figure.still, 0);
            let greys: std::collections::BTreeSet<u8> = GHOST_GREYS.map(swatch).into();
            assert!(faded.used().is_subset(&greys), "{}", figure.key);
            let count = |c: &Canvas| c.pixels().iter().filter(|&&i| i != 0).count();
            assert!(
                count(&faded) < count(&figure.still) * 9 / 10,
                "{}",
                figure.key
            );
        }
    }
}
