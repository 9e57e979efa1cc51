//! LiveKit's webhooks: verified, de-duplicated, applied to the audio connection records.
//!
//! Verification is LiveKit's own: the `Authorization` header carries a JWT signed with
//! the API secret (issuer = the API key, valid five minutes) whose `sha256` claim is the
//! base64 SHA-256 of the exact body bytes. Anything unsigned, tampered with, signed with
//! another key or stale is refused as [`AppError::Unauthenticated`] before the body is
//! read, and the cause goes only to the log.
//!
//! LiveKit retries deliveries, so each event id is recorded (table `livekit_events`) in
//! the same transaction that applies it: a repeat is acknowledged and changes nothing,
//! and a failure leaves no record, so LiveKit's retry applies it. Events about rooms or
//! identities this server did not mint, and kinds that carry no audio connection
//! change, are acknowledged and ignored.

use super::{participant_of, table_of_room};
use crate::error::{AppError, InvalidRule};
use crate::server::audio::connections::{self, Change};
use crate::server::config::audio::LiveKitConfig;
use crate::server::AppState;
use livekit_api::access_token::TokenVerifier;
use livekit_api::webhooks::{WebhookError, WebhookReceiver};
use livekit_protocol::WebhookEvent;

/// What became of a verified event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Received {
    /// It changed the audio connection records.
    Applied,
    /// Its id was seen before; nothing changed.
    Duplicate,
    /// Valid, but about nothing this server tracks (or older than what was applied).
    Ignored,
}

/// Verifies and applies one delivery: `body` exactly as received and the value of its
/// `Authorization` header. [`AppError::NotFound`] when LiveKit is not configured.
pub async fn receive(
    state: &AppState,
    body: &[u8],
    authorization: Option<&str>,
) -> Result<Received, AppError> {
    let config = state
        .config
        .audio
        .livekit
        .as_ref()
        .ok_or(AppError::NotFound)?;
    let event = verify(config, body, authorization)?;
    apply(state, &event).await
}

/// The event in `body` if `authorization` proves LiveKit sent exactly this body.
pub fn verify(
    config: &LiveKitConfig,
    body: &[u8],
    authorization: Option<&str>,
) -> Result<WebhookEvent, AppError> {
    let token = authorization
        .map(str::trim)
        .map(|value| value.strip_prefix("Bearer ").unwrap_or(value))
        .filter(|token| !token.is_empty())
        .ok_or_else(|| refused("no Authorization header"))?;
    // The signature covers the bytes; a body that is not text cannot be LiveKit's JSON.
    let text = std::str::from_utf8(body).map_err(|_| refused("body is not UTF-8"))?;
    let verifier = TokenVerifier::with_api_key(&config.api_key, config.api_secret.expose());
    WebhookReceiver::new(verifier)
        .receive(text, token)
        .map_err(|err| match err {
            WebhookError::InvalidData(cause) => {
                tracing::warn!(%cause, "signed LiveKit webhook with an unreadable body");
                AppError::invalid("body", InvalidRule::Malformed)
            }
            other => refused(&other.to_string()),
        })
}

fn refused(cause: &str) -> AppError {
    tracing::warn!(cause, "LiveKit webhook refused");
    AppError::Unauthenticated
}

/// Records `event`'s id and applies it, once.
async fn apply(state: &AppState, event: &WebhookEvent) -> Result<Received, AppError> {
    if event.id.is_empty() {
        return Err(AppError::invalid("id", InvalidRule::Required));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let first = sqlx::query(
        "INSERT INTO livekit_events (event_id, received_at) VALUES ($1, $2) \
         ON CONFLICT (event_id) DO NOTHING",
    )
    .bind(&event.id)
    .bind(now.unix_millis())
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !first {
        tracing::debug!(id = %event.id, kind = %event.event, "LiveKit webhook repeated");
        return Ok(Received::Duplicate);
    }
    let table_id = event
        .room
        .as_ref()
        .and_then(|room| table_of_room(&room.name));
    let participant_id = event
        .participant
        .as_ref()
        .and_then(|p| participant_of(&p.identity));
    let change = match event.event.as_str() {
        "participant_joined" => Some(Change::Joined),
        "participant_left" | "participant_connection_aborted" => Some(Change::Left),
        _ => None,
    };
    let received = match (event.event.as_str(), table_id, participant_id, change) {
        (_, Some(table_id), Some(participant_id), Some(change)) => {
            let applied = connections::participant_event(
                &mut tx,
                table_id,
                participant_id,
                change,
                event.created_at,
                now,
            )
            .await?;
            if applied {
                Received::Applied
            } else {
                Received::Ignored
            }
        }
        ("room_finished", Some(table_id), _, _) => {
            connections::audio_room_gone(&mut tx, table_id, now).await?;
            Received::Applied
        }
        _ => Received::Ignored,
    };
    tx.commit().await?;
    tracing::debug!(id = %event.id, kind = %event.event, ?received, "LiveKit webhook");
    Ok(received)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::config::Secret;
    use base64::Engine;
    use livekit_api::access_token::AccessToken;
    use sha2::{Digest, Sha256};

    const KEY: &str = "APIfocus";
    const SECRET: &str = "a-long-enough-test-secret-for-hs256";

    fn config() -> LiveKitConfig {
        LiveKitConfig {
            url: "wss://lk.example".into(),
            api_key: KEY.into(),
            api_secret: Secret::new(SECRET),
        }
    }

    fn signed(body: &str, secret: &str) -> String {
        let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body));
        AccessToken::with_api_key(KEY, secret)
            .with_sha256(&digest)
            .to_jwt()
            .unwrap()
    }

    const BODY: &str = r#"{"event":"participant_joined","room":{"name":"focus-table-3"},"participant":{"identity":"p9"},"id":"EV_1","createdAt":"1700000000"}"#;

    #[test]
    fn livekit_signed_bodies_verify_and_decode() {
        let event = verify(&config(), BODY.as_bytes(), Some(&signed(BODY, SECRET))).unwrap();
        assert_eq!(event.event, "participant_joined");
        assert_eq!(event.id, "EV_1");
        assert_eq!(event.created_at, 1_700_000_000);
        assert_eq!(table_of_room(&event.room.unwrap().name), Some(3));
        assert_eq!(
            participant_of(&event.participant.unwrap().identity),
            Some(9)
        );
        // A "Bearer " prefix is tolerated.
        let bearer = format!("Bearer {}", signed(BODY, SECRET));
        assert!(verify(&config(), BODY.as_bytes(), Some(&bearer)).is_ok());
    }

    #[test]
    fn unsigned_tampered_and_foreign_deliveries_are_refused() {
        let token = signed(BODY, SECRET);
        let tampered = BODY.replace("p9", "p8");
        for (body, auth) in [
            (BODY.as_bytes(), None),
            (BODY.as_bytes(), Some("")),
            (tampered.as_bytes(), Some(token.as_str())),
            (
                BODY.as_bytes(),
                Some(&signed(BODY, "another-secret-of-enough-length")),
            ),
            (&[0xff, 0xfe][..], Some(token.as_str())),
        ] {
            assert_eq!(
                verify(&config(), body, auth).unwrap_err(),
                AppError::Unauthenticated
            );
        }
    }

    #[test]
    fn signed_bodies_that_are_not_events_are_malformed() {
        let body = "not json";
        assert_eq!(
            verify(&config(), body.as_bytes(), Some(&signed(body, SECRET))).unwrap_err(),
            AppError::invalid("body", InvalidRule::Malformed)
        );
    }
}
