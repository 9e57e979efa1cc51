//! The referral card: your code (with a copy button) and a friend's code to apply.

use crate::api::credits::ApplyReferralCode;
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::forms::{Field, FormAlert, FormErrors, SubmitButton};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Copies `text` to the clipboard; false when the browser refuses.
fn copy_to_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    write
        .dyn_into::<js_sys::Function>()
        .is_ok_and(|write| write.call1(&clipboard, &text.into()).is_ok())
}

/// The card.
#[component]
pub fn ReferralCard(code: String, can_apply: bool, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let to_copy = code.clone();
    view! {
        <section
            class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8"
            aria-labelledby="referral-title"
        >
            <h2 id="referral-title" class="text-lg font-bold">
                {t_string!(i18n, credits.referral_title)}
            </h2>
            <p class="mt-1 text-ink/75">{t_string!(i18n, credits.referral_body)}</p>
            <div class="mt-4 flex flex-wrap items-center gap-3">
                <label for="referral-code" class="sr-only">
                    {t_string!(i18n, credits.referral_code)}
                </label>
                <input
                    id="referral-code"
                    readonly
                    value=code
                    class="field-input w-44 font-mono text-lg tracking-widest"
                    data-testid="referral-code"
                    on:focus=move |ev| {
                        if let Some(input) = ev
                            .target()
                            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                />
                <button
                    type="button"
                    class="btn-light"
                    on:click=move |_| copied.set(copy_to_clipboard(&to_copy))
                >
                    {move || {
                        if copied.get() {
                            t_string!(i18n, credits.copied)
                        } else {
                            t_string!(i18n, credits.copy)
                        }
                    }}
                </button>
            </div>
            {can_apply.then(|| view! { <ApplyCode version /> })}
        </section>
    }
}

#[component]
fn ApplyCode(version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ApplyReferralCode>::new();
    let errors = FormErrors::new(action.value());
    let done = move || {
        action.value().with(|v| match v {
            Some(Ok(friend)) => Some(fill(
                t_string!(i18n, credits.referral_applied),
                "name",
                friend,
            )),
            _ => None,
        })
    };
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            version.update(|v| *v += 1);
        }
    });
    view! {
        <div class="mt-6 border-t border-primary/15 pt-5">
            <h3 class="font-semibold">{t_string!(i18n, credits.apply_title)}</h3>
            <ActionForm
                action=action
                attr:class="mt-3 flex flex-col gap-3 sm:flex-row sm:items-start"
            >
                <div class="sm:w-64">
                    <Field
                        label=t_string!(i18n, credits.apply_label)
                        name="code"
                        maxlength=12
                        required=true
                        error=errors.field("code")
                    />
                </div>
                <div class="sm:pt-7">
                    <SubmitButton
                        label=t_string!(i18n, credits.apply_submit)
                        pending=action.pending().into()
                        class="btn-primary w-full sm:w-auto"
                    />
                </div>
            </ActionForm>
            <div class="mt-3">
                <FormAlert error=errors.general(&["code"]) />
                {move || {
                    done()
                        .map(|text| {
                            view! {
                                <p role="status" class="rounded-xl bg-success/15 px-4 py-3 text-sm">
                                    {text}
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}
