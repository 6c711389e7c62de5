//! Request extractors whose rejections use the API's JSON error shape, and the one place where text
//! holding a NUL character is refused.
//!
//! Postgres cannot store U+0000 in `text` or `jsonb`, so a NUL that reached a query made it fail
//! and the API answer 500 (and a login answered before hashing, which told timing apart). Rather
//! than guard each field, every way text enters is checked once, before any handler runs: the URI
//! (path segments and query strings, by [`reject_nul_in_uri`]), JSON bodies (by [`Json`]) and the
//! JSON parts of uploads (by [`refuse_json_nul`], called where `api::package` parses them). All
//! answer the same 422 `nul_character`.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// `axum::Json` for object bodies, rejecting with [`ApiError`] (400 bad JSON, 415 wrong content
/// type, 422 wrong shape, not an object or a NUL character, 413 too large).
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !json_content_type(&req) {
            return Err(ApiError::UnsupportedMediaType(
                "expected a body with Content-Type: application/json".into(),
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge("the request body is too large".into())
            } else {
                ApiError::bad_request("invalid_body", e.body_text())
            }
        })?;
        refuse_json_nul(&bytes)?;
        // Every JSON body of this API is an object. serde would also build a struct from an array
        // of its fields in order (`[null, "x"]`), a shape no client means and the document forbids.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(ApiError::Http {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "invalid_body",
                message: "the body must be a JSON object".into(),
            });
        }
        let axum::Json(value) = axum::Json::<T>::from_bytes(&bytes)?;
        Ok(Self(value))
    }
}

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// `application/json` or any `application/*+json`, parameters ignored (as axum's own `Json`).
fn json_content_type(req: &Request) -> bool {
    let Some(value) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let Some((kind, sub)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (sub.eq_ignore_ascii_case("json")
            || sub.len() > 5 && sub[sub.len() - 5..].eq_ignore_ascii_case("+json"))
}

#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

fn nul_error(place: &str) -> ApiError {
    ApiError::Http {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "nul_character",
        message: format!("{place} contains a NUL character (U+0000), which no text field accepts"),
    }
}

/// Whether JSON text holds a NUL: as the escape `\u0000` (the only way valid JSON can), or as a raw
/// byte (invalid JSON, refused the same way so the answer does not depend on the parser's order).
pub fn json_has_nul(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0 => return true,
            // An escape: `\\` and `\"` are skipped whole, so `\\u0000` (a backslash, then the text
            // "u0000") is not mistaken for a NUL.
            b'\\' => {
                if bytes.get(i + 1) == Some(&b'u') && bytes.get(i + 2..i + 6) == Some(b"0000") {
                    return true;
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    false
}

/// 422 `nul_character` when a JSON document holds a NUL anywhere (a value or a key).
pub fn refuse_json_nul(bytes: &[u8]) -> Result<(), ApiError> {
    if json_has_nul(bytes) {
        return Err(nul_error("the body"));
    }
    Ok(())
}

/// Middleware: 422 `nul_character` for a URI whose path or query holds `%00` (the only way a URI
/// can carry a NUL), before routing, so no path or query extractor ever sees one.
pub async fn reject_nul_in_uri(req: Request, next: Next) -> Response {
    use axum::response::IntoResponse as _;
    let uri = req.uri();
    if uri.path().contains("%00") {
        return nul_error("the path").into_response();
    }
    if uri.query().is_some_and(|q| q.contains("%00")) {
        return nul_error("the query string").into_response();
    }
    next.run(req).await
}

/// The value of the cookie `name` in the request's `Cookie` headers, if there is one.
pub fn cookie<'h>(headers: &'h axum::http::HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value for a first-party, HttpOnly, `SameSite=Lax` cookie scoped to `path`, marked
/// `Secure` whenever the deployment is served over https (a plain-http one could never send it
/// back). `max_age` 0 deletes it.
pub fn set_cookie(
    public_url: &url::Url,
    name: &str,
    value: &str,
    max_age: u64,
    path: &str,
) -> Result<axum::http::HeaderValue, ApiError> {
    let secure = if public_url.scheme() == "https" {
        "; Secure"
    } else {
        ""
    };
    axum::http::HeaderValue::from_str(&format!(
        "{name}={value}; Max-Age={max_age}; Path={path}; HttpOnly; SameSite=Lax{secure}"
    ))
    .map_err(|e| ApiError::Internal(e.into()))
}

#[cfg(test)]
mod tests {
    use super::json_has_nul;

    #[test]
    fn finds_escaped_and_raw_nul_but_not_an_escaped_backslash() {
        assert!(json_has_nul(br#"{"a":"x\u0000y"}"#));
        assert!(json_has_nul(br#"{"\u0000":1}"#));
        assert!(json_has_nul(b"{\"a\":\"x\0\"}"));
        assert!(json_has_nul(br#"{"a":"\\\u0000"}"#));
        assert!(!json_has_nul(br#"{"a":"\\u0000"}"#));
        assert!(!json_has_nul(br#"{"a":"\u0001 \"u0000\""}"#));
        assert!(!json_has_nul(br#""\u00"#));
        assert!(!json_has_nul(b""));
    }
}
