//! Every [`AppError`] as a sentence in the user's language.
//!
//! Messages are plain strings (usable in text and in attributes). The few with a number or
//! a reference use single-brace placeholders (`{max}`) filled here, so they stay strings.

use crate::error::{AppError, InvalidRule, Refusal, RequestFailure};
use crate::i18n::*;
use crate::ui::format::fill;
use crate::ui::when::{use_local_clock, when};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The message for `err`, translated.
pub fn error_message(i18n: I18nContext<Locale>, err: &AppError) -> String {
    match err {
        AppError::NotFound => t_string!(i18n, errors.not_found).to_owned(),
        AppError::Invalid { field, rule } => invalid_message(i18n, field, *rule),
        AppError::InvalidFields { fields } => fields
            .iter()
            .map(|f| invalid_message(i18n, &f.field, f.rule))
            .collect::<Vec<_>>()
            .join(" "),
        AppError::Unauthenticated => t_string!(i18n, errors.unauthenticated).to_owned(),
        AppError::BadCredentials => t_string!(i18n, errors.bad_credentials).to_owned(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden).to_owned(),
        AppError::RateLimited { retry_after_secs } => fill(
            t_string!(i18n, errors.rate_limited),
            "seconds",
            retry_after_secs,
        ),
        AppError::Unavailable => t_string!(i18n, errors.unavailable).to_owned(),
        AppError::Internal { reference } => {
            fill(t_string!(i18n, errors.internal), "reference", reference)
        }
        AppError::Refused { reason } => refusal_message(i18n, *reason),
        AppError::Request { failure } => match failure {
            RequestFailure::Network => t_string!(i18n, errors.network).to_owned(),
            RequestFailure::BadRequest => t_string!(i18n, errors.bad_request).to_owned(),
            RequestFailure::BadResponse => t_string!(i18n, errors.bad_response).to_owned(),
        },
    }
}

fn refusal_message(i18n: I18nContext<Locale>, reason: Refusal) -> String {
    let at =
        |template: &str, instant| fill(template, "when", when(i18n, use_local_clock(), instant));
    match reason {
        Refusal::InsufficientCredits { next_refresh_at } => at(
            t_string!(i18n, errors.insufficient_credits),
            next_refresh_at,
        ),
        Refusal::Banned { until } => at(t_string!(i18n, errors.banned), until),
        Refusal::AlreadySeated { starts_at } => {
            at(t_string!(i18n, errors.already_seated), starts_at)
        }
        Refusal::Started => t_string!(i18n, errors.started).to_owned(),
        Refusal::AlreadyLeft => t_string!(i18n, errors.already_left).to_owned(),
        Refusal::GiftTier => t_string!(i18n, errors.gift_tier).to_owned(),
        Refusal::GiftLimit { remaining } => {
            fill(t_string!(i18n, errors.gift_limit), "remaining", remaining)
        }
        Refusal::GiftSelf => t_string!(i18n, errors.gift_self).to_owned(),
        Refusal::ReferralUsed => t_string!(i18n, errors.referral_used).to_owned(),
        Refusal::ReferralOwn => t_string!(i18n, errors.referral_own).to_owned(),
        Refusal::ReferralTooLate => t_string!(i18n, errors.referral_too_late).to_owned(),
        Refusal::KeyReused => t_string!(i18n, errors.key_reused).to_owned(),
        Refusal::TableEnded => t_string!(i18n, errors.table_ended).to_owned(),
        Refusal::PromptClosed => t_string!(i18n, errors.prompt_closed).to_owned(),
        Refusal::LinkExpired => t_string!(i18n, errors.link_expired).to_owned(),
        Refusal::GoogleNeedsSignIn => t_string!(i18n, auth.google_link_unverified).to_owned(),
        Refusal::PendingRatings { .. } => t_string!(i18n, errors.pending_ratings).to_owned(),
        Refusal::AlreadyRated => t_string!(i18n, errors.already_rated).to_owned(),
        Refusal::RatingClosed => t_string!(i18n, errors.rating_closed).to_owned(),
        Refusal::NotTablemate => t_string!(i18n, errors.not_tablemate).to_owned(),
        Refusal::TableNotOver => t_string!(i18n, errors.table_not_over).to_owned(),
        Refusal::RateSelf => t_string!(i18n, errors.rate_self).to_owned(),
        Refusal::NotAppealable => t_string!(i18n, errors.not_appealable).to_owned(),
        Refusal::AlreadyAppealed => t_string!(i18n, errors.already_appealed).to_owned(),
    }
}

/// What is wrong with a field and how to fix it, without naming the field (for a message
/// shown beside it).
pub fn rule_message(i18n: I18nContext<Locale>, field: &str, rule: InvalidRule) -> String {
    match (field, rule) {
        ("reasons", InvalidRule::Required) => t_string!(i18n, fields.reasons_required).to_owned(),
        ("other", InvalidRule::Required) => t_string!(i18n, fields.other_required).to_owned(),
        (_, InvalidRule::Required) => t_string!(i18n, errors.required).to_owned(),
        (_, InvalidRule::TooLong { max }) => fill(t_string!(i18n, errors.too_long), "max", max),
        (_, InvalidRule::TooShort { min }) => fill(t_string!(i18n, errors.too_short), "min", min),
        (_, InvalidRule::Malformed) => t_string!(i18n, errors.malformed).to_owned(),
        (_, InvalidRule::Reserved) => t_string!(i18n, errors.reserved).to_owned(),
        (_, InvalidRule::Incorrect) => t_string!(i18n, errors.incorrect).to_owned(),
        (_, InvalidRule::Taken) => t_string!(i18n, errors.taken).to_owned(),
        (_, InvalidRule::NotAChoice) => t_string!(i18n, errors.not_a_choice).to_owned(),
        (_, InvalidRule::NoSuchAccount) => t_string!(i18n, errors.no_such_account).to_owned(),
        (_, InvalidRule::HiddenCharacters) => t_string!(i18n, errors.hidden_characters).to_owned(),
    }
}

/// A validation error that names its field and the fix ("Topic: Please keep it to 80
/// characters or fewer."), for messages shown away from the field.
fn invalid_message(i18n: I18nContext<Locale>, field: &str, rule: InvalidRule) -> String {
    let message = rule_message(i18n, field, rule);
    match field_label(i18n, field) {
        // These already say which field.
        _ if rule == InvalidRule::Required && matches!(field, "reasons" | "other") => message,
        Some(label) => fill(
            &fill(t_string!(i18n, fields.labelled), "field", label),
            "message",
            message,
        ),
        None => message,
    }
}

/// The name of a form field as the student sees it.
fn field_label(i18n: I18nContext<Locale>, field: &str) -> Option<&'static str> {
    Some(match field {
        "email" => t_string!(i18n, fields.email),
        "password" | "current_password" => t_string!(i18n, fields.password),
        "new_password" => t_string!(i18n, fields.new_password),
        "username" => t_string!(i18n, fields.username),
        "name" | "display_name" => t_string!(i18n, fields.name),
        "topic" => t_string!(i18n, fields.topic),
        "reasons" => t_string!(i18n, fields.reasons),
        "other" => t_string!(i18n, fields.other),
        "appeal" | "text" => t_string!(i18n, fields.appeal),
        "note" => t_string!(i18n, fields.note),
        "body" => t_string!(i18n, fields.body),
        "bio" => t_string!(i18n, fields.bio),
        "reflection" => t_string!(i18n, fields.reflection),
        "chat" => t_string!(i18n, fields.chat),
        "time_zone" => t_string!(i18n, fields.time_zone),
        "language" => t_string!(i18n, fields.language),
        "mode" => t_string!(i18n, fields.mode),
        "starts_at" => t_string!(i18n, fields.starts_at),
        "interests" => t_string!(i18n, fields.interests),
        "code" => t_string!(i18n, fields.code),
        "confirmation" => t_string!(i18n, fields.confirmation),
        "amount" => t_string!(i18n, fields.amount),
        "account" => t_string!(i18n, fields.account),
        "tags" => t_string!(i18n, fields.tags),
        "from" => t_string!(i18n, fields.from),
        "to" => t_string!(i18n, fields.to),
        _ => return None,
    })
}

/// An inline error notice (announced to screen readers).
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p role="alert" class="rounded-xl bg-error/10 px-4 py-3 text-sm text-error">
            {error_message(i18n, &error)}
        </p>
    }
}
