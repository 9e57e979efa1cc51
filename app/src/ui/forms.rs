//! Form building blocks: labelled fields that show their own validation message, a notice
//! for errors that belong to no field, and what happens after a form succeeds.
//!
//! Forms are `ActionForm`s over server functions, so they also work without JavaScript
//! (the server redirects; errors come back in the URL and render on the server).

use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::{error_message, rule_message};
use leptos::prelude::*;

/// The latest result of a form's action, as the errors to show.
#[derive(Clone, Copy)]
pub struct FormErrors {
    error: Signal<Option<AppError>>,
}

impl FormErrors {
    /// Errors from an action's latest value.
    pub fn new<T, S>(value: S) -> Self
    where
        T: Send + Sync + 'static,
        S: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    {
        Self {
            error: Signal::derive(move || {
                value.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
            }),
        }
    }

    /// The message for field `name`, if the latest error is about it.
    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.error.with(|e| {
                e.as_ref()
                    .and_then(|e| e.rule_for(name))
                    .map(|rule| rule_message(i18n, name, rule))
            })
        })
    }

    /// The message for an error that is not about one of `fields`.
    pub fn general(self, fields: &'static [&'static str]) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.error.with(|e| match e {
                Some(err) if err.only_about(fields) => None,
                Some(err) => Some(error_message(i18n, err)),
                None => None,
            })
        })
    }
}

/// After a form whose server function answers with an address succeeds, loads that
/// address in full (the server renders it fresh: new language, new session).
pub fn load_on_success<S>(value: S)
where
    S: With<Value = Option<Result<String, AppError>>> + 'static,
{
    Effect::new(move |_| {
        let target = value.with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()));
        if let Some(target) = target {
            let _ = window().location().set_href(&target);
        }
    });
}

/// A labelled input with an optional hint and its validation message.
#[component]
pub fn Field(
    /// Visible label.
    label: &'static str,
    /// Form field name (the server function's argument).
    name: &'static str,
    /// Input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// Autocomplete token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Initial value.
    #[prop(optional, into)]
    value: String,
    /// Help text under the input.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Maximum length in characters.
    #[prop(optional)]
    maxlength: Option<usize>,
    /// Whether the field must be filled.
    #[prop(optional)]
    required: bool,
    /// This field's validation message.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="flex flex-col gap-1.5">
            <label for=id.clone() class="text-sm font-semibold">
                {label}
            </label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                maxlength=maxlength
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                class="field-input"
            />
            {hint
                .map(|hint| {
                    view! {
                        <p id=hint_id class="text-sm text-ink/70">
                            {hint}
                        </p>
                    }
                })}
            <FieldError id=error_id error />
        </div>
    }
}

/// The email address field of the account forms (sign-in, sign-up, forgotten password).
#[component]
pub fn EmailField(
    /// This field's validation message.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field
            label=t_string!(i18n, auth.email)
            name="email"
            kind="email"
            autocomplete="email"
            required=true
            error
        />
    }
}

/// A password the student chooses (sign-up, reset, change), with the length rule as its
/// hint: the one place that rule is shown.
#[component]
pub fn NewPasswordField(
    /// Visible label.
    label: &'static str,
    /// Form field name (the server function's argument).
    name: &'static str,
    /// This field's validation message.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint = crate::ui::format::fill(
        t_string!(i18n, auth.password_hint),
        "min",
        crate::domain::account::PASSWORD_MIN,
    );
    view! { <Field label name kind="password" autocomplete="new-password" required=true hint error /> }
}

/// A field's validation message (announced when it appears).
#[component]
pub fn FieldError(id: String, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="text-sm font-medium text-error" aria-live="polite">
            {move || error.get()}
        </p>
    }
}

/// A form-level error (wrong password, too many tries, server trouble).
#[component]
pub fn FormAlert(error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p role="alert" class="rounded-xl bg-error/10 px-4 py-3 text-sm text-error">
                    {message}
                </p>
            }
        })
    }
}

/// A submit button that shows it is working while the action runs.
#[component]
pub fn SubmitButton(
    /// Label.
    label: &'static str,
    /// Whether the action is running.
    pending: Signal<bool>,
    /// Extra classes (the button style).
    #[prop(default = "btn-primary w-full")]
    class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="submit"
            class=class
            disabled=move || pending.get()
            aria-busy=move || pending.get().then_some("true")
        >
            {move || if pending.get() { t_string!(i18n, forms.working) } else { label }}
        </button>
    }
}

/// A labelled `<select>`.
#[component]
pub fn Select(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    selected: String,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is_selected = value == selected;
            view! {
                <option value=value selected=is_selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="flex flex-col gap-1.5">
            <label for=id.clone() class="text-sm font-semibold">
                {label}
            </label>
            <select
                id=id
                name=name
                class="field-input"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=error_id.clone()
            >
                {options}
            </select>
            <FieldError id=error_id error />
        </div>
    }
}
