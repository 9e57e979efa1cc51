//! Switches between English and Traditional Chinese: a plain link to the server's `/lang`
//! route, which remembers the choice in a cookie and sends the browser back to the page it
//! came from (its `Referer`), now in the new language. Works with or without JavaScript.

use crate::i18n::*;
use crate::ui::locale::locale_tag;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

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
    let links = Locale::get_all()
        .iter()
        .copied()
        .map(|locale| {
            let href = format!("/lang/{}", locale_tag(locale));
            let current = i18n.get_locale_untracked() == locale;
            view! {
                <a
                    href=href
                    // A server route, not a page: the client-side router must not take it.
                    rel="external"
                    hreflang=locale_tag(locale)
                    lang=locale_tag(locale)
                    aria-current=current.then_some("true")
                    class="lang-link"
                >
                    {endonym(locale)}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=t_string!(i18n, nav.language) class="flex items-center gap-1 text-sm">
            {links}
        </nav>
    }
}
