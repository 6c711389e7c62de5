//! `/play/*`: the browser player for generated games, and `POST /api/v1/games/{id}/play-link`.
//!
//! Design (each choice is the wall, not decoration):
//!
//! - **Two documents.** `GET /play/{id}` is the parent page (title, controls, score, restart,
//!   fullscreen). The game runs in `<iframe sandbox="allow-scripts">` *without* `allow-same-origin`,
//!   so it is an opaque origin: no cookies, no storage, no access to the parent's DOM, no popups,
//!   forms, top navigation or downloads. The frame document is its own URL, `GET /play/{id}/frame`,
//!   never `srcdoc`: a srcdoc document inherits the parent's CSP, while a URL gets exactly the policy
//!   sent with it.
//! - **The frame's CSP** allows three scripts by exact URL (the runtime, the frame glue, the game's
//!   `logic.js`), one inline style by hash, and nothing else: `default-src 'none'`,
//!   `connect-src 'none'`, no images, media, fonts, workers, frames, forms or base URL, and
//!   `frame-ancestors` this API's origin. The header also carries `sandbox allow-scripts`, so the
//!   frame URL opened on its own is just as confined. Exact URLs, not a nonce: a game can read a
//!   nonce from the DOM and reuse it on a script of its own choosing, a URL list it cannot widen.
//!   Browsers have no `navigate-to`, so a frame may still try to navigate *itself*: the parent's
//!   `frame-src` (this frame's exact URL) refuses that before any request is sent. Known limit,
//!   measured by the hostile-game test: Chromium opens a bare TCP connection (and resolves the
//!   host) for such a navigation, or a child frame, before CSP refuses it; no request is ever sent
//!   on it, but a game could signal through it. Only browsers can close that.
//! - **Play counting.** The parent page of a public game may make one request: `POST
//!   /api/v1/games/{id}/play` (its `connect-src` is that exact URL), once, when the game first
//!   runs, without credentials, as JSON carrying the signed play session the page was rendered
//!   with (`data-play-session`). The session names a visitor id kept in the `aimini_visitor`
//!   cookie (`Path=/play/`, HttpOnly, for the de-duplication window, never renewed), so a refresh
//!   is the same visitor and counts once ([`crate::playlink`] says why not address + user agent).
//!   The frame still connects nowhere. Play-link pages of private games count nothing and set no
//!   cookie.
//! - **Framing.** The global middleware adds `X-Frame-Options: DENY` to every response, the frame
//!   included; browsers ignore it when the CSP has `frame-ancestors` (CSP3), which is what lets the
//!   player page embed its frame (the Chromium test proves it loads).
//! - **Origins.** URLs inside the pages and the CSPs use `AIMINI_PUBLIC_URL`'s origin: the player must
//!   be reached there (it is where links point anyway).
//! - **Runtime assets** (`runtime.js`, `frame.js`, `player.js`, `player.css` from
//!   `prompts/runtime/`, read once at start) are served under `/play/runtime/{build}/`, where
//!   `build` is `v1-` plus a hash of their bytes: immutable caching is then always right, and an old
//!   build answers 404 rather than a mismatched file.
//! - **logic.js is wrapped** ([`aimini_models::jscheck::wrapper_prefix`]) so it runs in strict mode
//!   with no receiver, inside a function whose parameters shadow the window's names (`window`,
//!   `document`, `top`, timers, `addEventListener`...; `aimini` becomes a facade that can only
//!   define the game); the frame's lockdown (`runtime.js`) deletes every other name of the window
//!   outside an allowlist. The game must never hold the window: the sandbox and CSP above cannot
//!   stop everything in time (a navigation is resolved and pre-connected before CSP refuses it), so
//!   before this wrapper was strict, sloppy `this` was an escape (issue 10, Medium 5). Proven in
//!   Chromium by `tests/tests/containment.rs`.
//! - **Access.** Public, active games play for anyone. Anything else needs a signed play link
//!   ([`crate::playlink`]) minted for its owner or staff; the frame and `logic.js` URLs carry the same
//!   token, since the opaque frame sends no credentials. Every refusal is the same 404, so a private
//!   game's existence is never revealed.
//! - **Messages.** The frame reports to the parent only with `postMessage` and a small schema (see
//!   README "Playing games"); `player.js` accepts a message only from its own iframe's window, with
//!   origin `"null"`, of the exact shape, and rate-limits them.

use std::collections::HashMap;
use std::path::Path as FsPath;
use std::sync::Arc;

use aimini_models::games;
use aimini_models::games::GameStatus;
use aimini_models::package::Metadata;
use aimini_models::storage::ObjectKey;
use aimini_models::users::Role;
use anyhow::Context as _;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::extract::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Path, Query};
use crate::playlink::{self, PlayLinks};
use crate::state::AppState;
use aimini_models::jscheck::{wrapper_prefix, wrapper_suffix};

/// The runtime files served to browsers, by name, with their content types.
const ASSETS: [(&str, &str); 4] = [
    ("runtime.js", "text/javascript; charset=utf-8"),
    ("frame.js", "text/javascript; charset=utf-8"),
    ("player.js", "text/javascript; charset=utf-8"),
    ("player.css", "text/css; charset=utf-8"),
];

/// The frame's only style, allowed by its hash.
const FRAME_CSS: &str = "html,body{margin:0;height:100%;background:#000;overflow:hidden}\
#stage{position:fixed;inset:0}";

/// The runtime assets, read once at start-up.
pub struct PlayAssets {
    build: String,
    files: HashMap<&'static str, (&'static str, Bytes)>,
    frame_style_hash: String,
}

impl PlayAssets {
    /// Reads `runtime/{runtime.js, frame.js, player.js, player.css}` under the prompts directory.
    pub fn load(prompts_dir: &FsPath) -> anyhow::Result<Self> {
        let mut files = HashMap::new();
        let mut all = Sha256::new();
        for (name, content_type) in ASSETS {
            let path = prompts_dir.join("runtime").join(name);
            let bytes = std::fs::read(&path)
                .with_context(|| format!("reading the player asset {}", path.display()))?;
            all.update(name.as_bytes());
            all.update((bytes.len() as u64).to_le_bytes());
            all.update(&bytes);
            files.insert(name, (content_type, Bytes::from(bytes)));
        }
        let build = format!("v1-{}", &hex::encode(all.finalize())[..12]);
        let frame_style_hash = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(FRAME_CSS))
        );
        Ok(Self {
            build,
            files,
            frame_style_hash,
        })
    }

    /// `/play/runtime/{build}/{file}`
    pub fn path(&self, file: &str) -> String {
        format!("/play/runtime/{}/{file}", self.build)
    }
}

type Assets = Option<Arc<PlayAssets>>;

/// The `/play/*` pages. Assets come from `prompts_dir`; if they cannot be read the pages answer 503
/// (start-up refuses to run in that case, see [`crate::startup`], so this only matters for building
/// the OpenAPI document without a prompts directory).
pub fn router(prompts_dir: &FsPath) -> OpenApiRouter<AppState> {
    let assets = match PlayAssets::load(prompts_dir) {
        Ok(a) => Some(Arc::new(a)),
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "player assets unavailable");
            None
        }
    };
    OpenApiRouter::new()
        .routes(routes!(play_page))
        .routes(routes!(play_frame))
        .routes(routes!(play_logic))
        .routes(routes!(runtime_asset))
        .layer(Extension(assets))
}

/// `POST /games/{game_id}/play-link` (nested under `/api/v1`).
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_play_link))
}

// ------------------------------------------------------------------------------------------ access

fn no_such_game() -> ApiError {
    ApiError::NotFound("no such game")
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PlayQuery {
    /// Play-link token (`<exp>.<signature>`), required for games that are not public.
    t: Option<String>,
}

struct Access {
    game: games::GameSummary,
    /// The token to pass on to the frame and logic URLs (None for public games).
    token: Option<String>,
}

/// Listed: public, active and approved by the automatic review.
fn playable_by_anyone(game: &games::GameSummary) -> bool {
    game.listed
}

/// Decides whether this request may play `raw_id`; every refusal is the same 404.
async fn authorize(state: &AppState, raw_id: &str, token: Option<String>) -> ApiResult<Access> {
    let id = Uuid::parse_str(raw_id).map_err(|_| no_such_game())?;
    let game = games::find_summary(&state.db, id)
        .await?
        .ok_or_else(no_such_game)?;
    if game.status == GameStatus::Deleted {
        return Err(no_such_game());
    }
    if playable_by_anyone(&game) {
        return Ok(Access { game, token: None });
    }
    let token = token.ok_or_else(no_such_game)?;
    let links = PlayLinks::from_state(state)?;
    if !links.verify(id, &token, Utc::now().timestamp()) {
        return Err(no_such_game());
    }
    Ok(Access {
        game,
        token: Some(token),
    })
}

fn with_token(path: String, token: &Option<String>) -> String {
    match token {
        // The token alphabet is digits, '.', base64url: nothing to escape in a URL or an attribute.
        Some(t) => format!("{path}?t={t}"),
        None => path,
    }
}

fn origin(state: &AppState) -> String {
    state.config.public_url.origin().ascii_serialization()
}

fn assets_or_503(assets: &Assets) -> ApiResult<Arc<PlayAssets>> {
    assets
        .clone()
        .ok_or(ApiError::Unavailable("the player is not available"))
}

/// A file of the live version, by the key its `game_data.files` names (versions share objects).
async fn read_object(state: &AppState, game: &games::GameSummary, name: &str) -> ApiResult<Bytes> {
    let id = game.id;
    let key = match name {
        "logic.js" => game.logic_key.as_deref(),
        "metadata.json" => game.metadata_key.as_deref(),
        _ => None,
    }
    .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("game {id} names no {name}")))?;
    let key = ObjectKey::new(key)?;
    let obj =
        state.storage.get(&key).await?.ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("game {id} has no {name} in storage"))
        })?;
    Ok(obj.bytes)
}

async fn metadata(state: &AppState, game: &games::GameSummary) -> ApiResult<Value> {
    let id = game.id;
    let bytes = read_object(state, game, "metadata.json").await?;
    serde_json::from_slice(&bytes)
        .with_context(|| format!("game {id}: metadata.json is not JSON"))
        .map_err(ApiError::Internal)
}

// ----------------------------------------------------------------------------------------- headers

const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)";

fn set(h: &mut HeaderMap, name: HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(name, v);
    }
}

/// Headers every play response carries (the global middleware adds nosniff and no-referrer too;
/// they are repeated here so this module's guarantees do not depend on layer order).
fn play_headers(resp: &mut Response, content_type: &str, csp: Option<&str>, cache: &str) {
    let h = resp.headers_mut();
    set(h, header::CONTENT_TYPE, content_type);
    set(h, header::CACHE_CONTROL, cache);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    if let Some(csp) = csp {
        set(h, header::CONTENT_SECURITY_POLICY, csp);
    }
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` data block: `<`, `>` and `&` escaped so no text
/// can close the element.
fn json_block(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn text_at<'a>(v: &'a Value, ptr: &str) -> Option<&'a str> {
    v.pointer(ptr)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// The parent page's CSP: its own script and stylesheet by URL, the game's frame by URL, nothing
/// else.
pub fn page_csp(origin: &str, assets: &PlayAssets, game_id: Uuid) -> String {
    format!(
        "default-src 'none'; script-src {o}{js}; style-src {o}{css}; img-src data:; \
         frame-src {o}/play/{game_id}/frame; connect-src {o}/api/v1/games/{game_id}/play; form-action 'none'; \
         base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
        o = origin,
        js = assets.path("player.js"),
        css = assets.path("player.css"),
    )
}

/// The frame's CSP (see the module docs).
pub fn frame_csp(origin: &str, assets: &PlayAssets, game_id: Uuid) -> String {
    format!(
        "default-src 'none'; script-src {o}{rt} {o}{fr} {o}/play/{game_id}/logic.js; \
         style-src {style}; img-src 'none'; media-src 'none'; font-src 'none'; connect-src 'none'; \
         worker-src 'none'; child-src 'none'; frame-src 'none'; object-src 'none'; \
         manifest-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors {o}; \
         sandbox allow-scripts",
        o = origin,
        rt = assets.path("runtime.js"),
        fr = assets.path("frame.js"),
        style = assets.frame_style_hash,
    )
}

// ------------------------------------------------------------------------------------------- pages

/// The visitor cookie of the player pages (see the module docs).
const VISITOR_COOKIE: &str = "aimini_visitor";

/// The visitor id the request's cookie carries, if it is one.
fn visitor_cookie(headers: &HeaderMap) -> Option<&str> {
    crate::extract::cookie(headers, VISITOR_COOKIE).filter(|v| playlink::is_visitor_id(v))
}

/// A play session for a public game's page: the browser's visitor id, or a new one with the
/// `Set-Cookie` that keeps it for the de-duplication window.
fn play_session(
    state: &AppState,
    game_id: Uuid,
    headers: &HeaderMap,
) -> ApiResult<(String, Option<HeaderValue>)> {
    let (visitor, cookie) = match visitor_cookie(headers) {
        Some(v) => (v.to_owned(), None),
        None => {
            let v = aimini_models::tokens::random_token();
            let cookie = crate::extract::set_cookie(
                &state.config.public_url,
                VISITOR_COOKIE,
                &v,
                state.config.catalogue.play_dedup_window.as_secs(),
                "/play/",
            )?;
            (v, Some(cookie))
        }
    };
    let ttl = i64::try_from(playlink::SESSION_TTL.as_secs()).unwrap_or(i64::MAX);
    let exp = Utc::now().timestamp().saturating_add(ttl);
    let token = PlayLinks::from_state(state)?.sign_session(game_id, &visitor, exp)?;
    Ok((token, cookie))
}

/// The player page for a game: title, controls help, score, restart, fullscreen, and the game in a
/// sandboxed iframe. Public active games play for anyone; others need `?t=` from a play link.
/// A public game's page carries a play session for `POST /api/v1/games/{id}/play` and may set the
/// `aimini_visitor` cookie that keeps its visitor id.
#[utoipa::path(get, path = "/play/{game_id}", tag = "play",
    params(("game_id" = String, Path), PlayQuery),
    responses(
        (status = 200, content_type = "text/html", body = String),
        (status = 404, description = "No such game, or not playable with this link", body = ErrorBody),
    ))]
pub async fn play_page(
    State(state): State<AppState>,
    Extension(assets): Extension<Assets>,
    Path(raw_id): Path<String>,
    Query(q): Query<PlayQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let assets = assets_or_503(&assets)?;
    let access = authorize(&state, &raw_id, q.t).await?;
    let id = access.game.id;
    // Public games count their plays from here (the endpoint de-duplicates per player); a play
    // link's private game is not counted.
    let session = match access.token {
        None => Some(play_session(&state, id, &headers)?),
        Some(_) => None,
    };
    let meta = metadata(&state, &access.game).await?;
    let o = origin(&state);
    let title = text_at(&meta, "/title").unwrap_or(&access.game.title);
    let description = text_at(&meta, "/description").unwrap_or("");
    let keys = text_at(&meta, "/controls/keys").unwrap_or("Arrow keys, Space");
    let pointer = text_at(&meta, "/controls/pointer").unwrap_or("Tap or click");
    let frame_url = with_token(format!("{o}/play/{id}/frame"), &access.token);
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>{title} - aimini</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{o}{css}">
</head>
<body>
<header id="bar">
  <h1 id="title">{title}</h1>
  <span id="status" role="status" aria-live="polite"></span>
  <span id="score-box">Score <b id="score">0</b></span>
  <button id="restart" type="button">Restart</button>
  <button id="fullscreen" type="button">Fullscreen</button>
</header>
<main id="stage"{counter}><iframe id="game-frame" title="{title}" src="{frame_url}" sandbox="allow-scripts" referrerpolicy="no-referrer"></iframe></main>
<details id="help"><summary>How to play</summary>
  <p id="description">{description}</p>
  <ul><li><b>Keyboard:</b> <span id="keys">{keys}</span></li><li><b>Touch or mouse:</b> <span id="pointer">{pointer}</span></li></ul>
</details>
<script src="{o}{js}"></script>
</body>
</html>
"#,
        title = html_escape(title),
        // The session's alphabet is digits, '.' and base64url: nothing to escape.
        counter = match &session {
            Some((token, _)) => format!(
                r#" data-play-url="{o}/api/v1/games/{id}/play" data-play-session="{token}""#
            ),
            None => String::new(),
        },
        description = html_escape(description),
        keys = html_escape(keys),
        pointer = html_escape(pointer),
        css = assets.path("player.css"),
        js = assets.path("player.js"),
    );
    let mut resp = html.into_response();
    play_headers(
        &mut resp,
        "text/html; charset=utf-8",
        Some(&page_csp(&o, &assets, id)),
        "no-store",
    );
    let h = resp.headers_mut();
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    if let Some((_, Some(cookie))) = session {
        h.insert(header::SET_COOKIE, cookie);
    }
    Ok(resp)
}

/// The sandboxed game document (loaded by the player page's iframe, never on its own).
#[utoipa::path(get, path = "/play/{game_id}/frame", tag = "play",
    params(("game_id" = String, Path), PlayQuery),
    responses(
        (status = 200, content_type = "text/html", body = String),
        (status = 404, body = ErrorBody),
    ))]
pub async fn play_frame(
    State(state): State<AppState>,
    Extension(assets): Extension<Assets>,
    Path(raw_id): Path<String>,
    Query(q): Query<PlayQuery>,
) -> ApiResult<Response> {
    let assets = assets_or_503(&assets)?;
    let access = authorize(&state, &raw_id, q.t).await?;
    let id = access.game.id;
    let meta = metadata(&state, &access.game).await?;
    let meta = Metadata::from_value(meta);
    let lang = meta.language();
    let boot = json!({"v": 1, "params": meta.start_params(), "lang": lang});
    let o = origin(&state);
    let logic_url = with_token(format!("{o}/play/{id}/logic.js"), &access.token);
    let html = format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>game</title>
<style>{FRAME_CSS}</style>
</head>
<body>
<div id="stage"><canvas id="game" aria-label="game"></canvas></div>
<script type="application/json" id="aimini-boot">{boot}</script>
<script src="{o}{rt}"></script>
<script src="{o}{fr}"></script>
<script src="{logic_url}"></script>
</body>
</html>
"#,
        boot = json_block(&boot),
        lang = lang.code(),
        rt = assets.path("runtime.js"),
        fr = assets.path("frame.js"),
    );
    let mut resp = html.into_response();
    play_headers(
        &mut resp,
        "text/html; charset=utf-8",
        Some(&frame_csp(&o, &assets, id)),
        "no-store",
    );
    set(
        resp.headers_mut(),
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    Ok(resp)
}

/// `logic.js` wrapped so it runs in strict mode with the blocked globals shadowed (the same wrapper
/// as the headless runner's, [`aimini_models::jscheck::wrapper_prefix`]). The comment goes on the
/// line *after* the game so logic.js keeps its own line numbers in the browser's errors.
pub fn wrap_logic(game_id: Uuid, logic: &str) -> String {
    format!(
        "{}{logic}{}/* aimini game {game_id}, wrapped by the player (defence in depth: the sandbox and \
         the CSP are the wall) */\n",
        wrapper_prefix(),
        wrapper_suffix()
    )
}

/// The game's code, wrapped (see [`wrap_logic`]); for the frame only.
#[utoipa::path(get, path = "/play/{game_id}/logic.js", tag = "play",
    params(("game_id" = String, Path), PlayQuery),
    responses(
        (status = 200, content_type = "text/javascript", body = String),
        (status = 404, body = ErrorBody),
    ))]
pub async fn play_logic(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    Query(q): Query<PlayQuery>,
) -> ApiResult<Response> {
    let access = authorize(&state, &raw_id, q.t).await?;
    let id = access.game.id;
    let logic = read_object(&state, &access.game, "logic.js").await?;
    let mut resp = wrap_logic(id, &String::from_utf8_lossy(&logic)).into_response();
    play_headers(
        &mut resp,
        "text/javascript; charset=utf-8",
        None,
        "no-store",
    );
    // Loaded by the opaque-origin frame: every load is cross-origin.
    set(
        resp.headers_mut(),
        HeaderName::from_static("cross-origin-resource-policy"),
        "cross-origin",
    );
    Ok(resp)
}

/// A player asset (`runtime.js`, `frame.js`, `player.js`, `player.css`). `build` names the exact
/// bytes, so responses are immutable.
#[utoipa::path(get, path = "/play/runtime/{build}/{file}", tag = "play",
    params(("build" = String, Path, description = "`v1-<hash>` as linked from the player pages"),
        ("file" = String, Path)),
    responses(
        (status = 200, content_type = "text/javascript", body = String),
        (status = 404, body = ErrorBody),
    ))]
pub async fn runtime_asset(
    Extension(assets): Extension<Assets>,
    Path((build, file)): Path<(String, String)>,
) -> ApiResult<Response> {
    let assets = assets_or_503(&assets)?;
    if build != assets.build {
        return Err(ApiError::NotFound("no such file"));
    }
    let (content_type, bytes) = assets
        .files
        .get(file.as_str())
        .ok_or(ApiError::NotFound("no such file"))?;
    let mut resp = bytes.clone().into_response();
    play_headers(
        &mut resp,
        content_type,
        Some("default-src 'none'; frame-ancestors 'none'"),
        "public, max-age=31536000, immutable",
    );
    set(
        resp.headers_mut(),
        HeaderName::from_static("cross-origin-resource-policy"),
        "cross-origin",
    );
    Ok(resp)
}

// --------------------------------------------------------------------------------------- play link

#[derive(Debug, Serialize, ToSchema)]
pub struct PlayLinkOut {
    /// `/play/{id}?t=...`, relative to this API.
    pub path: String,
    /// The same, absolute (on `AIMINI_PUBLIC_URL`).
    pub url: String,
    /// When the token stops working; `null` when the link carries no token (a public game asked
    /// for by someone who is neither its owner nor staff: it plays only while it stays public).
    pub expires_at: Option<DateTime<Utc>>,
}

/// A link to play a game. Its owner, moderators and admins get a signed link that expires (the only
/// way into a game that is not public); anyone else gets the plain link of a public game. A game the
/// caller may not play is a 404, as for a game that does not exist.
#[utoipa::path(post, path = "/games/{game_id}/play-link", tag = "play",
    params(("game_id" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 201, body = PlayLinkOut),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn create_play_link(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(raw_id): Path<String>,
) -> ApiResult<(StatusCode, crate::extract::Json<PlayLinkOut>)> {
    let id = Uuid::parse_str(&raw_id).map_err(|_| no_such_game())?;
    let game = games::find_summary(&state.db, id)
        .await?
        .ok_or_else(no_such_game)?;
    if game.status == GameStatus::Deleted {
        return Err(no_such_game());
    }
    let privileged = game.creator_id == auth.user.id || auth.user.role >= Role::Moderator;
    let (path, expires_at) = if privileged {
        let ttl = chrono::Duration::from_std(playlink::TTL).map_err(anyhow::Error::from)?;
        let expires_at = Utc::now() + ttl;
        let token = PlayLinks::from_state(&state)?.sign(id, expires_at.timestamp())?;
        (format!("/play/{id}?t={token}"), Some(expires_at))
    } else if playable_by_anyone(&game) {
        // A token would outlive the game's public status; the plain link does not.
        (format!("/play/{id}"), None)
    } else {
        return Err(no_such_game());
    };
    let url = format!("{}{path}", origin(&state));
    Ok((
        StatusCode::CREATED,
        crate::extract::Json(PlayLinkOut {
            path,
            url,
            expires_at,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_inside_its_element() {
        assert_eq!(
            html_escape(r#"<b a="x">&'"#),
            "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
        );
        let v = json!({"s": "</script><script>alert(1)</script>&"});
        let block = json_block(&v);
        assert!(!block.contains('<') && !block.contains('>') && !block.contains('&'));
        assert_eq!(serde_json::from_str::<Value>(&block).expect("json"), v);
    }

    #[test]
    fn the_wrapper_keeps_the_game_inside_one_function() {
        let w = wrap_logic(Uuid::nil(), "aimini.game({}); // no newline at the end");
        assert!(w.starts_with("\"use strict\"; (function (aimini, window, self, globalThis,"));
        assert!(w.contains("}).apply(undefined, aimini.sandbox.shadows([\"aimini\", \"window\","));
        assert!(w.contains("// no newline at the end\n})"));
        assert!(!w[..w.find("aimini.game").expect("game")].contains('\n'));
    }
}
