//! A person's picture: the generated pixel pattern for their username.

use crate::api::table_types::Occupant;
use crate::domain::avatar::{identicon, GRID, SWATCHES};
use crate::domain::companions::Companion;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The avatar of `username`, `size` CSS classes (e.g. `h-10 w-10`). Decorative: the name
/// next to it is what assistive technology reads.
#[component]
pub fn Avatar(
    username: String,
    #[prop(default = "h-10 w-10")] size: &'static str,
) -> impl IntoView {
    let icon = identicon(&username);
    let (background, ink) = SWATCHES[icon.swatch];
    let cells = icon
        .cells
        .iter()
        .enumerate()
        .flat_map(|(row, line)| {
            line.iter()
                .enumerate()
                .filter(|(_, filled)| **filled)
                .map(move |(col, _)| (row, col))
        })
        .map(|(row, col)| {
            view! { <rect x=(col + 1).to_string() y=(row + 1).to_string() width="1" height="1" fill=ink /> }
        })
        .collect_view();
    let side = (GRID + 2).to_string();
    let view_box = format!("0 0 {side} {side}");
    view! {
        <svg
            viewBox=view_box
            class=format!("{size} shrink-0 rounded-xl")
            shape-rendering="crispEdges"
            aria-hidden="true"
        >
            <rect width=side.clone() height=side fill=background />
            {cells}
        </svg>
    }
}

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
