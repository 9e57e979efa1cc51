//! `/u/{username}`: what anyone may see of a person. Never the email address.

use super::fields::interest_label;
use crate::api::profile::load_public_profile;
use crate::api::profile_types::PublicProfile;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::layout::{SiteFooter, SiteHeader};
use crate::ui::not_found::NotFound;
use crate::ui::room::Portrait;
use crate::ui::when::{month_of_year, use_local_clock};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The public profile page.
#[component]
pub fn PublicProfilePage() -> impl IntoView {
    let username = use_params_map()
        .with_untracked(|p| p.get("username"))
        .unwrap_or_default();
    let profile = OnceResource::new(load_public_profile(username));
    let page = move || {
        profile.get().map(|answer| match answer {
            Ok(profile) => EitherOf3::A(view! {
                <SiteHeader />
                <main id="main" class="mx-auto w-full max-w-2xl flex-1 px-5 py-10 sm:py-16">
                    <ProfileCard profile />
                </main>
                <SiteFooter />
            }),
            Err(AppError::NotFound) => EitherOf3::B(view! { <NotFound /> }),
            Err(error) => EitherOf3::C(view! {
                <SiteHeader />
                <main id="main" class="mx-auto max-w-xl flex-1 p-8">
                    <ErrorNotice error />
                </main>
            }),
        })
    };
    view! { <Suspense fallback=crate::ui::layout::Loading>{page}</Suspense> }
}

#[component]
fn ProfileCard(profile: PublicProfile) -> impl IntoView {
    let i18n = use_i18n();
    let interests = profile
        .interests
        .iter()
        .map(|key| view! { <li class="rounded-full bg-background px-3 py-1 text-sm">{interest_label(i18n, key)}</li> })
        .collect_view();
    let links = profile
        .links
        .iter()
        .map(|href| {
            let text = href.trim_start_matches("https://").trim_start_matches("http://").to_owned();
            view! {
                <li>
                    <a
                        href=href.clone()
                        rel="nofollow noopener ugc"
                        target="_blank"
                        class="break-all font-semibold text-primary-deep underline underline-offset-4"
                    >
                        {text}
                    </a>
                </li>
            }
        })
        .collect_view();
    let (year, month, _) = use_local_clock().ymd(profile.joined_at);
    let joined = fill(
        t_string!(i18n, profile.joined),
        "date",
        month_of_year(i18n, year, month),
    );
    view! {
        <crate::ui::layout::PageTitle text=profile.display_name.clone() />
        <article class="rounded-3xl bg-surface p-6 shadow-soft sm:p-10">
            <div class="flex items-center gap-5">
                <Portrait character=profile.character scale=2.5 />
                <div class="min-w-0">
                    <h1 class="truncate text-2xl font-bold tracking-tight">
                        {profile.display_name.clone()}
                    </h1>
                    <p class="text-ink/70">"@"{profile.username.clone()}</p>
                    <p class="mt-1 flex flex-wrap items-center gap-2 text-sm text-ink/70">
                        {joined}<crate::ui::reliability::badge::BadgeChip badge=profile.badge />
                    </p>
                </div>
            </div>
            {(!profile.bio.is_empty())
                .then(|| {
                    view! {
                        <p class="mt-6 whitespace-pre-line leading-relaxed">
                            {profile.bio.clone()}
                        </p>
                    }
                })}
            {(!profile.interests.is_empty())
                .then(|| {
                    view! {
                        <h2 class="mt-8 text-sm font-semibold uppercase tracking-widest text-primary-deep">
                            {t_string!(i18n, profile.studies)}
                        </h2>
                        <ul class="mt-3 flex flex-wrap gap-2">{interests}</ul>
                    }
                })}
            {(!profile.links.is_empty())
                .then(|| {
                    view! {
                        <h2 class="mt-8 text-sm font-semibold uppercase tracking-widest text-primary-deep">
                            {t_string!(i18n, profile.links)}
                        </h2>
                        <ul class="mt-3 flex flex-col gap-2">{links}</ul>
                    }
                })}
        </article>
    }
}
