//! Reports this browser's activity to the table (SPEC, Presence): active while the page
//! is visible, away ("in flow") after 2 minutes hidden, ghosting after 5. Checked on an
//! interval, not animation frames (those stop in hidden tabs). Typing is reported by the
//! chat box itself. The microphone level joins in with audio.

use super::channel::{Channel, ChannelState};
use crate::api::live_types::ClientMessage;
use crate::domain::activity::Activity;
use leptos::prelude::*;
use std::time::Duration;

const CHECK_EVERY: Duration = Duration::from_secs(5);

/// Starts reporting for `channel` until the calling owner is cleaned up.
pub fn report(channel: Channel) {
    let last_signal = StoredValue::new(js_sys::Date::now());
    let reported = StoredValue::new(None::<Activity>);
    // After a reconnect the state is sent again.
    Effect::new(move |_| {
        if channel.state.get() == ChannelState::Open {
            reported.set_value(None);
        }
    });
    let check = move || {
        let now = js_sys::Date::now();
        if !document().hidden() {
            last_signal.set_value(now);
        }
        let idle = (now - last_signal.get_value()) as i64;
        let state = Activity::after_idle(idle);
        if reported.get_value() != Some(state)
            && channel.state.get_untracked() == ChannelState::Open
        {
            reported.set_value(Some(state));
            channel.send(&ClientMessage::Activity { state });
        }
    };
    let handle = set_interval_with_handle(check, CHECK_EVERY).ok();
    on_cleanup(move || {
        if let Some(handle) = handle {
            handle.clear();
        }
    });
}
