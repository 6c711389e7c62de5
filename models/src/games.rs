//! Game rows: what the generation pipeline, uploads, edits and forks write.
//!
//! A package lives in storage; `game_data.files` maps each file name (`logic.js`, `metadata.json`,
//! `assets/...`) to `{key, sha256, bytes, content_type}`. Readers look keys up there instead of
//! building them, because versions share unchanged objects.

use serde_json::Value;
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::storage::ObjectKey;
use crate::versions::{Source, State};

pub struct NewGame<'a> {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub category: &'a str,
    pub difficulty: &'a str,
    pub game_data: &'a Value,
    pub tags: &'a [String],
    pub is_public: bool,
    /// `pending` for an upload whose first version is still validating, else `active`.
    pub status: &'a str,
    pub forked_from: Option<Uuid>,
    /// How version 1 came to be, and whether it has passed validation (`Ready`) or not yet.
    pub source: Source,
    pub state: State,
}

/// Inserts the game and its version 1 in one statement. The review starts `pending`: nothing is
/// listed before the automatic review approved it.
pub async fn insert(db: impl PgExecutor<'_>, g: NewGame<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"WITH g AS (
               INSERT INTO games (id, creator_id, title, description, category, difficulty, game_data, tags,
                                  is_public, status, forked_from)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
               RETURNING id, creator_id, game_data)
           INSERT INTO game_versions (game_id, version, source, state, game_data, created_by, validated_at)
           SELECT id, 1, $12, $13::varchar, game_data, creator_id, CASE WHEN $13::varchar = 'ready' THEN now() END FROM g"#,
        g.id,
        g.creator_id,
        g.title,
        g.description,
        g.category,
        g.difficulty,
        g.game_data,
        g.tags,
        g.is_public,
        g.status,
        g.forked_from,
        g.source.as_str(),
        g.state.as_str(),
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The storage key of one file of a package (`game_data.files[name].key`).
pub fn package_key(game_data: &Value, name: &str) -> Option<ObjectKey> {
    let key = game_data.get("files")?.get(name)?.get("key")?.as_str()?;
    ObjectKey::new(key).ok()
}

#[derive(Debug, Clone)]
pub struct GameSummary {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub title: String,
    pub category: String,
    pub status: String,
    pub is_public: bool,
    pub review: String,
    /// Anyone may find and play it: public, active and approved.
    pub listed: bool,
    pub logic_key: Option<String>,
    pub metadata_key: Option<String>,
}

pub async fn find_summary(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<Option<GameSummary>, sqlx::Error> {
    sqlx::query_as!(
        GameSummary,
        r#"SELECT id, creator_id, title, category, status, is_public, review, listed AS "listed!",
                  game_data->'files'->'logic.js'->>'key' AS logic_key,
                  game_data->'files'->'metadata.json'->>'key' AS metadata_key
           FROM games WHERE id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
}

/// Points the game at its (re-)rendered thumbnail. `false`: no such game (deleted meanwhile).
pub async fn set_thumbnail_url(
    db: impl PgExecutor<'_>,
    id: Uuid,
    url: &str,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query!("UPDATE games SET thumbnail_url = $2 WHERE id = $1", id, url)
        .execute(db)
        .await?;
    Ok(res.rows_affected() > 0)
}
