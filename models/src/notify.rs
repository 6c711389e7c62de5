//! User notifications over Redis pub/sub: workers publish, every API replica subscribes and forwards
//! to that user's WebSocket connections. Best effort by design: a client that misses one still sees
//! the truth by polling (`GET /ai/generation/{id}`).

use redis::AsyncCommands as _;
use redis::aio::ConnectionManager;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn channel(prefix: &str) -> String {
    format!("{prefix}events")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    pub user_id: Uuid,
    /// e.g. `generation.updated`
    #[serde(rename = "type")]
    pub kind: String,
    pub data: serde_json::Value,
}

pub async fn publish(conn: &mut ConnectionManager, prefix: &str, n: &Notification) {
    let Ok(payload) = serde_json::to_string(n) else {
        return;
    };
    if let Err(e) = conn.publish::<_, _, i64>(channel(prefix), payload).await {
        tracing::warn!(error = %e, "could not publish a notification");
    }
}
