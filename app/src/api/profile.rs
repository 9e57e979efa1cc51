//! Profiles: the frame summary, onboarding, the owner's profile and public profiles.

use super::profile_types::{MyProfile, OnboardingDraft, PublicProfile, ViewerSummary};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;

/// The signed-in user's name and credits for the app frame; `Unauthenticated` otherwise.
#[server(prefix = "/api", endpoint = "viewer_summary")]
pub async fn load_viewer_summary() -> Result<ViewerSummary, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::signed_in()?;
        crate::server::profiles::summary(&state, viewer.user_id, now).await
    })
    .await
}

/// What the onboarding form starts with.
#[server(prefix = "/api", endpoint = "onboarding_draft")]
pub async fn load_onboarding_draft() -> Result<OnboardingDraft, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, .. } = Call::signed_in()?;
        crate::server::profiles::onboarding_draft(&state.db, viewer.user_id).await
    })
    .await
}

/// Finishes onboarding; next stop: the dashboard.
#[server(prefix = "/api", endpoint = "complete_onboarding")]
pub async fn complete_onboarding(
    username: String,
    display_name: String,
    language: String,
    time_zone: String,
    #[server(default)] interests: Vec<String>,
    #[server(default)] character: String,
) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::request;
        let Call { state, viewer, .. } = Call::signed_in()?;
        let form = super::profile_types::ProfileForm {
            username,
            display_name,
            interests,
            language,
            time_zone,
            character,
            ..Default::default()
        };
        let language = crate::server::profiles::save(&state, viewer.user_id, &form).await?;
        request::set_cookie(&crate::locale::locale_cookie(language.tag()))?;
        request::finish_form("/app")
    })
    .await
}

/// The owner's full profile, with the time zones to choose from.
#[server(prefix = "/api", endpoint = "my_profile")]
pub async fn load_my_profile() -> Result<(MyProfile, Vec<String>), AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, .. } = Call::onboarded()?;
        let profile = crate::server::profiles::mine(&state.db, viewer.user_id).await?;
        Ok((profile, crate::server::time_zones::choices()))
    })
    .await
}

/// Saves the owner's profile; next stop: the profile page again (reloaded, so a new
/// language applies everywhere).
#[server(prefix = "/api", endpoint = "save_profile")]
pub async fn save_profile(
    username: String,
    display_name: String,
    bio: String,
    language: String,
    time_zone: String,
    #[server(default)] links: Vec<String>,
    #[server(default)] interests: Vec<String>,
) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::request;
        let Call { state, viewer, .. } = Call::onboarded()?;
        let form = super::profile_types::ProfileForm {
            username,
            display_name,
            bio,
            links,
            interests,
            language,
            time_zone,
            character: String::new(),
        };
        let language = crate::server::profiles::save(&state, viewer.user_id, &form).await?;
        request::set_cookie(&crate::locale::locale_cookie(language.tag()))?;
        request::finish_form("/app/profile?saved=1")
    })
    .await
}

/// Anyone's public profile by username.
#[server(prefix = "/api", endpoint = "public_profile")]
pub async fn load_public_profile(username: String) -> Result<PublicProfile, AppError> {
    crate::server::with_error_status(async move {
        let state = crate::server::state::use_state()?;
        crate::server::profiles::public(&state.db, &username, state.clock.now()).await
    })
    .await
}

/// Remembers how the viewer likes to see a table (`pixel` or `classic`).
#[server(prefix = "/api", endpoint = "table_view")]
pub async fn save_table_view(view: String) -> Result<(), AppError> {
    crate::server::with_error_status(async move {
        use crate::domain::stored::TableView;
        let Call { state, viewer, .. } = Call::onboarded()?;
        let view = TableView::parse(&view)
            .ok_or_else(|| AppError::invalid("view", crate::error::InvalidRule::NotAChoice))?;
        crate::server::profiles::set_table_view(&state.db, viewer.user_id, view).await
    })
    .await
}

/// Saves the character the owner picked; next stop: the profile page again.
#[server(prefix = "/api", endpoint = "save_character")]
pub async fn save_character(character: String) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, .. } = Call::onboarded()?;
        crate::server::profiles::set_character(&state.db, viewer.user_id, &character).await?;
        crate::server::auth::request::finish_form("/app/profile?saved=1")
    })
    .await
}
