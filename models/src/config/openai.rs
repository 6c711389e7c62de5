//! The OpenAI (or any OpenAI-compatible server) engine: off unless `AIMINI_OPENAI_API_KEY` is set.

use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use super::{ConfigError, Source};

#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    pub api_key: SecretString,
    pub base_url: Url,
    pub model: String,
    /// One HTTP call to the provider, including a slow response body.
    pub request_timeout: Duration,
    /// Retries of a transient error (429, 5xx, timeout) before the job falls back to local.
    pub max_retries: u32,
    pub max_output_tokens: u32,
    /// Send prompts and game text to the provider's moderation endpoint as well.
    pub moderation: bool,
    pub moderation_model: String,
    /// Consecutive failures that open the circuit breaker ...
    pub breaker_failures: u32,
    /// ... and how long it stays open before one trial call.
    pub breaker_cooldown: Duration,
    /// Which `response_format` chat calls ask for.
    pub response_format: ResponseFormatMode,
}

/// `AIMINI_OPENAI_RESPONSE_FORMAT`: structured outputs (`json_schema`), plain JSON mode
/// (`json_object`, the schema goes into the prompt), or `auto`: `json_schema` until the server
/// refuses it, then `json_object` for the rest of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseFormatMode {
    Auto,
    JsonSchema,
    JsonObject,
}

impl OpenAiConfig {
    /// `None` without a key: the worker then serves everything with the local engine.
    pub(super) fn parse(src: &Source) -> Result<Option<Self>, ConfigError> {
        let openai = match src.secret("AIMINI_OPENAI_API_KEY") {
            None => None,
            Some(api_key) => Some(OpenAiConfig {
                api_key,
                base_url: src
                    .required_url("AIMINI_OPENAI_BASE_URL", "https://api.openai.com/v1")?,
                model: src.string("AIMINI_OPENAI_MODEL", "gpt-4o-mini"),
                request_timeout: src.secs("AIMINI_OPENAI_TIMEOUT_SECS", 60)?,
                max_retries: src.parse("AIMINI_OPENAI_MAX_RETRIES", 2u32)?,
                max_output_tokens: src.parse("AIMINI_OPENAI_MAX_OUTPUT_TOKENS", 6_000u32)?,
                moderation: src.bool("AIMINI_OPENAI_MODERATION", true)?,
                moderation_model: src
                    .string("AIMINI_OPENAI_MODERATION_MODEL", "omni-moderation-latest"),
                breaker_failures: src.parse("AIMINI_OPENAI_BREAKER_FAILURES", 5u32)?,
                breaker_cooldown: src.secs("AIMINI_OPENAI_BREAKER_COOLDOWN_SECS", 30)?,
                response_format: match src.string("AIMINI_OPENAI_RESPONSE_FORMAT", "auto").as_str()
                {
                    "auto" => ResponseFormatMode::Auto,
                    "json_schema" => ResponseFormatMode::JsonSchema,
                    "json_object" => ResponseFormatMode::JsonObject,
                    other => {
                        return Err(ConfigError::new(
                            "AIMINI_OPENAI_RESPONSE_FORMAT",
                            format!("expected auto, json_schema or json_object, got {other:?}"),
                        ));
                    }
                },
            }),
        };
        if let Some(o) = &openai {
            if o.max_retries > 10 {
                return Err(ConfigError::new(
                    "AIMINI_OPENAI_MAX_RETRIES",
                    "must be at most 10",
                ));
            }
            if o.breaker_failures == 0 {
                return Err(ConfigError::new(
                    "AIMINI_OPENAI_BREAKER_FAILURES",
                    "must be at least 1",
                ));
            }
        }
        Ok(openai)
    }
}
