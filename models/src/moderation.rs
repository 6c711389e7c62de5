//! Content moderation records (`content_moderation`). Every generated game gets an automatic review:
//! a pending row written in the game's own transaction, decided by `ModerateContentJob`. A rejected
//! game is set to status `moderated` and made non-public in the same transaction as the verdict.

use sqlx::types::Json;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use crate::package::GameData;

pub const AUTOMATIC_REASON: &str = "automatic review";

pub async fn insert_pending_for_game(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "INSERT INTO content_moderation (content_type, content_id, reason) VALUES ('game', $1, $2) RETURNING id",
        game_id,
        AUTOMATIC_REASON
    )
    .fetch_one(db)
    .await
}

/// What the automatic review reads: the game's texts and the prompt that made it.
pub struct Subject {
    pub moderation_id: Uuid,
    pub game_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub game_data: GameData,
    pub prompt: Option<String>,
}

/// The pending automatic review, if it is still pending (duplicate deliveries get `None`).
pub async fn pending_subject(
    db: &PgPool,
    moderation_id: Uuid,
) -> Result<Option<Subject>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT m.id, g.id AS game_id, g.title, g.description, g.game_data AS "game_data: Json<GameData>",
                  (SELECT r.prompt FROM ai_generation_requests r WHERE r.result_game_id = g.id
                   ORDER BY r.created_at DESC LIMIT 1) AS prompt
           FROM content_moderation m JOIN games g ON g.id = m.content_id
           WHERE m.id = $1 AND m.content_type = 'game' AND m.status = 'pending'"#,
        moderation_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Subject {
        moderation_id: r.id,
        game_id: r.game_id,
        title: r.title,
        description: r.description,
        game_data: r.game_data.0,
        prompt: r.prompt,
    }))
}

/// Records the verdict; a rejection takes the game out of public view. Returns false when the review
/// was already decided (a duplicate delivery).
pub async fn decide(
    db: &PgPool,
    s: &Subject,
    approved: bool,
    details: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let res = sqlx::query!(
        r#"UPDATE content_moderation SET status = $2, details = $3, reviewed_at = now()
           WHERE id = $1 AND status = 'pending'"#,
        s.moderation_id,
        if approved { "approved" } else { "rejected" },
        details
    )
    .execute(&mut *tx)
    .await?;
    if res.rows_affected() == 0 {
        return Ok(false);
    }
    if approved {
        // Only if no newer review is pending (a change made meanwhile is reviewed on its own).
        sqlx::query!(
            r#"UPDATE games SET review = 'approved' WHERE id = $1 AND review = 'pending'
               AND NOT EXISTS (SELECT 1 FROM content_moderation m
                               WHERE m.content_type = 'game' AND m.content_id = $1
                                 AND m.status = 'pending' AND m.id <> $2)"#,
            s.game_id,
            s.moderation_id
        )
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query!(
            "UPDATE games SET status = 'moderated', is_public = false, review = 'rejected' WHERE id = $1 AND status <> 'deleted'",
            s.game_id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The latest review status of a game, for clients following their request.
pub async fn game_status(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT status FROM content_moderation WHERE content_type = 'game' AND content_id = $1
           ORDER BY created_at DESC LIMIT 1"#,
        game_id
    )
    .fetch_optional(db)
    .await
}

/// Automatic reviews the queue may have lost (pending longer than `secs`).
pub async fn stale_pending(db: &PgPool, secs: i32, limit: i64) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT id FROM content_moderation
           WHERE content_type = 'game' AND status = 'pending' AND reason = $1
             AND created_at < now() - make_interval(secs => $2::int)
           ORDER BY created_at LIMIT $3"#,
        AUTOMATIC_REASON,
        secs,
        limit
    )
    .fetch_all(db)
    .await
}
