//! Where configuration values come from: the environment and `AIMINI_CONFIG_FILE`.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use super::ConfigError;

/// Keys whose values are secrets, and so may be read from `<KEY>_FILE`.
pub fn is_secret_key(key: &str) -> bool {
    key.starts_with("AIMINI_")
        && (key.ends_with("_SECRET")
            || key.ends_with("_PASSWORD")
            || key.ends_with("_API_KEY")
            || key.ends_with("_ACCESS_KEY_ID")
            || key.ends_with("_SECRET_ACCESS_KEY")
            || key.ends_with("_TOKEN")
            || key == "AIMINI_DATABASE_URL"
            || key == "AIMINI_REDIS_URL")
}

/// Where configuration values come from: a snapshot of key/value pairs.
#[derive(Debug, Clone, Default)]
pub struct Source {
    vars: HashMap<String, String>,
}

impl Source {
    /// The process environment, with `AIMINI_CONFIG_FILE` (if set) filling keys the environment lacks.
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut vars: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with("AIMINI_"))
            .collect();
        if let Some(path) = vars.get("AIMINI_CONFIG_FILE").cloned() {
            let iter = dotenvy::from_path_iter(&path).map_err(|e| {
                ConfigError::new("AIMINI_CONFIG_FILE", format!("cannot read {path}: {e}"))
            })?;
            for item in iter {
                let (k, v) = item.map_err(|e| {
                    ConfigError::new("AIMINI_CONFIG_FILE", format!("cannot parse {path}: {e}"))
                })?;
                vars.entry(k).or_insert(v);
            }
        }
        Self { vars }.with_secret_files()
    }

    /// Secrets may come from files, as Docker and Kubernetes mount them: for a secret key (see
    /// [`is_secret_key`]) `<KEY>_FILE` names a file whose contents, trimmed, is the value. Setting
    /// both `<KEY>` and `<KEY>_FILE` is an error, so it is never unclear which one applies.
    pub fn with_secret_files(mut self) -> Result<Self, ConfigError> {
        const MAX: u64 = 64 * 1024;
        let files: Vec<(String, String)> = self
            .vars
            .iter()
            .filter_map(|(k, v)| {
                let base = k.strip_suffix("_FILE")?;
                is_secret_key(base).then(|| (base.to_owned(), v.trim().to_owned()))
            })
            .filter(|(_, path)| !path.is_empty())
            .collect();
        for (base, path) in files {
            let key = format!("{base}_FILE");
            if self.raw(&base).is_some() {
                return Err(ConfigError::new(
                    &key,
                    format!("set {base} or {key}, not both"),
                ));
            }
            let mut text = String::new();
            std::fs::File::open(&path)
                .and_then(|f| {
                    std::io::Read::read_to_string(&mut std::io::Read::take(f, MAX + 1), &mut text)
                })
                .map_err(|e| ConfigError::new(&key, format!("cannot read {path}: {e}")))?;
            if text.len() as u64 > MAX {
                return Err(ConfigError::new(
                    &key,
                    format!("{path} is larger than 64 KiB"),
                ));
            }
            self.vars.insert(base, text.trim().to_owned());
        }
        Ok(self)
    }

    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// Every key/value pair, e.g. to hand the same configuration to a child process.
    pub fn vars(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn remove(&mut self, key: &str) {
        self.vars.remove(key);
    }

    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.vars.insert(key.to_owned(), value.into());
    }

    pub(super) fn raw(&self, key: &str) -> Option<&str> {
        self.vars
            .get(key)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub(super) fn string(&self, key: &str, default: &str) -> String {
        self.raw(key).unwrap_or(default).to_owned()
    }

    pub(super) fn opt_string(&self, key: &str) -> Option<String> {
        self.raw(key).map(str::to_owned)
    }

    pub(super) fn parse<T: FromStr>(&self, key: &str, default: T) -> Result<T, ConfigError>
    where
        T::Err: std::fmt::Display,
    {
        match self.raw(key) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|e| ConfigError::new(key, format!("cannot parse {v:?}: {e}"))),
        }
    }

    pub(super) fn bool(&self, key: &str, default: bool) -> Result<bool, ConfigError> {
        match self.raw(key).map(str::to_ascii_lowercase).as_deref() {
            None => Ok(default),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(v) => Err(ConfigError::new(
                key,
                format!("expected true or false, got {v:?}"),
            )),
        }
    }

    pub(super) fn url(&self, key: &str, default: Option<&str>) -> Result<Option<Url>, ConfigError> {
        let Some(v) = self.raw(key).or(default) else {
            return Ok(None);
        };
        let url = Url::parse(v).map_err(|e| ConfigError::new(key, format!("not a URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ConfigError::new(key, "must be an http or https URL"));
        }
        Ok(Some(url))
    }

    pub(super) fn required_url(&self, key: &str, default: &str) -> Result<Url, ConfigError> {
        self.url(key, Some(default))?
            .ok_or_else(|| ConfigError::new(key, "is required"))
    }

    pub(super) fn secret(&self, key: &str) -> Option<SecretString> {
        self.raw(key).map(|v| SecretString::from(v.to_owned()))
    }

    pub(super) fn secs(&self, key: &str, default: u64) -> Result<Duration, ConfigError> {
        let v: u64 = self.parse(key, default)?;
        if v == 0 {
            return Err(ConfigError::new(key, "must be greater than 0"));
        }
        Ok(Duration::from_secs(v))
    }
}
