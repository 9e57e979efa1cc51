//! `Authorization: Bearer <token>` checks for the operator-only routes (the test clock,
//! metrics when protected): compared in constant time, so the answer's timing says
//! nothing about how much of a guess was right.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use subtle::ConstantTimeEq;

/// True when `headers` carry exactly `token` as a bearer token.
pub fn matches(headers: &HeaderMap, token: &str) -> bool {
    let presented = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    presented.is_some_and(|presented| bool::from(token.as_bytes().ct_eq(presented.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, value.parse().unwrap());
        headers
    }

    #[test]
    fn only_the_exact_bearer_token_matches() {
        assert!(matches(&with("Bearer s3cret"), "s3cret"));
        assert!(!matches(&with("Bearer s3cre"), "s3cret"));
        assert!(!matches(&with("Bearer s3cretX"), "s3cret"));
        assert!(!matches(&with("Basic s3cret"), "s3cret"));
        assert!(!matches(&HeaderMap::new(), "s3cret"));
    }
}
