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

use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, crypto};
use secrecy::ExposeSecret as _;
use uuid::Uuid;

use crate::state::AppState;

/// How long a play link works. Short: a link leaks through screenshots and shared screens, and a
/// player keeps playing past expiry anyway (the frame is loaded once; only a reload needs a new link).
pub const TTL: Duration = Duration::from_secs(15 * 60);

const KEY_LABEL: &[u8] = b"aimini play-link key v1";

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
        if exp.is_empty() || exp.len() > 12 || !exp.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        if exp.len() > 1 && exp.starts_with('0') {
            return false;
        }
        let Ok(exp) = exp.parse::<i64>() else {
            return false;
        };
        if exp <= now || sig.len() != 43 {
            return false;
        }
        crypto::verify(
            sig,
            Self::message(game_id, exp).as_bytes(),
            &self.decoding,
            Algorithm::HS256,
        )
        .unwrap_or(false)
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
}
