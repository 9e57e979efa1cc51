//! When tables start.

use crate::domain::time::Timestamp;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The server's "now" and the start of the slot a new table would take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextSlot {
    /// The server clock when it answered (lets the browser correct its own clock).
    pub server_now: Timestamp,
    /// Start of the next slot a quick match would create a table for.
    pub starts_at: Timestamp,
}

/// The next table start, by the server's clock.
#[server(prefix = "/api", endpoint = "next_table")]
pub async fn next_table() -> Result<NextSlot, AppError> {
    crate::server::respond(async move {
        let state = crate::server::state::use_state()?;
        let server_now = state.clock.now();
        Ok(NextSlot {
            server_now,
            starts_at: crate::domain::schedule::next_slot_start(server_now),
        })
    })
    .await
}
