//! Redis-backed rate limiting shared by every API replica.
//!
//! The algorithm is GCRA (a leaky bucket kept as one timestamp per key) in a Lua script that reads
//! Redis' own clock, so replicas with skewed clocks still agree. A limit of `N/period` admits a burst
//! of N and then one request every `period / N`.
//!
//! Redis down: in development the request goes through (fail-open) and `rate_limit_errors_total`
//! counts it, so a laptop without Redis still serves. Production fails closed (503) and refuses
//! `AIMINI_RATE_LIMIT_FAIL_OPEN=true` at start: the `auth` group and the login and mail throttles
//! guard accounts, and lifting them whenever Redis blinks would hand a guessing attack a switch.

use std::net::{IpAddr, SocketAddr};

use aimini_models::config::Rate;
use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use redis::Script;
use redis::aio::ConnectionManager;
use std::sync::Arc;

use crate::auth::extract::bearer_token_from_headers;
use crate::error::ApiError;
use crate::state::AppState;

const GCRA: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local period = interval * limit
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - period
if now < allow_at then
  return {0, 0, allow_at - now, tat - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', new_tat - now)
local remaining = math.floor((now - allow_at) / interval)
return {1, remaining, 0, new_tat - now}
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    ApiCalls,
    Auth,
    AiGeneration,
    GameUpload,
    /// Score submissions per player and game (scores are client claims).
    Scores,
    /// Anonymous plays per client address and game.
    AnonymousPlays,
    /// Account mails caused from one client address.
    Mail,
    /// Account mails sent to one e-mail address.
    MailRecipient,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::ApiCalls => "api_calls",
            Group::Auth => "auth",
            Group::AiGeneration => "ai_generation",
            Group::GameUpload => "game_upload",
            Group::Scores => "scores",
            Group::AnonymousPlays => "anonymous_plays",
            Group::Mail => "mail",
            Group::MailRecipient => "mail_recipient",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Decision {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u64,
    pub retry_after_ms: u64,
    pub reset_ms: u64,
}

#[derive(Clone)]
pub struct RateLimiter {
    redis: ConnectionManager,
    prefix: String,
    script: Arc<Script>,
}

impl RateLimiter {
    pub fn new(redis: ConnectionManager, prefix: &str) -> Self {
        Self {
            redis,
            prefix: format!("{prefix}rl:"),
            script: Arc::new(Script::new(GCRA)),
        }
    }

    pub async fn check(
        &self,
        group: Group,
        subject: &str,
        rate: Rate,
    ) -> Result<Decision, redis::RedisError> {
        let period_ms = u64::try_from(rate.period.as_millis()).unwrap_or(u64::MAX);
        let interval = (period_ms / u64::from(rate.limit)).max(1);
        let key = format!("{}{}:{subject}", self.prefix, group.name());
        let mut conn = self.redis.clone();
        let (allowed, remaining, retry_after_ms, reset_ms): (i64, i64, i64, i64) = self
            .script
            .key(key)
            .arg(interval)
            .arg(rate.limit)
            .invoke_async(&mut conn)
            .await?;
        Ok(Decision {
            allowed: allowed == 1,
            limit: rate.limit,
            remaining: u64::try_from(remaining).unwrap_or(0),
            retry_after_ms: u64::try_from(retry_after_ms).unwrap_or(0),
            reset_ms: u64::try_from(reset_ms).unwrap_or(0),
        })
    }
}

/// Who a request counts against. The `auth` group is always the client address: a token is
/// something the caller chooses (any signed one would do, and registering mints one per request), so
/// keying on it would let a caller open a fresh bucket per request. Other groups count a valid
/// token's user, or else the client address.
fn subject(
    state: &AppState,
    group: Group,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> String {
    if group != Group::Auth
        && let Some(claims) = bearer_token_from_headers(headers).and_then(|t| state.jwt.verify(t))
    {
        return format!("u:{}", claims.sub);
    }
    address_subject(client_ip(state, headers, peer))
}

/// The bucket name of a client address.
pub fn address_subject(addr: Option<IpAddr>) -> String {
    format!("ip:{}", addr.map(|ip| ip.to_string()).unwrap_or_default())
}

/// The client's address: the TCP peer, unless the peer is one of `AIMINI_TRUSTED_PROXIES`. Then
/// `X-Forwarded-For` is walked from the right (each proxy appends the address it saw), skipping
/// trusted hops; the first untrusted one is the client. Entries left of it were written by the
/// client and are ignored. An unreadable entry stops the walk at the last hop that was trusted.
pub fn client_ip(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> Option<IpAddr> {
    let peer = peer?.ip().to_canonical();
    let trusted = &state.config.rate_limits.trusted_proxies;
    if !trusted.contains(peer) {
        return Some(peer);
    }
    let mut client = peer;
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>();
    // Real chains are a few hops long; a longer header is bounded here rather than walked in full.
    for hop in hops.iter().rev().take(16) {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = ip.to_canonical();
        if !trusted.contains(client) {
            break;
        }
    }
    Some(client)
}

/// The client's address ([`client_ip`]) as an extractor, for handlers that key something on it.
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        Ok(Self(client_ip(state, &parts.headers, peer)))
    }
}

fn ceil_secs(ms: u64) -> u64 {
    ms.div_ceil(1000)
}

/// Groups nest (auth inside api_calls); the innermost, most specific group's headers win.
fn set_headers(headers: &mut HeaderMap, d: &Decision) {
    if headers.contains_key("ratelimit-limit") {
        return;
    }
    headers.insert("ratelimit-limit", HeaderValue::from(d.limit));
    headers.insert("ratelimit-remaining", HeaderValue::from(d.remaining));
    headers.insert("ratelimit-reset", HeaderValue::from(ceil_secs(d.reset_ms)));
}

async fn enforce(state: AppState, group: Group, rate: Rate, req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let who = subject(&state, group, req.headers(), peer);
    match state.limiter.check(group, &who, rate).await {
        Ok(d) if d.allowed => {
            let mut resp = next.run(req).await;
            set_headers(resp.headers_mut(), &d);
            resp
        }
        Ok(d) => {
            metrics::counter!("rate_limit_rejections_total", "group" => group.name()).increment(1);
            let mut resp = ApiError::RateLimited {
                retry_after_secs: ceil_secs(d.retry_after_ms).max(1),
            }
            .into_response();
            set_headers(resp.headers_mut(), &d);
            resp
        }
        Err(e) => {
            metrics::counter!("rate_limit_errors_total", "group" => group.name()).increment(1);
            tracing::warn!(error = %e, group = group.name(), "rate limiter unavailable");
            if state.config.rate_limits.fail_open {
                next.run(req).await
            } else {
                ApiError::Unavailable("rate limiting is unavailable, retry shortly").into_response()
            }
        }
    }
}

/// A limit a handler applies itself, on a bucket only it can name (a user and a game, say): the
/// middleware's decision, metrics and Redis-outage policy, without its headers.
pub async fn charge(
    state: &AppState,
    group: Group,
    subject: &str,
    rate: Rate,
) -> Result<(), ApiError> {
    match state.limiter.check(group, subject, rate).await {
        Ok(d) if d.allowed => Ok(()),
        Ok(d) => {
            metrics::counter!("rate_limit_rejections_total", "group" => group.name()).increment(1);
            Err(ApiError::RateLimited {
                retry_after_secs: ceil_secs(d.retry_after_ms).max(1),
            })
        }
        Err(e) => {
            metrics::counter!("rate_limit_errors_total", "group" => group.name()).increment(1);
            tracing::warn!(error = %e, group = group.name(), "rate limiter unavailable");
            if state.config.rate_limits.fail_open {
                Ok(())
            } else {
                Err(ApiError::Unavailable(
                    "rate limiting is unavailable, retry shortly",
                ))
            }
        }
    }
}

/// The state travels in the request extensions (set once at the top of the router), so these layers
/// can be attached where routes are declared, before any state exists.
async fn enforce_group(group: Group, req: Request, next: Next) -> Response {
    let Some(state) = req.extensions().get::<AppState>().cloned() else {
        tracing::error!("rate limiter used without AppState in the request extensions");
        return ApiError::Internal(anyhow::anyhow!("rate limiter misconfigured")).into_response();
    };
    let limits = &state.config.rate_limits;
    let rate = match group {
        Group::ApiCalls => limits.api_calls,
        Group::Auth => limits.auth,
        Group::AiGeneration => limits.ai_generation,
        Group::GameUpload => limits.game_upload,
        Group::Scores => limits.scores,
        Group::AnonymousPlays => limits.anonymous_plays,
        Group::Mail => limits.mail,
        Group::MailRecipient => limits.mail_recipient,
    };
    enforce(state, group, rate, req, next).await
}

pub async fn api_calls(req: Request, next: Next) -> Response {
    enforce_group(Group::ApiCalls, req, next).await
}

pub async fn auth(req: Request, next: Next) -> Response {
    enforce_group(Group::Auth, req, next).await
}

pub async fn ai_generation(req: Request, next: Next) -> Response {
    enforce_group(Group::AiGeneration, req, next).await
}

/// Charges one account mail (verification, password reset) to the client address that causes it:
/// 429 past `AIMINI_RATE_LIMIT_MAIL`, so the API is no mail cannon.
pub async fn charge_mail_from(state: &AppState, addr: Option<IpAddr>) -> Result<(), ApiError> {
    let rate = state.config.rate_limits.mail;
    charge(state, Group::Mail, &address_subject(addr), rate).await
}

/// Charges one account mail to the address it goes to (`AIMINI_RATE_LIMIT_MAIL_RECIPIENT`, keyed on
/// the lowercased address, as accounts are), so many client addresses together cannot flood one
/// mailbox either. A `RateLimited` error means nothing may be sent; callers that must not reveal
/// whether an account exists answer as usual instead of passing it on.
pub async fn charge_mail_to(state: &AppState, email: &str) -> Result<(), ApiError> {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(email.trim().to_lowercase().as_bytes());
    let subject = format!("e:{}", hex::encode(&digest[..16]));
    let rate = state.config.rate_limits.mail_recipient;
    charge(state, Group::MailRecipient, &subject, rate).await
}
