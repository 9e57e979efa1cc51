//! The character picker (onboarding and the profile): the eight people as a grid of
//! animated previews, one radio button each, submitted as `character`.

use super::names::character_name;
use super::Sprite;
use crate::domain::characters::Character;
use crate::domain::sprites::SpriteState;
use crate::i18n::*;
use crate::ui::forms::FieldError;
use leptos::prelude::*;

/// The picker, `chosen` checked.
#[component]
pub fn CharacterPicker(chosen: Character, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let choices = Character::PEOPLE
        .into_iter()
        .enumerate()
        .map(|(i, character)| {
            let name = character_name(i18n, character);
            view! {
                <label class="group cursor-pointer" title=name>
                    <input
                        type="radio"
                        name="character"
                        value=character.as_str()
                        checked=character == chosen
                        class="peer sr-only"
                        aria-describedby="field-character-error"
                    />
                    <span class="room-frame-wide flex flex-col items-center gap-1 rounded-2xl border-2 border-transparent bg-background p-2 shadow-soft transition group-hover:border-primary/40 peer-checked:border-primary-deep peer-checked:bg-accent/20 peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-primary-deep">
                        <span class="character-preview">
                            <Sprite
                                character
                                state=SpriteState::Working
                                delay_ms=(i as u32) * 230
                            />
                        </span>
                        <span class="sr-only">{name}</span>
                        <span class="text-sm font-semibold" aria-hidden="true">
                            {name.split([':', '：']).next().unwrap_or(name).to_owned()}
                        </span>
                    </span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="flex flex-col gap-2" data-testid="character-picker">
            <legend class="text-sm font-semibold">{t_string!(i18n, room.character_legend)}</legend>
            <p class="text-sm text-ink/70">{t_string!(i18n, room.character_hint)}</p>
            <div class="mt-1 grid grid-cols-4 gap-2 sm:grid-cols-8">{choices}</div>
            <FieldError id="field-character-error".to_owned() error />
        </fieldset>
    }
}
