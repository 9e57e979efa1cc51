//! The room's words in the reader's language: characters, rooms and what a character is
//! doing (the text every figure in a scene carries for screen readers).

use crate::domain::characters::Character;
use crate::domain::scene::Room;
use crate::domain::sprites::SpriteState;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// "Sage: short brown hair, green sweater", or a companion's name.
pub fn character_name(i18n: I18nContext<Locale>, character: Character) -> &'static str {
    match character {
        Character::Sage => t_string!(i18n, room.char_sage),
        Character::Mei => t_string!(i18n, room.char_mei),
        Character::Theo => t_string!(i18n, room.char_theo),
        Character::Ada => t_string!(i18n, room.char_ada),
        Character::Kai => t_string!(i18n, room.char_kai),
        Character::Noor => t_string!(i18n, room.char_noor),
        Character::Jun => t_string!(i18n, room.char_jun),
        Character::Rosa => t_string!(i18n, room.char_rosa),
        Character::Fox => t_string!(i18n, room.char_fox),
        Character::Owl => t_string!(i18n, room.char_owl),
        Character::Cat => t_string!(i18n, room.char_cat),
        Character::Panda => t_string!(i18n, room.char_panda),
    }
}

/// "Cozy study", "Coffee shop", "Library".
pub fn room_name(i18n: I18nContext<Locale>, room: Room) -> &'static str {
    match room {
        Room::CozyStudy => t_string!(i18n, room.room_cozy_study),
        Room::CoffeeShop => t_string!(i18n, room.room_coffee_shop),
        Room::Library => t_string!(i18n, room.room_library),
    }
}

/// "working", "in flow", "talking"…
pub fn state_label(i18n: I18nContext<Locale>, state: SpriteState) -> &'static str {
    match state {
        SpriteState::Working => t_string!(i18n, room.state_working),
        SpriteState::Typing => t_string!(i18n, room.state_typing),
        SpriteState::Speaking => t_string!(i18n, room.state_speaking),
        SpriteState::Away => t_string!(i18n, room.state_away),
        SpriteState::Ghosting => t_string!(i18n, room.state_ghosting),
        SpriteState::Flow => t_string!(i18n, room.state_flow),
        SpriteState::PhaseTransition => t_string!(i18n, room.state_phase_transition),
    }
}
