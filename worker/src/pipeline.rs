//! The generation job: claim in Postgres, route, generate, validate, store, complete.
//!
//! Delivery is at-least-once and may be duplicated (queue retries, reconciler re-pushes, a killed
//! worker's orphans): the claim UPDATE makes every extra delivery a no-op, and completion is one
//! transaction (game row + request row) guarded by the request still being `processing`.
//!
//! Every generated package is stored under a fresh prefix (`games/{id}/g{random}/`, by
//! [`aimini_models::package::store_package`], the same writer as uploads). A regeneration (a
//! request whose parent made a game that still exists, is the requester's and is not deleted)
//! becomes a new version of that game rather than a new game: its objects never go over the live ones, so the previous versions stay
//! intact and a lost race deletes only what this delivery wrote. The version is `ready` (the smoke
//! test has run) and goes live at once, under the game row lock, with its pending review.
//!
//! OpenAI tokens go through the quota ledger ([`LedgerBudget`]): each call reserves under a lock on
//! the user, keyed by (request id, purpose), so a re-delivered job re-uses its reservation rather
//! than charging twice; the request row's `tokens_used` is every OpenAI token the request cost.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use aimini_models::Config;
use aimini_models::games::GameStatus;
use aimini_models::games::{self, NewGame};
use aimini_models::generation::{self, GenerationRow, Outcome, Stage};
use aimini_models::notify::{self, Notification};
use aimini_models::package::{self, GameData, Metadata, NewFile, PrefixTag};
use aimini_models::queue::Queues;
use aimini_models::storage::Storage;
use aimini_models::versions::{self, NewVersion};
use bytes::Bytes;
use redis::aio::ConnectionManager;
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use aimini_models::quota::{self, Ask, MonthUsage, Reservation};

use crate::engines::EngineError;
use crate::engines::{GenerateInput, TokenUsage};
use crate::openai::{Grant, MIN_OUTPUT_TOKENS, TokenBudget};
use crate::router::{Decision, Engines, Metered, RouteError};

/// `route_reason` is a varchar(300).
const REASON_MAX: usize = 300;

fn fit_reason(reason: &str) -> String {
    if reason.chars().count() <= REASON_MAX {
        return reason.to_owned();
    }
    let mut s: String = reason.chars().take(REASON_MAX - 1).collect();
    s.push('…');
    s
}

/// The quota ledger as a [`TokenBudget`] for one request.
pub struct LedgerBudget<'a> {
    db: &'a PgPool,
    config: &'a Config,
    user_id: Uuid,
    request_id: Uuid,
    model: String,
    /// Ledger row per purpose, once reserved.
    rows: Mutex<HashMap<&'static str, i64>>,
}

impl<'a> LedgerBudget<'a> {
    pub fn new(db: &'a PgPool, config: &'a Config, req: &GenerationRow) -> Self {
        Self {
            db,
            config,
            user_id: req.user_id,
            request_id: req.id,
            model: config
                .openai
                .as_ref()
                .map(|o| o.model.clone())
                .unwrap_or_default(),
            rows: Mutex::new(HashMap::new()),
        }
    }

    fn row(&self, purpose: &'static str) -> Option<i64> {
        self.rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(purpose)
            .copied()
    }
}

impl TokenBudget for LedgerBudget<'_> {
    async fn reserve(
        &self,
        purpose: &'static str,
        prompt_estimate: u32,
        max_output: u32,
    ) -> anyhow::Result<Grant> {
        let ask = Ask {
            user_id: self.user_id,
            request_id: self.request_id,
            purpose,
            model: &self.model,
            prompt_estimate,
            max_output,
            min_output: MIN_OUTPUT_TOKENS,
        };
        Ok(
            match quota::reserve(self.db, ask, &self.config.quotas).await? {
                Reservation::Granted {
                    ledger_id,
                    max_completion,
                    reserved,
                    ..
                } => {
                    tracing::info!(request_id = %self.request_id, purpose, reserved, max_completion, "tokens reserved");
                    self.rows
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .insert(purpose, ledger_id);
                    Grant::Granted { max_completion }
                }
                Reservation::Exhausted(month) => {
                    Grant::Denied(format!("monthly OpenAI budget used: {month}"))
                }
            },
        )
    }

    async fn settle(&self, purpose: &'static str, usage: TokenUsage) -> anyhow::Result<()> {
        if let Some(id) = self.row(purpose) {
            quota::settle(self.db, id, usage.prompt, usage.completion).await?;
        }
        Ok(())
    }

    async fn release(&self, purpose: &'static str) -> anyhow::Result<()> {
        if let Some(id) = self.row(purpose) {
            quota::release(self.db, id).await?;
        }
        Ok(())
    }
}

impl Metered for LedgerBudget<'_> {
    async fn month(&self) -> anyhow::Result<Option<MonthUsage>> {
        Ok(quota::month_usage(self.db, self.user_id, &self.config.quotas).await?)
    }
}

pub struct Pipeline {
    pub db: PgPool,
    pub storage: Storage,
    pub engines: Arc<Engines>,
    pub redis: ConnectionManager,
    pub queues: Queues,
    pub config: Arc<Config>,
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The request cannot succeed (bad parameters...): fail it with this message.
    #[error("{message}")]
    Permanent { code: &'static str, message: String },
    /// Infrastructure trouble: try again later (until max attempts).
    #[error(transparent)]
    Transient(#[from] anyhow::Error),
}

impl From<sqlx::Error> for JobError {
    fn from(e: sqlx::Error) -> Self {
        Self::Transient(e.into())
    }
}

impl From<aimini_models::storage::StorageError> for JobError {
    fn from(e: aimini_models::storage::StorageError) -> Self {
        Self::Transient(e.into())
    }
}

impl From<EngineError> for JobError {
    fn from(e: EngineError) -> Self {
        match e {
            EngineError::Invalid(message) => Self::Permanent {
                code: "invalid_request",
                message,
            },
        }
    }
}

impl From<RouteError> for JobError {
    fn from(e: RouteError) -> Self {
        match e {
            RouteError::Refused(message) => Self::Permanent {
                code: "engine_unavailable",
                message,
            },
            RouteError::Engine(e) => e.into(),
            RouteError::Transient(e) => Self::Transient(e),
        }
    }
}

/// What happened to one delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Completed,
    Failed,
    Retrying,
    /// Not ours: already finished, failed, or held by a live lease elsewhere.
    Duplicate,
}

impl Delivery {
    pub fn label(self) -> &'static str {
        match self {
            Delivery::Completed => "completed",
            Delivery::Failed => "failed",
            Delivery::Retrying => "retrying",
            Delivery::Duplicate => "duplicate",
        }
    }
}

impl Pipeline {
    async fn notify(&self, req: &GenerationRow, status: &str, extra: Value) {
        let mut data = json!({"id": req.id, "status": status});
        if let (Some(obj), Some(more)) = (data.as_object_mut(), extra.as_object()) {
            obj.extend(more.clone());
        }
        let n = Notification {
            user_id: req.user_id,
            kind: "generation.updated".into(),
            data,
        };
        notify::publish(&mut self.redis.clone(), &self.config.redis.key_prefix, &n).await;
    }

    pub async fn run(&self, request_id: Uuid) -> anyhow::Result<Delivery> {
        let lease = i32::try_from(self.config.generation.lease.as_secs()).unwrap_or(i32::MAX);
        let Some(req) = generation::claim(&self.db, request_id, lease).await? else {
            return Ok(Delivery::Duplicate);
        };
        tracing::info!(request_id = %req.id, attempt = req.attempts, "generation claimed");
        self.notify(&req, "processing", json!({"stage": "routing"}))
            .await;
        let started = Instant::now();
        match self.produce(&req, started).await {
            Ok(Some((game_id, version))) => {
                self.notify(
                    &req,
                    "completed",
                    json!({"result_game_id": game_id, "version": version}),
                )
                .await;
                Ok(Delivery::Completed)
            }
            Ok(None) => Ok(Delivery::Duplicate),
            Err(JobError::Permanent { code, message }) => {
                generation::fail(&self.db, req.id, code, &message).await?;
                quota::release_request(&self.db, req.id).await?;
                self.notify(
                    &req,
                    "failed",
                    json!({"error_code": code, "error_message": message}),
                )
                .await;
                Ok(Delivery::Failed)
            }
            Err(JobError::Transient(e)) => {
                tracing::warn!(request_id = %req.id, error = %e, "generation attempt failed; will retry");
                if req.attempts >= req.max_attempts {
                    let msg = format!("generation failed after {} attempts: {e}", req.attempts);
                    generation::fail(&self.db, req.id, "attempts_exhausted", &msg).await?;
                    quota::release_request(&self.db, req.id).await?;
                    self.notify(&req, "failed", json!({"error_code": "attempts_exhausted"}))
                        .await;
                    return Ok(Delivery::Failed);
                }
                generation::release(&self.db, req.id, "temporary failure; retrying").await?;
                // If this push fails too, the reconciler finds the pending request later.
                if let Err(e) = self.queues.enqueue_generation(&[req.id], false).await {
                    tracing::warn!(request_id = %req.id, error = %e, "re-enqueue failed; the reconciler will retry");
                }
                Ok(Delivery::Retrying)
            }
        }
    }

    /// The game a regeneration adds a version to: the parent request's game, if it still exists, is
    /// the requester's and is not deleted. `None`: make a new game.
    async fn regeneration_target(&self, req: &GenerationRow) -> Result<Option<Uuid>, sqlx::Error> {
        let Some(parent) = req.parent_request_id else {
            return Ok(None);
        };
        generation::regeneration_target(&self.db, parent, req.user_id).await
    }

    /// Produces and stores the game (or, for a regeneration, its new version); returns the game
    /// and the version made. `Ok(None)`: someone else completed the request meanwhile.
    async fn produce(
        &self,
        req: &GenerationRow,
        started: Instant,
    ) -> Result<Option<(Uuid, i32)>, JobError> {
        let input = GenerateInput {
            prompt: &req.prompt,
            game_type: req.game_type.as_deref(),
            parameters: req.parameters.as_ref(),
            difficulty: req.difficulty.as_deref(),
        };
        let budget = LedgerBudget::new(&self.db, &self.config, req);
        let decision = self
            .engines
            .route(&input, req.engine_requested, &budget)
            .await?;
        if let Decision::Local { reason } | Decision::OpenAi { reason } = &decision {
            // Shown while generating, so even a failure says which engine was tried and why.
            let (engine, model) = self.engines.planned(&decision);
            generation::set_route(&self.db, req.id, engine, &model, &fit_reason(reason)).await?;
        }
        generation::set_stage(&self.db, req.id, Stage::Generating).await?;
        let routed = self
            .engines
            .serve(decision, input, req.engine_requested, &budget)
            .await?;
        // Every call is over: nothing this request reserved may stay held (defensive; each call
        // settles or releases its own row).
        quota::release_request(&self.db, req.id).await?;
        let generated = routed.generated;
        // The request's cost: every OpenAI token it spent (used or not) plus the local model's.
        let tokens_used = if generated.engine == "openai" {
            routed.openai_tokens
        } else {
            // (OpenAI's own tokens are counted where they are spent.)
            metrics::counter!("ai_tokens_total", "engine" => "local")
                .increment(u64::from(generated.tokens.total()));
            generated
                .tokens
                .total()
                .saturating_add(routed.openai_tokens)
        };
        let reason = fit_reason(&routed.route_reason);
        generation::set_route(
            &self.db,
            req.id,
            generated.engine,
            &generated.model,
            &reason,
        )
        .await?;

        generation::set_stage(&self.db, req.id, Stage::Validating).await?;
        let pkg = &generated.package;
        // The same gate for every package, whichever engine wrote it.
        if let Err(findings) = aimini_models::jscheck::check_logic(&pkg.logic) {
            let list: Vec<String> = findings
                .iter()
                .take(10)
                .map(|f| format!("logic.js:{f}"))
                .collect();
            return Err(JobError::Permanent {
                code: "blocked_api",
                message: format!(
                    "the game code failed its safety checks: {}",
                    list.join("; ")
                ),
            });
        }
        // Then it must actually run: 180 frames of scripted play in the headless runner. A game
        // that throws, draws nothing or ignores every input is not published.
        let smoke = self
            .engines
            .sandbox
            .smoke_package(pkg)
            .await
            .map_err(|e| JobError::Transient(anyhow::anyhow!("headless runner: {e}")))?;
        if !smoke.ok {
            return Err(JobError::Permanent {
                code: "smoke_test_failed",
                message: format!("the game failed its smoke test: {}", smoke.summary()),
            });
        }
        let (title, description, difficulty, tags, metadata) = (
            &pkg.title,
            &pkg.description,
            &pkg.difficulty,
            &pkg.tags,
            &pkg.metadata,
        );
        generation::set_stage(&self.db, req.id, Stage::Storing).await?;
        let target = self.regeneration_target(req).await?;
        let game_id = target.unwrap_or_else(Uuid::new_v4);
        let metadata = Metadata::from_value(metadata.clone());
        let files = vec![
            NewFile::in_memory("metadata.json", metadata.to_json_bytes()),
            NewFile::in_memory("logic.js", Bytes::from(pkg.logic.as_bytes().to_vec())),
        ];
        // A generated package shares nothing with earlier versions: a regeneration is new code.
        let stored = package::store_package(
            &self.storage,
            game_id,
            PrefixTag::Generation,
            files,
            None,
            Default::default(),
        )
        .await?;
        let keys = stored.written;
        let game_data = GameData {
            metadata,
            files: stored.files,
            smoke_test: Some(smoke.stored()),
            ..GameData::default()
        };

        let mut tx = self.db.begin().await?;
        let version = match target {
            Some(game_id) => {
                let game = versions::lock_game(&mut tx, game_id).await?;
                if !game
                    .is_some_and(|g| g.status != GameStatus::Deleted && g.creator_id == req.user_id)
                {
                    tx.rollback().await?;
                    self.storage.delete_orphans(&keys).await;
                    return Err(JobError::Permanent {
                        code: "game_deleted",
                        message: "the game was deleted while it was being regenerated".into(),
                    });
                }
                versions::add(
                    &mut tx,
                    NewVersion {
                        game_id,
                        source: versions::Source::Regeneration,
                        state: versions::State::Ready,
                        game_data: &game_data,
                        created_by: Some(req.user_id),
                        restored_from: None,
                    },
                )
                .await?
            }
            None => {
                games::insert(
                    &mut *tx,
                    NewGame {
                        id: game_id,
                        creator_id: req.user_id,
                        title,
                        description: Some(description),
                        category: &pkg.category,
                        difficulty,
                        game_data: &game_data,
                        tags,
                        is_public: false,
                        status: GameStatus::Active,
                        forked_from: None,
                        source: versions::Source::Generation,
                        state: versions::State::Ready,
                    },
                )
                .await?;
                1
            }
        };
        let outcome = Outcome {
            engine: generated.engine,
            model: &generated.model,
            route_reason: &reason,
            tokens_used: i32::try_from(tokens_used).unwrap_or(i32::MAX),
            processing_ms: i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX),
        };
        if !generation::complete(&mut *tx, req.id, game_id, &outcome).await? {
            // Lost the race to another delivery: leave no trace (the keys are this delivery's own).
            tx.rollback().await?;
            self.storage.delete_orphans(&keys).await;
            return Ok(None);
        }
        // Every generated game and version is reviewed before anyone else sees it.
        let review = if target.is_some() {
            // The smoke test has passed: the version goes live now, back under review.
            versions::promote(&mut tx, game_id, version).await?
        } else {
            aimini_models::moderation::insert_pending_for_game(&mut *tx, game_id).await?
        };
        tx.commit().await?;
        // A regeneration changes a game's content (and unlists it until reviewed); a new game
        // belongs in its owner's lists.
        aimini_models::catalogue::bump(&mut self.redis.clone(), &self.config.redis.key_prefix)
            .await;
        if let Err(e) = self.queues.enqueue_moderation(&[review]).await {
            tracing::warn!(%game_id, error = %e, "moderation enqueue failed; the reconciler will push it");
        }
        if let Err(e) = self.queues.enqueue_thumbnail(&[game_id]).await {
            // The game is playable without one; the list shows a placeholder.
            tracing::warn!(%game_id, error = %e, "thumbnail enqueue failed");
        }
        tracing::info!(request_id = %req.id, %game_id, version, engine = generated.engine, "game generated");
        Ok(Some((game_id, version)))
    }
}
