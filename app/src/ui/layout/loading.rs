//! What shows while a page or the app frame loads: never a blank screen.

use super::Logo;
use crate::i18n::*;
use leptos::prelude::*;

/// "Loading…" with three pixel dots (they pulse unless the student prefers less motion).
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div
            class="flex items-center justify-center gap-3 py-16 text-ink/70"
            role="status"
            data-testid="loading"
        >
            <span class="flex gap-1" aria-hidden="true">
                <span class="h-2 w-2 bg-primary motion-safe:animate-pulse"></span>
                <span class="h-2 w-2 bg-accent motion-safe:animate-pulse [animation-delay:150ms]"></span>
                <span class="h-2 w-2 bg-success motion-safe:animate-pulse [animation-delay:300ms]"></span>
            </span>
            <span>{t_string!(i18n, nav.loading)}</span>
        </div>
    }
}

/// The app frame's outline (header with the logo) around [`Loading`], while the frame
/// finds out who is signed in.
#[component]
pub fn FrameLoading() -> impl IntoView {
    view! {
        <header class="sticky top-0 z-30 border-b border-primary/15 bg-background/95">
            <div class="flex min-h-[68px] items-center px-4 py-3 sm:px-6">
                <Logo />
            </div>
        </header>
        <main id="main" class="flex-1 px-4 pt-6 sm:px-8" aria-busy="true">
            <Loading />
        </main>
    }
}
