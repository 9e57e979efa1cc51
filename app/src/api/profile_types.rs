//! The profile shapes the browser and the server exchange.

use crate::domain::characters::Character;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// What the app frame shows about the signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerSummary {
    /// Username (empty until onboarding).
    pub username: String,
    /// Display name (empty until onboarding).
    pub display_name: String,
    /// Credits available; `None` on the unlimited tier.
    pub credits: Option<i64>,
    /// Whether onboarding is complete.
    pub onboarded: bool,
    /// The server clock when it answered.
    pub server_now: Timestamp,
    /// The user's time zone offset from UTC now, in ms (times are shown in local time).
    pub utc_offset_ms: i64,
    /// May set members' tiers.
    pub is_admin: bool,
    /// Their character in the pixel room.
    pub character: Character,
}

/// Everything the owner sees and edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProfile {
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Email address (never shown to others).
    pub email: String,
    /// Short bio.
    pub bio: String,
    /// Social links.
    pub links: Vec<String>,
    /// Study interests (catalogue keys).
    pub interests: Vec<String>,
    /// Language tag.
    pub language: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Whether the account has a password (false for Google-only accounts).
    pub has_password: bool,
    /// Their character in the pixel room (picked, or their default).
    pub character: Character,
}

/// What anyone may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicProfile {
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Short bio.
    pub bio: String,
    /// Social links.
    pub links: Vec<String>,
    /// Study interests (catalogue keys).
    pub interests: Vec<String>,
    /// When they joined.
    pub joined_at: Timestamp,
    /// Their reliability badge.
    #[serde(default)]
    pub badge: crate::domain::reliability::Badge,
    /// Their character in the pixel room.
    pub character: Character,
}

/// What the onboarding form starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnboardingDraft {
    /// A free username suggested from the email address.
    pub suggested_username: String,
    /// Language tag (from the sign-up page's language).
    pub language: String,
    /// The zones to choose from.
    pub time_zones: Vec<String>,
    /// The character the picker starts on (their default until they pick).
    pub character: Character,
}

/// The profile fields a form submits (onboarding sends no bio or links).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Short bio.
    pub bio: String,
    /// Social links (blank entries ignored).
    pub links: Vec<String>,
    /// Study interests (catalogue keys).
    pub interests: Vec<String>,
    /// Language tag.
    pub language: String,
    /// IANA time zone.
    pub time_zone: String,
    /// The picked character's key ('' keeps the current one).
    pub character: String,
}
