//! What a seat's occupant is called: "You", a student's name, or a companion's.

use crate::api::table_types::Occupant;
use crate::domain::companions::Companion;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// The name shown for whoever sits in a seat: "You", a student's display name (or
/// username), or a companion's name.
pub fn occupant_name(i18n: I18nContext<Locale>, occupant: &Occupant, you: bool) -> String {
    match occupant {
        _ if you => t_string!(i18n, upcoming.you).to_owned(),
        Occupant::Human {
            username,
            display_name,
            ..
        } if display_name.is_empty() => username.clone(),
        Occupant::Human { display_name, .. } => display_name.clone(),
        Occupant::Companion(companion) => companion_name(i18n, *companion).to_owned(),
    }
}

/// A companion's name in the page's language.
pub fn companion_name(i18n: I18nContext<Locale>, companion: Companion) -> &'static str {
    match companion {
        Companion::FocusFox => t_string!(i18n, companion.fox),
        Companion::StudyOwl => t_string!(i18n, companion.owl),
        Companion::CalmCat => t_string!(i18n, companion.cat),
        Companion::ZenPanda => t_string!(i18n, companion.panda),
    }
}
