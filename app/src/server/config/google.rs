//! Google sign-in settings (OpenID Connect), read by [`super::Config`] and used by the
//! sign-in flow in `server::oidc`.

use super::Secret;

/// Google's issuer.
pub const GOOGLE_ISSUER: &str = "https://accounts.google.com";

/// What the operator configured.
#[derive(Clone, Debug)]
pub struct GoogleConfig {
    /// The provider's issuer URL.
    pub issuer: String,
    /// OAuth client id.
    pub client_id: String,
    /// OAuth client secret.
    pub client_secret: Secret,
    /// Our callback, `{public URL}/auth/google/callback`.
    pub redirect_uri: String,
}
