//! The game package, once: what `games.game_data` and `game_versions.game_data` hold, and the one
//! way it is written to storage ([`store_package`]) for uploads, edits and generated games alike.
//!
//! Design decisions:
//! - **Files are typed, metadata is an open object with typed readers.** `files` maps each path
//!   (`logic.js`, `metadata.json`, `assets/...`) to a [`FileEntry`]; readers look keys up there
//!   instead of building them, because versions share unchanged objects. `metadata` is the package's
//!   `metadata.json`, which the player reads and which packages may extend (a generated game carries
//!   `controls`, `template`, `engine`...): it stays a JSON object so nothing an author wrote is lost,
//!   and aimini reads the fields it needs through [`Metadata`]'s methods only.
//! - **Read-compat, no migration.** Rows written before this type existed are read as they are:
//!   generated packages had no `content_type` (it is derived from the path, as storage does), rows
//!   inserted by hand may lack `sha256`, `bytes` or the whole `files` map. Writing normalises them.
//! - **Objects are immutable.** [`store_package`] writes under a fresh prefix
//!   (`games/{game_id}/{tag}{12 hex}/`), keeps the old key of a file whose bytes did not change
//!   (same sha256 and size as the previous version's file of that name), and deletes what it wrote
//!   if any upload fails, so a failed store leaves no orphan.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bytes::Bytes;
use futures::StreamExt as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use crate::storage::{self, ObjectKey, Storage, StorageError};

/// The `schema_version` this code writes.
pub const SCHEMA_VERSION: u32 = 1;

fn schema_version() -> u32 {
    SCHEMA_VERSION
}

/// A game package as stored in the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameData {
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default)]
    pub files: BTreeMap<String, FileEntry>,
    /// What the headless smoke test measured when this version passed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smoke_test: Option<SmokeSummary>,
    /// Set instead of `smoke_test` when the version passed the gate without a run of its own:
    /// its code is a fuzz-tested template's, byte for byte, and its parameters passed that
    /// template's schema (the rule is the worker's `verified` module).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<TemplateVerified>,
    /// Set on a fork's first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forked_from: Option<ForkedFrom>,
}

impl Default for GameData {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            metadata: Metadata::default(),
            files: BTreeMap::new(),
            smoke_test: None,
            verified: None,
            forked_from: None,
        }
    }
}

impl GameData {
    /// Reads a stored row's `game_data`. Anything that is not a package at all (not an object,
    /// files of the wrong shape) is an error: such a row was not written by aimini.
    pub fn from_value(v: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(v)
    }

    /// The form stored in the database.
    pub fn to_value(&self) -> Value {
        // A struct of strings, numbers and maps: serialising it cannot fail.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The storage key of one file, if the package has it and the key is valid.
    pub fn key(&self, path: &str) -> Option<ObjectKey> {
        self.files.get(path).and_then(FileEntry::object_key)
    }
}

/// One file of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

impl FileEntry {
    pub fn object_key(&self) -> Option<ObjectKey> {
        ObjectKey::new(self.key.clone()).ok()
    }

    /// The stored content type, or the one storage derives from the path (older generated
    /// packages did not record it).
    pub fn content_type_or_derived(&self, path: &str) -> String {
        self.content_type
            .clone()
            .unwrap_or_else(|| storage::content_type_for(path).to_owned())
    }

    /// Whether `bytes` are this file's content (same digest and size), so its object can be kept.
    fn holds(&self, sha256: &str, bytes: u64) -> bool {
        self.sha256.as_deref() == Some(sha256) && self.bytes == Some(bytes)
    }
}

/// The smoke report kept with a version (what a details view may show).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmokeSummary {
    pub frames: u32,
    pub avg_frame_ms: f64,
    pub max_frame_ms: f64,
    pub input_changes_picture: bool,
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// Which fuzz-tested template code a version runs (see [`GameData::verified`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVerified {
    pub template: String,
    /// The SHA-256 of `logic.js`, as the fuzz recorded it.
    pub logic_sha256: String,
    /// Parameter sets the fuzz played the template with.
    pub fuzz_cases: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForkedFrom {
    pub game_id: Uuid,
    pub version: i32,
}

/// A package's `metadata.json`: an open JSON object (see the module docs) with typed readers for
/// what aimini itself reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Metadata(pub Map<String, Value>);

impl Metadata {
    /// `metadata.json` as read from storage; anything but an object reads as empty.
    pub fn from_value(v: Value) -> Self {
        match v {
            Value::Object(m) => Self(m),
            _ => Self::default(),
        }
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    pub fn title(&self) -> Option<&str> {
        self.text("title")
    }

    pub fn description(&self) -> Option<&str> {
        self.text("description")
    }

    /// The language of the game's texts (`language`); English when absent or not one aimini serves.
    pub fn language(&self) -> crate::lang::Lang {
        self.text("language")
            .and_then(|l| serde_json::from_value(Value::String(l.to_owned())).ok())
            .unwrap_or(crate::lang::Lang::En)
    }

    /// The template a generated game was filled from, if any.
    pub fn template_id(&self) -> Option<&str> {
        self.0
            .get("template")
            .and_then(|t| t.get("id"))
            .and_then(Value::as_str)
    }

    /// Whether a model or an author wrote the code (no template): such code is reviewed as text.
    pub fn is_templated(&self) -> bool {
        self.0.get("template").is_some_and(|t| !t.is_null())
    }

    /// The parameters the game starts with: a generated game's `template.params`, else the
    /// top-level `params`, else none.
    pub fn start_params(&self) -> Value {
        [
            self.0.get("template").and_then(|t| t.get("params")),
            self.0.get("params"),
        ]
        .into_iter()
        .flatten()
        .find(|p| p.is_object())
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()))
    }

    /// The bytes of `metadata.json`.
    pub fn to_json_bytes(&self) -> Bytes {
        Bytes::from(serde_json::to_vec_pretty(&self.0).unwrap_or_default())
    }
}

/// Where a file's bytes are before they are stored.
#[derive(Debug)]
pub enum Body {
    Memory(Bytes),
    /// A staged temp file (uploads stream from disk, never held whole in memory).
    File(PathBuf),
}

/// One file to store: its path in the package, its bytes, their sha256 (hex) and size.
#[derive(Debug)]
pub struct NewFile {
    pub path: String,
    pub body: Body,
    pub sha256: String,
    pub bytes: u64,
}

impl NewFile {
    pub fn in_memory(path: impl Into<String>, body: Bytes) -> Self {
        Self {
            path: path.into(),
            sha256: hex::encode(Sha256::digest(&body)),
            bytes: body.len() as u64,
            body: Body::Memory(body),
        }
    }
}

/// What kind of write made a prefix, for people reading bucket listings: `g` generation, `u` upload
/// or edit, `f` fork.
#[derive(Debug, Clone, Copy)]
pub enum PrefixTag {
    Generation,
    Upload,
    Fork,
}

impl PrefixTag {
    fn letter(self) -> char {
        match self {
            Self::Generation => 'g',
            Self::Upload => 'u',
            Self::Fork => 'f',
        }
    }
}

/// A fresh, never-used prefix for one version's new objects.
pub fn fresh_prefix(game_id: Uuid, tag: PrefixTag) -> String {
    format!(
        "games/{game_id}/{}{}",
        tag.letter(),
        &Uuid::new_v4().simple().to_string()[..12]
    )
}

/// The files of a stored package and the keys this store wrote (the caller deletes them if its
/// transaction fails: nothing else references them).
#[derive(Debug)]
pub struct Stored {
    pub files: BTreeMap<String, FileEntry>,
    pub written: Vec<ObjectKey>,
}

/// Stores `files` for `game_id` under a fresh prefix: each file whose bytes equal the file of the
/// same path in `previous` keeps that key (nothing uploaded); the others are uploaded, at most four
/// at a time. `keep` are entries carried over unchanged (the assets of a logic-only edit). On any
/// upload error, what was written is deleted and the error returned.
pub async fn store_package(
    storage: &Storage,
    game_id: Uuid,
    tag: PrefixTag,
    files: Vec<NewFile>,
    previous: Option<&BTreeMap<String, FileEntry>>,
    keep: BTreeMap<String, FileEntry>,
) -> Result<Stored, StorageError> {
    let prefix = fresh_prefix(game_id, tag);
    let mut entries = keep;
    let mut uploads = Vec::new();
    for f in files {
        let same = previous
            .and_then(|p| p.get(&f.path))
            .filter(|old| old.holds(&f.sha256, f.bytes))
            .and_then(FileEntry::object_key);
        let content_type = storage::content_type_for(&f.path);
        let key = match same {
            Some(old) => old,
            None => {
                let key = ObjectKey::new(format!("{prefix}/{}", f.path))?;
                uploads.push((key.clone(), f.body, content_type));
                key
            }
        };
        entries.insert(
            f.path,
            FileEntry {
                key: key.as_str().to_owned(),
                sha256: Some(f.sha256),
                bytes: Some(f.bytes),
                content_type: Some(content_type.to_owned()),
            },
        );
    }
    let written: Vec<ObjectKey> = uploads.iter().map(|(k, _, _)| k.clone()).collect();
    // Owned futures (a cloned client each): a closure borrowing `storage` makes callers' futures
    // fail axum's `Send` + higher-ranked lifetime bounds.
    let puts: Vec<_> = uploads
        .into_iter()
        .map(|(key, body, content_type)| {
            let storage = storage.clone();
            async move {
                match body {
                    Body::Memory(b) => storage.put(&key, b, content_type).await,
                    Body::File(path) => storage.put_file(&key, &path, content_type).await,
                }
            }
        })
        .collect();
    let results: Vec<Result<(), StorageError>> = futures::stream::iter(puts)
        .buffer_unordered(4)
        .collect()
        .await;
    if let Some(err) = results.into_iter().find_map(Result::err) {
        storage.delete_orphans(&written).await;
        return Err(err);
    }
    Ok(Stored {
        files: entries,
        written,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_written_before_the_type_read_as_packages() {
        // The generation path stored no content_type; hand-made rows may have no files at all.
        let generated = json!({
            "schema_version": 1,
            "metadata": {"title": "T", "template": {"id": "snake", "params": {"speed": 3}}},
            "files": {"logic.js": {"key": "games/x/logic.js", "sha256": "ab", "bytes": 2}},
            "smoke_test": {"frames": 180, "avg_frame_ms": 0.5, "max_frame_ms": 2.0,
                           "input_changes_picture": true, "warnings": []},
        });
        let g = GameData::from_value(generated).expect("generated row");
        assert_eq!(g.key("logic.js").expect("key").as_str(), "games/x/logic.js");
        assert_eq!(
            g.files["logic.js"].content_type_or_derived("logic.js"),
            "text/javascript"
        );
        assert_eq!(g.metadata.template_id(), Some("snake"));
        assert_eq!(g.metadata.start_params(), json!({"speed": 3}));
        assert_eq!(g.smoke_test.as_ref().map(|s| s.frames), Some(180));
        let empty = GameData::from_value(json!({})).expect("empty row");
        assert_eq!(empty, GameData::default());
        assert!(empty.key("logic.js").is_none());
        assert!(GameData::from_value(json!({"files": []})).is_err());
    }

    #[test]
    fn metadata_keeps_what_authors_wrote() {
        let meta =
            json!({"title": "T", "controls": {"keys": "WASD"}, "params": {"a": 1}, "x": [1]});
        let g = GameData::from_value(json!({"metadata": meta})).expect("row");
        assert_eq!(g.to_value()["metadata"], meta);
        assert_eq!(g.metadata.start_params(), json!({"a": 1}));
        assert!(!g.metadata.is_templated());
        assert_eq!(g.to_value()["schema_version"], 1);
        assert!(g.to_value().get("smoke_test").is_none());
    }
}
