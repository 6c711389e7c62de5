//! Typed configuration shared by `aimini-api` and `aimini-worker`.
//!
//! Every key is an environment variable prefixed `AIMINI_` (see `.env.example` for the full list with
//! defaults). `AIMINI_CONFIG_FILE` may name a dotenv-style file whose values apply where the environment
//! is silent. The whole configuration is read and validated once at start; the first problem stops the
//! process with one line that names the key. Secrets are `SecretString`, so `Debug` and logs show
//! `[REDACTED]` instead of their value.

use std::net::SocketAddr;
use std::path::PathBuf;

use secrecy::SecretString;
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

        let database = DatabaseConfig::parse(src)?;
        let redis = RedisConfig::parse(src)?;
        let auth = AuthConfig::parse(src, env)?;
        let storage = StorageConfig::parse(src)?;
        let mail = MailConfig::parse(src)?;
        let rate_limits = RateLimitConfig::parse(src, env)?;
        let oauth = oauth_providers(src)?;

        let limits = BodyLimits::parse(src)?;
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

        let openai = OpenAiConfig::parse(src)?;
        let local_model = LocalModelConfig::parse(src)?;
        let routing = RoutingConfig::parse(src)?;
        let quotas = QuotaConfig::parse(src)?;
        let generation = GenerationConfig::parse(src)?;
        let prompts_dir = PathBuf::from(src.string("AIMINI_PROMPTS_DIR", "prompts"));

        let worker = WorkerConfig::parse(src)?;
        let runner = RunnerConfig::parse(src)?;
        let catalogue = CatalogueConfig::parse(src)?;

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

mod api;
mod oauth;
mod openai;
pub mod production;
mod resources;
mod security;
mod services;
mod source;
#[cfg(test)]
mod tests;
mod worker;

pub use api::{
    AuthConfig, BodyLimits, CatalogueConfig, OAuthFlavor, OAuthProviderConfig, Rate,
    RateLimitConfig,
};
use oauth::oauth_providers;
pub use openai::{OpenAiConfig, ResponseFormatMode};
pub use resources::{ImageConfig, WebSocketConfig};
pub use security::{LoginThrottleConfig, TrustedProxies};
pub use services::{
    DatabaseConfig, MailConfig, RedisConfig, S3Config, SmtpConfig, SmtpTls, StorageBackend,
    StorageConfig,
};
pub use source::Source;
pub use worker::{
    GenerationConfig, LocalModelConfig, QuotaConfig, RoutingConfig, RunnerConfig, WorkerConfig,
};
