//! The role guard matrix and account status enforcement.

use aimini_tests::{assert_error, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn role_guard_matrix() {
    let app = spawn_app().await;
    let target = app.register("target").await;
    let users = [
        ("plain", "user"),
        ("paying", "premium"),
        ("mod", "moderator"),
        ("boss", "admin"),
    ];
    let mut sessions = Vec::new();
    for (name, role) in users {
        sessions.push((role, app.user_with_role(name, role).await));
    }

    for (role, user) in &sessions {
        let t = &user.access_token;
        // Any authenticated user.
        assert_eq!(
            app.get_auth("/api/v1/users/profile", t).await.status(),
            200,
            "{role} profile"
        );
        // Moderator and up.
        let list = app.get_auth("/api/v1/admin/users", t).await;
        match *role {
            "moderator" | "admin" => assert_eq!(list.status(), 200, "{role} list users"),
            _ => {
                assert_error(list, 403, "forbidden").await;
            }
        }
        // Admin only.
        let update = app
            .client
            .put(app.url(&format!("/api/v1/admin/users/{}", target.id)))
            .bearer_auth(t)
            .json(&json!({"role": "premium"}))
            .send()
            .await
            .expect("request");
        match *role {
            "admin" => assert_eq!(update.status(), 200, "admin update"),
            _ => {
                assert_error(update, 403, "forbidden").await;
            }
        }
    }

    // Anonymous callers are 401 everywhere that needs a user.
    for path in ["/api/v1/users/profile", "/api/v1/admin/users"] {
        let resp = app.client.get(app.url(path)).send().await.expect("request");
        assert_error(resp, 401, "unauthorized").await;
    }
    let resp = app
        .client
        .put(app.url(&format!("/api/v1/admin/users/{}", target.id)))
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .expect("request");
    assert_error(resp, 401, "unauthorized").await;
}

#[tokio::test]
async fn admin_changes_take_effect_on_the_next_request() {
    let app = spawn_app().await;
    let admin = app.user_with_role("root", "admin").await;
    let user = app.register("victim").await;
    let put = |body: Value| {
        app.client
            .put(app.url(&format!("/api/v1/admin/users/{}", user.id)))
            .bearer_auth(&admin.access_token)
            .json(&body)
            .send()
    };

    let resp = put(json!({"role": "moderator"})).await.expect("request");
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["role"], "moderator");
    // The old token carried the old role; it is dead, a fresh login carries the new one.
    assert_error(
        app.get_auth("/api/v1/users/profile", &user.access_token)
            .await,
        401,
        "unauthorized",
    )
    .await;

    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "victim", "password": user.password}),
        )
        .await
        .json::<Value>()
        .await
        .expect("json");
    let token = login["access_token"].as_str().expect("token").to_owned();
    assert_eq!(
        app.get_auth("/api/v1/admin/users", &token).await.status(),
        200
    );

    // Suspension cuts the user off: token, refresh and login.
    let resp = put(json!({"status": "suspended"})).await.expect("request");
    assert_eq!(resp.status(), 200);
    assert_error(
        app.get_auth("/api/v1/users/profile", &token).await,
        401,
        "unauthorized",
    )
    .await;
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": login["refresh_token"]}),
        )
        .await;
    assert_error(refresh, 401, "unauthorized").await;
    let again = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "victim", "password": user.password}),
        )
        .await;
    assert_error(again, 401, "unauthorized").await;
    // Hidden from the public too.
    let public = app
        .client
        .get(app.url(&format!("/api/v1/users/{}", user.id)))
        .send()
        .await
        .expect("request");
    assert_error(public, 404, "not_found").await;

    // Reinstated: can log in again.
    assert_eq!(
        put(json!({"status": "active"}))
            .await
            .expect("request")
            .status(),
        200
    );
    let back = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"username": "victim", "password": user.password}),
        )
        .await;
    assert_eq!(back.status(), 200);
}

#[tokio::test]
async fn admin_update_validation() {
    let app = spawn_app().await;
    let admin = app.user_with_role("root", "admin").await;
    let put = |id: String, body: Value| {
        app.client
            .put(app.url(&format!("/api/v1/admin/users/{id}")))
            .bearer_auth(&admin.access_token)
            .json(&body)
            .send()
    };
    let resp = put(admin.id.to_string(), json!({"status": "suspended"}))
        .await
        .expect("request");
    assert_error(resp, 409, "cannot_modify_self").await;
    let resp = put(uuid::Uuid::new_v4().to_string(), json!({"role": "premium"}))
        .await
        .expect("request");
    assert_error(resp, 404, "not_found").await;
    let resp = put(admin.id.to_string(), json!({})).await.expect("request");
    assert_error(resp, 422, "validation_failed").await;
    let resp = put(admin.id.to_string(), json!({"role": "emperor"}))
        .await
        .expect("request");
    assert_error(resp, 422, "invalid_body").await;
    let resp = put("not-a-uuid".into(), json!({"role": "user"}))
        .await
        .expect("request");
    assert_error(resp, 400, "invalid_path").await;
}

#[tokio::test]
async fn admin_user_list_paginates_with_cursors_and_filters() {
    let app = spawn_app().await;
    let admin = app.user_with_role("root", "admin").await;
    for i in 0..5 {
        app.register(&format!("player{i}")).await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = "/api/v1/admin/users?limit=2".to_owned();
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let page: Value = app
            .get_auth(&url, &admin.access_token)
            .await
            .json()
            .await
            .expect("json");
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= 2);
        seen.extend(
            items
                .iter()
                .map(|u| u["username"].as_str().expect("name").to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 6, "every user exactly once: {seen:?}");
    assert_eq!(seen[0], "player4", "newest first");
    assert_eq!(seen[5], "root");

    let filtered: Value = app
        .get_auth("/api/v1/admin/users?role=admin", &admin.access_token)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(filtered["items"].as_array().map(Vec::len), Some(1));
    let search: Value = app
        .get_auth("/api/v1/admin/users?q=PLAYER", &admin.access_token)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(search["items"].as_array().map(Vec::len), Some(5));

    let bad = app
        .get_auth("/api/v1/admin/users?cursor=garbage", &admin.access_token)
        .await;
    assert_error(bad, 400, "invalid_cursor").await;
    let bad = app
        .get_auth("/api/v1/admin/users?limit=1000", &admin.access_token)
        .await;
    assert_error(bad, 422, "validation_failed").await;
}
