//! One character, animated from its sheet with CSS steps (`style/tailwind.css`, `.sprite`):
//! the state picks the row, the frames run in place. Under reduced motion the first frame
//! of each state holds still.

use crate::domain::characters::Character;
use crate::domain::sprites::SpriteState;
use leptos::prelude::*;

/// The CSS variables that draw `state` of `character`'s sheet.
pub fn sprite_style(character: Character, state: SpriteState, delay_ms: u32) -> String {
    let frames = state.frame_ms();
    format!(
        "background-image:url({});--row:{};--n:{};--dur:{}ms;--delay:-{delay_ms}ms",
        character.sheet(),
        state.row(),
        frames.len(),
        frames.iter().sum::<u32>(),
    )
}

/// A character in a state. `delay_ms` starts its loop part-way, so neighbours never
/// breathe in step. Decorative: whoever shows it gives its text equivalent.
#[component]
pub fn Sprite(
    character: Character,
    #[prop(into)] state: Signal<SpriteState>,
    #[prop(default = 0)] delay_ms: u32,
    #[prop(optional, into)] class: String,
    #[prop(optional, into)] style: String,
) -> impl IntoView {
    view! {
        <div
            class=format!("sprite {class}")
            style=move || format!("{style};{}", sprite_style(character, state.get(), delay_ms))
            data-once=move || (!state.get().loops()).then_some("")
            data-character=character.as_str()
            data-state=move || state.get().key()
            aria-hidden="true"
        ></div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reduced motion is the stylesheet's job: it must stop every sprite and prop, while
    /// the style above still picks each state's row (its first frame is the still).
    #[test]
    fn reduced_motion_stops_sprites_and_props_but_not_states() {
        let css = include_str!("../../../../style/tailwind.css");
        let block = css
            .split("@media (prefers-reduced-motion: reduce)")
            .nth(2)
            .expect("the room's reduced-motion block (after the base layer's)");
        let rule = &block[..block.find('}').expect("a rule")];
        for selector in [".sprite", ".sprite[data-once]", ".prop"] {
            assert!(rule.contains(selector), "{selector} in {rule}");
        }
        assert!(rule.contains("animation: none !important"));
        for state in SpriteState::ALL {
            let style = sprite_style(Character::Sage, state, 0);
            assert!(style.contains(&format!("--row:{}", state.row())), "{style}");
        }
    }

    #[test]
    fn the_style_names_the_sheet_row_frames_and_loop_length() {
        let style = sprite_style(Character::Owl, SpriteState::Speaking, 400);
        assert!(style.starts_with("background-image:url(/art/characters/owl."));
        assert!(
            style.contains("--row:2;--n:3;--dur:450ms;--delay:-400ms"),
            "{style}"
        );
    }
}
