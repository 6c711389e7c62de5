//! The local engine: template retrieval plus parameter filling, all inside the worker process.
//!
//! `LocalEngine` is what the pipeline, `try` and `eval` call; it hides whether the candle models
//! are loaded. When they are not (weights missing, `AIMINI_LOCAL_MODEL=false`), the rule-based
//! filler in `engine.rs` serves and the result says so (`model: template-rules` plus the reason),
//! never silently.

use std::sync::Arc;

use aimini_models::config::LocalModelConfig;
use aimini_models::templates::TemplateSet;
use serde_json::Value;

use crate::engine::{self, EngineError, Package, RULES_MODEL};

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
    /// The model(s) that did the work, e.g. `SmolLM2-135M-Instruct+all-MiniLM-L6-v2` or `template-rules`.
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

/// The best template for a prompt by embedding similarity (cosine, 0..1).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateMatch {
    pub template_id: String,
    pub similarity: f32,
}

pub struct LocalEngine {
    templates: Arc<TemplateSet>,
    /// Why the models are not in use; `None` once they are loaded.
    unavailable: Option<String>,
}

impl LocalEngine {
    /// Loads the models once per process. Never fails: a missing model is recorded and reported.
    pub fn load(cfg: &LocalModelConfig, templates: TemplateSet) -> Self {
        let unavailable = if cfg.enabled {
            Some(format!(
                "the candle models are not wired in yet (looked in {})",
                cfg.dir.display()
            ))
        } else {
            Some("local models disabled (AIMINI_LOCAL_MODEL=false)".to_owned())
        };
        Self {
            templates: Arc::new(templates),
            unavailable,
        }
    }

    /// The rule-based filler only, for tests and benchmarks of the pipeline without a model.
    pub fn rules_only(templates: TemplateSet) -> Self {
        Self {
            templates: Arc::new(templates),
            unavailable: Some("rule-based filler selected".to_owned()),
        }
    }

    pub fn templates(&self) -> &TemplateSet {
        &self.templates
    }

    /// `Ok(model names)` when the models serve, `Err(why not)` otherwise.
    pub fn model_status(&self) -> Result<String, String> {
        match &self.unavailable {
            Some(why) => Err(why.clone()),
            None => Ok(RULES_MODEL.to_owned()),
        }
    }

    /// The best template by embedding similarity; `None` without the embedding model.
    pub async fn best_template(&self, _prompt: &str) -> Option<TemplateMatch> {
        None
    }

    pub async fn generate(&self, input: GenerateInput<'_>) -> Result<Generated, EngineError> {
        let pick = engine::pick(&self.templates, input.prompt, input.game_type)?;
        let params = engine::fill(pick.template, input.prompt, input.parameters)?;
        let package = engine::package(pick.template, params, input.difficulty);
        let why = self.unavailable.as_deref().unwrap_or("rules");
        Ok(Generated::new(
            package,
            "local",
            RULES_MODEL.to_owned(),
            format!("{}; parameters by rules ({why})", pick.reason),
            TokenUsage::default(),
        ))
    }
}
