//! What every generation engine shares: the input it gets, the package it makes, how it reports
//! the work (engine, model, reason, tokens) and its one input error. The local engine
//! ([`crate::local`]: candle models over the rule-based filler [`crate::local::rules`]) and the
//! OpenAI engine ([`crate::openai`]) both speak these types, so neither imports the other's, and
//! the router ([`crate::router`]) hands them to the pipeline the same way.

use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The client's input cannot produce a game (bad parameters, unknown template): not retried.
    #[error("{0}")]
    Invalid(String),
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
