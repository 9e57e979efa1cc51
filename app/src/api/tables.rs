//! Tables: quick match, the viewer's tables, cancel and leave, and their figures.

use crate::api::table_types::{
    CancelOutcome, MatchOutcome, MyTable, MyTables, RecentTable, StudyStats,
};
use crate::domain::time::Timestamp;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Seats the viewer at the soonest (or the chosen) table that fits, for one credit.
/// `starts_at` is a slot start in Unix ms (absent or 0 for the soonest).
#[server(prefix = "/api", endpoint = "quick_match")]
pub async fn quick_match(
    mode: String,
    #[server(default)] topic: String,
    language: String,
    #[server(default)] starts_at: Option<i64>,
    #[server(default)] idempotency_key: Option<String>,
) -> Result<MatchOutcome, AppError> {
    crate::server::with_error_status(async move {
        use crate::domain::matching::MatchRequest;
        use crate::server::auth::request;
        let Call { state, viewer, now } = Call::onboarded()?;
        let request_ = MatchRequest::parse(&mode, &topic, &language, starts_at, now)?;
        let key = request::idempotency_key(idempotency_key)?;
        let outcome = crate::server::tables::matching::quick_match(
            &state.db,
            viewer.user_id,
            &request_,
            key.as_deref(),
            now,
        )
        .await?;
        state
            .live
            .refresh_roster(&state.db, outcome.table_id, now)
            .await?;
        // A plain form post goes back to the dashboard, which says where the student sits.
        let joined = if outcome.joined_existing {
            "&joined=1"
        } else {
            ""
        };
        request::redirect_plain_form(&format!("/app?seated={}{joined}", outcome.table_id))?;
        Ok(outcome)
    })
    .await
}

/// The viewer's tables that have not ended, soonest first.
#[server(prefix = "/api", endpoint = "my_tables")]
pub async fn load_my_tables() -> Result<MyTables, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        let tables =
            crate::server::tables::queries::my_tables(&state.db, viewer.user_id, now).await?;
        Ok(MyTables {
            server_now: now,
            tables,
        })
    })
    .await
}

/// One table the viewer has a seat at.
#[server(prefix = "/api", endpoint = "table")]
pub async fn load_table(table_id: i64) -> Result<MyTable, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::tables::queries::table(&state.db, viewer.user_id, table_id, now).await
    })
    .await
}

/// Cancels the viewer's seat before the start (refunded with an hour's notice).
#[server(prefix = "/api", endpoint = "cancel_seat")]
pub async fn cancel_seat(
    table_id: i64,
    #[server(default)] idempotency_key: Option<String>,
) -> Result<CancelOutcome, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::request;
        let Call { state, viewer, now } = Call::onboarded()?;
        let key = request::idempotency_key(idempotency_key)?;
        let outcome = crate::server::tables::seats::cancel(
            &state.db,
            viewer.user_id,
            table_id,
            key.as_deref(),
            now,
        )
        .await?;
        state.live.refresh_roster(&state.db, table_id, now).await?;
        let ended =
            crate::server::tables::seats::latest_participant(&state.db, viewer.user_id, table_id);
        if let Some(participant) = ended.await? {
            crate::server::audio::remove_from_audio_room(&state, table_id, participant);
        }
        request::redirect_plain_form("/app")?;
        Ok(outcome)
    })
    .await
}

/// Leaves a table that has started (no refund).
#[server(prefix = "/api", endpoint = "leave_table")]
pub async fn leave_table(table_id: i64) -> Result<(), AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        use crate::server::tables::seats;
        let participant = match seats::leave(&state.db, viewer.user_id, table_id, now).await? {
            Some(participant) => {
                state.live.participant_left(table_id, participant);
                Some(participant)
            }
            None => {
                state.live.refresh_roster(&state.db, table_id, now).await?;
                seats::latest_participant(&state.db, viewer.user_id, table_id).await?
            }
        };
        if let Some(participant) = participant {
            crate::server::audio::remove_from_audio_room(&state, table_id, participant);
        }
        Ok(())
    })
    .await
}

/// The tables the viewer just had, newest first.
#[server(prefix = "/api", endpoint = "recent_tables")]
pub async fn load_recent_tables() -> Result<Vec<RecentTable>, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::tables::recent::recent(&state.db, viewer.user_id, now).await
    })
    .await
}

/// The viewer's figures.
#[server(prefix = "/api", endpoint = "stats")]
pub async fn load_stats() -> Result<StudyStats, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::tables::queries::stats(&state.db, viewer.user_id, now).await
    })
    .await
}

/// What the quick-match form offers, by the server's clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchChoices {
    /// The server clock when it answered.
    pub server_now: Timestamp,
    /// Slot starts a student may pick, soonest first.
    pub slots: Vec<Timestamp>,
    /// Random prefix for this form's idempotency keys.
    pub nonce: String,
}

/// The quick-match form's choices.
#[server(prefix = "/api", endpoint = "match_choices")]
pub async fn load_match_choices() -> Result<MatchChoices, AppError> {
    crate::server::with_error_status(async move {
        let state = crate::server::state::use_state()?;
        let now = state.clock.now();
        Ok(MatchChoices {
            server_now: now,
            slots: crate::domain::matching::slot_choices(now),
            nonce: crate::server::secrets::random_hex(8),
        })
    })
    .await
}
