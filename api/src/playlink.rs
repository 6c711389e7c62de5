//! Signed, expiring play links for games that are not public.
//!
//! The player's frame is an opaque origin (sandbox without `allow-same-origin`): it sends no cookies
//! and cannot hold a bearer token, so every URL of a private game (the page, its frame, its
//! `logic.js`) carries the authorization itself as `?t=<exp>.<sig>`:
//!
//! - `sig` is HMAC-SHA256 over `aimini-play/v1`, the game id and `exp` (Unix seconds), base64url,
//!   in the one signed-token scheme of [`crate::signed`] (key derived from the JWT secret,
//!   constant-time verification, expiry checked).
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

use secrecy::ExposeSecret as _;
use uuid::Uuid;

use crate::signed::{Scheme, Signer};
use crate::state::AppState;

/// How long a play link works. Short: a link leaks through screenshots and shared screens, and a
/// player keeps playing past expiry anyway (the frame is loaded once; only a reload needs a new link).
pub const TTL: Duration = Duration::from_secs(15 * 60);

/// How long a play session issued with a page may be used to count its play. The page counts when
/// the game first runs, seconds after it loads; hours leave room for a tab restored later.
pub const SESSION_TTL: Duration = Duration::from_secs(6 * 60 * 60);

/// Play links and play sessions share a key, not a message label.
const KEY_LABEL: &[u8] = b"aimini play-link key v1";
const LINK: Scheme = Scheme {
    key_label: KEY_LABEL,
    message_label: "aimini-play/v1",
};
const SESSION: Scheme = Scheme {
    key_label: KEY_LABEL,
    message_label: "aimini-play-session/v1",
};

/// A visitor id: [`aimini_models::tokens::random_token`]'s shape (43 base64url characters).
pub fn is_visitor_id(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub struct PlayLinks {
    links: Signer,
    sessions: Signer,
}

impl PlayLinks {
    /// Keys derived from `jwt_secret` (the `AIMINI_JWT_SECRET` bytes).
    pub fn new(jwt_secret: &[u8]) -> anyhow::Result<Self> {
        Ok(Self {
            links: Signer::new(jwt_secret, LINK)?,
            sessions: Signer::new(jwt_secret, SESSION)?,
        })
    }

    pub fn from_state(state: &AppState) -> anyhow::Result<Self> {
        Self::new(state.config.auth.jwt_secret.expose_secret().as_bytes())
    }

    /// The token for `game_id` valid until `exp` (Unix seconds).
    pub fn sign(&self, game_id: Uuid, exp: i64) -> anyhow::Result<String> {
        self.links.token(&[&game_id.to_string()], exp)
    }

    /// Whether `token` authorizes `game_id` at `now` (Unix seconds).
    pub fn verify(&self, game_id: Uuid, token: &str, now: i64) -> bool {
        self.links
            .verify(&[&game_id.to_string()], token, now)
            .is_some()
    }

    /// A play session of `visitor` (see [`is_visitor_id`]) for `game_id`, valid until `exp`:
    /// `<exp>.<visitor>.<sig>`.
    pub fn sign_session(&self, game_id: Uuid, visitor: &str, exp: i64) -> anyhow::Result<String> {
        anyhow::ensure!(is_visitor_id(visitor), "not a visitor id");
        let sig = self
            .sessions
            .signature(&[&game_id.to_string(), visitor], exp)?;
        Ok(format!("{exp}.{visitor}.{sig}"))
    }

    /// The visitor id of a play session for `game_id` that is valid at `now`, or None.
    pub fn verify_session<'t>(&self, game_id: Uuid, token: &'t str, now: i64) -> Option<&'t str> {
        let mut parts = token.splitn(3, '.');
        let (exp, visitor, sig) = (parts.next()?, parts.next()?, parts.next()?);
        if !is_visitor_id(visitor) {
            return None;
        }
        self.sessions
            .check(&[&game_id.to_string(), visitor], exp, sig, now)
            .map(|_| visitor)
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
