//! One signed-token scheme for every link the API hands out: play links, play sessions
//! ([`crate::playlink`]) and media links ([`crate::routes::media`]).
//!
//! - A token is `<exp>.<sig>`: `exp` in Unix seconds (canonical decimal, so one signature has
//!   exactly one spelling), `sig` HMAC-SHA256, base64url without padding, over
//!   `{label}\n{part}\n...\n{exp}`, where the parts name what the token grants (a game id, an
//!   object key, a visitor id).
//! - Each kind has its own label in the message and its own key, derived from the JWT secret as
//!   HMAC(secret, key label), so no new secret has to be configured, no token of one kind passes
//!   for another, and none is ever confused with an access token.
//! - Verification is constant-time (the `hmac` crate's `verify_slice`, reached through
//!   `jsonwebtoken`'s crypto API, which the API already trusts for its access tokens) and checks
//!   the expiry itself.
//!
//! The labels are part of every link already handed out: changing one invalidates them all.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, crypto};

/// What distinguishes one kind of token from another.
#[derive(Debug, Clone, Copy)]
pub struct Scheme {
    /// Derives the HMAC key from the JWT secret.
    pub key_label: &'static [u8],
    /// Starts every signed message.
    pub message_label: &'static str,
}

/// Signs and verifies the tokens of one [`Scheme`].
pub struct Signer {
    label: &'static str,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

/// Length of an HMAC-SHA256 in unpadded base64url.
const SIG_LEN: usize = 43;

impl Signer {
    /// The signer of `scheme`, keyed from `jwt_secret` (the `AIMINI_JWT_SECRET` bytes).
    pub fn new(jwt_secret: &[u8], scheme: Scheme) -> anyhow::Result<Self> {
        let derived = crypto::sign(
            scheme.key_label,
            &EncodingKey::from_secret(jwt_secret),
            Algorithm::HS256,
        )?;
        Ok(Self {
            label: scheme.message_label,
            encoding: EncodingKey::from_secret(derived.as_bytes()),
            decoding: DecodingKey::from_secret(derived.as_bytes()),
        })
    }

    fn message(&self, parts: &[&str], exp: i64) -> String {
        let mut m = String::from(self.label);
        for p in parts {
            m.push('\n');
            m.push_str(p);
        }
        m.push('\n');
        m.push_str(&exp.to_string());
        m
    }

    /// The signature alone (for tokens that carry more than `<exp>.<sig>`).
    pub fn signature(&self, parts: &[&str], exp: i64) -> anyhow::Result<String> {
        Ok(crypto::sign(
            self.message(parts, exp).as_bytes(),
            &self.encoding,
            Algorithm::HS256,
        )?)
    }

    /// `<exp>.<sig>` granting `parts` until `exp`.
    pub fn token(&self, parts: &[&str], exp: i64) -> anyhow::Result<String> {
        Ok(format!("{exp}.{}", self.signature(parts, exp)?))
    }

    /// Whether `sig` signs `parts` with the expiry spelled `exp`, unexpired at `now`; the expiry.
    pub fn check(&self, parts: &[&str], exp: &str, sig: &str, now: i64) -> Option<i64> {
        let exp = parse_exp(exp).filter(|e| *e > now)?;
        if sig.len() != SIG_LEN {
            return None;
        }
        crypto::verify(
            sig,
            self.message(parts, exp).as_bytes(),
            &self.decoding,
            Algorithm::HS256,
        )
        .ok()
        .filter(|ok| *ok)
        .map(|_| exp)
    }

    /// The expiry of a `<exp>.<sig>` token if it grants `parts` at `now`.
    pub fn verify(&self, parts: &[&str], token: &str, now: i64) -> Option<i64> {
        let (exp, sig) = token.split_once('.')?;
        self.check(parts, exp, sig, now)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const A: Scheme = Scheme {
        key_label: b"test key a",
        message_label: "test-a/v1",
    };
    const B: Scheme = Scheme {
        key_label: b"test key b",
        message_label: "test-b/v1",
    };
    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_token_grants_its_parts_until_it_expires_and_nothing_else() {
        let a = Signer::new(SECRET, A).expect("signer");
        let t = a.token(&["game", "x"], 1_000).expect("token");
        assert_eq!(a.verify(&["game", "x"], &t, 999), Some(1_000));
        assert_eq!(a.verify(&["game", "x"], &t, 1_000), None, "expired at exp");
        assert_eq!(a.verify(&["game", "y"], &t, 999), None, "other parts");
        assert_eq!(a.verify(&["game"], &t, 999), None, "fewer parts");
        // Parts are separated, so moving the boundary between them changes the message.
        assert_eq!(a.verify(&["gam", "ex"], &t, 999), None);
        let (_, sig) = t.split_once('.').expect("dot");
        assert_eq!(a.verify(&["game", "x"], &format!("2000.{sig}"), 999), None);
        assert_eq!(a.verify(&["game", "x"], &format!("01000.{sig}"), 999), None);
        let b = Signer::new(SECRET, B).expect("signer");
        assert_eq!(b.verify(&["game", "x"], &t, 999), None, "another scheme");
        let other = Signer::new(b"another-secret-another-secret-xx", A).expect("signer");
        assert_eq!(other.verify(&["game", "x"], &t, 999), None, "another key");
        for bad in ["", ".", "1000.", "x.y", "1000", "-5.abc"] {
            assert_eq!(a.verify(&["game", "x"], bad, 0), None, "{bad:?}");
        }
    }
}
