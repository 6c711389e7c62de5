//! Game package uploads, black box against the real app, Postgres and S3 (SeaweedFS): JSON and zip
//! bodies, every refusal of a hostile or broken package with its own code, the size limit, and
//! the links that hand the stored objects out again (S3 presigned, or signed `/media/games/...`
//! with the local backend).

use std::io::{Cursor, Write as _};
use std::time::{Duration, Instant};

use aimini_api::routes::media::MediaLinks;
use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::{TestApp, TestUser, assert_error, spawn_app_with};
use reqwest::multipart::{Form, Part};
use secrecy::ExposeSecret as _;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use uuid::Uuid;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn template(file: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../prompts/templates/reaction-timer");
    std::fs::read(dir.join(file)).expect("template file")
}

fn logic() -> String {
    String::from_utf8(template("logic.js")).expect("utf-8")
}

fn params() -> Value {
    serde_json::from_slice(&template("example.json")).expect("example params")
}

/// The app, with the per-user upload rate limit out of the way (these tests upload a lot).
async fn spawn() -> TestApp {
    spawn_app_with(|s| s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "100000/minute")).await
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, opts).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// Bytes that do not compress (like real PNG or OGG assets).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn form(metadata: &Value, zip: Vec<u8>) -> Form {
    Form::new().text("metadata", metadata.to_string()).part(
        "package",
        Part::bytes(zip)
            .file_name("game.zip")
            .mime_str("application/zip")
            .expect("mime"),
    )
}

fn meta() -> Value {
    json!({"title": "Reflex", "category": "reaction", "difficulty": "easy", "tags": ["Speed", "reflex"]})
}

async fn post_form(app: &TestApp, user: &TestUser, form: Form) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/games"))
        .bearer_auth(&user.access_token)
        .multipart(form)
        .send()
        .await
        .expect("request")
}

async fn post_json(app: &TestApp, user: &TestUser, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/games"))
        .bearer_auth(&user.access_token)
        .json(body)
        .send()
        .await
        .expect("request")
}

async fn accepted(resp: reqwest::Response) -> Value {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.expect("json");
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["status"], "pending", "{body}");
    assert_eq!(body["version"], 1, "{body}");
    body
}

async fn game_data(app: &TestApp, id: &str) -> Value {
    let id: Uuid = id.parse().expect("uuid");
    sqlx::query_scalar::<_, Value>("SELECT game_data FROM games WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .expect("game row")
}

async fn game_count(app: &TestApp) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM games")
        .fetch_one(&app.db)
        .await
        .expect("count")
}

/// Every file of `game_data` is in storage under `games/{id}/u{12 hex}/{name}`, with its hash.
async fn assert_stored(storage: &Storage, id: &str, data: &Value) {
    for (name, f) in data["files"].as_object().expect("files") {
        let key = f["key"].as_str().expect("key");
        let rest = key
            .strip_prefix(&format!("games/{id}/u"))
            .unwrap_or_else(|| panic!("{key} is not under the game's prefix"));
        let (prefix, file) = rest.split_at(12);
        assert!(
            prefix.bytes().all(|b| b.is_ascii_hexdigit()),
            "{key}: no fresh prefix"
        );
        assert_eq!(file, format!("/{name}"), "{key}");
        let obj = storage
            .get(&ObjectKey::new(key).expect("key"))
            .await
            .expect("get")
            .unwrap_or_else(|| panic!("{key} is not in storage"));
        assert_eq!(
            f["sha256"],
            hex::encode(Sha256::digest(&obj.bytes)),
            "{key}"
        );
        assert_eq!(f["bytes"], obj.bytes.len(), "{key}");
        assert_eq!(f["content_type"], obj.content_type, "{key}");
    }
}

#[tokio::test]
async fn a_json_upload_is_checked_and_stored_under_a_fresh_prefix() {
    let app = spawn().await;
    let user = app.register("jsonup").await;
    let body = accepted(
        post_json(
            &app,
            &user,
            &json!({"title": "  Reflex  ", "description": "Press fast.", "category": "reaction",
                "tags": ["Speed", "speed", "reflex"], "params": params(), "logic": logic()}),
        )
        .await,
    )
    .await;
    let id = body["id"].as_str().expect("id");
    assert_eq!(body["title"], "Reflex");
    assert_eq!(body["tags"], json!(["speed", "reflex"]));

    let data = game_data(&app, id).await;
    assert_eq!(data["schema_version"], 1);
    let names: Vec<&String> = data["files"].as_object().expect("files").keys().collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    assert_stored(&storage, id, &data).await;
    let key = ObjectKey::new(data["files"]["logic.js"]["key"].as_str().expect("key")).expect("key");
    let stored = storage.get(&key).await.expect("get").expect("logic");
    assert_eq!(stored.bytes, logic().into_bytes());
    // The player reads the parameters from metadata.json.
    let key =
        ObjectKey::new(data["files"]["metadata.json"]["key"].as_str().expect("key")).expect("key");
    let meta: Value =
        serde_json::from_slice(&storage.get(&key).await.expect("get").expect("meta").bytes)
            .expect("metadata.json");
    assert_eq!(meta["params"], params());
    assert_eq!(meta["title"], "Reflex");
    assert_eq!(meta["category"], "reaction");
}

#[tokio::test]
async fn a_zip_upload_with_assets_lands_in_s3_and_its_links_work() {
    let app = spawn().await;
    let user = app.register("zipup").await;
    let hero = noise(50_000, 7);
    let level = br#"{"rows": 3}"#;
    let zip = zip_of(&[
        ("logic.js", &template("logic.js")),
        (
            "metadata.json",
            &serde_json::to_vec(
                &json!({"description": "From the zip", "params": params(), "controls": "tap"}),
            )
            .expect("json"),
        ),
        ("assets/hero.png", &hero),
        ("assets/levels/one.json", level),
    ]);
    let body = accepted(post_form(&app, &user, form(&meta(), zip)).await).await;
    let id = body["id"].as_str().expect("id");
    assert_eq!(
        body["description"], "From the zip",
        "metadata.json fills what the part lacks"
    );

    let data = game_data(&app, id).await;
    let mut names: Vec<&str> = data["files"]
        .as_object()
        .expect("files")
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "assets/hero.png",
            "assets/levels/one.json",
            "logic.js",
            "metadata.json"
        ]
    );
    assert_eq!(
        data["files"]["assets/hero.png"]["content_type"],
        "image/png"
    );
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    assert_stored(&storage, id, &data).await;

    // The owner gets expiring S3 links for every file; they fetch the same bytes, and a tampered
    // one does not.
    let resp = app
        .get_auth(&format!("/api/v1/games/{id}/assets"), &user.access_token)
        .await;
    assert_eq!(resp.status(), 200);
    let assets: Value = resp.json().await.expect("json");
    let files = assets["files"].as_array().expect("files");
    assert_eq!(files.len(), 4, "{assets}");
    for f in files {
        let url = f["url"].as_str().expect("url");
        assert!(url.contains("X-Amz-Signature="), "not presigned: {url}");
        let resp = app.client.get(url).send().await.expect("fetch");
        assert_eq!(resp.status(), 200, "{url}");
        let bytes = resp.bytes().await.expect("bytes");
        assert_eq!(f["sha256"], hex::encode(Sha256::digest(&bytes)), "{url}");
    }
    let url = files[0]["url"].as_str().expect("url");
    let tampered = url.replace("X-Amz-Expires=", "X-Amz-Expires=9");
    let resp = app.client.get(&tampered).send().await.expect("fetch");
    assert!(resp.status().is_client_error(), "{}", resp.status());
}

#[tokio::test]
async fn hostile_and_broken_packages_are_refused_with_specific_codes() {
    let app = spawn().await;
    let user = app.register("hostile").await;
    let logic = template("logic.js");
    let zeros = vec![0u8; 5 << 20];
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "not a zip",
            b"PK but not really a zip file".to_vec(),
            422,
            "invalid_package",
        ),
        (
            "zip bomb",
            zip_of(&[("logic.js", &logic), ("assets/a.txt", &zeros)]),
            422,
            "zip_bomb",
        ),
        (
            "parent dir",
            zip_of(&[("logic.js", &logic), ("../x.png", b"x")]),
            422,
            "unsafe_path",
        ),
        (
            "deep parent",
            zip_of(&[("logic.js", &logic), ("assets/../../x.png", b"x")]),
            422,
            "unsafe_path",
        ),
        (
            "absolute",
            zip_of(&[("logic.js", &logic), ("/etc/x.png", b"x")]),
            422,
            "unsafe_path",
        ),
        (
            "backslash",
            zip_of(&[("logic.js", &logic), ("assets\\..\\x.png", b"x")]),
            422,
            "unsafe_path",
        ),
        (
            "svg",
            zip_of(&[
                ("logic.js", &logic),
                ("assets/a.svg", b"<svg onload='x()'/>"),
            ]),
            422,
            "unsupported_file_type",
        ),
        (
            "html",
            zip_of(&[("logic.js", &logic), ("index.html", b"<p>")]),
            422,
            "unsupported_file_type",
        ),
        (
            "no logic",
            zip_of(&[("assets/a.png", b"x")]),
            422,
            "missing_logic",
        ),
        (
            "nested logic",
            zip_of(&[("game/logic.js", &logic)]),
            422,
            "missing_logic",
        ),
        (
            "blocked api",
            zip_of(&[("logic.js", b"aimini.game({ setup(ctx) { fetch('/x'); } });")]),
            422,
            "blocked_api",
        ),
        (
            "same name twice",
            zip_of(&[
                ("logic.js", &logic),
                ("assets/A.png", b"1"),
                ("assets/a.png", b"2"),
            ]),
            422,
            "duplicate_file",
        ),
    ];
    for (what, zip, status, code) in cases {
        let resp = post_form(&app, &user, form(&meta(), zip)).await;
        let body = assert_error(resp, status, code).await;
        assert!(
            !body["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{what}"
        );
    }

    // A blocked API in JSON logic: every finding with its place.
    let resp = post_json(
        &app,
        &user,
        &json!({"title": "Bad", "category": "arcade",
            "logic": "aimini.game({\n  setup(ctx) {\n    fetch('/steal');\n    eval('1');\n  },\n});\n"}),
    )
    .await;
    let body = assert_error(resp, 422, "blocked_api").await;
    let msg = body["error"]["message"].as_str().expect("message");
    assert!(msg.contains("logic.js:3:5 `fetch` is not allowed"), "{msg}");
    assert!(msg.contains("logic.js:4:5 `eval` is not allowed"), "{msg}");

    // Field problems come back together.
    let resp = post_json(
        &app,
        &user,
        &json!({"title": "", "category": "sports", "difficulty": "brutal", "tags": ["no spaces"], "logic": "x"}),
    )
    .await;
    let body = assert_error(resp, 422, "validation_failed").await;
    let fields: Vec<&str> = body["error"]["details"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["title", "category", "difficulty", "tags"]);
    let resp = post_json(
        &app,
        &user,
        &json!({"title": "x", "category": "arcade", "logic": "x", "price": 3}),
    )
    .await;
    assert_error(resp, 422, "invalid_body").await;
    let resp = app
        .client
        .post(app.url("/api/v1/games"))
        .bearer_auth(&user.access_token)
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .expect("request");
    assert_error(resp, 415, "unsupported_media_type").await;

    assert_eq!(game_count(&app).await, 0, "nothing refused was stored");
}

#[tokio::test]
async fn uploads_over_the_limit_get_413() {
    let app = spawn_app_with(|s| {
        s.set("AIMINI_UPLOAD_MAX_BYTES", "65536");
        s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "100000/minute");
    })
    .await;
    let user = app.register("bigup").await;
    let logic = template("logic.js");
    // Over the limit while streaming (the whole body is within the multipart allowance).
    let zip = zip_of(&[("logic.js", &logic), ("assets/big.png", &noise(150_000, 3))]);
    let resp = post_form(&app, &user, form(&meta(), zip)).await;
    assert_error(resp, 413, "payload_too_large").await;
    // Refused from Content-Length alone.
    let zip = zip_of(&[("logic.js", &logic), ("assets/big.png", &noise(260_000, 4))]);
    let resp = post_form(&app, &user, form(&meta(), zip)).await;
    assert_error(resp, 413, "payload_too_large").await;
    // Small compressed, too large unpacked (but no bomb: two bits per byte compress about 4:1).
    let text: Vec<u8> = noise(150_000, 5)
        .iter()
        .map(|b| b"abcd"[usize::from(b & 3)])
        .collect();
    let zip = zip_of(&[("logic.js", &logic), ("assets/big.txt", &text)]);
    assert!(zip.len() < 65536, "{}", zip.len());
    let resp = post_form(&app, &user, form(&meta(), zip)).await;
    assert_error(resp, 413, "payload_too_large").await;
    // JSON bodies too.
    let resp = post_json(
        &app,
        &user,
        &json!({"title": "x", "category": "arcade", "logic": "x".repeat(70_000)}),
    )
    .await;
    assert_error(resp, 413, "payload_too_large").await;
    assert_eq!(game_count(&app).await, 0);
}

#[tokio::test]
async fn anonymous_uploads_get_401() {
    let app = spawn().await;
    let resp = app
        .client
        .post(app.url("/api/v1/games"))
        .json(&json!({"title": "x", "category": "arcade", "logic": logic()}))
        .send()
        .await
        .expect("request");
    assert_error(resp, 401, "unauthorized").await;
    let resp = app
        .client
        .post(app.url("/api/v1/games"))
        .multipart(form(
            &meta(),
            zip_of(&[("logic.js", &template("logic.js"))]),
        ))
        .send()
        .await
        .expect("request");
    assert_error(resp, 401, "unauthorized").await;
}

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .expect("status")
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("rss field")
}

#[tokio::test]
async fn a_ten_mb_upload_streams_quickly_in_little_memory() {
    let app = spawn().await;
    let user = app.register("tenmb").await;
    let logic = template("logic.js");
    let assets: Vec<Vec<u8>> = (0..4u64).map(|i| noise(2_500_000, i + 11)).collect();
    let mut entries: Vec<(String, &[u8])> = vec![("logic.js".to_owned(), logic.as_slice())];
    for (i, a) in assets.iter().enumerate() {
        entries.push((format!("assets/track{i}.ogg"), a.as_slice()));
    }
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    let zip = zip_of(&refs);
    assert!(
        zip.len() > 10_000_000 && zip.len() <= 10 << 20,
        "{}",
        zip.len()
    );
    drop(assets);

    // Warm-up (connection pool, first-use allocations), then the measured upload.
    accepted(post_form(&app, &user, form(&meta(), zip_of(&[("logic.js", &logic)]))).await).await;
    let body = Form::new()
        .text("metadata", meta().to_string())
        .part("package", Part::bytes(zip).file_name("game.zip"));
    // The peak-RSS counter restarts here (Linux: writing 5 to clear_refs resets VmHWM).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = rss_kib("VmRSS:");
    let started = Instant::now();
    let resp = post_form(&app, &user, body).await;
    let took = started.elapsed();
    let peak = rss_kib("VmHWM:");
    let body = accepted(resp).await;
    let growth_mib = peak.saturating_sub(before) as f64 / 1024.0;
    eprintln!(
        "10 MB upload: {:.0} ms, peak RSS growth {growth_mib:.1} MiB (client, server and S3 client in one process)",
        took.as_secs_f64() * 1000.0
    );
    let data = game_data(&app, body["id"].as_str().expect("id")).await;
    assert_eq!(data["files"].as_object().expect("files").len(), 6);
    // Generous bounds for a debug build on a busy 2-core machine; the figures are printed above.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    if reset {
        assert!(growth_mib < 40.0, "peak RSS grew {growth_mib:.1} MiB");
    }
}

#[tokio::test]
async fn local_storage_links_are_signed_expiring_and_thumbnails_are_public() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().display().to_string();
    let app = spawn_app_with(|s| {
        s.set("AIMINI_RATE_LIMIT_GAME_UPLOAD", "100000/minute");
        s.set("AIMINI_STORAGE_BACKEND", "local");
        s.set("AIMINI_STORAGE_LOCAL_DIR", path);
    })
    .await;
    let user = app.register("localup").await;
    let hero = noise(20_000, 5);
    let zip = zip_of(&[
        ("logic.js", &template("logic.js")),
        ("assets/hero.png", &hero),
    ]);
    let body = accepted(post_form(&app, &user, form(&meta(), zip)).await).await;
    let id = body["id"].as_str().expect("id");

    let resp = app
        .get_auth(&format!("/api/v1/games/{id}/assets"), &user.access_token)
        .await;
    assert_eq!(resp.status(), 200);
    let assets: Value = resp.json().await.expect("json");
    let hero_url = assets["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["name"] == "assets/hero.png")
        .and_then(|f| f["url"].as_str())
        .expect("hero link")
        .to_owned();
    let (plain, token) = hero_url.split_once("?t=").expect("signed link");
    assert!(
        plain.starts_with(&app.url(&format!("/media/games/{id}/u"))),
        "{hero_url}"
    );

    let resp = app.client.get(&hero_url).send().await.expect("fetch");
    assert_eq!(resp.status(), 200);
    let h = resp.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["content-security-policy"], "default-src 'none'; sandbox");
    let cache = h["cache-control"].to_str().expect("ascii");
    let max_age: u64 = cache
        .strip_prefix("private, max-age=")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{cache}"));
    assert!(
        max_age <= app.config.catalogue.asset_url_ttl.as_secs() && max_age > 0,
        "{cache}"
    );
    assert_eq!(resp.bytes().await.expect("bytes"), hero);

    // No token, a forged one, one for another object, an expired one: all refused.
    assert_error(
        app.client.get(plain).send().await.expect("fetch"),
        403,
        "forbidden",
    )
    .await;
    let (exp, sig) = token.split_once('.').expect("exp.sig");
    let later = exp.parse::<i64>().expect("exp") + 1;
    let forged = format!("{plain}?t={later}.{sig}");
    assert_error(
        app.client.get(&forged).send().await.expect("fetch"),
        403,
        "forbidden",
    )
    .await;
    let logic_plain = plain.replace("assets/hero.png", "logic.js");
    let other = format!("{logic_plain}?t={token}");
    assert_error(
        app.client.get(&other).send().await.expect("fetch"),
        403,
        "forbidden",
    )
    .await;
    let links =
        MediaLinks::new(app.config.auth.jwt_secret.expose_secret().as_bytes()).expect("keys");
    let key = ObjectKey::new(plain.split_once("/media/").expect("media").1).expect("key");
    let now = chrono::Utc::now().timestamp();
    let expired = links.token(&key, now - 1).expect("token");
    let resp = app
        .client
        .get(format!("{plain}?t={expired}"))
        .send()
        .await
        .expect("fetch");
    assert_error(resp, 403, "forbidden").await;
    let fresh = links.token(&key, now + 60).expect("token");
    let resp = app
        .client
        .get(format!("{plain}?t={fresh}"))
        .send()
        .await
        .expect("fetch");
    assert_eq!(resp.status(), 200);

    // A listed game's thumbnails need no link (list pages show them); a missing one is a 404.
    sqlx::query(
        "UPDATE games SET status = 'active', review = 'approved', is_public = true WHERE id = $1",
    )
    .bind(uuid::Uuid::parse_str(id).expect("uuid"))
    .execute(&app.db)
    .await
    .expect("list the game");
    let thumb = app.url(&format!("/media/games/{id}/thumbnails/small.webp"));
    assert_error(
        app.client.get(&thumb).send().await.expect("fetch"),
        404,
        "not_found",
    )
    .await;
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    let key = ObjectKey::new(format!("games/{id}/thumbnails/small.webp")).expect("key");
    storage
        .put(&key, b"RIFF\0\0\0\0WEBP".to_vec().into(), "image/webp")
        .await
        .expect("put thumbnail");
    let resp = app
        .client
        .get(format!("{thumb}?v=abc"))
        .send()
        .await
        .expect("fetch");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/webp");
    assert_eq!(resp.headers()["cache-control"], "public, max-age=300");
    // Paths that are no object key are simply not there.
    let resp = app
        .client
        .get(app.url("/media/games/..%2F..%2Fetc/passwd"))
        .send()
        .await
        .expect("fetch");
    assert_eq!(resp.status(), 404);
}
