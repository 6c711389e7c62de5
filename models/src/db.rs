//! Pool, migrator and the mapping of constraint violations to something callers can act on.

use std::time::Duration;

use secrecy::ExposeSecret;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};

use crate::config::DatabaseConfig;

/// The migrations in `migrations/`, embedded at compile time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

pub async fn connect(cfg: &DatabaseConfig) -> Result<PgPool, sqlx::Error> {
    let opts: PgConnectOptions = cfg.url.expose_secret().parse()?;
    // Statements are logged by our own spans; sqlx's per-statement INFO lines would include bind-free SQL
    // on every request and drown the log.
    let opts = opts
        .log_statements(tracing::log::LevelFilter::Debug)
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(250))
        // Catalogue search: titles within this trigram word similarity of the query match (the
        // default 0.6 misses one-letter typos of short words: "comit" ~ "comet" is 0.5). Set per
        // connection because the `%>` operator that the trigram index serves reads the setting.
        .options([("pg_trgm.word_similarity_threshold", "0.45")]);
    PgPoolOptions::new()
        .max_connections(cfg.max_connections)
        // sqlx pings every connection it hands out by default: a second round trip for each
        // statement, which was half of Postgres' work on a status poll. A connection that died
        // while idle now fails the one statement that finds it (the API answers 503 "retry", a job
        // retries) and the pool drops it; idle connections are closed after ten minutes anyway.
        .test_before_acquire(false)
        .acquire_timeout(cfg.acquire_timeout)
        .connect_with(opts)
        .await
}

/// The kind of integrity error a write ran into, with the constraint's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    Unique(String),
    ForeignKey(String),
    Check(String),
    NotNull(String),
}

/// Classifies a database error as a constraint violation (Postgres SQLSTATE class 23).
pub fn violation(err: &sqlx::Error) -> Option<Violation> {
    let db = err.as_database_error()?;
    let name = db.constraint().unwrap_or_default().to_owned();
    match db.code().as_deref() {
        Some("23505") => Some(Violation::Unique(name)),
        Some("23503") => Some(Violation::ForeignKey(name)),
        Some("23514") => Some(Violation::Check(name)),
        Some("23502") => Some(Violation::NotNull(name)),
        _ => None,
    }
}
