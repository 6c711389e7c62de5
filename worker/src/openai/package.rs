//! The package the model writes: its JSON schema (sent as a strict `json_schema` response format)
//! and the checks every answer passes before it becomes a [`Package`].
//!
//! Strict structured outputs accept only a subset of JSON Schema (no string lengths), so the
//! schema fixes the shape and the closed lists, and [`check`] enforces the sizes and runs the same
//! static safety checks of `logic.js` that every package passes (`jscheck`, findings as line:col).

use aimini_models::jscheck;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::engines::Package;

/// The closed category list of `prompts/runtime-api.md` (the templates use a subset of it).
pub const CATEGORIES: &[&str] = &[
    "puzzle", "action", "strategy", "word", "math", "memory", "quiz", "reaction", "arcade", "board",
];
pub const DIFFICULTIES: &[&str] = &["easy", "medium", "hard"];

/// Size limits of the metadata fields and the code.
pub struct Limits;

impl Limits {
    pub const TITLE: usize = 60;
    pub const DESCRIPTION: usize = 300;
    pub const TAGS: usize = 8;
    pub const TAG: usize = 30;
    pub const CONTROL: usize = 200;
    /// Far below `jscheck::MAX_LOGIC_BYTES`: a game this engine writes is a few KB.
    pub const LOGIC_BYTES: usize = 64 * 1024;
}

/// The `response_format.json_schema.schema` of every generation call.
pub fn schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["title", "description", "category", "difficulty", "tags", "controls", "logic_js"],
        "properties": {
            "title": {"type": "string", "description": "The game's name, at most 60 characters."},
            "description": {"type": "string", "description": "One or two sentences, at most 300 characters."},
            "category": {"type": "string", "enum": CATEGORIES},
            "difficulty": {"type": "string", "enum": DIFFICULTIES},
            "tags": {"type": "array", "items": {"type": "string"}, "description": "Up to 8 short lowercase words."},
            "controls": {
                "type": "object",
                "additionalProperties": false,
                "required": ["keys", "pointer", "touch"],
                "properties": {
                    "keys": {"type": "string"},
                    "pointer": {"type": "string"},
                    "touch": {"type": "boolean"}
                }
            },
            "logic_js": {"type": "string", "description": "The whole game, written against the aimini runtime API."}
        }
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Controls {
    keys: String,
    pointer: String,
    touch: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer {
    title: String,
    description: String,
    category: String,
    difficulty: String,
    tags: Vec<String>,
    controls: Controls,
    logic_js: String,
}

fn too_long(field: &str, s: &str, max: usize, problems: &mut Vec<String>) {
    let n = s.chars().count();
    if n > max {
        problems.push(format!("{field} is {n} characters long; at most {max}"));
    }
}

/// Checks the model's answer (the message content) and builds the package, or lists every problem
/// in words the model can act on.
/// The answer without a Markdown code fence around it: servers in `json_object` mode sometimes
/// still wrap the object in one.
fn unfenced(content: &str) -> &str {
    let t = content.trim();
    if let Some(rest) = t.strip_prefix("```") {
        let rest = rest.strip_prefix("json").unwrap_or(rest);
        if let Some(inner) = rest.trim_end().strip_suffix("```") {
            return inner.trim();
        }
    }
    t
}

pub fn check(content: &str) -> Result<Package, Vec<String>> {
    let answer: Answer = serde_json::from_str(unfenced(content)).map_err(|e| {
        vec![format!(
            "the answer is not a JSON object of the required shape: {e}"
        )]
    })?;
    let mut problems = Vec::new();
    let title = answer.title.trim().to_owned();
    let description = answer.description.trim().to_owned();
    if title.is_empty() {
        problems.push("title is empty".to_owned());
    }
    too_long("title", &title, Limits::TITLE, &mut problems);
    if description.is_empty() {
        problems.push("description is empty".to_owned());
    }
    too_long(
        "description",
        &description,
        Limits::DESCRIPTION,
        &mut problems,
    );
    if !CATEGORIES.contains(&answer.category.as_str()) {
        problems.push(format!(
            "category {:?} is not one of {}",
            answer.category,
            CATEGORIES.join(", ")
        ));
    }
    if !DIFFICULTIES.contains(&answer.difficulty.as_str()) {
        problems.push(format!(
            "difficulty {:?} is not one of easy, medium, hard",
            answer.difficulty
        ));
    }
    if answer.tags.len() > Limits::TAGS {
        problems.push(format!(
            "{} tags; at most {}",
            answer.tags.len(),
            Limits::TAGS
        ));
    }
    let tags: Vec<String> = answer
        .tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .take(Limits::TAGS)
        .collect();
    for t in &tags {
        too_long("a tag", t, Limits::TAG, &mut problems);
    }
    too_long(
        "controls.keys",
        &answer.controls.keys,
        Limits::CONTROL,
        &mut problems,
    );
    too_long(
        "controls.pointer",
        &answer.controls.pointer,
        Limits::CONTROL,
        &mut problems,
    );
    if !answer.controls.touch {
        problems.push("controls.touch is false; every game must be playable by pointer".into());
    }
    let logic = answer.logic_js;
    if logic.len() > Limits::LOGIC_BYTES {
        problems.push(format!(
            "logic_js is {} bytes; at most {}",
            logic.len(),
            Limits::LOGIC_BYTES
        ));
    } else {
        if !logic.contains("aimini.game(") {
            problems.push("logic_js never calls aimini.game({ setup, update, draw })".into());
        }
        if let Err(findings) = jscheck::check_logic(&logic) {
            problems.extend(findings.iter().take(20).map(|f| format!("logic_js:{f}")));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let metadata = json!({
        "schema_version": 1,
        "runtime": "aimini-runtime/1",
        "title": title,
        "description": description,
        "category": answer.category,
        "difficulty": answer.difficulty,
        "tags": tags,
        "controls": {
            "keys": answer.controls.keys,
            "pointer": answer.controls.pointer,
            "touch": answer.controls.touch,
        },
        // Replaced by `Generated::new` with the engine and model that did the work.
        "engine": null,
    });
    Ok(Package {
        metadata,
        logic: logic.into(),
        title,
        description,
        category: answer.category,
        difficulty: answer.difficulty,
        tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(logic: &str) -> String {
        json!({
            "title": "Cat Hop", "description": "Hop across the clouds.", "category": "action",
            "difficulty": "easy", "tags": ["Cat", "clouds"],
            "controls": {"keys": "Space to jump", "pointer": "Tap to jump", "touch": true},
            "logic_js": logic,
        })
        .to_string()
    }

    const GOOD: &str = "let y = 0;\naimini.game({ setup(ctx) { y = 0; }, update(ctx, dt) { y += dt; }, draw(ctx) { ctx.clear('#000'); } });\n";

    #[test]
    fn an_answer_in_a_code_fence_is_read_like_a_bare_one() {
        for wrapped in [
            format!("```json\n{}\n```", answer(GOOD)),
            format!("```\n{}\n```\n", answer(GOOD)),
            format!("  {}  ", answer(GOOD)),
        ] {
            assert_eq!(check(&wrapped).expect("valid").title, "Cat Hop");
        }
        assert!(check("```json\n{\"title\": 1}\n```").is_err());
    }

    #[test]
    fn a_good_answer_becomes_a_package_shaped_like_the_local_ones() {
        let pkg = check(&answer(GOOD)).expect("valid");
        assert_eq!(pkg.title, "Cat Hop");
        assert_eq!(pkg.tags, ["cat", "clouds"]);
        assert_eq!(pkg.metadata["runtime"], "aimini-runtime/1");
        assert_eq!(pkg.metadata["schema_version"], 1);
        assert!(pkg.metadata.get("template").is_none());
        for key in [
            "title",
            "description",
            "category",
            "difficulty",
            "tags",
            "controls",
            "engine",
        ] {
            assert!(pkg.metadata.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn blocked_code_is_reported_with_its_location() {
        let bad = GOOD.replace("y = 0; }", "y = 0; fetch('https://evil.example'); }");
        let problems = check(&answer(&bad)).expect_err("blocked");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("logic_js:2:") && p.contains("fetch")),
            "{problems:?}"
        );
    }

    #[test]
    fn shape_and_size_problems_are_all_listed() {
        let mut v: Value = serde_json::from_str(&answer(GOOD)).expect("json");
        v["title"] = json!("x".repeat(61));
        v["category"] = json!("racing");
        v["tags"] = json!(vec!["a"; 9]);
        let problems = check(&v.to_string()).expect_err("bad");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(check("not json").is_err());
        assert!(check(r#"{"title": "x"}"#).is_err());
    }

    #[test]
    fn the_schema_is_strict_compatible() {
        // Strict mode: every object lists all its properties as required and forbids others.
        fn walk(v: &Value) {
            if v["type"] == "object" {
                assert_eq!(v["additionalProperties"], false);
                let props = v["properties"].as_object().expect("properties");
                let required: Vec<&str> = v["required"]
                    .as_array()
                    .expect("required")
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                for (k, sub) in props {
                    assert!(required.contains(&k.as_str()), "{k} not required");
                    walk(sub);
                }
            }
        }
        walk(&schema());
    }
}
