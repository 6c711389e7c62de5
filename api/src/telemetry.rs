//! The Prometheus recorder (log setup is shared with the worker: `aimini_models::process`).

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process-wide Prometheus recorder (the `metrics` facade allows one per process).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("duration_seconds".into()), LATENCY_BUCKETS)
                .unwrap_or_else(|_| PrometheusBuilder::new());
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!(
                    "a metrics recorder was already installed; /metrics will be incomplete"
                );
            }
            metrics::describe_counter!(
                "http_requests_total",
                "HTTP requests by method, route template and status"
            );
            metrics::describe_histogram!(
                "http_request_duration_seconds",
                metrics::Unit::Seconds,
                "HTTP request latency by method, route template and status"
            );
            metrics::describe_counter!(
                "rate_limit_rejections_total",
                "Requests refused with 429, by limit group"
            );
            metrics::describe_counter!(
                "rate_limit_errors_total",
                "Rate-limit checks that failed (Redis unavailable)"
            );
            metrics::describe_gauge!("db_pool_connections", "Postgres pool connections by state");
            let upkeep = handle.clone();
            // Histograms need periodic upkeep to bound their memory; a plain thread works in and out of
            // a runtime.
            std::thread::Builder::new()
                .name("metrics-upkeep".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(Duration::from_secs(5));
                        upkeep.run_upkeep();
                    }
                })
                .ok();
            handle
        })
        .clone()
}
