//! The raster canvas behind the headless runtime: the subset of a browser's 2D context that
//! `runtime.js` uses, on tiny-skia, with text from the bundled DejaVu Sans.
//!
//! Browser behaviour kept on purpose: an invalid color string leaves the previous style in place (as
//! assigning it to `fillStyle` does), a non-positive line width is ignored, each frame starts black
//! with `fillStyle = "#000"`, styles set inside a frame do not survive it (the runtime's
//! save/restore), text's `y` is the middle of the em box (`textBaseline = "middle"`), sprites are
//! scaled without smoothing. The canvas is 640x360 logical pixels rendered at `scale` device pixels
//! per unit (2 gives 1280x720).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use tiny_skia::{
    FillRule, FilterQuality, LineCap, Paint, Path, PathBuilder, Pixmap, PixmapPaint,
    PremultipliedColorU8, Rect, Stroke, Transform,
};

use super::color::{self, Rgba};

pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 360;

/// Most sprite pixels one game may define (all sprites together): 4 Mi pixels, 16 MiB.
const SPRITE_PIXEL_BUDGET: u64 = 4 << 20;
/// Longest text drawn or measured, in characters (the rest is ignored).
const TEXT_MAX_CHARS: usize = 2000;

static REGULAR: &[u8] = include_bytes!("../../../prompts/runtime/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../prompts/runtime/fonts/DejaVuSans-Bold.ttf");

struct Font {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Baseline offset below the em box's middle, in ems (Chromium's `middle`: normalized typo
    /// ascent and descent).
    middle: f32,
}

impl Font {
    fn load(data: &'static [u8]) -> Option<Font> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let (asc, desc) = (
            f32::from(face.typographic_ascender().unwrap_or(face.ascender())),
            f32::from(face.typographic_descender().unwrap_or(face.descender())),
        );
        let height = (asc - desc).max(1.0);
        let middle = (asc / height - (-desc) / height) / 2.0;
        Some(Font {
            face,
            units_per_em,
            middle,
        })
    }
}

static FONTS: LazyLock<Option<[Font; 2]>> =
    LazyLock::new(|| Some([Font::load(REGULAR)?, Font::load(BOLD)?]));

/// Most drawing calls one recorded frame keeps (a frame past it is not replayable).
const RECORD_OPS_MAX: usize = 100_000;
/// Most text, polygon and sprite-name bytes one recorded frame keeps.
const RECORD_BYTES_MAX: usize = 4 << 20;

/// One drawing call of a recorded frame, its colours already parsed.
#[derive(Debug, Clone)]
enum Op {
    Fill(Rgba),
    Stroke(Rgba),
    LineWidth(f64),
    FillRect(f64, f64, f64, f64),
    StrokeRect(f64, f64, f64, f64),
    FillRoundRect(f64, f64, f64, f64, f64),
    FillCircle(f64, f64, f64),
    StrokeCircle(f64, f64, f64),
    Line(f64, f64, f64, f64),
    FillPoly(Vec<f64>),
    Text(String, f64, f64, f64, bool, Align),
    DefineSprite(String, Arc<Pixmap>),
    Sprite(String, f64, f64, f64),
}

/// A frame's drawing calls, with the styles and sprites it started from, so it can be drawn
/// again at another scale ([`Canvas::replay`]). Thumbnails pick their frame on a small raster
/// and draw only the chosen one large, instead of rasterising every candidate at 1280x720.
#[derive(Debug, Clone)]
pub struct Recorded {
    base: Style,
    sprites: HashMap<String, Arc<Pixmap>>,
    ops: Vec<Op>,
    bytes: usize,
}

struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[derive(Debug, Clone, Copy)]
struct Style {
    fill: Rgba,
    stroke: Rgba,
    line_width: f32,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            fill: Rgba::BLACK,
            stroke: Rgba::BLACK,
            line_width: 1.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    pub fn parse(s: &str) -> Align {
        match s {
            "center" => Align::Center,
            "right" => Align::Right,
            _ => Align::Left,
        }
    }
}

pub struct Canvas {
    pixmap: Pixmap,
    scale: f32,
    /// Styles outside a frame (what the runtime's save() keeps).
    base: Style,
    /// Styles inside the current frame, `None` between frames.
    frame: Option<Style>,
    /// When false, drawing calls update styles but rasterize nothing (frames nobody looks at).
    pub raster: bool,
    /// Drawing calls that reached the raster (inside a frame), since the last `take_draw_calls`.
    draw_calls: u64,
    sprites: HashMap<String, Arc<Pixmap>>,
    sprite_pixels: u64,
    /// Whether the next frames are recorded (see [`Recorded`]).
    pub record: bool,
    recording: Option<Recorded>,
    glyphs: HashMap<(bool, u16), Option<Path>>,
    colors: HashMap<String, Option<Rgba>>,
}

fn paint(c: Rgba) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c.r, c.g, c.b, (c.a * 255.0).round().clamp(0.0, 255.0) as u8);
    p.anti_alias = true;
    p
}

fn finite(v: f64) -> f32 {
    // Canvas coordinates far outside the surface draw nothing visible; keep them finite for tiny-skia.
    (v as f32).clamp(-1.0e7, 1.0e7)
}

impl Canvas {
    /// A canvas of 640x360 units at `scale` pixels per unit (at least 1 pixel each way).
    pub fn new(scale: f32) -> Option<Canvas> {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale.min(8.0)
        } else {
            1.0
        };
        let w = ((WIDTH as f32) * scale).round().max(1.0) as u32;
        let h = ((HEIGHT as f32) * scale).round().max(1.0) as u32;
        let mut pixmap = Pixmap::new(w, h)?;
        pixmap.fill(tiny_skia::Color::BLACK);
        Some(Canvas {
            pixmap,
            scale,
            base: Style::default(),
            frame: None,
            raster: true,
            draw_calls: 0,
            sprites: HashMap::new(),
            sprite_pixels: 0,
            record: false,
            recording: None,
            glyphs: HashMap::new(),
            colors: HashMap::new(),
        })
    }

    pub fn pixmap(&self) -> &Pixmap {
        &self.pixmap
    }

    pub fn take_draw_calls(&mut self) -> u64 {
        std::mem::take(&mut self.draw_calls)
    }

    fn style(&mut self) -> &mut Style {
        self.frame.as_mut().unwrap_or(&mut self.base)
    }

    fn transform(&self) -> Transform {
        Transform::from_scale(self.scale, self.scale)
    }

    /// Whether a drawing call should rasterize now (inside a frame, raster on); counts it.
    fn drawing(&mut self) -> bool {
        if self.frame.is_some() {
            self.draw_calls += 1;
            self.raster
        } else {
            false
        }
    }

    fn parse_color(&mut self, s: &str) -> Option<Rgba> {
        if let Some(c) = self.colors.get(s) {
            return *c;
        }
        let c = color::parse(s);
        if self.colors.len() >= 4096 {
            self.colors.clear();
        }
        self.colors.insert(s.to_owned(), c);
        c
    }

    pub fn set_fill(&mut self, s: &str) {
        if let Some(c) = self.parse_color(s) {
            self.style().fill = c;
            self.rec(|| Op::Fill(c), 0);
        }
    }

    pub fn set_stroke(&mut self, s: &str) {
        if let Some(c) = self.parse_color(s) {
            self.style().stroke = c;
            self.rec(|| Op::Stroke(c), 0);
        }
    }

    pub fn set_line_width(&mut self, w: f64) {
        if w.is_finite() && w > 0.0 {
            self.style().line_width = w.min(1.0e6) as f32;
            self.rec(|| Op::LineWidth(w), 0);
        }
    }

    /// runtime.js `beginFrame`: black everywhere, `fillStyle = "#000"`, then save().
    pub fn begin_frame(&mut self) {
        self.base.fill = Rgba::BLACK;
        if self.raster {
            self.pixmap.fill(tiny_skia::Color::BLACK);
        }
        self.frame = Some(self.base);
        self.recording = self.record.then(|| Recorded {
            base: self.base,
            sprites: self.sprites.clone(),
            ops: Vec::new(),
            bytes: 0,
        });
    }

    /// runtime.js `endFrame`: restore().
    pub fn end_frame(&mut self) {
        self.frame = None;
    }

    /// Adds a call to the frame being recorded (only inside a frame, as drawing is); `bytes` is
    /// what it holds besides the op itself. Past [`RECORD_OPS_MAX`] or [`RECORD_BYTES_MAX`] the
    /// frame's recording is dropped: an incomplete frame cannot be replayed.
    fn rec(&mut self, op: impl FnOnce() -> Op, bytes: usize) {
        if self.frame.is_none() {
            return;
        }
        let Some(r) = self.recording.as_mut() else {
            return;
        };
        r.bytes += bytes;
        if r.ops.len() >= RECORD_OPS_MAX || r.bytes > RECORD_BYTES_MAX {
            self.recording = None;
            return;
        }
        r.ops.push(op());
    }

    /// The last frame recorded (with [`Canvas::record`] on), if it stayed within the bounds.
    pub fn take_recorded(&mut self) -> Option<Recorded> {
        self.recording.take()
    }

    /// Draws a recorded frame again on a fresh canvas at `scale`: the same pixels that frame
    /// would have had at that scale.
    pub fn replay(recorded: &Recorded, scale: f32) -> Option<Pixmap> {
        let mut c = Canvas::new(scale)?;
        c.sprites = recorded.sprites.clone();
        c.base = recorded.base;
        c.frame = Some(recorded.base);
        for op in &recorded.ops {
            match op {
                Op::Fill(v) => c.style().fill = *v,
                Op::Stroke(v) => c.style().stroke = *v,
                Op::LineWidth(w) => c.set_line_width(*w),
                &Op::FillRect(x, y, w, h) => c.fill_rect(x, y, w, h),
                &Op::StrokeRect(x, y, w, h) => c.stroke_rect(x, y, w, h),
                &Op::FillRoundRect(x, y, w, h, r) => c.fill_round_rect(x, y, w, h, r),
                &Op::FillCircle(x, y, r) => c.fill_circle(x, y, r),
                &Op::StrokeCircle(x, y, r) => c.stroke_circle(x, y, r),
                &Op::Line(x1, y1, x2, y2) => c.line(x1, y1, x2, y2),
                Op::FillPoly(flat) => c.fill_poly(flat),
                Op::Text(t, x, y, size, bold, align) => {
                    c.fill_text(t, *x, *y, *size, *bold, *align)
                }
                Op::DefineSprite(name, pm) => {
                    c.sprites.insert(name.clone(), pm.clone());
                }
                Op::Sprite(name, x, y, k) => {
                    let _ = c.draw_sprite(name, *x, *y, *k);
                }
            }
        }
        Some(c.pixmap)
    }

    fn fill_path(&mut self, path: &Path, c: Rgba) {
        let ts = self.transform();
        self.pixmap
            .fill_path(path, &paint(c), FillRule::Winding, ts, None);
    }

    fn stroke_path(&mut self, path: &Path, cap: LineCap) {
        let st = *self.style();
        let stroke = Stroke {
            width: st.line_width,
            line_cap: cap,
            ..Stroke::default()
        };
        let ts = self.transform();
        self.pixmap
            .stroke_path(path, &paint(st.stroke), &stroke, ts, None);
    }

    pub fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.rec(|| Op::FillRect(x, y, w, h), 0);
        if !self.drawing() {
            return;
        }
        let (x, y, w, h) = (finite(x), finite(y), finite(w), finite(h));
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            let c = self.style().fill;
            let ts = self.transform();
            self.pixmap.fill_rect(rect, &paint(c), ts, None);
        }
    }

    pub fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.rec(|| Op::StrokeRect(x, y, w, h), 0);
        if !self.drawing() {
            return;
        }
        let (x, y, w, h) = (finite(x), finite(y), finite(w), finite(h));
        if w == 0.0 && h == 0.0 {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(x, y);
        pb.line_to(x + w, y);
        pb.line_to(x + w, y + h);
        pb.line_to(x, y + h);
        pb.close();
        if let Some(path) = pb.finish() {
            self.stroke_path(&path, LineCap::Butt);
        }
    }

    pub fn fill_round_rect(&mut self, x: f64, y: f64, w: f64, h: f64, r: f64) {
        self.rec(|| Op::FillRoundRect(x, y, w, h, r), 0);
        if !self.drawing() {
            return;
        }
        let (mut x, mut y, mut w, mut h, r) =
            (finite(x), finite(y), finite(w), finite(h), finite(r));
        if w < 0.0 {
            x += w;
            w = -w;
        }
        if h < 0.0 {
            y += h;
            h = -h;
        }
        let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
        // A quarter circle as one cubic (the arcTo the runtime uses draws the same corner).
        let k = r * 0.552_284_8;
        let mut pb = PathBuilder::new();
        pb.move_to(x + r, y);
        pb.line_to(x + w - r, y);
        pb.cubic_to(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
        pb.line_to(x + w, y + h - r);
        pb.cubic_to(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
        pb.line_to(x + r, y + h);
        pb.cubic_to(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
        pb.line_to(x, y + r);
        pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
        pb.close();
        if let Some(path) = pb.finish() {
            let c = self.style().fill;
            self.fill_path(&path, c);
        }
    }

    pub fn fill_circle(&mut self, x: f64, y: f64, r: f64) {
        self.rec(|| Op::FillCircle(x, y, r), 0);
        if !self.drawing() {
            return;
        }
        if let Some(path) = PathBuilder::from_circle(finite(x), finite(y), finite(r)) {
            let c = self.style().fill;
            self.fill_path(&path, c);
        }
    }

    pub fn stroke_circle(&mut self, x: f64, y: f64, r: f64) {
        self.rec(|| Op::StrokeCircle(x, y, r), 0);
        if !self.drawing() {
            return;
        }
        if let Some(path) = PathBuilder::from_circle(finite(x), finite(y), finite(r)) {
            self.stroke_path(&path, LineCap::Butt);
        }
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64) {
        self.rec(|| Op::Line(x1, y1, x2, y2), 0);
        if !self.drawing() {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(finite(x1), finite(y1));
        pb.line_to(finite(x2), finite(y2));
        if let Some(path) = pb.finish() {
            self.stroke_path(&path, LineCap::Round);
        }
    }

    /// A closed polygon from flat `[x0, y0, x1, y1, ...]` (invalid points already dropped).
    pub fn fill_poly(&mut self, flat: &[f64]) {
        self.rec(|| Op::FillPoly(flat.to_vec()), flat.len() * 8);
        if !self.drawing() {
            return;
        }
        let mut pb = PathBuilder::new();
        for (i, p) in flat.chunks_exact(2).enumerate() {
            if i == 0 {
                pb.move_to(finite(p[0]), finite(p[1]));
            } else {
                pb.line_to(finite(p[0]), finite(p[1]));
            }
        }
        pb.close();
        if let Some(path) = pb.finish() {
            let c = self.style().fill;
            self.fill_path(&path, c);
        }
    }

    /// Canvas text: ASCII whitespace becomes spaces; at most [`TEXT_MAX_CHARS`] characters.
    fn chars(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars()
            .take(TEXT_MAX_CHARS)
            .map(|c| if c.is_ascii_whitespace() { ' ' } else { c })
    }

    pub fn measure_text(text: &str, size: f64, bold: bool) -> f64 {
        let Some(fonts) = FONTS.as_ref() else {
            return 0.0;
        };
        let font = &fonts[usize::from(bold)];
        let units: f64 = Self::chars(text)
            .map(|c| {
                let g = font.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                f64::from(font.face.glyph_hor_advance(g).unwrap_or(0))
            })
            .sum();
        units * size / f64::from(font.units_per_em)
    }

    pub fn fill_text(&mut self, text: &str, x: f64, y: f64, size: f64, bold: bool, align: Align) {
        self.rec(
            || Op::Text(text.to_owned(), x, y, size, bold, align),
            text.len(),
        );
        if !self.drawing() {
            return;
        }
        let Some(fonts) = FONTS.as_ref() else {
            return;
        };
        let font = &fonts[usize::from(bold)];
        let k = (size as f32) / font.units_per_em;
        let width = Self::measure_text(text, size, bold) as f32;
        let mut pen = finite(x)
            - match align {
                Align::Left => 0.0,
                Align::Center => width / 2.0,
                Align::Right => width,
            };
        let baseline = finite(y) + font.middle * size as f32;
        let mut pb = PathBuilder::new();
        for c in Self::chars(text) {
            let g = font.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            let outline = self.glyphs.entry((bold, g.0)).or_insert_with(|| {
                let mut o = Outline(PathBuilder::new());
                font.face.outline_glyph(g, &mut o)?;
                o.0.finish()
            });
            if let Some(path) = outline {
                let ts = Transform::from_row(k, 0.0, 0.0, -k, pen, baseline);
                if let Some(p) = path.clone().transform(ts) {
                    pb.push_path(&p);
                }
            }
            pen += f32::from(font.face.glyph_hor_advance(g).unwrap_or(0)) * k;
        }
        if let Some(path) = pb.finish() {
            let c = self.style().fill;
            self.fill_path(&path, c);
        }
    }

    /// A sprite from its pixel colors, row by row (`""`: transparent). As on the browser's
    /// offscreen canvas, an invalid color paints with the previous valid one (black at first).
    pub fn define_sprite(
        &mut self,
        name: &str,
        w: u32,
        h: u32,
        colors: &[String],
    ) -> Result<(), String> {
        let (w, h) = (w.clamp(1, 4096), h.clamp(1, 4096));
        let old = self
            .sprites
            .get(name)
            .map_or(0, |p| u64::from(p.width()) * u64::from(p.height()));
        let pixels = u64::from(w) * u64::from(h);
        if self.sprite_pixels - old + pixels > SPRITE_PIXEL_BUDGET {
            return Err(format!(
                "sprite.define(\"{name}\"): sprites use more than {SPRITE_PIXEL_BUDGET} pixels in all"
            ));
        }
        let mut pm = Pixmap::new(w, h).ok_or("sprite.define: bad size")?;
        let mut current = Rgba::BLACK;
        let width = w as usize;
        let data = pm.pixels_mut();
        for (i, c) in colors.iter().enumerate().take(data.len()) {
            if c.is_empty() {
                continue;
            }
            if let Some(parsed) = color::parse(c) {
                current = parsed;
            }
            let a = (current.a * 255.0).round().clamp(0.0, 255.0) as u8;
            let pre = |v: u8| ((u16::from(v) * u16::from(a) + 127) / 255) as u8;
            if let Some(px) =
                PremultipliedColorU8::from_rgba(pre(current.r), pre(current.g), pre(current.b), a)
            {
                // Row-major with the sprite's width.
                let (row, col) = (i / width, i % width);
                data[row * width + col] = px;
            }
        }
        self.sprite_pixels = self.sprite_pixels - old + pixels;
        let pm = Arc::new(pm);
        self.rec(|| Op::DefineSprite(name.to_owned(), pm.clone()), name.len());
        self.sprites.insert(name.to_owned(), pm);
        Ok(())
    }

    pub fn draw_sprite(&mut self, name: &str, x: f64, y: f64, k: f64) -> Result<(), String> {
        if !self.sprites.contains_key(name) {
            return Err(format!(
                "sprite.draw: unknown sprite \"{name}\" (define it in setup)"
            ));
        }
        self.rec(|| Op::Sprite(name.to_owned(), x, y, k), name.len());
        if !self.drawing() {
            return Ok(());
        }
        let (x, y, k) = (finite(x), finite(y), finite(k));
        let ts = Transform::from_row(k, 0.0, 0.0, k, x, y).post_scale(self.scale, self.scale);
        let paint = PixmapPaint {
            quality: FilterQuality::Nearest,
            ..PixmapPaint::default()
        };
        if let Some(sprite) = self.sprites.get(name) {
            let sprite: &Pixmap = sprite;
            self.pixmap
                .draw_pixmap(0, 0, sprite.as_ref(), &paint, ts, None);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn px(c: &Canvas, x: u32, y: u32) -> (u8, u8, u8) {
        let p = c.pixmap().pixel(x, y).expect("pixel");
        (p.red(), p.green(), p.blue())
    }

    #[test]
    fn fonts_load() {
        assert!(FONTS.is_some());
        let w = Canvas::measure_text("Hello", 16.0, false);
        assert!(w > 30.0 && w < 50.0, "{w}");
        assert!(Canvas::measure_text("Hello", 16.0, true) > w);
    }

    #[test]
    fn invalid_colors_keep_the_previous_style_and_frames_reset_it() {
        let mut c = Canvas::new(1.0).expect("canvas");
        c.begin_frame();
        c.set_fill("#ff0000");
        c.set_fill("not a color");
        c.fill_rect(0.0, 0.0, 10.0, 10.0);
        assert_eq!(px(&c, 5, 5), (255, 0, 0));
        c.end_frame();
        c.begin_frame();
        c.set_fill("bogus");
        c.fill_rect(0.0, 0.0, 10.0, 10.0);
        assert_eq!(px(&c, 5, 5), (0, 0, 0), "a frame starts with #000");
        c.end_frame();
    }

    #[test]
    fn shapes_text_and_sprites_land_where_expected_at_scale_2() {
        let mut c = Canvas::new(2.0).expect("canvas");
        assert_eq!((c.pixmap().width(), c.pixmap().height()), (1280, 720));
        c.begin_frame();
        c.set_fill("#00ff00");
        c.fill_circle(100.0, 100.0, 10.0);
        assert_eq!(px(&c, 200, 200), (0, 255, 0));
        c.set_fill("white");
        c.fill_text("WWW", 320.0, 50.0, 40.0, true, Align::Center);
        assert_eq!(px(&c, 640, 10), (0, 0, 0));
        let lit = (560..720)
            .flat_map(|x| (60..140).map(move |y| (x, y)))
            .filter(|&(x, y)| px(&c, x, y).0 > 200)
            .count();
        assert!(lit > 500, "text pixels {lit}");
        let colors: Vec<String> = ["#f00", "", "", "blue"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        c.define_sprite("s", 2, 2, &colors).expect("define");
        c.draw_sprite("s", 400.0, 300.0, 4.0).expect("draw");
        assert_eq!(px(&c, 801, 601), (255, 0, 0));
        assert_eq!(px(&c, 815, 601), (0, 0, 0));
        assert_eq!(px(&c, 815, 615), (0, 0, 255));
        assert!(c.draw_sprite("nope", 0.0, 0.0, 1.0).is_err());
        c.end_frame();
    }

    /// Every kind of drawing call, as a frame of a game would make them.
    fn draw_everything(c: &mut Canvas) {
        c.set_line_width(3.0);
        c.begin_frame();
        c.set_fill("#123456");
        c.fill_rect(10.0, 10.0, 200.0, 100.0);
        c.set_stroke("rgba(255, 200, 0, 0.5)");
        c.stroke_rect(20.0, 20.0, 50.0, -30.0);
        c.fill_round_rect(300.0, 40.0, 80.0, 60.0, 12.0);
        c.set_fill("tomato");
        c.fill_circle(500.0, 200.0, 40.0);
        c.stroke_circle(500.0, 200.0, 60.0);
        c.set_line_width(7.0);
        c.line(0.0, 359.0, 639.0, 0.0);
        c.fill_poly(&[100.0, 300.0, 160.0, 250.0, 220.0, 330.0]);
        c.set_fill("white");
        c.fill_text("Score 120 · ñ", 320.0, 30.0, 24.0, true, Align::Center);
        let colors: Vec<String> = ["#f00", "", "#0f0", "blue"].map(String::from).to_vec();
        c.define_sprite("late", 2, 2, &colors).expect("define");
        c.draw_sprite("early", 40.0, 200.0, 8.0).expect("draw");
        c.draw_sprite("late", 80.0, 200.0, 8.0).expect("draw");
        c.end_frame();
    }

    #[test]
    fn a_recorded_frame_replays_pixel_for_pixel_at_another_scale() {
        let colors: Vec<String> = ["#fff", "#000", "#000", "#fff"].map(String::from).to_vec();
        let mut direct = Canvas::new(2.0).expect("canvas");
        direct
            .define_sprite("early", 2, 2, &colors)
            .expect("define");
        draw_everything(&mut direct);

        let mut small = Canvas::new(0.5).expect("canvas");
        small.define_sprite("early", 2, 2, &colors).expect("define");
        small.record = true;
        draw_everything(&mut small);
        let recorded = small.take_recorded().expect("recorded");
        assert_eq!(small.pixmap().width(), 320);
        // Sprites redefined after the frame do not change its replay.
        let other: Vec<String> = ["#0ff"; 4].map(String::from).to_vec();
        small.define_sprite("early", 2, 2, &other).expect("define");
        let replayed = Canvas::replay(&recorded, 2.0).expect("replay");
        assert_eq!((replayed.width(), replayed.height()), (1280, 720));
        assert!(
            replayed.data() == direct.pixmap().data(),
            "the replay differs from drawing at that scale"
        );
    }

    #[test]
    fn a_frame_past_the_recording_bounds_is_not_kept() {
        let mut c = Canvas::new(0.5).expect("canvas");
        c.record = true;
        c.raster = false;
        c.begin_frame();
        let text = "x".repeat(1000);
        for _ in 0..5000 {
            c.fill_text(&text, 0.0, 0.0, 10.0, false, Align::Left);
        }
        c.end_frame();
        assert!(c.take_recorded().is_none());
        c.begin_frame();
        c.fill_rect(0.0, 0.0, 1.0, 1.0);
        c.end_frame();
        assert!(c.take_recorded().is_some(), "the next frame records again");
    }
}
