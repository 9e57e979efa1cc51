//! Pages and components, by area. Every string goes through `crate::i18n`.

pub mod admin;
pub mod auth;
pub mod credits;
pub mod dashboard;
pub mod diary;
pub mod errors;
pub mod format;
pub mod forms;
pub mod landing;
pub mod layout;
pub mod not_found;
pub mod occupants;
pub mod onboarding;
pub mod phases;
pub mod pixel;
pub mod profile;
pub mod reliability;
pub mod room;
pub mod server_clock;
pub mod settings;
pub mod shell;
pub mod table;
pub mod when;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

/// Declares a route's page: the page itself, under its browser-tab title. Every page is
/// rendered on the server only; its interactive parts are islands (`#[island]`), the only
/// code a browser downloads.
macro_rules! page {
    // With a title key, the page's browser tab reads "<key's text> · Focus Squad".
    ($route:ident, $page:path, $($title:ident).+) => {
        /// A route: its page under its title.
        #[component]
        fn $route() -> impl IntoView {
            let i18n = use_i18n();
            view! {
                <layout::PageTitle text=t_string!(i18n, $($title).+) />
                {$page()}
            }
        }
    };
    // Without one, the page sets its own title (it depends on what it loads).
    ($route:ident, $page:path) => {
        /// A route: its page, which names itself.
        #[component]
        fn $route() -> impl IntoView {
            $page()
        }
    };
}

// The sign-in, sign-up, recovery and onboarding pages.
page!(SignInRoute, auth::SignInPage, nav.sign_in);
page!(SignUpRoute, auth::SignUpPage, nav.sign_up);
page!(CheckEmailRoute, auth::CheckEmailPage, recovery.check_title);
page!(
    VerifyEmailRoute,
    auth::VerifyEmailPage,
    recovery.verify_title
);
page!(
    ForgotPasswordRoute,
    auth::ForgotPasswordPage,
    recovery.forgot_title
);
page!(
    ResetPasswordRoute,
    auth::ResetPasswordPage,
    recovery.reset_title
);
page!(OnboardingRoute, onboarding::OnboardingPage, meta.onboarding);
// The app's frame and the dashboard: what a signed-in student opens first.
page!(ShellRoute, shell::AppShell);
page!(DashboardRoute, dashboard::DashboardPage, nav.dashboard);
// The student's other pages, and the public profile.
page!(ProfileRoute, profile::ProfilePage, nav.profile);
page!(SettingsRoute, settings::SettingsPage, nav.settings);
page!(CreditsRoute, credits::CreditsPage, nav.credits);
page!(AdminRoute, admin::AdminPage, nav.admin);
page!(
    ReliabilityRoute,
    reliability::ledger::ReliabilityPage,
    nav.reliability
);
page!(BannedRoute, reliability::banned::BannedPage, banned.title);
page!(PublicProfileRoute, profile::PublicProfilePage);
page!(DiaryRoute, diary::DiaryPage, nav.diary);
page!(TableRoute, table::TablePage);

/// The HTML document around the app, rendered on the server. It also sets the page's
/// Content-Security-Policy, which names this render's nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#FAF7F2" />
                // Static links live in the server-rendered shell, not in the hydrated app.
                <HashedStylesheet options=options.clone() id="leptos" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body class="flex min-h-dvh flex-col bg-background text-ink antialiased">
                <App />
                <HydratedMark />
            </body>
        </html>
    }
}

/// The page's last island: the browser wakes islands in document order, so when this one
/// runs every island before it is interactive. It marks the page (`data-hydrated` on
/// `<html>`): end-to-end tests wait for it instead of guessing. It also tells the styles
/// how large one device pixel is (`--device-px`), again whenever the window is resized
/// or zoomed, so the pixel art keeps whole device pixels at any ratio.
#[island]
fn HydratedMark() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
        set_device_pixel();
        let _ = window_event_listener(leptos::ev::resize, |_| set_device_pixel());
    });
}

#[cfg(feature = "hydrate")]
fn set_device_pixel() {
    use wasm_bindgen::JsCast;
    let ratio = window().device_pixel_ratio();
    if let Some(root) = document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = root
            .style()
            .set_property("--device-px", &format!("{}px", 1.0 / ratio.max(0.25)));
    }
}

#[cfg(not(feature = "hydrate"))]
fn set_device_pixel() {}

/// Sends the page's Content-Security-Policy with this render's nonce (and the LiveKit
/// server the table page may connect to).
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use axum::http::header::CONTENT_SECURITY_POLICY;
    use axum::http::HeaderValue;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let state = use_context::<crate::server::AppState>();
    let media_server = state
        .as_ref()
        .and_then(|s| s.config.audio.livekit.as_ref())
        .map(|livekit| livekit.url.as_str());
    let sign_in_provider = state
        .as_ref()
        .and_then(|s| s.config.google.as_ref())
        .map(|google| google.issuer.as_str());
    let policy = crate::server::csp::page_policy(&nonce, media_server, sign_in_provider);
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// The application: language context, head tags and routes.
///
/// Changing the language always reloads the page through the server (`/lang/{locale}`),
/// so components read their strings once (`t_string!`) instead of subscribing to the
/// locale: less reactive work and a smaller browser bundle.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // The server has already chosen the language (locale::negotiate) and passes it
        // as the only Accept-Language; the browser keeps what the server rendered.
        <I18nContextProvider>
            <DocumentMeta />
            <Router>
                <Routes fallback=not_found::NotFound>
                    <Route path=StaticSegment("") view=landing::LandingPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("signin") view=SignInRoute ssr=SsrMode::Async />
                    <Route path=StaticSegment("signup") view=SignUpRoute ssr=SsrMode::Async />
                    <Route
                        path=StaticSegment("check-email")
                        view=CheckEmailRoute
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("verify-email")
                        view=VerifyEmailRoute
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("forgot-password")
                        view=ForgotPasswordRoute
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("reset-password")
                        view=ResetPasswordRoute
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("onboarding")
                        view=OnboardingRoute
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("u"), ParamSegment("username"))
                        view=PublicProfileRoute
                        ssr=SsrMode::Async
                    />
                    // Async: the guard's redirect must be decided before any byte is sent.
                    <ParentRoute path=StaticSegment("app") view=ShellRoute ssr=SsrMode::Async>
                        <Route path=StaticSegment("") view=DashboardRoute ssr=SsrMode::Async />
                        <Route path=StaticSegment("profile") view=ProfileRoute ssr=SsrMode::Async />
                        <Route
                            path=StaticSegment("settings")
                            view=SettingsRoute
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("credits") view=CreditsRoute ssr=SsrMode::Async />
                        <Route path=StaticSegment("admin") view=AdminRoute ssr=SsrMode::Async />
                        <Route
                            path=StaticSegment("reliability")
                            view=ReliabilityRoute
                            ssr=SsrMode::Async
                        />
                        <Route path=StaticSegment("banned") view=BannedRoute ssr=SsrMode::Async />
                        <Route path=StaticSegment("diary") view=DiaryRoute ssr=SsrMode::Async />
                        <Route
                            path=(StaticSegment("table"), ParamSegment("id"))
                            view=TableRoute
                            ssr=SsrMode::Async
                        />
                    </ParentRoute>
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
        <Title text=t_string!(i18n, meta.title) />
        <Meta name="description" content=t_string!(i18n, meta.description) />
    }
}
