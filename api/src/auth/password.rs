//! Password hashing (argon2id, OWASP parameters) off the async runtime, and the strength rules.

use std::sync::OnceLock;

use anyhow::Context as _;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// The longest password we hash: argon2 is happy with more, but unbounded input is a DoS lever.
pub const MAX_LEN: usize = 128;
pub const MIN_LEN: usize = 8;

fn hasher() -> Argon2<'static> {
    // 19 MiB, 2 passes, 1 lane: OWASP's argon2id baseline.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await
    .context("hashing task panicked")?
}

/// Verifies against `stored`, or against a fixed dummy hash when the account does not exist or has no
/// password, so both cases cost one argon2 run and answer in the same time.
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match stored {
            Some(h) => (h, true),
            None => (dummy_hash().to_owned(), false),
        };
        let parsed =
            PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
        let ok = hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && real)
    })
    .await
    .context("verify task panicked")?
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(b"aimini-dummy-password-for-timing", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// The most common passwords of public breach lists that satisfy a length of 8; rejected outright.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password12",
    "password123",
    "password!",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "12345678",
    "123456789",
    "1234567890",
    "123123123",
    "11111111",
    "00000000",
    "87654321",
    "12341234",
    "qwertyui",
    "qwerty123",
    "qwertyuiop",
    "1q2w3e4r",
    "1qaz2wsx",
    "zaq12wsx",
    "asdfghjk",
    "asdfasdf",
    "iloveyou",
    "iloveyou1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "welcome123",
    "abc12345",
    "abcd1234",
    "abcdefgh",
    "letmein1",
    "trustno1",
    "superman",
    "starwars",
    "whatever",
    "dragon123",
    "monkey123",
    "master123",
    "shadow123",
    "computer",
    "internet",
    "changeme",
    "aimini123",
    "q1w2e3r4",
    "qazwsxedc",
    "michael1",
    "jennifer",
    "jordan23",
    "charlie1",
    "liverpool",
    "chocolate",
];

/// Rejects short, long and trivially weak passwords. Returns the reason, fit for a 422 field message.
pub fn check_strength(password: &str, username: &str, email: &str) -> Result<(), &'static str> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err("must be at least 8 characters long");
    }
    if password.len() > MAX_LEN {
        return Err("must be at most 128 bytes long");
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str()) {
        return Err("is too common; choose a less guessable password");
    }
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 4 {
        return Err("is too simple; use more different characters");
    }
    let bytes: Vec<i32> = lower.chars().map(|c| c as i32).collect();
    let sequential =
        bytes.windows(2).all(|w| w[1] - w[0] == 1) || bytes.windows(2).all(|w| w[0] - w[1] == 1);
    if sequential {
        return Err("is too simple; avoid sequences like abcdefgh or 12345678");
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if (!username.is_empty()
        && lower.contains(&username.to_lowercase())
        && username.len() * 2 >= len)
        || (local.len() >= 3 && lower.contains(&local) && local.len() * 2 >= len)
    {
        return Err("must not be based on your username or e-mail address");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_rules() {
        assert!(check_strength("short", "bob", "bob@x.io").is_err());
        assert!(check_strength("Password123", "bob", "bob@x.io").is_err());
        assert!(check_strength("aaaaaaaaaaaa", "bob", "bob@x.io").is_err());
        assert!(check_strength("abcdefghij", "bob", "bob@x.io").is_err());
        assert!(check_strength("alice_smith1", "alice_smith", "a@x.io").is_err());
        assert!(check_strength(&"x1".repeat(65), "bob", "bob@x.io").is_err());
        assert!(check_strength("correct horse battery", "bob", "bob@x.io").is_ok());
        assert!(check_strength("Tr1cky-Pa55", "bob", "bob@x.io").is_ok());
    }

    #[tokio::test]
    async fn hash_and_verify() {
        let h = hash("correct horse battery".into()).await.expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery".into(), Some(h.clone()))
                .await
                .expect("verify")
        );
        assert!(
            !verify("wrong horse battery".into(), Some(h))
                .await
                .expect("verify")
        );
        assert!(!verify("anything".into(), None).await.expect("verify"));
    }
}
