//! The first screen: what Focus Squad is, the call to action, and a live countdown to the
//! next table start by the server's clock.

use super::table_preview::TablePreview;
use crate::api::schedule::{next_table, NextSlot};
use crate::domain::schedule::next_slot_start;
use crate::i18n::*;
use crate::ui::format::countdown;
use crate::ui::server_clock::ticking_server_now;
use leptos::either::Either;
use leptos::prelude::*;

/// Pitch, calls to action, next-start countdown and a picture of a live table.
#[component]
pub fn Hero() -> impl IntoView {
    let i18n = use_i18n();
    // Runs once per page: no source signal that a late, spawned re-run could read
    // after the request has ended. Carried to the browser as text (`NextSlot`'s
    // `Display`), like the answer itself: no JSON decoder in the first page.
    let next = OnceResource::new_str(NextAnswer::of(next_table()));
    // Read synchronously inside <Suspense> (not an async block resumed after an await):
    // the view is built in the render pass that owns it, never after a request ended.
    let live = move || {
        next.get().map(|answer| match answer.0 {
            Some(table) => {
                Either::Left(view! { <LiveNext server_now_ms=table.server_now.unix_millis() /> })
            }
            // Only transport or server trouble can happen here (the server logs its own);
            // one plain sentence keeps the full error vocabulary out of the first page.
            None => Either::Right(view! {
                <p role="alert" class="rounded-xl bg-error/10 px-4 py-3 text-sm text-error">
                    {t_string!(i18n, landing.next_table_unavailable)}
                </p>
            }),
        })
    };
    view! {
        <section class="mx-auto grid max-w-6xl items-center gap-12 px-5 pb-16 pt-8 sm:px-8 lg:grid-cols-[1.1fr_0.9fr] lg:pt-16">
            <div>
                <p class="text-sm font-semibold uppercase tracking-widest text-primary-deep">
                    {t_string!(i18n, landing.eyebrow)}
                </p>
                <h1 class="mt-4 text-4xl font-bold leading-tight tracking-tight sm:text-5xl">
                    {t_string!(i18n, landing.headline)}
                </h1>
                <p class="mt-6 max-w-xl text-lg leading-relaxed text-ink/80">
                    {t_string!(i18n, landing.lede)}
                </p>
                <div class="mt-8 flex flex-wrap items-center gap-3">
                    <crate::ui::layout::StartLink class="btn-primary" />
                    <a href="#how" class="btn-quiet">
                        {t_string!(i18n, landing.cta_secondary)}
                    </a>
                </div>
            </div>
            <div class="flex flex-col gap-4">
                <Suspense fallback=move || {
                    view! {
                        <p class="text-sm text-ink/70">
                            {t_string!(i18n, landing.next_table_loading)}
                        </p>
                    }
                }>{live}</Suspense>
            </div>
        </section>
    }
}

/// The next-table answer, or none when the server could not say (as text: the slot, or
/// an empty string).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NextAnswer(Option<NextSlot>);

impl NextAnswer {
    /// The server logs why it could not answer; the page only needs to know it did not.
    async fn of(
        answer: impl std::future::Future<Output = Result<NextSlot, ServerFnError>>,
    ) -> Self {
        Self(answer.await.ok())
    }
}

impl std::fmt::Display for NextAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(slot) => slot.fmt(f),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for NextAnswer {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        if text.is_empty() {
            Ok(Self(None))
        } else {
            text.parse().map(|slot| Self(Some(slot)))
        }
    }
}

/// The countdown and the table picture, ticking by the server's clock in the browser.
#[island]
fn LiveNext(server_now_ms: i64) -> impl IntoView {
    let now = ticking_server_now(crate::domain::time::Timestamp::from_unix_millis(
        server_now_ms,
    ));
    view! {
        <NextStart now />
        <TablePreview now />
    }
}

/// The same, inside the app frame (an empty dashboard), by the frame's clock.
#[island]
pub(crate) fn FrameNextStart() -> impl IntoView {
    view! { <NextStart now=crate::ui::shell::use_server_now() /> }
}

/// "Next tables start in 12:34", ticking.
#[component]
fn NextStart(now: Signal<crate::domain::time::Timestamp>) -> impl IntoView {
    let i18n = use_i18n();
    let left = move || {
        let now = now.get();
        countdown(next_slot_start(now).millis_since(now))
    };
    view! {
        <p
            class="flex items-center gap-3 self-start rounded-full bg-surface px-4 py-2 text-sm shadow-soft"
            data-testid="next-start"
        >
            <span
                class="h-2.5 w-2.5 animate-pulse rounded-full bg-success"
                aria-hidden="true"
            ></span>
            <span>{t_string!(i18n, landing.next_table)}</span>
            <time class="font-mono font-semibold tabular-nums" data-testid="next-start-countdown">
                {left}
            </time>
        </p>
    }
}
