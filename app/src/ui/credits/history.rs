//! Every change to the balance, newest first.

use crate::api::table_types::CreditLine;
use crate::domain::credits::LedgerKind;
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::when::{use_local_clock, when};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn describe(i18n: I18nContext<Locale>, line: &CreditLine) -> String {
    let template = match line.kind {
        LedgerKind::WeeklyGrant => t_string!(i18n, ledger.weekly_grant),
        LedgerKind::Seat => t_string!(i18n, ledger.session),
        LedgerKind::Refund => t_string!(i18n, ledger.refund),
        LedgerKind::GiftSent => t_string!(i18n, ledger.gift_sent),
        LedgerKind::GiftReceived => t_string!(i18n, ledger.gift_received),
        LedgerKind::Referral => t_string!(i18n, ledger.referral),
        LedgerKind::TierChange => t_string!(i18n, ledger.tier_change),
        LedgerKind::BanPenalty => t_string!(i18n, ledger.ban_penalty),
    };
    let named = fill(
        template,
        "name",
        line.counterparty.as_deref().unwrap_or("—"),
    );
    fill(&named, "table", line.table_id.unwrap_or_default())
}

/// The history card.
#[component]
pub fn History(lines: Vec<CreditLine>) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let rows = lines
        .iter()
        .map(|line| {
            let amount = if line.amount > 0 {
                format!("+{}", line.amount)
            } else {
                line.amount.to_string().replace('-', "−")
            };
            let positive = line.amount > 0;
            view! {
                <li class="flex items-center justify-between gap-4 py-3">
                    <div class="min-w-0">
                        <p class="truncate">{describe(i18n, line)}</p>
                        <p class="text-sm text-ink/70">{when(i18n, clock, line.at)}</p>
                    </div>
                    <span
                        class="shrink-0 font-mono font-semibold tabular-nums"
                        class:text-success=positive
                    >
                        {amount}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section
            class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8"
            aria-labelledby="history-title"
        >
            <h2 id="history-title" class="text-lg font-bold">
                {t_string!(i18n, credits.history_title)}
            </h2>
            <ul class="mt-2 divide-y divide-primary/10" data-testid="credit-history">
                {rows}
            </ul>
        </section>
    }
}
