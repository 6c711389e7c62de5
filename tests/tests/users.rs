//! Profiles, public views and avatar uploads (stored in the real S3-compatible server).

use std::io::Cursor;

use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::{TestApp, assert_error, spawn_app, spawn_app_with};
use serde_json::{Value, json};

async fn put_profile(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/users/profile"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn profile_update_partial_and_clearing() {
    let app = spawn_app().await;
    let user = app.register("ada").await;
    let resp = put_profile(
        &app,
        &user.access_token,
        json!({"display_name": "  Ada Lovelace ", "bio": "Poet of science.\nFirst programmer.", "website_url": "https://ada.dev"}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["display_name"], "Ada Lovelace");
    assert_eq!(body["website_url"], "https://ada.dev");

    // Omitted fields stay, null clears.
    let body: Value = put_profile(&app, &user.access_token, json!({"website_url": null}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(body["display_name"], "Ada Lovelace");
    assert!(body["website_url"].is_null());

    let profile: Value = app
        .get_auth("/api/v1/users/profile", &user.access_token)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(profile["bio"], "Poet of science.\nFirst programmer.");
    assert_eq!(profile["email"], "ada@example.com");

    let bad = put_profile(
        &app,
        &user.access_token,
        json!({"display_name": "x".repeat(101), "website_url": "javascript:alert(1)"}),
    )
    .await;
    let err = assert_error(bad, 422, "validation_failed").await;
    assert_eq!(
        err["error"]["details"]["fields"].as_array().map(Vec::len),
        Some(2)
    );
    let unknown = put_profile(&app, &user.access_token, json!({"role": "admin"})).await;
    assert_error(unknown, 422, "invalid_body").await;
}

#[tokio::test]
async fn public_profiles_never_show_the_email() {
    let app = spawn_app().await;
    let user = app.register("grace").await;
    let resp = app
        .client
        .get(app.url(&format!("/api/v1/users/{}", user.id)))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.expect("body");
    assert!(!text.contains("grace@example.com"), "email leaked: {text}");
    let body: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(body["username"], "grace");
    assert!(
        body.get("email").is_none() && body.get("role").is_none() && body.get("status").is_none()
    );

    let missing = app
        .client
        .get(app.url(&format!("/api/v1/users/{}", uuid::Uuid::new_v4())))
        .send()
        .await
        .expect("request");
    assert_error(missing, 404, "not_found").await;
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, 255])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

async fn upload(
    app: &TestApp,
    token: &str,
    bytes: Vec<u8>,
    filename: &str,
    mime: &str,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(filename.to_owned())
        .mime_str(mime)
        .expect("mime");
    app.client
        .post(app.url("/api/v1/users/avatar"))
        .bearer_auth(token)
        .multipart(reqwest::multipart::Form::new().part("avatar", part))
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn avatar_upload_converts_to_a_square_webp_in_object_storage() {
    let app = spawn_app().await;
    let user = app.register("hopper").await;
    let resp = upload(
        &app,
        &user.access_token,
        png(300, 200),
        "me.png",
        "image/png",
    )
    .await;
    assert_eq!(
        resp.status(),
        200,
        "{}",
        resp.text().await.unwrap_or_default()
    );
    let body: Value = resp.json().await.expect("json");
    let url = body["avatar_url"].as_str().expect("avatar url").to_owned();
    assert!(
        url.starts_with(&format!("{}/media/avatars/{}/", app.address, user.id)),
        "{url}"
    );
    assert!(url.ends_with(".webp"));

    let got = app.client.get(&url).send().await.expect("fetch avatar");
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["content-type"], "image/webp");
    let bytes = got.bytes().await.expect("bytes");
    let img =
        image::load_from_memory_with_format(&bytes, image::ImageFormat::WebP).expect("valid webp");
    assert_eq!((img.width(), img.height()), (256, 256));

    // The object really is in the test's bucket on the S3 server, read back with our own client.
    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    let key = ObjectKey::new(url.split("/media/").nth(1).expect("key")).expect("key");
    let stored = storage
        .get(&key)
        .await
        .expect("s3 get")
        .expect("object exists in S3");
    assert_eq!(stored.content_type, "image/webp");
    assert_eq!(&stored.bytes[..], &bytes[..]);

    // Replacing the avatar changes the URL and removes the old object.
    let resp = upload(
        &app,
        &user.access_token,
        png(64, 64),
        "other.png",
        "image/png",
    )
    .await;
    let body: Value = resp.json().await.expect("json");
    assert_ne!(body["avatar_url"].as_str(), Some(url.as_str()));
    let old = app.client.get(&url).send().await.expect("fetch old avatar");
    assert_error(old, 404, "not_found").await;
    assert!(
        storage.get(&key).await.expect("s3 get").is_none(),
        "old object deleted from S3"
    );
}

#[tokio::test]
async fn avatar_rejects_non_images_lies_and_oversized_files() {
    let app = spawn_app_with(|src| src.set("AIMINI_AVATAR_MAX_BYTES", "100000")).await;
    let user = app.register("mallory").await;

    let text = upload(
        &app,
        &user.access_token,
        b"hello, I am text".to_vec(),
        "a.png",
        "image/png",
    )
    .await;
    assert_error(text, 415, "unsupported_media_type").await;

    let svg = upload(
        &app,
        &user.access_token,
        b"<svg onload=alert(1)></svg>".to_vec(),
        "a.svg",
        "image/svg+xml",
    )
    .await;
    assert_error(svg, 415, "unsupported_media_type").await;

    // PNG magic with a corrupt body.
    let mut broken = png(10, 10);
    broken.truncate(30);
    let corrupt = upload(&app, &user.access_token, broken, "b.png", "image/png").await;
    assert_error(corrupt, 422, "validation_failed").await;

    let big = upload(
        &app,
        &user.access_token,
        vec![0x89; 150_000],
        "big.png",
        "image/png",
    )
    .await;
    assert_error(big, 413, "payload_too_large").await;

    let anonymous = app
        .client
        .post(app.url("/api/v1/users/avatar"))
        .multipart(
            reqwest::multipart::Form::new()
                .part("avatar", reqwest::multipart::Part::bytes(png(8, 8))),
        )
        .send()
        .await
        .expect("request");
    assert_error(anonymous, 401, "unauthorized").await;

    let no_field = app
        .client
        .post(app.url("/api/v1/users/avatar"))
        .bearer_auth(&user.access_token)
        .multipart(reqwest::multipart::Form::new().text("other", "x"))
        .send()
        .await
        .expect("request");
    assert_error(no_field, 422, "validation_failed").await;

    let profile: Value = app
        .get_auth("/api/v1/users/profile", &user.access_token)
        .await
        .json()
        .await
        .expect("json");
    assert!(profile["avatar_url"].is_null(), "nothing was stored");
}
