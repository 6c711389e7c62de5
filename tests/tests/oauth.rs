//! Social login against a fake GitHub on loopback that speaks GitHub's wire format and really checks
//! client credentials, redirect URI and the PKCE S256 verifier.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aimini_tests::{PASSWORD, TestApp, assert_error, link_token, spawn_app_with};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

#[derive(Clone, Default)]
struct Provider {
    inner: Arc<Mutex<ProviderState>>,
}

#[derive(Default)]
struct ProviderState {
    /// code -> (code_challenge, redirect_uri)
    codes: HashMap<String, (String, String)>,
    /// access token -> account
    tokens: HashMap<String, Account>,
    /// The account the next consent logs in as.
    next: Option<Account>,
}

#[derive(Clone)]
struct Account {
    id: i64,
    login: String,
    emails: Vec<(String, bool)>,
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    client_id: String,
    redirect_uri: String,
    state: String,
    code_challenge: String,
    code_challenge_method: String,
    response_type: String,
}

async fn authorize(State(p): State<Provider>, Query(q): Query<AuthorizeQuery>) -> Response {
    assert_eq!(q.client_id, "fake-client");
    assert_eq!(q.response_type, "code");
    assert_eq!(q.code_challenge_method, "S256");
    let code = uuid::Uuid::new_v4().simple().to_string();
    p.inner
        .lock()
        .expect("lock")
        .codes
        .insert(code.clone(), (q.code_challenge, q.redirect_uri.clone()));
    Redirect::to(&format!("{}?code={code}&state={}", q.redirect_uri, q.state)).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    code_verifier: String,
    redirect_uri: String,
}

fn client_ok(headers: &HeaderMap) -> bool {
    let expected = base64::engine::general_purpose::STANDARD.encode("fake-client:fake-secret");
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Basic {expected}"))
}

async fn token(
    State(p): State<Provider>,
    headers: HeaderMap,
    Form(f): Form<TokenForm>,
) -> Response {
    let bad = |e: &str| (StatusCode::BAD_REQUEST, axum::Json(json!({"error": e}))).into_response();
    if !client_ok(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    if f.grant_type != "authorization_code" {
        return bad("unsupported_grant_type");
    }
    let mut st = p.inner.lock().expect("lock");
    let Some((challenge, redirect)) = st.codes.remove(&f.code) else {
        return bad("invalid_grant");
    };
    let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(f.code_verifier.as_bytes()));
    if computed != challenge || redirect != f.redirect_uri {
        return bad("invalid_grant");
    }
    let Some(account) = st.next.clone() else {
        return bad("access_denied");
    };
    let access = uuid::Uuid::new_v4().simple().to_string();
    st.tokens.insert(access.clone(), account);
    axum::Json(
        json!({"access_token": access, "token_type": "bearer", "scope": "read:user,user:email"}),
    )
    .into_response()
}

fn account_for(p: &Provider, headers: &HeaderMap) -> Option<Account> {
    let token = headers
        .get("authorization")?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?;
    p.inner.lock().expect("lock").tokens.get(token).cloned()
}

async fn user(State(p): State<Provider>, headers: HeaderMap) -> Response {
    match account_for(&p, &headers) {
        Some(a) => {
            axum::Json(json!({"id": a.id, "login": a.login, "name": "Octo Cat"})).into_response()
        }
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}

async fn emails(State(p): State<Provider>, headers: HeaderMap) -> Response {
    match account_for(&p, &headers) {
        Some(a) => axum::Json(
            a.emails
                .iter()
                .enumerate()
                .map(|(i, (e, v))| json!({"email": e, "verified": v, "primary": i == 0}))
                .collect::<Vec<_>>(),
        )
        .into_response(),
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}

/// OpenID Connect userinfo, as Google serves it.
async fn oidc_userinfo(State(p): State<Provider>, headers: HeaderMap) -> Response {
    match account_for(&p, &headers) {
        Some(a) => {
            let (email, verified) = a.emails.first().cloned().unwrap_or_default();
            axum::Json(json!({
                "sub": format!("g-{}", a.id), "email": email, "email_verified": verified,
                "name": "Goo Gler", "picture": "https://example.com/p.png"
            }))
            .into_response()
        }
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}

async fn start_provider() -> (Provider, String) {
    let provider = Provider::default();
    let app = axum::Router::new()
        .route("/login/oauth/authorize", get(authorize))
        .route("/login/oauth/access_token", post(token))
        .route("/user", get(user))
        .route("/user/emails", get(emails))
        .route("/oidc/userinfo", get(oidc_userinfo))
        .with_state(provider.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("fake provider") });
    (provider, base)
}

async fn app_with_github() -> (TestApp, Provider) {
    let (provider, base) = start_provider().await;
    let app = spawn_app_with(|src| {
        src.set("AIMINI_OAUTH_PROVIDERS", "github,google");
        src.set("AIMINI_OAUTH_GOOGLE_CLIENT_ID", "fake-client");
        src.set("AIMINI_OAUTH_GOOGLE_CLIENT_SECRET", "fake-secret");
        src.set(
            "AIMINI_OAUTH_GOOGLE_AUTH_URL",
            format!("{base}/login/oauth/authorize"),
        );
        src.set(
            "AIMINI_OAUTH_GOOGLE_TOKEN_URL",
            format!("{base}/login/oauth/access_token"),
        );
        src.set(
            "AIMINI_OAUTH_GOOGLE_USERINFO_URL",
            format!("{base}/oidc/userinfo"),
        );
        src.set("AIMINI_OAUTH_GITHUB_CLIENT_ID", "fake-client");
        src.set("AIMINI_OAUTH_GITHUB_CLIENT_SECRET", "fake-secret");
        src.set(
            "AIMINI_OAUTH_GITHUB_AUTH_URL",
            format!("{base}/login/oauth/authorize"),
        );
        src.set(
            "AIMINI_OAUTH_GITHUB_TOKEN_URL",
            format!("{base}/login/oauth/access_token"),
        );
        src.set("AIMINI_OAUTH_GITHUB_USERINFO_URL", format!("{base}/user"));
        src.set(
            "AIMINI_OAUTH_GITHUB_EMAILS_URL",
            format!("{base}/user/emails"),
        );
    })
    .await;
    (app, provider)
}

fn location(resp: &reqwest::Response) -> url::Url {
    url::Url::parse(resp.headers()["location"].to_str().expect("ascii")).expect("location URL")
}

/// Where the provider sends the browser back, and the cookie the browser got when it started the
/// login (a browser sends it along; the tests do it by hand).
#[derive(Clone)]
struct Callback {
    url: url::Url,
    cookie: String,
}

impl Callback {
    fn param(&self, name: &str) -> String {
        self.url
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .expect("query parameter")
    }
}

/// Starts a login at aimini and consents at the provider; returns the callback the browser would be
/// sent to.
async fn consent(app: &TestApp, provider: &Provider, account: Account) -> Callback {
    consent_via(app, provider, "github", account).await
}

async fn consent_via(app: &TestApp, provider: &Provider, name: &str, account: Account) -> Callback {
    provider.inner.lock().expect("lock").next = Some(account);
    let start = app
        .client
        .get(app.url(&format!("/api/v1/auth/oauth/{name}/authorize")))
        .send()
        .await
        .expect("authorize");
    assert_eq!(start.status(), 302);
    let set_cookie = start.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let cookie = set_cookie.split(';').next().expect("name=value").to_owned();
    let to_provider = location(&start);
    assert!(
        to_provider
            .query_pairs()
            .any(|(k, _)| k == "code_challenge"),
        "PKCE challenge sent"
    );
    let consent = app.client.get(to_provider).send().await.expect("provider");
    assert_eq!(consent.status(), 303);
    Callback {
        url: location(&consent),
        cookie,
    }
}

/// Follows a callback URL with a given `Cookie` header (or none).
async fn callback_with(app: &TestApp, url: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(url);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.send().await.expect("callback")
}

async fn finish(app: &TestApp, cb: Callback) -> reqwest::Response {
    callback_with(app, cb.url.as_str(), Some(&cb.cookie)).await
}

fn octocat(emails: Vec<(&str, bool)>) -> Account {
    Account {
        id: 583231,
        login: "Octo-Cat".into(),
        emails: emails.into_iter().map(|(e, v)| (e.to_owned(), v)).collect(),
    }
}

#[tokio::test]
async fn github_login_creates_then_reuses_an_account() {
    let (app, provider) = app_with_github().await;
    let providers: Value = app
        .client
        .get(app.url("/api/v1/auth/oauth/providers"))
        .send()
        .await
        .expect("providers")
        .json()
        .await
        .expect("json");
    assert_eq!(providers["providers"], json!(["github", "google"]));

    let callback = consent(&app, &provider, octocat(vec![("octo@example.com", true)])).await;
    let resp = finish(&app, callback.clone()).await;
    assert_eq!(resp.status(), 200);
    let first: Value = resp.json().await.expect("json");
    assert_eq!(first["user"]["username"], "octo_cat");
    assert_eq!(first["user"]["email"], "octo@example.com");
    assert_eq!(first["user"]["is_verified"], true);
    assert_eq!(first["user"]["display_name"], "Octo Cat");
    let access = first["access_token"].as_str().expect("token");
    assert_eq!(
        app.get_auth("/api/v1/users/profile", access).await.status(),
        200
    );

    // The state is single use.
    assert_error(finish(&app, callback).await, 400, "invalid_oauth_state").await;

    // Logging in again finds the same account through the linked identity.
    let again = finish(
        &app,
        consent(&app, &provider, octocat(vec![("octo@example.com", true)])).await,
    )
    .await;
    let again: Value = again.json().await.expect("json");
    assert_eq!(again["user"]["id"], first["user"]["id"]);

    // No password was set: password login is impossible for this account.
    let pw = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "octo_cat", "password": "anything goes"}),
        )
        .await;
    assert_error(pw, 401, "unauthorized").await;
}

#[tokio::test]
async fn links_to_an_existing_account_only_by_verified_email() {
    let (app, provider) = app_with_github().await;
    let existing = app.register("octavia").await;

    // Unverified address matching an account: refused, nothing linked.
    let cb = consent(
        &app,
        &provider,
        octocat(vec![("octavia@example.com", false)]),
    )
    .await;
    assert_error(finish(&app, cb).await, 409, "email_not_verified").await;
    let links: i64 = sqlx::query_scalar("SELECT count(*) FROM oauth_identities")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(links, 0);

    // No verified address at all: no account either.
    let cb = consent(
        &app,
        &provider,
        octocat(vec![("someone@example.com", false)]),
    )
    .await;
    assert_error(finish(&app, cb).await, 422, "validation_failed").await;

    // Verified: linked to the existing account.
    let cb = consent(
        &app,
        &provider,
        octocat(vec![("OCTAVIA@example.com", true)]),
    )
    .await;
    let resp = finish(&app, cb).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["user"]["id"], existing.id.to_string());
    assert_eq!(body["user"]["username"], "octavia");
    // A verified account keeps its password and its other sessions.
    let pw = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "octavia", "password": PASSWORD}),
        )
        .await;
    assert_eq!(pw.status(), 200);
    assert_eq!(
        app.get_auth("/api/v1/users/profile", &existing.access_token)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn forged_state_swapped_codes_and_unknown_providers_fail() {
    let (app, provider) = app_with_github().await;
    let cb = consent(&app, &provider, octocat(vec![("octo@example.com", true)])).await;
    let code = cb.param("code");

    let forged_url = app.url(&format!(
        "/api/v1/auth/oauth/github/callback?code={code}&state=forged"
    ));
    let forged = callback_with(&app, &forged_url, Some(&cb.cookie)).await;
    assert_error(forged, 400, "invalid_oauth_state").await;

    // A code bound to one PKCE challenge, presented with another login's state (and so verifier),
    // is refused by the provider.
    let other = consent(&app, &provider, octocat(vec![("octo@example.com", true)])).await;
    let swapped_url = app.url(&format!(
        "/api/v1/auth/oauth/github/callback?code={code}&state={}",
        other.param("state")
    ));
    let swapped = callback_with(&app, &swapped_url, Some(&other.cookie)).await;
    assert_error(swapped, 400, "oauth_code_rejected").await;

    let denied_cb = consent(&app, &provider, octocat(vec![("octo@example.com", true)])).await;
    let denied_url = app.url(&format!(
        "/api/v1/auth/oauth/github/callback?error=access_denied&state={}",
        denied_cb.param("state")
    ));
    let denied = callback_with(&app, &denied_url, Some(&denied_cb.cookie)).await;
    assert_error(denied, 400, "oauth_denied").await;

    let unknown = app
        .client
        .get(app.url("/api/v1/auth/oauth/myspace/authorize"))
        .send()
        .await
        .expect("request");
    assert_error(unknown, 404, "not_found").await;
}

#[tokio::test]
async fn google_flavoured_oidc_login_uses_userinfo_and_its_verified_flag() {
    let (app, provider) = app_with_github().await;
    let unverified = consent_via(
        &app,
        &provider,
        "google",
        octocat(vec![("gina@example.com", false)]),
    )
    .await;
    assert_error(finish(&app, unverified).await, 422, "validation_failed").await;

    let cb = consent_via(
        &app,
        &provider,
        "google",
        octocat(vec![("gina@example.com", true)]),
    )
    .await;
    assert_eq!(cb.url.path(), "/api/v1/auth/oauth/google/callback");
    let resp = finish(&app, cb).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["user"]["email"], "gina@example.com");
    assert_eq!(
        body["user"]["username"], "gina",
        "derived from the e-mail when no preferred_username"
    );
    assert_eq!(body["user"]["display_name"], "Goo Gler");
    let subject: String = sqlx::query_scalar(
        "SELECT provider_user_id FROM oauth_identities WHERE provider = 'google'",
    )
    .fetch_one(&app.db)
    .await
    .expect("identity");
    assert_eq!(subject, "g-583231");
}

/// The pre-account takeover: someone registers with the victim's address; the victim later signs
/// in with a provider that verified the address. The victim must end up with the account and the
/// squatter with nothing: no session, no refresh token, no password, no verification link.
#[tokio::test]
async fn the_squatter_sequence_ends_without_the_squatter_holding_any_access() {
    let (app, provider) = app_with_github().await;
    let resp = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"username": "squatter", "email": "octo@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let squatter: Value = resp.json().await.expect("json");
    let squatter_access = squatter["access_token"].as_str().expect("token").to_owned();
    let squatter_refresh = squatter["refresh_token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(
        app.get_auth("/api/v1/users/profile", &squatter_access)
            .await
            .status(),
        200
    );
    // The link went to the victim's mailbox; keep it to show it no longer works afterwards.
    let link = link_token(&app.mail_to("octo@example.com", "email_verification").await);

    // The victim signs in with GitHub, which has verified octo@example.com.
    let cb = consent(&app, &provider, octocat(vec![("octo@example.com", true)])).await;
    let resp = finish(&app, cb).await;
    assert_eq!(resp.status(), 200);
    let victim: Value = resp.json().await.expect("json");
    assert_eq!(victim["user"]["email"], "octo@example.com");
    assert_eq!(victim["user"]["is_verified"], true);
    let victim_access = victim["access_token"].as_str().expect("token");
    assert_eq!(
        app.get_auth("/api/v1/users/profile", victim_access)
            .await
            .status(),
        200
    );

    // The squatter's access token, refresh token, password and the pending link are all dead.
    assert_error(
        app.get_auth("/api/v1/users/profile", &squatter_access)
            .await,
        401,
        "unauthorized",
    )
    .await;
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": squatter_refresh}),
        )
        .await;
    assert_error(refresh, 401, "unauthorized").await;
    for login in ["squatter", "octo@example.com"] {
        let pw = app
            .post_json(
                "/api/v1/auth/login",
                &json!({"username": login, "password": PASSWORD}),
            )
            .await;
        assert_error(pw, 401, "unauthorized").await;
    }
    let verify = app
        .post_json(
            "/api/v1/auth/verify-email",
            &json!({"token": link, "password": PASSWORD}),
        )
        .await;
    assert_error(verify, 400, "invalid_verification_token").await;
    let (hash, live): (Option<String>, i64) = sqlx::query_as(
        "SELECT u.password_hash, (SELECT count(*) FROM refresh_tokens r \
           WHERE r.user_id = u.id AND r.revoked_at IS NULL) \
         FROM users u WHERE u.email = 'octo@example.com'",
    )
    .fetch_one(&app.db)
    .await
    .expect("row");
    assert!(hash.is_none(), "the unverified password is gone");
    assert_eq!(live, 1, "only the victim's new session is live");
}

/// Accounts linked before verification existed: an identity already points at an unverified
/// account. Signing in through it claims the account the same way.
#[tokio::test]
async fn a_linked_identity_on_an_unverified_account_also_claims_it() {
    let (app, provider) = app_with_github().await;
    let user = app.register_unverified("legacy").await;
    sqlx::query(
        "INSERT INTO oauth_identities (user_id, provider, provider_user_id, email, email_verified) \
         VALUES ($1, 'github', '583231', 'legacy@example.com', true)",
    )
    .bind(user.id)
    .execute(&app.db)
    .await
    .expect("legacy link");
    let cb = consent(&app, &provider, octocat(vec![("legacy@example.com", true)])).await;
    let resp = finish(&app, cb).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["user"]["id"], user.id.to_string());
    assert_eq!(body["user"]["is_verified"], true);
    assert_error(
        app.get_auth("/api/v1/users/profile", &user.access_token)
            .await,
        401,
        "unauthorized",
    )
    .await;
    let pw = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "legacy", "password": PASSWORD}),
        )
        .await;
    assert_error(pw, 401, "unauthorized").await;
}

/// Login CSRF: an attacker starts a login with their own provider account and sends the victim the
/// callback URL; the victim's browser would come back signed in as the attacker. The state is bound
/// to the browser that started the flow by a short-lived cookie, so another browser's callback fails.
#[tokio::test]
async fn the_state_only_works_in_the_browser_that_started_the_login() {
    let (app, provider) = app_with_github().await;
    let start = app
        .client
        .get(app.url("/api/v1/auth/oauth/github/authorize"))
        .send()
        .await
        .expect("authorize");
    let set_cookie = start.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    for attr in [
        "HttpOnly",
        "SameSite=Lax",
        "Path=/api/v1/auth/oauth/",
        "Max-Age=600",
    ] {
        assert!(set_cookie.contains(attr), "{attr} missing: {set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "plain-http deployments (these tests) cannot use Secure cookies: {set_cookie}"
    );

    // The victim's browser has no cookie, or one from a login of its own.
    let attackers = consent(
        &app,
        &provider,
        octocat(vec![("mallory@example.com", true)]),
    )
    .await;
    let victims_own = consent(&app, &provider, octocat(vec![("victim@example.com", true)])).await;
    for cookie in [
        None,
        Some(victims_own.cookie.as_str()),
        Some("aimini_oauth=made-up"),
    ] {
        let attackers = consent(
            &app,
            &provider,
            octocat(vec![("mallory@example.com", true)]),
        )
        .await;
        let resp = callback_with(&app, attackers.url.as_str(), cookie).await;
        assert_error(resp, 400, "invalid_oauth_state").await;
    }
    let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(accounts, 0, "no login happened");

    // In the browser that started it, the login works, and the cookie is cleared on the way out.
    let resp = finish(&app, attackers).await;
    assert_eq!(resp.status(), 200);
    let cleared = resp.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cleared.starts_with("aimini_oauth=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
}
