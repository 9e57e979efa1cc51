//! Password hashing with Argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane), always
//! on the blocking thread pool so the async runtime keeps serving while it works.

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string for `password`, with a fresh salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(AppError::internal)?;
        let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

/// Whether `password` matches `stored`. With no stored hash (unknown account, or one
/// that signs in with Google only) it still does the same work against a throwaway hash,
/// so the answer takes as long either way and timing reveals nothing.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| DECOY.to_owned());
        let parsed = PasswordHash::new(&phc).map_err(AppError::internal)?;
        let matches = hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
    .map_err(AppError::internal)?
}

/// A hash of a random password nobody knows, with the same parameters as real ones.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lkZWNveWRlY295$\
                     q0l4oTjW0Vq4bqz9P2s0a9gM8m9xwqD9hMZ0m1sYc2k";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ_per_salt() {
        let a = hash("correct horse battery".into()).await.unwrap();
        let b = hash("correct horse battery".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_ne!(a, b);
        assert!(verify("correct horse battery".into(), Some(a.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse battery".into(), Some(a)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_accounts_never_verify() {
        assert!(PasswordHash::new(DECOY).is_ok());
        assert!(!verify("anything at all".into(), None).await.unwrap());
    }
}
