//! Peer review: rating tablemates after a session, the open ledger of ratings received,
//! appeals, and why a ban happened.

use crate::api::rating_types::{BanDetails, RatingCards, ReliabilityLedger};
use crate::domain::reliability::rating::RatingInput;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Rates tablemates of a finished table, or of one the viewer left early (one or all at
/// once; all are stored or none), and returns the cards as they now stand.
#[server(prefix = "/api", endpoint = "rate", input = Json)]
pub async fn rate_tablemates(
    table_id: i64,
    ratings: Vec<RatingInput>,
) -> Result<RatingCards, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::ratings::submit(&state.db, viewer.user_id, table_id, &ratings, now).await?;
        crate::server::ratings::cards::for_table(&state.db, viewer.user_id, table_id, now).await
    })
    .await
}

/// The viewer's open ledger: reliability, ratings received, ratings owed, any ban.
#[server(prefix = "/api", endpoint = "ledger")]
pub async fn load_ledger() -> Result<ReliabilityLedger, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::ratings::ledger::ledger(&state.db, viewer.user_id, now).await
    })
    .await
}

/// Appeals a red rating the viewer received (once), for the moderators.
#[server(prefix = "/api", endpoint = "appeal")]
pub async fn appeal_rating(rating: String, text: String) -> Result<(), AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::ratings::ledger::appeal(&state.db, viewer.user_id, &rating, &text, now)
            .await?;
        crate::server::auth::request::redirect_plain_form("/app/reliability")?;
        Ok(())
    })
    .await
}

/// Why the viewer is banned (`None` when they are not).
#[server(prefix = "/api", endpoint = "ban")]
pub async fn load_ban() -> Result<Option<BanDetails>, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::ratings::ledger::ban_details(&state.db, viewer.user_id, now).await
    })
    .await
}
