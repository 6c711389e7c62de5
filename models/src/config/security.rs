//! Account-security settings: which peers may speak for the client's address (trusted proxies) and
//! how hard one account may be guessed at (the failed-login throttle).

use std::net::IpAddr;
use std::str::FromStr;
use std::time::Duration;

use super::{ConfigError, Rate, Source};

/// One address or CIDR block (`10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IpBlock {
    addr: IpAddr,
    prefix: u8,
}

impl IpBlock {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for IpBlock {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s:?} is not an IP address or CIDR block"))?;
        let addr = addr.to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?} has a prefix length outside 0..={max}"))?,
        };
        Ok(Self { addr, prefix })
    }
}

/// The reverse proxies whose `X-Forwarded-For` is believed (`AIMINI_TRUSTED_PROXIES`). Empty (the
/// default) means the API is reached directly and the header is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpBlock>);

impl TrustedProxies {
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|b| b.contains(ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromStr for TrustedProxies {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(IpBlock::from_str)
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }
}

/// The per-account failed-login throttle (see README "Security notes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottleConfig {
    /// Wrong passwords one client address may try against one account before backoff starts.
    pub free_failures: u32,
    /// The longest one address waits between tries on one account (the backoff doubles up to it).
    pub max_backoff: Duration,
    /// Failures one account absorbs from addresses it has never signed in from, across all of them;
    /// past it those addresses wait for room (addresses the owner signed in from do not).
    pub account_failures: Rate,
}

pub(super) fn trusted_proxies(src: &Source) -> Result<TrustedProxies, ConfigError> {
    const OLD: &str = "AIMINI_TRUST_PROXY_HEADERS";
    if src.bool(OLD, false)? {
        return Err(ConfigError::new(
            OLD,
            "was replaced by AIMINI_TRUSTED_PROXIES: list the addresses (or CIDR blocks) of your \
             reverse proxies instead",
        ));
    }
    const KEY: &str = "AIMINI_TRUSTED_PROXIES";
    src.string(KEY, "")
        .parse()
        .map_err(|e: String| ConfigError::new(KEY, e))
}

pub(super) fn login_throttle(src: &Source) -> Result<LoginThrottleConfig, ConfigError> {
    let free_failures = src.parse("AIMINI_LOGIN_FREE_FAILURES", 5u32)?;
    if free_failures == 0 {
        return Err(ConfigError::new(
            "AIMINI_LOGIN_FREE_FAILURES",
            "must be at least 1 (one typo must not lock anyone out)",
        ));
    }
    let max_backoff = src.secs("AIMINI_LOGIN_BACKOFF_MAX_SECS", 900)?;
    if max_backoff > Duration::from_secs(24 * 3600) {
        return Err(ConfigError::new(
            "AIMINI_LOGIN_BACKOFF_MAX_SECS",
            "must be at most 86400: the backoff is bounded so an owner is never locked out for good",
        ));
    }
    const ACCOUNT: &str = "AIMINI_RATE_LIMIT_LOGIN_ACCOUNT";
    let account_failures = src
        .string(ACCOUNT, "20/hour")
        .parse()
        .map_err(|e: String| ConfigError::new(ACCOUNT, e))?;
    Ok(LoginThrottleConfig {
        free_failures,
        max_backoff,
        account_failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusted_proxies_match_addresses_and_blocks() {
        let t: TrustedProxies = "127.0.0.1, 10.0.0.0/8 ,2001:db8::/32"
            .parse()
            .expect("parse");
        for yes in ["127.0.0.1", "10.200.3.4", "2001:db8::1", "::ffff:10.0.0.1"] {
            assert!(t.contains(yes.parse().expect("ip")), "{yes}");
        }
        for no in ["127.0.0.2", "11.0.0.1", "2001:db9::1", "::1"] {
            assert!(!t.contains(no.parse().expect("ip")), "{no}");
        }
        let all: TrustedProxies = "0.0.0.0/0".parse().expect("parse");
        assert!(all.contains("8.8.8.8".parse().expect("ip")));
        assert!(TrustedProxies::from_str("").expect("empty").is_empty());
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0.0/x", "::/129"] {
            assert!(TrustedProxies::from_str(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_old_proxy_switch_names_its_replacement() {
        let src = Source::from_pairs([("AIMINI_TRUST_PROXY_HEADERS", "true")]);
        let err = trusted_proxies(&src).expect_err("refused");
        assert_eq!(err.key, "AIMINI_TRUST_PROXY_HEADERS");
        assert!(err.message.contains("AIMINI_TRUSTED_PROXIES"));
        let src = Source::from_pairs([("AIMINI_TRUST_PROXY_HEADERS", "false")]);
        assert!(trusted_proxies(&src).expect("harmless").is_empty());
    }

    #[test]
    fn the_login_backoff_is_bounded() {
        let src = Source::from_pairs([("AIMINI_LOGIN_BACKOFF_MAX_SECS", "100000")]);
        assert_eq!(
            login_throttle(&src).expect_err("unbounded").key,
            "AIMINI_LOGIN_BACKOFF_MAX_SECS"
        );
        let src = Source::from_pairs([("AIMINI_LOGIN_FREE_FAILURES", "0")]);
        assert!(login_throttle(&src).is_err());
        let d = login_throttle(&Source::default()).expect("defaults");
        assert_eq!(d.free_failures, 5);
        assert_eq!(d.max_backoff, Duration::from_secs(900));
    }
}
