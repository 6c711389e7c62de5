use std::time::Duration;

use secrecy::ExposeSecret as _;

use super::*;

#[test]
fn defaults_are_valid_for_development() {
    let cfg = Config::from_source(&Source::default()).expect("defaults");
    assert_eq!(cfg.env, Environment::Development);
    assert!(matches!(cfg.storage.backend, StorageBackend::Local { .. }));
    assert_eq!(
        cfg.rate_limits.ai_generation,
        Rate {
            limit: 5,
            period: Duration::from_secs(60)
        }
    );
    assert_eq!(cfg.auth.access_token_ttl, Duration::from_secs(900));
}

#[test]
fn catalogue_settings_have_defaults_and_bounds() {
    let cfg = Config::from_source(&Source::default()).expect("defaults");
    assert_eq!(cfg.catalogue.upload_max_bytes, 10 * 1024 * 1024);
    assert_eq!(cfg.catalogue.list_cache_ttl, Duration::from_secs(10));
    // Zero turns the list cache off rather than being refused.
    let off = Config::from_source(&Source::from_pairs([("AIMINI_LIST_CACHE_TTL_SECS", "0")]))
        .expect("cache off");
    assert!(off.catalogue.list_cache_ttl.is_zero());
    let err = Config::from_source(&Source::from_pairs([(
        "AIMINI_ASSET_URL_TTL_SECS",
        "604801",
    )]))
    .expect_err("beyond S3's presigning limit");
    assert_eq!(err.key, "AIMINI_ASSET_URL_TTL_SECS");
}

#[test]
fn production_requires_a_jwt_secret() {
    let err = Config::from_source(&Source::from_pairs([("AIMINI_ENV", "production")]))
        .expect_err("must be rejected");
    assert_eq!(err.key, "AIMINI_JWT_SECRET");
}

#[test]
fn errors_name_the_key() {
    let err = Config::from_source(&Source::from_pairs([("AIMINI_HTTP_ADDR", "nope")]))
        .expect_err("must be rejected");
    assert_eq!(err.key, "AIMINI_HTTP_ADDR");
    assert!(
        err.to_string()
            .starts_with("invalid configuration: AIMINI_HTTP_ADDR:")
    );
    let err = Config::from_source(&Source::from_pairs([(
        "AIMINI_RATE_LIMIT_AUTH",
        "5/fortnight",
    )]))
    .expect_err("must be rejected");
    assert_eq!(err.key, "AIMINI_RATE_LIMIT_AUTH");
    let err = Config::from_source(&Source::from_pairs([("AIMINI_OAUTH_PROVIDERS", "github")]))
        .expect_err("must be rejected");
    assert_eq!(err.key, "AIMINI_OAUTH_GITHUB_CLIENT_ID");
}

#[test]
fn secrets_are_redacted_in_debug() {
    let cfg = Config::from_source(&Source::from_pairs([
        (
            "AIMINI_JWT_SECRET",
            "super-secret-value-that-is-long-enough-1234",
        ),
        ("AIMINI_STORAGE_BACKEND", "s3"),
        ("AIMINI_S3_ACCESS_KEY_ID", "key-id-1"),
        ("AIMINI_S3_SECRET_ACCESS_KEY", "s3-secret-value-0123456789"),
        ("AIMINI_OPENAI_API_KEY", "sk-openai-secret-value"),
        ("AIMINI_SMTP_HOST", "smtp.example.com"),
        ("AIMINI_SMTP_PASSWORD", "smtp-secret-value"),
        ("AIMINI_DATABASE_URL", "postgres://u:db-password-value@h/db"),
    ]))
    .expect("valid");
    let dbg = format!("{cfg:?}");
    for secret in [
        "super-secret-value",
        "s3-secret-value",
        "sk-openai-secret-value",
        "smtp-secret-value",
        "db-password-value",
    ] {
        assert!(!dbg.contains(secret), "{secret} leaked into Debug output");
    }
}

#[test]
fn rates_parse() {
    assert_eq!(
        "10/2s".parse::<Rate>(),
        Ok(Rate {
            limit: 10,
            period: Duration::from_secs(2)
        })
    );
    assert!("0/minute".parse::<Rate>().is_err());
    assert!("x/minute".parse::<Rate>().is_err());
}

/// What a careful operator sets: every production check satisfied.
fn production_pairs() -> Vec<(&'static str, String)> {
    vec![
        ("AIMINI_ENV", "production".into()),
        (
            "AIMINI_JWT_SECRET",
            "q3Vx9LmT2pR7sKd4Wn8Yb1Hc6Jf0Gz5Ae+Ui/Ot3Ql7Xr2Nv9Mk4Bs8Cw1Dy6Ez".into(),
        ),
        ("AIMINI_PUBLIC_URL", "https://play.example.com".into()),
        ("AIMINI_STORAGE_BACKEND", "s3".into()),
        ("AIMINI_SMTP_HOST", "smtp.example.com".into()),
        (
            "AIMINI_DATABASE_URL",
            "postgres://aimini:Zk3p9Qx2Lw@db/aimini".into(),
        ),
    ]
}

fn with(pairs: &[(&'static str, String)], extra: &[(&'static str, &str)]) -> Source {
    let mut src = Source::from_pairs(pairs.iter().map(|(k, v)| (*k, v.clone())));
    for (k, v) in extra {
        src.set(k, *v);
    }
    src
}

#[test]
fn a_careful_production_configuration_starts() {
    let cfg = Config::from_source(&with(&production_pairs(), &[])).expect("valid");
    assert_eq!(cfg.env, Environment::Production);
    assert!(!cfg.rate_limits.fail_open, "production fails closed");
}

/// The review's finding: production started with the secret docker-compose.yml shipped, and a
/// token forged with it opened the admin API.
#[test]
fn production_refuses_secrets_published_in_the_repository() {
    for published in production::PUBLISHED_SECRETS {
        let err = Config::from_source(&with(
            &production_pairs(),
            &[("AIMINI_JWT_SECRET", published)],
        ))
        .expect_err("refused");
        assert!(
            err.keys().contains(&"AIMINI_JWT_SECRET"),
            "{published}: {err}"
        );
    }
    let err = Config::from_source(&with(
        &production_pairs(),
        &[
            ("AIMINI_S3_ACCESS_KEY_ID", "aiminidevkey"),
            ("AIMINI_S3_SECRET_ACCESS_KEY", "aiminidevsecret0123456789"),
            (
                "AIMINI_DATABASE_URL",
                "postgres://aimini:aimini@postgres:5432/aimini",
            ),
        ],
    ))
    .expect_err("refused");
    let keys = err.keys();
    for key in [
        "AIMINI_S3_ACCESS_KEY_ID",
        "AIMINI_S3_SECRET_ACCESS_KEY",
        "AIMINI_DATABASE_URL",
    ] {
        assert!(keys.contains(&key), "{key} named: {err}");
    }
    let text = err.to_string();
    assert!(
        !text.contains("aiminidevsecret"),
        "the value is never printed: {text}"
    );
}

#[test]
fn production_refuses_a_weak_metrics_token() {
    let err = Config::from_source(&with(
        &production_pairs(),
        &[("AIMINI_METRICS_TOKEN", "prometheus")],
    ))
    .expect_err("refused");
    assert_eq!(err.key, "AIMINI_METRICS_TOKEN", "{err}");
    let ok = Config::from_source(&with(
        &production_pairs(),
        &[("AIMINI_METRICS_TOKEN", "metrics-Vb7Qm2Xk9Lp4Rt8Wz1Nc6Hd3Jf")],
    ))
    .expect("a strong token starts");
    assert!(ok.log.metrics_token.is_some());
    let dev = Config::from_source(&Source::default()).expect("dev");
    assert!(dev.log.metrics_token.is_none(), "off unless configured");
}

#[test]
fn production_refuses_weak_signing_keys() {
    for weak in [
        "0123456789abcdef0123456789abcdef",
        "correct horse battery staple correct horse",
        &"a".repeat(200),
    ] {
        let err = Config::from_source(&with(&production_pairs(), &[("AIMINI_JWT_SECRET", weak)]))
            .expect_err("refused");
        assert_eq!(err.key, "AIMINI_JWT_SECRET", "{weak}: {err}");
        assert!(err.message.contains("256"), "{err}");
    }
    assert!(
        production::entropy_bits("q3Vx9LmT2pR7sKd4Wn8Yb1Hc6Jf0Gz5Ae+Ui/Ot3Ql7Xr2Nv9Mk4Bs8Cw1Dy6Ez")
            > 256.0
    );
    // openssl rand -hex 32
    assert!(
        production::entropy_bits(
            "5f0c9e8a1b7d3c2e4f6a8b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6"
        ) >= 256.0
    );
}

#[test]
fn production_names_every_unsafe_setting_at_once() {
    let base: Vec<(&'static str, String)> = vec![
        ("AIMINI_ENV", "production".into()),
        (
            "AIMINI_JWT_SECRET",
            "change-me-dev-only-secret-0123456789abcdef".into(),
        ),
        ("AIMINI_RATE_LIMIT_FAIL_OPEN", "true".into()),
    ];
    let err = Config::from_source(&with(&base, &[])).expect_err("refused");
    let keys = err.keys();
    for key in [
        "AIMINI_JWT_SECRET",
        "AIMINI_SMTP_HOST",
        "AIMINI_RATE_LIMIT_FAIL_OPEN",
        "AIMINI_STORAGE_BACKEND",
        "AIMINI_PUBLIC_URL",
    ] {
        assert!(keys.contains(&key), "{key} named: {err}");
    }
    let text = err.to_string();
    assert_eq!(text.lines().count(), keys.len(), "one line per key: {text}");
    assert!(
        text.lines()
            .all(|l| l.starts_with("invalid configuration: AIMINI_"))
    );
}

#[test]
fn secrets_can_come_from_files() {
    let dir = std::env::temp_dir().join(format!("aimini-cfg-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("jwt");
    std::fs::write(&file, "from-a-file-0123456789abcdefghijklmnop\n").expect("write");
    let path = file.display().to_string();
    let src = Source::from_pairs([("AIMINI_JWT_SECRET_FILE", path.as_str())])
        .with_secret_files()
        .expect("read");
    let cfg = Config::from_source(&src).expect("valid");
    assert_eq!(
        cfg.auth.jwt_secret.expose_secret(),
        "from-a-file-0123456789abcdefghijklmnop"
    );
    let err = Source::from_pairs([
        ("AIMINI_JWT_SECRET_FILE", path.as_str()),
        ("AIMINI_JWT_SECRET", "x"),
    ])
    .with_secret_files()
    .expect_err("both");
    assert_eq!(err.key, "AIMINI_JWT_SECRET_FILE");
    let err = Source::from_pairs([("AIMINI_SMTP_PASSWORD_FILE", "/nonexistent/pw")])
        .with_secret_files()
        .expect_err("missing");
    assert_eq!(err.key, "AIMINI_SMTP_PASSWORD_FILE");
    let _ = std::fs::remove_dir_all(dir);
}

/// Every secret-looking value written in the repository's configs, docs, scripts and tests is in
/// `PUBLISHED_SECRETS`, so production refuses it: a new one added to a file without being listed
/// fails here.
#[test]
fn every_secret_in_the_repository_is_refused_by_production() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![
        root.join("docker-compose.yml"),
        root.join(".env.example"),
        root.join("README.md"),
        root.join("models/src/config/tests.rs"),
    ];
    for dir in [
        "deploy",
        "scripts",
        "tests/src",
        "tests/tests",
        "api/tests",
        "worker/tests",
    ] {
        collect(&root.join(dir), &mut files);
    }
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for line in text.lines() {
            found.extend(secret_values(line).into_iter().map(|v| (v, f.clone())));
        }
    }
    let mut values: Vec<&str> = found.iter().map(|(v, _)| v.as_str()).collect();
    values.sort_unstable();
    values.dedup();
    eprintln!("secret values found in the repository: {values:?}");
    assert!(
        values.len() >= 10,
        "the scan finds the known ones: {values:?}"
    );
    let missing: Vec<_> = found
        .iter()
        .filter(|(v, _)| !production::PUBLISHED_SECRETS.contains(&v.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to production::PUBLISHED_SECRETS: {missing:?}"
    );
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| {
            ["rs", "yml", "yaml", "json", "sh", "md", "env"].contains(&x.to_str().unwrap_or(""))
        }) {
            out.push(p);
        }
    }
}

/// Values assigned to secret-named configuration keys on one line: `KEY=value`, `KEY: value`,
/// `${KEY:-value}`, `("KEY", "value")`, `KEY: &str = "value"`, `"secretKey": "value"`. A key is an
/// upper-case identifier naming a secret (`AIMINI_JWT_SECRET`, `S3_SECRET_ACCESS_KEY`, `API_KEY`,
/// `POSTGRES_PASSWORD`...) or SeaweedFS's `accessKey`/`secretKey`.
fn secret_values(line: &str) -> Vec<String> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut at = None;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if len == 0 {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let word = &rest[..len];
        let upper = word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let named = upper
            && ["SECRET", "PASSWORD", "API_KEY", "ACCESS_KEY"]
                .iter()
                .any(|n| word.contains(n))
            && !word.ends_with("_FILE");
        if named || word == "accessKey" || word == "secretKey" {
            at = Some(i + len);
            break;
        }
        i += len;
    }
    let Some(at) = at else {
        return Vec::new();
    };
    let rest = &line[at..];
    let mut out = Vec::new();
    // A quoted string right after the key (`KEY", "v"`, `KEY: &str = "v"`, `"secretKey": "v"`).
    let rest_q = rest.strip_prefix('"').unwrap_or(rest);
    if let Some(open) = rest_q.find('"') {
        let between = rest_q[..open]
            .replace("&'static str", "")
            .replace("&str", "");
        if between.chars().all(|c| matches!(c, ' ' | ',' | ':' | '=')) {
            let value = &rest_q[open + 1..];
            out.push(value[..value.find('"').unwrap_or(value.len())].to_owned());
        }
    }
    // Unquoted: right after `=`, `: ` or `:-`, up to a space, quote or brace.
    for sep in ["=", ": ", ":-"] {
        if let Some(v) = rest
            .strip_prefix(sep)
            .or_else(|| rest.trim_start().strip_prefix(sep))
        {
            let v: String = v
                .trim_start()
                .chars()
                .take_while(|c| {
                    !c.is_whitespace() && !matches!(c, '"' | '}' | ',' | ')' | '`' | ';')
                })
                .collect();
            out.push(v);
        }
    }
    out.retain(|v| {
        v.len() >= 6
            && !v.contains(['$', '<', '{', ' ', '[', '(', '/', '\\', '.'])
            && !v.starts_with("AIMINI_")
            && !v.chars().all(|c| c.is_ascii_uppercase() || c == '_')
    });
    out.sort();
    out.dedup();
    out
}
