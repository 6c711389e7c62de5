//! Access-token verification: only well-formed HS256 tokens of this issuer and audience get in.

use aimini_tests::{
    JWT_AUDIENCE, JWT_ISSUER, JWT_SECRET, TestApp, TestUser, assert_error, spawn_app,
};
use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

fn claims(user: &TestUser, overrides: Value) -> Value {
    let now = chrono::Utc::now().timestamp();
    let mut c = json!({
        "sub": user.id, "role": "user", "iss": JWT_ISSUER, "aud": JWT_AUDIENCE,
        "iat": now, "exp": now + 600, "jti": uuid::Uuid::new_v4(), "sv": 0
    });
    for (k, v) in overrides.as_object().expect("object") {
        if v.is_null() {
            c.as_object_mut().expect("object").remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

fn sign(alg: Algorithm, key: &[u8], claims: &Value) -> String {
    jsonwebtoken::encode(&Header::new(alg), claims, &EncodingKey::from_secret(key)).expect("encode")
}

async fn profile_status(app: &TestApp, token: &str) -> u16 {
    app.get_auth("/api/v1/users/profile", token)
        .await
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_correctly_forged_token_is_accepted_so_the_rejections_below_mean_something() {
    let app = spawn_app().await;
    let user = app.register("alice").await;
    let token = sign(
        Algorithm::HS256,
        JWT_SECRET.as_bytes(),
        &claims(&user, json!({})),
    );
    assert_eq!(profile_status(&app, &token).await, 200);
    assert_eq!(profile_status(&app, &user.access_token).await, 200);
}

#[tokio::test]
async fn bad_tokens_are_rejected() {
    let app = spawn_app().await;
    let user = app.register("alice").await;
    let secret = JWT_SECRET.as_bytes();
    let now = chrono::Utc::now().timestamp();

    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let alg_none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(&claims(&user, json!({})))
    );
    let mut tampered = sign(Algorithm::HS256, secret, &claims(&user, json!({})));
    let payload_admin = b64(&claims(&user, json!({"role": "admin"})));
    let parts: Vec<&str> = tampered.split('.').collect();
    tampered = format!("{}.{}.{}", parts[0], payload_admin, parts[2]);

    let cases = [
        ("alg none", alg_none),
        (
            "wrong key",
            sign(
                Algorithm::HS256,
                b"another-secret-0123456789abcdefghijkl",
                &claims(&user, json!({})),
            ),
        ),
        (
            "other algorithm (HS512, right key)",
            sign(Algorithm::HS512, secret, &claims(&user, json!({}))),
        ),
        (
            "expired",
            sign(
                Algorithm::HS256,
                secret,
                &claims(&user, json!({"iat": now - 3600, "exp": now - 60})),
            ),
        ),
        (
            "wrong audience",
            sign(
                Algorithm::HS256,
                secret,
                &claims(&user, json!({"aud": "someone-else"})),
            ),
        ),
        (
            "wrong issuer",
            sign(
                Algorithm::HS256,
                secret,
                &claims(&user, json!({"iss": "evil"})),
            ),
        ),
        (
            "no exp",
            sign(
                Algorithm::HS256,
                secret,
                &claims(&user, json!({"exp": null})),
            ),
        ),
        (
            "stale session version",
            sign(Algorithm::HS256, secret, &claims(&user, json!({"sv": 7}))),
        ),
        (
            "unknown user",
            sign(
                Algorithm::HS256,
                secret,
                &claims(&user, json!({"sub": uuid::Uuid::new_v4()})),
            ),
        ),
        ("tampered payload", tampered),
        ("garbage", "not.a.jwt".to_owned()),
    ];
    for (name, token) in cases {
        let resp = app.get_auth("/api/v1/users/profile", &token).await;
        assert_eq!(
            resp.headers()
                .get("www-authenticate")
                .map(|v| v.to_str().unwrap_or("")),
            Some("Bearer"),
            "{name}"
        );
        let body = assert_error(resp, 401, "unauthorized").await;
        assert!(body["error"]["message"].as_str().is_some(), "{name}");
    }

    let no_header = app
        .client
        .get(app.url("/api/v1/users/profile"))
        .send()
        .await
        .expect("request");
    assert_error(no_header, 401, "unauthorized").await;
    let basic = app
        .client
        .get(app.url("/api/v1/users/profile"))
        .header("authorization", "Basic YWxpY2U6cGFzcw==")
        .send()
        .await
        .expect("request");
    assert_error(basic, 401, "unauthorized").await;
}

#[tokio::test]
async fn the_role_claim_is_not_trusted_over_the_database() {
    let app = spawn_app().await;
    let user = app.register("alice").await;
    // Validly signed, claims admin, but the account is a plain user.
    let token = sign(
        Algorithm::HS256,
        JWT_SECRET.as_bytes(),
        &claims(&user, json!({"role": "admin"})),
    );
    let resp = app.get_auth("/api/v1/admin/users", &token).await;
    assert_error(resp, 403, "forbidden").await;
}
