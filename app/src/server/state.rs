//! The state every server function and handler receives: no globals.

use super::clock::ShiftableClock;
use super::config::Config;
use super::db::Db;
use super::secrets::Secrets;
use crate::domain::clock::Clock;
use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::{use_context, LeptosOptions};
use std::sync::Arc;

/// Shared application state. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The validated configuration.
    pub config: Arc<Config>,
    /// The database.
    pub db: Db,
    /// "Now", for every time-dependent rule.
    pub clock: Arc<dyn Clock>,
    /// The movable clock behind `clock`, present only in test mode.
    pub test_clock: Option<Arc<ShiftableClock>>,
    /// Signing keys.
    pub secrets: Arc<Secrets>,
    /// Google sign-in, when configured.
    pub google: Option<Arc<super::oidc::GoogleSignIn>>,
    /// Password hashing, one hash per core at a time.
    pub passwords: Arc<super::auth::password::Passwords>,
    /// Where tables' audio rooms are created and deleted.
    pub audio_rooms: Arc<dyn super::audio::rooms::AudioRooms>,
    /// The tables live on this instance (table channels).
    pub live: Arc<super::live::Live>,
    /// Letters by email (or, unconfigured, their links in the log).
    pub mailer: Arc<super::mail::Mailer>,
    /// Leptos runtime options (site root, output name).
    pub leptos_options: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, inside a server function. Its absence is a bug (a server function run
/// outside a request's reactive owner); the log names the server function.
#[track_caller]
pub fn use_state() -> Result<AppState, AppError> {
    let caller = std::panic::Location::caller();
    use_context::<AppState>().ok_or_else(|| {
        AppError::internal(format!(
            "AppState missing from the Leptos context (server function at {caller})"
        ))
    })
}
