//! `/media/*`: public objects (avatars) served from object storage when no CDN base URL is configured.

use aimini_models::storage::ObjectKey;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::Path;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_avatar))
}

/// An avatar image. Names are content hashes, so responses are cacheable forever.
#[utoipa::path(get, path = "/media/avatars/{user_id}/{file}", tag = "media",
    params(("user_id" = Uuid, Path), ("file" = String, Path, description = "`{hash}.webp`")),
    responses(
        (status = 200, content_type = "image/webp", body = Vec<u8>),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get_avatar(
    State(state): State<AppState>,
    Path((user_id, file)): Path<(Uuid, String)>,
) -> ApiResult<Response> {
    let key = ObjectKey::new(format!("avatars/{user_id}/{file}"))
        .map_err(|_| ApiError::NotFound("no such file"))?;
    let obj = state
        .storage
        .get(&key)
        .await?
        .ok_or(ApiError::NotFound("no such file"))?;
    let mut resp = obj.bytes.into_response();
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&obj.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(resp)
}
