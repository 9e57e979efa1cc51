//! Every [`AppError`] as a sentence in the user's language.

use crate::error::{AppError, InvalidRule, RequestFailure};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The message for `err`, translated.
pub fn error_message(i18n: I18nContext<Locale>, err: &AppError) -> AnyView {
    match err.clone() {
        AppError::NotFound => t!(i18n, errors.not_found).into_any(),
        AppError::Invalid { rule, .. } => match rule {
            InvalidRule::Required => t!(i18n, errors.required).into_any(),
            InvalidRule::TooLong { max } => t!(i18n, errors.too_long, max).into_any(),
            InvalidRule::TooShort { min } => t!(i18n, errors.too_short, min).into_any(),
            InvalidRule::Malformed => t!(i18n, errors.malformed).into_any(),
        },
        AppError::Unauthenticated => t!(i18n, errors.unauthenticated).into_any(),
        AppError::Forbidden => t!(i18n, errors.forbidden).into_any(),
        AppError::RateLimited { retry_after_secs } => {
            t!(i18n, errors.rate_limited, seconds = retry_after_secs).into_any()
        }
        AppError::Unavailable => t!(i18n, errors.unavailable).into_any(),
        AppError::Internal { reference } => {
            t!(i18n, errors.internal, reference = reference.clone()).into_any()
        }
        AppError::Request { failure } => match failure {
            RequestFailure::Network => t!(i18n, errors.network).into_any(),
            RequestFailure::BadRequest => t!(i18n, errors.bad_request).into_any(),
            RequestFailure::BadResponse => t!(i18n, errors.bad_response).into_any(),
        },
    }
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
