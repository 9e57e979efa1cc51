//! The "chime at phase changes" switch, remembered in this browser (off until chosen:
//! browsers only allow sound after a click anyway).

use crate::i18n::*;
use crate::ui::pixel::{self, Pixels};
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
            {move || {
                let art = if on.get() { &pixel::BELL } else { &pixel::BELL_OFF };
                view! { <Pixels art=art class="h-4 w-4" /> }
            }}
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
