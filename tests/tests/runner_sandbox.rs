//! Untrusted game code against the real `aimini-worker` binary: whatever an uploaded game does, the
//! worker process survives with bounded memory, the owner reads why the version failed, and a
//! version that keeps stopping its runner is failed for good instead of being re-queued forever.

use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use aimini_tests::{TestApp, TestUser, spawn_app_with};
use serde_json::{Value, json};

/// The worker may never grow past this, whatever the game does (it idles near 100 MB).
const WORKER_RSS_LIMIT: u64 = 1 << 30;

/// The review's payload: a sprite (of the largest size the runtime allows) whose palette maps its
/// one pixel colour to a 1 MiB string, so the colours array holds 65,536 references to it. QuickJS
/// pays 16 bytes an entry; a host that copies each entry into its own string pays 64 GiB.
const PALETTE_BOMB: &str = r##"var big = "#" + "f".repeat(1 << 20);
var row = "a".repeat(256);
var rows = [];
for (var i = 0; i < 256; i++) rows.push(row);
aimini.game({
  setup: function (ctx) {
    ctx.sprite.define("bomb", rows, { a: big });
  },
  update: function (ctx, dt) {},
  draw: function (ctx) {
    ctx.clear("#000");
    ctx.sprite.draw("bomb", 0, 0, 1);
  },
});
"##;

/// A playable game whose every frame takes 150 ms: a validation of it runs for seconds, long
/// enough to kill its worker mid-run.
const SLOW_GAME: &str = r##"var x = 0;
aimini.game({
  setup: function (ctx) { x = 10; },
  update: function (ctx, dt) {
    var t = Date.now();
    while (Date.now() - t < 150) {}
    if (ctx.input.down("right") || ctx.input.pointer.down) x += 5;
  },
  draw: function (ctx) {
    ctx.clear("#123");
    ctx.rect(x % 600, 100, 40, 40, "#fc0");
  },
});
"##;

async fn upload(app: &TestApp, user: &TestUser, title: &str, logic: &str) -> String {
    let resp = app
        .client
        .post(app.url("/api/v1/games"))
        .bearer_auth(&user.access_token)
        .json(&json!({"title": title, "category": "arcade", "logic": logic}))
        .send()
        .await
        .expect("upload");
    let status = resp.status();
    let body: Value = resp.json().await.expect("json");
    assert_eq!(status, 202, "upload accepted: {body}");
    body["id"].as_str().expect("id").to_owned()
}

/// Version 1 of the game as its owner sees it.
async fn version(app: &TestApp, user: &TestUser, game: &str) -> Value {
    app.get_auth(
        &format!("/api/v1/games/{game}/versions/1"),
        &user.access_token,
    )
    .await
    .json()
    .await
    .expect("version json")
}

/// Waits (at most `secs`) until version 1 is no longer validating.
async fn settled(app: &TestApp, user: &TestUser, game: &str, secs: u64) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let v = version(app, user, game).await;
        if v["state"] != "validating" {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "version still validating after {secs} s: {v}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Resident memory of a process, from /proc (bytes).
fn rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Samples a process's RSS every 20 ms, keeps the peak, and SIGKILLs it past `limit` (so a test
/// that fails does so without taking the machine with it).
struct RssWatch {
    peak: Arc<AtomicU64>,
    exceeded: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl RssWatch {
    fn start(pid: u32, limit: u64) -> Self {
        let peak = Arc::new(AtomicU64::new(0));
        let exceeded = Arc::new(AtomicBool::new(false));
        let (p, e) = (peak.clone(), exceeded.clone());
        let task = tokio::spawn(async move {
            while let Some(now) = rss(pid) {
                p.fetch_max(now, Ordering::Relaxed);
                if now > limit {
                    e.store(true, Ordering::Relaxed);
                    let _ = std::process::Command::new("kill")
                        .args(["-KILL", &pid.to_string()])
                        .status();
                    return;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        Self {
            peak,
            exceeded,
            task,
        }
    }

    fn peak_mb(&self) -> u64 {
        self.peak.load(Ordering::Relaxed) >> 20
    }
}

impl Drop for RssWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn validation_worker(app: &TestApp, name: &str) -> Child {
    app.worker_command(
        name,
        &["run", "--queues", "validation", "--concurrency", "1"],
    )
    .spawn()
    .expect("spawn aimini-worker")
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[tokio::test]
async fn a_host_memory_bomb_fails_the_version_and_the_worker_survives() {
    let app = spawn_app_with(|_| {}).await;
    let user = app.register("bomber").await;
    let game = upload(&app, &user, "Palette bomb", PALETTE_BOMB).await;

    let mut worker = validation_worker(&app, "bomb");
    let pid = worker.id();
    let watch = RssWatch::start(pid, WORKER_RSS_LIMIT);
    let idle = tokio::time::Instant::now() + Duration::from_secs(90);
    let v = loop {
        let v = version(&app, &user, &game).await;
        if v["state"] != "validating" || watch.exceeded.load(Ordering::Relaxed) {
            break v;
        }
        assert!(tokio::time::Instant::now() < idle, "never validated: {v}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    eprintln!(
        "worker peak RSS while validating the palette bomb: {} MB (limit {} MB)",
        watch.peak_mb(),
        WORKER_RSS_LIMIT >> 20
    );
    assert!(
        !watch.exceeded.load(Ordering::Relaxed),
        "the worker grew past {} MB and was killed: {v}",
        WORKER_RSS_LIMIT >> 20
    );
    assert!(
        worker.try_wait().expect("try_wait").is_none(),
        "the worker process (pid {pid}) died"
    );
    assert!(rss(pid).is_some(), "pid {pid} is still there");
    assert_eq!(v["state"], "failed", "{v}");
    let message = v["error_message"].as_str().unwrap_or_default();
    assert!(
        message.contains("sprite.define") && message.contains("64 characters"),
        "the owner reads what went wrong: {message}"
    );
    stop(worker);
}

/// Attempts counted in Postgres for version 1.
async fn attempts(app: &TestApp, game: &str) -> i32 {
    sqlx::query_scalar(
        "SELECT validation_attempts FROM game_versions WHERE game_id = $1::uuid AND version = 1",
    )
    .bind(game)
    .fetch_one(&app.db)
    .await
    .expect("validation_attempts")
}

#[tokio::test]
async fn a_version_that_keeps_stopping_its_runner_is_failed_for_good() {
    let app = spawn_app_with(|src| {
        src.set("AIMINI_RUNNER_MAX_ATTEMPTS", "2");
        // A stopped run's lease lapses after one job timeout; the reconciler then pushes it again.
        src.set("AIMINI_GENERATION_JOB_TIMEOUT_SECS", "4");
        src.set("AIMINI_GENERATION_LEASE_SECS", "5");
    })
    .await;
    let user = app.register("stopper").await;
    let game = upload(&app, &user, "Slow poke", SLOW_GAME).await;

    // Each worker is killed as soon as its run has started (the attempt is counted first).
    for attempt in 1..=2 {
        let worker = validation_worker(&app, &format!("stopped-{attempt}"));
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while attempts(&app, &game).await < attempt {
            assert!(
                tokio::time::Instant::now() < deadline,
                "attempt {attempt} never started"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(version(&app, &user, &game).await["state"], "validating");
        stop(worker);
    }

    let worker = validation_worker(&app, "last");
    let v = settled(&app, &user, &game, 60).await;
    stop(worker);
    assert_eq!(v["state"], "failed", "{v}");
    let message = v["error_message"].as_str().unwrap_or_default();
    assert!(
        message.contains("stopped 2 times"),
        "the owner reads why it was given up: {message}"
    );
    assert_eq!(
        attempts(&app, &game).await,
        3,
        "the third delivery gave up without running the game"
    );
}
