//! Integration tests: the real server on port 0 against a fresh SQLite or PostgreSQL
//! database (see `harness`). Run them on PostgreSQL with `FOCUS_TEST_DATABASE=postgres`.

mod accounts;
mod admin;
mod authorization;
mod channel_rights;
mod clock;
mod credits;
mod diary;
mod email;
mod fixtures;
mod google;
mod google_linking;
mod harness;
mod headers;
mod livekit;
mod mailbox;
mod observability;
mod onboarding;
mod pages;
mod pixel_room;
mod races;
mod ratings;
mod sessions;
mod socket;
mod startup;
mod storage;
mod table_channel;
mod tables;
