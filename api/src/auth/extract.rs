//! Extractors that authenticate a request and enforce roles.
//!
//! The token is only the start: every authenticated request also loads the user, so a suspended or
//! deleted account, a bumped session version (password reset, logout everywhere) or a denylisted token
//! (logout) stops working at once instead of at token expiry. The role is taken from the database, not
//! from the token, so a demotion is immediate too.

use std::marker::PhantomData;

use aimini_models::users::{self, Role, UserRow, UserStatus};
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use redis::AsyncCommands as _;

use super::jwt::Claims;
use crate::error::ApiError;
use crate::state::AppState;

const INVALID_TOKEN: &str = "missing, invalid or expired access token";

/// An authenticated, active user.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user: UserRow,
    pub claims: Claims,
}

/// The bearer token of a request, if it has one.
pub fn bearer_token(parts: &Parts) -> Option<&str> {
    bearer_token_from_headers(&parts.headers)
}

pub fn bearer_token_from_headers(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub fn denylist_key(state: &AppState, jti: &uuid::Uuid) -> String {
    state.redis_key(&format!("jwt:deny:{jti}"))
}

/// Verifies an access token and loads its user: the one place that decides who a token belongs to
/// (request extractor and WebSocket upgrade alike).
pub async fn authenticate(state: &AppState, token: &str) -> Result<AuthUser, ApiError> {
    let claims = state
        .jwt
        .verify(token)
        .ok_or(ApiError::Unauthorized(INVALID_TOKEN))?;
    // Only a token whose signature and expiry were just checked gets here.
    if let Some(hit) = state.auth_cache.get(claims.jti) {
        return Ok(hit);
    }
    let epoch = state.auth_cache.epoch();
    let user = users::find_by_id(&state.db, claims.sub)
        .await?
        .ok_or(ApiError::Unauthorized(INVALID_TOKEN))?;
    if user.status != UserStatus::Active || user.session_version != claims.sv {
        return Err(ApiError::Unauthorized(INVALID_TOKEN));
    }
    // A logged-out token stays cryptographically valid until it expires; the denylist covers that
    // window. Redis being down must not lock everyone out, so a failed lookup lets the request on.
    let mut redis = state.redis.clone();
    match redis
        .exists::<_, bool>(denylist_key(state, &claims.jti))
        .await
    {
        Ok(true) => return Err(ApiError::Unauthorized(INVALID_TOKEN)),
        Ok(false) => {}
        Err(e) => tracing::warn!(error = %e, "token denylist unavailable; accepting token"),
    }
    let auth = AuthUser { user, claims };
    state.auth_cache.put(&auth, epoch);
    Ok(auth)
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(found) = parts.extensions.get::<AuthUser>() {
            return Ok(found.clone());
        }
        let token = bearer_token(parts).ok_or(ApiError::Unauthorized(INVALID_TOKEN))?;
        let auth = authenticate(state, token).await?;
        parts.extensions.insert(auth.clone());
        Ok(auth)
    }
}

/// A minimum role for [`Authorized`].
pub trait MinRole: Send + Sync + 'static {
    const ROLE: Role;
}

pub struct Premium;
pub struct Moderator;
pub struct Admin;

impl MinRole for Premium {
    const ROLE: Role = Role::Premium;
}
impl MinRole for Moderator {
    const ROLE: Role = Role::Moderator;
}
impl MinRole for Admin {
    const ROLE: Role = Role::Admin;
}

/// An authenticated user whose role is at least `R` (roles are ordered user < premium < moderator <
/// admin). Anything below gets 403; no token gets 401.
pub struct Authorized<R: MinRole>(pub AuthUser, PhantomData<R>);

impl<R: MinRole> Authorized<R> {
    pub fn user(&self) -> &UserRow {
        &self.0.user
    }
}

pub fn has_role(role: Role, min: Role) -> bool {
    role >= min
}

impl<R: MinRole> FromRequestParts<AppState> for Authorized<R> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let auth = AuthUser::from_request_parts(parts, state).await?;
        if !has_role(auth.user.role, R::ROLE) {
            return Err(ApiError::Forbidden("your role does not allow this action"));
        }
        Ok(Self(auth, PhantomData))
    }
}

pub type PremiumUser = Authorized<Premium>;
pub type ModeratorUser = Authorized<Moderator>;
pub type AdminUser = Authorized<Admin>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_guards_admit_their_role_and_above() {
        let all = [Role::User, Role::Premium, Role::Moderator, Role::Admin];
        let admitted = |min: Role| all.iter().filter(|r| has_role(**r, min)).count();
        assert_eq!(admitted(Role::User), 4);
        assert_eq!(admitted(Premium::ROLE), 3);
        assert_eq!(admitted(Moderator::ROLE), 2);
        assert_eq!(admitted(Admin::ROLE), 1);
        assert!(!has_role(Role::Premium, Role::Moderator));
    }
}
