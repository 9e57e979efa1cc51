//! The board: goals pinned on top, then one stream where chat lines, the phase prompts
//! (with an answer form while the prompt is open), answers and the companions'
//! encouragements look different from each other, with a quiet line when a student
//! who dropped is back; a chat line at the bottom.

use super::channel::ChannelState;
use super::names::{companion_line, name_of, prompt_label, prompt_question};
use super::reflection_form::ReflectionForm;
use super::use_table;
use crate::api::live_types::{BoardEntry, BoardItem, ClientMessage, Problem};
use crate::domain::activity::Activity;
use crate::domain::board::{Prompt, CHAT_MAX};
use crate::i18n::*;
use crate::ui::pixel::{self, Pixels};
use crate::ui::when::use_local_clock;
use leptos::either::EitherOf5;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The whole board.
#[component]
pub fn Board() -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let board = table.channel.board;
    // The stream follows its newest line while the reader is at the bottom; a reader
    // who scrolled up to read stays where they are.
    let stream = NodeRef::<leptos::html::Ol>::new();
    let following = StoredValue::new(true);
    let on_scroll = move |_| {
        if let Some(ol) = stream.get_untracked() {
            let gap = ol.scroll_height() - ol.scroll_top() - ol.client_height();
            following.set_value(gap < 48);
        }
    };
    Effect::new(move |_| {
        board.with(Vec::len);
        if following.get_value() {
            // The next frame may come after the room is gone (the table ended or the
            // channel was refused in between): its element reference is gone with it.
            request_animation_frame(move || {
                if let Some(ol) = stream.try_get_untracked().flatten() {
                    ol.set_scroll_top(ol.scroll_height());
                }
            });
        }
    });
    view! {
        <section
            class="flex min-h-[28rem] flex-col rounded-3xl bg-surface shadow-soft"
            aria-labelledby="board-title"
            data-testid="board"
        >
            <h2 id="board-title" class="px-5 pt-5 text-lg font-bold">
                {t_string!(i18n, table.board_title)}
            </h2>
            <PinnedGoals />
            <ol
                node_ref=stream
                on:scroll=on_scroll
                class="flex max-h-[60dvh] flex-1 flex-col gap-3 overflow-y-auto px-5 py-4 lg:max-h-[32rem]"
                aria-live="polite"
                aria-relevant="additions"
                data-testid="board-stream"
            >
                <For each=move || board.get() key=|entry| entry.seq let:entry>
                    <Entry entry />
                </For>
                <Show when=move || board.with(Vec::is_empty)>
                    <li class="text-sm text-ink/60">{t_string!(i18n, table.board_empty)}</li>
                </Show>
            </ol>
            <ChatBox />
        </section>
    }
}

/// Everyone's goal for the session, pinned above the stream.
#[component]
fn PinnedGoals() -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let seats = table.channel.seats;
    let goals = move || {
        seats.with(|seats| {
            seats
                .iter()
                .filter_map(|s| {
                    let goal = s.goal.clone()?;
                    let who = name_of(i18n, seats, s.seat, table.seat);
                    Some(view! {
                        <li class="rounded-xl bg-background px-3 py-2 text-sm">
                            <span class="font-semibold">{who}": "</span>
                            {goal}
                        </li>
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || seats.with(|s| s.iter().any(|s| s.goal.is_some()))>
            <div
                class="mx-5 mt-3 rounded-2xl border border-accent/60 bg-accent/10 p-3"
                data-testid="pinned-goals"
            >
                <p class="mb-2 flex items-center gap-2 text-sm font-bold text-primary-deep">
                    <Pixels art=&pixel::PIN class="h-4 w-4" />
                    {t_string!(i18n, table.pinned_goals)}
                </p>
                <ul class="flex flex-col gap-1.5">{goals}</ul>
            </div>
        </Show>
    }
}

fn time_of(at: crate::domain::time::Timestamp) -> String {
    use_local_clock().clock_time(at)
}

#[component]
fn Entry(entry: BoardEntry) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let seats = table.channel.seats;
    let at = time_of(entry.at);
    let who = move |seat: i64| seats.with(|s| name_of(i18n, s, seat, table.seat));
    match entry.item {
        BoardItem::Chat { seat, text } => {
            let mine = seat == table.seat;
            let bubble = if mine {
                "self-end bg-primary text-white"
            } else {
                "self-start bg-background"
            };
            EitherOf5::A(view! {
                <li
                    class=format!("max-w-[85%] rounded-2xl px-3 py-2 {bubble}")
                    data-testid="chat-line"
                >
                    <p class="text-xs opacity-75">
                        <span class="font-semibold">{who(seat)}</span>
                        " · "
                        {at}
                    </p>
                    <p class="whitespace-pre-wrap break-words">{text}</p>
                </li>
            })
        }
        BoardItem::Prompt { prompt } => EitherOf5::B(view! { <PromptCard prompt /> }),
        BoardItem::Reflection { seat, prompt, text } => EitherOf5::C(view! {
            <li
                class="rounded-2xl border-l-4 border-success bg-success/10 px-3 py-2"
                data-testid="reflection-line"
            >
                <p class="text-xs font-semibold text-ink/75">
                    {who(seat)}" · "{prompt_label(i18n, prompt)}
                </p>
                <p class="whitespace-pre-wrap break-words">{text}</p>
            </li>
        }),
        BoardItem::Companion {
            seat,
            companion,
            phase,
            line,
        } => EitherOf5::D(view! {
            <li
                class="self-start max-w-[85%] rounded-2xl bg-accent/20 px-3 py-2"
                data-testid="companion-line"
            >
                <p class="text-xs opacity-75">
                    <span class="font-semibold">{who(seat)}</span>
                    " "
                    <span class="rounded bg-accent/50 px-1 text-[0.65rem] font-bold">
                        {t_string!(i18n, table.ai_badge)}
                    </span>
                    " · "
                    {at}
                </p>
                <p class="italic">{companion_line(i18n, companion, phase, line)}</p>
            </li>
        }),
        BoardItem::Back { seat } => {
            let line = if seat == table.seat {
                t_string!(i18n, table.back_you).to_owned()
            } else {
                crate::ui::format::fill(t_string!(i18n, table.back_other), "name", who(seat))
            };
            EitherOf5::E(view! {
                <li
                    class="self-center rounded-full bg-success/15 px-3 py-1 text-sm text-ink/80"
                    data-testid="back-line"
                >
                    {line}
                    " · "
                    {at}
                </li>
            })
        }
    }
}

/// A prompt, with the answer form while it is open.
#[component]
fn PromptCard(prompt: Prompt) -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let open = move || prompt.open_at(table.starts_at, table.now.get());
    let card = NodeRef::<leptos::html::Li>::new();
    // When its phase asks for it, the prompt comes into view (on a laptop screen the
    // board's newest lines sit below the fold).
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open();
        if is_open && was_open != Some(true) {
            if let Some(card) = card.get() {
                card.scroll_into_view_with_bool(false);
            }
        }
        is_open
    });
    view! {
        <li
            node_ref=card
            class="rounded-2xl border-2 border-dashed border-accent bg-background p-4"
            data-testid="prompt-card"
            data-prompt=prompt.key()
        >
            <Show
                when=open
                fallback=move || {
                    view! {
                        <p class="font-semibold text-ink/70">{prompt_question(i18n, prompt)}</p>
                    }
                }
            >
                <ReflectionForm prompt />
            </Show>
        </li>
    }
}

/// What the chat box says about a refusal (signalling refusals are not the board's).
fn problem_text(i18n: I18nContext<Locale>, problem: Problem) -> Option<&'static str> {
    Some(match problem {
        Problem::ChatBlocked => t_string!(i18n, table.problem_blocked),
        Problem::RateLimited => t_string!(i18n, table.problem_rate),
        Problem::ChatInvalid { .. } | Problem::Malformed | Problem::TooLarge => {
            t_string!(i18n, table.problem_invalid)
        }
        Problem::ChatClosed => t_string!(i18n, table.problem_closed),
        Problem::NoSuchPeer | Problem::QuietTable => return None,
    })
}

/// The chat line: Enter sends; typing shows as "typing" at the table.
#[component]
fn ChatBox() -> impl IntoView {
    let i18n = use_i18n();
    let table = use_table();
    let channel = table.channel;
    let text = RwSignal::new(String::new());
    let typing = RwSignal::new(false);
    let connected = move || channel.state.get() == ChannelState::Open;
    let send = move || {
        let line = text.get_untracked();
        if line.trim().is_empty() {
            return;
        }
        channel.problem.set(None);
        channel.send(&ClientMessage::Chat { text: line });
        text.set(String::new());
        if typing.get_untracked() {
            typing.set(false);
            channel.send(&ClientMessage::Activity {
                state: Activity::Active,
            });
        }
    };
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        if !typing.get_untracked() {
            typing.set(true);
            channel.send(&ClientMessage::Activity {
                state: Activity::Typing,
            });
        }
    };
    // Also fires while the room is being taken down (the session ended with the cursor in
    // the box), when its signals are already gone: hence `try_`.
    let on_blur = move |_| {
        if typing.try_get_untracked() == Some(true) {
            typing.try_set(false);
            channel.send(&ClientMessage::Activity {
                state: Activity::Active,
            });
        }
    };
    let problem =
        move || {
            channel
            .problem
            .get()
            .and_then(|p| problem_text(i18n, p))
            .map(|text| view! {
                <p role="alert" class="px-5 pb-2 text-sm text-error" data-testid="chat-problem">
                    {text}
                </p>
            })
        };
    view! {
        {problem}
        <form
            class="flex gap-2 border-t border-primary/15 p-3"
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
        >
            <label for="chat-input" class="sr-only">
                {t_string!(i18n, table.chat_label)}
            </label>
            <input
                id="chat-input"
                type="text"
                autocomplete="off"
                maxlength=CHAT_MAX.to_string()
                class="field-input min-w-0 flex-1"
                placeholder=t_string!(i18n, table.chat_placeholder)
                prop:value=move || text.get()
                on:input=on_input
                on:blur=on_blur
            />
            <button type="submit" class="btn-primary min-w-24" disabled=move || !connected()>
                {t_string!(i18n, table.send)}
            </button>
        </form>
    }
}
