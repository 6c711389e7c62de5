//! Everything a handler needs, cloned cheaply per request.
//!
//! The fields live behind one `Arc`: axum clones the state for every extractor and layer that asks
//! for it (several times a request), and cloning the fields one by one (four queue handles with
//! their owned key names, the limiter's prefix) showed up as about 3% of the API's CPU under a poll
//! load. A clone is now one atomic increment.

use std::ops::Deref;
use std::sync::Arc;

use aimini_models::Config;
use aimini_models::notify::Notification;
use aimini_models::queue::Queues;
use aimini_models::storage::Storage;
use aimini_models::templates::TemplateSet;
use redis::aio::ConnectionManager;
use sqlx::PgPool;

use crate::auth::cache::{AuthCache, Eviction};
use crate::auth::jwt::JwtKeys;
use crate::auth::oauth::OAuthProviders;
use crate::mail::Mailer;
use crate::ratelimit::RateLimiter;

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub config: Arc<Config>,
    pub db: PgPool,
    pub redis: ConnectionManager,
    pub storage: Storage,
    pub jwt: Arc<JwtKeys>,
    pub auth_cache: Arc<AuthCache>,
    pub mailer: Arc<Mailer>,
    pub limiter: RateLimiter,
    pub oauth: Arc<OAuthProviders>,
    pub metrics: metrics_exporter_prometheus::PrometheusHandle,
    pub queues: Queues,
    /// Status poll answers, dropped as Postgres announces changes ([`crate::status_cache`]).
    pub status_cache: Arc<crate::status_cache::StatusCache>,
    /// Generation pushes, batched across concurrent submissions ([`crate::enqueue`]).
    pub enqueuer: crate::enqueue::Enqueuer,
    /// Sampled generation queue depth for admission control.
    pub admission: crate::admission::Admission,
    pub templates: Arc<TemplateSet>,
    /// Notifications relayed from Redis pub/sub to this replica's WebSockets.
    pub notifications: tokio::sync::broadcast::Sender<Notification>,
    /// Open WebSockets on this replica, per user and in all (`AIMINI_WS_MAX_*`).
    pub sockets: Arc<crate::routes::ws::SocketCounts>,
    /// Image decodes allowed at once (`AIMINI_IMAGE_MAX_CONCURRENT`).
    pub image_slots: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// Drops cached authentication for `what` on every replica; call after committing the change.
    pub async fn evict_auth(&self, what: Eviction) {
        let mut redis = self.redis.clone();
        self.auth_cache
            .invalidate(&mut redis, &self.config.redis.key_prefix, what)
            .await;
    }

    /// A Redis key under this deployment's prefix.
    pub fn redis_key(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.config.redis.key_prefix)
    }
}
