//! The status poll's cache (`api/src/status_cache.rs`) and the batched queue pushes behind
//! submissions (`api/src/enqueue.rs`), black-box: whatever changes a request or its game's review in
//! Postgres, by any route, the next polls show it without waiting for the cache's TTL; cached
//! answers keep the owner check; concurrent submissions are all queued.

use std::time::Duration;

use aimini_tests::{TestApp, spawn_app_with};
use serde_json::{Value, json};

/// A TTL far longer than any test: a change seen within seconds was announced, not expired.
fn long_ttl(src: &mut aimini_models::config::Source) {
    src.set("AIMINI_GENERATION_STATUS_CACHE_MS", "300000");
}

async fn poll(app: &TestApp, token: &str, id: &str) -> reqwest::Response {
    app.get_auth(&format!("/api/v1/ai/generation/{id}"), token)
        .await
}

async fn poll_json(app: &TestApp, token: &str, id: &str) -> Value {
    let resp = poll(app, token, id).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.expect("json")
}

/// Polls until `done` holds for the answer, at most 5 s (the TTL is 300 s).
async fn poll_until(app: &TestApp, token: &str, id: &str, done: impl Fn(&Value) -> bool) -> Value {
    app.poll_generation_until(token, id, Duration::from_secs(5), done)
        .await
}

/// Polls until one poll is answered from the cache (the replica's listener connects at start, and
/// nothing is cached before it listens), at most 5 s; returns that answer.
async fn poll_until_cached(app: &TestApp, token: &str, id: &str) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let hits = cache_count(app, "hit").await;
        let body = poll_json(app, token, id).await;
        if cache_count(app, "hit").await > hits {
            return body;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never answered from the cache: {body}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn cache_count(app: &TestApp, result: &str) -> u64 {
    let text = app.metrics(&app.url("/metrics")).await;
    let prefix = format!("generation_status_cache_total{{result=\"{result}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(|v| v.trim().parse().expect("counter"))
        .unwrap_or(0)
}

#[tokio::test]
async fn a_cached_poll_follows_changes_written_straight_to_postgres() {
    let app = spawn_app_with(long_ttl).await;
    let user = app.register("poller").await;
    let id = app
        .submit_generation(
            &user.access_token,
            "/api/v1/ai/generate-game",
            &json!({"prompt": "a snake game"}),
        )
        .await;
    let first = poll_json(&app, &user.access_token, &id).await;
    assert_eq!(first["status"], "pending");
    // A queued request's answer is kept.
    let cached = poll_until_cached(&app, &user.access_token, &id).await;
    assert_eq!(cached, first);
    // No API call made this change: only Postgres knows.
    sqlx::query(
        "UPDATE ai_generation_requests SET status = 'failed', error_code = 'by_hand',
         error_message = 'changed in psql' WHERE id = $1::uuid",
    )
    .bind(&id)
    .execute(&app.db)
    .await
    .expect("update");
    let after = poll_until(&app, &user.access_token, &id, |b| b["status"] == "failed").await;
    assert_eq!(after["error_code"], "by_hand");
}

#[tokio::test]
async fn a_review_changed_after_completion_shows_in_the_poll() {
    let app = spawn_app_with(long_ttl).await;
    let user = app.register("reviewed").await;
    let _worker = app.start_worker().await;
    let done = app
        .generate_and_wait(
            &user.access_token,
            &json!({"prompt": "a quiz about planets"}),
        )
        .await;
    let id = done["id"].as_str().expect("id").to_owned();
    let settled = poll_until(&app, &user.access_token, &id, |b| {
        b["moderation"] == "approved"
    })
    .await;
    // Settled answers are kept.
    assert_eq!(
        poll_until_cached(&app, &user.access_token, &id).await,
        settled
    );
    // A moderator overturns the review (as any later action on content_moderation would).
    sqlx::query(
        "UPDATE content_moderation SET status = 'rejected' WHERE content_type = 'game' AND content_id = $1::uuid",
    )
    .bind(done["result_game_id"].as_str().expect("game"))
    .execute(&app.db)
    .await
    .expect("update review");
    poll_until(&app, &user.access_token, &id, |b| {
        b["moderation"] == "rejected"
    })
    .await;
}

#[tokio::test]
async fn cached_answers_keep_the_owner_check() {
    let app = spawn_app_with(long_ttl).await;
    let owner = app.register("cache_owner").await;
    let other = app.register("cache_other").await;
    let moderator = app.user_with_role("cache_mod", "moderator").await;
    let admin = app.user_with_role("cache_admin", "admin").await;
    let id = app
        .submit_generation(
            &owner.access_token,
            "/api/v1/ai/generate-game",
            &json!({"prompt": "breakout with neon bricks"}),
        )
        .await;
    poll_until_cached(&app, &owner.access_token, &id).await;
    // Every role's poll is answered from the cache now, and each still gets its own answer.
    let hits_before = cache_count(&app, "hit").await;
    assert_eq!(poll(&app, &owner.access_token, &id).await.status(), 200);
    aimini_tests::assert_error(poll(&app, &other.access_token, &id).await, 404, "not_found").await;
    aimini_tests::assert_error(
        poll(&app, &moderator.access_token, &id).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(poll(&app, &admin.access_token, &id).await.status(), 200);
    let anonymous = app
        .client
        .get(app.url(&format!("/api/v1/ai/generation/{id}")))
        .send()
        .await
        .expect("send");
    aimini_tests::assert_error(anonymous, 401, "unauthorized").await;
    assert_eq!(
        cache_count(&app, "hit").await - hits_before,
        4,
        "owner, other, moderator and admin were all answered from the cache"
    );
    // Not an id at all, and an id of nothing: clear 4xx either way, cached or not.
    assert_eq!(
        poll(&app, &owner.access_token, "not-a-uuid").await.status(),
        400
    );
    let missing = uuid::Uuid::new_v4().to_string();
    for _ in 0..2 {
        aimini_tests::assert_error(
            poll(&app, &owner.access_token, &missing).await,
            404,
            "not_found",
        )
        .await;
    }
}

#[tokio::test]
async fn with_the_cache_off_every_poll_reads_postgres() {
    let app = spawn_app_with(|src| src.set("AIMINI_GENERATION_STATUS_CACHE_MS", "0")).await;
    let user = app.register("uncached").await;
    let id = app
        .submit_generation(
            &user.access_token,
            "/api/v1/ai/generate-game",
            &json!({"prompt": "a maze with a mouse"}),
        )
        .await;
    for _ in 0..3 {
        poll_json(&app, &user.access_token, &id).await;
    }
    assert_eq!(cache_count(&app, "hit").await, 0);
    assert_eq!(cache_count(&app, "miss").await, 3);
}

#[tokio::test]
async fn concurrent_submissions_are_all_queued() {
    let app = spawn_app_with(|_| {}).await;
    let user = app.register("burst").await;
    let submits = (0..40).map(|i| {
        let (app, token) = (&app, user.access_token.clone());
        async move {
            app.submit_generation(
                &token,
                "/api/v1/ai/generate-game",
                &json!({"prompt": format!("a snake game number {i}")}),
            )
            .await
        }
    });
    let ids = futures::future::join_all(submits).await;
    assert_eq!(ids.len(), 40);
    let conn = aimini_models::redis_conn::connect(&app.config.redis)
        .await
        .expect("redis");
    let queues = aimini_models::queue::Queues::new(conn, &app.redis_prefix);
    let depth = queues.generation_depth().await.expect("depth");
    assert_eq!(depth.due, 40, "every accepted request is in the queue");
}
