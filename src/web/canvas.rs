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
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A plotters backend over a canvas whose backing store is `dpr` times its CSS size.
pub struct ScaledCanvas {
    inner: CanvasBackend,
    css_size: (u32, u32),
}

impl ScaledCanvas {
    /// Sizes `canvas` for `css_w` × `css_h` CSS pixels at `dpr` and returns a
    /// backend drawing in CSS pixels. `None` when the canvas has no 2D context.
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
        let _ = style.set_property("width", &format!("{w}px"));
        let _ = style.set_property("height", &format!("{h}px"));
        let _ = canvas.set_attribute("dir", "ltr");
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        // And the context's own direction, explicitly rather than "inherit":
        // plotters-canvas anchors text with 'start' and 'end', which must mean
        // left and right whatever the page's direction.
        let _ = js_sys::Reflect::set(&ctx, &"direction".into(), &"ltr".into());
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(ScaledCanvas {
            inner,
            css_size: (w.round() as u32, h.round() as u32),
        })
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
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, s)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(c, r, s, fill)
    }
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_text(text, style, pos)
    }
}
