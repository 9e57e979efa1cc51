//! One participant's WebSocket on a table: sends the welcome, then relays what the table
//! publishes and handles what the browser sends, until either side goes away.
//!
//! Per connection: messages over [`MAX_MESSAGE_BYTES`] are refused, unknown ones are
//! answered with [`Problem::Malformed`], and a token bucket limits the rate (chat has its
//! own, slower bucket). Liveness is judged on the monotonic clock: the server pings every
//! [`HEARTBEAT`] and drops a connection silent for [`SILENCE_LIMIT`]. A connection that
//! falls more than the channel's capacity behind is closed with [`LAGGED`] so the browser
//! reconnects and catches up from its last board entry.

use super::hub::{Admission, Attached};
use crate::api::live_types::{ClientMessage, Problem, ServerMessage, MAX_MESSAGE_BYTES};
use crate::domain::rate_limit::TokenBucket;
use crate::server::AppState;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;

/// How often the server pings a quiet connection.
pub const HEARTBEAT: Duration = Duration::from_secs(20);
/// A connection that sent nothing (not even a pong) for this long is dropped.
pub const SILENCE_LIMIT: Duration = Duration::from_secs(50);
/// How long a closing connection waits for the browser's close frame.
const CLOSE_WAIT: Duration = Duration::from_secs(2);
/// Close code: the connection fell behind; reconnect to catch up.
pub const LAGGED: u16 = 4000;
/// Close code: the server is done with this connection (left, or the session ended).
pub const DONE: u16 = 4001;

/// Messages of any kind: a burst of 40, then 20 per second.
const ANY_BURST: u32 = 40;
const ANY_PER_SECOND: f64 = 20.0;
/// Chat lines: a burst of 5, then one every 2 seconds.
const CHAT_BURST: u32 = 5;
const CHAT_PER_SECOND: f64 = 0.5;

struct Limits {
    opened: Instant,
    any: TokenBucket,
    chat: TokenBucket,
}

impl Limits {
    fn new() -> Self {
        Self {
            opened: Instant::now(),
            any: TokenBucket::new(ANY_BURST, ANY_PER_SECOND, 0),
            chat: TokenBucket::new(CHAT_BURST, CHAT_PER_SECOND, 0),
        }
    }

    fn elapsed_ms(&self) -> i64 {
        i64::try_from(self.opened.elapsed().as_millis()).unwrap_or(i64::MAX)
    }
}

fn text_of(message: &ServerMessage) -> Utf8Bytes {
    serde_json::to_string(message)
        .expect("protocol messages always serialise")
        .into()
}

fn problem(problem: Problem) -> Message {
    Message::Text(text_of(&ServerMessage::Problem { problem }))
}

/// Serves `socket` for `admission` until it closes, then detaches it.
pub async fn serve(
    mut socket: WebSocket,
    state: AppState,
    admission: Admission,
    attached: Attached,
) {
    let Attached {
        welcome,
        mut receiver,
    } = attached;
    let welcome = text_of(&ServerMessage::Welcome(Box::new(welcome)));
    if socket.send(Message::Text(welcome)).await.is_ok() {
        run(&mut socket, &state, &admission, &mut receiver).await;
    }
    if let Err(err) = state
        .live
        .detach(&state.db, &admission, state.clock.now())
        .await
    {
        tracing::warn!(%err, table_id = admission.table_id, "detach failed");
    }
}

async fn run(
    socket: &mut WebSocket,
    state: &AppState,
    admission: &Admission,
    receiver: &mut tokio::sync::broadcast::Receiver<super::fanout::Delivery>,
) {
    let mut limits = Limits::new();
    let mut heard = Instant::now();
    let mut heartbeat = tokio::time::interval_at(Instant::now() + HEARTBEAT, HEARTBEAT);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { return };
                heard = Instant::now();
                let reply = match message {
                    Message::Text(text) => handle(state, admission, &mut limits, &text).await,
                    Message::Binary(_) => Some(problem(Problem::Malformed)),
                    Message::Close(_) => return,
                    Message::Ping(_) | Message::Pong(_) => None,
                };
                if let Some(reply) = reply {
                    if socket.send(reply).await.is_err() {
                        return;
                    }
                }
            }
            delivery = receiver.recv() => match delivery {
                Ok(delivery) => {
                    if !delivery.to.includes(&admission.listener()) {
                        continue;
                    }
                    if socket.send(Message::Text(delivery.text)).await.is_err() {
                        return;
                    }
                    if delivery.close {
                        close(socket, DONE, "done").await;
                        return;
                    }
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::debug!(missed, table_id = admission.table_id, "connection lagged");
                    close(socket, LAGGED, "lagged").await;
                    return;
                }
                Err(RecvError::Closed) => return,
            },
            _ = heartbeat.tick() => {
                if heard.elapsed() > SILENCE_LIMIT {
                    return;
                }
                if socket.send(Message::Ping(Default::default())).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Closes with the WebSocket closing handshake: the close frame, then whatever the
/// browser still sends until its own close frame (briefly). Dropping the connection
/// straight away could reset it and lose the last messages on the way.
async fn close(socket: &mut WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    if socket.send(Message::Close(Some(frame))).await.is_err() {
        return;
    }
    let _ = tokio::time::timeout(CLOSE_WAIT, async {
        while let Some(Ok(message)) = socket.recv().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
}

/// The answer to one text message, if it needs one.
async fn handle(
    state: &AppState,
    admission: &Admission,
    limits: &mut Limits,
    text: &str,
) -> Option<Message> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Some(problem(Problem::TooLarge));
    }
    let now_ms = limits.elapsed_ms();
    if !limits.any.take(now_ms) {
        return Some(problem(Problem::RateLimited));
    }
    let Ok(message) = serde_json::from_str::<ClientMessage>(text) else {
        return Some(problem(Problem::Malformed));
    };
    let now = state.clock.now();
    match message {
        ClientMessage::Ping { sent } => Some(Message::Text(text_of(&ServerMessage::Pong {
            sent,
            server_now: now,
        }))),
        ClientMessage::Chat { text } => {
            if !limits.chat.take(now_ms) {
                return Some(problem(Problem::RateLimited));
            }
            let posted = state.live.chat(&state.db, admission, &text, now).await;
            posted.err().map(problem)
        }
        ClientMessage::Activity { state: activity } => {
            state.live.activity(admission, activity);
            None
        }
        ClientMessage::Signal { to, signal } => {
            state.live.signal(admission, to, signal).err().map(problem)
        }
    }
}
