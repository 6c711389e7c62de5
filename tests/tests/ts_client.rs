//! The TypeScript client (clients/ts/) against the real API and a worker: its smoke script registers,
//! generates a game, polls the request to completion and finds the game in its own list, through the
//! client generated from the committed OpenAPI document. `scripts/test.sh` builds it
//! (`scripts/ts-client.sh check`, which also fails CI when the document or the generated types are
//! stale) and exports `AIMINI_TS_CLIENT_SMOKE`, the built script's path.

use std::path::PathBuf;
use std::time::Duration;

use aimini_tests::spawn_app;

/// The built smoke script, or `None` (with the reason printed) when this run did not build it.
fn smoke_script() -> Option<PathBuf> {
    let Ok(path) = std::env::var("AIMINI_TS_CLIENT_SMOKE") else {
        eprintln!(
            "skipped: AIMINI_TS_CLIENT_SMOKE is not set; run the tests through scripts/test.sh, or \
             `bash scripts/ts-client.sh build` and export \
             AIMINI_TS_CLIENT_SMOKE=$PWD/clients/ts/dist/smoke.js"
        );
        return None;
    };
    let path = PathBuf::from(path);
    // Set but missing is a broken build, not a reason to skip.
    assert!(
        path.is_file(),
        "AIMINI_TS_CLIENT_SMOKE={} does not exist: run `bash scripts/ts-client.sh build`",
        path.display()
    );
    Some(path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_client_registers_generates_and_lists_against_the_api() {
    let Some(script) = smoke_script() else {
        return;
    };
    let app = spawn_app().await;
    let _worker = app.start_worker().await;

    let run = tokio::process::Command::new("node")
        .arg(&script)
        .arg(&app.address)
        // Well inside the outer bound below, so a stuck generation fails with the script's message.
        .env("AIMINI_SMOKE_TIMEOUT_MS", "60000")
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .expect("the smoke script finishes within 120 s")
        .expect("run node (is Node.js installed?)");
    let stdout = aimini_tests::succeeded(&out, "the smoke script");
    assert!(stdout.lines().any(|l| l == "smoke: ok"), "{stdout}");

    // What the script reported is what the server holds: one account it made, owning one game
    // made by a completed request.
    let (users, games, completed): (i64, i64, i64) = sqlx::query_as(
        "SELECT
            (SELECT count(*) FROM users WHERE username LIKE 'ts\\_smoke\\_%'),
            (SELECT count(*) FROM games g JOIN users u ON u.id = g.creator_id
              WHERE u.username LIKE 'ts\\_smoke\\_%' AND g.status <> 'deleted'),
            (SELECT count(*) FROM ai_generation_requests r JOIN users u ON u.id = r.user_id
              WHERE u.username LIKE 'ts\\_smoke\\_%' AND r.status = 'completed')",
    )
    .fetch_one(&app.db)
    .await
    .expect("count what the script made");
    assert_eq!((users, games, completed), (1, 1, 1));
}
