//! The frame around public pages: header with logo and language switcher, footer.

mod language_switcher;
mod loading;
mod logo;

pub use language_switcher::LanguageSwitcher;
pub use loading::{FrameLoading, Loading};
pub use logo::Logo;

use crate::i18n::*;
use leptos::either::Either;
use leptos::prelude::*;

/// Whether the visitor has a sign-in session, asked once per page while it is rendered on
/// the server (the answer travels in the page for hydration; an error counts as signed out).
async fn signed_in() -> bool {
    crate::api::auth::signed_in().await.unwrap_or(false)
}

/// Skip link, logo, language switcher (wide screens), and "Sign in" and "Sign up" for a
/// visitor or "Dashboard" for a signed-in student.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let visitor = OnceResource::new_str(signed_in());
    let links = move || {
        Suspend::new(async move {
            if visitor.await {
                Either::Left(view! {
                    <a
                        href="/app"
                        class="btn-quiet whitespace-nowrap px-3"
                        data-testid="header-dashboard"
                    >
                        {t_string!(i18n, nav.dashboard)}
                    </a>
                })
            } else {
                Either::Right(view! {
                    <a
                        href="/signin"
                        class="btn-quiet whitespace-nowrap px-2 sm:px-3"
                        data-testid="header-sign-in"
                    >
                        {t_string!(i18n, nav.sign_in)}
                    </a>
                    <a
                        href="/signup"
                        class="btn-primary min-h-11 whitespace-nowrap px-3 py-2 sm:px-4"
                        data-testid="header-sign-up"
                    >
                        {t_string!(i18n, nav.sign_up)}
                    </a>
                })
            }
        })
    };
    view! {
        <a href="#main" class="skip-link">
            {t_string!(i18n, nav.skip)}
        </a>
        <header class="mx-auto flex w-full max-w-6xl items-center justify-between gap-2 px-3 py-4 sm:gap-4 sm:px-8">
            <a
                href="/"
                class="flex shrink-0 items-center gap-1.5 rounded-lg sm:gap-2"
                aria-label=t_string!(i18n, nav.home)
            >
                <Logo />
                <span class="whitespace-nowrap text-base font-bold tracking-tight sm:text-lg">
                    "Focus Squad"
                </span>
            </a>
            <div class="flex items-center gap-1 sm:gap-2">
                // Phones: the footer carries the switcher, so the header stays on one line.
                <div class="hidden sm:block">
                    <LanguageSwitcher />
                </div>
                <Suspense>{links}</Suspense>
            </div>
        </header>
    }
}

/// The landing page's call to action: a visitor starts by signing up, a signed-in student
/// goes straight to the dashboard's quick match.
#[component]
pub fn StartLink(class: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let visitor = OnceResource::new_str(signed_in());
    let link = move || {
        Suspend::new(async move {
            let href = if visitor.await { "/app" } else { "/signup" };
            view! {
                <a href=href class=class data-testid="start-link">
                    {t_string!(i18n, landing.cta)}
                </a>
            }
        })
    };
    view! { <Suspense>{link}</Suspense> }
}

/// The browser tab's title, "<text> · Focus Squad" (a page's own title replaces the
/// app's default one while it is shown).
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <leptos_meta::Title text=format!("{text} · Focus Squad") /> }
}

/// The page footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="border-t border-primary/15">
            <div class="mx-auto flex max-w-6xl flex-col items-center justify-between gap-3 px-5 py-8 text-sm text-ink/70 sm:flex-row sm:px-8">
                <p>{t_string!(i18n, landing.footer)}</p>
                <LanguageSwitcher />
            </div>
        </footer>
    }
}
