//! A table's audio room: where it is created and deleted (a LiveKit server, or nothing when
//! browsers connect to each other), and when. The scheduler drives it; the audio path and
//! the LiveKit hooks implement and read it.

use crate::domain::time::{MINUTE_MS, SECOND_MS};
use crate::error::AppError;
use std::future::Future;
use std::pin::Pin;

/// A table's audio room is created this long before its start.
pub const ROOM_LEAD_MS: i64 = 30 * SECOND_MS;
/// …and deleted this long after its end.
pub const ROOM_LINGER_MS: i64 = 5 * MINUTE_MS;
/// A boxed future, for the object-safe [`AudioRooms`] hooks.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where a table's audio room is created and deleted. The scheduler calls these (each
/// must be idempotent: a call may be repeated after a restart) and records when it did.
pub trait AudioRooms: Send + Sync + std::fmt::Debug {
    /// Creates the room for `table_id` (30 s before the start).
    fn open(&self, table_id: i64) -> BoxFuture<'_, Result<(), AppError>>;
    /// Deletes the room for `table_id` (5 min after the end).
    fn close(&self, table_id: i64) -> BoxFuture<'_, Result<(), AppError>>;
    /// Takes participant row `participant_id` out of `table_id`'s room: their seat ended.
    /// (Peer to peer, closing their table channel already ends it.)
    fn remove(&self, _table_id: i64, _participant_id: i64) -> BoxFuture<'_, Result<(), AppError>> {
        Box::pin(async { Ok(()) })
    }
    /// True when [`AudioRooms::connected`] can tell who is in a room (a media server can;
    /// browsers connected to each other leave no server-side trace).
    fn observes_connections(&self) -> bool {
        false
    }
    /// The participant rows connected to `table_id`'s room now (none when the room does
    /// not exist). Asked only when [`AudioRooms::observes_connections`] is true.
    fn connected(&self, _table_id: i64) -> BoxFuture<'_, Result<Vec<i64>, AppError>> {
        Box::pin(async { Ok(Vec::new()) })
    }
}

/// The peer-to-peer transport: browsers connect to each other directly, so there is no
/// server-side room to create or delete.
#[derive(Debug, Default)]
pub struct PeerToPeer;

impl AudioRooms for PeerToPeer {
    fn open(&self, _table_id: i64) -> BoxFuture<'_, Result<(), AppError>> {
        Box::pin(async { Ok(()) })
    }
    fn close(&self, _table_id: i64) -> BoxFuture<'_, Result<(), AppError>> {
        Box::pin(async { Ok(()) })
    }
}
