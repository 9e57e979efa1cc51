//! Checking an ID token: signature against the provider's keys, with the algorithm the
//! key itself stands for (never the one the token asks for), then issuer, audience,
//! expiry (by the injected clock) and the nonce this sign-in sent.

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm};
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

/// Seconds of clock difference tolerated between the provider and us.
const LEEWAY_SECS: i64 = 60;

/// Who the provider says signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The provider's stable id for the person.
    pub subject: String,
    /// Their email address, when the provider vouches for it.
    pub verified_email: Option<String>,
}

/// Why an ID token was refused (logged; the person only hears "did not complete").
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The token names a key the provider does not publish.
    #[error("unknown signing key {0:?}")]
    UnknownKey(Option<String>),
    /// Bad signature, wrong issuer or audience, or not a JWT at all.
    #[error("invalid token: {0}")]
    Invalid(String),
    /// Expired, or issued in the future.
    #[error("token outside its validity window")]
    Expired,
    /// The nonce is not the one this sign-in sent (a replayed token).
    #[error("nonce mismatch")]
    Nonce,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    exp: i64,
    #[serde(default)]
    iat: Option<i64>,
    #[serde(default)]
    nonce: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    email_verified: Option<EmailVerified>,
}

/// Providers send `true` or, sometimes, `"true"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum EmailVerified {
    Bool(bool),
    Text(String),
}

impl EmailVerified {
    fn is_true(&self) -> bool {
        match self {
            Self::Bool(b) => *b,
            Self::Text(t) => t.eq_ignore_ascii_case("true"),
        }
    }
}

/// What a token must match.
pub struct Expected<'a> {
    /// Accepted `iss` values.
    pub issuers: &'a [String],
    /// Our client id (`aud`).
    pub client_id: &'a str,
    /// The nonce sent with this sign-in.
    pub nonce: &'a str,
    /// Now, in Unix seconds.
    pub now_secs: i64,
}

/// The key id a token was signed with (to know whether the key set must be refreshed).
pub fn key_id(token: &str) -> Result<Option<String>, TokenError> {
    decode_header(token)
        .map(|h| h.kid)
        .map_err(|e| TokenError::Invalid(e.to_string()))
}

/// Verifies `token` against `keys` and `expected`.
pub fn verify(token: &str, keys: &JwkSet, expected: &Expected<'_>) -> Result<Identity, TokenError> {
    let header = decode_header(token).map_err(|e| TokenError::Invalid(e.to_string()))?;
    let jwk = match &header.kid {
        Some(kid) => keys.find(kid),
        None if keys.keys.len() == 1 => keys.keys.first(),
        None => None,
    }
    .ok_or_else(|| TokenError::UnknownKey(header.kid.clone()))?;
    let algorithm = signing_algorithm(jwk).ok_or_else(|| {
        TokenError::Invalid("the provider's key is not a public signing key".to_owned())
    })?;
    if header.alg != algorithm {
        return Err(TokenError::Invalid(format!(
            "token signed with {:?}, the key is for {algorithm:?}",
            header.alg
        )));
    }
    let key = DecodingKey::from_jwk(jwk).map_err(|e| TokenError::Invalid(e.to_string()))?;
    let mut validation = Validation::new(algorithm);
    validation.set_audience(&[expected.client_id]);
    validation.set_issuer(expected.issuers);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // Time is checked below against the injected clock, like every other rule.
    validation.validate_exp = false;
    let claims = decode::<Claims>(token, &key, &validation)
        .map_err(|e| TokenError::Invalid(e.to_string()))?
        .claims;
    let fresh = claims.exp + LEEWAY_SECS > expected.now_secs
        && claims
            .iat
            .is_none_or(|iat| iat - LEEWAY_SECS <= expected.now_secs);
    if !fresh {
        return Err(TokenError::Expired);
    }
    if claims.nonce.as_deref() != Some(expected.nonce) {
        return Err(TokenError::Nonce);
    }
    let verified = claims
        .email_verified
        .as_ref()
        .is_some_and(EmailVerified::is_true);
    Ok(Identity {
        subject: claims.sub,
        verified_email: claims.email.filter(|_| verified),
    })
}

/// The one algorithm a published key verifies: the one it names (`alg`), else the usual
/// one for its type. Shared secrets (HMAC) are never accepted from a key set.
fn signing_algorithm(jwk: &Jwk) -> Option<Algorithm> {
    if let Some(named) = jwk.common.key_algorithm {
        return match named {
            KeyAlgorithm::RS256 => Some(Algorithm::RS256),
            KeyAlgorithm::RS384 => Some(Algorithm::RS384),
            KeyAlgorithm::RS512 => Some(Algorithm::RS512),
            KeyAlgorithm::PS256 => Some(Algorithm::PS256),
            KeyAlgorithm::PS384 => Some(Algorithm::PS384),
            KeyAlgorithm::PS512 => Some(Algorithm::PS512),
            KeyAlgorithm::ES256 => Some(Algorithm::ES256),
            KeyAlgorithm::ES384 => Some(Algorithm::ES384),
            KeyAlgorithm::EdDSA => Some(Algorithm::EdDSA),
            _ => None,
        };
    }
    match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => Some(Algorithm::RS256),
        AlgorithmParameters::EllipticCurve(ec) => match ec.curve {
            EllipticCurve::P256 => Some(Algorithm::ES256),
            EllipticCurve::P384 => Some(Algorithm::ES384),
            _ => None,
        },
        AlgorithmParameters::OctetKeyPair(_) => Some(Algorithm::EdDSA),
        AlgorithmParameters::OctetKey(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{encode, EncodingKey, Header};
    use serde_json::json;

    /// A key made for these tests only (never used anywhere else).
    const PRIVATE_KEY: &[u8] = include_bytes!("test_signing_key.pem");
    const JWKS: &str = include_str!("test_jwks.json");
    const NOW: i64 = 1_795_883_081;

    fn keys() -> JwkSet {
        serde_json::from_str(JWKS).unwrap()
    }

    fn token(claims: serde_json::Value, kid: Option<&str>) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = kid.map(str::to_owned);
        encode(
            &header,
            &claims,
            &EncodingKey::from_rsa_pem(PRIVATE_KEY).unwrap(),
        )
        .unwrap()
    }

    fn claims() -> serde_json::Value {
        json!({
            "iss": "https://accounts.google.com",
            "aud": "client-1",
            "sub": "1234567890",
            "email": "mei@uni.edu",
            "email_verified": true,
            "nonce": "n-1",
            "iat": NOW - 10,
            "exp": NOW + 3600,
        })
    }

    fn check(token: &str) -> Result<Identity, TokenError> {
        let issuers = [
            "https://accounts.google.com".to_owned(),
            "accounts.google.com".to_owned(),
        ];
        verify(
            token,
            &keys(),
            &Expected {
                issuers: &issuers,
                client_id: "client-1",
                nonce: "n-1",
                now_secs: NOW,
            },
        )
    }

    #[test]
    fn a_good_token_gives_the_subject_and_verified_email() {
        let identity = check(&token(claims(), Some("test-key"))).unwrap();
        assert_eq!(identity.subject, "1234567890");
        assert_eq!(identity.verified_email.as_deref(), Some("mei@uni.edu"));
        let mut text_flag = claims();
        text_flag["email_verified"] = json!("true");
        assert!(check(&token(text_flag, Some("test-key")))
            .unwrap()
            .verified_email
            .is_some());
    }

    #[test]
    fn unverified_emails_are_not_trusted() {
        let mut c = claims();
        c["email_verified"] = json!(false);
        assert_eq!(
            check(&token(c, Some("test-key"))).unwrap().verified_email,
            None
        );
    }

    #[test]
    fn wrong_audience_issuer_nonce_or_time_are_refused() {
        let refused = |change: &dyn Fn(&mut serde_json::Value)| {
            let mut c = claims();
            change(&mut c);
            check(&token(c, Some("test-key"))).unwrap_err()
        };
        assert!(matches!(
            refused(&|c| c["aud"] = json!("someone-else")),
            TokenError::Invalid(_)
        ));
        assert!(matches!(
            refused(&|c| c["iss"] = json!("https://evil.example")),
            TokenError::Invalid(_)
        ));
        assert_eq!(
            refused(&|c| c["nonce"] = json!("replayed")),
            TokenError::Nonce
        );
        assert_eq!(
            refused(&|c| {
                c.as_object_mut().unwrap().remove("nonce");
            }),
            TokenError::Nonce
        );
        assert_eq!(
            refused(&|c| c["exp"] = json!(NOW - 61)),
            TokenError::Expired
        );
        assert_eq!(
            refused(&|c| c["iat"] = json!(NOW + 3600)),
            TokenError::Expired
        );
        // Within the leeway: accepted.
        let mut c = claims();
        c["exp"] = json!(NOW - 30);
        assert!(check(&token(c, Some("test-key"))).is_ok());
    }

    #[test]
    fn unknown_keys_and_forged_signatures_are_refused() {
        assert_eq!(
            check(&token(claims(), Some("rotated-away"))).unwrap_err(),
            TokenError::UnknownKey(Some("rotated-away".into()))
        );
        let good = token(claims(), Some("test-key"));
        let (head_and_body, _) = good.rsplit_once('.').unwrap();
        let forged = format!("{head_and_body}.c2lnbmF0dXJl");
        assert!(matches!(
            check(&forged).unwrap_err(),
            TokenError::Invalid(_)
        ));
        assert!(matches!(
            check("not a token").unwrap_err(),
            TokenError::Invalid(_)
        ));
        assert_eq!(key_id(&good).unwrap().as_deref(), Some("test-key"));
    }

    #[test]
    fn the_algorithm_is_the_keys_not_the_tokens() {
        // Signed with the right key but announced as RS512: refused, though RS512 with
        // this RSA key would verify if the token were trusted to name its algorithm.
        let mut header = Header::new(Algorithm::RS512);
        header.kid = Some("test-key".into());
        let key = EncodingKey::from_rsa_pem(PRIVATE_KEY).unwrap();
        let other = encode(&header, &claims(), &key).unwrap();
        let err = check(&other).unwrap_err();
        assert!(
            matches!(&err, TokenError::Invalid(m) if m.contains("RS512")),
            "{err:?}"
        );
        // An HMAC token "signed" with the public key's text as a secret: refused.
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("test-key".into());
        let forged = encode(
            &header,
            &claims(),
            &EncodingKey::from_secret(JWKS.as_bytes()),
        )
        .unwrap();
        assert!(matches!(
            check(&forged).unwrap_err(),
            TokenError::Invalid(_)
        ));
    }
}
