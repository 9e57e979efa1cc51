//! Ratings received, anonymised: the day, green or red, the reasons and words of a red,
//! what it weighs today and until when, and (on the ledger) the appeal of a red.

use super::names::{reasons_line, value_label};
use crate::api::rating_types::ReceivedRating;
use crate::api::ratings::AppealRating;
use crate::domain::reliability::hundredths;
use crate::domain::reliability::params::{APPEAL_MAX, HALF_LIFE_MS};
use crate::domain::reliability::rating::RatingValue;
use crate::domain::reliability::Weighing;
use crate::domain::time::DAY_MS;
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::forms::{FormAlert, FormErrors};
use crate::ui::when::{date_of, use_local_clock};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The list. With `appeals`, reds not yet appealed offer the appeal form.
#[component]
pub fn RatingHistory(
    ratings: Vec<ReceivedRating>,
    #[prop(default = false)] appeals: bool,
    /// Bumped after an appeal, so the page reloads its ledger.
    #[prop(optional)]
    version: Option<RwSignal<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if ratings.is_empty() {
        return leptos::either::Either::Left(view! {
            <p class="mt-2 text-ink/70" data-testid="history-empty">
                {t_string!(i18n, reliability.history_empty)}
            </p>
        });
    }
    let items = ratings
        .into_iter()
        .map(|rating| view! { <Entry rating appeals version /> })
        .collect_view();
    leptos::either::Either::Right(view! {
        <ul class="mt-3 flex flex-col gap-3" data-testid="rating-history">
            {items}
        </ul>
    })
}

#[component]
fn Entry(rating: ReceivedRating, appeals: bool, version: Option<RwSignal<u32>>) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let red = rating.value == RatingValue::Red;
    let border = if red {
        "border-error"
    } else {
        "border-success"
    };
    let weight = fill(
        &fill(
            t_string!(i18n, reliability.weighs),
            "now",
            hundredths(rating.weight_now_pct),
        ),
        "given",
        hundredths(rating.weight_given_pct),
    );
    let why = match rating.weighing {
        Weighing::Green => t_string!(i18n, reliability.why_green).to_owned(),
        Weighing::RedFull => t_string!(i18n, reliability.why_red_full).to_owned(),
        Weighing::RedPartial => fill(
            t_string!(i18n, reliability.why_red_partial),
            "power",
            hundredths(rating.weight_given_pct),
        ),
        Weighing::RedFromNewMember => t_string!(i18n, reliability.why_red_new).to_owned(),
    };
    let faded = (rating.weight_now_pct < rating.weight_given_pct).then(|| {
        fill(
            t_string!(i18n, reliability.why_faded),
            "half",
            HALF_LIFE_MS / DAY_MS,
        )
    });
    let day = if rating.batched {
        fill(
            t_string!(i18n, reliability.batched),
            "date",
            date_of(i18n, clock, rating.on),
        )
    } else {
        date_of(i18n, clock, rating.on)
    };
    let until = fill(
        t_string!(i18n, reliability.counts_until),
        "date",
        date_of(i18n, clock, rating.counts_until),
    );
    let reasons = (red && !rating.reasons.is_empty()).then(|| {
        view! {
            <p class="text-sm font-medium" data-testid="history-reasons">
                {reasons_line(i18n, &rating.reasons)}
            </p>
        }
    });
    let words = (!rating.other.is_empty()).then(|| {
        view! { <p class="whitespace-pre-wrap text-sm text-ink/80">"“"{rating.other.clone()}"”"</p> }
    });
    let ban = rating.caused_ban.then(|| {
        view! {
            <span class="rounded-full bg-error/15 px-2 py-0.5 text-xs font-semibold text-error">
                {t_string!(i18n, reliability.caused_ban)}
            </span>
        }
    });
    let appeal = match (red, rating.appealed, appeals) {
        (true, true, _) => Some(leptos::either::Either::Left(view! {
            <p class="text-sm text-ink/70" data-testid="appeal-sent">
                {t_string!(i18n, reliability.appeal_sent)}
            </p>
        })),
        (true, false, true) => Some(leptos::either::Either::Right(
            view! { <AppealForm reference=rating.reference.clone() version /> },
        )),
        _ => None,
    };
    view! {
        <li
            class=format!("rounded-2xl border-l-4 {border} bg-background px-4 py-3")
            data-testid="history-entry"
            data-value=rating.value.key()
        >
            <div class="flex flex-wrap items-center gap-2">
                <span class="font-semibold">{value_label(i18n, rating.value)}</span>
                <span class="text-sm text-ink/70" data-testid="history-day">
                    {day}
                </span>
                {ban}
            </div>
            {reasons}
            {words}
            <p class="mt-1 text-sm" data-testid="history-why">
                {why}
                {faded}
            </p>
            <p class="mt-1 flex flex-wrap gap-x-2 text-xs text-ink/70">
                <span class="whitespace-nowrap">{weight}</span>
                <span class="whitespace-nowrap">{until}</span>
            </p>
            {appeal}
        </li>
    }
}

/// "Appeal this rating": a short text, sent once.
#[component]
fn AppealForm(reference: String, version: Option<RwSignal<u32>>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AppealRating>::new();
    let errors = FormErrors::new(action.value());
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(version)) = (action.value().get(), version) {
            version.update(|v| *v += 1);
        }
    });
    let id = format!("appeal-{reference}");
    view! {
        <details class="mt-2" data-testid="appeal">
            <summary class="cursor-pointer text-sm font-semibold text-primary-deep">
                {t_string!(i18n, reliability.appeal)}
            </summary>
            <ActionForm action=action attr:class="mt-2 flex flex-col gap-2">
                <input type="hidden" name="rating" value=reference />
                <label for=id.clone() class="text-sm">
                    {t_string!(i18n, reliability.appeal_hint)}
                </label>
                <textarea
                    id=id
                    name="text"
                    rows="3"
                    maxlength=APPEAL_MAX
                    required
                    class="w-full rounded-xl border border-primary/25 bg-surface px-3 py-2 text-sm"
                ></textarea>
                <FormAlert error=errors.general(&[]) />
                <button
                    type="submit"
                    class="btn-light self-start"
                    disabled=move || action.pending().get()
                >
                    {t_string!(i18n, reliability.appeal_send)}
                </button>
            </ActionForm>
        </details>
    }
}
