//! The failed-login throttle: how many passwords one account may be tried with.
//!
//! The `auth` rate limit bounds what one client address may send. It cannot bound an attack on one
//! account spread over many addresses, and an account-wide lock alone would let anyone lock the real
//! owner out by failing on purpose. So two records, both in Redis (shared by every replica):
//!
//! - **Per account and address** (`login:fail:{subject}:{addr}`): the first
//!   `AIMINI_LOGIN_FREE_FAILURES` failures are free; then each failure makes that address wait
//!   before its next try, doubling from 1 s up to `AIMINI_LOGIN_BACKOFF_MAX_SECS`. Bounded, so the
//!   owner behind an address the attacker shares (a NAT) still gets a try after at most that long.
//!   A success clears the record.
//! - **Per account across unfamiliar addresses** (`login:acct:{subject}`, a GCRA bucket of
//!   `AIMINI_RATE_LIMIT_LOGIN_ACCOUNT`): failures from any address charge it; once it is empty,
//!   addresses the account has never signed in from wait for room. Addresses it has signed in from
//!   (registration, a password or social login, a password reset; the newest 20, for 90 days) are
//!   *familiar* and skip this bucket, so a distributed attack never holds up the owner at home.
//!
//! An attempt is charged as a failure when it is admitted and refunded when the password turns out
//! right, so concurrent guesses cannot all pass the check before any failure is recorded. A login
//! name with no account is throttled under the name itself, exactly like an account, so the answers
//! reveal nothing about which accounts exist. A throttled attempt is refused before the password is
//! hashed.

use std::net::IpAddr;
use std::sync::LazyLock;
use std::time::Duration;

use redis::Script;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;

/// How long a per-address failure record is kept after its last failure.
const FAILURE_MEMORY: Duration = Duration::from_secs(24 * 3600);
/// How long an address stays familiar after the account last signed in from it.
const FAMILIAR_FOR: Duration = Duration::from_secs(90 * 24 * 3600);
/// Familiar addresses kept per account (the newest win): `ZREMRANGEBYRANK 0 -21` keeps 20.
const FAMILIAR_TRIM_STOP: isize = -21;

/// KEYS: per-address record, account bucket, familiar set. ARGV: address, free failures, backoff
/// cap (ms), bucket interval (ms), bucket burst, record memory (ms).
/// Returns {1, 0} when admitted, {0, wait_ms, which} when not (which: 1 address, 2 account).
static ADMIT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local interval = tonumber(ARGV[4])
local burst = tonumber(ARGV[5])
local held = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if now < held then return {0, held - now, 1} end
local tat = tonumber(redis.call('GET', KEYS[2]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then
  local allow_at = new_tat - interval * burst
  if now < allow_at then return {0, allow_at - now, 2} end
end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
if n >= free then
  local wait = math.min(1000 * 2 ^ math.min(n - free, 30), cap)
  redis.call('HSET', KEYS[1], 'until', now + wait)
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]))
redis.call('SET', KEYS[2], new_tat, 'PX', new_tat - now)
return {1, 0, 0}
"#,
    )
});

/// KEYS: per-address record, account bucket. ARGV: bucket interval (ms).
/// The attempt was right: forget the address's failures and give back the charge.
static REFUND: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('DEL', KEYS[1])
local tat = tonumber(redis.call('GET', KEYS[2]) or '0') - tonumber(ARGV[1])
if tat > now then
  redis.call('SET', KEYS[2], tat, 'PX', tat - now)
else
  redis.call('DEL', KEYS[2])
end
return 1
"#,
    )
});

/// What a login names: an account, or (when none has that name) the name itself.
fn subject(user: Option<Uuid>, login: &str) -> String {
    match user {
        Some(id) => format!("u:{id}"),
        None => {
            let name = login.trim().to_lowercase();
            format!("n:{}", hex::encode(&Sha256::digest(name.as_bytes())[..16]))
        }
    }
}

fn addr_str(addr: Option<IpAddr>) -> String {
    addr.map(|a| a.to_string()).unwrap_or_default()
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The GCRA emission interval of the account bucket.
fn bucket_interval(state: &AppState) -> u64 {
    let rate = state.config.rate_limits.login.account_failures;
    (millis(rate.period) / u64::from(rate.limit)).max(1)
}

/// An admitted attempt, charged as a failure until [`Attempt::succeeded`] says otherwise.
pub struct Attempt {
    record: String,
    bucket: String,
    /// The account, when the login named one (only accounts learn familiar addresses).
    user: Option<Uuid>,
    addr: Option<IpAddr>,
}

/// Admits a password attempt for `login` (resolved to `user` when an account has that name) from
/// `addr`, or refuses it with 429 and how long to wait.
pub async fn admit(
    state: &AppState,
    user: Option<Uuid>,
    login: &str,
    addr: Option<IpAddr>,
) -> Result<Attempt, ApiError> {
    let cfg = &state.config.rate_limits.login;
    let who = subject(user, login);
    let attempt = Attempt {
        record: state.redis_key(&format!("login:fail:{who}:{}", addr_str(addr))),
        bucket: state.redis_key(&format!("login:acct:{who}")),
        user,
        addr,
    };
    let result: Result<(i64, i64, i64), _> = ADMIT
        .key(&attempt.record)
        .key(&attempt.bucket)
        .key(familiar_key(state, user))
        .arg(addr_str(addr))
        .arg(cfg.free_failures)
        .arg(millis(cfg.max_backoff))
        .arg(bucket_interval(state))
        .arg(cfg.account_failures.limit)
        .arg(millis(FAILURE_MEMORY))
        .invoke_async(&mut state.redis.clone())
        .await;
    match result {
        Ok((1, _, _)) => Ok(attempt),
        Ok((_, wait_ms, which)) => {
            let scope = if which == 1 { "address" } else { "account" };
            metrics::counter!("login_throttled_total", "scope" => scope).increment(1);
            tracing::info!(scope, "login attempt throttled");
            Err(ApiError::RateLimited {
                retry_after_secs: u64::try_from(wait_ms).unwrap_or(1).div_ceil(1000).max(1),
            })
        }
        Err(e) => {
            metrics::counter!("rate_limit_errors_total", "group" => "login").increment(1);
            tracing::warn!(error = %e, "login throttle unavailable");
            if state.config.rate_limits.fail_open {
                Ok(attempt)
            } else {
                Err(ApiError::Unavailable(
                    "rate limiting is unavailable, retry shortly",
                ))
            }
        }
    }
}

fn familiar_key(state: &AppState, user: Option<Uuid>) -> String {
    match user {
        Some(id) => state.redis_key(&format!("login:known:{id}")),
        // Names without an account have no familiar addresses; this key is never written.
        None => state.redis_key("login:known:none"),
    }
}

impl Attempt {
    /// The password was right: clear this address's failures, refund the charge and remember the
    /// address as familiar. Best effort: a Redis error leaves a harmless extra charge.
    pub async fn succeeded(self, state: &AppState) {
        let refunded: Result<i64, _> = REFUND
            .key(&self.record)
            .key(&self.bucket)
            .arg(bucket_interval(state))
            .invoke_async(&mut state.redis.clone())
            .await;
        if let Err(e) = refunded {
            tracing::warn!(error = %e, "could not clear a login failure record");
        }
        if let Some(user) = self.user {
            remember_address(state, user, self.addr).await;
        }
    }
}

/// Marks `addr` as familiar to `user` (the account signed in from it, or proved its mailbox there).
pub async fn remember_address(state: &AppState, user: Uuid, addr: Option<IpAddr>) {
    let Some(addr) = addr else {
        return;
    };
    let key = familiar_key(state, Some(user));
    let now = chrono::Utc::now().timestamp_millis();
    let result: Result<(), _> = redis::pipe()
        .zadd(&key, addr.to_string(), now)
        .ignore()
        .zremrangebyrank(&key, 0, FAMILIAR_TRIM_STOP)
        .ignore()
        .pexpire(
            &key,
            i64::try_from(millis(FAMILIAR_FOR)).unwrap_or(i64::MAX),
        )
        .ignore()
        .query_async(&mut state.redis.clone())
        .await;
    if let Err(e) = result {
        tracing::warn!(error = %e, "could not remember a familiar sign-in address");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_an_account_is_its_own_subject_whatever_its_case() {
        assert_eq!(subject(None, " Nobody "), subject(None, "nobody"));
        assert_ne!(subject(None, "nobody"), subject(None, "somebody"));
        let id = Uuid::new_v4();
        assert_eq!(subject(Some(id), "whatever"), format!("u:{id}"));
    }
}
