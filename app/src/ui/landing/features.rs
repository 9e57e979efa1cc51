//! Four reasons studying together works.

use crate::i18n::*;
use crate::ui::pixel::{self, Pixels};
use leptos::prelude::*;

/// The reasons, as cards.
#[component]
pub fn Features() -> impl IntoView {
    let i18n = use_i18n();
    let cards: [(&str, &str, &str); 4] = [
        (
            "text-success",
            t_string!(i18n, landing.people_title),
            t_string!(i18n, landing.people_body),
        ),
        (
            "text-accent",
            t_string!(i18n, landing.modes_title),
            t_string!(i18n, landing.modes_body),
        ),
        (
            "text-warning",
            t_string!(i18n, landing.companions_title),
            t_string!(i18n, landing.companions_body),
        ),
        (
            "text-primary",
            t_string!(i18n, landing.room_title),
            t_string!(i18n, landing.room_body),
        ),
    ];
    view! {
        <section class="mx-auto max-w-6xl px-5 py-16 sm:px-8" aria-labelledby="features-title">
            <h2 id="features-title" class="text-2xl font-bold sm:text-3xl">
                {t_string!(i18n, landing.features_title)}
            </h2>
            <ul class="mt-8 grid gap-5 sm:grid-cols-2">
                {cards
                    .into_iter()
                    .map(|(colour, title, body)| {
                        view! {
                            <li class="rounded-3xl bg-surface p-6 shadow-soft">
                                <Pixels art=&pixel::FEATURE class=format!("h-8 w-8 {colour}") />
                                <h3 class="mt-4 text-lg font-semibold">{title}</h3>
                                <p class="mt-2 leading-relaxed text-ink/80">{body}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
