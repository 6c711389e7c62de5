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
//! OpenAI tokens go through the quota ledger ([`LedgerBudget`]); the request row's `tokens_used` is
//! every OpenAI token the request cost.

use std::time::Instant;

use aimini_models::games::{self, GameStatus, NewGame};
use aimini_models::generation::{self, GenerationRow, Outcome, Stage};
use aimini_models::jobs::GenerateGameJob;
use aimini_models::notify::{self, Notification};
use aimini_models::package::{self, GameData, Metadata, NewFile, PrefixTag, TemplateVerified};
use aimini_models::quota;
use aimini_models::versions::{self, NewVersion};
use bytes::Bytes;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::ctx::Ctx;
use crate::engines::{EngineError, GenerateInput, Generated, Package};
use crate::jobs::Job;
use crate::ledger::LedgerBudget;
use crate::router::{Decision, RouteError};
use crate::runner::SmokeReport;
use crate::runner::sandbox::Refused;

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
            // The last engine (local) failed for its own reasons: worth another attempt.
            EngineError::Failed(why) => {
                Self::Transient(anyhow::anyhow!("the engine failed: {why}"))
            }
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

impl Job for GenerateGameJob {
    const QUEUE: &'static str = GenerateGameJob::QUEUE;
    const SHORT: &'static str = "gen";
    const HEAVY: bool = true;
    const LABELS: &'static [(&'static str, &'static str)] = &[("path", "queue")];

    fn id(&self) -> Uuid {
        self.request_id
    }

    async fn handle(self, ctx: &Ctx) -> anyhow::Result<&'static str> {
        Ok(deliver(ctx, self.request_id).await?.label())
    }
}

async fn notify(ctx: &Ctx, req: &GenerationRow, status: &str, extra: Value) {
    let mut data = json!({"id": req.id, "status": status});
    if let (Some(obj), Some(more)) = (data.as_object_mut(), extra.as_object()) {
        obj.extend(more.clone());
    }
    let n = Notification {
        user_id: req.user_id,
        kind: "generation.updated".into(),
        data,
    };
    notify::publish(&mut ctx.redis.clone(), &ctx.config.redis.key_prefix, &n).await;
}

/// One delivery of a request: claim it, produce the game, and settle the request whatever happened.
pub async fn deliver(ctx: &Ctx, request_id: Uuid) -> anyhow::Result<Delivery> {
    let lease = i32::try_from(ctx.config.generation.lease.as_secs()).unwrap_or(i32::MAX);
    let Some(req) = generation::claim(&ctx.db, request_id, lease).await? else {
        return Ok(Delivery::Duplicate);
    };
    tracing::info!(request_id = %req.id, attempt = req.attempts, "generation claimed");
    notify(ctx, &req, "processing", json!({"stage": "routing"})).await;
    let started = Instant::now();
    match produce(ctx, &req, started).await {
        Ok(Some((game_id, version))) => {
            let done = json!({"result_game_id": game_id, "version": version});
            notify(ctx, &req, "completed", done).await;
            Ok(Delivery::Completed)
        }
        Ok(None) => Ok(Delivery::Duplicate),
        Err(JobError::Permanent { code, message }) => {
            generation::fail(&ctx.db, req.id, code, &message).await?;
            quota::release_request(&ctx.db, req.id).await?;
            let failed = json!({"error_code": code, "error_message": message});
            notify(ctx, &req, "failed", failed).await;
            Ok(Delivery::Failed)
        }
        Err(JobError::Transient(e)) => {
            tracing::warn!(request_id = %req.id, error = %e, "generation attempt failed; will retry");
            if req.attempts >= req.max_attempts {
                let msg = format!("generation failed after {} attempts: {e}", req.attempts);
                generation::fail(&ctx.db, req.id, "attempts_exhausted", &msg).await?;
                quota::release_request(&ctx.db, req.id).await?;
                notify(
                    ctx,
                    &req,
                    "failed",
                    json!({"error_code": "attempts_exhausted"}),
                )
                .await;
                return Ok(Delivery::Failed);
            }
            generation::release(&ctx.db, req.id, "temporary failure; retrying").await?;
            // If this push fails too, the reconciler finds the pending request later.
            if let Err(e) = ctx.queues.enqueue_generation(&[req.id], false).await {
                tracing::warn!(request_id = %req.id, error = %e, "re-enqueue failed; the reconciler will retry");
            }
            Ok(Delivery::Retrying)
        }
    }
}

/// Produces and stores the game (or, for a regeneration, its new version); returns the game and
/// the version made. `Ok(None)`: someone else completed the request meanwhile.
async fn produce(
    ctx: &Ctx,
    req: &GenerationRow,
    started: Instant,
) -> Result<Option<(Uuid, i32)>, JobError> {
    let made = generate(ctx, req).await?;
    let gated = gate(ctx, req, &made.generated.package).await?;
    generation::set_stage(&ctx.db, req.id, Stage::Storing).await?;
    store(ctx, req, &made, gated, started).await
}

/// What the engines made for a request, with the reason and cost to record.
struct Made {
    generated: Generated,
    /// The route reason, fitted to its column.
    reason: String,
    /// Every OpenAI token the request spent (used or not) plus the local model's.
    tokens_used: u32,
}

/// Routes the request, records the route (so even a failure says which engine was tried and
/// why), and generates.
async fn generate(ctx: &Ctx, req: &GenerationRow) -> Result<Made, JobError> {
    // The API refuses these before queueing; a request accepted by an older API, or re-queued
    // from before a policy change, is refused here before any engine runs.
    let verdict = aimini_models::safety::screen_request(&req.prompt, req.parameters.as_ref());
    if verdict.refused() {
        return Err(JobError::Permanent {
            code: "content_policy",
            message: verdict.message(),
        });
    }
    let input = GenerateInput {
        prompt: &req.prompt,
        game_type: req.game_type.as_deref(),
        parameters: req.parameters.as_ref(),
        difficulty: req.difficulty.as_deref(),
    };
    let budget = LedgerBudget::new(&ctx.db, &ctx.config, req);
    let decision = ctx
        .engines
        .route(&input, req.engine_requested, &budget)
        .await?;
    // The planned route and the stage in one write.
    if let Decision::Local { reason } | Decision::OpenAi { reason } = &decision {
        let (engine, model) = ctx.engines.planned(&decision);
        let reason = fit_reason(reason);
        generation::set_route(
            &ctx.db,
            req.id,
            (engine, &model, &reason),
            Stage::Generating,
        )
        .await?;
    } else {
        generation::set_stage(&ctx.db, req.id, Stage::Generating).await?;
    }
    let routed = ctx
        .engines
        .serve(decision, input, req.engine_requested, &budget)
        .await?;
    // Every call is over: nothing this request reserved may stay held (defensive; each call
    // settles or releases its own row).
    quota::release_request(&ctx.db, req.id).await?;
    let generated = routed.generated;
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
    let route = (generated.engine, generated.model.as_str(), reason.as_str());
    generation::set_route(&ctx.db, req.id, route, Stage::Generating).await?;
    Ok(Made {
        generated,
        reason,
        tokens_used,
    })
}

/// How a package passed the gate.
enum Gated {
    /// It was played: the smoke test's report.
    Played(Box<SmokeReport>),
    /// Fuzz-tested template code with its own valid parameters (see [`crate::verified`]).
    Verified(TemplateVerified),
}

/// The same gate for every package, whichever engine wrote it: the static safety check, then 180
/// frames of scripted play in the headless runner. A game that throws, draws nothing or ignores
/// every input is not published. Only a fuzz-tested template's own code, with parameters from
/// the filler that pass its schema, skips the replay ([`crate::verified`] has the rule).
async fn gate(ctx: &Ctx, req: &GenerationRow, pkg: &Package) -> Result<Gated, JobError> {
    let client_parameters = req
        .parameters
        .as_ref()
        .is_some_and(|p| !p.is_null() && p.as_object().is_none_or(|o| !o.is_empty()));
    let why = match ctx.engines.verified(pkg, client_parameters) {
        Ok(verified) => {
            metrics::counter!("generation_gate_total", "path" => "verified").increment(1);
            return Ok(Gated::Verified(verified));
        }
        Err(why) => why,
    };
    metrics::counter!("generation_gate_total", "path" => "played", "why" => why.label())
        .increment(1);
    generation::set_stage(&ctx.db, req.id, Stage::Validating).await?;
    let played = ctx.engines.sandbox.gate(pkg).await.map_err(|r| match r {
        Refused::Blocked(findings) => {
            let list: Vec<String> = findings
                .iter()
                .take(10)
                .map(|f| format!("logic.js:{f}"))
                .collect();
            JobError::Permanent {
                code: "blocked_api",
                message: format!(
                    "the game code failed its safety checks: {}",
                    list.join("; ")
                ),
            }
        }
        Refused::Failed(smoke) => JobError::Permanent {
            code: "smoke_test_failed",
            message: format!("the game failed its smoke test: {}", smoke.summary()),
        },
        Refused::Runner(e) => JobError::Transient(anyhow::anyhow!("headless runner: {e}")),
    })?;
    Ok(Gated::Played(Box::new(played)))
}

/// The game a regeneration adds a version to: the parent request's game, if it still exists, is
/// the requester's and is not deleted. `None`: make a new game.
async fn regeneration_target(ctx: &Ctx, req: &GenerationRow) -> Result<Option<Uuid>, sqlx::Error> {
    let Some(parent) = req.parent_request_id else {
        return Ok(None);
    };
    generation::regeneration_target(&ctx.db, parent, req.user_id).await
}

/// Uploads the package under a fresh prefix, then in one transaction writes the game (or the new
/// version), completes the request and queues its review; after the commit, enqueues moderation
/// and the thumbnail. A lost race deletes only what this delivery wrote.
async fn store(
    ctx: &Ctx,
    req: &GenerationRow,
    made: &Made,
    gated: Gated,
    started: Instant,
) -> Result<Option<(Uuid, i32)>, JobError> {
    let pkg = &made.generated.package;
    let target = regeneration_target(ctx, req).await?;
    let game_id = target.unwrap_or_else(Uuid::new_v4);
    let metadata = Metadata::from_value(pkg.metadata.clone());
    let files = vec![
        NewFile::in_memory("metadata.json", metadata.to_json_bytes()),
        NewFile::in_memory("logic.js", Bytes::from(pkg.logic.as_bytes().to_vec())),
    ];
    // A generated package shares nothing with earlier versions: a regeneration is new code.
    let stored = package::store_package(
        &ctx.storage,
        game_id,
        PrefixTag::Generation,
        files,
        None,
        Default::default(),
    )
    .await?;
    let keys = stored.written;
    let (smoke_test, verified) = match gated {
        Gated::Played(smoke) => (Some(smoke.stored()), None),
        Gated::Verified(v) => (None, Some(v)),
    };
    let game_data = GameData {
        metadata,
        files: stored.files,
        smoke_test,
        verified,
        ..GameData::default()
    };

    let mut tx = ctx.db.begin().await?;
    let version = match target {
        Some(game_id) => {
            let game = versions::lock_game(&mut tx, game_id).await?;
            if !game.is_some_and(|g| g.status != GameStatus::Deleted && g.creator_id == req.user_id)
            {
                tx.rollback().await?;
                ctx.storage.delete_orphans(&keys).await;
                return Err(JobError::Permanent {
                    code: "game_deleted",
                    message: "the game was deleted while it was being regenerated".into(),
                });
            }
            let version = NewVersion {
                game_id,
                source: versions::Source::Regeneration,
                state: versions::State::Ready,
                game_data: &game_data,
                created_by: Some(req.user_id),
                restored_from: None,
            };
            versions::add(&mut tx, version).await?
        }
        None => {
            let game = NewGame {
                id: game_id,
                creator_id: req.user_id,
                title: &pkg.title,
                description: Some(&pkg.description),
                category: &pkg.category,
                difficulty: &pkg.difficulty,
                game_data: &game_data,
                tags: &pkg.tags,
                is_public: false,
                status: GameStatus::Active,
                forked_from: None,
                source: versions::Source::Generation,
                state: versions::State::Ready,
            };
            games::insert(&mut *tx, game).await?;
            1
        }
    };
    let outcome = Outcome {
        engine: made.generated.engine,
        model: &made.generated.model,
        route_reason: &made.reason,
        tokens_used: i32::try_from(made.tokens_used).unwrap_or(i32::MAX),
        processing_ms: i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX),
        approximate: pkg.metadata["approximate"]["note"].as_str(),
    };
    if !generation::complete(&mut *tx, req.id, game_id, &outcome).await? {
        // Lost the race to another delivery: leave no trace (the keys are this delivery's own).
        tx.rollback().await?;
        ctx.storage.delete_orphans(&keys).await;
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
    // A regeneration changes a game's content (and unlists it until reviewed); a new game belongs
    // in its owner's lists.
    aimini_models::catalogue::bump(&mut ctx.redis.clone(), &ctx.config.redis.key_prefix).await;
    if let Err(e) = ctx.queues.enqueue_moderation(&[review]).await {
        tracing::warn!(%game_id, error = %e, "moderation enqueue failed; the reconciler will push it");
    }
    if let Err(e) = ctx.queues.enqueue_thumbnail(&[game_id]).await {
        // The game is playable without one; the list shows a placeholder.
        tracing::warn!(%game_id, error = %e, "thumbnail enqueue failed");
    }
    tracing::info!(request_id = %req.id, %game_id, version, engine = made.generated.engine, "game generated");
    Ok(Some((game_id, version)))
}
