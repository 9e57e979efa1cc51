//! Audio at the tables: which transport a seat uses and with what credentials. Without
//! LiveKit configured, browsers connect to each other directly (a mesh of at most three
//! connections each), signalled over the table channel; quiet tables publish nothing,
//! which the server enforces in the signalling it relays. With LiveKit, each seat gets a
//! token whose grants enforce the mode ([`livekit`]), and the students' audio
//! connections are recorded from LiveKit's webhooks ([`connections`]).

pub mod connections;
pub mod livekit;
pub mod rooms;
mod turn;

use crate::api::audio_types::{AudioSetup, IceServer, Signal, SignalBody, Transport};
use crate::domain::matching::TableMode;
use crate::domain::sdp;
use crate::domain::time::Timestamp;
use crate::server::config::audio::AudioConfig;
use crate::server::AppState;

/// A seat joining its table's audio: what the audio path needs to know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioSeat {
    /// The table.
    pub table_id: i64,
    /// The participant row holding the seat.
    pub participant_id: i64,
    /// Seat 1–4.
    pub seat: i64,
    /// The student.
    pub user_id: i64,
    /// The name tablemates see.
    pub name: String,
    /// Audio or quiet.
    pub mode: TableMode,
    /// When the table starts.
    pub starts_at: Timestamp,
}

/// How `seat` joins its table's audio (sent in every welcome, so a
/// reconnecting browser gets fresh credentials). Should a LiveKit token ever fail to
/// sign (the cause is logged), the seat gets the mesh without the right to speak rather
/// than no welcome at all.
pub fn setup(state: &AppState, seat: &AudioSeat, now: Timestamp) -> AudioSetup {
    let config = &state.config.audio;
    let mesh = || mesh_setup(config, seat.mode, seat.user_id, now);
    match &config.livekit {
        None => mesh(),
        Some(livekit) => livekit::setup(livekit, seat, now).unwrap_or_else(|| AudioSetup {
            may_speak: false,
            ..mesh()
        }),
    }
}

/// Takes participant `participant_id` out of `table_id`'s media room on its own task
/// (their seat ended; a failure is logged, and their short-lived token runs out anyway).
pub fn remove_from_audio_room(state: &AppState, table_id: i64, participant_id: i64) {
    let rooms = state.audio_rooms.clone();
    tokio::spawn(async move {
        if let Err(err) = rooms.remove(table_id, participant_id).await {
            tracing::warn!(%err, table_id, participant_id, "could not remove from the room");
        }
    });
}

/// What seat holder `user_id` at a table in `mode` needs to join its audio on the mesh.
pub fn mesh_setup(
    config: &AudioConfig,
    mode: TableMode,
    user_id: i64,
    now: Timestamp,
) -> AudioSetup {
    let mut ice_servers = Vec::new();
    if !config.stun_urls.is_empty() {
        ice_servers.push(IceServer {
            urls: config.stun_urls.clone(),
            username: None,
            credential: None,
        });
    }
    if let Some(turn) = &config.turn {
        ice_servers.push(turn::credentials(turn, user_id, now));
    }
    AudioSetup {
        may_speak: mode == TableMode::Audio,
        transport: Transport::Mesh { ice_servers },
    }
}

/// False when `signal` may not be relayed at a table in `mode`: at a quiet table, a
/// session description that would send audio.
pub fn signal_allowed(mode: TableMode, signal: &Signal) -> bool {
    match (&signal.body, mode) {
        (SignalBody::Description { sdp, .. }, TableMode::Quiet) => !sdp::sends_audio(sdp),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::audio_types::SdpKind;

    #[test]
    fn quiet_tables_may_not_speak_and_turn_comes_with_credentials() {
        let mut config = AudioConfig::default();
        let now = Timestamp::from_unix_millis(0);
        let quiet = mesh_setup(&config, TableMode::Quiet, 1, now);
        assert!(!quiet.may_speak);
        assert!(mesh_setup(&config, TableMode::Audio, 1, now).may_speak);
        config.stun_urls.clear();
        config.turn = Some(crate::server::config::audio::TurnConfig {
            urls: vec!["turn:t.example".into()],
            secret: crate::server::config::Secret::new("s"),
            ttl_secs: 60,
        });
        let Transport::Mesh { ice_servers } =
            mesh_setup(&config, TableMode::Audio, 1, now).transport
        else {
            panic!("mesh expected");
        };
        assert_eq!(ice_servers.len(), 1);
        assert_eq!(ice_servers[0].username.as_deref(), Some("60:1"));
    }

    #[test]
    fn quiet_tables_refuse_descriptions_that_send_audio() {
        let offer = |sdp: &str| Signal {
            from_pc: 1,
            to_pc: None,
            body: SignalBody::Description {
                sdp_kind: SdpKind::Offer,
                sdp: sdp.into(),
            },
        };
        let sending = offer("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n");
        let listening = offer("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=recvonly\r\n");
        assert!(signal_allowed(TableMode::Audio, &sending));
        assert!(!signal_allowed(TableMode::Quiet, &sending));
        assert!(signal_allowed(TableMode::Quiet, &listening));
        let hello = Signal {
            from_pc: 1,
            to_pc: None,
            body: SignalBody::Hello,
        };
        assert!(signal_allowed(TableMode::Quiet, &hello));
    }
}
