//! `/api/v1/admin/*`: user management for staff. Moderators may look, only admins may change.

use aimini_models::pagination::{decode_cursor, split_page};
use aimini_models::queue::QueueDepth;
use aimini_models::sessions;
use aimini_models::users::{self, Role, UserCursor, UserFilter, UserStatus};
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::cache::Eviction;
use crate::auth::extract::{AdminUser, ModeratorUser};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Json, Path, Query};
use crate::pagination::{Page, PageQuery};
use crate::routes::users::UserOut;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users))
        .routes(routes!(update_user))
        .routes(routes!(get_queues))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueStatsOut {
    pub queue: String,
    /// From the queue's raw Redis keys (apalis' own inspection APIs are unreliable on Redis).
    pub redis: Option<QueueDepth>,
    /// Requests waiting in Postgres (the source of truth), including any the queue lost.
    pub pending: i64,
    pub processing: i64,
    pub oldest_pending_secs: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuesOut {
    pub queues: Vec<QueueStatsOut>,
    /// Admission control refuses new generations at this many due jobs.
    pub max_due_jobs: u64,
}

/// Queue health (admin): depth, in flight, dead, workers alive, oldest pending age.
#[utoipa::path(get, path = "/admin/queues", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = QueuesOut), (status = 403, body = ErrorBody)))]
pub async fn get_queues(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> ApiResult<axum::Json<QueuesOut>> {
    let (pending, processing, oldest_pending_secs) =
        aimini_models::generation::open_counts(&state.db).await?;
    let redis = match state.queues.generation_depth().await {
        Ok(d) => Some(d),
        Err(e) => {
            tracing::warn!(error = %e, "queue depth unavailable");
            None
        }
    };
    Ok(axum::Json(QueuesOut {
        queues: vec![QueueStatsOut {
            queue: aimini_models::jobs::GenerateGameJob::QUEUE.to_owned(),
            redis,
            pending,
            processing,
            oldest_pending_secs,
        }],
        max_due_jobs: state.config.generation.max_due_jobs,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    #[param(inline)]
    pub role: Option<Role>,
    #[param(inline)]
    pub status: Option<UserStatus>,
    /// Prefix of the username or e-mail address, case-insensitive.
    #[param(max_length = 100)]
    pub q: Option<String>,
}

/// List users, newest first (moderator or admin).
#[utoipa::path(get, path = "/admin/users", tag = "admin", security(("bearer" = [])),
    params(PageQuery, UserListQuery),
    responses(
        (status = 200, body = Page<UserOut>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
    ))]
pub async fn list_users(
    State(state): State<AppState>,
    _staff: ModeratorUser,
    Query(page): Query<PageQuery>,
    Query(filter): Query<UserListQuery>,
) -> ApiResult<axum::Json<Page<UserOut>>> {
    let limit = page.limit()?;
    let after: Option<UserCursor> = page.cursor.as_deref().map(decode_cursor).transpose()?;
    // Counted as sent, in characters, as the document's `maxLength` is.
    if filter.q.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::field("q", "must be at most 100 characters"));
    }
    let q = filter
        .q
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    let rows = users::list(
        &state.db,
        &UserFilter {
            role: filter.role,
            status: filter.status,
            query: q,
        },
        after.as_ref(),
        i64::from(limit),
    )
    .await?;
    let (rows, next_cursor) = split_page(rows, limit as usize, |u| UserCursor {
        created_at: u.created_at,
        id: u.id,
    });
    Ok(axum::Json(Page {
        items: rows.iter().map(UserOut::from).collect(),
        next_cursor,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(min_properties = 1)]
pub struct AdminUserIn {
    pub role: Option<Role>,
    pub status: Option<UserStatus>,
}

/// Change a user's role and/or status (admin). Takes effect on the user's next request: their
/// access tokens stop working and, when suspended or deleted, every refresh session ends.
#[utoipa::path(put, path = "/admin/users/{user_id}", tag = "admin", security(("bearer" = [])),
    params(("user_id" = Uuid, Path)),
    request_body = AdminUserIn,
    responses(
        (status = 200, body = UserOut),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "admins cannot change their own role or status", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_user(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(user_id): Path<Uuid>,
    Json(input): Json<AdminUserIn>,
) -> ApiResult<axum::Json<UserOut>> {
    if input.role.is_none() && input.status.is_none() {
        return Err(ApiError::field("role", "give a role, a status, or both"));
    }
    if admin.user().id == user_id {
        // Guards against an admin locking everyone out by demoting or suspending themselves.
        return Err(ApiError::Conflict {
            code: "cannot_modify_self",
            field: None,
            message: "admins cannot change their own role or status".into(),
        });
    }
    let mut tx = state.db.begin().await?;
    let row = users::admin_update(&mut *tx, user_id, input.role, input.status)
        .await?
        .ok_or(ApiError::NotFound("no such user"))?;
    if row.status != UserStatus::Active {
        sessions::revoke_all_for_user(&mut *tx, user_id).await?;
    }
    tx.commit().await?;
    state.evict_auth(Eviction::User(user_id)).await;
    tracing::info!(admin_id = %admin.user().id, %user_id, role = %row.role, status = ?row.status, "user updated by admin");
    Ok(axum::Json(UserOut::from(&row)))
}
