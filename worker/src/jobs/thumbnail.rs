//! `RenderThumbnailJob`: a real frame of the game, after a few seconds of scripted play, as WebP.
//!
//! The live version's package is read back from object storage (`logic.js` and `metadata.json`, by
//! the keys the game's `game_data.files` names, so a new version renders its own code), rendered by
//! the headless runner in its sandbox process ([`crate::runner::Sandbox::thumbnails`]), and written to
//! `games/{id}/thumbnails/small.webp` (320x180) and `large.webp` (1280x720). The game's
//! `thumbnail_url` is the small one, with `?v=` and a hash of what was rendered, so a re-render
//! after the logic changes gets a new URL past any cache. Idempotent: a repeated delivery renders
//! the same frame and writes the same bytes.
//!
//! Two renders of one game may overlap when versions change quickly. The images are written and
//! the URL set under the game row's lock, and only if the version rendered is still the live one,
//! so a slow render of an older version can never overwrite the newer version's thumbnail.

use std::path::{Path, PathBuf};

use aimini_models::games;
use aimini_models::jobs::RenderThumbnailJob;
use aimini_models::storage::ObjectKey;
use anyhow::Context as _;
use bytes::Bytes;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::ctx::Ctx;
use crate::jobs::Job;
use crate::runner::{self, Limits, RunnerError, Sandbox, Thumbnails};

impl Job for RenderThumbnailJob {
    const QUEUE: &'static str = RenderThumbnailJob::QUEUE;
    const SHORT: &'static str = "thumb";

    /// Rendering is CPU-bound: more than two at once only makes each slower.
    fn concurrency(configured: usize) -> usize {
        configured.min(2)
    }

    fn id(&self) -> Uuid {
        self.game_id
    }

    async fn handle(self, ctx: &Ctx) -> anyhow::Result<&'static str> {
        render_thumbnail(ctx, self.game_id).await.map(|()| "done")
    }
}

/// Renders and stores a game's thumbnails and sets its thumbnail URL.
///
/// `Ok(())` also when there is nothing to do: the game or its package is gone (deleted meanwhile),
/// or the game cannot be rendered (it fails before its first frame, or never draws): those are
/// logged, as retrying cannot help. Storage and database trouble is an `Err` (retry later).
pub async fn render_thumbnail(ctx: &Ctx, game_id: Uuid) -> anyhow::Result<()> {
    let Some(live) = games::live_package(&ctx.db, game_id).await? else {
        tracing::warn!(%game_id, "thumbnail: no such game; skipped");
        return Ok(());
    };
    let get = |name: &str| {
        let key = live.game_data.key(name);
        async move {
            match key {
                Some(key) => anyhow::Ok(ctx.storage.get(&key).await?),
                None => Ok(None),
            }
        }
    };
    let (Some(logic), Some(metadata)) = (get("logic.js").await?, get("metadata.json").await?)
    else {
        tracing::warn!(%game_id, "thumbnail: no package in storage (game deleted?); skipped");
        return Ok(());
    };
    let logic = String::from_utf8(logic.bytes.to_vec()).context("logic.js is not UTF-8")?;
    let metadata: Value =
        serde_json::from_slice(&metadata.bytes).context("metadata.json is not JSON")?;
    let metadata = aimini_models::package::Metadata::from_value(metadata);
    let (params, lang) = (metadata.start_params(), metadata.language());

    // Counted before the code runs, so a live version whose renders keep ending without an answer
    // (the worker killed mid-render) is given up after AIMINI_RUNNER_MAX_ATTEMPTS.
    let Some(attempt) =
        aimini_models::versions::count_thumbnail_attempt(&ctx.db, game_id, live.version).await?
    else {
        tracing::warn!(%game_id, "thumbnail: the live version is gone; skipped");
        return Ok(());
    };
    if attempt > ctx.config.runner.max_attempts {
        tracing::warn!(%game_id, version = live.version, attempt, "thumbnail: renders of this version keep stopping; given up");
        metrics::counter!("thumbnails_total", "outcome" => "given_up").increment(1);
        return Ok(());
    }
    let sandbox = &ctx.engines.sandbox;
    let thumbs = match sandbox
        .thumbnails(&logic, &params, runner::SEED, lang, &Limits::default())
        .await
    {
        Ok(t) => t,
        Err(e @ (RunnerError::Game(_) | RunnerError::Blank)) => {
            tracing::warn!(%game_id, error = %e, "thumbnail: the game cannot be rendered; skipped");
            metrics::counter!("thumbnails_total", "outcome" => "unrenderable").increment(1);
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };

    let mut tx = ctx.db.begin().await?;
    let current = games::lock_for_render(&mut tx, game_id).await?;
    match current {
        None => {
            tracing::warn!(%game_id, "thumbnail: game deleted while rendering; skipped");
            return Ok(());
        }
        Some(g) if g.purged => {
            // Written now, the images would outlive the purge that already ran.
            tracing::info!(%game_id, "thumbnail: the game was purged; skipped");
            return Ok(());
        }
        Some(g) if g.version != live.version => {
            // The newer version's own render job sets its thumbnail.
            tracing::info!(%game_id, rendered = live.version, live = g.version, "thumbnail: a newer version went live meanwhile; skipped");
            metrics::counter!("thumbnails_total", "outcome" => "superseded").increment(1);
            return Ok(());
        }
        Some(_) => {}
    }
    let mut keys = Vec::new();
    for (name, bytes) in [("small.webp", &thumbs.small), ("large.webp", &thumbs.large)] {
        let key = ObjectKey::new(format!("games/{game_id}/thumbnails/{name}"))?;
        ctx.storage
            .put(&key, Bytes::from(bytes.clone()), "image/webp")
            .await?;
        keys.push(key);
    }
    let version = hex::encode(&Sha256::digest(&thumbs.small)[..6]);
    let url = format!(
        "{}?v={version}",
        ctx.storage.public_url(&keys[0], &ctx.config.public_url)
    );
    games::set_thumbnail_url(&mut *tx, game_id, &url).await?;
    tx.commit().await?;
    metrics::counter!("thumbnails_total", "outcome" => "rendered").increment(1);
    tracing::info!(%game_id, frame = thumbs.frame, render_ms = thumbs.render_ms as u64, %url, "thumbnail rendered");
    Ok(())
}

/// For `try`: renders the package's thumbnails into `out/thumbnails/{small,large}.webp`.
pub async fn write_package_thumbnails(
    sandbox: &Sandbox,
    pkg: &crate::engines::Package,
    out: &Path,
) -> anyhow::Result<(Thumbnails, [PathBuf; 2])> {
    let thumbs = sandbox.package_thumbnails(pkg).await?;
    let dir = out.join("thumbnails");
    tokio::fs::create_dir_all(&dir)
        .await
        .with_context(|| format!("creating {}", dir.display()))?;
    let small = dir.join("small.webp");
    let large = dir.join("large.webp");
    for (path, bytes) in [(&small, &thumbs.small), (&large, &thumbs.large)] {
        tokio::fs::write(path, bytes)
            .await
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok((thumbs, [small, large]))
}

#[cfg(test)]
mod tests {
    //! Against the real services: the dev database `scripts/test.sh` migrates, Redis, and the
    //! local storage backend in a temporary directory.

    use std::sync::Arc;

    use aimini_models::config::Source;
    use aimini_models::games::NewGame;
    use aimini_models::queue::Queues;
    use aimini_models::storage::Storage;
    use aimini_models::templates::TemplateSet;
    use aimini_models::{Config, db, redis_conn};

    use super::*;
    use aimini_models::games::GameStatus;
    use aimini_models::package::GameData;

    fn env_or(key: &str, default: &str) -> String {
        std::env::var(key).unwrap_or_else(|_| default.to_owned())
    }

    async fn test_ctx(storage_dir: &Path) -> Ctx {
        let admin = env_or(
            "AIMINI_TEST_DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/postgres",
        );
        let db_url = match admin.rsplit_once('/') {
            Some((server, _)) => format!("{server}/aimini"),
            None => admin,
        };
        let config = Config::from_source(&Source::from_pairs([
            ("AIMINI_DATABASE_URL", db_url),
            (
                "AIMINI_REDIS_URL",
                env_or("AIMINI_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
            ),
            ("AIMINI_REDIS_PREFIX", "aimini-thumb-test:".to_owned()),
            ("AIMINI_STORAGE_BACKEND", "local".to_owned()),
            (
                "AIMINI_STORAGE_LOCAL_DIR",
                storage_dir.display().to_string(),
            ),
            ("AIMINI_PUBLIC_URL", "http://thumbs.test".to_owned()),
        ]))
        .expect("config");
        std::fs::create_dir_all(storage_dir).expect("storage dir");
        let db = db::connect(&config.database).await.expect("postgres");
        let redis = redis_conn::connect(&config.redis).await.expect("redis");
        let storage = Storage::connect(&config.storage).await.expect("storage");
        Ctx {
            db,
            storage,
            engines: Arc::new(crate::try_cli::tests::local_engines()),
            queues: Queues::new(redis.clone(), &config.redis.key_prefix),
            redis,
            config: Arc::new(config),
        }
    }

    async fn url_of(p: &Ctx, id: Uuid) -> Option<String> {
        sqlx::query_scalar("SELECT thumbnail_url FROM games WHERE id = $1")
            .bind(id)
            .fetch_one(&p.db)
            .await
            .expect("game row")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_job_renders_stores_and_points_the_game_at_its_thumbnail() {
        let dir = std::env::temp_dir().join(format!("aimini-thumb-{}", Uuid::new_v4().simple()));
        let p = test_ctx(&dir).await;
        let tag = &Uuid::new_v4().simple().to_string()[..12];
        let user: Uuid = sqlx::query_scalar(
            "INSERT INTO users (username, email, password_hash) VALUES ($1, $2, 'x') RETURNING id",
        )
        .bind(format!("thumb_{tag}"))
        .bind(format!("thumb_{tag}@example.com"))
        .fetch_one(&p.db)
        .await
        .expect("user");
        let set =
            TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
                .expect("templates");
        let t = set.get("dodger").expect("dodger");
        let pkg = crate::local::rules::package(t, t.example.clone(), None);
        let (game, bare) = (Uuid::new_v4(), Uuid::new_v4());
        // The package as the generation job stores it (only for `game`), under a versioned prefix: the
        // job must follow `game_data.files`, not guess the keys.
        let key_of = |name: &str| format!("games/{game}/g1/{name}");
        let with_files = GameData::from_value(serde_json::json!({"files": {
            "logic.js": {"key": key_of("logic.js")},
            "metadata.json": {"key": key_of("metadata.json")},
        }}))
        .expect("package");
        for (id, game_data) in [(game, &with_files), (bare, &GameData::default())] {
            games::insert(
                &p.db,
                NewGame {
                    id,
                    creator_id: user,
                    title: &pkg.title,
                    description: None,
                    category: &pkg.category,
                    difficulty: &pkg.difficulty,
                    game_data,
                    tags: &[],
                    is_public: false,
                    status: GameStatus::Active,
                    forked_from: None,
                    source: aimini_models::versions::Source::Generation,
                    state: aimini_models::versions::State::Ready,
                },
            )
            .await
            .expect("game");
        }
        for (name, body) in [
            ("logic.js", pkg.logic.as_bytes().to_vec()),
            (
                "metadata.json",
                serde_json::to_vec(&pkg.metadata).expect("json"),
            ),
        ] {
            let key = ObjectKey::new(key_of(name)).expect("key");
            p.storage
                .put(&key, body.into(), "application/octet-stream")
                .await
                .expect("put");
        }

        render_thumbnail(&p, game).await.expect("render");
        let url = url_of(&p, game).await.expect("thumbnail_url set");
        assert!(
            url.starts_with(&format!(
                "http://thumbs.test/media/games/{game}/thumbnails/small.webp?v="
            )),
            "{url}"
        );
        for (name, size) in [("small.webp", (320, 180)), ("large.webp", (1280, 720))] {
            let key = ObjectKey::new(format!("games/{game}/thumbnails/{name}")).expect("key");
            let obj = p.storage.get(&key).await.expect("get").expect(name);
            let img = image::load_from_memory_with_format(&obj.bytes, image::ImageFormat::WebP)
                .expect("webp");
            assert_eq!((img.width(), img.height()), size);
        }
        // A repeated delivery renders the same frame: same URL.
        render_thumbnail(&p, game).await.expect("render again");
        assert_eq!(url_of(&p, game).await.as_deref(), Some(url.as_str()));

        // No package in storage (deleted meanwhile): nothing to do, not an error.
        render_thumbnail(&p, bare).await.expect("nothing to render");
        assert_eq!(url_of(&p, bare).await, None);

        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(user)
            .execute(&p.db)
            .await
            .expect("cleanup");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn try_gets_thumbnail_files() {
        let set =
            TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
                .expect("templates");
        let t = set.get("snake").expect("snake");
        let pkg = crate::local::rules::package(t, t.example.clone(), None);
        let out =
            std::env::temp_dir().join(format!("aimini-try-thumb-{}", Uuid::new_v4().simple()));
        let (thumbs, [small, large]) =
            write_package_thumbnails(&crate::runner::sandbox::test_sandbox(), &pkg, &out)
                .await
                .expect("write");
        assert_eq!(std::fs::read(&small).expect("small"), thumbs.small);
        assert_eq!(std::fs::read(&large).expect("large"), thumbs.large);
        assert_eq!(small, out.join("thumbnails/small.webp"));
        let _ = std::fs::remove_dir_all(&out);
    }
}
