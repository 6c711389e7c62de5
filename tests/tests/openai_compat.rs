//! OpenAI-compatible servers that refuse `response_format: json_schema` (older llama.cpp server
//! builds, some hosted providers) against a loopback server that behaves that way: `auto` mode
//! notices the refusal, asks again in `json_object` mode with the schema in the system message,
//! and remembers; `json_object` can be forced; forcing `json_schema` falls back to local instead.

use aimini_tests::fake_openai::FakeOpenAi;
use serde_json::{Value, json};

/// Not simple by any rule, so `auto` routes it to OpenAI.
const HARD_PROMPT: &str =
    "a platformer where a cat collects stars while avoiding dogs on moving clouds";

fn formats(fake: &FakeOpenAi) -> Vec<String> {
    fake.chat_requests()
        .iter()
        .map(|r| {
            r.body["response_format"]["type"]
                .as_str()
                .unwrap_or("none")
                .to_owned()
        })
        .collect()
}

fn system_message(body: &Value) -> &str {
    body["messages"][0]["content"]
        .as_str()
        .expect("system text")
}

#[tokio::test]
async fn auto_mode_falls_back_to_json_object_once_and_remembers() {
    let fake = FakeOpenAi::start().await;
    fake.only_json_object();
    let app = fake.spawn_app(&[]).await;
    let _worker = app.start_worker().await;
    let user = app.register("compat_auto").await;

    let first = app
        .generate_and_wait(&user.access_token, &json!({"prompt": HARD_PROMPT}))
        .await;
    assert_eq!(first["engine"], "openai", "{first}");
    assert_eq!(
        formats(&fake),
        ["json_schema", "json_object"],
        "refused once, then asked again in JSON mode"
    );
    let sent = fake.chat_requests();
    let object_call = &sent[1].body;
    assert!(object_call["response_format"].get("json_schema").is_none());
    let system = system_message(object_call);
    assert!(
        system.contains("JSON Schema:") && system.contains("\"logic_js\""),
        "the schema travels in the system message"
    );
    assert!(
        !system_message(&sent[0].body).contains("JSON Schema:"),
        "structured outputs need no schema in the prompt"
    );
    // The refused call cost nothing: the tokens are the one answered call's.
    assert_eq!(first["tokens_used"], 420, "{first}");

    // The worker remembers: the next request goes straight to json_object.
    let second = app
        .generate_and_wait(&user.access_token, &json!({"prompt": HARD_PROMPT}))
        .await;
    assert_eq!(second["engine"], "openai", "{second}");
    assert_eq!(
        formats(&fake),
        ["json_schema", "json_object", "json_object"]
    );
}

#[tokio::test]
async fn json_object_can_be_forced_and_json_schema_forced_falls_back_to_local() {
    let fake = FakeOpenAi::start().await;
    fake.only_json_object();
    let forced_object = fake
        .spawn_app(&[("AIMINI_OPENAI_RESPONSE_FORMAT", "json_object")])
        .await;
    let worker = forced_object.start_worker().await;
    let user = forced_object.register("compat_object").await;
    let done = forced_object
        .generate_and_wait(&user.access_token, &json!({"prompt": HARD_PROMPT}))
        .await;
    assert_eq!(done["engine"], "openai", "{done}");
    assert_eq!(formats(&fake), ["json_object"], "never tries json_schema");
    drop(worker);

    let fake = FakeOpenAi::start().await;
    fake.only_json_object();
    let forced_schema = fake
        .spawn_app(&[("AIMINI_OPENAI_RESPONSE_FORMAT", "json_schema")])
        .await;
    let _worker = forced_schema.start_worker().await;
    let user = forced_schema.register("compat_schema").await;
    let done = forced_schema
        .generate_and_wait(&user.access_token, &json!({"prompt": HARD_PROMPT}))
        .await;
    assert_eq!(done["engine"], "local", "{done}");
    let why = done["route_reason"].as_str().expect("reason");
    assert!(
        why.contains("response_format") && why.contains("fell back to local"),
        "the refusal is the stated reason: {why}"
    );
    assert_eq!(formats(&fake), ["json_schema"], "a refusal is not retried");
}

#[test]
fn a_bad_mode_is_one_clear_config_line() {
    let err = aimini_models::Config::from_source(&aimini_models::config::Source::from_pairs([
        ("AIMINI_OPENAI_API_KEY", "sk-x".to_owned()),
        ("AIMINI_OPENAI_RESPONSE_FORMAT", "yaml".to_owned()),
    ]))
    .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "invalid configuration: AIMINI_OPENAI_RESPONSE_FORMAT: expected auto, json_schema or json_object, got \"yaml\""
    );
}
