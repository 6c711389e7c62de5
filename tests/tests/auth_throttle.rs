//! The failed-login throttle: per account and client address with a bounded, doubling backoff, and
//! per account across the addresses it has never signed in from. Addresses are chosen with
//! `X-Forwarded-For` through loopback listed as a trusted proxy.

use std::time::Duration;

use aimini_tests::{PASSWORD, TestApp, assert_error, spawn_app_with};
use serde_json::json;

const OWNER: &str = "203.0.113.10";

async fn throttled_app(free: u32, max_backoff_secs: u32, account: &str) -> TestApp {
    let account = account.to_owned();
    spawn_app_with(move |src| {
        src.set("AIMINI_TRUSTED_PROXIES", "127.0.0.1");
        src.set("AIMINI_LOGIN_FREE_FAILURES", free.to_string());
        src.set(
            "AIMINI_LOGIN_BACKOFF_MAX_SECS",
            max_backoff_secs.to_string(),
        );
        src.set("AIMINI_RATE_LIMIT_LOGIN_ACCOUNT", account);
    })
    .await
}

async fn login_from(app: &TestApp, addr: &str, login: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", addr)
        .json(&json!({"username": login, "password": password}))
        .send()
        .await
        .expect("login")
}

async fn status_from(app: &TestApp, addr: &str, login: &str, password: &str) -> u16 {
    login_from(app, addr, login, password)
        .await
        .status()
        .as_u16()
}

fn retry_after(resp: &reqwest::Response) -> u64 {
    resp.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds")
}

#[tokio::test]
async fn an_account_under_attack_still_logs_in_from_its_owners_address() {
    let app = throttled_app(3, 2, "5/hour").await;
    // The owner registered from home: that address is familiar to the account from the start.
    let registered = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("x-forwarded-for", OWNER)
        .json(&json!({"username": "owner", "email": "owner@example.com", "password": PASSWORD}))
        .send()
        .await
        .expect("register");
    assert_eq!(registered.status(), 201);

    // A guessing attack from many addresses: five failures exhaust what the account absorbs from
    // unfamiliar addresses...
    for i in 1..=5 {
        let addr = format!("198.51.100.{i}");
        assert_eq!(
            status_from(&app, &addr, "owner", "guess number one").await,
            401
        );
    }
    // ...so a sixth address waits, even with the right password (an attacker cannot tell).
    let fresh = login_from(&app, "198.51.100.99", "owner", PASSWORD).await;
    assert_error(fresh, 429, "rate_limited").await;
    // The e-mail spelling of the login is the same account.
    let by_mail = login_from(&app, "198.51.100.98", "owner@example.com", "guess").await;
    assert_error(by_mail, 429, "rate_limited").await;

    // The owner's familiar address is not held up by the attack.
    assert_eq!(status_from(&app, OWNER, "owner", PASSWORD).await, 200);

    // The owner's own typos from home are free (up to the per-address allowance) and do not stop
    // the next right password.
    for _ in 0..2 {
        assert_eq!(
            status_from(&app, OWNER, "owner", "owner typo here").await,
            401
        );
    }
    assert_eq!(status_from(&app, OWNER, "owner", PASSWORD).await, 200);
}

#[tokio::test]
async fn the_backoff_per_address_doubles_up_to_its_bound_and_then_lets_the_owner_in() {
    let app = throttled_app(2, 2, "1000/hour").await;
    app.register("bob").await;
    let shared = "192.0.2.50"; // an address the attacker and the owner share (a NAT, say)
    assert_eq!(status_from(&app, shared, "bob", "wrong one").await, 401);
    assert_eq!(status_from(&app, shared, "bob", "wrong two").await, 401);
    let held = login_from(&app, shared, "bob", "wrong three").await;
    assert_error(held, 429, "rate_limited").await;

    // Another address is not affected by this one's failures.
    assert_eq!(status_from(&app, "192.0.2.51", "bob", PASSWORD).await, 200);

    // The waits double (1 s, then 2 s) and stop at the configured bound (2 s).
    let mut waits = Vec::new();
    for _ in 0..3 {
        let resp = login_from(&app, shared, "bob", "still wrong").await;
        let wait = retry_after(&resp);
        assert_error(resp, 429, "rate_limited").await;
        waits.push(wait);
        tokio::time::sleep(Duration::from_secs(wait)).await;
        assert_eq!(status_from(&app, shared, "bob", "wrong again").await, 401);
    }
    assert_eq!(waits, [1, 2, 2]);

    // After the backoff the right password gets in from the shared address, and a success clears
    // its record: the next typo is a free one again.
    let resp = login_from(&app, shared, "bob", PASSWORD).await;
    let wait = retry_after(&resp);
    assert_error(resp, 429, "rate_limited").await;
    tokio::time::sleep(Duration::from_secs(wait)).await;
    assert_eq!(status_from(&app, shared, "bob", PASSWORD).await, 200);
    assert_eq!(status_from(&app, shared, "bob", "a typo").await, 401);
    assert_eq!(status_from(&app, shared, "bob", PASSWORD).await, 200);
}

#[tokio::test]
async fn unknown_logins_are_throttled_exactly_like_accounts() {
    // Same answers for a real account and a made-up name: the throttle reveals no account.
    let app = throttled_app(2, 60, "3/hour").await;
    app.register("real_one").await;
    let mut seen = Vec::new();
    for login in ["real_one", "made_up_one"] {
        let mut statuses = Vec::new();
        for i in 0..3 {
            statuses.push(status_from(&app, "192.0.2.7", login, "nope nope").await);
            statuses
                .push(status_from(&app, &format!("192.0.2.{}", 100 + i), login, "x y z w").await);
        }
        seen.push(statuses);
    }
    assert_eq!(seen[0], seen[1]);
    assert!(seen[0].contains(&429), "{seen:?}");
}

async fn forgot_from(app: &TestApp, addr: &str, email: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/forgot-password"))
        .header("x-forwarded-for", addr)
        .json(&json!({"email": email}))
        .send()
        .await
        .expect("forgot-password")
}

#[tokio::test]
async fn reset_mails_are_throttled_per_address_and_per_recipient() {
    let app = spawn_app_with(|src| {
        src.set("AIMINI_TRUSTED_PROXIES", "127.0.0.1");
        src.set("AIMINI_RATE_LIMIT_MAIL", "3/hour");
        // The registration's verification mail takes one; two remain for resets.
        src.set("AIMINI_RATE_LIMIT_MAIL_RECIPIENT", "3/hour");
    })
    .await;
    let victim = app.register("inbox").await;

    // One client address: three requests, then 429 (about the caller only: the same for any e-mail).
    for _ in 0..3 {
        let resp = forgot_from(&app, "198.51.100.1", &victim.email).await;
        assert_eq!(resp.status(), 202);
    }
    let limited = forgot_from(&app, "198.51.100.1", "nobody@example.com").await;
    assert_error(limited, 429, "rate_limited").await;

    // Other addresses still get 202, for every e-mail, but the victim's mailbox receives no more
    // than its own budget (two), whoever asks and however the address is spelled.
    for (i, spelling) in [
        "inbox@example.com",
        "INBOX@Example.com",
        "nobody@example.com",
    ]
    .iter()
    .enumerate()
    {
        let resp = forgot_from(&app, &format!("198.51.100.{}", i + 2), spelling).await;
        assert_eq!(resp.status(), 202);
    }
    // Mail leaves after the answer: let the outbox settle before counting.
    let mails = app.outbox_settled().await;
    let resets = mails
        .iter()
        .filter(|m| m["to"] == victim.email.as_str() && m["kind"] == "password_reset")
        .count();
    assert_eq!(resets, 2, "{mails:?}");
}
