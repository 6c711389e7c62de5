//! The services both binaries need before they serve anything (Postgres, Redis, object storage,
//! the game templates), opened in one place so the API and the worker start, and fail, alike: each
//! failure names the setting to look at.

use anyhow::Context as _;
use redis::aio::ConnectionManager;
use sqlx::PgPool;

use crate::storage::Storage;
use crate::templates::TemplateSet;
use crate::{Config, db, redis_conn};

pub struct Infra {
    pub db: PgPool,
    pub redis: ConnectionManager,
    pub storage: Storage,
    pub templates: TemplateSet,
}

impl Infra {
    /// Connects to each service and loads the templates; the first failure stops start-up.
    pub async fn connect(config: &Config) -> anyhow::Result<Self> {
        let db = db::connect(&config.database)
            .await
            .context("cannot connect to Postgres (AIMINI_DATABASE_URL)")?;
        let redis = redis_conn::connect(&config.redis)
            .await
            .context("cannot connect to Redis (AIMINI_REDIS_URL)")?;
        let storage = Storage::connect(&config.storage)
            .await
            .context("cannot reach object storage (AIMINI_STORAGE_*/AIMINI_S3_*)")?;
        let templates = TemplateSet::load(&config.prompts_dir.join("templates"))
            .context("loading game templates (AIMINI_PROMPTS_DIR)")?;
        Ok(Self {
            db,
            redis,
            storage,
            templates,
        })
    }
}
