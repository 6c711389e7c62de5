//! Game rows: what the generation pipeline (and later the catalogue) writes.

use serde_json::Value;
use sqlx::PgExecutor;
use uuid::Uuid;

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
}

pub async fn insert(db: impl PgExecutor<'_>, g: NewGame<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"INSERT INTO games (id, creator_id, title, description, category, difficulty, game_data, tags, is_public)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"#,
        g.id,
        g.creator_id,
        g.title,
        g.description,
        g.category,
        g.difficulty,
        g.game_data,
        g.tags,
        g.is_public,
    )
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct GameSummary {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub title: String,
    pub category: String,
    pub status: String,
    pub is_public: bool,
}

pub async fn find_summary(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<Option<GameSummary>, sqlx::Error> {
    sqlx::query_as!(
        GameSummary,
        "SELECT id, creator_id, title, category, status, is_public FROM games WHERE id = $1",
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
