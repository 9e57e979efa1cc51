//! Accounts and sign-in: password hashing, server-side sessions, attempt limits, and what
//! a request knows about who is calling.
//!
//! Policy: a session is an opaque random token in an `HttpOnly; SameSite=Lax` cookie
//! (`Secure` over https); only its SHA-256 is stored, so a database leak does not sign
//! anyone in. Failures never say whether an email address has an account.

pub mod accounts;
pub mod limits;
pub mod links;
pub mod password;
pub mod recovery;
pub mod request;
pub mod sessions;

/// The signed-in user of a request. The session middleware puts it into the request's
/// extensions; server functions read it through [`request::viewer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewer {
    /// The user.
    pub user_id: i64,
    /// The session the request came with.
    pub session_id: i64,
    /// Whether onboarding is complete.
    pub onboarded: bool,
}
