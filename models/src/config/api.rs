//! Sections only the API acts on: sign-in tokens, rate limits, OAuth providers, body limits and the
//! catalogue. The worker parses them too (one environment file serves both binaries, and a bad key
//! should stop every process that reads it, not only the one that happens to use it).

use std::str::FromStr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::{
    ConfigError, DEV_JWT_NOTE, Environment, LoginThrottleConfig, Source, TrustedProxies, security,
};

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

impl AuthConfig {
    pub(super) fn parse(src: &Source, env: Environment) -> Result<Self, ConfigError> {
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
        Ok(auth)
    }
}

impl RateLimitConfig {
    pub(super) fn parse(src: &Source, env: Environment) -> Result<Self, ConfigError> {
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
        Ok(rate_limits)
    }
}

impl BodyLimits {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
        let limits = BodyLimits {
            json_max_bytes: src.parse("AIMINI_JSON_MAX_BYTES", 1024 * 1024usize)?,
            avatar_max_bytes: src.parse("AIMINI_AVATAR_MAX_BYTES", 5 * 1024 * 1024usize)?,
        };
        Ok(limits)
    }
}

impl CatalogueConfig {
    pub(super) fn parse(src: &Source) -> Result<Self, ConfigError> {
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
        Ok(catalogue)
    }
}
