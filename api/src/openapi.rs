//! The OpenAPI 3.1 document. Paths come from the routers themselves (utoipa-axum collects every route
//! registered with `routes!`), so a route cannot exist without being documented.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
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
                       and, on 429, `Retry-After`.",
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
    }
}
