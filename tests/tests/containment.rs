//! The hostile corpus (`tests/fixtures/hostile/corpus/`, expectations in `corpus.json`, reasons in
//! its README) against the real pipeline and real Chromium (issue 10, Medium 5 and "a sandbox
//! corpus"):
//!
//! - each file is uploaded through the API: refused by the static checker at the line:column the
//!   manifest gives, failed by the worker's runner with its reason, or accepted;
//! - each file the manifest plays is stored as a game and played through the real player page by
//!   `tests/containment-check.mjs`, with Chromium mapping every host name to a loopback listener:
//!   not one connection may reach it (no navigation pre-connect, no TURN server, no resource hint),
//!   the game's own `probe` report must show what the manifest says it saw, and a game that hangs
//!   must be noticed by the page's heartbeat watchdog;
//! - positive controls (the same attempts from an ordinary page) must reach the listener, so the
//!   zeros mean something.

use std::collections::BTreeMap;
use std::time::Duration;

use aimini_tests::{TestApp, TestUser, spawn_app_with};
use serde_json::{Value, json};
use uuid::Uuid;

fn corpus_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile")
}

fn manifest() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(corpus_dir().join("corpus.json")).expect("corpus.json");
    serde_json::from_str(&text).expect("corpus.json is JSON")
}

fn logic_of(file: &str) -> String {
    std::fs::read_to_string(corpus_dir().join("corpus").join(file)).expect("corpus file")
}

/// Uploads `logic` as a new game: the HTTP status and body.
async fn upload(app: &TestApp, user: &TestUser, file: &str) -> (u16, Value) {
    let resp = app
        .client
        .post(app.url("/api/v1/games"))
        .bearer_auth(&user.access_token)
        .json(&json!({"title": format!("Hostile {file}"), "category": "arcade", "logic": logic_of(file)}))
        .send()
        .await
        .expect("upload");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json"))
}

/// Version 1 once the runner has decided (at most `secs`).
async fn settled(app: &TestApp, user: &TestUser, game: &str, secs: u64) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let v: Value = app
            .get_auth(
                &format!("/api/v1/games/{game}/versions/1"),
                &user.access_token,
            )
            .await
            .json()
            .await
            .expect("version json");
        if v["state"] != "validating" {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{game} still validating after {secs} s: {v}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Stores a corpus file as a private game straight into storage and the database (most of them
/// could never pass the pipeline, which is the point) and returns a play-link path for its owner.
async fn store(app: &TestApp, owner: &TestUser, file: &str) -> String {
    let meta = json!({
        "schema_version": 1, "runtime": "aimini-runtime/1", "title": format!("Hostile {file}"),
        "description": "hostile corpus", "category": "arcade", "difficulty": "easy", "tags": ["test"],
        "controls": {"keys": "none", "pointer": "none", "touch": true},
        "engine": {"name": "fixture", "model": "hostile"}
    });
    let id = app
        .insert_unchecked_game(owner, &meta, &logic_of(file))
        .await;
    let resp = app
        .client
        .post(app.url(&format!("/api/v1/games/{id}/play-link")))
        .bearer_auth(&owner.access_token)
        .send()
        .await
        .expect("play link");
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.expect("json");
    body["path"].as_str().expect("path").to_owned()
}

/// Checks what the pipeline did with one file against its manifest entry; problems as text.
async fn check_gate(app: &TestApp, owner: &TestUser, file: &str, want: &Value) -> Vec<String> {
    let (status, body) = upload(app, owner, file).await;
    let says = want["says"].as_str().unwrap_or_default();
    let mut problems = Vec::new();
    match want["gate"].as_str() {
        Some("checker") => {
            let msg = body["error"]["message"].as_str().unwrap_or_default();
            let at = format!("logic.js:{}", want["at"].as_str().expect("at"));
            if status != 422 || body["error"]["code"] != "blocked_api" {
                problems.push(format!(
                    "{file}: not refused by the checker: {status} {body}"
                ));
            } else if !msg.contains(&format!("{at} ")) || !msg.contains(says) {
                problems.push(format!(
                    "{file}: refused, but not at {at} with {says:?}: {msg}"
                ));
            }
        }
        Some(gate) => {
            if status != 202 {
                problems.push(format!("{file}: upload refused: {status} {body}"));
                return problems;
            }
            let game = body["id"].as_str().expect("id");
            let v = settled(app, owner, game, 90).await;
            let error = v["error_message"].as_str().unwrap_or_default();
            if gate == "runner" && (v["state"] != "failed" || !error.contains(says)) {
                problems.push(format!(
                    "{file}: the runner should fail it with {says:?}: {v}"
                ));
            }
            if gate == "none" && v["state"] != "ready" {
                problems.push(format!("{file}: should pass both gates (contained): {v}"));
            }
        }
        None => problems.push(format!("{file}: manifest entry has no gate")),
    }
    problems
}

fn browser_tools() -> (String, String) {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let pw = std::env::var("PLAYWRIGHT_CORE").unwrap_or_else(|_| {
        format!(
            "{}/.cache/aimini/node/node_modules/playwright-core",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    assert!(
        std::path::Path::new(&chromium).exists()
            && std::path::Path::new(&pw).join("package.json").is_file(),
        "Chromium ({chromium}) or playwright-core ({pw}) is missing: scripts/test.sh installs both"
    );
    (chromium, pw)
}

/// Runs the driver; its RESULT and CONTROL lines, parsed.
async fn drive(config: Value) -> (Vec<Value>, Vec<Value>, String) {
    let (chromium, playwright) = browser_tools();
    let path = std::env::temp_dir().join(format!("aimini-containment-{}.json", Uuid::new_v4()));
    std::fs::write(&path, config.to_string()).expect("write config");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("containment-check.mjs");
    let cfg = path.clone();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .arg(script)
            .arg(&cfg)
            .env("CHROMIUM", chromium)
            .env("PLAYWRIGHT_CORE", playwright)
            .output()
    })
    .await
    .expect("join")
    .expect("run node");
    let _ = std::fs::remove_file(&path);
    let stdout = aimini_tests::succeeded(&out, "the containment driver");
    assert!(stdout.contains("DONE"), "driver did not finish:\n{stdout}");
    let parse = |prefix: &str| -> Vec<Value> {
        stdout
            .lines()
            .filter_map(|l| l.strip_prefix(prefix))
            .map(|j| serde_json::from_str(j).expect("driver json"))
            .collect()
    };
    (parse("RESULT "), parse("CONTROL "), stdout)
}

/// Checks one game's observation against its manifest entry; problems as text.
fn check_observation(file: &str, want: &Value, got: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let player = &got["player"];
    if got["connections"] != 0 {
        problems.push(format!(
            "{file}: {} connection(s) reached the listener: {}",
            got["connections"], got["seen"]
        ));
    }
    let probe = got["events"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["name"] == "probe"))
        .map(|e| e["data"].clone());
    if let Some(expected) = want["probe"].as_object() {
        match &probe {
            None => problems.push(format!("{file}: no probe report (player {player})")),
            Some(p) => {
                for (k, v) in expected {
                    if &p[k] != v {
                        problems.push(format!("{file}: probe {k} is {}, want {v}", p[k]));
                    }
                }
            }
        }
    }
    if let Some(hung) = want["hung"].as_bool()
        && player["hung"].as_bool() != Some(hung)
    {
        problems.push(format!("{file}: player hung should be {hung}: {player}"));
    }
    if want["hung"] == true
        && !player["status"]
            .as_str()
            .unwrap_or("")
            .contains("stopped responding")
    {
        problems.push(format!(
            "{file}: the page does not tell the player: {player}"
        ));
    }
    if want["error"] == true && player["error"].is_null() {
        problems.push(format!(
            "{file}: should fail to start in the frame: {player}"
        ));
    }
    if want["responsive"] == true && !player["unresponsive"].is_null() {
        problems.push(format!(
            "{file}: the player page stopped answering: {player}"
        ));
    }
    if let Some(min) = want["dropped_min"].as_u64()
        && player["dropped"].as_u64().unwrap_or(0) < min
    {
        problems.push(format!("{file}: flood not dropped: {player}"));
    }
    problems
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_hostile_corpus_is_refused_or_contained_in_the_pipeline_and_in_chromium() {
    // One upload per corpus game: past the default per-user upload budget (10 a minute).
    let app = spawn_app_with(|s| s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "1000/minute")).await;
    let owner = app.register("hostile").await;
    // Uploads are validated (checker verdicts, then the sandboxed runner) by the validation queue.
    let _worker = app
        .start_worker_on(&["validation.v1", "moderation.v1"])
        .await;
    let corpus = manifest();
    assert!(corpus.len() >= 20, "the corpus has {} games", corpus.len());
    let on_disk = std::fs::read_dir(corpus_dir().join("corpus"))
        .expect("corpus dir")
        .count();
    assert_eq!(
        on_disk,
        corpus.len(),
        "every corpus file has a manifest entry"
    );

    let mut problems = Vec::new();
    for (file, want) in &corpus {
        problems.extend(check_gate(&app, &owner, file, want).await);
    }

    let mut games = Vec::new();
    for (file, want) in &corpus {
        if want["browser"].is_object() {
            let path = store(&app, &owner, file).await;
            let wait = if want["browser"]["hung"] == true {
                7000
            } else {
                2500
            };
            games.push(json!({"name": file, "url": app.url(&path), "wait_ms": wait}));
        }
    }
    let (results, controls, stdout) = drive(json!({"games": games, "controls": true})).await;
    println!("{stdout}");
    assert_eq!(results.len(), games.len(), "{stdout}");
    for got in &results {
        let file = got["name"].as_str().expect("name");
        problems.extend(check_observation(file, &corpus[file]["browser"], got));
    }
    // Without these the zeros above would prove nothing: the same attempts from an ordinary page
    // reach the listener.
    assert_eq!(controls.len(), 5, "{stdout}");
    for c in &controls {
        if c["connections"].as_u64().unwrap_or(0) == 0 {
            problems.push(format!(
                "positive control {} never reached the listener",
                c["name"]
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
