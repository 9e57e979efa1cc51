//! `/app/diary`: the student's own history. Figures and a weekly chart, a month calendar
//! shaded by focus minutes (a day's sessions one click away), search and filters, and the
//! timeline of sessions with reflections and journal notes, a page at a time.
//!
//! The page creates every resource (figures, month, first page of the timeline) so they
//! hydrate from the server's answers; the parts below only read them.

mod calendar;
pub mod entry;
mod filters;
mod names;
pub mod note;
mod stats;
mod tag_chips;
mod timeline;

use crate::api::diary::{load_diary, load_diary_month, load_diary_stats};
use crate::api::diary_types::{DiaryFilter, DiaryMonth, DiaryPage, DiaryStats};
use crate::domain::diary::day::Month;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// What the diary's parts share.
#[derive(Clone, Copy)]
pub(crate) struct DiaryState {
    /// The filter the timeline shows.
    pub filter: RwSignal<DiaryFilter>,
    /// What the search box holds (applied once typing pauses).
    pub text: RwSignal<String>,
    /// Its first page, with the filter it answers (a newer filter may be loading).
    pub first: Resource<Result<(DiaryFilter, DiaryPage), AppError>>,
    /// Older pages loaded since.
    pub older: RwSignal<Vec<DiaryPage>>,
    /// The month the calendar shows (`None`: this month).
    pub month: RwSignal<Option<Month>>,
    /// That month's days.
    pub days: Resource<Result<DiaryMonth, AppError>>,
    /// Bumped when a note changes (tags feed the figures).
    pub notes_changed: RwSignal<u32>,
    /// The figures.
    pub stats: Resource<Result<DiaryStats, AppError>>,
}

impl DiaryState {
    fn new() -> Self {
        let filter = RwSignal::new(DiaryFilter::default());
        let month = RwSignal::new(None::<Month>);
        let notes_changed = RwSignal::new(0u32);
        let older = RwSignal::new(Vec::new());
        Self {
            filter,
            text: RwSignal::new(String::new()),
            first: Resource::new(
                move || filter.get(),
                |f| async move { load_diary(f.clone(), None).await.map(|page| (f, page)) },
            ),
            older,
            month,
            days: Resource::new(move || month.get(), load_diary_month),
            notes_changed,
            stats: Resource::new(move || notes_changed.get(), |_| load_diary_stats()),
        }
    }

    /// Shows `filter` from its first page.
    pub fn narrow(self, filter: DiaryFilter) {
        if self.text.get_untracked() != filter.text {
            self.text.set(filter.text.clone());
        }
        self.older.set(Vec::new());
        self.filter.set(filter);
    }
}

/// The diary's shared state (inside the page).
pub(crate) fn use_diary() -> DiaryState {
    expect_context::<DiaryState>()
}

/// The page.
#[island(lazy)]
pub fn DiaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = DiaryState::new();
    provide_context(state);
    view! {
        <div class="mx-auto flex max-w-6xl flex-col gap-6" data-testid="diary">
            <section>
                <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">
                    {t_string!(i18n, diary.title)}
                </h1>
                <p class="mt-2 max-w-2xl text-ink/75">{t_string!(i18n, diary.lede)}</p>
            </section>
            <div class="grid gap-6 lg:grid-cols-[22rem_1fr] lg:items-start">
                <div class="flex flex-col gap-6">
                    <stats::Figures />
                    <calendar::Calendar />
                </div>
                <div class="flex min-w-0 flex-col gap-4">
                    <filters::Filters />
                    <timeline::Timeline />
                </div>
            </div>
        </div>
    }
}
