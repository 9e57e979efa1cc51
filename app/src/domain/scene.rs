//! The pixel room's geometry, shared by the art generator (`tools/artgen`, which includes
//! this file) and the table's scene: the room's size, where each seat's desk and
//! character are, and where each room's small animations play. Plain constants and enums,
//! so the tool can build it without the app.

/// The room's size in art pixels; the page shows it at whole-number scales only.
pub const ROOM: (u32, u32) = (320, 180);

/// A desk's width and the depth of its top, in art pixels.
pub const DESK: (u32, u32) = (60, 8);

/// The row where every desk's top begins (its far edge).
pub const DESK_TOP: u32 = 129;

/// The first desk's left edge and the step to the next.
const DESK_LEFT: u32 = 16;
const DESK_STEP: u32 = 76;

/// How many desks a room has: one per seat.
pub const DESKS: u32 = 4;

/// The left edge of desk `desk` (0 on the left).
pub const fn desk_left(desk: u32) -> u32 {
    DESK_LEFT + desk * DESK_STEP
}

/// Where the character at desk `desk` is drawn: the top-left corner of its 32 × 32 cell,
/// centred on the desk, its seat line just in front of the desk's far edge so the forearms
/// rest on the desk top.
pub const fn character_at(desk: u32) -> (u32, u32) {
    (desk_left(desk) + DESK.0 / 2 - 16, DESK_TOP + 7 - 31)
}

/// The desk a seat sits at (seats are numbered 1 to 4, left to right), if it is a seat.
pub fn desk_of_seat(seat: i64) -> Option<u32> {
    (1..=i64::from(DESKS))
        .contains(&seat)
        .then(|| (seat - 1) as u32)
}

/// One of the rooms a table can be held in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Room {
    /// A small study at night: a bookshelf, a rainy window, a floor lamp.
    CozyStudy,
    /// A coffee shop: a counter with an espresso machine, a chalkboard, a shop window.
    CoffeeShop,
    /// A library: tall shelves, an arched window, green desk lamps.
    Library,
}

impl Room {
    /// Every room; the first is the default.
    pub const ALL: [Room; 3] = [Room::CozyStudy, Room::CoffeeShop, Room::Library];

    /// Its one name as text: in stored rows, file names and CSS classes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Room::CozyStudy => "cozy-study",
            Room::CoffeeShop => "coffee-shop",
            Room::Library => "library",
        }
    }

    /// The room stored as `text`.
    pub fn parse(text: &str) -> Option<Room> {
        Room::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Its small animations, drawn over the background.
    pub const fn props(self) -> &'static [Prop] {
        match self {
            Room::CozyStudy => &COZY_STUDY_PROPS,
            Room::CoffeeShop => &COFFEE_SHOP_PROPS,
            Room::Library => &LIBRARY_PROPS,
        }
    }
}

const COZY_STUDY_PROPS: [Prop; 4] = [
    Prop::new(PropKind::Rain, 134, 18, 52, 44),
    Prop::new(PropKind::Lamp, 284, 44, 24, 26),
    Prop::new(PropKind::Steam, 61, 114, 8, 12),
    Prop::new(PropKind::Page, 210, 128, 16, 8),
];

const COFFEE_SHOP_PROPS: [Prop; 4] = [
    Prop::new(PropKind::Rain, 14, 22, 68, 52),
    Prop::new(PropKind::Lamp, 148, 6, 24, 26),
    Prop::new(PropKind::Steam, 238, 64, 8, 12),
    Prop::new(PropKind::Page, 18, 128, 16, 8),
];

const LIBRARY_PROPS: [Prop; 4] = [
    Prop::new(PropKind::Rain, 144, 14, 32, 56),
    Prop::new(PropKind::Lamp, 14, 104, 24, 26),
    Prop::new(PropKind::Steam, 290, 114, 8, 12),
    Prop::new(PropKind::Page, 134, 128, 16, 8),
];

/// What kind of small animation a prop is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PropKind {
    /// Rain running down a window pane, looping.
    Rain,
    /// A lamp's light flickering now and then.
    Lamp,
    /// Steam rising from a cup, looping.
    Steam,
    /// A book's page turning every half minute.
    Page,
}

impl PropKind {
    /// Every kind.
    pub const ALL: [PropKind; 4] = [
        PropKind::Rain,
        PropKind::Lamp,
        PropKind::Steam,
        PropKind::Page,
    ];

    /// Its name in file names and CSS classes.
    pub const fn key(self) -> &'static str {
        match self {
            PropKind::Rain => "rain",
            PropKind::Lamp => "lamp",
            PropKind::Steam => "steam",
            PropKind::Page => "page",
        }
    }

    /// Frames in its strip (laid left to right; frame 0 is the still shown under reduced
    /// motion).
    pub const fn frames(self) -> u32 {
        match self {
            PropKind::Lamp => 3,
            _ => 4,
        }
    }
}

/// One small animation: its kind and its box in room pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prop {
    pub kind: PropKind,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Prop {
    const fn new(kind: PropKind, x: u32, y: u32, width: u32, height: u32) -> Self {
        Self {
            kind,
            x,
            y,
            width,
            height,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_one_to_four_sit_left_to_right_and_nothing_else_has_a_desk() {
        assert_eq!(
            [1, 2, 3, 4].map(desk_of_seat),
            [Some(0), Some(1), Some(2), Some(3)]
        );
        for seat in [0, 5, -1, i64::MAX] {
            assert_eq!(desk_of_seat(seat), None, "{seat}");
        }
        let xs: Vec<u32> = (0..DESKS).map(|d| character_at(d).0).collect();
        assert!(
            xs.windows(2).all(|w| w[0] + 32 < w[1]),
            "cells never overlap"
        );
    }

    #[test]
    fn desks_and_characters_fit_the_room_with_the_forearms_on_the_desk_top() {
        let last = DESKS - 1;
        assert!(desk_left(last) + DESK.0 <= ROOM.0 - DESK_LEFT / 2);
        assert_eq!(desk_left(0), ROOM.0 - desk_left(last) - DESK.0, "centred");
        for desk in 0..DESKS {
            let (x, y) = character_at(desk);
            assert_eq!(x + 16, desk_left(desk) + DESK.0 / 2, "centred on its desk");
            let seat_line = y + 31;
            assert!((DESK_TOP..DESK_TOP + DESK.1).contains(&seat_line));
        }
    }

    #[test]
    fn props_stay_inside_the_room_and_each_room_has_every_kind_once() {
        for room in Room::ALL {
            for prop in room.props() {
                assert!(prop.x + prop.width <= ROOM.0 && prop.y + prop.height <= ROOM.1);
            }
            let mut kinds: Vec<_> = room.props().iter().map(|p| p.kind.key()).collect();
            kinds.sort_unstable();
            assert_eq!(kinds, ["lamp", "page", "rain", "steam"], "{room:?}");
            assert_eq!(Room::parse(room.as_str()), Some(room));
        }
        assert_eq!(Room::parse("castle"), None);
    }
}
