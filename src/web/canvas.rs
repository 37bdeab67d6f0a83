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

use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A plotters backend over a canvas whose backing store is `dpr` times its CSS size.
///
/// Lines, rectangles and text are drawn here rather than by plotters-canvas,
/// with the same calls, except that the context's stroke and fill styles,
/// line width, font and text anchors are set only when they change: a chart
/// draws hundreds of hatch lines in the same style, and each setting is a
/// call into JavaScript with a string to parse. Consecutive straight lines in
/// one style (the hatching of a segment, a set of grid lines) go into one path
/// stroked once: a redraw of the overview makes about 220 strokes fewer. The
/// pixels are the same as long as such lines do not overlap, which is true of
/// hatching and grids: where semi-transparent lines of one path crossed, they
/// would be painted once instead of twice.
pub struct ScaledCanvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    css_size: (u32, u32),
    /// What the context is set to, as far as this backend set it.
    set: ContextState,
    /// A path of straight lines begun in the current stroke style and not
    /// stroked yet.
    open_lines: bool,
}

/// Context settings made by [`ScaledCanvas`] (`None`: unknown).
#[derive(Default)]
struct ContextState {
    stroke: Option<(ColourKey, u32)>,
    fill: Option<ColourKey>,
    font: Option<String>,
    baseline: Option<&'static str>,
    align: Option<&'static str>,
}

/// A colour as compared: red, green, blue and the alpha's bits.
type ColourKey = (u8, u8, u8, u64);

fn colour_key(c: BackendColor) -> ColourKey {
    (c.rgb.0, c.rgb.1, c.rgb.2, c.alpha.to_bits())
}

/// A stroke style as compared: its colour and line width.
fn stroke_key(style: &impl BackendStyle) -> (ColourKey, u32) {
    (colour_key(style.color()), style.stroke_width())
}

/// The colour as plotters-canvas writes it.
fn canvas_colour(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({},{},{},{})", r, g, b, c.alpha)
}

impl ScaledCanvas {
    /// Sizes `canvas` for `css_w` × `css_h` CSS pixels at `dpr` and returns a
    /// backend drawing in CSS pixels. `None` when the canvas has no 2D context.
    /// The backing store is resized, and the element's size and direction
    /// written, only when they change.
    pub fn new(
        canvas: &HtmlCanvasElement,
        css_w: f64,
        css_h: f64,
        dpr: f64,
    ) -> Option<ScaledCanvas> {
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        let (w, h) = (css_w.max(1.0), css_h.max(1.0));
        let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if canvas.width() != bw {
            canvas.set_width(bw);
        }
        if canvas.height() != bh {
            canvas.set_height(bh);
        }
        let style = canvas.style();
        for (property, value) in [("width", format!("{w}px")), ("height", format!("{h}px"))] {
            if style.get_property_value(property).ok().as_deref() != Some(value.as_str()) {
                let _ = style.set_property(property, &value);
            }
        }
        if canvas.get_attribute("dir").as_deref() != Some("ltr") {
            let _ = canvas.set_attribute("dir", "ltr");
        }
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        // And the context's own direction, explicitly rather than "inherit":
        // plotters-canvas anchors text with 'start' and 'end', which must mean
        // left and right whatever the page's direction.
        let _ = js_sys::Reflect::set(&ctx, &"direction".into(), &"ltr".into());
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(ScaledCanvas {
            inner,
            ctx,
            css_size: (w.round() as u32, h.round() as u32),
            set: ContextState::default(),
            open_lines: false,
        })
    }

    fn stroke_style(&mut self, style: &impl BackendStyle) {
        let key = stroke_key(style);
        if self.set.stroke != Some(key) {
            self.ctx.set_stroke_style_str(&canvas_colour(style.color()));
            self.ctx.set_line_width(f64::from(style.stroke_width()));
            self.set.stroke = Some(key);
        }
    }

    fn fill_style(&mut self, colour: BackendColor) {
        let key = colour_key(colour);
        if self.set.fill != Some(key) {
            self.ctx.set_fill_style_str(&canvas_colour(colour));
            self.set.fill = Some(key);
        }
    }

    /// After plotters-canvas drew: the context's settings are unknown.
    fn forget(&mut self) {
        self.flush();
        self.set = ContextState::default();
    }

    /// Strokes the open path of lines, if any: before anything else is drawn.
    fn flush(&mut self) {
        if self.open_lines {
            self.ctx.stroke();
            self.open_lines = false;
        }
    }

    /// A straight line from `from` to `to`, added to the open path when the
    /// style is the same, else starting a new one.
    fn line(&mut self, from: (f64, f64), to: (f64, f64), style: &impl BackendStyle) {
        if !(self.open_lines && self.set.stroke == Some(stroke_key(style))) {
            self.flush();
            self.stroke_style(style);
            self.ctx.begin_path();
            self.open_lines = true;
        }
        self.ctx.move_to(from.0, from.1);
        self.ctx.line_to(to.0, to.1);
    }
}

impl Drop for ScaledCanvas {
    fn drop(&mut self) {
        self.flush();
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
        self.forget();
        self.inner.draw_pixel(p, c)
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
        self.forget();
        self.inner.fill_polygon(vert, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.forget();
        self.inner.draw_circle(c, r, s, fill)
    }
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if !matches!(style.transform(), FontTransform::None) {
            // Rotated text (not drawn by this crate's charts): as plotters-canvas does it.
            self.forget();
            return self.inner.draw_text(text, style, pos);
        }
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
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str(),
        );
        if self.set.font.as_deref() != Some(font.as_str()) {
            self.ctx.set_font(&font);
            self.set.font = Some(font);
        }
        if self
            .ctx
            .fill_text(text, f64::from(pos.0), f64::from(pos.1))
            .is_err()
        {
            // Drawn again by plotters-canvas, for its error.
            self.forget();
            return self.inner.draw_text(text, style, pos);
        }
        Ok(())
    }
}
