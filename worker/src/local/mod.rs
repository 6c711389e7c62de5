//! The local engine: template retrieval plus parameter filling, all inside the worker process.
//!
//! `LocalEngine` is what the pipeline, `try` and `eval` call; it hides whether the candle models
//! are loaded. With them, all-MiniLM-L6-v2 embeddings pick the template (`embed.rs`) and
//! SmolLM2-135M-Instruct writes the template's free-text parameters with schema-guided decoding
//! (`llm.rs`, `fill.rs`) over the rule values of `rules.rs`, which stay the fallback field by field.
//! Without them (weights missing, a load error, `AIMINI_LOCAL_MODEL=false`) the rule-based filler
//! serves and the result says so (`model: template-rules` plus the reason), never silently.
//!
//! Models load once per process and are shared by every job through an `Arc`. All candle work runs
//! in `spawn_blocking`: a generation takes seconds of CPU and must not stall the async runtime. The
//! language model's KV cache belongs to each call (`llm.rs`), so concurrent jobs never share state.
//!
//! Threads: candle 0.11 sizes its CPU thread pool once, from `RAYON_NUM_THREADS` (or
//! `CANDLE_NUM_THREADS`) in the environment, and setting an environment variable from Rust is
//! `unsafe` (forbidden here). `AIMINI_MODEL_THREADS` is therefore applied by the launchers
//! (`scripts/*.sh`, the Dockerfile) exporting `RAYON_NUM_THREADS`; at load we log the count candle
//! will really use and warn when it differs from the configuration.

mod art;
mod bank;
mod directives;
mod embed;
mod fill;
pub mod intent;
mod llm;
mod localise;
pub mod rules;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use aimini_models::config::LocalModelConfig;
use aimini_models::templates::{Template, TemplateSet};
use candle_core::Device;
use serde_json::Value;

use self::rules::RULES_MODEL;
use crate::engines::{EngineError, GenerateInput, Generated, TokenUsage};

pub use embed::NAME as EMBEDDING_MODEL;
pub use llm::NAME as LANGUAGE_MODEL;

/// The best template for a prompt by embedding similarity (cosine, 0..1; plus 0.15, capped at 1,
/// when the prompt names the template, e.g. "a pirate treasure quiz").
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateMatch {
    pub template_id: String,
    pub similarity: f32,
}

/// Why a model is not available or failed.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error("model file {} is missing (run scripts/models.sh, or point AIMINI_MODELS_DIR at the weights)", .0.display())]
    Missing(PathBuf),
    #[error("cannot load {model}: {message}")]
    Load {
        model: &'static str,
        message: String,
    },
    #[error("{0}")]
    Run(String),
}

impl LocalError {
    fn load(model: &'static str, message: String) -> Self {
        Self::Load { model, message }
    }
}

/// How well a template fits a prompt.
#[derive(Debug, Clone, Copy)]
struct Scored {
    cosine: f32,
    /// The prompt names the template or its category.
    named: bool,
    score: f32,
}

impl std::fmt::Display for Scored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "by embedding similarity {:.2}", self.cosine)?;
        if self.named {
            write!(f, " (+{NAME_BONUS:.2}: the prompt names it)")?;
        }
        Ok(())
    }
}

/// The loaded models and the template index built with them.
struct Models {
    embedder: embed::Embedder,
    llm: llm::Llm,
    /// Per template (in `TemplateSet::all` order): the embeddings of its retrieval texts.
    index: Vec<Vec<Vec<f32>>>,
    /// Per sprite of the library (in `SpriteLibrary::all` order): the embedding of its description.
    sprites: Vec<Vec<f32>>,
}

/// The cosine from which a name's nearest sprite pictures it when no name or alias matches (see
/// `benches/RESULTS.md`, "Sprites by meaning"): below it a name keeps the template's own look.
const SPRITE_MIN_COSINE: f32 = 0.62;

impl art::Chooser for Models {
    fn choose<'a>(
        &self,
        library: &'a aimini_models::sprites::SpriteLibrary,
        name: &str,
    ) -> Option<&'a aimini_models::sprites::Sprite> {
        if self.sprites.len() != library.all().len() {
            return None;
        }
        let e = self.embedder.embed(&[name]).ok()?.pop()?;
        let (best, cosine) = self
            .sprites
            .iter()
            .enumerate()
            .map(|(i, s)| (i, embed::cosine(&e, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        (cosine >= SPRITE_MIN_COSINE).then(|| &library.all()[best])
    }
}

/// What a template is, as short texts to match prompts against: its name with its tags, each
/// sentence of its description, and each example prompt the description quotes. A prompt is scored
/// by its closest text, so one specific example ("noughts and crosses") counts as much as the
/// template's whole description.
fn retrieval_texts(t: &Template) -> Vec<String> {
    let m = &t.meta;
    let mut texts = vec![format!(
        "{} ({}): {}",
        m.title,
        m.id.replace('-', " "),
        m.tags.join(", ")
    )];
    for sentence in m.description.split(". ") {
        let s = sentence.trim();
        if s.is_empty() {
            continue;
        }
        texts.push(s.to_owned());
        // Quoted example prompts: 'snake game', 'a worm that eats apples'.
        let mut parts = s.split('\'');
        parts.next();
        while let (Some(quoted), _) = (parts.next(), parts.next()) {
            if quoted.len() > 2 {
                texts.push(quoted.to_owned());
            }
        }
    }
    texts
}

/// Added to a template's similarity when the prompt names it ("a pirate treasure quiz", "a candy
/// themed memory match") or its category as a kind of game ("a word game"). Embeddings of short
/// prompts weigh the setting words ("pirate treasure") as much as the kind of game; a name is the
/// user telling us the kind, so it decides between templates the setting alone would confuse.
const NAME_BONUS: f32 = 0.15;

/// Lower-case words of `text`, space-joined and space-padded, for whole-phrase matching.
fn phrase_form(text: &str) -> String {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    format!(" {} ", words.join(" "))
}

/// Whether the prompt names the template (its id or title) or its category as a kind of game.
fn names_template(prompt: &str, t: &Template) -> bool {
    let p = phrase_form(prompt);
    [
        phrase_form(&t.meta.id),
        phrase_form(&t.meta.title),
        phrase_form(&format!("{} game", t.meta.category)),
    ]
    .iter()
    .any(|name| p.contains(name.as_str()))
}

fn device() -> Result<Device, LocalError> {
    #[cfg(feature = "cuda")]
    {
        Device::new_cuda(0).map_err(|e| LocalError::load("cuda device 0", e.to_string()))
    }
    #[cfg(not(feature = "cuda"))]
    {
        Ok(Device::Cpu)
    }
}

impl Models {
    fn load(cfg: &LocalModelConfig, templates: &TemplateSet) -> Result<Self, LocalError> {
        let device = device()?;
        // MiniLM first: its load briefly holds the file and the tensors (2 x 91 MB); done while
        // SmolLM2 is not yet resident, that keeps it out of the process's peak memory.
        let started = Instant::now();
        let embedder = embed::Embedder::load(&cfg.dir.join("minilm"), &device)?;
        let embed_ms = started.elapsed().as_millis() as u64;
        let llm = llm::Llm::load(&cfg.dir.join("smollm2"), &device)?;
        let llm_ms = started.elapsed().as_millis() as u64 - embed_ms;
        let mut index = Vec::with_capacity(templates.all().len());
        for t in templates.all() {
            let texts = retrieval_texts(t);
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            index.push(embedder.embed(&refs)?);
        }
        let descriptions: Vec<String> = templates
            .content()
            .sprites
            .all()
            .iter()
            .map(aimini_models::sprites::Sprite::description)
            .collect();
        let refs: Vec<&str> = descriptions.iter().map(String::as_str).collect();
        let sprites = if refs.is_empty() {
            Vec::new()
        } else {
            embedder.embed(&refs)?
        };
        tracing::debug!(
            embed_ms,
            llm_ms,
            index_ms = started.elapsed().as_millis() as u64 - embed_ms - llm_ms,
            "local model load phases"
        );
        Ok(Self {
            embedder,
            llm,
            index,
            sprites,
        })
    }

    /// Each template's score for the prompt, in `TemplateSet::all` order: the cosine similarity of
    /// its closest retrieval text, plus `NAME_BONUS` when the prompt names it (capped at 1).
    fn similarities(
        &self,
        templates: &TemplateSet,
        prompt: &str,
    ) -> Result<Vec<Scored>, LocalError> {
        let p = self
            .embedder
            .embed(&[prompt])?
            .pop()
            .ok_or_else(|| LocalError::Run("no embedding for the prompt".into()))?;
        Ok(self
            .index
            .iter()
            .zip(templates.all())
            .map(|(texts, t)| {
                let cosine = texts
                    .iter()
                    .map(|e| embed::cosine(&p, e))
                    .fold(f32::MIN, f32::max);
                let named = names_template(prompt, t);
                Scored {
                    cosine,
                    named,
                    score: (cosine + if named { NAME_BONUS } else { 0.0 }).min(1.0),
                }
            })
            .collect())
    }

    fn best<'a>(
        &self,
        templates: &'a TemplateSet,
        sims: &[Scored],
        allowed: impl Fn(&Template) -> bool,
    ) -> Option<(&'a Template, Scored)> {
        templates
            .all()
            .iter()
            .zip(sims)
            .filter(|(t, _)| allowed(t))
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score))
            .map(|(t, s)| (t, *s))
    }

    fn generate(
        &self,
        templates: &TemplateSet,
        input: &OwnedInput,
    ) -> Result<Generated, EngineError> {
        let started = Instant::now();
        let prompt = input.prompt.as_str();
        let mut used_embedding = false;
        let (template, pick_reason) = match input.game_type.as_deref() {
            Some(gt) => match rules::requested(templates, gt)? {
                rules::Requested::Template(t) => (t, format!("template '{gt}' requested")),
                rules::Requested::Category(in_category) => match self
                    .similarities(templates, prompt)
                    .map(|sims| self.best(templates, &sims, |t| t.meta.category == gt))
                {
                    Ok(Some((t, s))) => {
                        used_embedding = true;
                        (
                            t,
                            format!("category '{gt}' requested; template '{}' {s}", t.meta.id),
                        )
                    }
                    Ok(None) => (
                        in_category[0],
                        format!(
                            "category '{gt}' requested; template '{}'",
                            in_category[0].meta.id
                        ),
                    ),
                    Err(e) => {
                        let pick = rules::pick(templates, prompt, Some(gt))?;
                        (
                            pick.template,
                            format!("{} (embeddings failed: {e})", pick.reason),
                        )
                    }
                },
            },
            None => match self.similarities(templates, prompt) {
                Ok(sims) => {
                    used_embedding = true;
                    let (t, s) = self
                        .best(templates, &sims, |_| true)
                        .ok_or_else(|| EngineError::Invalid("no templates".into()))?;
                    (t, format!("template '{}' {s}", t.meta.id))
                }
                Err(e) => {
                    let pick = rules::pick(templates, prompt, None)?;
                    (
                        pick.template,
                        format!("{} (embeddings failed: {e})", pick.reason),
                    )
                }
            },
        };
        let (template, pick_reason, approx) = intent::apply(
            templates,
            prompt,
            input.game_type.is_some(),
            template,
            pick_reason,
        );
        let picked_ms = started.elapsed().as_millis();

        let rules = rules::rule_params(template, prompt, templates.content());
        let mut params = rules.params.clone();
        let plan = fill::plan(template, &rules, input.parameters.as_ref());
        let mut tokens = TokenUsage::default();
        let mut used_llm = false;
        let fill_reason = if !plan.writes_anything() {
            "parameters by rules (the prompt and the client fixed every text field)".to_owned()
        } else {
            match self.llm.fill(&template.meta.title, prompt, &plan.slots) {
                Ok(out) => {
                    tokens = TokenUsage {
                        prompt: out.prompt_tokens,
                        completion: out.completion_tokens,
                    };
                    let applied = fill::apply(template, &mut params, &plan, &out, prompt, |t| {
                        self.llm.copies_example(t)
                    });
                    used_llm = !applied.written.is_empty();
                    describe_fill(&applied, &plan.fixed)
                }
                Err(e) => {
                    tracing::warn!(error = %e, template = %template.meta.id, "language model failed; rules fill the parameters");
                    format!("parameters by rules ({LANGUAGE_MODEL} failed: {e})")
                }
            }
        };
        let pictured = art::apply(
            template,
            &templates.content().sprites,
            self,
            &mut params,
            input.parameters.as_ref(),
        );
        let params = rules::finish(template, params, input.parameters.as_ref())?;
        let mut package = rules::package(template, params, input.difficulty.as_deref());
        intent::settle(&mut package, template, approx.as_ref());
        let mut models: Vec<&str> = Vec::new();
        if used_llm {
            models.push(LANGUAGE_MODEL);
        }
        if used_embedding {
            models.push(EMBEDDING_MODEL);
        }
        if !used_llm {
            models.push(RULES_MODEL);
        }
        tracing::debug!(
            template = %template.meta.id,
            pick_ms = picked_ms as u64,
            total_ms = started.elapsed().as_millis() as u64,
            prompt_tokens = tokens.prompt,
            completion_tokens = tokens.completion,
            "local generation"
        );
        Ok(Generated::new(
            package,
            "local",
            models.join("+"),
            format!(
                "{pick_reason}; {fill_reason}{}{}",
                rules.honoured_note(),
                pictured_note(&pictured)
            ),
            tokens,
        ))
    }
}

/// "; pictured: foodArt = taco" for a route reason (empty when nothing was pictured).
fn pictured_note(pictured: &[String]) -> String {
    if pictured.is_empty() {
        String::new()
    } else {
        format!("; pictured: {}", pictured.join(", "))
    }
}

fn list_words(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn describe_fill(applied: &fill::Applied, fixed: &[String]) -> String {
    let mut parts = Vec::new();
    if !applied.written.is_empty() {
        parts.push(format!("{} by SmolLM2", list_words(&applied.written)));
    }
    if !fixed.is_empty() {
        parts.push(format!("{} from the prompt or request", list_words(fixed)));
    }
    for (field, why) in &applied.rejected {
        parts.push(format!("{field} by rules (model text rejected: {why})"));
    }
    if parts.is_empty() {
        "parameters by rules".to_owned()
    } else {
        parts.join("; ")
    }
}

/// `GenerateInput` owned, to cross into `spawn_blocking`.
#[derive(Debug, Clone)]
struct OwnedInput {
    prompt: String,
    game_type: Option<String>,
    parameters: Option<Value>,
    difficulty: Option<String>,
}

impl From<GenerateInput<'_>> for OwnedInput {
    fn from(i: GenerateInput<'_>) -> Self {
        Self {
            prompt: i.prompt.to_owned(),
            game_type: i.game_type.map(str::to_owned),
            parameters: i.parameters.cloned(),
            difficulty: i.difficulty.map(str::to_owned),
        }
    }
}

pub struct LocalEngine {
    templates: Arc<TemplateSet>,
    models: Option<Arc<Models>>,
    /// Why the models are not in use; `None` once they are loaded.
    unavailable: Option<String>,
}

impl LocalEngine {
    /// Loads the models once per process. Never fails: a missing model is recorded and reported.
    pub fn load(cfg: &LocalModelConfig, templates: TemplateSet) -> Self {
        if !cfg.enabled {
            return Self {
                templates: Arc::new(templates),
                models: None,
                unavailable: Some("local models disabled (AIMINI_LOCAL_MODEL=false)".to_owned()),
            };
        }
        let threads = candle_core::utils::get_num_threads();
        if threads != cfg.threads && !cfg!(feature = "cuda") {
            tracing::warn!(
                configured = cfg.threads,
                actual = threads,
                "AIMINI_MODEL_THREADS is applied through RAYON_NUM_THREADS, which candle reads from \
                 the environment: export RAYON_NUM_THREADS={} for the worker",
                cfg.threads
            );
        }
        let started = Instant::now();
        match Models::load(cfg, &templates) {
            Ok(models) => {
                tracing::info!(
                    dir = %cfg.dir.display(),
                    threads,
                    load_ms = started.elapsed().as_millis() as u64,
                    "local models loaded"
                );
                Self {
                    templates: Arc::new(templates),
                    models: Some(Arc::new(models)),
                    unavailable: None,
                }
            }
            Err(e) => Self {
                templates: Arc::new(templates),
                models: None,
                unavailable: Some(e.to_string()),
            },
        }
    }

    /// The rule-based filler only, for tests and benchmarks of the pipeline without a model.
    pub fn rules_only(templates: TemplateSet) -> Self {
        Self {
            templates: Arc::new(templates),
            models: None,
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
            None => Ok(format!("{LANGUAGE_MODEL}+{EMBEDDING_MODEL}")),
        }
    }

    /// The best template by embedding similarity; `None` without the embedding model.
    pub async fn best_template(&self, prompt: &str) -> Option<TemplateMatch> {
        let models = self.models.clone()?;
        let templates = self.templates.clone();
        let prompt = prompt.to_owned();
        let found = tokio::task::spawn_blocking(move || {
            let sims = models.similarities(&templates, &prompt)?;
            Ok::<_, LocalError>(models.best(&templates, &sims, |_| true).map(|(t, s)| {
                TemplateMatch {
                    template_id: t.meta.id.clone(),
                    similarity: s.score,
                }
            }))
        })
        .await;
        match found {
            Ok(Ok(m)) => m,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "embedding the prompt failed");
                None
            }
            Err(e) => {
                tracing::error!(error = %e, "embedding task failed");
                None
            }
        }
    }

    /// Unit-length MiniLM embeddings of `texts` (a dot product is their cosine similarity); `None`
    /// without the embedding model or when embedding fails (logged).
    pub async fn embed(&self, texts: Vec<String>) -> Option<Vec<Vec<f32>>> {
        let models = self.models.clone()?;
        let done = tokio::task::spawn_blocking(move || {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            models.embedder.embed(&refs)
        })
        .await;
        match done {
            Ok(Ok(v)) => Some(v),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "embedding failed");
                None
            }
            Err(e) => {
                tracing::error!(error = %e, "embedding task failed");
                None
            }
        }
    }

    /// A package for the prompt, its texts in the prompt's language (see [`localise`]).
    pub async fn generate(&self, input: GenerateInput<'_>) -> Result<Generated, EngineError> {
        let (lang, english) = localise::english_prompt(&self.templates, input.prompt);
        let input = GenerateInput {
            prompt: english.as_deref().unwrap_or(input.prompt),
            ..input
        };
        let mut generated = self.generate_in_english(input).await?;
        localise::apply(&mut generated.package, &self.templates, lang);
        if lang != aimini_models::lang::Lang::En {
            generated.reason.push_str(&format!(
                "; prompt in {lang}: read through the dictionary, texts written in {lang}"
            ));
        }
        Ok(generated)
    }

    async fn generate_in_english(
        &self,
        input: GenerateInput<'_>,
    ) -> Result<Generated, EngineError> {
        let Some(models) = self.models.clone() else {
            let why = self.unavailable.as_deref().unwrap_or("rules");
            return self.generate_by_rules(input, why);
        };
        let templates = self.templates.clone();
        let owned = OwnedInput::from(input);
        match tokio::task::spawn_blocking(move || models.generate(&templates, &owned)).await {
            Ok(result) => result,
            Err(e) => {
                tracing::error!(error = %e, "local model task failed; the rules serve this job");
                self.generate_by_rules(input, &format!("the local model task failed: {e}"))
            }
        }
    }

    fn generate_by_rules(
        &self,
        input: GenerateInput<'_>,
        why: &str,
    ) -> Result<Generated, EngineError> {
        let pick = rules::pick(&self.templates, input.prompt, input.game_type)?;
        let (template, reason, approx) = intent::apply(
            &self.templates,
            input.prompt,
            input.game_type.is_some(),
            pick.template,
            pick.reason,
        );
        let rules = rules::rule_params(template, input.prompt, self.templates.content());
        let honoured = rules.honoured_note();
        let mut params = rules.params;
        let pictured = art::apply(
            template,
            &self.templates.content().sprites,
            &art::ByName,
            &mut params,
            input.parameters,
        );
        let honoured = format!("{honoured}{}", pictured_note(&pictured));
        let params = rules::finish(template, params, input.parameters)?;
        let mut package = rules::package(template, params, input.difficulty);
        intent::settle(&mut package, template, approx.as_ref());
        Ok(Generated::new(
            package,
            "local",
            RULES_MODEL.to_owned(),
            format!("{reason}; parameters by rules ({why}){honoured}"),
            TokenUsage::default(),
        ))
    }
}

#[cfg(test)]
mod tests;
