//! The user menu in the header: avatar and name, opening to profile, settings, the public
//! profile, the language switcher and sign-out. A `<details>` element, so it opens by
//! keyboard and without JavaScript.

use crate::api::auth::SignOut;
use crate::api::profile_types::ViewerSummary;
use crate::i18n::*;
use crate::ui::forms::load_on_success;
use crate::ui::layout::LanguageSwitcher;
use crate::ui::room::Portrait;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Avatar button and menu.
#[component]
pub fn UserMenu(viewer: ViewerSummary) -> impl IntoView {
    let i18n = use_i18n();
    let sign_out = ServerAction::<SignOut>::new();
    load_on_success(sign_out.value());
    let public_href = format!("/u/{}", viewer.username);
    view! {
        <details class="user-menu relative">
            <summary
                class="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-xl px-1.5 transition hover:bg-surface"
                aria-label=t_string!(i18n, nav.account_menu)
            >
                <Portrait character=viewer.character scale=1.0 />
                <span class="hidden max-w-40 truncate font-semibold sm:inline">
                    {viewer.display_name.clone()}
                </span>
            </summary>
            <div class="absolute right-0 mt-2 w-60 rounded-2xl bg-background p-2 shadow-soft ring-1 ring-primary/15">
                <p class="px-3 py-2 text-sm text-ink/70">"@"{viewer.username.clone()}</p>
                <a href="/app/profile" class="menu-item">
                    {t_string!(i18n, nav.profile)}
                </a>
                <a href=public_href class="menu-item">
                    {t_string!(i18n, nav.public_profile)}
                </a>
                <a href="/app/settings" class="menu-item">
                    {t_string!(i18n, nav.settings)}
                </a>
                {viewer
                    .is_admin
                    .then(|| {
                        view! {
                            <a href="/app/admin" class="menu-item">
                                {t_string!(i18n, nav.admin)}
                            </a>
                        }
                    })}
                <div class="my-1 border-t border-primary/15 px-1 pt-1">
                    <LanguageSwitcher save=true />
                </div>
                <ActionForm action=sign_out>
                    <button type="submit" class="menu-item w-full text-left">
                        {t_string!(i18n, nav.sign_out)}
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}
