//! Reliability read from the ratings people received: one person's score, or the badges of
//! everyone at a table at once. Computed when asked (decay depends on "now", so a stored
//! score would be stale the next day); the ratings index makes it a short range scan.

use crate::api::rating_types::ReliabilitySummary;
use crate::domain::reliability::params::HORIZON_MS;
use crate::domain::reliability::rating::RatingValue;
use crate::domain::reliability::{Badge, Received, Reliability};
use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::db::{placeholders, Db};
use std::collections::HashMap;

/// The non-skip ratings each of `users` received that have taken effect within the
/// horizon (a batched one counts from its release, see `reliability::anonymity`).
async fn received(
    db: &Db,
    users: &[i64],
    now: Timestamp,
) -> Result<HashMap<i64, Vec<Received>>, AppError> {
    let mut by_user: HashMap<i64, Vec<Received>> = HashMap::new();
    if users.is_empty() {
        return Ok(by_user);
    }
    let sql = format!(
        "SELECT ratee_id, value, power_pct, effective_at FROM ratings \
         WHERE value <> 'skip' AND held = 0 AND effective_at > ${} AND ratee_id IN ({})",
        users.len() + 1,
        placeholders(users.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String, i64, i64)>(&sql);
    for user in users {
        query = query.bind(*user);
    }
    let rows = query
        .bind(now.unix_millis() - HORIZON_MS)
        .fetch_all(db.pool())
        .await?;
    for (user, value, power_pct, at) in rows {
        let Ok(value) = RatingValue::parse(&value) else {
            continue;
        };
        by_user.entry(user).or_default().push(Received {
            value,
            power_pct,
            at: Timestamp::from_unix_millis(at),
        });
    }
    Ok(by_user)
}

/// The badges of some students at one instant.
#[derive(Clone, Debug, Default)]
pub struct Badges(HashMap<i64, Badge>);

impl Badges {
    /// The badge of `user` (New for anyone not asked about, or a deleted account).
    pub fn of(&self, user: Option<i64>) -> Badge {
        user.and_then(|u| self.0.get(&u).copied())
            .unwrap_or_default()
    }
}

/// The badge of each of `users` at `now` (New for anyone without ratings).
pub async fn badges(db: &Db, users: &[i64], now: Timestamp) -> Result<Badges, AppError> {
    let received = received(db, users, now).await?;
    Ok(Badges(
        users
            .iter()
            .map(|user| {
                let ratings = received.get(user).map_or(&[][..], Vec::as_slice);
                (*user, Reliability::of(ratings, now).badge)
            })
            .collect(),
    ))
}

/// The reliability `ratings` (someone's non-skip ratings within the horizon) add up to at
/// `now`, for people: every page shows these figures, from this one computation.
pub fn summary(ratings: &[Received], now: Timestamp) -> ReliabilitySummary {
    let reliability = Reliability::of(ratings, now);
    let count = |value| {
        ratings
            .iter()
            .filter(|r| r.value == value && r.weight_at(now) > 0.0)
            .count() as u32
    };
    ReliabilitySummary {
        badge: reliability.badge,
        percent: reliability.percent(),
        counted: reliability.counted,
        greens: count(RatingValue::Green),
        reds: count(RatingValue::Red),
        needed: reliability.needed(),
    }
}
