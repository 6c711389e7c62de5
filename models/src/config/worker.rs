//! Sections only the worker acts on: generation leases and timeouts, the local models, routing,
//! quotas, the health port and the headless runner.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::{ConfigError, Source};

#[derive(Debug, Clone, Copy)]
pub struct GenerationConfig {
    /// How long a claimed request is a worker's before another may take it over.
    pub lease: Duration,
    /// Hard limit for one job; past it the job is abandoned and retried.
    pub job_timeout: Duration,
    pub max_attempts: i32,
    /// How often the reconciler looks for lost requests.
    pub reconcile_interval: Duration,
    /// A pending request not picked up for this long is pushed again.
    pub requeue_after: Duration,
    /// Admission control: above this many due jobs, new requests get 503 (apalis-redis wedges near 8k).
    pub max_due_jobs: u64,
    /// How long an API replica may answer a status poll from memory. Postgres tells every replica
    /// of each change at once (LISTEN/NOTIFY), so this only bounds a notification lost in flight;
    /// zero turns the cache off.
    pub status_cache_ttl: Duration,
}

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    pub health_addr: SocketAddr,
}

/// How workers run untrusted game code: each smoke test and thumbnail render is a child process
/// (`aimini-worker sandbox`) with its own memory and time limits.
#[derive(Debug, Clone)]
pub struct RunnerConfig {
    /// The `aimini-worker` binary started for each run. Unset: the running worker itself, or an
    /// `aimini-worker` beside the running executable.
    pub bin: Option<PathBuf>,
    /// Address-space limit of one run's process, in bytes.
    pub memory_bytes: u64,
    /// Runs of one version's validation (or of one live version's thumbnail) that may end without
    /// a verdict (the worker died or the job timed out) before it is failed for good.
    pub max_attempts: i32,
    /// Whether generated template games whose code the parameter fuzz verified skip the smoke
    /// test's replay (the worker's `verified` module has the rule); false plays every package.
    pub verified_templates: bool,
}

/// The local engine: candle models loaded once per worker process.
#[derive(Debug, Clone)]
pub struct LocalModelConfig {
    /// Directory with SmolLM2-135M-Instruct (GGUF) and all-MiniLM-L6-v2 (safetensors,
    /// tokenizer.json, config.json); `scripts/models.sh` fills it.
    pub dir: PathBuf,
    /// `false` skips loading the models: the deterministic rule-based filler serves, and says so.
    pub enabled: bool,
    /// Threads for candle's matrix maths (RAYON_NUM_THREADS); 1 was fastest on 2 busy cores.
    pub threads: usize,
}

/// How `engine: auto` chooses between OpenAI and the local engine.
#[derive(Debug, Clone, Copy)]
pub struct RoutingConfig {
    /// A prompt whose best template has at least this embedding similarity is "simple": local.
    pub local_similarity: f32,
}

#[derive(Debug, Clone, Copy)]
pub struct QuotaConfig {
    pub free_monthly_tokens: i64,
    pub premium_monthly_tokens: i64,
}

impl LocalModelConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
        let local_model = LocalModelConfig {
            dir: PathBuf::from(src.string("AIMINI_MODELS_DIR", &default_models_dir())),
            enabled: src.bool("AIMINI_LOCAL_MODEL", true)?,
            threads: src.parse("AIMINI_MODEL_THREADS", 1usize)?,
        };
        if !(1..=256).contains(&local_model.threads) {
            return Err(ConfigError::new(
                "AIMINI_MODEL_THREADS",
                "must be between 1 and 256",
            ));
        }
        Ok(local_model)
    }
}

impl RoutingConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
        let routing = RoutingConfig {
            local_similarity: src.parse("AIMINI_ROUTE_LOCAL_SIMILARITY", 0.6f32)?,
        };
        if !(0.0..=1.0).contains(&routing.local_similarity) {
            return Err(ConfigError::new(
                "AIMINI_ROUTE_LOCAL_SIMILARITY",
                "must be between 0 and 1",
            ));
        }
        Ok(routing)
    }
}

impl QuotaConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
        let quotas = QuotaConfig {
            free_monthly_tokens: src.parse("AIMINI_QUOTA_FREE_TOKENS", 1_000i64)?,
            premium_monthly_tokens: src.parse("AIMINI_QUOTA_PREMIUM_TOKENS", 10_000i64)?,
        };
        Ok(quotas)
    }
}

impl GenerationConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
        let generation = GenerationConfig {
            lease: src.secs("AIMINI_GENERATION_LEASE_SECS", 120)?,
            job_timeout: src.secs("AIMINI_GENERATION_JOB_TIMEOUT_SECS", 90)?,
            max_attempts: src.parse("AIMINI_GENERATION_MAX_ATTEMPTS", 3i32)?,
            reconcile_interval: src.secs("AIMINI_GENERATION_RECONCILE_SECS", 5)?,
            requeue_after: src.secs("AIMINI_GENERATION_REQUEUE_SECS", 30)?,
            max_due_jobs: src.parse("AIMINI_GENERATION_MAX_DUE_JOBS", 2_000u64)?,
            status_cache_ttl: Duration::from_millis(
                src.parse("AIMINI_GENERATION_STATUS_CACHE_MS", 30_000u64)?,
            ),
        };
        if generation.status_cache_ttl > Duration::from_secs(300) {
            return Err(ConfigError::new(
                "AIMINI_GENERATION_STATUS_CACHE_MS",
                "must be at most 300000 (it bounds how long a lost change notification lingers)",
            ));
        }
        if !(1..=20).contains(&generation.max_attempts) {
            return Err(ConfigError::new(
                "AIMINI_GENERATION_MAX_ATTEMPTS",
                "must be between 1 and 20",
            ));
        }
        if generation.job_timeout >= generation.lease {
            return Err(ConfigError::new(
                "AIMINI_GENERATION_JOB_TIMEOUT_SECS",
                "must be shorter than AIMINI_GENERATION_LEASE_SECS (a job must end before its lease does)",
            ));
        }
        if !(1..=7_000).contains(&generation.max_due_jobs) {
            return Err(ConfigError::new(
                "AIMINI_GENERATION_MAX_DUE_JOBS",
                "must be between 1 and 7000 (the queue backend wedges near 8000 due jobs)",
            ));
        }
        Ok(generation)
    }
}

impl WorkerConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
        let worker = WorkerConfig {
            health_addr: src.parse(
                "AIMINI_WORKER_HEALTH_ADDR",
                SocketAddr::from(([127, 0, 0, 1], 9090)),
            )?,
        };
        Ok(worker)
    }
}

impl RunnerConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
        let runner_mb: u64 = src.parse("AIMINI_RUNNER_MEMORY_MB", 512u64)?;
        if !(128..=65_536).contains(&runner_mb) {
            return Err(ConfigError::new(
                "AIMINI_RUNNER_MEMORY_MB",
                "must be between 128 and 65536 (the runner alone needs about 100 MB)",
            ));
        }
        let runner = RunnerConfig {
            bin: src.opt_string("AIMINI_RUNNER_BIN").map(PathBuf::from),
            memory_bytes: runner_mb << 20,
            max_attempts: src.parse("AIMINI_RUNNER_MAX_ATTEMPTS", 3i32)?,
            verified_templates: src.bool("AIMINI_RUNNER_VERIFIED_TEMPLATES", true)?,
        };
        if !(1..=20).contains(&runner.max_attempts) {
            return Err(ConfigError::new(
                "AIMINI_RUNNER_MAX_ATTEMPTS",
                "must be between 1 and 20",
            ));
        }
        Ok(runner)
    }
}

/// Where `scripts/models.sh` caches the weights: `$XDG_CACHE_HOME/aimini/models`, else
/// `$HOME/.cache/aimini/models`, else `models-cache` in the working directory.
fn default_models_dir() -> String {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
    match base {
        Some(b) => b.join("aimini/models").to_string_lossy().into_owned(),
        None => "models-cache".to_owned(),
    }
}
