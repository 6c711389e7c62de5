//! Redis-backed rate limits: 429 with headers, recovery, independent groups and subjects.

use std::time::Duration;

use aimini_tests::{PASSWORD, TestApp, assert_error, forge_access_token, spawn_app_with};
use serde_json::{Value, json};
use uuid::Uuid;

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

    let metrics = app.metrics(&app.url("/metrics")).await;
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

/// The confirmed attack: every registration presents the token the previous one returned, and each
/// valid token used to open a fresh bucket. The auth group counts per client address only.
#[tokio::test]
async fn chained_registrations_share_the_address_bucket() {
    let app = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_AUTH", "4/minute")).await;
    let mut token: Option<String> = None;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let mut req = app.client.post(app.url("/api/v1/auth/register")).json(
            &json!({"username": format!("chain{i}"), "email": format!("chain{i}@example.com"), "password": PASSWORD}),
        );
        if let Some(t) = &token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.expect("register");
        statuses.push(resp.status().as_u16());
        if resp.status() == 201 {
            let body: Value = resp.json().await.expect("json");
            token = body["access_token"].as_str().map(str::to_owned);
        }
    }
    assert_eq!(statuses, [201, 201, 201, 201, 429, 429]);
}

#[tokio::test]
async fn guesses_past_the_limit_are_429_with_or_without_a_bearer_token() {
    let app = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_AUTH", "3/minute")).await;
    let victim = app.register("victim").await;
    let guess = |token: Option<String>| {
        let mut req = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": "victim", "password": "wrong guess 123"}));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    // Each guess carries a different validly signed token: the victim's own, then minted ones.
    assert_eq!(
        guess(Some(victim.access_token.clone()))
            .await
            .expect("r")
            .status(),
        401
    );
    assert_eq!(
        guess(Some(forge_access_token(Uuid::new_v4())))
            .await
            .expect("r")
            .status(),
        401
    );
    for _ in 0..3 {
        let limited = guess(Some(forge_access_token(Uuid::new_v4())))
            .await
            .expect("r");
        assert_error(limited, 429, "rate_limited").await;
    }
    assert_error(guess(None).await.expect("r"), 429, "rate_limited").await;
    // Not even the right password gets through from this address now.
    let right = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .bearer_auth(forge_access_token(victim.id))
        .json(&json!({"username": "victim", "password": PASSWORD}))
        .send()
        .await
        .expect("r");
    assert_error(right, 429, "rate_limited").await;
}

async fn login_from(app: &TestApp, forwarded_for: &str) -> u16 {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"username": "nobody", "password": "guess guess"}))
        .send()
        .await
        .expect("login")
        .status()
        .as_u16()
}

#[tokio::test]
async fn x_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy() {
    // Not trusted (the default): a made-up header does not buy a fresh bucket.
    let direct = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_AUTH", "2/minute")).await;
    let statuses = [
        login_from(&direct, "198.51.100.1").await,
        login_from(&direct, "198.51.100.2").await,
        login_from(&direct, "198.51.100.3").await,
    ];
    assert_eq!(statuses, [401, 401, 429]);

    // Behind a trusted proxy (loopback here) the client is the right-most untrusted hop.
    let proxied = spawn_app_with(|src| {
        src.set("AIMINI_RATE_LIMIT_AUTH", "2/minute");
        src.set("AIMINI_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8");
    })
    .await;
    assert_eq!(login_from(&proxied, "203.0.113.7").await, 401);
    // A client that prepends its own entries is still 203.0.113.7 (the proxy appended the real one);
    // a trusted inner proxy hop (10.1.2.3) is skipped.
    assert_eq!(
        login_from(&proxied, "192.0.2.99, 203.0.113.7, 10.1.2.3").await,
        401
    );
    assert_eq!(login_from(&proxied, "192.0.2.98, 203.0.113.7").await, 429);
    // Another client behind the same proxy has its own bucket.
    assert_eq!(login_from(&proxied, "203.0.113.8").await, 401);
}
