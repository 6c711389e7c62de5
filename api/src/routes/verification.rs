//! `/api/v1/auth/verify-email` and `/auth/resend-verification`: proving the address of a local account.
//!
//! Decisions (README "Security notes"):
//! - Registration mails a link at once; the account is usable meanwhile (play, browse, create), but
//!   an unverified address is not trusted: no social login links to it (one takes the account over
//!   instead, see `routes::oauth`) and the account gets no OpenAI budget.
//! - Following the link is not enough: the page asks for the account's password. Whoever registered
//!   with someone else's address cannot read the mail, and the mailbox owner who clicks a link for an
//!   account they never made cannot confirm it for the squatter, since they do not know its password.
//! - A password reset also proves the address (it needs the mailbox), so it verifies too.

use aimini_models::tokens::{random_token, token_hash};
use aimini_models::users::{self, UserRow, UserStatus};
use aimini_models::verification;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::cache::Eviction;
use crate::auth::extract::AuthUser;
use crate::auth::{password, throttle};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::Json;
use crate::mail::Email as Mail;
use crate::ratelimit::{self, ClientAddr};
use crate::state::AppState;

/// Tokens we mint are 43 characters; anything much longer is not one of ours.
const MAX_TOKEN_LEN: usize = 128;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify_email))
        .routes(routes!(resend_verification))
}

fn bad_token() -> ApiError {
    ApiError::bad_request(
        "invalid_verification_token",
        "the verification link is invalid, expired or already used",
    )
}

/// Creates a verification token for `user` in the caller's transaction; returns the token to mail
/// once that transaction has committed.
pub async fn new_token(
    conn: &mut PgConnection,
    state: &AppState,
    user: &UserRow,
) -> anyhow::Result<String> {
    let token = random_token();
    let expires =
        chrono::Utc::now() + chrono::Duration::from_std(state.config.auth.verify_token_ttl)?;
    verification::insert(
        &mut *conn,
        user.id,
        &user.email,
        &token_hash(&token),
        expires,
    )
    .await?;
    Ok(token)
}

/// Mails the link for `token` off the request path (after the commit that stored it). The caller
/// has charged the mail budgets.
pub fn send_link(state: &AppState, user: &UserRow, token: String) {
    let state = state.clone();
    let (id, to, username) = (user.id, user.email.clone(), user.username.clone());
    tokio::spawn(async move {
        let sent = async {
            let mut link = state.config.public_url.join("verify-email")?;
            link.query_pairs_mut().append_pair("token", &token);
            let hours = state.config.auth.verify_token_ttl.as_secs().div_ceil(3600);
            let text = format!(
                "Hello {username},\n\nSomeone (hopefully you) created the aimini account \"{username}\" \
                 with this address. To confirm the address, open this link within {hours} hours and \
                 enter the account's password:\n\n{link}\n\nThe link works once. If you did not create \
                 this account, ignore this message: nothing is confirmed without the account's password.\n"
            );
            state
                .mailer
                .send(Mail {
                    to,
                    subject: "Confirm your aimini e-mail address".into(),
                    text,
                    kind: "email_verification",
                })
                .await
        }
        .await;
        match sent {
            Ok(()) => tracing::info!(user_id = %id, "verification link sent"),
            Err(e) => tracing::error!(user_id = %id, error = ?e, "verification mail failed"),
        }
    });
}

/// Charges the recipient's mail budget and mails the link. Called after the account is committed,
/// so it never fails the request: a used-up budget or a limiter outage skips the mail (the owner can
/// ask again later with `resend-verification`).
pub async fn mail_link_if_budget(state: &AppState, user: &UserRow, token: String) {
    match ratelimit::charge_mail_to(state, &user.email).await {
        Ok(()) => send_link(state, user, token),
        Err(e) => {
            tracing::info!(user_id = %user.id, reason = %e, "verification mail skipped");
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyEmailIn {
    /// The token from the mailed link.
    pub token: String,
    /// The account's password: proves the person confirming is the one who registered.
    pub password: String,
}

/// Confirm an account's e-mail address with the mailed token and the account's password. The token
/// works once; a wrong password does not spend it.
#[utoipa::path(post, path = "/auth/verify-email", tag = "auth", request_body = VerifyEmailIn,
    responses(
        (status = 204, description = "the address is verified"),
        (status = 400, description = "invalid, used or expired token (`invalid_verification_token`)", body = ErrorBody),
        (status = 401, description = "wrong password", body = ErrorBody),
        (status = 422, description = "missing or mistyped fields", body = ErrorBody),
        (status = 429, description = "too many attempts (the login throttle applies)", body = ErrorBody),
    ))]
pub async fn verify_email(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(input): Json<VerifyEmailIn>,
) -> ApiResult<StatusCode> {
    if input.token.is_empty() || input.token.len() > MAX_TOKEN_LEN {
        return Err(bad_token());
    }
    let hash = token_hash(&input.token);
    let user_id = verification::find_live(&state.db, &hash)
        .await?
        .ok_or_else(bad_token)?;
    let user = users::find_by_id(&state.db, user_id)
        .await?
        .filter(|u| u.status == UserStatus::Active)
        .ok_or_else(bad_token)?;
    // The password check is a guess like a login: same throttle, same bound on input.
    let attempt = throttle::admit(&state, Some(user.id), &user.username, addr).await?;
    let ok = input.password.len() <= password::MAX_LEN
        && password::verify(input.password, user.password_hash.clone()).await?;
    if !ok {
        return Err(ApiError::Unauthorized("wrong password for this account"));
    }
    let mut tx = state.db.begin().await?;
    let (owner, email) = verification::consume(&mut tx, &hash)
        .await?
        .ok_or_else(bad_token)?;
    // The token proves the address it was sent to, and only while that is still the account's.
    if owner != user.id || !users::mark_verified(&mut *tx, user.id, &email).await? {
        return Err(bad_token());
    }
    tx.commit().await?;
    attempt.succeeded(&state).await;
    state.evict_auth(Eviction::User(user.id)).await;
    tracing::info!(user_id = %user.id, "e-mail address verified");
    Ok(StatusCode::NO_CONTENT)
}

/// Mail a new verification link to the signed-in account's address. Earlier links keep working
/// until they expire or one is used.
#[utoipa::path(post, path = "/auth/resend-verification", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 202, description = "a new link is on its way"),
        (status = 401, body = ErrorBody),
        (status = 409, description = "the address is already verified (`already_verified`)", body = ErrorBody),
        (status = 429, description = "too many mails from this client address or to this e-mail address", body = ErrorBody),
    ))]
pub async fn resend_verification(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    auth: AuthUser,
) -> ApiResult<StatusCode> {
    let user = auth.user;
    if user.is_verified {
        return Err(ApiError::Conflict {
            code: "already_verified",
            field: None,
            message: "this account's e-mail address is already verified".into(),
        });
    }
    ratelimit::charge_mail_from(&state, addr).await?;
    ratelimit::charge_mail_to(&state, &user.email).await?;
    let mut conn = state.db.acquire().await?;
    let token = new_token(&mut conn, &state, &user).await?;
    send_link(&state, &user, token);
    Ok(StatusCode::ACCEPTED)
}
