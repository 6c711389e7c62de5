//! The router: which engine serves a request, and why (the reason is stored with the request).
//!
//! Order of the rules (first match wins), see [`decide`]:
//! 1. `engine: local` -> local. `engine: openai` -> OpenAI, or a permanent failure when this worker
//!    has no OpenAI configuration (the API refuses that earlier; a worker without the key may still
//!    meet such a request). Explicit OpenAI still falls back to local when the breaker is open, the
//!    budget is used up or the provider fails: the user gets a game and the reason says the request
//!    asked for openai and why it did not get it (a failed request would help nobody).
//! 2. OpenAI not configured -> local.
//! 3. Circuit breaker open -> local (an outage must not slow every job).
//! 4. The user's monthly budget exhausted -> local.
//! 5. A simple prompt (the words simple/basic/easy/quick, a short prompt naming a template type, a
//!    template requested by id, or a template whose embedding similarity reaches
//!    `routing.local_similarity`) -> local.
//! 6. Otherwise OpenAI. If it fails (after retries, or a package rejected twice) -> local, with
//!    the failure in the reason.

use std::sync::Arc;
use std::time::Duration;

use aimini_models::config::{Config, RoutingConfig};
use aimini_models::generation::EngineChoice;
use aimini_models::quota::MonthUsage;

use crate::engines::{
    Attempt, Engine, EngineError, GenerateInput, Generated, TokenBudget, TokenUsage, Unmetered,
};
use crate::local::{LocalEngine, TemplateMatch};
use crate::openai::OpenAiEngine;
use crate::openai::breaker::{Breaker, BreakerView};
use crate::runner::{Sandbox, SandboxConfig};
use crate::verified::{FullGate, VerifiedTemplates};

/// Everything the decision depends on, gathered before deciding.
#[derive(Debug, Clone)]
pub struct Facts {
    pub requested: EngineChoice,
    pub openai_configured: bool,
    pub breaker: BreakerView,
    /// `None`: no ledger (the `try` CLI) or not looked up.
    pub budget: Option<MonthUsage>,
    /// Why the prompt is simple; `None`: not simple (or not looked at yet).
    pub simple: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Local {
        reason: String,
    },
    OpenAi {
        reason: String,
    },
    /// The request cannot be served as asked (permanent failure).
    Refuse {
        message: String,
    },
}

/// The decision table (pure; unit-tested below).
pub fn decide(f: &Facts) -> Decision {
    let explicit = f.requested == EngineChoice::Openai;
    let local = |why: String| Decision::Local {
        reason: if explicit {
            format!("openai requested, but {why}; fell back to local")
        } else {
            why
        },
    };
    match f.requested {
        EngineChoice::Local => {
            return Decision::Local {
                reason: "local engine requested".to_owned(),
            };
        }
        EngineChoice::Openai if !f.openai_configured => {
            return Decision::Refuse {
                message:
                    "the openai engine was requested, but OpenAI is not configured on this worker"
                        .to_owned(),
            };
        }
        _ => {}
    }
    if !f.openai_configured {
        return Decision::Local {
            reason: "OpenAI is not configured".to_owned(),
        };
    }
    if let BreakerView::Open { retry_in } = f.breaker {
        return local(format!(
            "the OpenAI circuit breaker is open (provider failing; next trial in {} s)",
            retry_in.as_secs()
        ));
    }
    if let Some(b) = f.budget
        && b.exhausted()
    {
        return local(format!("monthly OpenAI budget used: {b}"));
    }
    if explicit {
        return Decision::OpenAi {
            reason: "openai engine requested".to_owned(),
        };
    }
    match &f.simple {
        Some(why) => Decision::Local {
            reason: format!("{why}; the local engine serves simple prompts"),
        },
        None => Decision::OpenAi {
            reason: "no template fits the prompt closely; OpenAI writes it".to_owned(),
        },
    }
}

const SIMPLE_WORDS: &[&str] = &["simple", "basic", "easy", "quick"];
/// A prompt of at most this many words that names a template type is simple.
const SHORT_PROMPT_WORDS: usize = 8;

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The seed's simple patterns, without embeddings: a simple word, a template requested by id, or a
/// short prompt naming a template (its id, words of its id in order, or its category).
pub fn simple_by_rules(
    prompt: &str,
    game_type: Option<&str>,
    templates: &aimini_models::templates::TemplateSet,
) -> Option<String> {
    if let Some(gt) = game_type
        && templates.get(gt).is_some()
    {
        return Some(format!("template '{gt}' requested"));
    }
    let w = words(prompt);
    if let Some(s) = w.iter().find(|w| SIMPLE_WORDS.contains(&w.as_str())) {
        return Some(format!("simple prompt (\"{s}\")"));
    }
    if w.len() > SHORT_PROMPT_WORDS {
        return None;
    }
    let joined = format!(" {} ", w.join(" "));
    for t in templates.all() {
        let id_words = t.meta.id.replace('-', " ");
        let singular = |s: &str| format!(" {s} ");
        if joined.contains(&singular(&id_words))
            || joined.contains(&singular(&format!("{id_words}s")))
            || joined.contains(&singular(&t.meta.category))
        {
            return Some(format!(
                "short prompt naming a template type ('{}')",
                t.meta.id
            ));
        }
    }
    None
}

/// Why a template match makes the prompt simple, if it does.
pub fn simple_by_similarity(m: Option<&TemplateMatch>, threshold: f32) -> Option<String> {
    m.filter(|m| m.similarity >= threshold).map(|m| {
        format!(
            "template '{}' matches the prompt (similarity {:.2} >= {threshold:.2})",
            m.template_id, m.similarity
        )
    })
}

/// A budget that can also say how the month stands (for the decision).
pub trait Metered: TokenBudget {
    fn month(&self)
    -> impl std::future::Future<Output = anyhow::Result<Option<MonthUsage>>> + Send;
}

impl Metered for Unmetered {
    async fn month(&self) -> anyhow::Result<Option<MonthUsage>> {
        Ok(None)
    }
}

/// A package and the full reason for how it was made.
#[derive(Debug)]
pub struct Routed {
    pub generated: Generated,
    pub route_reason: String,
    /// Tokens of every OpenAI call made for this request, including calls whose answer was not used.
    pub openai_tokens: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum RouteError {
    /// Permanent: the request cannot be served as asked.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// Infrastructure (the ledger's database): retry the job.
    #[error(transparent)]
    Transient(#[from] anyhow::Error),
}

/// The engines of one worker process: the local engine, OpenAI when configured, and the breaker
/// every job shares.
pub struct Engines {
    pub local: Arc<LocalEngine>,
    pub openai: Option<OpenAiEngine>,
    pub breaker: Arc<Breaker>,
    pub routing: RoutingConfig,
    /// The most time the OpenAI route may take (retries and repair included) before the local
    /// engine takes over, so a slow provider still ends inside the job's own timeout.
    pub openai_deadline: Duration,
    /// Where every package's code is played before it is accepted (whichever engine wrote it).
    pub sandbox: Sandbox,
    /// The templates whose games may skip the replay (see [`crate::verified`]).
    pub verified: VerifiedTemplates,
}

/// The loaded templates the fuzz verified; the others are named in the log once.
fn verified_templates(local: &LocalEngine) -> VerifiedTemplates {
    let (verified, unverified) = VerifiedTemplates::new(local.templates());
    if !unverified.is_empty() {
        tracing::warn!(
            templates = %unverified.join(","),
            "these templates differ from the fuzz-tested code: their games run the full gate"
        );
    }
    tracing::debug!(verified = verified.len(), "fuzz-verified templates");
    verified
}

impl Engines {
    /// Builds OpenAI from `config` when its key is set (prompt templates from `prompts_dir`).
    pub fn new(
        config: &Config,
        local: Arc<LocalEngine>,
        prompts_dir: &std::path::Path,
    ) -> anyhow::Result<Self> {
        let breaker = Arc::new(match &config.openai {
            Some(o) => Breaker::new(o.breaker_failures, o.breaker_cooldown),
            None => Breaker::new(1, Duration::ZERO),
        });
        let program = crate::runner::sandbox::locate_program(config.runner.bin.as_deref())
            .map_err(|e| anyhow::anyhow!("AIMINI_RUNNER_BIN: {e}"))?;
        let sandbox = Sandbox::new(SandboxConfig {
            program,
            memory_bytes: config.runner.memory_bytes,
        });
        let openai = config
            .openai
            .as_ref()
            .map(|o| OpenAiEngine::new(o, prompts_dir, breaker.clone(), sandbox.clone()))
            .transpose()?;
        let verified = if config.runner.verified_templates {
            verified_templates(&local)
        } else {
            tracing::info!("AIMINI_RUNNER_VERIFIED_TEMPLATES=false: every package is played");
            VerifiedTemplates::default()
        };
        Ok(Self {
            local,
            openai,
            breaker,
            routing: config.routing,
            sandbox,
            verified,
            // Two thirds of the job timeout: the rest is for the local fallback, storing, completing.
            openai_deadline: config.generation.job_timeout * 2 / 3,
        })
    }

    /// Only the local engine (tests, benchmarks, no OpenAI).
    pub fn local_only(local: Arc<LocalEngine>, routing: RoutingConfig, sandbox: Sandbox) -> Self {
        Self {
            verified: verified_templates(&local),
            local,
            openai: None,
            breaker: Arc::new(Breaker::new(1, Duration::ZERO)),
            routing,
            openai_deadline: Duration::from_secs(60),
            sandbox,
        }
    }

    /// Whether `pkg` may skip the gate's replay (see [`crate::verified`]).
    pub fn verified(
        &self,
        pkg: &crate::engines::Package,
        client_parameters: bool,
    ) -> Result<aimini_models::package::TemplateVerified, FullGate> {
        self.verified
            .covers(self.local.templates(), pkg, client_parameters)
    }

    async fn simple(&self, input: &GenerateInput<'_>) -> Option<String> {
        if let Some(why) = simple_by_rules(input.prompt, input.game_type, self.local.templates()) {
            return Some(why);
        }
        let best = self.local.best_template(input.prompt).await;
        simple_by_similarity(best.as_ref(), self.routing.local_similarity)
    }

    /// Decides the route for a request (reading the budget and, when it matters, the prompt).
    pub async fn route<B: Metered>(
        &self,
        input: &GenerateInput<'_>,
        requested: EngineChoice,
        budget: &B,
    ) -> Result<Decision, RouteError> {
        let mut facts = Facts {
            requested,
            openai_configured: self.openai.is_some(),
            breaker: self.breaker.view(),
            budget: None,
            simple: None,
        };
        if !matches!(decide(&facts), Decision::OpenAi { .. }) {
            return Ok(decide(&facts));
        }
        facts.budget = budget.month().await?;
        if requested == EngineChoice::Auto && matches!(decide(&facts), Decision::OpenAi { .. }) {
            facts.simple = self.simple(input).await;
        }
        Ok(decide(&facts))
    }

    /// Routes and generates: the one code path of jobs, `try` and `eval`.
    pub async fn generate<B: Metered>(
        &self,
        input: GenerateInput<'_>,
        requested: EngineChoice,
        budget: &B,
    ) -> Result<Routed, RouteError> {
        let decision = self.route(&input, requested, budget).await?;
        self.serve(decision, input, requested, budget).await
    }

    /// The engine a decision uses (the local one when it names OpenAI but this worker has none).
    fn engine_for(&self, decision: &Decision) -> &dyn Engine {
        match (decision, &self.openai) {
            (Decision::OpenAi { .. }, Some(o)) => o,
            _ => &*self.local,
        }
    }

    /// The engine and model a decision will use, to show while it works.
    pub fn planned(&self, decision: &Decision) -> (&'static str, String) {
        let engine = self.engine_for(decision);
        (engine.name(), engine.model())
    }

    /// Carries out a decision through the [`Engine`] trait: the chosen engine, and when it fails
    /// (or runs past the deadline) the local engine, with the failure in the reason.
    pub async fn serve<B: Metered>(
        &self,
        decision: Decision,
        input: GenerateInput<'_>,
        requested: EngineChoice,
        budget: &B,
    ) -> Result<Routed, RouteError> {
        let remote = match (&decision, &self.openai) {
            (Decision::OpenAi { .. }, Some(o)) => Some(o as &dyn Engine),
            _ => None,
        };
        let reason = match decision {
            Decision::Refuse { message } => return Err(RouteError::Refused(message)),
            Decision::Local { reason } | Decision::OpenAi { reason } => reason,
        };
        let local: &dyn Engine = &*self.local;
        let Some(engine) = remote else {
            return finish(local.generate(input, budget).await, reason, 0);
        };
        let attempt = self.bounded(engine, input, budget).await;
        let spent = attempt.usage.total();
        let why = match attempt.outcome {
            Err(EngineError::Failed(why)) => why,
            outcome => return finish(Attempt { outcome, ..attempt }, reason, spent),
        };
        let explicit = if requested == EngineChoice::Openai {
            " although openai was requested"
        } else {
            ""
        };
        tracing::warn!(engine = engine.name(), reason = %why, "engine failed; falling back to local");
        metrics::counter!("openai_fallbacks_total").increment(1);
        // Cut so the fallback clause still fits the stored reason (300 characters).
        let reason = format!(
            "{reason}; {}; fell back to local{explicit}",
            crate::openai::cut_to(&why, 170)
        );
        finish(local.generate(input, budget).await, reason, spent)
    }

    /// One engine's attempt, cut off after `openai_deadline` (giving back what it had reserved),
    /// so a slow provider still leaves the fallback time inside the job's own timeout.
    async fn bounded<B: Metered>(
        &self,
        engine: &dyn Engine,
        input: GenerateInput<'_>,
        budget: &B,
    ) -> Attempt {
        match tokio::time::timeout(self.openai_deadline, engine.generate(input, budget)).await {
            Ok(attempt) => attempt,
            Err(_) => {
                for purpose in engine.purposes() {
                    if let Err(e) = budget.release(purpose).await {
                        tracing::warn!(error = %e, "could not release a token reservation");
                    }
                }
                Attempt::failed(format!(
                    "{} took longer than {} s in all",
                    engine.name(),
                    self.openai_deadline.as_secs()
                ))
            }
        }
    }
}

/// The package of a finished attempt with the full reason, or the engine's error.
fn finish(attempt: Attempt, reason: String, paid_tokens: u32) -> Result<Routed, RouteError> {
    let generated = attempt.outcome?;
    let route_reason = format!("{reason}; {}", generated.reason);
    Ok(Routed {
        generated,
        route_reason,
        openai_tokens: paid_tokens,
    })
}

impl Engine for LocalEngine {
    fn name(&self) -> &'static str {
        "local"
    }

    fn model(&self) -> String {
        self.model_status()
            .unwrap_or_else(|_| crate::local::rules::RULES_MODEL.to_owned())
    }

    fn generate<'a>(
        &'a self,
        input: GenerateInput<'a>,
        _budget: &'a dyn TokenBudget,
    ) -> futures::future::BoxFuture<'a, Attempt> {
        Box::pin(async move {
            let outcome = LocalEngine::generate(self, input).await;
            let usage = outcome.as_ref().map_or(TokenUsage::default(), |g| g.tokens);
            Attempt {
                outcome,
                usage,
                calls: 0,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use aimini_models::templates::TemplateSet;

    use super::*;

    fn facts(requested: EngineChoice) -> Facts {
        Facts {
            requested,
            openai_configured: true,
            breaker: BreakerView::Closed,
            budget: Some(MonthUsage {
                used: 0,
                limit: 10_000,
            }),
            simple: None,
        }
    }

    fn reason(d: Decision) -> (&'static str, String) {
        match d {
            Decision::Local { reason } => ("local", reason),
            Decision::OpenAi { reason } => ("openai", reason),
            Decision::Refuse { message } => ("refuse", message),
        }
    }

    #[test]
    fn the_decision_table() {
        use EngineChoice::*;
        let open = BreakerView::Open {
            retry_in: Duration::from_secs(12),
        };
        let spent = Some(MonthUsage {
            used: 9_500,
            limit: 10_000,
        });
        let simple = Some("simple prompt (\"quick\")".to_owned());
        // (requested, configured, breaker, budget, simple) -> (engine, reason contains)
        let cases: Vec<(Facts, &str, &str)> = vec![
            (facts(Local), "local", "local engine requested"),
            (
                Facts {
                    openai_configured: false,
                    ..facts(Local)
                },
                "local",
                "local engine requested",
            ),
            (
                Facts {
                    openai_configured: false,
                    ..facts(Openai)
                },
                "refuse",
                "not configured",
            ),
            (
                Facts {
                    openai_configured: false,
                    ..facts(Auto)
                },
                "local",
                "OpenAI is not configured",
            ),
            (
                Facts {
                    breaker: open,
                    ..facts(Auto)
                },
                "local",
                "circuit breaker is open (provider failing; next trial in 12 s)",
            ),
            (
                Facts {
                    breaker: open,
                    ..facts(Openai)
                },
                "local",
                "openai requested, but the OpenAI circuit breaker is open",
            ),
            (
                Facts {
                    budget: spent,
                    ..facts(Auto)
                },
                "local",
                "monthly OpenAI budget used: 9500 of 10000 tokens",
            ),
            (
                Facts {
                    budget: spent,
                    ..facts(Openai)
                },
                "local",
                "openai requested, but monthly OpenAI budget used: 9500 of 10000 tokens; fell back to local",
            ),
            // The breaker is checked before the budget, the budget before simplicity.
            (
                Facts {
                    breaker: open,
                    budget: spent,
                    simple: simple.clone(),
                    ..facts(Auto)
                },
                "local",
                "circuit breaker",
            ),
            (
                Facts {
                    budget: spent,
                    simple: simple.clone(),
                    ..facts(Auto)
                },
                "local",
                "budget used",
            ),
            (
                Facts {
                    simple: simple.clone(),
                    ..facts(Auto)
                },
                "local",
                "simple prompt (\"quick\"); the local engine serves simple prompts",
            ),
            // Explicit openai ignores simplicity.
            (
                Facts {
                    simple,
                    ..facts(Openai)
                },
                "openai",
                "openai engine requested",
            ),
            (facts(Auto), "openai", "no template fits"),
            // No ledger (try): never exhausted.
            (
                Facts {
                    budget: None,
                    ..facts(Auto)
                },
                "openai",
                "no template fits",
            ),
        ];
        for (f, engine, needle) in cases {
            let (got, why) = reason(decide(&f));
            assert_eq!(got, engine, "{f:?}: {why}");
            assert!(why.contains(needle), "{f:?}: {why:?} lacks {needle:?}");
        }
    }

    fn templates() -> TemplateSet {
        TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
            .expect("templates")
    }

    #[test]
    fn simple_prompts_by_the_seed_patterns() {
        let t = templates();
        for (prompt, game_type, simple) in [
            (
                "a simple space shooter with bosses and power ups",
                None,
                true,
            ),
            ("Quick reflex game", None, true),
            ("snake game", None, true),
            ("a quiz about planets", None, true),
            ("tic tac toe against the computer", None, true),
            ("memory match with animals", None, true),
            ("anything at all", Some("breakout"), true),
            // Category names count too.
            ("a puzzle about pipes", None, true),
            (
                "a platformer where a cat collects stars while avoiding dogs on moving clouds",
                None,
                false,
            ),
            (
                "a long story driven adventure about a snake who wants to become a dragon one day",
                None,
                false,
            ),
            ("a rhythm game with falling notes", None, false),
        ] {
            assert_eq!(
                simple_by_rules(prompt, game_type, &t).is_some(),
                simple,
                "{prompt}: {:?}",
                simple_by_rules(prompt, game_type, &t)
            );
        }
    }

    #[test]
    fn similarity_threshold() {
        let m = TemplateMatch {
            template_id: "snake".into(),
            similarity: 0.71,
        };
        assert!(
            simple_by_similarity(Some(&m), 0.6)
                .is_some_and(|r| r.contains("'snake'") && r.contains("0.71 >= 0.60"))
        );
        assert!(simple_by_similarity(Some(&m), 0.8).is_none());
        assert!(simple_by_similarity(None, 0.0).is_none());
    }
}
