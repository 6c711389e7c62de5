//! Redis-backed rate limits: 429 with headers, recovery, independent groups and subjects.

use std::time::Duration;

use aimini_tests::{assert_error, spawn_app_with};
use serde_json::json;

#[tokio::test]
async fn api_calls_limit_reaches_429_and_recovers() {
    let app = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_API_CALLS", "3/2s")).await;
    // Registering counts against the anonymous (per-IP) bucket; the user's own bucket is separate.
    let user = app.register("busy").await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let resp = app
            .get_auth("/api/v1/users/profile", &user.access_token)
            .await;
        assert_eq!(resp.headers()["ratelimit-limit"], "3");
        statuses.push(resp.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200]);
    let limited = app
        .get_auth("/api/v1/users/profile", &user.access_token)
        .await;
    assert_eq!(limited.headers()["ratelimit-remaining"], "0");
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=2).contains(&retry_after), "retry-after {retry_after}");
    let body = assert_error(limited, 429, "rate_limited").await;
    assert!(
        body["error"]["details"]["retry_after_secs"]
            .as_u64()
            .is_some()
    );

    // A different subject (anonymous caller) has its own bucket.
    let other = app
        .client
        .get(app.url(&format!("/api/v1/users/{}", user.id)))
        .send()
        .await
        .expect("request");
    assert_eq!(other.status(), 200);

    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    let recovered = app
        .get_auth("/api/v1/users/profile", &user.access_token)
        .await;
    assert_eq!(
        recovered.status(),
        200,
        "the limit recovers after Retry-After"
    );

    let metrics = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("text");
    assert!(metrics.contains("rate_limit_rejections_total{group=\"api_calls\"}"));
}

#[tokio::test]
async fn auth_endpoints_have_their_own_stricter_limit() {
    let app = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_AUTH", "2/minute")).await;
    let body = json!({"username": "nobody", "password": "guess guess"});
    let attempt = || app.post_json("/api/v1/auth/login", &body);
    assert_eq!(attempt().await.status(), 401);
    assert_eq!(attempt().await.status(), 401);
    let limited = attempt().await;
    assert!(limited.headers().contains_key("retry-after"));
    assert_error(limited, 429, "rate_limited").await;
    // The whole auth group (social login included) shares the bucket; routes outside it do not.
    assert_eq!(
        app.client
            .get(app.url("/api/v1/auth/oauth/providers"))
            .send()
            .await
            .expect("r")
            .status(),
        429
    );
    assert_eq!(
        app.client
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("r")
            .status(),
        200
    );
}

#[tokio::test]
async fn limits_are_shared_through_redis_across_replicas() {
    // Two app instances with the same Redis prefix behave as one: what one spends, the other sees.
    let a = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_AUTH", "2/minute")).await;
    let prefix = a.redis_prefix.clone();
    let b = spawn_app_with(move |src| {
        src.set("AIMINI_RATE_LIMIT_AUTH", "2/minute");
        src.set("AIMINI_REDIS_PREFIX", prefix);
    })
    .await;
    let body = json!({"username": "nobody", "password": "guess guess"});
    assert_eq!(a.post_json("/api/v1/auth/login", &body).await.status(), 401);
    assert_eq!(b.post_json("/api/v1/auth/login", &body).await.status(), 401);
    assert_error(
        a.post_json("/api/v1/auth/login", &body).await,
        429,
        "rate_limited",
    )
    .await;
    assert_error(
        b.post_json("/api/v1/auth/login", &body).await,
        429,
        "rate_limited",
    )
    .await;
}
