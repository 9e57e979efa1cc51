//! The reliability badge: a small pill with a pixel shield, coloured by tier.

use super::names::badge_label;
use crate::domain::reliability::Badge;
use crate::i18n::*;
use crate::ui::pixel::{self, Pixels};
use leptos::prelude::*;

/// The badge pill. `title` explains it on hover; the text is always visible.
#[component]
pub fn BadgeChip(badge: Badge) -> impl IntoView {
    let i18n = use_i18n();
    let colours = match badge {
        Badge::New => "bg-primary/10 text-primary-deep",
        Badge::Fair => "bg-warning/25 text-ink",
        Badge::Good => "bg-success/20 text-ink",
        Badge::Trusted => "bg-success text-white",
    };
    view! {
        <span
            class=format!(
                "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold {colours}",
            )
            title=t_string!(i18n, reliability.badge_title)
            data-testid="badge"
            data-badge=badge.key()
        >
            <Pixels art=&pixel::SHIELD class="h-3 w-3" />
            <span class="sr-only">{t_string!(i18n, reliability.badge_title)}": "</span>
            {badge_label(i18n, badge)}
        </span>
    }
}
