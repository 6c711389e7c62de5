//! Minting token pairs: one access JWT plus one refresh token in a family.

use aimini_models::sessions::{self, NewRefreshToken};
use aimini_models::tokens::{random_token, token_hash};
use aimini_models::users::UserRow;
use anyhow::Context as _;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::routes::users::UserOut;
use crate::state::AppState;

/// What every successful login, registration, refresh or social login returns.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPairOut {
    pub user: UserOut,
    /// JWT for `Authorization: Bearer ...`.
    pub access_token: String,
    /// Opaque; exchange at `/auth/refresh`. Single use: each refresh returns a new one.
    pub refresh_token: String,
    #[schema(example = "bearer")]
    pub token_type: &'static str,
    /// Access token lifetime in seconds.
    pub expires_in: u64,
}

/// Issues a pair; `family` continues a rotation chain, `None` starts a new session.
pub async fn issue_pair(
    conn: &mut PgConnection,
    state: &AppState,
    user: &UserRow,
    family: Option<Uuid>,
    user_agent: Option<&str>,
) -> anyhow::Result<(TokenPairOut, Uuid)> {
    let refresh = random_token();
    let expires_at = chrono::Utc::now()
        + chrono::Duration::from_std(state.config.auth.refresh_token_ttl)
            .context("refresh ttl out of range")?;
    let id = sessions::insert_refresh_token(
        &mut *conn,
        NewRefreshToken {
            user_id: user.id,
            family_id: family.unwrap_or_else(Uuid::new_v4),
            token_hash: &token_hash(&refresh),
            expires_at,
            user_agent: user_agent.map(|ua| truncate(ua, 300)),
        },
    )
    .await?;
    let access = state.jwt.issue(user)?;
    Ok((
        TokenPairOut {
            user: UserOut::from(user),
            access_token: access,
            refresh_token: refresh,
            token_type: "bearer",
            expires_in: state.jwt.ttl.as_secs(),
        },
        id,
    ))
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
