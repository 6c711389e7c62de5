//! Job queues: apalis on Redis, used only as a delivery mechanism.
//!
//! apalis-redis 1.0.0 has reproduced defects (see `docs/apalis-redis.md`); this module and
//! its callers keep them harmless:
//! - Postgres holds each request's state and attempts; a job carries the request id only.
//! - Jobs are pushed after the request's transaction commits. Task id = request id on the first push;
//!   the reconciler re-pushes lost ones under a fresh id (the idempotency key set would drop them).
//! - The due depth (`{q}:active` + `{q}:scheduled`) is read from the raw keys and kept far below the
//!   ~8k wedge by admission control in the API ([`Queues::generation_depth`]).
//! - Every queue name carries the deployment's Redis prefix, so deployments and tests do not mix.

use std::time::Duration;

use apalis::prelude::{TaskBuilder, TaskId, TaskSink};
use apalis_core::backend::finalize::Durable;
use apalis_redis::{Config as ApalisConfig, RedisStorage};
use redis::aio::ConnectionManager;
use uuid::Uuid;

use crate::jobs::{GenerateGameJob, ModerateContentJob, RenderThumbnailJob, ValidateGameJob};

/// Above this many due generation jobs the API answers 503 instead of queueing more (the backend
/// wedges around 8,000).
pub const DEFAULT_MAX_DUE: u64 = 2_000;

#[derive(Debug, Clone, thiserror::Error)]
#[error("queue error: {0}")]
pub struct QueueError(String);

impl QueueError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// The apalis configuration every producer and consumer of `queue` must share.
pub fn apalis_config(prefix: &str, queue: &str, batch_size: usize) -> ApalisConfig {
    ApalisConfig::default()
        .queue(format!("{prefix}{queue}"))
        // <= concurrency: prefetching more would strand jobs behind a busy worker.
        .batch_size(batch_size.max(1))
        // Short heartbeats keep idle workers polling (defect 2) and recover orphans in seconds.
        .heartbeat_interval(Duration::from_secs(1))
        .missed_heartbeats(20)
        // Results live in Postgres; don't grow Redis with them (defect 8).
        .persist_results(false)
        .emit_events(false)
        .idempotency_ttl(Some(Duration::from_secs(3600)))
}

/// Wake-ups kept for workers at most; older ones are dropped (apalis still delivers those jobs).
const WAKE_LIST_CAP: isize = 10_000;

/// The Redis list idle workers block on for new generation requests (see [`Queues::enqueue_generation`]).
pub fn generation_wake_key(prefix: &str) -> String {
    format!("{prefix}{}:wake", GenerateGameJob::QUEUE)
}

#[derive(Clone)]
pub struct Queues {
    conn: ConnectionManager,
    wake_key: String,
    generation: RedisStorage<GenerateGameJob>,
    generation_cfg: ApalisConfig,
    moderation: RedisStorage<ModerateContentJob>,
    thumbnail: RedisStorage<RenderThumbnailJob>,
    validation: RedisStorage<ValidateGameJob>,
}

/// Raw-key view of one queue (apalis' own inspection APIs are broken on Redis, defect 10).
#[derive(Debug, Clone, Default, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueDepth {
    /// Ready or scheduled, not yet fetched.
    pub due: u64,
    /// Fetched by a worker and not finished.
    pub in_flight: u64,
    pub dead: u64,
    pub workers: u64,
}

impl Queues {
    pub fn new(conn: ConnectionManager, prefix: &str) -> Self {
        let generation_cfg = apalis_config(prefix, GenerateGameJob::QUEUE, 1);
        let generation = RedisStorage::new(conn.clone()).with_config(generation_cfg.clone());
        let moderation = RedisStorage::new(conn.clone()).with_config(apalis_config(
            prefix,
            ModerateContentJob::QUEUE,
            1,
        ));
        let thumbnail = RedisStorage::new(conn.clone()).with_config(apalis_config(
            prefix,
            RenderThumbnailJob::QUEUE,
            1,
        ));
        let validation = RedisStorage::new(conn.clone()).with_config(apalis_config(
            prefix,
            ValidateGameJob::QUEUE,
            1,
        ));
        Self {
            thumbnail,
            validation,
            wake_key: generation_wake_key(prefix),
            conn,
            generation,
            generation_cfg,
            moderation,
        }
    }

    /// Pushes moderation jobs (a fresh task id each time: the job is idempotent in Postgres).
    pub async fn enqueue_moderation(&self, ids: &[Uuid]) -> Result<(), QueueError> {
        let jobs = ids
            .iter()
            .map(|id| (fresh_task_id(id), ModerateContentJob { moderation_id: *id }));
        push(self.moderation.clone(), jobs).await
    }

    /// Pushes thumbnail renders (fresh task ids: a render is idempotent, a re-render must run).
    pub async fn enqueue_thumbnail(&self, game_ids: &[Uuid]) -> Result<(), QueueError> {
        let jobs = game_ids
            .iter()
            .map(|id| (fresh_task_id(id), RenderThumbnailJob { game_id: *id }));
        push(self.thumbnail.clone(), jobs).await
    }

    /// Pushes validations of new versions (fresh task ids: the job is idempotent in Postgres, where
    /// only a version still `validating` is worked on).
    pub async fn enqueue_validation(&self, versions: &[(Uuid, i32)]) -> Result<(), QueueError> {
        let jobs = versions.iter().map(|(game_id, version)| {
            (
                fresh_task_id(game_id),
                ValidateGameJob {
                    game_id: *game_id,
                    version: *version,
                },
            )
        });
        push(self.validation.clone(), jobs).await
    }

    /// Pushes generation jobs. `first` = true uses the request id as the task id; re-pushes need a
    /// fresh one, or the backend's idempotency set would drop them.
    ///
    /// Each id also goes on a capped wake-up list that idle workers block on (BLPOP): apalis-redis
    /// workers only notice new jobs on their next poll (hundreds of ms, defect 2), a blocked pop
    /// notices at once. The list is a hint, never the delivery: the apalis job stays the durable
    /// copy, and whichever of the two claims the request first does the work (the claim is one
    /// UPDATE), the other becomes a no-op.
    pub async fn enqueue_generation(&self, ids: &[Uuid], first: bool) -> Result<(), QueueError> {
        let jobs = ids.iter().map(|id| {
            let task_id = if first {
                id.to_string()
            } else {
                fresh_task_id(id)
            };
            (task_id, GenerateGameJob { request_id: *id })
        });
        push(self.generation.clone(), jobs).await?;
        let wake: Vec<String> = ids.iter().map(Uuid::to_string).collect();
        let result: Result<(), redis::RedisError> = redis::pipe()
            .rpush(&self.wake_key, &wake)
            .ignore()
            // Oldest first out (BLPOP); past the cap the oldest hints go.
            .ltrim(&self.wake_key, -WAKE_LIST_CAP, -1)
            .ignore()
            .query_async(&mut self.conn.clone())
            .await;
        if let Err(e) = result {
            // Only latency is lost: the job itself is queued.
            tracing::debug!(error = %e, "generation wake-up not sent");
        }
        Ok(())
    }

    pub async fn generation_depth(&self) -> Result<QueueDepth, QueueError> {
        depth(&mut self.conn.clone(), &self.generation_cfg).await
    }
}

fn fresh_task_id(id: &Uuid) -> String {
    format!("{id}:{}", Uuid::new_v4().simple())
}

/// Pushes every job in one `batch_push` script call: the storage's sink buffers what `send_all`
/// hands it while the stream has items ready and flushes them together, so a reconciler sweep or a
/// group of submissions costs one Redis round trip, not one per job.
async fn push<J>(
    mut storage: RedisStorage<J>,
    jobs: impl Iterator<Item = (String, J)>,
) -> Result<(), QueueError>
where
    RedisStorage<J>: TaskSink<J, Durable>,
    J: Send,
{
    let tasks: Vec<_> = jobs
        .map(|(task_id, job)| {
            TaskBuilder::new(job)
                .task_id(TaskId::from_string(task_id.clone()))
                .idempotency_key(&task_id)
                .build()
        })
        .collect();
    if tasks.is_empty() {
        return Ok(());
    }
    storage
        .push_all(futures::stream::iter(tasks))
        .await
        .map_err(|e| QueueError(e.to_string()))
}

pub async fn depth(
    conn: &mut ConnectionManager,
    cfg: &ApalisConfig,
) -> Result<QueueDepth, QueueError> {
    let err = |e: redis::RedisError| QueueError(e.to_string());
    let (active, scheduled, dead, workers): (u64, u64, u64, Vec<String>) = redis::pipe()
        .llen(cfg.active_jobs_list())
        .zcard(cfg.scheduled_jobs_set())
        .scard(cfg.dead_jobs_set())
        .zrange(cfg.workers_set(), 0, -1)
        .query_async(conn)
        .await
        .map_err(err)?;
    let mut in_flight = 0;
    for w in &workers {
        let n: u64 = redis::cmd("SCARD")
            .arg(w)
            .query_async(conn)
            .await
            .map_err(err)?;
        in_flight += n;
    }
    Ok(QueueDepth {
        due: active + scheduled,
        in_flight,
        dead,
        workers: workers.len() as u64,
    })
}
