//! Switches between English and Traditional Chinese through the server's `/lang` route,
//! which remembers the choice in a cookie and sends the browser back to the page it came
//! from, now in the new language. Signed out it is a plain link (`GET`: the cookie only);
//! signed in, a small form (`POST`), because saving the choice to the account is a write
//! and a link must never write. Works with or without JavaScript.

use crate::i18n::*;
use crate::locale::{language_of, locale_tag};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// Every supported language; the current one is marked. With `save`, choosing one also
/// saves it to the signed-in account.
#[component]
pub fn LanguageSwitcher(#[prop(optional)] save: bool) -> impl IntoView {
    let i18n = use_i18n();
    let here = leptos_router::hooks::use_location();
    let links = Locale::get_all()
        .iter()
        .copied()
        .map(|locale| {
            let href = format!("/lang/{}", locale_tag(locale));
            let current = i18n.get_locale_untracked() == locale;
            if save {
                let next = format!(
                    "{}{}",
                    here.pathname.get_untracked(),
                    here.search.get_untracked()
                );
                return Either::Left(view! {
                    // A plain form: the router only takes links, so this reaches the server.
                    <form method="post" action=href class="contents">
                        <input type="hidden" name="next" value=next />
                        <button
                            type="submit"
                            lang=locale_tag(locale)
                            aria-current=current.then_some("true")
                            class="lang-link"
                        >
                            {language_of(locale).endonym()}
                        </button>
                    </form>
                });
            }
            Either::Right(view! {
                <a
                    href=href
                    // A server route, not a page: the client-side router must not take it.
                    rel="external"
                    hreflang=locale_tag(locale)
                    lang=locale_tag(locale)
                    aria-current=current.then_some("true")
                    class="lang-link"
                >
                    {language_of(locale).endonym()}
                </a>
            })
        })
        .collect_view();
    view! {
        <nav aria-label=t_string!(i18n, nav.language) class="flex items-center gap-1 text-sm">
            {links}
        </nav>
    }
}
