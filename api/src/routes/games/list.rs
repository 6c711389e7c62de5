//! `GET /games`: browse and search, with keyset pagination and a Redis page cache.
//!
//! Only public lists (what anyone sees) are cached; they carry nothing per caller, so one entry
//! serves everyone. The key holds the catalogue generation (models::catalogue), which every change
//! of what lists show bumps, so such a change is visible on the next request; counters (plays,
//! ratings) may lag by the cache TTL. Generation and page come back in one round trip (a script).

use std::sync::LazyLock;

use aimini_models::catalogue::{self, Cursor, Filters, ListRow, Sort, Visibility};
use aimini_models::games;
use aimini_models::games::GameStatus;
use aimini_models::pagination::decode_cursor;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{RatingOut, ThumbnailLinks, ThumbnailOut, Viewer};
use crate::error::{ApiError, ApiResult, ErrorBody, Validator};
use crate::extract::Query;
use crate::pagination::Page;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_games))
}

pub const CATEGORIES: [&str; 10] = [
    "puzzle", "action", "strategy", "word", "math", "memory", "quiz", "reaction", "arcade", "board",
];
pub const DIFFICULTIES: [&str; 3] = ["easy", "medium", "hard"];
const MAX_Q_CHARS: usize = 200;
const MAX_TAGS: usize = 10;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Full-text search over title, tags and description. When no game has the words, a relevance
    /// search falls back to titles similar to `q` (typos).
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[param(pattern = "^(puzzle|action|strategy|word|math|memory|quiz|reaction|arcade|board)$")]
    pub category: Option<String>,
    #[param(pattern = "^(easy|medium|hard)$")]
    pub difficulty: Option<String>,
    /// Comma-separated tags (1-10, each 1-30 characters of a-z, A-Z, 0-9 and `-`, as game tags
    /// are; matched case-insensitively).
    #[param(pattern = "^[A-Za-z0-9-]{1,30}(,[A-Za-z0-9-]{1,30}){0,9}$")]
    pub tags: Option<String>,
    /// `any` (default) or `all` of `tags`.
    #[param(pattern = "^(any|all)$")]
    pub tags_mode: Option<String>,
    /// A creator's id or username. Your own id (or `me`) also lists your private games.
    pub creator: Option<String>,
    pub featured: Option<bool>,
    /// 0-5.
    #[param(minimum = 0, maximum = 5)]
    pub min_rating: Option<f64>,
    /// new (default), popular, top, trending, relevance (default with `q`, and only with `q`).
    #[param(pattern = "^(new|popular|top|trending|relevance)$")]
    pub sort: Option<String>,
    /// `all`: every non-deleted game (moderators and admins only).
    #[param(pattern = "^(listed|all)$")]
    pub visibility: Option<String>,
    /// 1-100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// Opaque cursor from the previous page's `next_cursor`; empty means the first page.
    #[serde(default, deserialize_with = "crate::pagination::empty_as_none")]
    pub cursor: Option<String>,
}

/// What a list view needs (never the package).
#[derive(Debug, Serialize, ToSchema)]
pub struct GameListItem {
    pub id: Uuid,
    pub title: String,
    /// The first 280 characters.
    pub description: Option<String>,
    pub category: String,
    pub difficulty: String,
    pub tags: Vec<String>,
    pub thumbnail: Option<ThumbnailOut>,
    pub creator: CreatorBriefOut,
    pub play_count: i32,
    pub rating: RatingOut,
    pub fork_count: i32,
    pub is_featured: bool,
    /// Decimal string when the game is for sale.
    pub price: Option<String>,
    /// Present in your own and staff lists: is_public, status and review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<ItemVisibility>,
    pub created_at: DateTime<Utc>,
}

/// The creator as a list shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorBriefOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
}
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemVisibility {
    pub is_public: bool,
    pub status: String,
    pub review: String,
}

fn item(r: ListRow, insider: bool, thumbs: &ThumbnailLinks) -> GameListItem {
    let listed = r.is_public && r.status == GameStatus::Active && r.review == "approved";
    let thumb = thumbs.thumbnail(r.id, r.thumbnail_url.as_deref(), listed);
    GameListItem {
        id: r.id,
        title: r.title,
        description: r.description,
        category: r.category,
        difficulty: r.difficulty,
        tags: r.tags,
        thumbnail: thumb,
        creator: CreatorBriefOut {
            id: r.creator_id,
            username: r.creator_username,
            display_name: r.creator_display_name,
        },
        play_count: r.play_count,
        rating: RatingOut {
            average: r.rating,
            count: r.rating_count,
        },
        fork_count: r.fork_count,
        is_featured: r.is_featured,
        price: r.price,
        visibility: insider.then_some(ItemVisibility {
            is_public: r.is_public,
            status: r.status.as_str().to_owned(),
            review: r.review,
        }),
        created_at: r.created_at,
    }
}

fn parse_sort(s: Option<&str>, has_q: bool) -> Result<Sort, &'static str> {
    Ok(match s {
        None if has_q => Sort::Relevance,
        None | Some("new") => Sort::New,
        Some("popular") => Sort::Popular,
        Some("top") => Sort::Top,
        Some("trending") => Sort::Trending,
        Some("relevance") if has_q => Sort::Relevance,
        Some("relevance") => return Err("relevance needs a search query (q)"),
        Some(_) => return Err("must be one of new, popular, top, trending, relevance"),
    })
}

fn parse_tags(raw: &str) -> Result<Vec<String>, String> {
    // Exactly the documented pattern: what a stored tag can be (a-z, 0-9, `-`), any case.
    let parts: Vec<&str> = raw.split(',').collect();
    if parts.iter().any(|t| {
        !(1..=30).contains(&t.len()) || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    }) {
        return Err(
            "comma-separated tags, each 1-30 characters of a-z, A-Z, 0-9 and -, no spaces".into(),
        );
    }
    if parts.len() > MAX_TAGS {
        return Err(format!("at most {MAX_TAGS} tags"));
    }
    let mut tags: Vec<String> = parts.iter().map(|t| t.to_ascii_lowercase()).collect();
    tags.sort();
    tags.dedup();
    Ok(tags)
}

/// Browse and search games.
#[utoipa::path(get, path = "/games", tag = "games", params(ListQuery),
    responses(
        (status = 200, body = Page<GameListItem>, headers(("x-cache" = String, description = "hit or miss (public lists)"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ))]
pub async fn list_games(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> ApiResult<Response> {
    let Checked {
        text,
        tags,
        all_tags,
        sort,
        limit,
        see_all,
    } = check_query(&q)?;
    if see_all && !viewer.is_staff() {
        return Err(ApiError::Forbidden(
            "only moderators and admins may list every game",
        ));
    }
    let Some(creator) = resolve_creator(&state, &viewer, q.creator.as_deref()).await? else {
        // An unknown creator has no games: an empty page, not an error.
        return Ok(axum::Json(Page::<GameListItem> {
            items: vec![],
            next_cursor: None,
        })
        .into_response());
    };
    let vis = if see_all {
        Visibility::All
    } else if let Some(c) = creator.filter(|c| viewer.id() == Some(*c)) {
        Visibility::Creator(c)
    } else {
        Visibility::Listed
    };
    let cursor = q
        .cursor
        .as_deref()
        .map(|raw| cursor_for(raw, sort))
        .transpose()?;
    let filters = Filters {
        category: q.category.clone(),
        difficulty: q.difficulty.clone(),
        tags_any: tags.clone().filter(|_| !all_tags),
        tags_all: tags.filter(|_| all_tags),
        creator,
        featured: q.featured.unwrap_or(false),
        min_rating: q.min_rating,
        q: text.map(str::to_owned),
    };

    let cache = (vis == Visibility::Listed && !state.config.catalogue.list_cache_ttl.is_zero())
        .then(|| {
            // The validated, normalised request is the key: equal requests share a page.
            let norm = (&filters, sort, limit, &q.cursor);
            hex::encode(Sha256::digest(
                serde_json::to_vec(&norm).unwrap_or_default(),
            ))
        });
    let mut generation = None;
    if let Some(hash) = &cache {
        match cache_get(&state, hash).await {
            Ok((_, Some(body))) => return Ok(json_page(Bytes::from(body), "hit")),
            Ok((g, None)) => generation = Some(g),
            Err(e) => tracing::warn!(error = %e, "list cache unavailable"),
        }
    }

    let rows = catalogue::list(
        &state.db,
        vis,
        &filters,
        sort,
        cursor.as_ref(),
        i64::from(limit) + 1,
    )
    .await?;
    let (rows, next_cursor) =
        aimini_models::pagination::split_page(rows, limit as usize, |r| r.cursor(sort));
    let insider = vis != Visibility::Listed;
    let thumbs = ThumbnailLinks::new(&state)?;
    let page = Page {
        items: rows
            .into_iter()
            .map(|r| item(r, insider, &thumbs))
            .collect::<Vec<_>>(),
        next_cursor,
    };
    let body = Bytes::from(serde_json::to_vec(&page).map_err(anyhow::Error::from)?);
    if let (Some(hash), Some(g)) = (&cache, generation) {
        cache_put(&state, g, hash, &body).await;
    }
    Ok(json_page(
        body,
        if cache.is_some() { "miss" } else { "bypass" },
    ))
}

/// A list query's parameters, validated (every problem reported at once).
struct Checked<'q> {
    text: Option<&'q str>,
    tags: Option<Vec<String>>,
    all_tags: bool,
    sort: Sort,
    limit: u32,
    see_all: bool,
}

fn check_query(q: &ListQuery) -> ApiResult<Checked<'_>> {
    let mut v = Validator::new();
    // The length is of `q` as sent (as documented), before trimming.
    if q.q
        .as_deref()
        .is_some_and(|t| t.chars().count() > MAX_Q_CHARS)
    {
        v.add("q", format!("at most {MAX_Q_CHARS} characters"));
    }
    let text = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(c) = &q.category
        && !CATEGORIES.contains(&c.as_str())
    {
        v.add(
            "category",
            format!("must be one of {}", CATEGORIES.join(", ")),
        );
    }
    if let Some(d) = &q.difficulty
        && !DIFFICULTIES.contains(&d.as_str())
    {
        v.add("difficulty", "must be easy, medium or hard");
    }
    let tags = match q.tags.as_deref().map(parse_tags) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            v.add("tags", e);
            None
        }
    };
    let all_tags = match q.tags_mode.as_deref() {
        None | Some("any") => false,
        Some("all") => true,
        Some(_) => {
            v.add("tags_mode", "must be any or all");
            false
        }
    };
    if let Some(r) = q.min_rating
        && !(0.0..=5.0).contains(&r)
    {
        v.add("min_rating", "must be between 0 and 5");
    }
    let sort = v.parse("sort", parse_sort(q.sort.as_deref(), text.is_some()));
    let limit = match q.limit {
        None => aimini_models::pagination::DEFAULT_LIMIT,
        Some(n) if (1..=aimini_models::pagination::MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            v.add("limit", "must be between 1 and 100");
            0
        }
    };
    let see_all = match q.visibility.as_deref() {
        None | Some("listed") => false,
        Some("all") => true,
        Some(_) => {
            v.add("visibility", "must be listed or all");
            false
        }
    };
    v.finish()?;
    Ok(Checked {
        text,
        tags,
        all_tags,
        sort: sort.unwrap_or(Sort::New),
        limit,
        see_all,
    })
}

/// `creator=`: `me`, a user id or a username. `Ok(None)`: a username nobody has.
async fn resolve_creator(
    state: &AppState,
    viewer: &Viewer,
    creator: Option<&str>,
) -> ApiResult<Option<Option<Uuid>>> {
    Ok(Some(match creator.map(str::trim) {
        None | Some("") => None,
        Some("me") => Some(
            viewer
                .id()
                .ok_or(ApiError::Unauthorized("sign in to list your own games"))?,
        ),
        Some(c) => match Uuid::parse_str(c) {
            Ok(id) => Some(id),
            Err(_) => match games::user_id_by_username(&state.db, c).await? {
                Some(id) => Some(id),
                None => return Ok(None),
            },
        },
    }))
}

/// Decodes a cursor and checks it belongs to the requested sort order.
fn cursor_for(raw: &str, sort: Sort) -> ApiResult<Cursor> {
    let c: Cursor = decode_cursor(raw)?;
    let matches = matches!(
        (&c, sort),
        (Cursor::New { .. }, Sort::New)
            | (Cursor::Popular { .. }, Sort::Popular)
            | (Cursor::Top { .. }, Sort::Top)
            | (Cursor::Trending { .. }, Sort::Trending)
            | (
                Cursor::Relevance { .. } | Cursor::Fuzzy { .. },
                Sort::Relevance
            )
    );
    if !matches {
        return Err(ApiError::bad_request(
            "invalid_cursor",
            "the cursor belongs to another sort order",
        ));
    }
    Ok(c)
}

/// Stores a rendered page under the current cache generation; a failure only costs a miss.
async fn cache_put(state: &AppState, generation: i64, hash: &str, body: &Bytes) {
    let key = page_key(state, generation, hash);
    let ttl = state.config.catalogue.list_cache_ttl.as_secs().max(1);
    let res: Result<(), redis::RedisError> = redis::cmd("SET")
        .arg(&key)
        .arg(body.as_ref())
        .arg("EX")
        .arg(ttl)
        .query_async(&mut state.redis.clone())
        .await;
    if let Err(e) = res {
        tracing::warn!(error = %e, "list cache write failed");
    }
}

fn json_page(body: Bytes, cache: &'static str) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert("x-cache", HeaderValue::from_static(cache));
    resp
}

fn page_key(state: &AppState, generation: i64, hash: &str) -> String {
    state.redis_key(&format!("catalogue:page:{generation}:{hash}"))
}

static CACHE_GET: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r"local g = tonumber(redis.call('GET', KEYS[1]) or '0')
          return {g, redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[2])}",
    )
});

/// (current generation, the cached page of this generation if any).
async fn cache_get(
    state: &AppState,
    hash: &str,
) -> Result<(i64, Option<Vec<u8>>), redis::RedisError> {
    let prefix = state.redis_key("catalogue:page:");
    CACHE_GET
        .key(catalogue::generation_key(&state.config.redis.key_prefix))
        .arg(prefix)
        .arg(hash)
        .invoke_async(&mut state.redis.clone())
        .await
}
