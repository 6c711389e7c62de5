//! `/media/*`: objects served from storage when no CDN base URL is configured.
//!
//! - Avatars are public. Game thumbnails (`games/{id}/thumbnails/*.webp`) are public while the game
//!   is listed (list pages link them); a private, moderated or deleted game's thumbnails need a
//!   signed link like any other object (handed out in the game's details to those who may see it),
//!   and without one answer 404, so the game's existence does not leak.
//! - Every other game object (logic.js, metadata.json, assets) only through an expiring link,
//!   `?t=<exp>.<sig>`, handed out by the API to callers allowed to see the game
//!   ([`object_urls`]). With S3 those are S3 presigned URLs and never reach this route; with the
//!   local backend they point here:
//!   - `sig` is HMAC-SHA256 over `aimini-media/v1\n{object key}\n{exp}` (exp in Unix seconds),
//!     base64url without padding, in the one signed-token scheme of [`crate::signed`];
//!   - the HMAC key is derived from the JWT secret (HMAC of the fixed label
//!     `aimini media-link key v1`), so it cannot be confused with an access token or a play link;
//!   - verification is constant-time and checks the expiry; a link names one object, no user.
//!
//! Objects stream from storage (never buffered whole) with their content type, `nosniff`, a
//! sandboxing CSP (an uploaded file opened directly can run nothing) and cache headers that never
//! outlive the link.

use aimini_models::storage::{LinkSigner, ObjectKey};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret as _;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Path, Query};
use crate::signed::{Scheme, Signer};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    // utoipa has no catch-all parameters: the route is registered as `{*path}` and documented as
    // `{path}`.
    let (_, doc, _) = routes!(get_game_object);
    let mut r = OpenApiRouter::new()
        .routes(routes!(get_avatar))
        .route("/media/games/{*path}", axum::routing::get(get_game_object));
    r.get_openapi_mut().paths.merge(doc);
    r
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MediaQuery {
    /// `<exp>.<sig>` from an asset or thumbnail link; not needed for a listed game's thumbnails.
    pub t: Option<String>,
}

/// A thumbnail is re-rendered under the same key (its URL carries `?v=`), so it is cached briefly.
const THUMBNAIL_CACHE: &str = "public, max-age=300";

/// A game object: a listed game's thumbnails are public; anything else needs a signed, unexpired
/// link.
#[utoipa::path(get, path = "/media/games/{path}", tag = "media",
    params(("path" = String, Path, description = "the object key after `games/`, e.g. `{game_id}/u0123456789ab/assets/hero.png`"), MediaQuery),
    responses(
        (status = 200, description = "The object, streamed", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 403, description = "Not a thumbnail, and the link is missing, forged or expired", body = ErrorBody),
        (status = 404, description = "No such object, or the thumbnail of a game that is not listed without a valid link", body = ErrorBody),
    ))]
pub async fn get_game_object(
    State(state): State<AppState>,
    Path(path): Path<String>,
    Query(q): Query<MediaQuery>,
) -> ApiResult<Response> {
    let key =
        ObjectKey::new(format!("games/{path}")).map_err(|_| ApiError::NotFound("no such file"))?;
    let thumbnail_of = thumbnail_game(&path);
    let listed = match thumbnail_of {
        Some(id) => {
            aimini_models::games::find_summary(&state.db, id)
                .await?
                .ok_or(ApiError::NotFound("no such file"))?
                .listed
        }
        None => false,
    };
    let cache = if listed {
        HeaderValue::from_static(THUMBNAIL_CACHE)
    } else if thumbnail_of.is_some() {
        let links = MediaLinks::from_state(&state)?;
        let now = chrono::Utc::now().timestamp();
        let exp =
            q.t.as_deref()
                .and_then(|t| links.verify(&key, t, now))
                .ok_or(ApiError::NotFound("no such file"))?;
        HeaderValue::from_str(&format!("private, max-age={}", exp - now))
            .map_err(|e| ApiError::Internal(e.into()))?
    } else {
        let token = q.t.as_deref().ok_or(ApiError::Forbidden(
            "this file needs a signed link (GET /api/v1/games/{id}/assets)",
        ))?;
        let links = MediaLinks::from_state(&state)?;
        let now = chrono::Utc::now().timestamp();
        let exp = links
            .verify(&key, token, now)
            .ok_or(ApiError::Forbidden("the link is invalid or has expired"))?;
        HeaderValue::from_str(&format!("private, max-age={}", exp - now))
            .map_err(|e| ApiError::Internal(e.into()))?
    };
    let obj = state
        .storage
        .get_stream(&key)
        .await?
        .ok_or(ApiError::NotFound("no such file"))?;
    // Chunk by chunk; after an error the stream ends (the client sees a truncated body).
    let chunks = futures::stream::unfold(Some(obj.body), |body| async move {
        let mut body = body?;
        match body.try_next().await {
            Ok(Some(chunk)) => Some((Ok(chunk), Some(body))),
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(error = %e, "game object stream failed");
                Some((Err(std::io::Error::other(e)), None))
            }
        }
    });
    let body = Body::from_stream(chunks);
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&obj.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Some(len) = obj.content_length {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    h.insert(header::CACHE_CONTROL, cache);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    // The player's frame is an opaque origin: it may embed these, nothing is credentialed.
    h.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("cross-origin"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Ok(resp)
}

/// The game of a `{uuid}/thumbnails/{name}.webp` path.
fn thumbnail_game(path: &str) -> Option<Uuid> {
    let mut parts = path.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(id), Some("thumbnails"), Some(name), None) if name.ends_with(".webp") => {
            Uuid::parse_str(id).ok()
        }
        _ => None,
    }
}

/// Media links: their own key and label in the one signed-token scheme ([`crate::signed`]).
const SCHEME: Scheme = Scheme {
    key_label: b"aimini media-link key v1",
    message_label: "aimini-media/v1",
};

/// Signs and verifies the local backend's links to `/media/games/...`.
pub struct MediaLinks(Signer);

impl MediaLinks {
    /// Keys derived from `jwt_secret` (the `AIMINI_JWT_SECRET` bytes).
    pub fn new(jwt_secret: &[u8]) -> anyhow::Result<Self> {
        Ok(Self(Signer::new(jwt_secret, SCHEME)?))
    }

    pub fn from_state(state: &AppState) -> anyhow::Result<Self> {
        Self::new(state.config.auth.jwt_secret.expose_secret().as_bytes())
    }

    /// The `t` value for `key` valid until `exp` (Unix seconds).
    pub fn token(&self, key: &ObjectKey, exp: i64) -> anyhow::Result<String> {
        self.0.token(&[key.as_str()], exp)
    }

    /// A link to `key` through this API's media route, valid until `exp` (Unix seconds), whatever
    /// the storage backend and even when a CDN is configured.
    pub fn api_link(&self, api_public_url: &url::Url, key: &ObjectKey, exp: i64) -> String {
        format!(
            "{}/media/{}?t={}",
            api_public_url.as_str().trim_end_matches('/'),
            key.as_str(),
            LinkSigner::sign(self, key, exp)
        )
    }

    /// The expiry of `token` if it authorizes `key` at `now` (Unix seconds).
    pub fn verify(&self, key: &ObjectKey, token: &str, now: i64) -> Option<i64> {
        self.0.verify(&[key.as_str()], token, now)
    }
}

impl LinkSigner for MediaLinks {
    fn sign(&self, key: &ObjectKey, exp: i64) -> String {
        // HS256 over bytes cannot fail; an empty token would only make the link refuse.
        self.token(key, exp).unwrap_or_default()
    }
}

/// Expiring links to game objects for a caller allowed to see the game (`GET /games/{id}/assets`):
/// CDN URLs when a CDN is configured, S3 presigned URLs, or signed links to this route. They live
/// `AIMINI_ASSET_URL_TTL_SECS`.
pub async fn object_urls(state: &AppState, keys: &[ObjectKey]) -> ApiResult<Vec<String>> {
    let links = MediaLinks::from_state(state)?;
    let ttl = state.config.catalogue.asset_url_ttl;
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        out.push(
            state
                .storage
                .presign_get(key, ttl, &state.config.public_url, &links)
                .await?,
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_works_for_its_object_until_it_expires() {
        let links = MediaLinks::new(b"0123456789abcdef0123456789abcdef").expect("keys");
        let key = ObjectKey::new("games/g/u0123456789ab/logic.js").expect("key");
        let t = links.token(&key, 1_000).expect("sign");
        assert_eq!(links.verify(&key, &t, 999), Some(1_000));
        assert_eq!(links.verify(&key, &t, 1_000), None, "expired at exp");
        let other = ObjectKey::new("games/g/u0123456789ab/metadata.json").expect("key");
        assert_eq!(links.verify(&other, &t, 999), None, "other object");
        let (_, sig) = t.split_once('.').expect("dot");
        assert_eq!(links.verify(&key, &format!("2000.{sig}"), 999), None);
        assert_eq!(links.verify(&key, &format!("01000.{sig}"), 999), None);
        let play = crate::playlink::PlayLinks::new(b"0123456789abcdef0123456789abcdef")
            .expect("keys")
            .sign(Uuid::nil(), 1_000)
            .expect("sign");
        assert_eq!(links.verify(&key, &play, 999), None, "a play token");
        let other_keys = MediaLinks::new(b"another-secret-another-secret-xx").expect("keys");
        assert_eq!(other_keys.verify(&key, &t, 999), None, "other secret");
        for bad in ["", ".", "1000.", "x.y", "1000", "-5.abc"] {
            assert_eq!(links.verify(&key, bad, 0), None, "{bad:?}");
        }
    }

    #[test]
    fn only_thumbnails_are_public() {
        let id = Uuid::new_v4();
        assert_eq!(
            thumbnail_game(&format!("{id}/thumbnails/small.webp")),
            Some(id)
        );
        assert!(thumbnail_game(&format!("{id}/thumbnails/small.png")).is_none());
        assert!(thumbnail_game(&format!("{id}/u0123456789ab/logic.js")).is_none());
        assert!(thumbnail_game(&format!("{id}/thumbnails/x/small.webp")).is_none());
        assert!(thumbnail_game("x/thumbnails/small.webp").is_none());
    }
}
