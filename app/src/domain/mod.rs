//! Pure product rules: no I/O, no clocks read behind your back, no database.
//!
//! Everything here takes the current time as an argument (see [`clock`]) so every rule can
//! be tested at exact boundaries and replayed by end-to-end tests that move time.

pub mod account;
pub mod activity;
pub mod art_files;
pub mod attendance;
pub mod auth;
pub mod board;
pub mod characters;
pub mod clock;
pub mod clock_sync;
pub mod companions;
pub mod credits;
pub mod diary;
pub mod hash;
pub mod matching;
pub mod moderation;
pub mod preferences;
pub mod profile;
pub mod rate_limit;
pub mod reliability;
pub mod scene;
pub mod schedule;
pub mod sdp;
pub mod sprite_state;
pub mod sprites;
pub mod stored;
pub mod text;
pub mod time;
pub mod voice;
pub mod write_limits;
