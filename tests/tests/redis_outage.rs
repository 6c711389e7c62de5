//! The API keeps serving when Redis goes away (rate limits fail open by default; readiness says so),
//! or answers 503 when configured to fail closed. Uses a private redis-server so the shared one is
//! never disturbed.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aimini_tests::{assert_error, spawn_app_with};
use serde_json::Value;

struct PrivateRedis {
    child: Child,
    port: u16,
}

impl PrivateRedis {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server must be installed (it is on every CI machine)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "private redis did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, port }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        self.kill();
    }
}

#[tokio::test]
async fn fail_open_keeps_serving_and_readiness_reports_redis() {
    let mut redis = PrivateRedis::start();
    let url = redis.url();
    let app = spawn_app_with(move |src| {
        src.set("AIMINI_REDIS_URL", url);
        src.set("AIMINI_RATE_LIMIT_API_CALLS", "50/minute");
    })
    .await;
    let user = app.register("resilient").await;
    redis.kill();

    let profile = app
        .get_auth("/api/v1/users/profile", &user.access_token)
        .await;
    assert_eq!(profile.status(), 200, "requests still served without Redis");
    assert!(
        profile.headers().get("ratelimit-limit").is_none(),
        "no limiter verdict without Redis"
    );

    let ready = app
        .client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 503);
    let ready: Value = ready.json().await.expect("json");
    assert_eq!(ready["redis"], "unavailable");
    assert_eq!(ready["postgres"], "ok");

    let metrics = app.metrics(&app.url("/metrics")).await;
    assert!(
        metrics.contains("rate_limit_errors_total{group=\"api_calls\"}"),
        "{metrics}"
    );
}

#[tokio::test]
async fn fail_closed_answers_503_when_configured() {
    let mut redis = PrivateRedis::start();
    let url = redis.url();
    let app = spawn_app_with(move |src| {
        src.set("AIMINI_REDIS_URL", url);
        src.set("AIMINI_RATE_LIMIT_FAIL_OPEN", "false");
    })
    .await;
    let user = app.register("strict").await;
    redis.kill();
    let resp = app
        .get_auth("/api/v1/users/profile", &user.access_token)
        .await;
    assert_error(resp, 503, "service_unavailable").await;
    // Outside the limited routes, health still answers.
    assert_eq!(
        app.client
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("healthz")
            .status(),
        200
    );
}
