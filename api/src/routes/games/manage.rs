//! Details, upload, edit, delete, feature, fork and versions.
//!
//! Uploads and code edits answer 202: the package is stored and its version is `validating` until
//! the worker's smoke test passes (`ValidateGameJob`); the live version stays live meanwhile, so an
//! edit that breaks the game never reaches players. Storage writes happen before the transaction
//! (objects are immutable, under fresh prefixes) and are removed again if it fails; jobs are pushed
//! after commit, and the worker's reconciler re-pushes any that are lost.

use aimini_models::games::GameStatus;
use aimini_models::games::{self, MetaUpdate, NewGame};
use aimini_models::package::{ForkedFrom, PrefixTag};
use aimini_models::storage::ObjectKey;
use aimini_models::versions::{self, NewVersion, Source, State as VState, VersionRow};
use aimini_models::{catalogue, marketplace};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{GameOut, Viewer, editable_game, etag_of, game_out, no_such_game, visible_game};
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Json, Path};
use crate::package::{self, Budget, Mode};
use crate::ratelimit;
use crate::state::AppState;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    // Uploads have their own size limit (enforced while streaming); the upload budget is charged
    // in the handler once the caller is known, so an anonymous upload is a 401, never a 429.
    let uploads = OpenApiRouter::new().routes(routes!(create_game)).layer(
        axum::extract::DefaultBodyLimit::max(upload_max_bytes + 64 * 1024),
    );
    let edits = OpenApiRouter::new()
        .routes(routes!(get_game, update_game, delete_game))
        .layer(axum::extract::DefaultBodyLimit::max(
            upload_max_bytes + 64 * 1024,
        ));
    OpenApiRouter::new()
        .merge(uploads)
        .merge(edits)
        .routes(routes!(fork_game))
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
        .routes(routes!(restore_version))
        .routes(routes!(feature_game))
        .routes(routes!(get_assets))
}

async fn details(state: &AppState, viewer: &Viewer, id: Uuid) -> ApiResult<GameOut> {
    let g = games::find(&state.db, id).await?.ok_or_else(no_such_game)?;
    game_out(state, viewer, g).await
}

async fn bump(state: &AppState) {
    catalogue::bump(&mut state.redis.clone(), &state.config.redis.key_prefix).await;
}

async fn enqueue_review(state: &AppState, moderation: Option<Uuid>, thumbnail_of: Option<Uuid>) {
    if let Some(m) = moderation
        && let Err(e) = state.queues.enqueue_moderation(&[m]).await
    {
        tracing::warn!(error = %e, "moderation enqueue failed; the reconciler will push it");
    }
    if let Some(g) = thumbnail_of
        && let Err(e) = state.queues.enqueue_thumbnail(&[g]).await
    {
        tracing::warn!(error = %e, "thumbnail enqueue failed");
    }
}

async fn enqueue_validation(state: &AppState, game_id: Uuid, version: i32) {
    if let Err(e) = state.queues.enqueue_validation(&[(game_id, version)]).await {
        tracing::warn!(%game_id, version, error = %e, "validation enqueue failed; the reconciler will push it");
    }
}

async fn upload_budget(state: &AppState, viewer: &Viewer) -> ApiResult<()> {
    let Some(uid) = viewer.id() else {
        return Ok(());
    };
    let rate = state.config.rate_limits.game_upload;
    ratelimit::charge(
        state,
        ratelimit::Group::GameUpload,
        &format!("u:{uid}"),
        rate,
    )
    .await
}

/// A game's details. Conditional requests (`If-None-Match`) get 304 when nothing changed.
#[utoipa::path(get, path = "/games/{id}", tag = "games", params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = GameOut, headers(("etag" = String))),
        (status = 304, description = "Not modified"),
        (status = 404, body = ErrorBody),
    ))]
pub async fn get_game(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let g = visible_game(&state, &viewer, id).await?;
    let out = game_out(&state, &viewer, g).await?;
    let body = serde_json::to_vec(&out).map_err(anyhow::Error::from)?;
    let tag = etag_of(&body);
    let cached = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut resp = if cached {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Bytes::from(body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    // Per-caller content: shared caches must not keep it; browsers revalidate with the ETag.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    h.insert(header::VARY, HeaderValue::from_static("authorization"));
    Ok(resp)
}

/// Uploads a game: a JSON body with `logic`, or multipart with a `metadata` part and a `package`
/// zip (logic.js and assets/, at most 10 MB). It is checked at once (schema, names, sizes, blocked
/// APIs), then smoke-tested by a worker and reviewed before it is listed.
#[utoipa::path(post, path = "/games", tag = "games", security(("bearer" = [])),
    request_body(content(
        (crate::package::JsonBody = "application/json"),
        (crate::package::UploadForm = "multipart/form-data"),
    ), description = "The game as JSON (with `logic`) or as a zip in a multipart form"),
    responses(
        (status = 202, description = "Stored; version 1 is validating", body = GameOut),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody),
    ))]
pub async fn create_game(
    State(state): State<AppState>,
    viewer: Viewer,
    req: Request,
) -> ApiResult<(StatusCode, Json<GameOut>)> {
    let uid = viewer
        .id()
        .ok_or(ApiError::Unauthorized("sign in to upload games"))?;
    upload_budget(&state, &viewer).await?;
    // Charged just above, once the caller is known.
    let input = package::read_input(&state, req, Mode::Create, &mut Budget::none()).await?;
    let meta = input.meta;
    let (Some(title), Some(category), Some(pkg)) = (
        meta.title.as_deref(),
        meta.category.as_deref(),
        input.package,
    ) else {
        return Err(ApiError::bad_request(
            "invalid_package",
            "a game needs a title, a category and its code",
        ));
    };
    let game_id = Uuid::new_v4();
    let (game_data, keys) = pkg.store(&state.storage, game_id, None).await?;
    let tags = meta.tags.clone().unwrap_or_default();
    let inserted = games::insert(
        &state.db,
        NewGame {
            id: game_id,
            creator_id: uid,
            title,
            description: meta.description.as_deref(),
            category,
            difficulty: meta.difficulty.as_deref().unwrap_or("medium"),
            game_data: &game_data,
            tags: &tags,
            is_public: meta.is_public.unwrap_or(true),
            status: GameStatus::Pending,
            forked_from: None,
            source: Source::Upload,
            state: VState::Validating,
        },
    )
    .await;
    if let Err(e) = inserted {
        state.storage.delete_orphans(&keys).await;
        return Err(e.into());
    }
    enqueue_validation(&state, game_id, 1).await;
    tracing::info!(%game_id, files = keys.len(), "game uploaded");
    Ok((
        StatusCode::ACCEPTED,
        Json(details(&state, &viewer, game_id).await?),
    ))
}

/// Edits a game. Metadata changes apply at once (changed texts go back to review); new code or
/// assets make a new version that goes live once it passes validation (answered with 202).
#[utoipa::path(put, path = "/games/{id}", tag = "games", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content(
        (crate::package::JsonBody = "application/json"),
        (crate::package::UploadForm = "multipart/form-data"),
    ), description = "As for POST /games; every field optional"),
    responses(
        (status = 200, body = GameOut), (status = 202, description = "A new version is validating", body = GameOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, description = "New code over the upload budget (`AIMINI_RATE_LIMIT_GAME_UPLOAD`): refused before it was unpacked or checked", body = ErrorBody),
    ))]
pub async fn update_game(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
    req: Request,
) -> ApiResult<(StatusCode, Json<GameOut>)> {
    if viewer.id().is_none() {
        return Err(ApiError::Unauthorized("sign in to edit games"));
    }
    let g = editable_game(&state, &viewer, id).await?;
    // New code costs a validation run like an upload does: the same budget (the bucket POST /games
    // fills for this user), charged before the package is written to disk, unpacked or checked.
    let mut budget = Budget::new(upload_budget(&state, &viewer));
    let input = package::read_input(&state, req, Mode::Update, &mut budget).await?;
    if input.package.is_some() {
        // A new version without new code (changed params) still costs a validation run.
        budget.charge().await?;
    }
    let m = &input.meta;
    let meta_changed = m.title.is_some()
        || m.description.is_some()
        || m.category.is_some()
        || m.difficulty.is_some()
        || m.tags.is_some()
        || m.is_public.is_some();
    if !meta_changed && input.package.is_none() {
        return Err(ApiError::bad_request(
            "nothing_to_change",
            "the request changes nothing",
        ));
    }
    let stored = match input.package {
        Some(pkg) => Some(pkg.store(&state.storage, id, Some(&g.game_data.0)).await?),
        None => None,
    };
    let result: Result<(Option<Uuid>, Option<i32>), ApiError> = async {
        let mut tx = state.db.begin().await?;
        let locked = versions::lock_game(&mut tx, id)
            .await?
            .ok_or_else(no_such_game)?;
        if locked.status == GameStatus::Deleted {
            return Err(no_such_game());
        }
        let review = if meta_changed {
            games::update_meta(
                &mut tx,
                id,
                &MetaUpdate {
                    title: m.title.as_deref(),
                    description: m.description.as_deref(),
                    category: m.category.as_deref(),
                    difficulty: m.difficulty.as_deref(),
                    tags: m.tags.as_deref(),
                    is_public: m.is_public,
                },
            )
            .await?
        } else {
            None
        };
        let version = match &stored {
            Some((game_data, _)) => Some(
                versions::add(
                    &mut tx,
                    NewVersion {
                        game_id: id,
                        source: Source::Edit,
                        state: VState::Validating,
                        game_data,
                        created_by: viewer.id(),
                        restored_from: None,
                    },
                )
                .await?,
            ),
            None => None,
        };
        tx.commit().await?;
        Ok((review, version))
    }
    .await;
    let (review, version) = match result {
        Ok(r) => r,
        Err(e) => {
            if let Some((_, keys)) = &stored {
                state.storage.delete_orphans(keys).await;
            }
            return Err(e);
        }
    };
    enqueue_review(&state, review, None).await;
    if let Some(v) = version {
        enqueue_validation(&state, id, v).await;
    }
    if meta_changed {
        bump(&state).await;
    }
    let status = if version.is_some() {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(details(&state, &viewer, id).await?)))
}

/// Deletes a game: hidden everywhere at once; its objects are kept for the retention period.
#[utoipa::path(delete, path = "/games/{id}", tag = "games", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_game(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
) -> ApiResult<StatusCode> {
    if viewer.id().is_none() {
        return Err(ApiError::Unauthorized("sign in to delete games"));
    }
    editable_game(&state, &viewer, id).await?;
    if !games::soft_delete(&state.db, id).await? {
        return Err(no_such_game());
    }
    bump(&state).await;
    tracing::info!(game_id = %id, "game deleted");
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatureIn {
    pub featured: bool,
}

/// Features or un-features a game (admins).
#[utoipa::path(post, path = "/admin/games/{id}/feature", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = FeatureIn,
    responses((status = 200, body = GameOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn feature_game(
    State(state): State<AppState>,
    admin: AdminUser,
    Path(id): Path<Uuid>,
    Json(input): Json<FeatureIn>,
) -> ApiResult<Json<GameOut>> {
    if !games::set_featured(&state.db, id, input.featured).await? {
        return Err(no_such_game());
    }
    bump(&state).await;
    let viewer = Viewer(Some(admin.0));
    Ok(Json(details(&state, &viewer, id).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForkIn {
    /// Defaults to the original's title; 1-200 characters once trimmed.
    #[schema(min_length = 1, max_length = 200)]
    pub title: Option<String>,
    /// Defaults to false: a remix starts private.
    pub is_public: Option<bool>,
}

/// Forks (remixes) a game: a copy owned by the caller, crediting the original.
#[utoipa::path(post, path = "/games/{id}/fork", tag = "games", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body(content = Option<ForkIn>, description = "Optional"),
    responses(
        (status = 201, body = GameOut), (status = 401, body = ErrorBody),
        (status = 402, description = "A paid game you have not bought", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, description = "Over the upload budget (`AIMINI_RATE_LIMIT_GAME_UPLOAD`): nothing was copied", body = ErrorBody),
    ))]
pub async fn fork_game(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<GameOut>)> {
    let uid = viewer
        .id()
        .ok_or(ApiError::Unauthorized("sign in to fork games"))?;
    let input: ForkIn = super::optional_json(&body)?;
    let title = input.title.as_deref().map(str::trim);
    if title.is_some_and(|t| t.is_empty() || t.chars().count() > 200) {
        return Err(ApiError::field("title", "must be 1 to 200 characters"));
    }
    let g = visible_game(&state, &viewer, id).await?;
    // Staff may see private games, but a copy of one is its creator's call alone.
    if !(g.listed || viewer.owns(g.creator_id)) {
        return Err(ApiError::Forbidden(
            "only the creator may fork a game that is not public",
        ));
    }
    if g.status != GameStatus::Active {
        return Err(ApiError::Conflict {
            code: "not_forkable",
            field: None,
            message: format!("the game is {} and cannot be forked", g.status),
        });
    }
    if !marketplace::may_copy(&state.db, id, Some(uid)).await? {
        return Err(ApiError::Http {
            status: StatusCode::PAYMENT_REQUIRED,
            code: "purchase_required",
            message: "buy this game before forking it".into(),
        });
    }
    // A fork copies every object of the game: the upload budget pays for it, before anything is
    // copied.
    upload_budget(&state, &viewer).await?;
    let new_id = Uuid::new_v4();
    // A fork owns its objects (the original's owner may delete theirs): every file is copied
    // under a fresh prefix of the new game.
    let prefix = aimini_models::package::fresh_prefix(new_id, PrefixTag::Fork);
    let mut game_data = g.game_data.0.clone();
    let mut copied = Vec::new();
    for (name, entry) in &mut game_data.files {
        let from = entry
            .object_key()
            .ok_or_else(|| anyhow::anyhow!("game {id}: file {name} has no valid key"))?;
        let to = ObjectKey::new(format!("{prefix}/{name}"))?;
        if let Err(e) = state.storage.copy(&from, &to).await {
            state.storage.delete_orphans(&copied).await;
            return Err(e.into());
        }
        entry.key = to.as_str().to_owned();
        copied.push(to);
    }
    game_data.forked_from = Some(ForkedFrom {
        game_id: id,
        version: g.version,
    });
    let result: Result<Uuid, ApiError> = async {
        let mut tx = state.db.begin().await?;
        games::insert(
            &mut *tx,
            NewGame {
                id: new_id,
                creator_id: uid,
                title: title.unwrap_or(&g.title),
                description: g.description.as_deref(),
                category: &g.category,
                difficulty: &g.difficulty,
                game_data: &game_data,
                tags: &g.tags,
                is_public: input.is_public.unwrap_or(false),
                status: GameStatus::Active,
                forked_from: Some(id),
                source: Source::Fork,
                state: VState::Ready,
            },
        )
        .await?;
        games::add_fork(&mut *tx, id).await?;
        let review = aimini_models::moderation::insert_pending_for_game(&mut *tx, new_id).await?;
        tx.commit().await?;
        Ok(review)
    }
    .await;
    let review = match result {
        Ok(r) => r,
        Err(e) => {
            state.storage.delete_orphans(&copied).await;
            return Err(e);
        }
    };
    enqueue_review(&state, Some(review), Some(new_id)).await;
    tracing::info!(game_id = %new_id, forked_from = %id, "game forked");
    Ok((
        StatusCode::CREATED,
        Json(details(&state, &viewer, new_id).await?),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionFileOut {
    pub name: String,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub content_type: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    pub version: i32,
    /// generation, regeneration, upload, edit, restore, fork.
    pub source: String,
    /// validating, ready, failed.
    pub state: String,
    /// Whether this is the version players get.
    pub live: bool,
    pub restored_from: Option<i32>,
    pub error_message: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub validated_at: Option<DateTime<Utc>>,
    /// In the details only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<VersionFileOut>>,
}

fn version_out(v: VersionRow, live: i32, with_files: bool) -> VersionOut {
    let files = with_files.then(|| {
        v.game_data
            .files
            .iter()
            .map(|(name, f)| VersionFileOut {
                name: name.clone(),
                bytes: f.bytes,
                sha256: f.sha256.clone(),
                content_type: Some(f.content_type_or_derived(name)),
            })
            .collect()
    });
    VersionOut {
        live: v.version == live && v.state == "ready",
        version: v.version,
        source: v.source,
        state: v.state,
        restored_from: v.restored_from,
        error_message: v.error_message,
        created_by: v.created_by,
        created_at: v.created_at,
        validated_at: v.validated_at,
        files,
    }
}

/// Versions are the creator's working history: visible to the creator and staff.
async fn history_game(state: &AppState, viewer: &Viewer, id: Uuid) -> ApiResult<games::GameRow> {
    if viewer.id().is_none() {
        return Err(ApiError::Unauthorized("sign in to see versions"));
    }
    let g = visible_game(state, viewer, id).await?;
    if !(viewer.owns(g.creator_id) || viewer.is_staff()) {
        return Err(ApiError::Forbidden(
            "only the game's creator and staff see its versions",
        ));
    }
    Ok(g)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionsOut {
    pub live: i32,
    pub items: Vec<VersionOut>,
}

/// Every version of a game, newest first.
#[utoipa::path(get, path = "/games/{id}/versions", tag = "games", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = VersionsOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_versions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<VersionsOut>> {
    let g = history_game(&state, &viewer, id).await?;
    let items = versions::list(&state.db, id).await?;
    Ok(Json(VersionsOut {
        live: g.version,
        items: items
            .into_iter()
            .map(|v| version_out(v, g.version, false))
            .collect(),
    }))
}

/// One version with its files.
#[utoipa::path(get, path = "/games/{id}/versions/{n}", tag = "games", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("n" = i32, Path, minimum = 1)),
    responses((status = 200, body = VersionOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_version(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, n)): Path<(Uuid, i32)>,
) -> ApiResult<Json<VersionOut>> {
    let g = history_game(&state, &viewer, id).await?;
    let v = versions::get(&state.db, id, n)
        .await?
        .ok_or(ApiError::NotFound("no such version"))?;
    Ok(Json(version_out(v, g.version, true)))
}

/// Makes an earlier version live again, as a new version (history is never rewritten).
#[utoipa::path(post, path = "/games/{id}/versions/{n}/restore", tag = "games", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("n" = i32, Path, minimum = 1)),
    responses(
        (status = 201, body = VersionOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "Not ready, or already live", body = ErrorBody),
    ))]
pub async fn restore_version(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, n)): Path<(Uuid, i32)>,
) -> ApiResult<(StatusCode, Json<VersionOut>)> {
    if viewer.id().is_none() {
        return Err(ApiError::Unauthorized("sign in to restore versions"));
    }
    editable_game(&state, &viewer, id).await?;
    let mut tx = state.db.begin().await?;
    let locked = versions::lock_game(&mut tx, id)
        .await?
        .ok_or_else(no_such_game)?;
    if locked.status == GameStatus::Deleted {
        return Err(no_such_game());
    }
    let old = versions::get(&mut *tx, id, n)
        .await?
        .ok_or(ApiError::NotFound("no such version"))?;
    if old.state != "ready" {
        return Err(ApiError::Conflict {
            code: "version_not_ready",
            field: None,
            message: format!("version {n} is {} and cannot be restored", old.state),
        });
    }
    if locked.version == n {
        return Err(ApiError::Conflict {
            code: "already_live",
            field: None,
            message: format!("version {n} is already live"),
        });
    }
    let new = versions::add(
        &mut tx,
        NewVersion {
            game_id: id,
            source: Source::Restore,
            state: VState::Ready,
            game_data: &old.game_data.0,
            created_by: viewer.id(),
            restored_from: Some(n),
        },
    )
    .await?;
    let review = versions::promote(&mut tx, id, new).await?;
    tx.commit().await?;
    enqueue_review(&state, Some(review), Some(id)).await;
    bump(&state).await;
    let v = versions::get(&state.db, id, new)
        .await?
        .ok_or_else(|| anyhow::anyhow!("version {new} vanished"))?;
    Ok((StatusCode::CREATED, Json(version_out(v, new, true))))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssetOut {
    /// The file's name in the package (`logic.js`, `assets/hero.png`, ...).
    pub name: String,
    /// A CDN URL, an S3 presigned URL or an API-signed link, valid until `expires_at`.
    pub url: String,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub content_type: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssetsOut {
    pub version: i32,
    pub expires_at: DateTime<Utc>,
    pub files: Vec<AssetOut>,
}

/// Expiring download links for every file of the live version. A game for sale needs buying first
/// (its creator and staff excepted). With a CDN configured (`AIMINI_STORAGE_PUBLIC_BASE_URL`), a
/// free listed game's links are plain CDN URLs; a paid or unlisted game's are always expiring signed
/// links (`/media/games/...?t=`, or S3 presigned URLs without a CDN).
#[utoipa::path(get, path = "/games/{id}/assets", tag = "games", params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = AssetsOut), (status = 402, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
pub async fn get_assets(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<AssetsOut>> {
    let g = visible_game(&state, &viewer, id).await?;
    if !viewer.is_staff() && !marketplace::may_copy(&state.db, id, viewer.id()).await? {
        return Err(ApiError::Http {
            status: StatusCode::PAYMENT_REQUIRED,
            code: "purchase_required",
            message: "buy this game to download its files".into(),
        });
    }
    let ttl = state.config.catalogue.asset_url_ttl;
    let signer = crate::routes::media::MediaLinks::from_state(&state)?;
    // A CDN link is unsigned and permanent, so it is only for a free, listed game (whose files
    // anyone may fetch anyway). A paid or unlisted game's files go through expiring signed links
    // to the API's media route instead, whatever the storage behind it.
    let via_api =
        state.config.storage.public_base_url.is_some() && (!g.listed || g.listing_id.is_some());
    let exp = Utc::now().timestamp() + i64::try_from(ttl.as_secs()).unwrap_or(900);
    let mut files = Vec::new();
    for (name, f) in &g.game_data.files {
        let Some(key) = f.object_key() else {
            continue;
        };
        let url = if via_api {
            signer.api_link(&state.config.public_url, &key, exp)
        } else {
            state
                .storage
                .presign_get(&key, ttl, &state.config.public_url, &signer)
                .await?
        };
        files.push(AssetOut {
            name: name.clone(),
            url,
            bytes: f.bytes,
            sha256: f.sha256.clone(),
            content_type: Some(f.content_type_or_derived(name)),
        });
    }
    let expires_at = Utc::now() + chrono::Duration::from_std(ttl).unwrap_or_default();
    Ok(Json(AssetsOut {
        version: g.version,
        expires_at,
        files,
    }))
}
