//! One WebRTC connection to one tablemate, negotiated the "perfect negotiation" way:
//! either side may offer when its tracks change; on colliding offers the impolite side
//! (higher seat) ignores the other's and the polite side rolls back and answers.
//! Operations are started in the order messages arrive (the connection queues them), so
//! candidates never overtake the description they belong to.

use super::engine::{Engine, Shared};
use super::media;
use crate::api::audio_types::{SdpKind, Signal, SignalBody};
use crate::api::live_types::ClientMessage;
use crate::domain::voice::{self, Quality, SpeakingDetector, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    HtmlAudioElement, MediaStream, MediaStreamTrack, RtcConfiguration, RtcIceCandidateInit,
    RtcPeerConnection, RtcPeerConnectionIceEvent, RtcPeerConnectionState, RtcRtpReceiver,
    RtcRtpSender, RtcSdpType, RtcSessionDescriptionInit, RtcSignalingState, RtcTrackEvent,
};

#[wasm_bindgen]
extern "C" {
    /// An `RTCPeerConnection`, for the methods web-sys does not bind.
    type ImplicitDescription;
    /// `setLocalDescription()` without arguments (creates the right offer or answer;
    /// web-sys only binds the one-argument form).
    #[wasm_bindgen(method, js_name = setLocalDescription)]
    fn set_local_description(this: &ImplicitDescription) -> js_sys::Promise;
}

fn set_local_description_implicit(pc: &RtcPeerConnection) -> js_sys::Promise {
    pc.unchecked_ref::<ImplicitDescription>()
        .set_local_description()
}

/// The connection to one seat.
pub struct Peer {
    /// Who sits there (a new occupant means a new connection).
    pub occupant: String,
    /// The connection.
    pub pc: RtcPeerConnection,
    /// Our number for it.
    pub local: u32,
    /// Theirs, once known.
    pub remote: Option<u32>,
    polite: bool,
    making_offer: bool,
    ignore_offer: bool,
    sender: Option<RtcRtpSender>,
    /// Their audio, once it arrives.
    pub receiver: Option<RtcRtpReceiver>,
    /// Plays their audio.
    pub audio: HtmlAudioElement,
    /// Whether they are speaking.
    pub speech: SpeakingDetector,
    /// The received audio's cumulative `(energy, seconds)` at the last level reading.
    pub energy: Option<(f64, f64)>,
    /// Their loudness over the last reading (0–1).
    pub level: f64,
    /// Packets lost and received at the last quality reading.
    pub counts: (u64, u64),
    /// Link quality, as last judged.
    pub quality: Quality,
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Peer {
    /// Closes the connection and stops playback.
    pub fn close(&self) {
        for handler_slot in ["onnegotiationneeded", "onicecandidate", "ontrack"] {
            let _ = js_sys::Reflect::set(&self.pc, &handler_slot.into(), &JsValue::NULL);
        }
        self.pc.set_onconnectionstatechange(None);
        self.pc.close();
        let _ = self.audio.pause();
        self.audio.set_src_object(None);
    }

    /// Sends `track` to this peer (replacing what was sent before).
    pub fn send_track(&mut self, track: &MediaStreamTrack) {
        match &self.sender {
            Some(sender) => {
                let replaced = sender.replace_track(Some(track));
                // Refused only when the connection is closing: nothing to do then.
                spawn_local(async move {
                    let _ = JsFuture::from(replaced).await;
                });
            }
            None => {
                let Ok(stream) = MediaStream::new() else {
                    return;
                };
                stream.add_track(track);
                self.sender = Some(self.pc.add_track_0(track, &stream));
            }
        }
    }

    fn set_pc_handler(&mut self, slot: &str, handler: Closure<dyn FnMut(JsValue)>) {
        let _ = js_sys::Reflect::set(&self.pc, &slot.into(), handler.as_ref().unchecked_ref());
        self.handlers.push(handler);
    }
}

fn random_id() -> u32 {
    // Uniform in 1..u32::MAX; only needs to differ from this peer's previous numbers.
    (js_sys::Math::random() * f64::from(u32::MAX - 1)) as u32 + 1
}

fn configuration(engine: &Engine) -> RtcConfiguration {
    let config = RtcConfiguration::new();
    let servers = js_sys::Array::new();
    for server in &engine.ice {
        let entry = js_sys::Object::new();
        let urls: js_sys::Array = server.urls.iter().map(|u| JsValue::from_str(u)).collect();
        let _ = js_sys::Reflect::set(&entry, &"urls".into(), &urls);
        if let (Some(user), Some(credential)) = (&server.username, &server.credential) {
            let _ = js_sys::Reflect::set(&entry, &"username".into(), &user.into());
            let _ = js_sys::Reflect::set(&entry, &"credential".into(), &credential.into());
        }
        servers.push(&entry);
    }
    config.set_ice_servers(&servers);
    config
}

/// Opens a connection to `seat` (held by `occupant`), with the handlers that drive it.
pub fn open(shared: &Shared, seat: i64, occupant: String) -> Option<Peer> {
    let engine = shared.borrow();
    let pc = RtcPeerConnection::new_with_configuration(&configuration(&engine)).ok()?;
    let audio = HtmlAudioElement::new().ok()?;
    audio.set_autoplay(true);
    let local = random_id();
    let mut peer = Peer {
        occupant,
        pc,
        local,
        remote: None,
        polite: voice::polite(engine.me, seat),
        making_offer: false,
        ignore_offer: false,
        sender: None,
        receiver: None,
        audio,
        speech: SpeakingDetector::default(),
        energy: None,
        level: 0.0,
        counts: (0, 0),
        quality: Quality::Connecting,
        handlers: Vec::new(),
    };
    drop(engine);
    let weak = Rc::downgrade(shared);
    let on_negotiation = {
        let weak = weak.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| negotiate(&weak, seat, local))
    };
    peer.set_pc_handler("onnegotiationneeded", on_negotiation);
    let on_candidate = {
        let weak = weak.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let event: RtcPeerConnectionIceEvent = event.unchecked_into();
            if let (Some(candidate), Some(shared)) = (event.candidate(), weak.upgrade()) {
                let body = SignalBody::Candidate {
                    candidate: candidate.candidate(),
                    sdp_mid: candidate.sdp_mid(),
                    sdp_m_line_index: candidate.sdp_m_line_index(),
                };
                send(&shared.borrow(), seat, local, body);
            }
        })
    };
    peer.set_pc_handler("onicecandidate", on_candidate);
    let on_track = {
        let weak = weak.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let event: RtcTrackEvent = event.unchecked_into();
            if let Some(shared) = weak.upgrade() {
                heard(&shared, seat, local, &event);
            }
        })
    };
    peer.set_pc_handler("ontrack", on_track);
    let on_state = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        if let Some(shared) = weak.upgrade() {
            state_changed(&shared, seat, local);
        }
    });
    peer.pc
        .set_onconnectionstatechange(Some(on_state.as_ref().unchecked_ref()));
    peer.handlers.push(on_state);
    Some(peer)
}

/// Sends `body` from our connection `local` to `seat`.
pub fn send(engine: &Engine, seat: i64, local: u32, body: SignalBody) {
    let remote = engine.peers.get(&seat).and_then(|p| p.remote);
    engine.channel.send(&ClientMessage::Signal {
        to: seat,
        signal: Signal {
            from_pc: local,
            to_pc: remote,
            body,
        },
    });
}

fn kind_of(sdp_type: RtcSdpType) -> SdpKind {
    match sdp_type {
        RtcSdpType::Offer => SdpKind::Offer,
        RtcSdpType::Pranswer => SdpKind::Pranswer,
        RtcSdpType::Rollback => SdpKind::Rollback,
        _ => SdpKind::Answer,
    }
}

fn sdp_type(kind: SdpKind) -> RtcSdpType {
    match kind {
        SdpKind::Offer => RtcSdpType::Offer,
        SdpKind::Answer => RtcSdpType::Answer,
        SdpKind::Pranswer => RtcSdpType::Pranswer,
        SdpKind::Rollback => RtcSdpType::Rollback,
    }
}

fn send_local_description(shared: &Shared, seat: i64, local: u32, pc: &RtcPeerConnection) {
    if let Some(description) = pc.local_description() {
        let body = SignalBody::Description {
            sdp_kind: kind_of(description.type_()),
            sdp: description.sdp(),
        };
        send(&shared.borrow(), seat, local, body);
    }
}

/// Our tracks changed: offer.
fn negotiate(weak: &Weak<std::cell::RefCell<Engine>>, seat: i64, local: u32) {
    let Some(shared) = weak.upgrade() else {
        return;
    };
    let pc = {
        let mut engine = shared.borrow_mut();
        let Some(peer) = engine.peer_mut(seat, local) else {
            return;
        };
        peer.making_offer = true;
        peer.pc.clone()
    };
    let promise = set_local_description_implicit(&pc);
    let weak = weak.clone();
    spawn_local(async move {
        let made = JsFuture::from(promise).await.is_ok();
        let Some(shared) = weak.upgrade() else {
            return;
        };
        if let Some(peer) = shared.borrow_mut().peer_mut(seat, local) {
            peer.making_offer = false;
        }
        if made {
            send_local_description(&shared, seat, local, &pc);
        }
    });
}

/// A message from `from`'s browser.
pub fn receive(shared: &Shared, from: i64, signal: Signal) {
    let Some(occupant) = shared.borrow().wanted(from) else {
        return;
    };
    if !shared.borrow().peers.contains_key(&from) {
        let Some(peer) = open(shared, from, occupant.clone()) else {
            return;
        };
        shared.borrow_mut().peers.insert(from, peer);
    }
    let (local, remote) = {
        let engine = shared.borrow();
        let peer = &engine.peers[&from];
        (peer.local, peer.remote)
    };
    let local = match voice::verdict(local, remote, signal.from_pc, signal.to_pc) {
        Verdict::Stale => return,
        Verdict::Handle => local,
        Verdict::Adopt => {
            paired(shared, from, signal.from_pc);
            local
        }
        Verdict::Restart => {
            let Some(peer) = open(shared, from, occupant) else {
                return;
            };
            let local = peer.local;
            if let Some(old) = shared.borrow_mut().peers.insert(from, peer) {
                old.close();
            }
            paired(shared, from, signal.from_pc);
            local
        }
    };
    match signal.body {
        SignalBody::Hello => {
            if voice::answer_hello(local, signal.to_pc) {
                send(&shared.borrow(), from, local, SignalBody::Hello);
            }
        }
        SignalBody::Description { sdp_kind, sdp } => described(shared, from, local, sdp_kind, &sdp),
        SignalBody::Candidate {
            candidate,
            sdp_mid,
            sdp_m_line_index,
        } => {
            let engine = shared.borrow();
            let Some(peer) = engine.peers.get(&from) else {
                return;
            };
            let init = RtcIceCandidateInit::new(&candidate);
            init.set_sdp_mid(sdp_mid.as_deref());
            init.set_sdp_m_line_index(sdp_m_line_index);
            let promise = peer
                .pc
                .add_ice_candidate_with_opt_rtc_ice_candidate_init(Some(&init));
            // Fails harmlessly for candidates of an offer we ignored.
            spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}

/// We now know the peer's connection number: send our microphone, if on.
fn paired(shared: &Shared, seat: i64, remote: u32) {
    let mut engine = shared.borrow_mut();
    let track = engine.mic.clone();
    if let Some(peer) = engine.peers.get_mut(&seat) {
        peer.remote = Some(remote);
        if let Some(track) = track {
            peer.send_track(&track);
        }
    }
}

fn described(shared: &Shared, seat: i64, local: u32, kind: SdpKind, sdp: &str) {
    let pc = {
        let mut engine = shared.borrow_mut();
        let Some(peer) = engine.peer_mut(seat, local) else {
            return;
        };
        let offer = kind == SdpKind::Offer;
        let collision =
            offer && (peer.making_offer || peer.pc.signaling_state() != RtcSignalingState::Stable);
        peer.ignore_offer = !peer.polite && collision;
        if peer.ignore_offer {
            return;
        }
        peer.pc.clone()
    };
    let init = RtcSessionDescriptionInit::new(sdp_type(kind));
    init.set_sdp(sdp);
    let applied = pc.set_remote_description(&init);
    let weak = Rc::downgrade(shared);
    spawn_local(async move {
        if JsFuture::from(applied).await.is_err() || kind != SdpKind::Offer {
            return;
        }
        if JsFuture::from(set_local_description_implicit(&pc))
            .await
            .is_ok()
        {
            if let Some(shared) = weak.upgrade() {
                send_local_description(&shared, seat, local, &pc);
            }
        }
    });
}

/// Their audio arrived: play it.
fn heard(shared: &Shared, seat: i64, local: u32, event: &RtcTrackEvent) {
    let (audio, voice) = {
        let mut engine = shared.borrow_mut();
        let voice = engine.voice;
        let Some(peer) = engine.peer_mut(seat, local) else {
            return;
        };
        peer.receiver = Some(event.receiver());
        let stream = match event.streams().get(0).dyn_into::<MediaStream>() {
            Ok(stream) => stream,
            Err(_) => {
                let Ok(stream) = MediaStream::new() else {
                    return;
                };
                stream.add_track(&event.track());
                stream
            }
        };
        peer.audio.set_src_object(Some(&stream));
        (peer.audio.clone(), voice)
    };
    spawn_local(async move {
        if !media::play(&audio).await {
            voice.sound_blocked.try_set(true);
        }
    });
}

fn state_changed(shared: &Shared, seat: i64, local: u32) {
    let restart = {
        let mut engine = shared.borrow_mut();
        let Some(peer) = engine.peer_mut(seat, local) else {
            return;
        };
        let state = peer.pc.connection_state();
        peer.quality = match state {
            RtcPeerConnectionState::Connected => match peer.quality {
                Quality::Connecting | Quality::Lost => Quality::Good,
                judged => judged,
            },
            RtcPeerConnectionState::Failed | RtcPeerConnectionState::Closed => Quality::Lost,
            _ => Quality::Connecting,
        };
        let restart = state == RtcPeerConnectionState::Failed && !peer.polite;
        engine.publish_quality();
        restart
    };
    // The impolite side starts over after a failure (the polite side follows its hello),
    // so the two never restart past each other.
    if restart {
        super::engine::reconnect(shared, seat);
    }
}
