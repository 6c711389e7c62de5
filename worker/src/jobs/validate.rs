//! `ValidateGameJob`: the gate between a version made from code the worker has not run yet (an
//! upload, an edit) and players. The same checks as a generated package: the static checker
//! ([`aimini_models::jscheck::check_logic`]) and the headless smoke test, on the objects the
//! version's `game_data.files` names.
//!
//! Postgres decides, the queue only delivers: a version that is no longer `validating` is a
//! duplicate delivery and nothing happens. A pass marks the version `ready` and, under the game row
//! lock, makes it live only if it is newer than the live one (an older version finishing late must
//! not replace a newer one) and the game is not deleted; promotion writes the pending automatic
//! review in the same transaction, and the review and thumbnail jobs are pushed after commit.
//!
//! Failures: what the game did wrong (blocked API, throws, draws nothing, runs out of memory or
//! time in the runner's sandbox process, a missing object) marks the version `failed` with a
//! message the owner can act on. Trouble with storage or the database is an error: the version
//! stays `validating` and the reconciler pushes it again later.
//!
//! Each run of the code is claimed first ([`versions::claim_validation`]): the attempt is counted
//! and holds a lease of one job timeout, so duplicate deliveries do not run it twice at once, and a
//! version whose runs keep ending without a verdict (its worker killed, its job timed out) is failed
//! for good after `AIMINI_RUNNER_MAX_ATTEMPTS` instead of being re-queued forever.

use aimini_models::games::{self, GameStatus};
use aimini_models::jobs::ValidateGameJob;
use aimini_models::notify::{self, Notification};
use aimini_models::package::{GameData, Metadata};
use aimini_models::versions::{self, ValidationClaim, VersionRow};
use anyhow::Context as _;
use bytes::Bytes;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::ctx::Ctx;
use crate::jobs::Job;
use crate::runner::{self, Limits, SmokeReport};

/// What the validation of one version concluded.
enum Verdict {
    Pass(Box<SmokeReport>),
    /// The game's fault: this message goes to the owner and into `error_message`.
    Fail(String),
    /// Another delivery is running the checks (or finished them): nothing to do.
    Busy,
}

impl Job for ValidateGameJob {
    const QUEUE: &'static str = ValidateGameJob::QUEUE;
    const SHORT: &'static str = "val";
    // A smoke test is as CPU-heavy as a generation: both share the process's slots.
    const HEAVY: bool = true;

    fn id(&self) -> Uuid {
        self.game_id
    }

    async fn handle(self, ctx: &Ctx) -> anyhow::Result<&'static str> {
        run(ctx, self.game_id, self.version).await
    }
}

/// Validates one version; the label is the job's outcome for metrics (`duplicate`, `failed`,
/// `promoted`, `ready`: passed but not made live).
async fn run(p: &Ctx, game_id: Uuid, version: i32) -> anyhow::Result<&'static str> {
    let Some(v) = versions::get(&p.db, game_id, version).await? else {
        // The game (and with it its versions) is gone.
        return Ok("duplicate");
    };
    if v.state != versions::State::Validating.as_str() {
        return Ok("duplicate");
    }
    match check(p, &v).await? {
        Verdict::Busy => Ok("duplicate"),
        Verdict::Fail(message) => {
            if !versions::mark_failed(&p.db, game_id, version, &message).await? {
                return Ok("duplicate");
            }
            tracing::info!(%game_id, version, "version failed validation");
            if let Some(owner) = games::creator_of(&p.db, game_id).await? {
                notify_owner(p, owner, game_id, version, "failed", Some(&message), false).await;
            }
            Ok("failed")
        }
        Verdict::Pass(smoke) => pass(p, game_id, version, &smoke).await,
    }
}

/// Records a passed validation and makes the version live when it is the newest.
async fn pass(
    p: &Ctx,
    game_id: Uuid,
    version: i32,
    smoke: &SmokeReport,
) -> anyhow::Result<&'static str> {
    let mut tx = p.db.begin().await?;
    let Some(game) = versions::lock_game(&mut tx, game_id).await? else {
        return Ok("duplicate");
    };
    if !versions::mark_ready(&mut tx, game_id, version).await? {
        // Another delivery finished first.
        return Ok("duplicate");
    }
    // Before promoting, so the live copy of the package carries it too.
    versions::set_smoke_test(&mut tx, game_id, version, &smoke.stored()).await?;
    // A pending game has never had a live version: its first ready one goes live, whatever its
    // number. Otherwise only a newer version may replace the live one.
    let newer =
        version > game.version || (game.status == GameStatus::Pending && version >= game.version);
    let review = if newer && game.status != GameStatus::Deleted {
        Some(versions::promote(&mut tx, game_id, version).await?)
    } else {
        None
    };
    tx.commit().await?;

    if let Some(review) = review {
        if let Err(e) = p.queues.enqueue_moderation(&[review]).await {
            tracing::warn!(%game_id, error = %e, "moderation enqueue failed; the reconciler will push it");
        }
        if let Err(e) = p.queues.enqueue_thumbnail(&[game_id]).await {
            // Playable without one; the next change renders it again.
            tracing::warn!(%game_id, error = %e, "thumbnail enqueue failed");
        }
        // The game went back to review: lists must stop showing it at once.
        aimini_models::catalogue::bump(&mut p.redis.clone(), &p.config.redis.key_prefix).await;
    }
    let live = review.is_some();
    tracing::info!(%game_id, version, live, "version validated");
    notify_owner(p, game.creator_id, game_id, version, "ready", None, live).await;
    Ok(if live { "promoted" } else { "ready" })
}

/// Runs the checks. `Err`: infrastructure trouble (retry later), never the game's fault.
async fn check(p: &Ctx, v: &VersionRow) -> anyhow::Result<Verdict> {
    let logic = match fetch(p, &v.game_data.0, "logic.js").await? {
        Ok(b) => b,
        Err(why) => return Ok(Verdict::Fail(why)),
    };
    let metadata = match fetch(p, &v.game_data.0, "metadata.json").await? {
        Ok(b) => b,
        Err(why) => return Ok(Verdict::Fail(why)),
    };
    let Ok(logic) = String::from_utf8(logic.to_vec()) else {
        return Ok(Verdict::Fail("logic.js is not UTF-8 text".into()));
    };
    let metadata: Value = match serde_json::from_slice(&metadata) {
        Ok(m) => m,
        Err(e) => {
            return Ok(Verdict::Fail(format!(
                "metadata.json is not valid JSON: {e}"
            )));
        }
    };
    if let Err(findings) = aimini_models::jscheck::check_logic(&logic) {
        let list: Vec<String> = findings
            .iter()
            .take(10)
            .map(|f| format!("logic.js:{f}"))
            .collect();
        return Ok(Verdict::Fail(format!(
            "the game code failed its safety checks: {}",
            list.join("; ")
        )));
    }
    let params = Metadata::from_value(metadata).start_params();
    // Counted before the code runs: a run that never reports (its worker killed, its job timed
    // out) is counted all the same, and past the limit the version is given up, not re-queued.
    let lease = i32::try_from(p.config.generation.job_timeout.as_secs()).unwrap_or(i32::MAX);
    match versions::claim_validation(&p.db, v.game_id, v.version, lease).await? {
        ValidationClaim::Busy => return Ok(Verdict::Busy),
        ValidationClaim::Run { attempt } if attempt > p.config.runner.max_attempts => {
            tracing::warn!(game_id = %v.game_id, version = v.version, attempt, "validation given up");
            return Ok(Verdict::Fail(format!(
                "the checks of this version stopped {} times without a verdict (the run was killed \
                 or ran past its time); it is failed for good",
                attempt - 1
            )));
        }
        ValidationClaim::Run { .. } => {}
    }
    // The runner's own limits end an endless loop (frame timeout) or a heavy game (total
    // timeout); the total is capped so both smoke runs fit inside the job timeout with room to
    // spare. The run is a child process (see `runner::sandbox`): whatever the code does, it
    // cannot take this worker down, and a job that times out kills it.
    let defaults = Limits::default();
    let limits = Limits {
        total_timeout: defaults
            .total_timeout
            .min(p.config.generation.job_timeout / 3),
        ..defaults
    };
    let smoke = p
        .engines
        .sandbox
        .smoke(&logic, &params, runner::SEED, &limits)
        .await
        .context("headless runner")?;
    if !smoke.ok {
        return Ok(Verdict::Fail(format!(
            "the game failed its smoke test: {}",
            smoke.summary()
        )));
    }
    Ok(Verdict::Pass(Box::new(smoke)))
}

/// One file of the version's package. `Ok(Err(..))`: the package itself is broken (no such file,
/// object missing), which retrying cannot fix.
async fn fetch(p: &Ctx, game_data: &GameData, name: &str) -> anyhow::Result<Result<Bytes, String>> {
    let Some(key) = game_data.key(name) else {
        return Ok(Err(format!("the package has no {name}")));
    };
    Ok(match p.storage.get(&key).await? {
        Some(obj) => Ok(obj.bytes),
        None => Err(format!("{name} is missing from storage ({})", key.as_str())),
    })
}

async fn notify_owner(
    p: &Ctx,
    owner: Uuid,
    game_id: Uuid,
    version: i32,
    state: &str,
    error: Option<&str>,
    live: bool,
) {
    let n = Notification {
        user_id: owner,
        kind: "game.version.updated".into(),
        data: json!({
            "game_id": game_id,
            "version": version,
            "state": state,
            "error": error,
            "live": live,
        }),
    };
    notify::publish(&mut p.redis.clone(), &p.config.redis.key_prefix, &n).await;
}
