//! The words of peer review: badges, rating values and red-rating reasons.

use crate::domain::reliability::rating::{RatingValue, Reason};
use crate::domain::reliability::Badge;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// A badge's name.
pub fn badge_label(i18n: I18nContext<Locale>, badge: Badge) -> &'static str {
    match badge {
        Badge::New => t_string!(i18n, reliability.badge_new),
        Badge::Fair => t_string!(i18n, reliability.badge_fair),
        Badge::Good => t_string!(i18n, reliability.badge_good),
        Badge::Trusted => t_string!(i18n, reliability.badge_trusted),
    }
}

/// A rating value's name.
pub fn value_label(i18n: I18nContext<Locale>, value: RatingValue) -> &'static str {
    match value {
        RatingValue::Green => t_string!(i18n, rating.green),
        RatingValue::Red => t_string!(i18n, rating.red),
        RatingValue::Skip => t_string!(i18n, rating.skip),
    }
}

/// A red-rating reason's name.
pub fn reason_label(i18n: I18nContext<Locale>, reason: Reason) -> &'static str {
    match reason {
        Reason::NoShow => t_string!(i18n, rating.reason_no_show),
        Reason::LeftEarly => t_string!(i18n, rating.reason_left_early),
        Reason::Disruptive => t_string!(i18n, rating.reason_disruptive),
        Reason::OffTask => t_string!(i18n, rating.reason_off_task),
        Reason::Inappropriate => t_string!(i18n, rating.reason_inappropriate),
        Reason::Other => t_string!(i18n, rating.reason_other),
    }
}

/// Reasons as one line: "No-show · Left early".
pub fn reasons_line(i18n: I18nContext<Locale>, reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| reason_label(i18n, *r))
        .collect::<Vec<_>>()
        .join(" · ")
}
