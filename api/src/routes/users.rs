//! `/api/v1/users/*`: the caller's profile, public profiles and avatars.

use std::io::Cursor;

use aimini_models::config::ImageConfig;
use aimini_models::storage::ObjectKey;
use aimini_models::users::{self, ProfileUpdate, Role, UserRow, UserStatus};
use axum::extract::{DefaultBodyLimit, Multipart, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::cache::Eviction;
use crate::auth::extract::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody, Validator};
use crate::extract::{Json, Path};
use crate::state::AppState;

/// Avatars are stored as square WebP images of this size.
pub const AVATAR_SIZE: u32 = 256;

pub fn router(avatar_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_avatar))
        // Only the avatar route gets the larger limit; multipart framing adds a little to the file.
        .layer(DefaultBodyLimit::max(avatar_max_bytes + 16 * 1024))
        .routes(routes!(get_profile, update_profile))
        .routes(routes!(get_user))
}

/// The account owner's view of their account.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub bio: Option<String>,
    pub website_url: Option<String>,
    pub role: Role,
    pub status: UserStatus,
    pub is_verified: bool,
    pub is_premium: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_login: Option<DateTime<Utc>>,
}

impl From<&UserRow> for UserOut {
    fn from(u: &UserRow) -> Self {
        Self {
            id: u.id,
            username: u.username.clone(),
            email: u.email.clone(),
            display_name: u.display_name.clone(),
            avatar_url: u.avatar_url.clone(),
            bio: u.bio.clone(),
            website_url: u.website_url.clone(),
            role: u.role,
            status: u.status,
            is_verified: u.is_verified,
            is_premium: u.role >= Role::Premium,
            created_at: u.created_at,
            updated_at: u.updated_at,
            last_login: u.last_login,
        }
    }
}

/// What anyone may see of a user. Never the e-mail address.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicUserOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub bio: Option<String>,
    pub website_url: Option<String>,
    pub is_premium: bool,
    pub created_at: DateTime<Utc>,
}

impl From<&UserRow> for PublicUserOut {
    fn from(u: &UserRow) -> Self {
        Self {
            id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            avatar_url: u.avatar_url.clone(),
            bio: u.bio.clone(),
            website_url: u.website_url.clone(),
            is_premium: u.role >= Role::Premium,
            created_at: u.created_at,
        }
    }
}

/// The caller's own profile.
#[utoipa::path(get, path = "/users/profile", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = UserOut), (status = 401, body = ErrorBody)))]
pub async fn get_profile(auth: AuthUser) -> axum::Json<UserOut> {
    axum::Json(UserOut::from(&auth.user))
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Fields left out stay as they are; `null` clears a field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileIn {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, example = "Ada L.")]
    pub display_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub bio: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, example = "https://ada.dev")]
    pub website_url: Option<Option<String>>,
}

fn clean_text(
    v: &mut Validator,
    field: &str,
    value: Option<Option<String>>,
    max: usize,
    multiline: bool,
) -> Option<Option<String>> {
    let value = value?;
    let Some(text) = value else { return Some(None) };
    let text = text.trim().to_owned();
    if text.chars().count() > max {
        v.add(field, format!("must be at most {max} characters"));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        v.add(field, "must not contain control characters");
    }
    Some((!text.is_empty()).then_some(text))
}

/// Update the caller's profile.
#[utoipa::path(put, path = "/users/profile", tag = "users", security(("bearer" = [])), request_body = ProfileIn,
    responses((status = 200, body = UserOut), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_profile(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(input): Json<ProfileIn>,
) -> ApiResult<axum::Json<UserOut>> {
    let mut v = Validator::new();
    let display_name = clean_text(&mut v, "display_name", input.display_name, 100, false);
    let bio = clean_text(&mut v, "bio", input.bio, 500, true);
    let website_url = clean_text(&mut v, "website_url", input.website_url, 300, false);
    if let Some(Some(url)) = &website_url {
        match url::Url::parse(url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {}
            _ => v.add("website_url", "must be an http or https URL"),
        }
    }
    v.finish()?;
    let row = users::update_profile(
        &state.db,
        auth.user.id,
        &ProfileUpdate {
            display_name,
            bio,
            website_url,
        },
    )
    .await?;
    state.evict_auth(Eviction::User(auth.user.id)).await;
    Ok(axum::Json(UserOut::from(&row)))
}

/// A user's public profile.
#[utoipa::path(get, path = "/users/{user_id}", tag = "users",
    params(("user_id" = Uuid, Path, description = "user id")),
    responses((status = 200, body = PublicUserOut), (status = 404, body = ErrorBody)))]
pub async fn get_user(
    State(state): State<AppState>,
    Path(user_id): Path<Uuid>,
) -> ApiResult<axum::Json<PublicUserOut>> {
    let user = users::find_by_id(&state.db, user_id)
        .await?
        .filter(|u| u.status == UserStatus::Active)
        .ok_or(ApiError::NotFound("no such user"))?;
    Ok(axum::Json(PublicUserOut::from(&user)))
}

#[derive(ToSchema)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
pub struct AvatarUpload {
    /// PNG, JPEG or WebP; cropped to a square and stored as a 256x256 WebP.
    #[schema(value_type = String, format = Binary)]
    avatar: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImageKind {
    Png,
    Jpeg,
    Webp,
}

/// Identifies the format from the bytes themselves; the client's filename and Content-Type are ignored.
fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else {
        None
    }
}

fn image_too_large(cfg: ImageConfig, detail: &str) -> ApiError {
    let max = cfg.max_dimension;
    ApiError::Http {
        status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        code: "image_too_large",
        message: format!(
            "the image is too large ({detail}); at most {max}x{max} pixels and {} MiB decoded",
            cfg.max_alloc_bytes >> 20
        ),
    }
}

/// Decodes and re-encodes an avatar. A small file can declare an enormous bitmap (a decompression
/// bomb), so the size it declares is checked from the header before any pixel is decoded, and the
/// decoder itself is held to the same limits.
fn to_avatar_webp(bytes: &[u8], kind: ImageKind, cfg: ImageConfig) -> Result<Vec<u8>, ApiError> {
    use image::ImageDecoder as _;
    let format = match kind {
        ImageKind::Png => image::ImageFormat::Png,
        ImageKind::Jpeg => image::ImageFormat::Jpeg,
        ImageKind::Webp => image::ImageFormat::WebP,
    };
    let undecodable = |_| ApiError::field("avatar", "the image could not be decoded");
    // Reads the header only.
    let mut decoder = image::ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(undecodable)?;
    let (w, h) = decoder.dimensions();
    if w > cfg.max_dimension || h > cfg.max_dimension {
        return Err(image_too_large(cfg, &format!("{w}x{h} pixels")));
    }
    if decoder.total_bytes() > cfg.max_alloc_bytes {
        return Err(image_too_large(
            cfg,
            &format!("{} MiB decoded", decoder.total_bytes() >> 20),
        ));
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(cfg.max_dimension);
    limits.max_image_height = Some(cfg.max_dimension);
    limits.max_alloc = Some(cfg.max_alloc_bytes);
    decoder.set_limits(limits).map_err(|e| match e {
        image::ImageError::Limits(_) => image_too_large(cfg, "over the decoder limits"),
        e => undecodable(e),
    })?;
    let img = image::DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => image_too_large(cfg, "over the decoder limits"),
        e => undecodable(e),
    })?;
    let square = img
        .resize_to_fill(
            AVATAR_SIZE,
            AVATAR_SIZE,
            image::imageops::FilterType::Lanczos3,
        )
        .to_rgba8();
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .encode(
            square.as_raw(),
            AVATAR_SIZE,
            AVATAR_SIZE,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("webp encode: {e}")))?;
    Ok(out)
}

/// Upload an avatar (multipart field `avatar`).
#[utoipa::path(post, path = "/users/avatar", tag = "users", security(("bearer" = [])),
    request_body(content = AvatarUpload, content_type = "multipart/form-data"),
    responses(
        (status = 200, body = UserOut),
        (status = 413, description = "file over the size limit", body = ErrorBody),
        (status = 415, description = "not a PNG, JPEG or WebP image", body = ErrorBody),
        (status = 422, description = "undecodable image, or one over `AIMINI_IMAGE_MAX_DIMENSION` / `AIMINI_IMAGE_MAX_ALLOC_MB` (`image_too_large`)", body = ErrorBody),
    ))]
pub async fn upload_avatar(
    State(state): State<AppState>,
    auth: AuthUser,
    mut multipart: Multipart,
) -> ApiResult<axum::Json<UserOut>> {
    let max = state.config.limits.avatar_max_bytes;
    let mut data: Option<Vec<u8>> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        if !matches!(field.name(), Some("avatar" | "file")) {
            continue;
        }
        let mut buf = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            if buf.len() + chunk.len() > max {
                return Err(ApiError::PayloadTooLarge(format!(
                    "the avatar must be at most {max} bytes"
                )));
            }
            buf.extend_from_slice(&chunk);
        }
        data = Some(buf);
        break;
    }
    let data = data
        .ok_or_else(|| ApiError::field("avatar", "a multipart field named `avatar` is required"))?;
    let kind = sniff(&data).ok_or_else(|| {
        ApiError::UnsupportedMediaType("the avatar must be a PNG, JPEG or WebP image".into())
    })?;
    // At most AIMINI_IMAGE_MAX_CONCURRENT decodes at once per replica, whatever the number of
    // uploads in flight: memory is bounded by that times the per-image limit, and the blocking
    // pool keeps threads for everything else. The permit travels into the blocking task, so a
    // cancelled request still holds it until its decode really ends.
    let permit = state
        .image_slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("image slots closed: {e}")))?;
    let cfg = state.config.image;
    let webp = tokio::task::spawn_blocking(move || {
        let out = to_avatar_webp(&data, kind, cfg);
        drop(permit);
        out
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("avatar task: {e}")))??;

    // Content-addressed, so the URL changes with the picture and caches can keep it forever.
    let digest = hex::encode(&Sha256::digest(&webp)[..12]);
    let key = ObjectKey::new(format!("avatars/{}/{digest}.webp", auth.user.id))?;
    state.storage.put(&key, webp.into(), "image/webp").await?;
    let url = state.storage.public_url(&key, &state.config.public_url);
    users::set_avatar_url(&state.db, auth.user.id, &url).await?;
    state.evict_auth(Eviction::User(auth.user.id)).await;
    if let Some(old) = auth.user.avatar_url.as_deref().filter(|o| *o != url) {
        remove_old_avatar(&state, auth.user.id, old).await;
    }
    let row = users::find_by_id(&state.db, auth.user.id)
        .await?
        .ok_or(ApiError::NotFound("no such user"))?;
    Ok(axum::Json(UserOut::from(&row)))
}

/// Best effort: an orphaned old avatar wastes a few KB, a failed upload would be worse.
async fn remove_old_avatar(state: &AppState, user_id: Uuid, old_url: &str) {
    let prefix = format!("avatars/{user_id}/");
    let Some(pos) = old_url.find(&prefix) else {
        return;
    };
    if let Ok(key) = ObjectKey::new(&old_url[pos..])
        && let Err(e) = state.storage.delete(&key).await
    {
        tracing::warn!(error = %e, "could not delete the previous avatar");
    }
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge("the upload is too large".into())
    } else {
        ApiError::bad_request("invalid_multipart", e.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_uses_magic_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some(ImageKind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageKind::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"<svg"), None);
    }

    #[test]
    fn avatars_come_out_square_webp() {
        let img = image::RgbImage::from_fn(40, 20, |x, _| image::Rgb([(x * 6) as u8, 10, 200]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("encode png");
        let cfg = ImageConfig {
            max_dimension: 4096,
            max_alloc_bytes: 64 << 20,
            max_concurrent: 1,
        };
        let webp = to_avatar_webp(&png, ImageKind::Png, cfg).expect("convert");
        assert_eq!(sniff(&webp), Some(ImageKind::Webp));
        let back = image::load_from_memory(&webp).expect("decode webp");
        assert_eq!((back.width(), back.height()), (AVATAR_SIZE, AVATAR_SIZE));
    }
}
