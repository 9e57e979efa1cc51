//! Audio at the table. The server's welcome says how (`api::audio_types`): on the mesh,
//! each browser holds one WebRTC connection per other connected student, negotiated
//! over the table channel ("perfect negotiation", the lower seat polite); at a quiet
//! table nobody publishes. The microphone is asked for on a click (and turned on by
//! itself once the browser remembers the permission); mute with the button or `M`.
//! Through the Focus blocks every microphone rests (`domain::voice::MicRule`): it sends
//! only while the student holds "talk" (the button or `M`), and opens again at the break
//! unless they had muted it.
//!
//! [`Voice`] is what the page shows (microphone state, devices, who is speaking, link
//! quality per seat, blocked playback) and how it asks for changes; the engine behind it
//! runs only in the browser.

mod bar;
#[cfg(feature = "hydrate")]
mod engine;
#[cfg(feature = "hydrate")]
pub(super) mod livekit;
#[cfg(feature = "hydrate")]
mod media;
#[cfg(feature = "hydrate")]
mod peer;
#[cfg(feature = "hydrate")]
mod via_livekit;

pub use bar::AudioBar;

use crate::domain::matching::TableMode;
use crate::domain::schedule::Phase;
use crate::domain::voice::{MicRule, MicShown, Quality};
use leptos::prelude::*;

/// The microphone, as the page shows it.
#[cfg_attr(
    not(feature = "hydrate"),
    expect(dead_code, reason = "only the browser's engine changes the microphone")
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mic {
    /// Not asked for yet.
    Off,
    /// The browser is asking the student.
    Asking,
    /// Sending.
    Live,
    /// Held but muted.
    Muted,
    /// Held, resting through a Focus block (hold to talk).
    Resting,
    /// The student or the browser refused access.
    Denied,
    /// No microphone found.
    Missing,
    /// It could not start (busy, unplugged…).
    Failed,
    /// This browser cannot do audio calls here (no WebRTC, or not a secure page).
    Unsupported,
}

impl Mic {
    /// Stable key (for tests and styling).
    pub const fn key(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Asking => "asking",
            Self::Live => "live",
            Self::Muted => "muted",
            Self::Resting => "resting",
            Self::Denied => "denied",
            Self::Missing => "missing",
            Self::Failed => "failed",
            Self::Unsupported => "unsupported",
        }
    }
}

impl From<MicShown> for Mic {
    fn from(shown: MicShown) -> Self {
        match shown {
            MicShown::Live => Self::Live,
            MicShown::Muted => Self::Muted,
            MicShown::Resting => Self::Resting,
        }
    }
}

/// A microphone the student can pick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// The browser's id for it.
    pub id: String,
    /// Its name.
    pub label: String,
}

/// What the page asks the engine to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Turn the microphone on, or mute / unmute it.
    ToggleMic,
    /// Use another microphone.
    UseDevice(String),
    /// Start playback the browser paused (autoplay rules).
    EnableSound,
    /// Hold "talk" (true) or let go (false) during a Focus block.
    Hold(bool),
}

/// How this page's audio runs, decided by the engine from the table's first setup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(dead_code, reason = "the engine that decides runs in the browser only")
)]
pub enum AudioPath {
    /// A quiet table: no microphone, no connection, nothing to hear.
    Quiet,
    /// This browser has no microphone access at all.
    Unsupported,
    /// Browser to browser (no LiveKit configured).
    Mesh,
    /// Through the LiveKit server.
    Livekit,
}

impl AudioPath {
    /// The page's `data-audio-path` (the browser tests wait for it before checking that
    /// nothing else was loaded or opened).
    pub fn key(self) -> &'static str {
        match self {
            Self::Quiet => "quiet",
            Self::Unsupported => "unsupported",
            Self::Mesh => "mesh",
            Self::Livekit => "livekit",
        }
    }
}

/// The table's audio as signals, provided to the room.
#[derive(Clone, Copy, Debug)]
pub struct Voice {
    /// False at a quiet table.
    pub may_speak: RwSignal<bool>,
    /// The microphone.
    pub mic: RwSignal<Mic>,
    /// How the audio runs, once the engine has decided.
    pub path: RwSignal<Option<AudioPath>>,
    /// A Focus block is running: microphones rest.
    pub resting: RwSignal<bool>,
    /// The student holds "talk".
    pub holding: RwSignal<bool>,
    /// The student muted the microphone themselves.
    pub muted: RwSignal<bool>,
    /// Microphones to choose from (known once access is granted).
    pub devices: RwSignal<Vec<Device>>,
    /// The one in use.
    pub device: RwSignal<Option<String>>,
    /// Seats speaking now (this browser's own seat included).
    pub speaking: RwSignal<Vec<i64>>,
    /// Link quality to each other student's seat.
    pub quality: RwSignal<Vec<(i64, Quality)>>,
    /// The browser refused to start playback until the student clicks.
    pub sound_blocked: RwSignal<bool>,
    /// The audio server could not be reached (LiveKit): the table works without sound.
    pub unreachable: RwSignal<bool>,
    #[cfg(feature = "hydrate")]
    commands: StoredValue<Option<Runner>, LocalStorage>,
}

/// Runs the page's commands (the engine, while it runs).
#[cfg(feature = "hydrate")]
type Runner = std::rc::Rc<dyn Fn(Command)>;

impl Voice {
    fn new(may_speak: bool, resting: bool) -> Self {
        Self {
            may_speak: RwSignal::new(may_speak),
            mic: RwSignal::new(Mic::Off),
            path: RwSignal::new(None),
            resting: RwSignal::new(resting),
            holding: RwSignal::new(false),
            muted: RwSignal::new(false),
            devices: RwSignal::new(Vec::new()),
            device: RwSignal::new(None),
            speaking: RwSignal::new(Vec::new()),
            quality: RwSignal::new(Vec::new()),
            sound_blocked: RwSignal::new(false),
            unreachable: RwSignal::new(false),
            #[cfg(feature = "hydrate")]
            commands: StoredValue::new_local(None),
        }
    }

    /// Asks the engine for `command` (nothing happens before it runs).
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(unused_variables, reason = "no engine on the server")
    )]
    pub fn command(&self, command: Command) {
        #[cfg(feature = "hydrate")]
        if let Some(run) = self.commands.try_get_value().flatten() {
            run(command);
        }
    }

    /// The rule a held microphone follows now (untracked).
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(dead_code, reason = "only the browser's engine applies it")
    )]
    pub fn rule(&self) -> MicRule {
        MicRule {
            resting: self.resting.get_untracked(),
            holding: self.holding.get_untracked(),
            muted: self.muted.get_untracked(),
        }
    }

    /// Whether `seat` is speaking (tracked).
    pub fn is_speaking(&self, seat: i64) -> bool {
        self.speaking.with(|s| s.contains(&seat))
    }

    /// The link quality to `seat`, when there is a connection to it (tracked).
    pub fn quality_of(&self, seat: i64) -> Option<Quality> {
        self.quality
            .with(|q| q.iter().find(|(s, _)| *s == seat).map(|(_, q)| *q))
    }
}

/// Starts the table's audio for the current room (a table in `mode`, now in `phase`) and
/// provides [`Voice`] to it; it stops (connections closed, microphone released) when the
/// room goes away. A page that opens mid-Focus starts resting.
pub fn provide_voice(mode: TableMode, phase: Memo<Phase>) -> Voice {
    let voice = Voice::new(mode == TableMode::Audio, phase.get_untracked().is_work());
    provide_context(voice);
    Effect::new(move |_| {
        let resting = phase.get().is_work();
        if voice.resting.get_untracked() != resting {
            voice.holding.set(false);
            voice.resting.set(resting);
        }
    });
    #[cfg(feature = "hydrate")]
    engine::start(voice, super::use_table());
    voice
}

/// The room's [`Voice`], if audio runs here (not in the waiting room).
pub fn use_voice() -> Option<Voice> {
    use_context::<Voice>()
}
