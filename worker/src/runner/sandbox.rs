//! The headless runner in a child process: the boundary between a game's code and the worker.
//!
//! Why a process and not only in-process bounds: QuickJS's own heap limit covers what the game
//! allocates inside the engine, but everything the host side does on the game's behalf (converting
//! arguments, rasterising, encoding) is Rust memory outside that limit, and a bug there or in
//! QuickJS itself must not be able to take the worker down either. So every run of untrusted code
//! in production paths (the generation gate, `ValidateGameJob`, thumbnails, `try`) happens in
//! `aimini-worker sandbox`, a single-threaded child that, before it reads the game, limits itself
//! with `setrlimit`:
//!
//! - `RLIMIT_AS` (address space, [`SandboxConfig::memory_bytes`]): any allocation past it fails, and
//!   Rust aborts the child — the worker reads "out of memory" from the exit;
//! - `RLIMIT_CPU`: CPU seconds, a backstop under the wall-clock kill;
//! - `RLIMIT_NOFILE`, `RLIMIT_FSIZE` 0 and `RLIMIT_CORE` 0: no new files, no core dumps.
//!
//! The parent kills the child (SIGKILL) at a wall-clock deadline derived from the run's own limits,
//! reads at most [`RESPONSE_MAX`] bytes of its answer and 64 KiB of its stderr, and gives it an empty
//! environment (no secrets, no database URL). The in-process limits of [`super::Limits`] still apply
//! inside the child and produce the precise messages (frame timeouts with line numbers, QuickJS
//! out-of-memory); the process limits are the wall behind them.
//!
//! A child that dies is the game's fault (the same code kills it every time): the caller gets a
//! failing report or [`RunnerError::Game`] with a message the owner can read. Only a child that
//! cannot start, or answers something unreadable without dying, is infrastructure trouble.
//!
//! Measured on the 2-core CI machine: spawning the child costs about 2 ms per run next to ~500 ms for
//! the smoke test itself; the child idles at ~30 MB of address space, so the default 512 MiB leaves
//! ~480 MiB for QuickJS (64 MiB), the canvases and the encoders.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::{Duration, Instant};

use aimini_models::lang::Lang;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use super::{
    ErrorKind, GameError, Limits, Phase, RunnerError, SEED, Script, SmokeReport, Thumbnails,
};

/// The hidden subcommand of `aimini-worker` that runs one task.
pub const SUBCOMMAND: &str = "sandbox";
/// The most the child's answer may be (a smoke report, or two WebP thumbnails in base64).
pub const RESPONSE_MAX: usize = 16 << 20;
/// The most a request may be (logic.js is bounded by the upload limit long before this).
const REQUEST_MAX: u64 = 64 << 20;
const STDERR_MAX: usize = 64 << 10;
/// Open files the child may have: stdin, stdout, stderr and a few the runtime opens at start.
const CHILD_FILES: u64 = 16;

/// Why [`Sandbox::gate`] refused a package.
#[derive(Debug)]
pub enum Refused {
    /// The static checks' findings (line:column).
    Blocked(Vec<aimini_models::jscheck::Finding>),
    /// The smoke test ran and failed.
    Failed(Box<SmokeReport>),
    /// The runner itself could not run (not the game's fault).
    Runner(RunnerError),
}

/// How the worker runs untrusted code (`AIMINI_RUNNER_*`).
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The `aimini-worker` binary to start as the child.
    pub program: PathBuf,
    /// The child's address-space limit.
    pub memory_bytes: u64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Task {
    Smoke,
    Thumbnails,
}

#[derive(Serialize, Deserialize)]
struct Request {
    task: Task,
    logic: String,
    params: Value,
    seed: u32,
    /// The language the game starts in (`ctx.lang`): thumbnails show its texts.
    lang: Lang,
    limits: Limits,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
enum Response {
    Smoke {
        report: Box<SmokeReport>,
    },
    Thumbnails {
        small: String,
        large: String,
        frame: u32,
        render_ms: f64,
    },
    /// Thumbnails: the game failed before any frame worth showing.
    Game {
        error: GameError,
    },
    /// Thumbnails: every candidate frame was a single colour.
    Blank,
    /// The engine itself could not be built (not the game's fault).
    Engine {
        message: String,
    },
}

/// Why a child ended without an answer.
#[derive(Debug)]
enum Died {
    /// Killed at the wall-clock deadline, or by the CPU limit.
    Time(Duration),
    /// An allocation failed past the address-space limit (or the kernel killed it for memory).
    Memory,
    /// Any other signal or exit: a crash on this game's code.
    Crash(String),
}

/// Runs games in child processes; cheap to clone.
#[derive(Debug, Clone)]
pub struct Sandbox {
    cfg: SandboxConfig,
}

impl Sandbox {
    pub fn new(cfg: SandboxConfig) -> Self {
        Self { cfg }
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.cfg
    }

    /// The smoke test with [`Script::smoke`]. A game that kills the child gets a failing report
    /// (`ok: false`) that says why; `Err` only when the child could not run at all.
    pub async fn smoke(
        &self,
        logic: &str,
        params: &Value,
        seed: u32,
        limits: &Limits,
    ) -> Result<SmokeReport, RunnerError> {
        let started = Instant::now();
        match self
            .run(Task::Smoke, logic, params, seed, Lang::En, limits)
            .await?
        {
            Ok(Response::Smoke { report }) => Ok(*report),
            Ok(Response::Engine { message }) => {
                Err(RunnerError::Engine(super::EngineError(message)))
            }
            Ok(_) => Err(RunnerError::Join(
                "the sandbox answered another task".into(),
            )),
            Err(died) => Ok(super::blank_report(
                self.game_error(died, limits),
                started.elapsed().as_secs_f64() * 1000.0,
            )),
        }
    }

    /// The smoke test of a package: its parameters, [`SEED`], the default [`Limits`].
    pub async fn smoke_package(
        &self,
        pkg: &crate::engines::Package,
    ) -> Result<SmokeReport, RunnerError> {
        let params = super::package_params(pkg);
        self.smoke(&pkg.logic, &params, SEED, &Limits::default())
            .await
    }

    /// The gate every new package passes, whichever engine wrote it: the static safety checks,
    /// then the smoke test. A game that reaches for a blocked API, throws, draws nothing or ignores
    /// every input is refused.
    pub async fn gate(&self, pkg: &crate::engines::Package) -> Result<SmokeReport, Refused> {
        aimini_models::jscheck::check_logic(&pkg.logic).map_err(Refused::Blocked)?;
        let smoke = self.smoke_package(pkg).await.map_err(Refused::Runner)?;
        if !smoke.ok {
            return Err(Refused::Failed(Box::new(smoke)));
        }
        Ok(smoke)
    }

    /// Thumbnails as [`super::thumbnails_blocking`] renders them; a game that kills the child is
    /// [`RunnerError::Game`].
    pub async fn thumbnails(
        &self,
        logic: &str,
        params: &Value,
        seed: u32,
        lang: Lang,
        limits: &Limits,
    ) -> Result<Thumbnails, RunnerError> {
        match self
            .run(Task::Thumbnails, logic, params, seed, lang, limits)
            .await?
        {
            Ok(Response::Thumbnails {
                small,
                large,
                frame,
                render_ms,
            }) => {
                let b64 = base64::engine::general_purpose::STANDARD;
                let decode = |s: &str| {
                    b64.decode(s)
                        .map_err(|e| RunnerError::Encode(format!("sandbox answer: {e}")))
                };
                Ok(Thumbnails {
                    small: decode(&small)?,
                    large: decode(&large)?,
                    frame,
                    render_ms,
                })
            }
            Ok(Response::Game { error }) => Err(RunnerError::Game(error)),
            Ok(Response::Blank) => Err(RunnerError::Blank),
            Ok(Response::Engine { message }) => {
                Err(RunnerError::Engine(super::EngineError(message)))
            }
            Ok(Response::Smoke { .. }) => Err(RunnerError::Join(
                "the sandbox answered another task".into(),
            )),
            Err(died) => Err(RunnerError::Game(self.game_error(died, limits))),
        }
    }

    /// Thumbnails of a package (its parameters, [`SEED`]).
    pub async fn package_thumbnails(
        &self,
        pkg: &crate::engines::Package,
    ) -> Result<Thumbnails, RunnerError> {
        let meta = aimini_models::package::Metadata::from_value(pkg.metadata.clone());
        self.thumbnails(
            &pkg.logic,
            &meta.start_params(),
            SEED,
            meta.language(),
            &Limits::default(),
        )
        .await
    }

    fn game_error(&self, died: Died, limits: &Limits) -> GameError {
        let (kind, message) = match died {
            Died::Time(after) => (
                ErrorKind::Timeout,
                format!(
                    "the game ran past the runner's time limit ({:.0} s in all; each frame may take {} ms)",
                    after.as_secs_f64(),
                    limits.frame_timeout.as_millis()
                ),
            ),
            Died::Memory => (
                ErrorKind::OutOfMemory,
                format!(
                    "out of memory: running the game took more than the runner's {} MiB",
                    self.cfg.memory_bytes >> 20
                ),
            ),
            Died::Crash(how) => (
                ErrorKind::Crashed,
                format!("the headless runner crashed while playing this game ({how})"),
            ),
        };
        GameError {
            kind,
            phase: Phase::Run,
            message,
            line: None,
            column: None,
            frame: 0,
            stack: None,
        }
    }

    /// The wall-clock budget of one task: every session's load and total time, plus slack for
    /// starting the child and encoding.
    fn wall(task: Task, limits: &Limits) -> Duration {
        // The smoke test plays two sessions (with and without input).
        let sessions = match task {
            Task::Smoke => 2,
            Task::Thumbnails => 1,
        };
        (limits.total_timeout + limits.load_timeout * 2) * sessions + Duration::from_secs(5)
    }

    async fn run(
        &self,
        task: Task,
        logic: &str,
        params: &Value,
        seed: u32,
        lang: Lang,
        limits: &Limits,
    ) -> Result<Result<Response, Died>, RunnerError> {
        let request = serde_json::to_vec(&Request {
            task,
            logic: logic.to_owned(),
            params: params.clone(),
            seed,
            lang,
            limits: limits.clone(),
        })
        .map_err(|e| RunnerError::Join(format!("sandbox request: {e}")))?;
        let wall = Self::wall(task, limits);
        let mut child = tokio::process::Command::new(&self.cfg.program)
            .arg(SUBCOMMAND)
            .arg("--memory-bytes")
            .arg(self.cfg.memory_bytes.to_string())
            .arg("--cpu-secs")
            .arg(wall.as_secs().max(1).to_string())
            .env_clear()
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group, so a kill reaches anything it started too.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                RunnerError::Join(format!(
                    "cannot start the sandbox {}: {e}",
                    self.cfg.program.display()
                ))
            })?;
        let group = child.id();
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(RunnerError::Join("sandbox pipes".into()));
        };
        let io = async {
            // The child reads everything before it answers; a child that dies early closes the
            // pipe, which is not an error here (its exit says why).
            let write = async {
                let _ = stdin.write_all(&request).await;
                drop(stdin);
            };
            let mut out = Vec::new();
            let mut err = Vec::new();
            let mut stdout = stdout.take(RESPONSE_MAX as u64 + 1);
            let mut stderr = stderr.take(STDERR_MAX as u64);
            let mut too_large = false;
            let read_out = async {
                let _ = stdout.read_to_end(&mut out).await;
                if out.len() > RESPONSE_MAX {
                    // It would block on a full pipe forever: stop it now.
                    too_large = true;
                    kill_group(group);
                }
            };
            // Read errors show as a short answer, which fails to parse below.
            let _ = tokio::join!(write, read_out, stderr.read_to_end(&mut err));
            let status = child.wait().await;
            (out, err, status, too_large)
        };
        let (out, err, status, too_large) = match tokio::time::timeout(wall, io).await {
            Ok(r) => r,
            Err(_) => {
                // Dropping `io` released the child handle's borrow; wait for the child so no
                // process outlives the job.
                kill_group(group);
                let _ = child.kill().await;
                return Ok(Err(Died::Time(wall)));
            }
        };
        let status = status.map_err(|e| RunnerError::Join(format!("sandbox wait: {e}")))?;
        if too_large {
            return Ok(Err(Died::Crash(format!(
                "its answer was larger than {RESPONSE_MAX} bytes"
            ))));
        }
        let stderr_text = String::from_utf8_lossy(&err);
        if status.success() {
            return serde_json::from_slice(&out)
                .map(Ok)
                .map_err(|e| RunnerError::Join(format!("unreadable sandbox answer: {e}")));
        }
        Ok(Err(classify(status, &stderr_text)))
    }
}

/// SIGKILL to the child's process group (the child leads it: see `process_group(0)`).
fn kill_group(leader: Option<u32>) {
    let pid = leader
        .and_then(|p| i32::try_from(p).ok())
        .and_then(rustix::process::Pid::from_raw);
    if let Some(pid) = pid {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

fn classify(status: std::process::ExitStatus, stderr: &str) -> Died {
    use std::os::unix::process::ExitStatusExt as _;
    const SIGABRT: i32 = 6;
    const SIGKILL: i32 = 9;
    const SIGXCPU: i32 = 24;
    let out_of_memory = stderr.contains("memory allocation of") || stderr.contains("out of memory");
    match status.signal() {
        Some(SIGXCPU) => Died::Time(Duration::ZERO),
        // Our own kill is handled before; a SIGKILL from elsewhere is the kernel's OOM killer.
        Some(SIGKILL) => Died::Memory,
        Some(SIGABRT) if out_of_memory => Died::Memory,
        Some(sig) => Died::Crash(format!("signal {sig}")),
        None if out_of_memory => Died::Memory,
        None => {
            let last = stderr.lines().last().unwrap_or("").trim();
            let last: String = last.chars().take(200).collect();
            Died::Crash(format!(
                "exit code {}{}",
                status.code().unwrap_or(-1),
                if last.is_empty() {
                    String::new()
                } else {
                    format!(": {last}")
                }
            ))
        }
    }
}

/// Finds the `aimini-worker` binary to start as the child: `configured` (`AIMINI_RUNNER_BIN`) if
/// given; else this process when it is `aimini-worker`; else an `aimini-worker` beside this
/// executable or one directory up (cargo's `target/<profile>/` for test binaries in `deps/`).
pub fn locate_program(configured: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = configured {
        return if p.is_file() {
            Ok(p.to_owned())
        } else {
            Err(format!("{} is not a file", p.display()))
        };
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let name = format!("aimini-worker{}", std::env::consts::EXE_SUFFIX);
    if exe.file_name().is_some_and(|n| n == name.as_str()) {
        return Ok(exe);
    }
    let dir = exe.parent();
    [dir, dir.and_then(Path::parent)]
        .into_iter()
        .flatten()
        .map(|d| d.join(&name))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            format!(
                "no {name} binary beside {} (build it, or set AIMINI_RUNNER_BIN)",
                exe.display()
            )
        })
}

/// The child: limits itself, reads one request from stdin, answers on stdout.
pub fn child_main(memory_bytes: u64, cpu_secs: u64) -> ExitCode {
    if let Err(e) = limit_self(memory_bytes, cpu_secs) {
        eprintln!("sandbox: cannot set resource limits: {e}");
        return ExitCode::from(3);
    }
    let mut raw = Vec::new();
    if let Err(e) = std::io::stdin().take(REQUEST_MAX + 1).read_to_end(&mut raw) {
        eprintln!("sandbox: reading the request: {e}");
        return ExitCode::from(3);
    }
    if raw.len() as u64 > REQUEST_MAX {
        eprintln!("sandbox: request larger than {REQUEST_MAX} bytes");
        return ExitCode::from(3);
    }
    let mut request: Request = match serde_json::from_slice(&raw) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sandbox: bad request: {e}");
            return ExitCode::from(3);
        }
    };
    drop(raw);
    // QuickJS's own heap limit should be what a memory-hungry game meets: it stops the game with
    // a precise error (and a line number) while the process still has room for the canvases, the
    // encoders and the answer. The process limit is the wall behind it.
    let heap = usize::try_from(memory_bytes / 4 * 3).unwrap_or(usize::MAX);
    request.limits.memory_bytes = request.limits.memory_bytes.min(heap);
    let response = answer(request);
    let mut out = std::io::stdout().lock();
    if serde_json::to_writer(&mut out, &response).is_err() || out.flush().is_err() {
        return ExitCode::from(3);
    }
    ExitCode::SUCCESS
}

fn answer(r: Request) -> Response {
    match r.task {
        Task::Smoke => {
            match super::smoke_blocking(&r.logic, &r.params, r.seed, &Script::smoke(), &r.limits) {
                Ok(report) => Response::Smoke {
                    report: Box::new(report),
                },
                Err(e) => Response::Engine { message: e.0 },
            }
        }
        Task::Thumbnails => {
            match super::thumbnails_blocking(&r.logic, &r.params, r.seed, r.lang, &r.limits) {
                Ok(t) => {
                    let b64 = base64::engine::general_purpose::STANDARD;
                    Response::Thumbnails {
                        small: b64.encode(&t.small),
                        large: b64.encode(&t.large),
                        frame: t.frame,
                        render_ms: t.render_ms,
                    }
                }
                Err(RunnerError::Game(error)) => Response::Game { error },
                Err(RunnerError::Blank) => Response::Blank,
                Err(e) => Response::Engine {
                    message: e.to_string(),
                },
            }
        }
    }
}

fn limit_self(memory_bytes: u64, cpu_secs: u64) -> std::io::Result<()> {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let set = |r: Resource, soft: u64, hard: u64| {
        setrlimit(
            r,
            Rlimit {
                current: Some(soft),
                maximum: Some(hard),
            },
        )
    };
    set(Resource::Core, 0, 0)?;
    set(Resource::Fsize, 0, 0)?;
    set(Resource::Nofile, CHILD_FILES, CHILD_FILES)?;
    // SIGXCPU at the soft limit (read as "out of time"), SIGKILL a second later.
    set(Resource::Cpu, cpu_secs, cpu_secs + 1)?;
    set(Resource::As, memory_bytes, memory_bytes)?;
    Ok(())
}

/// The sandbox tests run against: the `aimini-worker` binary of this build (see
/// [`locate_program`]), with the default memory limit.
#[cfg(test)]
pub(crate) fn test_sandbox() -> Sandbox {
    Sandbox::new(SandboxConfig {
        program: locate_program(None).expect("build the aimini-worker binary first"),
        memory_bytes: 512 << 20,
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use serde_json::json;

    use super::*;

    /// A stand-in child: a shell script (its arguments ignored), to see how the parent reads
    /// deaths it cannot provoke with a real game.
    fn fake_child(body: &str) -> (Sandbox, PathBuf) {
        let path = std::env::temp_dir().join(format!(
            "aimini-fake-sandbox-{}.sh",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::write(&path, format!("#!/bin/sh\ncat >/dev/null\n{body}\n")).expect("script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let sandbox = Sandbox::new(SandboxConfig {
            program: path.clone(),
            memory_bytes: 256 << 20,
        });
        (sandbox, path)
    }

    fn quick() -> Limits {
        Limits {
            load_timeout: Duration::from_millis(100),
            total_timeout: Duration::from_millis(100),
            ..Limits::default()
        }
    }

    const MOVER: &str = r##"var x = 0;
aimini.game({
  setup: function (ctx) { x = 0; },
  update: function (ctx, dt) {
    if (ctx.input.down("right") || ctx.input.down("left") || ctx.input.pointer.down) x += 4;
  },
  draw: function (ctx) { ctx.clear("#102030"); ctx.rect(x % 600, 150, 30, 30, "#fc0"); },
});"##;

    #[tokio::test]
    async fn a_game_plays_the_same_in_the_sandbox_as_in_process() {
        let sandbox = test_sandbox();
        let limits = Limits::default();
        let boxed = sandbox
            .smoke(MOVER, &json!({}), SEED, &limits)
            .await
            .expect("sandbox");
        let local =
            super::super::smoke_blocking(MOVER, &json!({}), SEED, &Script::smoke(), &limits)
                .expect("in process");
        assert!(boxed.ok, "{}", boxed.summary());
        assert_eq!(boxed.frames, local.frames);
        assert_eq!(
            boxed.first_input_effect_frame,
            local.first_input_effect_frame
        );
        assert_eq!(boxed.draw_calls, local.draw_calls);
        let thumbs = sandbox
            .thumbnails(MOVER, &json!({}), SEED, Lang::En, &limits)
            .await
            .expect("thumbnails");
        let direct = super::super::thumbnails_blocking(MOVER, &json!({}), SEED, Lang::En, &limits)
            .expect("in process");
        assert_eq!(thumbs.small, direct.small, "the same bytes come back");
        assert_eq!(thumbs.frame, direct.frame);
    }

    /// The game asks QuickJS for 2 GiB, but the sandbox holds it to three quarters of its 256 MiB
    /// process: the game stops there with a readable out-of-memory error, and nothing past the
    /// process limit is ever allocated.
    #[tokio::test]
    async fn past_the_process_memory_limit_the_game_is_out_of_memory() {
        let sandbox = Sandbox::new(SandboxConfig {
            memory_bytes: 256 << 20,
            ..test_sandbox().cfg
        });
        let hog = "var keep = [];\naimini.game({ setup: function (ctx) {\n  for (;;) keep.push(new Array(100000).fill(1.5));\n}, update: function () {}, draw: function (ctx) { ctx.clear('#000'); } });";
        let limits = Limits {
            memory_bytes: 2 << 30,
            ..Limits::default()
        };
        let r = sandbox
            .smoke(hog, &json!({}), SEED, &limits)
            .await
            .expect("a report");
        assert!(!r.ok);
        let e = r.error.expect("an error");
        assert_eq!(e.kind, ErrorKind::OutOfMemory, "{e}");
        assert!(e.message.contains("192 MiB"), "{e}");
        let t = sandbox
            .thumbnails(hog, &json!({}), SEED, Lang::En, &limits)
            .await;
        assert!(
            matches!(&t, Err(RunnerError::Game(e)) if e.kind == ErrorKind::OutOfMemory),
            "{t:?}"
        );
    }

    #[tokio::test]
    async fn a_child_that_hangs_is_killed_at_the_deadline() {
        let (sandbox, path) = fake_child("exec sleep 600");
        let started = Instant::now();
        let r = sandbox
            .smoke("", &json!({}), SEED, &quick())
            .await
            .expect("a report");
        let took = started.elapsed();
        let e = r.error.expect("an error");
        assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
        assert!(took < Duration::from_secs(30), "killed after {took:?}");
        let _ = std::fs::remove_file(path);
    }

    #[tokio::test]
    async fn deaths_are_told_apart() {
        let cases = [
            ("kill -SEGV $$", ErrorKind::Crashed, "signal 11"),
            (
                "echo 'memory allocation of 1048576 bytes failed' >&2; kill -ABRT $$",
                ErrorKind::OutOfMemory,
                "MiB",
            ),
            ("kill -XCPU $$", ErrorKind::Timeout, "time limit"),
            (
                "echo 'boom' >&2; exit 7",
                ErrorKind::Crashed,
                "exit code 7: boom",
            ),
            (
                "head -c 17000000 /dev/zero",
                ErrorKind::Crashed,
                "larger than",
            ),
        ];
        for (body, kind, says) in cases {
            let (sandbox, path) = fake_child(body);
            let r = sandbox
                .smoke("", &json!({}), SEED, &quick())
                .await
                .expect("a report");
            let e = r.error.expect("an error");
            assert_eq!(e.kind, kind, "{body}: {e}");
            assert!(e.message.contains(says), "{body}: {e}");
            assert!(!r.ok && r.problems[0].contains(&e.message), "{body}");
            let _ = std::fs::remove_file(path);
        }
        // An answer that is not one is the infrastructure's fault, not the game's.
        let (sandbox, path) = fake_child("echo not-json");
        let r = sandbox.smoke("", &json!({}), SEED, &quick()).await;
        assert!(matches!(r, Err(RunnerError::Join(_))), "{r:?}");
        let _ = std::fs::remove_file(path);
        let missing = Sandbox::new(SandboxConfig {
            program: PathBuf::from("/nonexistent/aimini-worker"),
            memory_bytes: 256 << 20,
        });
        let r = missing.smoke("", &json!({}), SEED, &quick()).await;
        assert!(matches!(r, Err(RunnerError::Join(_))), "{r:?}");
    }

    /// Every `ctx` function a game can reach, with wrong types and values far past the caps, in the
    /// sandbox with a 256 MiB ceiling: the game runs on (it catches what is refused) and passes,
    /// so no call cost the process anywhere near that.
    #[tokio::test]
    async fn every_ctx_function_survives_hostile_arguments_within_bounds() {
        let sandbox = Sandbox::new(SandboxConfig {
            memory_bytes: 256 << 20,
            ..test_sandbox().cfg
        });
        let fuzz = include_str!("ctx_fuzz.js");
        assert!(aimini_models::jscheck::check_logic(fuzz).is_ok());
        let r = sandbox
            .smoke(fuzz, &json!({}), SEED, &Limits::default())
            .await
            .expect("a report");
        assert!(r.ok, "{}\n{r:#?}", r.summary());
        let refused = r
            .events
            .iter()
            .find(|e| e.name == "fuzz")
            .map(|e| e.data.clone())
            .expect("the fuzz reported");
        eprintln!("ctx fuzz: {refused}");
        assert!(refused["calls"].as_u64() > Some(500), "{refused}");
        assert!(refused["refused"].as_u64() > Some(10), "{refused}");
    }

    #[test]
    fn the_binary_is_found_beside_the_tests() {
        let p = locate_program(None).expect("found");
        assert!(p.ends_with("aimini-worker"));
        assert!(locate_program(Some(Path::new("/nonexistent"))).is_err());
    }
}
