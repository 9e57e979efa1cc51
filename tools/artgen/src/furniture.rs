//! Pieces every room is built from: floors, desks and chairs at the seats' places, book
//! shelves, cups, open books, plants and the glow of a lamp. The light comes from the top
//! left, as on the characters: lit top edges, shaded right sides, shadows down-right.

use crate::paint::{Painter, Rng};
use crate::scene::{desk_left, Prop, DESK, DESKS, DESK_TOP, ROOM};

/// A wood's ramp, darkest first: seam, shadow, base, light, edge.
pub type Wood = [&'static str; 5];
pub const OAK: Wood = [
    "primary-0",
    "primary-1",
    "primary-2",
    "primary-3",
    "primary-4",
];
pub const WALNUT: Wood = ["ink-0", "primary-0", "primary-1", "primary-2", "primary-3"];
pub const HONEY: Wood = [
    "primary-1",
    "warning-0",
    "warning-1",
    "warning-2",
    "warning-3",
];

/// Planks from `top` to the bottom of the room, 7 pixels a row, seams staggered.
pub fn planks(p: &mut Painter, top: u32, wood: Wood, seed: u64) {
    let [seam, shadow, base, light, _] = wood;
    let mut rng = Rng::new(seed);
    let mut y = top;
    while y < ROOM.1 {
        p.hline(0, y, ROOM.0, light);
        p.fill(0, y + 1, ROOM.0, 5, base);
        p.hline(0, y + 6, ROOM.0, shadow);
        let mut x = rng.below(40);
        while x < ROOM.0 {
            p.vline(x, y, 6, seam);
            p.px(x + 1, y + 1, light);
            x += 36 + rng.below(40);
        }
        // Grain: a few short darker strokes.
        for _ in 0..3 {
            let (gx, gy) = (rng.below(ROOM.0 - 8), y + 2 + rng.below(3));
            p.hline(gx, gy, 3 + rng.below(5), shadow);
        }
        y += 7;
    }
}

/// A skirting board along the foot of the wall.
pub fn skirting(p: &mut Painter, y: u32, wood: Wood) {
    p.hline(0, y, ROOM.0, wood[4]);
    p.fill(0, y + 1, ROOM.0, 3, wood[2]);
    p.hline(0, y + 4, ROOM.0, wood[0]);
}

/// A soft pool of `light` on whatever shows `under`, strongest at `(cx, cy)`.
pub fn glow(p: &mut Painter, cx: u32, cy: u32, radius: u32, under: &str, light: &str) {
    let (x0, y0) = (cx.saturating_sub(radius), cy.saturating_sub(radius));
    for y in y0..(cy + radius).min(ROOM.1) {
        for x in x0..(cx + radius).min(ROOM.0) {
            let d = ((x as i64 - cx as i64).pow(2) + (y as i64 - cy as i64).pow(2)) as f64;
            let t = 1.0 - d.sqrt() / radius as f64;
            if t > 0.0 {
                let level = (t * 7.0).round() as u32;
                p.tint(x, y, 1, 1, under, light, level);
            }
        }
    }
}

/// The four desks and their chairs; each desk's shadow falls on `floor`.
pub fn desks(p: &mut Painter, wood: Wood, chair: Wood, floor: &str, shadow: &str) {
    let [seam, dark, base, light, edge] = wood;
    for desk in 0..DESKS {
        let x = desk_left(desk);
        let centre = x + DESK.0 / 2;
        // The chair's back behind the sitter: two posts and a rail, rounded top.
        let (cx, cy) = (centre - 11, DESK_TOP - 17);
        p.fill(cx + 1, cy, 20, 1, chair[3]);
        p.fill(cx, cy + 1, 22, 4, chair[2]);
        p.hline(cx, cy + 5, 22, chair[1]);
        p.fill(cx, cy + 6, 3, 11, chair[2]);
        p.fill(cx + 19, cy + 6, 3, 11, chair[1]);
        p.vline(cx, cy + 1, 16, chair[3]);
        // Shadow under the desk, down and to the right.
        p.tint(x + 4, DESK_TOP + 15, DESK.0, 16, floor, shadow, 10);
        // Top (seen from above), front, legs.
        let top = DESK_TOP;
        p.hline(x, top, DESK.0, edge);
        p.fill(x, top + 1, DESK.0, DESK.1 - 1, light);
        p.hline(x + 3, top + 3, 14, base);
        p.hline(x + 30, top + 5, 20, base);
        p.vline(x + DESK.0 - 1, top + 1, DESK.1 - 1, base);
        p.fill(x, top + DESK.1, DESK.0, 6, base);
        p.hline(x, top + DESK.1, DESK.0, light);
        p.hline(x, top + DESK.1 + 6, DESK.0, dark);
        p.hline(x + 20, top + DESK.1 + 3, 20, dark);
        for leg in [x + 2, x + DESK.0 - 6] {
            p.fill(leg, top + DESK.1 + 7, 4, 14, dark);
            p.vline(leg, top + DESK.1 + 7, 14, base);
            p.hline(leg, top + DESK.1 + 20, 4, seam);
        }
    }
}

/// A bookshelf: a frame of `wood` with `shelves` rows of books in seeded widths, heights
/// and colours, now and then a gap, a leaning book or a small pot.
pub fn bookshelf(
    p: &mut Painter,
    x: u32,
    y: u32,
    w: u32,
    h: u32,
    shelves: u32,
    wood: Wood,
    seed: u64,
) {
    let [seam, dark, base, light, _] = wood;
    p.fill(x, y, w, h, base);
    p.vline(x, y, h, light);
    p.vline(x + w - 1, y, h, dark);
    p.hline(x, y, w, light);
    let row = (h - 4) / shelves;
    let spines: [(&str, &str); 8] = [
        ("error-1", "error-2"),
        ("error-0", "error-1"),
        ("success-1", "success-2"),
        ("success-0", "success-1"),
        ("warning-1", "warning-2"),
        ("night-0", "night-1"),
        ("accent-0", "accent-1"),
        ("primary-3", "primary-4"),
    ];
    let mut rng = Rng::new(seed);
    for s in 0..shelves {
        let (top, bottom) = (y + 2 + s * row, y + 2 + (s + 1) * row - 2);
        p.fill(x + 2, top, w - 4, bottom - top, seam);
        p.hline(x + 2, bottom, w - 4, light);
        p.hline(x + 2, bottom + 1, w - 4, dark);
        let mut bx = x + 3;
        while bx + 4 < x + w - 3 {
            match rng.below(30) {
                0 => bx += 3,
                1 => {
                    // A small pot with a sprig.
                    p.fill(bx, bottom - 4, 4, 4, "accent-1");
                    p.hline(bx, bottom - 4, 4, "accent-2");
                    p.fill(bx + 1, bottom - 7, 2, 3, "success-1");
                    p.px(bx, bottom - 6, "success-2");
                    bx += 6;
                }
                _ => {
                    let width = 2 + rng.below(3);
                    let height = (row - 5 + rng.below(4)).min(bottom - top - 1);
                    let (shade, colour) = *rng.pick(&spines);
                    let bt = bottom - height;
                    p.fill(bx, bt, width, height, colour);
                    p.vline(bx + width - 1, bt, height, shade);
                    if rng.below(3) == 0 {
                        p.hline(bx, bt + 2, width, "warning-3");
                    }
                    bx += width;
                }
            }
        }
    }
}

/// A cup standing on a surface whose steam is `steam`: the cup sits under the prop's box.
pub fn cup(p: &mut Painter, steam: &Prop, body: [&str; 3]) {
    let (x, y) = (steam.x, steam.y + steam.height);
    let [dark, base, light] = body;
    p.map(
        x,
        y,
        &[
            ".aaaaa..", "aCCCCCa.", "aBbbbbaa", "aBbbbb.a", "aBbbbbaa", ".aBbba..", "..aaa...",
        ],
        &[('a', dark), ('b', base), ('B', light), ('C', "primary-1")],
    );
}

/// An open book lying flat under the page prop's box.
pub fn open_book(p: &mut Painter, page: &Prop) {
    p.map(page.x, page.y, &BOOK_FLAT, &BOOK_LEGEND);
}

/// An open book seen from above, 16 × 8: cover, two pages with lines, the spine's shade.
pub const BOOK_FLAT: [&str; 8] = [
    "cccccccccccccccc",
    "cPPPPPPPsPPPPPPc",
    "cPllllPPslllllPc",
    "cPPPPPPPsPPPPPPc",
    "cPllllPPslllPPPc",
    "cPPPPPPPsPPPPPPc",
    "cPlllPPPsllllPPc",
    "ccccccccscccccc.",
];

pub const BOOK_LEGEND: [(char, &str); 4] = [
    ('c', "error-0"),
    ('P', "surface-3"),
    ('l', "surface-1"),
    ('s', "surface-0"),
];

/// A potted plant on a desk or shelf, its pot's foot at `(x, y)`'s row.
pub fn plant(p: &mut Painter, x: u32, y: u32) {
    p.map(
        x,
        y - 14,
        &[
            "...gg.......",
            "..gGGg..gg..",
            ".gGGgg.gGGg.",
            "..gggGgGgg..",
            ".gGGggGgGGg.",
            "gGGg.gGg.gg.",
            ".gg..gGg....",
            "......g.....",
            "..aaaaaaa...",
            "..aAAAAaa...",
            "...aAAaa....",
            "...aAAaa....",
            "...aAAaa....",
            "....aaa.....",
        ],
        &[
            ('g', "success-1"),
            ('G', "success-2"),
            ('a', "accent-0"),
            ('A', "accent-1"),
        ],
    );
}

/// A stack of books lying flat, its foot at `(x, y)`'s row.
pub fn book_stack(p: &mut Painter, x: u32, y: u32) {
    let books: [(u32, u32, &str, &str); 3] = [
        (0, 14, "night-0", "night-1"),
        (2, 12, "error-1", "error-2"),
        (1, 13, "success-1", "success-2"),
    ];
    let mut top = y;
    for (dx, w, dark, light) in books {
        top -= 3;
        p.fill(x + dx, top, w, 3, light);
        p.hline(x + dx, top + 2, w, dark);
        p.vline(x + dx + w - 1, top, 3, dark);
        p.hline(x + dx + 1, top + 1, w - 3, "surface-2");
    }
}
