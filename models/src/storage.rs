//! Object storage: S3-compatible (AWS, MinIO, SeaweedFS, Garage) or a local directory (the embedded
//! default). Keys follow one layout for both: `games/{game_id}/...`, `avatars/{user_id}/...`.

use std::path::{Path, PathBuf};

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
                    .map(str::to_owned)
                    .unwrap_or_else(|| content_type_for(key.as_str()).to_owned());
                let bytes = out
                    .body
                    .collect()
                    .await
                    .map_err(|e| StorageError::Backend(e.to_string()))?
                    .into_bytes();
                Ok(Some(Object {
                    bytes,
                    content_type,
                }))
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

fn content_type_for(key: &str) -> &'static str {
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
}
