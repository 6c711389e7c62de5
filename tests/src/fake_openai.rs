//! A fake OpenAI-compatible server on loopback, speaking the real wire format, for the OpenAI
//! engine's tests.
//!
//! `POST /v1/chat/completions` answers with a chat completion whose content is a game package (the
//! fixture `tests/fixtures/openai/game.json` unless the behaviour says otherwise), shaped by the
//! request's `response_format.json_schema` (a request without one, or an answer missing a required
//! property, is a 400 like the real API), with `usage`. Behaviours are scripted per test in a queue
//! (the last one repeats): errors with OpenAI's `{"error": {...}}` bodies, 429 with `retry-after`,
//! 500, answers slower than the client's timeout. `POST /v1/moderations` answers per input, flagging
//! texts that contain a configured word. Every request is recorded (path, authorization header,
//! body) so tests can assert what the worker sent.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aimini_models::config::Source;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

pub const API_KEY: &str = "sk-test-fake-openai-key-0123456789";
/// The model name tests configure.
pub const MODEL: &str = "gpt-fake-1";

/// The fixture game (a package as the model answers it).
pub fn fixture_package() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/openai/game.json");
    let mut pkg: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read fixture game.json"))
            .expect("fixture is JSON");
    pkg["logic_js"] = Value::String(
        std::fs::read_to_string(path.with_file_name("game.js")).expect("read fixture game.js"),
    );
    pkg
}

/// What the fake does with the next chat completion request.
#[derive(Debug, Clone)]
pub enum Behavior {
    /// Answer with this package as the message content, and this usage (completion tokens are
    /// capped to the request's `max_completion_tokens`, as a real model stops there), after `delay`.
    Answer {
        package: Value,
        prompt_tokens: u32,
        completion_tokens: u32,
        delay: Duration,
    },
    /// An OpenAI error response.
    Error {
        status: u16,
        kind: &'static str,
        code: Option<&'static str>,
        message: &'static str,
        retry_after: Option<u64>,
    },
    /// Answer (the fixture) only after this long.
    Slow(Duration),
}

impl Behavior {
    /// The fixture game with 120 prompt and 300 completion tokens.
    pub fn game() -> Self {
        Self::game_with(fixture_package())
    }

    pub fn game_with(package: Value) -> Self {
        Self::Answer {
            package,
            prompt_tokens: 120,
            completion_tokens: 300,
            delay: Duration::ZERO,
        }
    }

    pub fn server_error() -> Self {
        Self::Error {
            status: 500,
            kind: "server_error",
            code: None,
            message: "The server had an error while processing your request.",
            retry_after: None,
        }
    }

    pub fn rate_limited(retry_after: u64) -> Self {
        Self::Error {
            status: 429,
            kind: "requests",
            code: Some("rate_limit_exceeded"),
            message: "Rate limit reached for requests",
            retry_after: Some(retry_after),
        }
    }
}

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub authorization: Option<String>,
    pub body: Value,
}

#[derive(Default)]
struct Inner {
    chat: VecDeque<Behavior>,
    flag_word: Option<String>,
    moderation_fails: bool,
    /// Like llama.cpp's server and some hosted providers: `json_schema` is refused with a 400,
    /// `json_object` is served.
    json_object_only: bool,
    requests: Vec<Recorded>,
}

#[derive(Clone)]
pub struct FakeOpenAi {
    inner: Arc<Mutex<Inner>>,
    url: String,
    _server: Arc<ServerHandle>,
}

struct ServerHandle(tokio::task::JoinHandle<()>);

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn error_body(status: u16, kind: &str, code: Option<&str>, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        axum::Json(
            json!({"error": {"message": message, "type": kind, "param": null, "code": code}}),
        ),
    )
        .into_response()
}

impl FakeOpenAi {
    /// Starts the server on 127.0.0.1 (a free port). Answers the fixture game until told otherwise.
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner {
            chat: VecDeque::from([Behavior::game()]),
            ..Inner::default()
        }));
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .route("/v1/moderations", post(moderations))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake OpenAI server");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            inner,
            url: format!("http://{addr}/v1"),
            _server: Arc::new(ServerHandle(server)),
        }
    }

    /// Points a test app's configuration at this server, with the settings every OpenAI test
    /// shares.
    pub fn configure(&self, src: &mut Source) {
        src.set("AIMINI_OPENAI_API_KEY", API_KEY);
        src.set("AIMINI_OPENAI_BASE_URL", self.url());
        src.set("AIMINI_OPENAI_MODEL", MODEL);
        src.set("AIMINI_OPENAI_TIMEOUT_SECS", "5");
        src.set("AIMINI_OPENAI_MAX_RETRIES", "2");
        src.set("AIMINI_OPENAI_MAX_OUTPUT_TOKENS", "3000");
        // Generous budgets: only the quota tests meet them.
        src.set("AIMINI_QUOTA_FREE_TOKENS", "1000000");
        src.set("AIMINI_QUOTA_PREMIUM_TOKENS", "1000000");
    }

    /// A test app (API and its workers) using this server, plus `extra` settings.
    pub async fn spawn_app(&self, extra: &[(&str, &str)]) -> crate::TestApp {
        let extra: Vec<(String, String)> = extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        // Boxed: the app's future is large.
        Box::pin(crate::spawn_app_with(|src| {
            self.configure(src);
            for (k, v) in extra {
                src.set(&k, v);
            }
        }))
        .await
    }

    /// The base URL to configure (`AIMINI_OPENAI_BASE_URL`), ending in `/v1`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("fake state")
    }

    /// Replaces the chat behaviour queue; the last behaviour repeats once the others are used.
    pub fn script(&self, behaviors: impl IntoIterator<Item = Behavior>) {
        let mut inner = self.lock();
        inner.chat = behaviors.into_iter().collect();
        assert!(!inner.chat.is_empty(), "script at least one behaviour");
    }

    /// Moderation flags every input containing `word` (case-insensitive).
    pub fn flag_moderation(&self, word: &str) {
        self.lock().flag_word = Some(word.to_lowercase());
    }

    /// From now on, refuse `response_format: json_schema` (400, `param: response_format`) and serve
    /// `json_object` requests whose system message carries the schema.
    pub fn only_json_object(&self) {
        self.lock().json_object_only = true;
    }

    /// Moderation answers 503.
    pub fn fail_moderation(&self) {
        self.lock().moderation_fails = true;
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// The chat completion requests received so far.
    pub fn chat_requests(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == "/v1/chat/completions")
            .collect()
    }

    pub fn moderation_requests(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == "/v1/moderations")
            .collect()
    }
}

fn record(inner: &Mutex<Inner>, path: &str, headers: &HeaderMap, body: &Value) {
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    inner.lock().expect("fake state").requests.push(Recorded {
        path: path.to_owned(),
        authorization,
        body: body.clone(),
    });
}

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok())
        == Some(format!("Bearer {API_KEY}").as_str())
}

async fn chat(
    State(inner): State<Arc<Mutex<Inner>>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let body: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(_) => {
            return error_body(
                400,
                "invalid_request_error",
                None,
                "We could not parse the JSON body of your request.",
            );
        }
    };
    record(&inner, "/v1/chat/completions", &headers, &body);
    if !authorized(&headers) {
        return error_body(
            401,
            "invalid_request_error",
            Some("invalid_api_key"),
            "Incorrect API key provided.",
        );
    }
    let object_only = inner.lock().expect("fake state").json_object_only;
    if object_only && body["response_format"]["type"] == "json_schema" {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": {
                "message": "'json_schema' is not one of ['json_object', 'text'] - 'response_format.type'",
                "type": "invalid_request_error",
                "param": "response_format",
                "code": null
            }})),
        )
            .into_response();
    }
    let behavior = {
        let mut inner = inner.lock().expect("fake state");
        if inner.chat.len() > 1 {
            inner.chat.pop_front()
        } else {
            inner.chat.front().cloned()
        }
    }
    .unwrap_or_else(Behavior::game);
    let (package, prompt_tokens, completion_tokens) = match behavior {
        Behavior::Answer {
            package,
            prompt_tokens,
            completion_tokens,
            delay,
        } => {
            tokio::time::sleep(delay).await;
            (package, prompt_tokens, completion_tokens)
        }
        Behavior::Error {
            status,
            kind,
            code,
            message,
            retry_after,
        } => {
            let mut resp = error_body(status, kind, code, message);
            if let Some(secs) = retry_after {
                resp.headers_mut().insert(
                    "retry-after",
                    secs.to_string().parse().expect("header value"),
                );
            }
            return resp;
        }
        Behavior::Slow(d) => {
            tokio::time::sleep(d).await;
            (fixture_package(), 120, 300)
        }
    };
    // Structured outputs: the request must carry a strict JSON schema (in JSON mode, in the system
    // message), and the answer follows it.
    let Some(schema) = requested_schema(&body, object_only) else {
        return error_body(
            400,
            "invalid_request_error",
            None,
            "response_format json_schema (or, on a json_object-only server, json_object with the schema in the system message) required by this fake",
        );
    };
    let schema = &schema;
    for key in schema["required"].as_array().into_iter().flatten() {
        let Some(k) = key.as_str() else { continue };
        if package.get(k).is_none() {
            return error_body(
                400,
                "invalid_request_error",
                None,
                "the scripted answer does not match the requested schema",
            );
        }
    }
    let max = body["max_completion_tokens"].as_u64().unwrap_or(u64::MAX);
    let completion_tokens = u64::from(completion_tokens).min(max);
    axum::Json(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4().simple()),
        "object": "chat.completion",
        "created": 1_764_000_000,
        "model": body["model"],
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": package.to_string(), "refusal": null},
            "logprobs": null,
            "finish_reason": "stop"
        }],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": u64::from(prompt_tokens) + completion_tokens
        },
        "system_fingerprint": "fp_fake"
    }))
    .into_response()
}

/// The schema a chat request asks the answer to follow: `response_format.json_schema.schema`, or
/// on a `json_object`-only server the JSON after "JSON Schema:" in the system message.
fn requested_schema(body: &Value, object_only: bool) -> Option<Value> {
    let format = &body["response_format"];
    let schema = if object_only && format["type"] == "json_object" {
        let system = body["messages"][0]["content"].as_str()?;
        let (_, text) = system.split_once("JSON Schema:")?;
        serde_json::from_str(text.trim()).ok()?
    } else if format["type"] == "json_schema" {
        format["json_schema"]["schema"].clone()
    } else {
        return None;
    };
    (schema["type"] == "object").then_some(schema)
}

async fn moderations(
    State(inner): State<Arc<Mutex<Inner>>>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    record(&inner, "/v1/moderations", &headers, &body);
    if !authorized(&headers) {
        return error_body(
            401,
            "invalid_request_error",
            Some("invalid_api_key"),
            "Incorrect API key provided.",
        );
    }
    let (flag, fails) = {
        let inner = inner.lock().expect("fake state");
        (inner.flag_word.clone(), inner.moderation_fails)
    };
    if fails {
        return error_body(
            503,
            "server_error",
            None,
            "The engine is currently overloaded.",
        );
    }
    let inputs: Vec<String> = match &body["input"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().unwrap_or_default().to_owned())
            .collect(),
        _ => return error_body(400, "invalid_request_error", None, "input is required"),
    };
    let results: Vec<Value> = inputs
        .iter()
        .map(|text| {
            let flagged = flag
                .as_deref()
                .is_some_and(|w| text.to_lowercase().contains(w));
            json!({
                "flagged": flagged,
                "categories": {"violence": flagged, "harassment": false, "hate": false},
                "category_scores": {"violence": if flagged { 0.97 } else { 0.01 }, "harassment": 0.0, "hate": 0.0}
            })
        })
        .collect();
    axum::Json(json!({
        "id": format!("modr-{}", uuid::Uuid::new_v4().simple()),
        "model": body["model"],
        "results": results
    }))
    .into_response()
}
