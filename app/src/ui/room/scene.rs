//! A room as a scene: its background, its small animations, and whatever the caller seats
//! at the desks. Everything is placed in art pixels times `--px`, the scene's whole-pixel
//! scale (`.room-scene` in `style/tailwind.css`).

use super::Sprite;
use crate::domain::art_files::ROOM_FILES;
use crate::domain::characters::Character;
use crate::domain::scene::{character_at, Room};
use crate::domain::sprites::SpriteState;
use leptos::prelude::*;

/// The background and the animation strips of `room`.
fn files(room: Room) -> (&'static str, [&'static str; 4]) {
    ROOM_FILES
        .iter()
        .find(|(key, _, _)| *key == room.as_str())
        .map(|(_, background, strips)| (*background, *strips))
        .expect("the art generator draws every room")
}

/// `left` and `top` for something at art pixel `(x, y)`.
pub fn at(x: u32, y: u32) -> String {
    format!("left:calc({x} * var(--px));top:calc({y} * var(--px))")
}

/// The room with its animations; `children` go on top (characters, name tags).
#[component]
pub fn RoomScene(
    room: Room,
    children: Children,
    #[prop(optional, into)] class: String,
) -> impl IntoView {
    let (background, strips) = files(room);
    let props = room
        .props()
        .iter()
        .zip(strips)
        .map(|(prop, strip)| {
            let style = format!(
                "{};--w:{};--h:{};--frames:{};background-image:url({strip})",
                at(prop.x, prop.y),
                prop.width,
                prop.height,
                prop.kind.frames(),
            );
            view! {
                <div
                    class=format!("art prop prop-{}", prop.kind.key())
                    style=style
                    aria-hidden="true"
                ></div>
            }
        })
        .collect_view();
    view! {
        <div
            class=format!("room-scene {class}")
            style=format!("background-image:url({background})")
            data-room=room.as_str()
        >
            {props}
            {children()}
        </div>
    }
}

/// Where desk `desk`'s character stands in the scene (absolute, in art pixels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeskSpot(pub u32);

impl DeskSpot {
    /// The style that puts a 32 × 32 character cell at this desk.
    pub fn style(self) -> String {
        let (x, y) = character_at(self.0);
        at(x, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_room_has_its_files_and_desks_sit_in_art_pixels() {
        for room in Room::ALL {
            let (background, strips) = files(room);
            assert!(background.starts_with(&format!("/art/rooms/{}.", room.as_str())));
            for (prop, strip) in room.props().iter().zip(strips) {
                assert!(
                    strip.contains(&format!("{}-{}.", room.as_str(), prop.kind.key())),
                    "{strip}"
                );
            }
        }
        assert_eq!(
            DeskSpot(1).style(),
            "left:calc(106 * var(--px));top:calc(105 * var(--px))"
        );
    }
}

/// Who sits where in a scene that is only looked at: desk, character, state.
pub type Seated = Vec<(u32, Character, SpriteState)>;

/// A room with characters at their desks, sized by its frame's width (the waiting room,
/// the landing page's card): `seated` may change, and the scene follows.
#[component]
pub fn ScenePreview(
    room: Room,
    #[prop(into)] seated: Signal<Seated>,
    label: String,
) -> impl IntoView {
    view! {
        <div
            class="room-frame-wide flex w-full justify-center overflow-hidden rounded-2xl bg-background"
            role="img"
            aria-label=label
            data-testid="scene-preview"
            data-room=room.as_str()
        >
            <RoomScene room>
                <For
                    each=move || seated.get()
                    key=|(desk, character, state)| (*desk, *character, *state)
                    let:((desk, character, state))
                >
                    <Sprite
                        character
                        state=state
                        delay_ms=desk * 410
                        style=DeskSpot(desk).style()
                    />
                </For>
            </RoomScene>
        </div>
    }
}
