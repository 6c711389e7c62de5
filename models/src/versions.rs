//! Game versions. Every generation, regeneration, upload, edit, restore and fork is a row in
//! `game_versions`; `games.game_data` is a copy of the live version's package.
//!
//! Objects in storage are immutable and a version's `game_data.files` names them by key, so a new
//! version re-uses the keys of every file it did not change and a restore copies no bytes.
//!
//! Lifecycle: a version made from code the worker has not run yet is `validating`; the worker's
//! `ValidateGameJob` smoke-tests it and either marks it `failed` (with the reason) or `ready` and
//! promotes it, unless a newer version went live meanwhile. Promotion sets the game's review back to
//! `pending` and writes the pending automatic review in the same transaction, so changed content is
//! never listed before the moderation job has approved it.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::games::GameStatus;
use crate::package::{GameData, SmokeSummary};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Generation,
    Regeneration,
    Upload,
    Edit,
    Restore,
    Fork,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Generation => "generation",
            Source::Regeneration => "regeneration",
            Source::Upload => "upload",
            Source::Edit => "edit",
            Source::Restore => "restore",
            Source::Fork => "fork",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Validating,
    Ready,
    Failed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Validating => "validating",
            State::Ready => "ready",
            State::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct VersionRow {
    pub game_id: Uuid,
    pub version: i32,
    pub source: String,
    pub state: String,
    pub game_data: Json<GameData>,
    pub restored_from: Option<i32>,
    pub error_message: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub validated_at: Option<DateTime<Utc>>,
}

/// The game row as seen under its lock (`SELECT ... FOR UPDATE`).
#[derive(Debug, Clone)]
pub struct LockedGame {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub status: GameStatus,
    pub version: i32,
}

/// Locks the game row for a version change; `None` when there is no such game.
pub async fn lock_game(
    tx: &mut PgConnection,
    game_id: Uuid,
) -> Result<Option<LockedGame>, sqlx::Error> {
    sqlx::query_as!(
        LockedGame,
        r#"SELECT id, creator_id, status AS "status: GameStatus", version FROM games WHERE id = $1 FOR UPDATE"#,
        game_id
    )
    .fetch_optional(tx)
    .await
}

pub struct NewVersion<'a> {
    pub game_id: Uuid,
    pub source: Source,
    pub state: State,
    pub game_data: &'a GameData,
    pub created_by: Option<Uuid>,
    pub restored_from: Option<i32>,
}

/// Appends a version and returns its number. Hold the game row lock ([`lock_game`]): numbers are
/// `max + 1`.
pub async fn add(tx: &mut PgConnection, v: NewVersion<'_>) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        r#"INSERT INTO game_versions (game_id, version, source, state, game_data, created_by, restored_from, validated_at)
           SELECT $1, coalesce(max(version), 0) + 1, $2, $3::varchar, $4, $5, $6,
                  CASE WHEN $3::varchar = 'ready' THEN now() END
           FROM game_versions WHERE game_id = $1
           RETURNING version"#,
        v.game_id,
        v.source.as_str(),
        v.state.as_str(),
        v.game_data.to_value(),
        v.created_by,
        v.restored_from,
    )
    .fetch_one(tx)
    .await
}

pub async fn get(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    version: i32,
) -> Result<Option<VersionRow>, sqlx::Error> {
    sqlx::query_as!(
        VersionRow,
        r#"SELECT game_id, version, source, state, game_data AS "game_data: Json<GameData>", restored_from, error_message, created_by,
                  created_at, validated_at
           FROM game_versions WHERE game_id = $1 AND version = $2"#,
        game_id,
        version
    )
    .fetch_optional(db)
    .await
}

/// Every version of a game, newest first (packages left out: a list view does not need them).
pub async fn list(db: impl PgExecutor<'_>, game_id: Uuid) -> Result<Vec<VersionRow>, sqlx::Error> {
    sqlx::query_as!(
        VersionRow,
        r#"SELECT game_id, version, source, state, '{}'::jsonb AS "game_data!: Json<GameData>", restored_from, error_message,
                  created_by, created_at, validated_at
           FROM game_versions WHERE game_id = $1 ORDER BY version DESC"#,
        game_id
    )
    .fetch_all(db)
    .await
}

/// The newest version number (live or not), for responses after a change.
pub async fn latest(db: impl PgExecutor<'_>, game_id: Uuid) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT max(version) FROM game_versions WHERE game_id = $1",
        game_id
    )
    .fetch_one(db)
    .await
}

/// Records a failed validation. `false`: the version was not validating (a duplicate delivery).
pub async fn mark_failed(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    version: i32,
    message: &str,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query!(
        r#"UPDATE game_versions SET state = 'failed', error_message = $3, validated_at = now()
           WHERE game_id = $1 AND version = $2 AND state = 'validating'"#,
        game_id,
        version,
        message
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected() > 0)
}

/// Records a passed validation. `false`: the version was not validating (a duplicate delivery).
pub async fn mark_ready(
    tx: &mut PgConnection,
    game_id: Uuid,
    version: i32,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query!(
        r#"UPDATE game_versions SET state = 'ready', error_message = NULL, validated_at = now()
           WHERE game_id = $1 AND version = $2 AND state = 'validating'"#,
        game_id,
        version
    )
    .execute(tx)
    .await?;
    Ok(res.rows_affected() > 0)
}

/// Makes a ready `version` the live one: its package becomes the game's, a first version turns a
/// pending upload active, and the game goes back to review. Hold the game row lock. Returns the id
/// of the pending automatic review to enqueue after commit.
pub async fn promote(
    tx: &mut PgConnection,
    game_id: Uuid,
    version: i32,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query!(
        r#"UPDATE games g
           SET game_data = v.game_data, version = v.version, review = 'pending',
               status = CASE WHEN g.status = 'pending' THEN 'active' ELSE g.status END
           FROM game_versions v
           WHERE g.id = $1 AND v.game_id = $1 AND v.version = $2 AND v.state = 'ready'"#,
        game_id,
        version
    )
    .execute(&mut *tx)
    .await?;
    crate::moderation::insert_pending_for_game(&mut *tx, game_id).await
}

/// What a delivery of `ValidateGameJob` may do with a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidationClaim {
    /// This delivery runs the checks; the attempt is counted and holds the lease.
    Run { attempt: i32 },
    /// Another delivery's run holds the lease, or the version is no longer validating.
    Busy,
}

/// Claims the validation of a version before its code runs: counts the attempt and takes a lease
/// of `lease_secs` (one job timeout), so a duplicate delivery while a run is in progress does
/// nothing, and a run whose worker died is counted when the next delivery claims it again.
pub async fn claim_validation(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    version: i32,
    lease_secs: i32,
) -> Result<ValidationClaim, sqlx::Error> {
    let attempt = sqlx::query_scalar!(
        r#"UPDATE game_versions
           SET validation_attempts = validation_attempts + 1, validation_started_at = now()
           WHERE game_id = $1 AND version = $2 AND state = 'validating'
             AND (validation_started_at IS NULL
                  OR validation_started_at < now() - make_interval(secs => $3::int))
           RETURNING validation_attempts"#,
        game_id,
        version,
        lease_secs
    )
    .fetch_optional(db)
    .await?;
    Ok(
        attempt.map_or(ValidationClaim::Busy, |attempt| ValidationClaim::Run {
            attempt,
        }),
    )
}

/// Counts a thumbnail render of the game's live version before it runs; returns the attempts so
/// far (this one included), or `None` when the game is gone.
pub async fn count_thumbnail_attempt(
    db: impl PgExecutor<'_>,
    game_id: Uuid,
    version: i32,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"UPDATE game_versions SET thumbnail_attempts = thumbnail_attempts + 1
           WHERE game_id = $1 AND version = $2
           RETURNING thumbnail_attempts"#,
        game_id,
        version
    )
    .fetch_optional(db)
    .await
}

/// Versions whose validation job may be lost: never started and waiting longer than `secs`, or
/// started longer than `secs` ago (past the lease: the run's worker died or its job timed out).
pub async fn stale_validating(
    db: impl PgExecutor<'_>,
    secs: i32,
    limit: i64,
) -> Result<Vec<(Uuid, i32)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT game_id, version FROM game_versions
           WHERE state = 'validating'
             AND coalesce(validation_started_at, created_at) < now() - make_interval(secs => $1::int)
           ORDER BY created_at LIMIT $2"#,
        secs,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.game_id, r.version)).collect())
}

/// Records what the smoke test measured in a version's package (before promoting it, so the live
/// copy carries it too).
pub async fn set_smoke_test(
    tx: &mut PgConnection,
    game_id: Uuid,
    version: i32,
    smoke: &SmokeSummary,
) -> Result<(), sqlx::Error> {
    let smoke = serde_json::to_value(smoke).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query!(
        r#"UPDATE game_versions SET game_data = jsonb_set(game_data, '{smoke_test}', $3)
           WHERE game_id = $1 AND version = $2"#,
        game_id,
        version,
        smoke
    )
    .execute(tx)
    .await?;
    Ok(())
}
