//! A person's picture across the product (seats, profiles, rating cards, the menu): their
//! character from the pixel room, breathing at its desk-less best.

use super::Sprite;
use crate::domain::characters::Character;
use crate::domain::sprites::SpriteState;
use leptos::prelude::*;

/// `character` at about `scale` CSS pixels per art pixel (whole device pixels), on a soft
/// tile. Decorative: the name beside it is what assistive technology reads.
#[component]
pub fn Portrait(
    character: Character,
    #[prop(default = 2.0)] scale: f32,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <span
            class=format!(
                "character-preview shrink-0 overflow-hidden rounded-xl bg-surface {class}",
            )
            style=format!("--preview:{scale}px")
            data-testid="portrait"
            data-character=character.as_str()
        >
            <Sprite character state=SpriteState::Working />
        </span>
    }
}
