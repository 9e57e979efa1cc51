//! The diary: the timeline (with search and filters), the calendar, the figures, and the
//! journal note. Every call reads only the signed-in student's own diary.

use crate::api::diary_types::{
    DiaryCursor, DiaryFilter, DiaryMonth, DiaryNote, DiaryPage, DiaryStats,
};
use crate::domain::diary::day::Month;
use crate::domain::diary::Tag;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A page of the viewer's timeline, newest first (older than `before` when given).
#[server(prefix = "/api", endpoint = "diary", input = Json)]
pub async fn load_diary(
    filter: DiaryFilter,
    before: Option<DiaryCursor>,
) -> Result<DiaryPage, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, .. } = Call::onboarded()?;
        crate::server::diary::timeline::page(&state.db, viewer.user_id, &filter, before).await
    })
    .await
}

/// The viewer's sessions in one month, by day (`None`: the current month).
#[server(prefix = "/api", endpoint = "diary_month", input = Json)]
pub async fn load_diary_month(month: Option<Month>) -> Result<DiaryMonth, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        let month = match month {
            Some(month) => month,
            None => {
                let zone = crate::server::diary::Zone::of(&state.db, viewer.user_id).await?;
                Month::of(zone.day(now))
            }
        };
        crate::server::diary::calendar::month(&state.db, viewer.user_id, month, now).await
    })
    .await
}

/// The viewer's diary figures.
#[server(prefix = "/api", endpoint = "diary_stats")]
pub async fn load_diary_stats() -> Result<DiaryStats, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::diary::stats::of(&state.db, viewer.user_id, now).await
    })
    .await
}

/// Saves the viewer's journal note on a finished table (empty text and no tags: removes
/// it) and returns it as stored.
#[server(prefix = "/api", endpoint = "note", input = Json)]
pub async fn save_note(
    table_id: i64,
    body: String,
    tags: Vec<Tag>,
) -> Result<Option<DiaryNote>, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::diary::notes::save(&state.db, viewer.user_id, table_id, &body, &tags, now)
            .await
    })
    .await
}
