//! A soft two-note chime made with WebAudio (no sound files): two sine tones with gentle
//! attack and release, quiet enough not to startle.

use std::cell::RefCell;
use web_sys::{AudioContext, OscillatorType};

thread_local! {
    static CONTEXT: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
}

/// Plays the chime when the student turned it on.
pub fn play_if_enabled() {
    if super::sound_toggle::stored() {
        play();
    }
}

/// Plays the chime (the first call must come from a click for browsers to allow sound).
pub fn play() {
    CONTEXT.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = AudioContext::new().ok();
        }
        let Some(context) = cell.as_ref() else {
            return;
        };
        let _ = context.resume();
        let start = context.current_time();
        for (i, frequency) in [659.25_f32, 880.0].into_iter().enumerate() {
            let at = start + 0.18 * i as f64;
            let _ = tone(context, frequency, at);
        }
    });
}

fn tone(context: &AudioContext, frequency: f32, at: f64) -> Result<(), wasm_bindgen::JsValue> {
    let oscillator = context.create_oscillator()?;
    oscillator.set_type(OscillatorType::Sine);
    oscillator.frequency().set_value(frequency);
    let gain = context.create_gain()?;
    let level = gain.gain();
    level.set_value_at_time(0.0, at)?;
    level.linear_ramp_to_value_at_time(0.12, at + 0.03)?;
    level.set_target_at_time(0.0, at + 0.08, 0.25)?;
    oscillator.connect_with_audio_node(&gain)?;
    gain.connect_with_audio_node(&context.destination())?;
    oscillator.start_with_when(at)?;
    oscillator.stop_with_when(at + 1.4)?;
    Ok(())
}
