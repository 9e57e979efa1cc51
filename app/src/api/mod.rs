//! Thin server functions: read the caller and state from context, call one service or
//! domain function, return a DTO. One file per area.

pub mod account;
pub mod audio_types;
pub mod auth;
pub mod credits;
pub mod diary;
pub mod diary_types;
pub mod email;
pub mod live_types;
pub mod plain_text;
pub mod profile;
pub mod profile_types;
pub mod rating_types;
pub mod ratings;
pub mod schedule;
pub mod table_page;
pub mod table_page_types;
pub mod table_types;
pub mod tables;
