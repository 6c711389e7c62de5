//! Marketplace rules other features depend on. The marketplace itself comes later; what is decided
//! here is kept in one place so forks, asset links and (later) plays ask the same question.

use sqlx::PgExecutor;
use uuid::Uuid;

/// Whether `user_id` may take a copy of the game's package (fork it, download its assets): always
/// for the creator; otherwise only when the game is not for sale at a price, or the user bought it.
pub async fn may_copy(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    user_id: Option<Uuid>,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT (g.creator_id = $2
                   OR NOT EXISTS (SELECT 1 FROM marketplace_listings l
                                  WHERE l.game_id = g.id AND l.is_active AND l.price > 0)
                   OR EXISTS (SELECT 1 FROM game_purchases p
                              WHERE p.game_id = g.id AND p.buyer_id = $2 AND p.status = 'completed'))
                  AS "ok!"
           FROM games g WHERE g.id = $1"#,
        game_id,
        user_id
    )
    .fetch_optional(db)
    .await
    .map(|ok| ok.unwrap_or(false))
}
