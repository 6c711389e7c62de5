//! The per-replica authentication cache: revocations made through one replica take effect on the
//! others at once (Redis pub/sub evictions), not when the cache entry would have expired.

use std::time::Duration;

use aimini_tests::{TestUser, assert_error, spawn_app_with};
use serde_json::json;

/// Long enough that only an eviction can explain a change seen within a second.
const LONG_TTL_MS: &str = "60000";

async fn status_on(client: &reqwest::Client, url: &str, user: &TestUser) -> u16 {
    client
        .get(url)
        .bearer_auth(&user.access_token)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

/// Polls `url` until it answers `want` (evictions travel asynchronously), at most one second.
async fn eventually(client: &reqwest::Client, url: &str, user: &TestUser, want: u16) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    loop {
        let got = status_on(client, url, user).await;
        if got == want {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{url} still answers {got}, expected {want}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_suspension_through_one_replica_locks_the_user_out_of_every_replica() {
    let app = spawn_app_with(|src| src.set("AIMINI_AUTH_CACHE_MS", LONG_TTL_MS)).await;
    let other = app.spawn_replica().await;
    let admin = app.user_with_role("root", "admin").await;
    let user = app.register("target").await;
    let profile = other.url("/api/v1/users/profile");
    // Warm the other replica's cache.
    assert_eq!(status_on(&app.client, &profile, &user).await, 200);
    assert_eq!(status_on(&app.client, &profile, &user).await, 200);

    let resp = app
        .client
        .put(app.url(&format!("/api/v1/admin/users/{}", user.id)))
        .bearer_auth(&admin.access_token)
        .json(&json!({"status": "suspended"}))
        .send()
        .await
        .expect("suspend");
    assert_eq!(resp.status(), 200);
    eventually(&app.client, &profile, &user, 401).await;
}

#[tokio::test]
async fn a_demotion_applies_on_every_replica_at_once() {
    let app = spawn_app_with(|src| src.set("AIMINI_AUTH_CACHE_MS", LONG_TTL_MS)).await;
    let other = app.spawn_replica().await;
    let admin = app.user_with_role("root", "admin").await;
    let demoted = app.user_with_role("second", "admin").await;
    let admin_list = other.url("/api/v1/admin/users");
    assert_eq!(status_on(&app.client, &admin_list, &demoted).await, 200);

    let resp = app
        .client
        .put(app.url(&format!("/api/v1/admin/users/{}", demoted.id)))
        .bearer_auth(&admin.access_token)
        .json(&json!({"role": "user"}))
        .send()
        .await
        .expect("demote");
    assert_eq!(resp.status(), 200);
    // A role change also bumps the session version: the old token is dead everywhere (401), not
    // merely under-privileged.
    eventually(&app.client, &admin_list, &demoted, 401).await;
}

#[tokio::test]
async fn logout_on_one_replica_kills_the_access_token_on_the_others() {
    let app = spawn_app_with(|src| src.set("AIMINI_AUTH_CACHE_MS", LONG_TTL_MS)).await;
    let other = app.spawn_replica().await;
    let user = app.register("leaver").await;
    let profile = other.url("/api/v1/users/profile");
    assert_eq!(status_on(&app.client, &profile, &user).await, 200);

    let resp = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .bearer_auth(&user.access_token)
        .json(&json!({"refresh_token": user.refresh_token}))
        .send()
        .await
        .expect("logout");
    assert_eq!(resp.status(), 204);
    eventually(&app.client, &profile, &user, 401).await;
    // And on the replica that served the logout, at once.
    assert_error(
        app.get_auth("/api/v1/users/profile", &user.access_token)
            .await,
        401,
        "unauthorized",
    )
    .await;
}
