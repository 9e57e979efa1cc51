//! `/signup`: email and password; onboarding comes next.

use super::AuthFrame;
use crate::api::auth::SignUp;
use crate::i18n::*;
use crate::ui::forms::{
    load_on_success, EmailField, FormAlert, FormErrors, NewPasswordField, SubmitButton,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The sign-up page.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AuthFrame
            title=t_string!(i18n, auth.sign_up_title)
            lede=t_string!(i18n, auth.sign_up_lede)
        >
            <SignUpForm />
            <p class="mt-6 text-center text-sm text-ink/80">
                {t_string!(i18n, auth.have_account)} " "
                <a
                    href="/signin"
                    class="font-semibold text-primary-deep underline underline-offset-4"
                >
                    {t_string!(i18n, auth.sign_in_link)}
                </a>
            </p>
        </AuthFrame>
    }
}

/// The form, live in the browser: errors show beside their fields, and what was typed
/// stays.
#[island(lazy)]
fn SignUpForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignUp>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <ActionForm action attr:class="flex flex-col gap-5" attr:novalidate=true>
            <FormAlert error=errors.general(&["email", "password"]) />
            <EmailField error=errors.field("email") />
            <NewPasswordField
                label=t_string!(i18n, auth.password)
                name="password"
                error=errors.field("password")
            />
            <SubmitButton
                label=t_string!(i18n, auth.sign_up_submit)
                pending=action.pending().into()
            />
            <p class="text-center text-sm text-ink/70">{t_string!(i18n, auth.free_plan)}</p>
        </ActionForm>
    }
}
