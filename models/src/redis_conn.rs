//! Redis connection shared by API replicas and workers.

use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::ExposeSecret;

use crate::config::RedisConfig;

/// A self-reconnecting multiplexed connection. Timeouts are explicit so a dead Redis turns into a
/// quick error (and a fail-open decision upstream) instead of a hung request.
pub async fn connect(cfg: &RedisConfig) -> Result<ConnectionManager, redis::RedisError> {
    let client = redis::Client::open(cfg.url.expose_secret())?;
    let conf = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(Duration::from_secs(2)))
        .set_number_of_retries(2);
    ConnectionManager::new_with_config(client, conf).await
}
