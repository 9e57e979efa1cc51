//! Switches between English and Traditional Chinese. A plain link to the server's `/lang`
//! route (works without JavaScript); once hydrated the switch happens in place.

use crate::i18n::*;
use crate::ui::format::encode_query_value;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_location;

/// Each language's name, written in that language.
fn endonym(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::zh_TW => "繁體中文",
    }
}

/// Links to every supported language; the current one is marked.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let links = Locale::get_all()
        .iter()
        .copied()
        .map(|locale| {
            let href = move || {
                format!(
                    "/lang/{}?next={}",
                    locale.as_str(),
                    encode_query_value(&location.pathname.get())
                )
            };
            let current = move || i18n.get_locale() == locale;
            view! {
                <a
                    href=href
                    hreflang=locale.as_str()
                    lang=locale.as_str()
                    aria-current=move || current().then_some("true")
                    class="lang-link"
                    on:click=move |ev| {
                        ev.prevent_default();
                        i18n.set_locale(locale);
                    }
                >
                    {endonym(locale)}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=move || t_string!(i18n, nav.language) class="flex items-center gap-1 text-sm">
            {links}
        </nav>
    }
}
