//! `/api/v1/games`: the catalogue. Creators upload, edit, version, restore and delete games;
//! players browse, search, play, score, rate and fork them.
//!
//! Who sees what is decided in one place, [`Viewer::can_see`]: a listed game (public, active,
//! approved by the automatic review) is anyone's; anything else only its creator's and staff's
//! (moderators, admins), and a deleted game only staff's. Every refusal to see is a 404, so a private
//! game's existence does not leak.

mod list;
mod manage;
mod social;

use aimini_models::games::GameStatus;
use aimini_models::games::{self, GameRow};
use aimini_models::users::Role;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use crate::auth::extract::{AuthUser, authenticate, bearer_token};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub use list::GameListItem;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(list::router())
        .merge(manage::router(upload_max_bytes))
        .merge(social::router())
}

/// The caller, signed in or not. A token that is present but invalid is still a 401: a client
/// whose session ended should learn so rather than silently see the anonymous view.
#[derive(Debug, Clone)]
pub struct Viewer(pub Option<AuthUser>);

impl FromRequestParts<AppState> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(found) = parts.extensions.get::<AuthUser>() {
            return Ok(Self(Some(found.clone())));
        }
        match bearer_token(parts) {
            None => Ok(Self(None)),
            Some(token) => {
                let auth = authenticate(state, token).await?;
                parts.extensions.insert(auth.clone());
                Ok(Self(Some(auth)))
            }
        }
    }
}

impl Viewer {
    pub fn id(&self) -> Option<Uuid> {
        self.0.as_ref().map(|a| a.user.id)
    }

    pub fn role(&self) -> Option<Role> {
        self.0.as_ref().map(|a| a.user.role)
    }

    /// Moderators and admins.
    pub fn is_staff(&self) -> bool {
        self.role().is_some_and(|r| r >= Role::Moderator)
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    pub fn owns(&self, creator_id: Uuid) -> bool {
        self.id() == Some(creator_id)
    }

    pub fn can_see(&self, g: &GameRow) -> bool {
        if g.status == GameStatus::Deleted {
            return self.is_staff();
        }
        g.listed || self.owns(g.creator_id) || self.is_staff()
    }

    /// Creators edit their games; admins may edit any (moderators act through moderation).
    pub fn can_edit(&self, g: &GameRow) -> bool {
        g.status != GameStatus::Deleted && (self.owns(g.creator_id) || self.is_admin())
    }
}

/// A body that may be absent (no body, only whitespace, or JSON `null` mean the defaults): fork
/// works as a bare POST (it needs a bearer token, so no other site can send it for a visitor), and a body that is there must be exactly the schema (422
/// otherwise, as for a NUL character anywhere in it).
pub(crate) fn optional_json<T: DeserializeOwned + Default>(body: &[u8]) -> ApiResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    crate::extract::refuse_json_nul(body)?;
    serde_json::from_slice::<Option<T>>(body)
        .map(Option::unwrap_or_default)
        .map_err(|e| ApiError::Http {
            status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid_body",
            message: e.to_string(),
        })
}

pub(crate) fn no_such_game() -> ApiError {
    ApiError::NotFound("no such game")
}

/// Loads a game the caller may see, or 404.
pub(crate) async fn visible_game(
    state: &AppState,
    viewer: &Viewer,
    id: Uuid,
) -> ApiResult<GameRow> {
    let g = games::find(&state.db, id).await?.ok_or_else(no_such_game)?;
    if !viewer.can_see(&g) {
        return Err(no_such_game());
    }
    Ok(g)
}

/// Loads a game the caller may edit: 404 when they cannot even see it, 403 when they can see but
/// not edit it.
pub(crate) async fn editable_game(
    state: &AppState,
    viewer: &Viewer,
    id: Uuid,
) -> ApiResult<GameRow> {
    let g = visible_game(state, viewer, id).await?;
    if !viewer.can_edit(&g) {
        return Err(ApiError::Forbidden(
            "only the game's creator or an admin may change it",
        ));
    }
    Ok(g)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThumbnailOut {
    /// 320x180 WebP.
    pub small: String,
    /// 1280x720 WebP.
    pub large: String,
}

/// Thumbnail links as a viewer may get them. A listed game's thumbnails are public (list pages
/// show them; a CDN may serve them). Any other game's (private, under moderation, deleted) are
/// served only through expiring signed links to the API's media route, and only the handlers that
/// have established the viewer may see the game hand those out; the bare URL answers 404.
pub(crate) struct ThumbnailLinks {
    links: crate::routes::media::MediaLinks,
    origin: String,
    exp: i64,
}

impl ThumbnailLinks {
    pub fn new(state: &AppState) -> ApiResult<Self> {
        let ttl = i64::try_from(state.config.catalogue.asset_url_ttl.as_secs())
            .unwrap_or(3600)
            .max(1);
        // Rounded to a window, so a link (and a details ETag) stays the same for a while: valid for
        // between one and two TTLs.
        Ok(Self {
            links: crate::routes::media::MediaLinks::from_state(state)?,
            origin: state
                .config
                .public_url
                .as_str()
                .trim_end_matches('/')
                .to_owned(),
            exp: (Utc::now().timestamp() / ttl + 2) * ttl,
        })
    }

    /// `small_url` is the stored `thumbnail_url` (it carries the render's `?v=`).
    pub fn thumbnail(
        &self,
        game_id: Uuid,
        small_url: Option<&str>,
        listed: bool,
    ) -> Option<ThumbnailOut> {
        use aimini_models::storage::LinkSigner as _;
        let small_url = small_url?;
        if listed {
            return ThumbnailOut::from_url(Some(small_url));
        }
        let version = small_url
            .split_once("?v=")
            .map(|(_, v)| format!("v={v}&"))
            .unwrap_or_default();
        let link = |name: &str| {
            let key = aimini_models::storage::ObjectKey::new(format!(
                "games/{game_id}/thumbnails/{name}"
            ))
            .ok()?;
            let token = self.links.sign(&key, self.exp);
            Some(format!(
                "{}/media/{}?{version}t={token}",
                self.origin,
                key.as_str()
            ))
        };
        Some(ThumbnailOut {
            small: link("small.webp")?,
            large: link("large.webp")?,
        })
    }
}

impl ThumbnailOut {
    pub fn from_url(small: Option<&str>) -> Option<Self> {
        let small = small?;
        Some(Self {
            small: small.to_owned(),
            large: small.replacen("/thumbnails/small.webp", "/thumbnails/large.webp", 1),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RatingOut {
    /// 0.00-5.00, two decimals; 0 when unrated.
    pub average: f64,
    pub count: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ListingOut {
    pub id: Uuid,
    /// Decimal string, e.g. "4.99".
    pub price: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AncestorOut {
    /// `null` when the ancestor is not visible to the caller (private, removed).
    pub id: Option<Uuid>,
    pub title: Option<String>,
    /// Always shown: forks credit the original creators.
    pub creator_username: String,
    pub depth: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionBriefOut {
    pub version: i32,
    /// validating, ready or failed.
    pub state: String,
    pub error_message: Option<String>,
}

/// A game's details.
#[derive(Debug, Serialize, ToSchema)]
pub struct GameOut {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
    pub creator: CreatorOut,
    pub thumbnail: Option<ThumbnailOut>,
    /// The sandboxed player page.
    pub play_url: String,
    pub is_public: bool,
    pub is_featured: bool,
    /// pending (first version validating), active, moderated, deleted.
    pub status: String,
    /// The automatic review of the live content: pending, approved, rejected.
    pub review: String,
    /// Whether anyone can find and play it (public, active, approved).
    pub listed: bool,
    pub play_count: i32,
    pub rating: RatingOut,
    pub fork_count: i32,
    pub forked_from: Option<Uuid>,
    /// Fork ancestors, nearest first (at most 10).
    pub lineage: Vec<AncestorOut>,
    /// The live version.
    pub version: i32,
    /// The newest version when it is not the live one (still validating, or failed); creator and
    /// staff only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_version: Option<VersionBriefOut>,
    /// Set when the game is for sale.
    pub listing: Option<ListingOut>,
    /// The caller's own stars, when signed in and rated.
    pub my_rating: Option<i16>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Builds the details of a game the viewer may see.
pub(crate) async fn game_out(state: &AppState, viewer: &Viewer, g: GameRow) -> ApiResult<GameOut> {
    let ancestors = if g.forked_from.is_some() {
        games::lineage(&state.db, g.id, 10).await?
    } else {
        Vec::new()
    };
    let lineage = ancestors
        .into_iter()
        .map(|a| {
            let visible = a.status != GameStatus::Deleted
                && (a.listed || viewer.owns(a.creator_id) || viewer.is_staff());
            AncestorOut {
                id: visible.then_some(a.id),
                title: visible.then_some(a.title),
                creator_username: a.creator_username,
                depth: a.depth,
            }
        })
        .collect();
    let insider = viewer.owns(g.creator_id) || viewer.is_staff();
    let pending_version = if insider {
        match aimini_models::versions::latest(&state.db, g.id).await? {
            Some(n) if n > g.version || g.status == GameStatus::Pending => {
                aimini_models::versions::get(&state.db, g.id, n)
                    .await?
                    .filter(|v| v.state != "ready" || n > g.version)
                    .map(|v| VersionBriefOut {
                        version: v.version,
                        state: v.state,
                        error_message: v.error_message,
                    })
            }
            _ => None,
        }
    } else {
        None
    };
    let my_rating = match viewer.id() {
        Some(uid) => games::my_rating(&state.db, g.id, uid).await?,
        None => None,
    };
    let origin = state.config.public_url.as_str().trim_end_matches('/');
    Ok(GameOut {
        play_url: format!("{origin}/play/{}", g.id),
        thumbnail: ThumbnailLinks::new(state)?.thumbnail(
            g.id,
            g.thumbnail_url.as_deref(),
            g.listed,
        ),
        creator: CreatorOut {
            id: g.creator_id,
            username: g.creator_username,
            display_name: g.creator_display_name,
            avatar_url: g.creator_avatar_url,
        },
        listing: match (g.listing_id, g.listing_price) {
            (Some(id), Some(price)) => Some(ListingOut { id, price }),
            _ => None,
        },
        id: g.id,
        title: g.title,
        description: g.description,
        category: g.category,
        difficulty: g.difficulty,
        tags: g.tags,
        is_public: g.is_public,
        is_featured: g.is_featured,
        status: g.status.as_str().to_owned(),
        review: g.review,
        listed: g.listed,
        play_count: g.play_count,
        rating: RatingOut {
            average: g.rating,
            count: g.rating_count,
        },
        fork_count: g.fork_count,
        forked_from: g.forked_from,
        lineage,
        version: g.version,
        pending_version,
        my_rating,
        created_at: g.created_at,
        updated_at: g.updated_at,
    })
}

/// A weak validator of the details exactly as this caller would receive them: the hash of the
/// body. Computing it costs the queries but spares the transfer, and it can never be stale
/// (lineage, pending versions and the caller's own rating are all inside).
pub(crate) fn etag_of(body: &[u8]) -> String {
    format!("W/\"{}\"", hex::encode(&Sha256::digest(body)[..12]))
}
