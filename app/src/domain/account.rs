//! Sign-up credentials: email addresses and the password policy. Pure; hashing happens on
//! the server (Argon2id, off the async runtime).

use super::text::required_within;
use crate::error::{AppError, InvalidRule};

/// Shortest accepted password, in characters.
pub const PASSWORD_MIN: usize = 10;
/// Longest accepted password, in characters (bounds hashing work).
pub const PASSWORD_MAX: usize = 128;
/// Longest email address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;

/// A syntactically plausible email address, trimmed, domain lower-cased. Whether it
/// exists is never revealed to the person typing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Checks `input`: one `@`, a non-empty local part, a dotted domain, no spaces.
    pub fn parse(input: &str) -> Result<Self, AppError> {
        let field = "email";
        let email = required_within(field, input, EMAIL_MAX)?;
        let malformed = || AppError::invalid(field, InvalidRule::Malformed);
        let (local, domain) = email.rsplit_once('@').ok_or_else(malformed)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty()
            || local.contains('@')
            || !domain_ok
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(malformed());
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-case form that identifies an account (`Mei@X.org` and `mei@x.org` are one
    /// account).
    pub fn canonical(&self) -> String {
        self.0.to_lowercase()
    }
}

/// Checks a new password: 10–128 characters and not only spaces.
pub fn check_password(password: &str) -> Result<(), AppError> {
    let len = password.chars().count();
    let field = "password";
    if password.trim().is_empty() {
        return Err(AppError::invalid(field, InvalidRule::Required));
    }
    if len < PASSWORD_MIN {
        return Err(AppError::invalid(
            field,
            InvalidRule::TooShort {
                min: PASSWORD_MIN as u32,
            },
        ));
    }
    if len > PASSWORD_MAX {
        return Err(AppError::invalid(
            field,
            InvalidRule::TooLong {
                max: PASSWORD_MAX as u32,
            },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(err: AppError) -> InvalidRule {
        err.expect_rule()
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Mei.Lin@Uni.EDU ").unwrap().as_str(),
            "Mei.Lin@uni.edu"
        );
        assert!(Email::parse("student+focus@mail.ntu.edu.tw").is_ok());
        assert_eq!(rule(Email::parse("").unwrap_err()), InvalidRule::Required);
        for bad in [
            "mei",
            "@uni.edu",
            "mei@",
            "mei@uni",
            "mei@.uni.edu",
            "mei@uni..edu",
            "me i@uni.edu",
            "a@b@c.org",
        ] {
            assert_eq!(
                rule(Email::parse(bad).unwrap_err()),
                InvalidRule::Malformed,
                "{bad}"
            );
        }
        let long = format!("{}@x.org", "a".repeat(250));
        assert_eq!(
            rule(Email::parse(&long).unwrap_err()),
            InvalidRule::TooLong { max: 254 }
        );
    }

    #[test]
    fn passwords() {
        assert!(check_password("correct horse").is_ok());
        assert!(check_password(&"密".repeat(10)).is_ok());
        assert_eq!(
            rule(check_password("          ").unwrap_err()),
            InvalidRule::Required
        );
        assert_eq!(
            rule(check_password("short").unwrap_err()),
            InvalidRule::TooShort { min: 10 }
        );
        assert_eq!(
            rule(check_password(&"x".repeat(129)).unwrap_err()),
            InvalidRule::TooLong { max: 128 }
        );
    }
}

/// What an account may do beyond studying. Stored as text (`users.role`) through
/// [`Role::as_str`] and [`Role::parse`] only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A student.
    Member,
    /// May set members' tiers (and, later, moderate). Granted only by the person running
    /// the server (`server admin grant`), and effective only for a verified address when
    /// the server can send email.
    Admin,
}

impl Role {
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Admin => "admin",
        }
    }

    /// The role stored as `text`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "member" => Some(Self::Member),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

/// Whether an account holding `role` acts as an admin: with email configured, only once
/// its address is verified (an address anyone could register first proves nothing).
pub fn acts_as_admin(role: Role, email_verified: bool, email_configured: bool) -> bool {
    role == Role::Admin && (email_verified || !email_configured)
}

#[cfg(test)]
mod role_tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_text() {
        for role in [Role::Member, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn an_admin_needs_a_verified_address_when_email_is_configured() {
        assert!(acts_as_admin(Role::Admin, true, true));
        assert!(!acts_as_admin(Role::Admin, false, true));
        assert!(acts_as_admin(Role::Admin, false, false));
        assert!(!acts_as_admin(Role::Member, true, true));
        assert!(!acts_as_admin(Role::Member, true, false));
    }
}
