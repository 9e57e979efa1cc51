//! The frame around public pages: header with logo and language switcher, footer.

mod language_switcher;
mod logo;

pub use language_switcher::LanguageSwitcher;
pub use logo::Logo;

use crate::i18n::*;
use leptos::prelude::*;

/// Skip link, logo, language switcher (wide screens) and the sign-in link.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a href="#main" class="skip-link">{t_string!(i18n, nav.skip)}</a>
        <header class="mx-auto flex w-full max-w-6xl items-center justify-between gap-4 px-5 py-4 sm:px-8">
            <a href="/" class="flex items-center gap-2 rounded-lg" aria-label=t_string!(i18n, nav.home)>
                <Logo />
                <span class="whitespace-nowrap text-lg font-bold tracking-tight">"Focus Squad"</span>
            </a>
            <div class="flex items-center gap-2">
                // Phones: the footer carries the switcher, so the header stays on one line.
                <div class="hidden sm:block"><LanguageSwitcher /></div>
                <a href="/signin" class="btn-quiet whitespace-nowrap px-3">{t_string!(i18n, nav.sign_in)}</a>
            </div>
        </header>
    }
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
