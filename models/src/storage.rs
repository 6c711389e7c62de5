//! Object storage: S3-compatible (AWS, MinIO, SeaweedFS, Garage) or a local directory (the embedded
//! default). Keys follow one layout for both: `games/{game_id}/...`, `avatars/{user_id}/...`.
//!
//! Large objects (game packages) move as streams: [`Storage::put_file`] uploads from a file on disk
//! and [`Storage::get_stream`] hands the body out chunk by chunk, so neither side ever holds a whole
//! object in memory. Private objects are handed out as expiring links ([`Storage::presign_get`]):
//! S3 signs its own; the local backend has no signer of its own, so the API signs a link to its
//! media route through [`LinkSigner`] and verifies it there.

use std::path::{Path, PathBuf};
use std::time::Duration;

use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_s3::primitives::ByteStream;
use bytes::Bytes;
use secrecy::ExposeSecret;
use url::Url;

use crate::config::{StorageBackend, StorageConfig};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("invalid object key {0:?}")]
    InvalidKey(String),
    #[error("storage backend error: {0}")]
    Backend(String),
}

/// A validated object key: `/`-separated segments of `[A-Za-z0-9._-]`, no `..`, no empty segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectKey(String);

impl ObjectKey {
    pub fn new(key: impl Into<String>) -> Result<Self, StorageError> {
        let key = key.into();
        let ok = !key.is_empty()
            && key.len() <= 512
            && key.split('/').all(|seg| {
                !seg.is_empty()
                    && seg != "."
                    && seg != ".."
                    && seg
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
            });
        if ok {
            Ok(Self(key))
        } else {
            Err(StorageError::InvalidKey(key))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone)]
pub struct Object {
    pub bytes: Bytes,
    pub content_type: String,
}

/// An object being read; `body` yields it chunk by chunk.
#[derive(Debug)]
pub struct ObjectStream {
    pub body: ByteStream,
    pub content_type: String,
    pub content_length: Option<u64>,
}

/// Signs links to the API's media route for the local backend (which cannot sign its own).
pub trait LinkSigner: Send + Sync {
    /// The `t` query value that authorizes GET of `key` until `exp` (Unix seconds).
    fn sign(&self, key: &ObjectKey, exp: i64) -> String;
}

/// Read buffer for streaming files: big enough that a 10 MB object is ~160 chunks, small enough
/// that a few hundred concurrent downloads stay in the tens of MB.
const FILE_CHUNK: usize = 64 * 1024;

#[derive(Clone, Debug)]
enum Backend {
    Local(PathBuf),
    S3 {
        client: aws_sdk_s3::Client,
        bucket: String,
    },
}

#[derive(Clone, Debug)]
pub struct Storage {
    backend: Backend,
    public_base_url: Option<Url>,
}

fn backend_err(e: impl std::error::Error) -> StorageError {
    StorageError::Backend(DisplayErrorContext(e).to_string())
}

impl Storage {
    /// Connects and makes sure the bucket (or directory) exists when configured to create it.
    pub async fn connect(cfg: &StorageConfig) -> Result<Self, StorageError> {
        let backend = match &cfg.backend {
            StorageBackend::Local { dir } => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| {
                    StorageError::Backend(format!("cannot create {}: {e}", dir.display()))
                })?;
                Backend::Local(dir.clone())
            }
            StorageBackend::S3(s3) => {
                let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
                    .region(aws_config::Region::new(s3.region.clone()));
                if let Some(endpoint) = &s3.endpoint {
                    loader = loader.endpoint_url(endpoint.as_str().trim_end_matches('/'));
                }
                if let (Some(id), Some(secret)) = (&s3.access_key_id, &s3.secret_access_key) {
                    loader = loader.credentials_provider(aws_sdk_s3::config::Credentials::new(
                        id.clone(),
                        secret.expose_secret().to_owned(),
                        None,
                        None,
                        "aimini-config",
                    ));
                }
                let shared = loader.load().await;
                let conf = aws_sdk_s3::config::Builder::from(&shared)
                    .force_path_style(s3.force_path_style)
                    .build();
                let client = aws_sdk_s3::Client::from_conf(conf);
                let backend = Backend::S3 {
                    client,
                    bucket: s3.bucket.clone(),
                };
                if s3.create_bucket {
                    ensure_bucket(&backend).await?;
                }
                backend
            }
        };
        Ok(Self {
            backend,
            public_base_url: cfg.public_base_url.clone(),
        })
    }

    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Local(_) => "local",
            Backend::S3 { .. } => "s3",
        }
    }

    pub async fn put(
        &self,
        key: &ObjectKey,
        body: Bytes,
        content_type: &str,
    ) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(dir) => {
                let path = dir.join(key.as_str());
                if let Some(parent) = path.parent() {
                    tokio::fs::create_dir_all(parent)
                        .await
                        .map_err(backend_err)?;
                }
                // Write then rename, so a reader never sees half an object.
                let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
                tokio::fs::write(&tmp, &body).await.map_err(backend_err)?;
                tokio::fs::rename(&tmp, &path).await.map_err(backend_err)?;
                Ok(())
            }
            Backend::S3 { client, bucket } => {
                client
                    .put_object()
                    .bucket(bucket)
                    .key(key.as_str())
                    .content_type(content_type)
                    .body(ByteStream::from(body))
                    .send()
                    .await
                    .map_err(backend_err)?;
                Ok(())
            }
        }
    }

    /// Uploads the file at `path` as `key`, streaming it from disk.
    pub async fn put_file(
        &self,
        key: &ObjectKey,
        path: &Path,
        content_type: &str,
    ) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(dir) => {
                let dest = dir.join(key.as_str());
                if let Some(parent) = dest.parent() {
                    tokio::fs::create_dir_all(parent)
                        .await
                        .map_err(backend_err)?;
                }
                // Copy (the source may be on another file system), then rename into place.
                let tmp = dest.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
                if let Err(e) = tokio::fs::copy(path, &tmp).await {
                    let _ = tokio::fs::remove_file(&tmp).await;
                    return Err(backend_err(e));
                }
                tokio::fs::rename(&tmp, &dest).await.map_err(backend_err)?;
                Ok(())
            }
            Backend::S3 { client, bucket } => {
                let body = ByteStream::read_from()
                    .path(path)
                    .buffer_size(FILE_CHUNK)
                    .build()
                    .await
                    .map_err(backend_err)?;
                client
                    .put_object()
                    .bucket(bucket)
                    .key(key.as_str())
                    .content_type(content_type)
                    .body(body)
                    .send()
                    .await
                    .map_err(backend_err)?;
                Ok(())
            }
        }
    }

    /// Copies an object inside the store without moving its bytes through this process (forks).
    pub async fn copy(&self, from: &ObjectKey, to: &ObjectKey) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(dir) => self.put_file(to, &dir.join(from.as_str()), "").await,
            Backend::S3 { client, bucket } => {
                // Keys are URL-safe by construction (ObjectKey), so the source needs no encoding.
                client
                    .copy_object()
                    .bucket(bucket)
                    .copy_source(format!("{bucket}/{}", from.as_str()))
                    .key(to.as_str())
                    .send()
                    .await
                    .map_err(backend_err)?;
                Ok(())
            }
        }
    }

    /// Opens an object for streaming; `None` when it does not exist.
    pub async fn get_stream(&self, key: &ObjectKey) -> Result<Option<ObjectStream>, StorageError> {
        match &self.backend {
            Backend::Local(dir) => {
                let path = dir.join(key.as_str());
                let meta = match tokio::fs::metadata(&path).await {
                    Ok(m) if m.is_file() => m,
                    Ok(_) => return Ok(None),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(backend_err(e)),
                };
                let body = ByteStream::read_from()
                    .path(&path)
                    .buffer_size(FILE_CHUNK)
                    .build()
                    .await
                    .map_err(backend_err)?;
                Ok(Some(ObjectStream {
                    body,
                    content_type: content_type_for(key.as_str()).to_owned(),
                    content_length: Some(meta.len()),
                }))
            }
            Backend::S3 { client, bucket } => {
                let out = match client
                    .get_object()
                    .bucket(bucket)
                    .key(key.as_str())
                    .send()
                    .await
                {
                    Ok(out) => out,
                    Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => {
                        return Ok(None);
                    }
                    Err(e) => return Err(backend_err(e)),
                };
                let content_type = out
                    .content_type()
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .unwrap_or_else(|| content_type_for(key.as_str()).to_owned());
                Ok(Some(ObjectStream {
                    content_length: out.content_length().and_then(|n| u64::try_from(n).ok()),
                    content_type,
                    body: out.body,
                }))
            }
        }
    }

    /// A link that lets anyone holding it GET `key` for about `ttl`: the CDN/public base URL when
    /// one is configured (the CDN decides access), else an S3 presigned URL, else (local backend)
    /// the API's media route with a token from `signer`, which that route verifies.
    pub async fn presign_get(
        &self,
        key: &ObjectKey,
        ttl: Duration,
        api_public_url: &Url,
        signer: &dyn LinkSigner,
    ) -> Result<String, StorageError> {
        if self.public_base_url.is_some() {
            return Ok(self.public_url(key, api_public_url));
        }
        match &self.backend {
            Backend::Local(_) => {
                let ttl = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX / 2);
                let exp = chrono::Utc::now().timestamp().saturating_add(ttl.max(1));
                Ok(format!(
                    "{}?t={}",
                    self.public_url(key, api_public_url),
                    signer.sign(key, exp)
                ))
            }
            Backend::S3 { client, bucket } => {
                let cfg = aws_sdk_s3::presigning::PresigningConfig::expires_in(ttl)
                    .map_err(backend_err)?;
                let req = client
                    .get_object()
                    .bucket(bucket)
                    .key(key.as_str())
                    .presigned(cfg)
                    .await
                    .map_err(backend_err)?;
                Ok(req.uri().to_owned())
            }
        }
    }

    pub async fn get(&self, key: &ObjectKey) -> Result<Option<Object>, StorageError> {
        match &self.backend {
            Backend::Local(dir) => match tokio::fs::read(dir.join(key.as_str())).await {
                Ok(bytes) => Ok(Some(Object {
                    bytes: bytes.into(),
                    content_type: content_type_for(key.as_str()).to_owned(),
                })),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(backend_err(e)),
            },
            Backend::S3 { .. } => {
                let Some(obj) = self.get_stream(key).await? else {
                    return Ok(None);
                };
                let bytes = obj
                    .body
                    .collect()
                    .await
                    .map_err(|e| StorageError::Backend(e.to_string()))?
                    .into_bytes();
                Ok(Some(Object {
                    bytes,
                    content_type: obj.content_type,
                }))
            }
        }
    }

    /// Best effort removal of objects nothing references any more (a write whose transaction
    /// failed, a race lost): one left behind is garbage, not a fault, so failures are logged only.
    pub async fn delete_orphans(&self, keys: &[ObjectKey]) {
        for key in keys {
            if let Err(e) = self.delete(key).await {
                tracing::warn!(key = key.as_str(), error = %e, "could not remove an orphaned object");
            }
        }
    }

    pub async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(dir) => match tokio::fs::remove_file(dir.join(key.as_str())).await {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(backend_err(e)),
            },
            Backend::S3 { client, bucket } => {
                client
                    .delete_object()
                    .bucket(bucket)
                    .key(key.as_str())
                    .send()
                    .await
                    .map_err(backend_err)?;
                Ok(())
            }
        }
    }

    /// Readiness probe: the bucket answers (or the directory is there).
    pub async fn check(&self) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(dir) => check_dir(dir).await,
            Backend::S3 { client, bucket } => {
                client
                    .head_bucket()
                    .bucket(bucket)
                    .send()
                    .await
                    .map_err(backend_err)?;
                Ok(())
            }
        }
    }

    /// The URL clients fetch an object from: the configured CDN/public base, or the API's media route.
    pub fn public_url(&self, key: &ObjectKey, api_public_url: &Url) -> String {
        match &self.public_base_url {
            Some(base) => format!("{}/{}", base.as_str().trim_end_matches('/'), key.as_str()),
            None => format!(
                "{}/media/{}",
                api_public_url.as_str().trim_end_matches('/'),
                key.as_str()
            ),
        }
    }
}

async fn check_dir(dir: &Path) -> Result<(), StorageError> {
    let meta = tokio::fs::metadata(dir).await.map_err(backend_err)?;
    if meta.is_dir() {
        Ok(())
    } else {
        Err(StorageError::Backend(format!(
            "{} is not a directory",
            dir.display()
        )))
    }
}

async fn ensure_bucket(backend: &Backend) -> Result<(), StorageError> {
    let Backend::S3 { client, bucket } = backend else {
        return Ok(());
    };
    if client.head_bucket().bucket(bucket).send().await.is_ok() {
        return Ok(());
    }
    match client.create_bucket().bucket(bucket).send().await {
        Ok(_) => {
            tracing::info!(bucket = %bucket, "created storage bucket");
            Ok(())
        }
        // Another replica won the race, or AWS answering for a bucket we already own.
        Err(e)
            if matches!(
                e.code(),
                Some("BucketAlreadyOwnedByYou" | "BucketAlreadyExists")
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(backend_err(e)),
    }
}

/// The Content-Type an object is served with, from its extension (the local backend stores none).
pub fn content_type_for(key: &str) -> &'static str {
    match key
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .as_deref()
    {
        Some("webp") => "image/webp",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("json") => "application/json",
        Some("js") => "text/javascript",
        Some("wav") => "audio/wav",
        Some("ogg") => "audio/ogg",
        Some("mp3") => "audio/mpeg",
        Some("gif") => "image/gif",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_reject_traversal_and_oddities() {
        assert!(ObjectKey::new("avatars/0b8f/abc.webp").is_ok());
        for bad in [
            "", "/abs", "a//b", "a/../b", "..", "a/./b", "a b", "a/b/", "a\\b", "ü",
        ] {
            assert!(ObjectKey::new(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[tokio::test]
    async fn local_backend_round_trips() {
        let dir = std::env::temp_dir().join(format!("aimini-storage-{}", uuid::Uuid::new_v4()));
        let storage = Storage::connect(&StorageConfig {
            backend: StorageBackend::Local { dir: dir.clone() },
            public_base_url: None,
        })
        .await
        .expect("connect");
        let key = ObjectKey::new("avatars/u1/a.webp").expect("key");
        storage
            .put(&key, Bytes::from_static(b"RIFF"), "image/webp")
            .await
            .expect("put");
        let obj = storage.get(&key).await.expect("get").expect("exists");
        assert_eq!(&obj.bytes[..], b"RIFF");
        assert_eq!(obj.content_type, "image/webp");
        storage.delete(&key).await.expect("delete");
        assert!(storage.get(&key).await.expect("get").is_none());
        storage.check().await.expect("check");
        let _ = std::fs::remove_dir_all(dir);
    }

    async fn local() -> (Storage, PathBuf) {
        let dir = std::env::temp_dir().join(format!("aimini-storage-{}", uuid::Uuid::new_v4()));
        let storage = Storage::connect(&StorageConfig {
            backend: StorageBackend::Local { dir: dir.clone() },
            public_base_url: None,
        })
        .await
        .expect("connect");
        (storage, dir)
    }

    async fn read_stream(mut s: ObjectStream) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(chunk) = s.body.try_next().await.expect("chunk") {
            assert!(chunk.len() <= FILE_CHUNK, "chunks are bounded");
            out.extend_from_slice(&chunk);
        }
        out
    }

    #[tokio::test]
    async fn local_put_file_copy_and_stream() {
        let (storage, dir) = local().await;
        let src = dir.join("upload.bin");
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&src, &data).expect("write source");
        let key = ObjectKey::new("games/g1/u0123456789ab/assets/a.png").expect("key");
        storage
            .put_file(&key, &src, "image/png")
            .await
            .expect("put_file");
        assert!(src.exists(), "the source file is left alone");

        let s = storage
            .get_stream(&key)
            .await
            .expect("get")
            .expect("exists");
        assert_eq!(s.content_type, "image/png");
        assert_eq!(s.content_length, Some(data.len() as u64));
        assert_eq!(read_stream(s).await, data);

        let copy = ObjectKey::new("games/g2/u0123456789ab/assets/a.png").expect("key");
        storage.copy(&key, &copy).await.expect("copy");
        let obj = storage.get(&copy).await.expect("get").expect("copied");
        assert_eq!(&obj.bytes[..], &data[..]);

        let missing = ObjectKey::new("games/g1/nothing.png").expect("key");
        assert!(storage.get_stream(&missing).await.expect("get").is_none());
        assert!(storage.copy(&missing, &copy).await.is_err());
        // No temporary files are left next to the objects.
        let names: Vec<String> = std::fs::read_dir(dir.join("games/g2/u0123456789ab/assets"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.png"]);
        let _ = std::fs::remove_dir_all(dir);
    }

    struct FakeSigner;
    impl LinkSigner for FakeSigner {
        fn sign(&self, key: &ObjectKey, exp: i64) -> String {
            format!("{exp}.sig-for-{}", key.as_str().len())
        }
    }

    #[tokio::test]
    async fn local_presign_points_at_the_signed_media_route() {
        let (storage, dir) = local().await;
        let api = Url::parse("https://api.example/").expect("url");
        let key = ObjectKey::new("games/g1/u0123456789ab/logic.js").expect("key");
        let before = chrono::Utc::now().timestamp();
        let url = storage
            .presign_get(&key, Duration::from_secs(900), &api, &FakeSigner)
            .await
            .expect("presign");
        let rest = url
            .strip_prefix("https://api.example/media/games/g1/u0123456789ab/logic.js?t=")
            .expect("media route URL");
        let (exp, sig) = rest.split_once('.').expect("exp.sig");
        let exp: i64 = exp.parse().expect("exp");
        assert!((before + 900..=before + 901).contains(&exp), "exp {exp}");
        assert_eq!(sig, format!("sig-for-{}", key.as_str().len()));

        let cdn = Storage {
            public_base_url: Some(Url::parse("https://cdn.example/x/").expect("url")),
            ..storage
        };
        let url = cdn
            .presign_get(&key, Duration::from_secs(900), &api, &FakeSigner)
            .await
            .expect("presign");
        assert_eq!(url, "https://cdn.example/x/games/g1/u0123456789ab/logic.js");
        let _ = std::fs::remove_dir_all(dir);
    }
}
