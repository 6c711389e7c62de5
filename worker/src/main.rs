use std::process::ExitCode;

use aimini_models::Config;
use aimini_models::config::LogFormat;
use aimini_worker::{RunOptions, Worker};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "aimini-worker", version, about = "aimini background worker")]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log.filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    match config.log.format {
        LogFormat::Json => builder.json().flatten_event(true).init(),
        LogFormat::Text => builder.init(),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Run {
                queues,
                concurrency,
            } => {
                let options = RunOptions {
                    queues,
                    concurrency: usize::from(concurrency),
                };
                Worker::build(&config, options)
                    .await?
                    .run_until_stopped()
                    .await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
