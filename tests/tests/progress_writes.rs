//! Progress writes (a request's stage and route) commit without waiting for the WAL flush, and only
//! they: the relaxed setting is scoped to their own transaction, never left on a pooled connection
//! for the durable writes (claims, completions) that follow on it.

use aimini_models::generation::{self, Stage};
use aimini_tests::spawn_app;
use serde_json::json;
use uuid::Uuid;

async fn setting(conn: &mut sqlx::PgConnection) -> String {
    sqlx::query_scalar("SELECT current_setting('synchronous_commit')")
        .fetch_one(conn)
        .await
        .expect("setting")
}

#[tokio::test]
async fn progress_writes_relax_only_their_own_transaction() {
    let app = spawn_app().await;
    let user = app.register("progress").await;
    let id: Uuid = app
        .submit_generation(
            &user.access_token,
            "/api/v1/ai/generate-game",
            &json!({"prompt": "a snake game"}),
        )
        .await
        .parse()
        .expect("uuid");
    sqlx::query("UPDATE ai_generation_requests SET status = 'processing' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .expect("claim by hand");

    let mut conn = app.db.acquire().await.expect("connection");
    assert_eq!(setting(&mut conn).await, "on");
    // Inside one transaction the write turns the setting off for that transaction...
    let mut tx = sqlx::Connection::begin(&mut *conn).await.expect("begin");
    generation::set_stage(&mut *tx, id, Stage::Validating)
        .await
        .expect("stage");
    assert_eq!(setting(&mut tx).await, "off");
    tx.commit().await.expect("commit");
    // ...and after it, and after a write on its own, the connection is durable again.
    assert_eq!(setting(&mut conn).await, "on");
    generation::set_route(
        &mut *conn,
        id,
        ("local", "rules", "asked for a snake game"),
        Stage::Storing,
    )
    .await
    .expect("route");
    assert_eq!(setting(&mut conn).await, "on");

    let (stage, engine): (String, Option<String>) =
        sqlx::query_as("SELECT stage::text, engine FROM ai_generation_requests WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("row");
    assert_eq!(
        (stage.as_str(), engine.as_deref()),
        ("storing", Some("local"))
    );
}
