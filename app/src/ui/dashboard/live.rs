//! The one part of the dashboard that runs in the browser: the time to a booked table,
//! ticking by the frame's server clock (and, for cancelling, whether it still refunds).

use crate::domain::credits::refundable;
use crate::domain::schedule::Phase;
use crate::domain::time::Timestamp;
use crate::i18n::*;
use crate::ui::format::{countdown, fill};
use crate::ui::phases::phase_name;
use crate::ui::shell::use_server_now;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a [`TableClock`] says about the time left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockText {
    /// A booked table's pill: "in 9:59", then the phase it is in.
    Booked,
    /// The quick-match outcome: "Starts in 9:59", then "Under way".
    Seated,
    /// Beside cancel: whether cancelling now returns the credit.
    Refund,
}

/// Text about the table starting at `starts_at_ms`, kept true as the clock ticks.
#[island]
pub fn TableClock(starts_at_ms: i64, text: ClockText) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_server_now();
    let starts_at = Timestamp::from_unix_millis(starts_at_ms);
    move || {
        let now = now.get();
        let left = starts_at.millis_since(now);
        match (text, Phase::at(starts_at, now)) {
            (ClockText::Refund, _) if refundable(starts_at, now) => {
                t_string!(i18n, upcoming.refund_yes).to_owned()
            }
            (ClockText::Refund, _) => t_string!(i18n, upcoming.refund_no).to_owned(),
            (ClockText::Booked, Phase::Upcoming) => fill(
                t_string!(i18n, upcoming.starts_in),
                "countdown",
                countdown(left),
            ),
            (ClockText::Booked, phase) => phase_name(i18n, phase).to_owned(),
            (ClockText::Seated, Phase::Upcoming) => fill(
                t_string!(i18n, quick_match.starts_in),
                "countdown",
                countdown(left),
            ),
            (ClockText::Seated, _) => t_string!(i18n, quick_match.started).to_owned(),
        }
    }
}
