//! API conventions: one JSON error shape for everything, request ids, OpenAPI completeness, docs,
//! health, readiness and metrics.

use std::collections::BTreeSet;

use aimini_tests::{assert_error, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn framework_rejections_use_the_error_shape() {
    let app = spawn_app().await;
    let url = app.url("/api/v1/auth/register");

    let bad_json = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("request");
    assert_error(bad_json, 400, "invalid_json").await;

    let missing_field = app
        .post_json("/api/v1/auth/register", &json!({"username": "x"}))
        .await;
    let body = assert_error(missing_field, 422, "invalid_body").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("message")
            .contains("missing field"),
        "{body}"
    );

    let wrong_type = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": 5, "email": "a@b.io", "password": "x"}),
        )
        .await;
    assert_error(wrong_type, 422, "invalid_body").await;

    let no_content_type = app
        .client
        .post(&url)
        .body("{}")
        .send()
        .await
        .expect("request");
    assert_error(no_content_type, 415, "unsupported_media_type").await;

    let too_large = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(format!(
            "{{\"username\": \"{}\"}}",
            "a".repeat(2 * 1024 * 1024)
        ))
        .send()
        .await
        .expect("request");
    assert_error(too_large, 413, "payload_too_large").await;

    let unknown_route = app
        .client
        .get(app.url("/api/v1/nope"))
        .send()
        .await
        .expect("request");
    assert_error(unknown_route, 404, "not_found").await;
    let root_unknown = app
        .client
        .get(app.url("/definitely/not/here"))
        .send()
        .await
        .expect("request");
    assert_error(root_unknown, 404, "not_found").await;

    let wrong_method = app
        .client
        .delete(app.url("/api/v1/auth/login"))
        .send()
        .await
        .expect("request");
    assert_error(wrong_method, 405, "method_not_allowed").await;

    let bad_uuid = app
        .client
        .get(app.url("/api/v1/users/123"))
        .send()
        .await
        .expect("request");
    assert_error(bad_uuid, 400, "invalid_path").await;
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let app = spawn_app().await;
    let resp = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-me-123")
        .send()
        .await
        .expect("request");
    assert_eq!(resp.headers()["x-request-id"], "trace-me-123");

    let resp = app
        .client
        .get(app.url("/api/v1/nope"))
        .send()
        .await
        .expect("request");
    let generated = resp.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(uuid::Uuid::parse_str(&generated).is_ok(), "{generated}");

    // An unreasonable id is replaced rather than echoed into logs.
    let resp = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "x".repeat(500))
        .send()
        .await
        .expect("request");
    let replaced = resp.headers()["x-request-id"].to_str().expect("ascii");
    assert!(uuid::Uuid::parse_str(replaced).is_ok());
}

const SEED_ROUTES: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/refresh"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/forgot-password"),
    ("post", "/api/v1/auth/reset-password"),
    ("get", "/api/v1/users/profile"),
    ("put", "/api/v1/users/profile"),
    ("get", "/api/v1/users/{user_id}"),
    ("post", "/api/v1/users/avatar"),
    ("put", "/api/v1/admin/users/{user_id}"),
    ("get", "/api/v1/admin/users"),
    ("get", "/api/v1/auth/oauth/{provider}/authorize"),
    ("get", "/api/v1/auth/oauth/{provider}/callback"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
];

#[tokio::test]
async fn openapi_documents_every_route_and_every_documented_route_exists() {
    let app = spawn_app().await;
    let resp = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), 200);
    let doc: Value = resp.json().await.expect("json");
    assert!(doc["openapi"].as_str().expect("version").starts_with("3.1"));

    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "post", "put", "delete", "patch"] {
            if let Some(op) = item.get(method) {
                assert!(
                    op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                    "{method} {path} has no responses"
                );
                documented.insert((method.to_owned(), path.clone()));
            }
        }
    }
    for (method, path) in SEED_ROUTES {
        assert!(
            documented.contains(&((*method).to_owned(), (*path).to_owned())),
            "{method} {path} is not documented"
        );
    }

    // Each documented operation is really routed: with dummy parameters it may be refused (401, 404
    // "no such user", 422...), but never with the router's own "no such route" or 405.
    for (method, path) in &documented {
        let concrete = path
            .replace("{user_id}", &uuid::Uuid::new_v4().to_string())
            .replace("{provider}", "github")
            .replace("{file}", "x.webp");
        let req = app.client.request(
            method.to_uppercase().parse().expect("method"),
            app.url(&concrete),
        );
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        assert_ne!(status, 405, "{method} {path} is documented but not routed");
        assert!(
            !text.contains("no such route"),
            "{method} {path} is documented but not routed"
        );
    }

    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn docs_page_is_served_offline_with_a_strict_csp() {
    let app = spawn_app().await;
    let page = app
        .client
        .get(app.url("/docs"))
        .send()
        .await
        .expect("request");
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    let html = page.text().await.expect("html");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the docs page must not load from a CDN"
    );
    for asset in [
        "/docs/swagger-ui-bundle.js",
        "/docs/swagger-ui.css",
        "/docs/docs-init.js",
    ] {
        assert!(html.contains(asset), "{asset} not referenced");
        let resp = app.client.get(app.url(asset)).send().await.expect("asset");
        assert_eq!(resp.status(), 200, "{asset}");
        assert!(
            resp.bytes().await.expect("bytes").len() > 10,
            "{asset} empty"
        );
    }
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = spawn_app().await;
    let health = app.get_json("/healthz").await;
    assert_eq!(health["status"], "ok");

    let ready = app
        .client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("request");
    assert_eq!(ready.status(), 200);
    let ready: Value = ready.json().await.expect("json");
    assert_eq!(
        ready,
        json!({"status": "ok", "postgres": "ok", "redis": "ok", "storage": "ok"})
    );

    let user = app.register("metered").await;
    app.get_auth(&format!("/api/v1/users/{}", user.id), &user.access_token)
        .await;
    let metrics = app.metrics(&app.url("/metrics")).await;
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("http_request_duration_seconds_bucket")
                && l.contains("route=\"/api/v1/users/{user_id}\"")
                && l.contains("status=\"200\"")),
        "latency histogram by route template missing:\n{metrics}"
    );
    assert!(metrics.contains("http_requests_total"));
    assert!(metrics.contains("db_pool_connections{state=\"idle\"}"));
    assert!(
        !metrics.contains(&user.id.to_string()),
        "raw paths must not become labels"
    );
}

/// Where README.md keeps its endpoint table.
const TABLE_START: &str = "<!-- endpoints: generated from the OpenAPI document; tests/tests/conventions.rs checks it -->\n";
const TABLE_END: &str = "<!-- endpoints end -->";

/// The README's endpoint table as the document says it should read: one row per operation, in
/// path order, with who may call it and the first sentence of its summary.
fn endpoint_table(doc: &Value) -> String {
    let mut out = String::from("| Method | Path | Auth | What it does |\n|---|---|---|---|\n");
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else {
                continue;
            };
            let auth = match op["security"].as_array() {
                Some(s) if s.iter().any(|r| r.get("bearer").is_some()) => "bearer",
                Some(s) if s.iter().any(|r| r.get("metrics_token").is_some()) => "metrics token",
                _ => "",
            };
            let summary = op["summary"]
                .as_str()
                .unwrap_or_default()
                .replace('\n', " ");
            let first = match summary.find(". ") {
                Some(i) => &summary[..=i],
                None => summary.as_str(),
            };
            out.push_str(&format!(
                "| {} | `{path}` | {auth} | {} |\n",
                method.to_uppercase(),
                first.trim().replace('|', "\\|")
            ));
        }
    }
    out
}

#[tokio::test]
async fn the_readme_endpoint_table_is_the_openapi_document() {
    let app = spawn_app().await;
    let doc = app.get_json("/api/v1/openapi.json").await;
    let expected = endpoint_table(&doc);
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
    )
    .expect("README.md");
    let table = readme
        .split_once(TABLE_START)
        .and_then(|(_, rest)| rest.split_once(TABLE_END))
        .map(|(table, _)| table)
        .unwrap_or_default();
    assert!(
        table == expected,
        "README.md's endpoint table differs from the OpenAPI document; between the markers \
         {TABLE_START:?} and {TABLE_END:?} it should read:\n{expected}"
    );
}
