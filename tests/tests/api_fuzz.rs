//! The whole API fuzzed from its own OpenAPI document by schemathesis (from PyPI; `scripts/test.sh`
//! installs it into `~/.cache/aimini/schemathesis` and exports `AIMINI_SCHEMATHESIS`), as an anonymous
//! caller, a signed-in user and an admin, with every check it has: no server error, every status code
//! and response body as documented, no request that is valid per the document refused, no invalid one
//! accepted. Bounded in examples and time so CI stays quick; `AIMINI_FUZZ_EXAMPLES` and
//! `AIMINI_FUZZ_SECS` raise the bounds for a longer run.

use std::path::PathBuf;
use std::time::Duration;

use aimini_tests::{TestApp, spawn_app_with};

/// The schemathesis CLI, or a failure that says how to get it (a skip would prove nothing).
fn schemathesis() -> PathBuf {
    let path = std::env::var("AIMINI_SCHEMATHESIS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let home = std::env::var("HOME").unwrap_or_default();
            PathBuf::from(home).join(".cache/aimini/schemathesis/venv/bin/st")
        });
    assert!(
        path.is_file(),
        "schemathesis is not installed at {}: run the tests through scripts/test.sh, which installs it",
        path.display()
    );
    path
}

fn env_num(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One schemathesis run as `who`; returns (success, the report's tail).
async fn fuzz(app: &TestApp, who: &str, bearer: Option<&str>) -> (bool, String) {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/schemathesis.toml");
    let mut cmd = tokio::process::Command::new(schemathesis());
    cmd.arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(app.url("/api/v1/openapi.json"))
        .args(["--checks", "all"])
        .args(["--workers", "2"])
        .args([
            "--max-examples",
            &env_num("AIMINI_FUZZ_EXAMPLES", 12).to_string(),
        ])
        .args(["--max-time", &env_num("AIMINI_FUZZ_SECS", 60).to_string()])
        .args(["--request-timeout", "20"])
        .args(["--seed", "20261206"])
        .kill_on_drop(true);
    if let Some(token) = bearer {
        // Logging out ends the very session the run signs in with (its access token is denylisted
        // at once), which would leave every later request a 401; the anonymous run covers it.
        cmd.arg("-H")
            .arg(format!("Authorization: Bearer {token}"))
            .args(["--exclude-path", "/api/v1/auth/logout"]);
    }
    let out = tokio::time::timeout(Duration::from_secs(600), cmd.output())
        .await
        .expect("schemathesis finishes")
        .expect("schemathesis runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let tail: String = {
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(400)..].join("\n")
    };
    eprintln!("==== schemathesis as {who} ====\n{tail}");
    (out.status.success(), tail)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_keeps_its_openapi_document_under_fuzzing() {
    let app = spawn_app_with(|_| {}).await;
    let user = app.register("fuzz_user").await;
    let admin = app.user_with_role("fuzz_admin", "admin").await;
    let mut failed = Vec::new();
    for (who, bearer) in [
        ("anonymous", None),
        ("user", Some(user.access_token.as_str())),
        ("admin", Some(admin.access_token.as_str())),
    ] {
        let (ok, _) = fuzz(&app, who, bearer).await;
        if !ok {
            failed.push(who);
        }
    }
    assert!(
        failed.is_empty(),
        "schemathesis found problems as {failed:?} (reports above)"
    );
}
