//! `RenderThumbnailJob`: a real frame of the game, after a few seconds of scripted play, as WebP.
//!
//! The package is read back from object storage (`games/{id}/logic.js` and `metadata.json`, as the
//! pipeline stored them), rendered by the headless runner ([`crate::runner::thumbnails`]), and
//! written to `games/{id}/thumbnails/small.webp` (320x180) and `large.webp` (1280x720). The game's
//! `thumbnail_url` is the small one, with `?v=` and a hash of what was rendered, so a re-render
//! after the logic changes gets a new URL past any cache. Idempotent: a repeated delivery renders
//! the same frame and writes the same bytes.

use std::path::{Path, PathBuf};

use aimini_models::games;
use aimini_models::storage::ObjectKey;
use anyhow::Context as _;
use bytes::Bytes;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::pipeline::Pipeline;
use crate::runner::{self, RunnerError, Thumbnails};

/// Renders and stores a game's thumbnails and sets its thumbnail URL.
///
/// `Ok(())` also when there is nothing to do: the game or its package is gone (deleted meanwhile),
/// or the game cannot be rendered (it fails before its first frame, or never draws): those are
/// logged, as retrying cannot help. Storage and database trouble is an `Err` (retry later).
pub async fn render_thumbnail(pipeline: &Pipeline, game_id: Uuid) -> anyhow::Result<()> {
    let get = |name: &str| {
        let key = ObjectKey::new(format!("games/{game_id}/{name}"));
        async move {
            let key = key?;
            anyhow::Ok(pipeline.storage.get(&key).await?)
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
    let params = metadata
        .pointer("/template/params")
        .filter(|v| v.is_object())
        .cloned()
        .unwrap_or_else(|| serde_json::json!({}));

    let thumbs = match runner::thumbnails(&logic, &params, runner::SEED).await {
        Ok(t) => t,
        Err(e @ (RunnerError::Game(_) | RunnerError::Blank)) => {
            tracing::warn!(%game_id, error = %e, "thumbnail: the game cannot be rendered; skipped");
            metrics::counter!("thumbnails_total", "outcome" => "unrenderable").increment(1);
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };

    let mut keys = Vec::new();
    for (name, bytes) in [("small.webp", &thumbs.small), ("large.webp", &thumbs.large)] {
        let key = ObjectKey::new(format!("games/{game_id}/thumbnails/{name}"))?;
        pipeline
            .storage
            .put(&key, Bytes::from(bytes.clone()), "image/webp")
            .await?;
        keys.push(key);
    }
    let version = hex::encode(&Sha256::digest(&thumbs.small)[..6]);
    let url = format!(
        "{}?v={version}",
        pipeline
            .storage
            .public_url(&keys[0], &pipeline.config.public_url)
    );
    if !games::set_thumbnail_url(&pipeline.db, game_id, &url).await? {
        tracing::warn!(%game_id, "thumbnail: game deleted while rendering; images left to its cleanup");
        return Ok(());
    }
    metrics::counter!("thumbnails_total", "outcome" => "rendered").increment(1);
    tracing::info!(%game_id, frame = thumbs.frame, render_ms = thumbs.render_ms as u64, %url, "thumbnail rendered");
    Ok(())
}

/// For `try`: renders the package's thumbnails into `out/thumbnails/{small,large}.webp`.
pub async fn write_package_thumbnails(
    pkg: &crate::engine::Package,
    out: &Path,
) -> anyhow::Result<(Thumbnails, [PathBuf; 2])> {
    let thumbs = runner::package_thumbnails(pkg).await?;
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
