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
    /// Create the deployment's missing secrets in DIR (JWT key, database and S3 credentials) and
    /// exit; existing ones are kept. Needs no configuration (compose runs it first).
    InitSecrets {
        #[arg(long)]
        dir: std::path::PathBuf,
        /// Permissions of new files, in octal (0600: only this user may read them).
        #[arg(long, default_value = "600", value_parser = |s: &str| u32::from_str_radix(s, 8))]
        mode: u32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::InitSecrets { dir, mode } = &cli.command {
        return match aimini_models::secrets::init(dir, *mode) {
            Ok(files) => {
                for f in files {
                    let what = if f.created { "created" } else { "kept" };
                    println!("{what} {}", dir.join(f.name).display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write secrets to {}: {e}", dir.display());
                ExitCode::FAILURE
            }
        };
    }
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
            Command::InitSecrets { .. } => unreachable!("handled before the configuration is read"),
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
