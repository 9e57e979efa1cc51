//! The browser's audio engine for one room: holds the microphone and one [`Peer`] per
//! other connected student (mesh transport), follows the roster, handles the page's
//! commands, and samples levels (speaking rings) and connection statistics (quality).

use super::livekit::LiveKitSession;
use super::media::{self, Meter};
use super::peer::{self, Peer};
use super::via_livekit;
use super::{AudioPath, Command, Mic, Voice};
use crate::api::audio_types::{IceServer, SignalBody, Transport};
use crate::api::live_types::{Link, SeatState};
use crate::api::table_types::Occupant;
use crate::domain::voice::{self, Quality, SpeakingDetector};
use crate::ui::table::channel::Channel;
use crate::ui::table::TableContext;
use js_sys::Reflect;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStreamTrack, RtcPeerConnectionState};

/// How often levels are sampled (speaking rings).
const LEVEL_EVERY: Duration = Duration::from_millis(150);
/// Connection statistics are read every this many level samples (about 2 s).
const STATS_EVERY: u32 = 13;

/// The engine's state.
pub struct Engine {
    pub voice: Voice,
    pub channel: Channel,
    pub me: i64,
    pub ice: Vec<IceServer>,
    pub peers: HashMap<i64, Peer>,
    pub mic: Option<MediaStreamTrack>,
    /// The LiveKit room, when the table's audio goes through LiveKit and it was joined.
    pub livekit: Option<LiveKitSession>,
    via_livekit: bool,
    mic_ended: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
    meter: Option<Meter>,
    my_speech: SpeakingDetector,
    started: bool,
    ticks: u32,
    timer: Option<IntervalHandle>,
}

pub type Shared = Rc<RefCell<Engine>>;

impl Engine {
    /// The peer for `seat`, if it is still connection `local`.
    pub fn peer_mut(&mut self, seat: i64, local: u32) -> Option<&mut Peer> {
        self.peers.get_mut(&seat).filter(|p| p.local == local)
    }

    /// The occupant of `seat` when this browser should hold a connection to it: another
    /// student, still at the table, at a table where people speak.
    pub fn wanted(&self, seat: i64) -> Option<String> {
        if !self.started
            || self.via_livekit
            || seat == self.me
            || !self.voice.may_speak.get_untracked()
        {
            return None;
        }
        self.channel.seats.with_untracked(|seats| {
            seats
                .iter()
                .find(|s| s.seat == seat)
                .and_then(wanted_occupant)
        })
    }

    /// Shows the quality of every peer audio is negotiated with (while neither side
    /// has a microphone on, there is no link to judge).
    pub fn publish_quality(&self) {
        let mut list: Vec<(i64, Quality)> = self
            .peers
            .iter()
            .filter(|(_, p)| p.pc.connection_state() != RtcPeerConnectionState::New)
            .map(|(s, p)| (*s, p.quality))
            .collect();
        list.sort_unstable_by_key(|(s, _)| *s);
        if self.voice.quality.try_get_untracked().as_ref() != Some(&list) {
            self.voice.quality.try_set(list);
        }
    }
}

fn wanted_occupant(seat: &SeatState) -> Option<String> {
    match (&seat.occupant, seat.link) {
        (Occupant::Human { username, .. }, Link::Connected | Link::Reconnecting { .. }) => {
            Some(username.clone())
        }
        _ => None,
    }
}

/// Starts the engine for the current room (stopped when the room goes away).
pub fn start(voice: Voice, table: TableContext) {
    let shared: Shared = Rc::new(RefCell::new(Engine {
        voice,
        channel: table.channel,
        me: table.seat,
        ice: Vec::new(),
        peers: HashMap::new(),
        mic: None,
        livekit: None,
        via_livekit: false,
        mic_ended: None,
        meter: None,
        my_speech: SpeakingDetector::default(),
        started: false,
        ticks: 0,
        timer: None,
    }));
    let weak = Rc::downgrade(&shared);
    table.channel.on_signal.set_value(Some(Rc::new({
        let weak = weak.clone();
        move |from, signal| {
            if let Some(shared) = weak.upgrade() {
                peer::receive(&shared, from, signal);
            }
        }
    })));
    voice.commands.set_value(Some(Rc::new({
        let weak = weak.clone();
        move |command| {
            if let Some(shared) = weak.upgrade() {
                run(&shared, command);
            }
        }
    })));
    // A Focus block begins or ends: the held microphone follows.
    let rest_engine = SendWrapper::new(shared.clone());
    Effect::new(move |_| {
        voice.resting.track();
        apply_rule(&rest_engine);
    });
    let effect_engine = SendWrapper::new(shared.clone());
    Effect::new(move |_| {
        let setup = table.channel.audio.get();
        let seats = table.channel.seats.get();
        if let Some(setup) = setup {
            begin(&effect_engine, setup.may_speak, setup.transport);
            sync(&effect_engine, &seats);
        }
    });
    let timer = set_interval_with_handle(
        {
            let weak = SendWrapper::new(weak);
            move || {
                if let Some(shared) = weak.upgrade() {
                    sample(&shared);
                }
            }
        },
        LEVEL_EVERY,
    )
    .ok();
    shared.borrow_mut().timer = timer;
    let cleanup = SendWrapper::new(shared);
    on_cleanup(move || {
        let shared = cleanup.take();
        table.channel.on_signal.try_set_value(None);
        stop(&shared);
    });
}

/// First setup from the server: remember it, and turn the microphone on when the
/// browser already allows it (audio tables only).
fn begin(shared: &Shared, may_speak: bool, transport: Transport) {
    let mut engine = shared.borrow_mut();
    if engine.started {
        // A reconnect: fresh TURN credentials for connections opened from now on.
        if let Transport::Mesh { ice_servers } = transport {
            engine.ice = ice_servers;
        }
        return;
    }
    engine.started = true;
    engine.voice.may_speak.set(may_speak);
    let voice = engine.voice;
    if !may_speak {
        voice.path.set(Some(AudioPath::Quiet));
        return;
    }
    if media::media_devices().is_none() {
        voice.mic.set(Mic::Unsupported);
        voice.path.set(Some(AudioPath::Unsupported));
        return;
    }
    let (url, token) = match transport {
        Transport::Mesh { ice_servers } => {
            engine.ice = ice_servers;
            drop(engine);
            voice.path.set(Some(AudioPath::Mesh));
            auto_on(shared);
            return;
        }
        Transport::Livekit { url, token } => (url, token),
    };
    engine.via_livekit = true;
    drop(engine);
    voice.path.set(Some(AudioPath::Livekit));
    via_livekit::join(shared, url, token);
}

/// Turns the microphone on by itself when the browser already allows it.
fn auto_on(shared: &Shared) {
    let weak = Rc::downgrade(shared);
    spawn_local(async move {
        if media::permission_granted().await {
            if let Some(shared) = weak.upgrade() {
                turn_on(&shared, None);
            }
        }
    });
}

/// Opens and closes connections to follow the roster.
fn sync(shared: &Shared, seats: &[SeatState]) {
    let wanted: Vec<(i64, String)> = {
        let engine = shared.borrow();
        seats
            .iter()
            .filter_map(|s| engine.wanted(s.seat).map(|o| (s.seat, o)))
            .collect()
    };
    let gone: Vec<i64> = shared
        .borrow()
        .peers
        .iter()
        .filter(|(seat, peer)| {
            !wanted
                .iter()
                .any(|(s, o)| s == *seat && *o == peer.occupant)
        })
        .map(|(seat, _)| *seat)
        .collect();
    for seat in gone {
        if let Some(peer) = shared.borrow_mut().peers.remove(&seat) {
            peer.close();
        }
    }
    for (seat, occupant) in wanted {
        if !shared.borrow().peers.contains_key(&seat) {
            connect(shared, seat, occupant);
        }
    }
    shared.borrow().publish_quality();
}

/// A new connection to `seat`, announced with a hello.
fn connect(shared: &Shared, seat: i64, occupant: String) {
    let Some(peer) = peer::open(shared, seat, occupant) else {
        return;
    };
    let local = peer.local;
    if let Some(old) = shared.borrow_mut().peers.insert(seat, peer) {
        old.close();
    }
    peer::send(&shared.borrow(), seat, local, SignalBody::Hello);
}

/// Starts the connection to `seat` over (after a failure).
pub fn reconnect(shared: &Shared, seat: i64) {
    let occupant = shared.borrow().wanted(seat);
    if let Some(occupant) = occupant {
        connect(shared, seat, occupant);
    }
}

fn run(shared: &Shared, command: Command) {
    let voice = shared.borrow().voice;
    if shared.borrow().via_livekit {
        let session = shared.borrow().livekit.clone();
        if let Some(session) = session {
            via_livekit::run(voice, session, command);
        }
        return;
    }
    // Every command comes from a click or a key: the moment a browser lets audio start.
    if let Some(meter) = &shared.borrow().meter {
        meter.resume();
    }
    match command {
        Command::ToggleMic => match voice.mic.get_untracked() {
            // During Focus the button holds to talk instead.
            Mic::Live | Mic::Muted if !voice.resting.get_untracked() => {
                voice.muted.update(|m| *m = !*m);
                apply_rule(shared);
            }
            Mic::Live | Mic::Muted | Mic::Resting | Mic::Asking | Mic::Unsupported => {}
            Mic::Off | Mic::Denied | Mic::Missing | Mic::Failed => turn_on(shared, None),
        },
        Command::Hold(holding) => {
            if voice.resting.get_untracked() && voice.holding.get_untracked() != holding {
                voice.holding.set(holding);
                apply_rule(shared);
            }
        }
        Command::UseDevice(id) => turn_on(shared, Some(id)),
        Command::EnableSound => {
            let engine = shared.borrow();
            let players: Vec<_> = engine.peers.values().map(|p| p.audio.clone()).collect();
            spawn_local(async move {
                let mut all = true;
                for player in &players {
                    all &= media::play(player).await;
                }
                if all {
                    voice.sound_blocked.try_set(false);
                }
            });
        }
    }
}

/// Opens the microphone (`device`, or the default) and sends it to every paired peer;
/// a new device replaces the old one in place, keeping mute as it was.
fn turn_on(shared: &Shared, device: Option<String>) {
    let voice = shared.borrow().voice;
    let replacing = shared.borrow().mic.is_some();
    if !replacing {
        voice.mic.set(Mic::Asking);
    }
    let weak = Rc::downgrade(shared);
    spawn_local(async move {
        let opened = media::open_microphone(device.as_deref()).await;
        let Some(shared) = weak.upgrade() else {
            if let Ok(track) = opened {
                track.stop();
            }
            return;
        };
        match opened {
            Ok(track) => {
                use_track(&shared, track);
                let devices = media::microphones().await;
                voice.devices.try_set(devices);
            }
            Err(problem) if !replacing => {
                voice.mic.try_set(problem);
            }
            // The old microphone keeps working.
            Err(_) => {}
        }
    });
}

/// Makes the held microphone (mesh or LiveKit) follow [`Voice::rule`]: resting through
/// Focus unless held, otherwise open unless the student muted it.
fn apply_rule(shared: &Shared) {
    let engine = shared.borrow();
    let voice = engine.voice;
    if let Some(session) = engine.livekit.clone() {
        drop(engine);
        via_livekit::apply_rule(voice, session);
        return;
    }
    if let Some(track) = &engine.mic {
        let rule = voice.rule();
        track.set_enabled(rule.open());
        voice.mic.try_set(rule.shown().into());
    }
}

fn use_track(shared: &Shared, track: MediaStreamTrack) {
    let mut engine = shared.borrow_mut();
    let voice = engine.voice;
    // Never a moment open against the rule (a page opened mid-Focus starts resting).
    track.set_enabled(voice.rule().open());
    if let Some(old) = engine.mic.take() {
        old.set_onended(None);
        old.stop();
    }
    let ended = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        voice.mic.try_set(Mic::Failed);
    });
    track.set_onended(Some(ended.as_ref().unchecked_ref()));
    engine.mic_ended = Some(ended);
    for peer in engine.peers.values_mut().filter(|p| p.remote.is_some()) {
        peer.send_track(&track);
    }
    engine.meter = Meter::new(&track);
    if let Some(meter) = &engine.meter {
        meter.resume();
    }
    let settings = track.get_settings();
    let id = Reflect::get(&settings, &"deviceId".into())
        .ok()
        .and_then(|v| v.as_string());
    // Moved, never `track.clone()`: web-sys' inherent `clone` is the JavaScript one and
    // would make a second, separately muted track.
    engine.mic = Some(track);
    voice.device.set(id);
    voice.mic.set(voice.rule().shown().into());
}

/// Levels every tick; statistics every [`STATS_EVERY`] ticks.
fn sample(shared: &Shared) {
    let session = shared.borrow().livekit.clone();
    if let Some(session) = session {
        via_livekit::sample(shared.borrow().voice, &session);
        return;
    }
    let now = js_sys::Date::now();
    let mut engine = shared.borrow_mut();
    let engine = &mut *engine;
    let mut speaking = Vec::new();
    let live = engine.voice.mic.try_get_untracked() == Some(Mic::Live);
    let level = match (&mut engine.meter, live) {
        (Some(meter), true) => meter.level(),
        _ => 0.0,
    };
    if engine.my_speech.sample(level, now) {
        speaking.push(engine.me);
    }
    for (seat, peer) in &mut engine.peers {
        if peer.speech.sample(peer.level, now) {
            speaking.push(*seat);
        }
        if let Some(receiver) = &peer.receiver {
            read_level(
                Rc::downgrade(shared),
                *seat,
                peer.local,
                receiver.get_stats(),
            );
        }
    }
    speaking.sort_unstable();
    if engine.voice.speaking.try_get_untracked().as_ref() != Some(&speaking) {
        engine.voice.speaking.try_set(speaking);
    }
    engine.ticks = engine.ticks.wrapping_add(1);
    if engine.ticks.is_multiple_of(STATS_EVERY) {
        for (seat, peer) in &engine.peers {
            if peer.pc.connection_state() == RtcPeerConnectionState::Connected {
                read_stats(
                    Rc::downgrade(shared),
                    *seat,
                    peer.local,
                    peer.pc.get_stats(),
                );
            }
        }
    }
}

/// Reads how loud a peer was since the last reading (into `Peer::level`, used by the
/// next tick): from the receiver's cumulative audio energy, so a short sound between two
/// ticks is not missed the way an instantaneous level would miss it.
fn read_level(weak: Weak<RefCell<Engine>>, seat: i64, local: u32, stats: js_sys::Promise) {
    spawn_local(async move {
        let Ok(report) = JsFuture::from(stats).await else {
            return;
        };
        let mut reading = None;
        if let Ok(Some(entries)) = js_sys::try_iter(&report) {
            for entry in entries.flatten() {
                let stat = js_sys::Array::from(&entry).get(1);
                let number = |name: &str| {
                    Reflect::get(&stat, &name.into())
                        .ok()
                        .and_then(|v| v.as_f64())
                };
                let inbound = Reflect::get(&stat, &"type".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .is_some_and(|t| t == "inbound-rtp");
                if inbound {
                    if let (Some(energy), Some(seconds)) =
                        (number("totalAudioEnergy"), number("totalSamplesDuration"))
                    {
                        reading = Some((energy, seconds));
                    }
                }
            }
        }
        let (Some(reading), Some(shared)) = (reading, weak.upgrade()) else {
            return;
        };
        let mut engine = shared.borrow_mut();
        if let Some(peer) = engine.peer_mut(seat, local) {
            peer.level = peer
                .energy
                .map_or(0.0, |before| voice::level_between(before, reading));
            peer.energy = Some(reading);
        }
    });
}

/// Judges a peer's link from its statistics: round trip of the candidate pair in use,
/// and audio packets lost / received since the last reading.
fn read_stats(weak: Weak<RefCell<Engine>>, seat: i64, local: u32, stats: js_sys::Promise) {
    spawn_local(async move {
        let Ok(report) = JsFuture::from(stats).await else {
            return;
        };
        let mut rtt_ms = None;
        let (mut lost, mut received) = (0u64, 0u64);
        if let Ok(Some(entries)) = js_sys::try_iter(&report) {
            for entry in entries.flatten() {
                let stat = js_sys::Array::from(&entry).get(1);
                let field = |name: &str| Reflect::get(&stat, &name.into()).ok();
                let text = |name: &str| field(name).and_then(|v| v.as_string());
                let number = |name: &str| field(name).and_then(|v| v.as_f64());
                match text("type").as_deref() {
                    Some("candidate-pair")
                        if field("nominated").and_then(|v| v.as_bool()) == Some(true)
                            && text("state").as_deref() == Some("succeeded") =>
                    {
                        rtt_ms = number("currentRoundTripTime")
                            .map(|s| s * 1000.0)
                            .or(rtt_ms);
                    }
                    Some("inbound-rtp") if text("kind").as_deref() == Some("audio") => {
                        // Counters (non-negative integers; lost may dip below 0 with
                        // duplicates, which counts as none).
                        lost += number("packetsLost").unwrap_or(0.0).max(0.0) as u64;
                        received += number("packetsReceived").unwrap_or(0.0).max(0.0) as u64;
                    }
                    _ => {}
                }
            }
        }
        let Some(shared) = weak.upgrade() else {
            return;
        };
        let mut engine = shared.borrow_mut();
        let Some(peer) = engine.peer_mut(seat, local) else {
            return;
        };
        let (was_lost, was_received) = peer.counts;
        peer.counts = (lost, received);
        peer.quality = voice::judge(
            rtt_ms,
            lost.saturating_sub(was_lost),
            received.saturating_sub(was_received),
        );
        engine.publish_quality();
    });
}

fn stop(shared: &Shared) {
    let mut engine = shared.borrow_mut();
    if let Some(timer) = engine.timer.take() {
        timer.clear();
    }
    for (_, peer) in engine.peers.drain() {
        peer.close();
    }
    if let Some(track) = engine.mic.take() {
        track.set_onended(None);
        track.stop();
    }
    engine.mic_ended = None;
    engine.meter = None;
    if let Some(session) = engine.livekit.take() {
        session.close();
    }
    engine.voice.commands.try_set_value(None);
}
