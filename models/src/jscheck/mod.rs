//! Static checks of a game's `logic.js` with a real JavaScript parser (oxc).
//!
//! The browser sandbox and CSP are the wall; this is the gate in front of it, and it is what lets the
//! pipeline reject (or ask the model to repair) a package before anyone plays it. It rejects syntax
//! errors, module syntax, references to globals outside the runtime API (network, storage, DOM, escape
//! hatches, timers), `constructor`/`__proto__` tricks and `Math.random`. Globals are found by scope
//! analysis, so a game's own variable named `top` or `parent` is fine; only free references count.
//! Every finding says what and where (line:column, 1-based).
//!
//! **The checker is not the boundary.** JavaScript can always build a name the checker cannot see
//! (`"rotcurtsnoc".split("").reverse().join("")`, a value computed at run time), so a game that
//! passes here is still untrusted. What contains a game is the browser: the opaque-origin
//! `sandbox` iframe and its CSP (`api/src/routes/play.rs`), with the game run in strict mode inside
//! a wrapper that shadows the window's names ([`wrapper_prefix`]); and, on the worker, the
//! sandboxed child process around QuickJS. The checker's job is to refuse early, with a location,
//! what it *can* see, so the model can repair it and a reviewer sees why:
//!
//! - blocked globals by scope analysis (a game's own `top` is fine);
//! - `constructor`/`__proto__`-style properties, also when the name is built from pieces the
//!   checker can fold (`x["constr" + "uctor"]`, `String.fromCharCode(...)`, `[...].join("")`,
//!   template literals; escapes such as `"\u0063onstructor"` are decoded by the parser), and any
//!   built string that spells a blocked name;
//! - `this` at the top level or in a function that is not a method: in the player's strict mode it
//!   is `undefined`, and in sloppy code it was the window (issue 10, Medium 5).

use oxc::allocator::Allocator;
use std::collections::HashSet;

use oxc::ast::ast::{
    Class, ComputedMemberExpression, Expression, Function, IdentifierReference, ImportExpression,
    MethodDefinition, ModuleDeclaration, ObjectProperty, StaticMemberExpression, ThisExpression,
};
use oxc::ast_visit::{Visit, walk};
use oxc::parser::Parser;
use oxc::semantic::{Scoping, SemanticBuilder};
use oxc::span::{GetSpan, SourceType, Span};
use oxc::syntax::scope::ScopeFlags;
use serde::Serialize;

mod fold;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Starts of the functions that are methods (object methods, `key: function`, getters and
    /// setters, class members): `this` there is the object, not the global.
    methods: HashSet<u32>,
    /// One entry per enclosing function or class (arrow functions add none): whether `this` is
    /// an object's there.
    this_ok: Vec<bool>,
}

/// Whether `name` is something a game may not reach, however it spells it.
fn forbidden_name(name: &str) -> bool {
    BLOCKED_PROPERTIES.contains(&name)
        || BLOCKED.iter().any(|(_, names)| names.contains(&name))
        || SHADOWED_GLOBALS.contains(&name)
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
        // Built keys (`"constr" + "uctor"`) are reported by visit_expression, once.
        if !fold::is_built(&it.expression)
            && let Some(key) = fold::fold(&it.expression)
            && BLOCKED_PROPERTIES.contains(&key.as_str())
        {
            self.found.push((
                it.expression.span(),
                format!("`[\"{key}\"]` is not allowed (prototype escape)"),
            ));
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_expression(&mut self, it: &Expression<'a>) {
        if fold::is_built(it)
            && matches!(
                it.without_parentheses(),
                Expression::BinaryExpression(_)
                    | Expression::CallExpression(_)
                    | Expression::TemplateLiteral(_)
            )
            && let Some(name) = fold::fold(it)
            && forbidden_name(&name)
        {
            self.found.push((
                it.span(),
                format!(
                    "this expression builds the name `{name}` from pieces, which is not allowed \
                     (a hidden prototype escape or blocked global)"
                ),
            ));
            // Its pieces are not reported again.
            return;
        }
        walk::walk_expression(self, it);
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        if let Expression::FunctionExpression(f) = &it.value {
            self.methods.insert(f.span.start);
        }
        walk::walk_object_property(self, it);
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        self.methods.insert(it.value.span.start);
        walk::walk_method_definition(self, it);
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        // Field initialisers and static blocks: `this` is the instance or the class.
        self.this_ok.push(true);
        walk::walk_class(self, it);
        self.this_ok.pop();
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.this_ok.push(self.methods.contains(&it.span.start));
        walk::walk_function(self, it, flags);
        self.this_ok.pop();
    }

    fn visit_this_expression(&mut self, it: &ThisExpression) {
        if self.this_ok.last() != Some(&true) {
            let place = if self.this_ok.is_empty() {
                "at the top level"
            } else {
                "in a function that is not a method"
            };
            self.found.push((
                it.span,
                format!(
                    "`this` {place} is not allowed (the game runs in strict mode, where it is \
                     undefined; use a variable, or a method of an object)"
                ),
            ));
        }
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
        methods: HashSet::new(),
        this_ok: Vec::new(),
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
/// and CSP already refuses eval. `aimini` becomes a facade that can only define the game (the real
/// object hands out the canvas element). The window's other names are deleted by the frame's
/// lockdown (`runtime.js`); these are the ones it cannot delete (unforgeable) or still needs.
pub const SHADOWED_GLOBALS: &[&str] = &[
    "aimini",
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
    "cancelAnimationFrame",
    // Event listeners on the window are called with the window as their event's target.
    "addEventListener",
    "removeEventListener",
    "dispatchEvent",
    "getComputedStyle",
    "AudioContext",
    "webkitAudioContext",
    "devicePixelRatio",
    "origin",
    "isSecureContext",
];

/// The wrapper's text before logic.js. All on one line, so logic.js keeps its own line numbers
/// (the runner subtracts this prefix's length from columns on line 1).
///
/// Why each part: the script itself is strict (V8's stack-trace API hands out the receiver of a
/// sloppy frame, and a sloppy script's top level has the window as `this`); the outer function's
/// parameters shadow [`SHADOWED_GLOBALS`]; the game runs as the body of an inner strict function
/// called with no receiver, so `this` at its top level and in every plain function call is
/// `undefined` (in sloppy mode it was the window: the escape of issue 10, Medium 5), and its own
/// `let top` does not collide with a parameter.
pub fn wrapper_prefix() -> String {
    format!(
        "\"use strict\"; (function ({}) {{ \"use strict\"; (function () {{ \"use strict\"; ",
        SHADOWED_GLOBALS.join(", ")
    )
}

/// The wrapper's text after logic.js (see [`wrapper_prefix`]).
pub fn wrapper_suffix() -> String {
    let quoted: Vec<String> = SHADOWED_GLOBALS
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect();
    format!(
        "\n}}).call(undefined); }}).apply(undefined, aimini.sandbox.shadows([{}]));\n",
        quoted.join(", ")
    )
}

#[cfg(test)]
mod tests;
