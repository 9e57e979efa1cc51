//! Audio settings: the ICE servers browsers use on the mesh (STUN by default, TURN with
//! time-limited credentials when a shared secret is set) and LiveKit, when configured.

use super::{invalid, ConfigError, Secret};

/// The STUN server browsers use when none is configured.
pub const DEFAULT_STUN: &str = "stun:stun.l.google.com:19302";
/// How long TURN credentials stay valid by default.
pub const DEFAULT_TURN_TTL_SECS: u32 = 6 * 60 * 60;

/// Audio transport settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioConfig {
    /// STUN URLs (`FOCUS_STUN_URLS`, comma-separated; empty for none).
    pub stun_urls: Vec<String>,
    /// TURN relay with shared-secret credentials (`FOCUS_TURN_URLS`, `FOCUS_TURN_SECRET`).
    pub turn: Option<TurnConfig>,
    /// LiveKit (`FOCUS_LIVEKIT_URL`, `FOCUS_LIVEKIT_API_KEY`, `FOCUS_LIVEKIT_API_SECRET`):
    /// when set, audio goes through LiveKit instead of the mesh.
    pub livekit: Option<LiveKitConfig>,
}

impl Default for AudioConfig {
    fn default() -> Self {
        Self {
            stun_urls: vec![DEFAULT_STUN.to_owned()],
            turn: None,
            livekit: None,
        }
    }
}

/// A TURN server using the REST-API credential scheme (coturn's `use-auth-secret`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TurnConfig {
    /// `turn:` / `turns:` URLs.
    pub urls: Vec<String>,
    /// The secret shared with the TURN server.
    pub secret: Secret,
    /// How long each credential is valid (`FOCUS_TURN_TTL`, seconds).
    pub ttl_secs: u32,
}

/// A LiveKit deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveKitConfig {
    /// Its address as browsers reach it (`wss://…`); the server calls the same host over
    /// `https://` (or `http://` for `ws://`).
    pub url: String,
    /// API key.
    pub api_key: String,
    /// API secret.
    pub api_secret: Secret,
}

impl LiveKitConfig {
    /// The HTTP address of the server's API (Twirp), from the WebSocket URL.
    pub fn api_url(&self) -> String {
        if let Some(rest) = self.url.strip_prefix("wss://") {
            format!("https://{rest}")
        } else if let Some(rest) = self.url.strip_prefix("ws://") {
            format!("http://{rest}")
        } else {
            self.url.clone()
        }
    }
}

/// The setting names this module reads.
pub const KEYS: [&str; 7] = [
    "stun_urls",
    "turn_urls",
    "turn_secret",
    "turn_ttl",
    "livekit_url",
    "livekit_api_key",
    "livekit_api_secret",
];

fn url_list(src: &str, v: &str, schemes: &[&str]) -> Result<Vec<String>, ConfigError> {
    v.split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| {
            let known = schemes
                .iter()
                .any(|s| u.strip_prefix(s).is_some_and(|rest| rest.len() > 1));
            if known && !u.contains(' ') {
                Ok(u.to_owned())
            } else {
                Err(invalid(
                    src,
                    format!("\"{u}\" is not a {} URL", schemes.join(" / ")),
                ))
            }
        })
        .collect()
}

/// Reads the audio settings through `get` (name → (source, trimmed value)).
pub fn parse<'a>(
    get: &impl Fn(&str) -> Option<(&'a str, &'a str)>,
) -> Result<AudioConfig, ConfigError> {
    let stun_urls = match get("stun_urls") {
        Some((src, v)) => url_list(src, v, &["stun:", "stuns:"])?,
        None => vec![DEFAULT_STUN.to_owned()],
    };
    let turn = match (get("turn_urls"), get("turn_secret")) {
        (None, None) => None,
        (Some((src, urls)), Some((_, secret))) if !secret.is_empty() => {
            let urls = url_list(src, urls, &["turn:", "turns:"])?;
            if urls.is_empty() {
                return Err(invalid(src, "give at least one turn: URL"));
            }
            let ttl_secs = match get("turn_ttl") {
                Some((src, v)) => match v.parse::<u32>() {
                    Ok(n) if (60..=7 * 24 * 3600).contains(&n) => n,
                    _ => {
                        return Err(invalid(
                            src,
                            format!("expected seconds from 60 to 604800, got \"{v}\""),
                        ))
                    }
                },
                None => DEFAULT_TURN_TTL_SECS,
            };
            Some(TurnConfig {
                urls,
                secret: Secret::new(secret),
                ttl_secs,
            })
        }
        (Some((src, _)), _) | (_, Some((src, _))) => {
            return Err(invalid(
                src,
                "TURN needs both FOCUS_TURN_URLS and FOCUS_TURN_SECRET (the static-auth-secret of the TURN server)",
            ))
        }
    };
    let livekit = match (
        get("livekit_url"),
        get("livekit_api_key"),
        get("livekit_api_secret"),
    ) {
        (None, None, None) => None,
        (Some((src, url)), Some((_, key)), Some((_, secret)))
            if !key.is_empty() && !secret.is_empty() =>
        {
            let url = url.trim_end_matches('/');
            let host = url
                .strip_prefix("wss://")
                .or_else(|| url.strip_prefix("ws://"));
            if !host.is_some_and(|h| !h.is_empty() && !h.contains([' ', '?', '#'])) {
                return Err(invalid(
                    src,
                    format!("expected the LiveKit address such as wss://livekit.example, got \"{url}\""),
                ));
            }
            Some(LiveKitConfig {
                url: url.to_owned(),
                api_key: key.to_owned(),
                api_secret: Secret::new(secret),
            })
        }
        (Some((src, _)), _, _) | (_, Some((src, _)), _) | (_, _, Some((src, _))) => {
            return Err(invalid(
                src,
                "LiveKit needs FOCUS_LIVEKIT_URL, FOCUS_LIVEKIT_API_KEY and FOCUS_LIVEKIT_API_SECRET together",
            ))
        }
    };
    Ok(AudioConfig {
        stun_urls,
        turn,
        livekit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn parse_vars(vars: &[(&'static str, &'static str)]) -> Result<AudioConfig, ConfigError> {
        let map: BTreeMap<&str, &str> = vars.iter().copied().collect();
        parse(&|key: &str| map.get(key).map(|v| ("test", *v)))
    }

    #[test]
    fn defaults_to_public_stun_only() {
        assert_eq!(parse_vars(&[]).unwrap(), AudioConfig::default());
        assert!(parse_vars(&[("stun_urls", "")])
            .unwrap()
            .stun_urls
            .is_empty());
    }

    #[test]
    fn turn_needs_urls_and_secret() {
        let c = parse_vars(&[
            (
                "turn_urls",
                "turn:turn.example:3478, turns:turn.example:5349",
            ),
            ("turn_secret", "s3cret"),
        ])
        .unwrap();
        let turn = c.turn.unwrap();
        assert_eq!(turn.urls.len(), 2);
        assert_eq!(turn.ttl_secs, DEFAULT_TURN_TTL_SECS);
        assert!(!format!("{turn:?}").contains("s3cret"));
        assert!(parse_vars(&[("turn_urls", "turn:x:3478")]).is_err());
        assert!(parse_vars(&[("turn_urls", "http://x"), ("turn_secret", "s")]).is_err());
        assert!(parse_vars(&[
            ("turn_urls", "turn:x"),
            ("turn_secret", "s"),
            ("turn_ttl", "5")
        ])
        .is_err());
        assert!(parse_vars(&[("stun_urls", "turn:x")]).is_err());
    }

    #[test]
    fn livekit_needs_all_three() {
        let c = parse_vars(&[
            ("livekit_url", "wss://lk.example/"),
            ("livekit_api_key", "key"),
            ("livekit_api_secret", "secret"),
        ])
        .unwrap();
        let lk = c.livekit.unwrap();
        assert_eq!(lk.url, "wss://lk.example");
        assert_eq!(lk.api_url(), "https://lk.example");
        assert!(parse_vars(&[("livekit_url", "wss://lk.example")]).is_err());
        assert!(parse_vars(&[
            ("livekit_url", "https://lk.example"),
            ("livekit_api_key", "k"),
            ("livekit_api_secret", "s")
        ])
        .is_err());
    }
}
