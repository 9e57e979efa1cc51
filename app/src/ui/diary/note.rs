//! The journal note editor: a text of up to 2000 characters and tags from the fixed set,
//! saved by itself shortly after typing stops (and at once when a tag is picked or the
//! text loses focus), with the state always visible: not saved yet, saving, saved at.
//! Saves go one at a time; edits made meanwhile are sent right after.

use super::tag_chips::TagChips;
use crate::api::diary::save_note;
use crate::api::diary_types::DiaryNote;
use crate::domain::diary::autosave::{AfterAnswer, Autosave, SaveStatus};
use crate::domain::diary::{toggle, NOTE_MAX};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::error_message;
use crate::ui::format::fill;
use crate::ui::when::use_local_clock;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How long typing must pause before the note is saved.
const TYPING_PAUSE: Duration = Duration::from_millis(800);
/// Picking tags one after another is saved as one change.
const TAG_PAUSE: Duration = Duration::from_millis(250);

/// The editor. `on_saved` hears every stored version.
#[component]
pub fn JournalNote(
    table_id: i64,
    initial: Option<DiaryNote>,
    #[prop(optional, into)] on_saved: Option<Callback<Option<DiaryNote>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let body = RwSignal::new(initial.as_ref().map(|n| n.body.clone()).unwrap_or_default());
    let tags = RwSignal::new(initial.as_ref().map(|n| n.tags.clone()).unwrap_or_default());
    let autosave = RwSignal::new(Autosave::<DiaryNote, AppError>::new(initial));
    // Sends the note once the autosave began a save, and again while the student edited
    // it during the save (one at a time).
    let run = move || {
        spawn_local(async move {
            loop {
                // The editor may be gone by now (closed, or the page left): stop.
                let (Some(text), Some(picked)) =
                    (body.try_get_untracked(), tags.try_get_untracked())
                else {
                    return;
                };
                let answer = save_note(table_id, text, picked).await;
                let stored = answer.as_ref().ok().cloned().flatten();
                match autosave.try_update(|a| a.answered(answer)) {
                    Some(AfterAnswer::SendAgain) => continue,
                    Some(AfterAnswer::Saved) => {
                        if let Some(on_saved) = on_saved {
                            on_saved.run(stored);
                        }
                    }
                    Some(AfterAnswer::Failed) | None => {}
                }
                return;
            }
        });
    };
    let send_if = move |began: Option<bool>| {
        if began == Some(true) {
            run();
        }
    };
    let changed = move |pause: Duration| {
        let Some(version) = autosave.try_update(Autosave::edited) else {
            return;
        };
        set_timeout(
            move || send_if(autosave.try_update(|a| a.paused(version))),
            pause,
        );
    };
    // Leaving with changes not sent yet (another page, a new filter): send them anyway.
    on_cleanup(move || {
        if autosave.try_with_untracked(Autosave::unsent) == Some(true) {
            if let (Some(text), Some(picked)) = (body.try_get_untracked(), tags.try_get_untracked())
            {
                spawn_local(async move {
                    let _ = save_note(table_id, text, picked).await;
                });
            }
        }
    });
    let flush = move || send_if(autosave.try_update(Autosave::flush));
    let toggled = Callback::new(move |tag| {
        tags.update(|t| toggle(t, tag));
        changed(TAG_PAUSE);
    });
    let status = move || {
        let saved_text = |note: &Option<DiaryNote>| match note {
            Some(note) => fill(
                t_string!(i18n, diary.saved_at),
                "time",
                clock.clock_time(note.updated_at),
            ),
            None => t_string!(i18n, diary.saved).to_owned(),
        };
        autosave.with(|a| match a.status() {
            SaveStatus::Loaded(None) => ("idle", String::new()),
            SaveStatus::Loaded(note) | SaveStatus::Saved(note) => ("saved", saved_text(note)),
            SaveStatus::Unsaved => ("unsaved", t_string!(i18n, diary.unsaved).to_owned()),
            SaveStatus::Saving => ("saving", t_string!(i18n, diary.saving).to_owned()),
            SaveStatus::Failed(error) => (
                "failed",
                fill(
                    t_string!(i18n, diary.save_failed),
                    "error",
                    error_message(i18n, error),
                ),
            ),
        })
    };
    let count = move || {
        let n = body.with(|b| b.chars().count());
        let text = fill(
            &fill(t_string!(i18n, diary.note_count), "n", n),
            "max",
            NOTE_MAX,
        );
        (n > NOTE_MAX * 9 / 10, text)
    };
    let field_id = format!("note-{table_id}");
    let hint_id = format!("note-hint-{table_id}");
    view! {
        <div class="flex flex-col gap-3" data-testid="journal-note">
            <label for=field_id.clone() class="font-semibold">
                {t_string!(i18n, diary.note_label)}
            </label>
            <p id=hint_id.clone() class="-mt-2 text-sm text-ink/70">
                {t_string!(i18n, diary.note_hint)}
            </p>
            <textarea
                id=field_id
                rows="4"
                maxlength=NOTE_MAX.to_string()
                aria-describedby=hint_id
                class="field-input min-h-28"
                data-testid="note-text"
                prop:value=move || body.get()
                on:input=move |ev| {
                    body.set(event_target_value(&ev));
                    changed(TYPING_PAUSE);
                }
                on:blur=move |_| flush()
            ></textarea>
            <div class="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span class=move || {
                    if count().0 { "font-semibold text-error" } else { "text-ink/60" }
                }>{move || count().1}</span>
                <span
                    role="status"
                    data-testid="note-status"
                    data-state=move || status().0
                    class=move || {
                        if status().0 == "failed" {
                            "font-semibold text-error"
                        } else {
                            "text-ink/70"
                        }
                    }
                >
                    {move || status().1}
                    {move || {
                        (status().0 == "failed")
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="ml-2 underline"
                                        on:click=move |_| send_if(
                                            autosave.try_update(Autosave::begin),
                                        )
                                    >
                                        {t_string!(i18n, diary.retry)}
                                    </button>
                                }
                            })
                    }}
                </span>
            </div>
            <fieldset class="flex flex-col gap-2">
                <legend class="text-sm font-semibold">{t_string!(i18n, diary.note_tags)}</legend>
                <div class="flex flex-wrap gap-2">
                    <TagChips picked=tags on_toggle=toggled prefix="note-tag" />
                </div>
            </fieldset>
        </div>
    }
}
