//! Black-box test harness: the real API on a random port against real Postgres, Redis and an
//! S3-compatible server (SeaweedFS, started by `scripts/test.sh`).
//!
//! Isolation per test: a fresh database cloned from a migrated template (the template is built once per
//! migration set and reused across runs), a unique Redis key prefix and a private mail outbox
//! directory. Objects share one bucket; their keys hold unique ids.

pub mod fake_openai;

use std::path::PathBuf;
use std::time::Duration;

use aimini_api::Application;
use aimini_models::config::{Config, Source};
use aimini_models::db::MIGRATOR;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::postgres::PgPoolOptions;
// Database names below are generated here (hex digests, UUIDs), never taken from input.
use sqlx::{AssertSqlSafe, Connection, PgConnection, PgPool};
use uuid::Uuid;

pub const JWT_SECRET: &str = "test-jwt-secret-0123456789abcdef0123456789";
pub const JWT_ISSUER: &str = "aimini";
pub const JWT_AUDIENCE: &str = "aimini-api";
pub const PASSWORD: &str = "correct horse battery";
/// What test apps and workers expect on `/metrics` (off without a token).
pub const METRICS_TOKEN: &str = "test-metrics-token-0123456789abcdef";

fn env_or(key: &str, default: &str) -> String {
    std::env::var(key).unwrap_or_else(|_| default.to_owned())
}

fn admin_url() -> String {
    env_or(
        "AIMINI_TEST_DATABASE_URL",
        "postgres://postgres@127.0.0.1:5432/postgres",
    )
}

fn db_url(name: &str) -> String {
    let mut url = url::Url::parse(&admin_url()).expect("AIMINI_TEST_DATABASE_URL is a URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

/// Name of the template for the current migration set: a change to any migration makes a new one.
fn template_name() -> String {
    let mut h = Sha256::new();
    for m in MIGRATOR.iter() {
        h.update(m.version.to_le_bytes());
        h.update(&*m.checksum);
    }
    format!("aimini_tpl_{}", &hex::encode(h.finalize())[..16])
}

/// Creates a fresh, migrated database for one test.
async fn fresh_database() -> (String, PgPool) {
    let mut admin = PgConnection::connect(&admin_url())
        .await
        .expect("connect to the test Postgres (AIMINI_TEST_DATABASE_URL)");
    // Serialises template creation across test processes (nextest runs one process per test).
    sqlx::query("SELECT pg_advisory_lock(724031)")
        .execute(&mut admin)
        .await
        .expect("advisory lock");
    let template = template_name();
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&template)
            .fetch_one(&mut admin)
            .await
            .expect("check template");
    if !exists {
        let building = format!("{template}_build");
        sqlx::query(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {building} WITH (FORCE)"
        )))
        .execute(&mut admin)
        .await
        .expect("drop stale template build");
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {building}")))
            .execute(&mut admin)
            .await
            .expect("create template");
        {
            let mut conn = PgConnection::connect(&db_url(&building))
                .await
                .expect("connect template");
            MIGRATOR.run(&mut conn).await.expect("migrate template");
            conn.close().await.expect("close template connection");
        }
        // Renamed only once complete, so no test ever clones a half-migrated template.
        sqlx::query(AssertSqlSafe(format!(
            "ALTER DATABASE {building} RENAME TO {template}"
        )))
        .execute(&mut admin)
        .await
        .expect("publish template");
    }
    let name = format!("aimini_t_{}", Uuid::new_v4().simple());
    sqlx::query(AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE {template}"
    )))
    .execute(&mut admin)
    .await
    .expect("create test database");
    sqlx::query("SELECT pg_advisory_unlock(724031)")
        .execute(&mut admin)
        .await
        .expect("advisory unlock");
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect(&db_url(&name))
        .await
        .expect("connect test database");
    (name, pool)
}

pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// Does not follow redirects (OAuth tests read `Location`).
    pub client: reqwest::Client,
    pub db: PgPool,
    pub db_name: String,
    pub outbox: PathBuf,
    pub redis_prefix: String,
    pub bucket: String,
    pub config: Config,
    /// The key/value pairs `config` was read from: what a worker child process gets as its env.
    pub source: Source,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The repository's `prompts/` directory.
pub fn prompts_dir() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../prompts")
        .display()
        .to_string()
}

/// The base configuration of a test app; `customize` may override anything.
pub fn test_source(db_name: &str, prefix: &str, bucket: &str, outbox: &std::path::Path) -> Source {
    let s3_endpoint = std::env::var("AIMINI_TEST_S3_ENDPOINT").expect(
        "AIMINI_TEST_S3_ENDPOINT is not set: run the tests through scripts/test.sh, which starts the S3 server",
    );
    Source::from_pairs([
        ("AIMINI_HTTP_ADDR", "127.0.0.1:0".to_owned()),
        ("AIMINI_DATABASE_URL", db_url(db_name)),
        ("AIMINI_DATABASE_MAX_CONNECTIONS", "5".to_owned()),
        (
            "AIMINI_REDIS_URL",
            env_or("AIMINI_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
        ),
        ("AIMINI_REDIS_PREFIX", prefix.to_owned()),
        ("AIMINI_JWT_SECRET", JWT_SECRET.to_owned()),
        ("AIMINI_METRICS_TOKEN", METRICS_TOKEN.to_owned()),
        ("AIMINI_STORAGE_BACKEND", "s3".to_owned()),
        ("AIMINI_S3_ENDPOINT", s3_endpoint),
        ("AIMINI_S3_BUCKET", bucket.to_owned()),
        (
            "AIMINI_S3_REGION",
            env_or("AIMINI_TEST_S3_REGION", "us-east-1"),
        ),
        (
            "AIMINI_S3_ACCESS_KEY_ID",
            env_or("AIMINI_TEST_S3_ACCESS_KEY_ID", ""),
        ),
        (
            "AIMINI_S3_SECRET_ACCESS_KEY",
            env_or("AIMINI_TEST_S3_SECRET_ACCESS_KEY", ""),
        ),
        ("AIMINI_MAIL_OUTBOX_DIR", outbox.display().to_string()),
        // Generous defaults so only the rate-limit tests meet a limit.
        ("AIMINI_RATE_LIMIT_API_CALLS", "100000/minute".to_owned()),
        ("AIMINI_RATE_LIMIT_AUTH", "100000/minute".to_owned()),
        ("AIMINI_RATE_LIMIT_MAIL", "100000/minute".to_owned()),
        (
            "AIMINI_RATE_LIMIT_MAIL_RECIPIENT",
            "100000/minute".to_owned(),
        ),
        (
            "AIMINI_RATE_LIMIT_AI_GENERATION",
            "100000/minute".to_owned(),
        ),
        ("AIMINI_LOG", env_or("AIMINI_TEST_LOG", "warn")),
        ("AIMINI_PROMPTS_DIR", prompts_dir()),
        ("AIMINI_WORKER_HEALTH_ADDR", "127.0.0.1:0".to_owned()),
        // The rule-based filler keeps the other tests fast; tests/tests/local_model.rs turns it on.
        ("AIMINI_LOCAL_MODEL", "false".to_owned()),
        // Quick recovery so lost-job tests finish in seconds.
        ("AIMINI_GENERATION_RECONCILE_SECS", "1".to_owned()),
        ("AIMINI_GENERATION_REQUEUE_SECS", "2".to_owned()),
    ])
}

/// The local model weights for the tests that use them (`AIMINI_MODELS_DIR`, which scripts/test.sh
/// exports). Missing weights fail the test with the fix; a silent skip would prove nothing.
pub fn models_dir() -> String {
    let dir = std::env::var("AIMINI_MODELS_DIR").expect(
        "AIMINI_MODELS_DIR is not set: run `bash scripts/models.sh` and export AIMINI_MODELS_DIR=$(bash scripts/models.sh) (scripts/test.sh does both)",
    );
    assert!(
        std::path::Path::new(&dir)
            .join("smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
            .is_file(),
        "no model weights in {dir}: run `bash scripts/models.sh`"
    );
    dir
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(customize: impl FnOnce(&mut Source)) -> TestApp {
    // Boxed: building the app is a large future, and every test awaits it.
    Box::pin(spawn_app_inner(customize)).await
}

async fn spawn_app_inner(customize: impl FnOnce(&mut Source)) -> TestApp {
    let (db_name, db) = fresh_database().await;
    let id = Uuid::new_v4().simple().to_string();
    let prefix = format!("aimini-test:{id}:");
    // One bucket for all tests: object keys already carry unique ids (users, games), and SeaweedFS
    // gives every bucket its own volumes, so a bucket per test exhausts them after a few hundred runs.
    let bucket = "aimini-test".to_owned();
    let outbox = std::env::temp_dir().join(format!("aimini-outbox-{id}"));
    let mut src = test_source(&db_name, &prefix, &bucket, &outbox);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let address = format!("http://127.0.0.1:{port}");
    src.set("AIMINI_PUBLIC_URL", address.clone());
    customize(&mut src);
    let config = Config::from_source(&src).expect("test configuration is valid");
    let source = src.clone();
    let app = Application::build_on(config.clone(), listener)
        .await
        .expect("build the application");
    let server = tokio::spawn(async move {
        if let Err(e) = app.run_until_stopped().await {
            eprintln!("server error: {e:#}");
        }
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    TestApp {
        address,
        client,
        db,
        db_name,
        outbox,
        redis_prefix: prefix,
        bucket,
        config,
        source,
        server,
    }
}

/// A second API replica of the same deployment (same database, Redis prefix and bucket).
pub struct Replica {
    pub address: String,
    server: tokio::task::JoinHandle<()>,
}

impl Replica {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A running in-process worker; aborted on drop.
pub struct WorkerHandle(tokio::task::JoinHandle<()>);

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A registered user with a live session.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    pub password: String,
    pub access_token: String,
    pub refresh_token: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// GETs `path` without credentials, asserts 200 and returns the JSON body.
    pub async fn get_json(&self, path: &str) -> Value {
        let resp = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        assert_eq!(resp.status().as_u16(), 200, "GET {path}");
        resp.json().await.expect("json")
    }

    /// The Prometheus text of `url` (the API's `/metrics` or a worker's), read as the scraper does.
    pub async fn metrics(&self, url: &str) -> String {
        let resp = self
            .client
            .get(url)
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .expect("metrics");
        assert_eq!(resp.status(), 200, "{url}");
        resp.text().await.expect("metrics text")
    }

    /// POSTs `body` as JSON to `path` with `token` as the bearer.
    pub async fn post_auth(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn get_auth(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    /// Registers `username` (e-mail `username@example.com`) and returns its session, with the
    /// address already verified: what most tests mean by "a user". The verification flow itself is
    /// tested through [`TestApp::register_unverified`] and the mailed link.
    pub async fn register(&self, username: &str) -> TestUser {
        let user = self.register_unverified(username).await;
        sqlx::query("UPDATE users SET is_verified = true WHERE id = $1")
            .bind(user.id)
            .execute(&self.db)
            .await
            .expect("verify the test user");
        user
    }

    /// Registers `username` (e-mail `username@example.com`) as a fresh, unverified account.
    pub async fn register_unverified(&self, username: &str) -> TestUser {
        let email = format!("{username}@example.com");
        let resp = self
            .post_json(
                "/api/v1/auth/register",
                &json!({"username": username, "email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(
            resp.status(),
            201,
            "register {username}: {}",
            resp.text().await.unwrap_or_default()
        );
        let body: Value = resp.json().await.expect("json");
        TestUser {
            id: body["user"]["id"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .expect("user id"),
            username: username.to_owned(),
            email,
            password: PASSWORD.to_owned(),
            access_token: body["access_token"]
                .as_str()
                .expect("access token")
                .to_owned(),
            refresh_token: body["refresh_token"]
                .as_str()
                .expect("refresh token")
                .to_owned(),
        }
    }

    /// Registers a user and gives it `role` directly in the database, then logs in again so the
    /// session reflects it.
    pub async fn user_with_role(&self, username: &str, role: &str) -> TestUser {
        let mut user = self.register(username).await;
        sqlx::query("UPDATE users SET role = $2 WHERE id = $1")
            .bind(user.id)
            .bind(role)
            .execute(&self.db)
            .await
            .expect("set role");
        let resp = self
            .post_json(
                "/api/v1/auth/login",
                &json!({"username": username, "password": PASSWORD}),
            )
            .await;
        assert_eq!(resp.status(), 200);
        let body: Value = resp.json().await.expect("json");
        user.access_token = body["access_token"].as_str().expect("token").to_owned();
        user.refresh_token = body["refresh_token"].as_str().expect("token").to_owned();
        user
    }

    /// Starts another API replica of this deployment on its own port.
    pub async fn spawn_replica(&self) -> Replica {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = format!(
            "http://127.0.0.1:{}",
            listener.local_addr().expect("addr").port()
        );
        let app = Application::build_on(self.config.clone(), listener)
            .await
            .expect("build the replica");
        let server = tokio::spawn(async move {
            if let Err(e) = app.run_until_stopped().await {
                eprintln!("replica error: {e:#}");
            }
        });
        Replica { address, server }
    }

    /// Starts an in-process worker on the same database, Redis prefix and bucket; stopped when the
    /// returned handle is dropped.
    pub async fn start_worker(&self) -> WorkerHandle {
        self.start_worker_on(&["generation.v1", "moderation.v1"])
            .await
    }

    /// An in-process worker serving the given queues (`validation.v1`, `thumbnail.v1`, ...).
    pub async fn start_worker_on(&self, queues: &[&str]) -> WorkerHandle {
        let worker = aimini_worker::Worker::build(
            &self.config,
            aimini_worker::RunOptions {
                queues: queues.iter().map(|q| (*q).to_owned()).collect(),
                concurrency: 2,
            },
        )
        .await
        .expect("build the worker");
        WorkerHandle(tokio::spawn(async move {
            if let Err(e) = worker.run_until_stopped().await {
                eprintln!("worker error: {e:#}");
            }
        }))
    }

    /// Stores a private game owned by `owner` straight into storage and the database, skipping
    /// the pipeline: for hostile code that could never pass it, which is the point of the tests
    /// that use it. `meta` becomes its `metadata.json`; returns the game's id.
    pub async fn insert_unchecked_game(&self, owner: &TestUser, meta: &Value, logic: &str) -> Uuid {
        use aimini_models::storage::{ObjectKey, Storage};
        let id = Uuid::new_v4();
        let storage = Storage::connect(&self.config.storage)
            .await
            .expect("storage");
        for (name, body, content_type) in [
            (
                "metadata.json",
                meta.to_string().into_bytes(),
                "application/json",
            ),
            ("logic.js", logic.as_bytes().to_vec(), "text/javascript"),
        ] {
            storage
                .put(
                    &ObjectKey::new(format!("games/{id}/{name}")).expect("key"),
                    body.into(),
                    content_type,
                )
                .await
                .expect("put");
        }
        sqlx::query(
            "INSERT INTO games (id, creator_id, title, category, difficulty, game_data, is_public)
             VALUES ($1, $2, 'Hostile', 'arcade', 'easy', $3, false)",
        )
        .bind(id)
        .bind(owner.id)
        .bind(json!({"schema_version": 1, "metadata": meta, "files": {
            "logic.js": {"key": format!("games/{id}/logic.js")},
            "metadata.json": {"key": format!("games/{id}/metadata.json")},
        }}))
        .execute(&self.db)
        .await
        .expect("insert unchecked game");
        id
    }

    /// `aimini-worker <args>` as a child process with this app's configuration (and nothing else
    /// from the test's environment but `PATH`); stdout and stderr go to a log file whose path is
    /// printed, so a failing test shows where to look. Add `.env(..)` before spawning to override.
    pub fn worker_command(&self, name: &str, args: &[&str]) -> std::process::Command {
        let log = std::env::temp_dir().join(format!("aimini-{}-{name}.log", self.db_name));
        let out = std::fs::File::create(&log).expect("worker log");
        eprintln!("worker {name} logs to {}", log.display());
        let mut cmd = std::process::Command::new(worker_binary());
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .stdin(std::process::Stdio::null())
            .stdout(out.try_clone().expect("log"))
            .stderr(out);
        for (k, v) in self.source.vars() {
            cmd.env(k, v);
        }
        cmd.env("AIMINI_LOG", "info");
        cmd
    }

    /// POSTs `body` to `path` (`/api/v1/ai/generate-game` or `/api/v1/ai/regenerate`) as `token`,
    /// asserts 202 with a `pending` request and returns the request's id.
    pub async fn submit_generation(&self, token: &str, path: &str, body: &Value) -> String {
        let resp = self
            .client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("submit generation");
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        assert_eq!(status, 202, "{text}");
        let body: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(body["status"], "pending", "{body}");
        body["id"].as_str().expect("request id").to_owned()
    }

    /// Submits a generation (`POST /api/v1/ai/generate-game`), waits for it to finish (a worker
    /// must be running) and asserts it completed; returns the finished request.
    pub async fn generate_and_wait(&self, token: &str, body: &Value) -> Value {
        let id = self
            .submit_generation(token, "/api/v1/ai/generate-game", body)
            .await;
        let done = self.wait_generation(token, &id).await;
        assert_eq!(done["status"], "completed", "{done}");
        done
    }

    /// Polls a generation request until it is completed or failed (at most 30 s).
    pub async fn wait_generation(&self, token: &str, id: &str) -> Value {
        self.poll_generation_until(token, id, Duration::from_secs(30), |b| {
            b["status"] == "completed" || b["status"] == "failed"
        })
        .await
    }

    /// Polls `GET /api/v1/ai/generation/{id}` every 20 ms until `done` holds for the answer, failing
    /// the test with the last answer after `within`.
    pub async fn poll_generation_until(
        &self,
        token: &str,
        id: &str,
        within: Duration,
        done: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let body: Value = self
                .get_auth(&format!("/api/v1/ai/generation/{id}"), token)
                .await
                .json()
                .await
                .expect("json");
            if done(&body) {
                return body;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "generation {id} did not get there within {within:?}: {body}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The newest mail of `kind` to `to`, waiting up to 5 s for one to appear.
    pub async fn mail_to(&self, to: &str, kind: &str) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let mails = self.outbox_mails(0).await;
            if let Some(m) = mails
                .into_iter()
                .rev()
                .find(|m| m["to"] == to && m["kind"] == kind)
            {
                return m;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no {kind} mail to {to} arrived"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every mail in the outbox once it has stopped changing for a second (at most 10 s): for
    /// assertions on how many mails a burst of requests caused, since mail leaves off the request
    /// path and a count taken at once could miss late ones.
    pub async fn outbox_settled(&self) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        let mut seen = self.outbox_mails(0).await.len();
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let now = self.outbox_mails(0).await;
            if now.len() == seen || tokio::time::Instant::now() > deadline {
                return now;
            }
            seen = now.len();
        }
    }

    /// Mails in the outbox, oldest first. Waits up to 5 s for at least `min` to appear (mail is sent
    /// off the request path).
    pub async fn outbox_mails(&self, min: usize) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&self.outbox)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.retain(|p| p.extension().is_some_and(|e| e == "json"));
            files.sort();
            if files.len() >= min || tokio::time::Instant::now() > deadline {
                return files
                    .iter()
                    .map(|p| {
                        serde_json::from_slice(&std::fs::read(p).expect("read mail"))
                            .expect("mail json")
                    })
                    .collect();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The `aimini-worker` binary of this build: `target/<profile>/aimini-worker`, next to the test's
/// own `deps/` directory. Tests that start it as a child need it built first (`cargo build -p
/// aimini-worker`; scripts/test.sh does).
pub fn worker_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let bin = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>")
        .join("aimini-worker");
    assert!(
        bin.exists(),
        "{} is missing: build it first (`cargo build -p aimini-worker`; scripts/test.sh does)",
        bin.display()
    );
    bin
}

/// A validly signed access token for `user_id` (any id: the signature is all a rate limiter sees),
/// minted with the test deployment's key.
pub fn forge_access_token(user_id: Uuid) -> String {
    let now = chrono::Utc::now().timestamp();
    let claims = json!({
        "sub": user_id, "role": "user", "iss": JWT_ISSUER, "aud": JWT_AUDIENCE,
        "iat": now, "exp": now + 600, "jti": Uuid::new_v4(), "sv": 0
    });
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .expect("sign a test token")
}

/// A play session for `game_id` and `visitor` (43 base64url characters) expiring at `exp` (Unix
/// seconds), signed as the API signs them, written out here from the rule (HMAC-SHA256 keyed by
/// HMAC(JWT secret, label), over label, game, visitor and expiry) rather than borrowed from the API:
/// for expired sessions and games without a player page.
pub fn forge_play_session(game_id: Uuid, visitor: &str, exp: i64) -> String {
    use jsonwebtoken::{Algorithm, EncodingKey, crypto};
    let derived = crypto::sign(
        b"aimini play-link key v1",
        &EncodingKey::from_secret(JWT_SECRET.as_bytes()),
        Algorithm::HS256,
    )
    .expect("derive");
    let sig = crypto::sign(
        format!("aimini-play-session/v1\n{game_id}\n{visitor}\n{exp}").as_bytes(),
        &EncodingKey::from_secret(derived.as_bytes()),
        Algorithm::HS256,
    )
    .expect("sign");
    format!("{exp}.{visitor}.{sig}")
}

/// What a public game's player page hands its script for counting the play.
#[derive(Debug, Clone)]
pub struct PlayPage {
    /// `data-play-session`.
    pub session: String,
    /// The `aimini_visitor` cookie the page set (None when the request brought a valid one).
    pub visitor_cookie: Option<String>,
}

impl TestApp {
    /// Loads `GET /play/{game}` as a browser would, bringing `visitor_cookie` when given.
    pub async fn play_page(&self, game: Uuid, visitor_cookie: Option<&str>) -> PlayPage {
        let mut req = self.client.get(self.url(&format!("/play/{game}")));
        if let Some(v) = visitor_cookie {
            req = req.header("cookie", format!("aimini_visitor={v}"));
        }
        let resp = req.send().await.expect("player page");
        assert_eq!(resp.status().as_u16(), 200, "player page of {game}");
        let visitor_cookie = resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("aimini_visitor="))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned());
        let html = resp.text().await.expect("html");
        let marker = r#"data-play-session=""#;
        let start = html.find(marker).expect("the page carries a play session") + marker.len();
        let len = html[start..].find('"').expect("closing quote");
        PlayPage {
            session: html[start..start + len].to_owned(),
            visitor_cookie,
        }
    }
}

/// The `token` query parameter of the link in a mail's text.
pub fn link_token(mail: &Value) -> String {
    let text = mail["text"].as_str().expect("mail text");
    let start = text.find("token=").expect("link with token") + "token=".len();
    text[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .expect("token")
        .to_owned()
}

/// Prints a finished child process's stdout and stderr (so a failing test shows them), asserts it
/// exited successfully, and returns its stdout.
pub fn succeeded(out: &std::process::Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    stdout
}

/// Asserts the API's error shape and returns the body.
pub async fn assert_error(resp: reqwest::Response, status: u16, code: &str) -> Value {
    let actual = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = resp.text().await.expect("body");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    assert!(
        content_type.starts_with("application/json"),
        "error is not JSON ({content_type}): {text}"
    );
    let body: Value = serde_json::from_str(&text).expect("error body is JSON");
    assert_eq!(body["error"]["code"], code, "unexpected error code: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "error has no message: {body}"
    );
    body
}
