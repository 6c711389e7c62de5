//! Signed, expiring play links for games that are not public.
//!
//! The player's frame is an opaque origin (sandbox without `allow-same-origin`): it sends no cookies
//! and cannot hold a bearer token, so every URL of a private game (the page, its frame, its
//! `logic.js`) carries the authorization itself as `?t=<exp>.<sig>`:
//!
//! - `sig` is HMAC-SHA256 over `aimini-play/v1`, the game id and `exp` (Unix seconds), base64url;
//! - the HMAC key is derived from the JWT secret (HMAC of a fixed label), so no new secret has to be
//!   configured and a play token can never be confused with an access token, nor the other way round;
//! - verification is constant-time (the `hmac` crate's `verify_slice`, reached through
//!   `jsonwebtoken`'s crypto API, which the API already trusts for its access tokens) and checks the
//!   expiry itself.
//!
//! A link grants playing one game until it expires and nothing else: it names no user, so sharing it
//! shares exactly that.
//!
//! The same key signs **play sessions** (`<exp>.<visitor>.<sig>`, a different message label, so
//! neither token passes for the other): the player page of a public game hands one to its script,
//! which sends it with the one play it counts. An anonymous play is de-duplicated by the session's
//! visitor id, not by address and user agent (those merge a whole classroom behind one NAT into one
//! player, and split one player across two browsers). The visitor id is random and kept in a
//! first-party cookie on `/play/` for the de-duplication window, so a refresh is the same visitor;
//! the signature means the API only counts visitors its own page issued, and the address still caps
//! how many a client can mint (`AIMINI_RATE_LIMIT_ANONYMOUS_PLAYS`).

use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, crypto};
use secrecy::ExposeSecret as _;
use uuid::Uuid;

use crate::state::AppState;

/// How long a play link works. Short: a link leaks through screenshots and shared screens, and a
/// player keeps playing past expiry anyway (the frame is loaded once; only a reload needs a new link).
pub const TTL: Duration = Duration::from_secs(15 * 60);

/// How long a play session issued with a page may be used to count its play. The page counts when
/// the game first runs, seconds after it loads; hours leave room for a tab restored later.
pub const SESSION_TTL: Duration = Duration::from_secs(6 * 60 * 60);

const KEY_LABEL: &[u8] = b"aimini play-link key v1";

/// A visitor id: [`aimini_models::tokens::random_token`]'s shape (43 base64url characters).
pub fn is_visitor_id(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A canonical Unix time in seconds: decimal digits, no leading zero, at most 12 of them.
fn parse_exp(exp: &str) -> Option<i64> {
    if exp.is_empty() || exp.len() > 12 || !exp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if exp.len() > 1 && exp.starts_with('0') {
        return None;
    }
    exp.parse().ok()
}

pub struct PlayLinks {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl PlayLinks {
    /// Keys derived from `jwt_secret` (the `AIMINI_JWT_SECRET` bytes).
    pub fn new(jwt_secret: &[u8]) -> anyhow::Result<Self> {
        let derived = crypto::sign(
            KEY_LABEL,
            &EncodingKey::from_secret(jwt_secret),
            Algorithm::HS256,
        )?;
        Ok(Self {
            encoding: EncodingKey::from_secret(derived.as_bytes()),
            decoding: DecodingKey::from_secret(derived.as_bytes()),
        })
    }

    pub fn from_state(state: &AppState) -> anyhow::Result<Self> {
        Self::new(state.config.auth.jwt_secret.expose_secret().as_bytes())
    }

    fn message(game_id: Uuid, exp: i64) -> String {
        format!("aimini-play/v1\n{game_id}\n{exp}")
    }

    /// The token for `game_id` valid until `exp` (Unix seconds).
    pub fn sign(&self, game_id: Uuid, exp: i64) -> anyhow::Result<String> {
        let sig = crypto::sign(
            Self::message(game_id, exp).as_bytes(),
            &self.encoding,
            Algorithm::HS256,
        )?;
        Ok(format!("{exp}.{sig}"))
    }

    /// Whether `token` authorizes `game_id` at `now` (Unix seconds).
    pub fn verify(&self, game_id: Uuid, token: &str, now: i64) -> bool {
        let Some((exp, sig)) = token.split_once('.') else {
            return false;
        };
        // Canonical decimal only, so one signature has exactly one spelling.
        let Some(exp) = parse_exp(exp) else {
            return false;
        };
        exp > now && self.signed(Self::message(game_id, exp).as_bytes(), sig)
    }

    fn session_message(game_id: Uuid, visitor: &str, exp: i64) -> String {
        format!("aimini-play-session/v1\n{game_id}\n{visitor}\n{exp}")
    }

    /// A play session of `visitor` (see [`is_visitor_id`]) for `game_id`, valid until `exp`.
    pub fn sign_session(&self, game_id: Uuid, visitor: &str, exp: i64) -> anyhow::Result<String> {
        anyhow::ensure!(is_visitor_id(visitor), "not a visitor id");
        let sig = crypto::sign(
            Self::session_message(game_id, visitor, exp).as_bytes(),
            &self.encoding,
            Algorithm::HS256,
        )?;
        Ok(format!("{exp}.{visitor}.{sig}"))
    }

    /// The visitor id of a play session for `game_id` that is valid at `now`, or None.
    pub fn verify_session<'t>(&self, game_id: Uuid, token: &'t str, now: i64) -> Option<&'t str> {
        let mut parts = token.splitn(3, '.');
        let (exp, visitor, sig) = (parts.next()?, parts.next()?, parts.next()?);
        let exp = parse_exp(exp)?;
        if exp <= now || !is_visitor_id(visitor) {
            return None;
        }
        self.signed(Self::session_message(game_id, visitor, exp).as_bytes(), sig)
            .then_some(visitor)
    }

    /// Constant-time check of an HMAC-SHA256 signature (base64url, 43 characters).
    fn signed(&self, message: &[u8], sig: &str) -> bool {
        sig.len() == 43
            && crypto::verify(sig, message, &self.decoding, Algorithm::HS256).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_works_for_its_game_until_it_expires() {
        let links = PlayLinks::new(b"0123456789abcdef0123456789abcdef").expect("keys");
        let game = Uuid::new_v4();
        let t = links.sign(game, 1_000).expect("sign");
        assert!(links.verify(game, &t, 999));
        assert!(!links.verify(game, &t, 1_000), "expired at exp");
        assert!(!links.verify(Uuid::new_v4(), &t, 999), "other game");
        let (_, sig) = t.split_once('.').expect("dot");
        assert!(
            !links.verify(game, &format!("2000.{sig}"), 999),
            "exp moved"
        );
        assert!(
            !links.verify(game, &format!("01000.{sig}"), 999),
            "exp respelled"
        );
        let other = PlayLinks::new(b"another-secret-another-secret-xx").expect("keys");
        assert!(!other.verify(game, &t, 999), "other key");
        for bad in ["", ".", "1000.", "x.y", "1000", "-5.abc"] {
            assert!(!links.verify(game, bad, 0), "{bad:?}");
        }
    }

    #[test]
    fn a_play_session_names_its_visitor_for_its_game_until_it_expires() {
        let links = PlayLinks::new(b"0123456789abcdef0123456789abcdef").expect("keys");
        let game = Uuid::new_v4();
        let visitor = aimini_models::tokens::random_token();
        let s = links.sign_session(game, &visitor, 1_000).expect("sign");
        assert_eq!(links.verify_session(game, &s, 999), Some(visitor.as_str()));
        assert_eq!(links.verify_session(game, &s, 1_000), None, "expired");
        assert_eq!(
            links.verify_session(Uuid::new_v4(), &s, 999),
            None,
            "other game"
        );
        let sig = s.rsplit('.').next().expect("sig");
        let other = aimini_models::tokens::random_token();
        assert_eq!(
            links.verify_session(game, &format!("1000.{other}.{sig}"), 999),
            None,
            "visitor swapped"
        );
        // A play link and a play session never pass for each other.
        let link = links.sign(game, 1_000).expect("link");
        assert_eq!(links.verify_session(game, &link, 999), None);
        assert!(!links.verify(game, &s, 999));
        assert!(links.sign_session(game, "short", 1_000).is_err());
        for bad in ["", "..", "1000..", "1000.x.y", "x.y.z"] {
            assert_eq!(links.verify_session(game, bad, 0), None, "{bad:?}");
        }
    }
}
