//! "Continue with Google": the OpenID Connect authorization code flow with PKCE, state
//! and nonce. Present only when `FOCUS_GOOGLE_CLIENT_ID` and `…_SECRET` are set.
//!
//! The provider's metadata is discovered from `{issuer}/.well-known/openid-configuration`
//! (Google's issuer by default; tests point it at a local provider), ID tokens are
//! verified against its published keys ([`keys`]), and every call uses an async client.

pub mod flow;
mod http;
mod keys;
pub mod token;

use crate::domain::time::Timestamp;
use crate::error::AppError;
use crate::server::config::google::{GoogleConfig, GOOGLE_ISSUER};
use base64::Engine;
use http::fetch_json;
use keys::KeyCache;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

#[derive(Deserialize)]
struct Metadata {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
}

#[derive(Debug)]
struct Discovered {
    issuers: Vec<String>,
    authorization_endpoint: String,
    token_endpoint: String,
    keys: Arc<KeyCache>,
}

/// The configured provider and its discovered endpoints and keys.
#[derive(Debug)]
pub struct GoogleSignIn {
    config: GoogleConfig,
    http: reqwest::Client,
    discovered: tokio::sync::OnceCell<Discovered>,
}

/// The provider could not be reached or answered nonsense: logged, shown as "try later".
fn provider_down(what: &str, cause: String) -> AppError {
    tracing::warn!(%cause, "Google sign-in: {what}");
    AppError::Unavailable
}

/// `BASE64URL(SHA256(verifier))`, the PKCE S256 challenge.
pub fn pkce_challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl GoogleSignIn {
    /// A client for the provider in `config` (nothing is fetched yet).
    pub fn new(config: GoogleConfig) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .user_agent("FocusSquad")
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            config,
            http,
            discovered: tokio::sync::OnceCell::new(),
        })
    }

    /// The endpoints and keys, discovered on first use (retried on the next use if the
    /// provider was unreachable).
    async fn discovered(&self) -> Result<&Discovered, AppError> {
        self.discovered
            .get_or_try_init(|| async {
                let url = format!(
                    "{}/.well-known/openid-configuration",
                    self.config.issuer.trim_end_matches('/')
                );
                let meta: Metadata = fetch_json(self.http.get(&url))
                    .await
                    .map_err(|e| provider_down("discovery failed", e))?;
                // A provider must speak for itself: metadata naming another issuer (a
                // misdirected or tampered discovery) is refused.
                if meta.issuer.trim_end_matches('/') != self.config.issuer.trim_end_matches('/') {
                    return Err(provider_down(
                        "discovered issuer differs from the configured one",
                        format!("{} ≠ {}", meta.issuer, self.config.issuer),
                    ));
                }
                let mut issuers = vec![meta.issuer.clone()];
                if meta.issuer == GOOGLE_ISSUER {
                    // Google signs some tokens with the bare host as issuer.
                    issuers.push("accounts.google.com".to_owned());
                }
                let keys = KeyCache::new(self.http.clone(), meta.jwks_uri);
                Ok(Discovered {
                    issuers,
                    authorization_endpoint: meta.authorization_endpoint,
                    token_endpoint: meta.token_endpoint,
                    keys,
                })
            })
            .await
    }

    /// Fetches metadata and keys ahead of the first sign-in (called at start-up).
    pub async fn warm_up(&self) -> Result<(), AppError> {
        let discovered = self.discovered().await?;
        discovered
            .keys
            .keys()
            .await
            .map(|_| ())
            .map_err(|e| provider_down("key fetch failed", e))
    }

    /// Where to send the browser to sign in.
    pub async fn authorize_url(
        &self,
        state: &str,
        nonce: &str,
        verifier: &str,
    ) -> Result<String, AppError> {
        let discovered = self.discovered().await?;
        let mut url = reqwest::Url::parse(&discovered.authorization_endpoint)
            .map_err(|e| provider_down("bad authorization endpoint", e.to_string()))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", &self.config.redirect_uri)
            .append_pair("scope", "openid email profile")
            .append_pair("state", state)
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", &pkce_challenge(verifier))
            .append_pair("code_challenge_method", "S256");
        Ok(url.into())
    }

    /// Trades the authorization `code` for an ID token and verifies it.
    pub async fn identify(
        &self,
        code: &str,
        verifier: &str,
        nonce: &str,
        now: Timestamp,
    ) -> Result<token::Identity, AppError> {
        #[derive(Deserialize)]
        struct TokenResponse {
            id_token: String,
        }
        let discovered = self.discovered().await?;
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &self.config.redirect_uri),
            ("client_id", &self.config.client_id),
            ("client_secret", self.config.client_secret.expose()),
            ("code_verifier", verifier),
        ];
        let answer: TokenResponse =
            fetch_json(self.http.post(&discovered.token_endpoint).form(&form))
                .await
                .map_err(|e| provider_down("code exchange failed", e))?;
        let expected = token::Expected {
            issuers: &discovered.issuers,
            client_id: &self.config.client_id,
            nonce,
            now_secs: now.unix_millis().div_euclid(1000),
        };
        let keys = discovered
            .keys
            .keys()
            .await
            .map_err(|e| provider_down("key fetch failed", e))?;
        let verified = match token::verify(&answer.id_token, &keys, &expected) {
            Err(token::TokenError::UnknownKey(_)) => {
                let keys = discovered
                    .keys
                    .refreshed_for_unknown_key()
                    .await
                    .map_err(|e| provider_down("key fetch failed", e))?;
                token::verify(&answer.id_token, &keys, &expected)
            }
            other => other,
        };
        verified.map_err(|e| {
            tracing::warn!(error = %e, "Google sign-in: ID token refused");
            AppError::Forbidden
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pkce_challenge_matches_rfc_7636_appendix_b() {
        assert_eq!(
            super::pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
