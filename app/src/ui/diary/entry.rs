//! One session in the timeline: when, what, how it went, the reflections (coloured by the
//! phase they answered) and the journal note, which can be written or edited in place.

use super::names::{clock, day_title, tag_label};
use super::note::JournalNote;
use crate::api::diary_types::{DiaryEntry, DiaryNote};
use crate::domain::board::Prompt;
use crate::domain::matching::TableMode;
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::room::names::room_name;
use leptos::either::Either;
use leptos::prelude::*;

/// The border colour of a reflection, by the phase whose prompt it answered.
fn phase_colour(prompt: Prompt) -> &'static str {
    match prompt {
        Prompt::Goal => "border-primary",
        Prompt::CheckIn => "border-accent",
        Prompt::Afterthought => "border-success",
    }
}

/// "2 tablemates · 1 companion", or "Just you".
fn company(i18n: leptos_i18n::I18nContext<Locale>, humans: i64, companions: i64) -> AnyView {
    match (humans > 0, companions > 0) {
        (false, false) => t_string!(i18n, diary.alone).into_any(),
        (true, false) => t!(i18n, diary.tablemates, count = move || humans).into_any(),
        (false, true) => t!(i18n, diary.companions, count = move || companions).into_any(),
        (true, true) => view! {
            {t!(i18n, diary.tablemates, count = move || humans)}
            " · "
            {t!(i18n, diary.companions, count = move || companions)}
        }
        .into_any(),
    }
}

/// The entry.
#[component]
pub fn Entry(entry: DiaryEntry) -> impl IntoView {
    let i18n = use_i18n();
    let DiaryEntry {
        table_id,
        day,
        minute,
        topic,
        mode,
        room,
        focus_minutes,
        completed,
        essence,
        tablemates,
        companions,
        reflections,
        note,
        ..
    } = entry;
    let note = RwSignal::new(note);
    let editing = RwSignal::new(false);
    let topic = if topic.is_empty() {
        Either::Left(view! { <span class="text-ink/60">{t_string!(i18n, diary.no_topic)}</span> })
    } else {
        Either::Right(view! { <span>{topic}</span> })
    };
    let mode = match mode {
        TableMode::Audio => t_string!(i18n, diary.audio),
        TableMode::Quiet => t_string!(i18n, diary.quiet),
    };
    let verdict = if completed {
        view! {
            <span
                class="rounded-full bg-success/20 px-2 py-0.5 text-xs font-semibold"
                data-testid="entry-completed"
            >
                {t_string!(i18n, diary.completed_badge)}
            </span>
        }
        .into_any()
    } else {
        view! {
            <span class="rounded-full bg-warning/25 px-2 py-0.5 text-xs font-semibold">
                {t_string!(i18n, diary.not_completed_badge)}
            </span>
        }
        .into_any()
    };
    let company = company(i18n, tablemates, companions);
    let reflections = reflections
        .into_iter()
        .map(|r| {
            view! {
                <li
                    class=format!(
                        "rounded-xl border-l-4 bg-background px-3 py-2 {}",
                        phase_colour(r.prompt),
                    )
                    data-prompt=r.prompt.key()
                >
                    <p class="text-xs font-semibold text-ink/70">
                        {crate::ui::table::names::prompt_label(i18n, r.prompt)}
                    </p>
                    <p class="whitespace-pre-wrap">{r.text}</p>
                </li>
            }
        })
        .collect_view();
    // A changed note changes the figures (top tags).
    let diary = use_context::<super::DiaryState>();
    let saved = Callback::new(move |n: Option<DiaryNote>| {
        note.set(n);
        if let Some(diary) = diary {
            diary.notes_changed.update(|c| *c += 1);
        }
    });
    // The editor stays mounted once opened (hidden after "Done"), so a save still on its
    // way when it closes reaches the entry.
    let opened = RwSignal::new(false);
    let editor = move || {
        opened.get().then(|| {
            view! {
                <div class="rounded-2xl bg-background p-4" class:hidden=move || !editing.get()>
                    <JournalNote table_id initial=note.get_untracked() on_saved=saved />
                    <button
                        type="button"
                        class="btn-light mt-3"
                        on:click=move |_| editing.set(false)
                    >
                        {t_string!(i18n, diary.note_done)}
                    </button>
                </div>
            }
        })
    };
    let note_view = move || {
        if editing.get() {
            return None;
        }
        let current = note.get();
        let label = if current.is_some() {
            t_string!(i18n, diary.note_edit)
        } else {
            t_string!(i18n, diary.note_write)
        };
        let shown = current.map(|n| {
            let tags = n
                .tags
                .iter()
                .map(|t| {
                    view! {
                        <li
                            class="rounded-full bg-accent/25 px-2 py-0.5 text-xs font-semibold"
                            data-tag=t.key()
                        >
                            {tag_label(i18n, *t)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div
                    class="rounded-2xl border-l-4 border-primary-deep bg-background px-3 py-2"
                    data-testid="entry-note"
                >
                    <p class="text-xs font-semibold text-ink/70">
                        {t_string!(i18n, diary.note_title)}
                    </p>
                    <p class="whitespace-pre-wrap">{n.body}</p>
                    <ul class="mt-1 flex flex-wrap gap-1">{tags}</ul>
                </div>
            }
        });
        Some(view! {
            {shown}
            <button
                type="button"
                class="btn-light self-start"
                data-testid="entry-edit-note"
                on:click=move |_| {
                    opened.set(true);
                    editing.set(true);
                }
            >
                {label}
            </button>
        })
    };
    view! {
        <li
            class="flex flex-col gap-3 rounded-3xl bg-surface p-5 shadow-soft"
            id=format!("table-{table_id}")
            data-testid="diary-entry"
            data-table=table_id
            data-day=day.iso()
        >
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="font-bold">
                    {day_title(i18n, day)}" "
                    <span class="font-normal text-ink/70">
                        {fill(t_string!(i18n, diary.at_time), "time", clock(minute))}
                    </span>
                </h3>
                <a href=format!("/app/table/{table_id}") class="text-sm underline">
                    {t_string!(i18n, diary.open_summary)}
                </a>
            </div>
            <p class="text-lg">{topic}</p>
            <div class="flex flex-wrap items-center gap-2 text-sm text-ink/80">
                {verdict} <span>{fill(t_string!(i18n, diary.focus), "n", focus_minutes)}</span>
                <span aria-hidden="true">"·"</span>
                <span>{fill(t_string!(i18n, diary.essence), "n", essence)}</span>
                <span aria-hidden="true">"·"</span> <span>{mode}</span>
                <span aria-hidden="true">"·"</span>
                <span data-testid="diary-room">{room_name(i18n, room)}</span>
                <span aria-hidden="true">"·"</span> <span>{company}</span>
            </div>
            <ul class="flex flex-col gap-2">{reflections}</ul>
            {note_view}
            {editor}
        </li>
    }
}
