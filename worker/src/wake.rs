//! The fast path from "request queued" to "request claimed".
//!
//! apalis-redis workers find new jobs by polling, and idle ones poll late (`docs/apalis-redis.md`,
//! defect 2): pickup took about half a second. Here each worker process also blocks on the wake-up
//! list the producer appends to (`Queues::enqueue_generation`) and runs the request at once.
//! Nothing depends on this path: a lost wake-up, a full worker or a crash mid-run leaves the apalis
//! job and the reconciler to finish the request, exactly as before. Both paths share one semaphore,
//! so a process never runs more generations at once than `--concurrency`.

use std::sync::Arc;
use std::time::Duration;

use aimini_models::jobs::GenerateGameJob;
use secrecy::ExposeSecret as _;
use tokio::sync::{Semaphore, watch};
use uuid::Uuid;

use crate::ctx::Ctx;

/// How long one BLPOP blocks before looking at the stop signal again.
const BLOCK_SECS: f64 = 1.0;

/// Pops wake-ups until `stop`, runs each request while a permit is free, then waits for the runs
/// it started (graceful drain).
pub async fn wake_loop(
    ctx: Arc<Ctx>,
    permits: Arc<Semaphore>,
    total_permits: u32,
    mut stop: watch::Receiver<bool>,
) {
    let key = aimini_models::queue::generation_wake_key(&ctx.config.redis.key_prefix);
    let mut backoff = Duration::from_millis(200);
    'connect: while !*stop.borrow() {
        // A dedicated connection: a blocking pop would stall every other command multiplexed on
        // the shared one.
        let conn = async {
            let client = redis::Client::open(ctx.config.redis.url.expose_secret())?;
            let cfg = redis::AsyncConnectionConfig::new()
                .set_connection_timeout(Some(Duration::from_secs(2)))
                .set_response_timeout(Some(Duration::from_secs_f64(BLOCK_SECS + 2.0)));
            client
                .get_multiplexed_async_connection_with_config(&cfg)
                .await
        }
        .await;
        let mut conn = match conn {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "wake-up listener cannot reach Redis; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = stop.changed() => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(10));
                continue;
            }
        };
        backoff = Duration::from_millis(200);
        loop {
            // Wait for capacity first: a popped id we cannot run is a wasted hint.
            let permit = tokio::select! {
                p = permits.clone().acquire_owned() => match p {
                    Ok(p) => p,
                    Err(_) => break 'connect,
                },
                _ = stop.changed() => break 'connect,
            };
            let mut blpop = redis::cmd("BLPOP");
            blpop.arg(&key).arg(BLOCK_SECS);
            let popped: Result<Option<(String, String)>, redis::RedisError> = tokio::select! {
                r = blpop.query_async(&mut conn) => r,
                // An id popped at this instant is dropped; apalis still delivers it.
                _ = stop.changed() => break 'connect,
            };
            match popped {
                Ok(Some((_, id))) => match Uuid::parse_str(&id) {
                    Ok(request_id) => {
                        let ctx = ctx.clone();
                        tokio::spawn(async move {
                            let job = GenerateGameJob { request_id };
                            crate::jobs::run(&ctx, job, &[("path", "wake")]).await;
                            drop(permit);
                        });
                    }
                    Err(_) => tracing::warn!("ignoring a malformed generation wake-up"),
                },
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "wake-up listener lost Redis; reconnecting");
                    continue 'connect;
                }
            }
        }
    }
    // Drain: every run started here holds a permit until it ends.
    let _ = permits.acquire_many(total_permits).await;
}
