//! `/api/v1/auth/*`: registration, login, refresh rotation, logout and password reset.

use aimini_models::db::{Violation, violation};
use aimini_models::sessions::{self, RefreshClaim};
use aimini_models::tokens::{random_token, token_hash};
use aimini_models::users::{self, Email, NewUser, UserStatus, Username};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header::USER_AGENT};
use redis::AsyncCommands as _;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::cache::Eviction;
use crate::auth::extract::{bearer_token_from_headers, denylist_key};
use crate::auth::password;
use crate::auth::session::{TokenPairOut, issue_pair};
use crate::auth::throttle;
use crate::error::{ApiError, ApiResult, ErrorBody, Validator};
use crate::extract::Json;
use crate::mail::Email as Mail;
use crate::ratelimit::{self, ClientAddr};
use crate::routes::verification;
use crate::state::AppState;

const BAD_CREDENTIALS: &str = "invalid username or password";
const BAD_REFRESH: &str = "invalid or expired refresh token";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register_user))
        .routes(routes!(login_user))
        .routes(routes!(refresh_token))
        .routes(routes!(logout_user))
        .routes(routes!(request_password_reset))
        .routes(routes!(reset_password))
}

fn user_agent(headers: &HeaderMap) -> Option<&str> {
    headers.get(USER_AGENT).and_then(|v| v.to_str().ok())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterIn {
    /// 3-50 letters, digits or underscores; stored lowercase, unique case-insensitively.
    #[schema(example = "ada_l", pattern = r"^\s*[A-Za-z0-9_]{3,50}\s*$")]
    pub username: String,
    #[schema(example = "ada@example.com")]
    pub email: String,
    /// At least 8 characters (at most 128 bytes), not a common or trivially simple password.
    #[schema(example = "correct horse battery", min_length = 8)]
    pub password: String,
}

/// Create an account and start a session. The account starts unverified; a link to confirm the
/// address is mailed to it (`POST /auth/verify-email`).
#[utoipa::path(post, path = "/auth/register", tag = "auth", request_body = RegisterIn,
    responses(
        (status = 201, body = TokenPairOut),
        (status = 409, description = "username or email taken; `details.field` names which (deliberately: see README \"Registration and account enumeration\")", body = ErrorBody),
        (status = 422, description = "invalid fields", body = ErrorBody),
        (status = 429, description = "too many requests, or too many registration attempts (they count as account mails) from this client address", body = ErrorBody),
    ))]
pub async fn register_user(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Json(input): Json<RegisterIn>,
) -> ApiResult<(StatusCode, axum::Json<TokenPairOut>)> {
    let mut v = Validator::new();
    let username = v.parse("username", Username::parse(&input.username));
    let email = v.parse("email", Email::parse(&input.email));
    if let Err(msg) = password::check_strength(&input.password, &input.username, &input.email) {
        v.add("password", msg);
    }
    v.finish()?;
    let (Some(username), Some(email)) = (username, email) else {
        return Err(ApiError::bad_request(
            "invalid_body",
            "invalid registration",
        ));
    };

    // Registering mails a link to an address the caller chose: it counts as an account mail. It is
    // charged before the insert, so an attempt that meets a taken address (409) counts too: that is
    // what bounds probing registration for accounts (README "Registration and account enumeration").
    ratelimit::charge_mail_from(&state, addr).await?;
    let hash = password::hash(input.password).await?;
    let mut tx = state.db.begin().await?;
    let user = users::insert(
        &mut *tx,
        NewUser {
            username: &username,
            email: &email,
            password_hash: Some(&hash),
            display_name: None,
            is_verified: false,
        },
    )
    .await
    .map_err(map_user_conflict)?;
    let (pair, _) = issue_pair(&mut tx, &state, &user, None, user_agent(&headers)).await?;
    let token = verification::new_token(&mut tx, &state, &user).await?;
    tx.commit().await?;
    verification::mail_link_if_budget(&state, &user, token).await;
    throttle::remember_address(&state, user.id, addr).await;
    tracing::info!(user_id = %user.id, "user registered");
    Ok((StatusCode::CREATED, axum::Json(pair)))
}

pub fn map_user_conflict(e: sqlx::Error) -> ApiError {
    match violation(&e) {
        Some(Violation::Unique(c)) if c == users::USERNAME_TAKEN => ApiError::Conflict {
            code: "username_taken",
            field: Some("username"),
            message: "this username is already taken".into(),
        },
        Some(Violation::Unique(c)) if c == users::EMAIL_TAKEN => ApiError::Conflict {
            code: "email_taken",
            field: Some("email"),
            message: "an account with this email already exists".into(),
        },
        _ => e.into(),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    /// Username or e-mail address.
    #[schema(example = "ada_l")]
    pub username: String,
    pub password: String,
}

/// Log in with username (or e-mail) and password.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginIn,
    responses(
        (status = 200, body = TokenPairOut),
        (status = 401, description = "wrong credentials, or the account is suspended or deleted", body = ErrorBody),
        (status = 429, description = "too many attempts: from this address, or on this account from addresses it has never signed in from; see `Retry-After`", body = ErrorBody),
    ))]
pub async fn login_user(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Json(input): Json<LoginIn>,
) -> ApiResult<axum::Json<TokenPairOut>> {
    if input.password.len() > password::MAX_LEN || input.username.len() > 254 {
        // Still one argon2 run, so an oversized input answers no faster than a wrong one.
        password::verify(String::new(), None).await?;
        return Err(ApiError::Unauthorized(BAD_CREDENTIALS));
    }
    let user = users::find_by_login(&state.db, &input.username).await?;
    let attempt =
        throttle::admit(&state, user.as_ref().map(|u| u.id), &input.username, addr).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = password::verify(input.password, stored).await?;
    let mut user = match user {
        Some(u) if ok && u.status == UserStatus::Active => u,
        _ => return Err(ApiError::Unauthorized(BAD_CREDENTIALS)),
    };
    let mut tx = state.db.begin().await?;
    user.last_login = Some(users::touch_last_login(&mut *tx, user.id).await?);
    let (pair, _) = issue_pair(&mut tx, &state, &user, None, user_agent(&headers)).await?;
    tx.commit().await?;
    attempt.succeeded(&state).await;
    Ok(axum::Json(pair))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshIn {
    pub refresh_token: String,
}

/// Exchange a refresh token for a new pair. The presented token dies; presenting it again later is
/// treated as theft and ends the whole session family.
#[utoipa::path(post, path = "/auth/refresh", tag = "auth", request_body = RefreshIn,
    responses(
        (status = 200, body = TokenPairOut),
        (status = 401, description = "unknown, expired, revoked or reused token", body = ErrorBody),
    ))]
pub async fn refresh_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(input): Json<RefreshIn>,
) -> ApiResult<axum::Json<TokenPairOut>> {
    let hash = token_hash(&input.refresh_token);
    let mut tx = state.db.begin().await?;
    let claim = sessions::claim_refresh_token(&mut tx, &hash).await?;
    let (old_id, user_id, family_id) = match claim {
        RefreshClaim::Valid {
            id,
            user_id,
            family_id,
        } => (id, user_id, family_id),
        RefreshClaim::Reused {
            user_id,
            family_id,
            revoked,
        } => {
            // Whoever holds the family's live tokens may also hold an access token minted from
            // them, which would live out its 15 minutes: bump the session version so every access
            // token of the account dies now (other devices refresh once and carry on). Only when
            // something live was revoked, so replaying a dead token cannot end access over and over.
            if revoked > 0 {
                users::bump_session_version(&mut *tx, user_id).await?;
            }
            // Commit the revocation: the caller gets a 401, the family stays dead.
            tx.commit().await?;
            if revoked > 0 {
                state.evict_auth(Eviction::User(user_id)).await;
                tracing::warn!(%user_id, %family_id, "refresh token reuse detected; session family revoked, access tokens ended");
            }
            return Err(ApiError::Unauthorized(BAD_REFRESH));
        }
        RefreshClaim::Invalid => return Err(ApiError::Unauthorized(BAD_REFRESH)),
    };
    let user = users::find_by_id(&mut *tx, user_id).await?;
    let Some(user) = user.filter(|u| u.status == UserStatus::Active) else {
        sessions::revoke_family(&mut *tx, family_id).await?;
        tx.commit().await?;
        return Err(ApiError::Unauthorized(BAD_REFRESH));
    };
    let (pair, new_id) = issue_pair(
        &mut tx,
        &state,
        &user,
        Some(family_id),
        user_agent(&headers),
    )
    .await?;
    sessions::set_replaced_by(&mut *tx, old_id, new_id).await?;
    tx.commit().await?;
    Ok(axum::Json(pair))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutIn {
    pub refresh_token: String,
    /// End every session of the account, on every device (also kills outstanding access tokens).
    /// Needs a live refresh token.
    #[serde(default)]
    pub all_sessions: bool,
}

/// End the session of a refresh token (or all sessions). The caller's access token, if sent, stops
/// working immediately too.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", request_body = LogoutIn,
    responses(
        (status = 204, description = "logged out (for one session, also when the token was already dead)"),
        (status = 401, description = "`all_sessions` with a refresh token that is not live (used, revoked, expired or unknown): nothing was ended", body = ErrorBody),
    ))]
pub async fn logout_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(input): Json<LogoutIn>,
) -> ApiResult<StatusCode> {
    let hash = token_hash(&input.refresh_token);
    if input.all_sessions {
        // Ending every session takes a live token: an old rotated one (which a thief may have kept)
        // or an expired one must not log the owner out everywhere.
        let user_id = sessions::find_live_refresh_token(&state.db, &hash)
            .await?
            .ok_or(ApiError::Unauthorized(BAD_REFRESH))?;
        let mut tx = state.db.begin().await?;
        sessions::revoke_all_for_user(&mut *tx, user_id).await?;
        users::bump_session_version(&mut *tx, user_id).await?;
        tx.commit().await?;
        state.evict_auth(Eviction::User(user_id)).await;
    } else if let Some((_, family_id)) = sessions::find_refresh_token(&state.db, &hash).await? {
        sessions::revoke_family(&state.db, family_id).await?;
    }
    // Denylist the presented access token for the rest of its life. Best effort: if Redis is down the
    // refresh session is still gone and the access token dies within its 15 minutes.
    if let Some(claims) = bearer_token_from_headers(&headers).and_then(|t| state.jwt.verify(t)) {
        let ttl = (claims.exp - chrono::Utc::now().timestamp()).max(1);
        let mut redis = state.redis.clone();
        let set: Result<(), _> = redis
            .set_ex(
                denylist_key(&state, &claims.jti),
                1,
                u64::try_from(ttl).unwrap_or(1),
            )
            .await;
        if let Err(e) = set {
            tracing::warn!(error = %e, "could not denylist access token on logout");
        }
        state.evict_auth(Eviction::Token(claims.jti)).await;
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotPasswordIn {
    pub email: String,
}

/// Ask for a password reset link. Always 202, whether or not the address has an account.
#[utoipa::path(post, path = "/auth/forgot-password", tag = "auth", request_body = ForgotPasswordIn,
    responses(
        (status = 202, description = "if the address has an account (and has not had too many mails lately), a reset link is on its way"),
        (status = 429, description = "this client address asked for too many account mails (`AIMINI_RATE_LIMIT_MAIL`)", body = ErrorBody),
    ))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(input): Json<ForgotPasswordIn>,
) -> ApiResult<StatusCode> {
    // Both budgets are charged whether or not the address has an account: the 429 is about the
    // caller only, and a used-up recipient budget answers the same 202 and sends nothing.
    ratelimit::charge_mail_from(&state, addr).await?;
    match ratelimit::charge_mail_to(&state, &input.email).await {
        Ok(()) => {}
        Err(ApiError::RateLimited { .. }) => {
            tracing::info!("password reset request dropped: the recipient's mail budget is used");
            return Ok(StatusCode::ACCEPTED);
        }
        Err(e) => return Err(e),
    }
    // The lookup, token and mail happen off the request path: the answer takes the same time and says
    // the same thing for every address, so it cannot be used to enumerate accounts.
    tokio::spawn(async move {
        if let Err(e) = send_reset_link(&state, input.email).await {
            tracing::error!(error = ?e, "password reset mail failed");
        }
    });
    Ok(StatusCode::ACCEPTED)
}

async fn send_reset_link(state: &AppState, email: String) -> anyhow::Result<()> {
    if email.len() > 254 {
        return Ok(());
    }
    let Some(user) = users::find_by_email(&state.db, &email).await? else {
        return Ok(());
    };
    if user.status != UserStatus::Active {
        return Ok(());
    }
    let token = random_token();
    let expires =
        chrono::Utc::now() + chrono::Duration::from_std(state.config.auth.reset_token_ttl)?;
    sessions::insert_reset_token(&state.db, user.id, &token_hash(&token), expires).await?;
    let mut link = state.config.public_url.join("reset-password")?;
    link.query_pairs_mut().append_pair("token", &token);
    let minutes = state.config.auth.reset_token_ttl.as_secs() / 60;
    let body = format!(
        "Hello {name},\n\nSomeone (hopefully you) asked to reset the password of your aimini account.\n\
         Open this link within {minutes} minutes to choose a new one:\n\n{link}\n\n\
         The link works once. If you did not ask for it, ignore this message: your password stays as it is.\n",
        name = user.display_name.as_deref().unwrap_or(&user.username),
    );
    state
        .mailer
        .send(Mail {
            to: user.email.clone(),
            subject: "Reset your aimini password".into(),
            text: body,
            kind: "password_reset",
        })
        .await?;
    tracing::info!(user_id = %user.id, "password reset link sent");
    Ok(())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordIn {
    /// The token from the reset link.
    pub token: String,
    pub new_password: String,
}

/// Set a new password with a reset token. The token works once; every session of the account ends,
/// and the account's e-mail address counts as verified (the link reached it).
#[utoipa::path(post, path = "/auth/reset-password", tag = "auth", request_body = ResetPasswordIn,
    responses(
        (status = 204, description = "password changed; log in again"),
        (status = 400, description = "invalid, used or expired token", body = ErrorBody),
        (status = 422, description = "weak password", body = ErrorBody),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(input): Json<ResetPasswordIn>,
) -> ApiResult<StatusCode> {
    let hash = token_hash(&input.token);
    let mut tx = state.db.begin().await?;
    let Some(user_id) = sessions::consume_reset_token(&mut tx, &hash).await? else {
        return Err(ApiError::bad_request(
            "invalid_reset_token",
            "the reset link is invalid, expired or already used",
        ));
    };
    let user = users::find_by_id(&mut *tx, user_id)
        .await?
        .filter(|u| u.status == UserStatus::Active)
        .ok_or(ApiError::bad_request(
            "invalid_reset_token",
            "the reset link is invalid, expired or already used",
        ))?;
    // A weak password must not burn the token: validate before committing anything.
    if let Err(msg) = password::check_strength(&input.new_password, &user.username, &user.email) {
        return Err(ApiError::field("new_password", msg));
    }
    let new_hash = password::hash(input.new_password).await?;
    users::set_password(&mut *tx, user_id, &new_hash).await?;
    sessions::revoke_all_for_user(&mut *tx, user_id).await?;
    // The link reached the mailbox: that proves the address as well as a verification link would.
    users::mark_verified(&mut *tx, user_id, &user.email).await?;
    aimini_models::verification::consume_all_for_user(&mut *tx, user_id).await?;
    tx.commit().await?;
    state.evict_auth(Eviction::User(user_id)).await;
    // Whoever followed the link controls the mailbox: where they did it from is familiar.
    throttle::remember_address(&state, user_id, addr).await;
    tracing::info!(%user_id, "password reset; all sessions revoked");
    Ok(StatusCode::NO_CONTENT)
}
