//! The WebSocket behind a [`Channel`] (browser only): opens `/ws/table/{id}`, feeds the
//! channel, syncs the clock with pings, and reconnects with backoff (0.5 s doubling to
//! 10 s, with jitter), resuming after the last board entry it has. It stops for good when
//! the server says the seat is left or the session is over, or the page goes away. A
//! socket that closes before it ever opened may have been refused (a browser cannot see
//! the HTTP status): the page asks the server why, and a lasting reason (left, ended, seat
//! gone, signed out) closes the channel with that reason instead of retrying.

use super::channel::{Channel, ChannelState};
use crate::api::live_types::{
    channel_path, ClientMessage, CloseReason, ServerMessage, PROTOCOL_VERSION,
};
use crate::api::table_page::channel_refusal;
use crate::domain::clock_sync::ClockSync;
use crate::error::AppError;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// Pings while connected (clock sync and liveness).
const PING_EVERY: Duration = Duration::from_secs(10);
/// Quick pings right after connecting, for a good first estimate.
const FIRST_PINGS: u32 = 4;

#[derive(Default)]
struct Connection {
    attempt: u32,
    stopped: bool,
    /// The current socket has opened.
    opened: bool,
    sync: ClockSync,
    handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    pinger: Option<IntervalHandle>,
}

type Shared = Rc<RefCell<Connection>>;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn url(table_id: i64, after: Option<u64>) -> String {
    let location = window().location();
    let secure = location.protocol().is_ok_and(|p| p == "https:");
    let host = location.host().unwrap_or_default();
    let mut url = format!(
        "{}://{host}{}?v={PROTOCOL_VERSION}",
        if secure { "wss" } else { "ws" },
        channel_path(table_id)
    );
    if let Some(after) = after {
        url.push_str(&format!("&after={after}"));
    }
    url
}

/// Connects `channel` to table `table_id` until the component that called this is gone.
pub fn connect(channel: Channel, table_id: i64) {
    let shared: Shared = Rc::new(RefCell::new(Connection::default()));
    open(channel, table_id, shared.clone());
    let cleanup = send_wrapper::SendWrapper::new(shared);
    on_cleanup(move || {
        let shared = cleanup.take();
        stop(&shared);
        channel.socket.update_value(|socket| {
            if let Some(socket) = socket.take() {
                let _ = socket.close();
            }
        });
    });
}

fn stop(shared: &Shared) {
    let mut connection = shared.borrow_mut();
    connection.stopped = true;
    if let Some(pinger) = connection.pinger.take() {
        pinger.clear();
    }
}

fn ping(channel: Channel) {
    channel.send(&ClientMessage::Ping { sent: now_ms() });
}

/// A few quick pings, for a good estimate soon.
fn burst(channel: Channel) {
    for i in 0..FIRST_PINGS {
        set_timeout(
            move || ping(channel),
            Duration::from_millis(u64::from(i) * 250),
        );
    }
}

fn open(channel: Channel, table_id: i64, shared: Shared) {
    if shared.borrow().stopped {
        return;
    }
    let Ok(socket) = WebSocket::new(&url(table_id, channel.last_seq())) else {
        retry(channel, table_id, shared);
        return;
    };
    let on_open = {
        let shared = shared.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            shared.borrow_mut().attempt = 0;
            shared.borrow_mut().opened = true;
            burst(channel);
            let pinger = set_interval_with_handle(move || ping(channel), PING_EVERY).ok();
            if let Some(old) = std::mem::replace(&mut shared.borrow_mut().pinger, pinger) {
                old.clear();
            }
        })
    };
    let on_message = {
        let shared = shared.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(text) = event
                .dyn_ref::<MessageEvent>()
                .and_then(|e| e.data().as_string())
            else {
                return;
            };
            let Ok(message) = serde_json::from_str::<ServerMessage>(&text) else {
                return;
            };
            match message {
                ServerMessage::Pong { sent, server_now } => {
                    let mut connection = shared.borrow_mut();
                    let server = server_now.unix_millis() as f64;
                    connection.sync.record(sent, server, now_ms());
                    if let Some(offset) = connection.sync.offset_ms() {
                        channel.offset_ms.set(offset);
                    }
                }
                ServerMessage::Closing { .. } => {
                    stop(&shared);
                    channel.apply(message);
                }
                // A phase began: check the clock again at once (cheap, and it catches a
                // server clock that stepped since the last ping).
                ServerMessage::Phase { .. } => burst(channel),
                other => channel.apply(other),
            }
        })
    };
    let on_close = {
        let shared = shared.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let _ = event.dyn_ref::<CloseEvent>();
            if let Some(pinger) = shared.borrow_mut().pinger.take() {
                pinger.clear();
            }
            if shared.borrow().stopped {
                return;
            }
            if !matches!(channel.state.get_untracked(), ChannelState::Closed(_)) {
                channel.state.set(ChannelState::Retrying);
            }
            if shared.borrow().opened {
                retry(channel, table_id, shared.clone());
            } else {
                ask_why(channel, table_id, shared.clone());
            }
        })
    };
    shared.borrow_mut().opened = false;
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    // The previous socket's handlers are dropped with it.
    shared.borrow_mut().handlers = vec![on_open, on_message, on_close];
    channel.socket.set_value(Some(socket));
}

/// The socket closed before it opened: a lasting refusal closes the channel with its
/// reason; anything else (the network, a busy server) is retried.
fn ask_why(channel: Channel, table_id: i64, shared: Shared) {
    let shared = send_wrapper::SendWrapper::new(shared);
    leptos::task::spawn_local(async move {
        let shared = shared.take();
        let reason = match channel_refusal(table_id).await {
            Ok(reason) => reason,
            Err(AppError::Unauthenticated) => Some(CloseReason::SignedOut),
            Err(_) => None,
        };
        if shared.borrow().stopped {
            return;
        }
        match reason {
            Some(reason) => {
                stop(&shared);
                channel.apply(ServerMessage::Closing { reason });
            }
            None => retry(channel, table_id, shared),
        }
    });
}

fn retry(channel: Channel, table_id: i64, shared: Shared) {
    let attempt = {
        let mut connection = shared.borrow_mut();
        connection.attempt += 1;
        connection.attempt
    };
    let base = 500.0 * 2f64.powi(i32::try_from(attempt.min(5)).unwrap_or(5) - 1);
    let delay = base.min(10_000.0) * (0.75 + js_sys::Math::random() / 2.0);
    // 0.4–12.5 s: the cast cannot truncate.
    let delay = Duration::from_millis(delay as u64);
    let shared = send_wrapper::SendWrapper::new(shared);
    set_timeout(move || open(channel, table_id, shared.take()), delay);
}
