//! The table's audio through a LiveKit server, when the welcome says
//! `Transport::Livekit`: one [`LiveKitSession`] per room page, wrapping LiveKit's browser
//! client through `app/js/livekit.js`, a forwarder linked into every page that imports the
//! real layer (`public/js/livekit-session.js`, which imports the client from `/vendor/`)
//! on the first join only.
//!
//! The server's token decides what a seat may do (publish the microphone at an audio
//! table, nothing at a quiet one) and names its seat (attribute `seat`), which is how
//! voices in the room are put on seats. Muting keeps the microphone published but silent:
//! the others hear nothing, and unmuting needs no new permission or negotiation.

use super::{Device, Mic};
use crate::domain::voice::{self, Quality, SpeakingDetector};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// How long joining may take before the page gives up and says so (LiveKit itself gives
/// up on a silent server after 5 s, and on an unanswered connection after 15 s).
pub const JOIN_TIMEOUT: Duration = Duration::from_secs(20);

#[wasm_bindgen(module = "/js/livekit.js")]
extern "C" {
    /// A joined room (the module's `Session`).
    type Session;

    /// Resolves to a `Session`, or rejects with `{ kind }` (see [`JoinError`]).
    #[wasm_bindgen(js_name = join)]
    fn join_room(url: &str, token: &str, timeout_ms: u32) -> js_sys::Promise;

    /// Rejects with `"denied" | "missing" | "unsupported" | "failed"`.
    #[wasm_bindgen(method, js_name = setMicrophone)]
    fn set_microphone(this: &Session, on: bool, device: Option<&str>) -> js_sys::Promise;

    /// Resolves to JSON `[{"id","label"}]`.
    #[wasm_bindgen(method)]
    fn devices(this: &Session) -> js_sys::Promise;

    #[wasm_bindgen(method)]
    fn device(this: &Session) -> Option<String>;

    /// Resolves to a boolean.
    #[wasm_bindgen(method, js_name = useDevice)]
    fn use_device(this: &Session, id: &str) -> js_sys::Promise;

    /// Resolves to a boolean (whether playback runs now).
    #[wasm_bindgen(method, js_name = startAudio)]
    fn start_audio(this: &Session) -> js_sys::Promise;

    /// JSON, see [`Snapshot`].
    #[wasm_bindgen(method)]
    fn snapshot(this: &Session) -> String;

    #[wasm_bindgen(method)]
    fn close(this: &Session);
}

/// Why joining the room failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinError {
    /// This browser cannot do WebRTC (show what [`Mic::Unsupported`] shows).
    Unsupported,
    /// The LiveKit server refused the token (expired, or for another server).
    Refused,
    /// No room: the server did not answer in time, the connection broke, or LiveKit's
    /// client could not be loaded.
    Unreachable,
}

/// The room's connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoomState {
    /// In the room.
    Connected,
    /// The link dropped; LiveKit is reconnecting by itself.
    Reconnecting,
    /// Out of the room for good (it closed, the token expired, the same seat joined from
    /// another tab, or reconnecting failed): joining again needs a fresh token.
    Ended,
}

/// One reading of the room (see [`LiveKitSession::sample`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// Seats speaking now, this browser's own included (only while its microphone is
    /// live), in order.
    pub speaking: Vec<i64>,
    /// The link to each other seat in the room, in seat order.
    pub quality: Vec<(i64, Quality)>,
    /// False while the browser holds playback back until a click
    /// ([`LiveKitSession::start_audio`]).
    pub can_play: bool,
    /// The connection.
    pub room: RoomState,
    /// The published microphone stopped (unplugged, or taken by the system).
    pub mic_ended: bool,
}

/// The room as the module reports it.
#[derive(Debug, Deserialize)]
struct Snapshot {
    state: String,
    can_play: bool,
    mic: String,
    me: Member,
    others: Vec<Member>,
}

/// One participant in a [`Snapshot`].
#[derive(Debug, Deserialize)]
struct Member {
    seat: Option<i64>,
    speaking: bool,
    quality: String,
}

/// A microphone in the module's list.
#[derive(Debug, Deserialize)]
struct Listed {
    id: String,
    label: String,
}

/// This page's place in the table's LiveKit room. Cloning shares it (hold a clone across
/// an `await`); the room is left by [`close`](Self::close) or when the last clone goes.
#[derive(Clone)]
pub struct LiveKitSession {
    inner: Rc<Inner>,
}

struct Inner {
    session: Session,
    speech: RefCell<HashMap<i64, SpeakingDetector>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.session.close();
    }
}

impl LiveKitSession {
    /// Joins the room `token` admits to on the server at `url`, listening only; fails
    /// after [`JOIN_TIMEOUT`].
    pub async fn join(url: &str, token: &str) -> Result<Self, JoinError> {
        let timeout_ms = u32::try_from(JOIN_TIMEOUT.as_millis()).unwrap_or(u32::MAX);
        match JsFuture::from(join_room(url, token, timeout_ms)).await {
            Ok(session) => Ok(Self {
                inner: Rc::new(Inner {
                    session: wasm_bindgen::JsCast::unchecked_into(session),
                    speech: RefCell::new(HashMap::new()),
                }),
            }),
            Err(error) => {
                let kind = field(&error, "kind");
                leptos::logging::warn!("LiveKit: {}", field(&error, "message"));
                Err(match kind.as_str() {
                    "unsupported" => JoinError::Unsupported,
                    "refused" => JoinError::Refused,
                    _ => JoinError::Unreachable,
                })
            }
        }
    }

    /// Turns the microphone on or mutes it. The first time on asks the browser for it
    /// (`device`, or the default) and publishes it; after that, on and off unmute and
    /// mute it (muted, it sends nothing). With `device` and a published microphone, it
    /// moves to that device first. Fails with what the page should show
    /// ([`Mic::Denied`], [`Mic::Missing`], [`Mic::Unsupported`], [`Mic::Failed`]).
    pub async fn set_microphone(&self, on: bool, device: Option<&str>) -> Result<(), Mic> {
        JsFuture::from(self.inner.session.set_microphone(on, device))
            .await
            .map(drop)
            .map_err(|problem| match problem.as_string().as_deref() {
                Some("denied") => Mic::Denied,
                Some("missing") => Mic::Missing,
                Some("unsupported") => Mic::Unsupported,
                _ => Mic::Failed,
            })
    }

    /// The microphones to choose from (named once access was granted; never asks for it).
    pub async fn devices(&self) -> Vec<Device> {
        let Ok(json) = JsFuture::from(self.inner.session.devices()).await else {
            return Vec::new();
        };
        let listed: Vec<Listed> = json
            .as_string()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        listed
            .into_iter()
            .map(|d| Device {
                id: d.id,
                label: d.label,
            })
            .collect()
    }

    /// The microphone in use (or chosen for when it is turned on).
    pub fn device(&self) -> Option<String> {
        self.inner.session.device()
    }

    /// Moves the microphone to device `id` (mute stays as it was); false if that failed
    /// (the old one keeps working).
    pub async fn use_device(&self, id: &str) -> bool {
        JsFuture::from(self.inner.session.use_device(id))
            .await
            .is_ok_and(|done| done.is_truthy())
    }

    /// Starts the playback the browser held back; call it from a click. True when sound
    /// plays now.
    pub async fn start_audio(&self) -> bool {
        JsFuture::from(self.inner.session.start_audio())
            .await
            .is_ok_and(|playing| playing.is_truthy())
    }

    /// Who speaks and how each link is, now (call it on the level timer: speech is held
    /// briefly after the last loud reading, as on the mesh).
    pub fn sample(&self) -> Sample {
        let Some(snapshot) = self.read() else {
            return Sample {
                speaking: Vec::new(),
                quality: Vec::new(),
                can_play: true,
                room: RoomState::Ended,
                mic_ended: false,
            };
        };
        let now = js_sys::Date::now();
        let room = match snapshot.state.as_str() {
            "connected" => RoomState::Connected,
            "disconnected" => RoomState::Ended,
            _ => RoomState::Reconnecting,
        };
        let mut speech = self.inner.speech.borrow_mut();
        let mut hears = |seat: i64, loud: bool| {
            let level = if loud { 1.0 } else { 0.0 };
            speech.entry(seat).or_default().sample(level, now)
        };
        let mut speaking = Vec::new();
        if let Some(seat) = snapshot.me.seat {
            if hears(seat, snapshot.me.speaking && snapshot.mic == "live") {
                speaking.push(seat);
            }
        }
        let mine = voice::livekit_quality(&snapshot.me.quality);
        let mut quality = Vec::new();
        for other in &snapshot.others {
            let Some(seat) = other.seat else {
                continue;
            };
            if hears(seat, other.speaking) {
                speaking.push(seat);
            }
            let link = match room {
                RoomState::Connected => {
                    voice::through_server(mine, voice::livekit_quality(&other.quality))
                }
                RoomState::Reconnecting => Quality::Connecting,
                RoomState::Ended => Quality::Lost,
            };
            quality.push((seat, link));
        }
        speaking.sort_unstable();
        speaking.dedup();
        quality.sort_unstable_by_key(|(seat, _)| *seat);
        Sample {
            speaking,
            quality,
            can_play: snapshot.can_play,
            room,
            mic_ended: snapshot.mic == "ended",
        }
    }

    /// Leaves the room: playback stops and the microphone is released. (Dropping the
    /// last clone does the same.)
    pub fn close(&self) {
        self.inner.session.close();
    }

    fn read(&self) -> Option<Snapshot> {
        serde_json::from_str(&self.inner.session.snapshot()).ok()
    }
}

/// A string field of a JS value ("" when absent).
fn field(value: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(value, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
