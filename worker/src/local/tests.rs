//! Tests with the real weights. They never skip: without the weights they fail and say how to get
//! them, because a green run that silently used the rules would prove nothing about the models.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::*;

fn models_dir() -> PathBuf {
    let dir = std::env::var_os("AIMINI_MODELS_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            let base = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
            Some(base.join("aimini/models"))
        })
        .expect("AIMINI_MODELS_DIR or HOME must be set");
    assert!(
        dir.join("smollm2").join(llm::FILE).is_file()
            && dir.join("minilm/model.safetensors").is_file(),
        "the local model weights are not in {} (run `bash scripts/models.sh` and export \
         AIMINI_MODELS_DIR=$(bash scripts/models.sh))",
        dir.display()
    );
    dir
}

fn templates() -> TemplateSet {
    TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
        .expect("templates")
}

fn engine() -> &'static LocalEngine {
    static ENGINE: OnceLock<LocalEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let cfg = LocalModelConfig {
            dir: models_dir(),
            enabled: true,
            threads: 1,
        };
        let engine = LocalEngine::load(&cfg, templates());
        if let Err(why) = engine.model_status() {
            panic!("the local models did not load: {why}");
        }
        engine
    })
}

fn input(prompt: &str) -> GenerateInput<'_> {
    GenerateInput {
        prompt,
        game_type: None,
        parameters: None,
        difficulty: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embeddings_pick_the_obvious_template() {
    let engine = engine();
    let mut wrong = Vec::new();
    for (prompt, expected) in [
        ("a snake game where the snake eats apples", "snake"),
        ("breakout with neon bricks", "breakout"),
        ("smash the bricks with a ball and a paddle", "breakout"),
        ("tic tac toe against the computer", "tic-tac-toe"),
        ("noughts and crosses with a hard ai", "tic-tac-toe"),
        ("a memory card matching game with animals", "memory-match"),
        ("flip cards and find the pairs", "memory-match"),
        ("unscramble words about the ocean", "word-scramble"),
        ("quick math practice for kids", "quick-math"),
        ("a quiz about planets", "quiz"),
        ("test my reaction time", "reaction-timer"),
        ("sliding tile puzzle", "sliding-puzzle"),
        ("dodge the falling asteroids in space", "dodger"),
        ("avoid the raindrops falling from the sky", "dodger"),
        // Named templates win over a setting that leans elsewhere.
        ("a candy themed memory match", "memory-match"),
        ("a pirate treasure quiz", "quiz"),
        (
            "a word scramble about cooking and kitchens",
            "word-scramble",
        ),
        ("a platformer where a cat jumps over cacti", "platformer"),
        ("whack the zombies popping out of holes", "whack-a-mole"),
        ("a maze where a mouse finds the cheese", "maze"),
        ("connect four against the computer", "connect-four"),
    ] {
        let m = engine.best_template(prompt).await.expect("a match");
        assert!((0.0..=1.0001).contains(&m.similarity), "{m:?}");
        if m.template_id != expected {
            wrong.push(format!(
                "{prompt:?} -> {} ({:.2}), expected {expected}",
                m.template_id, m.similarity
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_template_gets_schema_valid_model_text() {
    let engine = engine();
    for t in engine.templates().all() {
        let g = engine
            .generate(GenerateInput {
                prompt: "a game set in a haunted castle full of bats",
                game_type: Some(&t.meta.id),
                parameters: None,
                difficulty: None,
            })
            .await
            .expect("generates");
        let params = &g.package.metadata["template"]["params"];
        t.validate(params)
            .unwrap_or_else(|e| panic!("{}: invalid params {e:?}", t.meta.id));
        assert!(
            g.model.starts_with(LANGUAGE_MODEL),
            "{}: model {} ({})",
            t.meta.id,
            g.model,
            g.reason
        );
        assert!(
            g.reason.contains("by SmolLM2"),
            "{}: {}",
            t.meta.id,
            g.reason
        );
        assert!(
            g.tokens.completion > 0 && g.tokens.prompt > 0,
            "{:?}",
            g.tokens
        );
        assert_eq!(g.package.metadata["engine"]["model"], g.model);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_themed_prompt_reaches_the_model_written_text() {
    let engine = engine();
    let g = engine
        .generate(input("a word scramble about the ocean and sea animals"))
        .await
        .expect("generates");
    let params = &g.package.metadata["template"]["params"];
    assert_eq!(params["theme"], "ocean", "{}", g.reason);
    let words: Vec<&str> = params["words"]
        .as_array()
        .expect("words")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(g.reason.contains("words"), "{}", g.reason);
    let sea = [
        "fish", "shark", "whale", "wave", "coral", "sea", "ocean", "crab", "octopus", "dolphin",
        "shell", "water", "boat", "salt", "tide", "reef",
    ];
    assert!(
        words.iter().any(|w| sea.iter().any(|s| w.contains(s))),
        "no sea word in {words:?} ({})",
        g.reason
    );
    // The default list is space words: the model replaced it.
    assert!(!words.contains(&"nebula"), "{words:?}");

    // A theme the rules do not know: the model writes it.
    let g = engine
        .generate(input(
            "a snake game in a bakery where the snake eats cupcakes",
        ))
        .await
        .expect("generates");
    let params = &g.package.metadata["template"]["params"];
    let text = format!(
        "{} {} {}",
        params["theme"], params["title"], params["foodName"]
    )
    .to_lowercase();
    assert!(
        [
            "bake", "cake", "bread", "donut", "cookie", "pastry", "muffin"
        ]
        .iter()
        .any(|w| text.contains(w)),
        "{text} ({})",
        g.reason
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn greedy_decoding_is_deterministic_and_explicit_values_stay() {
    let engine = engine();
    let prompt = "a dodger game where you avoid falling pianos in the city";
    let a = engine.generate(input(prompt)).await.expect("generates");
    let b = engine.generate(input(prompt)).await.expect("generates");
    assert_eq!(a.package.metadata, b.package.metadata);
    assert_eq!(a.tokens, b.tokens);

    let overrides = serde_json::json!({"title": "Piano Panic", "lives": 5});
    let c = engine
        .generate(GenerateInput {
            prompt,
            game_type: Some("dodger"),
            parameters: Some(&overrides),
            difficulty: Some("hard"),
        })
        .await
        .expect("generates");
    let params = &c.package.metadata["template"]["params"];
    assert_eq!(params["title"], "Piano Panic");
    assert_eq!(params["lives"], 5);
    assert_eq!(c.package.difficulty, "hard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_generations_share_the_models() {
    let engine = engine();
    let prompts = [
        "a quiz about pirates",
        "memory match with farm animals",
        "breakout in the jungle",
    ];
    let alone = {
        let mut v = Vec::new();
        for p in prompts {
            v.push(
                engine
                    .generate(input(p))
                    .await
                    .expect("generates")
                    .package
                    .metadata,
            );
        }
        v
    };
    let together = futures::future::join_all(prompts.map(|p| engine.generate(input(p)))).await;
    for (a, t) in alone.iter().zip(together) {
        assert_eq!(a, &t.expect("generates").package.metadata);
    }
}

#[tokio::test]
async fn without_weights_the_rules_serve_and_say_why() {
    let cfg = LocalModelConfig {
        dir: PathBuf::from("/nonexistent/aimini-models"),
        enabled: true,
        threads: 1,
    };
    let engine = LocalEngine::load(&cfg, templates());
    let why = engine.model_status().expect_err("no models");
    assert!(why.contains("scripts/models.sh"), "{why}");
    assert!(engine.best_template("snake").await.is_none());
    let g = engine
        .generate(input("a snake game"))
        .await
        .expect("rules serve");
    assert_eq!(g.model, RULES_MODEL);
    assert!(g.reason.contains("scripts/models.sh"), "{}", g.reason);
    assert_eq!(g.tokens, TokenUsage::default());
}

/// With the real models and with the rules alone: a genre no template makes is served by the
/// nearest one, says so, and its title does not claim the genre; a genre a template makes wins
/// over similarity.
#[tokio::test]
async fn named_genres_are_honoured_or_honestly_approximated() {
    let rules = LocalEngine::rules_only(templates());
    for engine in [engine(), &rules] {
        let g = engine
            .generate(input("a 3d open world game with falling cats"))
            .await
            .expect("generates");
        let approx = &g.package.metadata["approximate"];
        assert_eq!(approx["requested"], "3d", "{}", g.reason);
        assert_eq!(approx["made"], "dodger");
        assert!(
            g.reason.contains("approximate: no 3d template yet"),
            "{}",
            g.reason
        );
        assert!(
            !g.package.title.to_lowercase().contains("3d"),
            "{}",
            g.package.title
        );

        let t = engine
            .generate(input("a tetris game with falling cats"))
            .await
            .expect("generates");
        assert_eq!(
            t.package.metadata["template"]["id"], "falling-blocks",
            "{}",
            t.reason
        );
        assert!(t.package.metadata.get("approximate").is_none());

        let m = engine
            .generate(input("a memory game with farm animals"))
            .await
            .expect("generates");
        assert_eq!(
            m.package.metadata["template"]["id"], "memory-match",
            "{}",
            m.reason
        );
        assert!(m.package.metadata.get("approximate").is_none());
    }
}

/// The cosine from which a name the library does not know pictures its nearest sprite
/// (`SPRITE_MIN_COSINE`), measured here: names with a fitting picture under another word, and
/// names nothing in the library pictures. Prints every pair (`-- --nocapture`); the numbers are in
/// `benches/RESULTS.md`.
#[test]
fn sprites_by_meaning_picture_synonyms_and_leave_abstract_names_alone() {
    use art::Chooser;
    let engine = engine();
    let models = engine.models.as_ref().expect("models loaded");
    let lib = &engine.templates().content().sprites;
    let dinosaurs: &[&str] = &["t-rex", "triceratops", "long-neck"];
    let fitting: &[(&str, &[&str])] = &[
        ("sedan", &["car", "taxi", "police car", "race car"]),
        ("velociraptor", dinosaurs),
        ("stegosaurus", dinosaurs),
        ("dagger", &["sword"]),
        ("soccer", &["soccer ball"]),
        ("baguette", &["bread"]),
        ("croissant", &["bread"]),
        ("jellybeans", &["candy", "lollipop"]),
        ("schoolbag", &["backpack"]),
        ("tuna", &["fish", "shark"]),
        ("salmon", &["fish"]),
        ("puma", &["lion", "tiger", "cat"]),
        ("grizzly", &["bear"]),
        ("tornado", &["cloud", "lightning bolt"]),
        ("sunflower", &["flower"]),
        ("spacemen", &["astronaut"]),
    ];
    let abstract_names = [
        "feelings",
        "homework",
        "justice",
        "wifi",
        "taxes",
        "happiness",
        "grammar",
        "friendship",
        "courage",
        "vocabulary",
        "fractions",
        "history",
    ];
    let nearest = |name: &str| {
        let e = models
            .embedder
            .embed(&[name])
            .expect("embedding")
            .pop()
            .expect("present");
        models
            .sprites
            .iter()
            .enumerate()
            .map(|(i, s)| (lib.all()[i].name.clone(), embed::cosine(&e, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("present")
    };
    // Every pair first, then the verdict, so a failing run still prints the whole table.
    let mut wrong_pictures = Vec::new();
    let mut fit_ok = 0;
    for (name, ok) in fitting {
        let (best, cosine) = nearest(name);
        let right = ok.contains(&best.as_str());
        let pictured = models.choose(lib, name).is_some();
        println!(
            "fitting  {name:>14} -> {best:<14} {cosine:.3} {}",
            if right { "ok" } else { "WRONG" }
        );
        match (right, pictured) {
            (true, true) => fit_ok += 1,
            (false, true) => wrong_pictures.push(format!("{name} as {best} ({cosine:.3})")),
            _ => {}
        }
    }
    for name in abstract_names {
        let (best, cosine) = nearest(name);
        println!("abstract {name:>14} -> {best:<14} {cosine:.3}");
        if models.choose(lib, name).is_some() {
            wrong_pictures.push(format!("{name} as {best} ({cosine:.3})"));
        }
    }
    println!(
        "{fit_ok} of {} fitting names pictured at {SPRITE_MIN_COSINE}",
        fitting.len()
    );
    assert!(
        wrong_pictures.is_empty(),
        "wrong pictures: {wrong_pictures:?}"
    );
}
