//! The rooms' small animations as strips of frames (frame 0 first, the still shown under
//! reduced motion): rain on the glass, a lamp's flicker, steam from a cup, a page turning.
//! Each is drawn against the room's background, so it lines up with what is under it.

use crate::canvas::Canvas;
use crate::furniture::{BOOK_FLAT, BOOK_LEGEND};
use crate::paint::{swatch, Painter, Rng};
use crate::scene::{Prop, PropKind};

/// The frames of `prop` over `background`, laid left to right.
pub fn strip(prop: &Prop, background: &Canvas, seed: u64) -> Canvas {
    let frames = match prop.kind {
        PropKind::Rain => rain(prop, background, seed),
        PropKind::Lamp => flicker(prop, background),
        PropKind::Steam => steam(prop),
        PropKind::Page => page(prop),
    };
    debug_assert_eq!(frames.len() as u32, prop.kind.frames());
    let mut out = Canvas::new(prop.width * frames.len() as u32, prop.height);
    for (i, frame) in frames.iter().enumerate() {
        out.draw(frame, (i as u32 * prop.width) as i32, 0);
    }
    out
}

/// What the background shows in the prop's box.
fn crop(prop: &Prop, background: &Canvas) -> Canvas {
    let mut out = Canvas::new(prop.width, prop.height);
    for y in 0..prop.height {
        for x in 0..prop.width {
            out.set(x, y, background.get(prop.x + x, prop.y + y));
        }
    }
    out
}

/// Streaks 1 × 3 falling 3 pixels a frame; the pattern repeats every 12 rows, so four
/// frames loop without a seam. Only on the glass (the night colours), never on the frame.
fn rain(prop: &Prop, background: &Canvas, seed: u64) -> Vec<Canvas> {
    let glass = [swatch("night-0"), swatch("night-1")];
    let (streak, tip) = (swatch("surface-0"), swatch("night-1"));
    let mut rng = Rng::new(seed);
    let mut columns = Vec::new();
    for x in 0..prop.width {
        if rng.below(5) == 0 {
            columns.push((x, rng.below(12)));
        }
    }
    (0..4)
        .map(|frame| {
            let mut c = Canvas::new(prop.width, prop.height);
            for &(x, start) in &columns {
                for y in 0..prop.height {
                    let phase = (y + 12 * 4 - start - 3 * frame) % 12;
                    let under = background.get(prop.x + x, prop.y + y);
                    if phase < 3 && glass.contains(&under) {
                        c.set(x, y, if phase == 0 { tip } else { streak });
                    }
                }
            }
            c
        })
        .collect()
}

/// The lamp as drawn, then dimmed by a step, then half dimmed: a flicker the page holds
/// still most of the time.
fn flicker(prop: &Prop, background: &Canvas) -> Vec<Canvas> {
    let lit = crop(prop, background);
    let steps: Vec<(u8, u8)> = [
        ("accent-4", "accent-3"),
        ("accent-3", "accent-2"),
        ("warning-3", "warning-2"),
        ("warning-2", "warning-1"),
        ("success-2", "success-1"),
    ]
    .iter()
    .map(|(a, b)| (swatch(a), swatch(b)))
    .collect();
    let dim = |half: bool| {
        let mut c = lit.clone();
        for y in 0..c.height {
            for x in 0..c.width {
                if half && (x + y) % 2 == 1 {
                    continue;
                }
                if let Some(&(_, to)) = steps.iter().find(|(from, _)| *from == c.get(x, y)) {
                    c.set(x, y, to);
                }
            }
        }
        c
    };
    vec![lit.clone(), dim(false), dim(true)]
}

/// Two wisps rising a pixel a frame, fading toward the top; four frames loop.
fn steam(prop: &Prop) -> Vec<Canvas> {
    (0..4)
        .map(|frame| {
            let mut p = Painter::new(prop.width, prop.height);
            for y in 0..prop.height {
                let rise = (y + frame) % 4;
                if rise == 3 {
                    continue;
                }
                let sway = [2, 3, 3, 2, 1, 1][((y + frame) / 2 % 6) as usize];
                let colour = if y < prop.height / 3 {
                    "surface-1"
                } else {
                    "surface-3"
                };
                if y >= 2 {
                    p.px(sway + 1, y, colour);
                }
                if y % 3 != 0 && y >= 4 {
                    p.px(sway + 4, y, colour);
                }
            }
            p.canvas
        })
        .collect()
}

/// An open book: flat, the right page lifting, standing up, landing on the left.
fn page(prop: &Prop) -> Vec<Canvas> {
    let flat = {
        let mut p = Painter::new(prop.width, prop.height);
        p.map(0, 0, &BOOK_FLAT, &BOOK_LEGEND);
        p.canvas
    };
    let lifted = |rows: &[&str]| {
        let mut p = Painter::new(prop.width, prop.height);
        p.map(0, 0, &BOOK_FLAT, &BOOK_LEGEND);
        p.map(
            0,
            0,
            rows,
            &[('P', "surface-3"), ('s', "surface-0"), ('l', "surface-1")],
        );
        p.canvas
    };
    vec![
        flat,
        lifted(&[
            "................",
            ".........PPPPs..",
            ".........PPPPs..",
            ".........PPPPs..",
            ".........PPPPs..",
            ".........PPPPs..",
            ".........PPPPs..",
            "................",
        ]),
        lifted(&[
            "........P.......",
            "........Ps......",
            "........Ps......",
            "........Ps......",
            "........Ps......",
            "........Ps......",
            "........Ps......",
            "................",
        ]),
        lifted(&[
            "................",
            "...sPPPP........",
            "...sPPPP........",
            "...sPPPP........",
            "...sPPPP........",
            "...sPPPP........",
            "...sPPPP........",
            "................",
        ]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rooms::background;
    use crate::scene::Room;

    #[test]
    fn every_strip_has_its_frames_and_moves() {
        for room in Room::ALL {
            let bg = background(room);
            for prop in room.props() {
                let s = strip(prop, &bg, 1);
                assert_eq!(s.width, prop.width * prop.kind.frames());
                assert_eq!(s.height, prop.height);
                let frame = |i: u32| {
                    let mut c = Canvas::new(prop.width, prop.height);
                    c.draw(&s, -((i * prop.width) as i32), 0);
                    c
                };
                assert_ne!(frame(0), frame(1), "{room:?} {:?}", prop.kind);
            }
        }
    }

    #[test]
    fn rain_stays_on_the_glass() {
        for room in Room::ALL {
            let bg = background(room);
            let prop = room
                .props()
                .iter()
                .find(|p| p.kind == PropKind::Rain)
                .unwrap();
            for frame in rain(prop, &bg, 1) {
                for y in 0..prop.height {
                    for x in 0..prop.width {
                        if frame.get(x, y) != 0 {
                            let under = bg.get(prop.x + x, prop.y + y);
                            assert!([swatch("night-0"), swatch("night-1")].contains(&under));
                        }
                    }
                }
            }
        }
    }
}
