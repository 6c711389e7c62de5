use std::process::ExitCode;

use aimini_models::process;
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
    process::run(|config| async move {
        process::init_tracing(&config.log);
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
    })
}
