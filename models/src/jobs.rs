//! Background job payloads. Jobs carry ids only (the row in Postgres is the truth) and every handler
//! must tolerate at-least-once delivery. Queue names are versioned: a payload change that old workers
//! cannot decode gets a new queue name, never an in-place change.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateGameJob {
    pub request_id: Uuid,
}

impl GenerateGameJob {
    pub const QUEUE: &'static str = "generation.v1";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerateContentJob {
    pub moderation_id: Uuid,
}

impl ModerateContentJob {
    pub const QUEUE: &'static str = "moderation.v1";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderThumbnailJob {
    pub game_id: Uuid,
}

impl RenderThumbnailJob {
    pub const QUEUE: &'static str = "thumbnail.v1";
}

/// Validates an uploaded or edited version (headless smoke test) and, when it passes and is still
/// the newest, makes it live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidateGameJob {
    pub game_id: Uuid,
    pub version: i32,
}

impl ValidateGameJob {
    pub const QUEUE: &'static str = "validation.v1";
}

/// All queues, in the order a worker serves them by default.
pub const ALL_QUEUES: [&str; 4] = [
    GenerateGameJob::QUEUE,
    ValidateGameJob::QUEUE,
    ModerateContentJob::QUEUE,
    RenderThumbnailJob::QUEUE,
];

/// The versioned queue for a name given by an operator: `generation` or `generation.v1`.
pub fn resolve_queue(name: &str) -> Option<&'static str> {
    ALL_QUEUES
        .into_iter()
        .find(|q| *q == name || q.split_once('.').is_some_and(|(base, _)| base == name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_versioned_queue_names_resolve() {
        assert_eq!(resolve_queue("generation"), Some("generation.v1"));
        assert_eq!(resolve_queue("moderation.v1"), Some("moderation.v1"));
        assert_eq!(resolve_queue("thumbnail"), Some("thumbnail.v1"));
        assert_eq!(resolve_queue("validation"), Some("validation.v1"));
        assert_eq!(resolve_queue("generation.v2"), None);
        assert_eq!(resolve_queue("gen"), None);
    }
}
