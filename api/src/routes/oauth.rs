//! `/api/v1/auth/oauth/*`: social login (GitHub, Google, or any configured OAuth2/OIDC provider).

use aimini_models::oauth::{self as identities, NewIdentity};
use aimini_models::tokens::{random_token, token_hash};
use aimini_models::users::{self, Email, NewUser, UserStatus, Username};
use aimini_models::{sessions, verification};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use redis::AsyncCommands as _;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::cache::Eviction;
use crate::auth::oauth::{ProviderProfile, username_base};
use crate::auth::session::{TokenPairOut, issue_pair};
use crate::auth::throttle;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Path, Query};
use crate::ratelimit::ClientAddr;
use crate::state::AppState;

/// How long a user has to come back from the provider.
const STATE_TTL_SECS: u64 = 600;

/// The cookie that binds a login's `state` to the browser that started it. Without it, an attacker
/// could start a login with their own provider account and send the callback URL to a victim, whose
/// browser would come back signed in as the attacker (login CSRF). `SameSite=Lax` still sends it on
/// the provider's top-level redirect back; the path keeps it off every other request.
const BROWSER_COOKIE: &str = "aimini_oauth";
const COOKIE_PATH: &str = "/api/v1/auth/oauth/";

fn browser_cookie(state: &AppState, value: &str, max_age: u64) -> ApiResult<HeaderValue> {
    crate::extract::set_cookie(
        &state.config.public_url,
        BROWSER_COOKIE,
        value,
        max_age,
        COOKIE_PATH,
    )
}

fn binding_of(browser: &str) -> String {
    hex::encode(token_hash(browser))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_providers))
        .routes(routes!(start_oauth_login))
        .routes(routes!(finish_oauth_login))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProvidersOut {
    pub providers: Vec<String>,
}

/// The social login providers this deployment offers.
#[utoipa::path(get, path = "/auth/oauth/providers", tag = "auth", responses((status = 200, body = ProvidersOut)))]
pub async fn list_providers(State(state): State<AppState>) -> axum::Json<ProvidersOut> {
    axum::Json(ProvidersOut {
        providers: state.oauth.names(),
    })
}

#[derive(Serialize, Deserialize)]
struct PendingLogin {
    provider: String,
    verifier: String,
    /// SHA-256 of the binding cookie given to the browser that started the login.
    browser: String,
}

fn state_key(state: &AppState, csrf: &str) -> String {
    state.redis_key(&format!("oauth:state:{csrf}"))
}

/// Start a social login: redirects (302) to the provider's consent page, and sets a short-lived
/// cookie that the callback must bring back (the login finishes only in this browser).
#[utoipa::path(get, path = "/auth/oauth/{provider}/authorize", tag = "auth",
    params(("provider" = String, Path, example = "github")),
    responses(
        (status = 302, description = "redirect to the provider; `Location` holds the URL"),
        (status = 404, description = "provider not configured", body = ErrorBody),
    ))]
pub async fn start_oauth_login(
    State(state): State<AppState>,
    Path(provider): Path<String>,
) -> ApiResult<Response> {
    let p = state
        .oauth
        .get(&provider)
        .ok_or(ApiError::NotFound("no such login provider"))?;
    let (url, csrf, verifier) = state.oauth.authorize(p)?;
    let browser = random_token();
    let pending = serde_json::to_string(&PendingLogin {
        provider: provider.clone(),
        verifier,
        browser: binding_of(&browser),
    })
    .map_err(anyhow::Error::from)?;
    let mut redis = state.redis.clone();
    redis
        .set_ex::<_, _, ()>(state_key(&state, &csrf), pending, STATE_TTL_SECS)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "cannot store OAuth state");
            ApiError::Unavailable("social login is temporarily unavailable")
        })?;
    let mut resp = StatusCode::FOUND.into_response();
    resp.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(url.as_str()).map_err(anyhow::Error::from)?,
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp.headers_mut().insert(
        header::SET_COOKIE,
        browser_cookie(&state, &browser, STATE_TTL_SECS)?,
    );
    Ok(resp)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    /// Set by the provider when the user declined.
    pub error: Option<String>,
}

/// The provider's redirect target: finishes the login and returns a token pair. A provider-verified
/// address links to the account that has it when that account is verified; an unverified one is
/// claimed instead (its password, sessions and pending links are removed).
#[utoipa::path(get, path = "/auth/oauth/{provider}/callback", tag = "auth",
    params(("provider" = String, Path), CallbackQuery),
    responses(
        (status = 200, body = TokenPairOut),
        (status = 400, description = "bad or expired state, a browser other than the one that started the login (no or another `aimini_oauth` cookie), declined consent, rejected code", body = ErrorBody),
        (status = 401, description = "the linked account is suspended or deleted", body = ErrorBody),
        (status = 404, description = "no such login provider", body = ErrorBody),
        (status = 409, description = "the e-mail belongs to an account and the provider did not verify it", body = ErrorBody),
        (status = 422, description = "the provider gave no verified e-mail address", body = ErrorBody),
        (status = 502, description = "the provider failed", body = ErrorBody),
    ))]
pub async fn finish_oauth_login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Path(provider): Path<String>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> ApiResult<Response> {
    let p = state
        .oauth
        .get(&provider)
        .ok_or(ApiError::NotFound("no such login provider"))?
        .clone();
    let bad_state = || {
        ApiError::bad_request(
            "invalid_oauth_state",
            "the login attempt is unknown or expired; start again",
        )
    };
    let csrf = q.state.ok_or_else(bad_state)?;
    // GETDEL: a state is good for exactly one callback.
    let mut redis = state.redis.clone();
    let pending: Option<String> = redis::cmd("GETDEL")
        .arg(state_key(&state, &csrf))
        .query_async(&mut redis)
        .await
        .map_err(|_| ApiError::Unavailable("social login is temporarily unavailable"))?;
    // Only the browser that started the login may finish it (see BROWSER_COOKIE). The state is
    // spent either way.
    let browser = crate::extract::cookie(&headers, BROWSER_COOKIE).map(binding_of);
    let pending: PendingLogin = pending
        .and_then(|s| serde_json::from_str(&s).ok())
        .filter(|pl: &PendingLogin| pl.provider == provider)
        .filter(|pl| browser.as_deref() == Some(pl.browser.as_str()))
        .ok_or_else(bad_state)?;
    if q.error.is_some() {
        return Err(ApiError::bad_request(
            "oauth_denied",
            "the login was declined at the provider",
        ));
    }
    let code = q.code.ok_or_else(|| {
        ApiError::bad_request(
            "oauth_code_missing",
            "the provider sent no authorization code",
        )
    })?;
    let profile = state.oauth.complete(&p, code, pending.verifier).await?;

    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let mut tx = state.db.begin().await?;
    let (mut user, claimed) = resolve_user(&mut tx, &provider, &profile).await?;
    if user.status != UserStatus::Active {
        return Err(ApiError::Unauthorized("this account is not active"));
    }
    user.last_login = Some(users::touch_last_login(&mut *tx, user.id).await?);
    let (pair, _) = issue_pair(&mut tx, &state, &user, None, user_agent).await?;
    tx.commit().await?;
    if claimed {
        state.evict_auth(Eviction::User(user.id)).await;
    }
    throttle::remember_address(&state, user.id, addr).await;
    let mut resp = axum::Json(pair).into_response();
    resp.headers_mut()
        .insert(header::SET_COOKIE, browser_cookie(&state, "", 0)?);
    Ok(resp)
}

/// An account whose address was never proven belongs to whoever proves it: the provider just did.
/// Whoever registered it (perhaps someone who typed in another person's address) loses the password,
/// every session and every pending link; the account, now verified, goes on for the prover.
/// A verified account is returned as it is. The bool says whether the account was claimed.
async fn claim_if_unverified(
    tx: &mut sqlx::PgConnection,
    user: users::UserRow,
) -> ApiResult<(users::UserRow, bool)> {
    if user.is_verified {
        return Ok((user, false));
    }
    let Some(claimed) = users::claim_unverified(&mut *tx, user.id).await? else {
        // Verified meanwhile by its owner: nothing to take over.
        let fresh = users::find_by_id(&mut *tx, user.id).await?.unwrap_or(user);
        return Ok((fresh, false));
    };
    sessions::revoke_all_for_user(&mut *tx, claimed.id).await?;
    sessions::spend_reset_tokens(&mut *tx, claimed.id).await?;
    verification::consume_all_for_user(&mut *tx, claimed.id).await?;
    tracing::warn!(user_id = %claimed.id, "unverified account claimed by a verified social login; its password and sessions were removed");
    Ok((claimed, true))
}

/// Finds the user behind a provider identity, linking or creating one as the rules allow; the bool
/// says whether an unverified account was claimed on the way ([`claim_if_unverified`]).
async fn resolve_user(
    tx: &mut sqlx::PgConnection,
    provider: &str,
    profile: &ProviderProfile,
) -> ApiResult<(users::UserRow, bool)> {
    if let Some(user_id) = identities::find_user_id(&mut *tx, provider, &profile.subject).await? {
        let user = users::find_by_id(&mut *tx, user_id)
            .await?
            .ok_or(ApiError::Unauthorized("this account is not active"))?;
        return claim_if_unverified(tx, user).await;
    }
    let email = profile.email.as_deref().and_then(|e| Email::parse(e).ok());
    let Some(email) = email.filter(|_| profile.email_verified) else {
        if let Some(addr) = profile.email.as_deref()
            && users::find_by_email(&mut *tx, addr).await?.is_some()
        {
            return Err(ApiError::Conflict {
                code: "email_not_verified",
                field: Some("email"),
                message: "an account uses this e-mail address, but the provider has not verified it; log in with \
                          your password instead"
                    .into(),
            });
        }
        return Err(ApiError::field(
            "email",
            "the provider did not share a verified e-mail address",
        ));
    };
    let (user, claimed) = match users::find_by_email(&mut *tx, email.as_str()).await? {
        Some(existing) => claim_if_unverified(tx, existing).await?,
        None => (create_user(tx, &email, profile).await?, false),
    };
    identities::link(
        &mut *tx,
        NewIdentity {
            user_id: user.id,
            provider,
            provider_user_id: &profile.subject,
            email: Some(email.as_str()),
            email_verified: true,
        },
    )
    .await
    .map_err(|e| match aimini_models::db::violation(&e) {
        Some(aimini_models::db::Violation::Unique(_)) => ApiError::Conflict {
            code: "identity_conflict",
            field: None,
            message: "this account is already linked to another identity of this provider".into(),
        },
        _ => e.into(),
    })?;
    tracing::info!(user_id = %user.id, provider, "social identity linked");
    Ok((user, claimed))
}

async fn create_user(
    tx: &mut sqlx::PgConnection,
    email: &Email,
    profile: &ProviderProfile,
) -> ApiResult<users::UserRow> {
    let base = username_base(profile.username_hint.as_deref());
    // Try the provider's login, then numbered variants.
    for attempt in 0..20u32 {
        let candidate = if attempt == 0 {
            base.clone()
        } else {
            format!("{base}_{}", attempt + 1)
        };
        let Ok(username) = Username::parse(&candidate) else {
            continue;
        };
        if users::username_exists(&mut *tx, username.as_str()).await? {
            continue;
        }
        let display: Option<String> = profile
            .display_name
            .as_ref()
            .map(|d| d.chars().take(100).collect());
        return users::insert(
            &mut *tx,
            NewUser {
                username: &username,
                email,
                password_hash: None,
                display_name: display.as_deref(),
                is_verified: true,
            },
        )
        .await
        .map_err(crate::routes::auth::map_user_conflict);
    }
    Err(ApiError::Conflict {
        code: "username_unavailable",
        field: Some("username"),
        message: "could not find a free username for this account".into(),
    })
}
