//! E-mail verification tokens: what a mailed "confirm your address" link carries.
//!
//! A token is bound to the address it was sent to, so it can only ever confirm that address. It is
//! looked up first (the caller checks the account's password before anything is spent) and consumed
//! by one atomic UPDATE in the transaction that marks the account verified; consuming one consumes
//! every other outstanding token of the account.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub async fn insert(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    email: &str,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"INSERT INTO email_verification_tokens (user_id, email, token_hash, expires_at)
           VALUES ($1, $2, $3, $4)"#,
        user_id,
        email,
        token_hash,
        expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The account a live (unused, unexpired) token belongs to, without spending it.
pub async fn find_live(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT user_id FROM email_verification_tokens
           WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()"#,
        token_hash
    )
    .fetch_optional(db)
    .await
}

/// Spends a live token and every other outstanding token of its account; returns the account and
/// the address the token was sent to.
pub async fn consume(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"UPDATE email_verification_tokens SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
           RETURNING user_id, email"#,
        token_hash
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    consume_all_for_user(&mut *conn, row.user_id).await?;
    Ok(Some((row.user_id, row.email)))
}

/// Spends every outstanding token of an account (its address was just proven another way, or the
/// account changed hands).
pub async fn consume_all_for_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE email_verification_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        user_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes up to `batch` tokens expired or used more than `retention_days` ago (see
/// `sessions::prune_dead`).
pub async fn prune_dead(
    db: impl PgExecutor<'_>,
    retention_days: i32,
    batch: i64,
) -> Result<u64, sqlx::Error> {
    let res = sqlx::query!(
        r#"DELETE FROM email_verification_tokens WHERE id IN (
               SELECT id FROM email_verification_tokens
               WHERE expires_at < now() - make_interval(days => $1)
                  OR used_at < now() - make_interval(days => $1)
               LIMIT $2)"#,
        retention_days,
        batch
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected())
}
