//! The Focus Squad mark: a table seen from above with four seats, drawn on a pixel grid.

use crate::ui::pixel::{self, Pixels};
use leptos::prelude::*;

/// The logo mark (decorative; the link around it carries the name).
#[component]
pub fn Logo() -> impl IntoView {
    view! { <Pixels art=&pixel::LOGO class="h-7 w-7 sm:h-8 sm:w-8" /> }
}
