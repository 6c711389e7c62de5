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
//!
//! Layout: this module holds the shapes, the metadata rules and storing; [`read`] reads the body
//! (JSON or streamed multipart), [`zip`] distrusts and unpacks the archive.

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

mod read;
#[cfg(test)]
mod tests;
mod zip;

use self::read::{read_json, read_multipart};

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
