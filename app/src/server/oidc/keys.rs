//! The provider's signing keys (JWKS), cached for a while and refreshed in the
//! background: a request never waits for a refresh unless the cache is empty or the token
//! names a key we have not seen (the provider rotated its keys).

use super::http::fetch_json;
use jsonwebtoken::jwk::JwkSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// How long a fetched key set is used before a background refresh.
pub const KEYS_TTL: Duration = Duration::from_secs(60 * 60);
/// Unknown key ids trigger at most one immediate refresh per this interval.
const FORCED_REFRESH_MIN_INTERVAL: Duration = Duration::from_secs(60);

/// A cached key set.
#[derive(Debug)]
pub struct KeyCache {
    http: reqwest::Client,
    jwks_uri: String,
    cached: RwLock<Option<(JwkSet, Instant)>>,
    refreshing: AtomicBool,
}

impl KeyCache {
    /// An empty cache for the keys at `jwks_uri`.
    pub fn new(http: reqwest::Client, jwks_uri: String) -> Arc<Self> {
        Arc::new(Self {
            http,
            jwks_uri,
            cached: RwLock::new(None),
            refreshing: AtomicBool::new(false),
        })
    }

    async fn fetch(&self) -> Result<JwkSet, String> {
        let set: JwkSet = fetch_json(self.http.get(&self.jwks_uri)).await?;
        *self.cached.write().await = Some((set.clone(), Instant::now()));
        tracing::debug!(keys = set.keys.len(), "signing keys fetched");
        Ok(set)
    }

    /// The keys, fetching them when there are none; a stale set is returned at once and
    /// refreshed in the background.
    pub async fn keys(self: &Arc<Self>) -> Result<JwkSet, String> {
        let cached = self.cached.read().await.clone();
        match cached {
            None => self.fetch().await,
            Some((set, fetched)) => {
                if fetched.elapsed() >= KEYS_TTL && !self.refreshing.swap(true, Ordering::AcqRel) {
                    let cache = Arc::clone(self);
                    tokio::spawn(async move {
                        if let Err(e) = cache.fetch().await {
                            tracing::warn!(error = %e, "background refresh of signing keys failed");
                        }
                        cache.refreshing.store(false, Ordering::Release);
                    });
                }
                Ok(set)
            }
        }
    }

    /// The keys after an immediate refresh, for a token signed with a key id we do not
    /// know; rate-limited so forged key ids cannot make us hammer the provider.
    pub async fn refreshed_for_unknown_key(self: &Arc<Self>) -> Result<JwkSet, String> {
        let recent = self
            .cached
            .read()
            .await
            .as_ref()
            .is_some_and(|(_, fetched)| fetched.elapsed() < FORCED_REFRESH_MIN_INTERVAL);
        if recent {
            return self.keys().await;
        }
        self.fetch().await
    }
}
