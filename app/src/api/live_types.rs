//! The table channel's protocol: the messages a participant's browser and the server
//! exchange over `/ws/table/{table}` (JSON text frames, one message per frame).
//!
//! Versioned: the browser asks for [`PROTOCOL_VERSION`] in the URL (`?v=1`) and the server
//! refuses other versions before upgrading, so old tabs reload instead of misreading.
//! Size-limited: frames over [`MAX_MESSAGE_BYTES`] are answered with
//! [`Problem::TooLarge`] and dropped; over [`MAX_FRAME_BYTES`] the socket is closed.
//! Rate-limited per connection (see `server::live`). Unknown or malformed messages are
//! answered with [`Problem::Malformed`]; none of this ever affects the rest of the table.

use crate::api::audio_types::{AudioSetup, Signal};
use crate::api::table_types::Occupant;
use crate::domain::activity::Activity;
use crate::domain::board::Prompt;
use crate::domain::schedule::Phase;
use crate::domain::time::Timestamp;
use crate::error::InvalidRule;
use serde::{Deserialize, Serialize};

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// Largest message the application reads (a WebRTC offer fits comfortably).
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// Largest frame the socket accepts at all; beyond it the connection is closed.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;
/// A participant who drops shows as reconnecting this long, then as dropped; either way
/// the seat stays theirs while the table runs.
pub const RECONNECT_GRACE_MS: i64 = 2 * 60 * 1000;
/// The path of a table's channel (the browser adds `?v=` and, when resuming, `&after=`).
pub fn channel_path(table_id: i64) -> String {
    format!("/ws/table/{table_id}")
}

/// What a browser sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// Clock sync: `sent` is the browser's own clock (ms), echoed back in the pong.
    Ping {
        /// Local send time.
        sent: f64,
    },
    /// A chat line for the board (not stored).
    Chat {
        /// The text.
        text: String,
    },
    /// The sender's activity changed.
    Activity {
        /// The new state.
        state: Activity,
    },
    /// WebRTC signalling for the human in seat `to` (mesh transport). At a quiet table a
    /// description that would send audio is refused.
    Signal {
        /// Recipient seat.
        to: i64,
        /// The message.
        signal: Signal,
    },
}

/// A seat's link to the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Link {
    /// Connected now (companions always are).
    Connected,
    /// Dropped a moment ago; probably back within the grace period, until `until`.
    Reconnecting {
        /// End of the grace period.
        until: Timestamp,
    },
    /// Dropped longer than the grace period: the seat stays theirs until the end, and
    /// they may come back to it while the table runs.
    Dropped,
    /// Not here (yet).
    Absent,
    /// Left the table (by choice).
    Left,
}

/// One seat as the table sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatState {
    /// Seat 1–4.
    pub seat: i64,
    /// Who sits there.
    pub occupant: Occupant,
    /// Their link.
    pub link: Link,
    /// What they are doing.
    pub activity: Activity,
    /// Their goal for this session, once set (pinned on the board).
    pub goal: Option<String>,
}

/// Something on the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BoardItem {
    /// A chat line from a seat.
    Chat {
        /// Who.
        seat: i64,
        /// What.
        text: String,
    },
    /// A reflection prompt, posted at a phase change.
    Prompt {
        /// Which.
        prompt: Prompt,
    },
    /// Someone's answer to a prompt (also stored).
    Reflection {
        /// Who.
        seat: i64,
        /// Which prompt.
        prompt: Prompt,
        /// The answer.
        text: String,
    },
    /// A companion's encouragement (its own line `line` of `phase`, translated by the
    /// reader: each companion has its own voice, so no line comes twice at one table).
    Companion {
        /// Which companion's seat.
        seat: i64,
        /// Which companion said it (a late student may have the seat now).
        companion: crate::domain::companions::Companion,
        /// The phase it greets.
        phase: Phase,
        /// Line number.
        line: u8,
    },
    /// A student who dropped past the grace period is back at their seat.
    Back {
        /// Whose seat.
        seat: i64,
    },
}

/// A board item with its place in the table's stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEntry {
    /// Position in the stream (increasing; a reconnecting browser asks for what follows
    /// the last one it saw).
    pub seq: u64,
    /// When it was posted.
    pub at: Timestamp,
    /// What.
    pub item: BoardItem,
}

/// Why a message was refused (the connection stays open).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// Not a message of this protocol.
    Malformed,
    /// Over [`MAX_MESSAGE_BYTES`].
    TooLarge,
    /// Too many messages; slow down.
    RateLimited,
    /// The chat line broke a rule (blank, too long…).
    ChatInvalid {
        /// Which.
        rule: InvalidRule,
    },
    /// The chat line contains a blocked term: not delivered, flagged for moderation.
    ChatBlocked,
    /// Chat is closed (the session has ended, or the sender left).
    ChatClosed,
    /// Signalling to a seat without a connected human.
    NoSuchPeer,
    /// A description that would send audio, at a quiet table.
    QuietTable,
}

impl Problem {
    /// True for refusals of WebRTC signalling (the audio layer's business, not the
    /// board's: a peer that just left, or audio at a quiet table).
    pub fn is_signalling(self) -> bool {
        matches!(self, Self::NoSuchPeer | Self::QuietTable)
    }
}

/// Why the server is closing this connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    /// The participant left the table.
    Left,
    /// The session is over.
    Ended,
    /// The seat is no longer this participant's (cancelled, or given to someone else).
    SeatGone,
    /// The sign-in session that opened the channel ended (signed out, password changed,
    /// account deleted).
    SignedOut,
    /// The student opened the table in another tab, which took over.
    ElsewhereNow,
}

/// Everything a browser needs on (re)connecting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    /// The protocol version the server speaks.
    pub version: u32,
    /// The receiver's seat.
    pub seat: i64,
    /// The table's start (phases follow from it and the synced clock).
    pub starts_at: Timestamp,
    /// The server clock as the welcome left.
    pub server_now: Timestamp,
    /// Every seat.
    pub seats: Vec<SeatState>,
    /// Board entries after the `after` the browser sent (all kept ones when none).
    pub board: Vec<BoardEntry>,
    /// False when entries the browser asked for are no longer kept (it missed some).
    pub complete: bool,
    /// How to join the table's audio.
    pub audio: AudioSetup,
}

/// What the server sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// First message on every connection.
    Welcome(Box<Welcome>),
    /// Answer to a ping.
    Pong {
        /// The ping's local send time, echoed.
        sent: f64,
        /// The server clock.
        server_now: Timestamp,
    },
    /// The seats changed (someone joined, left or was replaced).
    Roster {
        /// Every seat.
        seats: Vec<SeatState>,
    },
    /// A seat's link changed.
    Link {
        /// Which seat.
        seat: i64,
        /// Its link.
        link: Link,
    },
    /// A seat's activity changed.
    Activity {
        /// Which seat.
        seat: i64,
        /// The state.
        state: Activity,
    },
    /// A new board entry.
    Board {
        /// The entry.
        entry: BoardEntry,
    },
    /// A phase began (browsers also compute phases from the synced clock; this keeps
    /// them honest and triggers the banner).
    Phase {
        /// The phase.
        phase: Phase,
    },
    /// WebRTC signalling from the human in seat `from`.
    Signal {
        /// Sender seat.
        from: i64,
        /// The message.
        signal: Signal,
    },
    /// A message of the receiver's was refused.
    Problem {
        /// Why.
        problem: Problem,
    },
    /// The server is about to close this connection.
    Closing {
        /// Why.
        reason: CloseReason,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_tagged_json() {
        let ping: ClientMessage = serde_json::from_str(r#"{"type":"ping","sent":12.5}"#).unwrap();
        assert_eq!(ping, ClientMessage::Ping { sent: 12.5 });
        let chat = serde_json::to_string(&ServerMessage::Board {
            entry: BoardEntry {
                seq: 3,
                at: Timestamp::from_unix_millis(1),
                item: BoardItem::Chat {
                    seat: 2,
                    text: "hi".into(),
                },
            },
        })
        .unwrap();
        assert_eq!(
            chat,
            r#"{"type":"board","entry":{"seq":3,"at":1,"item":{"kind":"chat","seat":2,"text":"hi"}}}"#
        );
        let link = serde_json::to_string(&ServerMessage::Link {
            seat: 1,
            link: Link::Reconnecting {
                until: Timestamp::from_unix_millis(5),
            },
        })
        .unwrap();
        assert_eq!(
            link,
            r#"{"type":"link","seat":1,"link":{"state":"reconnecting","until":5}}"#
        );
    }

    #[test]
    fn unknown_messages_do_not_parse() {
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"shout"}"#).is_err());
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"chat"}"#).is_err());
    }
}
