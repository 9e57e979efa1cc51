//! How phases are named and coloured everywhere in the UI.

use crate::domain::schedule::Phase;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// The phase's name in the current language.
pub fn phase_name(i18n: I18nContext<Locale>, phase: Phase) -> &'static str {
    match phase {
        Phase::Upcoming => t_string!(i18n, phase.upcoming),
        Phase::Setup => t_string!(i18n, phase.setup),
        Phase::Work1 => t_string!(i18n, phase.work1),
        Phase::Break => t_string!(i18n, phase.rest),
        Phase::Work2 => t_string!(i18n, phase.work2),
        Phase::Social => t_string!(i18n, phase.social),
        Phase::Ended => t_string!(i18n, phase.ended),
    }
}

/// One sentence on what happens in the phase.
pub fn phase_description(i18n: I18nContext<Locale>, phase: Phase) -> &'static str {
    match phase {
        Phase::Setup | Phase::Upcoming => t_string!(i18n, phase.setup_desc),
        Phase::Work1 => t_string!(i18n, phase.work1_desc),
        Phase::Break => t_string!(i18n, phase.rest_desc),
        Phase::Work2 => t_string!(i18n, phase.work2_desc),
        Phase::Social | Phase::Ended => t_string!(i18n, phase.social_desc),
    }
}

/// Stroke colour class (the same palette token) for the phase's arc on a ring.
pub fn phase_stroke(phase: Phase) -> &'static str {
    match phase {
        Phase::Setup => "stroke-accent",
        Phase::Work1 | Phase::Work2 => "stroke-primary",
        Phase::Break => "stroke-success",
        Phase::Social => "stroke-warning",
        Phase::Upcoming | Phase::Ended => "stroke-surface",
    }
}

/// Background colour class (a palette token) for the phase.
pub fn phase_fill(phase: Phase) -> &'static str {
    match phase {
        Phase::Setup => "bg-accent",
        Phase::Work1 | Phase::Work2 => "bg-primary",
        Phase::Break => "bg-success",
        Phase::Social => "bg-warning",
        Phase::Upcoming | Phase::Ended => "bg-surface",
    }
}
