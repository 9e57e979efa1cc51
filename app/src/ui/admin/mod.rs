//! `/app/admin`: set a member's plan (payments are out of scope; an admin decides). Only
//! for the accounts named in `FOCUS_ADMIN_EMAILS`; the server checks again on every call.

use crate::api::credits::SetTier;
use crate::domain::credits::Tier;
use crate::i18n::*;
use crate::ui::credits::tier_name;
use crate::ui::forms::{Field, FormAlert, FormErrors, Select, SubmitButton};
use crate::ui::shell::use_viewer;
use leptos::either::Either;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The admin page.
#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let body = if use_viewer().is_admin {
        Either::Left(view! { <TierForm /> })
    } else {
        Either::Right(view! { <p class="text-ink/75">{t_string!(i18n, admin.not_admin)}</p> })
    };
    view! {
        <div class="mx-auto flex max-w-3xl flex-col gap-6">
            <h1 class="text-2xl font-bold tracking-tight">{t_string!(i18n, admin.title)}</h1>
            <section class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8">{body}</section>
        </div>
    }
}

#[component]
fn TierForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetTier>::new();
    let errors = FormErrors::new(action.value());
    let tiers = Tier::ALL
        .into_iter()
        .map(|t| (t.key().to_owned(), tier_name(i18n, t).to_owned()))
        .collect();
    let done = move || {
        action.value().with(|v| {
            matches!(v, Some(Ok(()))).then(|| {
                view! {
                    <p role="status" class="rounded-xl bg-success/15 px-4 py-3 text-sm">
                        {t_string!(i18n, admin.done)}
                    </p>
                }
            })
        })
    };
    view! {
        <h2 class="text-lg font-bold">{t_string!(i18n, admin.tier_title)}</h2>
        <p class="mt-1 text-ink/75">{t_string!(i18n, admin.tier_body)}</p>
        <ActionForm action=action attr:class="mt-4 grid gap-4 sm:grid-cols-2">
            <Field
                label=t_string!(i18n, admin.username)
                name="username"
                required=true
                error=errors.field("username")
            />
            <Select
                label=t_string!(i18n, admin.tier)
                name="tier"
                options=tiers
                selected="pro".to_owned()
                error=errors.field("tier")
            />
            <div class="sm:col-span-2 flex flex-col gap-3">
                <FormAlert error=errors.general(&["username", "tier"]) />
                {done}
                <SubmitButton
                    label=t_string!(i18n, admin.submit)
                    pending=action.pending().into()
                    class="btn-primary self-start"
                />
            </div>
        </ActionForm>
    }
}
