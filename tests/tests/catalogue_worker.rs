//! The worker side of the catalogue against real Postgres, Redis and S3: validation of uploaded and
//! edited versions (promotion, failures, duplicate and out-of-order deliveries), thumbnails that
//! follow the live version's keys, regeneration as a new version, and the purge of deleted games.
//!
//! Versions are set up directly in the database and storage (as the upload and edit endpoints
//! will), then pushed through the real queue to a real worker.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use aimini_models::games::{self, GameStatus, NewGame};
use aimini_models::package::GameData;
use aimini_models::queue::Queues;
use aimini_models::storage::{ObjectKey, Storage};
use aimini_models::templates::TemplateSet;
use aimini_models::versions::{self, NewVersion, Source, State};
use aimini_tests::{TestApp, TestUser, spawn_app, spawn_app_with};
use futures::StreamExt as _;
use serde_json::{Value, json};
use uuid::Uuid;

/// A worker serving every queue (the default), aborted on drop.
struct Running {
    task: tokio::task::JoinHandle<()>,
    health: SocketAddr,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start_worker(app: &TestApp) -> Running {
    let worker = aimini_worker::Worker::build(
        &app.config,
        aimini_worker::RunOptions {
            queues: aimini_models::jobs::ALL_QUEUES.map(String::from).to_vec(),
            concurrency: 2,
        },
    )
    .await
    .expect("build the worker");
    let health = worker.health_addr().expect("health addr");
    let task = tokio::spawn(async move {
        if let Err(e) = worker.run_until_stopped().await {
            eprintln!("worker error: {e:#}");
        }
    });
    Running { task, health }
}

/// `jobs_total` of the validation queue with `outcome`. One metrics recorder serves a process and
/// the API in this one installed it first, so the worker's counts may show on either endpoint.
async fn validations(app: &TestApp, w: &Running, outcome: &str) -> u64 {
    let mut total = 0;
    for url in [format!("http://{}/metrics", w.health), app.url("/metrics")] {
        let text = app.metrics(&url).await;
        total += text
            .lines()
            .filter(|l| {
                l.starts_with("jobs_total{")
                    && l.contains(r#"queue="validation.v1""#)
                    && l.contains(&format!(r#"outcome="{outcome}""#))
            })
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .map(|n| n as u64)
            .sum::<u64>();
    }
    total
}

async fn queues(app: &TestApp) -> Queues {
    let conn = aimini_models::redis_conn::connect(&app.config.redis)
        .await
        .expect("redis");
    Queues::new(conn, &app.redis_prefix)
}

async fn storage(app: &TestApp) -> Storage {
    Storage::connect(&app.config.storage)
        .await
        .expect("storage")
}

/// A template's package: (logic.js, metadata.json).
fn template(id: &str) -> (String, Value) {
    let set = TemplateSet::load(&Path::new(&aimini_tests::prompts_dir()).join("templates"))
        .expect("templates");
    let t = set.get(id).expect("template");
    let pkg = aimini_worker::local::rules::package(t, t.example.clone(), None);
    (pkg.logic.to_string(), pkg.metadata)
}

/// Stores a package under `games/{game}/{dir}/` and returns the `game_data` naming its objects.
async fn put_package(
    s: &Storage,
    game: Uuid,
    dir: &str,
    logic: &str,
    metadata: &Value,
) -> GameData {
    let mut files = serde_json::Map::new();
    for (name, body) in [
        ("logic.js", logic.as_bytes().to_vec()),
        ("metadata.json", serde_json::to_vec(metadata).expect("json")),
    ] {
        let key = format!("games/{game}/{dir}/{name}");
        s.put(
            &ObjectKey::new(key.as_str()).expect("key"),
            body.into(),
            "application/octet-stream",
        )
        .await
        .expect("put");
        files.insert(name.to_owned(), json!({"key": key}));
    }
    GameData::from_value(json!({"schema_version": 1, "metadata": metadata, "files": files}))
        .expect("package")
}

/// A new active game whose live version 1 is `template`'s package under `g1/`.
async fn live_game(
    app: &TestApp,
    owner: &TestUser,
    s: &Storage,
    template_id: &str,
) -> (Uuid, GameData) {
    let game = Uuid::new_v4();
    let (logic, metadata) = template(template_id);
    let data = put_package(s, game, "g1", &logic, &metadata).await;
    insert_game(app, owner, game, &data, GameStatus::Active, State::Ready).await;
    (game, data)
}

async fn insert_game(
    app: &TestApp,
    owner: &TestUser,
    id: Uuid,
    game_data: &GameData,
    status: GameStatus,
    state: State,
) {
    games::insert(
        &app.db,
        NewGame {
            id,
            creator_id: owner.id,
            title: "Test Game",
            description: Some("a game to test the worker"),
            category: "arcade",
            difficulty: "easy",
            game_data,
            tags: &[],
            is_public: true,
            status,
            forked_from: None,
            source: if state == State::Ready {
                Source::Generation
            } else {
                Source::Upload
            },
            state,
        },
    )
    .await
    .expect("insert game");
}

/// Adds a validating version (as an edit would) and returns its number.
async fn add_validating(app: &TestApp, game: Uuid, game_data: &GameData) -> i32 {
    let mut tx = app.db.begin().await.expect("begin");
    versions::lock_game(&mut tx, game)
        .await
        .expect("lock")
        .expect("game");
    let v = versions::add(
        &mut tx,
        NewVersion {
            game_id: game,
            source: Source::Edit,
            state: State::Validating,
            game_data,
            created_by: None,
            restored_from: None,
        },
    )
    .await
    .expect("add version");
    tx.commit().await.expect("commit");
    v
}

/// Polls `probe` every 50 ms until it returns `Some` (at most `secs`).
async fn wait_for<T, F, Fut>(what: &str, secs: u64, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the version is no longer validating; returns (state, error_message).
async fn settled(app: &TestApp, game: Uuid, version: i32) -> (String, Option<String>) {
    wait_for(&format!("version {version} validated"), 60, || async {
        let v = versions::get(&app.db, game, version)
            .await
            .expect("version")
            .expect("exists");
        (v.state != "validating").then_some((v.state, v.error_message))
    })
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct Live {
    status: String,
    version: i32,
    review: String,
    game_data: Value,
    thumbnail_url: Option<String>,
}

async fn live(app: &TestApp, game: Uuid) -> Live {
    sqlx::query_as(
        "SELECT status, version, review, game_data, thumbnail_url FROM games WHERE id = $1",
    )
    .bind(game)
    .fetch_one(&app.db)
    .await
    .expect("game")
}

async fn reviews(app: &TestApp, game: Uuid) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT status FROM content_moderation WHERE content_type = 'game' AND content_id = $1
         ORDER BY created_at",
    )
    .bind(game)
    .fetch_all(&app.db)
    .await
    .expect("reviews")
}

async fn catalogue_generation(app: &TestApp) -> i64 {
    let mut conn = aimini_models::redis_conn::connect(&app.config.redis)
        .await
        .expect("redis");
    let n: Option<i64> = redis::cmd("GET")
        .arg(aimini_models::catalogue::generation_key(&app.redis_prefix))
        .query_async(&mut conn)
        .await
        .expect("get");
    n.unwrap_or(0)
}

/// Waits for the game to be approved with a thumbnail other than `previous`; returns its URL.
async fn approved_with_thumbnail(app: &TestApp, game: Uuid, previous: Option<&str>) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let g = live(app, game).await;
        if g.review == "approved"
            && let Some(url) = g.thumbnail_url.as_deref()
            && Some(url) != previous
        {
            return url.to_owned();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for approval and a new thumbnail: review {}, thumbnail {:?}, reviews {:?}",
            g.review,
            g.thumbnail_url,
            reviews(app, game).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_validated_upload_goes_live_is_approved_and_an_edit_replaces_it_with_its_own_thumbnail() {
    let app = spawn_app().await;
    let owner = app.register("uploader").await;
    let s = storage(&app).await;
    let q = queues(&app).await;
    let _worker = start_worker(&app).await;
    let game = Uuid::new_v4();

    // An upload: the game is pending until its first version passes.
    let (logic, metadata) = template("dodger");
    let v1_data = put_package(&s, game, "u1", &logic, &metadata).await;
    insert_game(
        &app,
        &owner,
        game,
        &v1_data,
        GameStatus::Pending,
        State::Validating,
    )
    .await;
    let generation_before = catalogue_generation(&app).await;
    q.enqueue_validation(&[(game, 1)]).await.expect("push");

    assert_eq!(settled(&app, game, 1).await, ("ready".to_owned(), None));
    let v1 = versions::get(&app.db, game, 1)
        .await
        .expect("v")
        .expect("v1");
    assert!(v1.validated_at.is_some());
    assert_eq!(
        v1.game_data.to_value()["smoke_test"]["frames"],
        180,
        "{:?}",
        v1.game_data
    );
    let g = live(&app, game).await;
    assert_eq!((g.status.as_str(), g.version), ("active", 1));
    assert_eq!(g.game_data["files"], v1_data.to_value()["files"]);
    assert_eq!(
        g.game_data["smoke_test"],
        v1.game_data.to_value()["smoke_test"]
    );
    let thumb1 = approved_with_thumbnail(&app, game, None).await;
    assert_eq!(reviews(&app, game).await, ["approved"]);
    assert!(
        catalogue_generation(&app).await >= generation_before + 2,
        "promotion and verdict each make cached lists stale"
    );
    for name in ["small.webp", "large.webp"] {
        let key = ObjectKey::new(format!("games/{game}/thumbnails/{name}")).expect("key");
        assert!(s.get(&key).await.expect("get").is_some(), "{name} stored");
    }

    // An edit with other code: version 2 goes live, is reviewed again, and its thumbnail is
    // rendered from its own objects (a different game, so a different picture and URL).
    let (logic2, metadata2) = template("snake");
    let v2_data = put_package(&s, game, "e2", &logic2, &metadata2).await;
    let v2 = add_validating(&app, game, &v2_data).await;
    assert_eq!(v2, 2);
    q.enqueue_validation(&[(game, v2)]).await.expect("push");
    assert_eq!(settled(&app, game, v2).await, ("ready".to_owned(), None));
    let g = live(&app, game).await;
    assert_eq!(g.version, 2);
    assert_eq!(g.game_data["files"], v2_data.to_value()["files"]);
    let thumb2 = approved_with_thumbnail(&app, game, Some(&thumb1)).await;
    assert_ne!(thumb1, thumb2);
    assert_eq!(reviews(&app, game).await, ["approved", "approved"]);
    // The first version's objects are untouched (a restore needs them).
    let key = ObjectKey::new(format!("games/{game}/u1/logic.js")).expect("key");
    assert!(s.get(&key).await.expect("get").is_some());
}

#[tokio::test]
async fn broken_versions_fail_with_readable_errors_and_the_live_version_stays() {
    let app = spawn_app().await;
    let owner = app.register("breaker").await;
    let s = storage(&app).await;
    let q = queues(&app).await;
    let (game, v1_data) = live_game(&app, &owner, &s, "dodger").await;

    let ws_url = format!(
        "{}/ws/notifications?access_token={}",
        app.address.replace("http", "ws"),
        owner.access_token
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(ws_url)
        .await
        .expect("websocket");

    let meta = json!({"schema_version": 1, "title": "Broken"});
    let cases: [(&str, &str, &[&str]); 4] = [
        (
            "throws",
            "aimini.game({\n  setup(ctx) { throw new Error('kaboom at start'); },\n  update(ctx, dt) {},\n  draw(ctx) { ctx.clear('#123'); },\n});\n",
            &[
                "the game failed its smoke test",
                "logic.js:2:",
                "kaboom at start",
                "in setup",
            ],
        ),
        (
            "blank",
            "aimini.game({ setup(ctx) {}, update(ctx, dt) {}, draw(ctx) {} });\n",
            &["the game failed its smoke test", "draws nothing"],
        ),
        (
            "blocked",
            "aimini.game({ setup(ctx) {}, update(ctx, dt) {}, draw(ctx) {} });\nfetch('https://evil.example/');\n",
            &["logic.js:2:1: `fetch` is not allowed"],
        ),
        (
            "endless",
            "aimini.game({\n  setup(ctx) {},\n  update(ctx, dt) { for (;;) {} },\n  draw(ctx) { ctx.clear('#123'); },\n});\n",
            &["the game failed its smoke test", "endless loop"],
        ),
    ];
    let mut made = Vec::new();
    for (dir, code, _) in &cases {
        let data = put_package(&s, game, dir, code, &meta).await;
        made.push(add_validating(&app, game, &data).await);
    }
    // A version whose object never reached storage.
    let missing = add_validating(
        &app,
        game,
        &GameData::from_value(json!({"files": {
            "logic.js": {"key": format!("games/{game}/nowhere/logic.js")},
            "metadata.json": {"key": format!("games/{game}/nowhere/metadata.json")},
        }}))
        .expect("package"),
    )
    .await;
    let all: Vec<(Uuid, i32)> = made.iter().chain([&missing]).map(|v| (game, *v)).collect();
    q.enqueue_validation(&all).await.expect("push");
    let _worker = start_worker(&app).await;

    for ((name, _, expected), version) in cases.iter().zip(&made) {
        let (state, error) = settled(&app, game, *version).await;
        assert_eq!(state, "failed", "{name}");
        let error = error.expect("error message");
        for part in *expected {
            assert!(error.contains(part), "{name}: {error:?} lacks {part:?}");
        }
    }
    let (state, error) = settled(&app, game, missing).await;
    assert_eq!(state, "failed");
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("logic.js is missing from storage")),
        "{error:?}"
    );

    // Nothing changed for players.
    let g = live(&app, game).await;
    assert_eq!((g.status.as_str(), g.version), ("active", 1));
    assert_eq!(g.game_data, v1_data.to_value());
    assert!(reviews(&app, game).await.is_empty(), "no review was opened");

    // The owner heard about it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let frame = tokio::time::timeout_at(deadline, ws.next())
            .await
            .expect("notification in time")
            .expect("frame")
            .expect("ok");
        if !frame.is_text() {
            continue;
        }
        let n: Value = serde_json::from_str(&frame.into_text().expect("text")).expect("json");
        if n["type"] == "game.version.updated" && n["data"]["version"] == made[0] {
            assert_eq!(n["data"]["game_id"], game.to_string());
            assert_eq!(n["data"]["state"], "failed");
            assert!(
                n["data"]["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("kaboom at start")),
                "{n}"
            );
            break;
        }
    }
}

#[tokio::test]
async fn duplicate_deliveries_validate_and_promote_once() {
    let app = spawn_app().await;
    let owner = app.register("repeater").await;
    let s = storage(&app).await;
    let q = queues(&app).await;
    let (game, _) = live_game(&app, &owner, &s, "breakout").await;
    let (logic2, metadata2) = template("snake");
    let v2 = add_validating(
        &app,
        game,
        &put_package(&s, game, "e2", &logic2, &metadata2).await,
    )
    .await;

    // Three deliveries queued before any worker runs (two may run at once).
    for _ in 0..3 {
        q.enqueue_validation(&[(game, v2)]).await.expect("push");
    }
    let worker = start_worker(&app).await;
    assert_eq!(settled(&app, game, v2).await, ("ready".to_owned(), None));
    wait_for("every delivery handled", 60, || async {
        (validations(&app, &worker, "promoted").await
            + validations(&app, &worker, "duplicate").await
            >= 3)
            .then_some(())
    })
    .await;
    assert_eq!(validations(&app, &worker, "promoted").await, 1);
    let duplicates = validations(&app, &worker, "duplicate").await;
    assert!(duplicates >= 2, "{duplicates}");
    let validated_at = versions::get(&app.db, game, v2)
        .await
        .expect("v")
        .expect("v2")
        .validated_at;

    // And one more, long after: still nothing.
    q.enqueue_validation(&[(game, v2)]).await.expect("push");
    wait_for("the late delivery handled", 30, || async {
        (validations(&app, &worker, "duplicate").await > duplicates).then_some(())
    })
    .await;
    let v = versions::get(&app.db, game, v2)
        .await
        .expect("v")
        .expect("v2");
    assert_eq!(v.validated_at, validated_at);
    assert_eq!(live(&app, game).await.version, v2);
    assert_eq!(
        reviews(&app, game).await.len(),
        1,
        "one review for one promotion"
    );
}

#[tokio::test]
async fn an_older_version_finishing_late_does_not_replace_a_newer_live_one() {
    let app = spawn_app().await;
    let owner = app.register("racer").await;
    let s = storage(&app).await;
    let q = queues(&app).await;
    let (game, _) = live_game(&app, &owner, &s, "dodger").await;
    let (l2, m2) = template("snake");
    let v2_data = put_package(&s, game, "e2", &l2, &m2).await;
    let v2 = add_validating(&app, game, &v2_data).await;
    let (l3, m3) = template("breakout");
    let v3_data = put_package(&s, game, "e3", &l3, &m3).await;
    let v3 = add_validating(&app, game, &v3_data).await;
    let _worker = start_worker(&app).await;

    q.enqueue_validation(&[(game, v3)]).await.expect("push");
    assert_eq!(settled(&app, game, v3).await.0, "ready");
    assert_eq!(live(&app, game).await.version, v3);

    q.enqueue_validation(&[(game, v2)]).await.expect("push");
    assert_eq!(settled(&app, game, v2).await.0, "ready", "it passed");
    let g = live(&app, game).await;
    assert_eq!(g.version, v3, "the newer version stays live");
    assert_eq!(g.game_data["files"], v3_data.to_value()["files"]);
    assert_eq!(reviews(&app, game).await.len(), 1, "only v3 went to review");
}

#[tokio::test]
async fn deleted_games_are_purged_after_the_retention_and_not_before() {
    let app = spawn_app_with(|src| src.set("AIMINI_DELETED_GAME_RETENTION_SECS", "600")).await;
    let owner = app.register("cleaner").await;
    let s = storage(&app).await;
    let (logic, metadata) = template("dodger");
    let (old, recent, kept) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let mut objects = std::collections::HashMap::<Uuid, Vec<ObjectKey>>::new();
    for game in [old, recent, kept] {
        let v1 = put_package(&s, game, "g1", &logic, &metadata).await;
        insert_game(&app, &owner, game, &v1, GameStatus::Active, State::Ready).await;
        let v2 = put_package(&s, game, "e2", &logic, &metadata).await;
        add_validating(&app, game, &v2).await;
        let mut keys = Vec::new();
        for data in [&v1, &v2] {
            for name in ["logic.js", "metadata.json"] {
                keys.push(data.key(name).expect("key"));
            }
        }
        for name in ["small.webp", "large.webp"] {
            let key = ObjectKey::new(format!("games/{game}/thumbnails/{name}")).expect("key");
            s.put(&key, vec![1, 2, 3].into(), "image/webp")
                .await
                .expect("put");
            keys.push(key);
        }
        objects.insert(game, keys);
    }
    // The old game's third version references another game's object (as a fork that shares
    // instead of copying would): that object is not the old game's to delete.
    let shared = versions::get(&app.db, kept, 1)
        .await
        .expect("v")
        .expect("v1")
        .game_data
        .key("logic.js")
        .expect("key");
    add_validating(
        &app,
        old,
        &GameData::from_value(json!({"files": {"logic.js": {"key": shared.as_str()}}}))
            .expect("package"),
    )
    .await;
    for (game, ago) in [(old, "1 hour"), (recent, "1 minute")] {
        sqlx::query(
            "UPDATE games SET status = 'deleted', deleted_at = now() - $2::interval WHERE id = $1",
        )
        .bind(game)
        .bind(ago)
        .execute(&app.db)
        .await
        .expect("soft delete");
    }

    let _worker = start_worker(&app).await;
    wait_for("the old game purged", 30, || async {
        sqlx::query_scalar::<_, Option<chrono::DateTime<chrono::Utc>>>(
            "SELECT purged_at FROM games WHERE id = $1",
        )
        .bind(old)
        .fetch_one(&app.db)
        .await
        .expect("purged_at")
    })
    .await;
    for key in &objects[&old] {
        assert!(
            s.get(key).await.expect("get").is_none(),
            "{} was purged",
            key.as_str()
        );
    }
    // A few more reconciler passes: the recent one stays, and so does everything of the live game.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for game in [recent, kept] {
        for key in &objects[&game] {
            assert!(
                s.get(key).await.expect("get").is_some(),
                "{} kept",
                key.as_str()
            );
        }
    }
    let purged: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM games WHERE purged_at IS NOT NULL")
        .fetch_all(&app.db)
        .await
        .expect("purged");
    assert_eq!(purged, [old]);
    // The rows stay: lineage, plays and purchases may point at them.
    assert_eq!(live(&app, old).await.status, "deleted");
}

#[tokio::test]
async fn a_regeneration_is_a_new_version_of_the_same_game() {
    let app = spawn_app().await;
    let owner = app.register("reshaper").await;
    let s = storage(&app).await;
    let _worker = start_worker(&app).await;
    let first = app
        .submit_generation(
            &owner.access_token,
            "/api/v1/ai/generate-game",
            &json!({"prompt": "a quiz about planets", "game_type": "quiz"}),
        )
        .await;
    let first = app.wait_generation(&owner.access_token, &first).await;
    assert_eq!(first["status"], "completed", "{first}");
    let game: Uuid = first["result_game_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("game");
    let thumb1 = approved_with_thumbnail(&app, game, None).await;
    let v1 = versions::get(&app.db, game, 1)
        .await
        .expect("v")
        .expect("v1");
    assert_eq!(v1.source, "generation");

    let regen = app
        .submit_generation(
            &owner.access_token,
            "/api/v1/ai/regenerate",
            &json!({"game_id": game, "modifications": "make it about the ocean"}),
        )
        .await;
    let second = app.wait_generation(&owner.access_token, &regen).await;
    assert_eq!(second["status"], "completed", "{second}");
    assert_eq!(second["result_game_id"], game.to_string(), "the same game");

    let v2 = versions::get(&app.db, game, 2)
        .await
        .expect("v")
        .expect("v2");
    assert_eq!(
        (v2.source.as_str(), v2.state.as_str()),
        ("regeneration", "ready")
    );
    assert_eq!(v2.created_by, Some(owner.id));
    let g = live(&app, game).await;
    assert_eq!(g.version, 2);
    assert_eq!(
        g.game_data["metadata"]["template"]["params"]["theme"],
        "ocean"
    );
    // Its objects sit under a fresh prefix; the first version's are untouched.
    for name in ["logic.js", "metadata.json"] {
        let k1 = v1.game_data.key(name).expect("v1 key");
        let k2 = v2.game_data.key(name).expect("v2 key");
        // Every generated version, the first included, is stored by the one package writer
        // under its own fresh prefix: games/{id}/g<12 hex>/<name>.
        for k in [&k1, &k2] {
            let dir = k
                .as_str()
                .strip_prefix(&format!("games/{game}/g"))
                .and_then(|rest| rest.strip_suffix(&format!("/{name}")))
                .unwrap_or_default();
            assert!(
                dir.len() == 12 && dir.bytes().all(|b| b.is_ascii_hexdigit()),
                "{}",
                k.as_str()
            );
        }
        assert_ne!(k1, k2);
        assert!(s.get(&k1).await.expect("get").is_some());
        assert!(s.get(&k2).await.expect("get").is_some());
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM games")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(total, 1, "no second game");
    // Reviewed again, and re-rendered from the new version's code.
    let thumb2 = approved_with_thumbnail(&app, game, Some(&thumb1)).await;
    assert_ne!(thumb1, thumb2);
    assert_eq!(reviews(&app, game).await, ["approved", "approved"]);
}
