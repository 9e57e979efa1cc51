//! The settings page's email card: the address, whether it is confirmed, and a button for
//! a new confirmation link. A server that sends no email says where the link goes instead.

use super::Card;
use crate::api::email::{load_email_status, EmailStatus, ResendVerification};
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::forms::{FormAlert, FormErrors, SubmitButton};
use leptos::either::{Either, EitherOf3};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The email card.
#[component]
pub fn EmailCard() -> impl IntoView {
    let i18n = use_i18n();
    let status = OnceResource::new(load_email_status());
    let body = move || {
        status.get().map(|answer| match answer {
            Ok(status) => Either::Left(view! { <EmailState status /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <Card title=t_string!(i18n, settings.email_title) body=t_string!(i18n, settings.email_body)>
            <Suspense>{body}</Suspense>
        </Card>
    }
}

#[component]
fn EmailState(status: EmailStatus) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResendVerification>::new();
    let errors = FormErrors::new(action.value());
    let sent = move || {
        action.value().with(|v| matches!(v, Some(Ok(())))).then(|| {
            if status.server_sends {
                t_string!(i18n, settings.email_sent)
            } else {
                t_string!(i18n, settings.email_logged)
            }
        })
    };
    let state = if status.verified {
        EitherOf3::A(view! {
            <span
                class="rounded-full bg-success/15 px-3 py-1 text-sm font-semibold text-success"
                data-testid="email-state"
            >
                {t_string!(i18n, settings.email_verified)}
            </span>
        })
    } else if status.server_sends {
        EitherOf3::B(view! {
            <span
                class="rounded-full bg-warning/20 px-3 py-1 text-sm font-semibold text-ink"
                data-testid="email-state"
            >
                {t_string!(i18n, settings.email_unverified)}
            </span>
        })
    } else {
        EitherOf3::C(view! {
            <span
                class="rounded-full bg-warning/20 px-3 py-1 text-sm font-semibold text-ink"
                data-testid="email-state"
            >
                {t_string!(i18n, settings.email_unverified_no_mail)}
            </span>
        })
    };
    let resend = (!status.verified).then(|| {
        let hint = (!status.server_sends).then(|| {
            view! { <p class="text-sm text-ink/75">{t_string!(i18n, settings.email_no_mail_hint)}</p> }
        });
        view! {
            <ActionForm action attr:class="mt-4 flex flex-col gap-3">
                <FormAlert error=errors.general(&[]) />
                {hint}
                <p role="status" class="text-sm font-medium text-success empty:hidden">
                    {sent}
                </p>
                <SubmitButton
                    label=t_string!(i18n, settings.email_resend)
                    pending=action.pending().into()
                    class="btn-light sm:self-start"
                />
            </ActionForm>
        }
    });
    let google = status.google_linked.map(|linked| {
        let just_linked = use_query_map().with_untracked(|q| q.get("google").as_deref() == Some("linked"));
        view! {
            <div class="mt-5 flex flex-wrap items-center gap-3 border-t border-primary/15 pt-4">
                <span class="font-semibold">"Google"</span>
                {if linked {
                    Either::Left(
                        view! {
                            <span
                                class="rounded-full bg-success/15 px-3 py-1 text-sm font-semibold text-success"
                                data-testid="google-state"
                            >
                                {t_string!(i18n, settings.google_linked)}
                            </span>
                        },
                    )
                } else {
                    Either::Right(
                        // A form, not a link: starting a link is a change, checked as same-origin.
                        view! {
                            <form method="post" action="/auth/google" class="contents">
                                <button type="submit" class="btn-light">
                                    {t_string!(i18n, settings.google_link)}
                                </button>
                            </form>
                        },
                    )
                }}
                {just_linked
                    .then(|| {
                        view! {
                            <p role="status" class="w-full text-sm font-medium text-success">
                                {t_string!(i18n, settings.google_just_linked)}
                            </p>
                        }
                    })}
            </div>
        }
    });
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <span class="font-semibold break-all">{status.email.clone()}</span>
            {state}
        </div>
        {resend}
        {google}
    }
}
