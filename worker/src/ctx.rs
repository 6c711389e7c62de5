//! What every job handler gets: the process's connections, engines and configuration, built once
//! in [`crate::Worker::build`] and shared (behind an `Arc`) by every queue, the wake-up listener
//! and the reconciler.

use std::sync::Arc;

use aimini_models::Config;
use aimini_models::queue::Queues;
use aimini_models::storage::Storage;
use redis::aio::ConnectionManager;
use sqlx::PgPool;

use crate::router::Engines;

pub struct Ctx {
    pub db: PgPool,
    pub storage: Storage,
    pub engines: Arc<Engines>,
    pub redis: ConnectionManager,
    pub queues: Queues,
    pub config: Arc<Config>,
}
