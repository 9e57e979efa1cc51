//! Seat access tokens. The grants are the server's enforcement of the table mode: at an
//! audio table a seat may publish its microphone and nothing else; at a quiet table it
//! may not publish at all. Every seat subscribes to the others' audio. Nothing else is
//! granted: the board, presence and activity travel over the table channel, so seats
//! publish no LiveKit data and cannot change their own metadata.
//!
//! The token also names the seat, as the participant attribute `seat` (`"1"`…`"4"`), so a
//! browser can put each voice in the room on its seat without asking the server: LiveKit
//! applies a token's attributes when the participant joins, and since seats may not
//! update their own metadata or attributes, nobody can claim another's seat.
//!
//! LiveKit checks a token's validity against its own wall clock, so the SDK stamps it
//! with the system time; the caller chooses how long it lasts.

use super::{identity, room_name};
use crate::domain::matching::TableMode;
use crate::server::config::audio::LiveKitConfig;
use livekit_api::access_token::{AccessToken, AccessTokenError, VideoGrants};
use std::time::Duration;

/// LiveKit's name for the microphone track source.
pub const MICROPHONE: &str = "microphone";
/// The participant attribute that carries the seat number.
pub const SEAT_ATTRIBUTE: &str = "seat";

/// Who a token is for.
#[derive(Clone, Copy, Debug)]
pub struct Seat<'a> {
    /// The table (its room).
    pub table_id: i64,
    /// The seat's participant row (its identity).
    pub participant_id: i64,
    /// The seat number (1–4), sent as the attribute [`SEAT_ATTRIBUTE`].
    pub seat: i64,
    /// What tablemates see: the display name, or the username without one.
    pub name: &'a str,
    /// The table mode.
    pub mode: TableMode,
}

/// The grants of a seat at table `table_id` in `mode`.
pub fn grants(table_id: i64, mode: TableMode) -> VideoGrants {
    let speaks = mode == TableMode::Audio;
    VideoGrants {
        room_join: true,
        room: room_name(table_id),
        can_publish: Some(speaks),
        can_publish_sources: if speaks {
            vec![MICROPHONE.to_owned()]
        } else {
            Vec::new()
        },
        can_subscribe: Some(true),
        can_publish_data: Some(false),
        can_update_own_metadata: Some(false),
        ..VideoGrants::default()
    }
}

/// A signed token for `seat`, valid for `ttl` from now.
pub fn mint(
    config: &LiveKitConfig,
    seat: &Seat<'_>,
    ttl: Duration,
) -> Result<String, AccessTokenError> {
    AccessToken::with_api_key(&config.api_key, config.api_secret.expose())
        .with_identity(&identity(seat.participant_id))
        .with_name(seat.name)
        .with_attributes([(SEAT_ATTRIBUTE, seat.seat.to_string())])
        .with_ttl(ttl)
        .with_grants(grants(seat.table_id, seat.mode))
        .to_jwt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::config::Secret;
    use livekit_api::access_token::TokenVerifier;
    use std::collections::HashMap;

    fn config() -> LiveKitConfig {
        LiveKitConfig {
            url: "wss://lk.example".into(),
            api_key: "APIfocus".into(),
            api_secret: Secret::new("a-long-enough-test-secret-for-hs256"),
        }
    }

    fn seat(mode: TableMode) -> Seat<'static> {
        Seat {
            table_id: 42,
            participant_id: 7,
            seat: 3,
            name: "Mei Lin",
            mode,
        }
    }

    #[test]
    fn audio_seats_publish_the_microphone_only() {
        let g = grants(42, TableMode::Audio);
        assert!(g.room_join);
        assert_eq!(g.room, "focus-table-42");
        assert_eq!(g.can_publish, Some(true));
        assert_eq!(g.can_publish_sources, vec![MICROPHONE.to_owned()]);
        assert_eq!(g.can_subscribe, Some(true));
        assert_eq!(g.can_publish_data, Some(false));
        assert!(!g.room_admin && !g.room_create && !g.room_list && !g.room_record);
        assert!(!g.hidden && !g.recorder && !g.agent && !g.ingress_admin);
    }

    #[test]
    fn quiet_seats_publish_nothing_but_still_listen() {
        let g = grants(42, TableMode::Quiet);
        assert!(g.room_join);
        assert_eq!(g.can_publish, Some(false));
        assert!(g.can_publish_sources.is_empty());
        assert!(!g.can_publish());
        assert!(!g.can_publish_data());
        assert!(g.can_subscribe());
        assert!(!g.can_update_own_metadata());
    }

    #[test]
    fn tokens_carry_identity_name_seat_grants_and_lifetime() {
        let config = config();
        let ttl = Duration::from_secs(65 * 60);
        for mode in [TableMode::Audio, TableMode::Quiet] {
            let jwt = mint(&config, &seat(mode), ttl).unwrap();
            let claims = TokenVerifier::with_api_key(&config.api_key, config.api_secret.expose())
                .verify(&jwt)
                .unwrap();
            assert_eq!(claims.iss, "APIfocus");
            assert_eq!(claims.sub, "p7");
            assert_eq!(claims.name, "Mei Lin");
            assert_eq!(claims.video, grants(42, mode));
            assert_eq!(
                claims.attributes,
                HashMap::from([("seat".to_owned(), "3".to_owned())])
            );
            assert!(claims.metadata.is_empty());
            // Both stamps are whole seconds read one after the other.
            let lifetime = claims.exp - claims.nbf;
            assert!((65 * 60..=65 * 60 + 1).contains(&lifetime), "{lifetime}");
        }
    }

    #[test]
    fn tokens_signed_with_another_secret_are_refused() {
        let jwt = mint(&config(), &seat(TableMode::Audio), Duration::from_secs(60)).unwrap();
        assert!(
            TokenVerifier::with_api_key("APIfocus", "another-secret-of-enough-length")
                .verify(&jwt)
                .is_err()
        );
        assert!(
            TokenVerifier::with_api_key("APIother", config().api_secret.expose())
                .verify(&jwt)
                .is_err()
        );
    }
}
