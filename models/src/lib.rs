//! aimini's shared core: configuration, domain types, rows and queries, the migrator, job payloads
//! and object storage. Both binaries depend on this crate and never on each other; nothing here knows
//! about HTTP.

pub mod catalogue;
pub mod config;
pub mod content;
pub mod db;
pub mod games;
pub mod generation;
pub mod gloss;
pub mod infra;
pub mod jobs;
pub mod jscheck;
pub mod lang;
pub mod marketplace;
pub mod moderation;
pub mod notify;
pub mod oauth;
pub mod package;
pub mod pagination;
pub mod process;
pub mod purge;
pub mod queue;
pub mod quota;
pub mod redis_conn;
pub mod safety;
pub mod secrets;
pub mod sessions;
pub mod sprites;
pub mod storage;
pub mod templates;
pub mod tokens;
pub mod users;
pub mod verification;
pub mod versions;

pub use config::Config;
