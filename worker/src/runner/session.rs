//! One game in one QuickJS runtime: load logic.js, start it, drive frames and input.
//!
//! The runtime has a memory limit, a stack limit and an interrupt handler that ends any call past
//! its deadline (QuickJS raises an uncatchable error, so `try {} catch {}` around an endless loop
//! does not help the game). The global object is QuickJS's standard library plus `aimini`: no
//! module loader, no timers, no I/O (none are installed). Everything here is synchronous and not
//! `Send`: run it on a blocking thread.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::time::{Duration, Instant};

use aimini_models::lang::Lang;
use rquickjs::context::EvalOptions;
use rquickjs::function::IntoArgs;
use rquickjs::{
    CaughtError, Coerced, Context, Ctx, Exception, Function, Object, Persistent, Runtime, Value,
};
use serde::{Deserialize, Serialize};

use aimini_models::jscheck::{wrapper_prefix, wrapper_suffix};

use super::canvas::Canvas;
use super::host::{Host, install_host, truncate};

/// The browser's runtime, evaluated as it is: the game runs on its core (see `headless.js`).
const RUNTIME_JS: &str = include_str!("../../../prompts/runtime/runtime.js");
/// The headless platform for that core: the host as the surface, the runner's input, no DOM.
const HEADLESS_JS: &str = include_str!("headless.js");

/// logic.js inside the player's wrapper (strict mode, shadowed globals; see
/// [`aimini_models::jscheck::wrapper_prefix`]). The wrapper opens on logic.js's first line, so line
/// numbers are the file's own (columns on line 1 shift by the prefix; [`locate`] corrects them).
fn wrap_logic(logic: &str) -> String {
    format!("{}{logic}{}", wrapper_prefix(), wrapper_suffix())
}

/// Hard limits for one game run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    /// QuickJS heap limit.
    pub memory_bytes: usize,
    /// QuickJS stack limit (deep recursion is a RangeError, not a crash).
    pub stack_bytes: usize,
    /// Evaluating logic.js plus the first `setup`.
    pub load_timeout: Duration,
    /// One frame (update + draw), or one restart.
    pub frame_timeout: Duration,
    /// The whole run, however many frames.
    pub total_timeout: Duration,
    pub max_frames: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_bytes: 64 << 20,
            stack_bytes: 512 << 10,
            load_timeout: Duration::from_secs(2),
            frame_timeout: Duration::from_millis(1000),
            // A backstop against a game that is slow every frame; wall time, so leave room for a
            // busy machine (an endless loop ends at the frame timeout anyway).
            total_timeout: Duration::from_secs(60),
            max_frames: 3600,
        }
    }
}

/// Where in the game's life an error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Evaluating logic.js (syntax errors, top-level code, `aimini.game` missing).
    Load,
    Setup,
    Update,
    Draw,
    /// The run as a whole: the sandbox process stopped it (memory, time, crash).
    Run,
}

impl Phase {
    fn parse(s: &str) -> Phase {
        match s {
            "update" => Phase::Update,
            "draw" => Phase::Draw,
            _ => Phase::Setup,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Setup => "setup",
            Phase::Update => "update",
            Phase::Draw => "draw",
            Phase::Run => "run",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The game threw (or failed to parse).
    Exception,
    /// A call ran past its deadline: an endless loop or far too slow.
    Timeout,
    /// The game used more memory than the limit.
    OutOfMemory,
    /// logic.js never called `aimini.game`.
    NoGame,
    /// The runner's process died on this game (a signal other than the memory and time limits).
    Crashed,
}

/// A game failure, with its location in logic.js when the engine knows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GameError {
    pub kind: ErrorKind,
    pub phase: Phase,
    pub message: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// Frames completed before the error.
    pub frame: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
}

impl fmt::Display for GameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "logic.js:{l}:{c}: ")?,
            (Some(l), None) => write!(f, "logic.js:{l}: ")?,
            _ => {}
        }
        write!(f, "{} (in {}", self.message, self.phase.as_str())?;
        if !matches!(self.phase, Phase::Load | Phase::Run) {
            write!(f, ", frame {}", self.frame)?;
        }
        write!(f, ")")
    }
}

/// Failure to build the engine itself (not the game's fault).
#[derive(Debug, thiserror::Error)]
#[error("JavaScript engine: {0}")]
pub struct EngineError(pub String);

pub struct Session {
    // Persistent values first: they must be released before the context and runtime drop.
    instance: Option<Persistent<Object<'static>>>,
    driver: Persistent<Object<'static>>,
    context: Context,
    runtime: Runtime,
    host: Rc<RefCell<Host>>,
    deadline: Rc<Cell<Option<Instant>>>,
    interrupted: Rc<Cell<bool>>,
    limits: Limits,
    run_deadline: Instant,
    frames: u32,
    peak_heap: u64,
}

/// A failure described inside the engine, before it is classified.
struct Thrown {
    message: String,
    stack: Option<String>,
    phase: Option<Phase>,
    oom: bool,
}

fn thrown<'js>(ctx: &Ctx<'js>, err: rquickjs::Error) -> Thrown {
    match CaughtError::from_error(ctx, err) {
        CaughtError::Error(rquickjs::Error::Allocation) => Thrown {
            message: "out of memory".into(),
            stack: None,
            phase: None,
            oom: true,
        },
        CaughtError::Error(e) => Thrown {
            message: e.to_string(),
            stack: None,
            phase: None,
            oom: false,
        },
        CaughtError::Exception(e) => describe_exception(&e),
        CaughtError::Value(v) => describe_value(ctx, v),
    }
}

fn describe_exception(e: &Exception<'_>) -> Thrown {
    let name = e
        .get::<_, Option<Coerced<String>>>("name")
        .ok()
        .flatten()
        .map(|s| s.0)
        .unwrap_or_default();
    let message = e.message().unwrap_or_default();
    let oom = name == "InternalError" && message == "out of memory";
    let text = match (name.is_empty(), message.is_empty()) {
        (false, false) => format!("{name}: {message}"),
        (false, true) => name,
        (true, _) => message,
    };
    Thrown {
        message: text,
        stack: e.stack().filter(|s| !s.trim().is_empty()),
        phase: None,
        oom,
    }
}

fn describe_value<'js>(ctx: &Ctx<'js>, v: Value<'js>) -> Thrown {
    if let Some(e) = v
        .as_object()
        .and_then(|o| Exception::from_object(o.clone()))
    {
        return describe_exception(&e);
    }
    let text = if v.is_object() {
        ctx.json_stringify(v.clone())
            .ok()
            .flatten()
            .and_then(|s| s.to_string().ok())
    } else {
        None
    };
    let text = text.unwrap_or_else(|| {
        <Coerced<String> as rquickjs::FromJs>::from_js(ctx, v)
            .map(|c| c.0)
            .unwrap_or_else(|_| "a value that is not an Error".into())
    });
    Thrown {
        message: format!("uncaught {}", truncate(&text, 300)),
        stack: None,
        phase: None,
        oom: false,
    }
}

/// The first `logic.js:LINE:COL` (or `logic.js:LINE`) in a stack trace.
pub fn locate(stack: &str) -> Option<(u32, Option<u32>)> {
    let mut rest = stack;
    while let Some(i) = rest.find("logic.js:") {
        let after = &rest[i + "logic.js:".len()..];
        let line: String = after.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(line) = line.parse::<u32>() {
            let col = after[line.to_string().len()..]
                .strip_prefix(':')
                .map(|c| {
                    c.chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                })
                .and_then(|c| c.parse::<u32>().ok());
            return Some((line, col));
        }
        rest = after;
    }
    None
}

impl Session {
    /// A fresh runtime with the headless runtime installed; no game yet.
    pub fn new(scale: f32, limits: Limits) -> Result<Session, EngineError> {
        let canvas = Canvas::new(scale).ok_or_else(|| EngineError("canvas".into()))?;
        let runtime = Runtime::new().map_err(|e| EngineError(e.to_string()))?;
        runtime.set_memory_limit(limits.memory_bytes);
        runtime.set_max_stack_size(limits.stack_bytes);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let interrupted = Rc::new(Cell::new(false));
        {
            let (d, i) = (deadline.clone(), interrupted.clone());
            runtime.set_interrupt_handler(Some(Box::new(move || match d.get() {
                Some(t) if Instant::now() >= t => {
                    i.set(true);
                    true
                }
                _ => false,
            })));
        }
        let context = Context::full(&runtime).map_err(|e| EngineError(e.to_string()))?;
        let host = Rc::new(RefCell::new(Host::new(canvas)));
        deadline.set(Some(Instant::now() + limits.load_timeout));
        let driver = context.with(|ctx| -> Result<_, EngineError> {
            let options = |name: &str| {
                let mut opts = EvalOptions::default();
                opts.strict = false;
                opts.filename = Some(name.into());
                opts
            };
            let setup = || -> rquickjs::Result<Object<'_>> {
                ctx.eval_with_options::<(), _>(RUNTIME_JS, options("aimini-runtime.js"))?;
                let make: Function =
                    ctx.eval_with_options(HEADLESS_JS, options("aimini-headless.js"))?;
                let host_obj = install_host(&ctx, &host)?;
                make.call((host_obj, ctx.globals()))
            };
            match setup() {
                Ok(driver) => Ok(Persistent::save(&ctx, driver)),
                Err(e) => Err(EngineError(thrown(&ctx, e).message)),
            }
        });
        deadline.set(None);
        let driver = driver?;
        let run_deadline = Instant::now() + limits.total_timeout;
        Ok(Session {
            instance: None,
            driver,
            context,
            runtime,
            host,
            deadline,
            interrupted,
            limits,
            run_deadline,
            frames: 0,
            peak_heap: 0,
        })
    }

    pub fn host(&self) -> std::cell::Ref<'_, Host> {
        self.host.borrow()
    }

    pub fn host_mut(&self) -> std::cell::RefMut<'_, Host> {
        self.host.borrow_mut()
    }

    pub fn frames(&self) -> u32 {
        self.frames
    }

    /// Peak QuickJS heap seen so far (sampled), in bytes.
    pub fn peak_heap(&mut self) -> u64 {
        self.sample_heap();
        self.peak_heap
    }

    fn sample_heap(&mut self) {
        let used = u64::try_from(self.runtime.memory_usage().malloc_size).unwrap_or(0);
        self.peak_heap = self.peak_heap.max(used);
    }

    /// Under memory pressure QuickJS may fail to build even its "out of memory" error (the game
    /// then sees `null` thrown): a heap at 90% of the limit when a call fails is the sign.
    fn heap_nearly_full(&self) -> bool {
        let used = u64::try_from(self.runtime.memory_usage().malloc_size).unwrap_or(0);
        used >= (self.limits.memory_bytes as u64) / 10 * 9
    }

    fn arm(&self, budget: Duration) {
        self.interrupted.set(false);
        let t = (Instant::now() + budget).min(self.run_deadline);
        self.deadline.set(Some(t));
    }

    fn disarm(&self) {
        self.deadline.set(None);
    }

    /// The instance's current phase (after an interrupt: where the game was stuck).
    fn instance_phase(&self) -> Option<Phase> {
        let inst = self.instance.clone()?;
        self.disarm();
        self.context.with(|ctx| {
            let inst = inst.restore(&ctx).ok()?;
            let f: Function = inst.get("phase").ok()?;
            let s: String = f.call(()).ok()?;
            Some(Phase::parse(&s))
        })
    }

    fn classify(&self, t: Thrown, phase: Phase, budget: Duration) -> GameError {
        let phase = t.phase.unwrap_or(phase);
        let prefix = wrapper_prefix().chars().count() as u32;
        let loc = t.stack.as_deref().and_then(locate).map(|(line, col)| {
            // Line 1 starts after the wrapper's prefix.
            let col = if line == 1 {
                col.map(|c| c.saturating_sub(prefix).max(1))
            } else {
                col
            };
            (line, col)
        });
        let (kind, message) = if self.interrupted.get() {
            let total = Instant::now() >= self.run_deadline;
            let message = if total {
                format!(
                    "the game used up its total time of {:.1}s (too slow)",
                    self.limits.total_timeout.as_secs_f64()
                )
            } else {
                format!(
                    "{} took longer than {} ms: an endless loop, or far too slow",
                    phase.as_str(),
                    budget.as_millis()
                )
            };
            (ErrorKind::Timeout, message)
        } else if t.oom || self.heap_nearly_full() {
            (
                ErrorKind::OutOfMemory,
                format!(
                    "out of memory: the game used more than {} MiB",
                    self.limits.memory_bytes >> 20
                ),
            )
        } else {
            (ErrorKind::Exception, truncate(&t.message, 1000))
        };
        GameError {
            kind,
            phase,
            message,
            line: loc.map(|l| l.0),
            column: loc.and_then(|l| l.1),
            frame: self.frames,
            stack: t.stack.map(|s| truncate(&s, 2000)),
        }
    }

    /// Evaluates logic.js (as a classic script named `logic.js`).
    pub fn load(&mut self, logic: &str) -> Result<(), GameError> {
        self.arm(self.limits.load_timeout);
        let res = self.context.with(|ctx| -> Result<bool, Thrown> {
            let mut opts = EvalOptions::default();
            opts.strict = false;
            opts.filename = Some("logic.js".into());
            ctx.eval_with_options::<Value, _>(wrap_logic(logic).into_bytes(), opts)
                .map_err(|e| thrown(&ctx, e))?;
            let driver = self
                .driver
                .clone()
                .restore(&ctx)
                .map_err(|e| thrown(&ctx, e))?;
            let defined: Function = driver.get("defined").map_err(|e| thrown(&ctx, e))?;
            defined.call(()).map_err(|e| thrown(&ctx, e))
        });
        self.disarm();
        match res {
            Ok(true) => Ok(()),
            Ok(false) => Err(GameError {
                kind: ErrorKind::NoGame,
                phase: Phase::Load,
                message: "logic.js never calls aimini.game({setup, update, draw})".into(),
                line: None,
                column: None,
                frame: 0,
                stack: None,
            }),
            Err(t) => Err(self.classify(t, Phase::Load, self.limits.load_timeout)),
        }
    }

    /// Starts the game (runs `setup`) with its parameters, seed and language (`ctx.lang`).
    pub fn start(
        &mut self,
        params: &serde_json::Value,
        seed: u32,
        lang: Lang,
    ) -> Result<(), GameError> {
        let params_json = serde_json::to_string(params).unwrap_or_else(|_| "{}".into());
        self.arm(self.limits.load_timeout);
        let res = self.context.with(|ctx| -> Result<_, Thrown> {
            let driver = self
                .driver
                .clone()
                .restore(&ctx)
                .map_err(|e| thrown(&ctx, e))?;
            let start: Function = driver.get("start").map_err(|e| thrown(&ctx, e))?;
            let inst: Object = start
                .call((params_json, f64::from(seed), lang.code()))
                .map_err(|e| thrown(&ctx, e))?;
            let failure = failure(&ctx, &inst)?;
            Ok((Persistent::save(&ctx, inst), failure))
        });
        self.disarm();
        match res {
            Ok((inst, failure)) => {
                self.instance = Some(inst);
                match failure {
                    Some(t) => Err(self.classify(t, Phase::Setup, self.limits.load_timeout)),
                    None => Ok(()),
                }
            }
            Err(t) => {
                let phase = if self.interrupted.get() {
                    self.instance_phase().unwrap_or(Phase::Setup)
                } else {
                    Phase::Setup
                };
                Err(self.classify(t, phase, self.limits.load_timeout))
            }
        }
    }

    /// One frame: input latched, `update(ctx, dt)`, `draw(ctx)`, pending promise jobs.
    pub fn tick(&mut self, dt: f64) -> Result<(), GameError> {
        let budget = self.limits.frame_timeout;
        if self.frames >= self.limits.max_frames {
            return Err(GameError {
                kind: ErrorKind::Timeout,
                phase: Phase::Update,
                message: format!("frame limit of {} reached", self.limits.max_frames),
                line: None,
                column: None,
                frame: self.frames,
                stack: None,
            });
        }
        let Some(inst) = self.instance.clone() else {
            return Err(GameError {
                kind: ErrorKind::NoGame,
                phase: Phase::Setup,
                message: "the game was not started".into(),
                line: None,
                column: None,
                frame: self.frames,
                stack: None,
            });
        };
        self.arm(budget);
        let res = self.context.with(|ctx| -> Result<Option<Thrown>, Thrown> {
            let inst = inst.restore(&ctx).map_err(|e| thrown(&ctx, e))?;
            let tick: Function = inst.get("tick").map_err(|e| thrown(&ctx, e))?;
            tick.call::<_, bool>((dt,)).map_err(|e| thrown(&ctx, e))?;
            let mut jobs = 0;
            while jobs < 1000 && ctx.execute_pending_job() {
                jobs += 1;
            }
            failure(&ctx, &inst)
        });
        self.disarm();
        self.frames += 1;
        if self.frames.is_multiple_of(30) {
            self.sample_heap();
        }
        match res {
            Ok(None) => Ok(()),
            Ok(Some(t)) => Err(self.classify(t, Phase::Update, budget)),
            Err(t) => {
                let phase = self.instance_phase().unwrap_or(Phase::Update);
                Err(self.classify(t, phase, budget))
            }
        }
    }

    fn input<A>(&mut self, method: &str, args: A)
    where
        A: for<'js> IntoArgs<'js>,
    {
        let Some(inst) = self.instance.clone() else {
            return;
        };
        self.arm(self.limits.frame_timeout);
        self.context.with(|ctx| {
            if let Ok(inst) = inst.restore(&ctx)
                && let Ok(f) = inst.get::<_, Function>(method)
            {
                // Input handlers are the runtime's own code; a failure here (out of memory) shows
                // up on the next tick.
                let _ = f.call::<_, Value>(args);
            }
        });
        self.disarm();
    }

    /// A key by its DOM `code` (`"ArrowLeft"`, `"Space"`, `"KeyA"`, `"Digit1"`...).
    pub fn key_down(&mut self, code: &str) {
        self.input("keyDown", (code.to_owned(),));
    }

    pub fn key_up(&mut self, code: &str) {
        self.input("keyUp", (code.to_owned(),));
    }

    /// Pointer in canvas units; `id` 1 is the mouse, 2.. touches.
    pub fn pointer_down(&mut self, x: f64, y: f64, id: u32) {
        self.input("pointerDown", (x, y, id));
    }

    pub fn pointer_move(&mut self, x: f64, y: f64, id: u32, touch: bool) {
        self.input("pointerMove", (x, y, id, touch));
    }

    pub fn pointer_up(&mut self, x: f64, y: f64, id: u32) {
        self.input("pointerUp", (x, y, id));
    }

    /// The page's restart button.
    pub fn restart(&mut self) -> Result<(), GameError> {
        let Some(inst) = self.instance.clone() else {
            return Ok(());
        };
        self.arm(self.limits.frame_timeout);
        let res = self.context.with(|ctx| -> Result<Option<Thrown>, Thrown> {
            let inst = inst.restore(&ctx).map_err(|e| thrown(&ctx, e))?;
            let f: Function = inst.get("restart").map_err(|e| thrown(&ctx, e))?;
            f.call::<_, Value>(()).map_err(|e| thrown(&ctx, e))?;
            failure(&ctx, &inst)
        });
        self.disarm();
        match res {
            Ok(None) => Ok(()),
            Ok(Some(t)) | Err(t) => Err(self.classify(t, Phase::Setup, self.limits.frame_timeout)),
        }
    }
}

/// The instance's recorded failure `{phase, error}`, if any.
fn failure<'js>(ctx: &Ctx<'js>, inst: &Object<'js>) -> Result<Option<Thrown>, Thrown> {
    let f: Function = inst.get("failure").map_err(|e| thrown(ctx, e))?;
    let v: Value = f.call(()).map_err(|e| thrown(ctx, e))?;
    let Some(obj) = v.as_object() else {
        return Ok(None);
    };
    let phase: Option<String> = obj.get("phase").ok();
    let err: Value = obj
        .get("error")
        .unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
    let mut t = describe_value(ctx, err);
    t.phase = phase.as_deref().map(Phase::parse);
    Ok(Some(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_come_from_the_first_logic_js_frame() {
        let s = "    at f (aimini-runtime.js:3:4)\n    at update (logic.js:12:7)\n    at x (logic.js:1:1)";
        assert_eq!(locate(s), Some((12, Some(7))));
        assert_eq!(locate("at logic.js:5"), Some((5, None)));
        assert_eq!(locate("at other.js:5:1"), None);
    }
}
