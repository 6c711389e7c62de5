//! The real `aimini-api` binary: configuration errors, `migrate`, `serve` on embedded defaults (local
//! storage, mail outbox), logs that never carry secrets, and a clean exit on SIGTERM.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection, PgConnection};

const BIN: &str = env!("CARGO_BIN_EXE_aimini-api");
const JWT_SECRET: &str = "process-test-jwt-secret-0123456789abcdef";

fn admin_url() -> String {
    std::env::var("AIMINI_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn redis_url() -> String {
    std::env::var("AIMINI_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

fn run_with(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env(
            "AIMINI_PROMPTS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../prompts"),
        )
        .envs(env.iter().copied())
        .output()
        .expect("run aimini-api")
}

#[test]
fn invalid_configuration_stops_with_one_line_naming_the_key() {
    // (environment, the key the error must name, a secret that must not be echoed)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
    let cases: &[Case] = &[
        (&[("AIMINI_HTTP_ADDR", "nope")], "AIMINI_HTTP_ADDR", None),
        (&[("AIMINI_ENV", "production")], "AIMINI_JWT_SECRET", None),
        (
            &[("AIMINI_JWT_SECRET", "short-secret-xyz")],
            "AIMINI_JWT_SECRET",
            Some("short-secret-xyz"),
        ),
        (
            &[
                ("AIMINI_STORAGE_BACKEND", "s3"),
                ("AIMINI_S3_SECRET_ACCESS_KEY", "s3-secret-value-123456"),
            ],
            "AIMINI_S3_SECRET_ACCESS_KEY",
            Some("s3-secret-value-123456"),
        ),
        (
            &[("AIMINI_RATE_LIMIT_API_CALLS", "lots")],
            "AIMINI_RATE_LIMIT_API_CALLS",
            None,
        ),
    ];
    for (env, key, secret) in cases {
        let out = run_with(env, &["serve"]);
        assert_eq!(out.status.code(), Some(2), "{key}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.starts_with(&format!("invalid configuration: {key}: ")),
            "{stderr}"
        );
        if let Some(secret) = secret {
            assert!(!stderr.contains(secret), "secret echoed: {stderr}");
        }
    }
}

/// The review's finding: production started with docker-compose.yml's old fallback secret (and a
/// token forged with it opened the admin API). Now it stops, naming that key and every other unsafe
/// setting on its own line, without echoing the secret.
#[test]
fn production_with_published_or_unsafe_settings_names_each_and_stops() {
    let published = "change-me-dev-only-secret-0123456789abcdef";
    let out = run_with(
        &[
            ("AIMINI_ENV", "production"),
            ("AIMINI_JWT_SECRET", published),
        ],
        &["serve"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let keys: Vec<&str> = stderr
        .lines()
        .map(|l| {
            l.strip_prefix("invalid configuration: ")
                .and_then(|rest| rest.split(':').next())
                .unwrap_or_else(|| panic!("not a configuration line: {l}"))
        })
        .collect();
    for key in [
        "AIMINI_JWT_SECRET",
        "AIMINI_SMTP_HOST",
        "AIMINI_STORAGE_BACKEND",
        "AIMINI_PUBLIC_URL",
    ] {
        assert!(keys.contains(&key), "{key} named: {stderr}");
    }
    assert!(!stderr.contains(published), "secret echoed: {stderr}");
}

#[test]
fn init_secrets_creates_them_once_and_keeps_them() {
    let dir = std::env::temp_dir().join(format!("aimini-init-secrets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dir_arg = dir.display().to_string();
    let first = run_with(&[], &["init-secrets", "--dir", &dir_arg]);
    assert!(first.status.success(), "{first:?}");
    let created = String::from_utf8_lossy(&first.stdout);
    assert_eq!(
        created
            .lines()
            .filter(|l| l.starts_with("created "))
            .count(),
        7,
        "{created}"
    );
    let jwt = std::fs::read_to_string(dir.join("jwt_secret")).expect("jwt");
    let again = run_with(&[], &["init-secrets", "--dir", &dir_arg]);
    assert!(again.status.success());
    let kept = String::from_utf8_lossy(&again.stdout);
    assert!(kept.lines().all(|l| l.starts_with("kept ")), "{kept}");
    assert_eq!(
        std::fs::read_to_string(dir.join("jwt_secret")).expect("jwt"),
        jwt
    );
    // The generated key is accepted where the published one was refused.
    let file = dir.join("jwt_secret").display().to_string();
    let out = run_with(
        &[
            ("AIMINI_ENV", "production"),
            ("AIMINI_JWT_SECRET_FILE", &file),
        ],
        &["serve"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("AIMINI_JWT_SECRET"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openapi_subcommand_prints_the_document() {
    let out = run_with(&[], &["openapi"]);
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(doc["paths"]["/api/v1/auth/register"]["post"].is_object());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

async fn wait_healthy(client: &reqwest::Client, base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await
            && r.status() == 200
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "aimini-api did not become healthy"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn png() -> Vec<u8> {
    // A 2x1 RGB PNG.
    let mut out = Vec::new();
    let img = image::RgbImage::from_fn(2, 1, |x, _| image::Rgb([x as u8 * 200, 50, 50]));
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

#[tokio::test]
async fn migrate_then_serve_on_embedded_defaults_and_stop_cleanly() {
    let db_name = format!("aimini_t_{}", uuid::Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&admin_url())
        .await
        .expect("admin connection");
    // The name is generated above, not input.
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {db_name}")))
        .execute(&mut admin)
        .await
        .expect("create db");
    let mut db_url = url::Url::parse(&admin_url()).expect("url");
    db_url.set_path(&format!("/{db_name}"));
    let db_url = db_url.to_string();

    let work = std::env::temp_dir().join(format!("aimini-proc-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&work).expect("work dir");
    let storage_dir = work.join("storage");
    let outbox = work.join("outbox");
    let log_path = work.join("api.log");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let prefix = format!("aimini-proc:{}:", uuid::Uuid::new_v4().simple());
    let env: Vec<(&str, String)> = vec![
        ("AIMINI_DATABASE_URL", db_url.clone()),
        ("AIMINI_REDIS_URL", redis_url()),
        ("AIMINI_REDIS_PREFIX", prefix),
        ("AIMINI_HTTP_ADDR", format!("127.0.0.1:{port}")),
        ("AIMINI_PUBLIC_URL", base.clone()),
        ("AIMINI_JWT_SECRET", JWT_SECRET.into()),
        (
            "AIMINI_STORAGE_LOCAL_DIR",
            storage_dir.display().to_string(),
        ),
        ("AIMINI_MAIL_OUTBOX_DIR", outbox.display().to_string()),
        ("AIMINI_LOG_FORMAT", "json".into()),
        ("AIMINI_LOG", "debug".into()),
        (
            "AIMINI_PROMPTS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../prompts").into(),
        ),
    ];

    for _ in 0..2 {
        let out = Command::new(BIN)
            .arg("migrate")
            .env_clear()
            .envs(env.clone())
            .output()
            .expect("migrate");
        assert!(
            out.status.success(),
            "migrate: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let log = std::fs::File::create(&log_path).expect("log file");
    let mut child = Command::new(BIN)
        .arg("serve")
        .env_clear()
        .envs(env.clone())
        .stdout(Stdio::from(log.try_clone().expect("clone")))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("spawn serve");

    let client = reqwest::Client::new();
    wait_healthy(&client, &base).await;
    let password = "process test passphrase";
    let reg: Value = client
        .post(format!("{base}/api/v1/auth/register"))
        .header("x-request-id", "proc-test-req-1")
        .json(&json!({"username": "proc", "email": "proc@example.com", "password": password}))
        .send()
        .await
        .expect("register")
        .json()
        .await
        .expect("json");
    let access = reg["access_token"].as_str().expect("access").to_owned();
    let refresh = reg["refresh_token"].as_str().expect("refresh").to_owned();
    let bad = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "proc", "password": "wrong but long enough"}))
        .send()
        .await
        .expect("login");
    assert_eq!(bad.status(), 401);
    let ready: Value = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("readyz")
        .json()
        .await
        .expect("json");
    assert_eq!(ready["storage"], "ok");

    // The local storage backend (the embedded default) serves avatars too.
    let form = reqwest::multipart::Form::new().part(
        "avatar",
        reqwest::multipart::Part::bytes(png()).file_name("a.png"),
    );
    let me: Value = client
        .post(format!("{base}/api/v1/users/avatar"))
        .bearer_auth(&access)
        .multipart(form)
        .send()
        .await
        .expect("avatar")
        .json()
        .await
        .expect("json");
    let avatar_url = me["avatar_url"].as_str().expect("avatar url");
    let avatar = client.get(avatar_url).send().await.expect("fetch avatar");
    assert_eq!(avatar.status(), 200);
    assert!(
        std::fs::read_dir(storage_dir.join("avatars")).is_ok(),
        "stored under the local directory"
    );

    let forgot = client
        .post(format!("{base}/api/v1/auth/forgot-password"))
        .json(&json!({"email": "proc@example.com"}))
        .send()
        .await
        .expect("forgot");
    assert_eq!(forgot.status(), 202);
    let reset_token = wait_for_reset_token(&outbox).await;

    // SIGTERM: stop accepting, drain, exit 0.
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill")
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "aimini-api did not stop after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status after SIGTERM: {status}");

    let logs = std::fs::read_to_string(&log_path).expect("logs");
    assert!(
        logs.contains("proc-test-req-1"),
        "request id missing from the logs"
    );
    assert!(logs.contains("shutdown signal received"));
    for line in logs.lines() {
        assert!(
            serde_json::from_str::<Value>(line).is_ok(),
            "not a JSON log line: {line}"
        );
    }
    for (what, secret) in [
        ("password", password),
        ("access token", access.as_str()),
        ("refresh token", refresh.as_str()),
        ("JWT secret", JWT_SECRET),
        ("reset token", reset_token.as_str()),
        ("database URL", db_url.as_str()),
    ] {
        assert!(!logs.contains(secret), "{what} leaked into the logs");
    }

    drop(admin.close().await);
    let mut admin = PgConnection::connect(&admin_url())
        .await
        .expect("admin connection");
    let _ = sqlx::query(AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await;
    let _ = std::fs::remove_dir_all(&work);
}

async fn wait_for_reset_token(outbox: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(rd) = std::fs::read_dir(outbox) {
            for entry in rd.flatten() {
                let mail: Value =
                    serde_json::from_slice(&std::fs::read(entry.path()).expect("read"))
                        .expect("json");
                let text = mail["text"].as_str().unwrap_or_default();
                if let Some(pos) = text.find("token=") {
                    return text[pos + 6..]
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                }
            }
        }
        assert!(Instant::now() < deadline, "no reset mail in the outbox");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
