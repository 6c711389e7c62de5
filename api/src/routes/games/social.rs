//! Plays, scores and ratings.
//!
//! A play counts once per player per window (`AIMINI_PLAY_DEDUP_WINDOW_SECS`): a signed-in player is
//! their user id, an anonymous one the visitor id of a signed play session that the player page
//! issued ([`crate::playlink`]), so refreshing the page does not inflate the count while a classroom
//! behind one address still counts every child. Anonymous plays are also capped per address and game
//! (`AIMINI_RATE_LIMIT_ANONYMOUS_PLAYS`, repeats included), which bounds what a script minting
//! sessions can add.
//!
//! The endpoint takes only `application/json` (415 otherwise, a bare POST included): a cross-site
//! page can send a "simple" POST without asking, but not one with that content type, so no other
//! site can count plays through its visitors' browsers.
//!
//! Scores arrive from the player page through its postMessage bridge, which the game's own code
//! drives: they are claims, so they are bounded, rate-limited per player and game, and only
//! signed-in players get on a leaderboard.

use std::net::SocketAddr;

use aimini_models::games::{self, GameStatus};
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{RatingOut, Viewer, visible_game};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Json, Path, Query};
use crate::playlink::PlayLinks;
use crate::ratelimit::{self, Group, address_subject, client_ip};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(play_game))
        .routes(routes!(get_leaderboard))
        .routes(routes!(rate_game))
}

/// Scores are whole numbers in this range.
pub const MAX_SCORE: i64 = 1_000_000_000;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlayIn {
    /// The final score of the play, 0 to 1,000,000,000 (signed-in players only).
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    #[serde(default, deserialize_with = "whole_score")]
    pub score: Option<i64>,
    /// Required when anonymous: the play session the player page (`GET /play/{id}`) issued for
    /// this game, from its `data-play-session` attribute. Ignored for signed-in players, who count
    /// by account.
    #[schema(max_length = 128)]
    pub play_session: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreOut {
    pub best_score: i64,
    /// Whether this score is the player's new best.
    pub new_best: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlayOut {
    /// Whether this play was counted (a repeat within the window is not).
    pub counted: bool,
    pub play_count: i32,
    /// Present when a score was submitted and recorded.
    pub score: Option<ScoreOut>,
}

/// Who a play counts for: a signed-in user by id; an anonymous one by the visitor id in a valid play
/// session for this game, which they must present (hashed: the table keeps no client values).
/// Anonymous plays are charged to the client address first.
async fn player_key(
    state: &AppState,
    viewer: &Viewer,
    game_id: Uuid,
    play_session: Option<&str>,
    headers: &HeaderMap,
    peer: SocketAddr,
) -> ApiResult<String> {
    if let Some(id) = viewer.id() {
        return Ok(format!("u:{id}"));
    }
    let session = play_session.ok_or_else(|| {
        ApiError::field(
            "play_session",
            "required for anonymous plays: send the one the player page (GET /play/{id}) issued",
        )
    })?;
    let links = PlayLinks::from_state(state)?;
    let visitor = links
        .verify_session(game_id, session, Utc::now().timestamp())
        .ok_or_else(|| {
            ApiError::field(
                "play_session",
                "not a valid play session for this game (expired, altered or for another game): \
                 reload the player page",
            )
        })?;
    let address = address_subject(client_ip(state, headers, Some(peer)));
    let rate = state.config.rate_limits.anonymous_plays;
    ratelimit::charge(
        state,
        Group::AnonymousPlays,
        &format!("{address}:{game_id}"),
        rate,
    )
    .await?;
    let digest = Sha256::digest(format!("visitor|{visitor}").as_bytes());
    Ok(format!("a:{}", hex::encode(&digest[..16])))
}

/// Records a play, optionally with the play's score.
#[utoipa::path(post, path = "/games/{id}/play", tag = "games",
    params(("id" = Uuid, Path)),
    request_body(content = PlayIn, description = "A JSON object (`{}` at least); anonymous players send the player page's `play_session`"),
    responses(
        (status = 200, body = PlayOut),
        (status = 401, description = "A score without signing in", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "Not playable yet", body = ErrorBody),
        (status = 415, description = "Not `Content-Type: application/json` (a bare POST included)", body = ErrorBody),
        (status = 422, description = "Bad score, or an anonymous play without a valid `play_session`", body = ErrorBody),
        (status = 429, description = "Score or anonymous-play rate limit", body = ErrorBody),
    ))]
pub async fn play_game(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(input): Json<PlayIn>,
) -> ApiResult<Json<PlayOut>> {
    if input.play_session.as_ref().is_some_and(|s| s.len() > 128) {
        return Err(ApiError::field("play_session", "at most 128 characters"));
    }
    if let Some(s) = input.score
        && !(0..=MAX_SCORE).contains(&s)
    {
        return Err(ApiError::field(
            "score",
            format!("must be between 0 and {MAX_SCORE}"),
        ));
    }
    let g = visible_game(&state, &viewer, id).await?;
    if g.status != GameStatus::Active {
        return Err(ApiError::Conflict {
            code: "not_playable",
            field: None,
            message: format!("the game is {} and cannot be played yet", g.status),
        });
    }
    let score_user = match (input.score, viewer.id()) {
        (Some(_), None) => return Err(ApiError::Unauthorized("sign in to submit scores")),
        (Some(s), Some(uid)) => {
            let rate = state.config.rate_limits.scores;
            ratelimit::charge(&state, Group::Scores, &format!("{uid}:{id}"), rate).await?;
            Some((uid, s))
        }
        (None, _) => None,
    };
    let key = player_key(
        &state,
        &viewer,
        id,
        input.play_session.as_deref(),
        &headers,
        peer,
    )
    .await?;
    let window =
        i32::try_from(state.config.catalogue.play_dedup_window.as_secs()).unwrap_or(i32::MAX);
    let counted = games::record_play(&state.db, id, viewer.id(), &key, window).await?;
    let play_count = match counted {
        Some(n) => n,
        None => games::play_count(&state.db, id).await?,
    };
    let score = match score_user {
        Some((uid, s)) => {
            let (best_score, new_best) = games::submit_score(&state.db, id, uid, s).await?;
            Some(ScoreOut {
                best_score,
                new_best,
            })
        }
        None => None,
    };
    metrics::counter!("game_plays_total", "counted" => if counted.is_some() { "yes" } else { "no" }).increment(1);
    Ok(Json(PlayOut {
        counted: counted.is_some(),
        play_count,
        score,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LeaderboardQuery {
    /// 1-100, default 10.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreEntryOut {
    pub rank: i64,
    pub user_id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
    pub best_score: i64,
    pub achieved_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderboardOut {
    pub entries: Vec<ScoreEntryOut>,
    /// The caller's own entry, when signed in and on the board.
    pub me: Option<ScoreEntryOut>,
}

fn entry(r: games::ScoreRow) -> ScoreEntryOut {
    ScoreEntryOut {
        rank: r.rank,
        user_id: r.user_id,
        username: r.username,
        display_name: r.display_name,
        best_score: r.best_score,
        achieved_at: r.achieved_at,
    }
}

/// Best score per player, highest first.
#[utoipa::path(get, path = "/games/{id}/leaderboard", tag = "games",
    params(("id" = Uuid, Path), LeaderboardQuery),
    responses((status = 200, body = LeaderboardOut), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn get_leaderboard(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
    Query(q): Query<LeaderboardQuery>,
) -> ApiResult<Json<LeaderboardOut>> {
    let limit = q.limit.unwrap_or(10);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::field("limit", "must be between 1 and 100"));
    }
    visible_game(&state, &viewer, id).await?;
    let entries = games::leaderboard(&state.db, id, limit).await?;
    let me = match viewer.id() {
        Some(uid) => games::score_of(&state.db, id, uid).await?.map(entry),
        None => None,
    };
    Ok(Json(LeaderboardOut {
        entries: entries.into_iter().map(entry).collect(),
        me,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateIn {
    /// 1 to 5. JSON has one number type, so `4.0` is 4 (as JSON Schema's `integer` says); `4.5` is
    /// refused.
    #[schema(minimum = 1, maximum = 5)]
    #[serde(deserialize_with = "whole_number")]
    pub stars: i16,
}

/// A score sent as any JSON number with no fractional part (`7` or `7.0`); null is no score.
fn whole_score<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let Some(n) = Option::<f64>::deserialize(d)? else {
        return Ok(None);
    };
    // 2^53: beyond it an f64 no longer holds every whole number, and scores stop far below it.
    if n.fract() != 0.0 || n.abs() > 9_007_199_254_740_992.0 {
        return Err(serde::de::Error::custom(format!(
            "expected a whole number from 0 to {MAX_SCORE}, got {n}"
        )));
    }
    #[allow(clippy::cast_possible_truncation)] // whole and within ±2^53, checked above
    Ok(Some(n as i64))
}

/// An integer sent as any JSON number with no fractional part (`4` or `4.0`), within `i16`; range
/// checks stay with the handler so their message names the rule.
fn whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i16, D::Error> {
    let n = f64::deserialize(d)?;
    if n.fract() != 0.0 || !(f64::from(i16::MIN)..=f64::from(i16::MAX)).contains(&n) {
        return Err(serde::de::Error::custom(format!(
            "expected a whole number from 1 to 5, got {n}"
        )));
    }
    #[allow(clippy::cast_possible_truncation)] // whole and within i16, checked above
    Ok(n as i16)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RateOut {
    pub stars: i16,
    pub rating: RatingOut,
}

/// Rates a game (once per user; rating again replaces the earlier stars).
#[utoipa::path(post, path = "/games/{id}/rate", tag = "games", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = RateIn,
    responses(
        (status = 200, body = RateOut), (status = 401, body = ErrorBody),
        (status = 403, description = "Your own game", body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    ))]
pub async fn rate_game(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<Uuid>,
    Json(input): Json<RateIn>,
) -> ApiResult<Json<RateOut>> {
    let uid = viewer
        .id()
        .ok_or(ApiError::Unauthorized("sign in to rate games"))?;
    if !(1..=5).contains(&input.stars) {
        return Err(ApiError::field("stars", "must be between 1 and 5"));
    }
    let g = visible_game(&state, &viewer, id).await?;
    if g.creator_id == uid {
        return Err(ApiError::Forbidden("you cannot rate your own game"));
    }
    if g.status != GameStatus::Active {
        return Err(ApiError::Conflict {
            code: "not_rateable",
            field: None,
            message: format!("the game is {} and cannot be rated", g.status),
        });
    }
    let (average, count) = games::rate(&state.db, id, uid, input.stars).await?;
    Ok(Json(RateOut {
        stars: input.stars,
        rating: RatingOut { average, count },
    }))
}
