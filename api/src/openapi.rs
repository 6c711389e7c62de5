//! The OpenAPI 3.1 document. Paths come from the routers themselves (utoipa-axum collects every route
//! registered with `routes!`), so a route cannot exist without being documented.
//!
//! Answers that come from the shared machinery rather than the handler (a malformed path or query,
//! a body that is not JSON or too large, a NUL character, a bad bearer token, a rate limit) are
//! added to every operation they can happen on by [`complete`], from what the operation declares
//! (its parameters, body and security), so the document lists every status the API can answer —
//! what the schemathesis run in `tests/tests/api_fuzz.rs` holds it to.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "aimini API",
        description = "Type a prompt, get a playable mini game. Accounts, games, AI generation, marketplace \
                       and multiplayer.\n\nErrors always have the shape \
                       `{\"error\": {\"code\": \"snake_case\", \"message\": \"...\", \"details\": ...}}`. \
                       Lists use cursor pagination: `?limit=&cursor=` in, `{\"items\": [...], \"next_cursor\": ...}` out. \
                       Rate limits are announced in `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` \
                       and, on 429, `Retry-After`.\n\nNo text anywhere (path, query string, JSON \
                       field or key) may contain the NUL character U+0000: such requests answer 422 \
                       `nul_character`.",
        license(name = "Apache-2.0")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Registration, login, token refresh, password reset, social login"),
        (name = "users", description = "Profiles and avatars"),
        (name = "ai", description = "Prompt-to-game generation, its progress and the templates"),
        (name = "admin", description = "Staff-only user management"),
        (name = "media", description = "Public files"),
        (name = "games", description = "The catalogue: upload, browse and search, play, rate, fork, versions"),
        (name = "play", description = "The sandboxed browser player and play links"),
        (name = "ops", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "metrics_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("AIMINI_METRICS_TOKEN, for Prometheus"))
                    .build(),
            ),
        );
    }
}

/// Adds the shared answers to every operation of `doc` that can meet them (see the module doc).
/// A status the handler already documents is kept as it is.
pub fn complete(doc: &mut utoipa::openapi::OpenApi) {
    for (path, item) in &mut doc.paths.paths {
        let versioned = path.starts_with("/api/v1/");
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            complete_operation(op, versioned);
        }
    }
}

fn complete_operation(op: &mut Operation, versioned: bool) {
    let params_in = |place: ParameterIn| {
        op.parameters
            .iter()
            .flatten()
            .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
    };
    let (path, query) = (params_in(ParameterIn::Path), params_in(ParameterIn::Query));
    let body_types: Vec<String> = match &op.request_body {
        Some(RefOr::T(body)) => body.content.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let json_body = body_types.iter().any(|t| t.contains("json"));
    let multipart = body_types.iter().any(|t| t.starts_with("multipart/"));
    let secured = op.security.iter().flatten().any(|req| {
        serde_json::to_value(req).is_ok_and(|v| v.as_object().is_some_and(|o| !o.is_empty()))
    });

    let mut bad_request = Vec::new();
    if path {
        bad_request.push("a path parameter does not parse (`invalid_path`)");
    }
    if query {
        bad_request.push("the query string does not parse (`invalid_query`)");
    }
    if json_body {
        bad_request.push("the body is not valid JSON (`invalid_json`)");
    }
    if multipart {
        bad_request.push("the multipart body is malformed (`invalid_multipart`, `bad_request`)");
    }
    let responses = &mut op.responses.responses;
    let mut add = |status: &str, description: String| {
        responses.entry(status.to_owned()).or_insert_with(|| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        Content::new(Some(Ref::from_schema_name("ErrorBody"))),
                    )
                    .build(),
            )
        });
    };
    if !bad_request.is_empty() {
        add("400", format!("Bad request: {}", bad_request.join("; ")));
    }
    // Every versioned route reads a bearer token when one is sent (an invalid one is refused even
    // where signing in is optional).
    if secured || versioned {
        add(
            "401",
            "The bearer token is missing, invalid or expired (`unauthorized`)".into(),
        );
    }
    if json_body || multipart {
        add("413", "The body is too large (`payload_too_large`)".into());
        add(
            "415",
            "The body has the wrong Content-Type (`unsupported_media_type`)".into(),
        );
    }
    if path || query || json_body || multipart {
        add(
            "422",
            "A field has the wrong shape or value (`invalid_body`, `validation_failed`), or text \
             holds a NUL character (`nul_character`)"
                .into(),
        );
    }
    if versioned {
        add(
            "429",
            "Rate limited (`rate_limited`); see `Retry-After`".into(),
        );
    }
}
