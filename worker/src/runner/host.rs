//! The native side of the headless runtime: the `host` object `headless.js` calls to draw and to
//! report score, events, sounds and warnings.
//!
//! Every string and array a host function accepts is measured where it lives, in the QuickJS heap
//! (whose size the runtime's memory limit bounds), before anything is copied into Rust memory, and
//! every one has a cap ([`caps`]). A value past its cap is refused with a `RangeError` (names,
//! colours, sprite data) or cut to its cap through a borrowed view (texts). So one call can never
//! cost the worker more than a few kilobytes outside QuickJS, and what the host keeps between calls
//! (events, warnings, sound counts, sprites, the colour cache) is bounded too. The runtime's core
//! (`runtime.js`, the same in the browser) applies the same caps first, with messages that name the game's call;
//! these hold even for a call that bypasses them. The child process of [`super::sandbox`] is the wall
//! behind both.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rquickjs::{Array, Ctx, Exception, Function, Object};
use serde::{Deserialize, Serialize};

use super::canvas::{Align, Canvas};

/// What the host accepts, in bytes of UTF-8 unless said otherwise. `prompts/runtime-api.md` lists
/// the game-facing limits these back.
pub mod caps {
    /// A CSS colour (`fillStyle`, `strokeStyle`, a sprite palette entry).
    pub const COLOR: usize = 64;
    /// A sprite, event or sound name.
    pub const NAME: usize = 64;
    /// Characters of canvas text drawn or measured (the rest is cut).
    pub const TEXT_CHARS: usize = 2000;
    /// `textAlign`.
    pub const ALIGN: usize = 16;
    /// Width and height of one sprite, in pixels.
    pub const SPRITE_SIDE: u32 = 256;
    /// Points of one polygon.
    pub const POLY_POINTS: usize = 1024;
    /// An event's data as JSON (longer data is recorded as `{"truncated": true}`).
    pub const EVENT_JSON: usize = 4096;
    /// Characters of a game-over message or a warning kept.
    pub const MESSAGE_CHARS: usize = 500;
    /// Events, warnings and distinct sound names kept per run.
    pub const EVENTS_KEPT: usize = 200;
    pub const WARNINGS_KEPT: usize = 20;
    pub const SOUND_NAMES: usize = 64;
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GameEvent {
    pub name: String,
    pub data: serde_json::Value,
    pub frame: u32,
    pub time: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GameOver {
    pub won: bool,
    pub message: String,
    pub score: i64,
}

/// What the game reported through `ctx` (score, events, sounds...), collected by the host.
pub struct Host {
    pub canvas: Canvas,
    pub score: i64,
    pub events: Vec<GameEvent>,
    pub events_dropped: u32,
    pub game_over: Option<GameOver>,
    pub sounds: BTreeMap<String, u32>,
    pub warnings: Vec<String>,
    /// Runs started (1 after the first setup; each restart adds one).
    pub runs: u32,
}

impl Host {
    pub fn new(canvas: Canvas) -> Self {
        Host {
            canvas,
            score: 0,
            events: Vec::new(),
            events_dropped: 0,
            game_over: None,
            sounds: BTreeMap::new(),
            warnings: Vec::new(),
            runs: 0,
        }
    }
}

pub(super) fn to_i64(v: f64) -> i64 {
    if v.is_finite() {
        v.clamp(-9.0e15, 9.0e15) as i64
    } else {
        0
    }
}

pub(super) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// A string of at most `max` bytes, or a `RangeError` naming `what`; measured before it is copied.
fn bounded<'js>(
    ctx: &Ctx<'js>,
    s: rquickjs::String<'js>,
    max: usize,
    what: &str,
) -> rquickjs::Result<String> {
    let view = s.to_cstring()?;
    if view.len() > max {
        return Err(Exception::throw_range(
            ctx,
            &format!("{what} is longer than {max} characters"),
        ));
    }
    Ok(view.as_str().to_owned())
}

/// The first `max_chars` characters of a string (with `…` when cut), copied from a borrowed view.
fn cut(s: rquickjs::String<'_>, max_chars: usize) -> rquickjs::Result<String> {
    let view = s.to_cstring()?;
    Ok(truncate(view.as_str(), max_chars))
}

/// A sprite's pixel colours: exactly `w * h` strings (`""`: transparent), each a colour.
fn sprite_colors<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    w: u32,
    h: u32,
    colors: &Array<'js>,
) -> rquickjs::Result<Vec<String>> {
    let side = caps::SPRITE_SIDE;
    if !(1..=side).contains(&w) || !(1..=side).contains(&h) {
        return Err(Exception::throw_range(
            ctx,
            &format!("sprite.define(\"{name}\"): a sprite is at most {side}x{side} pixels"),
        ));
    }
    let n = (w * h) as usize;
    if colors.len() != n {
        return Err(Exception::throw_range(
            ctx,
            &format!("sprite.define(\"{name}\"): {n} colours expected"),
        ));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let c: rquickjs::String = colors.get(i)?;
        out.push(bounded(
            ctx,
            c,
            caps::COLOR,
            &format!("sprite.define(\"{name}\"): a palette colour"),
        )?);
    }
    Ok(out)
}

/// Registers the host functions on a new object for `headless.js`.
pub(super) fn install_host<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<RefCell<Host>>,
) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    macro_rules! f {
        ($name:literal, $f:expr) => {
            o.set($name, Function::new(ctx.clone(), $f)?)?;
        };
    }
    let h = host.clone();
    f!("fillStyle", move |ctx: Ctx<'js>,
                          s: rquickjs::String<'js>|
          -> rquickjs::Result<()> {
        let s = bounded(&ctx, s, caps::COLOR, "a colour")?;
        h.borrow_mut().canvas.set_fill(&s);
        Ok(())
    });
    let h = host.clone();
    f!("strokeStyle", move |ctx: Ctx<'js>,
                            s: rquickjs::String<'js>|
          -> rquickjs::Result<()> {
        let s = bounded(&ctx, s, caps::COLOR, "a colour")?;
        h.borrow_mut().canvas.set_stroke(&s);
        Ok(())
    });
    let h = host.clone();
    f!("lineWidth", move |w: f64| h
        .borrow_mut()
        .canvas
        .set_line_width(w));
    let h = host.clone();
    f!("beginFrame", move || h.borrow_mut().canvas.begin_frame());
    let h = host.clone();
    f!("endFrame", move || h.borrow_mut().canvas.end_frame());
    let h = host.clone();
    f!("fillRect", move |x: f64, y: f64, w: f64, hh: f64| h
        .borrow_mut()
        .canvas
        .fill_rect(x, y, w, hh));
    let h = host.clone();
    f!("strokeRect", move |x: f64, y: f64, w: f64, hh: f64| h
        .borrow_mut()
        .canvas
        .stroke_rect(x, y, w, hh));
    let h = host.clone();
    f!("fillRoundRect", move |x: f64,
                              y: f64,
                              w: f64,
                              hh: f64,
                              r: f64| h
        .borrow_mut()
        .canvas
        .fill_round_rect(x, y, w, hh, r));
    let h = host.clone();
    f!("fillCircle", move |x: f64, y: f64, r: f64| h
        .borrow_mut()
        .canvas
        .fill_circle(x, y, r));
    let h = host.clone();
    f!("strokeCircle", move |x: f64, y: f64, r: f64| h
        .borrow_mut()
        .canvas
        .stroke_circle(x, y, r));
    let h = host.clone();
    f!("line", move |x1: f64, y1: f64, x2: f64, y2: f64| h
        .borrow_mut()
        .canvas
        .line(x1, y1, x2, y2));
    let h = host.clone();
    f!("fillPoly", move |ctx: Ctx<'js>,
                         flat: Array<'js>|
          -> rquickjs::Result<()> {
        let max = caps::POLY_POINTS * 2;
        if flat.len() > max {
            return Err(Exception::throw_range(
                &ctx,
                &format!("poly: at most {} points", caps::POLY_POINTS),
            ));
        }
        let mut xy = Vec::with_capacity(flat.len());
        for i in 0..flat.len() {
            xy.push(flat.get::<f64>(i)?);
        }
        h.borrow_mut().canvas.fill_poly(&xy);
        Ok(())
    });
    let h = host.clone();
    f!("fillText", move |ctx: Ctx<'js>,
                         s: rquickjs::String<'js>,
                         x: f64,
                         y: f64,
                         size: f64,
                         bold: bool,
                         align: rquickjs::String<'js>|
          -> rquickjs::Result<()> {
        let s = cut(s, caps::TEXT_CHARS)?;
        let align = bounded(&ctx, align, caps::ALIGN, "text alignment")?;
        h.borrow_mut()
            .canvas
            .fill_text(&s, x, y, size, bold, Align::parse(&align));
        Ok(())
    });
    f!("measureText", |s: rquickjs::String<'js>,
                       size: f64,
                       bold: bool|
     -> rquickjs::Result<f64> {
        Ok(Canvas::measure_text(&cut(s, caps::TEXT_CHARS)?, size, bold))
    });
    let h = host.clone();
    f!("spriteDefine", move |ctx: Ctx<'js>,
                             name: rquickjs::String<'js>,
                             w: u32,
                             hh: u32,
                             colors: Array<'js>|
          -> rquickjs::Result<()> {
        let name = bounded(&ctx, name, caps::NAME, "a sprite name")?;
        let colors = sprite_colors(&ctx, &name, w, hh, &colors)?;
        h.borrow_mut()
            .canvas
            .define_sprite(&name, w, hh, &colors)
            .map_err(|m| Exception::throw_message(&ctx, &m))
    });
    let h = host.clone();
    f!("spriteDraw", move |ctx: Ctx<'js>,
                           name: rquickjs::String<'js>,
                           x: f64,
                           y: f64,
                           k: f64|
          -> rquickjs::Result<()> {
        let name = bounded(&ctx, name, caps::NAME, "a sprite name")?;
        h.borrow_mut()
            .canvas
            .draw_sprite(&name, x, y, k)
            .map_err(|m| Exception::throw_message(&ctx, &m))
    });
    let h = host.clone();
    f!("score", move |n: f64| h.borrow_mut().score = to_i64(n));
    let h = host.clone();
    f!("gameOver", move |won: bool,
                         message: rquickjs::String<'js>,
                         score: f64|
          -> rquickjs::Result<()> {
        let message = cut(message, caps::MESSAGE_CHARS)?;
        h.borrow_mut().game_over = Some(GameOver {
            won,
            message,
            score: to_i64(score),
        });
        Ok(())
    });
    let h = host.clone();
    f!("event", move |name: rquickjs::String<'js>,
                      json: rquickjs::String<'js>,
                      frame: f64,
                      time: f64|
          -> rquickjs::Result<()> {
        if h.borrow().events.len() >= caps::EVENTS_KEPT {
            let mut host = h.borrow_mut();
            host.events_dropped = host.events_dropped.saturating_add(1);
            return Ok(());
        }
        let name = cut(name, caps::NAME)?;
        let json = json.to_cstring()?;
        let data = if json.len() > caps::EVENT_JSON {
            serde_json::json!({"truncated": true})
        } else {
            serde_json::from_str(json.as_str()).unwrap_or(serde_json::Value::Null)
        };
        h.borrow_mut().events.push(GameEvent {
            name,
            data,
            frame: frame.clamp(0.0, f64::from(u32::MAX)) as u32,
            time,
        });
        Ok(())
    });
    let h = host.clone();
    f!("sound", move |ctx: Ctx<'js>,
                      name: rquickjs::String<'js>|
          -> rquickjs::Result<()> {
        let name = bounded(&ctx, name, caps::NAME, "a sound name")?;
        let mut host = h.borrow_mut();
        if let Some(n) = host.sounds.get_mut(&name) {
            *n = n.saturating_add(1);
        } else if host.sounds.len() < caps::SOUND_NAMES {
            host.sounds.insert(name, 1);
        }
        Ok(())
    });
    let h = host.clone();
    f!(
        "warn",
        move |m: rquickjs::String<'js>| -> rquickjs::Result<()> {
            if h.borrow().warnings.len() < caps::WARNINGS_KEPT {
                let m = cut(m, caps::MESSAGE_CHARS)?;
                h.borrow_mut().warnings.push(m);
            }
            Ok(())
        }
    );
    let h = host.clone();
    f!("restarted", move || {
        let mut host = h.borrow_mut();
        host.runs = host.runs.saturating_add(1);
    });
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rquickjs::{Context, Runtime};

    /// Every host function, called directly (past headless.js) with wrong types and with values far
    /// past its caps, including a million references to one 1 MiB string: each call returns or
    /// throws, and what the host keeps stays within its caps. Before the caps, the palette call
    /// alone asked Rust for a terabyte.
    #[test]
    fn every_host_function_survives_hostile_arguments() {
        let rt = Runtime::new().expect("runtime");
        rt.set_memory_limit(96 << 20);
        let cx = Context::full(&rt).expect("context");
        let canvas = Canvas::new(1.0).expect("canvas");
        let host = Rc::new(RefCell::new(Host::new(canvas)));
        let (calls, threw) = cx.with(|ctx| {
            let o = install_host(&ctx, &host).expect("host");
            ctx.globals().set("host", o).expect("global");
            let counts: Vec<u32> = ctx
                .eval(include_str!("host_fuzz.js"))
                .expect("the fuzz script itself runs");
            (counts[0], counts[1])
        });
        assert!(calls > 1000, "the fuzz made {calls} calls");
        assert!(
            threw > 50,
            "oversized and mistyped calls are refused ({threw})"
        );
        let h = host.borrow();
        assert!(h.events.len() <= caps::EVENTS_KEPT);
        assert!(h.warnings.len() <= caps::WARNINGS_KEPT);
        assert!(h.sounds.len() <= caps::SOUND_NAMES);
        assert!(h.sounds.keys().all(|k| k.len() <= caps::NAME));
        assert!(
            h.warnings
                .iter()
                .all(|w| w.chars().count() <= caps::MESSAGE_CHARS + 1)
        );
        assert!(
            h.events
                .iter()
                .all(|e| e.name.chars().count() <= caps::NAME + 1)
        );
        assert!(
            h.game_over
                .as_ref()
                .is_none_or(|g| g.message.chars().count() <= caps::MESSAGE_CHARS + 1)
        );
    }
}
