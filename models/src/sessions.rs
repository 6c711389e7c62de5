//! Refresh-token families and password-reset tokens, and pruning every kind of dead sign-in token.
//!
//! A refresh token is consumed by one atomic UPDATE, so two concurrent refreshes with the same token
//! cannot both succeed: the loser sees a consumed token, which is exactly what theft looks like, and the
//! family is revoked. That is the intended trade-off: a client that races itself must log in again.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub struct NewRefreshToken<'a> {
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub token_hash: &'a [u8],
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<&'a str>,
}

pub async fn insert_refresh_token(
    db: impl PgExecutor<'_>,
    new: NewRefreshToken<'_>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        r#"INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, user_agent)
           VALUES ($1, $2, $3, $4, $5) RETURNING id"#,
        new.user_id,
        new.family_id,
        new.token_hash,
        new.expires_at,
        new.user_agent,
    )
    .fetch_one(db)
    .await
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshClaim {
    /// The token was live and is now consumed; mint its successor in `family_id`.
    Valid {
        id: Uuid,
        user_id: Uuid,
        family_id: Uuid,
    },
    /// The token had already been consumed or revoked: the whole family has now been revoked.
    /// `revoked` counts the tokens that were still live (0 when the family was dead already).
    Reused {
        user_id: Uuid,
        family_id: Uuid,
        revoked: u64,
    },
    /// Unknown or expired.
    Invalid,
}

/// Consumes a refresh token, detecting reuse. Run inside the transaction that mints the successor.
pub async fn claim_refresh_token(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> Result<RefreshClaim, sqlx::Error> {
    let claimed = sqlx::query!(
        r#"UPDATE refresh_tokens SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
           RETURNING id, user_id, family_id"#,
        token_hash
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(row) = claimed {
        return Ok(RefreshClaim::Valid {
            id: row.id,
            user_id: row.user_id,
            family_id: row.family_id,
        });
    }
    let existing = sqlx::query!(
        r#"SELECT user_id, family_id, (used_at IS NOT NULL OR revoked_at IS NOT NULL) AS "spent!"
           FROM refresh_tokens WHERE token_hash = $1"#,
        token_hash
    )
    .fetch_optional(&mut *conn)
    .await?;
    match existing {
        Some(row) if row.spent => {
            let revoked = revoke_family(&mut *conn, row.family_id).await?;
            Ok(RefreshClaim::Reused {
                user_id: row.user_id,
                family_id: row.family_id,
                revoked,
            })
        }
        _ => Ok(RefreshClaim::Invalid),
    }
}

pub async fn set_replaced_by(
    db: impl PgExecutor<'_>,
    id: Uuid,
    successor: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE refresh_tokens SET replaced_by = $2 WHERE id = $1",
        id,
        successor
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn revoke_family(db: impl PgExecutor<'_>, family_id: Uuid) -> Result<u64, sqlx::Error> {
    let res = sqlx::query!(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL",
        family_id
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected())
}

pub async fn revoke_all_for_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<u64, sqlx::Error> {
    let res = sqlx::query!(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        user_id
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected())
}

/// Owner of a live token: not used, not revoked, not expired. What "log out everywhere" requires,
/// so an old token (rotated, perhaps kept by a thief) cannot end every session of the account.
pub async fn find_live_refresh_token(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT user_id FROM refresh_tokens
           WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()"#,
        token_hash
    )
    .fetch_optional(db)
    .await
}

/// Owner and family of a token, whatever its state (logout of an already-rotated token still works).
pub async fn find_refresh_token(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
) -> Result<Option<(Uuid, Uuid)>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = $1",
        token_hash
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.user_id, r.family_id)))
}

pub async fn insert_reset_token(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)",
        user_id,
        token_hash,
        expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Consumes a live reset token and every other outstanding token of the same user.
pub async fn consume_reset_token(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> Result<Option<Uuid>, sqlx::Error> {
    let user_id = sqlx::query_scalar!(
        r#"UPDATE password_reset_tokens SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
           RETURNING user_id"#,
        token_hash
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(user_id) = user_id {
        spend_reset_tokens(&mut *conn, user_id).await?;
    }
    Ok(user_id)
}

/// Spends every outstanding reset token of a user.
pub async fn spend_reset_tokens(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        user_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// How long dead sign-in tokens are kept (for looking into an incident) before [`prune_dead`]
/// deletes them.
pub const DEAD_TOKEN_RETENTION_DAYS: i32 = 7;

/// Deletes up to `batch` rows of each kind of sign-in token that has been dead (expired, revoked or
/// used) for longer than [`DEAD_TOKEN_RETENTION_DAYS`]; returns how many went. A rotated refresh
/// token of a live family is kept until it expires: presenting it again is how theft is detected.
pub async fn prune_dead(db: &sqlx::PgPool, batch: i64) -> Result<u64, sqlx::Error> {
    let refresh = sqlx::query!(
        r#"DELETE FROM refresh_tokens WHERE id IN (
               SELECT id FROM refresh_tokens
               WHERE expires_at < now() - make_interval(days => $1)
                  OR revoked_at < now() - make_interval(days => $1)
               LIMIT $2)"#,
        DEAD_TOKEN_RETENTION_DAYS,
        batch
    )
    .execute(db)
    .await?
    .rows_affected();
    let reset = sqlx::query!(
        r#"DELETE FROM password_reset_tokens WHERE id IN (
               SELECT id FROM password_reset_tokens
               WHERE expires_at < now() - make_interval(days => $1)
                  OR used_at < now() - make_interval(days => $1)
               LIMIT $2)"#,
        DEAD_TOKEN_RETENTION_DAYS,
        batch
    )
    .execute(db)
    .await?
    .rows_affected();
    let verify = crate::verification::prune_dead(db, DEAD_TOKEN_RETENTION_DAYS, batch).await?;
    Ok(refresh + reset + verify)
}
