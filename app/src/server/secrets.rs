//! Server secrets: given by the operator, or generated on first run and kept in the
//! database so every instance sharing it agrees. There is no built-in default secret.

use super::config::Secret;
use super::db::Db;
use crate::domain::time::Timestamp;

/// The keys the server signs and derives with.
#[derive(Debug)]
pub struct Secrets {
    /// Keys session cookies and other tokens.
    pub session_key: Secret,
}

const SESSION_KEY: &str = "session_key";

impl Secrets {
    /// Uses `given` when the operator set one, else the stored key, else generates and
    /// stores a new one. Concurrent first starts agree on one key.
    pub async fn load_or_create(
        db: &Db,
        given: Option<Secret>,
        now: Timestamp,
    ) -> Result<Self, sqlx::Error> {
        if let Some(session_key) = given {
            return Ok(Self { session_key });
        }
        sqlx::query(
            "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(SESSION_KEY)
        .bind(random_hex(32))
        .bind(now.unix_millis())
        .execute(db.pool())
        .await?;
        let value: String = sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
            .bind(SESSION_KEY)
            .fetch_one(db.pool())
            .await?;
        Ok(Self {
            session_key: Secret::new(value),
        })
    }
}

/// `bytes` random bytes from the operating system, hex-encoded.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source is unavailable");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn random_hex_has_the_right_length_and_differs() {
        let a = super::random_hex(16);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, super::random_hex(16));
    }
}
