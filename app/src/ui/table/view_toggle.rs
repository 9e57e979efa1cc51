//! The switch between the pixel room and the classic layout: it changes the page at once
//! and is remembered on the account for every table after.

use crate::api::profile::SaveTableView;
use crate::domain::stored::TableView;
use crate::i18n::*;
use leptos::prelude::*;

/// A button naming the other view.
#[component]
pub fn ViewToggle(view: RwSignal<TableView>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveTableView>::new();
    let flip = move |_| {
        let next = match view.get_untracked() {
            TableView::Pixel => TableView::Classic,
            TableView::Classic => TableView::Pixel,
        };
        view.set(next);
        save.dispatch(SaveTableView {
            view: next.as_str().to_owned(),
        });
    };
    view! {
        <button
            type="button"
            class="min-h-11 rounded-full bg-surface px-4 text-sm font-semibold text-primary-deep transition hover:bg-accent/25"
            on:click=flip
            data-testid="view-toggle"
            data-view=move || view.get().as_str()
        >
            {move || match view.get() {
                TableView::Pixel => t_string!(i18n, room.view_classic),
                TableView::Classic => t_string!(i18n, room.view_pixel),
            }}
        </button>
    }
}
