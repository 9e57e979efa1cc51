//! Leaving the table, in two steps. Before the start it is a cancellation (saying whether
//! the credit comes back) that lands on the dashboard; after it, leaving early (no refund,
//! the session will not count) that lands on the student's own summary at once.

use super::channel::ChannelState;
use super::use_table;
use crate::api::live_types::CloseReason;
use crate::api::tables::LeaveTable;
use crate::domain::credits::refundable;
use crate::domain::schedule::Phase;
use crate::i18n::*;
use crate::ui::errors::error_message;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The leave (or cancel) button with its confirmation.
#[component]
pub fn LeaveButton() -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let action = ServerAction::<LeaveTable>::new();
    let confirming = RwSignal::new(false);
    let started = move || Phase::at(table.starts_at, table.now.get()) != Phase::Upcoming;
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            if Phase::at(table.starts_at, table.now.get_untracked()) != Phase::Upcoming {
                // The page turns to the summary (and asks for it) even if the channel's
                // own goodbye is late.
                table
                    .channel
                    .state
                    .set(ChannelState::Closed(CloseReason::Left));
            } else {
                let _ = window().location().set_href("/app");
            }
        }
    });
    let label = move || {
        if started() {
            t_string!(i18n, table.leave)
        } else {
            t_string!(i18n, table.cancel)
        }
    };
    let warning = move || {
        if started() {
            t_string!(i18n, table.leave_warning)
        } else if refundable(table.starts_at, table.now.get()) {
            t_string!(i18n, upcoming.refund_yes)
        } else {
            t_string!(i18n, upcoming.refund_no)
        }
    };
    let error = move || {
        action.value().with(|v| {
            v.as_ref().and_then(|r| r.as_ref().err()).map(|e| {
                view! {
                    <p role="alert" class="text-sm text-error">
                        {error_message(i18n, e)}
                    </p>
                }
            })
        })
    };
    view! {
        <div class="flex flex-col gap-2" data-testid="leave">
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="btn-light"
                            on:click=move |_| confirming.set(true)
                        >
                            {label}
                        </button>
                    }
                }
            >
                <div
                    role="alertdialog"
                    aria-labelledby="leave-warning"
                    class="rounded-2xl bg-error/10 p-3"
                >
                    <p id="leave-warning" class="text-sm">
                        {warning}
                    </p>
                    <ActionForm action attr:class="mt-2 flex flex-wrap gap-2">
                        <input type="hidden" name="table_id" value=table.table_id.to_string() />
                        <button
                            type="submit"
                            class="btn-danger"
                            disabled=move || action.pending().get()
                        >
                            {move || {
                                if started() {
                                    t_string!(i18n, table.leave_confirm)
                                } else {
                                    t_string!(i18n, upcoming.cancel_confirm)
                                }
                            }}
                        </button>
                        <button
                            type="button"
                            class="btn-quiet"
                            on:click=move |_| confirming.set(false)
                        >
                            {t_string!(i18n, table.stay)}
                        </button>
                    </ActionForm>
                </div>
            </Show>
            {error}
        </div>
    }
}
