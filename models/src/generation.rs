//! AI generation requests: the source of truth for the pipeline.
//!
//! Lifecycle: `pending` (accepted, enqueued) -> `processing` (claimed by one worker under a lease) ->
//! `completed` | `failed`. Every transition is one conditional UPDATE, so a job delivered twice, or to
//! two workers, does the work once: the second claim finds nothing to claim. A lapsed lease (a worker
//! killed mid-job) makes the request claimable again, up to `max_attempts`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "varchar", rename_all = "snake_case")]
pub enum GenerationStatus {
    Pending,
    Processing,
    Completed,
    Failed,
}

/// What the client asked for; the router decides the engine actually used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, sqlx::Type)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "varchar", rename_all = "snake_case")]
pub enum EngineChoice {
    #[default]
    Auto,
    Local,
    Openai,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "varchar", rename_all = "snake_case")]
pub enum Stage {
    Queued,
    Routing,
    Generating,
    Validating,
    Storing,
    Done,
    Failed,
}

#[derive(Debug, Clone)]
pub struct GenerationRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub prompt: String,
    pub game_type: Option<String>,
    pub difficulty: Option<String>,
    pub parameters: Option<Value>,
    pub engine_requested: EngineChoice,
    pub status: GenerationStatus,
    pub stage: Stage,
    pub engine: Option<String>,
    pub model: Option<String>,
    pub route_reason: Option<String>,
    pub result_game_id: Option<Uuid>,
    pub parent_request_id: Option<Uuid>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub ai_tokens_used: Option<i32>,
    pub processing_ms: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    /// Set when no template makes the genre asked for: what was made instead.
    pub approximate: Option<String>,
}

pub struct NewRequest<'a> {
    pub user_id: Uuid,
    pub prompt: &'a str,
    pub game_type: Option<&'a str>,
    pub difficulty: Option<&'a str>,
    pub parameters: Option<&'a Value>,
    pub engine_requested: EngineChoice,
    pub parent_request_id: Option<Uuid>,
    pub idempotency_key: Option<&'a str>,
    /// Hash of the request body, to tell a retried request from a different one under the same key.
    pub request_hash: &'a [u8],
    pub max_attempts: i32,
}

pub enum Created {
    New(GenerationRow),
    /// Same idempotency key and same body: the request made the first time.
    Existing(GenerationRow),
    /// Same idempotency key, different body.
    KeyReused,
}

/// The one column list of `GenerationRow`, between a statement head and tail (both literals).
macro_rules! generation_query {
    ($head:literal, $($tail:literal)+ ; $($arg:expr),* $(,)?) => {
        sqlx::query_as!(
            GenerationRow,
            $head + r#" id, user_id, prompt, game_type, difficulty, parameters,
                      engine_requested AS "engine_requested: EngineChoice",
                      status AS "status: GenerationStatus", stage AS "stage: Stage",
                      engine, model, route_reason, result_game_id, parent_request_id, error_code,
                      error_message, attempts, max_attempts, ai_tokens_used, processing_ms,
                      created_at, started_at, completed_at, approximate "# $(+ $tail)+,
            $($arg),*
        )
    };
}

macro_rules! select_generation {
    ($tail:literal $(, $arg:expr)* $(,)?) => {
        generation_query!("SELECT", "FROM ai_generation_requests " $tail; $($arg),*)
    };
}

pub async fn create(
    db: impl PgExecutor<'_> + Copy,
    new: NewRequest<'_>,
) -> Result<Created, sqlx::Error> {
    // enqueued_at is set here because the push follows right after this commits; if the push
    // fails, the reconciler re-pushes the pending request once `requeue_after` has passed. That
    // saves a second write (and its WAL flush) on every submission.
    let inserted = generation_query!(
        r#"INSERT INTO ai_generation_requests
               (user_id, prompt, game_type, difficulty, parameters, engine_requested, parent_request_id,
                idempotency_key, request_hash, max_attempts, enqueued_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
           ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
           RETURNING"#, "";
        new.user_id,
        new.prompt,
        new.game_type,
        new.difficulty,
        new.parameters,
        new.engine_requested as EngineChoice,
        new.parent_request_id,
        new.idempotency_key,
        new.request_hash,
        new.max_attempts,
    )
    .fetch_optional(db)
    .await?;
    if let Some(row) = inserted {
        return Ok(Created::New(row));
    }
    let existing = sqlx::query!(
        r#"SELECT id, request_hash FROM ai_generation_requests WHERE user_id = $1 AND idempotency_key = $2"#,
        new.user_id,
        new.idempotency_key,
    )
    .fetch_one(db)
    .await?;
    if existing.request_hash.as_deref() != Some(new.request_hash) {
        return Ok(Created::KeyReused);
    }
    let row = find(db, existing.id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    Ok(Created::Existing(row))
}

pub async fn find(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<GenerationRow>, sqlx::Error> {
    select_generation!("WHERE id = $1", id)
        .fetch_optional(db)
        .await
}

pub async fn mark_enqueued(db: impl PgExecutor<'_>, ids: &[Uuid]) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE ai_generation_requests SET enqueued_at = now() WHERE id = ANY($1) AND status = 'pending'",
        ids
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Takes the request for this worker for `lease_secs`. `None`: already done, failed, held by a live
/// lease elsewhere, or out of attempts: the delivery is a duplicate and must be acknowledged as such.
pub async fn claim(
    db: impl PgExecutor<'_>,
    id: Uuid,
    lease_secs: i32,
) -> Result<Option<GenerationRow>, sqlx::Error> {
    generation_query!(
        r#"UPDATE ai_generation_requests
           SET status = 'processing', stage = 'routing', attempts = attempts + 1,
               lease_until = now() + make_interval(secs => $2::int), started_at = COALESCE(started_at, now()),
               error_code = NULL, error_message = NULL
           WHERE id = $1
             AND attempts < max_attempts
             AND (status = 'pending' OR (status = 'processing' AND lease_until < now()))
           RETURNING"#,
        "";
        id,
        lease_secs,
    )
    .fetch_optional(db)
    .await
}

/// Progress within a claimed request (shown to clients while they poll).
///
/// Progress writes commit without waiting for their WAL flush (`synchronous_commit` off for this
/// statement's transaction only): a crash may lose the last few milliseconds of them, which shows an
/// earlier stage of a request that is then retried from its claim anyway, while each one spared a
/// flush costs a worker a round trip's wait and Postgres an fsync. Claims, completions and failures
/// stay durable.
pub async fn set_stage(db: impl PgExecutor<'_>, id: Uuid, stage: Stage) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"WITH relaxed AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
           UPDATE ai_generation_requests SET stage = $2
           WHERE id = $1 AND status = 'processing' AND EXISTS (SELECT 1 FROM relaxed)"#,
        id,
        stage as Stage
    )
    .execute(db)
    .await?;
    Ok(())
}

pub struct Outcome<'a> {
    pub engine: &'a str,
    pub model: &'a str,
    pub route_reason: &'a str,
    pub tokens_used: i32,
    pub processing_ms: i32,
    /// The note of an approximate game (see `GenerationRow::approximate`).
    pub approximate: Option<&'a str>,
}

/// Marks the request completed with its game. Returns false when the request was not ours to complete
/// any more (completed by another delivery, or failed by the reconciler), so the caller rolls back.
pub async fn complete(
    db: impl PgExecutor<'_>,
    id: Uuid,
    game_id: Uuid,
    out: &Outcome<'_>,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query!(
        r#"UPDATE ai_generation_requests
           SET status = 'completed', stage = 'done', result_game_id = $2, engine = $3, model = $4,
               route_reason = $5, ai_tokens_used = $6, processing_ms = $7,
               processing_time = ($7 + 999) / 1000, completed_at = now(), lease_until = NULL,
               approximate = $8
           WHERE id = $1 AND status = 'processing'"#,
        id,
        game_id,
        out.engine,
        out.model,
        out.route_reason,
        out.tokens_used,
        out.processing_ms,
        out.approximate,
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected() == 1)
}

/// Records the route while generating, so a failure still says which engine was tried and why.
pub async fn set_route(
    db: impl PgExecutor<'_>,
    id: Uuid,
    route: (&str, &str, &str),
    stage: Stage,
) -> Result<(), sqlx::Error> {
    let (engine, model, reason) = route;
    // A progress write, like `set_stage` (the completion records the route durably).
    sqlx::query!(
        r#"WITH relaxed AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
           UPDATE ai_generation_requests SET engine = $2, model = $3, route_reason = $4, stage = $5
           WHERE id = $1 AND status = 'processing' AND EXISTS (SELECT 1 FROM relaxed)"#,
        id,
        engine,
        model,
        reason,
        stage as Stage
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A permanent failure: the request ends with a readable message.
pub async fn fail(
    db: impl PgExecutor<'_>,
    id: Uuid,
    code: &str,
    message: &str,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query!(
        r#"UPDATE ai_generation_requests
           SET status = 'failed', stage = 'failed', error_code = $2, error_message = $3,
               completed_at = now(), lease_until = NULL
           WHERE id = $1 AND status IN ('pending', 'processing')"#,
        id,
        code,
        message,
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected() == 1)
}

/// A transient failure: back to pending (attempts already counted) for another try.
pub async fn release(db: impl PgExecutor<'_>, id: Uuid, message: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"UPDATE ai_generation_requests
           SET status = 'pending', stage = 'queued', error_message = $2, lease_until = NULL, enqueued_at = now()
           WHERE id = $1 AND status = 'processing'"#,
        id,
        message,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Requests the queue may have lost: pending and not (re-)enqueued for `pending_secs`, or processing
/// with a lapsed lease. Ends those out of attempts first (they would loop forever otherwise).
pub async fn reconcile(
    db: &PgPool,
    pending_secs: i32,
    limit: i64,
) -> Result<(u64, Vec<Uuid>), sqlx::Error> {
    let exhausted = sqlx::query!(
        r#"UPDATE ai_generation_requests
           SET status = 'failed', stage = 'failed', error_code = 'attempts_exhausted',
               error_message = 'generation did not finish after ' || attempts || ' attempts',
               completed_at = now(), lease_until = NULL
           WHERE status = 'processing' AND lease_until < now() AND attempts >= max_attempts"#
    )
    .execute(db)
    .await?
    .rows_affected();
    let ids = sqlx::query_scalar!(
        r#"SELECT id FROM ai_generation_requests
           WHERE (status = 'pending' AND (enqueued_at IS NULL
                                          OR enqueued_at < now() - make_interval(secs => $1::int)))
              OR (status = 'processing' AND lease_until < now())
           ORDER BY created_at
           LIMIT $2"#,
        pending_secs,
        limit,
    )
    .fetch_all(db)
    .await?;
    Ok((exhausted, ids))
}

/// Keyset position in a user's request list (newest first).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerationCursor {
    pub created_at: DateTime<Utc>,
    pub id: Uuid,
}

pub async fn list_for_user(
    db: &PgPool,
    user_id: Uuid,
    after: Option<&GenerationCursor>,
    limit: i64,
) -> Result<Vec<GenerationRow>, sqlx::Error> {
    select_generation!(
        "WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
         ORDER BY created_at DESC, id DESC LIMIT $4",
        user_id,
        after.map(|c| c.created_at),
        after.map(|c| c.id),
        limit + 1,
    )
    .fetch_all(db)
    .await
}

/// Counts of open requests, for admission control and queue stats.
pub async fn open_counts(db: &PgPool) -> Result<(i64, i64, Option<f64>), sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE status = 'pending') AS "pending!",
                  count(*) FILTER (WHERE status = 'processing') AS "processing!",
                  extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS oldest_pending_secs
           FROM ai_generation_requests WHERE status IN ('pending', 'processing')"#
    )
    .fetch_one(db)
    .await?;
    Ok((row.pending, row.processing, row.oldest_pending_secs))
}

/// The game a regeneration adds a version to: the parent request's game, if it still exists, is
/// `user`'s and is not deleted. None: make a new game.
pub async fn regeneration_target(
    db: impl PgExecutor<'_>,
    parent: Uuid,
    user: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT g.id FROM ai_generation_requests p JOIN games g ON g.id = p.result_game_id
           WHERE p.id = $1 AND g.creator_id = $2 AND g.status <> 'deleted'"#,
        parent,
        user
    )
    .fetch_optional(db)
    .await
}

/// The newest request of `user` that made `game`.
pub async fn latest_for_game(
    db: impl PgExecutor<'_>,
    game: Uuid,
    user: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT id FROM ai_generation_requests WHERE result_game_id = $1 AND user_id = $2
         ORDER BY created_at DESC LIMIT 1",
        game,
        user
    )
    .fetch_optional(db)
    .await
}
