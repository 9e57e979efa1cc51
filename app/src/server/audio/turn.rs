//! Time-limited TURN credentials, the "TURN REST API" scheme coturn implements with
//! `use-auth-secret`: the user name is `<expiry unix seconds>:<user>` and the password
//! is base64(HMAC-SHA1(shared secret, user name)). The TURN server checks both without
//! asking us, and refuses the credential after its expiry.

use crate::api::audio_types::IceServer;
use crate::domain::time::Timestamp;
use crate::server::config::audio::TurnConfig;
use base64::Engine;
use hmac::{Hmac, Mac};

/// The ICE server entry for `turn`, valid for `user_id` until `now` + the configured TTL.
pub fn credentials(turn: &TurnConfig, user_id: i64, now: Timestamp) -> IceServer {
    let expires = now.unix_millis() / 1000 + i64::from(turn.ttl_secs);
    let username = format!("{expires}:{user_id}");
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(turn.secret.expose().as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(username.as_bytes());
    let credential = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    IceServer {
        urls: turn.urls.clone(),
        username: Some(username),
        credential: Some(credential),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::config::Secret;

    #[test]
    fn credentials_follow_the_turn_rest_scheme() {
        let turn = TurnConfig {
            urls: vec!["turn:turn.example:3478".into()],
            secret: Secret::new("north"),
            ttl_secs: 3600,
        };
        let server = credentials(&turn, 42, Timestamp::from_unix_millis(1_700_000_000_500));
        assert_eq!(server.username.as_deref(), Some("1700003600:42"));
        // HMAC-SHA1("north", "1700003600:42"), as `openssl dgst -sha1 -hmac north -binary
        // | base64` computes it.
        assert_eq!(
            server.credential.as_deref(),
            Some("WO3ZFttCQxBYtA2Ohz7jjGcQStA=")
        );
        assert_eq!(server.urls, turn.urls);
    }
}
