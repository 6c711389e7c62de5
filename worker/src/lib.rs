//! The aimini background worker as a library; `main.rs` only parses arguments.
//!
//! Consumers run on apalis (Redis). Because apalis-redis 1.0.0 can lose, repeat or stall jobs and can
//! stop on a Redis error while reporting success, the worker treats the queue as a hint: Postgres
//! decides (see [`jobs`]), a reconciler re-pushes requests the queue lost, and if the apalis monitor
//! ever returns without a shutdown signal the process exits non-zero so its supervisor restarts it.

pub mod ctx;
pub mod engines;
pub mod eval_cli;
pub mod jobs;
pub mod ledger;
pub mod local;
pub mod openai;
pub mod reconcile;
pub mod router;
pub mod runner;
pub mod scan;
pub mod try_cli;
pub mod verified;
pub mod wake;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use aimini_models::Config;
use aimini_models::infra::Infra;
use aimini_models::jobs::{
    GenerateGameJob, ModerateContentJob, RenderThumbnailJob, ValidateGameJob,
};
use aimini_models::queue::Queues;
use anyhow::Context as _;
use apalis::prelude::*;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;

use crate::ctx::Ctx;
use crate::jobs::Slots;
use crate::local::LocalEngine;
use crate::router::Engines;

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
    /// `/metrics` is off without it (the same rule as the API's).
    metrics_token: Option<secrecy::SecretString>,
}

pub struct Worker {
    listener: TcpListener,
    health: Health,
    options: RunOptions,
    ctx: Arc<Ctx>,
    name: String,
}

fn install_metrics() -> anyhow::Result<PrometheusHandle> {
    let recorder = PrometheusBuilder::new()
        .set_buckets(&[
            0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
        ])
        .context("metric buckets")?
        .build_recorder();
    let handle = recorder.handle();
    // One recorder per process; when embedded next to another (tests), keep serving what exists.
    if metrics::set_global_recorder(recorder).is_err() {
        tracing::warn!("a metrics recorder was already installed; worker metrics go to it");
    }
    metrics::describe_counter!("jobs_total", "Jobs handled, by queue and outcome");
    metrics::describe_histogram!(
        "job_duration_seconds",
        metrics::Unit::Seconds,
        "Job handling time by queue"
    );
    metrics::describe_gauge!(
        "queue_due_jobs",
        "Jobs waiting in the queue (raw Redis keys)"
    );
    metrics::describe_counter!(
        "reconciler_requeued_total",
        "Requests re-pushed by the reconciler"
    );
    metrics::describe_counter!(
        "games_purged_total",
        "Deleted games whose objects were removed after the retention period"
    );
    metrics::describe_counter!("ai_tokens_total", "AI tokens used, by engine");
    metrics::describe_counter!(
        "generation_gate_total",
        "Generated packages by how they passed the gate: played (with why), or verified (fuzz-tested template code, no replay)"
    );
    metrics::describe_counter!(
        "openai_call_errors_total",
        "Failed OpenAI HTTP attempts, by kind (rate_limited, server, timeout, connect, refused)"
    );
    metrics::describe_counter!(
        "openai_fallbacks_total",
        "Requests routed to OpenAI that the local engine served after all"
    );
    metrics::describe_counter!(
        "openai_breaker_opened_total",
        "Times the OpenAI circuit breaker opened"
    );
    Ok(handle)
}

impl Worker {
    pub async fn build(config: &Config, mut options: RunOptions) -> anyhow::Result<Self> {
        for q in &mut options.queues {
            match aimini_models::jobs::resolve_queue(q) {
                Some(versioned) => *q = versioned.to_owned(),
                None => anyhow::bail!(
                    "unknown queue {q:?}; known queues: {} (the version suffix may be left out)",
                    aimini_models::jobs::ALL_QUEUES.join(", ")
                ),
            }
        }
        let Infra {
            db,
            redis,
            storage,
            templates,
        } = Infra::connect(config).await?;
        tokio::task::spawn_blocking(aimini_models::safety::warm_up);
        // Several seconds of CPU: keep it off the async runtime's threads.
        let model_cfg = config.local_model.clone();
        let local = tokio::task::spawn_blocking(move || LocalEngine::load(&model_cfg, templates))
            .await
            .context("loading the local models")?;
        match local.model_status() {
            Ok(models) => tracing::info!(%models, "local models loaded"),
            Err(why) => {
                tracing::warn!(%why, "local models not loaded; the rule-based filler serves")
            }
        }
        let engines = Engines::new(config, Arc::new(local), &config.prompts_dir)
            .context("building the OpenAI engine (AIMINI_OPENAI_*, AIMINI_PROMPTS_DIR)")?;
        if let Some(o) = &engines.openai {
            tracing::info!(model = o.model(), "OpenAI engine configured");
        }
        let metrics = install_metrics()?;
        let listener = TcpListener::bind(config.worker.health_addr)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {} (AIMINI_WORKER_HEALTH_ADDR)",
                    config.worker.health_addr
                )
            })?;
        let queues = Queues::new(redis.clone(), &config.redis.key_prefix);
        let ctx = Arc::new(Ctx {
            db: db.clone(),
            storage,
            engines: Arc::new(engines),
            redis: redis.clone(),
            queues,
            config: Arc::new(config.clone()),
        });
        // Unique per process: two live processes must never share an apalis worker name.
        let name = format!(
            "{}-{}-{}",
            std::env::var("HOSTNAME").unwrap_or_else(|_| "worker".into()),
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        Ok(Self {
            listener,
            health: Health {
                db,
                redis,
                metrics,
                metrics_token: config.log.metrics_token.clone(),
            },
            options,
            ctx,
            name,
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
            worker = %self.name,
            "aimini-worker ready"
        );
        let app = Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .route("/readyz", get(readyz))
            .route("/metrics", get(get_metrics))
            .with_state(self.health);
        let stopping = Arc::new(AtomicBool::new(false));
        // Flips at the signal itself (not after the drain), so the wake-up listener stops taking
        // new work while apalis finishes what it holds.
        let (signalled_tx, signalled_rx) = tokio::sync::watch::channel(false);
        let signal = {
            let stopping = stopping.clone();
            async move {
                aimini_models::process::shutdown_signal().await;
                stopping.store(true, Ordering::SeqCst);
                let _ = signalled_tx.send(true);
            }
        };
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let http = tokio::spawn({
            let mut rx = stop_rx.clone();
            async move {
                let _ = axum::serve(self.listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = rx.wait_for(|s| *s).await;
                    })
                    .await;
            }
        });

        let serves = |q: &str| self.options.queues.iter().any(|s| s == q);
        let serves_generation = serves(GenerateGameJob::QUEUE);
        let serves_moderation = serves(ModerateContentJob::QUEUE);
        let serves_thumbnails = serves(RenderThumbnailJob::QUEUE);
        let serves_validation = serves(ValidateGameJob::QUEUE);
        let serves_any =
            serves_generation || serves_moderation || serves_thumbnails || serves_validation;
        let reconciler = serves_any
            .then(|| tokio::spawn(reconcile::reconcile_loop(self.ctx.clone(), stop_rx.clone())));

        let concurrency = self.options.concurrency;
        // One budget of CPU-heavy slots (a generation or a validation, each ending in a smoke
        // test) for every delivery path (apalis and wake-ups).
        let slots = Slots(Arc::new(tokio::sync::Semaphore::new(concurrency)));
        let waker = serves_generation.then(|| {
            tokio::spawn(wake::wake_loop(
                self.ctx.clone(),
                slots.0.clone(),
                u32::try_from(concurrency).unwrap_or(u32::MAX),
                signalled_rx.clone(),
            ))
        });

        let result = if serves_any {
            let job_timeout = self.ctx.config.generation.job_timeout;
            let mut monitor = Monitor::new().shutdown_timeout(job_timeout + Duration::from_secs(5));
            let (ctx, name) = (&self.ctx, &self.name);
            if serves_generation {
                monitor =
                    jobs::register::<GenerateGameJob>(monitor, ctx, &slots, name, concurrency);
            }
            if serves_moderation {
                monitor =
                    jobs::register::<ModerateContentJob>(monitor, ctx, &slots, name, concurrency);
            }
            if serves_validation {
                monitor =
                    jobs::register::<ValidateGameJob>(monitor, ctx, &slots, name, concurrency);
            }
            if serves_thumbnails {
                monitor =
                    jobs::register::<RenderThumbnailJob>(monitor, ctx, &slots, name, concurrency);
            }
            monitor
                .run_with_signal(async move {
                    signal.await;
                    Ok(())
                })
                .await
                .map_err(|e| anyhow::anyhow!("queue monitor failed: {e}"))
        } else {
            // No queue to serve (an empty --queues list): only health and metrics, until the signal.
            signal.await;
            Ok(())
        };

        let _ = stop_tx.send(true);
        if let Some(w) = waker {
            let _ = w.await;
        }
        if let Some(r) = reconciler {
            let _ = r.await;
        }
        let _ = http.await;
        result?;
        if !stopping.load(Ordering::SeqCst) {
            // apalis-redis ends its workers on any Redis error and reports success; exit non-zero so
            // the supervisor (compose restart policy, Kubernetes) starts a fresh process.
            anyhow::bail!("the queue consumer stopped without a shutdown signal (Redis error?)");
        }
        tracing::info!("aimini-worker stopped");
        Ok(())
    }
}

async fn get_metrics(
    State(h): State<Health>,
    headers: axum::http::HeaderMap,
) -> (StatusCode, String) {
    use aimini_models::secrets::{MetricsAccess, metrics_access};
    let auth = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match metrics_access(h.metrics_token.as_ref(), auth) {
        MetricsAccess::Off => (
            StatusCode::NOT_FOUND,
            "metrics are off: set AIMINI_METRICS_TOKEN\n".into(),
        ),
        MetricsAccess::Denied => (
            StatusCode::UNAUTHORIZED,
            "missing or wrong metrics token\n".into(),
        ),
        MetricsAccess::Allowed => (StatusCode::OK, h.metrics.render()),
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
