//! Which `response_format` a chat call carries, and what to do when a server refuses it.
//!
//! OpenAI and most compatible servers (vLLM, recent llama.cpp) take `json_schema` (strict structured
//! outputs). Others (older llama.cpp server builds, some hosted providers) answer 400 to it and take
//! only `json_object`. In `auto` mode ([`ResponseFormatMode::Auto`]) an engine starts with
//! `json_schema`; the first refusal that names the response format switches it to `json_object`
//! for the rest of the process, and that call is sent again at once in the new mode. The capability
//! is remembered per engine, which is per endpoint: each worker process pays one refused call.
//! In `json_object` mode the schema goes into the system message, and the answer is checked
//! locally by the same [`super::package::check`] every answer passes anyway, so nothing weaker
//! reaches the runner.

use std::sync::atomic::{AtomicBool, Ordering};

use aimini_models::config::ResponseFormatMode;
use async_openai::types::chat::{
    CreateChatCompletionRequest, ResponseFormat, ResponseFormatJsonSchema,
};

use super::{CallError, package};

/// The format one call is sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Schema,
    Object,
}

/// An engine's choice of format, learned from the server in `auto` mode.
#[derive(Debug)]
pub struct FormatChoice {
    mode: ResponseFormatMode,
    /// Set once the server has refused `json_schema` (auto mode only).
    learned_object: AtomicBool,
}

impl FormatChoice {
    pub fn new(mode: ResponseFormatMode) -> Self {
        Self {
            mode,
            learned_object: AtomicBool::new(false),
        }
    }

    pub fn current(&self) -> Format {
        match self.mode {
            ResponseFormatMode::JsonObject => Format::Object,
            ResponseFormatMode::JsonSchema => Format::Schema,
            ResponseFormatMode::Auto if self.learned_object.load(Ordering::Relaxed) => {
                Format::Object
            }
            ResponseFormatMode::Auto => Format::Schema,
        }
    }

    /// After a failed `json_schema` call: whether the failure is the server refusing the format
    /// and the mode allows falling back, in which case `json_object` is used from now on.
    pub fn learn_from(&self, error: &CallError) -> bool {
        if self.mode != ResponseFormatMode::Auto || !refuses_schema(error) {
            return false;
        }
        if !self.learned_object.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                "the OpenAI-compatible server refuses response_format json_schema; \
                 using json_object with the schema in the prompt from now on"
            );
            metrics::counter!("openai_response_format_fallbacks_total").increment(1);
        }
        true
    }
}

/// A 400 or 422 whose message (or `param`) names the response format or the schema: servers word
/// it differently ("response_format type json_schema is not supported", "Unsupported
/// response_format", "'json_schema' is not one of ['json_object', 'text']").
pub fn refuses_schema(error: &CallError) -> bool {
    let CallError::Refused {
        status: 400 | 422,
        message,
        ..
    } = error
    else {
        return false;
    };
    let m = message.to_ascii_lowercase();
    ["response_format", "json_schema", "structured output"]
        .iter()
        .any(|k| m.contains(k))
}

/// The request with its response format set for `format`. In `json_object` mode the schema is
/// appended to the first (system) message: the server no longer enforces it, the prompt asks for it
/// and the local check enforces it.
pub fn apply(
    mut request: CreateChatCompletionRequest,
    format: Format,
) -> CreateChatCompletionRequest {
    match format {
        Format::Schema => {
            request.response_format = Some(ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    name: "game_package".to_owned(),
                    description: Some("A complete aimini game: metadata and logic.js".to_owned()),
                    schema: package::schema(),
                    strict: Some(true),
                },
            });
        }
        Format::Object => {
            request.response_format = Some(ResponseFormat::JsonObject);
            use async_openai::types::chat::{
                ChatCompletionRequestMessage, ChatCompletionRequestSystemMessageContent,
            };
            if let Some(ChatCompletionRequestMessage::System(system)) = request.messages.first_mut()
                && let ChatCompletionRequestSystemMessageContent::Text(text) = &mut system.content
            {
                text.push_str(&schema_instruction());
            }
        }
    }
    request
}

/// What `json_object` mode adds to the system message.
pub fn schema_instruction() -> String {
    format!(
        "\n\nAnswer with one JSON object and nothing else (no prose, no code fences). It must \
         validate against this JSON Schema:\n{}",
        package::schema()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(status: u16, message: &str) -> CallError {
        CallError::Refused {
            status,
            kind: "invalid_request_error".into(),
            message: message.into(),
        }
    }

    #[test]
    fn only_a_refusal_of_the_format_switches_auto_mode() {
        let auto = FormatChoice::new(ResponseFormatMode::Auto);
        assert_eq!(auto.current(), Format::Schema);
        assert!(!auto.learn_from(&refused(401, "response_format json_schema")));
        assert!(!auto.learn_from(&refused(400, "model not found")));
        assert!(!auto.learn_from(&CallError::Server { status: 500 }));
        assert_eq!(auto.current(), Format::Schema);
        assert!(auto.learn_from(&refused(
            400,
            "response_format: 'json_schema' is not one of ['json_object', 'text']"
        )));
        assert_eq!(auto.current(), Format::Object);

        let forced = FormatChoice::new(ResponseFormatMode::JsonSchema);
        assert!(!forced.learn_from(&refused(400, "Unsupported response_format")));
        assert_eq!(forced.current(), Format::Schema);
        assert_eq!(
            FormatChoice::new(ResponseFormatMode::JsonObject).current(),
            Format::Object
        );
    }
}
