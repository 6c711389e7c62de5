//! The reconciler: Postgres is the truth and the queue only a hint, so every pass re-pushes what
//! the queue lost (requests, reviews and validations past their lease), purges deleted games past
//! their retention and prunes dead sign-in tokens. Every step is idempotent and logs its own
//! failure, so one broken step never stops the others.

use std::sync::Arc;

use aimini_models::generation;
use aimini_models::jobs::{GenerateGameJob, ValidateGameJob};

use crate::ctx::Ctx;

/// Deleted games purged per reconciler pass (the rest wait for the next one).
const PURGE_BATCH: usize = 20;
/// Dead sign-in tokens of each kind deleted per reconciler pass.
const PRUNE_BATCH: i64 = 1000;

pub async fn reconcile_loop(ctx: Arc<Ctx>, mut stop: tokio::sync::watch::Receiver<bool>) {
    let every = ctx.config.generation.reconcile_interval;
    let requeue = i32::try_from(ctx.config.generation.requeue_after.as_secs()).unwrap_or(i32::MAX);
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            () = tokio::time::sleep(every) => {}
        }
        match generation::reconcile(&ctx.db, requeue, 500).await {
            Ok((exhausted, ids)) => {
                if exhausted > 0 {
                    tracing::warn!(exhausted, "requests failed after exhausting their attempts");
                }
                if !ids.is_empty() {
                    match ctx.queues.enqueue_generation(&ids, false).await {
                        Ok(()) => {
                            let _ = generation::mark_enqueued(&ctx.db, &ids).await;
                            metrics::counter!("reconciler_requeued_total")
                                .increment(ids.len() as u64);
                            tracing::info!(
                                count = ids.len(),
                                "reconciler re-enqueued lost requests"
                            );
                        }
                        Err(e) => tracing::warn!(error = %e, "reconciler could not enqueue"),
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "reconciler scan failed"),
        }
        match aimini_models::moderation::stale_pending(&ctx.db, requeue, 500).await {
            Ok(ids) if !ids.is_empty() => {
                if let Err(e) = ctx.queues.enqueue_moderation(&ids).await {
                    tracing::warn!(error = %e, "reconciler could not enqueue moderation");
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "moderation scan failed"),
        }
        // A validation run holds a lease of one job timeout; a version still `validating` two job
        // timeouts after its last run started (or, never started, after it was made) lost its job
        // or its worker. A duplicate push is harmless: the lease lets one delivery run at a time,
        // and each run is counted against AIMINI_RUNNER_MAX_ATTEMPTS.
        let validate_stale =
            i32::try_from((ctx.config.generation.job_timeout * 2).as_secs()).unwrap_or(i32::MAX);
        match aimini_models::versions::stale_validating(&ctx.db, validate_stale, 500).await {
            Ok(versions) if !versions.is_empty() => {
                match ctx.queues.enqueue_validation(&versions).await {
                    Ok(()) => {
                        metrics::counter!("reconciler_requeued_total", "queue" => ValidateGameJob::QUEUE)
                            .increment(versions.len() as u64);
                        tracing::info!(
                            count = versions.len(),
                            "reconciler re-enqueued stale validations"
                        );
                    }
                    Err(e) => tracing::warn!(error = %e, "reconciler could not enqueue validation"),
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "validation scan failed"),
        }
        match aimini_models::purge::purge_deleted(
            &ctx.db,
            &ctx.storage,
            ctx.config.catalogue.deleted_retention,
            PURGE_BATCH,
        )
        .await
        {
            Ok(p) if p.games > 0 => {
                metrics::counter!("games_purged_total").increment(p.games as u64);
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "purging deleted games failed; retried next pass"),
        }
        match aimini_models::sessions::prune_dead(&ctx.db, PRUNE_BATCH).await {
            Ok(n) if n > 0 => tracing::info!(rows = n, "pruned dead sign-in tokens"),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "pruning dead sign-in tokens failed; retried next pass")
            }
        }
        if let Ok(d) = ctx.queues.generation_depth().await {
            metrics::gauge!("queue_due_jobs", "queue" => GenerateGameJob::QUEUE).set(d.due as f64);
        }
    }
}
