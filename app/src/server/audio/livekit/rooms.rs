//! The tables' rooms on a LiveKit server, through its room service (Twirp): created 30 s
//! before the start with room for the four seats, deleted 5 min after the end, asked
//! who is connected when the scheduler reconciles missed webhooks, and told to remove a
//! student whose seat ended (cancelled, left, handed on).
//!
//! Every call may be repeated: creating a room that exists returns it, and deleting a
//! room LiveKit no longer has (it closed it itself, or an earlier delete went through
//! but its answer was lost) counts as done. Failures are logged here with their cause and
//! reported as [`AppError::Unavailable`]; the scheduler retries on a later tick.

use super::{identity, participant_of, room_name};
use crate::domain::matching::SEATS;
use crate::domain::schedule::SESSION_MINUTES;
use crate::domain::time::{MINUTE_MS, SECOND_MS};
use crate::error::AppError;
use crate::server::audio::rooms::{AudioRooms, BoxFuture, ROOM_LEAD_MS, ROOM_LINGER_MS};
use crate::server::config::audio::LiveKitConfig;
use livekit_api::services::room::{CreateRoomOptions, RoomClient};
use livekit_api::services::{ServerError, ServerErrorCode, ServiceError};
use livekit_protocol::participant_info::State;
use std::time::Duration;

/// How long one room-service call may take before the scheduler moves on.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// How long LiveKit keeps a room nobody is in (before anyone joins, and after the last
/// one leaves): its whole planned life, so a table whose students all dropped out for a
/// moment finds the same room (with its seat limit) when they return. The scheduler
/// deletes it at the end anyway; this only bounds a room the scheduler never deleted.
pub const EMPTY_TIMEOUT_SECS: u32 =
    ((ROOM_LEAD_MS + SESSION_MINUTES * MINUTE_MS + ROOM_LINGER_MS) / SECOND_MS) as u32;

/// The LiveKit room service, as the scheduler's [`AudioRooms`].
#[derive(Debug)]
pub struct LiveKitRooms {
    client: RoomClient,
}

impl LiveKitRooms {
    /// A client for `config`'s server.
    pub fn new(config: &LiveKitConfig) -> Self {
        let client = RoomClient::with_api_key(
            &config.api_url(),
            &config.api_key,
            config.api_secret.expose(),
        )
        .with_request_timeout(REQUEST_TIMEOUT);
        Self { client }
    }

    async fn create(&self, table_id: i64) -> Result<(), AppError> {
        let options = CreateRoomOptions {
            empty_timeout: EMPTY_TIMEOUT_SECS,
            departure_timeout: EMPTY_TIMEOUT_SECS,
            max_participants: SEATS as u32,
            ..CreateRoomOptions::default()
        };
        self.client
            .create_room(&room_name(table_id), options)
            .await
            .map(drop)
            .map_err(|err| unavailable("create_room", table_id, &err))
    }

    async fn delete(&self, table_id: i64) -> Result<(), AppError> {
        match self.client.delete_room(&room_name(table_id)).await {
            Ok(()) => Ok(()),
            Err(err) if not_found(&err) => Ok(()),
            Err(err) => Err(unavailable("delete_room", table_id, &err)),
        }
    }

    async fn remove_participant(&self, table_id: i64, participant_id: i64) -> Result<(), AppError> {
        match self
            .client
            .remove_participant(&room_name(table_id), &identity(participant_id))
            .await
        {
            Ok(()) => Ok(()),
            // Not in the room (or no room yet): nothing to remove.
            Err(err) if not_found(&err) => Ok(()),
            Err(err) => Err(unavailable("remove_participant", table_id, &err)),
        }
    }

    async fn participants(&self, table_id: i64) -> Result<Vec<i64>, AppError> {
        let listed = match self.client.list_participants(&room_name(table_id)).await {
            Ok(listed) => listed,
            Err(err) if not_found(&err) => Vec::new(),
            Err(err) => return Err(unavailable("list_participants", table_id, &err)),
        };
        Ok(listed
            .iter()
            .filter(|p| p.state != State::Disconnected as i32)
            .filter_map(|p| participant_of(&p.identity))
            .collect())
    }
}

/// True when LiveKit answered that the room does not exist.
fn not_found(err: &ServiceError) -> bool {
    matches!(err, ServiceError::Twirp(ServerError::Twirp(code)) if code.code == ServerErrorCode::NOT_FOUND)
}

fn unavailable(call: &str, table_id: i64, err: &ServiceError) -> AppError {
    tracing::warn!(call, table_id, cause = %err, "LiveKit room service call failed");
    AppError::Unavailable
}

impl AudioRooms for LiveKitRooms {
    fn open(&self, table_id: i64) -> BoxFuture<'_, Result<(), AppError>> {
        Box::pin(self.create(table_id))
    }

    fn close(&self, table_id: i64) -> BoxFuture<'_, Result<(), AppError>> {
        Box::pin(self.delete(table_id))
    }

    fn remove(&self, table_id: i64, participant_id: i64) -> BoxFuture<'_, Result<(), AppError>> {
        Box::pin(self.remove_participant(table_id, participant_id))
    }

    fn observes_connections(&self) -> bool {
        true
    }

    fn connected(&self, table_id: i64) -> BoxFuture<'_, Result<Vec<i64>, AppError>> {
        Box::pin(self.participants(table_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_rooms_last_their_whole_planned_life() {
        // 30 s before the start + 55 min + 5 min after the end.
        assert_eq!(EMPTY_TIMEOUT_SECS, 30 + 60 * 60);
    }

    #[test]
    fn only_a_not_found_answer_counts_as_already_deleted() {
        let twirp = |code: &str| {
            ServiceError::Twirp(ServerError::Twirp(ServerErrorCode {
                code: code.into(),
                msg: "room".into(),
                meta: Default::default(),
            }))
        };
        assert!(not_found(&twirp(ServerErrorCode::NOT_FOUND)));
        assert!(!not_found(&twirp(ServerErrorCode::UNAVAILABLE)));
        assert!(!not_found(&twirp(ServerErrorCode::PERMISSION_DENIED)));
    }
}
