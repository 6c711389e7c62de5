//! The rule-based template filler of the local engine: picks a template for a prompt and fills
//! its parameters.
//!
//! The deterministic rule-based filler: keyword retrieval over each template's description and
//! tags, theme and title derived from the prompt, schema defaults for the rest, the client's
//! explicit parameters on top, and the template's JSON Schema as the final word. It reports itself
//! as model `template-rules`, so a request never claims a model it did not use. With the candle
//! models loaded (`local/`), embeddings pick the template and SmolLM2 writes the free-text
//! parameters over these rule values; the rules remain the fallback for every field.

use aimini_models::content::Content;
use aimini_models::templates::{Template, TemplateSet};
use serde_json::{Value, json};

use crate::engines::{EngineError, Package};

pub const RULES_MODEL: &str = "template-rules";

#[derive(Debug)]
pub struct Pick<'a> {
    pub template: &'a Template,
    pub reason: String,
}

const STOPWORDS: &[&str] = &[
    "a", "an", "the", "game", "games", "make", "create", "build", "me", "my", "with", "and", "or",
    "of", "to", "in", "on", "for", "where", "that", "is", "are", "be", "it", "its", "simple",
    "fun", "little", "mini", "some", "please", "like", "about", "you", "i", "want", "can", "play",
    "player", "where", "which", "who", "has", "have", "as", "at",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 1 && !STOPWORDS.contains(w))
        .map(|w| w.trim_end_matches('s').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Chooses the template: an explicit `game_type` (template id or category) first, else the best
/// keyword match, else a category-neutral default.
pub fn pick<'a>(
    set: &'a TemplateSet,
    prompt: &str,
    game_type: Option<&str>,
) -> Result<Pick<'a>, EngineError> {
    if let Some(gt) = game_type {
        let in_category = match requested(set, gt)? {
            Requested::Template(t) => {
                return Ok(Pick {
                    template: t,
                    reason: format!("template '{gt}' requested"),
                });
            }
            Requested::Category(ts) => ts,
        };
        let best = best_match(&in_category, prompt).unwrap_or((in_category[0], Vec::new()));
        return Ok(Pick {
            template: best.0,
            reason: format!(
                "category '{gt}' requested; template '{}' fits best",
                best.0.meta.id
            ),
        });
    }
    let all: Vec<&Template> = set.all().iter().collect();
    match best_match(&all, prompt) {
        Some((t, hits)) => Ok(Pick {
            template: t,
            reason: format!(
                "template '{}' matched the prompt's words: {}",
                t.meta.id,
                hits.join(", ")
            ),
        }),
        None => {
            let t = set.get("dodger").unwrap_or(&set.all()[0]);
            Ok(Pick {
                template: t,
                reason: format!(
                    "no template matched the prompt's words; default '{}'",
                    t.meta.id
                ),
            })
        }
    }
}

/// What a client's `game_type` names.
pub enum Requested<'a> {
    Template(&'a Template),
    /// The templates of a category (never empty).
    Category(Vec<&'a Template>),
}

pub fn requested<'a>(set: &'a TemplateSet, game_type: &str) -> Result<Requested<'a>, EngineError> {
    if let Some(t) = set.get(game_type) {
        return Ok(Requested::Template(t));
    }
    let in_category: Vec<&Template> = set
        .all()
        .iter()
        .filter(|t| t.meta.category == game_type)
        .collect();
    if in_category.is_empty() {
        return Err(EngineError::Invalid(format!(
            "game_type {game_type:?} is neither a template id nor a category with templates"
        )));
    }
    Ok(Requested::Category(in_category))
}

fn best_match<'a>(
    candidates: &[&'a Template],
    prompt: &str,
) -> Option<(&'a Template, Vec<String>)> {
    let prompt_words = words(prompt);
    let mut best: Option<(&Template, i32, Vec<String>)> = None;
    for t in candidates {
        let id_words = words(&t.meta.id.replace('-', " "));
        let tags: Vec<String> = t.meta.tags.iter().flat_map(|tag| words(tag)).collect();
        let desc = words(&t.meta.description);
        let mut score = 0;
        let mut hits = Vec::new();
        for w in &prompt_words {
            let s = if id_words.contains(w) {
                6
            } else if tags.contains(w) {
                4
            } else if desc.contains(w) {
                1
            } else {
                0
            };
            if s > 0 && !hits.contains(w) {
                score += s;
                hits.push(w.clone());
            }
        }
        if score > 0 && best.as_ref().is_none_or(|(_, b, _)| score > *b) {
            best = Some((t, score, hits));
        }
    }
    best.map(|(t, _, hits)| (t, hits))
}

/// Themes the rules recognise, with a palette each: background, primary, accent, text.
const THEMES: &[(&str, &[&str], [&str; 4])] = &[
    (
        "space",
        &[
            "space", "galaxy", "star", "planet", "asteroid", "rocket", "alien", "cosmic", "moon",
        ],
        ["#0b1026", "#7dd3fc", "#f472b6", "#e2e8f0"],
    ),
    (
        "ocean",
        &[
            "ocean",
            "sea",
            "underwater",
            "fish",
            "shark",
            "beach",
            "wave",
            "coral",
        ],
        ["#062c43", "#38bdf8", "#fbbf24", "#e0f2fe"],
    ),
    (
        "jungle",
        &[
            "jungle", "forest", "tree", "monkey", "wild", "nature", "garden",
        ],
        ["#0f2417", "#4ade80", "#facc15", "#ecfccb"],
    ),
    (
        "candy",
        &[
            "candy",
            "sweet",
            "sugar",
            "cake",
            "dessert",
            "chocolate",
            "cookie",
        ],
        ["#3b0a2a", "#f9a8d4", "#fde047", "#fff1f2"],
    ),
    (
        "halloween",
        &[
            "halloween",
            "ghost",
            "spooky",
            "pumpkin",
            "zombie",
            "witch",
            "haunted",
        ],
        ["#1a0f1f", "#fb923c", "#a3e635", "#fef3c7"],
    ),
    (
        "winter",
        &["winter", "snow", "ice", "christmas", "frozen", "penguin"],
        ["#0c1e33", "#bae6fd", "#f87171", "#f8fafc"],
    ),
    (
        "neon",
        &["neon", "synthwave", "retro", "arcade", "cyber", "80"],
        ["#14082b", "#22d3ee", "#f472b6", "#fdf4ff"],
    ),
    (
        "desert",
        &["desert", "sand", "egypt", "pyramid", "cactus", "camel"],
        ["#2b1a0b", "#fbbf24", "#f97316", "#fffbeb"],
    ),
    (
        "robot",
        &["robot", "machine", "tech", "computer", "circuit", "ai"],
        ["#111827", "#a5b4fc", "#34d399", "#f3f4f6"],
    ),
    (
        "dinosaur",
        &["dinosaur", "dino", "jurassic", "t-rex", "prehistoric"],
        ["#1c1917", "#86efac", "#fb7185", "#fafaf9"],
    ),
    (
        "pirate",
        &["pirate", "treasure", "ship", "island", "captain"],
        ["#0f172a", "#fcd34d", "#ef4444", "#f8fafc"],
    ),
    (
        "city",
        &["city", "car", "traffic", "street", "train", "urban"],
        ["#18181b", "#fde047", "#60a5fa", "#fafafa"],
    ),
];

/// The theme named last wins: in "a quiz about planets, make it about the ocean" the later
/// instruction is the one the user means.
fn theme_of(prompt: &str) -> Option<(&'static str, [&'static str; 4])> {
    words(prompt).iter().rev().find_map(|w| {
        THEMES
            .iter()
            .find(|(_, keys, _)| keys.iter().any(|k| w == k.trim_end_matches('s')))
            .map(|(name, _, palette)| (*name, *palette))
    })
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A quoted phrase in the prompt, taken as the title the user wants.
pub fn quoted_title(prompt: &str) -> Option<String> {
    let start = prompt.find(['"', '“'])?;
    let rest = &prompt[start + prompt[start..].chars().next().map_or(1, char::len_utf8)..];
    let end = rest.find(['"', '”'])?;
    let t = rest[..end].trim();
    (1..=60).contains(&t.chars().count()).then(|| t.to_owned())
}

/// A quoted phrase in the prompt is taken as the title; else theme + template name.
fn title_for(prompt: &str, template: &Template, theme: Option<&str>) -> String {
    if let Some(t) = quoted_title(prompt) {
        return t;
    }
    let base = &template.meta.title;
    let title = match theme {
        Some(th) if !base.to_lowercase().contains(th) => format!("{} {base}", title_case(th)),
        _ => base.clone(),
    };
    title.chars().take(60).collect()
}

/// What the rules derive from a prompt, and which of it the prompt stated outright (the model
/// keeps those and writes the rest).
#[derive(Debug, Clone)]
pub struct RuleParams {
    /// Schema defaults with the rule-derived title, theme and palette laid over them.
    pub params: Value,
    /// A theme the rules recognised from the prompt's words (it also chose the palette).
    pub theme: Option<&'static str>,
    /// A title the prompt quoted.
    pub quoted_title: Option<String>,
    /// Settings the prompt stated outright (`lives = 5`, `palette = pastel`; see `directives`).
    pub honoured: Vec<String>,
    /// Questions and words taken from the content banks (see `bank`).
    pub banked: super::bank::Banked,
    /// Object names taken from the prompt ("eats tacos" names the food; see `art`).
    pub named: Vec<String>,
}

impl RuleParams {
    /// "; from the prompt: lives = 5, palette = pastel; 10 questions on space from the quiz bank"
    /// for a route reason (empty when there is nothing to say).
    pub fn honoured_note(&self) -> String {
        let mut out = String::new();
        if !self.honoured.is_empty() {
            out.push_str(&format!("; from the prompt: {}", self.honoured.join(", ")));
        }
        if !self.banked.notes.is_empty() {
            out.push_str(&format!("; {}", self.banked.notes.join(" ")));
        }
        out
    }
}

/// Parameters for `template` from the prompt by rules alone (no client overrides, not validated):
/// theme, title and palette, the settings the prompt states, and bank content.
pub fn rule_params(template: &Template, prompt: &str, content: &Content) -> RuleParams {
    let mut params = template.defaults();
    let theme = theme_of(prompt);
    let title = title_for(prompt, template, theme.map(|t| t.0));
    if params.get("title").is_some() {
        params["title"] = json!(title);
    }
    if let Some((name, [bg, primary, accent, text])) = theme {
        if params.get("theme").is_some() {
            params["theme"] = json!(name);
        }
        if params.get("palette").is_some_and(Value::is_object) {
            params["palette"] =
                json!({"background": bg, "primary": primary, "accent": accent, "text": text});
        }
    }
    let honoured = super::directives::apply(template, prompt, &mut params);
    let banked = super::bank::apply(template, prompt, content, &mut params);
    let named = super::art::name_from_prompt(template, &content.sprites, prompt, &mut params);
    RuleParams {
        named,
        params,
        theme: theme.map(|t| t.0),
        quoted_title: quoted_title(prompt),
        honoured,
        banked,
    }
}

/// Parameters for `template` from the prompt (rules and banks) and the client's `overrides`.
pub fn fill(
    template: &Template,
    prompt: &str,
    content: &Content,
    overrides: Option<&Value>,
) -> Result<Value, EngineError> {
    finish(
        template,
        rule_params(template, prompt, content).params,
        overrides,
    )
}

/// `params` with the client's explicit `overrides` on top, validated by the template's schema.
pub fn finish(
    template: &Template,
    mut params: Value,
    overrides: Option<&Value>,
) -> Result<Value, EngineError> {
    if let Some(o) = overrides {
        if !o.is_object() {
            return Err(EngineError::Invalid(
                "parameters must be a JSON object".into(),
            ));
        }
        Template::merge_params(&mut params, o);
    }
    template.validate(&params).map_err(|problems| {
        EngineError::Invalid(format!(
            "invalid parameters for template '{}': {}",
            template.meta.id,
            problems.join("; ")
        ))
    })?;
    Ok(params)
}

pub fn package(template: &Template, params: Value, difficulty: Option<&str>) -> Package {
    let title = params["title"]
        .as_str()
        .unwrap_or(&template.meta.title)
        .to_owned();
    let difficulty = difficulty.unwrap_or(&template.meta.difficulty).to_owned();
    let description = template
        .meta
        .description
        .split_inclusive('.')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    let mut tags = template.meta.tags.clone();
    tags.truncate(8);
    let metadata = json!({
        "schema_version": 1,
        "runtime": "aimini-runtime/1",
        "title": title,
        "description": description,
        "category": template.meta.category,
        "difficulty": difficulty,
        "tags": tags,
        "controls": template.meta.controls,
        "template": {"id": template.meta.id, "params": params},
        "engine": {"name": "local", "model": RULES_MODEL},
    });
    Package {
        metadata,
        logic: template.logic.clone(),
        title,
        description,
        category: template.meta.category.clone(),
        difficulty,
        tags,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn set() -> TemplateSet {
        TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
            .expect("templates")
    }

    #[test]
    fn prompts_pick_the_obvious_template() {
        let set = set();
        for (prompt, expected) in [
            ("a snake game where the snake eats apples", "snake"),
            ("breakout with neon bricks", "breakout"),
            ("tic tac toe against the computer", "tic-tac-toe"),
            ("a memory card matching game with animals", "memory-match"),
            ("unscramble words about the ocean", "word-scramble"),
            ("quick math practice for kids", "quick-math"),
            ("a quiz about planets", "quiz"),
            ("test my reaction time", "reaction-timer"),
            ("sliding tile puzzle", "sliding-puzzle"),
            ("dodge the falling asteroids in space", "dodger"),
        ] {
            let p = pick(&set, prompt, None).expect("pick");
            assert_eq!(p.template.meta.id, expected, "{prompt}: {}", p.reason);
        }
    }

    #[test]
    fn game_type_narrows_the_choice_and_unknown_types_are_refused() {
        let set = set();
        assert_eq!(
            pick(&set, "anything", Some("quiz"))
                .expect("pick")
                .template
                .meta
                .id,
            "quiz"
        );
        assert_eq!(
            pick(&set, "words", Some("word"))
                .expect("pick")
                .template
                .meta
                .category,
            "word"
        );
        assert!(matches!(
            pick(&set, "x", Some("kart-racing")),
            Err(EngineError::Invalid(_))
        ));
    }

    #[test]
    fn filled_parameters_are_valid_and_themed_for_every_template() {
        let set = set();
        for t in set.all() {
            let params = fill(
                t,
                "a space adventure called \"Star Hopper\"",
                set.content(),
                None,
            )
            .expect("valid");
            assert_eq!(params["title"], "Star Hopper", "{}", t.meta.id);
            if params.get("palette").is_some() {
                assert_eq!(params["palette"]["background"], "#0b1026", "{}", t.meta.id);
            }
            let plain = fill(t, "something", set.content(), None).expect("valid");
            assert!(plain["title"].as_str().is_some_and(|s| !s.is_empty()));
        }
    }

    #[test]
    fn client_overrides_apply_and_are_validated() {
        let set = set();
        let t = set.get("snake").expect("snake");
        let p = fill(t, "snake", set.content(), Some(&json!({"gridSize": 12})))
            .expect("valid override");
        assert_eq!(p["gridSize"], 12);
        let err = fill(
            t,
            "snake",
            set.content(),
            Some(&json!({"gridSize": 10_000})),
        )
        .expect_err("out of range");
        assert!(err.to_string().contains("gridSize"), "{err}");
        assert!(fill(t, "snake", set.content(), Some(&json!({"bogus": true}))).is_err());
    }
}
