//! What every generation engine shares: the [`Engine`] trait the router dispatches through, the
//! input an engine gets, the package it makes, how it reports the work (engine, model, reason,
//! tokens) and its errors. The local engine ([`crate::local`]: candle models over the rule-based
//! filler [`crate::local::rules`]) and the OpenAI engine ([`crate::openai`]) both implement it, so
//! neither imports the other's types, and a third engine (another OpenAI-compatible server with its
//! own wire format, a GPU model) is one new module plus the router rule that picks it.
//!
//! The trait returns boxed futures and takes the budget as `&dyn TokenBudget` so that engines can
//! be chosen at run time (`&dyn Engine`); one allocation per call is nothing next to a generation.

use futures::future::BoxFuture;
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The client's input cannot produce a game (bad parameters, unknown template): not retried,
    /// and no other engine is tried.
    #[error("{0}")]
    Invalid(String),
    /// This engine could not make the game (provider down, budget used, package rejected twice):
    /// the router falls back to the next engine, with this reason in the route reason.
    #[error("{0}")]
    Failed(String),
}

/// A generation engine.
pub trait Engine: Send + Sync {
    /// `local` or `openai`: stored with the request and the game.
    fn name(&self) -> &'static str;
    /// The model(s) it will use, shown while it works.
    fn model(&self) -> String;
    /// The ledger purposes it reserves tokens under, released when the router cuts it off.
    fn purposes(&self) -> &'static [&'static str] {
        &[]
    }
    /// Tries to make the game; never panics: a missing package says why in `outcome`.
    fn generate<'a>(
        &'a self,
        input: GenerateInput<'a>,
        budget: &'a dyn TokenBudget,
    ) -> BoxFuture<'a, Attempt>;
}

/// The result of trying one engine for one request.
#[derive(Debug)]
pub struct Attempt {
    pub outcome: Result<Generated, EngineError>,
    /// Tokens spent on every call made, whatever the outcome.
    pub usage: TokenUsage,
    /// Calls to a provider that got an answer.
    pub calls: u32,
}

impl Attempt {
    /// An attempt that failed before any call.
    pub fn failed(why: impl Into<String>) -> Self {
        Self {
            outcome: Err(EngineError::Failed(why.into())),
            usage: TokenUsage::default(),
            calls: 0,
        }
    }
}

/// What a token budget answers for one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// Go ahead with at most this much output.
    Granted { max_completion: u32 },
    /// No call: why not, in words for the route reason.
    Denied(String),
}

/// Where a call's tokens are reserved and settled: the quota ledger in jobs, nothing in `try`.
pub trait TokenBudget: Sync {
    fn reserve(
        &self,
        purpose: &'static str,
        prompt_estimate: u32,
        max_output: u32,
    ) -> BoxFuture<'_, anyhow::Result<Grant>>;
    fn settle(&self, purpose: &'static str, usage: TokenUsage)
    -> BoxFuture<'_, anyhow::Result<()>>;
    fn release(&self, purpose: &'static str) -> BoxFuture<'_, anyhow::Result<()>>;
}

/// No ledger (the `try` CLI, `eval`): every call may use its whole output allowance.
pub struct Unmetered;

impl TokenBudget for Unmetered {
    fn reserve(
        &self,
        _: &'static str,
        _: u32,
        max_output: u32,
    ) -> BoxFuture<'_, anyhow::Result<Grant>> {
        Box::pin(async move {
            Ok(Grant::Granted {
                max_completion: max_output,
            })
        })
    }
    fn settle(&self, _: &'static str, _: TokenUsage) -> BoxFuture<'_, anyhow::Result<()>> {
        Box::pin(async { Ok(()) })
    }
    fn release(&self, _: &'static str) -> BoxFuture<'_, anyhow::Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// A game package: `metadata.json` (runtime-api.md) plus `logic.js`.
#[derive(Debug, Clone)]
pub struct Package {
    pub metadata: Value,
    pub logic: std::sync::Arc<str>,
    pub title: String,
    pub description: String,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
}

/// What one generation asks for, whichever engine serves it.
#[derive(Debug, Clone, Copy)]
pub struct GenerateInput<'a> {
    pub prompt: &'a str,
    /// Template id or category.
    pub game_type: Option<&'a str>,
    /// The client's explicit parameter overrides (validated against the template's schema).
    pub parameters: Option<&'a Value>,
    pub difficulty: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenUsage {
    pub prompt: u32,
    pub completion: u32,
}

impl TokenUsage {
    pub fn total(self) -> u32 {
        self.prompt.saturating_add(self.completion)
    }
}

/// A package and how it was made.
#[derive(Debug, Clone)]
pub struct Generated {
    pub package: Package,
    /// `local` or `openai`.
    pub engine: &'static str,
    /// The model(s) that did the work, e.g. `SmolLM2-135M-Instruct-Q8_0+all-MiniLM-L6-v2` or
    /// `template-rules`.
    pub model: String,
    /// Template choice and filling, in words (appended to the route reason).
    pub reason: String,
    pub tokens: TokenUsage,
}

impl Generated {
    /// Records the engine and model in the package's `metadata.json` as well.
    pub fn new(
        mut package: Package,
        engine: &'static str,
        model: String,
        reason: String,
        tokens: TokenUsage,
    ) -> Self {
        package.metadata["engine"] = serde_json::json!({"name": engine, "model": model});
        Self {
            package,
            engine,
            model,
            reason,
            tokens,
        }
    }
}
