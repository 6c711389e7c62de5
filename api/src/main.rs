use std::process::ExitCode;

use aimini_api::Application;
use aimini_models::{db, process};
use anyhow::Context as _;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "aimini-api", version, about = "aimini HTTP API")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (configuration from AIMINI_* variables; see .env.example).
    Serve {
        /// Apply pending migrations before serving (same as AIMINI_MIGRATE_ON_START=true).
        #[arg(long)]
        migrate: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document and exit.
    Openapi,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    process::run(|mut config| async move {
        match cli.command {
            Command::Serve { migrate } => {
                config.database.migrate_on_start |= migrate;
                Box::pin(Application::build(config))
                    .await?
                    .run_until_stopped()
                    .await
            }
            Command::Migrate => {
                process::init_tracing(&config.log);
                let pool = db::connect(&config.database)
                    .await
                    .context("cannot connect to Postgres")?;
                db::MIGRATOR
                    .run(&pool)
                    .await
                    .context("applying migrations")?;
                tracing::info!("migrations applied");
                Ok(())
            }
            Command::Openapi => {
                println!(
                    "{}",
                    aimini_api::startup::openapi(&config).to_pretty_json()?
                );
                Ok(())
            }
        }
    })
}
