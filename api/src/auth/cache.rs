//! A per-replica cache of verified access tokens and their users.
//!
//! Without it every authenticated request pays a Postgres read (the user: role, status, session
//! version) and a Redis read (the logout denylist) — most of the cost of a status poll. With it a
//! token seen in the last `AIMINI_AUTH_CACHE_MS` is answered from memory.
//!
//! Revocations must still be immediate, so every change that could make a cached entry wrong
//! (logout, password reset, role or status change, profile edit) calls [`AuthCache::invalidate`]:
//! that evicts locally at once and publishes the eviction on Redis, where every replica's
//! [`relay_invalidations`] task applies it. A replica that loses its subscription cannot know what
//! it missed, so it drops its whole cache on reconnect; the TTL bounds staleness only for a message
//! lost in flight.
//!
//! Open WebSockets authenticated once, at upgrade, so they listen to the same evictions
//! ([`AuthCache::subscribe`]) and re-check their token on each one that could concern them. That is
//! why evictions are published and relayed even when the cache itself is off (`AIMINI_AUTH_CACHE_MS=0`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt as _;
use redis::AsyncCommands as _;
use secrecy::ExposeSecret as _;
use tokio::sync::broadcast;
use uuid::Uuid;

use super::extract::AuthUser;

/// A bound on memory: past this many live tokens the cache starts over rather than grow.
const MAX_ENTRIES: usize = 100_000;

/// What to evict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eviction {
    /// Every token of this user.
    User(Uuid),
    /// One token (by `jti`).
    Token(Uuid),
}

impl Eviction {
    fn encode(self) -> String {
        match self {
            Eviction::User(id) => format!("u:{id}"),
            Eviction::Token(jti) => format!("t:{jti}"),
        }
    }

    fn decode(s: &str) -> Option<Self> {
        let (kind, id) = s.split_once(':')?;
        let id = Uuid::parse_str(id).ok()?;
        match kind {
            "u" => Some(Eviction::User(id)),
            "t" => Some(Eviction::Token(id)),
            _ => None,
        }
    }
}

pub struct AuthCache {
    ttl: Duration,
    entries: Mutex<HashMap<Uuid, (Instant, AuthUser)>>,
    /// Bumped by every eviction. A lookup that started before an eviction must not store what it
    /// read, or a request racing a role change would re-insert the old role.
    epoch: AtomicU64,
    /// Every eviction applied here, for open WebSockets; `None` means "anything may have changed"
    /// (the cache was dropped after a lost subscription).
    evictions: broadcast::Sender<Option<Eviction>>,
}

pub fn channel(prefix: &str) -> String {
    format!("{prefix}auth:evict")
}

impl AuthCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
            epoch: AtomicU64::new(0),
            evictions: broadcast::channel(1024).0,
        }
    }

    /// Evictions from now on (local and relayed). A receiver that lags must treat it as `None`.
    pub fn subscribe(&self) -> broadcast::Receiver<Option<Eviction>> {
        self.evictions.subscribe()
    }

    /// Read before loading a user from the database; pass to [`AuthCache::put`].
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, (Instant, AuthUser)>> {
        // A panic while holding this lock cannot leave the map half-updated in a harmful way.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The cached user of token `jti`, if still fresh.
    pub fn get(&self, jti: Uuid) -> Option<AuthUser> {
        if self.ttl.is_zero() {
            return None;
        }
        let map = self.lock();
        let (at, auth) = map.get(&jti)?;
        (at.elapsed() < self.ttl).then(|| auth.clone())
    }

    /// Stores `auth` unless an eviction happened since `epoch` was read.
    pub fn put(&self, auth: &AuthUser, epoch: u64) {
        if self.ttl.is_zero() {
            return;
        }
        let mut map = self.lock();
        // Evictions bump the epoch while holding the lock, so this check cannot race them.
        if self.epoch.load(Ordering::Acquire) != epoch {
            return;
        }
        if map.len() >= MAX_ENTRIES {
            let ttl = self.ttl;
            map.retain(|_, (at, _)| at.elapsed() < ttl);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(auth.claims.jti, (Instant::now(), auth.clone()));
    }

    /// Applies an eviction to this replica only.
    pub fn evict_local(&self, what: Eviction) {
        let mut map = self.lock();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        match what {
            Eviction::Token(jti) => {
                map.remove(&jti);
            }
            Eviction::User(id) => map.retain(|_, (_, auth)| auth.user.id != id),
        }
        drop(map);
        // No receivers (no open sockets) is the common case, not an error.
        let _ = self.evictions.send(Some(what));
    }

    pub fn clear(&self) {
        let mut map = self.lock();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        map.clear();
        drop(map);
        let _ = self.evictions.send(None);
    }

    /// Evicts here and on every other replica. Call it after the change is committed.
    pub async fn invalidate(
        &self,
        redis: &mut redis::aio::ConnectionManager,
        prefix: &str,
        what: Eviction,
    ) {
        self.evict_local(what);
        // Published even with the cache off: other replicas' open sockets must hear it.
        if let Err(e) = redis
            .publish::<_, _, ()>(channel(prefix), what.encode())
            .await
        {
            // Other replicas keep the entry for at most the TTL, and their sockets until the
            // access token expires.
            tracing::warn!(error = %e, "could not publish an auth cache eviction");
        }
    }
}

/// Runs for the life of the process: Redis evictions -> this replica's cache. Reconnects with
/// backoff, and empties the cache whenever the subscription was (re)established, since evictions
/// sent meanwhile are lost.
pub async fn relay_invalidations(
    cache: std::sync::Arc<AuthCache>,
    redis_url: secrecy::SecretString,
    prefix: String,
) {
    let channel = channel(&prefix);
    let mut backoff = Duration::from_millis(200);
    loop {
        let result: Result<(), redis::RedisError> = async {
            let client = redis::Client::open(redis_url.expose_secret())?;
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&channel).await?;
            cache.clear();
            backoff = Duration::from_millis(200);
            let mut stream = pubsub.on_message();
            while let Some(msg) = stream.next().await {
                if let Some(what) = msg
                    .get_payload::<String>()
                    .ok()
                    .and_then(|p| Eviction::decode(&p))
                {
                    cache.evict_local(what);
                }
            }
            Ok(())
        }
        .await;
        // Whatever happened, nothing we hold can be trusted past this point.
        cache.clear();
        if let Err(e) = result {
            tracing::warn!(error = %e, "auth cache eviction subscriber lost Redis; reconnecting");
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(user: Uuid) -> AuthUser {
        use aimini_models::users::{Role, UserRow, UserStatus};
        let now = chrono::Utc::now();
        AuthUser {
            user: UserRow {
                id: user,
                username: "cached".into(),
                email: "cached@example.com".into(),
                password_hash: None,
                display_name: None,
                avatar_url: None,
                bio: None,
                website_url: None,
                is_verified: false,
                role: Role::User,
                status: UserStatus::Active,
                session_version: 0,
                created_at: now,
                updated_at: now,
                last_login: None,
            },
            claims: crate::auth::jwt::Claims {
                sub: user,
                role: Role::User,
                iss: "aimini".into(),
                aud: "aimini-api".into(),
                iat: now.timestamp(),
                exp: now.timestamp() + 60,
                jti: Uuid::new_v4(),
                sv: 0,
            },
        }
    }

    #[test]
    fn a_lookup_that_raced_an_eviction_is_not_stored() {
        let cache = AuthCache::new(Duration::from_secs(10));
        let a = auth(Uuid::new_v4());
        let before = cache.epoch();
        cache.evict_local(Eviction::User(a.user.id));
        cache.put(&a, before);
        assert!(cache.get(a.claims.jti).is_none());
        cache.put(&a, cache.epoch());
        assert!(cache.get(a.claims.jti).is_some());
        cache.evict_local(Eviction::Token(a.claims.jti));
        assert!(cache.get(a.claims.jti).is_none());
    }

    #[test]
    fn zero_ttl_disables_the_cache() {
        let cache = AuthCache::new(Duration::ZERO);
        let a = auth(Uuid::new_v4());
        cache.put(&a, cache.epoch());
        assert!(cache.get(a.claims.jti).is_none());
    }

    #[test]
    fn evictions_round_trip_and_garbage_is_ignored() {
        let id = Uuid::new_v4();
        for e in [Eviction::User(id), Eviction::Token(id)] {
            assert_eq!(Eviction::decode(&e.encode()), Some(e));
        }
        assert_eq!(Eviction::decode("x:123"), None);
        assert_eq!(Eviction::decode("u:not-a-uuid"), None);
    }
}
