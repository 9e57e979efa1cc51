//! The pixel room: a room's background with its small animations, and characters drawn
//! from their sprite sheets (art by `tools/artgen`, served from `/art/`, never part of the
//! page's code). The table's scene, the landing page's card and the character picker
//! use these pieces.

pub mod names;
mod picker;
mod portrait;
mod scene;
mod sprite;

pub use picker::CharacterPicker;
pub use portrait::Portrait;
pub use scene::{at, DeskSpot, RoomScene, ScenePreview, Seated};
pub use sprite::{sprite_style, Sprite};
