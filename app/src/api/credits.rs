//! Credits: the overview, gifts, referral codes, and the admin's tier setting.

use crate::api::table_types::{CreditOverview, GiftOutcome};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::call::Call;
use leptos::prelude::*;

/// Everything the credits page shows.
#[server(prefix = "/api", endpoint = "credits")]
pub async fn load_credits() -> Result<CreditOverview, AppError> {
    crate::server::with_error_status(async move {
        let Call { state, viewer, now } = Call::onboarded()?;
        crate::server::credits::overview::overview(&state.db, viewer.user_id, now).await
    })
    .await
}

/// Gifts `amount` credits to the member called `to`.
#[server(prefix = "/api", endpoint = "gift_credits")]
pub async fn gift_credits(
    to: String,
    amount: i64,
    #[server(default)] idempotency_key: Option<String>,
) -> Result<GiftOutcome, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::request;
        let Call { state, viewer, now } = Call::onboarded()?;
        let key = request::idempotency_key(idempotency_key)?;
        crate::server::credits::transfers::gift(
            &state.db,
            viewer.user_id,
            &to,
            amount,
            key.as_deref(),
            now,
        )
        .await
    })
    .await
}

/// Applies a friend's referral code. Returns the friend's username.
#[server(prefix = "/api", endpoint = "apply_referral_code")]
pub async fn apply_referral_code(
    code: String,
    #[server(default)] idempotency_key: Option<String>,
) -> Result<String, AppError> {
    crate::server::with_error_status(async move {
        use crate::server::auth::request;
        let Call { state, viewer, now } = Call::onboarded()?;
        let key = request::idempotency_key(idempotency_key)?;
        crate::server::credits::referrals::apply(
            &state.db,
            viewer.user_id,
            &code,
            key.as_deref(),
            now,
        )
        .await
    })
    .await
}

/// Sets a member's tier (admins only).
#[server(prefix = "/api", endpoint = "set_tier")]
pub async fn set_tier(
    username: String,
    tier: String,
    #[server(default)] idempotency_key: Option<String>,
) -> Result<(), AppError> {
    crate::server::with_error_status(async move {
        use crate::domain::credits::Tier;
        use crate::error::InvalidRule;
        use crate::server::auth::request;
        let Call { state, viewer, now } = Call::onboarded()?;
        let tier = Tier::parse(tier.trim())
            .ok_or_else(|| AppError::invalid("tier", InvalidRule::NotAChoice))?;
        let key = request::idempotency_key(idempotency_key)?;
        crate::server::admin::set_tier(&state, viewer.user_id, &username, tier, key.as_deref(), now)
            .await
    })
    .await
}
