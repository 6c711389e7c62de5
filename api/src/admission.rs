//! Admission control's view of the generation queue, sampled in the background.
//!
//! Reading the queue depth from Redis on every submission cost two round trips per request. The
//! limit it enforces (`AIMINI_GENERATION_MAX_DUE_JOBS`, far below the ~8k where apalis-redis
//! wedges) has thousands of jobs of headroom, so a depth at most [`SAMPLE_EVERY`] old is as good:
//! one task per replica samples it, and submissions read an atomic.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use aimini_models::queue::Queues;

pub const SAMPLE_EVERY: Duration = Duration::from_millis(100);

/// `UNKNOWN` until the first sample, and again while Redis cannot be read.
const UNKNOWN: u64 = u64::MAX;

#[derive(Clone)]
pub struct Admission {
    due: Arc<AtomicU64>,
}

impl Default for Admission {
    fn default() -> Self {
        Self {
            due: Arc::new(AtomicU64::new(UNKNOWN)),
        }
    }
}

impl Admission {
    /// Due generation jobs at the last sample; `None` when unknown.
    pub fn due(&self) -> Option<u64> {
        let v = self.due.load(Ordering::Relaxed);
        (v != UNKNOWN).then_some(v)
    }

    /// Samples until the process ends (the task is detached, like the notification relay).
    pub fn spawn_sampler(&self, queues: Queues) {
        let due = self.due.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(SAMPLE_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut warned = false;
            loop {
                tick.tick().await;
                match queues.generation_depth().await {
                    Ok(d) => {
                        due.store(d.due.min(UNKNOWN - 1), Ordering::Relaxed);
                        warned = false;
                    }
                    Err(e) => {
                        due.store(UNKNOWN, Ordering::Relaxed);
                        if !warned {
                            tracing::warn!(error = %e, "queue depth unavailable; admitting until it is back");
                            warned = true;
                        }
                    }
                }
            }
        });
    }
}
