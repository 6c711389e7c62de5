//! The real `aimini-worker` binary as a child process: killed with SIGKILL mid-job, nothing is
//! lost and the game is made exactly once; stopped with SIGTERM mid-job, it finishes the job first.
//!
//! To stop the job at a known point, the test holds a lock on `games` so the worker blocks on its
//! completing INSERT (everything before it, S3 uploads included, has happened by then).

use std::process::{Child, Command};
use std::time::Duration;

use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::{TestApp, spawn_app_with};
use serde_json::{Value, json};
use sqlx::Connection as _;

/// Starts `aimini-worker run` on the generation and moderation queues with the app's configuration.
fn spawn_worker(app: &TestApp, name: &str) -> Child {
    app.worker_command(
        name,
        &[
            "run",
            "--queues",
            "generation,moderation",
            "--concurrency",
            "1",
        ],
    )
    .spawn()
    .expect("spawn aimini-worker")
}

fn stage_query() -> &'static str {
    "SELECT status, stage, attempts FROM ai_generation_requests WHERE id = $1::uuid"
}

/// Waits until a backend is blocked on a lock while inserting into `games`: the worker has done
/// everything but commit.
async fn wait_for_blocked_insert(app: &TestApp, id: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'
               AND query ILIKE '%INSERT INTO games%'",
        )
        .fetch_one(&app.db)
        .await
        .expect("pg_stat_activity");
        if waiting > 0 {
            return;
        }
        let row: (String, Option<String>, i32) = sqlx::query_as(stage_query())
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("request");
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker never reached the games insert; request is {row:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn submit(app: &TestApp, token: &str) -> String {
    app.submit_generation(
        token,
        "/api/v1/ai/generate-game",
        &json!({"prompt": "a snake game in the jungle", "engine": "local"}),
    )
    .await
}

/// A lock on `games` held by a separate connection until `release`.
async fn lock_games(app: &TestApp) -> sqlx::PgConnection {
    let url = format!(
        "{}/{}",
        std::env::var("AIMINI_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
            .rsplit_once('/')
            .expect("db url")
            .0,
        app.db_name
    );
    let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
    sqlx::query("BEGIN")
        .execute(&mut conn)
        .await
        .expect("begin");
    // Blocks INSERTs into games, not reads.
    sqlx::query("LOCK TABLE games IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut conn)
        .await
        .expect("lock");
    conn
}

async fn release(mut conn: sqlx::PgConnection) {
    sqlx::query("ROLLBACK")
        .execute(&mut conn)
        .await
        .expect("rollback");
}

async fn assert_one_stored_game(app: &TestApp, done: &Value) {
    let games: Vec<(uuid::Uuid,)> = sqlx::query_as("SELECT id FROM games")
        .fetch_all(&app.db)
        .await
        .expect("games");
    assert_eq!(games.len(), 1, "exactly one game row: {games:?}");
    assert_eq!(done["result_game_id"], games[0].0.to_string());
    let storage = Storage::connect(&app.config.storage).await.expect("s3");
    let data: Value = sqlx::query_scalar("SELECT game_data FROM games WHERE id = $1")
        .bind(games[0].0)
        .fetch_one(&app.db)
        .await
        .expect("game_data");
    for name in ["metadata.json", "logic.js"] {
        let key = ObjectKey::new(data["files"][name]["key"].as_str().expect("key")).expect("key");
        assert!(
            matches!(storage.get(&key).await, Ok(Some(_))),
            "{name} of the completed game is stored"
        );
    }
}

#[tokio::test]
async fn a_worker_killed_mid_job_loses_nothing_and_the_game_is_made_once() {
    let app = spawn_app_with(|src| {
        // Short lease so the dead worker's claim lapses within seconds; the job timeout (which
        // must stay under the lease) leaves the second worker's debug-build run room on a loaded
        // 2-core machine: at 3 s a starved run was cut off and counted a third attempt.
        src.set("AIMINI_GENERATION_LEASE_SECS", "8");
        src.set("AIMINI_GENERATION_JOB_TIMEOUT_SECS", "7");
    })
    .await;
    let user = app.register("killed").await;
    let id = submit(&app, &user.access_token).await;

    let lock = lock_games(&app).await;
    let mut first = spawn_worker(&app, "first");
    wait_for_blocked_insert(&app, &id).await;
    first.kill().expect("SIGKILL the worker");
    first.wait().expect("reap");
    release(lock).await;

    let mut second = spawn_worker(&app, "second");
    let done = app.wait_generation(&user.access_token, &id).await;
    second.kill().expect("stop the second worker");
    let _ = second.wait();

    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["attempts"], 2, "the killed attempt counts: {done}");
    assert_one_stored_game(&app, &done).await;
}

#[tokio::test]
async fn sigterm_drains_the_job_in_flight_before_exiting() {
    let app = spawn_app_with(|_| {}).await;
    let user = app.register("drained").await;
    let id = submit(&app, &user.access_token).await;

    let lock = lock_games(&app).await;
    let mut worker = spawn_worker(&app, "drain");
    wait_for_blocked_insert(&app, &id).await;
    let status = Command::new("kill")
        .args(["-TERM", &worker.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(status.success());
    // The worker is now draining: it must not exit while its job waits on the lock.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        worker.try_wait().expect("try_wait").is_none(),
        "the worker exited with a job in flight"
    );
    release(lock).await;

    let exit = tokio::task::spawn_blocking(move || worker.wait())
        .await
        .expect("join")
        .expect("wait");
    assert!(exit.success(), "clean exit after the drain: {exit:?}");
    let row: (String, Option<String>, i32) = sqlx::query_as(stage_query())
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .expect("request");
    assert_eq!(row.0, "completed", "the in-flight job finished: {row:?}");
    assert_eq!(row.2, 1, "in one attempt");
    let done = app.wait_generation(&user.access_token, &id).await;
    assert_one_stored_game(&app, &done).await;
}
