//! Everything that runs only on the server (feature `ssr`): configuration, the database,
//! clocks, secrets and the state handed to server functions and handlers.

pub mod admin;
pub mod audio;
pub mod auth;
pub mod call;
pub mod clock;
pub mod config;
pub mod credits;
pub mod csp;
pub mod db;
pub mod diary;
mod error;
pub mod idempotency;
pub mod live;
pub mod mail;
pub mod notifications;
pub mod oidc;
pub mod profiles;
pub mod query;
pub mod ratings;
pub mod scheduler;
pub mod secrets;
pub mod sql;
pub mod state;
pub mod tables;
pub mod time_zones;

pub use error::with_error_status;
pub use state::AppState;
