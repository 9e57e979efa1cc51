//! Pages and components, by area. Every string goes through `crate::i18n`.

pub mod errors;
pub mod format;
pub mod landing;
pub mod layout;
pub mod not_found;
pub mod phases;
pub mod server_clock;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::context::CookieOptions;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, StaticSegment};

/// Name of the cookie that remembers the chosen language (shared with the server's
/// no-JavaScript language route).
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";
/// How long the language choice is remembered, in seconds.
pub const LOCALE_COOKIE_MAX_AGE_SECS: i64 = 365 * 24 * 60 * 60;

/// The BCP 47 tag of a locale (`en`, `zh-TW`), as stored and sent in cookies.
pub fn locale_tag(locale: Locale) -> &'static str {
    leptos_i18n::Locale::as_str(locale)
}

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#FAF7F2" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="bg-background text-ink antialiased">
                <App />
            </body>
        </html>
    }
}

/// The application: language context, head tags and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let cookie = CookieOptions::<Locale>::default()
        .path("/")
        .max_age(LOCALE_COOKIE_MAX_AGE_SECS * 1000);
    view! {
        <Stylesheet id="leptos" href="/pkg/focus-squad.css" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <I18nContextProvider cookie_name=LOCALE_COOKIE cookie_options=cookie>
            <DocumentMeta />
            <Router>
                <Routes fallback=not_found::NotFound>
                    <Route path=StaticSegment("") view=landing::LandingPage ssr=SsrMode::Async />
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// Title and description in the current language.
#[component]
fn DocumentMeta() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, meta.title) />
        <Meta name="description" content=move || t_string!(i18n, meta.description) />
    }
}
