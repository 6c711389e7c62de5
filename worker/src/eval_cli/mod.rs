//! `aimini-worker eval FILE.yaml`: runs a suite of prompts through the same path as `try` and checks
//! each result against its expectations.
//!
//! Two kinds of suite share the runner:
//! - expectation suites (`prompts/evals/templates.yaml`): each case states what its package must be
//!   (`expect`), and any case that misses fails the run;
//! - labelled suites (`prompts/evals/generation.yaml`): each case carries the labels a fair judge
//!   gives the prompt (acceptable genres, whether it names a theme, its language, whether it must be
//!   refused), and the run is judged as a whole against the suite's `thresholds` ([`report`]): the
//!   share of genre prompts that got their genre, of themed prompts whose texts follow the theme, of
//!   must-refuse prompts refused, and so on. One wrong case is a number in the table, not a failure.
//!
//! Refusals are decided by the content policy exactly as `try` and the API decide them, before any
//! engine runs. Thumbnails are not rendered: they prove nothing the smoke test does not.

pub mod report;

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Instant;

use aimini_models::generation::EngineChoice;
use aimini_models::lang::Lang;
use aimini_models::safety::{self, Category};
use anyhow::Context as _;
use serde::Deserialize;

use crate::router::Engines;
use crate::try_cli::{self, GateFailure, TryOptions};

pub use report::{Summary, Thresholds};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suite {
    /// Floors the whole run must reach (labelled suites); `None` for expectation suites.
    #[serde(default)]
    pub thresholds: Option<Thresholds>,
    /// Cosine similarity (MiniLM) of a game's texts to its prompt from which the theme counts as
    /// honoured; calibrated from a run's mismatched pairs (see [`report`]) and then fixed here.
    #[serde(default)]
    pub theme_threshold: Option<f32>,
    pub cases: Vec<Case>,
}

/// What kind of request a labelled case is; the report breaks its figures down by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Genre,
    Unmet,
    Kids,
    Vague,
    Language,
    Hostile,
    Injection,
    CloseCall,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Genre => "genre",
            Kind::Unmet => "unmet",
            Kind::Kids => "kids",
            Kind::Vague => "vague",
            Kind::Language => "language",
            Kind::Hostile => "hostile",
            Kind::Injection => "injection",
            Kind::CloseCall => "close-call",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub prompt: String,
    /// Force this template, as a client's `game_type` does.
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub expect: Expect,
    // Labels (labelled suites).
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Template ids a fair judge accepts for the game asked for.
    #[serde(default)]
    pub genres: Vec<String>,
    /// No template makes the genre asked for: the honest answer is marked approximate.
    #[serde(default)]
    pub approximate: bool,
    /// The prompt names a theme, setting or objects the game's texts should follow.
    #[serde(default)]
    pub theme: bool,
    /// The language the game's texts should be in (English when absent).
    #[serde(default)]
    pub language: Option<Lang>,
    /// The content policy must refuse the prompt.
    #[serde(default)]
    pub refuse: bool,
    /// The policy category a must-refuse prompt belongs to (`hate`, `injection`, ...).
    #[serde(default)]
    pub category: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub template: Option<String>,
    pub category: Option<String>,
    /// Substrings (case-insensitive) the package's metadata.json must contain.
    #[serde(default)]
    pub must_contain: Vec<String>,
    #[serde(default)]
    pub must_not_contain: Vec<String>,
    pub max_ms: Option<f64>,
}

/// What became of a prompt.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The content policy refused it before any engine ran.
    Refused(Vec<Category>),
    /// A package passed every gate.
    Made(Made),
    /// A package was made and is valid, but failed its smoke test.
    Unplayable(String),
    /// No valid package (engine error, schema or static check failure).
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct Made {
    pub template: String,
    pub approximate: bool,
    pub title: String,
    /// Title and parameter strings: what the player reads that the prompt could shape.
    pub theme_text: String,
    /// The language of the title, the description and the parameter strings, when clear.
    pub detected_language: Option<Lang>,
}

#[derive(Debug)]
pub struct CaseResult {
    pub case: Case,
    pub outcome: Outcome,
    pub ms: f64,
    pub tokens: u32,
    /// Expectation failures (`expect`): any one fails the run.
    pub problems: Vec<String>,
    /// Cosine similarity of the theme text to the prompt (themed cases that made a game, with the
    /// embedding model loaded).
    pub theme_similarity: Option<f32>,
}

impl CaseResult {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn template(&self) -> &str {
        match &self.outcome {
            Outcome::Made(m) => &m.template,
            Outcome::Refused(_) => "(refused)",
            Outcome::Unplayable(_) | Outcome::Failed(_) => "-",
        }
    }
}

/// A finished run: every case, the summary, and the rendered report.
pub struct EvalRun {
    pub results: Vec<CaseResult>,
    pub summary: Summary,
    pub table: String,
    /// The thresholds the run is below; empty when it reaches them (or the suite sets none).
    pub below: Vec<String>,
}

impl EvalRun {
    /// Why the run fails, in one line; `None` when every expectation and threshold is met.
    pub fn failure(&self) -> Option<String> {
        let failed = self.results.iter().filter(|r| !r.ok()).count();
        let mut why = Vec::new();
        if failed > 0 {
            why.push(format!("{failed} of {} cases failed", self.results.len()));
        }
        why.extend(self.below.iter().cloned());
        (!why.is_empty()).then(|| why.join("; "))
    }
}

fn parse_suite(file: &Path, engines: &Engines) -> anyhow::Result<Suite> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let suite: Suite =
        serde_yaml_ng::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    anyhow::ensure!(!suite.cases.is_empty(), "{} has no cases", file.display());
    let templates = engines.local.templates();
    for (i, c) in suite.cases.iter().enumerate() {
        let at = || format!("{} case {} ({:?})", file.display(), i + 1, c.prompt);
        for g in &c.genres {
            anyhow::ensure!(templates.get(g).is_some(), "{}: no template {g:?}", at());
        }
        if let Some(t) = &c.template {
            // As a client's game_type: a template id or a category.
            let known =
                templates.get(t).is_some() || templates.all().iter().any(|x| &x.meta.category == t);
            anyhow::ensure!(known, "{}: no template or category {t:?}", at());
        }
        if let Some(cat) = &c.category {
            anyhow::ensure!(
                Category::ALL.iter().any(|k| k.as_str() == cat),
                "{}: no policy category {cat:?}",
                at()
            );
        }
        anyhow::ensure!(
            !c.refuse || c.category.is_some(),
            "{}: a must-refuse case names its category",
            at()
        );
    }
    Ok(suite)
}

/// Runs the suite with every case asking for `engine` (auto: the router decides, as for a client).
pub async fn run(
    engines: &Engines,
    file: &Path,
    prompts_dir: &Path,
    engine: EngineChoice,
) -> anyhow::Result<EvalRun> {
    let suite = parse_suite(file, engines)?;
    let scratch =
        std::env::temp_dir().join(format!("aimini-eval-{}", uuid::Uuid::new_v4().simple()));
    let total = suite.cases.len();
    let mut results = Vec::with_capacity(total);
    // A progress line rewritten in place on a terminal; one line per ten cases in a log (CI).
    let terminal = std::io::stderr().is_terminal();
    for (i, case) in suite.cases.iter().enumerate() {
        if terminal {
            eprint!(
                "\r[{:>3}/{total}] {:<60}",
                i + 1,
                case.prompt.chars().take(60).collect::<String>()
            );
            let _ = std::io::stderr().flush();
        } else if i % 10 == 0 {
            eprintln!("eval: case {}/{total}", i + 1);
        }
        let out = case_dir(&scratch, i);
        results.push(run_case(engines, case, prompts_dir, &out, engine).await);
    }
    if terminal {
        eprintln!();
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let mismatched = measure_themes(engines, &mut results).await;
    let summary = report::summarise(&results, &mismatched, suite.theme_threshold);
    let below = suite
        .thresholds
        .as_ref()
        .map(|t| t.check(&summary))
        .unwrap_or_default();
    let table = report::render(&results, &summary, suite.thresholds.as_ref(), &below);
    Ok(EvalRun {
        results,
        summary,
        table,
        below,
    })
}

async fn run_case(
    engines: &Engines,
    case: &Case,
    prompts_dir: &Path,
    out: &Path,
    engine: EngineChoice,
) -> CaseResult {
    let started = Instant::now();
    let verdict = safety::screen_request(case.prompt.trim(), None);
    let (outcome, tokens) = if verdict.refused() {
        (Outcome::Refused(verdict.categories()), 0)
    } else {
        let made = try_cli::run(
            engines,
            TryOptions {
                prompt: case.prompt.clone(),
                engine,
                template: case.template.clone(),
                difficulty: None,
                prompts_dir: prompts_dir.to_owned(),
                out: Some(out.to_owned()),
                thumbnails: false,
            },
        )
        .await;
        match made {
            Ok(r) => {
                let metadata: serde_json::Value = std::fs::read(out.join("metadata.json"))
                    .ok()
                    .and_then(|b| serde_json::from_slice(&b).ok())
                    .unwrap_or_default();
                (
                    Outcome::Made(made_from(&r.template, &metadata)),
                    r.tokens_used,
                )
            }
            Err(e) => match e.downcast_ref::<GateFailure>() {
                Some(GateFailure::Unplayable(why)) => (Outcome::Unplayable(why.clone()), 0),
                _ => (Outcome::Failed(format!("{e:#}")), 0),
            },
        }
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let problems = expectation_problems(case, &outcome, out, ms);
    CaseResult {
        case: case.clone(),
        outcome,
        ms,
        tokens,
        problems,
        theme_similarity: None,
    }
}

fn made_from(template: &str, metadata: &serde_json::Value) -> Made {
    let title = metadata["title"].as_str().unwrap_or_default().to_owned();
    let params = &metadata["template"]["params"];
    let join = |items: Vec<(String, String)>| {
        items
            .into_iter()
            .map(|(_, t)| t)
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join(". ")
    };
    let theme_text = join(crate::scan::texts(&title, None, None, params));
    let description = metadata["description"].as_str();
    let language_text = join(crate::scan::texts(&title, description, None, params));
    Made {
        template: template.to_owned(),
        approximate: metadata["approximate"].is_object(),
        title,
        theme_text,
        detected_language: aimini_models::lang::detect(&language_text),
    }
}

/// The `expect` checks of an expectation suite.
fn expectation_problems(case: &Case, outcome: &Outcome, out: &Path, ms: f64) -> Vec<String> {
    let e = &case.expect;
    let expects_any = e.template.is_some()
        || e.category.is_some()
        || !e.must_contain.is_empty()
        || !e.must_not_contain.is_empty()
        || e.max_ms.is_some();
    let mut problems = Vec::new();
    if !expects_any {
        return problems;
    }
    match outcome {
        Outcome::Made(m) => {
            let metadata = std::fs::read_to_string(out.join("metadata.json"))
                .unwrap_or_default()
                .to_lowercase();
            let category = serde_json::from_str::<serde_json::Value>(&metadata)
                .ok()
                .and_then(|v| v["category"].as_str().map(str::to_owned))
                .unwrap_or_default();
            if let Some(t) = &e.template
                && &m.template != t
            {
                problems.push(format!("template {} (expected {t})", m.template));
            }
            if let Some(c) = &e.category
                && &category != c
            {
                problems.push(format!("category {category} (expected {c})"));
            }
            for s in &e.must_contain {
                if !metadata.contains(&s.to_lowercase()) {
                    problems.push(format!("missing {s:?}"));
                }
            }
            for s in &e.must_not_contain {
                if metadata.contains(&s.to_lowercase()) {
                    problems.push(format!("contains {s:?}"));
                }
            }
        }
        Outcome::Refused(c) => problems.push(format!(
            "refused ({})",
            c.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
        )),
        Outcome::Unplayable(why) => problems.push(format!("error: unplayable: {why}")),
        Outcome::Failed(why) => problems.push(format!("error: {why}")),
    }
    if let Some(max) = e.max_ms
        && ms > max
    {
        problems.push(format!("{ms:.1} ms > {max} ms"));
    }
    problems
}

/// Embeds the prompt and the theme text of every themed case that made a game and records their
/// cosine similarity. Returns the similarities of mismatched pairs (one case's prompt against
/// another case's texts): the null distribution the theme threshold is calibrated on. Without the
/// embedding model (rules only) nothing is measured.
async fn measure_themes(engines: &Engines, results: &mut [CaseResult]) -> Vec<f32> {
    let mut themed = Vec::new();
    let mut texts = Vec::new();
    for (i, r) in results.iter().enumerate() {
        if let (true, Outcome::Made(m)) = (r.case.theme, &r.outcome) {
            themed.push(i);
            texts.push(r.case.prompt.clone());
            texts.push(m.theme_text.clone());
        }
    }
    if themed.is_empty() {
        return Vec::new();
    }
    let Some(v) = engines.local.embed(texts).await else {
        return Vec::new();
    };
    let mut mismatched = Vec::new();
    for (k, &i) in themed.iter().enumerate() {
        results[i].theme_similarity = Some(report::dot(&v[2 * k], &v[2 * k + 1]));
        for j in (0..themed.len()).filter(|&j| j != k) {
            mismatched.push(report::dot(&v[2 * k], &v[2 * j + 1]));
        }
    }
    mismatched
}

/// Where a case's package is written inside the scratch folder.
pub fn case_dir(scratch: &Path, i: usize) -> PathBuf {
    scratch.join(format!("case-{i}"))
}

#[cfg(test)]
mod tests;
