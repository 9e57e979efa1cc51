//! The page for unknown addresses (HTTP 404).

use crate::i18n::*;
use leptos::prelude::*;

use super::layout::{SiteFooter, SiteHeader};

/// Shown for any address no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <super::layout::PageTitle text=t_string!(i18n, not_found.title) />
        <SiteHeader />
        <main
            id="main"
            class="mx-auto flex w-full max-w-xl flex-1 flex-col items-center px-6 py-24 text-center"
        >
            <p class="font-mono text-6xl font-bold text-accent" aria-hidden="true">
                "404"
            </p>
            <h1 class="mt-6 text-3xl font-bold">{t_string!(i18n, not_found.title)}</h1>
            <p class="mt-4 text-ink/80">{t_string!(i18n, not_found.body)}</p>
            <a href="/" class="btn-primary mt-10">
                {t_string!(i18n, not_found.home)}
            </a>
        </main>
        <SiteFooter />
    }
}
