//! A sharp canvas: the backing store is sized by `devicePixelRatio` and the
//! drawing scaled, which plotters-canvas does not do itself.
//!
//! [`ScaledCanvas`] wraps plotters-canvas's backend: it reports the canvas size
//! in CSS pixels to plotters, while the 2D context carries a `dpr` transform, so
//! the layout (computed in CSS pixels in `core`) is drawn at device resolution.
//! The canvas's `dir` is set to `ltr` explicitly: plotters-canvas maps left and
//! right text anchors to the canvas 'start' and 'end', which would swap under an
//! inherited `dir="rtl"`; right-to-left is done by mirroring the layout instead
//! (`core::layout`), and text with right-to-left letters is drawn as a
//! first-strong isolate (`render::isolate_bidi`) so that it reads in its own
//! direction on the left-to-right surface.

use crate::render::push_path_number;
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

/// A plotters backend over a canvas whose backing store is `dpr` times its CSS size.
///
/// Everything is drawn here rather than by plotters-canvas (whose backend
/// gives the error type, and checks that the canvas has a 2D context), with
/// the same calls, except that the context's stroke and fill styles,
/// line width, font and text anchors are set only when they change: a chart
/// draws hundreds of hatch lines in the same style, and each setting is a
/// call into JavaScript with a string to parse. The strings themselves (CSS
/// colours, fonts) are made once per colour and font and kept
/// ([`CanvasStrings`]), not formatted again at every call.
///
/// Consecutive straight lines in one style (the hatching of a segment, a set
/// of grid lines) are written into one SVG path string and stroked as one
/// `Path2D`: two calls into JavaScript for the whole hatching of a segment
/// instead of two per line (a redraw of the overview makes about 30 calls
/// instead of about 450). The pixels are the same as long as such lines do
/// not overlap, which is true of hatching and grids: where semi-transparent
/// lines of one path crossed, they would be painted once instead of twice.
///
/// Nothing here formats a float with Rust's `{}` (plotters-canvas writes its
/// colours and fonts so): a chart page then carries none of core's float
/// printing (`flt2dec`, 6.3 KB in brotli); `render::svg` says the same of
/// the SVG export.
pub struct ScaledCanvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    css_size: (u32, u32),
    /// What the context is set to, as far as this backend set it.
    set: ContextState,
    /// Straight lines begun in the current stroke style and not stroked yet,
    /// as SVG path data (`M x y L x y …`); empty when there are none.
    open_lines: String,
    /// Where `set` is kept when this backend is dropped.
    memory: SharedCanvasMemory,
}

/// The context's style strings, made once per colour and per font and kept
/// for every later drawing on this page (a chart uses a few dozen).
#[derive(Default)]
struct CanvasStrings {
    colours: Vec<(ColourKey, String)>,
    fonts: Vec<(FontKey, String)>,
}

/// A font as compared: its style, size (the bits of the `f64`) and family.
type FontKey = (String, u64, String);

impl CanvasStrings {
    /// Beyond this many entries of a kind, the oldest are forgotten.
    const LIMIT: usize = 64;

    fn colour(&mut self, c: BackendColor) -> &str {
        let key = colour_key(c);
        let at = match self.colours.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                if self.colours.len() >= CanvasStrings::LIMIT {
                    self.colours.remove(0);
                }
                self.colours.push((key, canvas_colour(c)));
                self.colours.len() - 1
            }
        };
        self.colours.get(at).map_or("", |(_, s)| s.as_str())
    }

    fn font(&mut self, style: &str, size: f64, family: &str) -> &str {
        let found = self
            .fonts
            .iter()
            .position(|(k, _)| k.0 == style && k.1 == size.to_bits() && k.2 == family);
        let at = match found {
            Some(at) => at,
            None => {
                if self.fonts.len() >= CanvasStrings::LIMIT {
                    self.fonts.remove(0);
                }
                let key = (style.to_string(), size.to_bits(), family.to_string());
                let size = crate::core::number::format(size, 2);
                self.fonts.push((key, format!("{style} {size}px {family}")));
                self.fonts.len() - 1
            }
        };
        self.fonts.get(at).map_or("", |(_, s)| s.as_str())
    }
}

thread_local! {
    static STRINGS: std::cell::RefCell<CanvasStrings> = std::cell::RefCell::default();
}

/// Canvas labels are this share of the widget's font size (14 px at the
/// default 16 px; larger where the page sets `--kyoto-font-size`, as the
/// presenter page does).
pub const FONT_SCALE: f64 = 0.875;

/// The canvas's font size in CSS px: [`FONT_SCALE`] of the computed font size
/// of the widget's `root` (at most 64; the default 16 px when unknown).
pub fn font_px(root: &web_sys::Element) -> f64 {
    web_sys::window()
        .and_then(|w| w.get_computed_style(root).ok().flatten())
        .and_then(|s| s.get_property_value("font-size").ok())
        .and_then(|v| crate::core::number::parse(v.trim_end_matches("px").trim()))
        .filter(|v| v.is_finite() && *v >= 8.0)
        .map(|v| (v * FONT_SCALE).min(64.0))
        .unwrap_or(16.0 * FONT_SCALE)
}

/// Reads the width of a widget's `plot` and its canvas font size (of its
/// `root`, [`font_px`]) into `width` and `font_px`: whether either changed
/// enough to draw the plot again (a pixel, a tenth of one).
pub fn measure_plot(
    plot: &web_sys::Element,
    root: &web_sys::Element,
    width: &mut f64,
    font_px: &mut f64,
) -> bool {
    let (w, f) = (f64::from(plot.client_width()), self::font_px(root));
    let changed = (w - *width).abs() >= 1.0 || (f - *font_px).abs() > 0.1;
    if changed {
        (*width, *font_px) = (w, f);
    }
    changed
}

/// The CSS font of canvas text at `size` CSS pixels in `family`, exactly as
/// [`ScaledCanvas`] sets it to draw: measuring text in the same string
/// leaves the context's font as it is (the browser parses a font only when
/// the string changes).
pub fn canvas_font(size: f64, family: &str, f: impl FnOnce(&str)) {
    STRINGS.with(|s| {
        f(s.borrow_mut()
            .font(FontStyle::Normal.as_str(), size, family))
    });
}

/// Context settings made by [`ScaledCanvas`] (`None`: unknown).
#[derive(Default, Clone)]
struct ContextState {
    stroke: Option<(ColourKey, u32)>,
    fill: Option<ColourKey>,
    font: Option<String>,
    baseline: Option<&'static str>,
    align: Option<&'static str>,
    /// The `devicePixelRatio` (its bits) of the context's transform, with
    /// the context's direction set to left to right.
    scaled: Option<u64>,
}

impl ContextState {
    /// Sets the context's font to `font` unless it is already set to it.
    fn set_font(&mut self, ctx: &CanvasRenderingContext2d, font: &str) {
        if self.font.as_deref() != Some(font) {
            ctx.set_font(font);
            self.font = Some(font.to_string());
        }
    }
}

/// What one canvas and its 2D context were set to by this crate, kept by
/// the widget from one redraw to the next, so that a redraw sets only what
/// changes. Setting a canvas font makes the browser bring the page's style
/// up to date first, even when the font is the same: in the middle of a
/// redraw that has just changed the DOM, that is most of the cost of a
/// hover. Resizing the canvas resets its context, and so this memory.
#[derive(Default)]
pub struct CanvasMemory {
    context: ContextState,
    /// The CSS size written on the element (the bits of the `f64`s).
    css: Option<(u64, u64)>,
}

impl CanvasMemory {
    /// Sets the context's font to `font` unless it is already set to it.
    pub fn set_font(&mut self, ctx: &CanvasRenderingContext2d, font: &str) {
        self.context.set_font(ctx, font);
    }
}

/// A [`CanvasMemory`] shared by a widget and the backend drawing for it.
pub type SharedCanvasMemory = std::rc::Rc<std::cell::RefCell<CanvasMemory>>;

/// A colour as compared: red, green, blue and the alpha's bits.
type ColourKey = (u8, u8, u8, u64);

/// A canvas call that threw (the context refused an argument), as a drawing
/// error: plotters-canvas's own error type cannot be made outside it, so it
/// is given as plotters' other kind of error, with the browser's message.
fn canvas_error(e: JsValue) -> DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType> {
    DrawingErrorKind::FontError(Box::new(CanvasCallFailed(super::data::js_message(&e))))
}

/// The browser's message of a canvas call that threw.
#[derive(Debug)]
struct CanvasCallFailed(String);

impl std::fmt::Display for CanvasCallFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasCallFailed {}

fn colour_key(c: BackendColor) -> ColourKey {
    (c.rgb.0, c.rgb.1, c.rgb.2, c.alpha.to_bits())
}

/// A stroke style as compared: its colour and line width.
fn stroke_key(style: &impl BackendStyle) -> (ColourKey, u32) {
    (colour_key(style.color()), style.stroke_width())
}

/// The colour as plotters-canvas writes it (the opacity to three decimals).
fn canvas_colour(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    let alpha = crate::core::number::format(c.alpha, 3);
    format!("rgba({r},{g},{b},{alpha})")
}

impl ScaledCanvas {
    /// Sizes `canvas` for `css_w` × `css_h` CSS pixels at `dpr` and returns a
    /// backend drawing in CSS pixels. `None` when the canvas has no 2D context.
    /// The backing store is resized, and the element's size and direction
    /// written, only when they change; `memory` says what the canvas was set
    /// to by the last backend on it (a new one for a new canvas), and is
    /// updated when this backend is dropped.
    pub fn new(
        canvas: &HtmlCanvasElement,
        css_w: f64,
        css_h: f64,
        dpr: f64,
        memory: &SharedCanvasMemory,
    ) -> Option<ScaledCanvas> {
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        let (w, h) = (css_w.max(1.0), css_h.max(1.0));
        let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        let mut known = memory.borrow_mut();
        if canvas.width() != bw || canvas.height() != bh {
            // A new size resets the context: nothing of it is known.
            known.context = ContextState::default();
            if canvas.width() != bw {
                canvas.set_width(bw);
            }
            if canvas.height() != bh {
                canvas.set_height(bh);
            }
        }
        let css = (w.to_bits(), h.to_bits());
        if known.css != Some(css) {
            let style = canvas.style();
            let css_px = |v: f64| format!("{}px", crate::core::number::format(v, 2));
            for (property, value) in [("width", css_px(w)), ("height", css_px(h))] {
                if style.get_property_value(property).ok().as_deref() != Some(value.as_str()) {
                    let _ = style.set_property(property, &value);
                }
            }
            if canvas.get_attribute("dir").as_deref() != Some("ltr") {
                let _ = canvas.set_attribute("dir", "ltr");
            }
            known.css = Some(css);
        }
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        if known.context.scaled != Some(dpr.to_bits()) {
            // The context's own direction, explicitly rather than "inherit":
            // plotters-canvas anchors text with 'start' and 'end', which must
            // mean left and right whatever the page's direction.
            let _ = js_sys::Reflect::set(&ctx, &"direction".into(), &"ltr".into());
            let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
            known.context.scaled = Some(dpr.to_bits());
        }
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(ScaledCanvas {
            inner,
            ctx,
            css_size: (w.round() as u32, h.round() as u32),
            set: known.context.clone(),
            open_lines: String::new(),
            memory: memory.clone(),
        })
    }

    fn stroke_style(&mut self, style: &impl BackendStyle) {
        let key = stroke_key(style);
        if self.set.stroke != Some(key) {
            let ctx = &self.ctx;
            STRINGS.with(|s| ctx.set_stroke_style_str(s.borrow_mut().colour(style.color())));
            if self.set.stroke.map(|(_, width)| width) != Some(key.1) {
                ctx.set_line_width(f64::from(key.1));
            }
            self.set.stroke = Some(key);
        }
    }

    fn fill_style(&mut self, colour: BackendColor) {
        let key = colour_key(colour);
        if self.set.fill != Some(key) {
            let ctx = &self.ctx;
            STRINGS.with(|s| ctx.set_fill_style_str(s.borrow_mut().colour(colour)));
            self.set.fill = Some(key);
        }
    }

    /// Strokes the open path of lines, if any: before anything else is drawn.
    fn flush(&mut self) {
        if self.open_lines.is_empty() {
            return;
        }
        // `Path2D` takes SVG path data in every browser that runs this
        // WebAssembly (reference types: Chromium 96, Firefox 79, Safari 15).
        match Path2d::new_with_path_string(&self.open_lines) {
            Ok(path) => self.ctx.stroke_with_path(&path),
            Err(e) => web_sys::console::error_2(
                &JsValue::from_str("kyoto-widgets: Path2D refused the chart's lines:"),
                &e,
            ),
        }
        self.open_lines.clear();
    }

    /// A straight line from `from` to `to`, added to the open path when the
    /// style is the same, else starting a new one.
    fn line(&mut self, from: (f64, f64), to: (f64, f64), style: &impl BackendStyle) {
        if self.open_lines.is_empty() || self.set.stroke != Some(stroke_key(style)) {
            self.flush();
            self.stroke_style(style);
        }
        let d = &mut self.open_lines;
        d.push('M');
        push_path_number(d, from.0);
        d.push(' ');
        push_path_number(d, from.1);
        d.push('L');
        push_path_number(d, to.0);
        d.push(' ');
        push_path_number(d, to.1);
    }
}

impl Drop for ScaledCanvas {
    fn drop(&mut self) {
        self.flush();
        if let Ok(mut known) = self.memory.try_borrow_mut() {
            known.context = std::mem::take(&mut self.set);
        }
    }
}

impl DrawingBackend for ScaledCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.css_size
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.flush();
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.fill_style(c);
        self.ctx.fill_rect(f64::from(p.0), f64::from(p.1), 1.0, 1.0);
        Ok(())
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        // A horizontal or vertical line moves by half a pixel, as in
        // plotters-canvas, so that it is not blurred over two pixels.
        let (mut from, mut to) = (
            (f64::from(a.0), f64::from(a.1)),
            (f64::from(b.0), f64::from(b.1)),
        );
        if a.0 == b.0 {
            from.0 -= 0.5;
            to.0 -= 0.5;
        }
        if a.1 == b.1 {
            from.1 -= 0.5;
            to.1 -= 0.5;
        }
        self.line(from, to, s);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let (x, y) = (f64::from(a.0), f64::from(a.1));
        let (w, h) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        if fill {
            self.fill_style(s.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.stroke_style(s);
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        let point = |p: BackendCoord| (f64::from(p.0), f64::from(p.1));
        let mut path = path.into_iter();
        let (first, second) = (path.next(), path.next());
        let third = path.next();
        if let (Some(a), Some(b), None) = (first, second, third) {
            self.line(point(a), point(b), s);
            return Ok(());
        }
        self.flush();
        self.ctx.begin_path();
        if let Some(start) = first.map(point) {
            self.stroke_style(s);
            self.ctx.move_to(start.0, start.1);
            for next in second.into_iter().chain(third).chain(path).map(point) {
                self.ctx.line_to(next.0, next.1);
            }
        }
        self.ctx.stroke();
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.fill_style(s.color());
        self.ctx.begin_path();
        let mut vert = vert.into_iter();
        if let Some(start) = vert.next() {
            self.ctx.move_to(f64::from(start.0), f64::from(start.1));
            for next in vert {
                self.ctx.line_to(f64::from(next.0), f64::from(next.1));
            }
            self.ctx.close_path();
        }
        self.ctx.fill();
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        if fill {
            self.fill_style(s.color());
        } else {
            self.stroke_style(s);
        }
        self.ctx.begin_path();
        let (x, y, r) = (f64::from(c.0), f64::from(c.1), f64::from(r));
        self.ctx
            .arc(x, y, r, 0.0, std::f64::consts::TAU)
            .map_err(canvas_error)?;
        if fill {
            self.ctx.fill();
        } else {
            self.ctx.stroke();
        }
        Ok(())
    }
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.set.baseline != Some(baseline) {
            self.ctx.set_text_baseline(baseline);
            self.set.baseline = Some(baseline);
        }
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.set.align != Some(align) {
            self.ctx.set_text_align(align);
            self.set.align = Some(align);
        }
        self.fill_style(colour);
        let (ctx, set) = (&self.ctx, &mut self.set);
        STRINGS.with(|s| {
            let mut s = s.borrow_mut();
            let font_style = style.style();
            let font = s.font(font_style.as_str(), style.size(), style.family().as_str());
            set.set_font(ctx, font);
        });
        // Rotated text (not drawn by this crate's charts) turns about its
        // anchor, as plotters-canvas turns it.
        let quarter_turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if quarter_turns != 0.0 {
            self.ctx.save();
            self.ctx.translate(x, y).map_err(canvas_error)?;
            self.ctx
                .rotate(quarter_turns * std::f64::consts::FRAC_PI_2)
                .map_err(canvas_error)?;
            (x, y) = (0.0, 0.0);
        }
        let drawn = self.ctx.fill_text(text, x, y).map_err(canvas_error);
        if quarter_turns != 0.0 {
            self.ctx.restore();
        }
        drawn
    }
}
