//! `/app/settings`: the email address and its confirmation, change the password, sign out
//! everywhere, delete the account.

mod email;

use crate::api::account::{ChangePassword, DeleteAccount, SignOutEverywhere};
use crate::api::profile::load_my_profile;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::forms::{
    load_on_success, Field, FormAlert, FormErrors, NewPasswordField, SubmitButton,
};
use leptos::either::Either;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    // Accounts made with Google may have no password: they set one instead of changing it,
    // and confirm deletion with their username.
    let profile = OnceResource::new(load_my_profile());
    let cards = move || {
        profile.get().map(|answer| match answer {
            Ok((me, _)) => Either::Left(view! {
                <email::EmailCard />
                <ChangePasswordCard has_password=me.has_password />
                <SignOutEverywhereCard />
                <DeleteAccountCard has_password=me.has_password />
            }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <div class="mx-auto flex max-w-3xl flex-col gap-6">
            <h1 class="text-2xl font-bold tracking-tight">{t_string!(i18n, settings.title)}</h1>
            <Suspense fallback=crate::ui::layout::Loading>{cards}</Suspense>
        </div>
    }
}

#[component]
pub(super) fn Card(
    title: &'static str,
    body: &'static str,
    #[prop(optional)] danger: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <section
            class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8"
            class:ring-2=danger
            class:ring-error=danger
        >
            <h2 class="text-lg font-bold">{title}</h2>
            <p class="mt-1 text-ink/75">{body}</p>
            <div class="mt-5">{children()}</div>
        </section>
    }
}

#[component]
fn ChangePasswordCard(has_password: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let errors = FormErrors::new(action.value());
    let done = move || {
        action.value().with(|v| match v {
            Some(Ok(ended)) => {
                let ended = *ended;
                Some(t!(
                    i18n,
                    settings.password_changed,
                    count = move || i64::try_from(ended).unwrap_or(i64::MAX)
                ))
            }
            _ => None,
        })
    };
    let (title, submit) = if has_password {
        (
            t_string!(i18n, settings.password_title),
            t_string!(i18n, settings.password_submit),
        )
    } else {
        (
            t_string!(i18n, settings.set_password_title),
            t_string!(i18n, settings.set_password_submit),
        )
    };
    let current = has_password.then(|| {
        view! {
            <Field
                label=t_string!(i18n, settings.current_password)
                name="current_password"
                kind="password"
                autocomplete="current-password"
                required=true
                error=errors.field("current_password")
            />
        }
    });
    view! {
        <Card title=title body=t_string!(i18n, settings.password_body)>
            <ActionForm action attr:class="flex flex-col gap-5" attr:novalidate=true>
                <FormAlert error=errors.general(&["current_password", "new_password"]) />
                <p role="status" class="text-sm font-medium text-success empty:hidden">
                    {done}
                </p>
                {current}
                <NewPasswordField
                    label=t_string!(i18n, settings.new_password)
                    name="new_password"
                    error=errors.field("new_password")
                />
                <SubmitButton
                    label=submit
                    pending=action.pending().into()
                    class="btn-primary sm:self-start"
                />
            </ActionForm>
        </Card>
    }
}

#[component]
fn SignOutEverywhereCard() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignOutEverywhere>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <Card
            title=t_string!(i18n, settings.everywhere_title)
            body=t_string!(i18n, settings.everywhere_body)
        >
            <ActionForm action attr:class="flex flex-col gap-4">
                <FormAlert error=errors.general(&[]) />
                <SubmitButton
                    label=t_string!(i18n, settings.everywhere_submit)
                    pending=action.pending().into()
                    class="btn-light sm:self-start"
                />
            </ActionForm>
        </Card>
    }
}

#[component]
fn DeleteAccountCard(has_password: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<DeleteAccount>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <Card
            title=t_string!(i18n, settings.delete_title)
            body=t_string!(i18n, settings.delete_body)
            danger=true
        >
            <ActionForm action attr:class="flex flex-col gap-5" attr:novalidate=true>
                <FormAlert error=errors.general(&["current_password", "confirmation"]) />
                {if has_password {
                    Either::Left(
                        view! {
                            <Field
                                label=t_string!(i18n, settings.delete_confirm)
                                name="confirmation"
                                kind="password"
                                autocomplete="current-password"
                                required=true
                                error=errors.field("current_password")
                            />
                        },
                    )
                } else {
                    Either::Right(
                        view! {
                            <Field
                                label=t_string!(i18n, settings.delete_confirm_username)
                                name="confirmation"
                                required=true
                                error=errors.field("confirmation")
                            />
                        },
                    )
                }}
                <SubmitButton
                    label=t_string!(i18n, settings.delete_submit)
                    pending=action.pending().into()
                    class="btn-danger sm:self-start"
                />
            </ActionForm>
        </Card>
    }
}
