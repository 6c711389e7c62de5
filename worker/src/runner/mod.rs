//! The headless runner: a game's logic.js in QuickJS against the runtime API of
//! `prompts/runtime-api.md`, drawing on a raster canvas in Rust.
//!
//! - [`smoke_blocking`]: plays 3 seconds with scripted input and reports whether the game throws,
//!   draws, and reacts to input ([`SmokeReport`]). The pipeline rejects a package that fails it.
//! - [`thumbnails_blocking`]: renders a real frame after a few seconds of scripted play, as WebP at
//!   320x180 and 1280x720.
//!
//! Each run gets its own runtime with hard limits ([`Limits`]: heap, stack, time per call and in
//! all, frames). Production paths never call these in the worker's own process: [`Sandbox`] runs
//! them in a child process with memory and time limits of its own (see [`sandbox`]); the host
//! functions the game reaches are bounded too (see [`caps`]).
//!
//! The runtime is the browser's own: each session evaluates `prompts/runtime/runtime.js` (compiled
//! in) and runs the game on its core through `aimini.embed`, so there is no second implementation
//! of `ctx` to keep in step. `headless.js` is only the platform under that core: the host's raster
//! canvas as the surface, sound silent (calls are counted), `Math.random` seeded (so runs are
//! reproducible), input and a fixed `dt` from the runner.

mod canvas;
mod color;
mod host;
pub mod sandbox;
mod script;
mod session;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::time::Instant;

use aimini_models::lang::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tiny_skia::Pixmap;

pub use host::{GameEvent, GameOver, caps};
pub use sandbox::{Sandbox, SandboxConfig};
pub use script::{Action, Script};
pub use session::{EngineError, ErrorKind, GameError, Limits, Phase, Session};

/// The seed of the pipeline's smoke test and thumbnails (the browser check's seed).
pub const SEED: u32 = 12345;
/// Frames per second of the runner's fixed clock.
pub const FPS: u32 = 60;
/// The smoke test's length: 3 seconds.
pub const SMOKE_FRAMES: u32 = 180;
/// Frames compared between the run with input and the run without.
const SAMPLE_EVERY: u32 = 10;
/// Thumbnail candidates: every half second from 2 s to 6 s of play.
const THUMB_FIRST: u32 = 120;
const THUMB_EVERY: u32 = 30;
const THUMB_LAST: u32 = 360;

#[derive(Debug, thiserror::Error)]
pub enum RunnerError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The game failed before any frame worth a thumbnail.
    #[error("the game failed: {0}")]
    Game(GameError),
    #[error("no frame worth a thumbnail: every candidate frame was a single color")]
    Blank,
    #[error("image encoding: {0}")]
    Encode(String),
    #[error("runner task: {0}")]
    Join(String),
}

/// What the smoke test saw. `ok` is false when the game threw, drew nothing or ignored every input;
/// `problems` says which, in words fit for a generation request's error message.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SmokeReport {
    pub ok: bool,
    pub problems: Vec<String>,
    pub error: Option<GameError>,
    pub frames: u32,
    pub avg_frame_ms: f64,
    pub max_frame_ms: f64,
    pub drew_anything: bool,
    pub input_changes_picture: bool,
    /// First sampled frame where the picture with input differed from the one without.
    pub first_input_effect_frame: Option<u32>,
    pub score: i64,
    pub game_over: Option<GameOver>,
    pub events: Vec<GameEvent>,
    pub sounds: BTreeMap<String, u32>,
    pub draw_calls: u64,
    pub warnings: Vec<String>,
    pub peak_heap_bytes: u64,
    pub elapsed_ms: f64,
}

impl SmokeReport {
    /// What the package keeps of a passed run (`game_data.smoke_test`, shown in details views).
    pub fn stored(&self) -> aimini_models::package::SmokeSummary {
        aimini_models::package::SmokeSummary {
            frames: self.frames,
            avg_frame_ms: self.avg_frame_ms,
            max_frame_ms: self.max_frame_ms,
            input_changes_picture: self.input_changes_picture,
            warnings: self.warnings.clone(),
        }
    }

    /// One line: the problems, or a short success note.
    pub fn summary(&self) -> String {
        if self.ok {
            format!(
                "played {} frames (avg {:.2} ms, max {:.2} ms), score {}",
                self.frames, self.avg_frame_ms, self.max_frame_ms, self.score
            )
        } else {
            self.problems.join("; ")
        }
    }
}

/// A frame's pixels folded into 64 bits, to compare two runs' frames without keeping them.
///
/// Not SipHash: nothing here is adversarial (both frames come from the same game, and a collision
/// would only call two different frames equal), and hashing 0.9 MB frames with the std hasher was
/// about 20 ms of a game's gate in the perf profile. A multiply-rotate fold over 8-byte words runs
/// at memory speed.
fn fingerprint(p: &Pixmap) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let data = p.data();
    let mut words = data.chunks_exact(8);
    let mut h = data.len() as u64;
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

/// More than one color anywhere in the frame.
fn not_blank(p: &Pixmap) -> bool {
    let px = p.pixels();
    px.first()
        .is_some_and(|first| px.iter().any(|c| c != first))
}

pub(crate) fn blank_report(error: GameError, elapsed_ms: f64) -> SmokeReport {
    SmokeReport {
        ok: false,
        problems: vec![format!("the game failed: {error}")],
        error: Some(error),
        frames: 0,
        avg_frame_ms: 0.0,
        max_frame_ms: 0.0,
        drew_anything: false,
        input_changes_picture: false,
        first_input_effect_frame: None,
        score: 0,
        game_over: None,
        events: Vec::new(),
        sounds: BTreeMap::new(),
        draw_calls: 0,
        warnings: Vec::new(),
        peak_heap_bytes: 0,
        elapsed_ms,
    }
}

fn open(
    logic: &str,
    params: &Value,
    seed: u32,
    lang: Lang,
    scale: f32,
    limits: &Limits,
) -> Result<Result<Session, GameError>, EngineError> {
    let mut s = Session::new(scale, limits.clone())?;
    if let Err(e) = s.load(logic) {
        return Ok(Err(e));
    }
    if let Err(e) = s.start(params, seed, lang) {
        return Ok(Err(e));
    }
    Ok(Ok(s))
}

/// The smoke test, synchronously (call it on a blocking thread; [`smoke`] does).
pub fn smoke_blocking(
    logic: &str,
    params: &Value,
    seed: u32,
    script: &Script,
    limits: &Limits,
) -> Result<SmokeReport, EngineError> {
    let started = Instant::now();
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let dt = 1.0 / f64::from(FPS);
    let frames = SMOKE_FRAMES.min(limits.max_frames);

    // Run A: the script, with only the sampled frames rasterized: nothing looks at the others
    // (drawing calls are still made and counted; only the pixels are skipped), and rasterizing
    // every frame was two thirds of the gate's CPU in the perf profile.
    let mut a = match open(logic, params, seed, Lang::En, 1.0, limits)? {
        Ok(s) => s,
        Err(e) => return Ok(blank_report(e, ms(started))),
    };
    let mut samples: Vec<(u32, u64)> = Vec::new();
    let mut drew_anything = false;
    let mut frame_ms: Vec<f64> = Vec::with_capacity(frames as usize);
    let mut error = None;
    for f in 1..=frames {
        for action in script.actions_at(f) {
            action.apply(&mut a);
        }
        let sampled = f.is_multiple_of(SAMPLE_EVERY);
        a.host_mut().canvas.raster = sampled;
        let t = Instant::now();
        let r = a.tick(dt);
        frame_ms.push(ms(t));
        if let Err(e) = r {
            error = Some(e);
            break;
        }
        if sampled {
            let host = a.host();
            let p = host.canvas.pixmap();
            drew_anything |= not_blank(p);
            samples.push((f, fingerprint(p)));
        }
    }
    let (score, game_over, events, sounds, warnings, draw_calls) = {
        let mut host = a.host_mut();
        let calls = host.canvas.take_draw_calls();
        (
            host.score,
            host.game_over.clone(),
            std::mem::take(&mut host.events),
            host.sounds.clone(),
            host.warnings.clone(),
            calls,
        )
    };
    let mut problems = Vec::new();
    // The restart button must give a fresh, running game.
    if error.is_none() {
        let restarted = a.restart().and_then(|()| {
            for _ in 0..5 {
                a.tick(dt)?;
            }
            Ok(())
        });
        if let Err(e) = restarted {
            problems.push(format!("the game fails after a restart: {e}"));
            error = Some(e);
        }
    }
    let peak_heap_bytes = a.peak_heap();
    let played = a.frames();
    drop(a);

    // Run B: same seed, no input, only the sampled frames rasterized.
    let first_input_effect_frame = if error.is_none() && !samples.is_empty() {
        first_divergence(logic, params, seed, limits, &samples, &mut problems)?
    } else {
        None
    };
    let input_changes_picture = first_input_effect_frame.is_some();

    if let Some(e) = &error
        && problems.is_empty()
    {
        problems.push(format!("the game failed: {e}"));
    }
    if error.is_none() {
        if !drew_anything {
            problems
                .push("the game draws nothing: every sampled frame is a single color".to_owned());
        }
        if !input_changes_picture {
            problems.push(
                "the game ignores input: with scripted keys, clicks and taps every sampled frame \
                 is identical to the run without input"
                    .to_owned(),
            );
        }
    }
    let avg = if frame_ms.is_empty() {
        0.0
    } else {
        frame_ms.iter().sum::<f64>() / frame_ms.len() as f64
    };
    let max = frame_ms.iter().copied().fold(0.0, f64::max);
    Ok(SmokeReport {
        ok: problems.is_empty(),
        problems,
        error,
        frames: played.min(frames),
        avg_frame_ms: avg,
        max_frame_ms: max,
        drew_anything,
        input_changes_picture,
        first_input_effect_frame,
        score,
        game_over,
        events,
        sounds,
        draw_calls,
        warnings,
        peak_heap_bytes,
        elapsed_ms: ms(started),
    })
}

/// Replays the game with the same seed and no input, rasterizing only the sampled frames, and
/// returns the first sampled frame that differs from the scripted run (`Some(0)`: the game could
/// not even start without input). A failure without input is added to `problems`.
fn first_divergence(
    logic: &str,
    params: &Value,
    seed: u32,
    limits: &Limits,
    samples: &[(u32, u64)],
    problems: &mut Vec<String>,
) -> Result<Option<u32>, EngineError> {
    let dt = 1.0 / f64::from(FPS);
    let mut b = match open(logic, params, seed, Lang::En, 1.0, limits)? {
        Ok(b) => b,
        Err(e) => {
            problems.push(format!("without input the game fails: {e}"));
            return Ok(Some(0));
        }
    };
    let last = samples.last().map_or(0, |s| s.0);
    let mut next = samples.iter().peekable();
    for f in 1..=last {
        let sampled = next.peek().is_some_and(|s| s.0 == f);
        b.host_mut().canvas.raster = sampled;
        if let Err(e) = b.tick(dt) {
            problems.push(format!("without input the game fails: {e}"));
            return Ok(Some(f));
        }
        if let Some(&&(sf, print)) = next.peek()
            && sf == f
        {
            next.next();
            if fingerprint(b.host().canvas.pixmap()) != print {
                return Ok(Some(f));
            }
        }
    }
    Ok(None)
}

/// A package's parameters as its metadata declares them
/// ([`aimini_models::package::Metadata::start_params`]).
pub fn package_params(pkg: &crate::engines::Package) -> Value {
    aimini_models::package::Metadata::from_value(pkg.metadata.clone()).start_params()
}

/// WebP thumbnails of one real frame.
#[derive(Debug, Clone)]
pub struct Thumbnails {
    /// 320x180 WebP.
    pub small: Vec<u8>,
    /// 1280x720 WebP.
    pub large: Vec<u8>,
    /// The frame shown (frames since start, 60 per second).
    pub frame: u32,
    pub render_ms: f64,
}

pub const SMALL: (u32, u32) = (320, 180);
pub const LARGE: (u32, u32) = (1280, 720);

/// How much there is to see: luminance edges and distinct colors on a grid of `step` pixels.
fn busyness(p: &Pixmap, step: usize) -> u64 {
    let (w, h) = (p.width() as usize, p.height() as usize);
    let px = p.pixels();
    let luma = |x: usize, y: usize| -> i32 {
        let c = px[y * w + x];
        (i32::from(c.red()) * 299 + i32::from(c.green()) * 587 + i32::from(c.blue()) * 114) / 1000
    };
    let mut edges = 0u64;
    // Colors at 4 bits a channel: a 4096-bit set (a HashSet here was 20 ms a thumbnail).
    let mut seen = [0u64; 64];
    for y in (0..h.saturating_sub(step)).step_by(step) {
        for x in (0..w.saturating_sub(step)).step_by(step) {
            let l = luma(x, y);
            if (l - luma(x + step, y)).abs() > 12 {
                edges += 1;
            }
            if (l - luma(x, y + step)).abs() > 12 {
                edges += 1;
            }
            let c = px[y * w + x];
            let key = (usize::from(c.red() >> 4) << 8)
                | (usize::from(c.green() >> 4) << 4)
                | usize::from(c.blue() >> 4);
            seen[key / 64] |= 1 << (key % 64);
        }
    }
    let colors: u32 = seen.iter().map(|w| w.count_ones()).sum();
    edges + 40 * u64::from(colors.min(64))
}

fn encode_webp(rgb: &image::RgbImage) -> Result<Vec<u8>, RunnerError> {
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .encode(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| RunnerError::Encode(e.to_string()))?;
    Ok(out)
}

fn to_rgb(p: &Pixmap) -> Option<image::RgbImage> {
    let rgb: Vec<u8> = p
        .pixels()
        .iter()
        .flat_map(|c| {
            let c = c.demultiply();
            [c.red(), c.green(), c.blue()]
        })
        .collect();
    image::RgbImage::from_raw(p.width(), p.height(), rgb)
}

/// Thumbnail candidates are scored on a raster of this scale (320x180): one pixel is two canvas
/// units, the grid [`busyness`] sampled at 1280x720 with a step of 4 before.
const SCORE_SCALE: f32 = 0.5;

/// Thumbnails, synchronously: plays [`Script::play`] and keeps the busiest of the candidate frames
/// (every half second from 2 s to 6 s; a game that ends or fails early keeps what it showed until
/// then). Candidates are rasterised at 320x180 to be scored, and recorded; only the chosen one is
/// drawn again at 1280x720 ([`canvas::Canvas::replay`]), so the run pays for one large frame,
/// not thirteen.
pub fn thumbnails_blocking(
    logic: &str,
    params: &Value,
    seed: u32,
    lang: Lang,
    limits: &Limits,
) -> Result<Thumbnails, RunnerError> {
    let started = Instant::now();
    let mut s = match open(logic, params, seed, lang, SCORE_SCALE, limits)? {
        Ok(s) => s,
        Err(e) => return Err(RunnerError::Game(e)),
    };
    let script = Script::play(THUMB_LAST);
    let dt = 1.0 / f64::from(FPS);
    let mut best: Option<(u64, u32, canvas::Recorded)> = None;
    let last = THUMB_LAST.min(limits.max_frames);
    for f in 1..=last {
        for action in script.actions_at(f) {
            action.apply(&mut s);
        }
        let candidate = f >= THUMB_FIRST && (f - THUMB_FIRST).is_multiple_of(THUMB_EVERY);
        // Early frames are candidates too if the game fails later; keep them cheap otherwise.
        let early = f < THUMB_FIRST && f.is_multiple_of(THUMB_EVERY);
        {
            let mut host = s.host_mut();
            host.canvas.raster = candidate || early;
            host.canvas.record = candidate || early;
        }
        if let Err(e) = s.tick(dt) {
            if best.is_some() {
                break;
            }
            return Err(RunnerError::Game(e));
        }
        if candidate || early {
            let mut host = s.host_mut();
            let p = host.canvas.pixmap();
            if !not_blank(p) {
                continue;
            }
            let score = busyness(p, 1);
            // An early frame only stands in until a real candidate exists.
            let score = if early { score / 4 } else { score };
            if best.as_ref().is_none_or(|b| score > b.0)
                // A frame too big to record cannot be drawn again: it is not chosen.
                && let Some(recorded) = host.canvas.take_recorded()
            {
                best = Some((score, f, recorded));
            }
        }
    }
    drop(s);
    let Some((_, frame, recorded)) = best else {
        return Err(RunnerError::Blank);
    };
    let scale = LARGE.0 as f32 / canvas::WIDTH as f32;
    let pixmap = canvas::Canvas::replay(&recorded, scale)
        .ok_or_else(|| RunnerError::Encode("frame size".into()))?;
    let large = to_rgb(&pixmap).ok_or_else(|| RunnerError::Encode("frame size".into()))?;
    let large = if (large.width(), large.height()) == LARGE {
        large
    } else {
        image::imageops::resize(
            &large,
            LARGE.0,
            LARGE.1,
            image::imageops::FilterType::Triangle,
        )
    };
    let small = image::imageops::resize(
        &large,
        SMALL.0,
        SMALL.1,
        image::imageops::FilterType::Triangle,
    );
    Ok(Thumbnails {
        small: encode_webp(&small)?,
        large: encode_webp(&large)?,
        frame,
        render_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}
