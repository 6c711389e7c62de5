//! Reading, checking, unpacking and storing packages, against local storage.

use std::io::Cursor;

use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, ZipWriter};
use aimini_models::config::{StorageBackend, StorageConfig};
use axum::body::Body;

use super::zip::*;
use super::*;

const LOGIC: &str = "let n = 0;\naimini.game({\n  setup(ctx) { n = 0; },\n  update(ctx, dt) { n += dt; },\n  draw(ctx) { ctx.clear(\"#000\"); },\n});\n";

fn opts() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        if name.ends_with('/') {
            w.add_directory(*name, opts()).expect("dir");
        } else {
            w.start_file(*name, opts()).expect("start");
            w.write_all(data).expect("write");
        }
    }
    w.finish().expect("finish").into_inner()
}

fn unpack_bytes(zip: &[u8], limit: u64) -> (tempfile::TempDir, ApiResult<Unpacked>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.zip");
    std::fs::write(&path, zip).expect("write zip");
    let res = unpack(&path, dir.path(), limit);
    (dir, res)
}

/// The error code of a refusal (`validation_failed`, `zip_bomb`, ...).
fn code(e: &ApiError) -> String {
    let resp = axum::response::IntoResponse::into_response(match e {
        ApiError::Http {
            status,
            code,
            message,
        } => ApiError::Http {
            status: *status,
            code,
            message: message.clone(),
        },
        ApiError::PayloadTooLarge(m) => ApiError::PayloadTooLarge(m.clone()),
        ApiError::Validation(f) => ApiError::Validation(f.clone()),
        ApiError::BadRequest { code, message } => ApiError::BadRequest {
            code,
            message: message.clone(),
        },
        ApiError::UnsupportedMediaType(m) => ApiError::UnsupportedMediaType(m.clone()),
        other => panic!("unexpected error {other:?}"),
    });
    let status = resp.status();
    let body =
        futures::executor::block_on(axum::body::to_bytes(resp.into_body(), 1 << 20)).expect("body");
    let v: Value = serde_json::from_slice(&body).expect("json");
    format!(
        "{} {}",
        status.as_u16(),
        v["error"]["code"].as_str().unwrap_or_default()
    )
}

fn refused(zip: &[u8], limit: u64) -> String {
    match unpack_bytes(zip, limit).1 {
        Ok(_) => panic!("accepted"),
        Err(e) => code(&e),
    }
}

#[test]
fn a_package_with_assets_unpacks_with_hashes() {
    let png = b"\x89PNG\r\n\x1a\nfake image bytes";
    let zip = zip_of(&[
        ("assets/", b""),
        ("logic.js", LOGIC.as_bytes()),
        ("metadata.json", br#"{"title":"From zip","runtime":"x"}"#),
        ("assets/hero.png", png),
        ("assets/sfx/jump.wav", b"RIFF....WAVE"),
        ("__MACOSX/._logic.js", b"litter"),
    ]);
    let (_dir, res) = unpack_bytes(&zip, 1 << 20);
    let u = res.expect("unpacked");
    assert_eq!(u.logic, LOGIC);
    assert_eq!(
        u.metadata.as_deref(),
        Some(&br#"{"title":"From zip","runtime":"x"}"#[..])
    );
    let names: Vec<&str> = u.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["logic.js", "assets/hero.png", "assets/sfx/jump.wav"]
    );
    let hero = &u.files[1];
    assert_eq!(hero.bytes, png.len() as u64);
    assert_eq!(hero.sha256, hex::encode(Sha256::digest(png)));
    assert_eq!(std::fs::read(&hero.path).expect("extracted"), png);
}

#[test]
fn not_a_zip_is_refused() {
    assert_eq!(
        refused(b"this is not a zip at all", 1 << 20),
        "422 invalid_package"
    );
    assert_eq!(refused(b"", 1 << 20), "422 invalid_package");
    // A real end-of-directory record in front of garbage.
    let mut fake = vec![0u8; 100];
    fake.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0\x30\0\0\0\0\0\0\0\0\0");
    assert_eq!(refused(&fake, 1 << 20), "422 invalid_package");
}

#[test]
fn zip_bombs_are_refused() {
    let zeros = vec![0u8; 4 << 20];
    let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.txt", &zeros)]);
    assert!(zip.len() < 64 * 1024, "highly compressed: {}", zip.len());
    assert_eq!(refused(&zip, 10 << 20), "422 zip_bomb");
    // Over the unpacked limit, though well compressed, it is too large before it is a bomb.
    let text: Vec<u8> = (0..300_000u32)
        .flat_map(|i| i.to_string().into_bytes())
        .collect();
    let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.txt", &text)]);
    assert_eq!(refused(&zip, 100_000), "413 payload_too_large");
    // Small files that compress absurdly well are no bomb.
    let small = vec![b'a'; 60_000];
    let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.txt", &small)]);
    assert!(unpack_bytes(&zip, 1 << 20).1.is_ok());
}

/// Rewrites every uncompressed-size field of a zip made of one stored entry.
fn lie_about_size(zip: &mut [u8], size: u32) {
    let patch = |zip: &mut [u8], sig: &[u8], off: usize| {
        let mut i = 0;
        while let Some(p) = zip[i..].windows(4).position(|w| w == sig) {
            let at = i + p + off;
            zip[at..at + 4].copy_from_slice(&size.to_le_bytes());
            i += p + 4;
        }
    };
    patch(zip, b"PK\x03\x04", 22);
    patch(zip, b"PK\x01\x02", 24);
}

#[test]
fn entries_larger_than_their_header_says_are_refused() {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    w.start_file("logic.js", stored).expect("start");
    w.write_all(LOGIC.as_bytes()).expect("write");
    let mut zip = w.finish().expect("finish").into_inner();
    lie_about_size(&mut zip, 10);
    // Caught by the zip reader's own check or, failing that, by ours: refused either way.
    let err = unpack_bytes(&zip, 1 << 20).1.err().expect("refused");
    assert!(code(&err).starts_with("422 "), "{err}");
    assert!(err.to_string().contains("declare"), "{err}");
}

#[test]
fn unsafe_names_are_refused() {
    for name in [
        "../x.png",
        "assets/../../x.png",
        "/abs/logic.js",
        "a\\b.png",
        "assets/./a.png",
        "C:/x.png",
        "assets/a\u{1}.png",
    ] {
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), (name, b"x")]);
        assert_eq!(refused(&zip, 1 << 20), "422 unsafe_path", "{name:?}");
    }
    for name in ["assets/my sprite.png", "assets/ünï.png"] {
        let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), (name, b"x")]);
        assert_eq!(refused(&zip, 1 << 20), "422 invalid_file_name", "{name:?}");
    }
}

#[test]
fn symlinks_and_special_files_are_refused() {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("logic.js", opts()).expect("start");
    w.write_all(LOGIC.as_bytes()).expect("write");
    w.add_symlink("assets/a.png", "/etc/passwd", opts())
        .expect("symlink");
    let zip = w.finish().expect("finish").into_inner();
    assert_eq!(refused(&zip, 1 << 20), "422 unsafe_path");

    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("logic.js", opts()).expect("start");
    w.write_all(LOGIC.as_bytes()).expect("write");
    let fifo = opts()
        .system(::zip::System::Unix)
        .external_attributes((0o010_644) << 16);
    w.start_file("assets/a.png", fifo).expect("start");
    let zip = w.finish().expect("finish").into_inner();
    assert_eq!(refused(&zip, 1 << 20), "422 unsupported_file_type");
}

#[test]
fn placement_types_and_counts_are_checked() {
    type Entries<'a> = &'a [(&'a str, &'a [u8])];
    let cases: &[(Entries, &str)] = &[
        (&[("assets/a.png", b"x")], "422 missing_logic"),
        (&[("game/logic.js", LOGIC.as_bytes())], "422 missing_logic"),
        (
            &[("logic.js", LOGIC.as_bytes()), ("assets/a.svg", b"<svg/>")],
            "422 unsupported_file_type",
        ),
        (
            &[("logic.js", LOGIC.as_bytes()), ("assets/a.html", b"<p>")],
            "422 unsupported_file_type",
        ),
        (
            &[("logic.js", LOGIC.as_bytes()), ("assets/a.js", b"1")],
            "422 unsupported_file_type",
        ),
        (
            &[("logic.js", LOGIC.as_bytes()), ("index.html", b"<p>")],
            "422 unsupported_file_type",
        ),
        (
            &[
                ("logic.js", LOGIC.as_bytes()),
                ("assets/A.png", b"1"),
                ("assets/a.PNG", b"2"),
            ],
            "422 duplicate_file",
        ),
        (
            &[
                ("logic.js", LOGIC.as_bytes()),
                ("assets/a.png", b"1"),
                ("assets/a.png/b.png", b"2"),
            ],
            "422 invalid_file_name",
        ),
        (&[("logic.js", b"\xff\xfe not utf-8")], "422 invalid_logic"),
    ];
    for (entries, want) in cases {
        assert_eq!(
            refused(&zip_of(entries), 1 << 20),
            *want,
            "{:?}",
            entries.iter().map(|e| e.0).collect::<Vec<_>>()
        );
    }
    let many: Vec<(String, Vec<u8>)> = (0..=MAX_ENTRIES)
        .map(|i| (format!("assets/{i}.txt"), vec![b'x']))
        .collect();
    let mut entries: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    entries.push(("logic.js", LOGIC.as_bytes()));
    assert_eq!(refused(&zip_of(&entries), 1 << 20), "422 too_many_files");
    let err = unpack_bytes(&zip_of(&[("game/logic.js", LOGIC.as_bytes())]), 1 << 20)
        .1
        .err()
        .expect("refused");
    assert!(
        err.to_string().contains("zip the folder's contents"),
        "{err}"
    );
}

#[test]
fn logic_findings_are_listed_with_positions() {
    let err = check_logic("function init(ctx) {\n  fetch('/x');\n  eval('1');\n}\n")
        .expect_err("blocked");
    assert_eq!(code(&err), "422 blocked_api");
    let msg = err.to_string();
    assert!(msg.contains("logic.js:2:3 `fetch` is not allowed"), "{msg}");
    assert!(msg.contains("logic.js:3:3 `eval` is not allowed"), "{msg}");
    let err = check_logic("function (").expect_err("syntax");
    assert_eq!(code(&err), "422 invalid_logic");
    assert!(check_logic(LOGIC).is_ok());
}

fn json_req(body: &Value) -> Request {
    Request::builder()
        .method("POST")
        .uri("/api/v1/games")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(serde_json::to_vec(body).expect("json")))
        .expect("request")
}

fn multipart_req(metadata: Option<&Value>, zip: Option<&[u8]>) -> Request {
    let b = "XyZ-boundary-123";
    let mut body = Vec::new();
    if let Some(m) = metadata {
        body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{m}\r\n").as_bytes());
    }
    if let Some(z) = zip {
        body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"game.zip\"\r\nContent-Type: application/zip\r\n\r\n").as_bytes());
        body.extend_from_slice(z);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
    Request::builder()
        .method("POST")
        .uri("/api/v1/games")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={b}"),
        )
        .body(Body::from(body))
        .expect("request")
}

async fn input(req: Request, mode: Mode) -> Result<GameInput, String> {
    read_input_limited(1 << 20, req, mode)
        .await
        .map_err(|e| code(&e))
}

#[tokio::test]
async fn json_bodies_are_validated_and_normalised() {
    let ok = input(
        json_req(&json!({"title": "  Snake  ", "category": "arcade", "tags": ["Retro", "retro", " fun-2 "],
            "params": {"speed": 3}, "logic": LOGIC})),
        Mode::Create,
    )
    .await
    .expect("accepted");
    assert_eq!(ok.meta.title.as_deref(), Some("Snake"));
    assert_eq!(
        ok.meta.tags,
        Some(vec!["retro".to_owned(), "fun-2".to_owned()])
    );
    let pkg = ok.package.expect("package");
    assert_eq!(pkg.files.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&pkg.files[0].path).expect("staged"),
        LOGIC
    );

    let unknown = input(
        json_req(&json!({"title": "x", "category": "arcade", "logic": LOGIC, "extra": 1})),
        Mode::Create,
    )
    .await;
    assert_eq!(unknown.err().as_deref(), Some("422 invalid_body"));
    let missing = read_input_limited(
        1 << 20,
        json_req(&json!({"description": "d"})),
        Mode::Create,
    )
    .await
    .expect_err("refused");
    let ApiError::Validation(fields) = &missing else {
        panic!("{missing:?}")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, ["title", "category", "logic"]);
    let bad = read_input_limited(
        1 << 20,
        json_req(
            &json!({"title": "x".repeat(201), "category": "sports", "difficulty": "brutal",
            "tags": ["no spaces"], "params": [1], "description": "d".repeat(5001), "logic": LOGIC}),
        ),
        Mode::Create,
    )
    .await
    .expect_err("refused");
    let ApiError::Validation(fields) = &bad else {
        panic!("{bad:?}")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        names,
        [
            "title",
            "description",
            "category",
            "difficulty",
            "tags",
            "params"
        ]
    );
    let tags: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    let many = input(
        json_req(&json!({"title": "x", "category": "arcade", "tags": tags, "logic": LOGIC})),
        Mode::Create,
    )
    .await;
    assert_eq!(many.err().as_deref(), Some("422 validation_failed"));
    let blocked = input(
        json_req(&json!({"title": "x", "category": "arcade", "logic": "fetch('/steal')"})),
        Mode::Create,
    )
    .await;
    assert_eq!(blocked.err().as_deref(), Some("422 blocked_api"));
    let syntax = Request::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"title\":"))
        .expect("request");
    assert_eq!(
        input(syntax, Mode::Create).await.err().as_deref(),
        Some("400 invalid_json")
    );
    let text = Request::builder()
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("hi"))
        .expect("request");
    assert_eq!(
        input(text, Mode::Create).await.err().as_deref(),
        Some("415 unsupported_media_type")
    );

    // Edits: every field optional; title-only changes nothing in the package, params do.
    let edit = input(json_req(&json!({"title": "New"})), Mode::Update)
        .await
        .expect("edit");
    assert!(edit.package.is_none());
    let edit = input(json_req(&json!({"params": {"a": 1}})), Mode::Update)
        .await
        .expect("edit");
    assert!(edit.package.is_some_and(|p| p.files.is_empty()));
    let blank = input(json_req(&json!({"title": "  "})), Mode::Update).await;
    assert_eq!(blank.err().as_deref(), Some("422 validation_failed"));
}

#[tokio::test]
async fn multipart_uploads_merge_metadata_and_bound_sizes() {
    let zip = zip_of(&[
        ("logic.js", LOGIC.as_bytes()),
        ("metadata.json", br#"{"title":"Zip title","description":"from zip","template":{"params":{"k":1}},"controls":"x"}"#),
        ("assets/a.png", b"png"),
    ]);
    let got = input(
        multipart_req(
            Some(&json!({"title": "Part title", "category": "puzzle"})),
            Some(&zip),
        ),
        Mode::Create,
    )
    .await
    .expect("accepted");
    assert_eq!(got.meta.title.as_deref(), Some("Part title"));
    assert_eq!(got.meta.description.as_deref(), Some("from zip"));
    assert_eq!(got.meta.params, Some(json!({"k": 1})));
    let pkg = got.package.expect("package");
    assert!(pkg.complete);
    assert_eq!(pkg.files.len(), 2);

    let no_package = input(
        multipart_req(Some(&json!({"title": "t", "category": "puzzle"})), None),
        Mode::Create,
    )
    .await;
    assert_eq!(no_package.err().as_deref(), Some("422 validation_failed"));
    let unknown = input(
        multipart_req(
            Some(&json!({"title": "t", "category": "puzzle", "logic": "x"})),
            Some(&zip),
        ),
        Mode::Create,
    )
    .await;
    assert_eq!(unknown.err().as_deref(), Some("422 invalid_body"));
    let bomb = zip_of(&[
        ("logic.js", LOGIC.as_bytes()),
        ("assets/z.txt", &vec![0u8; 2 << 20]),
    ]);
    let r = read_input_limited(
        1 << 20,
        multipart_req(
            Some(&json!({"title": "t", "category": "puzzle"})),
            Some(&bomb),
        ),
        Mode::Create,
    )
    .await;
    assert_eq!(r.err().map(|e| code(&e)).as_deref(), Some("422 zip_bomb"));
    let big: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
    let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/big.txt", &big)]);
    let r = read_input_limited(
        50_000,
        multipart_req(
            Some(&json!({"title": "t", "category": "puzzle"})),
            Some(&zip),
        ),
        Mode::Create,
    )
    .await;
    assert_eq!(
        r.err().map(|e| code(&e)).as_deref(),
        Some("413 payload_too_large")
    );
}

async fn local_storage() -> (Storage, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let storage = Storage::connect(&StorageConfig {
        backend: StorageBackend::Local {
            dir: dir.path().to_path_buf(),
        },
        public_base_url: None,
    })
    .await
    .expect("storage");
    (storage, dir)
}

#[tokio::test]
async fn store_writes_fresh_immutable_keys_and_shares_unchanged_ones() {
    let (storage, _root) = local_storage().await;
    let game = Uuid::new_v4();
    let zip = zip_of(&[
        ("logic.js", LOGIC.as_bytes()),
        ("assets/a.png", b"png-bytes"),
    ]);
    let created = input(
        multipart_req(
            Some(&json!({"title": "G", "category": "puzzle", "params": {"p": 1}})),
            Some(&zip),
        ),
        Mode::Create,
    )
    .await
    .expect("accepted");
    let (p1, keys) = created
        .package
        .expect("pkg")
        .store(&storage, game, None)
        .await
        .expect("store");
    let v1 = p1.to_value();
    assert_eq!(v1["schema_version"], 1);
    assert_eq!(v1["metadata"]["title"], "G");
    assert_eq!(v1["metadata"]["params"], json!({"p": 1}));
    assert_eq!(keys.len(), 3, "logic, asset, metadata");
    let prefix = format!("games/{game}/u");
    for name in ["logic.js", "metadata.json", "assets/a.png"] {
        let f = &v1["files"][name];
        let key = f["key"].as_str().expect("key");
        assert!(
            key.starts_with(&prefix) && key.ends_with(&format!("/{name}")),
            "{key}"
        );
        assert_eq!(key.len(), prefix.len() + 12 + 1 + name.len(), "{key}");
        let obj = storage
            .get(&ObjectKey::new(key).expect("key"))
            .await
            .expect("get")
            .expect("stored");
        assert_eq!(f["sha256"], hex::encode(Sha256::digest(&obj.bytes)));
        assert_eq!(f["bytes"], obj.bytes.len());
    }
    assert_eq!(v1["files"]["assets/a.png"]["content_type"], "image/png");
    let meta_key =
        ObjectKey::new(v1["files"]["metadata.json"]["key"].as_str().expect("key")).expect("key");
    let stored_meta: Value = serde_json::from_slice(
        &storage
            .get(&meta_key)
            .await
            .expect("get")
            .expect("meta")
            .bytes,
    )
    .expect("json");
    assert_eq!(stored_meta, v1["metadata"]);

    // A JSON edit with new logic keeps the asset's key and gets a new logic key.
    let new_logic = LOGIC.replace("n = 0", "n = 1");
    let edit = input(json_req(&json!({"logic": new_logic})), Mode::Update)
        .await
        .expect("edit");
    let (p2, keys2) = edit
        .package
        .expect("pkg")
        .store(&storage, game, Some(&p1))
        .await
        .expect("store");
    let v2 = p2.to_value();
    assert_eq!(v2["files"]["assets/a.png"], v1["files"]["assets/a.png"]);
    assert_ne!(
        v2["files"]["logic.js"]["key"],
        v1["files"]["logic.js"]["key"]
    );
    assert_eq!(v2["metadata"]["title"], "G");
    // metadata.json is unchanged, so it is shared too; only logic.js was written.
    assert_eq!(v2["files"]["metadata.json"], v1["files"]["metadata.json"]);
    assert_eq!(keys2.len(), 1);

    // A params-only edit rewrites metadata.json alone.
    let edit = input(json_req(&json!({"params": {"p": 2}})), Mode::Update)
        .await
        .expect("edit");
    let (p3, keys3) = edit
        .package
        .expect("pkg")
        .store(&storage, game, Some(&p2))
        .await
        .expect("store");
    let v3 = p3.to_value();
    assert_eq!(keys3.len(), 1);
    assert_eq!(v3["metadata"]["params"], json!({"p": 2}));
    assert_eq!(v3["files"]["logic.js"], v2["files"]["logic.js"]);

    // A zip is a whole package: assets it does not carry are gone from the new version.
    let zip = zip_of(&[("logic.js", LOGIC.as_bytes())]);
    let edit = input(multipart_req(None, Some(&zip)), Mode::Update)
        .await
        .expect("edit");
    let (p4, _) = edit
        .package
        .expect("pkg")
        .store(&storage, game, Some(&p3))
        .await
        .expect("store");
    let v4 = p4.to_value();
    assert!(v4["files"].get("assets/a.png").is_none());
    // The same zip again: every object is shared, nothing is written.
    let edit = input(multipart_req(None, Some(&zip)), Mode::Update)
        .await
        .expect("edit");
    let (p5, keys5) = edit
        .package
        .expect("pkg")
        .store(&storage, game, Some(&p4))
        .await
        .expect("store");
    let v5 = p5.to_value();
    assert_eq!(v5["files"], v4["files"]);
    assert!(keys5.is_empty(), "{keys5:?}");
    // Old versions' objects are untouched.
    let old =
        ObjectKey::new(v1["files"]["assets/a.png"]["key"].as_str().expect("key")).expect("key");
    assert!(storage.get(&old).await.expect("get").is_some());
}

#[tokio::test]
async fn temp_files_go_away_with_the_package() {
    let zip = zip_of(&[("logic.js", LOGIC.as_bytes()), ("assets/a.png", b"png")]);
    let got = input(
        multipart_req(
            Some(&json!({"title": "G", "category": "puzzle"})),
            Some(&zip),
        ),
        Mode::Create,
    )
    .await
    .expect("accepted");
    let pkg = got.package.expect("pkg");
    let dir = pkg.dir.as_ref().expect("dir").path().to_path_buf();
    assert!(dir.join("f0").exists());
    assert!(
        !dir.join("package.zip").exists(),
        "the zip is removed once unpacked"
    );
    drop(pkg);
    assert!(!dir.exists());
}
