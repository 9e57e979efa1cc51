//! Rating tablemates after a session: a card per human tablemate (avatar, name, the goal
//! they set) with green / red / skip; red opens the reasons. Each card can be sent on its
//! own, or all at once; what was sent shows as given.

use super::names::{reason_label, value_label};
use crate::api::rating_types::{RatingCard, RatingCards};
use crate::api::ratings::rate_tablemates;
use crate::domain::reliability::params::OTHER_TEXT_MAX;
use crate::domain::reliability::rating::{RatingInput, RatingValue, Reason};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::{error_message, rule_message};
use crate::ui::format::fill;
use crate::ui::room::Portrait;
use crate::ui::when::{use_local_clock, when};
use leptos::either::Either;
use leptos::prelude::*;

/// What the viewer has picked on one card, before sending.
#[derive(Clone, Copy)]
struct Draft {
    seat: i64,
    value: RwSignal<Option<RatingValue>>,
    reasons: RwSignal<Vec<Reason>>,
    other: RwSignal<String>,
    /// What to fix before this card can be sent (shown beside the reasons).
    problem: RwSignal<Option<AppError>>,
}

impl Draft {
    fn new(seat: i64) -> Self {
        Self {
            seat,
            value: RwSignal::new(None),
            reasons: RwSignal::new(Vec::new()),
            other: RwSignal::new(String::new()),
            problem: RwSignal::new(None),
        }
    }

    /// The rating to send when it follows the rules; otherwise says on the card what to
    /// fix (in the student's language, before anything is sent) and keeps what was picked.
    fn checked(&self) -> Option<RatingInput> {
        let input = self.input()?;
        let problem = input.check().err();
        let ok = problem.is_none();
        self.problem.set(problem);
        ok.then_some(input)
    }

    /// The rating to send, once a value is picked (reasons only travel with a red).
    fn input(&self) -> Option<RatingInput> {
        let value = self.value.get()?;
        let red = value == RatingValue::Red;
        Some(RatingInput {
            seat: self.seat,
            value,
            reasons: if red { self.reasons.get() } else { Vec::new() },
            other: if red { self.other.get() } else { String::new() },
        })
    }
}

type Send = Action<Vec<RatingInput>, Result<RatingCards, AppError>>;

/// The rating section of the session-end page (the cards come with the summary).
#[component]
pub fn RateTablemates(cards: RatingCards) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section
            class="rounded-3xl bg-surface p-6 shadow-soft"
            data-testid="rate"
            aria-labelledby="rate-title"
        >
            <h2 id="rate-title" class="text-lg font-bold">
                {t_string!(i18n, rating.title)}
            </h2>
            <p class="mt-1 text-sm text-ink/75">{t_string!(i18n, rating.lede)}</p>
            <Cards initial=cards />
        </section>
    }
}

#[component]
fn Cards(initial: RatingCards) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_local_clock();
    let table_id = initial.table_id;
    let cards = RwSignal::new(initial.cards.clone());
    let drafts: Vec<Draft> = initial.cards.iter().map(|c| Draft::new(c.seat)).collect();
    let send: Send = Action::new(move |ratings: &Vec<RatingInput>| {
        let ratings = ratings.clone();
        async move { rate_tablemates(table_id, ratings).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(answer)) = send.value().get() {
            cards.set(answer.cards);
        }
    });
    if initial.cards.is_empty() {
        return Either::Left(view! {
            <p class="mt-3 text-ink/75" data-testid="rate-nobody">
                {t_string!(i18n, rating.nobody)}
            </p>
        });
    }
    let closes = initial.closes_at.map(|at| {
        view! {
            <p class="mt-1 text-sm text-ink/70">
                {fill(t_string!(i18n, rating.closes), "when", when(i18n, clock, at))}
            </p>
        }
    });
    let all_drafts = StoredValue::new(drafts.clone());
    let open_drafts = move || {
        let open: Vec<i64> = cards.with(|c| c.iter().filter(|c| c.open).map(|c| c.seat).collect());
        all_drafts.with_value(|all| {
            all.iter()
                .filter(|d| open.contains(&d.seat))
                .copied()
                .collect::<Vec<_>>()
        })
    };
    let ready_all = move || {
        let open = open_drafts();
        !open.is_empty() && open.iter().all(|d| d.value.get().is_some())
    };
    let send_all = move |_| {
        // Every card is checked (so each shows what to fix), then all go at once.
        let inputs: Vec<Option<RatingInput>> = open_drafts().iter().map(Draft::checked).collect();
        if let Some(inputs) = inputs.into_iter().collect::<Option<Vec<_>>>() {
            send.dispatch(inputs);
        }
    };
    let error = move || {
        send.value().with(|v| match v {
            Some(Err(e)) => Some(view! {
                <p role="alert" class="mt-3 rounded-xl bg-error/10 px-4 py-3 text-sm text-error">
                    {error_message(i18n, e)}
                </p>
            }),
            _ => None,
        })
    };
    let list = drafts
        .into_iter()
        .map(|draft| {
            let card = Memo::new(move |_| {
                cards.with(|c| c.iter().find(|c| c.seat == draft.seat).cloned())
            });
            view! { <Card draft card send /> }
        })
        .collect_view();
    let any_open = move || cards.with(|c| c.iter().any(|c| c.open));
    Either::Right(view! {
        {closes}
        <ul class="mt-4 grid gap-3 sm:grid-cols-2">{list}</ul>
        {error}
        <Show when=any_open>
            <button
                type="button"
                class="btn-primary mt-4"
                data-testid="rate-all"
                disabled=move || !ready_all() || send.pending().get()
                on:click=send_all
            >
                {t_string!(i18n, rating.send_all)}
            </button>
        </Show>
    })
}

#[component]
fn Card(draft: Draft, card: Memo<Option<RatingCard>>, send: Send) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Some(card) = card.get() else {
            return Either::Left(());
        };
        let name = if card.display_name.is_empty() {
            card.username.clone()
        } else {
            card.display_name.clone()
        };
        let goal = card.goal.clone().map(|goal| {
            view! {
                <p class="mt-1 text-sm text-ink/80">
                    <span class="font-semibold">{t_string!(i18n, rating.their_goal)}" "</span>
                    {goal}
                </p>
            }
        });
        let state = match (card.open, card.given) {
            (true, _) => Either::Left(view! { <Choices draft send /> }),
            (false, given) => {
                let text = match given {
                    Some(value) => fill(
                        t_string!(i18n, rating.given),
                        "value",
                        value_label(i18n, value),
                    ),
                    None => t_string!(i18n, rating.closed).to_owned(),
                };
                Either::Right(view! {
                    <p
                        class="mt-3 rounded-xl bg-background px-3 py-2 text-sm"
                        data-testid="rate-given"
                        data-value=given.map(|v| v.key())
                    >
                        {text}
                    </p>
                })
            }
        };
        Either::Right(view! {
            <li class="rounded-2xl bg-background p-4" data-testid="rate-card" data-seat=card.seat>
                <div class="flex items-center gap-3">
                    <Portrait character=card.character scale=1.5 />
                    <div class="min-w-0">
                        <p class="truncate font-semibold">{name}</p>
                        {goal}
                    </div>
                </div>
                {state}
            </li>
        })
    }
}

/// Green / red / skip, the reasons for a red, and "send".
#[component]
fn Choices(draft: Draft, send: Send) -> impl IntoView {
    let i18n = use_i18n();
    let buttons = RatingValue::ALL
        .into_iter()
        .map(|value| {
            let (label, tone) = match value {
                RatingValue::Green => (value_label(i18n, value), "aria-pressed:bg-success aria-pressed:text-white"),
                RatingValue::Red => (value_label(i18n, value), "aria-pressed:bg-error aria-pressed:text-white"),
                RatingValue::Skip => (t_string!(i18n, rating.skip_button), "aria-pressed:bg-primary aria-pressed:text-white"),
            };
            view! {
                <button
                    type="button"
                    class=format!(
                        "min-h-11 rounded-xl border border-primary/25 px-3 py-2 text-sm font-semibold transition hover:bg-surface {tone}",
                    )
                    aria-pressed=move || (draft.value.get() == Some(value)).to_string()
                    data-value=value.key()
                    on:click=move |_| draft.value.set(Some(value))
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let is_red = move || draft.value.get() == Some(RatingValue::Red);
    let send_one = move |_| {
        if let Some(input) = draft.checked() {
            send.dispatch(vec![input]);
        }
    };
    view! {
        <div
            class="mt-3 grid grid-cols-3 gap-2"
            role="group"
            aria-label=t_string!(i18n, rating.choose)
        >
            {buttons}
        </div>
        <Show when=is_red>
            <Reasons draft />
        </Show>
        <button
            type="button"
            class="btn-light mt-3 w-full"
            data-testid="rate-send"
            disabled=move || draft.value.get().is_none() || send.pending().get()
            on:click=send_one
        >
            {t_string!(i18n, rating.send)}
        </button>
    }
}

/// The reasons picker of a red rating, with optional words (required with "other").
#[component]
fn Reasons(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let boxes = Reason::ALL
        .into_iter()
        .map(|reason| {
            let checked = move || draft.reasons.with(|r| r.contains(&reason));
            view! {
                <label class="flex min-h-11 items-center gap-2 rounded-xl px-2 hover:bg-surface">
                    <input
                        type="checkbox"
                        class="h-4 w-4 accent-error"
                        value=reason.key()
                        prop:checked=checked
                        on:change=move |_| {
                            draft.problem.set(None);
                            draft
                                .reasons
                                .update(|r| {
                                    if let Some(i) = r.iter().position(|x| *x == reason) {
                                        r.remove(i);
                                    } else {
                                        r.push(reason);
                                    }
                                });
                        }
                    />
                    <span class="text-sm">{reason_label(i18n, reason)}</span>
                </label>
            }
        })
        .collect_view();
    let id = format!("rate-other-{}", draft.seat);
    let problem_id = format!("rate-problem-{}", draft.seat);
    let problem = move || {
        draft.problem.with(|p| match p {
            Some(AppError::Invalid { field, rule }) => Some(rule_message(i18n, field, *rule)),
            Some(other) => Some(error_message(i18n, other)),
            None => None,
        })
    };
    let described = {
        let problem_id = problem_id.clone();
        move || {
            draft
                .problem
                .with(Option::is_some)
                .then(|| problem_id.clone())
        }
    };
    view! {
        <fieldset
            class="mt-3 rounded-xl border border-error/30 p-3"
            data-testid="rate-reasons"
            aria-describedby=described
            aria-invalid=move || draft.problem.with(Option::is_some).to_string()
        >
            <legend class="px-1 text-sm font-semibold">{t_string!(i18n, rating.reasons)}</legend>
            <div class="grid gap-1 sm:grid-cols-2">{boxes}</div>
            <label for=id.clone() class="mt-2 block text-sm font-semibold">
                {t_string!(i18n, rating.other_text)}
            </label>
            <textarea
                id=id
                rows="2"
                maxlength=OTHER_TEXT_MAX
                class="mt-1 w-full rounded-xl border border-primary/25 bg-surface px-3 py-2 text-sm"
                prop:value=move || draft.other.get()
                on:input=move |ev| {
                    draft.problem.set(None);
                    draft.other.set(event_target_value(&ev));
                }
            ></textarea>
            {move || {
                problem()
                    .map(|text| {
                        view! {
                            <p
                                id=problem_id.clone()
                                role="alert"
                                class="mt-2 rounded-xl bg-error/10 px-3 py-2 text-sm font-semibold text-error"
                                data-testid="rate-problem"
                            >
                                {text}
                            </p>
                        }
                    })
            }}
        </fieldset>
    }
}
