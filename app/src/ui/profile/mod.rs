//! Profiles: the owner's editable profile (`/app/profile`) and anyone's public profile
//! (`/u/{username}`).

pub mod fields;
mod public;

pub use public::PublicProfilePage;

use crate::api::profile::{load_my_profile, SaveCharacter, SaveProfile};
use crate::api::profile_types::MyProfile;
use crate::domain::characters::Character;
use crate::domain::profile::{BIO_MAX, DISPLAY_NAME_MAX, LINK_MAX};
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::forms::{load_on_success, Field, FieldError, FormAlert, FormErrors, SubmitButton};
use crate::ui::room::{CharacterPicker, Portrait};
use fields::{InterestPicker, LanguageSelect, TimeZoneSelect, UsernameField};
use leptos::either::Either;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// How many link inputs the form offers.
const LINK_SLOTS: usize = 3;

/// `/app/profile`
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = OnceResource::new(load_my_profile());
    let page = move || {
        profile.get().map(|answer| match answer {
            Ok((profile, zones)) => Either::Left(view! { <ProfileForm profile zones /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <div class="mx-auto flex max-w-3xl flex-col gap-6">
            <Suspense fallback=crate::ui::layout::Loading>{page}</Suspense>
            <crate::ui::reliability::ReliabilityCard ledger=crate::ui::reliability::ledger_resource(
                Signal::stored(0),
            ) />
        </div>
    }
}

#[component]
fn ProfileForm(profile: MyProfile, zones: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveProfile>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    const FIELDS: &[&str] = &[
        "username",
        "display_name",
        "bio",
        "link",
        "language",
        "time_zone",
        "interests",
    ];
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let bio_error = errors.field("bio");
    let link_error = errors.field("link");
    let links = (0..LINK_SLOTS)
        .map(|i| {
            let value = profile.links.get(i).cloned().unwrap_or_default();
            let label = fill(t_string!(i18n, profile.link_n), "n", i + 1);
            view! {
                <input
                    name="links[]"
                    type="url"
                    inputmode="url"
                    value=value
                    maxlength=LINK_MAX
                    placeholder="https://"
                    aria-label=label
                    aria-describedby="field-link-error"
                    class="field-input"
                />
            }
        })
        .collect_view();
    let public_href = format!("/u/{}", profile.username);
    view! {
        <div class="flex items-center gap-4">
            <Portrait character=profile.character />
            <div class="min-w-0">
                <h1 class="truncate text-2xl font-bold tracking-tight">
                    {t_string!(i18n, profile.title)}
                </h1>
                <a
                    href=public_href
                    class="text-sm font-semibold text-primary-deep underline underline-offset-4"
                >
                    {t_string!(i18n, profile.view_public)}
                </a>
            </div>
        </div>
        {saved
            .then(|| {
                view! {
                    <p role="status" class="mt-6 rounded-xl bg-success/15 px-4 py-3 text-sm">
                        {t_string!(i18n, profile.saved)}
                    </p>
                }
            })}
        <ActionForm
            action
            attr:class="mt-6 flex flex-col gap-6 rounded-3xl bg-surface p-6 shadow-soft sm:p-8"
            attr:novalidate=true
        >
            <FormAlert error=errors.general(FIELDS) />
            <div class="grid gap-6 sm:grid-cols-2">
                <UsernameField value=profile.username.clone() error=errors.field("username") />
                <Field
                    label=t_string!(i18n, profile.display_name)
                    name="display_name"
                    autocomplete="nickname"
                    value=profile.display_name.clone()
                    required=true
                    maxlength=DISPLAY_NAME_MAX
                    error=errors.field("display_name")
                />
            </div>
            <div class="flex flex-col gap-1.5">
                <label for="field-bio" class="text-sm font-semibold">
                    {t_string!(i18n, profile.bio)}
                </label>
                <textarea
                    id="field-bio"
                    name="bio"
                    rows="3"
                    maxlength=BIO_MAX
                    class="field-input"
                    aria-describedby="field-bio-hint field-bio-error"
                    aria-invalid=move || bio_error.with(Option::is_some).then_some("true")
                >
                    {profile.bio.clone()}
                </textarea>
                <p id="field-bio-hint" class="text-sm text-ink/70">
                    {fill(t_string!(i18n, profile.bio_hint), "max", BIO_MAX)}
                </p>
                <FieldError id="field-bio-error".to_owned() error=bio_error />
            </div>
            <fieldset class="flex flex-col gap-2">
                <legend class="text-sm font-semibold">{t_string!(i18n, profile.links)}</legend>
                <div class="grid gap-2">{links}</div>
                <FieldError id="field-link-error".to_owned() error=link_error />
            </fieldset>
            <div class="grid gap-6 sm:grid-cols-2">
                <LanguageSelect selected=profile.language.clone() error=errors.field("language") />
                <TimeZoneSelect
                    zones
                    selected=profile.time_zone.clone()
                    error=errors.field("time_zone")
                />
            </div>
            <InterestPicker chosen=profile.interests.clone() error=errors.field("interests") />
            <p class="text-sm text-ink/70">
                {fill(t_string!(i18n, profile.email_private), "email", &profile.email)}
            </p>
            <SubmitButton
                label=t_string!(i18n, profile.save)
                pending=action.pending().into()
                class="btn-primary sm:self-start"
            />
        </ActionForm>
        <CharacterForm chosen=profile.character />
    }
}

/// The character picker with its own save button (it changes no other field).
#[component]
fn CharacterForm(chosen: Character) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveCharacter>::new();
    load_on_success(action.value());
    let errors = FormErrors::new(action.value());
    view! {
        <ActionForm
            action
            attr:class="mt-6 flex flex-col gap-6 rounded-3xl bg-surface p-6 shadow-soft sm:p-8"
            attr:novalidate=true
            attr:data-testid="character-form"
        >
            <FormAlert error=errors.general(&["character"]) />
            <CharacterPicker chosen error=errors.field("character") />
            <SubmitButton
                label=t_string!(i18n, room.save_character)
                pending=action.pending().into()
                class="btn-primary sm:self-start"
            />
        </ActionForm>
    }
}
