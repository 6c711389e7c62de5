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
