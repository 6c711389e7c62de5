//! The generation pipeline with the real local models (SmolLM2 + MiniLM) loaded by the worker: a
//! prompt becomes a stored game whose parameters the model wrote. Needs the weights
//! (`scripts/models.sh`); without them the test fails and says so.

use aimini_models::storage::{ObjectKey, Storage};
use aimini_tests::{models_dir, spawn_app_with};
use serde_json::{Value, json};

#[tokio::test]
async fn the_worker_generates_with_the_local_models_and_stores_the_package() {
    let dir = models_dir();
    let app = spawn_app_with(|src| {
        src.set("AIMINI_LOCAL_MODEL", "true");
        src.set("AIMINI_MODELS_DIR", dir);
    })
    .await;
    let user = app.register("modeller").await;
    let id = app
        .submit_generation(
            &user.access_token,
            "/api/v1/ai/generate-game",
            &json!({"prompt": "a word scramble game about the ocean and sea animals"}),
        )
        .await;

    let _worker = app.start_worker().await;
    let done = app.wait_generation(&user.access_token, &id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(done["engine"], "local");
    let model = done["model"].as_str().expect("model");
    assert!(
        model.contains("SmolLM2") && model.contains("MiniLM"),
        "{done}"
    );
    let reason = done["route_reason"].as_str().expect("reason");
    assert!(
        reason.contains("embedding similarity") && reason.contains("by SmolLM2"),
        "{reason}"
    );
    assert!(
        done["tokens_used"].as_i64().is_some_and(|t| t > 0),
        "{done}"
    );

    let game_id = done["result_game_id"].as_str().expect("game id").to_owned();
    let data: Value = sqlx::query_scalar("SELECT game_data FROM games WHERE id = $1::uuid")
        .bind(&game_id)
        .fetch_one(&app.db)
        .await
        .expect("game row");
    let metadata = &data["metadata"];
    assert_eq!(metadata["template"]["id"], "word-scramble", "{metadata}");
    assert_eq!(metadata["engine"]["model"], model);
    assert_eq!(metadata["template"]["params"]["theme"], "ocean");

    let storage = Storage::connect(&app.config.storage)
        .await
        .expect("storage");
    for name in ["metadata.json", "logic.js"] {
        let key = ObjectKey::new(data["files"][name]["key"].as_str().expect("key")).expect("key");
        let obj = storage.get(&key).await.expect("get").expect("object in S3");
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&obj.bytes));
        assert_eq!(data["files"][name]["sha256"], sha, "{name}");
    }
}
