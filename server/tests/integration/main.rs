//! Integration tests: the real server on port 0 against a fresh SQLite or PostgreSQL
//! database (see `harness`). Run them on PostgreSQL with `FOCUS_TEST_DATABASE=postgres`.

mod clock;
mod harness;
mod observability;
mod pages;
mod startup;
mod storage;
