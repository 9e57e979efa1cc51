//! The eight tags as toggle buttons (`aria-pressed`), for the note editor and the filters.

use super::names::tag_label;
use crate::domain::diary::Tag;
use crate::i18n::*;
use leptos::prelude::*;

/// One button per tag; `on_toggle` hears which was pressed. Test ids are
/// `{prefix}-{tag key}`.
#[component]
pub fn TagChips(
    #[prop(into)] picked: Signal<Vec<Tag>>,
    on_toggle: Callback<Tag>,
    prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    Tag::ALL
        .into_iter()
        .map(|tag| {
            view! {
                <button
                    type="button"
                    class="phase-chip"
                    aria-pressed=move || picked.with(|t| t.contains(&tag)).to_string()
                    data-testid=format!("{prefix}-{}", tag.key())
                    on:click=move |_| on_toggle.run(tag)
                >
                    {tag_label(i18n, tag)}
                </button>
            }
        })
        .collect_view()
}
