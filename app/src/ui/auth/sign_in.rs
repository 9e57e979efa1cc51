//! `/signin?next=/path`: email and password; back to `next` afterwards.

use super::AuthFrame;
use crate::api::auth::SignIn;
use crate::i18n::*;
use crate::ui::forms::{load_on_success, EmailField, Field, FormAlert, FormErrors, SubmitButton};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();
    view! {
        <AuthFrame
            title=t_string!(i18n, auth.sign_in_title)
            lede=t_string!(i18n, auth.sign_in_lede)
        >
            <SignInForm next />
            <p class="mt-4 text-center text-sm">
                <a
                    href="/forgot-password"
                    class="font-semibold text-primary-deep underline underline-offset-4"
                >
                    {t_string!(i18n, auth.forgot_link)}
                </a>
            </p>
            <p class="mt-6 text-center text-sm text-ink/80">
                {t_string!(i18n, auth.no_account)} " "
                <a
                    href="/signup"
                    class="font-semibold text-primary-deep underline underline-offset-4"
                >
                    {t_string!(i18n, auth.sign_up_link)}
                </a>
            </p>
        </AuthFrame>
    }
}

/// The form, live in the browser: errors show beside their fields, and what was typed
/// stays.
#[island(lazy)]
fn SignInForm(next: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <ActionForm action attr:class="flex flex-col gap-5" attr:novalidate=true>
            <FormAlert error=errors.general(&["email"]) />
            <input type="hidden" name="next" value=next />
            <EmailField error=errors.field("email") />
            <Field
                label=t_string!(i18n, auth.password)
                name="password"
                kind="password"
                autocomplete="current-password"
                required=true
                error=errors.field("password")
            />
            <SubmitButton
                label=t_string!(i18n, auth.sign_in_submit)
                pending=action.pending().into()
            />
        </ActionForm>
    }
}
