//! E-mail verification: registration mails a single-use link; following it with the account's
//! password verifies the address. Resend, expiry, bad input and who may do what.

use aimini_tests::{
    PASSWORD, TestApp, TestUser, assert_error, link_token, spawn_app, spawn_app_with,
};
use serde_json::{Value, json};

async fn verify(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/verify-email",
        &json!({"token": token, "password": password}),
    )
    .await
}

async fn profile(app: &TestApp, user: &TestUser) -> Value {
    app.get_auth("/api/v1/users/profile", &user.access_token)
        .await
        .json()
        .await
        .expect("json")
}

async fn resend(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut req = app.client.post(app.url("/api/v1/auth/resend-verification"));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("resend")
}

#[tokio::test]
async fn registration_mails_a_link_that_verifies_the_address_with_the_password() {
    let app = spawn_app().await;
    let user = app.register_unverified("vera").await;
    assert_eq!(profile(&app, &user).await["is_verified"], false);

    let mail = app.mail_to(&user.email, "email_verification").await;
    let text = mail["text"].as_str().expect("text");
    assert!(
        text.contains(&format!("{}/verify-email?token=", app.address)),
        "{text}"
    );
    assert!(text.contains("vera"), "the mail names the account: {text}");
    let token = link_token(&mail);

    // The link alone is not enough: someone who never created the account (the owner of the
    // mailbox a squatter typed in) must not confirm it for the squatter. A wrong password does not
    // burn the token.
    assert_error(
        verify(&app, &token, "not the password").await,
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(profile(&app, &user).await["is_verified"], false);

    assert_eq!(verify(&app, &token, PASSWORD).await.status(), 204);
    assert_eq!(profile(&app, &user).await["is_verified"], true);
    let stored: bool = sqlx::query_scalar("SELECT is_verified FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_one(&app.db)
        .await
        .expect("row");
    assert!(stored);

    // Single use, and stored hashed.
    assert_error(
        verify(&app, &token, PASSWORD).await,
        400,
        "invalid_verification_token",
    )
    .await;
    let plain: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM email_verification_tokens WHERE octet_length(token_hash) <> 32",
    )
    .fetch_one(&app.db)
    .await
    .expect("count");
    assert_eq!(plain, 0);
}

#[tokio::test]
async fn expired_foreign_and_malformed_tokens_are_refused() {
    let app = spawn_app().await;
    let owner = app.register_unverified("owner").await;
    let token = link_token(&app.mail_to(&owner.email, "email_verification").await);

    // Another account's password does not go with this account's token (nor does a session: the
    // endpoint takes none, so staff cannot confirm someone else's address either).
    let other = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "other", "email": "other@example.com", "password": "other horse battery"}),
        )
        .await;
    assert_eq!(other.status(), 201);
    assert_error(
        verify(&app, &token, "other horse battery").await,
        401,
        "unauthorized",
    )
    .await;

    for bad in ["", "not-a-token", &"x".repeat(5000)] {
        assert_error(
            verify(&app, bad, PASSWORD).await,
            400,
            "invalid_verification_token",
        )
        .await;
    }
    let oversized_password = "p".repeat(200);
    assert_error(
        verify(&app, &token, &oversized_password).await,
        401,
        "unauthorized",
    )
    .await;
    for body in [
        json!({}),
        json!({"token": token}),
        json!({"token": 1, "password": PASSWORD}),
    ] {
        let resp = app.post_json("/api/v1/auth/verify-email", &body).await;
        assert_error(resp, 422, "invalid_body").await;
    }
    let no_json = app
        .client
        .post(app.url("/api/v1/auth/verify-email"))
        .body("token=x")
        .send()
        .await
        .expect("request");
    assert_error(no_json, 415, "unsupported_media_type").await;

    sqlx::query(
        "UPDATE email_verification_tokens SET created_at = now() - interval '3 days', \
         expires_at = now() - interval '1 day'",
    )
    .execute(&app.db)
    .await
    .expect("expire");
    assert_error(
        verify(&app, &token, PASSWORD).await,
        400,
        "invalid_verification_token",
    )
    .await;
    assert_eq!(profile(&app, &owner).await["is_verified"], false);
}

#[tokio::test]
async fn resend_is_for_the_signed_in_unverified_owner_and_is_rate_limited() {
    let app = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_MAIL_RECIPIENT", "2/hour")).await;
    assert_error(resend(&app, None).await, 401, "unauthorized").await;

    // Every role resends for its own account only (there is no "other" account to name).
    for (name, role) in [
        ("plain", "user"),
        ("paying", "premium"),
        ("modest", "moderator"),
        ("boss", "admin"),
    ] {
        let user = app.register_unverified(name).await;
        sqlx::query("UPDATE users SET role = $2 WHERE id = $1")
            .bind(user.id)
            .bind(role)
            .execute(&app.db)
            .await
            .expect("role");
        let resp = resend(&app, Some(&user.access_token)).await;
        assert_eq!(resp.status(), 202, "{role}");
    }

    // The recipient budget (2/hour) covers the registration mail and one resend; the next is 429.
    let user = app.register_unverified("again").await;
    assert_eq!(resend(&app, Some(&user.access_token)).await.status(), 202);
    let limited = resend(&app, Some(&user.access_token)).await;
    assert!(limited.headers().contains_key("retry-after"));
    assert_error(limited, 429, "rate_limited").await;

    // The newest link works; once verified, resending is a conflict.
    let token = link_token(&app.mail_to(&user.email, "email_verification").await);
    assert_eq!(verify(&app, &token, PASSWORD).await.status(), 204);
    assert_error(
        resend(&app, Some(&user.access_token)).await,
        409,
        "already_verified",
    )
    .await;
}

#[tokio::test]
async fn a_password_reset_also_proves_the_address() {
    let app = spawn_app().await;
    let user = app.register_unverified("forgetful").await;
    app.post_json(
        "/api/v1/auth/forgot-password",
        &json!({"email": user.email}),
    )
    .await;
    let token = link_token(&app.mail_to(&user.email, "password_reset").await);
    let resp = app
        .post_json(
            "/api/v1/auth/reset-password",
            &json!({"token": token, "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    let verified: bool = sqlx::query_scalar("SELECT is_verified FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_one(&app.db)
        .await
        .expect("row");
    assert!(verified);
    // The now pointless verification link is spent.
    let token = link_token(&app.mail_to(&user.email, "email_verification").await);
    assert_error(
        verify(&app, &token, "a brand new passphrase").await,
        400,
        "invalid_verification_token",
    )
    .await;
}

#[tokio::test]
async fn registration_mails_count_against_the_address_budget() {
    let app = spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_MAIL", "2/hour")).await;
    app.register_unverified("first").await;
    app.register_unverified("second").await;
    let third = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "third", "email": "third@example.com", "password": PASSWORD}),
        )
        .await;
    assert_error(third, 429, "rate_limited").await;
    let created: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE username = 'third'")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(created, 0, "refused before anything was created");
}

#[tokio::test]
async fn the_mailed_link_opens_a_page_served_by_the_api() {
    let app = spawn_app().await;
    let page = app
        .client
        .get(app.url("/verify-email?token=abc"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    let html = page.text().await.expect("html");
    assert!(html.contains("/verify-email.js"));
    assert!(html.contains("type=\"password\""));
    let js = app
        .client
        .get(app.url("/verify-email.js"))
        .send()
        .await
        .expect("js")
        .text()
        .await
        .expect("js");
    assert!(js.contains("/api/v1/auth/verify-email"));
}
