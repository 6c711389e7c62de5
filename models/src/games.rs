//! Game rows: what the generation pipeline, uploads, edits and forks write.
//!
//! A package lives in storage; `game_data` is its typed description ([`crate::package::GameData`]),
//! whose `files` map each path to its object key. Readers look keys up there instead of building
//! them, because versions share unchanged objects.

use serde::{Deserialize, Serialize};
use sqlx::PgExecutor;
use sqlx::types::Json;
use uuid::Uuid;

use crate::package::GameData;
use crate::versions::{Source, State};

/// Where a game is in its life (`games_status_check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "varchar", rename_all = "snake_case")]
pub enum GameStatus {
    /// Uploaded; its first version is still being validated (only its owner sees it).
    Pending,
    Active,
    Moderated,
    /// Deleted by its owner or staff; its objects are purged after the retention.
    Deleted,
}

impl GameStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Active => "active",
            Self::Moderated => "moderated",
            Self::Deleted => "deleted",
        }
    }
}

impl std::fmt::Display for GameStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

pub struct NewGame<'a> {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub category: &'a str,
    pub difficulty: &'a str,
    pub game_data: &'a GameData,
    pub tags: &'a [String],
    pub is_public: bool,
    /// `Pending` for an upload whose first version is still validating, else `Active`.
    pub status: GameStatus,
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
        g.game_data.to_value(),
        g.tags,
        g.is_public,
        g.status.as_str(),
        g.forked_from,
        g.source.as_str(),
        g.state.as_str(),
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Who made a game (None: no such game).
pub async fn creator_of(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT creator_id FROM games WHERE id = $1", id)
        .fetch_optional(db)
        .await
}

/// The template a game's live package was filled from, if any.
pub async fn template_of(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query_scalar!(
        r#"SELECT game_data #>> '{metadata,template,id}' AS "id" FROM games WHERE id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.flatten())
}

/// What a thumbnail render must check before it writes: the live version, and whether the game's
/// objects were purged.
pub struct RenderTarget {
    pub version: i32,
    pub purged: bool,
}

/// Locks the game row `FOR NO KEY UPDATE` (excludes a promotion, the purge of a deleted game and
/// another render, not plays) and reads what a render checks. None: the game is gone.
pub async fn lock_for_render(
    tx: &mut sqlx::PgConnection,
    id: Uuid,
) -> Result<Option<RenderTarget>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT version, purged_at IS NOT NULL AS "purged!" FROM games WHERE id = $1 FOR NO KEY UPDATE"#,
        id
    )
    .fetch_optional(tx)
    .await?;
    Ok(row.map(|r| RenderTarget {
        version: r.version,
        purged: r.purged,
    }))
}

/// A game's live version number and package.
pub struct LivePackage {
    pub version: i32,
    pub game_data: GameData,
}

/// The live package of a game, if the game exists.
pub async fn live_package(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<Option<LivePackage>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT version, game_data AS "game_data: Json<GameData>" FROM games WHERE id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| LivePackage {
        version: r.version,
        game_data: r.game_data.0,
    }))
}

#[derive(Debug, Clone)]
pub struct GameSummary {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub title: String,
    pub category: String,
    pub status: GameStatus,
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
        r#"SELECT id, creator_id, title, category, status AS "status: GameStatus", is_public, review, listed AS "listed!",
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

/// Everything the details page shows, with its creator and listing.
#[derive(Debug, Clone)]
pub struct GameRow {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub creator_username: String,
    pub creator_display_name: Option<String>,
    pub creator_avatar_url: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
    pub thumbnail_url: Option<String>,
    pub is_public: bool,
    pub is_featured: bool,
    pub status: GameStatus,
    pub review: String,
    pub listed: bool,
    pub play_count: i32,
    pub rating: f64,
    pub rating_count: i32,
    pub fork_count: i32,
    pub forked_from: Option<Uuid>,
    pub version: i32,
    pub game_data: Json<GameData>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub listing_id: Option<Uuid>,
    /// Decimal as text: money never goes through a float.
    pub listing_price: Option<String>,
}

pub async fn find(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<GameRow>, sqlx::Error> {
    sqlx::query_as!(
        GameRow,
        r#"SELECT g.id, g.creator_id, u.username AS creator_username, u.display_name AS creator_display_name,
                  u.avatar_url AS creator_avatar_url, g.title, g.description, g.category, g.difficulty, g.tags,
                  g.thumbnail_url, g.is_public, g.is_featured, g.status AS "status: GameStatus", g.review, g.listed AS "listed!",
                  g.play_count, g.rating::float8 AS "rating!", g.rating_count, g.fork_count, g.forked_from,
                  g.version, g.game_data AS "game_data: Json<GameData>", g.created_at, g.updated_at,
                  l.id AS "listing_id?", l.price::text AS listing_price
           FROM games g
           JOIN users u ON u.id = g.creator_id
           LEFT JOIN marketplace_listings l ON l.game_id = g.id AND l.is_active
           WHERE g.id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
}

/// One ancestor of a fork, nearest first.
#[derive(Debug, Clone)]
pub struct Ancestor {
    pub id: Uuid,
    pub title: String,
    pub creator_id: Uuid,
    pub creator_username: String,
    pub listed: bool,
    pub status: GameStatus,
    pub depth: i32,
}

/// The fork chain above a game (at most `max` generations), nearest first.
pub async fn lineage(
    db: impl PgExecutor<'_>,
    id: Uuid,
    max: i32,
) -> Result<Vec<Ancestor>, sqlx::Error> {
    sqlx::query_as!(
        Ancestor,
        r#"WITH RECURSIVE chain AS (
               SELECT p.id, p.forked_from, p.title, p.creator_id, p.listed, p.status, 1 AS depth
               FROM games c JOIN games p ON p.id = c.forked_from WHERE c.id = $1
               UNION ALL
               SELECT p.id, p.forked_from, p.title, p.creator_id, p.listed, p.status, chain.depth + 1
               FROM chain JOIN games p ON p.id = chain.forked_from WHERE chain.depth < $2)
           SELECT chain.id AS "id!", chain.title AS "title!", chain.creator_id AS "creator_id!",
                  u.username AS creator_username, chain.listed AS "listed!", chain.status AS "status!: GameStatus",
                  chain.depth AS "depth!"
           FROM chain JOIN users u ON u.id = chain.creator_id ORDER BY chain.depth"#,
        id,
        max
    )
    .fetch_all(db)
    .await
}

/// Seconds since 2026-01-01 in days: the unit of `trend_score` (see the catalogue migration).
const TREND_EPOCH: i64 = 1_767_225_600;

/// Records a play unless the same player played within `window_secs`; returns the play count when
/// this play was counted. The advisory lock makes two simultaneous plays of one player count once.
pub async fn record_play(
    db: &sqlx::PgPool,
    game_id: Uuid,
    user_id: Option<Uuid>,
    player_key: &str,
    window_secs: i32,
) -> Result<Option<i32>, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query!(
        "SELECT pg_advisory_xact_lock(hashtextextended($1::text || $2, 0))",
        game_id.to_string(),
        player_key
    )
    .execute(&mut *tx)
    .await?;
    let count = sqlx::query_scalar!(
        r#"WITH recent AS (
               SELECT 1 FROM game_plays
               WHERE game_id = $1 AND player_key = $2
                 AND created_at > now() - make_interval(secs => $3::int)
               LIMIT 1),
           ins AS (
               INSERT INTO game_plays (game_id, user_id, player_key)
               SELECT $1, $4, $2 WHERE NOT EXISTS (SELECT 1 FROM recent)
               RETURNING 1)
           UPDATE games SET play_count = play_count + 1,
               trend_score = greatest(trend_score, t.now_days)
                             + ln(1 + exp(-abs(trend_score - t.now_days)))
           FROM (SELECT (extract(epoch FROM now())::float8 - $5::float8) / 86400.0 AS now_days) t
           WHERE id = $1 AND EXISTS (SELECT 1 FROM ins)
           RETURNING play_count"#,
        game_id,
        player_key,
        window_secs,
        user_id,
        TREND_EPOCH as f64,
    )
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(count)
}

pub async fn play_count(db: impl PgExecutor<'_>, game_id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT play_count FROM games WHERE id = $1", game_id)
        .fetch_one(db)
        .await
}

/// Keeps the player's best score; returns (best score, whether this one is the new best).
pub async fn submit_score(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    user_id: Uuid,
    score: i64,
) -> Result<(i64, bool), sqlx::Error> {
    let row = sqlx::query!(
        r#"INSERT INTO game_scores AS s (game_id, user_id, best_score) VALUES ($1, $2, $3)
           ON CONFLICT (game_id, user_id) DO UPDATE SET
               submissions = s.submissions + 1,
               best_score = greatest(s.best_score, EXCLUDED.best_score),
               achieved_at = CASE WHEN EXCLUDED.best_score > s.best_score THEN now() ELSE s.achieved_at END
           RETURNING best_score, (xmax = 0 OR achieved_at = now()) AS "improved!""#,
        game_id,
        user_id,
        score
    )
    .fetch_one(db)
    .await?;
    Ok((row.best_score, row.improved))
}

#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub rank: i64,
    pub user_id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
    pub best_score: i64,
    pub achieved_at: chrono::DateTime<chrono::Utc>,
}

/// Best scores, highest first; ties go to who got there first.
pub async fn leaderboard(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    limit: i64,
) -> Result<Vec<ScoreRow>, sqlx::Error> {
    sqlx::query_as!(
        ScoreRow,
        r#"SELECT row_number() OVER (ORDER BY s.best_score DESC, s.achieved_at) AS "rank!",
                  s.user_id, u.username, u.display_name, s.best_score, s.achieved_at
           FROM game_scores s JOIN users u ON u.id = s.user_id
           WHERE s.game_id = $1 AND u.status = 'active'
           ORDER BY s.best_score DESC, s.achieved_at LIMIT $2"#,
        game_id,
        limit
    )
    .fetch_all(db)
    .await
}

/// The caller's own entry with its rank.
pub async fn score_of(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    user_id: Uuid,
) -> Result<Option<ScoreRow>, sqlx::Error> {
    sqlx::query_as!(
        ScoreRow,
        r#"SELECT 1 + (SELECT count(*) FROM game_scores o JOIN users ou ON ou.id = o.user_id
                       WHERE o.game_id = s.game_id AND ou.status = 'active'
                         AND (o.best_score > s.best_score
                              OR (o.best_score = s.best_score AND o.achieved_at < s.achieved_at))) AS "rank!",
                  s.user_id, u.username, u.display_name, s.best_score, s.achieved_at
           FROM game_scores s JOIN users u ON u.id = s.user_id
           WHERE s.game_id = $1 AND s.user_id = $2"#,
        game_id,
        user_id
    )
    .fetch_optional(db)
    .await
}

/// Sets the caller's rating and recomputes the game's average and count from the ratings, under
/// the game row's lock: concurrent raters queue on it, so the stored pair is always exactly the
/// aggregate of `game_ratings`. Returns (average, count).
pub async fn rate(
    db: &sqlx::PgPool,
    game_id: Uuid,
    user_id: Uuid,
    stars: i16,
) -> Result<(f64, i32), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query!("SELECT 1 AS x FROM games WHERE id = $1 FOR UPDATE", game_id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query!(
        r#"INSERT INTO game_ratings (game_id, user_id, stars) VALUES ($1, $2, $3)
           ON CONFLICT (game_id, user_id) DO UPDATE SET stars = EXCLUDED.stars"#,
        game_id,
        user_id,
        stars
    )
    .execute(&mut *tx)
    .await?;
    let row = sqlx::query!(
        r#"UPDATE games g SET rating = a.avg, rating_count = a.n
           FROM (SELECT coalesce(round(avg(stars), 2), 0) AS avg, count(*)::int AS n
                 FROM game_ratings WHERE game_id = $1) a
           WHERE g.id = $1
           RETURNING g.rating::float8 AS "rating!", g.rating_count"#,
        game_id
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((row.rating, row.rating_count))
}

/// The caller's own stars on a game, if any.
pub async fn my_rating(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    user_id: Uuid,
) -> Result<Option<i16>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT stars FROM game_ratings WHERE game_id = $1 AND user_id = $2",
        game_id,
        user_id
    )
    .fetch_optional(db)
    .await
}

/// Soft-deletes a game and retires its listing. `false`: no such game or already deleted.
pub async fn soft_delete(db: &sqlx::PgPool, id: Uuid) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let res = sqlx::query!(
        "UPDATE games SET status = 'deleted', deleted_at = now() WHERE id = $1 AND status <> 'deleted'",
        id
    )
    .execute(&mut *tx)
    .await?;
    if res.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!(
        "UPDATE marketplace_listings SET is_active = false WHERE game_id = $1 AND is_active",
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn set_featured(
    db: impl PgExecutor<'_>,
    id: Uuid,
    featured: bool,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query!(
        "UPDATE games SET is_featured = $2 WHERE id = $1 AND status <> 'deleted'",
        id,
        featured
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected() > 0)
}

/// Metadata edits. `None` leaves a field as it is. When the texts players read change, the game
/// goes back to review (returns the pending review to enqueue).
pub struct MetaUpdate<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub category: Option<&'a str>,
    pub difficulty: Option<&'a str>,
    pub tags: Option<&'a [String]>,
    pub is_public: Option<bool>,
}

pub async fn update_meta(
    tx: &mut sqlx::PgConnection,
    id: Uuid,
    m: &MetaUpdate<'_>,
) -> Result<Option<Uuid>, sqlx::Error> {
    // SET expressions and `o` both see the row as it was, so "changed" means changed by this
    // statement (a review already pending for another reason is not a text change).
    let texts_changed = sqlx::query_scalar!(
        r#"UPDATE games g SET
               title = coalesce($2::varchar, g.title), description = coalesce($3::text, g.description),
               category = coalesce($4::varchar, g.category), difficulty = coalesce($5::varchar, g.difficulty),
               tags = coalesce($6, g.tags), is_public = coalesce($7::bool, g.is_public),
               review = CASE WHEN ($2::varchar IS NOT NULL AND $2::varchar IS DISTINCT FROM g.title)
                              OR ($3::text IS NOT NULL AND $3::text IS DISTINCT FROM g.description)
                              OR ($6::text[] IS NOT NULL AND $6 IS DISTINCT FROM g.tags)
                             THEN 'pending' ELSE g.review END
           FROM (SELECT title, description, tags FROM games WHERE id = $1) o
           WHERE g.id = $1
           RETURNING (($2::varchar IS NOT NULL AND $2::varchar IS DISTINCT FROM o.title)
                      OR ($3::text IS NOT NULL AND $3::text IS DISTINCT FROM o.description)
                      OR ($6::text[] IS NOT NULL AND $6 IS DISTINCT FROM o.tags)) AS "changed!""#,
        id,
        m.title,
        m.description,
        m.category,
        m.difficulty,
        m.tags,
        m.is_public,
    )
    .fetch_one(&mut *tx)
    .await?;
    if !texts_changed {
        return Ok(None);
    }
    // Only write a review when none is pending already (a version awaiting review covers the texts).
    let pending = sqlx::query_scalar!(
        r#"SELECT id FROM content_moderation
           WHERE content_type = 'game' AND content_id = $1 AND status = 'pending' LIMIT 1"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match pending {
        Some(_) => Ok(None),
        None => Ok(Some(
            crate::moderation::insert_pending_for_game(&mut *tx, id).await?,
        )),
    }
}

/// Counts a fork on the original.
pub async fn add_fork(db: impl PgExecutor<'_>, original: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE games SET fork_count = fork_count + 1 WHERE id = $1",
        original
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A creator filter given by username.
pub async fn user_id_by_username(
    db: impl PgExecutor<'_>,
    username: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT id FROM users WHERE lower(username) = lower($1)",
        username
    )
    .fetch_optional(db)
    .await
}
