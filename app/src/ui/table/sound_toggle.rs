//! The "chime at phase changes" switch, remembered in this browser (off until chosen:
//! browsers only allow sound after a click anyway).

use crate::i18n::*;
use leptos::prelude::*;

/// Where the choice is remembered.
#[cfg(feature = "hydrate")]
const CHIME_KEY: &str = "focus-squad.chime";

/// The switch.
#[component]
pub fn SoundToggle() -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(false);
    Effect::new(move |_| on.set(stored()));
    let toggle = move |_| {
        let next = !on.get_untracked();
        on.set(next);
        remember(next);
        #[cfg(feature = "hydrate")]
        if next {
            // The click is the gesture that lets the page make sound: play a sample.
            super::chime::play();
        }
    };
    view! {
        <button
            type="button"
            class="flex min-h-11 items-center gap-2 rounded-full bg-surface px-4 text-sm font-medium shadow-soft"
            aria-pressed=move || on.get().to_string()
            on:click=toggle
            data-testid="chime-toggle"
        >
            <svg viewBox="0 0 8 8" class="h-4 w-4" shape-rendering="crispEdges" aria-hidden="true">
                <rect x="3" y="0" width="2" height="1" fill="#6B5840" />
                <rect x="2" y="1" width="4" height="4" fill="#C9A962" />
                <rect x="1" y="5" width="6" height="1" fill="#C9A962" />
                <rect x="3" y="6" width="2" height="1" fill="#6B5840" />
                <Show when=move || !on.get()>
                    <rect x="0" y="7" width="1" height="1" fill="#B85C5C" />
                    <rect x="1" y="6" width="1" height="1" fill="#B85C5C" />
                    <rect x="2" y="5" width="1" height="1" fill="#B85C5C" />
                    <rect x="5" y="2" width="1" height="1" fill="#B85C5C" />
                    <rect x="6" y="1" width="1" height="1" fill="#B85C5C" />
                    <rect x="7" y="0" width="1" height="1" fill="#B85C5C" />
                    <rect x="3" y="4" width="2" height="1" fill="#B85C5C" />
                </Show>
            </svg>
            {t_string!(i18n, table.chime)}
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whether the chime is on in this browser (never on the server).
pub fn stored() -> bool {
    #[cfg(feature = "hydrate")]
    return storage()
        .and_then(|s| s.get_item(CHIME_KEY).ok().flatten())
        .is_some_and(|v| v == "on");
    #[cfg(not(feature = "hydrate"))]
    false
}

#[cfg_attr(
    not(feature = "hydrate"),
    expect(unused_variables, reason = "no storage on the server")
)]
fn remember(on: bool) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let _ = storage.set_item(CHIME_KEY, if on { "on" } else { "off" });
    }
}
