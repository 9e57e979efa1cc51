//! The audio controls above the seats: the microphone button (also `M`; held to talk
//! while microphones rest through Focus), the device picker, what went wrong with the microphone and what to do, "click to enable sound"
//! when the browser holds playback back, and at a quiet table why nobody speaks.

use super::{AudioPath, Command, Mic, Voice};
use crate::i18n::*;
use crate::ui::pixel::{self, Pixels};
use leptos::either::Either;
use leptos::prelude::*;

/// The key that mutes and unmutes.
#[cfg(feature = "hydrate")]
const SHORTCUT: &str = "m";

/// The controls.
#[component]
pub fn AudioBar(voice: Voice) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "hydrate")]
    {
        let held = move || {
            matches!(
                voice.mic.get_untracked(),
                Mic::Live | Mic::Muted | Mic::Resting
            )
        };
        let down = window_event_listener(leptos::ev::keydown, move |event| {
            if is_shortcut(&event) && held() {
                event.prevent_default();
                if voice.resting.get_untracked() {
                    voice.command(Command::Hold(true));
                } else {
                    voice.command(Command::ToggleMic);
                }
            }
        });
        let up = window_event_listener(leptos::ev::keyup, move |event| {
            if is_shortcut(&event) && voice.holding.get_untracked() {
                voice.command(Command::Hold(false));
            }
        });
        // Letting go of a key in another window never reaches this one.
        let blur = window_event_listener(leptos::ev::blur, move |_| {
            if voice.holding.get_untracked() {
                voice.command(Command::Hold(false));
            }
        });
        on_cleanup(move || {
            down.remove();
            up.remove();
            blur.remove();
        });
    }
    let body = move || {
        if voice.may_speak.get() {
            Either::Left(view! { <MicControls voice /> })
        } else {
            Either::Right(view! {
                <p class="flex items-center gap-2 text-sm" data-testid="quiet-mode">
                    <Pixels art=&pixel::MIC_OFF class="h-4 w-4 shrink-0" />
                    <span>
                        <strong>{t_string!(i18n, audio.quiet_title)}</strong>
                        " "
                        {t_string!(i18n, audio.quiet_body)}
                    </span>
                </p>
            })
        }
    };
    view! {
        <section
            class="flex flex-col gap-2 rounded-2xl bg-surface px-4 py-3 shadow-soft"
            aria-label=t_string!(i18n, audio.region)
            data-testid="audio-bar"
            data-mic=move || voice.mic.get().key()
            data-audio-path=move || voice.path.get().map(AudioPath::key)
        >
            {body}
            <Show when=move || voice.unreachable.get()>
                <p role="alert" class="text-sm text-error" data-testid="audio-unreachable">
                    {t_string!(i18n, audio.livekit_failed)}
                </p>
            </Show>
            <Show when=move || voice.sound_blocked.get()>
                <button
                    type="button"
                    class="self-start rounded-full bg-accent px-4 py-2 text-sm font-bold text-ink shadow-soft"
                    on:click=move |_| voice.command(Command::EnableSound)
                    data-testid="enable-sound"
                >
                    {t_string!(i18n, audio.enable_sound)}
                </button>
            </Show>
        </section>
    }
}

/// True for a plain `M` typed outside any text field.
#[cfg(feature = "hydrate")]
fn is_shortcut(event: &web_sys::KeyboardEvent) -> bool {
    if event.ctrl_key() || event.meta_key() || event.alt_key() || event.repeat() {
        return false;
    }
    if !event.key().eq_ignore_ascii_case(SHORTCUT) {
        return false;
    }
    let typing = event
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        });
    !typing
}

#[component]
fn MicControls(voice: Voice) -> impl IntoView {
    let i18n = use_i18n();
    let resting = move || voice.resting.get();
    let label = move || match voice.mic.get() {
        Mic::Resting => t_string!(i18n, audio.hold_to_talk),
        Mic::Live if resting() => t_string!(i18n, audio.hold_to_talk),
        Mic::Live => t_string!(i18n, audio.mute),
        Mic::Muted => t_string!(i18n, audio.unmute),
        Mic::Asking => t_string!(i18n, audio.asking),
        Mic::Off | Mic::Denied | Mic::Missing | Mic::Failed | Mic::Unsupported => {
            t_string!(i18n, audio.turn_on)
        }
    };
    let problem = move || {
        let text = match voice.mic.get() {
            Mic::Denied => t_string!(i18n, audio.denied),
            Mic::Missing => t_string!(i18n, audio.missing),
            Mic::Failed => t_string!(i18n, audio.failed),
            Mic::Unsupported => t_string!(i18n, audio.unsupported),
            _ => return None,
        };
        Some(view! {
            <p role="alert" class="text-sm text-error" data-testid="mic-problem">
                {text}
            </p>
        })
    };
    let live = move || matches!(voice.mic.get(), Mic::Live | Mic::Muted | Mic::Resting);
    let button_class = move || {
        let colours = match voice.mic.get() {
            Mic::Live => "bg-success/20 text-ink",
            Mic::Muted => "bg-error/15 text-ink",
            Mic::Resting => "bg-accent/30 text-ink",
            _ => "bg-primary text-surface",
        };
        format!("flex min-h-11 items-center gap-2 rounded-full px-4 text-sm font-bold shadow-soft disabled:opacity-60 {colours}")
    };
    let status = move || match voice.mic.get() {
        Mic::Live if resting() => Some(t_string!(i18n, audio.status_holding)),
        Mic::Live => Some(t_string!(i18n, audio.status_live)),
        Mic::Muted => Some(t_string!(i18n, audio.status_muted)),
        Mic::Resting => Some(t_string!(i18n, audio.status_resting)),
        _ => None,
    };
    // While microphones rest the button talks while pressed (pointer, Space or Enter).
    let hold = move |on: bool| {
        if resting() {
            voice.command(Command::Hold(on));
        }
    };
    let hold_key = move |event: leptos::ev::KeyboardEvent, on: bool| {
        if resting() && matches!(event.key().as_str(), " " | "Enter") {
            event.prevent_default();
            if !(on && event.repeat()) {
                voice.command(Command::Hold(on));
            }
        }
    };
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <button
                type="button"
                class=button_class
                disabled=move || matches!(voice.mic.get(), Mic::Asking | Mic::Unsupported)
                aria-pressed=move || {
                    live()
                        .then(|| {
                            if resting() {
                                voice.holding.get().to_string()
                            } else {
                                (voice.mic.get() == Mic::Muted).to_string()
                            }
                        })
                }
                aria-keyshortcuts=move || live().then_some("M")
                on:click=move |_| voice.command(Command::ToggleMic)
                on:pointerdown=move |_| hold(true)
                on:pointerup=move |_| hold(false)
                on:pointerleave=move |_| hold(false)
                on:pointercancel=move |_| hold(false)
                on:keydown=move |ev| hold_key(ev, true)
                on:keyup=move |ev| hold_key(ev, false)
                data-testid="mic-button"
            >
                <Pixels art=&pixel::MIC class="h-4 w-4 shrink-0" />
                {label}
                <Show when=live>
                    <kbd
                        class="rounded border border-ink/30 px-1 text-xs font-normal"
                        aria-hidden="true"
                    >
                        "M"
                    </kbd>
                </Show>
            </button>
            <p class="text-sm text-ink/80" role="status">
                {status}
            </p>
            <Show when=move || live() && !voice.devices.with(Vec::is_empty)>
                <DevicePicker voice />
            </Show>
        </div>
        {problem}
    }
}

#[component]
fn DevicePicker(voice: Voice) -> impl IntoView {
    let i18n = use_i18n();
    let options = move || {
        let chosen = voice.device.get();
        voice
            .devices
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, device)| {
                let selected = chosen.as_deref() == Some(device.id.as_str());
                let label = if device.label.is_empty() {
                    crate::ui::format::fill(t_string!(i18n, audio.device_n), "n", i + 1)
                } else {
                    device.label
                };
                view! {
                    <option value=device.id selected=selected>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="flex items-center gap-2 text-sm">
            <span>{t_string!(i18n, audio.device)}</span>
            <select
                class="min-h-11 max-w-56 truncate rounded-xl border border-primary/30 bg-background px-2"
                on:change=move |ev| voice.command(Command::UseDevice(event_target_value(&ev)))
                data-testid="mic-device"
            >
                {options}
            </select>
        </label>
    }
}
