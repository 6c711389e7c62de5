//! The OpenAPI document and an offline Swagger UI (assets vendored in `api/static`, served from here,
//! no CDN).

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

const HTML: &str = include_str!("../../static/docs.html");
const INIT_JS: &str = include_str!("../../static/docs-init.js");
const BUNDLE_JS: &str = include_str!("../../static/swagger-ui/swagger-ui-bundle.js");
const CSS: &str = include_str!("../../static/swagger-ui/swagger-ui.css");
const FAVICON: &[u8] = include_bytes!("../../static/swagger-ui/favicon-32x32.png");
const RESET_HTML: &str = include_str!("../../static/reset-password.html");
const RESET_JS: &str = include_str!("../../static/reset-password.js");
const VERIFY_HTML: &str = include_str!("../../static/verify-email.html");
const VERIFY_JS: &str = include_str!("../../static/verify-email.js");

/// The docs page may load only its own scripts and styles, and talk only to this API.
const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; \
    form-action 'none'";

fn asset(content_type: &'static str, body: impl IntoResponse) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DOCS_CSP),
    );
    resp
}

/// The URL of a mailed link carries a token: never cache it anywhere (the global no-referrer policy
/// keeps it out of Referer headers too).
fn token_page(html: &'static str) -> Response {
    let mut resp = asset("text/html; charset=utf-8", html);
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// `/docs` (the page), `/docs/*` (its assets), `/api/v1/openapi.json`, and the small pages behind the
/// links that mails point to (`/reset-password`, `/verify-email`). The document is rendered once at
/// start-up and shared.
pub fn router<S: Clone + Send + Sync + 'static>(openapi_json: Arc<String>) -> Router<S> {
    Router::new()
        .route(
            "/docs",
            get(|| async { asset("text/html; charset=utf-8", HTML) }),
        )
        .route(
            "/docs/",
            get(|| async { asset("text/html; charset=utf-8", HTML) }),
        )
        .route(
            "/docs/docs-init.js",
            get(|| async { asset("text/javascript; charset=utf-8", INIT_JS) }),
        )
        .route(
            "/docs/swagger-ui-bundle.js",
            get(|| async { asset("text/javascript; charset=utf-8", BUNDLE_JS) }),
        )
        .route(
            "/docs/swagger-ui.css",
            get(|| async { asset("text/css; charset=utf-8", CSS) }),
        )
        .route(
            "/docs/favicon-32x32.png",
            get(|| async { asset("image/png", FAVICON) }),
        )
        .route("/reset-password", get(|| async { token_page(RESET_HTML) }))
        .route(
            "/reset-password.js",
            get(|| async { asset("text/javascript; charset=utf-8", RESET_JS) }),
        )
        .route("/verify-email", get(|| async { token_page(VERIFY_HTML) }))
        .route(
            "/verify-email.js",
            get(|| async { asset("text/javascript; charset=utf-8", VERIFY_JS) }),
        )
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = openapi_json.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        doc.as_str().to_owned(),
                    )
                }
            }),
        )
}
