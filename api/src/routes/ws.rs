//! `GET /ws/notifications`: a WebSocket per client carrying that user's notifications.
//!
//! Workers publish on one Redis channel; each API replica runs one subscriber task and fans messages
//! out in-process to the sockets of the matching user. Browsers cannot set headers on a WebSocket, so
//! the access token may also come as `?access_token=` (query strings are never logged).

use std::time::Duration;

use aimini_models::notify::{self, Notification};
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::response::Response;
use futures::StreamExt as _;
use secrecy::ExposeSecret;
use serde::Deserialize;
use tokio::sync::broadcast;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::extract::{authenticate, bearer_token_from_headers};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::Query;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(connect_notifications))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WsQuery {
    /// The access token, for clients that cannot send an Authorization header.
    pub access_token: Option<String>,
}

/// Notifications for the caller (`{"type": "generation.updated", "data": {...}}` per message).
#[utoipa::path(get, path = "/ws/notifications", tag = "ai", params(WsQuery),
    responses(
        (status = 101, description = "switching to the WebSocket protocol"),
        (status = 401, body = ErrorBody),
    ))]
pub async fn connect_notifications(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<WsQuery>,
    ws: WebSocketUpgrade,
) -> ApiResult<Response> {
    let token = bearer_token_from_headers(&headers)
        .map(str::to_owned)
        .or(q.access_token)
        .ok_or(ApiError::Unauthorized(
            "missing, invalid or expired access token",
        ))?;
    let user = authenticate(&state, &token).await?.user;
    let rx = state.notifications.subscribe();
    Ok(ws.on_upgrade(move |socket| serve_socket(socket, user.id, rx)))
}

async fn serve_socket(
    mut socket: WebSocket,
    user_id: Uuid,
    mut rx: broadcast::Receiver<Notification>,
) {
    metrics::gauge!("websocket_connections").increment(1.0);
    let hello = serde_json::json!({"type": "connected", "data": {"user_id": user_id}}).to_string();
    if socket.send(Message::Text(hello.into())).await.is_ok() {
        let mut ping = tokio::time::interval(Duration::from_secs(25));
        loop {
            tokio::select! {
                msg = rx.recv() => match msg {
                    Ok(n) if n.user_id == user_id => {
                        let text = serde_json::json!({"type": n.kind, "data": n.data}).to_string();
                        if socket.send(Message::Text(text.into())).await.is_err() {
                            break;
                        }
                    }
                    Ok(_) => {}
                    // A slow client missed some: tell it to re-poll rather than drop it silently.
                    Err(broadcast::error::RecvError::Lagged(n)) => {
                        let text = serde_json::json!({"type": "lagged", "data": {"missed": n}}).to_string();
                        if socket.send(Message::Text(text.into())).await.is_err() {
                            break;
                        }
                    }
                    Err(broadcast::error::RecvError::Closed) => break,
                },
                incoming = socket.next() => match incoming {
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
                _ = ping.tick() => {
                    if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                        break;
                    }
                }
            }
        }
    }
    metrics::gauge!("websocket_connections").decrement(1.0);
}

/// Runs for the life of the process: Redis channel -> in-process broadcast. Reconnects with backoff.
pub async fn relay_notifications(
    state_redis_url: secrecy::SecretString,
    prefix: String,
    tx: broadcast::Sender<Notification>,
) {
    let channel = notify::channel(&prefix);
    let mut backoff = Duration::from_millis(200);
    loop {
        let result: Result<(), redis::RedisError> = async {
            let client = redis::Client::open(state_redis_url.expose_secret())?;
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&channel).await?;
            backoff = Duration::from_millis(200);
            let mut stream = pubsub.on_message();
            while let Some(msg) = stream.next().await {
                let Ok(payload) = msg.get_payload::<String>() else {
                    continue;
                };
                if let Ok(n) = serde_json::from_str::<Notification>(&payload) {
                    let _ = tx.send(n);
                }
            }
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "notification subscriber lost Redis; reconnecting");
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(10));
    }
}
