//! `aimini-worker eval FILE.yaml`: runs a suite of prompts through the same path as `try` and checks
//! each result against its expectations. Prints progress, a table and latency percentiles; the exit
//! status is non-zero when any case fails, so suites can gate changes to prompts and engines.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use aimini_models::generation::EngineChoice;
use anyhow::Context as _;
use serde::Deserialize;

use crate::router::Engines;
use crate::try_cli::{self, TryOptions};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suite {
    pub cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub prompt: String,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub expect: Expect,
}

#[derive(Debug, Default, Deserialize)]
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

#[derive(Debug)]
pub struct CaseResult {
    pub prompt: String,
    pub ok: bool,
    pub template: String,
    pub ms: f64,
    pub tokens: u32,
    pub problems: Vec<String>,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Runs the suite with every case asking for `engine` (auto: the router decides, as for a client).
pub async fn run(
    engines: &Engines,
    file: &Path,
    prompts_dir: &Path,
    engine: EngineChoice,
) -> anyhow::Result<(Vec<CaseResult>, String)> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let suite: Suite =
        serde_yaml_ng::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    anyhow::ensure!(!suite.cases.is_empty(), "{} has no cases", file.display());
    let scratch =
        std::env::temp_dir().join(format!("aimini-eval-{}", uuid::Uuid::new_v4().simple()));
    let total = suite.cases.len();
    let mut results = Vec::new();
    for (i, case) in suite.cases.iter().enumerate() {
        eprint!(
            "\r[{:>3}/{total}] {:<60}",
            i + 1,
            case.prompt.chars().take(60).collect::<String>()
        );
        let _ = std::io::stderr().flush();
        let started = Instant::now();
        let out: PathBuf = scratch.join(format!("case-{i}"));
        let outcome = try_cli::run(
            engines,
            TryOptions {
                prompt: case.prompt.clone(),
                engine,
                template: case.template.clone(),
                difficulty: None,
                prompts_dir: prompts_dir.to_owned(),
                out: Some(out.clone()),
            },
        )
        .await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut problems = Vec::new();
        let (template, tokens) = match &outcome {
            Ok(r) => {
                let metadata = std::fs::read_to_string(out.join("metadata.json"))
                    .unwrap_or_default()
                    .to_lowercase();
                if let Some(t) = &case.expect.template
                    && &r.template != t
                {
                    problems.push(format!("template {} (expected {t})", r.template));
                }
                if let Some(c) = &case.expect.category
                    && &r.category != c
                {
                    problems.push(format!("category {} (expected {c})", r.category));
                }
                for s in &case.expect.must_contain {
                    if !metadata.contains(&s.to_lowercase()) {
                        problems.push(format!("missing {s:?}"));
                    }
                }
                for s in &case.expect.must_not_contain {
                    if metadata.contains(&s.to_lowercase()) {
                        problems.push(format!("contains {s:?}"));
                    }
                }
                (r.template.clone(), r.tokens_used)
            }
            Err(e) => {
                problems.push(format!("error: {e:#}"));
                ("-".to_owned(), 0)
            }
        };
        if let Some(max) = case.expect.max_ms
            && ms > max
        {
            problems.push(format!("{ms:.1} ms > {max} ms"));
        }
        results.push(CaseResult {
            prompt: case.prompt.clone(),
            ok: problems.is_empty(),
            template,
            ms,
            tokens,
            problems,
        });
    }
    eprintln!();
    let _ = std::fs::remove_dir_all(&scratch);
    let table = render(&results);
    Ok((results, table))
}

fn render(results: &[CaseResult]) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "{:<4} {:<6} {:<16} {:>9} {:>6}  {}\n",
        "#", "result", "template", "ms", "tokens", "prompt / problems"
    ));
    for (i, r) in results.iter().enumerate() {
        let prompt: String = r.prompt.chars().take(50).collect();
        s.push_str(&format!(
            "{:<4} {:<6} {:<16} {:>9.1} {:>6}  {}{}\n",
            i + 1,
            if r.ok { "pass" } else { "FAIL" },
            r.template,
            r.ms,
            r.tokens,
            prompt,
            if r.problems.is_empty() {
                String::new()
            } else {
                format!("  <- {}", r.problems.join("; "))
            }
        ));
    }
    let mut ms: Vec<f64> = results.iter().map(|r| r.ms).collect();
    ms.sort_by(f64::total_cmp);
    let passed = results.iter().filter(|r| r.ok).count();
    let tokens: u32 = results.iter().map(|r| r.tokens).sum();
    s.push_str(&format!(
        "\nlatency p50 {:.1} ms, p95 {:.1} ms; tokens {tokens}\n{passed} passed, {} failed\n",
        percentile(&ms, 50.0),
        percentile(&ms, 95.0),
        results.len() - passed
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_shipped_suite_passes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let (results, table) = run(
            &crate::try_cli::tests::local_engines(),
            &root.join("prompts/evals/templates.yaml"),
            &root.join("prompts"),
            EngineChoice::Auto,
        )
        .await
        .expect("suite runs");
        assert!(results.len() >= 30, "at least 30 prompts");
        // Latency bounds (`max_ms`) are for runs of the CLI on a quiet machine; here the tests run
        // side by side on shared cores, so a slow case is printed, never a failure.
        let latency = |p: &String| p.ends_with(" ms") && p.contains(" ms > ");
        assert!(
            results.iter().all(|r| r.problems.iter().all(latency)),
            "{table}"
        );
        eprintln!("{table}");
    }

    #[tokio::test]
    async fn failures_are_reported() {
        let dir =
            std::env::temp_dir().join(format!("aimini-evaltest-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("suite.yaml");
        std::fs::write(
            &file,
            "cases:\n  - prompt: a snake game\n    expect: {template: quiz, must_contain: [zebra]}\n  - prompt: a quiz\n    expect: {template: quiz}\n",
        )
        .expect("write");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let (results, table) = run(
            &crate::try_cli::tests::local_engines(),
            &file,
            &root.join("prompts"),
            EngineChoice::Auto,
        )
        .await
        .expect("runs");
        assert!(!results[0].ok && results[1].ok, "{table}");
        assert!(
            table.contains("template snake (expected quiz)") && table.contains("missing \"zebra\""),
            "{table}"
        );
        assert!(table.contains("1 passed, 1 failed"), "{table}");
        let _ = std::fs::remove_dir_all(dir);
    }
}
