//! Words for the diary: tag names, weekday names, months and days written out.

use crate::domain::diary::day::{Day, Month};
use crate::domain::diary::Tag;
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::when::{month_name, month_of_year};
use leptos_i18n::I18nContext;

/// A tag's name.
pub fn tag_label(i18n: I18nContext<Locale>, tag: Tag) -> &'static str {
    match tag {
        Tag::Productive => t_string!(i18n, diary_tags.productive),
        Tag::Distracted => t_string!(i18n, diary_tags.distracted),
        Tag::Breakthrough => t_string!(i18n, diary_tags.breakthrough),
        Tag::Tired => t_string!(i18n, diary_tags.tired),
        Tag::Energized => t_string!(i18n, diary_tags.energized),
        Tag::Social => t_string!(i18n, diary_tags.social),
        Tag::DeepFocus => t_string!(i18n, diary_tags.deep_focus),
        Tag::Struggled => t_string!(i18n, diary_tags.struggled),
    }
}

/// A weekday's short name, Monday = 0.
pub fn weekday_short(i18n: I18nContext<Locale>, weekday: u32) -> &'static str {
    match weekday {
        0 => t_string!(i18n, diary.weekday_0),
        1 => t_string!(i18n, diary.weekday_1),
        2 => t_string!(i18n, diary.weekday_2),
        3 => t_string!(i18n, diary.weekday_3),
        4 => t_string!(i18n, diary.weekday_4),
        5 => t_string!(i18n, diary.weekday_5),
        _ => t_string!(i18n, diary.weekday_6),
    }
}

/// "November 2026".
pub fn month_title(i18n: I18nContext<Locale>, month: Month) -> String {
    month_of_year(i18n, i64::from(month.year), i64::from(month.month))
}

/// "Sunday, November 29".
pub fn day_title(i18n: I18nContext<Locale>, day: Day) -> String {
    let (_, month, date) = day.ymd();
    // Weekday names count from Sunday; `Day::weekday` from Monday.
    let weekday = crate::ui::when::weekday_name(i18n, i64::from((day.weekday() + 1) % 7));
    let text = fill(t_string!(i18n, diary.day_title), "weekday", weekday);
    let text = fill(&text, "month", month_name(i18n, i64::from(month)));
    fill(&text, "day", date)
}

/// `14:05` from minutes after midnight.
pub fn clock(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}
