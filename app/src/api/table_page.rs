//! The table page: the table as it loads, reflections, and the summary at the end.

use crate::api::live_types::CloseReason;
use crate::api::table_page_types::{LoadedTable, MyReflection, TableSummary};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;

/// The viewer's table as its page first loads.
#[server(prefix = "/api", endpoint = "table_page")]
pub async fn load_table_page(table_id: i64) -> Result<LoadedTable, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::tables::summary::table_page(&state.db, viewer.user_id, table_id, now).await
    })
    .await
}

/// Why the viewer may no longer open the channel of `table_id` (`None`: they may, or
/// the refusal passes): the table page asks when its socket closes before it ever opened,
/// because a browser cannot read the status of a refused upgrade, then says why and
/// stops retrying.
#[server(prefix = "/api", endpoint = "channel_refusal")]
pub async fn channel_refusal(table_id: i64) -> Result<Option<CloseReason>, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        state
            .live
            .refusal(&state.db, viewer.user_id, table_id, now)
            .await
    })
    .await
}

/// Saves the viewer's answer to a prompt (`goal`, `check_in` or `afterthought`) and
/// shows it on the table's board.
#[server(prefix = "/api", endpoint = "reflect")]
pub async fn save_reflection(
    table_id: i64,
    prompt: String,
    text: String,
) -> Result<MyReflection, AppError> {
    crate::server::with_error_status(async move {
        use crate::domain::board::Prompt;
        let Call { state, viewer, now } = Call::onboarded()?;
        let prompt = Prompt::parse(&prompt)?;
        let saved = crate::server::tables::reflections::save(
            &state.db,
            viewer.user_id,
            table_id,
            prompt,
            &text,
            now,
        )
        .await?;
        let reflection = saved.reflection;
        state
            .live
            .reflected(table_id, saved.seat, prompt, &reflection.text, now);
        // A plain form post (no JavaScript) goes back to the table page.
        crate::server::auth::request::redirect_plain_form(&format!("/app/table/{table_id}"))?;
        Ok(reflection)
    })
    .await
}

/// The viewer's summary of a finished session.
#[server(prefix = "/api", endpoint = "summary")]
pub async fn load_summary(table_id: i64) -> Result<TableSummary, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::tables::summary::summary(&state.db, viewer.user_id, table_id, now).await
    })
    .await
}
