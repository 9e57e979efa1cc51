//! The browser's microphone and sound output: asking for the microphone (with the reason
//! when it fails), listing microphones, measuring the local level, and starting playback
//! of a tablemate's stream (which autoplay rules may hold back until a click).

use super::{Device, Mic};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AnalyserNode, AudioContext, HtmlAudioElement, MediaDeviceInfo, MediaDeviceKind, MediaDevices,
    MediaStream, MediaStreamConstraints, MediaStreamTrack,
};

/// The browser's media devices, when this page may use them (WebRTC present and a
/// secure page: `https:` or localhost).
pub fn media_devices() -> Option<MediaDevices> {
    let window = web_sys::window()?;
    let has_rtc = Reflect::has(&window, &"RTCPeerConnection".into()).unwrap_or(false);
    let navigator = window.navigator();
    let devices = Reflect::get(&navigator, &"mediaDevices".into()).ok()?;
    (has_rtc && !devices.is_undefined() && !devices.is_null()).then(|| devices.unchecked_into())
}

/// True when the browser already allows this site the microphone (so turning it on
/// needs no question).
pub async fn permission_granted() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Ok(permissions) = Reflect::get(&navigator, &"permissions".into()) else {
        return false;
    };
    let Ok(query) = Reflect::get(&permissions, &"query".into()) else {
        return false;
    };
    let Some(query) = query.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let descriptor = Object::new();
    let _ = Reflect::set(&descriptor, &"name".into(), &"microphone".into());
    let Ok(promise) = query.call1(&permissions, &descriptor) else {
        return false;
    };
    let Ok(status) = JsFuture::from(js_sys::Promise::from(promise)).await else {
        return false;
    };
    Reflect::get(&status, &"state".into())
        .ok()
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == "granted")
}

/// Asks for a microphone (`device`, or the default), with echo cancellation, noise
/// suppression and automatic gain. The error is what the page should say.
pub async fn open_microphone(device: Option<&str>) -> Result<MediaStreamTrack, Mic> {
    let devices = media_devices().ok_or(Mic::Unsupported)?;
    let audio = Object::new();
    for key in ["echoCancellation", "noiseSuppression", "autoGainControl"] {
        let _ = Reflect::set(&audio, &key.into(), &JsValue::TRUE);
    }
    if let Some(id) = device {
        let exact = Object::new();
        let _ = Reflect::set(&exact, &"exact".into(), &id.into());
        let _ = Reflect::set(&audio, &"deviceId".into(), &exact);
    }
    let constraints = MediaStreamConstraints::new();
    constraints.set_audio(&audio);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|_| Mic::Unsupported)?;
    let stream: MediaStream = JsFuture::from(promise)
        .await
        .map_err(|error| reason(&error))?
        .unchecked_into();
    stream
        .get_audio_tracks()
        .get(0)
        .dyn_into::<MediaStreamTrack>()
        .map_err(|_| Mic::Missing)
}

/// What a `getUserMedia` failure means for the student.
fn reason(error: &JsValue) -> Mic {
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => Mic::Denied,
        "NotFoundError" | "OverconstrainedError" => Mic::Missing,
        _ => Mic::Failed,
    }
}

/// The microphones the browser lists (names only once access was granted).
pub async fn microphones() -> Vec<Device> {
    let Some(devices) = media_devices() else {
        return Vec::new();
    };
    let Ok(promise) = devices.enumerate_devices() else {
        return Vec::new();
    };
    let Ok(list) = JsFuture::from(promise).await else {
        return Vec::new();
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|d| d.dyn_into::<MediaDeviceInfo>().ok())
        .filter(|d| d.kind() == MediaDeviceKind::Audioinput && !d.device_id().is_empty())
        .map(|d| Device {
            id: d.device_id(),
            label: d.label(),
        })
        .collect()
}

/// Measures a microphone's level without ever sending it to the speakers.
pub struct Meter {
    context: AudioContext,
    analyser: AnalyserNode,
    buffer: Vec<f32>,
}

impl Meter {
    /// A meter on `track`, if the browser can make one.
    pub fn new(track: &MediaStreamTrack) -> Option<Self> {
        let context = AudioContext::new().ok()?;
        let stream = MediaStream::new().ok()?;
        stream.add_track(track);
        let source = context.create_media_stream_source(&stream).ok()?;
        let analyser = context.create_analyser().ok()?;
        // About 43 ms at 48 kHz: long enough to catch short sounds between two readings.
        analyser.set_fft_size(2048);
        source.connect_with_audio_node(&analyser).ok()?;
        let buffer = vec![0.0; analyser.fft_size() as usize];
        Some(Self {
            context,
            analyser,
            buffer,
        })
    }

    /// The level now (RMS, 0–1; 0 until the browser lets the meter run).
    pub fn level(&mut self) -> f64 {
        if self.context.state() != web_sys::AudioContextState::Running {
            return 0.0;
        }
        self.analyser.get_float_time_domain_data(&mut self.buffer);
        crate::domain::voice::rms(&self.buffer)
    }

    /// Lets it run (call on a click: browsers start audio contexts suspended when the
    /// page has not been clicked yet).
    pub fn resume(&self) {
        settle(self.context.resume());
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        settle(self.context.close());
    }
}

/// Waits for a promise whose outcome does not matter, so a refusal is not reported as
/// an unhandled rejection.
fn settle(promise: Result<js_sys::Promise, JsValue>) {
    if let Ok(promise) = promise {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Plays `element`; false when the browser holds playback back until a click.
pub async fn play(element: &HtmlAudioElement) -> bool {
    match element.play() {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}
