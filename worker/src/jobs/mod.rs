//! One shape for every background job.
//!
//! A job is a payload from [`aimini_models::jobs`] (ids only; Postgres holds the truth) plus a
//! [`Job`] impl here: its versioned queue, whether it is CPU-heavy, and its handler. [`register`]
//! is the one place that turns a job into an apalis consumer, and [`run`] the one place that
//! times, bounds and counts a run, whichever path delivered it (apalis or a wake-up). Handlers
//! never return errors to apalis: its own retries ignore our limits, a job's state lives in
//! Postgres, and the reconciler or the lease brings back whatever did not finish.

pub mod generate;
pub mod moderate;
pub mod thumbnail;
pub mod validate;

use std::sync::Arc;
use std::time::Instant;

use aimini_models::queue::apalis_config;
use apalis::prelude::*;
use apalis_redis::RedisStorage;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::ctx::Ctx;

pub trait Job: Serialize + DeserializeOwned + Send + Sync + Unpin + 'static {
    /// The versioned queue (`generation.v1`); a payload change old workers cannot read gets a new one.
    const QUEUE: &'static str;
    /// Names this queue's apalis workers (`{process}-{SHORT}-{run}`).
    const SHORT: &'static str;
    /// A heavy run (a generation or a validation, each ending in a smoke test) takes one of the
    /// process's `--concurrency` slots, shared by every heavy queue and the wake-up path.
    const HEAVY: bool = false;
    /// Metric labels a run from the queue carries besides `queue` and `outcome`.
    const LABELS: &'static [(&'static str, &'static str)] = &[];

    /// How many runs of this job one process takes at once, given `--concurrency`.
    fn concurrency(configured: usize) -> usize {
        configured
    }

    /// The id logs and metrics name the run by.
    fn id(&self) -> Uuid;

    /// Handles one delivery (at least once, maybe twice); `Ok` carries the outcome's metric label
    /// (`duplicate` when another delivery got there first).
    fn handle(self, ctx: &Ctx) -> impl Future<Output = anyhow::Result<&'static str>> + Send;
}

/// The process's heavy slots (see [`Job::HEAVY`]).
#[derive(Clone)]
pub struct Slots(pub Arc<Semaphore>);

/// Runs one delivery under the job timeout and counts it by queue and outcome (plus `extra`
/// labels), timing every outcome but a duplicate delivery. Errors and timeouts are logged, never
/// returned.
pub async fn run<J: Job>(ctx: &Ctx, job: J, extra: &[(&'static str, &'static str)]) {
    let id = job.id();
    let started = Instant::now();
    // Boxed: the handlers' futures are large (a whole generation or smoke test).
    let handled = Box::pin(job.handle(ctx));
    let outcome = match tokio::time::timeout(ctx.config.generation.job_timeout, handled).await {
        Ok(Ok(label)) => label,
        Ok(Err(e)) => {
            tracing::error!(queue = J::QUEUE, %id, error = ?e, "job errored");
            "error"
        }
        Err(_) => {
            tracing::error!(queue = J::QUEUE, %id, "job timed out");
            "timeout"
        }
    };
    let mut labels = vec![
        metrics::Label::new("queue", J::QUEUE),
        metrics::Label::new("outcome", outcome),
    ];
    labels.extend(extra.iter().map(|(k, v)| metrics::Label::new(*k, *v)));
    metrics::counter!("jobs_total", labels).increment(1);
    if outcome != "duplicate" {
        metrics::histogram!("job_duration_seconds", "queue" => J::QUEUE)
            .record(started.elapsed().as_secs_f64());
    }
}

/// The apalis handler of every queue.
async fn consume<J: Job>(
    job: J,
    ctx: Data<Arc<Ctx>>,
    slots: Data<Slots>,
) -> Result<(), BoxDynError> {
    // The semaphore is never closed, so this only waits for a free slot.
    let _slot = if J::HEAVY {
        slots.0.0.clone().acquire_owned().await.ok()
    } else {
        None
    };
    run(&ctx, job, J::LABELS).await;
    // Always acknowledge: apalis' own retries ignore limits (25 attempts); ours live in Postgres.
    Ok(())
}

/// Adds a consumer of `J`'s queue to `monitor`, taking up to `J::concurrency(concurrency)` jobs
/// at once.
pub fn register<J: Job>(
    monitor: Monitor,
    ctx: &Arc<Ctx>,
    slots: &Slots,
    process: &str,
    concurrency: usize,
) -> Monitor {
    let (ctx, slots) = (ctx.clone(), slots.clone());
    let name = format!("{process}-{}", J::SHORT);
    let at_once = J::concurrency(concurrency);
    monitor.register(move |run| {
        let prefix = &ctx.config.redis.key_prefix;
        let storage = RedisStorage::<J>::new(ctx.redis.clone()).with_config(apalis_config(
            prefix,
            J::QUEUE,
            at_once,
        ));
        WorkerBuilder::new(format!("{name}-{run}"))
            .backend(storage)
            .concurrency(at_once)
            .data(ctx.clone())
            .data(slots.clone())
            .build(consume::<J>)
    })
}
