//! The Focus Squad mark: a table seen from above with four seats, drawn on a pixel grid.

use leptos::prelude::*;

/// The logo mark (decorative; the link around it carries the name).
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg viewBox="0 0 16 16" class="h-7 w-7 sm:h-8 sm:w-8" shape-rendering="crispEdges" aria-hidden="true">
            <rect x="4" y="4" width="8" height="8" rx="1" fill="#8B7355" />
            <rect x="6" y="6" width="4" height="4" fill="#D4A574" />
            <rect x="6" y="1" width="4" height="2" fill="#D4A574" />
            <rect x="6" y="13" width="4" height="2" fill="#7D9B76" />
            <rect x="1" y="6" width="2" height="4" fill="#C9A962" />
            <rect x="13" y="6" width="2" height="4" fill="#B85C5C" />
        </svg>
    }
}
