//! Answering a prompt: a short text (≤ 500 characters) saved to the viewer's
//! reflections and shown on the table's board. Answering again replaces the answer.

use super::names::{prompt_example, prompt_question};
use super::use_table;
use crate::api::table_page::SaveReflection;
use crate::domain::board::{Prompt, REFLECTION_MAX};
use crate::i18n::*;
use crate::ui::errors::error_message;
use crate::ui::format::fill;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The form for `prompt`, prefilled with the viewer's earlier answer.
#[component]
pub fn ReflectionForm(prompt: Prompt) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let action = ServerAction::<SaveReflection>::new();
    let earlier = table.reflections.with_untracked(|all| {
        all.iter()
            .find(|r| r.prompt == prompt)
            .map(|r| r.text.clone())
    });
    let text = RwSignal::new(earlier.clone().unwrap_or_default());
    let saved = RwSignal::new(earlier.is_some());
    Effect::new(move |_| {
        if let Some(Ok(reflection)) = action.value().get() {
            table.reflections.update(|all| {
                all.retain(|r| r.prompt != reflection.prompt);
                all.push(reflection);
            });
            saved.set(true);
        }
    });
    let error = move || {
        action.value().with(|v| {
            v.as_ref().and_then(|r| r.as_ref().err()).map(|e| {
                view! {
                    <p role="alert" class="text-sm text-error">
                        {error_message(i18n, e)}
                    </p>
                }
            })
        })
    };
    let id = format!("reflection-{}", prompt.key());
    let counter = move || {
        fill(
            &fill(
                t_string!(i18n, table.characters),
                "count",
                text.with(|t| t.chars().count()),
            ),
            "max",
            REFLECTION_MAX,
        )
    };
    view! {
        <ActionForm
            action
            attr:class="flex flex-col gap-2"
            attr:data-testid=format!("reflect-{}", prompt.key())
        >
            <input type="hidden" name="table_id" value=table.table_id.to_string() />
            <input type="hidden" name="prompt" value=prompt.key() />
            <label for=id.clone() class="font-semibold">
                {prompt_question(i18n, prompt)}
            </label>
            <textarea
                id=id
                name="text"
                rows="2"
                maxlength=REFLECTION_MAX.to_string()
                placeholder=prompt_example(i18n, prompt)
                required
                class="field-input resize-y"
                prop:value=move || text.get()
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    saved.set(false);
                }
            ></textarea>
            <div class="flex flex-wrap items-center justify-between gap-2">
                <span class="text-xs text-ink/60" aria-live="off">
                    {counter}
                </span>
                <div class="flex items-center gap-3">
                    <Show when=move || saved.get() && !action.pending().get()>
                        <span class="text-sm font-medium text-success" role="status">
                            {t_string!(i18n, table.saved)}
                        </span>
                    </Show>
                    <button
                        type="submit"
                        class="btn-light min-h-11"
                        disabled=move || action.pending().get()
                    >
                        {t_string!(i18n, table.save_answer)}
                    </button>
                </div>
            </div>
            {error}
        </ActionForm>
    }
}
