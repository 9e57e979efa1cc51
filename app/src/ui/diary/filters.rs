//! Search and filters: words (sent once typing pauses), a date range and tags. Every
//! change shows the timeline again from its newest matching session.

use super::tag_chips::TagChips;
use super::use_diary;
use crate::api::diary_types::DiaryFilter;
use crate::domain::diary::day::Day;
use crate::domain::diary::toggle;
use crate::i18n::*;
use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the search runs.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// The search box, the dates and the tag chips.
#[component]
pub fn Filters() -> impl IntoView {
    let i18n = use_i18n();
    let diary = use_diary();
    let text = diary.text;
    let typed = RwSignal::new(0u64);
    let apply = move |change: &dyn Fn(&mut DiaryFilter)| {
        let mut filter = diary.filter.get_untracked();
        change(&mut filter);
        if filter != diary.filter.get_untracked() {
            diary.narrow(filter);
        }
    };
    let on_text = move |ev| {
        text.set(event_target_value(&ev));
        typed.update(|t| *t += 1);
        let version = typed.get_untracked();
        set_timeout(
            move || {
                // The page may be gone by now.
                if typed.try_get_untracked() == Some(version) {
                    let words = text.get_untracked();
                    apply(&|f| f.text = words.clone());
                }
            },
            TYPING_PAUSE,
        );
    };
    let date_value = move |pick: fn(&DiaryFilter) -> Option<Day>| {
        move || {
            diary
                .filter
                .with(|f| pick(f).map(Day::iso).unwrap_or_default())
        }
    };
    let bad_range = move || {
        diary
            .filter
            .with(|f| matches!((f.from, f.to), (Some(a), Some(b)) if a > b))
    };
    let picked = Signal::derive(move || diary.filter.with(|f| f.tags.clone()));
    let toggled = Callback::new(move |tag| apply(&|f| toggle(&mut f.tags, tag)));
    let clear = move |_| {
        typed.update(|t| *t += 1);
        diary.narrow(DiaryFilter::default());
    };
    view! {
        <section
            class="flex flex-col gap-4 rounded-3xl bg-surface p-5 shadow-soft"
            aria-label=t_string!(i18n, diary.search_label)
        >
            <div class="flex flex-col gap-1">
                <label for="diary-search" class="text-sm font-semibold">
                    {t_string!(i18n, diary.search_label)}
                </label>
                <input
                    id="diary-search"
                    type="search"
                    class="field-input"
                    placeholder=t_string!(i18n, diary.search_placeholder)
                    data-testid="diary-search"
                    prop:value=move || text.get()
                    on:input=on_text
                />
            </div>
            <div class="flex flex-wrap items-end gap-3">
                <div class="flex flex-col gap-1">
                    <label for="diary-from" class="text-sm font-semibold">
                        {t_string!(i18n, diary.from)}
                    </label>
                    <input
                        id="diary-from"
                        type="date"
                        class="field-input"
                        data-testid="diary-from"
                        prop:value=date_value(|f| f.from)
                        on:change=move |ev| {
                            let day = Day::parse(&event_target_value(&ev));
                            apply(&|f| f.from = day);
                        }
                    />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="diary-to" class="text-sm font-semibold">
                        {t_string!(i18n, diary.to)}
                    </label>
                    <input
                        id="diary-to"
                        type="date"
                        class="field-input"
                        data-testid="diary-to"
                        aria-invalid=move || bad_range().to_string()
                        prop:value=date_value(|f| f.to)
                        on:change=move |ev| {
                            let day = Day::parse(&event_target_value(&ev));
                            apply(&|f| f.to = day);
                        }
                    />
                </div>
                <button
                    type="button"
                    class="btn-quiet"
                    data-testid="diary-clear"
                    disabled=move || {
                        diary.filter.with(DiaryFilter::is_empty) && text.with(String::is_empty)
                    }
                    on:click=clear
                >
                    {t_string!(i18n, diary.clear)}
                </button>
            </div>
            <Show when=bad_range>
                <p class="text-sm font-semibold text-error" role="alert">
                    {t_string!(i18n, diary.bad_range)}
                </p>
            </Show>
            <fieldset class="flex flex-col gap-2">
                <legend class="text-sm font-semibold">{t_string!(i18n, diary.tags_label)}</legend>
                <div class="flex flex-wrap gap-2">
                    <TagChips picked on_toggle=toggled prefix="filter-tag" />
                </div>
            </fieldset>
        </section>
    }
}
