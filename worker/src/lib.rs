//! The aimini background worker as a library; `main.rs` only parses arguments.
//!
//! This is the skeleton the generation pipeline builds on: it validates configuration, checks its
//! dependencies, serves `/healthz` and `/metrics` for orchestrators, and drains on SIGTERM. Queue
//! consumers (generation, moderation, thumbnails) are registered by later work.

use std::net::SocketAddr;
use std::time::Duration;

use aimini_models::{Config, db, redis_conn};
use anyhow::Context as _;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;

/// What `aimini-worker run` was asked to serve.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub queues: Vec<String>,
    pub concurrency: usize,
}

#[derive(Clone)]
struct Health {
    db: sqlx::PgPool,
    redis: redis::aio::ConnectionManager,
    metrics: PrometheusHandle,
}

pub struct Worker {
    listener: TcpListener,
    health: Health,
    options: RunOptions,
}

impl Worker {
    pub async fn build(config: &Config, options: RunOptions) -> anyhow::Result<Self> {
        for q in &options.queues {
            if !aimini_models::jobs::ALL_QUEUES.contains(&q.as_str()) {
                anyhow::bail!(
                    "unknown queue {q:?}; known queues: {}",
                    aimini_models::jobs::ALL_QUEUES.join(", ")
                );
            }
        }
        let db = db::connect(&config.database)
            .await
            .context("cannot connect to Postgres (AIMINI_DATABASE_URL)")?;
        let redis = redis_conn::connect(&config.redis)
            .await
            .context("cannot connect to Redis (AIMINI_REDIS_URL)")?;
        let metrics = PrometheusBuilder::new()
            .install_recorder()
            .context("installing the metrics recorder")?;
        let listener = TcpListener::bind(config.worker.health_addr)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {} (AIMINI_WORKER_HEALTH_ADDR)",
                    config.worker.health_addr
                )
            })?;
        Ok(Self {
            listener,
            health: Health { db, redis, metrics },
            options,
        })
    }

    pub fn health_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        metrics::gauge!("worker_queues_served").set(self.options.queues.len() as f64);
        tracing::info!(
            addr = %self.listener.local_addr()?,
            queues = ?self.options.queues,
            concurrency = self.options.concurrency,
            "aimini-worker ready (queue consumers arrive with the generation pipeline)"
        );
        let app = Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .route("/readyz", get(readyz))
            .route(
                "/metrics",
                get(|State(h): State<Health>| async move { h.metrics.render() }),
            )
            .with_state(self.health);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(aimini_models::process::shutdown_signal())
            .await?;
        tracing::info!("aimini-worker stopped");
        Ok(())
    }
}

async fn readyz(State(h): State<Health>) -> (StatusCode, &'static str) {
    let limit = Duration::from_secs(2);
    let pg = tokio::time::timeout(limit, sqlx::query("SELECT 1").execute(&h.db)).await;
    let mut conn = h.redis.clone();
    let rd = tokio::time::timeout(limit, redis::cmd("PING").query_async::<String>(&mut conn)).await;
    if matches!(pg, Ok(Ok(_))) && matches!(rd, Ok(Ok(_))) {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
    }
}
