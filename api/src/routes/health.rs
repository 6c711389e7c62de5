//! Probes and metrics, outside the versioned API.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use aimini_models::secrets::{MetricsAccess, metrics_access};

use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_health))
        .routes(routes!(get_readiness))
        .routes(routes!(get_metrics))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthOut {
    pub status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "ops", responses((status = 200, body = HealthOut)))]
pub async fn get_health() -> axum::Json<HealthOut> {
    axum::Json(HealthOut { status: "ok" })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadinessOut {
    /// `ok` when every dependency answered, else `unavailable`.
    pub status: &'static str,
    pub postgres: &'static str,
    pub redis: &'static str,
    pub storage: &'static str,
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "unavailable" }
}

/// Readiness: Postgres, Redis and object storage all answer (each within 2 s).
#[utoipa::path(get, path = "/readyz", tag = "ops",
    responses((status = 200, body = ReadinessOut), (status = 503, body = ReadinessOut)))]
pub async fn get_readiness(
    State(state): State<AppState>,
) -> (StatusCode, axum::Json<ReadinessOut>) {
    let limit = Duration::from_secs(2);
    let pg = async {
        sqlx::query_scalar!("SELECT 1 AS \"one!\"")
            .fetch_one(&state.db)
            .await
            .is_ok()
    };
    let redis = async {
        let mut conn = state.redis.clone();
        redis::cmd("PING")
            .query_async::<String>(&mut conn)
            .await
            .is_ok()
    };
    let storage = async { state.storage.check().await.is_ok() };
    let (pg, redis, storage) = tokio::join!(
        tokio::time::timeout(limit, pg),
        tokio::time::timeout(limit, redis),
        tokio::time::timeout(limit, storage)
    );
    let (pg, redis, storage) = (
        pg.unwrap_or(false),
        redis.unwrap_or(false),
        storage.unwrap_or(false),
    );
    let all = pg && redis && storage;
    if !all {
        tracing::warn!(postgres = pg, redis, storage, "not ready");
    }
    let status = if all {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        axum::Json(ReadinessOut {
            status: verdict(all),
            postgres: verdict(pg),
            redis: verdict(redis),
            storage: verdict(storage),
        }),
    )
}

/// Prometheus metrics: request counts and latency by route template and status, DB pool usage,
/// rate-limit rejections. Off (404) unless `AIMINI_METRICS_TOKEN` is set, and then only for a
/// scraper that sends it as a bearer token: the numbers describe the deployment and its users'
/// activity, which is not public.
#[utoipa::path(get, path = "/metrics", tag = "ops",
    security(("metrics_token" = [])),
    responses(
        (status = 200, content_type = "text/plain; version=0.0.4", body = String),
        (status = 401, description = "Missing or wrong metrics token", body = crate::error::ErrorBody),
        (status = 404, description = "Metrics are off (no AIMINI_METRICS_TOKEN)", body = crate::error::ErrorBody),
    ))]
pub async fn get_metrics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<([(axum::http::HeaderName, &'static str); 1], String), ApiError> {
    let auth = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match metrics_access(state.config.log.metrics_token.as_ref(), auth) {
        MetricsAccess::Off => {
            return Err(ApiError::NotFound(
                "metrics are off: set AIMINI_METRICS_TOKEN",
            ));
        }
        MetricsAccess::Denied => {
            return Err(ApiError::Unauthorized("missing or wrong metrics token"));
        }
        MetricsAccess::Allowed => {}
    }
    let size = state.db.size();
    let idle = u32::try_from(state.db.num_idle()).unwrap_or(u32::MAX);
    metrics::gauge!("db_pool_connections", "state" => "idle").set(f64::from(idle));
    metrics::gauge!("db_pool_connections", "state" => "in_use")
        .set(f64::from(size.saturating_sub(idle)));
    metrics::gauge!("db_pool_max_connections")
        .set(f64::from(state.config.database.max_connections));
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        state.metrics.render(),
    ))
}
