//! The timeline: sessions newest first, a page at a time ("Show older sessions"), with
//! empty states that say what to do: a new diary points to a table, a search that finds
//! nothing says how to widen it.

use super::entry::Entry;
use super::names::day_title;
use super::use_diary;
use crate::api::diary::load_diary;
use crate::api::diary_types::{DiaryCursor, DiaryEntry, DiaryFilter};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn entries(list: Vec<DiaryEntry>) -> impl IntoView {
    list.into_iter()
        .map(|entry| view! { <Entry entry /> })
        .collect_view()
}

/// The list.
#[component]
pub fn Timeline() -> impl IntoView {
    let i18n = use_i18n();
    let diary = use_diary();
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<AppError>);
    // Where the next page starts, for the filter shown now (none while a new filter's
    // first page is still on its way).
    let next = move || -> Option<DiaryCursor> {
        let (filter, first) = diary.first.get().and_then(Result::ok)?;
        if diary.filter.with(|f| *f != filter) {
            return None;
        }
        diary
            .older
            .with(|o| o.last().map(|p| p.next))
            .unwrap_or(first.next)
    };
    let more = move |_| {
        let Some(cursor) = next() else {
            return;
        };
        loading.set(true);
        failed.set(None);
        let filter = diary.filter.get_untracked();
        spawn_local(async move {
            let answer = load_diary(filter.clone(), Some(cursor)).await;
            loading.set(false);
            match answer {
                Ok(page) if diary.filter.get_untracked() == filter => {
                    diary.older.update(|o| o.push(page));
                }
                Ok(_) => {}
                Err(error) => failed.set(Some(error)),
            }
        });
    };
    let heading = move || {
        diary.filter.with(|f| match (f.from, f.to) {
            (Some(a), Some(b)) if a == b => fill(
                t_string!(i18n, diary.showing_day),
                "date",
                day_title(i18n, a),
            ),
            _ => t_string!(i18n, diary.timeline_title).to_owned(),
        })
    };
    let first = move || {
        diary.first.get().map(|answer| match answer {
            Ok((_, page)) if page.entries.is_empty() => {
                EitherOf3::A(view! { <Empty filtered=!diary.filter.with(DiaryFilter::is_empty) /> })
            }
            Ok((_, page)) => EitherOf3::B(entries(page.entries)),
            // A start after the end: the filters already say so.
            Err(_)
                if diary
                    .filter
                    .with(|f| matches!((f.from, f.to), (Some(a), Some(b)) if a > b)) =>
            {
                EitherOf3::A(view! { <Empty filtered=true /> })
            }
            Err(error) => EitherOf3::C(view! { <ErrorNotice error /> }),
        })
    };
    let footer = move || {
        let loaded = diary
            .first
            .get()
            .is_some_and(|a| a.is_ok_and(|(_, p)| !p.entries.is_empty()));
        if !loaded {
            return None;
        }
        Some(if next().is_some() {
            Either::Left(view! {
                <button
                    type="button"
                    class="btn-light self-center"
                    data-testid="diary-more"
                    disabled=move || loading.get()
                    on:click=more
                >
                    {move || {
                        if loading.get() {
                            t_string!(i18n, diary.loading)
                        } else {
                            t_string!(i18n, diary.load_more)
                        }
                    }}
                </button>
            })
        } else {
            Either::Right(view! {
                <p class="text-center text-sm text-ink/60" data-testid="diary-end">
                    {t_string!(i18n, diary.the_end)}
                </p>
            })
        })
    };
    view! {
        <section class="flex flex-col gap-4" aria-labelledby="timeline-title">
            <h2 id="timeline-title" class="text-lg font-bold" data-testid="timeline-title">
                {heading}
            </h2>
            <Transition fallback=move || {
                view! { <p class="text-ink/60">{t_string!(i18n, diary.loading)}</p> }
            }>
                <ol class="flex flex-col gap-4" data-testid="diary-timeline">
                    {first}
                    <For
                        each=move || diary.older.get().into_iter().enumerate()
                        key=|(i, _)| *i
                        let((_, page))
                    >
                        {entries(page.entries)}
                    </For>
                </ol>
                {move || failed.get().map(|error| view! { <ErrorNotice error /> })}
                {footer}
            </Transition>
        </section>
    }
}

/// Nothing to show: a new diary, or filters that match nothing.
#[component]
fn Empty(filtered: bool) -> impl IntoView {
    let i18n = use_i18n();
    let diary = use_diary();
    if filtered {
        Either::Left(view! {
            <li
                class="rounded-3xl border-2 border-dashed border-primary/25 p-6 text-center"
                data-testid="diary-no-match"
            >
                <p class="font-bold">{t_string!(i18n, diary.no_match_title)}</p>
                <p class="mt-1 text-sm text-ink/75">{t_string!(i18n, diary.no_match_body)}</p>
                <button
                    type="button"
                    class="btn-quiet mt-2"
                    on:click=move |_| diary.narrow(DiaryFilter::default())
                >
                    {t_string!(i18n, diary.clear)}
                </button>
            </li>
        })
    } else {
        Either::Right(view! {
            <li
                class="rounded-3xl border-2 border-dashed border-primary/25 p-6 text-center"
                data-testid="diary-empty"
            >
                <p class="font-bold">{t_string!(i18n, diary.empty_title)}</p>
                <p class="mt-1 text-sm text-ink/75">{t_string!(i18n, diary.empty_body)}</p>
                <a href="/app" class="btn-primary mt-4">
                    {t_string!(i18n, diary.empty_action)}
                </a>
            </li>
        })
    }
}
