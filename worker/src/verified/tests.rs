use std::path::{Path, PathBuf};

use aimini_models::templates::{Template, TemplateSet};
use serde_json::{Value, json};

use super::fuzz::{self, Pick, Rng};
use super::*;
use crate::runner::sandbox::Refused;
use crate::runner::sandbox::test_sandbox;

fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates")
}

fn set() -> TemplateSet {
    TemplateSet::load(&templates_dir()).expect("templates")
}

/// A template's package as the rule-based filler makes it, with `params` laid over its example.
fn package(set: &TemplateSet, id: &str, params: Option<&Value>) -> Package {
    let t = set.get(id).expect("template");
    let mut p = t.example.clone();
    if let Some(o) = params {
        Template::merge_params(&mut p, o);
    }
    crate::local::rules::package(t, p, None)
}

/// The fuzz CI runs: every template, every case, the gate's own smoke test. Then the record the
/// worker trusts must be exactly this build's templates. `AIMINI_UPDATE_VERIFIED=1` writes it
/// (only after every case passed).
#[test]
fn every_template_passes_its_parameter_fuzz() {
    let set = set();
    let all = set.all();
    // Two threads: the CI machine's two cores.
    let half = all.len().div_ceil(2);
    let failures: Vec<String> = std::thread::scope(|s| {
        let runs: Vec<_> = all
            .chunks(half)
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|t| {
                            fuzz::run(t).err().map(|f| {
                                format!(
                                    "{} case {}: {}\n  params: {}",
                                    t.meta.id, f.case, f.why, f.params
                                )
                            })
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        runs.into_iter()
            .flat_map(|r| r.join().expect("fuzz thread"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} template(s) fail their parameter fuzz:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let now = Record::of(&set);
    let text = serde_json::to_string_pretty(&now).expect("json") + "\n";
    if std::env::var_os("AIMINI_UPDATE_VERIFIED").is_some() {
        std::fs::write(templates_dir().join("verified.json"), &text).expect("write the record");
        return;
    }
    assert_eq!(
        Record::compiled().as_ref(),
        Some(&now),
        "prompts/templates/verified.json is not this build's fuzz: rerun this test with \
         AIMINI_UPDATE_VERIFIED=1 to record it, after reading why a template changed. It should be:\n{text}"
    );
    let (verified, unverified) = VerifiedTemplates::new(&set);
    assert_eq!(verified.len(), all.len(), "{unverified:?}");
}

/// A copy of the snake template (its schema, example and metadata) under `id`, whose code throws
/// in setup when `breaks` (a JavaScript condition on `ctx.params`) holds and otherwise is a small
/// game that passes the smoke test. Returns the temporary root (to remove) and the loaded set.
fn fragile_template(id: &str, breaks: &str) -> (PathBuf, TemplateSet) {
    let root = std::env::temp_dir().join(format!("aimini-fuzz-{}", uuid::Uuid::new_v4().simple()));
    let dir = root.join("templates").join(id);
    std::fs::create_dir_all(&dir).expect("dir");
    for f in ["template.json", "schema.json", "example.json"] {
        std::fs::copy(templates_dir().join("snake").join(f), dir.join(f)).expect("copy");
    }
    let logic = format!(
        "var x = 0;\naimini.game({{\n  setup: function (ctx) {{ x = 0; if ({breaks}) \
         throw new Error('this grid breaks the game'); }},\n  update: function (ctx, dt) {{ if \
         (ctx.input.down('right') || ctx.input.down('left') || ctx.input.pointer.down) x += 4; }},\n  \
         draw: function (ctx) {{ ctx.clear('#102030'); ctx.rect(x % 600, 150, 30, 30, '#fc0'); }},\n}});"
    );
    std::fs::write(dir.join("logic.js"), logic).expect("logic");
    let mut meta: Value =
        serde_json::from_slice(&std::fs::read(dir.join("template.json")).expect("read"))
            .expect("json");
    meta["id"] = json!(id);
    std::fs::write(dir.join("template.json"), meta.to_string()).expect("write");
    let set = TemplateSet::load(&root.join("templates")).expect("load");
    (root, set)
}

fn grid_max() -> i64 {
    set().get("snake").expect("snake").schema["properties"]["gridSize"]["maximum"]
        .as_i64()
        .expect("a maximum")
}

/// A template that a valid parameter breaks: the code throws once the grid is at the schema's
/// maximum. The fuzz reports it, with the case and the parameters, and it is never verified.
#[test]
fn the_fuzz_catches_a_template_that_a_valid_parameter_breaks() {
    let max = grid_max();
    let (root, set) = fragile_template("broken", &format!("ctx.params.gridSize >= {max}"));
    let t = set.get("broken").expect("broken");
    let failure = fuzz::run(t).expect_err("the fuzz must fail");
    assert_eq!(failure.case, 3, "the high edge: {failure:?}");
    assert_eq!(failure.params["gridSize"], json!(max));
    assert!(
        failure.why.contains("this grid breaks the game"),
        "{}",
        failure.why
    );
    // The same code below the edge plays: the failure is the parameter's.
    let fine = fuzz::case_params(t, 0).expect("defaults");
    let report = crate::runner::smoke_blocking(
        &t.logic,
        &fine,
        crate::runner::SEED,
        &crate::runner::Script::smoke(),
        &crate::runner::Limits::default(),
    )
    .expect("runs");
    assert!(report.ok, "{}", report.summary());
    // Not in the compiled-in record, so no game of it skips the gate.
    let (verified, unverified) = VerifiedTemplates::new(&set);
    assert!(verified.is_empty() && unverified == ["broken"]);
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn only_verified_code_with_its_own_valid_parameters_skips_the_replay() {
    let set = set();
    let (verified, _) = VerifiedTemplates::new(&set);
    let pkg = package(&set, "snake", None);
    let ok = verified.covers(&set, &pkg, false).expect("covered");
    assert_eq!(ok.template, "snake");
    assert_eq!(ok.logic_sha256, digest(&set.get("snake").expect("t").logic));
    assert_eq!(ok.fuzz_cases, fuzz::CASES as u32);

    // One character of the code changed: new code.
    let mut edited = pkg.clone();
    edited.logic = format!("{} ", edited.logic).into();
    assert_eq!(
        verified.covers(&set, &edited, false),
        Err(FullGate::CodeDiffers)
    );
    // A template's name on code that is not the template's.
    let mut other = pkg.clone();
    other.logic = set.get("pong").expect("pong").logic.clone();
    assert_eq!(
        verified.covers(&set, &other, false),
        Err(FullGate::CodeDiffers)
    );
    // Parameters the schema refuses.
    let big = package(&set, "snake", Some(&json!({"gridSize": 100000})));
    assert_eq!(
        verified.covers(&set, &big, false),
        Err(FullGate::InvalidParameters)
    );
    // Parameters a client chose.
    assert_eq!(
        verified.covers(&set, &pkg, true),
        Err(FullGate::ClientParameters)
    );
    // Code a model wrote (no template in its metadata).
    let mut written = pkg.clone();
    written.metadata["template"] = Value::Null;
    assert_eq!(
        verified.covers(&set, &written, false),
        Err(FullGate::NotATemplate)
    );
    // A template whose code is not the one the fuzz recorded.
    let mut record = Record::of(&set);
    record
        .templates
        .insert("snake".into(), digest("something else"));
    let (stale, unverified) = VerifiedTemplates::against(&set, Some(record));
    assert_eq!(unverified, ["snake"]);
    assert_eq!(
        stale.covers(&set, &pkg, false),
        Err(FullGate::UnverifiedTemplate)
    );
    let (none, _) = VerifiedTemplates::against(&set, None);
    assert_eq!(
        none.covers(&set, &pkg, false),
        Err(FullGate::UnverifiedTemplate)
    );
}

/// The residual risk the rule is built around: a template that one value breaks, which a random
/// fuzz can miss (here one grid size in the middle of the range), or which lies past the schema.
/// Even with its code verified, a client who chooses that value, or parameters past the schema,
/// run the full gate, which refuses the game.
#[tokio::test]
async fn a_parameter_that_breaks_a_template_is_still_caught() {
    let max = grid_max();
    let (root, set) = fragile_template(
        "fragile",
        &format!("ctx.params.gridSize === 17 || ctx.params.gridSize > {max}"),
    );
    // As if the fuzz had passed it (17 was not drawn; past the maximum cannot be).
    let (verified, _) = VerifiedTemplates::against(&set, Some(Record::of(&set)));
    let sandbox = test_sandbox();
    let grid = |n: i64| package(&set, "fragile", Some(&json!({"gridSize": n})));
    assert!(verified.covers(&set, &grid(12), false).is_ok());

    let chosen = grid(17);
    assert_eq!(
        verified.covers(&set, &chosen, true),
        Err(FullGate::ClientParameters)
    );
    let past = grid(max + 1);
    assert_eq!(
        verified.covers(&set, &past, false),
        Err(FullGate::InvalidParameters)
    );
    for pkg in [chosen, past] {
        match sandbox.gate(&pkg).await {
            Err(Refused::Failed(report)) => assert!(
                report.summary().contains("this grid breaks the game"),
                "{}",
                report.summary()
            ),
            other => panic!("the full gate must refuse it: {other:?}"),
        }
    }
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn patterns_draw_matching_strings() {
    let mut rng = Rng::new(7);
    for pick in [Pick::Low, Pick::High, Pick::Random] {
        let hex = fuzz::from_pattern("^#[0-9a-fA-F]{6}$", &mut rng, pick).expect("hex");
        assert!(
            hex.len() == 7
                && hex.starts_with('#')
                && hex[1..].chars().all(|c| c.is_ascii_hexdigit()),
            "{hex}"
        );
        let auto = fuzz::from_pattern("^(auto|#[0-9a-fA-F]{6})$", &mut rng, pick).expect("alt");
        assert!(auto == "auto" || auto.len() == 7, "{auto}");
        let key = fuzz::from_pattern("^[!-~](?:[ -~]{0,6}[!-~])?$", &mut rng, pick).expect("key");
        assert!(
            (1..=8).contains(&key.len())
                && !key.starts_with(' ')
                && !key.ends_with(' ')
                && key.chars().all(|c| (' '..='~').contains(&c)),
            "{key:?}"
        );
    }
    assert_eq!(
        fuzz::from_pattern("^[a-z]{3}$", &mut rng, Pick::Low)
            .expect("low")
            .len(),
        3
    );
    assert_eq!(
        fuzz::from_pattern("^[.XAWK]{1,16}$", &mut rng, Pick::High)
            .expect("high")
            .len(),
        16
    );
    // Outside the subset: no guess.
    assert!(fuzz::from_pattern("^a.b$", &mut rng, Pick::Random).is_none());
    assert!(fuzz::from_pattern("^[^a]$", &mut rng, Pick::Random).is_none());
    // Every case of every template is a valid draw (the validator said so).
    let set = set();
    for t in set.all() {
        for case in 0..fuzz::CASES {
            let p = fuzz::case_params(t, case).expect("a valid draw");
            assert!(t.validate(&p).is_ok());
        }
    }
}
