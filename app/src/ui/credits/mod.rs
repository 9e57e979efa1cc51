//! `/app/credits`: the balance and when more arrive, gifts (pro and elite), the referral
//! code to share and a friend's code to apply, and the history of every change.

mod history;
mod referral;

use crate::api::credits::{load_credits, GiftCredits};
use crate::api::table_types::CreditOverview;
use crate::domain::credits::Tier;
use crate::domain::time::Timestamp;
use crate::i18n::*;
use crate::ui::errors::ErrorNotice;
use crate::ui::format::fill;
use crate::ui::forms::{Field, FormAlert, FormErrors, SubmitButton};
use crate::ui::shell::{use_header_credits, use_server_now};
use crate::ui::when::{span, use_local_clock, when};
use leptos::either::Either;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The credits page.
#[island(lazy)]
pub fn CreditsPage() -> impl IntoView {
    let i18n = use_i18n();
    let now = use_server_now();
    // Bumped after a gift or a code, so the figures and the history reload.
    let version = RwSignal::new(0u32);
    let overview = Resource::new(move || version.get(), |_| load_credits());
    let page = move || {
        overview.get().map(|answer| match answer {
            Ok(overview) => Either::Left(view! { <Overview overview now version /> }),
            Err(error) => Either::Right(view! { <ErrorNotice error /> }),
        })
    };
    view! {
        <div class="mx-auto flex max-w-5xl flex-col gap-6">
            <h1 class="text-2xl font-bold tracking-tight">{t_string!(i18n, credits.title)}</h1>
            <Transition fallback=crate::ui::layout::Loading>{page}</Transition>
        </div>
    }
}

/// A tier's name.
pub fn tier_name(i18n: leptos_i18n::I18nContext<Locale>, tier: Tier) -> &'static str {
    match tier {
        Tier::Free => t_string!(i18n, credits.tier_free),
        Tier::Pro => t_string!(i18n, credits.tier_pro),
        Tier::Elite => t_string!(i18n, credits.tier_elite),
        Tier::Infinite => t_string!(i18n, credits.tier_infinite),
    }
}

#[component]
fn Overview(
    overview: CreditOverview,
    now: Signal<Timestamp>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let header_credits = use_header_credits();
    header_credits.set(overview.balance);
    let balance = overview
        .balance
        .map_or_else(|| "∞".to_owned(), |n| n.to_string());
    let allotment = match overview.tier.weekly_allotment() {
        Some(n) => Either::Left(t!(i18n, credits.allotment, count = move || n)),
        None => Either::Right(t_string!(i18n, credits.unlimited)),
    };
    let next = overview.next_refresh_at;
    let next_when = when(i18n, clock, next);
    let next_text = move || {
        fill(
            &fill(t_string!(i18n, credits.next_refresh), "when", &next_when),
            "span",
            span(i18n, next.millis_since(now.get())),
        )
    };
    view! {
        // Laptops: what you can do on the left, what happened on the right.
        <div class="grid items-start gap-6 lg:grid-cols-[1.15fr_1fr]">
            <div class="flex min-w-0 flex-col gap-6">
                <section
                    class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8"
                    aria-labelledby="balance-title"
                >
                    <h2 id="balance-title" class="text-lg font-bold">
                        {t_string!(i18n, credits.balance_title)}
                    </h2>
                    <p class="mt-3 flex items-baseline gap-3">
                        <span class="text-5xl font-bold tabular-nums" data-testid="credit-balance">
                            {balance}
                        </span>
                        <span class="rounded-full bg-background px-3 py-1 text-sm font-semibold">
                            {tier_name(i18n, overview.tier)}
                        </span>
                    </p>
                    <p class="mt-2 text-ink/75">{allotment}</p>
                    {overview
                        .tier
                        .weekly_allotment()
                        .map(|_| {
                            view! {
                                <p class="mt-1 text-ink/75" data-testid="next-refresh">
                                    {next_text.clone()}
                                </p>
                            }
                        })}
                </section>
                <GiftCard
                    tier=overview.tier
                    remaining=overview.gift_remaining
                    nonce=overview.nonce.clone()
                    version
                />
                <referral::ReferralCard
                    code=overview.referral_code.clone()
                    can_apply=overview.can_apply_code
                    version
                />
            </div>
            <div class="min-w-0">
                <history::History lines=overview.history.clone() />
            </div>
        </div>
    }
}

#[component]
fn GiftCard(tier: Tier, remaining: i64, nonce: String, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if tier.may_gift() {
        Either::Left(view! { <GiftForm remaining nonce version /> })
    } else {
        Either::Right(
            view! { <p class="text-ink/75">{t_string!(i18n, credits.gift_paid_only)}</p> },
        )
    };
    view! {
        <section class="rounded-3xl bg-surface p-6 shadow-soft sm:p-8" aria-labelledby="gift-title">
            <h2 id="gift-title" class="text-lg font-bold">
                {t_string!(i18n, credits.gift_title)}
            </h2>
            <div class="mt-3">{body}</div>
        </section>
    }
}

#[component]
fn GiftForm(remaining: i64, nonce: String, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<GiftCredits>::new();
    let errors = FormErrors::new(action.value());
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            attempt.update(|n| *n += 1);
            version.update(|v| *v += 1);
        }
    });
    let done = move || {
        action.value().with(|v| match v {
            Some(Ok(gift)) => {
                let (amount, to) = (gift.amount, gift.to.clone());
                Some(t!(
                    i18n,
                    credits.gift_done,
                    count = move || amount,
                    name = move || to.clone()
                ))
            }
            _ => None,
        })
    };
    let hint = t!(i18n, credits.gift_remaining, count = move || remaining);
    // One key per attempt: a double submit gifts once.
    let key = move || format!("{nonce}-{}", attempt.get());
    view! {
        <p class="text-ink/75">{hint}</p>
        <ActionForm
            action=action
            attr:class="mt-4 grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start"
        >
            <Field
                label=t_string!(i18n, credits.gift_to)
                name="to"
                autocomplete="off"
                required=true
                error=errors.field("to")
            />
            <Field
                label=t_string!(i18n, credits.gift_amount)
                name="amount"
                kind="number"
                value="1"
                required=true
                error=errors.field("amount")
            />
            <input type="hidden" name="idempotency_key" prop:value=key />
            <div class="sm:pt-7">
                <SubmitButton
                    label=t_string!(i18n, credits.gift_submit)
                    pending=action.pending().into()
                    class="btn-primary w-full sm:w-auto"
                />
            </div>
        </ActionForm>
        <div class="mt-3">
            <FormAlert error=errors.general(&["to", "amount"]) />
            {move || {
                done()
                    .map(|text| {
                        view! {
                            <p role="status" class="rounded-xl bg-success/15 px-4 py-3 text-sm">
                                {text}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
