//! Registration, login, refresh rotation with reuse detection, logout, password reset.

use aimini_tests::{PASSWORD, assert_error, link_token, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn register_returns_a_session_and_the_private_user() {
    let app = spawn_app().await;
    let resp = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "Ada_L", "email": "Ada@Example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(
        body["user"]["username"], "ada_l",
        "usernames are normalised to lowercase"
    );
    assert_eq!(body["user"]["email"], "Ada@example.com");
    assert_eq!(body["user"]["role"], "user");
    assert_eq!(body["user"]["status"], "active");
    assert!(
        body["access_token"]
            .as_str()
            .is_some_and(|t| t.split('.').count() == 3)
    );
    assert!(
        body["refresh_token"]
            .as_str()
            .is_some_and(|t| t.len() >= 40)
    );
    assert!(body["user"].get("password_hash").is_none());

    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE username = 'ada_l'")
            .fetch_one(&app.db)
            .await
            .expect("row");
    assert!(
        stored.starts_with("$argon2id$"),
        "passwords are stored as argon2id hashes"
    );
    let token_rows: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM refresh_tokens WHERE octet_length(token_hash) = 32",
    )
    .fetch_one(&app.db)
    .await
    .expect("count");
    assert_eq!(token_rows, 1, "refresh tokens are stored hashed");
}

/// Registration says which field is taken: a deliberate trade-off (README "Security notes",
/// "Registration and account enumeration"), since registering hands out a session at once.
#[tokio::test]
async fn duplicates_conflict_naming_the_field_case_insensitively() {
    let app = spawn_app().await;
    app.register("grace").await;
    let resp = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "GRACE", "email": "other@example.com", "password": PASSWORD}),
        )
        .await;
    let body = assert_error(resp, 409, "username_taken").await;
    assert_eq!(body["error"]["details"]["field"], "username");

    let resp = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "grace2", "email": "GRACE@example.COM", "password": PASSWORD}),
        )
        .await;
    let body = assert_error(resp, 409, "email_taken").await;
    assert_eq!(body["error"]["details"]["field"], "email");
}

/// What bounds probing registration for taken addresses: every attempt counts against the client
/// address's account-mail budget, whether it creates an account or answers 409.
#[tokio::test]
async fn probing_registration_for_taken_addresses_is_bounded_per_client_address() {
    let app = aimini_tests::spawn_app_with(|src| src.set("AIMINI_RATE_LIMIT_MAIL", "3/hour")).await;
    app.register("known").await;
    let mut statuses = Vec::new();
    for i in 0..3 {
        let body = json!({"username": format!("prober{i}"), "email": "known@example.com", "password": PASSWORD});
        let resp = app.post_json("/api/v1/auth/register", &body).await;
        statuses.push(resp.status().as_u16());
    }
    assert_eq!(statuses, [409, 409, 429]);
}

#[tokio::test]
async fn invalid_registrations_list_every_bad_field() {
    let app = spawn_app().await;
    let resp = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "a-", "email": "not-an-email", "password": "short"}),
        )
        .await;
    let body = assert_error(resp, 422, "validation_failed").await;
    let fields: Vec<&str> = body["error"]["details"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["username", "email", "password"]);

    for weak in ["password123", "12345678", "aaaaaaaaaa", "abcdefghi"] {
        let resp = app
            .post_json(
                "/api/v1/auth/register",
                &json!({"username": "weakling", "email": "weak@example.com", "password": weak}),
            )
            .await;
        let body = assert_error(resp, 422, "validation_failed").await;
        assert_eq!(
            body["error"]["details"]["fields"][0]["field"], "password",
            "{weak} accepted"
        );
    }
}

#[tokio::test]
async fn login_accepts_username_or_email_and_hides_which_part_was_wrong() {
    let app = spawn_app().await;
    let user = app.register("hopper").await;
    for login in [
        "hopper",
        "HOPPER",
        "hopper@example.com",
        "Hopper@Example.com",
    ] {
        let resp = app
            .post_json(
                "/api/v1/auth/login",
                &json!({"username": login, "password": PASSWORD}),
            )
            .await;
        assert_eq!(resp.status(), 200, "login as {login}");
        let body: Value = resp.json().await.expect("json");
        assert_eq!(body["user"]["id"], user.id.to_string());
        assert!(body["user"]["last_login"].is_string());
    }
    let wrong_password = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "hopper", "password": "wrong password!"}),
        )
        .await;
    let a = assert_error(wrong_password, 401, "unauthorized").await;
    let unknown_user = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "nobody", "password": PASSWORD}),
        )
        .await;
    let b = assert_error(unknown_user, 401, "unauthorized").await;
    assert_eq!(a, b, "the two failures must be indistinguishable");
}

#[tokio::test]
async fn suspended_and_deleted_users_cannot_log_in() {
    let app = spawn_app().await;
    app.register("mallory").await;
    for status in ["suspended", "deleted"] {
        sqlx::query("UPDATE users SET status = $1 WHERE username = 'mallory'")
            .bind(status)
            .execute(&app.db)
            .await
            .expect("update");
        let resp = app
            .post_json(
                "/api/v1/auth/login",
                &json!({"username": "mallory", "password": PASSWORD}),
            )
            .await;
        let body = assert_error(resp, 401, "unauthorized").await;
        assert_eq!(body["error"]["message"], "invalid username or password");
    }
}

async fn refresh(app: &aimini_tests::TestApp, token: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/refresh", &json!({"refresh_token": token}))
        .await
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_whole_family() {
    let app = spawn_app().await;
    let user = app.register("turing").await;

    let resp = refresh(&app, &user.refresh_token).await;
    assert_eq!(resp.status(), 200);
    let second: Value = resp.json().await.expect("json");
    let second_refresh = second["refresh_token"].as_str().expect("token").to_owned();
    assert_ne!(second_refresh, user.refresh_token);
    let access = second["access_token"].as_str().expect("token");
    assert_eq!(
        app.get_auth("/api/v1/users/profile", access).await.status(),
        200
    );

    // The first token was consumed; presenting it again is theft.
    let reuse = refresh(&app, &user.refresh_token).await;
    assert_error(reuse, 401, "unauthorized").await;
    // ...and the legitimate successor died with its family.
    let successor = refresh(&app, &second_refresh).await;
    assert_error(successor, 401, "unauthorized").await;

    let live: i64 =
        sqlx::query_scalar("SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NULL")
            .fetch_one(&app.db)
            .await
            .expect("count");
    assert_eq!(live, 0);

    // Other sessions (families) of the same user are untouched.
    let other = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "turing", "password": PASSWORD}),
        )
        .await;
    let other: Value = other.json().await.expect("json");
    assert_eq!(
        refresh(&app, other["refresh_token"].as_str().expect("token"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn refresh_rejects_unknown_and_expired_tokens() {
    let app = spawn_app().await;
    let user = app.register("lovelace").await;
    assert_error(refresh(&app, "not-a-token").await, 401, "unauthorized").await;
    sqlx::query("UPDATE refresh_tokens SET created_at = now() - interval '31 days', expires_at = now() - interval '1 day'")
        .execute(&app.db)
        .await
        .expect("expire");
    assert_error(
        refresh(&app, &user.refresh_token).await,
        401,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn suspended_user_cannot_refresh() {
    let app = spawn_app().await;
    let user = app.register("eve").await;
    sqlx::query("UPDATE users SET status = 'suspended' WHERE id = $1")
        .bind(user.id)
        .execute(&app.db)
        .await
        .expect("suspend");
    assert_error(
        refresh(&app, &user.refresh_token).await,
        401,
        "unauthorized",
    )
    .await;
    assert_error(
        app.get_auth("/api/v1/users/profile", &user.access_token)
            .await,
        401,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn logout_ends_the_session_and_its_access_token() {
    let app = spawn_app().await;
    let user = app.register("knuth").await;
    let other = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "knuth", "password": PASSWORD}),
        )
        .await
        .json::<Value>()
        .await
        .expect("json");

    let resp = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .bearer_auth(&user.access_token)
        .json(&json!({"refresh_token": user.refresh_token}))
        .send()
        .await
        .expect("logout");
    assert_eq!(resp.status(), 204);
    assert_error(
        refresh(&app, &user.refresh_token).await,
        401,
        "unauthorized",
    )
    .await;
    assert_error(
        app.get_auth("/api/v1/users/profile", &user.access_token)
            .await,
        401,
        "unauthorized",
    )
    .await;

    // The other device is still logged in.
    let other_access = other["access_token"].as_str().expect("token");
    assert_eq!(
        app.get_auth("/api/v1/users/profile", other_access)
            .await
            .status(),
        200
    );

    // Logging out everywhere ends it too, access token included.
    let resp = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({"refresh_token": other["refresh_token"], "all_sessions": true}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    assert_error(
        app.get_auth("/api/v1/users/profile", other_access).await,
        401,
        "unauthorized",
    )
    .await;
    assert_error(
        refresh(&app, other["refresh_token"].as_str().expect("token")).await,
        401,
        "unauthorized",
    )
    .await;

    // Logging out with a dead token is still a quiet success.
    let again = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({"refresh_token": user.refresh_token}),
        )
        .await;
    assert_eq!(again.status(), 204);
}

#[tokio::test]
async fn forgot_and_reset_password_through_the_outbox() {
    let app = spawn_app().await;
    let user = app.register("dijkstra").await;

    // Unknown addresses get the same answer and no mail.
    let resp = app
        .post_json(
            "/api/v1/auth/forgot-password",
            &json!({"email": "nobody@example.com"}),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let resp = app
        .post_json(
            "/api/v1/auth/forgot-password",
            &json!({"email": "DIJKSTRA@example.com"}),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let mail = app.mail_to(&user.email, "password_reset").await;
    let mails = app.outbox_settled().await;
    let resets: Vec<_> = mails
        .iter()
        .filter(|m| m["kind"] == "password_reset")
        .collect();
    assert_eq!(resets.len(), 1, "exactly one mail, for the real account");
    let token = link_token(&mail);
    assert!(
        mail["text"]
            .as_str()
            .expect("text")
            .contains(&format!("{}/reset-password?token=", app.address))
    );

    // A weak password is refused without burning the token.
    let weak = app
        .post_json(
            "/api/v1/auth/reset-password",
            &json!({"token": token, "new_password": "12345678"}),
        )
        .await;
    assert_error(weak, 422, "validation_failed").await;

    let resp = app
        .post_json(
            "/api/v1/auth/reset-password",
            &json!({"token": token, "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(resp.status(), 204);

    // Single use.
    let reuse = app
        .post_json(
            "/api/v1/auth/reset-password",
            &json!({"token": token, "new_password": "yet another passphrase"}),
        )
        .await;
    assert_error(reuse, 400, "invalid_reset_token").await;

    // Every old session is gone: refresh token and access token.
    assert_error(
        refresh(&app, &user.refresh_token).await,
        401,
        "unauthorized",
    )
    .await;
    assert_error(
        app.get_auth("/api/v1/users/profile", &user.access_token)
            .await,
        401,
        "unauthorized",
    )
    .await;

    let old = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "dijkstra", "password": PASSWORD}),
        )
        .await;
    assert_error(old, 401, "unauthorized").await;
    let new = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "dijkstra", "password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(new.status(), 200);
}

#[tokio::test]
async fn expired_reset_tokens_are_refused() {
    let app = spawn_app().await;
    app.register("hamming").await;
    app.post_json(
        "/api/v1/auth/forgot-password",
        &json!({"email": "hamming@example.com"}),
    )
    .await;
    let token = link_token(&app.mail_to("hamming@example.com", "password_reset").await);
    sqlx::query("UPDATE password_reset_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'")
        .execute(&app.db)
        .await
        .expect("expire");
    let resp = app
        .post_json(
            "/api/v1/auth/reset-password",
            &json!({"token": token, "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_error(resp, 400, "invalid_reset_token").await;
}

#[tokio::test]
async fn the_mailed_link_opens_a_reset_page_served_by_the_api() {
    let app = spawn_app().await;
    let page = app
        .client
        .get(app.url("/reset-password?token=abc"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let html = page.text().await.expect("html");
    assert!(html.contains("/reset-password.js"));
    let js = app
        .client
        .get(app.url("/reset-password.js"))
        .send()
        .await
        .expect("js");
    assert_eq!(js.status(), 200);
    assert!(
        js.text()
            .await
            .expect("js")
            .contains("/api/v1/auth/reset-password")
    );
}

async fn logout_everywhere(app: &aimini_tests::TestApp, refresh_token: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/logout",
        &json!({"refresh_token": refresh_token, "all_sessions": true}),
    )
    .await
}

async fn login_pair(app: &aimini_tests::TestApp, username: &str) -> (String, String) {
    let body: Value = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": username, "password": PASSWORD}),
        )
        .await
        .json()
        .await
        .expect("json");
    (
        body["access_token"].as_str().expect("token").to_owned(),
        body["refresh_token"].as_str().expect("token").to_owned(),
    )
}

#[tokio::test]
async fn logout_everywhere_needs_a_live_refresh_token() {
    let app = spawn_app().await;
    let user = app.register("everywhere").await;
    let (other_access, _) = login_pair(&app, "everywhere").await;

    // A rotated token (an old one a thief may have kept), an expired one and a revoked one cannot
    // end every session of the account.
    let rotated = user.refresh_token.clone();
    assert_eq!(refresh(&app, &rotated).await.status(), 200);
    let (_, expired) = login_pair(&app, "everywhere").await;
    sqlx::query(
        "UPDATE refresh_tokens SET created_at = now() - interval '31 days', \
         expires_at = now() - interval '1 day' WHERE token_hash = sha256($1::bytea)",
    )
    .bind(expired.as_bytes())
    .execute(&app.db)
    .await
    .expect("expire");
    let (_, revoked) = login_pair(&app, "everywhere").await;
    let single = app
        .post_json("/api/v1/auth/logout", &json!({"refresh_token": revoked}))
        .await;
    assert_eq!(single.status(), 204);
    for dead in [&rotated, &expired, &revoked, &"never-issued".to_owned()] {
        assert_error(logout_everywhere(&app, dead).await, 401, "unauthorized").await;
    }
    assert_eq!(
        app.get_auth("/api/v1/users/profile", &other_access)
            .await
            .status(),
        200,
        "no dead token ended the other sessions"
    );

    // A live one does.
    let (_, live) = login_pair(&app, "everywhere").await;
    assert_eq!(logout_everywhere(&app, &live).await.status(), 204);
    assert_error(
        app.get_auth("/api/v1/users/profile", &other_access).await,
        401,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn reuse_detection_kills_the_thiefs_access_token_at_once() {
    let app = spawn_app().await;
    let victim = app.register("robbed").await;
    let (laptop_access, laptop_refresh) = login_pair(&app, "robbed").await;

    // The thief rotates the stolen token first and uses the access token it got (now cached).
    let stolen: Value = refresh(&app, &victim.refresh_token)
        .await
        .json()
        .await
        .expect("json");
    let thief_access = stolen["access_token"].as_str().expect("token").to_owned();
    assert_eq!(
        app.get_auth("/api/v1/users/profile", &thief_access)
            .await
            .status(),
        200
    );

    // The victim's client presents the same token: reuse. The thief's access token dies now, not
    // in 15 minutes.
    assert_error(
        refresh(&app, &victim.refresh_token).await,
        401,
        "unauthorized",
    )
    .await;
    assert_error(
        app.get_auth("/api/v1/users/profile", &thief_access).await,
        401,
        "unauthorized",
    )
    .await;

    // The victim's other device loses its access token too (it cannot be told apart from the
    // thief's) but keeps its session: one refresh and it is back.
    assert_error(
        app.get_auth("/api/v1/users/profile", &laptop_access).await,
        401,
        "unauthorized",
    )
    .await;
    let renewed: Value = refresh(&app, &laptop_refresh)
        .await
        .json()
        .await
        .expect("json");
    let laptop_access = renewed["access_token"].as_str().expect("token").to_owned();
    assert_eq!(
        app.get_auth("/api/v1/users/profile", &laptop_access)
            .await
            .status(),
        200
    );

    // Replaying the dead token again revokes nothing more, so it ends nobody's access again.
    assert_error(
        refresh(&app, &victim.refresh_token).await,
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(
        app.get_auth("/api/v1/users/profile", &laptop_access)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn the_worker_prunes_dead_sign_in_tokens() {
    let app = spawn_app().await;
    let user = app.register_unverified("pruned").await;
    // Live rows of every kind: the registration's refresh token and verification link, a reset link.
    app.post_json(
        "/api/v1/auth/forgot-password",
        &json!({"email": user.email}),
    )
    .await;
    app.mail_to(&user.email, "password_reset").await;
    // Dead rows, dead for longer than the retention (a week): expired, revoked, used.
    sqlx::query(
        "INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at, revoked_at)
         SELECT $1, gen_random_uuid(), sha256(g::text::bytea), now() - interval '60 days', e, r
         FROM (VALUES (1, now() - interval '8 days', NULL::timestamptz),
                      (2, now() + interval '20 days', now() - interval '8 days')) AS v(g, e, r)",
    )
    .bind(user.id)
    .execute(&app.db)
    .await
    .expect("dead refresh tokens");
    sqlx::query(
        "INSERT INTO password_reset_tokens (user_id, token_hash, created_at, expires_at, used_at)
         VALUES ($1, sha256('r1'), now() - interval '9 days', now() - interval '8 days', NULL),
                ($1, sha256('r2'), now() - interval '9 days', now() + interval '1 day', now() - interval '8 days')",
    )
    .bind(user.id)
    .execute(&app.db)
    .await
    .expect("dead reset tokens");
    sqlx::query(
        "INSERT INTO email_verification_tokens (user_id, email, token_hash, created_at, expires_at)
         VALUES ($1, $2, sha256('v1'), now() - interval '10 days', now() - interval '8 days')",
    )
    .bind(user.id)
    .bind(&user.email)
    .execute(&app.db)
    .await
    .expect("dead verification token");

    let counts = || async {
        sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT (SELECT count(*) FROM refresh_tokens), (SELECT count(*) FROM password_reset_tokens),
                    (SELECT count(*) FROM email_verification_tokens)",
        )
        .fetch_one(&app.db)
        .await
        .expect("counts")
    };
    assert_eq!(counts().await, (3, 3, 2));
    let _worker = app.start_worker().await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while counts().await != (1, 1, 1) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "dead rows still there: {:?}",
            counts().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // What is left is what still works.
    assert_eq!(refresh(&app, &user.refresh_token).await.status(), 200);
}
