//! Profiles: the onboarding draft, saving a profile (onboarding and later edits), the
//! owner's view, the public view, and the frame summary.

use crate::api::profile_types::{
    MyProfile, OnboardingDraft, ProfileForm, PublicProfile, ViewerSummary,
};
use crate::domain::characters::Character;
use crate::domain::preferences::{parse_interests, Language};
use crate::domain::profile::{
    parse_bio, parse_display_name, parse_link, suggest_username, with_suffix, Username,
};
use crate::domain::stored::TableView;
use crate::domain::time::Timestamp;
use crate::error::{AppError, InvalidRule};
use crate::server::db::{is_unique_violation, Db};
use crate::server::{credits, time_zones, AppState};
use const_format::formatcp;

/// Most social links a profile shows.
pub const MAX_LINKS: usize = 3;

fn split_list(stored: &str) -> Vec<String> {
    stored
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The frame summary for `user_id`.
pub async fn summary(
    state: &AppState,
    user_id: i64,
    now: Timestamp,
) -> Result<ViewerSummary, AppError> {
    let db = &state.db;
    let (username, display_name, onboarded_at, zone, character_key): (
        Option<String>,
        String,
        Option<i64>,
        String,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT username, display_name, onboarded_at, time_zone, character_key FROM users \
         WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    let standing = credits::standing(db, user_id, now).await?;
    Ok(ViewerSummary {
        username: username.unwrap_or_default(),
        display_name,
        credits: standing.tier.weekly_allotment().map(|_| standing.balance),
        onboarded: onboarded_at.is_some(),
        server_now: now,
        utc_offset_ms: time_zones::offset_ms(&zone, now),
        is_admin: crate::server::admin::is_admin(state, user_id).await?,
        character: Character::of_student(character_key.as_deref(), user_id),
    })
}

/// A username nobody has, suggested from `email`: the base, else `base_2`, `base_3`, …
async fn free_username(db: &Db, email: &str) -> Result<String, AppError> {
    let base = suggest_username(email);
    let candidates: Vec<Username> = std::iter::once(base.clone())
        .chain((2..=20).map(|n| with_suffix(&base, n)))
        .collect();
    let sql = format!(
        "SELECT username_canonical FROM users WHERE username_canonical IN ({})",
        crate::server::db::placeholders(candidates.len())
    );
    let mut query = sqlx::query_as::<_, (String,)>(&sql);
    for candidate in &candidates {
        query = query.bind(candidate.canonical());
    }
    let taken: Vec<String> = query
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|(name,)| name)
        .collect();
    let free = candidates
        .into_iter()
        .find(|c| !taken.contains(&c.canonical()))
        .unwrap_or_else(|| {
            let n = u32::from_str_radix(&crate::server::secrets::random_hex(2), 16).unwrap_or(99);
            with_suffix(&base, 100 + n)
        });
    Ok(free.as_str().to_owned())
}

/// What the onboarding form starts with.
/// `Forbidden` once onboarding is done (there is nothing left to draft).
pub async fn onboarding_draft(db: &Db, user_id: i64) -> Result<OnboardingDraft, AppError> {
    let (email, language, onboarded_at, character_key): (
        String,
        String,
        Option<i64>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT email, language, onboarded_at, character_key FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    if onboarded_at.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(OnboardingDraft {
        suggested_username: free_username(db, &email).await?,
        language,
        time_zones: time_zones::choices(),
        character: Character::of_student(character_key.as_deref(), user_id),
    })
}

/// A validated profile, ready to store.
struct ValidProfile {
    username: Username,
    display_name: String,
    bio: String,
    links: Vec<String>,
    interests: Vec<String>,
    language: Language,
    time_zone: String,
    /// `None` keeps the stored one.
    character: Option<Character>,
}

fn validate(form: &ProfileForm) -> Result<ValidProfile, AppError> {
    let links: Vec<String> = form
        .links
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_link(l))
        .collect::<Result<_, _>>()?;
    if links.len() > MAX_LINKS {
        return Err(AppError::invalid("link", InvalidRule::NotAChoice));
    }
    Ok(ValidProfile {
        username: Username::parse(&form.username)?,
        display_name: parse_display_name(&form.display_name)?,
        bio: parse_bio(&form.bio)?,
        links,
        interests: parse_interests(&form.interests)?,
        language: Language::parse(&form.language)?,
        time_zone: time_zones::parse(&form.time_zone)?,
        character: match form.character.trim() {
            "" => None,
            key => Some(parse_character(key)?),
        },
    })
}

/// Saves `form` as `user_id`'s profile, completing onboarding if it was not. A username
/// someone else holds (even one taken a moment ago by a racing request) is refused with
/// `Invalid(username, Taken)`; nothing is half-written. Returns the chosen language.
#[tracing::instrument(skip_all, fields(user_id = user_id))]
pub async fn save(
    state: &AppState,
    user_id: i64,
    form: &ProfileForm,
) -> Result<Language, AppError> {
    let valid = validate(form)?;
    let now = state.clock.now().unix_millis();
    let result = sqlx::query(
        "UPDATE users SET username = $1, username_canonical = $2, display_name = $3, bio = $4, \
         links = $5, interests = $6, language = $7, time_zone = $8, updated_at = $9, \
         onboarded_at = COALESCE(onboarded_at, $9), character_key = COALESCE($11, character_key) \
         WHERE id = $10",
    )
    .bind(valid.username.as_str())
    .bind(valid.username.canonical())
    .bind(&valid.display_name)
    .bind(&valid.bio)
    .bind(valid.links.join("\n"))
    .bind(valid.interests.join("\n"))
    .bind(valid.language.tag())
    .bind(&valid.time_zone)
    .bind(now)
    .bind(user_id)
    .bind(valid.character)
    .execute(state.db.pool())
    .await;
    match result {
        Err(e) if is_unique_violation(&e) => Err(AppError::invalid("username", InvalidRule::Taken)),
        Err(e) => Err(e.into()),
        Ok(done) if done.rows_affected() == 0 => Err(AppError::Unauthenticated),
        Ok(_) => Ok(valid.language),
    }
}

/// Stores `user_id`'s language (the language switcher, while signed in).
pub async fn set_language(db: &Db, user_id: i64, language: Language) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language.tag())
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// How `user_id` likes to see a table.
pub async fn table_view(db: &Db, user_id: i64) -> Result<TableView, AppError> {
    let (view,): (TableView,) = sqlx::query_as("SELECT table_view FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(db.pool())
        .await?;
    Ok(view)
}

/// Remembers how `user_id` likes to see a table.
pub async fn set_table_view(db: &Db, user_id: i64, view: TableView) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET table_view = $1 WHERE id = $2")
        .bind(view)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Stores the character `user_id` picked: one of the people (a companion's animal or an
/// unknown key is refused, and nothing changes).
pub async fn set_character(db: &Db, user_id: i64, key: &str) -> Result<Character, AppError> {
    let character = parse_character(key)?;
    sqlx::query("UPDATE users SET character_key = $1 WHERE id = $2")
        .bind(character)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(character)
}

fn parse_character(key: &str) -> Result<Character, AppError> {
    Character::person(key.trim())
        .ok_or_else(|| AppError::invalid("character", InvalidRule::NotAChoice))
}

/// A user's profile fields, as [`PROFILE_COLUMNS`] reads them.
#[derive(sqlx::FromRow)]
struct ProfileRow {
    username: Option<String>,
    display_name: String,
    email: String,
    bio: String,
    links: String,
    interests: String,
    language: String,
    time_zone: String,
    password_hash: Option<String>,
    created_at: i64,
    id: i64,
    character_key: Option<String>,
}

impl ProfileRow {
    fn character(&self) -> Character {
        Character::of_student(self.character_key.as_deref(), self.id)
    }
}

const PROFILE_COLUMNS: &str = "username, display_name, email, bio, links, interests, language, \
                               time_zone, password_hash, created_at, id, character_key";

/// The owner's full profile.
pub async fn mine(db: &Db, user_id: i64) -> Result<MyProfile, AppError> {
    let row: ProfileRow = sqlx::query_as(formatcp!(
        "SELECT {PROFILE_COLUMNS} FROM users WHERE id = $1"
    ))
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(MyProfile {
        character: row.character(),
        username: row.username.unwrap_or_default(),
        display_name: row.display_name,
        email: row.email,
        bio: row.bio,
        links: split_list(&row.links),
        interests: split_list(&row.interests),
        language: row.language,
        time_zone: row.time_zone,
        has_password: row.password_hash.is_some(),
    })
}

/// The public profile of `username` (case-insensitive); only onboarded users have one.
pub async fn public(db: &Db, username: &str, now: Timestamp) -> Result<PublicProfile, AppError> {
    let username = Username::parse(username).map_err(|_| AppError::NotFound)?;
    let canonical = username.canonical();
    let row: Option<ProfileRow> = sqlx::query_as(formatcp!(
        "SELECT {PROFILE_COLUMNS} FROM users \
         WHERE username_canonical = $1 AND onboarded_at IS NOT NULL"
    ))
    .bind(&canonical)
    .fetch_optional(db.pool())
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    let user_id = row.id;
    let badge = crate::server::ratings::score::badges(db, &[user_id], now)
        .await?
        .of(Some(user_id));
    Ok(PublicProfile {
        badge,
        character: row.character(),
        username: row.username.unwrap_or_default(),
        display_name: row.display_name,
        bio: row.bio,
        links: split_list(&row.links),
        interests: split_list(&row.interests),
        joined_at: Timestamp::from_unix_millis(row.created_at),
    })
}
