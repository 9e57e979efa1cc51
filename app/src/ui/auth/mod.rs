//! Signing in and signing up (`/signin`, `/signup`), and what comes by email: confirming
//! an address and choosing a new password (`/check-email`, `/verify-email`,
//! `/forgot-password`, `/reset-password`).

mod recovery;
mod sign_in;
mod sign_up;

pub use recovery::{CheckEmailPage, ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;

use super::layout::{SiteFooter, SiteHeader};
use crate::api::auth::load_auth_page_info;
use crate::i18n::*;
use crate::ui::format::query_escape;
use crate::ui::pixel::{self, Pixels};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// The frame of the sign-in and sign-up pages: header, a centred card with "Continue with
/// Google" when it is configured, footer. A visitor who is already signed in goes straight
/// to the dashboard. `plain` (the pages emailed links open) leaves out Google and the
/// redirect: a signed-in student may open a link too.
#[component]
fn AuthFrame(
    title: &'static str,
    lede: &'static str,
    #[prop(optional)] plain: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let info = OnceResource::new(load_auth_page_info());
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next"));
    let google_problem =
        query
            .with_untracked(|q| q.get("google"))
            .map(|reason| match reason.as_str() {
                "cancelled" => t_string!(i18n, auth.google_cancelled),
                "unavailable" => t_string!(i18n, auth.google_unavailable),
                "sign_in_first" => t_string!(i18n, auth.google_link_unverified),
                _ => t_string!(i18n, auth.google_failed),
            });
    let google_href = match &next {
        Some(next) => format!("/auth/google?next={}", query_escape(next)),
        None => "/auth/google".to_owned(),
    };
    let extras = move || {
        info.get()
            .and_then(Result::ok)
            .filter(|_| !plain)
            .map(|info| {
                let redirect = info.signed_in.then(|| view! { <Redirect path="/app" /> });
                let google = info.google.then(|| {
                view! {
                    <a href=google_href.clone() rel="external" class="btn-light w-full gap-3">
                        <Pixels art=&pixel::GOOGLE class="h-5 w-5" />
                        {t_string!(i18n, auth.google)}
                    </a>
                    <p class="my-5 flex items-center gap-3 text-sm text-ink/60" aria-hidden="true">
                        <span class="h-px flex-1 bg-primary/20"></span>
                        {t_string!(i18n, auth.or)}
                        <span class="h-px flex-1 bg-primary/20"></span>
                    </p>
                }
            });
                (redirect, google)
            })
    };
    view! {
        <SiteHeader />
        <main id="main" class="mx-auto flex w-full max-w-md flex-1 flex-col px-5 py-10 sm:py-16">
            <div class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8">
                <h1 class="text-2xl font-bold tracking-tight">{title}</h1>
                <p class="mt-2 text-ink/75">{lede}</p>
                {google_problem
                    .map(|message| {
                        view! {
                            <p
                                role="alert"
                                class="mt-5 rounded-xl bg-error/10 px-4 py-3 text-sm text-error"
                            >
                                {message}
                            </p>
                        }
                    })}
                <div class="mt-6">
                    <Suspense>{extras}</Suspense>
                    {children()}
                </div>
            </div>
        </main>
        <SiteFooter />
    }
}
