//! One error type for the API, rendered as one JSON shape:
//! `{"error": {"code": "snake_case", "message": "...", "details": ...}}`.
//! Internal errors are logged once, inside the request span (so with its request id), and reach the
//! client as an opaque 500.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorObject,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorObject {
    /// Stable, machine-readable, snake_case.
    pub code: String,
    /// Human-readable; may change between versions.
    pub message: String,
    /// Extra structure, e.g. `{"fields": [{"field": "email", "message": "..."}]}` for 422.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub details: Option<Value>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{message}")]
    Conflict {
        code: &'static str,
        field: Option<&'static str>,
        message: String,
    },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("too many requests")]
    RateLimited { retry_after_secs: u64 },
    #[error("{0}")]
    Unavailable(&'static str),
    /// The content policy refused what the request asks for (422 `content_policy`, with the
    /// categories in `details`).
    #[error("{message}")]
    ContentPolicy {
        message: String,
        categories: Vec<&'static str>,
    },
    /// Any other status with a code and message (framework rejections, mostly).
    #[error("{message}")]
    Http {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            message: message.into(),
        }
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Http { status, .. } => *status,
            Self::ContentPolicy { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::BadRequest { code, .. }
            | Self::Conflict { code, .. }
            | Self::Http { code, .. } => code,
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType(_) => "unsupported_media_type",
            Self::RateLimited { .. } => "rate_limited",
            Self::Unavailable(_) => "service_unavailable",
            Self::Internal(_) => "internal_error",
            Self::ContentPolicy { .. } => "content_policy",
        }
    }
}

/// Builds the JSON error response; shared with the middleware that normalises framework errors.
pub fn error_response(
    status: StatusCode,
    code: &str,
    message: &str,
    details: Option<Value>,
) -> Response {
    let body = ErrorBody {
        error: ErrorObject {
            code: code.to_owned(),
            message: message.to_owned(),
            details,
        },
    };
    (status, axum::Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (message, details) = match &self {
            Self::Internal(err) => {
                // Logged here and only here; the client learns nothing about the cause.
                tracing::error!(error = ?err, "internal error");
                ("internal server error".to_owned(), None)
            }
            Self::Validation(fields) => (self.to_string(), Some(json!({ "fields": fields }))),
            Self::Conflict {
                field: Some(field), ..
            } => (self.to_string(), Some(json!({ "field": field }))),
            Self::RateLimited { retry_after_secs } => (
                self.to_string(),
                Some(json!({ "retry_after_secs": retry_after_secs })),
            ),
            Self::ContentPolicy { categories, .. } => {
                (self.to_string(), Some(json!({ "categories": categories })))
            }
            _ => (self.to_string(), None),
        };
        let mut resp = error_response(status, self.code(), &message, details);
        match &self {
            Self::Unauthorized(_) => {
                resp.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Self::RateLimited { retry_after_secs } => {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            _ => {}
        }
        resp
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut => {
                return Self::Unavailable("the database is overloaded, retry shortly");
            }
            // A pooled connection that died while idle (the pool no longer pings before handing
            // one out): this statement fails, the pool drops the connection, a retry gets a new one.
            sqlx::Error::Io(e) => {
                tracing::warn!(error = %e, "database connection lost");
                return Self::Unavailable("the database connection was lost, retry shortly");
            }
            _ => {}
        }
        Self::Internal(anyhow::Error::new(e).context("database error"))
    }
}

impl From<aimini_models::storage::StorageError> for ApiError {
    fn from(e: aimini_models::storage::StorageError) -> Self {
        Self::Internal(anyhow::Error::new(e).context("storage error"))
    }
}

impl From<aimini_models::pagination::InvalidCursor> for ApiError {
    fn from(e: aimini_models::pagination::InvalidCursor) -> Self {
        Self::bad_request("invalid_cursor", e.to_string())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rej: JsonRejection) -> Self {
        match rej {
            JsonRejection::JsonDataError(e) => Self::Http {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "invalid_body",
                message: serde_path_message(&e.body_text()),
            },
            JsonRejection::JsonSyntaxError(_) => {
                Self::bad_request("invalid_json", "the body is not valid JSON")
            }
            JsonRejection::MissingJsonContentType(_) => Self::UnsupportedMediaType(
                "expected a body with Content-Type: application/json".into(),
            ),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Self::PayloadTooLarge("the request body is too large".into())
            }
            other => Self::Http {
                status: other.status(),
                code: "invalid_body",
                message: other.body_text(),
            },
        }
    }
}

/// serde's messages are useful ("missing field `email` at line 1 column 20") but prefixed by axum's
/// generic text; keep the useful part.
fn serde_path_message(text: &str) -> String {
    text.strip_prefix("Failed to deserialize the JSON body into the target type: ")
        .unwrap_or(text)
        .to_owned()
}

impl From<QueryRejection> for ApiError {
    fn from(rej: QueryRejection) -> Self {
        Self::bad_request("invalid_query", rej.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rej: PathRejection) -> Self {
        Self::bad_request("invalid_path", rej.body_text())
    }
}

/// Collects per-field problems so a client sees all of them in one 422.
#[derive(Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Records the error of a parse and returns its value.
    pub fn parse<T>(&mut self, field: &str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(msg) => {
                self.add(field, msg);
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
