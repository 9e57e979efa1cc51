//! The engine's LiveKit half: when the welcome says `Transport::Livekit`, the page joins
//! the table's room (listening), and the same controls drive LiveKit's microphone.
//! Quiet tables do not join: nobody there may publish, so there is nothing to hear.

use super::engine::Shared;
use super::livekit::{JoinError, LiveKitSession, RoomState};
use super::{media, Command, Mic, Voice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Joins the room `token` admits to, then turns the microphone on if the browser
/// already allows it (the forced-audio default).
pub fn join(shared: &Shared, url: String, token: String) {
    let voice = shared.borrow().voice;
    let weak = Rc::downgrade(shared);
    spawn_local(async move {
        match LiveKitSession::join(&url, &token).await {
            Ok(session) => {
                let Some(shared) = weak.upgrade() else {
                    session.close();
                    return;
                };
                shared.borrow_mut().livekit = Some(session.clone());
                if media::permission_granted().await {
                    microphone(voice, &session).await;
                }
            }
            Err(JoinError::Unsupported) => {
                voice.mic.try_set(Mic::Unsupported);
            }
            Err(JoinError::Refused | JoinError::Unreachable) => {
                voice.unreachable.try_set(true);
            }
        }
    });
}

/// Publishes the microphone the first time (asking for it), then makes it follow
/// [`Voice::rule`] (open, muted, or resting through Focus), and shows the outcome.
async fn microphone(voice: Voice, session: &LiveKitSession) {
    let first = !matches!(
        voice.mic.get_untracked(),
        Mic::Live | Mic::Muted | Mic::Resting
    );
    if first {
        voice.mic.try_set(Mic::Asking);
    }
    // The first time it must be published (on); mid-Focus it is muted straight after.
    let published = if first {
        session.set_microphone(true, None).await
    } else {
        Ok(())
    };
    let outcome = match published {
        Ok(()) => follow_rule(voice, session, first).await,
        Err(problem) => Err(problem),
    };
    match outcome {
        Ok(()) => {
            voice.mic.try_set(voice.rule().shown().into());
            if first {
                voice.devices.try_set(session.devices().await);
                voice.device.try_set(session.device());
            }
        }
        Err(problem) if first => {
            voice.mic.try_set(problem);
        }
        // Muting or unmuting a published microphone failed: it stays as it was.
        Err(_) => {}
    }
}

/// Runs a page command against the room.
pub fn run(voice: Voice, session: LiveKitSession, command: Command) {
    spawn_local(async move {
        match command {
            Command::ToggleMic => match voice.mic.get_untracked() {
                // During Focus the button holds to talk instead.
                Mic::Live | Mic::Muted if !voice.resting.get_untracked() => {
                    voice.muted.update(|m| *m = !*m);
                    microphone(voice, &session).await;
                }
                Mic::Live | Mic::Muted | Mic::Resting | Mic::Asking | Mic::Unsupported => {}
                Mic::Off | Mic::Denied | Mic::Missing | Mic::Failed => {
                    microphone(voice, &session).await;
                }
            },
            Command::Hold(holding) => {
                if voice.resting.get_untracked() && voice.holding.get_untracked() != holding {
                    voice.holding.set(holding);
                    microphone(voice, &session).await;
                }
            }
            Command::UseDevice(id) => {
                if session.use_device(&id).await {
                    voice.device.try_set(session.device());
                }
            }
            Command::EnableSound => {
                if session.start_audio().await {
                    voice.sound_blocked.try_set(false);
                }
            }
        }
    });
}

/// Sets the published microphone to what the rule says, again if the rule changed while
/// it was being set (a quick press and release of "talk" must end closed, whichever
/// call finishes last).
async fn follow_rule(voice: Voice, session: &LiveKitSession, just_opened: bool) -> Result<(), Mic> {
    let mut set = just_opened.then_some(true);
    loop {
        let want = voice.rule().open();
        if set == Some(want) {
            return Ok(());
        }
        session.set_microphone(want, None).await?;
        set = Some(want);
    }
}

/// Makes a published microphone follow [`Voice::rule`] (a Focus block began or ended).
pub fn apply_rule(voice: Voice, session: LiveKitSession) {
    if matches!(
        voice.mic.get_untracked(),
        Mic::Live | Mic::Muted | Mic::Resting
    ) {
        spawn_local(async move { microphone(voice, &session).await });
    }
}

/// Reads the room into the page (on the level timer).
pub fn sample(voice: Voice, session: &LiveKitSession) {
    let sample = session.sample();
    if voice.speaking.try_get_untracked().as_ref() != Some(&sample.speaking) {
        voice.speaking.try_set(sample.speaking);
    }
    if voice.quality.try_get_untracked().as_ref() != Some(&sample.quality) {
        voice.quality.try_set(sample.quality);
    }
    if voice.sound_blocked.try_get_untracked() == Some(sample.can_play) {
        voice.sound_blocked.try_set(!sample.can_play);
    }
    if sample.mic_ended && voice.mic.try_get_untracked() != Some(Mic::Failed) {
        voice.mic.try_set(Mic::Failed);
    }
    if sample.room == RoomState::Ended && voice.unreachable.try_get_untracked() == Some(false) {
        voice.unreachable.try_set(true);
    }
}
