//! Text the database cannot hold, and the ops endpoint that is not for the public.
//!
//! The review found that a NUL character (U+0000) in any query string or JSON field made Postgres
//! fail and the API answer 500 — the login one in 4 ms, before the password hash, which told a
//! probe apart from a real attempt. Every way text enters now answers 422 `nul_character` (one
//! check for URIs, one for JSON bodies and the JSON parts of uploads; `api::extract`). Seen failing
//! before the fix: each request below answered 500 `internal_error`.
//!
//! `/metrics` described the deployment to anyone; it is now off without `AIMINI_METRICS_TOKEN`
//! and, with one, answers only a scraper that presents it (seen failing before: 200 to anyone).

use aimini_tests::{METRICS_TOKEN, PASSWORD, assert_error, spawn_app, spawn_app_with};
use reqwest::multipart::Form;
use serde_json::json;

#[tokio::test]
async fn nul_characters_are_refused_as_422_wherever_text_enters() {
    let app = spawn_app().await;
    let user = app.register("nulled").await;

    // Query strings of the catalogue (anonymous and signed in), percent-encoded as a browser would.
    for query in [
        "q=snake%00",
        "tags=fun%00",
        "creator=nul%00led",
        "q=%00&limit=5",
    ] {
        let resp = app
            .client
            .get(app.url(&format!("/api/v1/games?{query}")))
            .send()
            .await
            .expect("request");
        let body = assert_error(resp, 422, "nul_character").await;
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("query")),
            "{body}"
        );
    }
    // A path segment.
    let resp = app
        .get_auth("/api/v1/users/abc%00def", &user.access_token)
        .await;
    assert_error(resp, 422, "nul_character").await;

    // JSON bodies: login (refused before any password work, like every other bad request), register,
    // a profile edit, a rating, a game's description and a key of its params.
    let started = std::time::Instant::now();
    let resp = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "nulled\u{0}", "password": PASSWORD}),
        )
        .await;
    assert_error(resp, 422, "nul_character").await;
    eprintln!("NUL login refused in {:?}", started.elapsed());
    let resp = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "x\u{0}y", "email": "xy@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(resp, 422, "nul_character").await;
    let resp = app
        .client
        .put(app.url("/api/v1/users/profile"))
        .bearer_auth(&user.access_token)
        .json(&json!({"bio": "hi\u{0}there"}))
        .send()
        .await
        .expect("request");
    assert_error(resp, 422, "nul_character").await;

    let logic = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../prompts/templates/reaction-timer/logic.js"),
    )
    .expect("template");
    for body in [
        json!({"title": "Nul", "description": "a\u{0}b", "logic": logic}),
        json!({"title": "Nul", "params": {"ke\u{0}y": 1}, "logic": logic}),
    ] {
        let resp = app
            .client
            .post(app.url("/api/v1/games"))
            .bearer_auth(&user.access_token)
            .json(&body)
            .send()
            .await
            .expect("request");
        assert_error(resp, 422, "nul_character").await;
    }
    // The JSON part of a multipart upload.
    let form = Form::new().text("metadata", json!({"title": "t\u{0}"}).to_string());
    let resp = app
        .client
        .post(app.url("/api/v1/games"))
        .bearer_auth(&user.access_token)
        .multipart(form)
        .send()
        .await
        .expect("request");
    assert_error(resp, 422, "nul_character").await;

    // Not a false alarm: the text `\u0000` (an escaped backslash, then "u0000") is ordinary text.
    let resp = app
        .client
        .put(app.url("/api/v1/users/profile"))
        .bearer_auth(&user.access_token)
        .header("content-type", "application/json")
        .body(r#"{"bio": "a literal \\u0000 is fine"}"#)
        .send()
        .await
        .expect("request");
    assert_eq!(
        resp.status(),
        200,
        "{}",
        resp.text().await.unwrap_or_default()
    );
    // Nothing above reached the database as a 500.
    let resp = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "nulled", "password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn metrics_answer_only_the_scraper_holding_the_token() {
    let app = spawn_app().await;
    let url = app.url("/metrics");
    let anonymous = app.client.get(&url).send().await.expect("request");
    assert_error(anonymous, 401, "unauthorized").await;
    let wrong = app
        .client
        .get(&url)
        .bearer_auth("test-metrics-token-0123456789abcdeX")
        .send()
        .await
        .expect("request");
    assert_error(wrong, 401, "unauthorized").await;
    // A user's access token is not the metrics token.
    let user = app.register("curious").await;
    assert_error(
        app.get_auth("/metrics", &user.access_token).await,
        401,
        "unauthorized",
    )
    .await;
    let text = app.metrics(&url).await;
    assert!(text.contains("http_requests_total"), "{text}");
    let resp = app
        .client
        .get(&url)
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .expect("request");
    assert!(
        resp.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/plain")),
    );

    // Without a configured token the endpoint does not exist, whatever the caller sends.
    let off = spawn_app_with(|s| s.remove("AIMINI_METRICS_TOKEN")).await;
    let resp = off
        .client
        .get(off.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .expect("request");
    assert_error(resp, 404, "not_found").await;
}
