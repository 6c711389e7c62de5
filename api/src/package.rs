//! Reading a game upload or edit (`POST /games`, `PUT /games/{id}`): a JSON body, or multipart with a
//! `metadata` part and a `package` zip, checked and staged on disk, then stored under a fresh prefix.
//!
//! Design decisions:
//! - Nothing is ever held whole in memory: the zip part streams to a temp file chunk by chunk, each
//!   entry is extracted to its own temp file (hashing as it goes), and storage uploads stream from
//!   those files. Limits are enforced while streaming, so an oversize body is cut off as soon as it
//!   crosses the limit, not after it has been received.
//! - The body is read here from the raw request, not through axum's extractors, so the global
//!   body limit (sized for JSON) does not apply and the catalogue's own limit is the only one.
//! - The zip is distrusted entry by entry before anything is extracted: names (absolute, `..`,
//!   backslashes, control characters, anything that is not an object key), kinds (symlinks and
//!   other special files), placement (only `logic.js`, `metadata.json` and `assets/` with an
//!   allow-list of types; no SVG: it can carry scripts), count, declared sizes and ratios. Then the
//!   actual bytes are bounded again while extracting, since headers can lie.
//! - Temp files live in one [`tempfile::TempDir`] owned by the staged package (or by the blocking
//!   task while it extracts), removed on drop, so also when the client goes away mid-upload.
//! - Objects are immutable: every store writes under `games/{game_id}/u{12 hex}/`, and versions
//!   share objects by key (`game_data.files`), so an unchanged file keeps its old key.

use std::collections::HashSet;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;

use aimini_models::jscheck::{self, Finding};
use aimini_models::package::{self, Body, GameData, Metadata, NewFile, PrefixTag};
use aimini_models::storage::{ObjectKey, Storage};
use anyhow::Context as _;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use futures::StreamExt as _;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use tokio::io::AsyncWriteExt as _;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, Validator};
use crate::state::AppState;

/// The categories a game may have (the `games_category_check` constraint).
pub const CATEGORIES: &[&str] = &[
    "puzzle", "action", "strategy", "word", "math", "memory", "quiz", "reaction", "arcade", "board",
];
pub const DIFFICULTIES: &[&str] = &["easy", "medium", "hard"];
/// Most entries a package zip may have (directories included).
pub const MAX_ENTRIES: usize = 200;
/// An entry unpacking to more than this many times its compressed size is refused as a zip bomb...
pub const MAX_RATIO: u64 = 100;
/// ...unless it unpacks to at most this much (tiny files compress absurdly well and bomb nothing).
const RATIO_FLOOR: u64 = 64 * 1024;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 5000;
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_CHARS: usize = 30;
pub const MAX_PARAMS_BYTES: usize = 64 * 1024;
/// The `metadata` part and a zip's `metadata.json`: params plus a few texts.
const MAX_METADATA_BYTES: usize = 128 * 1024;
/// A JSON body is metadata plus logic.js (at most `jscheck::MAX_LOGIC_BYTES`, escaping can double it).
const MAX_JSON_BODY: usize = 2 * 1024 * 1024;
/// Multipart framing (boundaries, part headers) on top of the parts.
const MULTIPART_SLACK: usize = 16 * 1024;
/// Extensions allowed under `assets/`. No SVG (it can carry scripts), no HTML/JS/CSS.
pub const ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "webp", "gif", "wav", "ogg", "mp3", "json", "txt",
];
const CHUNK: usize = 64 * 1024;

/// The metadata fields of an upload or edit; `None` = not sent. After [`read_input`] every present
/// field is valid and normalised (title and description trimmed, tags lowercased and de-duplicated).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MetaIn {
    pub title: Option<String>,
    pub description: Option<String>,
    pub category: Option<String>,
    pub difficulty: Option<String>,
    pub tags: Option<Vec<String>>,
    pub is_public: Option<bool>,
    /// The game's parameters (a JSON object, at most 64 KiB), read by the player from metadata.json.
    #[schema(value_type = Option<Object>)]
    pub params: Option<Value>,
}

/// A JSON upload: the metadata fields plus the game's code.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonBody {
    title: Option<String>,
    description: Option<String>,
    category: Option<String>,
    difficulty: Option<String>,
    tags: Option<Vec<String>>,
    is_public: Option<bool>,
    #[schema(value_type = Option<Object>)]
    params: Option<Value>,
    /// The game's code (`logic.js`); required on create.
    logic: Option<String>,
}

/// A multipart upload, as documented (the parts are read by hand, streaming, in `read_multipart`;
/// any other part is refused, hence `deny_unknown_fields`, which the schema shows).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used: the parts are streamed, never built into this
pub struct UploadForm {
    /// JSON text with the fields of `MetaIn`.
    metadata: Option<String>,
    /// The zip: `logic.js` at its root, optional `metadata.json` and `assets/`.
    #[schema(value_type = Option<String>, format = Binary)]
    package: Option<Vec<u8>>,
}

/// What a zip's own `metadata.json` may supply. Lenient about other keys: a package exported from a
/// generated game carries more (runtime, controls, engine...).
#[derive(Debug, Default, Deserialize)]
struct ZipMeta {
    title: Option<String>,
    description: Option<String>,
    category: Option<String>,
    difficulty: Option<String>,
    tags: Option<Vec<String>>,
    params: Option<Value>,
    template: Option<ZipTemplate>,
}

#[derive(Debug, Default, Deserialize)]
struct ZipTemplate {
    params: Option<Value>,
}

#[derive(Debug)]
pub struct GameInput {
    pub meta: MetaIn,
    /// Present when the body changes what the game runs: new logic, a zip, or (on update) params.
    pub package: Option<StagedPackage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// A checked package waiting on disk to be stored.
#[derive(Debug)]
pub struct StagedPackage {
    meta: MetaIn,
    /// `logic.js` and `assets/...`; metadata.json is built at store time.
    files: Vec<StagedFile>,
    /// A zip is a whole package: files it does not carry are dropped. JSON logic (or params) only
    /// replaces what it names and keeps the previous assets.
    complete: bool,
    /// Owns the temp files; removed on drop.
    dir: Option<tempfile::TempDir>,
}

#[derive(Debug, Clone)]
struct StagedFile {
    name: String,
    path: PathBuf,
    sha256: String,
    bytes: u64,
}

/// Reads a create (POST /games) or update (PUT /games/{id}) body.
pub async fn read_input(
    state: &AppState,
    req: Request,
    mode: Mode,
    budget: &mut Budget<'_>,
) -> ApiResult<GameInput> {
    read_input_charged(state.config.catalogue.upload_max_bytes, req, mode, budget).await
}

/// A charge against an upload budget, made at most once, just before the first costly step of
/// reading a package: streaming a zip to disk (then unpacking it) or checking code. An account
/// that has spent its budget is refused before the server does that work, not after.
pub struct Budget<'a>(Option<Charge<'a>>);

type Charge<'a> = Pin<Box<dyn Future<Output = ApiResult<()>> + Send + 'a>>;

impl<'a> Budget<'a> {
    /// Nothing to charge (the caller was charged already, e.g. by a rate-limit layer).
    pub fn none() -> Self {
        Self(None)
    }

    pub fn new(charge: impl Future<Output = ApiResult<()>> + Send + 'a) -> Self {
        Self(Some(Box::pin(charge)))
    }

    /// Makes the charge if it was not made yet.
    pub async fn charge(&mut self) -> ApiResult<()> {
        match self.0.take() {
            Some(charge) => charge.await,
            None => Ok(()),
        }
    }
}

/// [`read_input`] with the upload limit given (the zip part, and the unpacked total), charging
/// nothing.
pub async fn read_input_limited(limit: usize, req: Request, mode: Mode) -> ApiResult<GameInput> {
    read_input_charged(limit, req, mode, &mut Budget::none()).await
}

async fn read_input_charged(
    limit: usize,
    req: Request,
    mode: Mode,
    budget: &mut Budget<'_>,
) -> ApiResult<GameInput> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let declared_len = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match mime.as_str() {
        "application/json" => {
            let max = limit.min(MAX_JSON_BODY);
            refuse_declared_len(declared_len, max)?;
            read_json(req, max, mode, budget).await
        }
        "multipart/form-data" => {
            let max = limit + MAX_METADATA_BYTES + MULTIPART_SLACK;
            refuse_declared_len(declared_len, max)?;
            read_multipart(req, &content_type, limit, max, mode, budget).await
        }
        _ => Err(ApiError::UnsupportedMediaType(
            "send application/json (with `logic`) or multipart/form-data (parts `metadata` and `package`)".into(),
        )),
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::PayloadTooLarge(format!(
        "the upload is larger than the limit of {limit} bytes"
    ))
}

fn refuse_declared_len(declared: Option<u64>, max: usize) -> ApiResult<()> {
    match declared {
        Some(n) if n > max as u64 => Err(too_large(max)),
        _ => Ok(()),
    }
}

/// A 422 with a specific code: the package itself is unacceptable.
fn reject(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::Http {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code,
        message: message.into(),
    }
}

fn internal(e: impl Into<anyhow::Error>) -> ApiError {
    ApiError::Internal(e.into())
}

fn body_error(e: &(dyn std::error::Error + 'static)) -> ApiError {
    ApiError::bad_request(
        "invalid_body",
        format!("the request body could not be read: {e}"),
    )
}

fn json_error(e: &serde_json::Error, what: &str) -> ApiError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => ApiError::Http {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid_body",
            message: format!("{what}: {e}"),
        },
        _ => ApiError::bad_request("invalid_json", format!("{what} is not valid JSON: {e}")),
    }
}

async fn read_json(
    req: Request,
    max: usize,
    mode: Mode,
    budget: &mut Budget<'_>,
) -> ApiResult<GameInput> {
    let mut stream = req.into_body().into_data_stream();
    let mut buf = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| body_error(&e))?;
        if buf.len() + chunk.len() > max {
            return Err(too_large(max));
        }
        buf.extend_from_slice(&chunk);
    }
    crate::extract::refuse_json_nul(&buf)?;
    let body: JsonBody = serde_json::from_slice(&buf).map_err(|e| json_error(&e, "the body"))?;
    drop(buf);
    let meta = MetaIn {
        title: body.title,
        description: body.description,
        category: body.category,
        difficulty: body.difficulty,
        tags: body.tags,
        is_public: body.is_public,
        params: body.params,
    };
    let mut v = Validator::new();
    let meta = normalize(meta, mode, &mut v);
    if mode == Mode::Create && body.logic.is_none() {
        v.add("logic", "required: the game's code (logic.js)");
    }
    v.finish()?;
    let Some(logic) = body.logic else {
        // Parameters change what the game does, so on an edit they make a new version too.
        let package = (mode == Mode::Update && meta.params.is_some()).then(|| StagedPackage {
            meta: meta.clone(),
            files: Vec::new(),
            complete: false,
            dir: None,
        });
        return Ok(GameInput { meta, package });
    };
    budget.charge().await?;
    let logic = check_logic_blocking(logic).await?;
    let dir = temp_dir()?;
    let path = dir.path().join("logic.js");
    tokio::fs::write(&path, logic.as_bytes())
        .await
        .map_err(internal)?;
    let file = StagedFile {
        name: "logic.js".to_owned(),
        path,
        sha256: hex::encode(Sha256::digest(logic.as_bytes())),
        bytes: logic.len() as u64,
    };
    Ok(GameInput {
        package: Some(StagedPackage {
            meta: meta.clone(),
            files: vec![file],
            complete: false,
            dir: Some(dir),
        }),
        meta,
    })
}

fn temp_dir() -> ApiResult<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("aimini-upload-")
        .tempdir()
        .context("creating an upload temp dir")
        .map_err(ApiError::Internal)
}

fn multipart_error(e: multer::Error, limit: usize) -> ApiError {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            too_large(limit)
        }
        multer::Error::StreamReadFailed(e) => body_error(e.as_ref()),
        other => ApiError::bad_request("invalid_multipart", other.to_string()),
    }
}

async fn read_multipart(
    req: Request,
    content_type: &str,
    limit: usize,
    body_max: usize,
    mode: Mode,
    budget: &mut Budget<'_>,
) -> ApiResult<GameInput> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| {
        ApiError::bad_request(
            "invalid_multipart",
            "the multipart Content-Type has no boundary",
        )
    })?;
    let constraints = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(body_max as u64));
    let mut mp = multer::Multipart::with_constraints(
        req.into_body().into_data_stream(),
        boundary,
        constraints,
    );
    let dir = temp_dir()?;
    let mut metadata: Option<Vec<u8>> = None;
    let mut zip: Option<PathBuf> = None;
    while let Some(mut field) = mp
        .next_field()
        .await
        .map_err(|e| multipart_error(e, body_max))?
    {
        match field.name() {
            Some("metadata") => {
                if metadata.is_some() {
                    return Err(ApiError::bad_request(
                        "invalid_multipart",
                        "two `metadata` parts",
                    ));
                }
                let mut buf = Vec::new();
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|e| multipart_error(e, body_max))?
                {
                    if buf.len() + chunk.len() > MAX_METADATA_BYTES {
                        return Err(ApiError::PayloadTooLarge(format!(
                            "the metadata part is larger than {MAX_METADATA_BYTES} bytes"
                        )));
                    }
                    buf.extend_from_slice(&chunk);
                }
                metadata = Some(buf);
            }
            Some("package") => {
                if zip.is_some() {
                    return Err(ApiError::bad_request(
                        "invalid_multipart",
                        "two `package` parts",
                    ));
                }
                budget.charge().await?;
                let path = dir.path().join("package.zip");
                let file = tokio::fs::File::create(&path).await.map_err(internal)?;
                let mut out = tokio::io::BufWriter::with_capacity(4 * CHUNK, file);
                let mut written = 0usize;
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|e| multipart_error(e, body_max))?
                {
                    written += chunk.len();
                    if written > limit {
                        return Err(too_large(limit));
                    }
                    out.write_all(&chunk).await.map_err(internal)?;
                }
                out.flush().await.map_err(internal)?;
                zip = Some(path);
            }
            other => {
                return Err(reject(
                    "invalid_body",
                    format!(
                        "unexpected part {:?}: send `metadata` (JSON) and `package` (a zip)",
                        other.unwrap_or_default()
                    ),
                ));
            }
        }
    }
    let mut meta = match &metadata {
        Some(bytes) => {
            crate::extract::refuse_json_nul(bytes)?;
            serde_json::from_slice::<MetaIn>(bytes)
                .map_err(|e| json_error(&e, "the metadata part"))?
        }
        None => MetaIn::default(),
    };

    let Some(zip) = zip else {
        let mut v = Validator::new();
        let meta = normalize(meta, mode, &mut v);
        if mode == Mode::Create {
            v.add("package", "required: a zip with logic.js at its root");
        }
        v.finish()?;
        let package = (mode == Mode::Update && meta.params.is_some()).then(|| StagedPackage {
            meta: meta.clone(),
            files: Vec::new(),
            complete: false,
            dir: None,
        });
        return Ok(GameInput { meta, package });
    };

    // The blocking task owns the temp dir while it writes into it: if the request is cancelled
    // meanwhile, the dir is removed when the task ends, not under its feet.
    let (dir, unpacked) = tokio::task::spawn_blocking(move || {
        let res = unpack(&zip, dir.path(), limit as u64);
        // The zip itself is no longer needed once its entries are out.
        let _ = std::fs::remove_file(&zip);
        (dir, res)
    })
    .await
    .map_err(|e| internal(anyhow::anyhow!("unpack task: {e}")))?;
    let unpacked = unpacked?;

    if let Some(bytes) = &unpacked.metadata {
        crate::extract::refuse_json_nul(bytes)?;
        let zm: ZipMeta = serde_json::from_slice(bytes)
            .map_err(|e| reject("invalid_package", format!("metadata.json in the zip: {e}")))?;
        fill_from_zip(&mut meta, zm);
    }
    let mut v = Validator::new();
    let meta = normalize(meta, mode, &mut v);
    v.finish()?;
    check_logic_blocking(unpacked.logic).await?;
    Ok(GameInput {
        package: Some(StagedPackage {
            meta: meta.clone(),
            files: unpacked.files,
            complete: true,
            dir: Some(dir),
        }),
        meta,
    })
}

/// The metadata part wins; the zip's metadata.json fills what it lacks.
fn fill_from_zip(meta: &mut MetaIn, zm: ZipMeta) {
    meta.title = meta.title.take().or(zm.title);
    meta.description = meta.description.take().or(zm.description);
    meta.category = meta.category.take().or(zm.category);
    meta.difficulty = meta.difficulty.take().or(zm.difficulty);
    meta.tags = meta.tags.take().or(zm.tags);
    meta.params = meta
        .params
        .take()
        .or(zm.params)
        .or(zm.template.and_then(|t| t.params));
}

/// Validates every present field (and the required ones on create), returning them normalised.
fn normalize(meta: MetaIn, mode: Mode, v: &mut Validator) -> MetaIn {
    let create = mode == Mode::Create;
    let title = meta.title.map(|t| t.trim().to_owned());
    match &title {
        None if create => v.add("title", "required"),
        Some(t) if t.is_empty() => v.add("title", "must not be blank"),
        Some(t) if t.chars().count() > MAX_TITLE_CHARS => {
            v.add("title", format!("at most {MAX_TITLE_CHARS} characters"));
        }
        Some(t) if t.chars().any(char::is_control) => {
            v.add("title", "must not contain control characters");
        }
        _ => {}
    }
    let description = meta.description.map(|d| d.trim().to_owned());
    if let Some(d) = &description
        && d.chars().count() > MAX_DESCRIPTION_CHARS
    {
        v.add(
            "description",
            format!("at most {MAX_DESCRIPTION_CHARS} characters"),
        );
    }
    let category = meta.category.map(|c| c.trim().to_ascii_lowercase());
    match &category {
        None if create => v.add("category", "required"),
        Some(c) if !CATEGORIES.contains(&c.as_str()) => {
            v.add(
                "category",
                format!("must be one of {}", CATEGORIES.join(", ")),
            );
        }
        _ => {}
    }
    let difficulty = meta.difficulty.map(|d| d.trim().to_ascii_lowercase());
    if let Some(d) = &difficulty
        && !DIFFICULTIES.contains(&d.as_str())
    {
        v.add("difficulty", "must be easy, medium or hard");
    }
    let tags = meta.tags.map(|tags| {
        let mut out: Vec<String> = Vec::new();
        for raw in tags {
            let tag = raw.trim().to_lowercase();
            let ok = (1..=MAX_TAG_CHARS).contains(&tag.len())
                && tag
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                v.add(
                    "tags",
                    format!("{raw:?} is not a tag: 1-{MAX_TAG_CHARS} characters of a-z, 0-9 and -"),
                );
            } else if !out.contains(&tag) {
                out.push(tag);
            }
        }
        if out.len() > MAX_TAGS {
            v.add("tags", format!("at most {MAX_TAGS} tags"));
        }
        out
    });
    if let Some(p) = &meta.params {
        if !p.is_object() {
            v.add("params", "must be a JSON object");
        } else if serde_json::to_vec(p).map_or(usize::MAX, |b| b.len()) > MAX_PARAMS_BYTES {
            v.add(
                "params",
                format!("at most {MAX_PARAMS_BYTES} bytes of JSON"),
            );
        }
    }
    MetaIn {
        title,
        description,
        category,
        difficulty,
        tags,
        is_public: meta.is_public,
        params: meta.params,
    }
}

/// Runs the static checks on logic.js off the async threads (parsing 256 KiB takes milliseconds).
async fn check_logic_blocking(logic: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || check_logic(&logic).map(|()| logic))
        .await
        .map_err(|e| internal(anyhow::anyhow!("logic check task: {e}")))?
}

/// logic.js must parse and use nothing outside the runtime API. A blocked global, property or
/// import is `blocked_api`; anything else (syntax, size, no `aimini.game`) is `invalid_logic`. Every finding is listed as
/// `logic.js:line:col message`.
pub fn check_logic(src: &str) -> ApiResult<()> {
    let findings: Vec<Finding> = match jscheck::check_logic(src) {
        Ok(()) => return Ok(()),
        Err(f) => f,
    };
    const SHOWN: usize = 20;
    let blocked = src.len() <= jscheck::MAX_LOGIC_BYTES
        && findings
            .iter()
            .any(|f| !f.message.starts_with("syntax error"));
    let mut list: Vec<String> = findings
        .iter()
        .take(SHOWN)
        .map(|f| format!("logic.js:{}:{} {}", f.line, f.column, f.message))
        .collect();
    if findings.len() > SHOWN {
        list.push(format!("... and {} more", findings.len() - SHOWN));
    }
    let (code, what) = if blocked {
        ("blocked_api", "logic.js uses what games may not")
    } else {
        ("invalid_logic", "logic.js is not a valid game script")
    };
    Err(reject(code, format!("{what}: {}", list.join("; "))))
}

struct Unpacked {
    files: Vec<StagedFile>,
    logic: String,
    metadata: Option<Vec<u8>>,
}

/// Where an entry goes: skipped (directories, macOS litter) or extracted as `name`.
struct Planned {
    index: usize,
    name: String,
    size: u64,
}

/// Checks a path from the zip as raw bytes, before any decoding: `Ok(None)` for entries to skip.
fn check_name(raw: &[u8], is_dir: bool) -> ApiResult<Option<String>> {
    let shown = String::from_utf8_lossy(raw).escape_debug().to_string();
    let unsafe_path = |why: &str| reject("unsafe_path", format!("{shown:?}: {why}"));
    if raw.is_empty() {
        return Err(reject("invalid_package", "an entry has an empty name"));
    }
    if raw.iter().any(|&b| b < 0x20 || b == 0x7f) {
        return Err(unsafe_path("control characters in a name"));
    }
    if raw.contains(&b'\\') {
        return Err(unsafe_path("backslashes in a name"));
    }
    if raw[0] == b'/' || (raw.len() >= 2 && raw[1] == b':') {
        return Err(unsafe_path("absolute paths are not allowed"));
    }
    let trimmed = if is_dir {
        raw.strip_suffix(b"/").unwrap_or(raw)
    } else {
        raw
    };
    if trimmed
        .split(|&b| b == b'/')
        .any(|seg| seg == b".." || seg == b".")
    {
        return Err(unsafe_path("`.` and `..` are not allowed in paths"));
    }
    let Ok(name) = std::str::from_utf8(trimmed) else {
        return Err(reject(
            "invalid_file_name",
            format!("{shown:?}: names must be ASCII letters, digits, `.`, `_`, `-` and `/`"),
        ));
    };
    let first = name.split('/').next().unwrap_or_default();
    let last = name.rsplit('/').next().unwrap_or_default();
    // What macOS's Finder adds to every zip it makes: never part of a game.
    if first == "__MACOSX" || last == ".DS_Store" || last.starts_with("._") {
        return Ok(None);
    }
    if is_dir {
        return Ok(None);
    }
    if name.len() > 200 || ObjectKey::new(name).is_err() {
        return Err(reject(
            "invalid_file_name",
            format!(
                "{shown:?}: names must be ASCII letters, digits, `.`, `_`, `-` and `/`, at most 200 bytes"
            ),
        ));
    }
    Ok(Some(name.to_owned()))
}

/// Only logic.js and metadata.json at the root; assets of allowed types under `assets/`.
fn check_placement(name: &str) -> ApiResult<()> {
    if name == "logic.js" || name == "metadata.json" {
        return Ok(());
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if let Some(rest) = name.strip_prefix("assets/") {
        if ext == "svg" || ext == "svgz" {
            return Err(reject(
                "unsupported_file_type",
                format!("{name}: SVG images can carry scripts; use PNG or WebP"),
            ));
        }
        if !rest.is_empty() && ASSET_EXTENSIONS.contains(&ext.as_str()) {
            return Ok(());
        }
        return Err(reject(
            "unsupported_file_type",
            format!("{name}: assets may be {}", ASSET_EXTENSIONS.join(", ")),
        ));
    }
    Err(reject(
        "unsupported_file_type",
        format!("{name}: a package holds logic.js, metadata.json and files under assets/ only"),
    ))
}

/// Reads the end-of-central-directory record to refuse archives with too many entries before the
/// zip reader allocates anything for them. Zip64 counts are left to the reader.
fn precheck_entry_count(f: &mut std::fs::File) -> ApiResult<()> {
    let len = f.metadata().map_err(internal)?.len();
    let tail_len = len.min(22 + 65_535);
    let mut tail = vec![0u8; usize::try_from(tail_len).unwrap_or(0)];
    f.seek(SeekFrom::Start(len - tail_len)).map_err(internal)?;
    f.read_exact(&mut tail).map_err(internal)?;
    let Some(pos) = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .filter(|p| p + 22 <= tail.len())
    else {
        return Err(reject(
            "invalid_package",
            "the package is not a zip archive",
        ));
    };
    let total = u16::from_le_bytes([tail[pos + 10], tail[pos + 11]]);
    if total != u16::MAX && usize::from(total) > MAX_ENTRIES {
        return Err(reject(
            "too_many_files",
            format!("the zip has {total} entries; at most {MAX_ENTRIES}"),
        ));
    }
    f.seek(SeekFrom::Start(0)).map_err(internal)?;
    Ok(())
}

/// Checks and extracts the zip at `zip_path` into `out` (blocking). `limit` bounds the unpacked
/// total, declared and actual.
fn unpack(zip_path: &Path, out: &Path, limit: u64) -> ApiResult<Unpacked> {
    let mut f = std::fs::File::open(zip_path).map_err(internal)?;
    precheck_entry_count(&mut f)?;
    let mut archive = zip::ZipArchive::new(BufReader::with_capacity(CHUNK, f)).map_err(|e| {
        reject(
            "invalid_package",
            format!("the package is not a readable zip archive: {e}"),
        )
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(reject(
            "too_many_files",
            format!(
                "the zip has {} entries; at most {MAX_ENTRIES}",
                archive.len()
            ),
        ));
    }
    if archive.has_duplicate_names() {
        return Err(reject(
            "duplicate_file",
            "the zip holds the same name twice",
        ));
    }

    // Pass 1, headers only: names, kinds, placement, declared sizes and ratios.
    let mut plan: Vec<Planned> = Vec::new();
    let mut lower: HashSet<String> = HashSet::new();
    let mut declared_total = 0u64;
    for index in 0..archive.len() {
        let e = archive.by_index_data(index).map_err(|e| {
            reject(
                "invalid_package",
                format!("a zip entry cannot be read: {e}"),
            )
        })?;
        let raw = e.name_raw().to_vec();
        let is_dir = e.is_dir();
        let Some(name) = check_name(&raw, is_dir)? else {
            continue;
        };
        if e.is_symlink() {
            return Err(reject(
                "unsafe_path",
                format!("{name}: symbolic links are not allowed"),
            ));
        }
        // Unix file type bits: only regular files (or none recorded, as DOS-made zips do).
        if let Some(mode) = e.unix_mode()
            && mode & 0o170000 != 0
            && mode & 0o170000 != 0o100000
        {
            return Err(reject(
                "unsupported_file_type",
                format!("{name}: only regular files are allowed"),
            ));
        }
        if !lower.insert(name.to_ascii_lowercase()) {
            return Err(reject(
                "duplicate_file",
                format!("{name}: two entries differ only in letter case"),
            ));
        }
        let (size, compressed) = (e.size(), e.compressed_size());
        if size > RATIO_FLOOR && size > compressed.max(1).saturating_mul(MAX_RATIO) {
            return Err(reject(
                "zip_bomb",
                format!("{name}: compressed more than {MAX_RATIO}:1"),
            ));
        }
        declared_total = declared_total.saturating_add(size);
        if declared_total > limit {
            return Err(ApiError::PayloadTooLarge(format!(
                "the package unpacks to more than {limit} bytes"
            )));
        }
        plan.push(Planned { index, name, size });
    }
    // A file may not also be a folder (`assets/a.png` and `assets/a.png/b.png`).
    for p in &plan {
        let lc = p.name.to_ascii_lowercase();
        let mut parent = lc.as_str();
        while let Some((up, _)) = parent.rsplit_once('/') {
            if lower.contains(up) {
                return Err(reject(
                    "invalid_file_name",
                    format!("{up} is both a file and a folder"),
                ));
            }
            parent = up;
        }
    }
    if !plan.iter().any(|p| p.name == "logic.js") {
        let nested = plan
            .iter()
            .find(|p| p.name.ends_with("/logic.js"))
            .map(|p| {
                format!(
                    " (found {}: zip the folder's contents, not the folder)",
                    p.name
                )
            })
            .unwrap_or_default();
        return Err(reject(
            "missing_logic",
            format!("the zip has no logic.js at its root{nested}"),
        ));
    }
    for p in &plan {
        check_placement(&p.name)?;
        if p.name == "logic.js" && p.size > jscheck::MAX_LOGIC_BYTES as u64 {
            return Err(reject(
                "invalid_logic",
                format!(
                    "logic.js is {} bytes; the limit is {}",
                    p.size,
                    jscheck::MAX_LOGIC_BYTES
                ),
            ));
        }
        if p.name == "metadata.json" && p.size > MAX_METADATA_BYTES as u64 {
            return Err(reject(
                "invalid_package",
                format!(
                    "metadata.json is {} bytes; the limit is {MAX_METADATA_BYTES}",
                    p.size
                ),
            ));
        }
    }

    // Pass 2: extract, bounding what actually comes out (headers can lie).
    let mut files = Vec::new();
    let mut logic = None;
    let mut metadata = None;
    let mut actual_total = 0u64;
    let mut buf = vec![0u8; CHUNK];
    for (n, p) in plan.into_iter().enumerate() {
        let mut entry = archive.by_index(p.index).map_err(|e| {
            reject(
                "invalid_package",
                format!("{}: cannot be unpacked: {e}", p.name),
            )
        })?;
        let compressed = entry.compressed_size();
        let path = out.join(format!("f{n}"));
        let mut file = std::fs::File::create(&path).map_err(internal)?;
        let keep = matches!(p.name.as_str(), "logic.js" | "metadata.json");
        let mut kept = Vec::new();
        let mut hasher = Sha256::new();
        let mut bytes = 0u64;
        // One byte more than declared is enough to know the header lied.
        let mut reader = (&mut entry).take(p.size + 1);
        loop {
            let got = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(got) => got,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(reject(
                        "invalid_package",
                        format!("{}: corrupt data: {e}", p.name),
                    ));
                }
            };
            bytes += got as u64;
            actual_total += got as u64;
            if bytes > p.size {
                return Err(reject(
                    "zip_bomb",
                    format!("{}: unpacks to more than its header declares", p.name),
                ));
            }
            if actual_total > limit {
                return Err(ApiError::PayloadTooLarge(format!(
                    "the package unpacks to more than {limit} bytes"
                )));
            }
            if bytes > RATIO_FLOOR && bytes > compressed.max(1).saturating_mul(MAX_RATIO) {
                return Err(reject(
                    "zip_bomb",
                    format!("{}: compressed more than {MAX_RATIO}:1", p.name),
                ));
            }
            hasher.update(&buf[..got]);
            file.write_all(&buf[..got]).map_err(internal)?;
            if keep {
                kept.extend_from_slice(&buf[..got]);
            }
        }
        if bytes != p.size {
            return Err(reject(
                "invalid_package",
                format!("{}: shorter than its header declares", p.name),
            ));
        }
        drop(file);
        match p.name.as_str() {
            "logic.js" => {
                logic = Some(
                    String::from_utf8(kept)
                        .map_err(|_| reject("invalid_logic", "logic.js is not UTF-8 text"))?,
                );
            }
            "metadata.json" => {
                // Rebuilt at store time from the validated fields.
                metadata = Some(kept);
                continue;
            }
            _ => {}
        }
        files.push(StagedFile {
            name: p.name,
            path,
            sha256: hex::encode(hasher.finalize()),
            bytes,
        });
    }
    let logic = logic.ok_or_else(|| reject("missing_logic", "the zip has no logic.js"))?;
    Ok(Unpacked {
        files,
        logic,
        metadata,
    })
}

impl StagedPackage {
    /// Stores the files ([`package::store_package`]: a fresh immutable prefix, unchanged files keep
    /// their keys) and returns (the version's package, the keys written so the caller can delete
    /// them if its transaction fails).
    ///
    /// `previous` = the live package. A zip replaces the whole file set; JSON logic (or params)
    /// keeps the files it does not carry (the assets). metadata.json is always (re)built: the
    /// previous metadata with the fields sent laid over it.
    pub async fn store(
        mut self,
        storage: &Storage,
        game_id: Uuid,
        previous: Option<&GameData>,
    ) -> ApiResult<(GameData, Vec<ObjectKey>)> {
        let metadata = self.metadata(previous);
        let metadata_bytes = metadata.to_json_bytes();
        let mut files: Vec<NewFile> = std::mem::take(&mut self.files)
            .into_iter()
            .map(|f| NewFile {
                path: f.name,
                body: Body::File(f.path),
                sha256: f.sha256,
                bytes: f.bytes,
            })
            .collect();
        files.push(NewFile::in_memory("metadata.json", metadata_bytes));
        // What a logic-only edit carries over from the previous version (its assets); a zip is a
        // whole package and keeps nothing.
        let mut keep = match (previous, self.complete) {
            (Some(p), false) => p.files.clone(),
            _ => Default::default(),
        };
        for f in &files {
            keep.remove(&f.path);
        }
        if !files.iter().any(|f| f.path == "logic.js") && !keep.contains_key("logic.js") {
            return Err(reject("missing_logic", "the package has no logic.js"));
        }
        let stored = package::store_package(
            storage,
            game_id,
            PrefixTag::Upload,
            files,
            previous.map(|p| &p.files),
            keep,
        )
        .await?;
        // The staged temp files are no longer needed once they are stored.
        drop(self.dir.take());
        let game_data = GameData {
            metadata,
            files: stored.files,
            ..GameData::default()
        };
        Ok((game_data, stored.written))
    }

    /// The package's metadata (also its metadata.json): the previous version's, with the fields sent
    /// laid over it.
    fn metadata(&self, previous: Option<&GameData>) -> Metadata {
        let mut m = previous.map(|p| p.metadata.0.clone()).unwrap_or_default();
        let defaults = [
            ("schema_version", json!(1)),
            ("runtime", json!("aimini-runtime/1")),
            ("description", json!("")),
            ("difficulty", json!("medium")),
            ("tags", json!([])),
        ];
        for (k, v) in defaults {
            m.entry(k).or_insert(v);
        }
        let s = &self.meta;
        let set = [
            ("title", s.title.as_ref().map(|v| json!(v))),
            ("description", s.description.as_ref().map(|v| json!(v))),
            ("category", s.category.as_ref().map(|v| json!(v))),
            ("difficulty", s.difficulty.as_ref().map(|v| json!(v))),
            ("tags", s.tags.as_ref().map(|v| json!(v))),
        ];
        for (k, v) in set {
            if let Some(v) = v {
                m.insert(k.to_owned(), v);
            }
        }
        if let Some(p) = &s.params {
            m.insert("params".to_owned(), p.clone());
            // Generated games keep theirs under template.params, which readers look at first.
            if let Some(t) = m.get_mut("template").and_then(Value::as_object_mut) {
                t.insert("params".to_owned(), p.clone());
            }
        }
        if !m.get("params").is_some_and(Value::is_object)
            && !m
                .get("template")
                .and_then(|t| t.get("params"))
                .is_some_and(Value::is_object)
        {
            m.insert("params".to_owned(), json!({}));
        }
        Metadata(m)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use aimini_models::config::{StorageBackend, StorageConfig};
    use axum::body::Body;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;

    const LOGIC: &str = "let n = 0;\naimini.game({\n  setup(ctx) { n = 0; },\n  update(ctx, dt) { n += dt; },\n  draw(ctx) { ctx.clear(\"#000\"); },\n});\n";

    fn opts() -> SimpleFileOptions {
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            if name.ends_with('/') {
                w.add_directory(*name, opts()).expect("dir");
            } else {
                w.start_file(*name, opts()).expect("start");
                w.write_all(data).expect("write");
            }
        }
        w.finish().expect("finish").into_inner()
    }

    fn unpack_bytes(zip: &[u8], limit: u64) -> (tempfile::TempDir, ApiResult<Unpacked>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.zip");
        std::fs::write(&path, zip).expect("write zip");
        let res = unpack(&path, dir.path(), limit);
        (dir, res)
    }

    /// The error code of a refusal (`validation_failed`, `zip_bomb`, ...).
    fn code(e: &ApiError) -> String {
        let resp = axum::response::IntoResponse::into_response(match e {
            ApiError::Http {
                status,
                code,
                message,
            } => ApiError::Http {
                status: *status,
                code,
                message: message.clone(),
            },
            ApiError::PayloadTooLarge(m) => ApiError::PayloadTooLarge(m.clone()),
            ApiError::Validation(f) => ApiError::Validation(f.clone()),
            ApiError::BadRequest { code, message } => ApiError::BadRequest {
                code,
                message: message.clone(),
            },
            ApiError::UnsupportedMediaType(m) => ApiError::UnsupportedMediaType(m.clone()),
            other => panic!("unexpected error {other:?}"),
        });
        let status = resp.status();
        let body = futures::executor::block_on(axum::body::to_bytes(resp.into_body(), 1 << 20))
            .expect("body");
        let v: Value = serde_json::from_slice(&body).expect("json");
        format!(
            "{} {}",
            status.as_u16(),
            v["error"]["code"].as_str().unwrap_or_default()
        )
    }

    fn refused(zip: &[u8], limit: u64) -> String {
        match unpack_bytes(zip, limit).1 {
            Ok(_) => panic!("accepted"),
            Err(e) => code(&e),
        }
    }

    #[test]
    fn a_package_with_assets_unpacks_with_hashes() {
        let png = b"\x89PNG\r\n\x1a\nfake image bytes";
        let zip = zip_of(&[
            ("assets/", b""),
            ("logic.js", LOGIC.as_bytes()),
            ("metadata.json", br#"{"title":"From zip","runtime":"x"}"#),
            ("assets/hero.png", png),
            ("assets/sfx/jump.wav", b"RIFF....WAVE"),
            ("__MACOSX/._logic.js", b"litter"),
        ]);
        let (_dir, res) = unpack_bytes(&zip, 1 << 20);
        let u = res.expect("unpacked");
        assert_eq!(u.logic, LOGIC);
        assert_eq!(
            u.metadata.as_deref(),
            Some(&br#"{"title":"From zip","runtime":"x"}"#[..])
        );
        let names: Vec<&str> = u.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["logic.js", "assets/hero.png", "assets/sfx/jump.wav"]
        );
        let hero = &u.files[1];
        assert_eq!(hero.bytes, png.len() as u64);
        assert_eq!(hero.sha256, hex::encode(Sha256::digest(png)));
        assert_eq!(std::fs::read(&hero.path).expect("extracted"), png);
    }

    #[test]
    fn not_a_zip_is_refused() {
        assert_eq!(
            refused(b"this is not a zip at all", 1 << 20),
            "422 invalid_package"
        );
        assert_eq!(refused(b"", 1 << 20), "422 invalid_package");
        // A real end-of-directory record in front of garbage.
        let mut fake = vec![0u8; 100];
        fake.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0\x30\0\0\0\0\0\0\0\0\0");
        assert_eq!(refused(&fake, 1 << 20), "422 invalid_package");
    }

    #[test]
    fn zip_bombs_are_refused() {
        let zeros = vec![0u8; 4 << 20];
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.txt", &zeros)]);
        assert!(zip.len() < 64 * 1024, "highly compressed: {}", zip.len());
        assert_eq!(refused(&zip, 10 << 20), "422 zip_bomb");
        // Over the unpacked limit, though well compressed, it is too large before it is a bomb.
        let text: Vec<u8> = (0..300_000u32)
            .flat_map(|i| i.to_string().into_bytes())
            .collect();
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.txt", &text)]);
        assert_eq!(refused(&zip, 100_000), "413 payload_too_large");
        // Small files that compress absurdly well are no bomb.
        let small = vec![b'a'; 60_000];
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.txt", &small)]);
        assert!(unpack_bytes(&zip, 1 << 20).1.is_ok());
    }

    /// Rewrites every uncompressed-size field of a zip made of one stored entry.
    fn lie_about_size(zip: &mut [u8], size: u32) {
        let patch = |zip: &mut [u8], sig: &[u8], off: usize| {
            let mut i = 0;
            while let Some(p) = zip[i..].windows(4).position(|w| w == sig) {
                let at = i + p + off;
                zip[at..at + 4].copy_from_slice(&size.to_le_bytes());
                i += p + 4;
            }
        };
        patch(zip, b"PK\x03\x04", 22);
        patch(zip, b"PK\x01\x02", 24);
    }

    #[test]
    fn entries_larger_than_their_header_says_are_refused() {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        w.start_file("logic.js", stored).expect("start");
        w.write_all(LOGIC.as_bytes()).expect("write");
        let mut zip = w.finish().expect("finish").into_inner();
        lie_about_size(&mut zip, 10);
        // Caught by the zip reader's own check or, failing that, by ours: refused either way.
        let err = unpack_bytes(&zip, 1 << 20).1.err().expect("refused");
        assert!(code(&err).starts_with("422 "), "{err}");
        assert!(err.to_string().contains("declare"), "{err}");
    }

    #[test]
    fn unsafe_names_are_refused() {
        for name in [
            "../x.png",
            "assets/../../x.png",
            "/abs/logic.js",
            "a\\b.png",
            "assets/./a.png",
            "C:/x.png",
            "assets/a\u{1}.png",
        ] {
            let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), (name, b"x")]);
            assert_eq!(refused(&zip, 1 << 20), "422 unsafe_path", "{name:?}");
        }
        for name in ["assets/my sprite.png", "assets/ünï.png"] {
            let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), (name, b"x")]);
            assert_eq!(refused(&zip, 1 << 20), "422 invalid_file_name", "{name:?}");
        }
    }

    #[test]
    fn symlinks_and_special_files_are_refused() {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("logic.js", opts()).expect("start");
        w.write_all(LOGIC.as_bytes()).expect("write");
        w.add_symlink("assets/a.png", "/etc/passwd", opts())
            .expect("symlink");
        let zip = w.finish().expect("finish").into_inner();
        assert_eq!(refused(&zip, 1 << 20), "422 unsafe_path");

        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("logic.js", opts()).expect("start");
        w.write_all(LOGIC.as_bytes()).expect("write");
        let fifo = opts()
            .system(zip::System::Unix)
            .external_attributes((0o010_644) << 16);
        w.start_file("assets/a.png", fifo).expect("start");
        let zip = w.finish().expect("finish").into_inner();
        assert_eq!(refused(&zip, 1 << 20), "422 unsupported_file_type");
    }

    #[test]
    fn placement_types_and_counts_are_checked() {
        type Entries<'a> = &'a [(&'a str, &'a [u8])];
        let cases: &[(Entries, &str)] = &[
            (&[("assets/a.png", b"x")], "422 missing_logic"),
            (&[("game/logic.js", LOGIC.as_bytes())], "422 missing_logic"),
            (
                &[("logic.js", LOGIC.as_bytes()), ("assets/a.svg", b"<svg/>")],
                "422 unsupported_file_type",
            ),
            (
                &[("logic.js", LOGIC.as_bytes()), ("assets/a.html", b"<p>")],
                "422 unsupported_file_type",
            ),
            (
                &[("logic.js", LOGIC.as_bytes()), ("assets/a.js", b"1")],
                "422 unsupported_file_type",
            ),
            (
                &[("logic.js", LOGIC.as_bytes()), ("index.html", b"<p>")],
                "422 unsupported_file_type",
            ),
            (
                &[
                    ("logic.js", LOGIC.as_bytes()),
                    ("assets/A.png", b"1"),
                    ("assets/a.PNG", b"2"),
                ],
                "422 duplicate_file",
            ),
            (
                &[
                    ("logic.js", LOGIC.as_bytes()),
                    ("assets/a.png", b"1"),
                    ("assets/a.png/b.png", b"2"),
                ],
                "422 invalid_file_name",
            ),
            (&[("logic.js", b"\xff\xfe not utf-8")], "422 invalid_logic"),
        ];
        for (entries, want) in cases {
            assert_eq!(
                refused(&zip_of(entries), 1 << 20),
                *want,
                "{:?}",
                entries.iter().map(|e| e.0).collect::<Vec<_>>()
            );
        }
        let many: Vec<(String, Vec<u8>)> = (0..=MAX_ENTRIES)
            .map(|i| (format!("assets/{i}.txt"), vec![b'x']))
            .collect();
        let mut entries: Vec<(&str, &[u8])> = many
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        entries.push(("logic.js", LOGIC.as_bytes()));
        assert_eq!(refused(&zip_of(&entries), 1 << 20), "422 too_many_files");
        let err = unpack_bytes(&zip_of(&[("game/logic.js", LOGIC.as_bytes())]), 1 << 20)
            .1
            .err()
            .expect("refused");
        assert!(
            err.to_string().contains("zip the folder's contents"),
            "{err}"
        );
    }

    #[test]
    fn logic_findings_are_listed_with_positions() {
        let err = check_logic("function init(ctx) {\n  fetch('/x');\n  eval('1');\n}\n")
            .expect_err("blocked");
        assert_eq!(code(&err), "422 blocked_api");
        let msg = err.to_string();
        assert!(msg.contains("logic.js:2:3 `fetch` is not allowed"), "{msg}");
        assert!(msg.contains("logic.js:3:3 `eval` is not allowed"), "{msg}");
        let err = check_logic("function (").expect_err("syntax");
        assert_eq!(code(&err), "422 invalid_logic");
        assert!(check_logic(LOGIC).is_ok());
    }

    fn json_req(body: &Value) -> Request {
        Request::builder()
            .method("POST")
            .uri("/api/v1/games")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(serde_json::to_vec(body).expect("json")))
            .expect("request")
    }

    fn multipart_req(metadata: Option<&Value>, zip: Option<&[u8]>) -> Request {
        let b = "XyZ-boundary-123";
        let mut body = Vec::new();
        if let Some(m) = metadata {
            body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{m}\r\n").as_bytes());
        }
        if let Some(z) = zip {
            body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"game.zip\"\r\nContent-Type: application/zip\r\n\r\n").as_bytes());
            body.extend_from_slice(z);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
        Request::builder()
            .method("POST")
            .uri("/api/v1/games")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={b}"),
            )
            .body(Body::from(body))
            .expect("request")
    }

    async fn input(req: Request, mode: Mode) -> Result<GameInput, String> {
        read_input_limited(1 << 20, req, mode)
            .await
            .map_err(|e| code(&e))
    }

    #[tokio::test]
    async fn json_bodies_are_validated_and_normalised() {
        let ok = input(
            json_req(&json!({"title": "  Snake  ", "category": "arcade", "tags": ["Retro", "retro", " fun-2 "],
                "params": {"speed": 3}, "logic": LOGIC})),
            Mode::Create,
        )
        .await
        .expect("accepted");
        assert_eq!(ok.meta.title.as_deref(), Some("Snake"));
        assert_eq!(
            ok.meta.tags,
            Some(vec!["retro".to_owned(), "fun-2".to_owned()])
        );
        let pkg = ok.package.expect("package");
        assert_eq!(pkg.files.len(), 1);
        assert_eq!(
            std::fs::read_to_string(&pkg.files[0].path).expect("staged"),
            LOGIC
        );

        let unknown = input(
            json_req(&json!({"title": "x", "category": "arcade", "logic": LOGIC, "extra": 1})),
            Mode::Create,
        )
        .await;
        assert_eq!(unknown.err().as_deref(), Some("422 invalid_body"));
        let missing = read_input_limited(
            1 << 20,
            json_req(&json!({"description": "d"})),
            Mode::Create,
        )
        .await
        .expect_err("refused");
        let ApiError::Validation(fields) = &missing else {
            panic!("{missing:?}")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["title", "category", "logic"]);
        let bad = read_input_limited(
            1 << 20,
            json_req(&json!({"title": "x".repeat(201), "category": "sports", "difficulty": "brutal",
                "tags": ["no spaces"], "params": [1], "description": "d".repeat(5001), "logic": LOGIC})),
            Mode::Create,
        )
        .await
        .expect_err("refused");
        let ApiError::Validation(fields) = &bad else {
            panic!("{bad:?}")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            names,
            [
                "title",
                "description",
                "category",
                "difficulty",
                "tags",
                "params"
            ]
        );
        let tags: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
        let many = input(
            json_req(&json!({"title": "x", "category": "arcade", "tags": tags, "logic": LOGIC})),
            Mode::Create,
        )
        .await;
        assert_eq!(many.err().as_deref(), Some("422 validation_failed"));
        let blocked = input(
            json_req(&json!({"title": "x", "category": "arcade", "logic": "fetch('/steal')"})),
            Mode::Create,
        )
        .await;
        assert_eq!(blocked.err().as_deref(), Some("422 blocked_api"));
        let syntax = Request::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{\"title\":"))
            .expect("request");
        assert_eq!(
            input(syntax, Mode::Create).await.err().as_deref(),
            Some("400 invalid_json")
        );
        let text = Request::builder()
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("hi"))
            .expect("request");
        assert_eq!(
            input(text, Mode::Create).await.err().as_deref(),
            Some("415 unsupported_media_type")
        );

        // Edits: every field optional; title-only changes nothing in the package, params do.
        let edit = input(json_req(&json!({"title": "New"})), Mode::Update)
            .await
            .expect("edit");
        assert!(edit.package.is_none());
        let edit = input(json_req(&json!({"params": {"a": 1}})), Mode::Update)
            .await
            .expect("edit");
        assert!(edit.package.is_some_and(|p| p.files.is_empty()));
        let blank = input(json_req(&json!({"title": "  "})), Mode::Update).await;
        assert_eq!(blank.err().as_deref(), Some("422 validation_failed"));
    }

    #[tokio::test]
    async fn multipart_uploads_merge_metadata_and_bound_sizes() {
        let zip = zip_of(&[
            ("logic.js", LOGIC.as_bytes()),
            ("metadata.json", br#"{"title":"Zip title","description":"from zip","template":{"params":{"k":1}},"controls":"x"}"#),
            ("assets/a.png", b"png"),
        ]);
        let got = input(
            multipart_req(
                Some(&json!({"title": "Part title", "category": "puzzle"})),
                Some(&zip),
            ),
            Mode::Create,
        )
        .await
        .expect("accepted");
        assert_eq!(got.meta.title.as_deref(), Some("Part title"));
        assert_eq!(got.meta.description.as_deref(), Some("from zip"));
        assert_eq!(got.meta.params, Some(json!({"k": 1})));
        let pkg = got.package.expect("package");
        assert!(pkg.complete);
        assert_eq!(pkg.files.len(), 2);

        let no_package = input(
            multipart_req(Some(&json!({"title": "t", "category": "puzzle"})), None),
            Mode::Create,
        )
        .await;
        assert_eq!(no_package.err().as_deref(), Some("422 validation_failed"));
        let unknown = input(
            multipart_req(
                Some(&json!({"title": "t", "category": "puzzle", "logic": "x"})),
                Some(&zip),
            ),
            Mode::Create,
        )
        .await;
        assert_eq!(unknown.err().as_deref(), Some("422 invalid_body"));
        let bomb = zip_of(&[
            ("logic.js", LOGIC.as_bytes()),
            ("assets/z.txt", &vec![0u8; 2 << 20]),
        ]);
        let r = read_input_limited(
            1 << 20,
            multipart_req(
                Some(&json!({"title": "t", "category": "puzzle"})),
                Some(&bomb),
            ),
            Mode::Create,
        )
        .await;
        assert_eq!(r.err().map(|e| code(&e)).as_deref(), Some("422 zip_bomb"));
        let big: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/big.txt", &big)]);
        let r = read_input_limited(
            50_000,
            multipart_req(
                Some(&json!({"title": "t", "category": "puzzle"})),
                Some(&zip),
            ),
            Mode::Create,
        )
        .await;
        assert_eq!(
            r.err().map(|e| code(&e)).as_deref(),
            Some("413 payload_too_large")
        );
    }

    async fn local_storage() -> (Storage, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("tempdir");
        let storage = Storage::connect(&StorageConfig {
            backend: StorageBackend::Local {
                dir: dir.path().to_path_buf(),
            },
            public_base_url: None,
        })
        .await
        .expect("storage");
        (storage, dir)
    }

    #[tokio::test]
    async fn store_writes_fresh_immutable_keys_and_shares_unchanged_ones() {
        let (storage, _root) = local_storage().await;
        let game = Uuid::new_v4();
        let zip = zip_of(&[
            ("logic.js", LOGIC.as_bytes()),
            ("assets/a.png", b"png-bytes"),
        ]);
        let created = input(
            multipart_req(
                Some(&json!({"title": "G", "category": "puzzle", "params": {"p": 1}})),
                Some(&zip),
            ),
            Mode::Create,
        )
        .await
        .expect("accepted");
        let (p1, keys) = created
            .package
            .expect("pkg")
            .store(&storage, game, None)
            .await
            .expect("store");
        let v1 = p1.to_value();
        assert_eq!(v1["schema_version"], 1);
        assert_eq!(v1["metadata"]["title"], "G");
        assert_eq!(v1["metadata"]["params"], json!({"p": 1}));
        assert_eq!(keys.len(), 3, "logic, asset, metadata");
        let prefix = format!("games/{game}/u");
        for name in ["logic.js", "metadata.json", "assets/a.png"] {
            let f = &v1["files"][name];
            let key = f["key"].as_str().expect("key");
            assert!(
                key.starts_with(&prefix) && key.ends_with(&format!("/{name}")),
                "{key}"
            );
            assert_eq!(key.len(), prefix.len() + 12 + 1 + name.len(), "{key}");
            let obj = storage
                .get(&ObjectKey::new(key).expect("key"))
                .await
                .expect("get")
                .expect("stored");
            assert_eq!(f["sha256"], hex::encode(Sha256::digest(&obj.bytes)));
            assert_eq!(f["bytes"], obj.bytes.len());
        }
        assert_eq!(v1["files"]["assets/a.png"]["content_type"], "image/png");
        let meta_key = ObjectKey::new(v1["files"]["metadata.json"]["key"].as_str().expect("key"))
            .expect("key");
        let stored_meta: Value = serde_json::from_slice(
            &storage
                .get(&meta_key)
                .await
                .expect("get")
                .expect("meta")
                .bytes,
        )
        .expect("json");
        assert_eq!(stored_meta, v1["metadata"]);

        // A JSON edit with new logic keeps the asset's key and gets a new logic key.
        let new_logic = LOGIC.replace("n = 0", "n = 1");
        let edit = input(json_req(&json!({"logic": new_logic})), Mode::Update)
            .await
            .expect("edit");
        let (p2, keys2) = edit
            .package
            .expect("pkg")
            .store(&storage, game, Some(&p1))
            .await
            .expect("store");
        let v2 = p2.to_value();
        assert_eq!(v2["files"]["assets/a.png"], v1["files"]["assets/a.png"]);
        assert_ne!(
            v2["files"]["logic.js"]["key"],
            v1["files"]["logic.js"]["key"]
        );
        assert_eq!(v2["metadata"]["title"], "G");
        // metadata.json is unchanged, so it is shared too; only logic.js was written.
        assert_eq!(v2["files"]["metadata.json"], v1["files"]["metadata.json"]);
        assert_eq!(keys2.len(), 1);

        // A params-only edit rewrites metadata.json alone.
        let edit = input(json_req(&json!({"params": {"p": 2}})), Mode::Update)
            .await
            .expect("edit");
        let (p3, keys3) = edit
            .package
            .expect("pkg")
            .store(&storage, game, Some(&p2))
            .await
            .expect("store");
        let v3 = p3.to_value();
        assert_eq!(keys3.len(), 1);
        assert_eq!(v3["metadata"]["params"], json!({"p": 2}));
        assert_eq!(v3["files"]["logic.js"], v2["files"]["logic.js"]);

        // A zip is a whole package: assets it does not carry are gone from the new version.
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes())]);
        let edit = input(multipart_req(None, Some(&zip)), Mode::Update)
            .await
            .expect("edit");
        let (p4, _) = edit
            .package
            .expect("pkg")
            .store(&storage, game, Some(&p3))
            .await
            .expect("store");
        let v4 = p4.to_value();
        assert!(v4["files"].get("assets/a.png").is_none());
        // The same zip again: every object is shared, nothing is written.
        let edit = input(multipart_req(None, Some(&zip)), Mode::Update)
            .await
            .expect("edit");
        let (p5, keys5) = edit
            .package
            .expect("pkg")
            .store(&storage, game, Some(&p4))
            .await
            .expect("store");
        let v5 = p5.to_value();
        assert_eq!(v5["files"], v4["files"]);
        assert!(keys5.is_empty(), "{keys5:?}");
        // Old versions' objects are untouched.
        let old =
            ObjectKey::new(v1["files"]["assets/a.png"]["key"].as_str().expect("key")).expect("key");
        assert!(storage.get(&old).await.expect("get").is_some());
    }

    #[tokio::test]
    async fn temp_files_go_away_with_the_package() {
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.png", b"png")]);
        let got = input(
            multipart_req(
                Some(&json!({"title": "G", "category": "puzzle"})),
                Some(&zip),
            ),
            Mode::Create,
        )
        .await
        .expect("accepted");
        let pkg = got.package.expect("pkg");
        let dir = pkg.dir.as_ref().expect("dir").path().to_path_buf();
        assert!(dir.join("f0").exists());
        assert!(
            !dir.join("package.zip").exists(),
            "the zip is removed once unpacked"
        );
        drop(pkg);
        assert!(!dir.exists());
    }
}
