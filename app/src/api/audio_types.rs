//! Audio at a table, as the table channel carries it: which transport to use (sent in the
//! welcome, so the server decides and the page stays the same), and the WebRTC
//! signalling the mesh transport relays between browsers.

use serde::{Deserialize, Serialize};

/// A STUN or TURN server, as `RTCIceServer` takes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IceServer {
    /// `stun:` / `turn:` / `turns:` URLs.
    pub urls: Vec<String>,
    /// TURN user name (time-limited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// TURN credential for `username`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// How this table's audio travels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "transport", rename_all = "snake_case")]
pub enum Transport {
    /// Browser to browser, signalled over the table channel.
    Mesh {
        /// ICE servers to use.
        ice_servers: Vec<IceServer>,
    },
    /// Through a LiveKit server.
    Livekit {
        /// The LiveKit server (`wss://…`).
        url: String,
        /// This seat's access token (its grants follow the table mode).
        token: String,
    },
}

/// What the browser needs to join the table's audio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudioSetup {
    /// False at a quiet table: nobody publishes audio (the server enforces it).
    pub may_speak: bool,
    /// The transport.
    pub transport: Transport,
}

/// The kind of a session description (`RTCSdpType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SdpKind {
    /// An offer.
    Offer,
    /// An answer.
    Answer,
    /// A provisional answer.
    Pranswer,
    /// Undo the last offer.
    Rollback,
}

/// What one signalling message carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignalBody {
    /// "I have a fresh connection for you": the receiver drops any older one it holds.
    Hello,
    /// A session description.
    Description {
        /// Offer, answer…
        sdp_kind: SdpKind,
        /// The SDP text.
        sdp: String,
    },
    /// An ICE candidate (an empty `candidate` ends the candidates).
    Candidate {
        /// The candidate line.
        candidate: String,
        /// Its media stream id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sdp_mid: Option<String>,
        /// Its media line index.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sdp_m_line_index: Option<u16>,
    },
}

/// One signalling message between two browsers. Each side names its peer connection
/// with a random number so messages meant for a connection that has since been replaced
/// (a reload, a restart after a failure) are recognised and dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    /// The sender's connection.
    pub from_pc: u32,
    /// The receiver's connection, once the sender knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_pc: Option<u32>,
    /// What it carries.
    pub body: SignalBody,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_and_signals_are_tagged_json() {
        let setup = AudioSetup {
            may_speak: true,
            transport: Transport::Mesh {
                ice_servers: vec![IceServer {
                    urls: vec!["stun:stun.example:3478".into()],
                    username: None,
                    credential: None,
                }],
            },
        };
        assert_eq!(
            serde_json::to_string(&setup).unwrap(),
            r#"{"may_speak":true,"transport":{"transport":"mesh","ice_servers":[{"urls":["stun:stun.example:3478"]}]}}"#
        );
        let signal: Signal = serde_json::from_str(
            r#"{"from_pc":7,"body":{"kind":"description","sdp_kind":"offer","sdp":"v=0"}}"#,
        )
        .unwrap();
        assert_eq!(
            signal,
            Signal {
                from_pc: 7,
                to_pc: None,
                body: SignalBody::Description {
                    sdp_kind: SdpKind::Offer,
                    sdp: "v=0".into()
                }
            }
        );
    }
}
