//! The services both binaries connect to: Postgres, Redis, object storage, mail.

use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::{ConfigError, Source};

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

impl DatabaseConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
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
        Ok(database)
    }
}

impl RedisConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
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
        Ok(redis)
    }
}

impl StorageConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
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
        Ok(storage)
    }
}

impl MailConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
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
        Ok(mail)
    }
}
