//! The pages emailed links lead to, and the ones that send them: "check your email",
//! confirming an address, asking for a reset link, and choosing a new password. Every form
//! works without JavaScript; a link's token travels in a hidden field, never in a log line.

use super::AuthFrame;
use crate::api::email::{RequestPasswordReset, ResetPassword, VerifyEmail};
use crate::i18n::*;
use crate::ui::forms::{
    load_on_success, EmailField, FormAlert, FormErrors, NewPasswordField, SubmitButton,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The `token` query parameter of a link page.
fn token() -> String {
    use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default()
}

/// `/check-email?for=sign-up|reset`: a letter is on its way.
#[component]
pub fn CheckEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let reset = use_query_map().with_untracked(|q| q.get("for").as_deref() == Some("reset"));
    let body = if reset {
        t_string!(i18n, recovery.check_reset)
    } else {
        t_string!(i18n, recovery.check_sign_up)
    };
    view! {
        <AuthFrame title=t_string!(i18n, recovery.check_title) lede=body plain=true>
            <p class="text-sm text-ink/75">{t_string!(i18n, recovery.check_spam)}</p>
            <p class="mt-6 text-center text-sm">
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

/// `/verify-email?token=…`: one button confirms the address (a link alone changes
/// nothing, so a mail scanner opening it cannot use it up).
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AuthFrame
            title=t_string!(i18n, recovery.verify_title)
            lede=t_string!(i18n, recovery.verify_lede)
            plain=true
        >
            <VerifyEmailForm token=token() />
            <p class="mt-6 text-center text-sm">
                <a
                    href="/app/settings"
                    class="font-semibold text-primary-deep underline underline-offset-4"
                >
                    {t_string!(i18n, recovery.new_verify_link)}
                </a>
            </p>
        </AuthFrame>
    }
}

/// The form, live in the browser: errors show beside their fields, and what was typed
/// stays.
#[island(lazy)]
fn VerifyEmailForm(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<VerifyEmail>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <ActionForm action attr:class="flex flex-col gap-5">
            <FormAlert error=errors.general(&[]) />
            <input type="hidden" name="token" value=token />
            <SubmitButton
                label=t_string!(i18n, recovery.verify_submit)
                pending=action.pending().into()
            />
        </ActionForm>
    }
}

/// `/forgot-password`: the address to send a reset link to.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AuthFrame
            title=t_string!(i18n, recovery.forgot_title)
            lede=t_string!(i18n, recovery.forgot_lede)
            plain=true
        >
            <ForgotPasswordForm />
            <p class="mt-6 text-center text-sm">
                <a
                    href="/signin"
                    class="font-semibold text-primary-deep underline underline-offset-4"
                >
                    {t_string!(i18n, recovery.back_to_sign_in)}
                </a>
            </p>
        </AuthFrame>
    }
}

/// The form, live in the browser: errors show beside their fields, and what was typed
/// stays.
#[island(lazy)]
fn ForgotPasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <ActionForm action attr:class="flex flex-col gap-5" attr:novalidate=true>
            <FormAlert error=errors.general(&["email"]) />
            <EmailField error=errors.field("email") />
            <SubmitButton
                label=t_string!(i18n, recovery.forgot_submit)
                pending=action.pending().into()
            />
        </ActionForm>
    }
}

/// `/reset-password?token=…`: the new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AuthFrame
            title=t_string!(i18n, recovery.reset_title)
            lede=t_string!(i18n, recovery.reset_lede)
            plain=true
        >
            <ResetPasswordForm token=token() />
            <p class="mt-6 text-center text-sm">
                <a
                    href="/forgot-password"
                    class="font-semibold text-primary-deep underline underline-offset-4"
                >
                    {t_string!(i18n, recovery.new_reset_link)}
                </a>
            </p>
        </AuthFrame>
    }
}

/// The form, live in the browser: errors show beside their fields, and what was typed
/// stays.
#[island(lazy)]
fn ResetPasswordForm(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <ActionForm action attr:class="flex flex-col gap-5" attr:novalidate=true>
            <FormAlert error=errors.general(&["new_password"]) />
            <input type="hidden" name="token" value=token />
            <NewPasswordField
                label=t_string!(i18n, settings.new_password)
                name="new_password"
                error=errors.field("new_password")
            />
            <SubmitButton
                label=t_string!(i18n, recovery.reset_submit)
                pending=action.pending().into()
            />
        </ActionForm>
    }
}
