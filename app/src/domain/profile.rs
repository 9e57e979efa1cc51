//! Profile fields and their rules: usernames (and suggestions from an email address),
//! display names, bios and social links. Pure: uniqueness is the database's job.

use super::text::{required_within, within};
use crate::error::{AppError, InvalidRule};

/// Shortest and longest username, in characters.
pub const USERNAME_LEN: std::ops::RangeInclusive<usize> = 3..=20;
/// Longest display name, in characters.
pub const DISPLAY_NAME_MAX: usize = 50;
/// Longest bio, in characters.
pub const BIO_MAX: usize = 280;
/// Longest social link, in characters.
pub const LINK_MAX: usize = 200;

/// Names that would impersonate the service or collide with routes.
const RESERVED: [&str; 16] = [
    "admin",
    "administrator",
    "api",
    "app",
    "focus",
    "focussquad",
    "help",
    "me",
    "mod",
    "moderator",
    "null",
    "root",
    "settings",
    "support",
    "system",
    "undefined",
];

/// A valid username: 3–20 letters, digits or `_`, not reserved. Case is kept for display;
/// [`Username::canonical`] is what must be unique.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    /// Checks `input` (surrounding spaces ignored).
    pub fn parse(input: &str) -> Result<Self, AppError> {
        let name = input.trim();
        let len = name.chars().count();
        let field = "username";
        if len == 0 {
            return Err(AppError::invalid(field, InvalidRule::Required));
        }
        if len < *USERNAME_LEN.start() {
            return Err(AppError::invalid(
                field,
                InvalidRule::TooShort {
                    min: *USERNAME_LEN.start() as u32,
                },
            ));
        }
        if len > *USERNAME_LEN.end() {
            return Err(AppError::invalid(
                field,
                InvalidRule::TooLong {
                    max: *USERNAME_LEN.end() as u32,
                },
            ));
        }
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(AppError::invalid(field, InvalidRule::Malformed));
        }
        if RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
            return Err(AppError::invalid(field, InvalidRule::Reserved));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-case form that must be unique.
    pub fn canonical(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

/// A username suggestion from an email address: the local part without `+tags`, other
/// characters turned into `_`, padded or cut to fit, never reserved.
pub fn suggest_username(email: &str) -> Username {
    let local = email.split('@').next().unwrap_or_default();
    let local = local.split('+').next().unwrap_or_default();
    let mut base = String::new();
    for c in local.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if !(c == '_' && base.ends_with('_')) {
            base.push(c);
        }
    }
    let mut base = base.trim_matches('_').to_owned();
    base.truncate(*USERNAME_LEN.end());
    if base.len() < *USERNAME_LEN.start() || Username::parse(&base).is_err() {
        base = format!("{base}_student").trim_start_matches('_').to_owned();
        base.truncate(*USERNAME_LEN.end());
    }
    Username::parse(&base).unwrap_or_else(|_| Username("student".to_owned()))
}

/// `base` with a numeric suffix (`mei_2`), cut so the result still fits 20 characters.
pub fn with_suffix(base: &Username, n: u32) -> Username {
    let suffix = format!("_{n}");
    let keep = USERNAME_LEN.end().saturating_sub(suffix.len());
    let stem: String = base.0.chars().take(keep).collect();
    Username(format!("{stem}{suffix}"))
}

/// A display name: 1–50 characters, no control characters, spaces trimmed.
pub fn parse_display_name(input: &str) -> Result<String, AppError> {
    let field = "display_name";
    let name = required_within(field, input, DISPLAY_NAME_MAX)?;
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(field, InvalidRule::Malformed));
    }
    Ok(name)
}

/// A bio: at most 280 characters (may be empty), spaces trimmed.
pub fn parse_bio(input: &str) -> Result<String, AppError> {
    within("bio", input, BIO_MAX)
}

/// A social link: an `http://` or `https://` URL with a host, at most 200 characters.
pub fn parse_link(input: &str) -> Result<String, AppError> {
    let field = "link";
    let link = within(field, input, LINK_MAX)?;
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
        .ok_or_else(|| AppError::invalid(field, InvalidRule::Malformed))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !host_ok || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AppError::invalid(field, InvalidRule::Malformed));
    }
    Ok(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(err: AppError) -> InvalidRule {
        err.expect_rule()
    }

    #[test]
    fn usernames_follow_the_rules() {
        assert_eq!(Username::parse("  Mei_Lin ").unwrap().as_str(), "Mei_Lin");
        assert_eq!(Username::parse("Mei_Lin").unwrap().canonical(), "mei_lin");
        assert_eq!(Username::parse("abc").unwrap().as_str(), "abc");
        assert!(Username::parse(&"a".repeat(20)).is_ok());
        assert_eq!(
            rule(Username::parse("").unwrap_err()),
            InvalidRule::Required
        );
        assert_eq!(
            rule(Username::parse("ab").unwrap_err()),
            InvalidRule::TooShort { min: 3 }
        );
        assert_eq!(
            rule(Username::parse(&"a".repeat(21)).unwrap_err()),
            InvalidRule::TooLong { max: 20 }
        );
        assert_eq!(
            rule(Username::parse("mei lin").unwrap_err()),
            InvalidRule::Malformed
        );
        assert_eq!(
            rule(Username::parse("美玲學生").unwrap_err()),
            InvalidRule::Malformed
        );
        assert_eq!(
            rule(Username::parse("Admin").unwrap_err()),
            InvalidRule::Reserved
        );
    }

    #[test]
    fn suggestions_come_from_the_email() {
        assert_eq!(
            suggest_username("mei.lin+study@uni.edu").as_str(),
            "mei_lin"
        );
        assert_eq!(suggest_username("a..b--c@x.org").as_str(), "a_b_c");
        assert_eq!(suggest_username("jo@x.org").as_str(), "jo_student");
        assert_eq!(suggest_username("admin@x.org").as_str(), "admin_student");
        assert_eq!(suggest_username("___@x.org").as_str(), "student");
        assert_eq!(suggest_username("陳小明@x.org").as_str(), "student");
        let long = suggest_username("abcdefghijklmnopqrstuvwxyz@x.org");
        assert_eq!(long.as_str(), "abcdefghijklmnopqrst");
    }

    #[test]
    fn suffixes_keep_names_within_twenty_characters() {
        let base = Username::parse("abcdefghijklmnopqrst").unwrap();
        assert_eq!(with_suffix(&base, 2).as_str(), "abcdefghijklmnopqr_2");
        assert_eq!(with_suffix(&base, 123).as_str(), "abcdefghijklmnop_123");
        let short = Username::parse("mei").unwrap();
        assert_eq!(with_suffix(&short, 7).as_str(), "mei_7");
        assert!(Username::parse(with_suffix(&base, 99_999).as_str()).is_ok());
    }

    #[test]
    fn display_names_bios_and_links() {
        assert_eq!(parse_display_name("  林美玲 ").unwrap(), "林美玲");
        assert_eq!(
            rule(parse_display_name(" ").unwrap_err()),
            InvalidRule::Required
        );
        assert_eq!(
            rule(parse_display_name(&"名".repeat(51)).unwrap_err()),
            InvalidRule::TooLong { max: 50 }
        );
        assert_eq!(
            rule(parse_display_name("a\u{7}b").unwrap_err()),
            InvalidRule::HiddenCharacters
        );
        assert_eq!(parse_bio("").unwrap(), "");
        assert!(parse_bio(&"字".repeat(280)).is_ok());
        assert_eq!(
            rule(parse_bio(&"字".repeat(281)).unwrap_err()),
            InvalidRule::TooLong { max: 280 }
        );
        assert_eq!(
            parse_link(" https://github.com/mei ").unwrap(),
            "https://github.com/mei"
        );
        assert!(parse_link("http://mei.dev:8080/x?y=1#z").is_ok());
        for bad in [
            "github.com/mei",
            "javascript:alert(1)",
            "https://",
            "https://nohost",
            "https://a b.com",
            "ftp://x.org",
        ] {
            assert_eq!(
                rule(parse_link(bad).unwrap_err()),
                InvalidRule::Malformed,
                "{bad}"
            );
        }
        assert_eq!(
            rule(parse_link(&format!("https://x.org/{}", "a".repeat(200))).unwrap_err()),
            InvalidRule::TooLong { max: 200 }
        );
    }
}
