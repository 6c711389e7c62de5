//! Social-login identities linked to users.

use sqlx::PgExecutor;
use uuid::Uuid;

pub async fn find_user_id(
    db: impl PgExecutor<'_>,
    provider: &str,
    provider_user_id: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"UPDATE oauth_identities SET last_login_at = now()
           WHERE provider = $1 AND provider_user_id = $2 RETURNING user_id"#,
        provider,
        provider_user_id
    )
    .fetch_optional(db)
    .await
}

pub struct NewIdentity<'a> {
    pub user_id: Uuid,
    pub provider: &'a str,
    pub provider_user_id: &'a str,
    pub email: Option<&'a str>,
    pub email_verified: bool,
}

pub async fn link(db: impl PgExecutor<'_>, new: NewIdentity<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"INSERT INTO oauth_identities (user_id, provider, provider_user_id, email, email_verified, last_login_at)
           VALUES ($1, $2, $3, $4, $5, now())"#,
        new.user_id,
        new.provider,
        new.provider_user_id,
        new.email,
        new.email_verified,
    )
    .execute(db)
    .await?;
    Ok(())
}
