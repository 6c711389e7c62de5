//! The real `aimini-worker` binary: health and metrics port, bad arguments, SIGTERM.

use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_aimini-worker");

fn env_or(key: &str, default: &str) -> String {
    std::env::var(key).unwrap_or_else(|_| default.to_owned())
}

fn migrated_db_url() -> String {
    let admin = env_or(
        "AIMINI_TEST_DATABASE_URL",
        "postgres://postgres@127.0.0.1:5432/postgres",
    );
    match admin.rsplit_once('/') {
        Some((server, _)) => format!("{server}/aimini"),
        None => admin,
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn base_command(port: u16) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        // The dev database scripts/test.sh migrates: the reconciler needs the real schema.
        .env("AIMINI_DATABASE_URL", migrated_db_url())
        .env(
            "AIMINI_REDIS_URL",
            env_or("AIMINI_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
        )
        .env("AIMINI_WORKER_HEALTH_ADDR", format!("127.0.0.1:{port}"))
        .env("AIMINI_METRICS_TOKEN", METRICS_TOKEN)
        .env(
            "AIMINI_PROMPTS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../prompts"),
        )
        .env(
            "AIMINI_STORAGE_LOCAL_DIR",
            std::env::temp_dir()
                .join("aimini-worker-process-test")
                .display()
                .to_string(),
        )
        // Queue keys of this test stay apart from everyone else's.
        .env("AIMINI_REDIS_PREFIX", format!("aimini-wproc:{port}:"));
    cmd
}

#[test]
fn unknown_queues_are_refused() {
    let out = base_command(free_port())
        .args(["run", "--queues", "generation.v1,bogus"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown queue \"bogus\""));
}

#[test]
fn bad_configuration_names_the_key() {
    let out = base_command(free_port())
        .env("AIMINI_WORKER_HEALTH_ADDR", "nowhere")
        .arg("run")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("invalid configuration: AIMINI_WORKER_HEALTH_ADDR:")
    );
}

/// What `/metrics` expects (the worker is started with it; without it the endpoint is off).
const METRICS_TOKEN: &str = "worker-process-metrics-token";

fn http_get(port: u16, path: &str) -> Option<String> {
    http_get_with(port, path, "")
}

fn http_get_with(port: u16, path: &str, extra_headers: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra_headers}\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

#[test]
fn serves_health_and_metrics_then_stops_on_sigterm() {
    let port = free_port();
    let mut child = base_command(port)
        .args(["run", "--concurrency", "3"])
        .spawn()
        .expect("spawn worker");
    let deadline = Instant::now() + Duration::from_secs(30);
    let health = loop {
        if let Some(r) = http_get(port, "/healthz") {
            break r;
        }
        assert!(Instant::now() < deadline, "worker did not come up");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let ready = http_get(port, "/readyz").expect("readyz");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    let anonymous = http_get(port, "/metrics").expect("metrics");
    assert!(anonymous.starts_with("HTTP/1.1 401"), "{anonymous}");
    let metrics = http_get_with(
        port,
        "/metrics",
        &format!("Authorization: Bearer {METRICS_TOKEN}\r\n"),
    )
    .expect("metrics");
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(metrics.contains("worker_queues_served 4"), "{metrics}");

    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill")
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "exit after SIGTERM: {status}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "worker did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
