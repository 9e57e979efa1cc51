//! How the table names things in the reader's language: seats, links, activities,
//! prompts and the companions' lines.

use crate::api::live_types::{Link, SeatState};
use crate::domain::activity::Activity;
use crate::domain::board::Prompt;
use crate::domain::companions::Companion;
use crate::domain::matching::TableMode;
use crate::domain::schedule::Phase;
use crate::i18n::*;
use crate::ui::occupants::occupant_name;
use leptos_i18n::I18nContext;

/// The name shown for a seat ("You" for the reader's own).
pub fn seat_name(i18n: I18nContext<Locale>, seat: &SeatState, you: i64) -> String {
    occupant_name(i18n, &seat.occupant, seat.seat == you)
}

/// "Audio" or "Quiet".
pub fn mode_name(i18n: I18nContext<Locale>, mode: TableMode) -> &'static str {
    match mode {
        TableMode::Audio => t_string!(i18n, quick_match.mode_audio),
        TableMode::Quiet => t_string!(i18n, quick_match.mode_quiet),
    }
}

/// "Table 12 · seat 3".
pub fn table_and_seat(i18n: I18nContext<Locale>, table_id: i64, seat: i64) -> String {
    crate::ui::format::fill(
        &crate::ui::format::fill(t_string!(i18n, upcoming.table), "table", table_id),
        "seat",
        seat,
    )
}

/// The name for seat number `seat` among `seats` (a seat that emptied reads "Seat n").
pub fn name_of(i18n: I18nContext<Locale>, seats: &[SeatState], seat: i64, you: i64) -> String {
    seats.iter().find(|s| s.seat == seat).map_or_else(
        || crate::ui::format::fill(t_string!(i18n, table.seat_n), "seat", seat),
        |s| seat_name(i18n, s, you),
    )
}

/// A seat's link as a stable key (for tests and styling).
pub fn link_key(link: Link) -> &'static str {
    match link {
        Link::Connected => "connected",
        Link::Reconnecting { .. } => "reconnecting",
        Link::Dropped => "dropped",
        Link::Absent => "absent",
        Link::Left => "left",
    }
}

/// A seat's link, as words.
pub fn link_label(i18n: I18nContext<Locale>, link: Link) -> &'static str {
    match link {
        Link::Connected => t_string!(i18n, table.link_connected),
        Link::Reconnecting { .. } => t_string!(i18n, table.link_reconnecting),
        Link::Dropped => t_string!(i18n, table.link_dropped),
        Link::Absent => t_string!(i18n, table.link_absent),
        Link::Left => t_string!(i18n, table.link_left),
    }
}

/// An activity, as words.
pub fn activity_label(i18n: I18nContext<Locale>, activity: Activity) -> &'static str {
    match activity {
        Activity::Active => t_string!(i18n, table.activity_active),
        Activity::Typing => t_string!(i18n, table.activity_typing),
        Activity::Away => t_string!(i18n, table.activity_away),
        Activity::Ghosting => t_string!(i18n, table.activity_ghosting),
    }
}

/// The question a prompt asks.
pub fn prompt_question(i18n: I18nContext<Locale>, prompt: Prompt) -> &'static str {
    match prompt {
        Prompt::Goal => t_string!(i18n, table.prompt_goal),
        Prompt::CheckIn => t_string!(i18n, table.prompt_check_in),
        Prompt::Afterthought => t_string!(i18n, table.prompt_afterthought),
    }
}

/// What an answer to `prompt` could say (the empty box's placeholder).
pub fn prompt_example(i18n: I18nContext<Locale>, prompt: Prompt) -> &'static str {
    match prompt {
        Prompt::Goal => t_string!(i18n, table.example_goal),
        Prompt::CheckIn => t_string!(i18n, table.example_check_in),
        Prompt::Afterthought => t_string!(i18n, table.example_afterthought),
    }
}

/// A short label for an answer to a prompt.
pub fn prompt_label(i18n: I18nContext<Locale>, prompt: Prompt) -> &'static str {
    match prompt {
        Prompt::Goal => t_string!(i18n, table.label_goal),
        Prompt::CheckIn => t_string!(i18n, table.label_check_in),
        Prompt::Afterthought => t_string!(i18n, table.label_afterthought),
    }
}

/// Line `line` of `companion`'s own encouragements for when `phase` begins.
pub fn companion_line(
    i18n: I18nContext<Locale>,
    companion: Companion,
    phase: Phase,
    line: u8,
) -> &'static str {
    match (companion, phase, line % 2) {
        (Companion::FocusFox, Phase::Setup, 0) => {
            t_string!(i18n, companion_lines.focus_fox_setup_0)
        }
        (Companion::FocusFox, Phase::Setup, _) => {
            t_string!(i18n, companion_lines.focus_fox_setup_1)
        }
        (Companion::FocusFox, Phase::Work1, 0) => {
            t_string!(i18n, companion_lines.focus_fox_work1_0)
        }
        (Companion::FocusFox, Phase::Work1, _) => {
            t_string!(i18n, companion_lines.focus_fox_work1_1)
        }
        (Companion::FocusFox, Phase::Break, 0) => t_string!(i18n, companion_lines.focus_fox_rest_0),
        (Companion::FocusFox, Phase::Break, _) => t_string!(i18n, companion_lines.focus_fox_rest_1),
        (Companion::FocusFox, Phase::Work2, 0) => {
            t_string!(i18n, companion_lines.focus_fox_work2_0)
        }
        (Companion::FocusFox, Phase::Work2, _) => {
            t_string!(i18n, companion_lines.focus_fox_work2_1)
        }
        (Companion::FocusFox, Phase::Social | Phase::Upcoming | Phase::Ended, 0) => {
            t_string!(i18n, companion_lines.focus_fox_social_0)
        }
        (Companion::FocusFox, Phase::Social | Phase::Upcoming | Phase::Ended, _) => {
            t_string!(i18n, companion_lines.focus_fox_social_1)
        }
        (Companion::StudyOwl, Phase::Setup, 0) => {
            t_string!(i18n, companion_lines.study_owl_setup_0)
        }
        (Companion::StudyOwl, Phase::Setup, _) => {
            t_string!(i18n, companion_lines.study_owl_setup_1)
        }
        (Companion::StudyOwl, Phase::Work1, 0) => {
            t_string!(i18n, companion_lines.study_owl_work1_0)
        }
        (Companion::StudyOwl, Phase::Work1, _) => {
            t_string!(i18n, companion_lines.study_owl_work1_1)
        }
        (Companion::StudyOwl, Phase::Break, 0) => t_string!(i18n, companion_lines.study_owl_rest_0),
        (Companion::StudyOwl, Phase::Break, _) => t_string!(i18n, companion_lines.study_owl_rest_1),
        (Companion::StudyOwl, Phase::Work2, 0) => {
            t_string!(i18n, companion_lines.study_owl_work2_0)
        }
        (Companion::StudyOwl, Phase::Work2, _) => {
            t_string!(i18n, companion_lines.study_owl_work2_1)
        }
        (Companion::StudyOwl, Phase::Social | Phase::Upcoming | Phase::Ended, 0) => {
            t_string!(i18n, companion_lines.study_owl_social_0)
        }
        (Companion::StudyOwl, Phase::Social | Phase::Upcoming | Phase::Ended, _) => {
            t_string!(i18n, companion_lines.study_owl_social_1)
        }
        (Companion::CalmCat, Phase::Setup, 0) => t_string!(i18n, companion_lines.calm_cat_setup_0),
        (Companion::CalmCat, Phase::Setup, _) => t_string!(i18n, companion_lines.calm_cat_setup_1),
        (Companion::CalmCat, Phase::Work1, 0) => t_string!(i18n, companion_lines.calm_cat_work1_0),
        (Companion::CalmCat, Phase::Work1, _) => t_string!(i18n, companion_lines.calm_cat_work1_1),
        (Companion::CalmCat, Phase::Break, 0) => t_string!(i18n, companion_lines.calm_cat_rest_0),
        (Companion::CalmCat, Phase::Break, _) => t_string!(i18n, companion_lines.calm_cat_rest_1),
        (Companion::CalmCat, Phase::Work2, 0) => t_string!(i18n, companion_lines.calm_cat_work2_0),
        (Companion::CalmCat, Phase::Work2, _) => t_string!(i18n, companion_lines.calm_cat_work2_1),
        (Companion::CalmCat, Phase::Social | Phase::Upcoming | Phase::Ended, 0) => {
            t_string!(i18n, companion_lines.calm_cat_social_0)
        }
        (Companion::CalmCat, Phase::Social | Phase::Upcoming | Phase::Ended, _) => {
            t_string!(i18n, companion_lines.calm_cat_social_1)
        }
        (Companion::ZenPanda, Phase::Setup, 0) => {
            t_string!(i18n, companion_lines.zen_panda_setup_0)
        }
        (Companion::ZenPanda, Phase::Setup, _) => {
            t_string!(i18n, companion_lines.zen_panda_setup_1)
        }
        (Companion::ZenPanda, Phase::Work1, 0) => {
            t_string!(i18n, companion_lines.zen_panda_work1_0)
        }
        (Companion::ZenPanda, Phase::Work1, _) => {
            t_string!(i18n, companion_lines.zen_panda_work1_1)
        }
        (Companion::ZenPanda, Phase::Break, 0) => t_string!(i18n, companion_lines.zen_panda_rest_0),
        (Companion::ZenPanda, Phase::Break, _) => t_string!(i18n, companion_lines.zen_panda_rest_1),
        (Companion::ZenPanda, Phase::Work2, 0) => {
            t_string!(i18n, companion_lines.zen_panda_work2_0)
        }
        (Companion::ZenPanda, Phase::Work2, _) => {
            t_string!(i18n, companion_lines.zen_panda_work2_1)
        }
        (Companion::ZenPanda, Phase::Social | Phase::Upcoming | Phase::Ended, 0) => {
            t_string!(i18n, companion_lines.zen_panda_social_0)
        }
        (Companion::ZenPanda, Phase::Social | Phase::Upcoming | Phase::Ended, _) => {
            t_string!(i18n, companion_lines.zen_panda_social_1)
        }
    }
}
