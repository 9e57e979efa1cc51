//! LiveKit, when configured (`FOCUS_LIVEKIT_URL`, key and secret): the server mints each
//! seat's access token ([`token`]), creates and deletes the tables' rooms for the
//! scheduler ([`rooms`]) and applies LiveKit's signed webhooks ([`webhook`]) to the
//! students' audio connection records (`audio::connections`).
//!
//! Names tie the two sides together: table 42's room is `focus-table-42`, and the
//! participant row 7 joins it as identity `p7` (one identity per seat, so a second tab
//! replaces the first in the room instead of speaking twice).

pub mod rooms;
pub mod token;
pub mod webhook;

use super::AudioSeat;
use crate::api::audio_types::{AudioSetup, Transport};
use crate::domain::matching::TableMode;
use crate::domain::schedule::SESSION_MINUTES;
use crate::domain::time::{Timestamp, MINUTE_MS, SECOND_MS};
use crate::server::audio::rooms::ROOM_LINGER_MS;
use crate::server::config::audio::LiveKitConfig;
use std::time::Duration;

/// The prefix of every room name.
const ROOM_PREFIX: &str = "focus-table-";
/// The prefix of every participant identity.
const IDENTITY_PREFIX: &str = "p";
/// The shortest validity a seat token gets (a welcome just before the room goes).
const MIN_TOKEN_TTL_MS: i64 = MINUTE_MS;
/// How long a seat token lets its holder join. Short, so a token copied out of a browser
/// soon opens nothing: a seated student gets a fresh one in every welcome (each channel
/// (re)connect), and while connected LiveKit itself keeps refreshing the client's token;
/// a student whose seat ended is removed from the room ([`rooms`]), which also voids the
/// tokens issued before.
pub const SEAT_TOKEN_TTL_MS: i64 = 10 * MINUTE_MS;

/// Table `table_id`'s room name.
pub fn room_name(table_id: i64) -> String {
    format!("{ROOM_PREFIX}{table_id}")
}

/// The table a room name belongs to (`None` for rooms that are not ours).
pub fn table_of_room(name: &str) -> Option<i64> {
    canonical(name, ROOM_PREFIX)
}

/// The identity participant row `participant_id` joins its room with.
pub fn identity(participant_id: i64) -> String {
    format!("{IDENTITY_PREFIX}{participant_id}")
}

/// The participant row an identity stands for (`None` for identities we did not mint).
pub fn participant_of(identity: &str) -> Option<i64> {
    canonical(identity, IDENTITY_PREFIX)
}

/// The positive id after `prefix`, written exactly as this module writes it.
fn canonical(text: &str, prefix: &str) -> Option<i64> {
    let id: i64 = text.strip_prefix(prefix)?.parse().ok()?;
    (id > 0 && text.len() == prefix.len() + id.to_string().len()).then_some(id)
}

/// How `audio_seat` joins its table's room at `now`: a token whose grants follow the
/// table mode, valid for [`SEAT_TOKEN_TTL_MS`] (less if the room is deleted sooner).
/// `None` only if the token could not be signed (logged).
pub fn setup(config: &LiveKitConfig, audio_seat: &AudioSeat, now: Timestamp) -> Option<AudioSetup> {
    let room_closes = audio_seat
        .starts_at
        .plus_millis(SESSION_MINUTES * MINUTE_MS + ROOM_LINGER_MS);
    let ttl_ms = room_closes
        .millis_since(now)
        .clamp(MIN_TOKEN_TTL_MS, SEAT_TOKEN_TTL_MS);
    let seat = token::Seat {
        table_id: audio_seat.table_id,
        participant_id: audio_seat.participant_id,
        seat: audio_seat.seat,
        name: &audio_seat.name,
        mode: audio_seat.mode,
    };
    let ttl = Duration::from_secs(u64::try_from(ttl_ms / SECOND_MS).unwrap_or(0));
    match token::mint(config, &seat, ttl) {
        Ok(token) => Some(AudioSetup {
            may_speak: audio_seat.mode == TableMode::Audio,
            transport: Transport::Livekit {
                url: config.url.clone(),
                token,
            },
        }),
        Err(err) => {
            tracing::error!(%err, table_id = audio_seat.table_id, "cannot sign a LiveKit token");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_names_are_not_ours() {
        assert_eq!(room_name(42), "focus-table-42");
        assert_eq!(table_of_room(&room_name(42)), Some(42));
        assert_eq!(identity(7), "p7");
        assert_eq!(participant_of(&identity(7)), Some(7));
        for foreign in ["p", "p0", "p-3", "p+3", "p07", "px", "agent-1", "P7", "p7 "] {
            assert_eq!(participant_of(foreign), None, "{foreign}");
        }
        for foreign in [
            "focus-table-",
            "focus-table-x",
            "other-42",
            "focus-table-042",
        ] {
            assert_eq!(table_of_room(foreign), None, "{foreign}");
        }
    }
}
