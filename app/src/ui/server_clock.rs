//! The server's time as the browser estimates it. Rendered on the server from the server's
//! answer; after hydration it ticks every second, corrected by the offset between the
//! server's answer and the browser's own clock (so a wrong local clock does not matter).

use crate::domain::time::Timestamp;
use leptos::prelude::*;
use std::time::Duration;

/// A signal that starts at `server_now` and, in the browser, follows the server's clock.
pub fn ticking_server_now(server_now: Timestamp) -> Signal<Timestamp> {
    let now = RwSignal::new(server_now);
    Effect::new(move |_| {
        let offset = server_now.unix_millis() - browser_now_ms();
        let tick = move || now.set(Timestamp::from_unix_millis(browser_now_ms() + offset));
        let handle = set_interval_with_handle(tick, Duration::from_secs(1)).ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    });
    now.into()
}

/// The browser's clock. Only called from effects, which run only in the browser.
fn browser_now_ms() -> i64 {
    js_sys::Date::now() as i64
}
