//! The browser's end of the table channel: the seats, the board and the synced clock as
//! signals, kept up to date from the WebSocket, with reconnects (backoff, resuming from
//! the last board entry seen) handled here so components only read signals.
//!
//! On the server (SSR) there is no socket: the signals hold what the page was rendered
//! with, and [`Channel::send`] does nothing.

use crate::api::audio_types::AudioSetup;
#[cfg(feature = "hydrate")]
use crate::api::audio_types::Signal;
#[cfg(any(feature = "hydrate", test))]
use crate::api::live_types::ServerMessage;
use crate::api::live_types::{BoardEntry, CloseReason, Problem, SeatState};
use leptos::prelude::*;

#[cfg(any(feature = "hydrate", test))]
use crate::domain::board::BOARD_KEEP;

/// The state of the connection, for the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelState {
    /// Opening for the first time.
    Connecting,
    /// Connected.
    Open,
    /// Dropped; trying again.
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(dead_code, reason = "only the socket retries")
    )]
    Retrying,
    /// The server closed it for good.
    Closed(CloseReason),
}

/// The live table as signals.
#[derive(Clone, Copy, Debug)]
pub struct Channel {
    /// Every seat.
    pub seats: RwSignal<Vec<SeatState>>,
    /// The board, oldest first.
    pub board: RwSignal<Vec<BoardEntry>>,
    /// The connection.
    pub state: RwSignal<ChannelState>,
    /// The last refusal of something this browser sent.
    pub problem: RwSignal<Option<Problem>>,
    /// The server clock minus this browser's clock, in ms (the page's clock; the socket's
    /// pings refine it).
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(dead_code, reason = "only the browser's socket refines it")
    )]
    pub offset_ms: RwSignal<f64>,
    /// How to join the table's audio (from the latest welcome).
    #[cfg_attr(
        not(any(feature = "hydrate", test)),
        expect(dead_code, reason = "only the browser's audio engine reads it")
    )]
    pub audio: RwSignal<Option<AudioSetup>>,
    #[cfg(feature = "hydrate")]
    pub(super) socket: StoredValue<Option<web_sys::WebSocket>, LocalStorage>,
    /// Where WebRTC signalling from other seats goes (the audio layer, while it runs).
    #[cfg(feature = "hydrate")]
    pub(super) on_signal: StoredValue<Option<SignalSink>, LocalStorage>,
}

/// Receives `(from seat, signal)`.
#[cfg(feature = "hydrate")]
pub(super) type SignalSink = std::rc::Rc<dyn Fn(i64, Signal)>;

impl Channel {
    /// A channel showing `seats`, refining the page's clock `offset_ms` from its pings.
    pub fn new(seats: Vec<SeatState>, offset_ms: RwSignal<f64>) -> Self {
        Self {
            seats: RwSignal::new(seats),
            board: RwSignal::new(Vec::new()),
            state: RwSignal::new(ChannelState::Connecting),
            problem: RwSignal::new(None),
            offset_ms,
            audio: RwSignal::new(None),
            #[cfg(feature = "hydrate")]
            socket: StoredValue::new_local(None),
            #[cfg(feature = "hydrate")]
            on_signal: StoredValue::new_local(None),
        }
    }

    /// Sends `message` if the socket is open (dropped otherwise: everything sent is either
    /// a state the next message repeats, or a chat line the user can send again).
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(unused_variables, reason = "no socket on the server")
    )]
    pub fn send(&self, message: &crate::api::live_types::ClientMessage) {
        #[cfg(feature = "hydrate")]
        // `try_`: a timer may still fire after the page was left.
        self.socket.try_with_value(|socket| {
            if let (Some(socket), Ok(text)) = (socket, serde_json::to_string(message)) {
                if socket.ready_state() == web_sys::WebSocket::OPEN {
                    let _ = socket.send_with_str(&text);
                }
            }
        });
    }

    /// Applies one message from the server.
    #[cfg(any(feature = "hydrate", test))]
    pub fn apply(&self, message: ServerMessage) {
        match message {
            ServerMessage::Welcome(welcome) => {
                let crate::api::live_types::Welcome {
                    seats,
                    board: entries,
                    complete,
                    audio,
                    ..
                } = *welcome;
                self.seats.set(seats);
                self.audio.set(Some(audio));
                self.board.update(|board| {
                    if !complete {
                        board.clear();
                    }
                    let last = board.last().map(|e| e.seq);
                    board.extend(
                        entries
                            .into_iter()
                            .filter(|e| last.is_none_or(|l| e.seq > l)),
                    );
                    trim(board);
                });
                self.state.set(ChannelState::Open);
            }
            ServerMessage::Roster { seats } => self.seats.set(seats),
            ServerMessage::Link { seat, link } => self.update_seat(seat, |s| s.link = link),
            ServerMessage::Activity { seat, state } => {
                self.update_seat(seat, |s| s.activity = state)
            }
            ServerMessage::Board { entry } => self.board.update(|board| {
                if board.last().is_none_or(|last| entry.seq > last.seq) {
                    board.push(entry);
                    trim(board);
                }
            }),
            // A refused signal is a peer that just left (the roster says so too) or a
            // quiet table (the audio layer never offers audio there): nothing to show.
            ServerMessage::Problem { problem } if problem.is_signalling() => {}
            ServerMessage::Problem { problem } => self.problem.set(Some(problem)),
            ServerMessage::Closing { reason } => self.state.set(ChannelState::Closed(reason)),
            #[cfg(feature = "hydrate")]
            ServerMessage::Signal { from, signal } => {
                let sink = self.on_signal.try_get_value().flatten();
                if let Some(sink) = sink {
                    sink(from, signal);
                }
            }
            #[cfg(not(feature = "hydrate"))]
            ServerMessage::Signal { .. } => {}
            // Pages follow phases on the synced clock; pongs are the socket's.
            ServerMessage::Phase { .. } | ServerMessage::Pong { .. } => {}
        }
    }

    #[cfg(any(feature = "hydrate", test))]
    fn update_seat(&self, seat: i64, change: impl FnOnce(&mut SeatState)) {
        self.seats.update(|seats| {
            if let Some(state) = seats.iter_mut().find(|s| s.seat == seat) {
                change(state);
            }
        });
    }

    /// The last board entry's number, for resuming.
    #[cfg(any(feature = "hydrate", test))]
    pub fn last_seq(&self) -> Option<u64> {
        self.board.with_untracked(|b| b.last().map(|e| e.seq))
    }
}

#[cfg(any(feature = "hydrate", test))]
fn trim(board: &mut Vec<BoardEntry>) {
    if board.len() > BOARD_KEEP {
        let extra = board.len() - BOARD_KEEP;
        board.drain(..extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::live_types::{BoardItem, Link, Welcome};
    use crate::api::table_types::Occupant;
    use crate::domain::time::Timestamp;

    fn entry(seq: u64) -> BoardEntry {
        BoardEntry {
            seq,
            at: Timestamp::from_unix_millis(0),
            item: BoardItem::Chat {
                seat: 1,
                text: seq.to_string(),
            },
        }
    }

    fn welcome(board: Vec<BoardEntry>, complete: bool) -> ServerMessage {
        ServerMessage::Welcome(Box::new(Welcome {
            version: 1,
            seat: 1,
            starts_at: Timestamp::from_unix_millis(0),
            server_now: Timestamp::from_unix_millis(0),
            seats: vec![SeatState {
                seat: 1,
                occupant: Occupant::Human {
                    username: "ann".into(),
                    display_name: String::new(),
                    badge: Default::default(),
                    character: crate::domain::characters::Character::Sage,
                },
                link: Link::Connected,
                activity: crate::domain::activity::Activity::Active,
                goal: None,
            }],
            board,
            complete,
            audio: AudioSetup {
                may_speak: true,
                transport: crate::api::audio_types::Transport::Mesh {
                    ice_servers: Vec::new(),
                },
            },
        }))
    }

    fn seqs(channel: &Channel) -> Vec<u64> {
        channel
            .board
            .with_untracked(|b| b.iter().map(|e| e.seq).collect())
    }

    #[test]
    fn a_resumed_welcome_adds_only_what_was_missed() {
        let owner = Owner::new();
        owner.with(|| {
            let channel = Channel::new(Vec::new(), RwSignal::new(0.0));
            assert_eq!(channel.audio.get_untracked(), None);
            channel.apply(welcome(vec![entry(1), entry(2)], true));
            assert_eq!(channel.last_seq(), Some(2));
            assert!(channel.audio.get_untracked().is_some_and(|a| a.may_speak));
            // Reconnected after 2: the server sends 3 and 4 (and 2 again is ignored).
            channel.apply(welcome(vec![entry(2), entry(3), entry(4)], true));
            assert_eq!(seqs(&channel), vec![1, 2, 3, 4]);
            // Entries missed for good: start over from what the server has.
            channel.apply(welcome(vec![entry(9)], false));
            assert_eq!(seqs(&channel), vec![9]);
            assert_eq!(channel.state.get_untracked(), ChannelState::Open);
        });
    }

    #[test]
    fn the_board_is_kept_in_order_and_bounded() {
        let owner = Owner::new();
        owner.with(|| {
            let channel = Channel::new(Vec::new(), RwSignal::new(0.0));
            for seq in 1..=(BOARD_KEEP as u64 + 10) {
                channel.apply(ServerMessage::Board { entry: entry(seq) });
            }
            channel.apply(ServerMessage::Board { entry: entry(5) });
            let seqs = seqs(&channel);
            assert_eq!(seqs.len(), BOARD_KEEP);
            assert_eq!(seqs.first(), Some(&11));
            assert_eq!(seqs.last(), Some(&(BOARD_KEEP as u64 + 10)));
        });
    }

    #[test]
    fn link_and_activity_changes_reach_the_seat() {
        let owner = Owner::new();
        owner.with(|| {
            let channel = Channel::new(Vec::new(), RwSignal::new(0.0));
            channel.apply(welcome(Vec::new(), true));
            channel.apply(ServerMessage::Link {
                seat: 1,
                link: Link::Left,
            });
            channel.apply(ServerMessage::Activity {
                seat: 1,
                state: crate::domain::activity::Activity::Typing,
            });
            let seat = channel.seats.with_untracked(|s| s[0].clone());
            assert_eq!(seat.link, Link::Left);
            assert_eq!(seat.activity, crate::domain::activity::Activity::Typing);
        });
    }
}
