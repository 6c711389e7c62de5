//! `GET /ws/notifications`: a WebSocket per client carrying that user's notifications.
//!
//! Workers publish on one Redis channel; each API replica runs one subscriber task and fans messages
//! out in-process to the sockets of the matching user. Browsers cannot set headers on a WebSocket, so
//! the access token may also come as `?access_token=` (query strings are never logged).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aimini_models::notify::{self, Notification};
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
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

use crate::auth::cache::Eviction;
use crate::auth::extract::{AuthUser, authenticate, bearer_token_from_headers};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::Query;
use crate::state::AppState;

/// Frames larger than this are refused by the protocol layer before they are buffered whole; the
/// configured message limit (smaller) is then checked on what arrives.
const MAX_FRAME_BYTES: usize = 64 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(connect_notifications))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WsQuery {
    /// The access token, for clients that cannot send an Authorization header.
    pub access_token: Option<String>,
}

/// Open sockets on this replica. A permit is taken before the upgrade completes and given back
/// when its socket ends, however it ends.
#[derive(Debug, Default)]
pub struct SocketCounts {
    inner: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    per_user: HashMap<Uuid, usize>,
}

/// Why a socket was not admitted: the close frame it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    User,
    Replica,
}

pub struct SocketPermit {
    counts: Arc<SocketCounts>,
    user: Uuid,
}

impl SocketCounts {
    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        // Counters stay consistent even if a holder panicked (each update is a single step).
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn acquire(
        self: &Arc<Self>,
        user: Uuid,
        max_per_user: usize,
        max_total: usize,
    ) -> Result<SocketPermit, Refusal> {
        let mut c = self.lock();
        if c.total >= max_total {
            return Err(Refusal::Replica);
        }
        let mine = c.per_user.entry(user).or_insert(0);
        if *mine >= max_per_user {
            return Err(Refusal::User);
        }
        *mine += 1;
        c.total += 1;
        Ok(SocketPermit {
            counts: self.clone(),
            user,
        })
    }
}

impl Drop for SocketPermit {
    fn drop(&mut self) {
        let mut c = self.counts.lock();
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.per_user.get_mut(&self.user) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.per_user.remove(&self.user);
            }
        }
    }
}

/// Notifications for the caller (`{"type": "generation.updated", "data": {...}}` per message).
///
/// The server ends a socket with a close frame that says why: 1008 (policy) when the session ends
/// (logout, logout everywhere, password reset, suspension or ban, role change: reason `session
/// ended`), when the access token expires (`access token expired`: refresh and reconnect), when the
/// user already has `AIMINI_WS_MAX_PER_USER` sockets open on this replica, or when the client sends
/// more than `AIMINI_WS_MAX_MESSAGES_PER_MINUTE` frames; 1009 when a client message is larger than
/// `AIMINI_WS_MAX_MESSAGE_BYTES`; 1013 (try again later) when the replica holds
/// `AIMINI_WS_MAX_PER_REPLICA` sockets. Over a cap the upgrade still succeeds and the close frame
/// follows at once, because a browser cannot read the status of a refused handshake.
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
    // Subscribed before authenticating: an eviction committed after the check below is seen by the
    // socket, and one committed before it is already in what the check reads.
    let evictions = state.auth_cache.subscribe();
    let auth = authenticate(&state, &token).await?;
    let cfg = state.config.websocket;
    let permit = state
        .sockets
        .acquire(auth.user.id, cfg.max_per_user, cfg.max_per_replica);
    let rx = state.notifications.subscribe();
    let ws = ws
        .max_frame_size(MAX_FRAME_BYTES)
        .max_message_size(MAX_FRAME_BYTES);
    Ok(ws.on_upgrade(move |socket| async move {
        match permit {
            Ok(permit) => {
                let session = Session {
                    state,
                    token,
                    auth,
                    evictions,
                };
                Box::pin(serve_socket(socket, session, rx)).await;
                drop(permit);
            }
            Err(refusal) => refuse(socket, refusal).await,
        }
    }))
}

async fn refuse(mut socket: WebSocket, refusal: Refusal) {
    let (code, reason) = match refusal {
        Refusal::User => (
            close_code::POLICY,
            "too many open connections for this user",
        ),
        Refusal::Replica => (
            close_code::AGAIN,
            "server busy: too many open connections, try again later",
        ),
    };
    metrics::counter!("websocket_refused_total", "reason" => match refusal {
        Refusal::User => "user_cap",
        Refusal::Replica => "replica_cap",
    })
    .increment(1);
    close(&mut socket, code, reason).await;
}

async fn close(socket: &mut WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    // Best effort: the peer may already be gone.
    let _ = socket.send(Message::Close(Some(frame))).await;
}

/// What a socket needs to re-check its caller.
struct Session {
    state: AppState,
    token: String,
    auth: AuthUser,
    evictions: broadcast::Receiver<Option<Eviction>>,
}

impl Session {
    /// Whether an eviction could concern this socket's session.
    fn concerns(&self, what: Option<Eviction>) -> bool {
        match what {
            None => true,
            Some(Eviction::User(id)) => id == self.auth.user.id,
            Some(Eviction::Token(jti)) => jti == self.auth.claims.jti,
        }
    }

    /// The token is re-checked exactly as a request would be (status, session version, denylist);
    /// a role change also ends the socket, so nothing outlives a demotion.
    async fn still_valid(&self) -> bool {
        match authenticate(&self.state, &self.token).await {
            Ok(now) => now.user.role == self.auth.user.role,
            Err(ApiError::Unauthorized(_)) => false,
            // A database or Redis hiccup is not a revocation; the expiry timer still applies.
            Err(e) => {
                tracing::warn!(error = %e, "could not re-check a WebSocket session; keeping it");
                true
            }
        }
    }
}

fn message_len(m: &Message) -> usize {
    match m {
        Message::Text(t) => t.as_str().len(),
        Message::Binary(b) | Message::Ping(b) | Message::Pong(b) => b.len(),
        Message::Close(_) => 0,
    }
}

async fn serve_socket(
    mut socket: WebSocket,
    mut session: Session,
    mut rx: broadcast::Receiver<Notification>,
) {
    let user_id = session.auth.user.id;
    let cfg = session.state.config.websocket;
    metrics::gauge!("websocket_connections").increment(1.0);
    tracing::debug!(%user_id, role = %session.auth.user.role, "websocket open");
    // The socket lives no longer than the token it was opened with.
    let left = session.auth.claims.exp - chrono::Utc::now().timestamp();
    let expiry = tokio::time::sleep(Duration::from_secs(u64::try_from(left).unwrap_or(0)));
    tokio::pin!(expiry);
    let mut window = (Instant::now(), 0u32);
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
                evicted = session.evictions.recv() => {
                    let what = match evicted {
                        Ok(what) => what,
                        // Missed some: any of them may have been ours.
                        Err(broadcast::error::RecvError::Lagged(_)) => None,
                        Err(broadcast::error::RecvError::Closed) => break,
                    };
                    // Boxed: a database read, rare, and large next to the rest of this loop.
                    if session.concerns(what) && !Box::pin(session.still_valid()).await {
                        close(&mut socket, close_code::POLICY, "session ended").await;
                        break;
                    }
                }
                () = &mut expiry => {
                    close(&mut socket, close_code::POLICY, "access token expired").await;
                    break;
                }
                incoming = socket.next() => match incoming {
                    Some(Ok(Message::Close(_))) | None => break,
                    Some(Err(_)) => {
                        // Most often a frame over MAX_FRAME_BYTES; tell the peer if it still listens.
                        close(&mut socket, close_code::SIZE, "message too big").await;
                        break;
                    }
                    Some(Ok(m)) => {
                        if window.0.elapsed() >= Duration::from_secs(60) {
                            window = (Instant::now(), 0);
                        }
                        window.1 += 1;
                        if window.1 > cfg.max_messages_per_minute {
                            close(&mut socket, close_code::POLICY, "too many messages").await;
                            break;
                        }
                        if message_len(&m) > cfg.max_message_bytes {
                            close(&mut socket, close_code::SIZE, "message too big").await;
                            break;
                        }
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_respect_both_caps_and_are_given_back_on_drop() {
        let counts = Arc::new(SocketCounts::default());
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let a1 = counts.acquire(a, 2, 3).expect("a1");
        let _a2 = counts.acquire(a, 2, 3).expect("a2");
        assert_eq!(counts.acquire(a, 2, 3).err(), Some(Refusal::User));
        let _b1 = counts.acquire(b, 2, 3).expect("b1");
        assert_eq!(counts.acquire(b, 2, 3).err(), Some(Refusal::Replica));
        drop(a1);
        let _a3 = counts.acquire(a, 2, 3).expect("a slot came back");
        assert_eq!(counts.lock().per_user.len(), 2);
    }
}
