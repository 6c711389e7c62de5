//! Runner tests against real games: every template, and small broken or hostile ones.

use std::path::Path;
use std::time::{Duration, Instant};

use aimini_models::templates::TemplateSet;
use futures::StreamExt as _;
use serde_json::json;

use super::*;

fn template_set() -> TemplateSet {
    TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
        .expect("templates")
}

fn smoke_src(src: &str) -> SmokeReport {
    smoke_with(src, &Limits::default())
}

fn smoke_with(src: &str, limits: &Limits) -> SmokeReport {
    smoke_blocking(src, &json!({}), SEED, &Script::smoke(), limits).expect("engine")
}

/// A session with the game loaded and started.
fn started(src: &str, params: Value) -> Session {
    let mut s = Session::new(1.0, Limits::default()).expect("engine");
    s.load(src).expect("load");
    s.start(&params, SEED, Lang::En).expect("start");
    s
}

fn events(s: &Session, name: &str) -> Vec<GameEvent> {
    s.host()
        .events
        .iter()
        .filter(|e| e.name == name)
        .cloned()
        .collect()
}

const DT: f64 = 1.0 / 60.0;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_template_passes_the_smoke_test() {
    let set = template_set();
    assert!(set.all().len() >= 10);
    // Through the sandbox process, as every production path runs them.
    let sandbox = sandbox::test_sandbox();
    let runs = set.all().iter().map(|t| {
        let pkg = crate::local::rules::package(t, t.example.clone(), None);
        let id = t.meta.id.clone();
        let sandbox = sandbox.clone();
        async move { (id, sandbox.smoke_package(&pkg).await) }
    });
    // Two at a time: the runs are CPU-bound and their time limits are wall-clock.
    let reports: Vec<_> = futures::stream::iter(runs).buffered(2).collect().await;
    for (id, report) in reports {
        let r = report.expect("runner");
        assert!(r.ok, "{id}: {}\n{r:#?}", r.summary());
        assert!(
            r.error.is_none() && r.drew_anything && r.input_changes_picture,
            "{id}"
        );
        assert_eq!(r.frames, SMOKE_FRAMES, "{id}");
        assert!(r.draw_calls > 0 && r.max_frame_ms > 0.0, "{id}");
        eprintln!(
            "{id}: {:.0} ms, frames avg {:.2} ms max {:.2} ms, heap {} KiB, input effect at frame {:?}",
            r.elapsed_ms,
            r.avg_frame_ms,
            r.max_frame_ms,
            r.peak_heap_bytes / 1024,
            r.first_input_effect_frame
        );
    }
}

#[test]
fn a_throwing_game_fails_with_the_error_and_its_location() {
    let src = "aimini.game({\n  update(ctx) {\n    if (ctx.frame === 3) {\n      const p = null;\n      p.x = 1;\n    }\n  },\n  draw(ctx) { ctx.clear('#123'); ctx.circle(ctx.frame, 50, 9, 'red'); },\n});\n";
    let r = smoke_src(src);
    assert!(!r.ok);
    let e = r.error.as_ref().expect("error");
    assert_eq!(e.kind, ErrorKind::Exception);
    assert_eq!(e.phase, Phase::Update);
    assert_eq!(e.frame, 3);
    assert!(e.message.starts_with("TypeError"), "{}", e.message);
    assert_eq!(e.line, Some(5), "{e:?}");
    assert!(e.column.is_some());
    assert!(r.summary().contains("logic.js:5:"), "{}", r.summary());

    // Columns on line 1 are logic.js's own, not shifted by the player's wrapper.
    let r =
        smoke_src("aimini.game({ update(ctx) { null.x; }, draw(ctx) { ctx.clear('#123'); } });");
    let e = r.error.expect("error");
    assert_eq!((e.line, e.column), (Some(1), Some(28)), "{e:?}");

    // In draw, and a thrown non-Error.
    let r = smoke_src("aimini.game({ draw(ctx) { ctx.clear('#000'); throw 'boom'; } });");
    let e = r.error.expect("error");
    assert_eq!((e.phase, e.frame), (Phase::Draw, 1));
    assert_eq!(e.message, "uncaught boom");

    // In setup.
    let r = smoke_src("aimini.game({\n setup(ctx) { undefinedThing(); } });");
    let e = r.error.expect("error");
    assert_eq!((e.phase, e.line), (Phase::Setup, Some(2)));
    assert!(e.message.contains("ReferenceError"), "{}", e.message);
}

#[test]
fn syntax_errors_and_missing_games_fail_at_load() {
    let r = smoke_src("let a = 1;\nfunction (\n");
    let e = r.error.expect("error");
    assert_eq!((e.kind, e.phase), (ErrorKind::Exception, Phase::Load));
    assert!(e.message.starts_with("SyntaxError"), "{}", e.message);
    assert_eq!(e.line, Some(2));

    let r = smoke_src("const x = 1;");
    let e = r.error.clone().expect("error");
    assert_eq!((e.kind, e.phase), (ErrorKind::NoGame, Phase::Load));
    assert!(r.summary().contains("aimini.game"));
}

#[test]
fn a_game_that_draws_nothing_fails() {
    // Clears to one color every frame, and even reacts to input (by changing its score).
    let src = "aimini.game({ update(ctx) { if (ctx.input.pressed('action')) ctx.score.add(1); }, draw(ctx) { ctx.clear('#1e1e2e'); } });";
    let r = smoke_src(src);
    assert!(!r.ok);
    assert!(r.error.is_none());
    assert!(!r.drew_anything);
    assert!(
        r.problems.iter().any(|p| p.contains("draws nothing")),
        "{:?}",
        r.problems
    );
    assert!(r.score > 0, "input was delivered");
}

#[test]
fn a_game_that_ignores_input_fails_even_though_it_animates() {
    let src = "let x;\naimini.game({ setup() { x = 0; }, update(ctx, dt) { x = (x + 120 * dt) % 640; }, draw(ctx) { ctx.clear('#000'); ctx.circle(x, 180, 20, 'orange'); ctx.text('Score ' + ctx.score.get(), 10, 20); } });";
    let r = smoke_src(src);
    assert!(!r.ok);
    assert!(r.drew_anything && !r.input_changes_picture);
    assert!(
        r.problems.iter().any(|p| p.contains("ignores input")),
        "{:?}",
        r.problems
    );
}

#[test]
fn endless_loops_end_the_run_not_the_worker() {
    let limits = Limits {
        frame_timeout: Duration::from_millis(200),
        load_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    for (src, phase, line) in [
        (
            "aimini.game({ draw(ctx) { ctx.clear('#000'); },\n update(ctx) {\n if (ctx.frame > 2) { while (true) {} } } });",
            Phase::Update,
            3,
        ),
        // A try/catch does not save the game: the interrupt cannot be caught.
        (
            "aimini.game({\n draw(ctx) { for (;;) { try { for (;;) {} } catch (e) {} } } });",
            Phase::Draw,
            2,
        ),
        (
            "aimini.game({ setup() {\n while (1) {} } });",
            Phase::Setup,
            2,
        ),
        ("let i = 0;\nwhile (true) { i++; }", Phase::Load, 2),
    ] {
        let t = Instant::now();
        let r = smoke_with(src, &limits);
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "{src}: {:?}",
            t.elapsed()
        );
        let e = r.error.expect("error");
        assert_eq!(e.kind, ErrorKind::Timeout, "{src}: {e:?}");
        assert_eq!(e.phase, phase, "{src}");
        // QuickJS places an interrupt at the start of the statement or function it was in.
        assert!(e.line.is_some_and(|l| l <= line), "{src}: {e:?}");
        assert!(e.message.contains("endless loop"), "{}", e.message);
    }

    // The total budget bounds a game that is merely slow every frame.
    let slow = Limits {
        total_timeout: Duration::from_millis(400),
        ..Limits::default()
    };
    let src = "aimini.game({ update() { const t = Date.now(); while (Date.now() - t < 30) {} }, draw(ctx) { ctx.clear('#000'); ctx.rect(0, 0, 9, 9, 'red'); } });";
    let t = Instant::now();
    let e = smoke_with(src, &slow).error.expect("error");
    assert!(t.elapsed() < Duration::from_secs(3));
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert!(e.message.contains("total time"), "{}", e.message);
}

#[test]
fn the_memory_limit_is_enforced() {
    let limits = Limits {
        memory_bytes: 16 << 20,
        ..Limits::default()
    };
    let src = "const hoard = [];\naimini.game({ update() {\n for (let i = 0; i < 20000; i++) hoard.push({ i, s: 'x'.repeat(64) + i }); }, draw(ctx) { ctx.clear('#000'); } });";
    let t = Instant::now();
    let r = smoke_with(src, &limits);
    let e = r.error.expect("error");
    assert_eq!(e.kind, ErrorKind::OutOfMemory, "{e:?}");
    assert!(e.message.contains("16 MiB"), "{}", e.message);
    assert!(t.elapsed() < Duration::from_secs(10));

    // One huge allocation at load.
    let r = smoke_with("const big = new Array(1e8).fill(1);", &limits);
    assert_eq!(r.error.expect("error").kind, ErrorKind::OutOfMemory);

    // Deep recursion is a RangeError with a location, not a crash.
    let r =
        smoke_src("function f(n) { return f(n + 1) + 1; }\naimini.game({ update() { f(0); } });");
    let e = r.error.expect("error");
    assert_eq!(e.kind, ErrorKind::Exception);
    assert!(e.message.contains("RangeError"), "{}", e.message);
    assert_eq!(e.line, Some(1));
}

#[test]
fn nothing_beyond_the_runtime_api_is_reachable() {
    let src = r##"
let seen;
const topThis = this;
aimini.game({
  setup(ctx) {
    seen = {};
    // As in the player frame: blocked names are undefined in the game's scope...
    const blocked = { fetch: typeof fetch, XMLHttpRequest: typeof XMLHttpRequest, WebSocket: typeof WebSocket,
      setTimeout: typeof setTimeout, setInterval: typeof setInterval, document: typeof document,
      window: typeof window, globalThis: typeof globalThis, importScripts: typeof importScripts,
      requestAnimationFrame: typeof requestAnimationFrame, Image: typeof Image, open: typeof open };
    // ...QuickJS has no host objects of its own...
    blocked.require = typeof require; blocked.process = typeof process; blocked.std = typeof std;
    blocked.os = typeof os; blocked.Deno = typeof Deno; blocked.host = typeof host;
    // ...and the global object is out of reach: strict mode leaves `this` undefined (issue 10,
    // Medium 5: sloppy `this` was the window in the player), code from strings is refused as the
    // player's CSP refuses it, and the game's `aimini` can define a game and nothing else.
    blocked.sloppyThis = typeof (function () { return this; })();
    blocked.topThis = typeof topThis;
    try { blocked.ctor = typeof (function () {}).constructor("return this")(); } catch (e) { blocked.ctor = e.name; }
    try { blocked.gen = typeof (function* () {}).constructor("return this")().next().value; } catch (e) { blocked.gen = e.name; }
    blocked.start = typeof aimini.start; blocked.sandbox = typeof aimini.sandbox;
    seen = blocked;
    localStorage.setItem("k", "v");
    seen.storage = localStorage.getItem("k") + typeof sessionStorage.getItem;
    seen.module = "pending";
    import("./other.js").then(() => { seen.module = "loaded"; }, () => { seen.module = "rejected"; });
  },
  update(ctx) { if (ctx.frame === 2) ctx.event("seen", seen); },
  draw(ctx) { ctx.clear("#000"); },
});
"##;
    let mut s = started(src, json!({}));
    for _ in 0..3 {
        s.tick(DT).expect("tick");
    }
    let seen = &events(&s, "seen")[0].data;
    for (k, v) in seen.as_object().expect("object") {
        match k.as_str() {
            "storage" => assert_eq!(v, "vfunction", "an in-memory localStorage, as the player"),
            "module" => assert_eq!(v, "rejected"),
            "ctor" | "gen" => assert_eq!(v, "EvalError", "{k}: code from a string ran"),
            _ => assert_eq!(v, "undefined", "{k} is reachable"),
        }
    }
}

/// mulberry32 as runtime.js writes it.
fn mulberry32(mut a: u32) -> impl FnMut() -> f64 {
    move || {
        a = a.wrapping_add(0x6d2b_79f5);
        let mut t = (a ^ (a >> 15)).wrapping_mul(1 | a);
        t = t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t)) ^ t;
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

#[test]
fn random_is_runtime_js_mulberry32_seeded_per_run() {
    let src = r##"
aimini.game({
  setup(ctx) { ctx.event("r", { v: [ctx.random(), ctx.random(), ctx.random()], i: ctx.randInt(1, 6) }); },
  update(ctx) { if (ctx.frame === 1) ctx.restart(); },
  draw(ctx) { ctx.clear("#000"); },
});
"##;
    let mut s = started(src, json!({}));
    s.tick(DT).expect("tick");
    let runs = events(&s, "r");
    assert_eq!(runs.len(), 2, "setup ran at start and on restart");
    for (k, run) in runs.iter().enumerate() {
        let seed = SEED.wrapping_add((k as u32).wrapping_mul(0x9e37_79b9));
        let mut rng = mulberry32(seed);
        let want: Vec<f64> = (0..3).map(|_| rng()).collect();
        let got: Vec<f64> = serde_json::from_value(run.data["v"].clone()).expect("numbers");
        assert_eq!(got, want, "run {k}");
        assert_eq!(run.data["i"], json!(1 + (rng() * 6.0).floor() as i64));
    }
    assert_eq!(s.host().runs, 2);
}

#[test]
fn input_reaches_the_game_as_the_browser_runtime_delivers_it() {
    let src = r##"
aimini.game({
  update(ctx) {
    const i = ctx.input, p = i.pointer;
    if (i.pressed("action")) ctx.event("press", {});
    if (i.down("left")) ctx.event("left", {});
    if (i.down("a")) ctx.event("a", {});
    if (i.typed.length) ctx.event("typed", { t: i.typed.join("") });
    if (p.pressed) ctx.event("down", { x: p.x, y: p.y });
    if (p.released) ctx.event("up", { x: p.x, y: p.y });
    ctx.event("at", { x: p.x, y: p.y, down: p.down });
  },
  draw(ctx) { ctx.clear("#000"); },
});
"##;
    let script = Script::none()
        .key(2, "Space", 3)
        .key(2, "KeyA", 1)
        .key(3, "Digit7", 1)
        .at(6, Action::MouseMove { x: 10.0, y: 20.0 })
        .at(7, Action::TouchMove { x: 99.0, y: 99.0 })
        .tap(8, 100.0, 50.0);
    let mut s = started(src, json!({}));
    for f in 1..=12 {
        for a in script.actions_at(f) {
            a.apply(&mut s);
        }
        s.tick(DT).expect("tick");
    }
    let frames = |n: &str| events(&s, n).iter().map(|e| e.frame).collect::<Vec<_>>();
    assert_eq!(frames("press"), [2], "pressed once per press");
    assert_eq!(frames("a"), [2], "KeyA is the letter...");
    assert_eq!(frames("left"), [2], "...and left");
    let typed: Vec<String> = events(&s, "typed")
        .iter()
        .map(|e| e.data["t"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(typed, ["a", "7"]);
    let at = events(&s, "at");
    assert_eq!(
        at[5].data,
        json!({"x": 10, "y": 20, "down": false}),
        "mouse hover moves"
    );
    assert_eq!(
        at[6].data["x"],
        json!(10),
        "a touch that is not down does not"
    );
    assert_eq!(events(&s, "down")[0].data, json!({"x": 100, "y": 50}));
    assert_eq!(events(&s, "down")[0].frame, 8);
    assert_eq!(events(&s, "up")[0].frame, 10);
    assert_eq!(at[8].data["down"], json!(true));
}

#[test]
fn score_events_game_over_store_and_sound_are_collected() {
    let src = r##"
aimini.game({
  setup(ctx) { ctx.store.set("best", { v: ctx.store.get("best", { v: 0 }).v + 1 }); },
  update(ctx) {
    ctx.score.add(2.6);
    if (ctx.frame === 3) { ctx.event("level", { n: 2 }); ctx.sound.effect("coin"); ctx.sound.tone(440, 100); ctx.sound.effect("nope"); }
    if (ctx.frame === 5) ctx.gameOver({ won: true, message: "done " + ctx.store.get("best").v });
  },
  draw(ctx) { ctx.clear("#000"); ctx.text(String(ctx.score.get()), 10, 10); },
});
"##;
    let mut s = started(src, json!({}));
    for _ in 0..8 {
        s.tick(DT).expect("tick");
    }
    {
        let h = s.host();
        // 2.6 added and rounded 5 times: 3, 6, 9, 12, 15 (no update after the game over).
        assert_eq!(h.score, 15);
        assert_eq!(
            h.game_over,
            Some(GameOver {
                won: true,
                message: "done 1".into(),
                score: 15
            })
        );
        assert_eq!(h.events[0].name, "level");
        assert_eq!(
            (h.events[0].frame, &h.events[0].data),
            (3, &json!({"n": 2}))
        );
        assert_eq!(h.sounds.get("coin"), Some(&1));
        assert_eq!(h.sounds.get("tone"), Some(&1));
        assert_eq!(h.sounds.get("nope"), None);
    }
    s.restart().expect("restart");
    s.tick(DT).expect("tick");
    let h = s.host();
    assert_eq!(h.score, 3, "score resets on restart");
    assert_eq!(h.runs, 2);
}

#[test]
fn params_are_a_frozen_copy() {
    let src = r##"
aimini.game({
  setup(ctx) { ctx.event("p", { t: ctx.params.title, frozen: Object.isFrozen(ctx.params.list) }); ctx.shuffle(ctx.params.list); },
  draw(ctx) { ctx.clear("#000"); },
});
"##;
    let mut s = Session::new(1.0, Limits::default()).expect("engine");
    s.load(src).expect("load");
    let e = s
        .start(&json!({"title": "T", "list": [1, 2, 3]}), SEED, Lang::En)
        .expect_err("shuffling params throws, as in the browser");
    assert!(e.message.contains("read-only"), "{}", e.message);
    assert_eq!(events(&s, "p")[0].data, json!({"t": "T", "frozen": true}));
}

/// The runner starts a game in the package's language, as the player does: `ctx.lang` and `ctx.t`
/// with the game's own translation table (thumbnails show the texts a player of that language sees).
#[test]
fn the_game_starts_in_the_language_it_is_given() {
    let src = r##"
aimini.game({
  setup(ctx) { ctx.event("t", { lang: ctx.lang, text: ctx.t("Game over {n}", { n: 3 }) }); },
  draw(ctx) { ctx.clear("#000"); },
  strings: { de: { "Game over {n}": "Spiel vorbei {n}" } },
});
"##;
    for (lang, text) in [
        (Lang::De, "Spiel vorbei 3"),
        (Lang::En, "Game over 3"),
        (Lang::Fr, "Game over 3"),
    ] {
        let mut s = Session::new(1.0, Limits::default()).expect("engine");
        s.load(src).expect("load");
        s.start(&json!({}), SEED, lang).expect("start");
        assert_eq!(
            events(&s, "t")[0].data,
            json!({"lang": lang.code(), "text": text}),
            "{lang}"
        );
    }
}

fn decoded(webp: &[u8]) -> image::RgbImage {
    assert_eq!(&webp[..4], b"RIFF");
    assert_eq!(&webp[8..12], b"WEBP");
    image::load_from_memory_with_format(webp, image::ImageFormat::WebP)
        .expect("valid WebP")
        .to_rgb8()
}

fn luma_variance(img: &image::RgbImage) -> f64 {
    let l: Vec<f64> = img
        .pixels()
        .map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]))
        .collect();
    let mean = l.iter().sum::<f64>() / l.len() as f64;
    l.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / l.len() as f64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thumbnails_are_webp_of_the_right_sizes_and_not_blank() {
    let set = template_set();
    let sandbox = sandbox::test_sandbox();
    let runs = set.all().iter().map(|t| {
        let pkg = crate::local::rules::package(t, t.example.clone(), None);
        let id = t.meta.id.clone();
        let sandbox = sandbox.clone();
        async move { (id, sandbox.package_thumbnails(&pkg).await) }
    });
    let all: Vec<_> = futures::stream::iter(runs).buffered(2).collect().await;
    for (id, thumbs) in all {
        let t = thumbs.expect("thumbnails");
        let (small, large) = (decoded(&t.small), decoded(&t.large));
        assert_eq!(small.dimensions(), SMALL, "{id}");
        assert_eq!(large.dimensions(), LARGE, "{id}");
        let (vs, vl) = (luma_variance(&small), luma_variance(&large));
        assert!(vs > 50.0 && vl > 50.0, "{id}: variance {vs:.1} / {vl:.1}");
        assert!(t.frame >= 60, "{id}: frame {} is after some play", t.frame);
        eprintln!(
            "{id}: frame {} in {:.0} ms, small {} B, large {} B",
            t.frame,
            t.render_ms,
            t.small.len(),
            t.large.len()
        );
    }
}

#[test]
fn thumbnails_of_blank_or_broken_games_are_refused() {
    let blank = "aimini.game({ draw(ctx) { ctx.clear('#222'); } });";
    assert!(matches!(
        thumbnails_blocking(blank, &json!({}), SEED, Lang::En, &Limits::default()),
        Err(RunnerError::Blank)
    ));
    let broken = "aimini.game({ setup() { throw new Error('nope'); } });";
    assert!(matches!(
        thumbnails_blocking(broken, &json!({}), SEED, Lang::En, &Limits::default()),
        Err(RunnerError::Game(e)) if e.phase == Phase::Setup
    ));
    // A game that fails later keeps the best frame it showed before.
    let late = "aimini.game({ update(ctx) { if (ctx.frame > 100) throw new Error('late'); }, draw(ctx) { ctx.clear('#000'); ctx.circle(320, 180, 50 + ctx.frame % 7, '#fc0'); } });";
    let t =
        thumbnails_blocking(late, &json!({}), SEED, Lang::En, &Limits::default()).expect("thumbs");
    assert!(t.frame <= 100);
}

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Figures for benches/RESULTS.md: `cargo nextest run -p aimini-worker bench_runner --run-ignored
/// only --no-capture` (one template at a time, this process alone).
#[test]
#[ignore = "benchmark; run on a quiet machine"]
fn bench_runner() {
    let set = template_set();
    let rss0 = vm_hwm_kib();
    let mut total_smoke = 0.0;
    let mut total_thumb = 0.0;
    println!(
        "| template | smoke ms | frame avg / max ms | JS-only frame ms | thumbnails ms | QuickJS heap peak |"
    );
    println!("|---|---|---|---|---|---|");
    for t in set.all() {
        let params = t.example.clone();
        let r = smoke_blocking(
            &t.logic,
            &params,
            SEED,
            &Script::smoke(),
            &Limits::default(),
        )
        .expect("engine");
        assert!(r.ok, "{}: {}", t.meta.id, r.summary());
        // The same frames with the raster off: the JavaScript side alone.
        let mut s = Session::new(1.0, Limits::default()).expect("engine");
        s.load(&t.logic).expect("load");
        s.start(&params, SEED, Lang::En).expect("start");
        s.host_mut().canvas.raster = false;
        let script = Script::smoke();
        let t0 = Instant::now();
        for f in 1..=SMOKE_FRAMES {
            for a in script.actions_at(f) {
                a.apply(&mut s);
            }
            s.tick(DT).expect("tick");
        }
        let js_ms = t0.elapsed().as_secs_f64() * 1000.0 / f64::from(SMOKE_FRAMES);
        let th = thumbnails_blocking(&t.logic, &params, SEED, Lang::En, &Limits::default())
            .expect("thumbs");
        total_smoke += r.elapsed_ms;
        total_thumb += th.render_ms;
        println!(
            "| {} | {:.0} | {:.2} / {:.2} | {:.2} | {:.0} | {} KiB |",
            t.meta.id,
            r.elapsed_ms,
            r.avg_frame_ms,
            r.max_frame_ms,
            js_ms,
            th.render_ms,
            r.peak_heap_bytes / 1024
        );
    }
    let n = set.all().len() as f64;
    println!(
        "mean smoke {:.0} ms, mean thumbnails {:.0} ms; process peak RSS {} MiB (at start {} MiB)",
        total_smoke / n,
        total_thumb / n,
        vm_hwm_kib() / 1024,
        rss0 / 1024
    );
}

/// A still picture (no dt or time in it) using every drawing call, seeded random and a sprite.
const CONFORMANCE_GAME: &str = r##"
let stars;
aimini.game({
  setup(ctx) {
    stars = [];
    for (let i = 0; i < 40; i++) stars.push([ctx.random() * 640, ctx.random() * 360, 1 + ctx.random() * 3]);
    ctx.sprite.define("hero", ["..AA..", ".ABBA.", "AABBAA", "A.AA.A"], { A: "#7cf", B: "#fff" });
  },
  draw(ctx) {
    ctx.clear("#1e1e2e");
    for (const s of stars) ctx.circle(s[0], s[1], s[2], "rgba(255,255,200,0.6)");
    ctx.rect(40, 40, 160, 90, "#f43f5e");
    ctx.rect(120, 80, 160, 90, "rgba(96,165,250,0.5)");
    ctx.strokeRect(320, 40, 120, 70, "yellow", 4);
    ctx.roundRect(470, 40, 130, 70, 18, "hsl(140, 60%, 45%)");
    ctx.circle(380, 200, 44, "orange");
    ctx.strokeCircle(380, 200, 56, "#fff", 3);
    ctx.line(20, 340, 620, 250, "cyan", 6);
    ctx.poly([[470, 300], [540, 160], [610, 300]], "magenta");
    ctx.sprite.draw("hero", 60, 200, 8);
    ctx.text("Hello, runner!", 320, 300, { size: 28, color: "#fff", align: "center", bold: true });
    ctx.text("left 16px", 20, 20, { color: "not-a-color" });
    ctx.text("right", 620, 20, { size: 20, color: "#fbbf24", align: "right" });
  },
});
"##;

fn node_available() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The shared conformance check: the same still frame from the browser runtime in Chromium and from
/// the runner, compared pixel by pixel with a tolerance (antialiasing and glyph rasterization differ
/// slightly). Skipped, with a note, where Chromium, node or playwright-core are missing.
#[test]
fn frames_match_the_browser_runtime() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() || !node_available() {
        eprintln!("skipped: no {chromium} or no node");
        return;
    }
    let dir = std::env::temp_dir().join(format!("aimini-conformance-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("game.js"), CONFORMANCE_GAME).expect("write");
    std::fs::write(dir.join("params.json"), "{}").expect("write");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/runtime/conformance.mjs");
    let out = std::process::Command::new("node")
        .arg(&script)
        .arg(dir.join("game.js"))
        .arg(dir.join("params.json"))
        .arg(SEED.to_string())
        .arg("5")
        .arg(dir.join("browser.rgba"))
        .output()
        .expect("node");
    if out.status.code() == Some(2) {
        eprintln!("skipped: {}", String::from_utf8_lossy(&out.stderr));
        return;
    }
    assert!(
        out.status.success(),
        "conformance.mjs: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json line");
    assert_eq!(report["error"], Value::Null, "browser: {report}");
    let browser = std::fs::read(dir.join("browser.rgba")).expect("browser frame");

    let mut s = started(CONFORMANCE_GAME, json!({}));
    for _ in 0..5 {
        s.tick(DT).expect("tick");
    }
    let ours = canvas_rgba(&s);
    assert_eq!(browser.len(), ours.len());

    let (mut sum, mut far) = (0u64, 0u64);
    for (a, b) in browser.chunks_exact(4).zip(ours.chunks_exact(4)) {
        let d = (0..3).map(|i| a[i].abs_diff(b[i])).max().unwrap_or(0);
        sum += u64::from(d);
        if d > 64 {
            far += 1;
        }
    }
    let n = (browser.len() / 4) as f64;
    let (mean, far_pct) = (sum as f64 / n, far as f64 * 100.0 / n);
    eprintln!(
        "browser vs runner: mean max-channel difference {mean:.2}, {far_pct:.2}% of pixels differ by more than 64"
    );
    let save = |name: &str, rgba: &[u8]| {
        if let Some(img) = image::RgbaImage::from_raw(640, 360, rgba.to_vec()) {
            let _ = img.save(dir.join(name));
        }
    };
    if mean > 3.0 || far_pct > 1.5 {
        save("browser.png", &browser);
        save("runner.png", &ours);
        panic!(
            "frames differ beyond tolerance (mean {mean:.2}, {far_pct:.2}% far): see {}",
            dir.display()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn canvas_rgba(s: &Session) -> Vec<u8> {
    s.host()
        .canvas
        .pixmap()
        .pixels()
        .iter()
        .flat_map(|c| {
            let c = c.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect()
}

/// The contained part of the hostile corpus (`tests/fixtures/hostile/corpus.json`, entries with a
/// `runner_probe`): each game loads and starts here as in the player, and what it reports it saw
/// shows it reached nothing (issue 10, Medium 5 and "a sandbox corpus"; the same games in Chromium:
/// `tests/tests/containment.rs`).
#[test]
fn hostile_corpus_is_contained_in_the_runner() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile");
    let text = std::fs::read_to_string(dir.join("corpus.json")).expect("corpus.json");
    let manifest: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("json");
    let mut n = 0;
    for (file, want) in &manifest {
        let Some(expected) = want["runner_probe"].as_object() else {
            continue;
        };
        n += 1;
        let src = std::fs::read_to_string(dir.join("corpus").join(file)).expect("corpus file");
        let mut s = started(&src, json!({}));
        s.tick(DT).expect("tick");
        let probes = events(&s, "probe");
        let probe = &probes
            .first()
            .unwrap_or_else(|| panic!("{file}: no probe"))
            .data;
        for (k, v) in expected {
            assert_eq!(&probe[k], v, "{file}: probe {k} ({probe})");
        }
    }
    assert!(n >= 8, "only {n} contained games");
}
