//! Submissions share their queue pushes: group commit on Redis.
//!
//! An accepted generation request is pushed after its insert commits, and the client hears 202 once
//! the push has been tried, so a worker may already hold the job when the answer arrives. Under load
//! dozens of submissions commit within the same millisecond, and pushing each on its own cost two
//! Redis round trips and two script runs apiece. Instead one task per replica takes every id that
//! is waiting, pushes them with one `batch_push` script and one wake-up pipeline
//! ([`Queues::enqueue_generation`]), and answers each waiter. While a push is in flight the next
//! batch gathers, so batches grow with the load and an idle replica adds no wait at all.
//!
//! Nothing accepted depends on this task: a push that fails, or a task that is gone, leaves the
//! request `pending` in Postgres, and the worker's reconciler pushes it once `requeue_after` has
//! passed, exactly as when a single push failed.

use aimini_models::queue::{QueueError, Queues};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// Most ids in one push; the script's argument list grows by seven per job.
const MAX_BATCH: usize = 256;
/// Submissions waiting for the batcher before new ones wait for room (back-pressure, not loss).
const CHANNEL: usize = 4096;

struct Waiting {
    id: Uuid,
    done: oneshot::Sender<Result<(), QueueError>>,
}

/// A handle to this replica's push task; cloning shares the task.
#[derive(Clone)]
pub struct Enqueuer {
    tx: mpsc::Sender<Waiting>,
}

impl Enqueuer {
    /// Starts the push task. It ends once every handle is dropped and the waiting ids are pushed.
    pub fn spawn(queues: Queues) -> Self {
        let (tx, rx) = mpsc::channel(CHANNEL);
        tokio::spawn(run(queues, rx));
        Self { tx }
    }

    /// Pushes a committed generation request (task id = request id, as a first push must be) and
    /// waits for the outcome of the batch it rode in.
    pub async fn generation(&self, id: Uuid) -> Result<(), QueueError> {
        let (done, outcome) = oneshot::channel();
        self.tx
            .send(Waiting { id, done })
            .await
            .map_err(|_| QueueError::new("the enqueue task has stopped"))?;
        outcome
            .await
            .map_err(|_| QueueError::new("the enqueue task dropped the request"))?
    }
}

async fn run(queues: Queues, mut rx: mpsc::Receiver<Waiting>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let ids: Vec<Uuid> = batch.iter().map(|w| w.id).collect();
        let result = queues.enqueue_generation(&ids, true).await;
        metrics::histogram!("generation_enqueue_batch_size").record(ids.len() as f64);
        for w in batch.drain(..) {
            // A waiter whose client went away has dropped its receiver; its job is pushed anyway.
            let _ = w.done.send(result.clone());
        }
    }
}
