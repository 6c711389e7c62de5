use std::path::PathBuf;
use std::process::ExitCode;

use aimini_models::generation::EngineChoice;
use aimini_models::process;
use aimini_models::templates::TemplateSet;
use aimini_worker::eval_cli;
use aimini_worker::local::LocalEngine;
use aimini_worker::router::Engines;
use aimini_worker::try_cli::{self, TryOptions};
use aimini_worker::{RunOptions, Worker};
use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "aimini-worker", version, about = "aimini background worker")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum EngineArg {
    Auto,
    Local,
    Openai,
}

impl From<EngineArg> for EngineChoice {
    fn from(e: EngineArg) -> Self {
        match e {
            EngineArg::Auto => EngineChoice::Auto,
            EngineArg::Local => EngineChoice::Local,
            EngineArg::Openai => EngineChoice::Openai,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Consume jobs until SIGTERM (any number of replicas may run side by side).
    Run {
        /// Queues to serve, comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = aimini_models::jobs::ALL_QUEUES.map(String::from))]
        queues: Vec<String>,
        /// Jobs processed at once per queue.
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=256))]
        concurrency: u16,
    },
    /// Turn one prompt into a game package on disk, exactly as a job would, without any service.
    Try {
        /// What to make, e.g. "a snake game in space".
        prompt: String,
        #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
        engine: EngineArg,
        /// Force a template id (or a category).
        #[arg(long)]
        template: Option<String>,
        /// easy, medium or hard.
        #[arg(long, value_parser = ["easy", "medium", "hard"])]
        difficulty: Option<String>,
        /// Prompt material and templates (default: AIMINI_PROMPTS_DIR, else ./prompts).
        #[arg(long)]
        prompts: Option<PathBuf>,
        /// Where to write the package (default: ./aimini-out/<title>-<id>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run a prompt suite (see prompts/evals/); exits non-zero when a case misses its expectations
    /// or a labelled suite falls below its thresholds.
    Eval {
        /// The suite, e.g. prompts/evals/templates.yaml.
        file: PathBuf,
        /// Prompt material and templates (default: AIMINI_PROMPTS_DIR, else ./prompts).
        #[arg(long)]
        prompts: Option<PathBuf>,
        /// The engine every case asks for (auto: the router decides, as for a client request).
        #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
        engine: EngineArg,
    },
    /// Internal: run one game in this process under the given limits (the worker starts it as a
    /// child for every smoke test and thumbnail; the request comes on stdin).
    #[command(hide = true)]
    Sandbox {
        #[arg(long)]
        memory_bytes: u64,
        #[arg(long)]
        cpu_secs: u64,
    },
}

/// Templates from `prompts_dir`, the local models and (with a key) the OpenAI engine, loaded once
/// for all the prompts of a run.
fn load_engines(
    config: &aimini_models::Config,
    prompts_dir: &std::path::Path,
) -> anyhow::Result<Engines> {
    let templates = TemplateSet::load(&prompts_dir.join("templates")).with_context(|| {
        format!(
            "loading templates from {} (--prompts)",
            prompts_dir.display()
        )
    })?;
    let local = LocalEngine::load(&config.local_model, templates);
    if let Err(why) = local.model_status() {
        eprintln!("note: local models not loaded ({why}); the rule-based filler serves");
    }
    Engines::new(config, std::sync::Arc::new(local), prompts_dir)
        .context("building the OpenAI engine (AIMINI_OPENAI_*, --prompts)")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Before any configuration, runtime or thread: the sandbox is one thread and no secrets.
    if let Command::Sandbox {
        memory_bytes,
        cpu_secs,
    } = cli.command
    {
        return aimini_worker::runner::sandbox::child_main(memory_bytes, cpu_secs);
    }
    process::run(|config| async move {
        match cli.command {
            Command::Run {
                queues,
                concurrency,
            } => {
                process::init_tracing(&config.log);
                let options = RunOptions {
                    queues,
                    concurrency: usize::from(concurrency),
                };
                Worker::build(&config, options)
                    .await?
                    .run_until_stopped()
                    .await
            }
            Command::Try {
                prompt,
                engine,
                template,
                difficulty,
                prompts,
                out,
                json,
            } => {
                let prompts_dir = prompts.unwrap_or(config.prompts_dir.clone());
                let engines = load_engines(&config, &prompts_dir)?;
                let report = try_cli::run(
                    &engines,
                    TryOptions {
                        prompt,
                        engine: engine.into(),
                        template,
                        difficulty,
                        prompts_dir,
                        out,
                        thumbnails: true,
                    },
                )
                .await?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&report)?);
                } else {
                    print!("{}", try_cli::render(&report));
                }
                Ok(())
            }
            Command::Eval {
                file,
                prompts,
                engine,
            } => {
                let prompts = prompts.unwrap_or(config.prompts_dir.clone());
                let engines = load_engines(&config, &prompts)?;
                let run = eval_cli::run(&engines, &file, &prompts, engine.into()).await?;
                print!("{}", run.table);
                match run.failure() {
                    Some(why) => anyhow::bail!("{why}"),
                    None => Ok(()),
                }
            }
            Command::Sandbox { .. } => unreachable!("handled before the runtime starts"),
        }
    })
}
