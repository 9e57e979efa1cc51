//! The public landing page at `/`: a short pitch, the session as a picture, the reasons it
//! works, and a call to action.

mod features;
mod hero;
pub(crate) use hero::FrameNextStart;
mod session_timeline;
mod table_preview;

use super::layout::{SiteFooter, SiteHeader};
use crate::i18n::*;
use leptos::prelude::*;

/// `/`
#[component]
pub fn LandingPage() -> impl IntoView {
    let i18n = use_i18n();
    let closing = view! {
        <section class="mx-auto max-w-6xl px-5 pb-20 sm:px-8">
            <div class="rounded-3xl bg-primary px-6 py-12 text-center text-background shadow-soft sm:px-12">
                <h2 class="text-2xl font-bold sm:text-3xl">
                    {t_string!(i18n, landing.closing_title)}
                </h2>
                <p class="mx-auto mt-3 max-w-xl text-background/85">
                    {t_string!(i18n, landing.closing_body)}
                </p>
                <div class="mt-8">
                    <super::layout::StartLink class="btn-light" />
                </div>
            </div>
        </section>
    };
    view! {
        <SiteHeader />
        <main id="main">
            <hero::Hero />
            <session_timeline::SessionTimeline />
            <features::Features />
            {closing}
        </main>
        <SiteFooter />
    }
}
