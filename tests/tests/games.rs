//! The games catalogue, black box: upload -> validate -> review -> find -> play -> rate -> fork ->
//! edit -> restore as a new user would, the access matrix of every endpoint, list filters, sorts
//! and cursors, search ranking, counters under concurrency, caching and conditional requests.

use std::time::Duration;

use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::{TestApp, TestUser, assert_error, spawn_app};
use serde_json::{Value, json};
use uuid::Uuid;

fn template_logic(id: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates");
    std::fs::read_to_string(dir.join(id).join("logic.js")).expect("template logic")
}

fn template_params(id: &str) -> Value {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates");
    serde_json::from_slice(&std::fs::read(dir.join(id).join("example.json")).expect("example"))
        .expect("example json")
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

fn authed(
    app: &TestApp,
    m: reqwest::Method,
    path: &str,
    user: Option<&TestUser>,
) -> reqwest::RequestBuilder {
    let req = app.client.request(m, app.url(path));
    match user {
        Some(u) => req.bearer_auth(&u.access_token),
        None => req,
    }
}

async fn upload(app: &TestApp, user: &TestUser, title: &str, template: &str) -> Value {
    let (status, body) = send(
        authed(app, reqwest::Method::POST, "/api/v1/games", Some(user)).json(&json!({
            "title": title,
            "description": format!("{title}: an uploaded {template} game"),
            "category": "action",
            "difficulty": "easy",
            "tags": ["uploaded", template],
            "params": template_params(template),
            "logic": template_logic(template),
        })),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    body
}

/// Polls the details (as `user`) until `pred` holds (at most 60 s).
async fn wait_game(
    app: &TestApp,
    user: &TestUser,
    id: &str,
    what: &str,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let (status, body) = send(authed(
            app,
            reqwest::Method::GET,
            &format!("/api/v1/games/{id}"),
            Some(user),
        ))
        .await;
        assert_eq!(status, 200, "{body}");
        if pred(&body) {
            return body;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "game never became {what}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A listed game written straight to the database (lists and counters need no package).
#[allow(clippy::too_many_arguments)]
async fn seed(
    app: &TestApp,
    owner: &TestUser,
    title: &str,
    description: &str,
    category: &str,
    tags: &[&str],
    public: bool,
) -> Uuid {
    let id = Uuid::new_v4();
    let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
    sqlx::query(
        "INSERT INTO games (id, creator_id, title, description, category, difficulty, game_data, tags, is_public,
                            status, review)
         VALUES ($1, $2, $3, $4, $5, 'easy', '{}', $6, $7, 'active', 'approved')",
    )
    .bind(id)
    .bind(owner.id)
    .bind(title)
    .bind(description)
    .bind(category)
    .bind(&tags)
    .bind(public)
    .execute(&app.db)
    .await
    .expect("seed game");
    sqlx::query("INSERT INTO game_versions (game_id, version, source, game_data) VALUES ($1, 1, 'upload', '{}')")
        .bind(id)
        .execute(&app.db)
        .await
        .expect("seed version");
    id
}

/// A seeded game with a real package in storage (fork copies it).
async fn seed_with_package(app: &TestApp, owner: &TestUser, title: &str, public: bool) -> Uuid {
    let id = seed(app, owner, title, "packaged", "action", &["seeded"], public).await;
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    let mut files = serde_json::Map::new();
    for (name, body) in [
        ("logic.js", template_logic("dodger").into_bytes()),
        (
            "metadata.json",
            serde_json::to_vec(&json!({"params": template_params("dodger")})).expect("json"),
        ),
    ] {
        let key = format!("games/{id}/seed/{name}");
        storage
            .put(
                &ObjectKey::new(&key).expect("key"),
                body.clone().into(),
                "application/octet-stream",
            )
            .await
            .expect("put");
        files.insert(name.to_owned(), json!({"key": key, "bytes": body.len()}));
    }
    let data = json!({"schema_version": 1, "files": files});
    sqlx::query("UPDATE games SET game_data = $2 WHERE id = $1")
        .bind(id)
        .bind(&data)
        .execute(&app.db)
        .await
        .expect("game data");
    sqlx::query("UPDATE game_versions SET game_data = $2 WHERE game_id = $1")
        .bind(id)
        .bind(&data)
        .execute(&app.db)
        .await
        .expect("version data");
    id
}

async fn list(app: &TestApp, query: &str, user: Option<&TestUser>) -> (u16, Value) {
    send(authed(
        app,
        reqwest::Method::GET,
        &format!("/api/v1/games?{query}"),
        user,
    ))
    .await
}

fn titles(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|g| g["title"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_new_user_uploads_finds_plays_rates_forks_edits_and_restores() {
    let app = spawn_app().await;
    let _worker = app
        .start_worker_on(&["validation.v1", "moderation.v1", "thumbnail.v1"])
        .await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;

    // Upload: accepted at once, validating, not listed yet.
    let created = upload(&app, &alice, "Comet Dodge", "dodger").await;
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(created["status"], "pending");
    assert_eq!(created["listed"], false);
    let (status, _) = send(authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{id}"),
        Some(&bob),
    ))
    .await;
    assert_eq!(status, 404, "a game still validating is its creator's only");

    // Validated by the worker's smoke test, reviewed, listed, thumbnailed.
    let live = wait_game(&app, &alice, &id, "listed with a thumbnail", |g| {
        g["listed"] == true && g["thumbnail"].is_object()
    })
    .await;
    assert_eq!(live["status"], "active");
    assert_eq!(live["review"], "approved");
    assert_eq!(live["version"], 1);

    // Found by search, by a word of its title and with a typo.
    for q in ["comet", "Comet%20Dodge", "comit"] {
        let (status, page) = list(&app, &format!("q={q}"), None).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(titles(&page), vec!["Comet Dodge"], "q={q}");
    }

    // Played (anonymously, with the session its player page issued), rated by someone else.
    let page = app.play_page(id.parse().expect("uuid"), None).await;
    let (status, played) = send(
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{id}/play"),
            None,
        )
        .json(&json!({"play_session": page.session})),
    )
    .await;
    assert_eq!(status, 200, "{played}");
    assert_eq!(played["counted"], true);
    assert_eq!(played["play_count"], 1);
    let (status, rated) = send(
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{id}/rate"),
            Some(&bob),
        )
        .json(&json!({"stars": 4})),
    )
    .await;
    assert_eq!(status, 200, "{rated}");
    assert_eq!(rated["rating"], json!({"average": 4.0, "count": 1}));

    // Forked: a private copy with lineage, credited, counted on the original.
    let (status, fork) = send(authed(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/games/{id}/fork"),
        Some(&bob),
    ))
    .await;
    assert_eq!(status, 201, "{fork}");
    let fork_id = fork["id"].as_str().expect("fork id").to_owned();
    assert_eq!(fork["forked_from"], json!(id));
    assert_eq!(fork["lineage"][0]["creator_username"], "alice");
    assert_eq!(fork["is_public"], false);
    assert_eq!(fork["creator"]["username"], "bob");
    let original = wait_game(&app, &alice, &id, "forked once", |g| g["fork_count"] == 1).await;
    assert_eq!(original["fork_count"], 1);

    // The fork is edited: new code makes version 2, validated, then live.
    let (status, edited) = send(
        authed(
            &app,
            reqwest::Method::PUT,
            &format!("/api/v1/games/{fork_id}"),
            Some(&bob),
        )
        .json(&json!({
            "title": "Comet Dodge Remix",
            "logic": template_logic("snake"),
            "params": template_params("snake"),
        })),
    )
    .await;
    assert_eq!(status, 202, "{edited}");
    assert_eq!(edited["title"], "Comet Dodge Remix");
    assert_eq!(
        edited["version"], 1,
        "the old version stays live while the new one validates"
    );
    assert_eq!(edited["pending_version"]["version"], 2);
    wait_game(&app, &bob, &fork_id, "on version 2", |g| g["version"] == 2).await;

    // A broken edit never goes live.
    let (status, broken) = send(
        authed(&app, reqwest::Method::PUT, &format!("/api/v1/games/{fork_id}"), Some(&bob))
            .json(&json!({"logic": "aimini.game({ setup(ctx) { throw new Error('boom'); }, update(ctx, dt) {}, draw(ctx) {} });"})),
    )
    .await;
    assert_eq!(status, 202, "{broken}");
    let failed = wait_game(&app, &bob, &fork_id, "with a failed version 3", |g| {
        g["pending_version"]["state"] == "failed"
    })
    .await;
    assert_eq!(failed["version"], 2);
    assert!(
        failed["pending_version"]["error_message"]
            .as_str()
            .is_some(),
        "{failed}"
    );

    // Versions: newest first; the failed one cannot be restored; version 1 can.
    let (status, versions) = send(authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{fork_id}/versions"),
        Some(&bob),
    ))
    .await;
    assert_eq!(status, 200, "{versions}");
    let states: Vec<(i64, String, String)> = versions["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap_or(0),
                v["source"].as_str().unwrap_or("").to_owned(),
                v["state"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            (3, "edit".into(), "failed".into()),
            (2, "edit".into(), "ready".into()),
            (1, "fork".into(), "ready".into())
        ]
    );
    let restore = |n: i64| {
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{fork_id}/versions/{n}/restore"),
            Some(&bob),
        )
    };
    assert_error(
        restore(3).send().await.expect("req"),
        409,
        "version_not_ready",
    )
    .await;
    assert_error(restore(2).send().await.expect("req"), 409, "already_live").await;
    let (status, restored) = send(restore(1)).await;
    assert_eq!(status, 201, "{restored}");
    assert_eq!(restored["version"], 4);
    assert_eq!(restored["restored_from"], 1);
    assert_eq!(restored["source"], "restore");
    let back = wait_game(&app, &bob, &fork_id, "on version 4", |g| g["version"] == 4).await;
    assert_eq!(back["version"], 4);
    let (_, v1) = send(authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{fork_id}/versions/1"),
        Some(&bob),
    ))
    .await;
    let (_, v4) = send(authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{fork_id}/versions/4"),
        Some(&bob),
    ))
    .await;
    assert_eq!(
        v1["files"], v4["files"],
        "a restore re-uses the old objects"
    );
    assert_eq!(v4["live"], true);
}

#[tokio::test]
async fn every_endpoint_answers_owner_admin_moderator_other_and_anonymous_as_it_should() {
    let app = spawn_app().await;
    let owner = app.register("owner").await;
    let other = app.register("other").await;
    let admin = app.user_with_role("admin", "admin").await;
    let moderator = app.user_with_role("moder", "moderator").await;
    let private = seed_with_package(&app, &owner, "Private Thing", false).await;
    let public = seed_with_package(&app, &owner, "Public Thing", true).await;
    use reqwest::Method as M;

    // (method, path, body, expected status for: owner, admin, moderator, other, anonymous)
    type Case = (M, String, Option<Value>, [u16; 5]);
    let cases: Vec<Case> = vec![
        (
            M::GET,
            format!("/api/v1/games/{private}"),
            None,
            [200, 200, 200, 404, 404],
        ),
        (
            M::GET,
            format!("/api/v1/games/{public}"),
            None,
            [200, 200, 200, 200, 200],
        ),
        (
            M::GET,
            format!("/api/v1/games/{private}/versions"),
            None,
            [200, 200, 200, 404, 401],
        ),
        (
            M::GET,
            format!("/api/v1/games/{public}/versions"),
            None,
            [200, 200, 200, 403, 401],
        ),
        (
            M::GET,
            format!("/api/v1/games/{public}/versions/1"),
            None,
            [200, 200, 200, 403, 401],
        ),
        (
            M::GET,
            format!("/api/v1/games/{private}/leaderboard"),
            None,
            [200, 200, 200, 404, 404],
        ),
        (
            M::GET,
            format!("/api/v1/games/{public}/leaderboard"),
            None,
            [200, 200, 200, 200, 200],
        ),
        (
            M::POST,
            format!("/api/v1/games/{private}/play"),
            Some(json!({})),
            [200, 200, 200, 404, 404],
        ),
        (
            M::POST,
            format!("/api/v1/games/{public}/rate"),
            Some(json!({"stars": 5})),
            [403, 200, 200, 200, 401],
        ),
        (
            M::POST,
            format!("/api/v1/games/{private}/rate"),
            Some(json!({"stars": 5})),
            [403, 200, 200, 404, 401],
        ),
        (
            M::POST,
            format!("/api/v1/games/{private}/fork"),
            None,
            [201, 403, 403, 404, 401],
        ),
        (
            M::POST,
            format!("/api/v1/games/{public}/fork"),
            None,
            [201, 201, 201, 201, 401],
        ),
        (
            M::POST,
            format!("/api/v1/admin/games/{public}/feature"),
            Some(json!({"featured": true})),
            [403, 200, 403, 403, 401],
        ),
        (
            M::GET,
            "/api/v1/games?visibility=all".to_owned(),
            None,
            [403, 200, 200, 403, 403],
        ),
        // Last: a changed description sends the game back to review (unlisted until approved).
        // (the owner's change unlists it: the next non-staff caller no longer sees it)
        (
            M::PUT,
            format!("/api/v1/games/{public}"),
            Some(json!({"description": "changed"})),
            [200, 200, 403, 404, 401],
        ),
        (
            M::PUT,
            format!("/api/v1/games/{private}"),
            Some(json!({"description": "changed"})),
            [200, 200, 403, 404, 401],
        ),
    ];
    let users = [
        Some(&owner),
        Some(&admin),
        Some(&moderator),
        Some(&other),
        None,
    ];
    let names = ["owner", "admin", "moderator", "other", "anonymous"];
    for (method, path, body, expected) in &cases {
        for (i, user) in users.iter().enumerate() {
            let mut req = authed(&app, method.clone(), path, *user);
            if let Some(b) = body {
                req = req.json(b);
            }
            let (status, resp) = send(req).await;
            assert_eq!(
                status, expected[i],
                "{method} {path} as {}: {resp}",
                names[i]
            );
            if status >= 400 {
                assert!(
                    resp["error"]["code"].is_string(),
                    "{method} {path}: error shape {resp}"
                );
            }
        }
    }
    // Approved again (as the worker's review would), then restore and delete: owner and admin
    // may, others may not.
    sqlx::query("UPDATE games SET review = 'approved'")
        .execute(&app.db)
        .await
        .expect("approve");
    let (status, _) = send(authed(
        &app,
        M::POST,
        &format!("/api/v1/games/{public}/versions/1/restore"),
        Some(&other),
    ))
    .await;
    assert_eq!(status, 403);
    for (user, expected) in [
        (Some(&other), 403),
        (None, 401),
        (Some(&moderator), 403),
        (Some(&admin), 204),
    ] {
        let (status, body) = send(authed(
            &app,
            M::DELETE,
            &format!("/api/v1/games/{public}"),
            user,
        ))
        .await;
        assert_eq!(status, expected, "{body}");
    }
    let (status, _) = send(authed(
        &app,
        M::DELETE,
        &format!("/api/v1/games/{private}"),
        Some(&owner),
    ))
    .await;
    assert_eq!(status, 204);
    // Deleted: gone for its owner too; staff still see it for audits.
    for (user, expected) in [(Some(&owner), 404), (None, 404), (Some(&moderator), 200)] {
        let (status, _) = send(authed(
            &app,
            M::GET,
            &format!("/api/v1/games/{private}"),
            user,
        ))
        .await;
        assert_eq!(status, expected);
    }
    let (status, _) = send(authed(
        &app,
        M::DELETE,
        &format!("/api/v1/games/{private}"),
        Some(&owner),
    ))
    .await;
    assert_eq!(status, 404, "deleting twice");
}

#[tokio::test]
async fn lists_filter_sort_and_page_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let ann = app.register("ann").await;
    let ben = app.register("ben").await;
    let mut ids = Vec::new();
    for i in 0..25 {
        let category = if i % 2 == 0 { "puzzle" } else { "arcade" };
        let tags: &[&str] = match i % 3 {
            0 => &["space", "retro"],
            1 => &["space"],
            _ => &["retro"],
        };
        let owner = if i < 20 { &ann } else { &ben };
        ids.push(
            seed(
                &app,
                owner,
                &format!("Game {i:02}"),
                "seeded",
                category,
                tags,
                true,
            )
            .await,
        );
    }
    let hidden = seed(
        &app,
        &ann,
        "Hidden Draft",
        "private",
        "puzzle",
        &["space"],
        false,
    )
    .await;
    for (i, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE games SET play_count = $2, rating = $3, rating_count = $4, is_featured = $5, created_at = now() - make_interval(mins => $6) WHERE id = $1")
            .bind(id)
            .bind(i as i32 * 10)
            .bind(((i % 5) as f64) + 0.5)
            .bind(i as i32)
            .bind(i % 7 == 0)
            .bind(i as i32)
            .execute(&app.db)
            .await
            .expect("counters");
    }

    // Every page of every sort: 25 distinct games, in the sort's order, never the private one.
    for sort in ["new", "popular", "top", "trending"] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let q = match &cursor {
                Some(c) => format!("sort={sort}&limit=7&cursor={c}"),
                None => format!("sort={sort}&limit=7"),
            };
            let (status, page) = list(&app, &q, None).await;
            assert_eq!(status, 200, "{page}");
            seen.extend(page["items"].as_array().expect("items").iter().cloned());
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 25, "sort={sort}");
        let mut unique: Vec<&str> = seen
            .iter()
            .map(|g| g["id"].as_str().unwrap_or(""))
            .collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 25, "sort={sort} repeated a game");
        assert!(seen.iter().all(|g| g["id"] != json!(hidden)));
        assert!(
            seen.iter().all(|g| g.get("game_data").is_none()),
            "lists never carry packages"
        );
        match sort {
            "new" => assert_eq!(seen[0]["title"], "Game 00"),
            "popular" => assert!(
                seen.windows(2)
                    .all(|w| w[0]["play_count"].as_i64() >= w[1]["play_count"].as_i64())
            ),
            "top" => assert!(
                seen.windows(2)
                    .all(|w| w[0]["rating"]["average"].as_f64()
                        >= w[1]["rating"]["average"].as_f64())
            ),
            _ => {}
        }
    }

    let count = |page: &Value| page["items"].as_array().map_or(0, Vec::len);
    let (_, p) = list(&app, "category=puzzle&limit=100", None).await;
    assert_eq!(count(&p), 13);
    let (_, p) = list(&app, "tags=space&limit=100", None).await;
    assert_eq!(count(&p), 17);
    let (_, p) = list(&app, "tags=space,retro&tags_mode=all&limit=100", None).await;
    assert_eq!(count(&p), 9);
    let (_, p) = list(&app, "tags=space,retro&limit=100", None).await;
    assert_eq!(count(&p), 25);
    let (_, p) = list(&app, "creator=ben&limit=100", None).await;
    assert_eq!(count(&p), 5);
    let (_, p) = list(&app, &format!("creator={}&limit=100", ben.id), None).await;
    assert_eq!(count(&p), 5);
    let (_, p) = list(&app, "creator=nobody_here", None).await;
    assert_eq!(count(&p), 0);
    let (_, p) = list(&app, "featured=true&limit=100", None).await;
    assert_eq!(count(&p), 4);
    let (_, p) = list(&app, "min_rating=4&limit=100", None).await;
    assert_eq!(count(&p), 5);
    let (_, p) = list(
        &app,
        "category=puzzle&difficulty=easy&tags=retro&featured=true&sort=popular",
        None,
    )
    .await;
    assert!(count(&p) >= 1);

    // The creator's own list has their private game, with its visibility; others' lists do not.
    let (_, own) = list(&app, "creator=me&limit=100", Some(&ann)).await;
    assert_eq!(count(&own), 21);
    assert!(
        own["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|g| g["id"] == json!(hidden) && g["visibility"]["is_public"] == false)
    );
    let (_, theirs) = list(&app, &format!("creator={}&limit=100", ann.id), Some(&ben)).await;
    assert_eq!(count(&theirs), 20);
    let (status, _) = list(&app, "creator=me", None).await;
    assert_eq!(status, 401);

    // Bad input: one clear 4xx each.
    for (q, status, code) in [
        ("sort=sideways", 422, "validation_failed"),
        ("sort=relevance", 422, "validation_failed"),
        ("category=cooking", 422, "validation_failed"),
        ("min_rating=9", 422, "validation_failed"),
        ("limit=0", 422, "validation_failed"),
        ("tags_mode=some&tags=a", 422, "validation_failed"),
        ("tags=", 422, "validation_failed"),
        ("tags=a%20b", 422, "validation_failed"),
        ("tags=a,,b", 422, "validation_failed"),
        ("cursor=!!!", 400, "invalid_cursor"),
        ("featured=maybe", 400, "invalid_query"),
    ] {
        let resp = app
            .client
            .get(app.url(&format!("/api/v1/games?{q}")))
            .send()
            .await
            .expect("req");
        assert_error(resp, status, code).await;
    }
    let (_, first) = list(&app, "sort=new&limit=2", None).await;
    let c = first["next_cursor"].as_str().expect("cursor");
    let resp = app
        .client
        .get(app.url(&format!("/api/v1/games?sort=popular&cursor={c}")))
        .send()
        .await
        .expect("req");
    assert_error(resp, 400, "invalid_cursor").await;
}

#[tokio::test]
async fn search_ranks_titles_first_tolerates_typos_and_forgets_deleted_games() {
    let app = spawn_app().await;
    let u = app.register("searcher").await;
    let title_hit = seed(
        &app,
        &u,
        "Galaxy Puzzle",
        "slide tiles",
        "puzzle",
        &["tiles"],
        true,
    )
    .await;
    seed(
        &app,
        &u,
        "Tile Slider",
        "a calm puzzle about sliding tiles",
        "puzzle",
        &["calm"],
        true,
    )
    .await;
    seed(&app, &u, "Snake", "eat apples", "arcade", &["puzzle"], true).await;
    seed(&app, &u, "Racing", "fast cars", "action", &["cars"], true).await;
    let private = seed(&app, &u, "Secret Puzzle", "hidden", "puzzle", &[], false).await;

    let (status, page) = list(&app, "q=puzzle", None).await;
    assert_eq!(status, 200, "{page}");
    let t = titles(&page);
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!(
        t[0], "Galaxy Puzzle",
        "a title match outranks tag and description matches: {t:?}"
    );
    assert!(!t.contains(&"Racing".to_owned()));
    assert!(!page.to_string().contains(&private.to_string()));
    // Typos and stems.
    let (_, page) = list(&app, "q=galaxi%20puzle", None).await;
    assert_eq!(
        titles(&page).first().map(String::as_str),
        Some("Galaxy Puzzle")
    );
    let (_, page) = list(&app, "q=puzzles", None).await;
    assert_eq!(titles(&page).len(), 3, "stemming");
    // Search combines with filters and other sorts.
    let (_, page) = list(&app, "q=puzzle&category=arcade", None).await;
    assert_eq!(titles(&page), vec!["Snake"]);
    let (status, _) = list(&app, "q=puzzle&sort=popular", None).await;
    assert_eq!(status, 200);
    // Search pages with cursors too.
    let (_, p1) = list(&app, "q=puzzle&limit=2", None).await;
    let c = p1["next_cursor"].as_str().expect("cursor").to_owned();
    let (_, p2) = list(&app, &format!("q=puzzle&limit=2&cursor={c}"), None).await;
    assert_eq!(titles(&p1).len() + titles(&p2).len(), 3);
    assert!(p2["next_cursor"].is_null());

    // Deleted: gone from search and lists at once (the cache is invalidated).
    let (status, _) = send(authed(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/games/{title_hit}"),
        Some(&u),
    ))
    .await;
    assert_eq!(status, 204);
    let (_, page) = list(&app, "q=puzzle", None).await;
    assert!(!titles(&page).contains(&"Galaxy Puzzle".to_owned()));
    let (_, page) = list(&app, "limit=100", None).await;
    assert!(!titles(&page).contains(&"Galaxy Puzzle".to_owned()));
    // Nonsense finds nothing, with no error.
    let (status, page) = list(&app, "q=%22%27%29%28%26%7C%21", None).await;
    assert_eq!(status, 200, "{page}");
}

#[tokio::test]
async fn concurrent_ratings_and_plays_keep_exact_counters() {
    let app = spawn_app().await;
    let owner = app.register("maker").await;
    let game = seed(&app, &owner, "Counted", "", "arcade", &[], true).await;
    let mut raters = Vec::new();
    for i in 0..12 {
        raters.push(app.register(&format!("rater{i}")).await);
    }
    // Everyone rates at once, then half of them change their minds at once.
    let rate_all = |stars: &dyn Fn(usize) -> i64, who: &[TestUser]| {
        let reqs: Vec<_> = who
            .iter()
            .enumerate()
            .map(|(i, u)| {
                authed(
                    &app,
                    reqwest::Method::POST,
                    &format!("/api/v1/games/{game}/rate"),
                    Some(u),
                )
                .json(&json!({"stars": stars(i)}))
                .send()
            })
            .collect();
        futures::future::join_all(reqs)
    };
    for r in rate_all(&|i| (i % 5 + 1) as i64, &raters).await {
        assert_eq!(r.expect("req").status(), 200);
    }
    for r in rate_all(&|_| 5, &raters[..6]).await {
        assert_eq!(r.expect("req").status(), 200);
    }
    let (avg, count): (String, i32) =
        sqlx::query_as("SELECT rating::text, rating_count FROM games WHERE id = $1")
            .bind(game)
            .fetch_one(&app.db)
            .await
            .expect("row");
    let (truth_avg, truth_count): (String, i64) = sqlx::query_as(
        "SELECT round(avg(stars), 2)::text, count(*) FROM game_ratings WHERE game_id = $1",
    )
    .bind(game)
    .fetch_one(&app.db)
    .await
    .expect("truth");
    assert_eq!((avg.clone(), i64::from(count)), (truth_avg, truth_count));
    assert_eq!(count, 12);
    // stars: 6 x 5, then i = 6..11 -> i%5+1 = 2,3,4,5,1,2 -> (30 + 17) / 12 = 3.92
    assert_eq!(avg, "3.92");
    let (status, body) = send(
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{game}/rate"),
            Some(&raters[0]),
        )
        .json(&json!({"stars": 6})),
    )
    .await;
    assert_eq!(status, 422, "{body}");

    // One player hammering play counts once; twelve players count twelve times.
    let same: Vec<_> = (0..10)
        .map(|_| {
            authed(
                &app,
                reqwest::Method::POST,
                &format!("/api/v1/games/{game}/play"),
                Some(&raters[0]),
            )
            .json(&json!({}))
            .send()
        })
        .collect();
    let counted = futures::future::join_all(same)
        .await
        .into_iter()
        .map(|r| r.expect("req"))
        .collect::<Vec<_>>();
    let mut n = 0;
    for r in counted {
        let b: Value = r.json().await.expect("json");
        if b["counted"] == true {
            n += 1;
        }
    }
    assert_eq!(n, 1, "refresh spam counts once");
    let all: Vec<_> = raters
        .iter()
        .map(|u| {
            authed(
                &app,
                reqwest::Method::POST,
                &format!("/api/v1/games/{game}/play"),
                Some(u),
            )
            .json(&json!({}))
            .send()
        })
        .collect();
    futures::future::join_all(all).await;
    // Anonymous: the same browser (visitor) counts once.
    let visitor = aimini_models::tokens::random_token();
    let session =
        aimini_tests::forge_play_session(game, &visitor, chrono::Utc::now().timestamp() + 60);
    for _ in 0..3 {
        let (status, body) = send(
            authed(
                &app,
                reqwest::Method::POST,
                &format!("/api/v1/games/{game}/play"),
                None,
            )
            .json(&json!({"play_session": session})),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let plays: i32 = sqlx::query_scalar("SELECT play_count FROM games WHERE id = $1")
        .bind(game)
        .fetch_one(&app.db)
        .await
        .expect("plays");
    assert_eq!(plays, 13);
    let trend: f64 = sqlx::query_scalar("SELECT trend_score FROM games WHERE id = $1")
        .bind(game)
        .fetch_one(&app.db)
        .await
        .expect("trend");
    assert!(trend > 300.0, "trend score moved: {trend}");
}

#[tokio::test]
async fn scores_are_bounded_signed_in_and_ranked() {
    let app = spawn_app().await;
    let owner = app.register("host").await;
    let game = seed(&app, &owner, "Scored", "", "arcade", &[], true).await;
    let players = [
        app.register("p_one").await,
        app.register("p_two").await,
        app.register("p_three").await,
    ];
    let play = |u: Option<&TestUser>, body: Value| {
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{game}/play"),
            u,
        )
        .json(&body)
    };
    for (u, score) in players.iter().zip([300, 500, 100]) {
        let (status, body) = send(play(Some(u), json!({"score": score}))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["score"]["new_best"], true);
    }
    // A worse score keeps the best; a better one replaces it.
    let (_, body) = send(play(Some(&players[0]), json!({"score": 200}))).await;
    assert_eq!(body["score"], json!({"best_score": 300, "new_best": false}));
    let (_, body) = send(play(Some(&players[2]), json!({"score": 900}))).await;
    assert_eq!(body["score"], json!({"best_score": 900, "new_best": true}));
    for bad in [
        json!({"score": -1}),
        json!({"score": 1_000_000_001_i64}),
        json!({"score": "lots"}),
        json!({"points": 3}),
    ] {
        let (status, body) = send(play(Some(&players[0]), bad.clone())).await;
        assert_eq!(status, 422, "{bad}: {body}");
    }
    let resp = play(None, json!({"score": 10})).send().await.expect("req");
    assert_error(resp, 401, "unauthorized").await;

    let (status, board) = send(authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{game}/leaderboard"),
        Some(&players[1]),
    ))
    .await;
    assert_eq!(status, 200, "{board}");
    let order: Vec<(&str, i64)> = board["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["username"].as_str().unwrap_or(""),
                e["best_score"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![("p_three", 900), ("p_two", 500), ("p_one", 300)]
    );
    assert_eq!(board["me"]["rank"], 2);

    // Scores are rate-limited per player and game.
    let limited = spawn_app_scores_limited().await;
    let u = limited.register("spammer").await;
    let g = seed(&limited, &u, "Limited", "", "arcade", &[], true).await;
    let mut statuses = Vec::new();
    for s in 0..4 {
        let r = authed(
            &limited,
            reqwest::Method::POST,
            &format!("/api/v1/games/{g}/play"),
            Some(&u),
        )
        .json(&json!({"score": s}))
        .send()
        .await
        .expect("req");
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, vec![200, 200, 429, 429]);
}

async fn spawn_app_scores_limited() -> TestApp {
    aimini_tests::spawn_app_with(|s| {
        s.set("AIMINI_RATE_LIMIT_SCORES", "2/minute");
    })
    .await
}

#[tokio::test]
async fn cached_lists_follow_edits_and_details_answer_not_modified() {
    let app = spawn_app().await;
    let owner = app.register("cachey").await;
    let fan = app.register("fan").await;
    let game = seed(&app, &owner, "Before", "", "arcade", &[], true).await;

    let get = || app.client.get(app.url("/api/v1/games?sort=new")).send();
    let first = get().await.expect("req");
    assert_eq!(first.headers()["x-cache"], "miss");
    let second = get().await.expect("req");
    assert_eq!(second.headers()["x-cache"], "hit");
    let body: Value = second.json().await.expect("json");
    assert_eq!(titles(&body), vec!["Before"]);

    let (status, _) = send(
        authed(
            &app,
            reqwest::Method::PUT,
            &format!("/api/v1/games/{game}"),
            Some(&owner),
        )
        .json(&json!({"title": "After"})),
    )
    .await;
    assert_eq!(status, 200);
    // The title changed: the game is back in review, so not listed until approved.
    let (_, page) = list(&app, "sort=new", None).await;
    assert!(
        titles(&page).is_empty(),
        "changed texts are reviewed before they are listed: {page}"
    );
    sqlx::query("UPDATE games SET review = 'approved' WHERE id = $1")
        .bind(game)
        .execute(&app.db)
        .await
        .expect("approve");
    // (A direct database write bumps nothing: bump the way the worker's verdict does.)
    let mut redis = redis::Client::open("redis://127.0.0.1:6379")
        .expect("redis")
        .get_connection_manager()
        .await
        .expect("redis");
    aimini_models::catalogue::bump(&mut redis, &app.redis_prefix).await;
    let (_, page) = list(&app, "sort=new", None).await;
    assert_eq!(titles(&page), vec!["After"]);

    // Conditional GET of the details.
    let resp = authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{game}"),
        Some(&fan),
    )
    .send()
    .await
    .expect("req");
    assert_eq!(resp.status(), 200);
    let etag = resp.headers()["etag"].to_str().expect("etag").to_owned();
    let again = authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{game}"),
        Some(&fan),
    )
    .header("if-none-match", &etag)
    .send()
    .await
    .expect("req");
    assert_eq!(again.status(), 304);
    // Rating changes what the fan sees (their own stars, the average): a new ETag.
    send(
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{game}/rate"),
            Some(&fan),
        )
        .json(&json!({"stars": 3})),
    )
    .await;
    let after = authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{game}"),
        Some(&fan),
    )
    .header("if-none-match", &etag)
    .send()
    .await
    .expect("req");
    assert_eq!(after.status(), 200);
    assert_ne!(after.headers()["etag"].to_str().expect("etag"), etag);
    let body: Value = after.json().await.expect("json");
    assert_eq!(body["my_rating"], 3);
    // Another caller's view has another ETag (no per-user data leaks through caches).
    let anon = app
        .client
        .get(app.url(&format!("/api/v1/games/{game}")))
        .send()
        .await
        .expect("req");
    assert_ne!(anon.headers()["etag"].to_str().expect("etag"), etag);
}

#[tokio::test]
async fn forks_of_private_or_unbought_paid_games_are_refused() {
    let app = spawn_app().await;
    let seller = app.register("seller").await;
    let buyer = app.register("buyer").await;
    let private = seed_with_package(&app, &seller, "Private Original", false).await;
    let paid = seed_with_package(&app, &seller, "Paid Original", true).await;
    let listing: Uuid = sqlx::query_scalar(
        "INSERT INTO marketplace_listings (game_id, seller_id, price) VALUES ($1, $2, 4.99) RETURNING id",
    )
    .bind(paid)
    .bind(seller.id)
    .fetch_one(&app.db)
    .await
    .expect("listing");

    let fork = |id: Uuid| {
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{id}/fork"),
            Some(&buyer),
        )
        .send()
    };
    assert_error(fork(private).await.expect("req"), 404, "not_found").await;
    assert_error(fork(paid).await.expect("req"), 402, "purchase_required").await;
    let (_, details) = send(authed(
        &app,
        reqwest::Method::GET,
        &format!("/api/v1/games/{paid}"),
        Some(&buyer),
    ))
    .await;
    assert_eq!(details["listing"]["price"], "4.99");
    sqlx::query(
        "INSERT INTO game_purchases (buyer_id, game_id, listing_id, amount_paid, status) VALUES ($1, $2, $3, 4.99, 'completed')",
    )
    .bind(buyer.id)
    .bind(paid)
    .bind(listing)
    .execute(&app.db)
    .await
    .expect("purchase");
    let resp = fork(paid).await.expect("req");
    assert_eq!(resp.status(), 201);
    let forked: Value = resp.json().await.expect("json");
    // The copy is the buyer's, in its own objects: deleting the original leaves it intact.
    let fork_id: Uuid = forked["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let data: Value = sqlx::query_scalar("SELECT game_data FROM games WHERE id = $1")
        .bind(fork_id)
        .fetch_one(&app.db)
        .await
        .expect("data");
    let key = data["files"]["logic.js"]["key"].as_str().expect("key");
    assert!(key.starts_with(&format!("games/{fork_id}/")), "{key}");
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    let copied = storage
        .get(&ObjectKey::new(key).expect("key"))
        .await
        .expect("get")
        .expect("object");
    assert_eq!(copied.bytes, template_logic("dodger").as_bytes());
    // Forking a fork keeps the whole lineage, crediting both creators.
    let third = app.register("third").await;
    sqlx::query("UPDATE games SET is_public = true, review = 'approved' WHERE id = $1")
        .bind(fork_id)
        .execute(&app.db)
        .await
        .expect("publish");
    let (status, grand) = send(
        authed(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/games/{fork_id}/fork"),
            Some(&third),
        )
        .json(&json!({"title": "Grandchild"})),
    )
    .await;
    assert_eq!(status, 201, "{grand}");
    let names: Vec<&str> = grand["lineage"]
        .as_array()
        .expect("lineage")
        .iter()
        .map(|a| a["creator_username"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, vec!["buyer", "seller"]);
    assert_eq!(grand["title"], "Grandchild");
}

#[tokio::test]
async fn code_edits_share_the_upload_budget_and_metadata_edits_do_not() {
    let app = aimini_tests::spawn_app_with(|s| {
        s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "1/minute");
    })
    .await;
    let u = app.register("budgeted").await;
    let game = upload(&app, &u, "Budget", "dodger").await;
    let id = game["id"].as_str().expect("id");
    let put = |body: Value| {
        authed(
            &app,
            reqwest::Method::PUT,
            &format!("/api/v1/games/{id}"),
            Some(&u),
        )
        .json(&body)
    };
    let resp = put(json!({"logic": template_logic("snake")}))
        .send()
        .await
        .expect("req");
    assert_error(resp, 429, "rate_limited").await;
    let (status, body) = send(put(json!({"tags": ["budget"]}))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["tags"], json!(["budget"]));
    // Nothing to change is a clear 400, not a silent no-op.
    let resp = put(json!({})).send().await.expect("req");
    assert_error(resp, 400, "nothing_to_change").await;
}
