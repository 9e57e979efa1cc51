//! The start of every server function that acts for a student: the app's state, who is
//! asking (checked), and the time, in one line.

use super::auth::{request, Viewer};
use super::state::{use_state, AppState};
use crate::domain::time::Timestamp;
use crate::error::AppError;

/// What a server function acting for a student starts from.
#[derive(Clone, Debug)]
pub struct Call {
    /// The app's state.
    pub state: AppState,
    /// The signed-in student.
    pub viewer: Viewer,
    /// The clock's time when the call began.
    pub now: Timestamp,
}

impl Call {
    /// A call from a student who has finished onboarding (`Forbidden` before that,
    /// `Unauthenticated` when nobody is signed in).
    #[track_caller]
    pub fn onboarded() -> Result<Self, AppError> {
        Self::with(request::onboarded_viewer()?)
    }

    /// A call from any signed-in student, onboarded or not.
    #[track_caller]
    pub fn signed_in() -> Result<Self, AppError> {
        Self::with(request::viewer()?)
    }

    #[track_caller]
    fn with(viewer: Viewer) -> Result<Self, AppError> {
        let state = use_state()?;
        let now = state.clock.now();
        Ok(Self { state, viewer, now })
    }
}
