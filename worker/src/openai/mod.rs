//! The OpenAI engine: one chat completion with a strict JSON-schema response format writes the
//! whole package (metadata + `logic.js`); a rejected answer is repaired once by sending the problems
//! back; the router falls back to the local engine when that fails too.
//!
//! Design decisions:
//! - Wire format: requests are async-openai 0.43's own types (`CreateChatCompletionRequest`,
//!   `CreateModerationRequest`), so what goes out is exactly the OpenAI API. Responses are read
//!   leniently (only choices, content, refusal, finish reason, usage), because OpenAI-compatible
//!   servers (vLLM, llama.cpp, Ollama) leave out fields async-openai's response types require.
//! - Transport and retries are ours, not async-openai's `Client`: its executor always wraps calls in
//!   a fixed 3-retry layer (no switch short of the `middleware` feature) and hides `Retry-After`
//!   inside it, which would multiply with our `max_retries` and blind the circuit breaker. Here one
//!   HTTP attempt = one breaker permit; `max_retries` retries transient errors (429, 5xx, timeouts,
//!   connection errors) with exponential backoff and jitter, honouring `Retry-After` up to
//!   [`MAX_RETRY_AFTER`]; a longer wait gives up at once (the job falls back to local instead).
//! - Each HTTP attempt has its own deadline (`request_timeout`), covering the response body.
//! - Tokens: every call first reserves its worst case through a [`TokenBudget`] (the quota ledger
//!   in jobs, nothing in `try`), caps `max_completion_tokens` to it and settles the real usage.
//! - Nothing here logs prompts, answers or the key; errors carry status, type and code, and a
//!   provider message cut to [`MESSAGE_MAX`] characters.

pub mod breaker;
pub mod format;
pub mod package;
pub mod prompts;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use aimini_models::config::OpenAiConfig;
use aimini_models::lang::Lang;
use anyhow::Context as _;
use async_openai::types::chat::{
    ChatCompletionRequestAssistantMessage, ChatCompletionRequestMessage,
    ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    CreateChatCompletionRequest,
};
use async_openai::types::moderations::{CreateModerationRequest, ModerationInput};
use secrecy::ExposeSecret as _;
use serde::Deserialize;

use crate::engines::{
    Attempt, Engine, EngineError, GenerateInput, Generated, Grant, TokenBudget, TokenUsage,
};
use crate::runner::Sandbox;
use breaker::Breaker;
use format::{Format, FormatChoice};
use futures::future::BoxFuture;
use prompts::{Prompts, Request};

/// The longest `Retry-After` a job waits for; beyond it the local engine serves sooner.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);
/// Provider error messages are cut to this many characters.
const MESSAGE_MAX: usize = 160;
/// Below this many output tokens a call cannot produce a game.
pub const MIN_OUTPUT_TOKENS: u32 = 800;

/// How one call (after its retries) went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("429 rate limited")]
    RateLimited { retry_after: Option<Duration> },
    #[error("{status} server error")]
    Server { status: u16 },
    #[error("timed out after {} s", .0.as_secs_f64())]
    Timeout(Duration),
    #[error("connection failed")]
    Connect,
    /// A non-retryable answer (bad request, auth, unknown model, out of credit).
    #[error("{status} {kind}: {message}")]
    Refused {
        status: u16,
        kind: String,
        message: String,
    },
    #[error("unreadable response: {0}")]
    BadResponse(String),
    #[error("the OpenAI circuit breaker is open (next trial in {} s)", .retry_in.as_secs())]
    BreakerOpen { retry_in: Duration },
}

impl CallError {
    /// Worth another try after a pause.
    pub fn transient(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Server { .. } | Self::Timeout(_) | Self::Connect
        )
    }

    /// Says the provider (or our access to it) is unwell, so it counts toward opening the breaker.
    fn provider_unwell(&self) -> bool {
        match self {
            Self::Refused { status, kind, .. } => {
                matches!(status, 401 | 403 | 404) || kind == "insufficient_quota"
            }
            other => other.transient(),
        }
    }
}

/// A call that failed for good, and how many HTTP attempts it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub error: CallError,
    pub tries: u32,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.error, self.tries) {
            (CallError::BreakerOpen { .. }, _) | (_, 0) => write!(f, "{}", self.error),
            (e, 1) => write!(f, "{e}"),
            (e, n) => write!(f, "{e} after {n} tries"),
        }
    }
}

#[derive(Debug, Deserialize)]
struct ChatResponse {
    #[serde(default)]
    choices: Vec<Choice>,
    usage: Option<Usage>,
}

#[derive(Debug, Deserialize)]
struct Choice {
    message: AnswerMessage,
    finish_reason: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AnswerMessage {
    content: Option<String>,
    refusal: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Usage {
    #[serde(default)]
    prompt_tokens: u32,
    #[serde(default)]
    completion_tokens: u32,
}

#[derive(Debug, Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    code: Option<serde_json::Value>,
    /// The request field at fault, e.g. `response_format` (see [`format::refuses_schema`]).
    #[serde(default)]
    param: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ModerationResponse {
    results: Vec<ModerationResult>,
}

#[derive(Debug, Deserialize)]
struct ModerationResult {
    flagged: bool,
    #[serde(default)]
    categories: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The moderation endpoint's verdict on named texts: the flagged ones with their categories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModerationVerdict {
    pub flagged: Vec<(String, Vec<String>)>,
}

pub struct OpenAiEngine {
    http: reqwest::Client,
    cfg: OpenAiConfig,
    chat_url: String,
    moderation_url: String,
    prompts: Prompts,
    breaker: Arc<Breaker>,
    sandbox: Sandbox,
    format: FormatChoice,
}

impl std::fmt::Debug for OpenAiEngine {
    // Never the key; the base URL and model are not secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiEngine")
            .field("base_url", &self.cfg.base_url.as_str())
            .field("model", &self.cfg.model)
            .finish_non_exhaustive()
    }
}

fn cut(s: &str) -> String {
    cut_to(s, MESSAGE_MAX)
}

/// At most `max` characters (route reasons are a varchar(300) shared by several clauses).
pub fn cut_to(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// Problems are quoted in route reasons this short.
const PROBLEM_MAX: usize = 90;

/// A generous token estimate: ~3 bytes per token plus per-message overhead (real English text runs
/// ~4), so the reservation covers the prompt the provider will count.
fn estimate_tokens(parts: &[&str]) -> u32 {
    let bytes: usize = parts.iter().map(|p| p.len()).sum();
    u32::try_from(bytes / 3 + 16 * parts.len() + 16).unwrap_or(u32::MAX)
}

/// Exponential backoff with jitter: 250 ms, 500 ms, 1 s... capped at 4 s, +-25 %.
fn backoff(retry: u32) -> Duration {
    let base = 250u64.saturating_mul(1u64 << retry.min(4)).min(4_000);
    let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) * base / 510;
    Duration::from_millis(base * 3 / 4 + jitter)
}

impl OpenAiEngine {
    pub fn new(
        cfg: &OpenAiConfig,
        prompts_dir: &Path,
        breaker: Arc<Breaker>,
        sandbox: Sandbox,
    ) -> anyhow::Result<Self> {
        let prompts = Prompts::load(prompts_dir)?;
        let http = reqwest::Client::builder()
            .connect_timeout(cfg.request_timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("aimini-worker/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the HTTP client")?;
        let base = cfg.base_url.as_str().trim_end_matches('/');
        Ok(Self {
            http,
            cfg: cfg.clone(),
            chat_url: format!("{base}/chat/completions"),
            moderation_url: format!("{base}/moderations"),
            prompts,
            breaker,
            sandbox,
            format: FormatChoice::new(cfg.response_format),
        })
    }

    pub fn model(&self) -> &str {
        &self.cfg.model
    }

    pub fn breaker(&self) -> &Breaker {
        &self.breaker
    }

    pub fn moderation_enabled(&self) -> bool {
        self.cfg.moderation
    }

    /// One HTTP attempt, with its own deadline.
    async fn send_once<T: serde::Serialize>(
        &self,
        url: &str,
        body: &T,
    ) -> Result<bytes::Bytes, CallError> {
        let timeout = self.cfg.request_timeout;
        let attempt = async {
            let resp = self
                .http
                .post(url)
                .bearer_auth(self.cfg.api_key.expose_secret())
                .json(body)
                .send()
                .await
                .map_err(|e| {
                    if e.is_timeout() {
                        CallError::Timeout(timeout)
                    } else {
                        CallError::Connect
                    }
                })?;
            let status = resp.status().as_u16();
            let retry_after = resp
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(|s| Duration::from_secs_f64(s.min(3600.0)));
            let bytes = resp.bytes().await.map_err(|_| CallError::Connect)?;
            if (200..300).contains(&status) {
                return Ok(bytes);
            }
            let err = serde_json::from_slice::<ErrorEnvelope>(&bytes).ok();
            let kind = err
                .as_ref()
                .and_then(|e| e.error.kind.clone())
                .or_else(|| {
                    err.as_ref()
                        .and_then(|e| e.error.code.as_ref())
                        .and_then(|c| c.as_str().map(str::to_owned))
                })
                .unwrap_or_else(|| "error".to_owned());
            Err(match status {
                429 if kind != "insufficient_quota" => CallError::RateLimited { retry_after },
                500..=599 => CallError::Server { status },
                _ => CallError::Refused {
                    status,
                    kind,
                    message: cut(&err
                        .as_ref()
                        .map_or(String::new(), |e| match &e.error.param {
                            Some(param) => format!("{param}: {}", e.error.message),
                            None => e.error.message.clone(),
                        })),
                },
            })
        };
        match tokio::time::timeout(timeout, attempt).await {
            Ok(r) => r,
            Err(_) => Err(CallError::Timeout(timeout)),
        }
    }

    /// One call with retries, each HTTP attempt under a breaker permit.
    async fn call<T: serde::Serialize>(
        &self,
        url: &str,
        body: &T,
    ) -> Result<(bytes::Bytes, u32), Failed> {
        let mut tries = 0;
        let mut last: Option<CallError> = None;
        loop {
            let permit = match self.breaker.try_acquire() {
                Ok(p) => p,
                // Opened by our own failures (or others') mid-retry: report what we saw.
                Err(retry_in) => {
                    return Err(Failed {
                        error: last.unwrap_or(CallError::BreakerOpen { retry_in }),
                        tries,
                    });
                }
            };
            tries += 1;
            let error = match self.send_once(url, body).await {
                Ok(bytes) => {
                    permit.success();
                    return Ok((bytes, tries));
                }
                Err(e) => {
                    if e.provider_unwell() {
                        permit.failure();
                    } else {
                        permit.neutral();
                    }
                    e
                }
            };
            tracing::warn!(tries, error = %error, "OpenAI call failed");
            metrics::counter!("openai_call_errors_total", "kind" => match &error {
                CallError::RateLimited { .. } => "rate_limited",
                CallError::Server { .. } => "server",
                CallError::Timeout(_) => "timeout",
                CallError::Connect => "connect",
                CallError::Refused { .. } => "refused",
                CallError::BadResponse(_) => "bad_response",
                CallError::BreakerOpen { .. } => "breaker_open",
            })
            .increment(1);
            if !error.transient() || tries > self.cfg.max_retries {
                return Err(Failed { error, tries });
            }
            let wait = match &error {
                CallError::RateLimited {
                    retry_after: Some(d),
                } => *d,
                _ => backoff(tries - 1),
            };
            if wait > MAX_RETRY_AFTER {
                // Waiting that long costs more than the local engine's answer.
                return Err(Failed { error, tries });
            }
            last = Some(error);
            tokio::time::sleep(wait).await;
        }
    }

    fn request(
        &self,
        messages: Vec<ChatCompletionRequestMessage>,
        max_completion: u32,
        format: Format,
    ) -> CreateChatCompletionRequest {
        format::apply(
            CreateChatCompletionRequest {
                model: self.cfg.model.clone(),
                messages,
                max_completion_tokens: Some(max_completion),
                ..CreateChatCompletionRequest::default()
            },
            format,
        )
    }

    /// One call in the engine's current response format; in `auto` mode, a server that refuses
    /// `json_schema` is asked again at once in `json_object` mode (see [`format`]).
    async fn call_chat(
        &self,
        messages: Vec<ChatCompletionRequestMessage>,
        max_completion: u32,
    ) -> Result<(bytes::Bytes, u32), Failed> {
        let first = self.format.current();
        let body = self.request(messages.clone(), max_completion, first);
        match self.call(&self.chat_url, &body).await {
            Err(failed) if first == Format::Schema && self.format.learn_from(&failed.error) => {
                let body = self.request(messages, max_completion, Format::Object);
                let (bytes, tries) = self.call(&self.chat_url, &body).await?;
                Ok((bytes, tries + failed.tries))
            }
            other => other,
        }
    }

    /// Reserve, call, settle: one chat completion with its tokens accounted for.
    async fn chat(
        &self,
        budget: &dyn TokenBudget,
        purpose: &'static str,
        messages: Vec<ChatCompletionRequestMessage>,
        texts: &[&str],
    ) -> Result<(Choice, TokenUsage), String> {
        let schema = package::schema().to_string();
        let mut parts = texts.to_vec();
        parts.push(&schema);
        let estimate = estimate_tokens(&parts);
        let max_output = self.cfg.max_output_tokens;
        let max_completion = match budget
            .reserve(purpose, estimate, max_output)
            .await
            .map_err(|e| format!("the token ledger failed: {e}"))?
        {
            Grant::Granted { max_completion } => max_completion.min(max_output),
            Grant::Denied(why) => return Err(why),
        };
        let (bytes, tries) = match self.call_chat(messages, max_completion).await {
            Ok(ok) => ok,
            Err(failed) => {
                if let Err(e) = budget.release(purpose).await {
                    tracing::warn!(error = %e, "could not release a token reservation");
                }
                return Err(format!("openai failed: {failed}"));
            }
        };
        let parsed: Result<ChatResponse, _> = serde_json::from_slice(&bytes);
        let usage = parsed
            .as_ref()
            .ok()
            .and_then(|r| r.usage.as_ref())
            .map(|u| TokenUsage {
                prompt: u.prompt_tokens,
                completion: u.completion_tokens,
            })
            // No usage reported: charge the reservation's worth rather than nothing.
            .unwrap_or(TokenUsage {
                prompt: estimate,
                completion: max_completion,
            });
        if let Err(e) = budget.settle(purpose, usage).await {
            tracing::warn!(error = %e, "could not settle a token reservation");
        }
        metrics::counter!("ai_tokens_total", "engine" => "openai")
            .increment(u64::from(usage.total()));
        if usage.prompt > estimate {
            tracing::warn!(
                estimate,
                actual = usage.prompt,
                "prompt token estimate too low"
            );
        }
        let choice = parsed
            .map_err(|e| {
                format!(
                    "openai failed: {}",
                    CallError::BadResponse(cut(&e.to_string()))
                )
            })?
            .choices
            .into_iter()
            .next()
            .ok_or_else(|| "openai failed: the answer has no choices".to_owned())?;
        tracing::info!(
            tries,
            purpose,
            prompt_tokens = usage.prompt,
            completion_tokens = usage.completion,
            "OpenAI call answered"
        );
        Ok((choice, usage))
    }

    /// Tries to write the game; never fails outright: a missing package says why in `outcome`.
    async fn write(&self, input: GenerateInput<'_>, budget: &dyn TokenBudget) -> Attempt {
        let mut attempt = Attempt::failed(String::new());
        let lang = aimini_models::lang::detect(input.prompt).unwrap_or(Lang::En);
        let rendered = match self.prompts.first(Request {
            prompt: input.prompt,
            game_type: input.game_type,
            difficulty: input.difficulty,
            language: lang,
        }) {
            Ok(r) => r,
            Err(e) => {
                attempt.outcome = failed(format!("openai prompt could not be rendered: {e}"));
                return attempt;
            }
        };
        let mut messages: Vec<ChatCompletionRequestMessage> = vec![
            ChatCompletionRequestSystemMessage::from(rendered.system.as_str()).into(),
            ChatCompletionRequestUserMessage::from(rendered.user.as_str()).into(),
        ];
        let first = self
            .chat(
                budget,
                "generate",
                messages.clone(),
                &[&rendered.system, &rendered.user],
            )
            .await;
        let (choice, usage) = match first {
            Ok(ok) => ok,
            Err(why) => {
                attempt.outcome = failed(why);
                return attempt;
            }
        };
        attempt.calls += 1;
        attempt.usage = add(attempt.usage, usage);
        let content = match answer_of(&choice) {
            Ok(c) => c,
            Err(why) => {
                attempt.outcome = failed(why);
                return attempt;
            }
        };
        let problems = match accept(&self.sandbox, &content).await {
            Ok(pkg) => {
                attempt.outcome =
                    Ok(self.generated(pkg, lang, attempt.usage, "written by the model"));
                return attempt;
            }
            Err(problems) => problems,
        };
        tracing::info!(
            problems = problems.len(),
            "OpenAI package rejected; asking for one repair"
        );
        let repair = match self.prompts.repair(&problems) {
            Ok(r) => r,
            Err(e) => {
                attempt.outcome = failed(format!("repair prompt could not be rendered: {e}"));
                return attempt;
            }
        };
        messages.push(ChatCompletionRequestAssistantMessage::from(content.as_str()).into());
        messages.push(ChatCompletionRequestUserMessage::from(repair.as_str()).into());
        let first_problem = cut_to(problems.first().map_or("", String::as_str), PROBLEM_MAX);
        let second = self
            .chat(
                budget,
                "repair",
                messages,
                &[&rendered.system, &rendered.user, &content, &repair],
            )
            .await;
        let (choice, usage) = match second {
            Ok(ok) => ok,
            Err(why) => {
                attempt.outcome = failed(format!(
                    "openai package rejected ({first_problem}); the repair failed: {}",
                    cut_to(&why, PROBLEM_MAX)
                ));
                return attempt;
            }
        };
        attempt.calls += 1;
        attempt.usage = add(attempt.usage, usage);
        let checked = match answer_of(&choice) {
            Ok(c) => accept(&self.sandbox, &c)
                .await
                .map_err(|p| p.into_iter().take(3).collect::<Vec<_>>().join("; ")),
            Err(why) => Err(why),
        };
        attempt.outcome = match checked {
            Ok(pkg) => Ok(self.generated(
                pkg,
                lang,
                attempt.usage,
                &format!("written by the model, repaired once after: {first_problem}"),
            )),
            Err(why) => failed(format!(
                "openai package rejected twice (after the repair: {})",
                cut_to(&why, PROBLEM_MAX)
            )),
        };
        attempt
    }

    /// The accepted package, marked with the language it was asked for in (the model was told to
    /// write every text in it).
    fn generated(
        &self,
        mut pkg: crate::engines::Package,
        lang: Lang,
        usage: TokenUsage,
        how: &str,
    ) -> Generated {
        pkg.metadata["language"] = serde_json::Value::String(lang.code().to_owned());
        Generated::new(pkg, "openai", self.cfg.model.clone(), how.to_owned(), usage)
    }

    /// The moderation endpoint on named texts. One attempt, no retries: the local filter has
    /// already run, so a failure only loses the second opinion (the caller records that).
    pub async fn moderate(
        &self,
        items: &[(String, String)],
    ) -> Result<ModerationVerdict, CallError> {
        // Bounded input: the texts a player sees are short; a game has few of them.
        let items: Vec<&(String, String)> = items
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .take(64)
            .collect();
        if items.is_empty() {
            return Ok(ModerationVerdict::default());
        }
        if let breaker::BreakerView::Open { retry_in } = self.breaker.view() {
            return Err(CallError::BreakerOpen { retry_in });
        }
        let body = CreateModerationRequest {
            input: ModerationInput::StringArray(
                items
                    .iter()
                    .map(|(_, t)| t.chars().take(4_000).collect())
                    .collect(),
            ),
            model: Some(self.cfg.moderation_model.clone()),
        };
        let bytes = self.send_once(&self.moderation_url, &body).await?;
        let resp: ModerationResponse = serde_json::from_slice(&bytes)
            .map_err(|e| CallError::BadResponse(cut(&e.to_string())))?;
        if resp.results.len() != items.len() {
            return Err(CallError::BadResponse(format!(
                "{} results for {} inputs",
                resp.results.len(),
                items.len()
            )));
        }
        let flagged = items
            .iter()
            .zip(resp.results)
            .filter(|(_, r)| r.flagged)
            .map(|((name, _), r)| {
                let cats = r
                    .categories
                    .into_iter()
                    .filter(|(_, v)| v.as_bool() == Some(true))
                    .map(|(k, _)| k)
                    .collect();
                (name.clone(), cats)
            })
            .collect();
        Ok(ModerationVerdict { flagged })
    }
}

fn add(a: TokenUsage, b: TokenUsage) -> TokenUsage {
    TokenUsage {
        prompt: a.prompt.saturating_add(b.prompt),
        completion: a.completion.saturating_add(b.completion),
    }
}

/// The answer's text, or why there is none worth checking.
fn answer_of(choice: &Choice) -> Result<String, String> {
    if let Some(r) = choice.message.refusal.as_deref().filter(|r| !r.is_empty()) {
        return Err(format!("openai refused: {}", cut(r)));
    }
    if choice.finish_reason.as_deref() == Some("length") {
        return Err("openai answer cut off at its token limit".to_owned());
    }
    choice
        .message
        .content
        .clone()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| "openai answer was empty".to_owned())
}

/// The static checks, then the headless smoke test: a package that throws, draws nothing or
/// ignores all input is repaired (once) with what the runner saw, like a blocked API would be.
async fn accept(sandbox: &Sandbox, content: &str) -> Result<crate::engines::Package, Vec<String>> {
    let pkg = package::check(content)?;
    match sandbox.smoke_package(&pkg).await {
        Ok(report) if report.ok => Ok(pkg),
        Ok(report) => Err(report
            .problems
            .iter()
            .map(|p| format!("smoke test: {p}"))
            .collect()),
        Err(e) => Err(vec![format!("smoke test could not run: {e}")]),
    }
}

fn failed(why: String) -> Result<Generated, EngineError> {
    Err(EngineError::Failed(why))
}

impl Engine for OpenAiEngine {
    fn name(&self) -> &'static str {
        "openai"
    }

    fn model(&self) -> String {
        self.cfg.model.clone()
    }

    fn purposes(&self) -> &'static [&'static str] {
        &["generate", "repair"]
    }

    fn generate<'a>(
        &'a self,
        input: GenerateInput<'a>,
        budget: &'a dyn TokenBudget,
    ) -> BoxFuture<'a, Attempt> {
        Box::pin(self.write(input, budget))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_read_well_in_a_route_reason() {
        let f = Failed {
            error: CallError::RateLimited { retry_after: None },
            tries: 3,
        };
        assert_eq!(f.to_string(), "429 rate limited after 3 tries");
        let f = Failed {
            error: CallError::Timeout(Duration::from_secs(1)),
            tries: 1,
        };
        assert_eq!(f.to_string(), "timed out after 1 s");
        let f = Failed {
            error: CallError::Server { status: 503 },
            tries: 2,
        };
        assert_eq!(f.to_string(), "503 server error after 2 tries");
    }

    #[test]
    fn what_counts_against_the_breaker() {
        assert!(CallError::Server { status: 500 }.provider_unwell());
        assert!(CallError::Connect.provider_unwell());
        let refused = |status, kind: &str| CallError::Refused {
            status,
            kind: kind.into(),
            message: String::new(),
        };
        assert!(refused(401, "invalid_request_error").provider_unwell());
        assert!(refused(429, "insufficient_quota").provider_unwell());
        assert!(!refused(400, "invalid_request_error").provider_unwell());
        assert!(!refused(400, "invalid_request_error").transient());
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for retry in 0..10 {
            let d = backoff(retry);
            let base = 250u64 * (1 << retry.min(4));
            let base = base.min(4_000);
            assert!(d >= Duration::from_millis(base * 3 / 4), "{retry}: {d:?}");
            assert!(
                d <= Duration::from_millis(base * 5 / 4 + 1),
                "{retry}: {d:?}"
            );
        }
    }

    #[test]
    fn estimates_are_generous() {
        let text = "a".repeat(3000);
        assert!(estimate_tokens(&[&text]) >= 1000);
    }
}
