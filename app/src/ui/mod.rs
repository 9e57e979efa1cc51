//! Pages and components, by area. Every string goes through `crate::i18n`.

pub mod admin;
pub mod auth;
pub mod avatar;
pub mod credits;
pub mod dashboard;
pub mod diary;
pub mod errors;
pub mod format;
pub mod forms;
pub mod landing;
pub mod layout;
pub mod locale;
pub mod not_found;
pub mod onboarding;
pub mod phases;
pub mod profile;
pub mod reliability;
pub mod server_clock;
pub mod settings;
pub mod shell;
pub mod table;
pub mod when;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, ParamSegment, SsrMode, StaticSegment};

/// Declares a route whose page is loaded on demand. Built with `cargo leptos --split`,
/// pages are grouped into a few wasm modules (`$group`), each fetched when the first of
/// its pages is visited: the landing page does not pay for the signed-in app, and a page
/// needs its group's few files rather than one per page and per shared piece. (The
/// router's own `#[lazy_route]` gives every page its own module, and the splitter makes a
/// chunk for every combination of pages sharing code: a cold `/app` fetched ~230 files.)
macro_rules! lazy_page {
    // With a title key, the page's browser tab reads "<key's text> · Focus Squad";
    // without one, the page sets its own title (it depends on what it loads).
    ($group:ident, $load:ident: $route:ident, $page:path $(, $($title:ident).+)?) => {
        #[doc = concat!("The on-demand route of `", stringify!($page), "`.")]
        pub struct $route;

        /// Builds the page, in its group's module when split (`load` fetches that module).
        mod $load {
            use super::*;

            #[cfg_attr(
                feature = "hydrate",
                ::leptos::wasm_split::wasm_split(
                    $group,
                    wasm_split_path = ::leptos::wasm_split,
                    preload(load)
                )
            )]
            pub fn $load() -> AnyView {
                // The page's type is erased first: titled pages stay within the
                // compiler's layout depth.
                let page = $page().into_any();
                $(
                    let i18n = use_i18n();
                    let page = view! {
                        <layout::PageTitle text=t_string!(i18n, $($title).+) />
                        {page}
                    }
                    .into_any();
                )?
                page
            }
        }

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                #[cfg(feature = "hydrate")]
                return $load::$load().await;
                #[cfg(not(feature = "hydrate"))]
                {
                    // The server names the module so the page links its files for
                    // preloading.
                    ::leptos::prefetch_lazy_fn_on_server(stringify!($group));
                    $load::$load()
                }
            }

            async fn preload() {
                #[cfg(feature = "hydrate")]
                $load::load().await;
            }
        }
    };
}

// The sign-in, sign-up, recovery and onboarding pages.
lazy_page!(accounts, sign_in_page: SignInRoute, auth::SignInPage, nav.sign_in);
lazy_page!(accounts, sign_up_page: SignUpRoute, auth::SignUpPage, nav.sign_up);
lazy_page!(accounts, check_email_page: CheckEmailRoute, auth::CheckEmailPage, recovery.check_title);
lazy_page!(accounts, verify_email_page: VerifyEmailRoute, auth::VerifyEmailPage, recovery.verify_title);
lazy_page!(accounts, forgot_password_page: ForgotPasswordRoute, auth::ForgotPasswordPage, recovery.forgot_title);
lazy_page!(accounts, reset_password_page: ResetPasswordRoute, auth::ResetPasswordPage, recovery.reset_title);
lazy_page!(accounts, onboarding_page: OnboardingRoute, onboarding::OnboardingPage, meta.onboarding);
// The app's frame and the dashboard: what a signed-in student opens first.
lazy_page!(app, shell_page: ShellRoute, shell::AppShell);
lazy_page!(app, dashboard_page: DashboardRoute, dashboard::DashboardPage, nav.dashboard);
// The student's other pages, and the public profile.
lazy_page!(student, profile_page: ProfileRoute, profile::ProfilePage, nav.profile);
lazy_page!(student, settings_page: SettingsRoute, settings::SettingsPage, nav.settings);
lazy_page!(student, credits_page: CreditsRoute, credits::CreditsPage, nav.credits);
lazy_page!(student, admin_page: AdminRoute, admin::AdminPage, nav.admin);
lazy_page!(student, reliability_page: ReliabilityRoute, reliability::ledger::ReliabilityPage, nav.reliability);
lazy_page!(student, banned_page: BannedRoute, reliability::banned::BannedPage, banned.title);
lazy_page!(student, public_profile_page: PublicProfileRoute, profile::PublicProfilePage);
// The two biggest pages, each alone.
lazy_page!(diary, diary_page: DiaryRoute, diary::DiaryPage, nav.diary);
lazy_page!(table, table_page: TableRoute, table::TablePage);

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
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="flex min-h-dvh flex-col bg-background text-ink antialiased">
                <App />
            </body>
        </html>
    }
}

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
        // The server has already chosen the language (ui::locale::negotiate) and passes it
        // as the only Accept-Language; the browser keeps what the server rendered.
        <I18nContextProvider>
            <DocumentMeta />
            <Router>
                <Routes fallback=not_found::NotFound>
                    <Route path=StaticSegment("") view=landing::LandingPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("signin") view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("signup") view={Lazy::<SignUpRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("check-email") view={Lazy::<CheckEmailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("verify-email") view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("onboarding") view={Lazy::<OnboardingRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment("u"), ParamSegment("username")) view={Lazy::<PublicProfileRoute>::new()} ssr=SsrMode::Async />
                    // Async: the guard's redirect must be decided before any byte is sent.
                    <ParentRoute path=StaticSegment("app") view={Lazy::<ShellRoute>::new()} ssr=SsrMode::Async>
                        <Route path=StaticSegment("") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::Async />
                        <Route path=StaticSegment("profile") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async />
                        <Route path=StaticSegment("settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=StaticSegment("credits") view={Lazy::<CreditsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=StaticSegment("admin") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async />
                        <Route path=StaticSegment("reliability") view={Lazy::<ReliabilityRoute>::new()} ssr=SsrMode::Async />
                        <Route path=StaticSegment("banned") view={Lazy::<BannedRoute>::new()} ssr=SsrMode::Async />
                        <Route path=StaticSegment("diary") view={Lazy::<DiaryRoute>::new()} ssr=SsrMode::Async />
                        <Route path=(StaticSegment("table"), ParamSegment("id")) view={Lazy::<TableRoute>::new()} ssr=SsrMode::Async />
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
