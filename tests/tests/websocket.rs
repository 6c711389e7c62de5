//! `/ws/notifications` limits: connection caps answered with a documented close code, sockets that
//! end with the session (suspension, role change, logout everywhere, token expiry, across replicas)
//! and clients that send too much.

use std::time::Duration;

use aimini_tests::{TestApp, TestUser, spawn_app_with};
use futures::{SinkExt as _, StreamExt as _};
use serde_json::json;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a socket gets to close after the event that should close it. Evictions travel in
/// milliseconds; this is slack for a busy CI machine.
const CLOSE_WITHIN: Duration = Duration::from_secs(8);

async fn open_on(base: &str, user: &TestUser) -> Ws {
    let url = format!(
        "{}/ws/notifications?access_token={}",
        base.replace("http", "ws"),
        user.access_token
    );
    tokio_tungstenite::connect_async(url)
        .await
        .expect("websocket handshake")
        .0
}

/// Opens a socket and waits for its `connected` greeting.
async fn open_ready(base: &str, user: &TestUser) -> Ws {
    let mut ws = open_on(base, user).await;
    let first = tokio::time::timeout(CLOSE_WITHIN, ws.next())
        .await
        .expect("greeting in time")
        .expect("a frame")
        .expect("not an error");
    assert!(
        first.to_text().is_ok_and(|t| t.contains("connected")),
        "{first:?}"
    );
    ws
}

/// The close frame the server sends within `wait` (code, reason); `None` if the socket stays open.
/// Ends also count when the stream just stops (no code: 1006).
async fn closed_within(ws: &mut Ws, wait: Duration) -> Option<(u16, String)> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let frame = match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => return None,
            Ok(f) => f,
        };
        match frame {
            Some(Ok(Message::Close(Some(c)))) => {
                return Some((u16::from(c.code), c.reason.as_str().to_owned()));
            }
            Some(Ok(Message::Close(None))) | None | Some(Err(_)) => {
                return Some((1006, String::new()));
            }
            Some(Ok(_)) => {}
        }
    }
}

async fn expect_close(ws: &mut Ws, code: u16, reason: &str) {
    let got = closed_within(ws, CLOSE_WITHIN).await;
    let (c, r) = got.unwrap_or_else(|| panic!("socket still open, expected {code} {reason:?}"));
    assert_eq!(c, code, "close reason {r:?}");
    assert!(
        r.contains(reason),
        "close reason {r:?}, expected {reason:?}"
    );
}

async fn expect_open(ws: &mut Ws) {
    assert_eq!(closed_within(ws, Duration::from_millis(500)).await, None);
}

async fn admin_put(app: &TestApp, admin: &TestUser, user: &TestUser, body: serde_json::Value) {
    let resp = app
        .client
        .put(app.url(&format!("/api/v1/admin/users/{}", user.id)))
        .bearer_auth(&admin.access_token)
        .json(&body)
        .send()
        .await
        .expect("admin update");
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn a_user_over_the_socket_cap_gets_1008_and_a_freed_slot_is_reusable() {
    let app = spawn_app_with(|s| s.set("AIMINI_WS_MAX_PER_USER", "2")).await;
    let user = app.register("wscap").await;
    let mut first = open_ready(&app.address, &user).await;
    let _second = open_ready(&app.address, &user).await;
    let mut third = open_on(&app.address, &user).await;
    expect_close(&mut third, 1008, "too many open connections").await;
    // Someone else is not affected by this user's cap.
    let other = app.register("wsother").await;
    let _theirs = open_ready(&app.address, &other).await;
    // A closed socket gives its slot back.
    first.close(None).await.expect("close");
    let _ = closed_within(&mut first, CLOSE_WITHIN).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut again = open_ready(&app.address, &user).await;
    expect_open(&mut again).await;
}

#[tokio::test]
async fn a_full_replica_answers_1013_try_again_later() {
    let app = spawn_app_with(|s| s.set("AIMINI_WS_MAX_PER_REPLICA", "2")).await;
    let a = app.register("wsfulla").await;
    let b = app.register("wsfullb").await;
    let _one = open_ready(&app.address, &a).await;
    let _two = open_ready(&app.address, &a).await;
    let mut three = open_on(&app.address, &b).await;
    expect_close(&mut three, 1013, "try again later").await;
    // Plain HTTP still works while the socket budget is spent.
    let resp = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("healthz");
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn suspension_and_role_changes_close_open_sockets_on_every_replica() {
    let app = spawn_app_with(|s| s.set("AIMINI_AUTH_CACHE_MS", "30000")).await;
    let other = app.spawn_replica().await;
    let admin = app.user_with_role("wsroot", "admin").await;
    let target = app.register("wssuspended").await;
    let demoted = app.user_with_role("wsdemoted", "moderator").await;
    let bystander = app.register("wsbystander").await;
    let mut here = open_ready(&app.address, &target).await;
    let mut there = open_ready(&other.address, &target).await;
    let mut mod_socket = open_ready(&other.address, &demoted).await;
    let mut untouched = open_ready(&other.address, &bystander).await;

    admin_put(&app, &admin, &target, json!({"status": "suspended"})).await;
    expect_close(&mut here, 1008, "session ended").await;
    expect_close(&mut there, 1008, "session ended").await;

    admin_put(&app, &admin, &demoted, json!({"role": "user"})).await;
    expect_close(&mut mod_socket, 1008, "session ended").await;
    expect_open(&mut untouched).await;
}

#[tokio::test]
async fn logout_everywhere_closes_sockets_on_other_replicas_and_plain_logout_closes_its_own() {
    let app = spawn_app_with(|_| {}).await;
    let other = app.spawn_replica().await;
    let user = app.register("wslogout").await;
    let mut there = open_ready(&other.address, &user).await;
    let resp = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({"refresh_token": user.refresh_token, "all_sessions": true}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    expect_close(&mut there, 1008, "session ended").await;

    // Logging out one session ends the sockets opened with that access token.
    let user = app.register("wslogoutone").await;
    let mut mine = open_ready(&other.address, &user).await;
    let resp = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .bearer_auth(&user.access_token)
        .json(&json!({"refresh_token": user.refresh_token}))
        .send()
        .await
        .expect("logout");
    assert_eq!(resp.status(), 204);
    expect_close(&mut mine, 1008, "session ended").await;
}

#[tokio::test]
async fn a_socket_ends_when_its_access_token_expires() {
    let app = spawn_app_with(|s| s.set("AIMINI_ACCESS_TOKEN_TTL_SECS", "3")).await;
    let user = app.register("wsexpiry").await;
    let mut ws = open_ready(&app.address, &user).await;
    expect_close(&mut ws, 1008, "access token expired").await;
}

#[tokio::test]
async fn oversized_messages_and_floods_close_the_socket() {
    let app = spawn_app_with(|s| s.set("AIMINI_WS_MAX_MESSAGES_PER_MINUTE", "20")).await;
    let user = app.register("wsabuse").await;

    let mut ws = open_ready(&app.address, &user).await;
    ws.send(Message::text("x".repeat(16 * 1024)))
        .await
        .expect("send");
    expect_close(&mut ws, 1009, "message too big").await;

    // Larger than a frame may be: refused by the protocol layer, still a close.
    let mut ws = open_ready(&app.address, &user).await;
    let _ = ws.send(Message::binary(vec![0u8; 1 << 20])).await;
    let got = closed_within(&mut ws, CLOSE_WITHIN).await;
    assert!(got.is_some(), "a 1 MiB frame left the socket open");

    // Small messages are fine; too many of them are not.
    let mut ws = open_ready(&app.address, &user).await;
    ws.send(Message::text("hi")).await.expect("send");
    expect_open(&mut ws).await;
    for _ in 0..40 {
        if ws.send(Message::text("hi")).await.is_err() {
            break;
        }
    }
    expect_close(&mut ws, 1008, "too many messages").await;
}
