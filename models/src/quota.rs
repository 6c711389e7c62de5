//! Monthly AI token budgets, kept as a reservation ledger in `ai_token_usage`.
//!
//! Design (why it can never overspend):
//! - Before an OpenAI call the worker calls [`reserve`]: one transaction takes a row lock on the user
//!   (`FOR NO KEY UPDATE`, so concurrent reservations of one user queue up while foreign-key inserts
//!   elsewhere do not), sums what this calendar month (UTC) already holds, and writes a `reserved` row
//!   for at most what is left. The call's `max_completion_tokens` is capped to that reservation.
//! - After the call, [`settle`] records the real usage; what counts against the budget is the real
//!   usage but never more than was reserved (the generated `charged_tokens` column), so a settled row
//!   can only shrink what is held. A failed call is [`release`]d and costs nothing.
//! - One row per (request, purpose): a re-delivered job re-reserves the same row rather than adding
//!   a second charge. A reservation whose worker died is not held forever: live reservations older
//!   than [`RESERVATION_TTL_SECS`] stop counting (every call ends far sooner: the job timeout).
//!
//! The API reads [`month_usage`] without locking, to answer 402 early for `engine: openai`; the
//! worker's reservation is the authority.

use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use crate::config::QuotaConfig;

/// A live reservation stops counting after this long (its worker must be dead by then).
pub const RESERVATION_TTL_SECS: i32 = 3600;

/// Below this many tokens left a call cannot produce a game: the request goes to the local engine
/// (or, for an explicit `engine: openai`, the API answers 402).
pub const MIN_CALL_TOKENS: i64 = 1_000;

/// A user's month so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthUsage {
    /// Tokens charged or held this calendar month (UTC).
    pub used: i64,
    /// The monthly budget for the user's plan.
    pub limit: i64,
}

impl MonthUsage {
    pub fn remaining(self) -> i64 {
        (self.limit - self.used).max(0)
    }

    /// Too little left for a useful call.
    pub fn exhausted(self) -> bool {
        self.remaining() < MIN_CALL_TOKENS
    }
}

impl std::fmt::Display for MonthUsage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} of {} tokens", self.used, self.limit)
    }
}

/// The budget for a plan: premium (and the roles above it) or free. An account whose e-mail address
/// is not verified has none: accounts are free to create, OpenAI tokens are not, so a budget per
/// account must cost at least a mailbox (`auto` requests then play locally).
pub fn monthly_limit(is_premium: bool, is_verified: bool, quotas: &QuotaConfig) -> i64 {
    if !is_verified {
        0
    } else if is_premium {
        quotas.premium_monthly_tokens
    } else {
        quotas.free_monthly_tokens
    }
}

/// What a reservation asks for.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    pub user_id: Uuid,
    pub request_id: Uuid,
    /// What the call is for within the request: `generate`, `repair`.
    pub purpose: &'a str,
    pub model: &'a str,
    /// A deliberately generous estimate of the prompt's tokens.
    pub prompt_estimate: u32,
    /// The most output the call may produce.
    pub max_output: u32,
    /// The least output worth calling for.
    pub min_output: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    Granted {
        ledger_id: i64,
        reserved: i64,
        /// `max_completion_tokens` for the call: what the reservation leaves after the prompt.
        max_completion: u32,
        month: MonthUsage,
    },
    /// Not enough left; the month as it stands (excluding this request's own row).
    Exhausted(MonthUsage),
}

fn month_start() -> DateTime<Utc> {
    use chrono::Datelike as _;
    let now = Utc::now();
    now.date_naive()
        .with_day(1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or(now)
}

/// This month's usage of `user_id` (no lock; a snapshot for early answers and reports).
pub async fn month_usage(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    quotas: &QuotaConfig,
) -> Result<Option<MonthUsage>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT u.is_premium AS "is_premium!", u.is_verified,
                  (SELECT COALESCE(SUM(t.charged_tokens), 0)::bigint FROM ai_token_usage t
                   WHERE t.user_id = u.id AND t.created_at >= $2
                     AND (t.status <> 'reserved'
                          OR t.created_at > now() - make_interval(secs => $3::int))) AS "used!"
           FROM users u WHERE u.id = $1"#,
        user_id,
        month_start(),
        RESERVATION_TTL_SECS,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| MonthUsage {
        used: r.used,
        limit: monthly_limit(r.is_premium, r.is_verified, quotas),
    }))
}

/// Reserves tokens for one call, atomically with respect to every other reservation of the user.
pub async fn reserve(
    db: &PgPool,
    ask: Ask<'_>,
    quotas: &QuotaConfig,
) -> Result<Reservation, sqlx::Error> {
    let mut tx = db.begin().await?;
    // The lock that serialises one user's reservations.
    let plan = sqlx::query!(
        r#"SELECT is_premium AS "is_premium!", is_verified FROM users WHERE id = $1 FOR NO KEY UPDATE"#,
        ask.user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(sqlx::Error::RowNotFound)?;
    let used = sqlx::query_scalar!(
        r#"SELECT COALESCE(SUM(charged_tokens), 0)::bigint AS "used!" FROM ai_token_usage
           WHERE user_id = $1 AND created_at >= $2
             AND (status <> 'reserved' OR created_at > now() - make_interval(secs => $3::int))
             AND NOT (request_id IS NOT DISTINCT FROM $4 AND purpose = $5)"#,
        ask.user_id,
        month_start(),
        RESERVATION_TTL_SECS,
        ask.request_id,
        ask.purpose,
    )
    .fetch_one(&mut *tx)
    .await?;
    let month = MonthUsage {
        used,
        limit: monthly_limit(plan.is_premium, plan.is_verified, quotas),
    };
    let prompt = i64::from(ask.prompt_estimate);
    let grant = month.remaining().min(prompt + i64::from(ask.max_output));
    let max_completion = grant - prompt;
    if max_completion < i64::from(ask.min_output.min(ask.max_output)) || grant < MIN_CALL_TOKENS {
        // Whatever this request held before (an earlier delivery) is given back.
        sqlx::query!(
            r#"UPDATE ai_token_usage SET status = 'released'
               WHERE request_id = $1 AND purpose = $2 AND status = 'reserved'"#,
            ask.request_id,
            ask.purpose
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(Reservation::Exhausted(month));
    }
    let reserved = i32::try_from(grant).unwrap_or(i32::MAX);
    let ledger_id = sqlx::query_scalar!(
        r#"INSERT INTO ai_token_usage (user_id, request_id, engine, model, purpose, status, reserved_tokens)
           VALUES ($1, $2, 'openai', $3, $4, 'reserved', $5)
           ON CONFLICT (request_id, purpose) WHERE request_id IS NOT NULL DO UPDATE
           SET status = 'reserved', reserved_tokens = EXCLUDED.reserved_tokens, model = EXCLUDED.model,
               prompt_tokens = 0, completion_tokens = 0, created_at = now()
           RETURNING id"#,
        ask.user_id,
        ask.request_id,
        ask.model,
        ask.purpose,
        reserved,
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Reservation::Granted {
        ledger_id,
        reserved: grant,
        max_completion: u32::try_from(max_completion).unwrap_or(u32::MAX),
        month: MonthUsage {
            used: used + grant,
            limit: month.limit,
        },
    })
}

/// Records the real usage of a reserved call; returns what the user is charged (never more than
/// the reservation).
pub async fn settle(
    db: impl PgExecutor<'_>,
    ledger_id: i64,
    prompt_tokens: u32,
    completion_tokens: u32,
) -> Result<i64, sqlx::Error> {
    let charged = sqlx::query_scalar!(
        r#"UPDATE ai_token_usage SET status = 'settled', prompt_tokens = $2, completion_tokens = $3
           WHERE id = $1 AND status = 'reserved'
           RETURNING charged_tokens AS "charged!""#,
        ledger_id,
        i32::try_from(prompt_tokens).unwrap_or(i32::MAX),
        i32::try_from(completion_tokens).unwrap_or(i32::MAX),
    )
    .fetch_optional(db)
    .await?;
    Ok(charged.map(i64::from).unwrap_or(0))
}

/// Gives a reservation back (the call failed or never happened).
pub async fn release(db: impl PgExecutor<'_>, ledger_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE ai_token_usage SET status = 'released' WHERE id = $1 AND status = 'reserved'",
        ledger_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Releases whatever a request still holds (it ended without settling, e.g. a cancelled job).
pub async fn release_request(db: impl PgExecutor<'_>, request_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE ai_token_usage SET status = 'released' WHERE request_id = $1 AND status = 'reserved'",
        request_id
    )
    .execute(db)
    .await?;
    Ok(())
}
