//! `aimini-api init-secrets`: fresh secrets for a deployment that has none yet (the compose stack
//! runs it first), so nothing reachable ever uses a key published in this repository.
//!
//! Files already present are kept (restarts must not rotate keys under live sessions and stored
//! objects); missing ones are created with mode 0600 from the OS random generator. The services
//! read them through `<KEY>_FILE` (aimini: [`crate::config::Source::with_secret_files`]; Postgres:
//! `POSTGRES_PASSWORD_FILE`; SeaweedFS: `-s3.config`).

use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;

use crate::tokens::random_token;

/// One file of the secrets directory, and whether this run created it.
pub struct SecretFile {
    pub name: &'static str,
    pub created: bool,
}

/// Random upper-case letters and digits, as S3 access key ids look.
fn access_key_id() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bytes = [0u8; 20];
    // The OS RNG failing is unrecoverable: no safe key can be produced at all.
    getrandom::fill(&mut bytes).expect("the OS random number generator failed");
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

fn read(dir: &Path, name: &str) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(dir.join(name)) {
        Ok(s) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Writes `name` unless it exists; returns its content either way.
fn ensure(
    dir: &Path,
    name: &'static str,
    mode: u32,
    make: impl FnOnce() -> String,
    report: &mut Vec<SecretFile>,
) -> std::io::Result<String> {
    if let Some(existing) = read(dir, name)? {
        report.push(SecretFile {
            name,
            created: false,
        });
        return Ok(existing);
    }
    let value = make();
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(mode)
        .open(dir.join(name))?;
    f.write_all(value.as_bytes())?;
    f.write_all(b"\n")?;
    report.push(SecretFile {
        name,
        created: true,
    });
    Ok(value)
}

/// Creates the missing secrets in `dir`: `jwt_secret`, `metrics_token` (what Prometheus sends to
/// `/metrics`), `postgres_password`, `database_url` (for
/// the compose service names), `s3_access_key_id`, `s3_secret_access_key` and `seaweedfs-s3.json`
/// (the S3 server's identities, with only these keys). `mode` is the new files' permissions: 0600
/// on a host; compose uses 0644 because its services run as different users (Postgres, SeaweedFS,
/// aimini) and the volume is mounted only into them.
pub fn init(dir: &Path, mode: u32) -> std::io::Result<Vec<SecretFile>> {
    std::fs::create_dir_all(dir)?;
    let mut report = Vec::new();
    ensure(dir, "jwt_secret", mode, random_token, &mut report)?;
    ensure(dir, "metrics_token", mode, random_token, &mut report)?;
    let pg = ensure(dir, "postgres_password", mode, random_token, &mut report)?;
    ensure(
        dir,
        "database_url",
        mode,
        || format!("postgres://aimini:{pg}@postgres:5432/aimini"),
        &mut report,
    )?;
    let key_id = ensure(dir, "s3_access_key_id", mode, access_key_id, &mut report)?;
    let secret = ensure(dir, "s3_secret_access_key", mode, random_token, &mut report)?;
    ensure(
        dir,
        "seaweedfs-s3.json",
        mode,
        || {
            serde_json::json!({"identities": [{
                "name": "aimini",
                "credentials": [{"accessKey": key_id, "secretKey": secret}],
                "actions": ["Admin", "Read", "List", "Tagging", "Write"],
            }]})
            .to_string()
        },
        &mut report,
    )?;
    Ok(report)
}

/// Who may read `/metrics` (API and worker alike): nobody while no token is configured (the
/// endpoint then answers 404, so a default deployment publishes nothing about itself), and with a
/// token only a caller presenting it as `Authorization: Bearer <token>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsAccess {
    Off,
    Denied,
    Allowed,
}

/// Decides [`MetricsAccess`] for one request's `Authorization` header. The token is compared by
/// SHA-256 digest in constant time, so response timing says nothing about how much of a guess
/// matched.
pub fn metrics_access(
    token: Option<&secrecy::SecretString>,
    authorization: Option<&str>,
) -> MetricsAccess {
    use secrecy::ExposeSecret as _;
    use sha2::{Digest as _, Sha256};
    let Some(token) = token else {
        return MetricsAccess::Off;
    };
    let Some(given) = authorization.and_then(|h| h.strip_prefix("Bearer ")) else {
        return MetricsAccess::Denied;
    };
    let want = Sha256::digest(token.expose_secret().as_bytes());
    let got = Sha256::digest(given.trim().as_bytes());
    let diff = want
        .iter()
        .zip(got.iter())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    if diff == 0 {
        MetricsAccess::Allowed
    } else {
        MetricsAccess::Denied
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::*;
    use crate::config::production::{PUBLISHED_SECRETS, entropy_bits};

    #[test]
    fn secrets_are_fresh_private_strong_and_kept_across_runs() {
        let dir = std::env::temp_dir().join(format!("aimini-secrets-{}", uuid::Uuid::new_v4()));
        let first = init(&dir, 0o600).expect("init");
        assert!(first.iter().all(|f| f.created));
        let jwt = read(&dir, "jwt_secret").expect("read").expect("jwt");
        assert!(entropy_bits(&jwt) >= 256.0, "{jwt}");
        assert!(!PUBLISHED_SECRETS.contains(&jwt.as_str()));
        let mode = std::fs::metadata(dir.join("jwt_secret"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let s3: serde_json::Value = serde_json::from_str(
            &read(&dir, "seaweedfs-s3.json")
                .expect("read")
                .expect("json"),
        )
        .expect("valid json");
        let key = read(&dir, "s3_access_key_id").expect("read").expect("key");
        assert_eq!(s3["identities"][0]["credentials"][0]["accessKey"], key);
        let url = read(&dir, "database_url").expect("read").expect("url");
        let pg = read(&dir, "postgres_password").expect("read").expect("pw");
        assert!(url.contains(&pg));

        let metrics = read(&dir, "metrics_token").expect("read").expect("token");
        assert!(entropy_bits(&metrics) >= 256.0, "{metrics}");

        let second = init(&dir, 0o600).expect("again");
        assert!(second.iter().all(|f| !f.created), "nothing rotated");
        assert_eq!(read(&dir, "jwt_secret").expect("read").expect("jwt"), jwt);
        let other = std::env::temp_dir().join(format!("aimini-secrets-{}", uuid::Uuid::new_v4()));
        init(&other, 0o644).expect("init");
        assert_ne!(read(&other, "jwt_secret").expect("read").expect("jwt"), jwt);
        let _ = std::fs::remove_dir_all(dir);
        let _ = std::fs::remove_dir_all(other);
    }

    #[test]
    fn metrics_need_the_configured_token() {
        let token = secrecy::SecretString::from("s3cret-metrics-token".to_owned());
        assert_eq!(metrics_access(None, Some("Bearer x")), MetricsAccess::Off);
        assert_eq!(metrics_access(Some(&token), None), MetricsAccess::Denied);
        assert_eq!(
            metrics_access(Some(&token), Some("Bearer s3cret-metrics-toke")),
            MetricsAccess::Denied
        );
        assert_eq!(
            metrics_access(Some(&token), Some("Basic s3cret-metrics-token")),
            MetricsAccess::Denied
        );
        assert_eq!(
            metrics_access(Some(&token), Some("Bearer s3cret-metrics-token")),
            MetricsAccess::Allowed
        );
    }
}
