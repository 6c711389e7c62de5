//! Building and running the HTTP application.

use std::net::SocketAddr;
use std::sync::Arc;

use aimini_models::infra::Infra;
use aimini_models::queue::Queues;
use aimini_models::{Config, db};
use anyhow::Context as _;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header;
use axum::{Extension, Router};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;

use crate::auth::cache::AuthCache;
use crate::auth::jwt::JwtKeys;
use crate::auth::oauth::OAuthProviders;
use crate::mail::Mailer;
use crate::middleware as mw;
use crate::openapi::ApiDoc;
use crate::ratelimit::{self, RateLimiter};
use crate::routes;
use crate::state::AppState;

/// Every documented route, without state: the single source for both the router and the OpenAPI
/// document.
pub fn routes(config: &Config) -> OpenApiRouter<AppState> {
    let auth = OpenApiRouter::new()
        .merge(routes::auth::router())
        .merge(routes::verification::router())
        .merge(routes::oauth::router())
        .layer(axum::middleware::from_fn(ratelimit::auth));
    let v1 = OpenApiRouter::new()
        .merge(auth)
        .merge(routes::users::router(config.limits.avatar_max_bytes))
        .merge(routes::admin::router())
        .merge(routes::ai::router())
        .merge(routes::play::api_router())
        .merge(routes::games::router(config.catalogue.upload_max_bytes))
        .layer(axum::middleware::from_fn(ratelimit::api_calls));
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .merge(routes::media::router())
        .merge(routes::play::router(&config.prompts_dir))
        .merge(routes::ws::router())
        .merge(routes::health::router())
}

/// The OpenAPI document (also served at `/api/v1/openapi.json`).
pub fn openapi(config: &Config) -> utoipa::openapi::OpenApi {
    split(config).1
}

/// The router and its complete document (shared answers added by `openapi::complete`).
fn split(config: &Config) -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = routes(config).split_for_parts();
    crate::openapi::complete(&mut doc);
    (router, doc)
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// Connects to every dependency and binds the listener (`AIMINI_HTTP_ADDR`; port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.http_addr)
            .await
            .with_context(|| format!("cannot listen on {} (AIMINI_HTTP_ADDR)", config.http_addr))?;
        Self::build_on(config, listener).await
    }

    /// Like [`Application::build`] on a listener bound by the caller (tests bind first so the public
    /// URL can carry the real port).
    pub async fn build_on(config: Config, listener: TcpListener) -> anyhow::Result<Self> {
        aimini_models::process::init_tracing(&config.log);
        let Infra {
            db,
            redis,
            storage,
            templates,
        } = Infra::connect(&config).await?;
        if config.database.migrate_on_start {
            db::MIGRATOR.run(&db).await.context("applying migrations")?;
        }
        let mailer = Mailer::new(&config.mail)?;
        let oauth = OAuthProviders::new(&config.oauth, &config.public_url)?;
        // The player's runtime files: refuse to start without them rather than serve a broken page.
        routes::play::PlayAssets::load(&config.prompts_dir)
            .context("loading the player runtime (AIMINI_PROMPTS_DIR)")?;
        // The request classifier trains on its labelled sets at first use: start it now, off the
        // async threads, so the first prompt does not wait for it.
        tokio::task::spawn_blocking(aimini_models::safety::warm_up);
        let (notifications, _) = tokio::sync::broadcast::channel(1024);
        tokio::spawn(routes::ws::relay_notifications(
            config.redis.url.clone(),
            config.redis.key_prefix.clone(),
            notifications.clone(),
        ));
        let auth_cache = Arc::new(AuthCache::new(config.auth.auth_cache_ttl));
        // Always relayed, cache or not: open WebSockets re-check their session on evictions.
        tokio::spawn(crate::auth::cache::relay_invalidations(
            auth_cache.clone(),
            config.redis.url.clone(),
            config.redis.key_prefix.clone(),
        ));
        let queues = Queues::new(redis.clone(), &config.redis.key_prefix);
        let admission = crate::admission::Admission::default();
        admission.spawn_sampler(queues.clone());
        let image_slots = Arc::new(tokio::sync::Semaphore::new(config.image.max_concurrent));
        let status_cache = Arc::new(crate::status_cache::StatusCache::new(
            config.generation.status_cache_ttl,
        ));
        tokio::spawn(crate::status_cache::listen(
            config.database.url.clone(),
            status_cache.clone(),
        ));
        let state = AppState::new(crate::state::Shared {
            admission,
            jwt: Arc::new(JwtKeys::new(&config.auth)),
            auth_cache,
            limiter: RateLimiter::new(redis.clone(), &config.redis.key_prefix),
            config: Arc::new(config),
            db,
            redis,
            storage,
            mailer: Arc::new(mailer),
            oauth: Arc::new(oauth),
            metrics: crate::telemetry::metrics_handle(),
            status_cache,
            enqueuer: crate::enqueue::Enqueuer::spawn(queues.clone()),
            queues,
            templates: Arc::new(templates),
            notifications,
            sockets: Arc::new(routes::ws::SocketCounts::default()),
            image_slots,
        });
        let router = app(state.clone());
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGTERM or Ctrl-C, then stops accepting and lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        tracing::info!(addr = %self.listener.local_addr()?, storage = self.state.storage.backend_name(), "aimini-api listening");
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(aimini_models::process::shutdown_signal())
        .await?;
        tracing::info!("aimini-api stopped");
        Ok(())
    }
}

pub fn app(state: AppState) -> Router {
    let (router, doc) = split(&state.config);
    let doc_json = Arc::new(doc.to_pretty_json().unwrap_or_else(|_| "{}".to_owned()));
    let json_limit = state.config.limits.json_max_bytes;
    router
        .merge(routes::docs::router(doc_json))
        .fallback(mw::not_found)
        .method_not_allowed_fallback(mw::method_not_allowed)
        .with_state(state.clone())
        .layer(DefaultBodyLimit::max(json_limit))
        .layer(axum::middleware::from_fn(crate::extract::reject_nul_in_uri))
        .layer(axum::middleware::from_fn(mw::track_metrics))
        .layer(axum::middleware::from_fn(mw::json_errors))
        .layer(CatchPanicLayer::custom(mw::panic_response))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let route = req
                .extensions()
                .get::<axum::extract::MatchedPath>()
                .map(|p| p.as_str().to_owned());
            let request_id = req
                .headers()
                .get(mw::REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            // Path only, never the query string (it can carry tokens, e.g. OAuth codes).
            tracing::info_span!("request", method = %req.method(), path = req.uri().path(), route, request_id)
        }))
        .layer(SetSensitiveRequestHeadersLayer::new([header::AUTHORIZATION, header::COOKIE]))
        .layer(Extension(state))
        .layer(axum::middleware::from_fn(mw::security_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(mw::MakeUuid))
        .layer(axum::middleware::from_fn(mw::sanitize_request_id))
}
