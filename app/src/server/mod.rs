//! Everything that runs only on the server (feature `ssr`): configuration, the database,
//! clocks, secrets and the state handed to server functions and handlers.

pub mod clock;
pub mod config;
pub mod db;
mod error;
pub mod secrets;
pub mod state;

pub use state::AppState;
