//! Purging deleted games: once a soft-deleted game has been deleted longer than the retention
//! period (`CatalogueConfig::deleted_retention`), every object of every one of its versions and its
//! thumbnails are removed from storage and `purged_at` is set. The rows stay (lineage, plays and
//! purchases still point at them).
//!
//! One game per transaction, claimed with `FOR UPDATE SKIP LOCKED`: two workers purging at once
//! take different games, and the row lock is held while the objects are deleted, so an undelete
//! (which must check `purged_at IS NULL`) either happens before the purge or finds it done. A crash
//! mid-purge rolls the claim back and the next run deletes the rest (deleting a missing object is
//! not an error), so the purge is idempotent.
//!
//! Only keys under the game's own prefix (`games/{id}/`) are deleted. Every writer puts a game's
//! objects there, and a key elsewhere can only be shared with another game (a fork that references
//! instead of copying), whose objects must survive this one.

use std::time::Duration;

use sqlx::PgPool;
use uuid::Uuid;

use crate::storage::{ObjectKey, Storage, StorageError};

#[derive(Debug, thiserror::Error)]
pub enum PurgeError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// What one [`purge_deleted`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub games: usize,
    pub objects: usize,
}

/// The thumbnails the render job writes for every game (they are not part of any version).
pub const THUMBNAIL_NAMES: [&str; 2] = ["small.webp", "large.webp"];

/// Purges at most `batch` games deleted longer than `retention` ago, oldest first. Stops at the
/// first storage error (the game it was on stays unpurged, for the next run).
pub async fn purge_deleted(
    db: &PgPool,
    storage: &Storage,
    retention: Duration,
    batch: usize,
) -> Result<Purged, PurgeError> {
    let retention_secs = retention.as_secs_f64();
    let mut done = Purged::default();
    while done.games < batch {
        let mut tx = db.begin().await?;
        let Some(game_id) = sqlx::query_scalar!(
            r#"SELECT id FROM games
               WHERE status = 'deleted' AND purged_at IS NULL
                 AND deleted_at < now() - make_interval(secs => $1::float8)
               ORDER BY deleted_at LIMIT 1
               FOR UPDATE SKIP LOCKED"#,
            retention_secs
        )
        .fetch_optional(&mut *tx)
        .await?
        else {
            break;
        };
        let keys = object_keys(&mut tx, game_id).await?;
        for key in &keys {
            storage.delete(key).await?;
        }
        sqlx::query!("UPDATE games SET purged_at = now() WHERE id = $1", game_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(%game_id, objects = keys.len(), "deleted game purged from storage");
        done.games += 1;
        done.objects += keys.len();
    }
    Ok(done)
}

/// Every key a game's versions (and live package) name under its prefix, plus its thumbnails.
async fn object_keys(
    tx: &mut sqlx::PgConnection,
    game_id: Uuid,
) -> Result<Vec<ObjectKey>, sqlx::Error> {
    // `files` should always be an object; the CASE keeps a malformed row from failing the scan.
    let named: Vec<String> = sqlx::query_scalar!(
        r#"SELECT DISTINCT f.value->>'key' AS "key!"
           FROM (SELECT game_data FROM game_versions WHERE game_id = $1
                 UNION ALL SELECT game_data FROM games WHERE id = $1) d,
                jsonb_each(CASE WHEN jsonb_typeof(d.game_data->'files') = 'object'
                                THEN d.game_data->'files' ELSE '{}'::jsonb END) f
           WHERE jsonb_typeof(f.value->'key') = 'string'"#,
        game_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let prefix = format!("games/{game_id}/");
    let mut keys = Vec::with_capacity(named.len() + THUMBNAIL_NAMES.len());
    for key in named {
        match ObjectKey::new(key.as_str()) {
            Ok(k) if key.starts_with(&prefix) => keys.push(k),
            _ => {
                tracing::warn!(%game_id, key, "purge: key outside the game's prefix or invalid; left alone")
            }
        }
    }
    for name in THUMBNAIL_NAMES {
        if let Ok(k) = ObjectKey::new(format!("{prefix}thumbnails/{name}")) {
            keys.push(k);
        }
    }
    Ok(keys)
}
