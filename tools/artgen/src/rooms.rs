//! The three rooms, 320 × 180 each, drawn from the furniture pieces at the places
//! `scene.rs` gives (desks by seat, and the boxes where the small animations play: the
//! window's glass, the lamp, the cup, the open book).

use crate::canvas::Canvas;
use crate::furniture::{self, Wood, HONEY, OAK, WALNUT};
use crate::paint::{Painter, Rng};
use crate::scene::{Prop, PropKind, Room, ROOM};

/// The wall meets the floor here.
const FLOOR: u32 = 108;

fn prop(room: Room, kind: PropKind) -> Prop {
    *room
        .props()
        .iter()
        .find(|p| p.kind == kind)
        .expect("every room has every kind of prop")
}

/// The room's background: everything but the characters and the animations' moving parts.
pub fn background(room: Room) -> Canvas {
    let mut p = Painter::new(ROOM.0, ROOM.1);
    match room {
        Room::CozyStudy => cozy_study(&mut p),
        Room::CoffeeShop => coffee_shop(&mut p),
        Room::Library => library(&mut p),
    }
    p.canvas
}

/// Night sky behind glass: deep blue fading lighter toward the horizon, a few stars.
fn night_glass(p: &mut Painter, glass: &Prop, seed: u64) {
    p.gradient(
        glass.x,
        glass.y,
        glass.width,
        glass.height,
        "night-0",
        "night-1",
    );
    let mut rng = Rng::new(seed);
    for _ in 0..glass.width * glass.height / 180 {
        let (x, y) = (rng.below(glass.width), rng.below(glass.height / 2));
        p.px(glass.x + x, glass.y + y, "warning-3");
    }
}

/// A wooden window frame around `glass`, with a cross of glazing bars and a sill.
fn window_frame(p: &mut Painter, glass: &Prop, wood: Wood) {
    let (x, y, w, h) = (glass.x - 4, glass.y - 4, glass.width + 8, glass.height + 8);
    p.fill(x, y, w, 4, wood[2]);
    p.fill(x, y + h - 4, w, 4, wood[2]);
    p.fill(x, y, 4, h, wood[2]);
    p.fill(x + w - 4, y, 4, h, wood[1]);
    p.hline(x, y, w, wood[3]);
    p.vline(x, y, h, wood[3]);
    p.vline(glass.x + glass.width / 2, glass.y, glass.height, wood[1]);
    p.hline(glass.x, glass.y + glass.height / 2, glass.width, wood[1]);
    // The sill, a step wider.
    p.fill(x - 4, y + h, w + 8, 2, wood[4]);
    p.fill(x - 4, y + h + 2, w + 8, 3, wood[2]);
    p.hline(x - 4, y + h + 5, w + 8, wood[0]);
}

fn moon(p: &mut Painter, x: u32, y: u32) {
    p.map(
        x,
        y,
        &[".mmm.", "mMMMm", "MMMMm", "MMMmm", ".mmm."],
        &[('M', "surface-3"), ('m', "surface-1")],
    );
}

/// A curtain hanging in folds from `y`, `h` tall.
fn curtain(p: &mut Painter, x: u32, y: u32, w: u32, h: u32) {
    p.fill(x, y, w, h, "error-1");
    for fold in (x + 2..x + w - 1).step_by(4) {
        p.vline(fold, y, h, "error-2");
        p.vline(fold + 1, y + 2, h - 2, "error-0");
    }
    p.hline(x, y + h - 1, w, "error-0");
}

fn cozy_study(p: &mut Painter) {
    // Wall with a small pattern, wainscot below.
    p.fill(0, 0, ROOM.0, FLOOR, "surface-1");
    for y in (4..76).step_by(8) {
        for x in (((y / 8) % 2) * 4..ROOM.0).step_by(8) {
            p.px(x, y, "surface-0");
        }
    }
    p.fill(0, 80, ROOM.0, FLOOR - 80, "primary-2");
    p.hline(0, 78, ROOM.0, "primary-4");
    p.hline(0, 79, ROOM.0, "primary-3");
    for x in (6..ROOM.0).step_by(26) {
        p.fill(x, 84, 20, 18, "primary-3");
        p.fill(x + 1, 85, 19, 17, "primary-2");
        p.hline(x, 102, 20, "primary-1");
        p.vline(x + 19, 85, 17, "primary-1");
    }
    furniture::skirting(p, FLOOR - 4, OAK);
    furniture::planks(p, FLOOR + 1, OAK, 11);
    // A rug under the desks.
    p.fill(40, 150, 240, 26, "error-0");
    p.fill(42, 152, 236, 22, "error-1");
    p.dither(46, 156, 228, 14, "error-1", "error-2", 6);
    p.hline(46, 155, 228, "warning-2");
    p.hline(46, 170, 228, "warning-2");
    // The rainy window with its curtains, a moon behind the glass.
    let glass = prop(Room::CozyStudy, PropKind::Rain);
    night_glass(p, &glass, 5);
    moon(p, glass.x + 6, glass.y + 5);
    window_frame(p, &glass, OAK);
    p.hline(glass.x - 18, glass.y - 8, glass.width + 36, "primary-0");
    curtain(p, glass.x - 16, glass.y - 7, 12, 62);
    curtain(p, glass.x + glass.width + 4, glass.y - 7, 12, 62);
    // A bookshelf at the left, a framed picture and string lights.
    furniture::bookshelf(p, 14, 18, 60, FLOOR - 18, 5, OAK, 21);
    picture(p, 224, 22);
    string_lights(p, 96, 226);
    // The floor lamp at the right, its light on the wall.
    let lamp = prop(Room::CozyStudy, PropKind::Lamp);
    furniture::glow(p, lamp.x + 12, lamp.y + 16, 30, "surface-1", "accent-3");
    furniture::glow(p, lamp.x + 12, lamp.y + 16, 30, "surface-0", "accent-2");
    floor_lamp(p, &lamp);
    furniture::desks(p, OAK, WALNUT, "primary-2", "primary-1");
    // On the desks: a mug, a plant, an open book, a stack of books.
    furniture::cup(
        p,
        &prop(Room::CozyStudy, PropKind::Steam),
        ["error-0", "error-2", "error-3"],
    );
    furniture::book_stack(p, 18, 134);
    furniture::plant(p, 95, 134);
    furniture::open_book(p, &prop(Room::CozyStudy, PropKind::Page));
    furniture::book_stack(p, 286, 134);
}

/// A framed landscape: hills under an evening sky.
fn picture(p: &mut Painter, x: u32, y: u32) {
    p.fill(x, y, 40, 30, "primary-1");
    p.hline(x, y, 40, "primary-3");
    p.vline(x, y, 30, "primary-3");
    p.gradient(x + 3, y + 3, 34, 24, "accent-4", "accent-3");
    p.map(
        x + 3,
        y + 11,
        &[
            "......ss..........................",
            ".....ssss.........................",
            "......ss.............hhh..........",
            "..................hhhhhhhh........",
            "hhh.........hhhhhhhhhhhhhhhhh.....",
            "hhhhhh...hhhhhhhhhhhhhhhhhhhhhhhhh",
            "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh",
            "HHHHhhhhhhhhhhhhHHHHHHHHHHhhhhhhhh",
            "HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH",
            "HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH",
            "HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH",
            "HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH",
            "HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH",
        ],
        &[('s', "error-3"), ('h', "success-2"), ('H', "success-1")],
    );
}

/// A sagging wire of small bulbs from `x0` to `x1` along the top of the wall.
fn string_lights(p: &mut Painter, x0: u32, x1: u32) {
    let colours = ["warning-3", "accent-3", "error-3"];
    let span = (x1 - x0) as f64;
    for x in x0..x1 {
        let t = (x - x0) as f64 / span;
        let y = 4 + (8.0 * 4.0 * t * (1.0 - t)).round() as u32;
        p.px(x, y, "primary-0");
        if (x - x0) % 10 == 5 {
            let c = colours[((x - x0) / 10) as usize % 3];
            p.px(x, y + 1, c);
            p.px(x, y + 2, c);
            p.px(x + 1, y + 1, c);
        }
    }
}

/// A floor lamp: its shade in the prop's box, the pole and foot below it.
fn floor_lamp(p: &mut Painter, lamp: &Prop) {
    let cx = lamp.x + 12;
    p.fill(cx - 1, lamp.y + 20, 2, FLOOR + 40 - lamp.y - 20, "ink-1");
    p.vline(cx - 1, lamp.y + 20, FLOOR + 40 - lamp.y - 20, "ink-0");
    p.fill(cx - 6, FLOOR + 40, 12, 3, "ink-1");
    p.hline(cx - 6, FLOOR + 40, 12, "surface-0");
    shade(
        p,
        lamp.x + 2,
        lamp.y + 4,
        ["warning-1", "warning-2", "warning-3"],
    );
}

/// A lamp shade 20 wide, lit from inside: bright rim below.
fn shade(p: &mut Painter, x: u32, y: u32, ramp: [&str; 3]) {
    p.map(
        x,
        y,
        &[
            "....dddddddddddd....",
            "...dLLLBBBBBBBBBd...",
            "..dLLBBBBBBBBBBBBd..",
            "..dLBBBBBBBBBBBBBd..",
            ".dLLBBBBBBBBBBBBBBd.",
            ".dLBBBBBBBBBBBBBBBd.",
            "dLLBBBBBBBBBBBBBBBBd",
            "dddddddddddddddddddd",
            "..yyyyyyyyyyyyyyyy..",
            "....YYYYYYYYYYYY....",
        ],
        &[
            ('d', ramp[0]),
            ('B', ramp[1]),
            ('L', ramp[2]),
            ('y', "accent-3"),
            ('Y', "accent-4"),
        ],
    );
}

fn coffee_shop(p: &mut Painter) {
    // Plaster above, wood panelling below, a tiled floor.
    p.fill(0, 0, ROOM.0, FLOOR, "surface-2");
    p.dither(0, 0, ROOM.0, 10, "surface-1", "surface-2", 8);
    // Bricks showing through the plaster at the right.
    let mut rng = Rng::new(3);
    for row in 0..9u32 {
        let y = 10 + row * 5;
        let offset = (row % 2) * 6;
        for x in (196 + offset..ROOM.0 - 4).step_by(12) {
            if rng.below(5) != 0 {
                p.fill(x, y, 10, 4, "error-2");
                p.hline(x, y, 10, "error-3");
                p.vline(x + 9, y + 1, 3, "error-1");
            }
        }
    }
    p.fill(0, 70, ROOM.0, FLOOR - 70, "primary-1");
    p.hline(0, 70, ROOM.0, "primary-3");
    for x in (0..ROOM.0).step_by(8) {
        p.vline(x, 71, FLOOR - 71, "primary-0");
        p.vline(x + 1, 71, FLOOR - 71, "primary-2");
    }
    furniture::skirting(p, FLOOR - 4, WALNUT);
    // Checked tiles.
    for y in (FLOOR + 1..ROOM.1).step_by(8) {
        for x in (0..ROOM.0).step_by(8) {
            let dark = ((x + y) / 8) % 2 == 0;
            p.fill(x, y, 8, 8, if dark { "surface-1" } else { "surface-2" });
            p.hline(x, y, 8, if dark { "surface-2" } else { "surface-3" });
        }
    }
    // The shop window: a street at night behind the glass, an awning above.
    let glass = prop(Room::CoffeeShop, PropKind::Rain);
    night_glass(p, &glass, 9);
    for (lx, ly) in [(16u32, 30u32), (44, 26)] {
        p.px(glass.x + lx, glass.y + ly, "accent-4");
        p.tint(
            glass.x + lx - 3,
            glass.y + ly - 3,
            7,
            7,
            "night-1",
            "accent-2",
            6,
        );
        p.tint(
            glass.x + lx - 3,
            glass.y + ly - 3,
            7,
            7,
            "night-0",
            "night-1",
            8,
        );
    }
    p.fill(
        glass.x,
        glass.y + glass.height - 10,
        glass.width,
        10,
        "ink-1",
    );
    p.hline(
        glass.x,
        glass.y + glass.height - 10,
        glass.width,
        "surface-0",
    );
    window_frame(p, &glass, WALNUT);
    for x in (glass.x - 6..glass.x + glass.width + 6).step_by(8) {
        p.fill(x, glass.y - 12, 4, 6, "error-2");
        p.fill(x + 4, glass.y - 12, 4, 6, "surface-3");
        p.hline(x, glass.y - 6, 8, "error-1");
    }
    // The chalkboard menu.
    chalkboard(p, 100, 18);
    // The counter and its espresso machine, jars on a shelf above.
    let cup = prop(Room::CoffeeShop, PropKind::Steam);
    let counter_top = cup.y + cup.height + 7;
    p.fill(200, counter_top, ROOM.0 - 200, 2, "primary-4");
    p.fill(
        200,
        counter_top + 2,
        ROOM.0 - 200,
        FLOOR - counter_top - 2,
        "primary-2",
    );
    for x in (206..ROOM.0 - 8).step_by(22) {
        p.fill(
            x,
            counter_top + 6,
            18,
            FLOOR - counter_top - 10,
            "primary-1",
        );
        p.hline(x, counter_top + 6, 18, "primary-0");
    }
    espresso_machine(p, 262, counter_top);
    furniture::cup(p, &cup, ["primary-1", "surface-2", "surface-3"]);
    p.fill(204, 34, 112, 3, "primary-2");
    p.hline(204, 37, 112, "primary-0");
    for (i, x) in (208..310).step_by(14).enumerate() {
        let fill = ["accent-1", "success-2", "warning-2", "primary-1"][i % 4];
        p.fill(x, 24, 8, 10, "surface-3");
        p.fill(x + 1, 27, 6, 7, fill);
        p.hline(x, 23, 8, "primary-1");
    }
    // The pendant lamp over the room, its light on the wall.
    let lamp = prop(Room::CoffeeShop, PropKind::Lamp);
    p.vline(lamp.x + 12, 0, lamp.y + 4, "ink-0");
    furniture::glow(p, lamp.x + 12, lamp.y + 22, 26, "surface-2", "accent-3");
    shade(
        p,
        lamp.x + 2,
        lamp.y + 4,
        ["success-0", "success-1", "success-2"],
    );
    furniture::plant(p, 86, FLOOR - 2);
    furniture::desks(p, HONEY, WALNUT, "surface-2", "surface-1");
    furniture::open_book(p, &prop(Room::CoffeeShop, PropKind::Page));
    furniture::plant(p, 133, 134);
    furniture::book_stack(p, 210, 134);
    furniture::cup(
        p,
        &Prop {
            kind: PropKind::Steam,
            x: 288,
            y: 114,
            width: 8,
            height: 12,
        },
        ["primary-1", "surface-2", "surface-3"],
    );
}

fn chalkboard(p: &mut Painter, x: u32, y: u32) {
    p.fill(x, y, 46, 38, "primary-1");
    p.hline(x, y, 46, "primary-3");
    p.fill(x + 2, y + 2, 42, 34, "ink-0");
    p.map(
        x + 5,
        y + 5,
        &[
            "wwwww.www.ww...........",
            "...............www.ww..",
            "ww.wwww.ww.............",
            "...............ww.www..",
            "www.ww.wwww............",
            ".......................",
            "........ccccc..........",
            "........c...cc.........",
            "........c...c.c........",
            "........c...cc.........",
            ".........ccc...........",
        ],
        &[('w', "surface-1"), ('c', "accent-3")],
    );
    p.map(
        x + 5,
        y + 22,
        &["ww.www.ww.www", "", "wwww.ww.ww.ww"]
            .map(|r| if r.is_empty() { "............." } else { r }),
        &[('w', "surface-0")],
    );
}

fn espresso_machine(p: &mut Painter, x: u32, counter: u32) {
    p.map(
        x,
        counter - 24,
        &[
            "..dddddddddddddddddddd..",
            ".dLLLLLLLLLLLLLLLLLLLLd.",
            ".dLMMMMMMMMMMMMMMMMMMMd.",
            ".dLMMMMMMMMMMMMMMMMMMMd.",
            ".dLMMMkkkMMMMMMkkkMMMMd.",
            ".dLMMMkrkMMMMMMkgkMMMMd.",
            ".dLMMMkkkMMMMMMkkkMMMMd.",
            ".dLMMMMMMMMMMMMMMMMMMMd.",
            ".dddddddddddddddddddddd.",
            "...dLd......dLd.........",
            "...dLd......dLd.........",
            "..ddddd....ddddd........",
            "........................",
            "........................",
            "........................",
            "........................",
            ".dddddddddddddddddddddd.",
            ".dLLLLLLLLLLLLLLLLLLLLd.",
            ".dMMMMMMMMMMMMMMMMMMMMd.",
            ".dMMMMMMMMMMMMMMMMMMMMd.",
            ".dMMMMMMMMMMMMMMMMMMMMd.",
            ".dMMMMMMMMMMMMMMMMMMMMd.",
            ".dMMMMMMMMMMMMMMMMMMMMd.",
            ".dddddddddddddddddddddd.",
        ],
        &[
            ('d', "ink-0"),
            ('L', "surface-2"),
            ('M', "surface-0"),
            ('k', "ink-1"),
            ('r', "error-2"),
            ('g', "success-2"),
        ],
    );
}

fn library(p: &mut Painter) {
    // Deep green wall in the middle, tall shelves either side, a carpet.
    p.fill(0, 0, ROOM.0, FLOOR, "success-0");
    for x in (130..190).step_by(6) {
        p.vline(x, 0, FLOOR, "success-1");
    }
    furniture::bookshelf(p, 0, 4, 126, FLOOR - 4, 6, WALNUT, 31);
    furniture::bookshelf(p, 194, 4, 126, FLOOR - 4, 6, WALNUT, 47);
    furniture::skirting(p, FLOOR - 4, WALNUT);
    p.fill(0, FLOOR + 1, ROOM.0, ROOM.1 - FLOOR - 1, "error-0");
    for y in (FLOOR + 4..ROOM.1).step_by(8) {
        for x in (((y / 8) % 2) * 8..ROOM.0).step_by(16) {
            p.map(
                x,
                y,
                &["..r..", ".rRr.", "..r.."],
                &[('r', "error-1"), ('R', "warning-1")],
            );
        }
    }
    // The arched window: night glass, rounded at the top.
    let glass = prop(Room::Library, PropKind::Rain);
    night_glass(p, &glass, 13);
    moon(p, glass.x + 20, glass.y + 12);
    arch_frame(p, &glass);
    // A ladder against the right-hand shelves.
    for side in [236u32, 250] {
        p.vline(side, 8, FLOOR - 6, "primary-2");
        p.vline(side + 1, 8, FLOOR - 6, "primary-1");
    }
    for y in (14..FLOOR).step_by(9) {
        p.hline(237, y, 13, "primary-3");
    }
    // A green banker's lamp on the first desk, its light on the desk and wall.
    let lamp = prop(Room::Library, PropKind::Lamp);
    furniture::desks(p, OAK, WALNUT, "error-0", "ink-0");
    bankers_lamp(p, &lamp);
    furniture::open_book(p, &prop(Room::Library, PropKind::Page));
    furniture::cup(
        p,
        &prop(Room::Library, PropKind::Steam),
        ["primary-1", "surface-2", "surface-3"],
    );
    furniture::book_stack(p, 170, 134);
    furniture::book_stack(p, 247, 134);
}

/// A stone arch around `glass`: the glass's top corners become stone.
fn arch_frame(p: &mut Painter, glass: &Prop) {
    let r = glass.width / 2;
    let (cx, cy) = (glass.x as i64 + r as i64, glass.y as i64 + r as i64);
    for y in glass.y as i64 - 4..cy {
        for x in glass.x as i64 - 4..glass.x as i64 + glass.width as i64 + 4 {
            let d = (((x - cx) * 2 + 1).pow(2) + ((y - cy) * 2 + 1).pow(2)) as f64;
            let d = d.sqrt() / 2.0;
            if d > r as f64 && d <= r as f64 + 4.0 {
                p.px(
                    x as u32,
                    y as u32,
                    if x < cx { "surface-1" } else { "surface-0" },
                );
            } else if d > r as f64 + 4.0 {
                continue;
            }
        }
    }
    for (x, w) in [(glass.x - 4, 4), (glass.x + glass.width, 4)] {
        p.fill(
            x,
            cy as u32,
            w,
            glass.height - r,
            if x < glass.x {
                "surface-1"
            } else {
                "surface-0"
            },
        );
    }
    p.vline(
        glass.x + glass.width / 2,
        glass.y,
        glass.height,
        "primary-1",
    );
    p.fill(
        glass.x - 8,
        glass.y + glass.height,
        glass.width + 16,
        3,
        "surface-1",
    );
    p.hline(
        glass.x - 8,
        glass.y + glass.height + 3,
        glass.width + 16,
        "surface-0",
    );
    // Outside the arch (the top corners of the glass's box) is wall.
    for y in glass.y as i64..cy {
        for x in glass.x as i64..glass.x as i64 + glass.width as i64 {
            let d = ((((x - cx) * 2 + 1).pow(2) + ((y - cy) * 2 + 1).pow(2)) as f64).sqrt() / 2.0;
            if d > r as f64 + 4.0 {
                p.px(x as u32, y as u32, "success-0");
            }
        }
    }
}

/// A banker's lamp: brass foot and stem, a green glass shade lit from under.
fn bankers_lamp(p: &mut Painter, lamp: &Prop) {
    p.map(
        lamp.x + 2,
        lamp.y + 6,
        &[
            "...ddddddddddddd....",
            "..dGGGGGGGGGGGGGd...",
            ".dGLLLGGGGGGGGGGGd..",
            "dddddddddddddddddddd",
            ".yyyyyyyyyyyyyyyyyy.",
            "...YYYYYYYYYYYYYY...",
            ".........bb.........",
            ".........bb.........",
            ".........bb.........",
            ".........bB.........",
            ".........bB.........",
            ".........bB.........",
            "......bbbbbbbb......",
            ".....bBBBBBBBBb.....",
            ".....bbbbbbbbbb.....",
        ],
        &[
            ('d', "success-0"),
            ('G', "success-1"),
            ('L', "success-2"),
            ('y', "accent-3"),
            ('Y', "accent-4"),
            ('b', "warning-1"),
            ('B', "warning-2"),
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_room_fills_its_canvas_and_stays_under_256_colours_of_the_palette() {
        for room in Room::ALL {
            let bg = background(room);
            assert_eq!((bg.width, bg.height), ROOM);
            assert!(bg.pixels().iter().all(|&i| i != 0), "{room:?} has no holes");
        }
    }

    #[test]
    fn the_rooms_differ() {
        let [a, b, c] = Room::ALL.map(background);
        assert!(a != b && b != c && a != c);
    }
}
