//! `/onboarding`: after the first sign-in, choose a username (one is suggested), a
//! display name, language, time zone (detected from the browser) and study interests.

use crate::api::profile::{load_onboarding_draft, CompleteOnboarding};
use crate::api::profile_types::OnboardingDraft;
use crate::domain::profile::DISPLAY_NAME_MAX;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::forms::{load_on_success, Field, FormAlert, FormErrors, SubmitButton};
use crate::ui::layout::SiteHeader;
use crate::ui::profile::fields::{InterestPicker, LanguageSelect, TimeZoneSelect, UsernameField};
use crate::ui::room::CharacterPicker;
use leptos::either::EitherOf4;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The onboarding page (signed-in accounts that have not finished it).
#[component]
pub fn OnboardingPage() -> impl IntoView {
    let draft = OnceResource::new(load_onboarding_draft());
    let page = move || {
        draft.get().map(|answer| match answer {
            Ok(draft) => EitherOf4::A(view! { <OnboardingForm draft /> }),
            Err(AppError::Unauthenticated) => {
                EitherOf4::B(view! { <Redirect path="/signin?next=/onboarding" /> })
            }
            Err(AppError::Forbidden) => EitherOf4::C(view! { <Redirect path="/app" /> }),
            Err(error) => EitherOf4::D(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <SiteHeader />
        <main id="main" class="mx-auto w-full max-w-2xl flex-1 px-5 py-10 sm:py-14">
            <Suspense fallback=crate::ui::layout::Loading>{page}</Suspense>
        </main>
    }
}

/// The form, live in the browser (an island).
#[island(lazy)]
fn OnboardingForm(draft: OnboardingDraft) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CompleteOnboarding>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    const FIELDS: &[&str] = &[
        "username",
        "display_name",
        "language",
        "time_zone",
        "interests",
        "character",
    ];
    view! {
        <div class="rounded-3xl bg-surface p-6 shadow-soft sm:p-10">
            <p class="text-sm font-semibold uppercase tracking-widest text-primary-deep">
                {t_string!(i18n, onboarding.eyebrow)}
            </p>
            <h1 class="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">
                {t_string!(i18n, onboarding.title)}
            </h1>
            <p class="mt-2 text-ink/75">{t_string!(i18n, onboarding.lede)}</p>
            <ActionForm action attr:class="mt-8 flex flex-col gap-6" attr:novalidate=true>
                <FormAlert error=errors.general(FIELDS) />
                <div class="grid gap-6 sm:grid-cols-2">
                    <UsernameField value=draft.suggested_username error=errors.field("username") />
                    <Field
                        label=t_string!(i18n, profile.display_name)
                        name="display_name"
                        autocomplete="nickname"
                        required=true
                        maxlength=DISPLAY_NAME_MAX
                        hint=t_string!(i18n, profile.display_name_hint).to_owned()
                        error=errors.field("display_name")
                    />
                    <LanguageSelect selected=draft.language error=errors.field("language") />
                    <TimeZoneSelect
                        zones=draft.time_zones
                        selected="UTC".to_owned()
                        detect=true
                        error=errors.field("time_zone")
                    />
                </div>
                <CharacterPicker chosen=draft.character error=errors.field("character") />
                <InterestPicker chosen=Vec::new() error=errors.field("interests") />
                <SubmitButton
                    label=t_string!(i18n, onboarding.submit)
                    pending=action.pending().into()
                    class="btn-primary sm:self-start"
                />
            </ActionForm>
        </div>
    }
}
