//! `/api/v1/ai/*`: submit prompts, follow their progress, list templates.
//!
//! A submission is written to Postgres first and enqueued after the commit; if the enqueue fails the
//! request is still accepted (the worker's reconciler pushes it later), so nothing accepted is lost.

use aimini_models::games;
use aimini_models::generation::{
    self, Created, EngineChoice, GenerationCursor, GenerationRow, GenerationStatus, NewRequest,
    Stage,
};
use aimini_models::pagination::{decode_cursor, split_page};
use aimini_models::quota;
use aimini_models::safety;
use aimini_models::templates::{Template, TemplateMeta};
use aimini_models::users::{Role, UserRow};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::extract::AuthUser;
use crate::error::{ApiError, ApiResult, ErrorBody, Validator};
use crate::extract::{Json, Path, Query};
use crate::pagination::{Page, PageQuery};
use crate::ratelimit;
use crate::state::AppState;
use crate::status_cache::Cached;

/// Largest accepted `parameters` object, serialised.
const MAX_PARAMETERS_BYTES: usize = 16 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    let submit = OpenApiRouter::new()
        .routes(routes!(generate_game))
        .routes(routes!(regenerate_game))
        .layer(axum::middleware::from_fn(ratelimit::ai_generation));
    OpenApiRouter::new()
        .merge(submit)
        .routes(routes!(get_generation))
        .routes(routes!(list_generations))
        .routes(routes!(list_templates))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GenerationOut {
    pub id: Uuid,
    pub status: GenerationStatus,
    /// Where a request is: queued, routing, generating, validating, storing, done, failed.
    pub stage: Stage,
    pub prompt: String,
    pub game_type: Option<String>,
    pub difficulty: Option<String>,
    pub engine_requested: EngineChoice,
    /// The engine and model actually used, and why the router chose them.
    pub engine: Option<String>,
    pub model: Option<String>,
    pub route_reason: Option<String>,
    pub attempts: i32,
    pub tokens_used: i32,
    pub processing_ms: Option<i32>,
    pub result_game_id: Option<Uuid>,
    /// The game's automatic review: pending, approved or rejected (a rejected game stays private).
    pub moderation: Option<String>,
    pub parent_request_id: Option<Uuid>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    /// Set when no template makes the kind of game asked for, saying what was made instead, e.g.
    /// "no platformer template yet: made a dodger: move to keep clear of what falls".
    pub approximate: Option<String>,
}

impl From<&GenerationRow> for GenerationOut {
    fn from(r: &GenerationRow) -> Self {
        Self {
            id: r.id,
            status: r.status,
            stage: r.stage,
            prompt: r.prompt.clone(),
            game_type: r.game_type.clone(),
            difficulty: r.difficulty.clone(),
            engine_requested: r.engine_requested,
            engine: r.engine.clone(),
            model: r.model.clone(),
            route_reason: r.route_reason.clone(),
            attempts: r.attempts,
            tokens_used: r.ai_tokens_used.unwrap_or(0),
            processing_ms: r.processing_ms,
            result_game_id: r.result_game_id,
            moderation: None,
            parent_request_id: r.parent_request_id,
            error_code: r.error_code.clone(),
            error_message: r.error_message.clone(),
            created_at: r.created_at,
            started_at: r.started_at,
            completed_at: r.completed_at,
            approximate: r.approximate.clone(),
        }
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerateIn {
    /// What to make, 3-2000 characters once trimmed, no control characters but newline and tab.
    #[schema(
        example = "a snake game in space where the snake eats stars",
        min_length = 3,
        max_length = 2000
    )]
    pub prompt: String,
    /// A template id (see `/ai/templates`) or a category.
    pub game_type: Option<String>,
    /// easy, medium or hard.
    pub difficulty: Option<String>,
    /// Template parameters that override what the engine picks (validated against the template).
    #[schema(value_type = Option<Object>)]
    pub parameters: Option<Value>,
    #[serde(default)]
    pub engine: EngineChoice,
}

struct Checked {
    prompt: String,
    game_type: Option<String>,
    difficulty: Option<String>,
}

fn check_input(state: &AppState, input: &GenerateIn) -> ApiResult<Checked> {
    let mut v = Validator::new();
    let prompt = input.prompt.trim().to_owned();
    let n = prompt.chars().count();
    if !(3..=2000).contains(&n) {
        v.add("prompt", "must be 3 to 2000 characters long");
    }
    if prompt
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        v.add("prompt", "must not contain control characters");
    }
    let templates = &state.templates;
    let game_type = input
        .game_type
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_owned);
    if let Some(gt) = &game_type
        && templates.get(gt).is_none()
        && !templates.all().iter().any(|t| &t.meta.category == gt)
    {
        v.add(
            "game_type",
            "must be a template id or a category that has templates (see /api/v1/ai/templates)",
        );
    }
    let difficulty = input.difficulty.as_deref().map(str::to_owned);
    if let Some(d) = &difficulty
        && !["easy", "medium", "hard"].contains(&d.as_str())
    {
        v.add("difficulty", "must be easy, medium or hard");
    }
    if let Some(p) = &input.parameters {
        if !p.is_object() {
            v.add("parameters", "must be a JSON object");
        } else if serde_json::to_vec(p).map(|b| b.len()).unwrap_or(usize::MAX)
            > MAX_PARAMETERS_BYTES
        {
            v.add(
                "parameters",
                format!("must be at most {MAX_PARAMETERS_BYTES} bytes"),
            );
        } else if let Some(t) = game_type.as_deref().and_then(|g| templates.get(g)) {
            // Fail early when the overrides cannot fit the chosen template.
            let mut merged = t.defaults();
            Template::merge_params(&mut merged, p);
            if let Err(problems) = t.validate(&merged) {
                for p in problems {
                    v.add("parameters", p);
                }
            }
        }
    }
    if input.engine == EngineChoice::Openai && state.config.openai.is_none() {
        v.add(
            "engine",
            "the openai engine is not configured on this deployment; use auto or local",
        );
    }
    v.finish()?;
    Ok(Checked {
        prompt,
        game_type,
        difficulty,
    })
}

fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(v) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = v
        .to_str()
        .ok()
        .filter(|k| (1..=200).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiError::bad_request(
                "invalid_idempotency_key",
                "Idempotency-Key must be 1-200 visible ASCII characters",
            )
        })?;
    Ok(Some(key.to_owned()))
}

/// Refuses new work before the queue gets anywhere near the depth where its backend wedges.
async fn admit(state: &AppState) -> ApiResult<()> {
    match state.admission.due() {
        Some(due) if due >= state.config.generation.max_due_jobs => {
            metrics::counter!("generation_admission_rejections_total").increment(1);
            Err(ApiError::Http {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "queue_full",
                message: "the generation queue is full; retry in a few seconds".into(),
            })
        }
        // Unknown depth (Redis away): accept; the request waits in Postgres for the reconciler.
        Some(_) | None => Ok(()),
    }
}

/// An explicit `engine: openai` with the month's OpenAI budget used up is refused with 402
/// `quota_exceeded`; `auto` is accepted and the worker routes it to the local engine. (The worker's
/// reservation is the authority; this early answer only spares the client a useless wait.)
async fn check_quota(state: &AppState, user: &UserRow, engine: EngineChoice) -> ApiResult<()> {
    if engine != EngineChoice::Openai || state.config.openai.is_none() {
        return Ok(());
    }
    // No budget before the address is verified (quota::monthly_limit); say so rather than "used up".
    if !user.is_verified {
        return Err(ApiError::Http {
            status: StatusCode::FORBIDDEN,
            code: "email_not_verified",
            message:
                "verify your e-mail address to use the openai engine (see the link we mailed you); \
                      engine auto or local works now"
                    .into(),
        });
    }
    let Some(month) = quota::month_usage(&state.db, user.id, &state.config.quotas).await? else {
        return Ok(());
    };
    if month.exhausted() {
        metrics::counter!("generation_quota_rejections_total").increment(1);
        return Err(ApiError::Http {
            status: StatusCode::PAYMENT_REQUIRED,
            code: "quota_exceeded",
            message: format!(
                "your monthly OpenAI token budget is used ({month}); use engine auto or local, or wait for next month"
            ),
        });
    }
    Ok(())
}

/// Validates, applies idempotency and admission control, records the request, then enqueues it
/// (after the insert has committed).
async fn submit(
    state: &AppState,
    headers: &HeaderMap,
    user: &UserRow,
    input: &GenerateIn,
    parent: Option<Uuid>,
    request_hash: &[u8],
) -> ApiResult<Response> {
    let user_id = user.id;
    let checked = check_input(state, input)?;
    check_policy(&checked.prompt, input.parameters.as_ref())?;
    let key = idempotency_key(headers)?;
    check_quota(state, user, input.engine).await?;
    admit(state).await?;
    let new = NewRequest {
        user_id,
        prompt: &checked.prompt,
        game_type: checked.game_type.as_deref(),
        difficulty: checked.difficulty.as_deref(),
        parameters: input.parameters.as_ref(),
        engine_requested: input.engine,
        parent_request_id: parent,
        idempotency_key: key.as_deref(),
        request_hash,
        max_attempts: state.config.generation.max_attempts,
    };
    let created = generation::create(&state.db, new).await?;
    let (row, fresh) = match created {
        Created::New(row) => (row, true),
        Created::Existing(row) => (row, false),
        Created::KeyReused => {
            return Err(ApiError::Conflict {
                code: "idempotency_key_reused",
                field: None,
                message: "this Idempotency-Key was used for a different request".into(),
            });
        }
    };
    if fresh {
        if let Err(e) = state.enqueuer.generation(row.id).await {
            tracing::warn!(request_id = %row.id, error = %e, "enqueue failed; the reconciler will push it");
        }
        metrics::counter!("generation_requests_total", "engine" => format!("{:?}", row.engine_requested).to_lowercase()).increment(1);
    }
    let mut resp = (StatusCode::ACCEPTED, axum::Json(GenerationOut::from(&row))).into_response();
    if let Ok(loc) = HeaderValue::from_str(&format!("/api/v1/ai/generation/{}", row.id)) {
        resp.headers_mut().insert(header::LOCATION, loc);
    }
    Ok(resp)
}

/// The content policy ([`safety`]) on what the game would be made of: the prompt and every
/// parameter string, alone and together. A refusal costs no quota and never reaches the queue; it
/// is counted by category, and the prompt is never logged.
fn check_policy(prompt: &str, parameters: Option<&serde_json::Value>) -> ApiResult<()> {
    let verdict = safety::screen_request(prompt, parameters);
    if !verdict.refused() {
        return Ok(());
    }
    let categories: Vec<&'static str> = verdict.categories().iter().map(|c| c.as_str()).collect();
    for c in &categories {
        metrics::counter!("generation_refused_total", "category" => *c).increment(1);
    }
    tracing::info!(
        ?categories,
        "generation request refused by the content policy"
    );
    Err(ApiError::ContentPolicy {
        message: verdict.message(),
        categories,
    })
}

fn body_hash<T: Serialize>(body: &T) -> Vec<u8> {
    Sha256::digest(serde_json::to_vec(body).unwrap_or_default()).to_vec()
}

/// Turn a prompt into a game. Answers 202 at once; follow `Location` (or the WebSocket) for progress.
#[utoipa::path(post, path = "/ai/generate-game", tag = "ai", security(("bearer" = [])), request_body = GenerateIn,
    params(("Idempotency-Key" = Option<String>, Header, pattern = "^[!-~]{1,200}$", description = "same key + same body = same request; 1-200 visible ASCII characters")),
    responses(
        (status = 202, body = GenerationOut),
        (status = 402, description = "engine openai with the monthly OpenAI token budget used (quota_exceeded)", body = ErrorBody),
        (status = 403, description = "engine openai before the account's e-mail address is verified (email_not_verified)", body = ErrorBody),
        (status = 409, description = "Idempotency-Key reused with another body", body = ErrorBody),
        (status = 422, description = "invalid fields (validation_failed), or a prompt or parameter the content policy refuses (content_policy, with the categories in details)", body = ErrorBody),
        (status = 429, description = "rate limited (ai_generation group)", body = ErrorBody),
        (status = 503, description = "queue full: retry later", body = ErrorBody),
    ))]
pub async fn generate_game(
    State(state): State<AppState>,
    auth: AuthUser,
    headers: HeaderMap,
    Json(input): Json<GenerateIn>,
) -> ApiResult<Response> {
    let hash = body_hash(&input);
    submit(&state, &headers, &auth.user, &input, None, &hash).await
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegenerateIn {
    /// The request to start from (or give `game_id`).
    pub generation_id: Option<Uuid>,
    /// A game made by a request of yours.
    pub game_id: Option<Uuid>,
    /// What to change, in words ("make it underwater and harder"): 3-1000 characters once trimmed.
    #[schema(min_length = 3, max_length = 1000)]
    pub modifications: String,
    #[serde(default)]
    pub engine: EngineChoice,
}

/// Make a new version of a generated game from a description of the changes. The new request links to
/// its parent and keeps its game type and parameters.
#[utoipa::path(post, path = "/ai/regenerate", tag = "ai", security(("bearer" = [])), request_body = RegenerateIn,
    responses((status = 202, body = GenerationOut), (status = 402, description = "engine openai with the monthly OpenAI token budget used (quota_exceeded)", body = ErrorBody), (status = 403, description = "engine openai before the account's e-mail address is verified (email_not_verified)", body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, description = "invalid fields (validation_failed), or modifications the content policy refuses (content_policy, with the categories in details)", body = ErrorBody)))]
pub async fn regenerate_game(
    State(state): State<AppState>,
    auth: AuthUser,
    headers: HeaderMap,
    Json(input): Json<RegenerateIn>,
) -> ApiResult<Response> {
    let parent_id = match (input.generation_id, input.game_id) {
        (Some(id), None) => id,
        (None, Some(game)) => generation::latest_for_game(&state.db, game, auth.user.id)
            .await?
            .ok_or(ApiError::NotFound("no generation of yours made that game"))?,
        _ => {
            return Err(ApiError::field(
                "generation_id",
                "give exactly one of generation_id and game_id",
            ));
        }
    };
    let parent = generation::find(&state.db, parent_id)
        .await?
        .filter(|p| p.user_id == auth.user.id)
        .ok_or(ApiError::NotFound("no such generation"))?;
    let mods = input.modifications.trim();
    if !(3..=1000).contains(&mods.chars().count()) {
        return Err(ApiError::field(
            "modifications",
            "must be 3 to 1000 characters long",
        ));
    }
    // Keep the same kind of game: the parent's template when it produced one.
    let template_id: Option<String> = match parent.result_game_id {
        Some(g) => games::template_of(&state.db, g).await?,
        None => None,
    };
    let mut prompt = format!("{} {}", parent.prompt, mods);
    if prompt.chars().count() > 2000 {
        prompt = prompt
            .chars()
            .rev()
            .take(2000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
    }
    let as_new = GenerateIn {
        prompt,
        game_type: template_id.or(parent.game_type.clone()),
        difficulty: parent.difficulty.clone(),
        parameters: parent.parameters.clone(),
        engine: input.engine,
    };
    // The idempotency hash covers what the client sent, not the derived request.
    let hash = body_hash(&input);
    submit(
        &state,
        &headers,
        &auth.user,
        &as_new,
        Some(parent.id),
        &hash,
    )
    .await
}

/// A generation request's status (its owner or an admin).
#[utoipa::path(get, path = "/ai/generation/{id}", tag = "ai", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = GenerationOut), (status = 404, body = ErrorBody)))]
pub async fn get_generation(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Response> {
    // Answered from this replica's status cache (crate::status_cache) until Postgres announces a
    // change to the request or its game's review. Someone else's request is indistinguishable from
    // a missing one, on a hit as on a miss.
    let visible = |owner: Uuid| owner == auth.user.id || auth.user.role == Role::Admin;
    let cache = &state.status_cache;
    if let Some(hit) = cache.get(id) {
        metrics::counter!("generation_status_cache_total", "result" => "hit").increment(1);
        if !visible(hit.owner) {
            return Err(ApiError::NotFound("no such generation"));
        }
        return Ok(json_body(hit.body));
    }
    metrics::counter!("generation_status_cache_total", "result" => "miss").increment(1);
    let ticket = cache.ticket();
    let row = generation::find(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound("no such generation"))?;
    let mut out = GenerationOut::from(&row);
    if let Some(game) = row.result_game_id {
        out.moderation = aimini_models::moderation::game_status(&state.db, game).await?;
    }
    let body = Bytes::from(serde_json::to_vec(&out).map_err(|e| ApiError::Internal(e.into()))?);
    let owner = row.user_id;
    if settled(&row, out.moderation.as_deref()) {
        let cached = Cached {
            owner,
            body: body.clone(),
        };
        cache.put(id, cached, ticket);
    }
    if !visible(owner) {
        return Err(ApiError::NotFound("no such generation"));
    }
    Ok(json_body(body))
}

/// Whether an answer is worth keeping: one whose next change is not imminent. A queued request
/// waits (a minute and more under load) and a finished one with its review settled stays put; a
/// request being worked on or a game under review changes within moments, so those polls read
/// Postgres and a client never waits on a notification to see the next step.
fn settled(row: &GenerationRow, moderation: Option<&str>) -> bool {
    match row.status {
        GenerationStatus::Pending => true,
        GenerationStatus::Processing => false,
        GenerationStatus::Completed | GenerationStatus::Failed => {
            row.result_game_id.is_none() || matches!(moderation, Some("approved" | "rejected"))
        }
    }
}

fn json_body(body: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// The caller's generation requests, newest first.
#[utoipa::path(get, path = "/ai/generations", tag = "ai", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<GenerationOut>)))]
pub async fn list_generations(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(page): Query<PageQuery>,
) -> ApiResult<axum::Json<Page<GenerationOut>>> {
    let limit = page.limit()?;
    let after: Option<GenerationCursor> = page.cursor.as_deref().map(decode_cursor).transpose()?;
    let rows = generation::list_for_user(&state.db, auth.user.id, after.as_ref(), i64::from(limit))
        .await?;
    let (rows, next_cursor) = split_page(rows, limit as usize, |r| GenerationCursor {
        created_at: r.created_at,
        id: r.id,
    });
    Ok(axum::Json(Page {
        items: rows.iter().map(GenerationOut::from).collect(),
        next_cursor,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateOut {
    #[serde(flatten)]
    pub meta: TemplateMeta,
    /// JSON Schema of the template's `parameters`.
    #[schema(value_type = Object)]
    pub parameters_schema: Value,
    #[schema(value_type = Object)]
    pub example_parameters: Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TemplatesOut {
    pub templates: Vec<TemplateOut>,
}

/// The game templates the local engine builds from, with their parameter schemas.
#[utoipa::path(get, path = "/ai/templates", tag = "ai", responses((status = 200, body = TemplatesOut)))]
pub async fn list_templates(State(state): State<AppState>) -> axum::Json<TemplatesOut> {
    axum::Json(TemplatesOut {
        templates: state
            .templates
            .all()
            .iter()
            .map(|t| TemplateOut {
                meta: t.meta.clone(),
                parameters_schema: t.schema.clone(),
                example_parameters: t.example.clone(),
            })
            .collect(),
    })
}
