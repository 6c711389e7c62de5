//! Typed configuration shared by `aimini-api` and `aimini-worker`.
//!
//! Every key is an environment variable prefixed `AIMINI_` (see `.env.example` for the full list with
//! defaults). `AIMINI_CONFIG_FILE` may name a dotenv-style file whose values apply where the environment
//! is silent. The whole configuration is read and validated once at start; the first problem stops the
//! process with one line that names the key. Secrets are `SecretString`, so `Debug` and logs show
//! `[REDACTED]` instead of their value.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// One bad or missing key, displayed as `invalid configuration: AIMINI_KEY: what is wrong`; the
/// production checks find several at once and list the others in `also`, one line each.
#[derive(Debug)]
pub struct ConfigError {
    pub key: String,
    pub message: String,
    pub also: Vec<ConfigError>,
}

impl ConfigError {
    fn new(key: &str, message: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            message: message.into(),
            also: Vec::new(),
        }
    }

    /// Every key named, this one first.
    pub fn keys(&self) -> Vec<&str> {
        std::iter::once(self.key.as_str())
            .chain(self.also.iter().map(|e| e.key.as_str()))
            .collect()
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid configuration: {}: {}", self.key, self.message)?;
        for e in &self.also {
            write!(f, "\n{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub env: Environment,
    pub http_addr: SocketAddr,
    /// Base URL clients reach the API at; used in links we send out (password reset, OAuth redirect).
    pub public_url: Url,
    pub database: DatabaseConfig,
    pub redis: RedisConfig,
    pub auth: AuthConfig,
    pub storage: StorageConfig,
    pub mail: MailConfig,
    pub rate_limits: RateLimitConfig,
    pub oauth: Vec<OAuthProviderConfig>,
    pub limits: BodyLimits,
    pub log: LogConfig,
    pub openai: Option<OpenAiConfig>,
    pub quotas: QuotaConfig,
    pub local_model: LocalModelConfig,
    pub routing: RoutingConfig,
    pub worker: WorkerConfig,
    pub runner: RunnerConfig,
    pub generation: GenerationConfig,
    pub catalogue: CatalogueConfig,
    pub websocket: WebSocketConfig,
    pub image: ImageConfig,
    /// Prompt material and game templates (`prompts/` of the repo by default).
    pub prompts_dir: PathBuf,
}

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
}

/// The games catalogue: uploads, list caching, asset links, deletion.
#[derive(Debug, Clone)]
pub struct CatalogueConfig {
    /// A package upload (zip or JSON) may be at most this big, compressed and uncompressed alike.
    pub upload_max_bytes: usize,
    /// How long a cached list page may show stale counters (plays, ratings). Zero turns the list
    /// cache off.
    pub list_cache_ttl: Duration,
    /// Lifetime of presigned asset URLs (`GET /games/{id}/assets`).
    pub asset_url_ttl: Duration,
    /// Plays by the same player within this window count once.
    pub play_dedup_window: Duration,
    /// A deleted game's objects stay in storage this long (undo, disputes), then are purged.
    pub deleted_retention: Duration,
}

#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    pub url: SecretString,
    pub max_connections: u32,
    pub acquire_timeout: Duration,
    pub migrate_on_start: bool,
}

#[derive(Debug, Clone)]
pub struct RedisConfig {
    pub url: SecretString,
    /// Prepended to every key aimini writes, so several deployments (or tests) share one Redis.
    pub key_prefix: String,
}

#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub jwt_secret: SecretString,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub reset_token_ttl: Duration,
    /// How long an e-mail verification link works.
    pub verify_token_ttl: Duration,
    /// How long an API replica may reuse a verified token's user (role, status, session version)
    /// without asking Postgres and Redis again. Changes are pushed to every replica at once over
    /// Redis pub/sub; this bounds staleness only when such a message is lost. Zero disables it.
    pub auth_cache_ttl: Duration,
}

#[derive(Debug, Clone)]
pub enum StorageBackend {
    /// Files under a directory: the embedded default, no server needed.
    Local {
        dir: PathBuf,
    },
    S3(S3Config),
}

#[derive(Debug, Clone)]
pub struct S3Config {
    /// `None` means AWS itself (endpoint resolved from the region).
    pub endpoint: Option<Url>,
    pub region: String,
    pub bucket: String,
    /// Static credentials; when absent the AWS default chain (env, profile, IMDS, ...) is used.
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<SecretString>,
    pub force_path_style: bool,
    pub create_bucket: bool,
}

#[derive(Debug, Clone)]
pub struct StorageConfig {
    pub backend: StorageBackend,
    /// CDN or public bucket base URL; objects are then linked as `{base}/{key}` instead of through the API.
    pub public_base_url: Option<Url>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Implicit TLS (usually port 465).
    Tls,
    /// STARTTLS upgrade, required (usually port 587).
    StartTls,
    /// Plain text: only for a local relay or a test server.
    None,
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    pub tls: SmtpTls,
}

#[derive(Debug, Clone)]
pub struct MailConfig {
    pub from: String,
    /// When unset, mail goes to the outbox directory (one JSON file per message) instead.
    pub smtp: Option<SmtpConfig>,
    pub outbox_dir: PathBuf,
}

/// `N` requests per `period`, written `N/second|minute|hour` or `N/<secs>s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub limit: u32,
    pub period: Duration,
}

impl FromStr for Rate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (n, unit) = s
            .split_once('/')
            .ok_or_else(|| format!("expected N/period (e.g. 100/minute), got {s:?}"))?;
        let limit: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("{n:?} is not a positive integer"))?;
        if limit == 0 {
            return Err("the limit must be at least 1".into());
        }
        let unit = unit.trim();
        let period = match unit {
            "second" | "sec" | "s" => Duration::from_secs(1),
            "minute" | "min" | "m" => Duration::from_secs(60),
            "hour" | "h" => Duration::from_secs(3600),
            other => {
                let secs = other
                    .strip_suffix('s')
                    .and_then(|v| v.parse::<u64>().ok())
                    .filter(|v| *v > 0)
                    .ok_or_else(|| {
                        format!("unknown period {other:?} (second, minute, hour or Ns)")
                    })?;
                Duration::from_secs(secs)
            }
        };
        Ok(Self { limit, period })
    }
}

#[derive(Debug, Clone)]
pub struct RateLimitConfig {
    pub api_calls: Rate,
    pub auth: Rate,
    pub ai_generation: Rate,
    pub game_upload: Rate,
    /// Score submissions per player per game.
    pub scores: Rate,
    /// Anonymous plays one client address may send per game, repeats included (each needs a play
    /// session from the player page; this caps how many a script minting sessions can count).
    pub anonymous_plays: Rate,
    /// Account mails (verification, password reset) one client address may cause.
    pub mail: Rate,
    /// Account mails one e-mail address may receive; past it requests are answered as usual and send
    /// nothing.
    pub mail_recipient: Rate,
    /// Keep serving when Redis (which holds the counters) is unreachable.
    pub fail_open: bool,
    /// Peers whose `X-Forwarded-For` names the client (see `security::TrustedProxies`).
    pub trusted_proxies: TrustedProxies,
    /// The per-account failed-login throttle.
    pub login: LoginThrottleConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthFlavor {
    /// GitHub's REST API: `GET /user` plus `GET /user/emails` for verified addresses.
    Github,
    /// OpenID Connect userinfo: `sub`, `email`, `email_verified`, `name`, `picture`.
    Oidc,
}

#[derive(Debug, Clone)]
pub struct OAuthProviderConfig {
    pub name: String,
    pub flavor: OAuthFlavor,
    pub client_id: String,
    pub client_secret: SecretString,
    pub auth_url: Url,
    pub token_url: Url,
    pub userinfo_url: Url,
    /// GitHub only: where verified e-mail addresses are listed.
    pub emails_url: Option<Url>,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    pub json_max_bytes: usize,
    pub avatar_max_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct LogConfig {
    pub format: LogFormat,
    pub filter: String,
    /// What Prometheus must send to `/metrics` (both binaries); without it `/metrics` is off
    /// (`secrets::metrics_access`).
    pub metrics_token: Option<SecretString>,
}

#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    pub api_key: SecretString,
    pub base_url: Url,
    pub model: String,
    /// One HTTP call to the provider, including a slow response body.
    pub request_timeout: Duration,
    /// Retries of a transient error (429, 5xx, timeout) before the job falls back to local.
    pub max_retries: u32,
    pub max_output_tokens: u32,
    /// Send prompts and game text to the provider's moderation endpoint as well.
    pub moderation: bool,
    pub moderation_model: String,
    /// Consecutive failures that open the circuit breaker ...
    pub breaker_failures: u32,
    /// ... and how long it stays open before one trial call.
    pub breaker_cooldown: Duration,
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
}

const DEV_JWT_NOTE: &str = "set AIMINI_JWT_SECRET to at least 32 random characters";

impl Config {
    /// Reads and validates the process configuration.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_source(&Source::from_env()?)
    }

    pub fn from_source(src: &Source) -> Result<Self, ConfigError> {
        let env = match src.string("AIMINI_ENV", "development").as_str() {
            "development" | "dev" => Environment::Development,
            "production" | "prod" => Environment::Production,
            other => {
                return Err(ConfigError::new(
                    "AIMINI_ENV",
                    format!("expected development or production, got {other:?}"),
                ));
            }
        };

        let http_addr = src.parse("AIMINI_HTTP_ADDR", SocketAddr::from(([127, 0, 0, 1], 8080)))?;
        let public_url = src.required_url(
            "AIMINI_PUBLIC_URL",
            &format!("http://localhost:{}", http_addr.port()),
        )?;

        let database = DatabaseConfig {
            url: SecretString::from(src.string(
                "AIMINI_DATABASE_URL",
                "postgres://postgres@127.0.0.1:5432/aimini",
            )),
            max_connections: src.parse("AIMINI_DATABASE_MAX_CONNECTIONS", 20u32)?,
            acquire_timeout: src.secs("AIMINI_DATABASE_ACQUIRE_TIMEOUT_SECS", 5)?,
            migrate_on_start: src.bool("AIMINI_MIGRATE_ON_START", false)?,
        };
        if database.max_connections == 0 {
            return Err(ConfigError::new(
                "AIMINI_DATABASE_MAX_CONNECTIONS",
                "must be at least 1",
            ));
        }
        if !database.url.expose_secret().starts_with("postgres") {
            return Err(ConfigError::new(
                "AIMINI_DATABASE_URL",
                "must be a postgres:// or postgresql:// URL",
            ));
        }

        let redis = RedisConfig {
            url: SecretString::from(src.string("AIMINI_REDIS_URL", "redis://127.0.0.1:6379")),
            key_prefix: src.string("AIMINI_REDIS_PREFIX", "aimini:"),
        };
        if !redis.url.expose_secret().starts_with("redis") {
            return Err(ConfigError::new(
                "AIMINI_REDIS_URL",
                "must be a redis:// or rediss:// URL",
            ));
        }

        let jwt_secret = match src.secret("AIMINI_JWT_SECRET") {
            Some(s) if s.expose_secret().len() >= 32 => s,
            Some(_) => {
                return Err(ConfigError::new(
                    "AIMINI_JWT_SECRET",
                    "must be at least 32 characters",
                ));
            }
            None if env == Environment::Production => {
                return Err(ConfigError::new(
                    "AIMINI_JWT_SECRET",
                    format!("is required in production: {DEV_JWT_NOTE}"),
                ));
            }
            // Development: a per-process random key. Tokens die with the process, which is fine for a
            // laptop and impossible to leave on by accident in production (checked above).
            None => SecretString::from(crate::tokens::random_token()),
        };
        let auth = AuthConfig {
            jwt_secret,
            jwt_issuer: src.string("AIMINI_JWT_ISSUER", "aimini"),
            jwt_audience: src.string("AIMINI_JWT_AUDIENCE", "aimini-api"),
            access_token_ttl: src.secs("AIMINI_ACCESS_TOKEN_TTL_SECS", 15 * 60)?,
            refresh_token_ttl: src.secs("AIMINI_REFRESH_TOKEN_TTL_SECS", 30 * 24 * 3600)?,
            reset_token_ttl: src.secs("AIMINI_RESET_TOKEN_TTL_SECS", 30 * 60)?,
            verify_token_ttl: src.secs("AIMINI_VERIFY_TOKEN_TTL_SECS", 48 * 3600)?,
            auth_cache_ttl: Duration::from_millis(src.parse("AIMINI_AUTH_CACHE_MS", 2_000u64)?),
        };
        if auth.auth_cache_ttl > Duration::from_secs(60) {
            return Err(ConfigError::new(
                "AIMINI_AUTH_CACHE_MS",
                "must be at most 60000 (it bounds how long a revoked session may linger)",
            ));
        }

        let backend = match src.string("AIMINI_STORAGE_BACKEND", "local").as_str() {
            "local" => StorageBackend::Local {
                dir: PathBuf::from(src.string("AIMINI_STORAGE_LOCAL_DIR", ".local/storage")),
            },
            "s3" => {
                let access_key_id = src.opt_string("AIMINI_S3_ACCESS_KEY_ID");
                let secret_access_key = src.secret("AIMINI_S3_SECRET_ACCESS_KEY");
                if access_key_id.is_some() != secret_access_key.is_some() {
                    return Err(ConfigError::new(
                        "AIMINI_S3_SECRET_ACCESS_KEY",
                        "set both AIMINI_S3_ACCESS_KEY_ID and AIMINI_S3_SECRET_ACCESS_KEY, or neither",
                    ));
                }
                let bucket = src.string("AIMINI_S3_BUCKET", "aimini");
                if !(3..=63).contains(&bucket.len())
                    || !bucket.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                    })
                {
                    return Err(ConfigError::new(
                        "AIMINI_S3_BUCKET",
                        "must be 3-63 characters of lowercase letters, digits, '-' and '.'",
                    ));
                }
                StorageBackend::S3(S3Config {
                    endpoint: src.url("AIMINI_S3_ENDPOINT", None)?,
                    region: src.string("AIMINI_S3_REGION", "us-east-1"),
                    bucket,
                    access_key_id,
                    secret_access_key,
                    force_path_style: src.bool("AIMINI_S3_FORCE_PATH_STYLE", true)?,
                    create_bucket: src.bool("AIMINI_S3_CREATE_BUCKET", true)?,
                })
            }
            other => {
                return Err(ConfigError::new(
                    "AIMINI_STORAGE_BACKEND",
                    format!("expected local or s3, got {other:?}"),
                ));
            }
        };
        let storage = StorageConfig {
            backend,
            public_base_url: src.url("AIMINI_STORAGE_PUBLIC_BASE_URL", None)?,
        };

        let smtp = match src.opt_string("AIMINI_SMTP_HOST") {
            None => None,
            Some(host) => {
                let tls = match src.string("AIMINI_SMTP_TLS", "starttls").as_str() {
                    "tls" => SmtpTls::Tls,
                    "starttls" => SmtpTls::StartTls,
                    "none" => SmtpTls::None,
                    other => {
                        return Err(ConfigError::new(
                            "AIMINI_SMTP_TLS",
                            format!("expected tls, starttls or none, got {other:?}"),
                        ));
                    }
                };
                let default_port = match tls {
                    SmtpTls::Tls => 465,
                    SmtpTls::StartTls => 587,
                    SmtpTls::None => 25,
                };
                Some(SmtpConfig {
                    host,
                    port: src.parse("AIMINI_SMTP_PORT", default_port)?,
                    username: src.opt_string("AIMINI_SMTP_USERNAME"),
                    password: src.secret("AIMINI_SMTP_PASSWORD"),
                    tls,
                })
            }
        };
        let from = src.string("AIMINI_MAIL_FROM", "aimini <no-reply@localhost>");
        if !from.contains('@') {
            return Err(ConfigError::new(
                "AIMINI_MAIL_FROM",
                "must contain an e-mail address",
            ));
        }
        let mail = MailConfig {
            from,
            smtp,
            outbox_dir: PathBuf::from(src.string("AIMINI_MAIL_OUTBOX_DIR", ".local/outbox")),
        };

        let rate = |key: &str, default: &str| -> Result<Rate, ConfigError> {
            src.string(key, default)
                .parse()
                .map_err(|e: String| ConfigError::new(key, e))
        };
        let rate_limits = RateLimitConfig {
            api_calls: rate("AIMINI_RATE_LIMIT_API_CALLS", "100/minute")?,
            auth: rate("AIMINI_RATE_LIMIT_AUTH", "20/minute")?,
            ai_generation: rate("AIMINI_RATE_LIMIT_AI_GENERATION", "5/minute")?,
            game_upload: rate("AIMINI_RATE_LIMIT_GAME_UPLOAD", "10/minute")?,
            scores: rate("AIMINI_RATE_LIMIT_SCORES", "30/minute")?,
            anonymous_plays: rate("AIMINI_RATE_LIMIT_ANONYMOUS_PLAYS", "30/hour")?,
            mail: rate("AIMINI_RATE_LIMIT_MAIL", "20/hour")?,
            mail_recipient: rate("AIMINI_RATE_LIMIT_MAIL_RECIPIENT", "5/hour")?,
            // Fail-closed in production (its checks refuse `true`), fail-open on a laptop.
            fail_open: src.bool(
                "AIMINI_RATE_LIMIT_FAIL_OPEN",
                env == Environment::Development,
            )?,
            trusted_proxies: security::trusted_proxies(src)?,
            login: security::login_throttle(src)?,
        };

        let oauth = oauth_providers(src)?;

        let limits = BodyLimits {
            json_max_bytes: src.parse("AIMINI_JSON_MAX_BYTES", 1024 * 1024usize)?,
            avatar_max_bytes: src.parse("AIMINI_AVATAR_MAX_BYTES", 5 * 1024 * 1024usize)?,
        };

        let log = LogConfig {
            format: match src.string("AIMINI_LOG_FORMAT", "text").as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                other => {
                    return Err(ConfigError::new(
                        "AIMINI_LOG_FORMAT",
                        format!("expected text or json, got {other:?}"),
                    ));
                }
            },
            filter: src.string("AIMINI_LOG", "info"),
            metrics_token: src.secret("AIMINI_METRICS_TOKEN"),
        };

        let openai = match src.secret("AIMINI_OPENAI_API_KEY") {
            None => None,
            Some(api_key) => Some(OpenAiConfig {
                api_key,
                base_url: src
                    .required_url("AIMINI_OPENAI_BASE_URL", "https://api.openai.com/v1")?,
                model: src.string("AIMINI_OPENAI_MODEL", "gpt-4o-mini"),
                request_timeout: src.secs("AIMINI_OPENAI_TIMEOUT_SECS", 60)?,
                max_retries: src.parse("AIMINI_OPENAI_MAX_RETRIES", 2u32)?,
                max_output_tokens: src.parse("AIMINI_OPENAI_MAX_OUTPUT_TOKENS", 6_000u32)?,
                moderation: src.bool("AIMINI_OPENAI_MODERATION", true)?,
                moderation_model: src
                    .string("AIMINI_OPENAI_MODERATION_MODEL", "omni-moderation-latest"),
                breaker_failures: src.parse("AIMINI_OPENAI_BREAKER_FAILURES", 5u32)?,
                breaker_cooldown: src.secs("AIMINI_OPENAI_BREAKER_COOLDOWN_SECS", 30)?,
            }),
        };
        if let Some(o) = &openai {
            if o.max_retries > 10 {
                return Err(ConfigError::new(
                    "AIMINI_OPENAI_MAX_RETRIES",
                    "must be at most 10",
                ));
            }
            if o.breaker_failures == 0 {
                return Err(ConfigError::new(
                    "AIMINI_OPENAI_BREAKER_FAILURES",
                    "must be at least 1",
                ));
            }
        }

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
        let routing = RoutingConfig {
            local_similarity: src.parse("AIMINI_ROUTE_LOCAL_SIMILARITY", 0.6f32)?,
        };
        if !(0.0..=1.0).contains(&routing.local_similarity) {
            return Err(ConfigError::new(
                "AIMINI_ROUTE_LOCAL_SIMILARITY",
                "must be between 0 and 1",
            ));
        }

        let quotas = QuotaConfig {
            free_monthly_tokens: src.parse("AIMINI_QUOTA_FREE_TOKENS", 1_000i64)?,
            premium_monthly_tokens: src.parse("AIMINI_QUOTA_PREMIUM_TOKENS", 10_000i64)?,
        };

        let generation = GenerationConfig {
            lease: src.secs("AIMINI_GENERATION_LEASE_SECS", 120)?,
            job_timeout: src.secs("AIMINI_GENERATION_JOB_TIMEOUT_SECS", 90)?,
            max_attempts: src.parse("AIMINI_GENERATION_MAX_ATTEMPTS", 3i32)?,
            reconcile_interval: src.secs("AIMINI_GENERATION_RECONCILE_SECS", 5)?,
            requeue_after: src.secs("AIMINI_GENERATION_REQUEUE_SECS", 30)?,
            max_due_jobs: src.parse("AIMINI_GENERATION_MAX_DUE_JOBS", 2_000u64)?,
        };
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
        let prompts_dir = PathBuf::from(src.string("AIMINI_PROMPTS_DIR", "prompts"));

        let worker = WorkerConfig {
            health_addr: src.parse(
                "AIMINI_WORKER_HEALTH_ADDR",
                SocketAddr::from(([127, 0, 0, 1], 9090)),
            )?,
        };

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
        };
        if !(1..=20).contains(&runner.max_attempts) {
            return Err(ConfigError::new(
                "AIMINI_RUNNER_MAX_ATTEMPTS",
                "must be between 1 and 20",
            ));
        }

        let catalogue = CatalogueConfig {
            upload_max_bytes: src.parse("AIMINI_UPLOAD_MAX_BYTES", 10 * 1024 * 1024usize)?,
            // Zero is allowed here: it turns the list cache off.
            list_cache_ttl: Duration::from_secs(src.parse("AIMINI_LIST_CACHE_TTL_SECS", 10u64)?),
            asset_url_ttl: src.secs("AIMINI_ASSET_URL_TTL_SECS", 900)?,
            play_dedup_window: src.secs("AIMINI_PLAY_DEDUP_WINDOW_SECS", 1800)?,
            deleted_retention: src.secs("AIMINI_DELETED_GAME_RETENTION_SECS", 30 * 24 * 3600)?,
        };
        if catalogue.asset_url_ttl.is_zero()
            || catalogue.asset_url_ttl > Duration::from_secs(7 * 24 * 3600)
        {
            return Err(ConfigError::new(
                "AIMINI_ASSET_URL_TTL_SECS",
                "must be between 1 second and 7 days (the S3 presigning limit)",
            ));
        }

        let config = Self {
            env,
            http_addr,
            public_url,
            database,
            redis,
            auth,
            storage,
            mail,
            rate_limits,
            oauth,
            limits,
            log,
            openai,
            quotas,
            local_model,
            routing,
            worker,
            runner,
            generation,
            catalogue,
            websocket: resources::websocket(src)?,
            image: resources::image(src)?,
            prompts_dir,
        };
        if env == Environment::Production {
            let mut problems = production::problems(&config).into_iter();
            if let Some(mut first) = problems.next() {
                first.also = problems.collect();
                return Err(first);
            }
        }
        Ok(config)
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

mod oauth;
pub mod production;
mod resources;
mod security;
mod source;
#[cfg(test)]
mod tests;

use oauth::oauth_providers;
pub use resources::{ImageConfig, WebSocketConfig};
pub use security::{LoginThrottleConfig, TrustedProxies};
pub use source::Source;
