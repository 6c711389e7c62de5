//! Everything a handler needs, cloned cheaply per request.

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
pub struct AppState {
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
