//! The server's time as the browser estimates it. Rendered on the server from the server's
//! answer; after hydration it ticks, corrected by the offset between the server's clock and
//! the browser's own (so a wrong local clock does not matter). The table page refines the
//! offset from its channel's pings; other pages keep the first estimate.

use crate::domain::time::Timestamp;
use leptos::prelude::*;
use std::time::Duration;

/// The server's clock in the browser.
#[derive(Clone, Copy)]
pub struct ServerClock {
    /// The server's time, as of the last tick.
    pub now: Signal<Timestamp>,
    /// The server's clock minus the browser's, in ms: first estimated from the page's
    /// load, and replaced by whoever has a better estimate.
    pub offset_ms: RwSignal<f64>,
}

impl ServerClock {
    /// A clock that starts at `server_now` and, in the browser, ticks every `every`.
    pub fn start(server_now: Timestamp, every: Duration) -> Self {
        let now = RwSignal::new(server_now);
        let offset_ms = RwSignal::new(0.0);
        Effect::new(move |_| {
            offset_ms.set(server_now.unix_millis() as f64 - browser_now_ms());
            let tick = move || {
                let offset = offset_ms.get_untracked();
                now.set(Timestamp::from_unix_millis(
                    (browser_now_ms() + offset) as i64,
                ));
            };
            let handle = set_interval_with_handle(tick, every).ok();
            on_cleanup(move || {
                if let Some(handle) = handle {
                    handle.clear();
                }
            });
        });
        Self {
            now: now.into(),
            offset_ms,
        }
    }
}

/// A signal that starts at `server_now` and, in the browser, follows the server's clock to
/// the second.
pub fn ticking_server_now(server_now: Timestamp) -> Signal<Timestamp> {
    ServerClock::start(server_now, Duration::from_secs(1)).now
}

/// The browser's clock. Only called from effects, which run only in the browser.
fn browser_now_ms() -> f64 {
    js_sys::Date::now()
}
