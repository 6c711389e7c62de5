//! What `AIMINI_ENV=production` refuses: settings that are fine on a laptop and a hole on the
//! internet. Every problem found is named (one line per key), so an operator fixes them in one go.
//!
//! - Any secret whose value is published in this repository (compose, `.env.example`, the README,
//!   the dev S3 configs, the tests): [`PUBLISHED_SECRETS`], kept in step with the files by a test
//!   that scans them.
//! - A JWT signing key with less than 256 bits of estimated entropy ([`entropy_bits`]).
//! - Mail without SMTP (verification and reset mail would only land in the outbox directory).
//! - Fail-open rate limits (login throttles would stop when Redis does; production defaults to
//!   fail-closed, so only an explicit `true` is refused).
//! - Local storage (one machine's disk) and a plain-http public URL or CDN base.

use secrecy::ExposeSecret;

use super::{Config, ConfigError, StorageBackend};

/// Secret values that appear in this repository: anyone can read them, so production refuses
/// them for any secret key.
pub const PUBLISHED_SECRETS: &[&str] = &[
    // docker-compose.yml's old JWT fallback, and its Postgres password default.
    "change-me-dev-only-secret-0123456789abcdef",
    "aimini",
    // deploy/seaweedfs/s3.json and scripts/s3-server.sh (dev and test S3 servers).
    "aiminidevkey",
    "aiminidevsecret0123456789",
    "aiminitestkey",
    "aiminitestsecret0123456789",
    // The benchmark and profiling scripts.
    "bench-secret-0123456789abcdef0123456789",
    "profile-secret-0123456789abcdef0123456789",
    // The test harness, the fake OpenAI server and the configuration and process tests.
    "test-jwt-secret-0123456789abcdef0123456789",
    "test-metrics-token-0123456789abcdef",
    "process-test-jwt-secret-0123456789abcdef",
    "sk-test-fake-openai-key-0123456789",
    "super-secret-value-that-is-long-enough-1234",
    "s3-secret-value-0123456789",
    "s3-secret-value-123456",
    "short-secret-xyz",
    "sk-openai-secret-value",
    "smtp-secret-value",
    "db-password-value",
    "key-id-1",
    "fake-secret",
];

/// An estimate of a key's entropy in bits: its length times log2 of the character classes it
/// draws from (lowercase, uppercase, digits, other printable ASCII, anything else), and zero when it
/// uses fewer than 16 distinct characters (a repeated or patterned value). Random keys from
/// `openssl rand -base64 48` (~390 bits) or `-hex 32` (~330) pass; a sentence or a short key does
/// not.
pub fn entropy_bits(s: &str) -> f64 {
    let mut distinct: Vec<char> = s.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 16 {
        return 0.0;
    }
    let has = |f: fn(&char) -> bool| distinct.iter().any(f);
    let pool: u32 = [
        (has(char::is_ascii_lowercase), 26),
        (has(char::is_ascii_uppercase), 26),
        (has(char::is_ascii_digit), 10),
        (has(|c| c.is_ascii_punctuation() || *c == ' '), 33),
        (has(|c| !c.is_ascii()), 100),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, n)| n)
    .sum();
    s.chars().count() as f64 * f64::from(pool.max(1)).log2()
}

fn published(value: &str) -> bool {
    PUBLISHED_SECRETS.contains(&value.trim())
}

/// The password part of a connection URL (`postgres://user:pass@host/db`), if any.
fn url_password(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.password().map(str::to_owned))
        .map(|p| {
            url::form_urlencoded::parse(format!("p={p}").as_bytes())
                .next()
                .map_or(p.clone(), |(_, v)| v.into_owned())
        })
}

/// Every reason this configuration must not run in production (empty: it may).
pub(super) fn problems(cfg: &Config) -> Vec<ConfigError> {
    let mut out = Vec::new();
    let mut refuse_published = |key: &str, value: Option<&str>| {
        if value.is_some_and(published) {
            out.push(ConfigError::new(
                key,
                "is a value published in the aimini repository (compose, .env.example, docs or \
                 tests); generate your own secret",
            ));
        }
    };
    let jwt = cfg.auth.jwt_secret.expose_secret();
    refuse_published("AIMINI_JWT_SECRET", Some(jwt));
    refuse_published(
        "AIMINI_DATABASE_URL",
        url_password(cfg.database.url.expose_secret()).as_deref(),
    );
    refuse_published(
        "AIMINI_REDIS_URL",
        url_password(cfg.redis.url.expose_secret()).as_deref(),
    );
    if let StorageBackend::S3(s3) = &cfg.storage.backend {
        refuse_published("AIMINI_S3_ACCESS_KEY_ID", s3.access_key_id.as_deref());
        refuse_published(
            "AIMINI_S3_SECRET_ACCESS_KEY",
            s3.secret_access_key
                .as_ref()
                .map(ExposeSecret::expose_secret),
        );
    }
    if let Some(smtp) = &cfg.mail.smtp {
        refuse_published(
            "AIMINI_SMTP_PASSWORD",
            smtp.password.as_ref().map(ExposeSecret::expose_secret),
        );
    }
    if let Some(o) = &cfg.openai {
        refuse_published("AIMINI_OPENAI_API_KEY", Some(o.api_key.expose_secret()));
    }
    for p in &cfg.oauth {
        let key = format!("AIMINI_OAUTH_{}_CLIENT_SECRET", p.name.to_ascii_uppercase());
        refuse_published(&key, Some(p.client_secret.expose_secret()));
    }
    let metrics = cfg
        .log
        .metrics_token
        .as_ref()
        .map(ExposeSecret::expose_secret);
    refuse_published("AIMINI_METRICS_TOKEN", metrics);
    if let Some(bits) = metrics
        .filter(|t| !published(t))
        .map(entropy_bits)
        .filter(|b| *b < 128.0)
    {
        out.push(ConfigError::new(
            "AIMINI_METRICS_TOKEN",
            format!("has about {bits:.0} bits of entropy; production needs at least 128"),
        ));
    }
    let published_jwt = published(jwt);
    let bits = entropy_bits(jwt);
    if !published_jwt && bits < 256.0 {
        out.push(ConfigError::new(
            "AIMINI_JWT_SECRET",
            format!(
                "has about {bits:.0} bits of entropy; production needs at least 256 (e.g. \
                 `openssl rand -base64 48`)"
            ),
        ));
    }
    if cfg.mail.smtp.is_none() {
        out.push(ConfigError::new(
            "AIMINI_SMTP_HOST",
            "is required in production: without it, verification and password-reset mail only \
             lands in the outbox directory (AIMINI_MAIL_OUTBOX_DIR)",
        ));
    }
    if cfg.rate_limits.fail_open {
        out.push(ConfigError::new(
            "AIMINI_RATE_LIMIT_FAIL_OPEN",
            "must be false in production: failing open would lift the login and sign-up \
             throttles whenever Redis is unreachable",
        ));
    }
    if matches!(cfg.storage.backend, StorageBackend::Local { .. }) {
        out.push(ConfigError::new(
            "AIMINI_STORAGE_BACKEND",
            "local is one machine's disk (no replicas, no durability); production needs s3",
        ));
    }
    if cfg.public_url.scheme() != "https" {
        out.push(ConfigError::new(
            "AIMINI_PUBLIC_URL",
            "must be an https URL in production (it is in every mailed link, OAuth redirect and \
             the player's origin)",
        ));
    }
    if cfg
        .storage
        .public_base_url
        .as_ref()
        .is_some_and(|u| u.scheme() != "https")
    {
        out.push(ConfigError::new(
            "AIMINI_STORAGE_PUBLIC_BASE_URL",
            "must be an https URL in production",
        ));
    }
    out
}
