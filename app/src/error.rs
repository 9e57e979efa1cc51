//! The one error type of Focus Squad.
//!
//! Policy: an [`AppError`] carries only what is safe to show a user: a kind, and for
//! validation the field and the rule it broke. Causes (database text, I/O errors) are logged
//! on the server where the error is created and never serialised; an internal error reaches
//! the browser as a short reference the logs can be searched for. The UI turns every
//! variant into a translated sentence (`ui::errors`).

use crate::domain::time::Timestamp;
use leptos::prelude::FromServerFnError;
use leptos::server_fn::{codec::JsonEncoding, error::ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Everything that can go wrong, as a user (or an API client) may learn it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AppError {
    /// The thing asked for does not exist (or is not yours to see).
    #[error("not found")]
    NotFound,
    /// A field broke a rule.
    #[error("invalid {field}: {rule}")]
    Invalid {
        /// Which input, e.g. `"topic"`.
        field: String,
        /// Which rule it broke.
        rule: InvalidRule,
    },
    /// Several fields broke rules at once (a form checked whole, so each field can say
    /// what is wrong with it).
    #[error("{} fields invalid", .fields.len())]
    InvalidFields {
        /// Each field with the rule it broke, in form order.
        fields: Vec<FieldRule>,
    },
    /// The request needs a signed-in user.
    #[error("sign-in required")]
    Unauthenticated,
    /// The email and password do not match an account (never says which one is wrong).
    #[error("wrong email or password")]
    BadCredentials,
    /// Signed in, but not allowed to do this.
    #[error("not allowed")]
    Forbidden,
    /// Too many attempts; the caller may retry after this many seconds.
    #[error("too many requests, try again in {retry_after_secs} s")]
    RateLimited {
        /// Seconds until a retry may succeed.
        retry_after_secs: u64,
    },
    /// A dependency (usually the database) is down or overloaded; retrying later may work.
    #[error("temporarily unavailable")]
    Unavailable,
    /// A bug or an unexpected failure; details are in the server log under `reference`.
    #[error("internal error (reference {reference})")]
    Internal {
        /// Short id printed next to the cause in the server log.
        reference: String,
    },
    /// A well-formed request the rules refuse (with the reason a user needs).
    #[error("refused: {reason}")]
    Refused {
        /// Why.
        reason: Refusal,
    },
    /// The request never reached the service, or its answer could not be read.
    #[error("request failed ({failure})")]
    Request {
        /// What kind of transport failure.
        failure: RequestFailure,
    },
}

/// The validation rule an input broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum InvalidRule {
    /// Missing or blank.
    #[error("required")]
    Required,
    /// Longer than allowed.
    #[error("longer than {max} characters")]
    TooLong {
        /// The maximum length in characters.
        max: u32,
    },
    /// Shorter than allowed.
    #[error("shorter than {min} characters")]
    TooShort {
        /// The minimum length in characters.
        min: u32,
    },
    /// Not in the expected format.
    #[error("not in the expected format")]
    Malformed,
    /// A value that is kept for the service itself (e.g. the username "admin").
    #[error("reserved")]
    Reserved,
    /// Someone else already uses this value (a username, an email address).
    #[error("already taken")]
    Taken,
    /// Does not match what is on record (e.g. the current password).
    #[error("incorrect")]
    Incorrect,
    /// Not one of the values offered (e.g. an unknown time zone).
    #[error("not one of the choices")]
    NotAChoice,
    /// No account goes by this name (or code).
    #[error("no such account")]
    NoSuchAccount,
    /// Holds a control character or a text-direction override.
    #[error("holds hidden characters")]
    HiddenCharacters,
}

/// Why the rules refuse a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Not enough credits; the next refresh comes at this instant.
    #[error("not enough credits")]
    InsufficientCredits {
        /// When the next weekly refresh happens.
        next_refresh_at: Timestamp,
    },
    /// Banned from matching until this instant.
    #[error("banned")]
    Banned {
        /// When the ban ends.
        until: Timestamp,
    },
    /// Already has a seat in the slot starting at this instant.
    #[error("already seated in that slot")]
    AlreadySeated {
        /// The slot.
        starts_at: Timestamp,
    },
    /// The table has passed Setup; nobody joins or cancels any more.
    #[error("the table has started")]
    Started,
    /// The seat was already given up.
    #[error("already left")]
    AlreadyLeft,
    /// Gifting is for pro and elite members.
    #[error("gifting needs a pro or elite plan")]
    GiftTier,
    /// Over the weekly gift limit; this many may still be gifted.
    #[error("weekly gift limit")]
    GiftLimit {
        /// Credits still giftable in the rolling week.
        remaining: i64,
    },
    /// Gifting to yourself.
    #[error("cannot gift yourself")]
    GiftSelf,
    /// A referral code was already applied to this account.
    #[error("a referral code is already applied")]
    ReferralUsed,
    /// Your own referral code.
    #[error("own referral code")]
    ReferralOwn,
    /// Codes are for new members, before their first completed session.
    #[error("referral codes are for new members")]
    ReferralTooLate,
    /// An `Idempotency-Key` was reused for a different request.
    #[error("idempotency key reused")]
    KeyReused,
    #[error("the session is over")]
    TableEnded,
    #[error("that prompt is closed")]
    PromptClosed,
    /// Ratings owed from an earlier table come first (the oldest such table).
    #[error("rate your tablemates first")]
    PendingRatings {
        /// The table whose ratings are owed.
        table_id: i64,
    },
    /// This tablemate was already rated for this session.
    #[error("already rated")]
    AlreadyRated,
    /// The 48 hours to rate this tablemate are over (it counts as skipped).
    #[error("rating closed")]
    RatingClosed,
    /// Only people who shared a finished session rate each other.
    #[error("not a tablemate")]
    NotTablemate,
    /// Nobody rates themselves.
    #[error("cannot rate yourself")]
    RateSelf,
    /// Only red ratings can be appealed.
    #[error("only red ratings can be appealed")]
    NotAppealable,
    /// A rating is appealed once.
    #[error("already appealed")]
    AlreadyAppealed,
    /// Google sign-in found an account with that address whose address is not verified:
    /// its owner signs in with the password and links Google from settings.
    #[error("sign in first to link Google")]
    GoogleNeedsSignIn,
    /// An emailed link that is unknown, already used or expired.
    #[error("the link has expired or was used")]
    LinkExpired,
    /// A journal note is written once the table is over.
    #[error("the table is not over yet")]
    TableNotOver,
}

/// One field and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRule {
    /// Which input.
    pub field: String,
    /// Which rule.
    pub rule: InvalidRule,
}

/// Why a server function call failed before or after the service ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum RequestFailure {
    /// The browser could not reach the server.
    #[error("network")]
    Network,
    /// The request was malformed (bad arguments, unknown method).
    #[error("bad request")]
    BadRequest,
    /// The response could not be understood.
    #[error("bad response")]
    BadResponse,
}

impl AppError {
    /// A validation error for `field`.
    pub fn invalid(field: &str, rule: InvalidRule) -> Self {
        Self::Invalid {
            field: field.to_owned(),
            rule,
        }
    }

    /// Every validation error among `checks` at once, in order: `Ok` when all passed, the
    /// error itself when one field failed, [`AppError::InvalidFields`] when several did.
    /// Any other kind of error is returned as it is.
    pub fn all_valid(checks: impl IntoIterator<Item = Result<(), AppError>>) -> Result<(), Self> {
        let mut fields = Vec::new();
        for check in checks {
            match check {
                Ok(()) => {}
                Err(Self::Invalid { field, rule }) => fields.push(FieldRule { field, rule }),
                Err(other) => return Err(other),
            }
        }
        match fields.len() {
            0 => Ok(()),
            1 => {
                let FieldRule { field, rule } = fields.remove(0);
                Err(Self::Invalid { field, rule })
            }
            _ => Err(Self::InvalidFields { fields }),
        }
    }

    /// The rule `name` broke, if this error is about that field.
    pub fn rule_for(&self, name: &str) -> Option<InvalidRule> {
        match self {
            Self::Invalid { field, rule } if field == name => Some(*rule),
            Self::InvalidFields { fields } => {
                fields.iter().find(|f| f.field == name).map(|f| f.rule)
            }
            _ => None,
        }
    }

    /// True when this is a validation error about `fields` only.
    pub fn only_about(&self, fields: &[&str]) -> bool {
        match self {
            Self::Invalid { field, .. } => fields.contains(&field.as_str()),
            Self::InvalidFields { fields: broken } => {
                broken.iter().all(|f| fields.contains(&f.field.as_str()))
            }
            _ => false,
        }
    }

    /// The HTTP status that goes with this error.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Invalid {
                rule: InvalidRule::Taken,
                ..
            } => 409,
            Self::Invalid { .. } | Self::InvalidFields { .. } => 422,
            Self::Unauthenticated | Self::BadCredentials => 401,
            Self::Forbidden => 403,
            Self::RateLimited { .. } => 429,
            Self::Refused {
                reason: Refusal::Banned { .. },
            } => 403,
            Self::Refused { .. } => 409,
            Self::Unavailable => 503,
            Self::Internal { .. } => 500,
            Self::Request { .. } => 400,
        }
    }
}

#[cfg(test)]
impl AppError {
    /// The rule a validation error reports; panics on any other error (for tests).
    pub(crate) fn expect_rule(self) -> InvalidRule {
        match self {
            Self::Invalid { rule, .. } => rule,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let failure = match &value {
            ServerFnErrorErr::Request(_) => RequestFailure::Network,
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_)
            | ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => RequestFailure::BadRequest,
            ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::Response(_) => RequestFailure::BadResponse,
        };
        #[cfg(feature = "ssr")]
        {
            tracing::warn!(error = %value, "server function transport error");
            // Arguments that do not parse (e.g. an unknown tag) are the caller's mistake:
            // 400, not the generic 500.
            if failure == RequestFailure::BadRequest {
                if let Some(response) =
                    leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
                {
                    response.set_status(axum::http::StatusCode::BAD_REQUEST);
                }
            }
        }
        Self::Request { failure }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_checked_whole_reports_every_broken_field() {
        let email = || Err(AppError::invalid("email", InvalidRule::Required));
        let password = || Err(AppError::invalid("password", InvalidRule::Required));
        assert_eq!(AppError::all_valid([Ok(()), Ok(())]), Ok(()));
        let one = AppError::all_valid([email(), Ok(())]).unwrap_err();
        assert_eq!(one, AppError::invalid("email", InvalidRule::Required));
        let both = AppError::all_valid([email(), password()]).unwrap_err();
        assert_eq!(both.rule_for("email"), Some(InvalidRule::Required));
        assert_eq!(both.rule_for("password"), Some(InvalidRule::Required));
        assert_eq!(both.rule_for("username"), None);
        assert_eq!(both.status_code(), 422);
        assert!(both.only_about(&["email", "password"]));
        assert!(!both.only_about(&["email"]));
        // Anything but a validation error stops the check as it is.
        let down = AppError::all_valid([email(), Err(AppError::Unavailable)]);
        assert_eq!(down, Err(AppError::Unavailable));
    }

    #[test]
    fn serialises_without_any_cause() {
        let err = AppError::Internal {
            reference: "ab12cd34".into(),
        };
        assert_eq!(
            err.ser().as_ref(),
            br#"{"internal":{"reference":"ab12cd34"}}"#
        );
    }

    #[test]
    fn validation_errors_round_trip() {
        let err = AppError::invalid("topic", InvalidRule::TooLong { max: 100 });
        assert_eq!(AppError::de(err.ser()), err);
        assert_eq!(err.status_code(), 422);
        assert_eq!(err.to_string(), "invalid topic: longer than 100 characters");
    }

    #[test]
    fn transport_errors_never_carry_their_text() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "relation \"users\" does not exist".into(),
        ));
        assert_eq!(
            err,
            AppError::Request {
                failure: RequestFailure::BadResponse
            }
        );
        assert!(!err.to_string().contains("users"));
    }
}
