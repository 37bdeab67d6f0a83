//! SVG documents of the charts: [`SvgWriter`], a plotters backend that writes
//! SVG markup into a string, and [`document`], which draws a chart with it.
//!
//! The markup is plotters' own SVG backend's (plotters-svg), element for
//! element and attribute for attribute, so that a chart's SVG is the same
//! whichever writes it (the golden files in `tests/golden` were written by
//! plotters-svg and are unchanged). What differs is how its two fractional
//! numbers, an opacity and a font size, are printed: plotters-svg prints
//! them with Rust's float formatting (`{}` of an `f64`), and that code (core's
//! `flt2dec`, dragon and grisu: 18.6 KB of wasm, 6.3 KB in brotli) is then in
//! every web module that can export SVG, while nothing else in a chart page
//! needs it. Here they are printed by [`crate::core::number::shortest`]:
//! the same text, from zmij, the shortest-digits printer serde_json prints
//! floats with (so already in the modules).

use crate::core::number::shortest;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
};
use std::convert::Infallible;

/// What drawing on an [`SvgWriter`] can fail with: nothing.
pub type SvgError = DrawingAreaErrorKind<Infallible>;

/// Draws `draw` on a `width` × `height` SVG document and returns its text.
pub fn document(
    width: f64,
    height: f64,
    draw: impl for<'a> FnOnce(&DrawingArea<SvgWriter<'a>, Shift>) -> Result<(), SvgError>,
) -> Result<String, String> {
    let mut out = String::new();
    {
        let size = (width.ceil() as u32, height.ceil() as u32);
        let area = SvgWriter::with_string(&mut out, size).into_drawing_area();
        draw(&area).map_err(|e| format!("drawing failed: {e}"))?;
        area.present().map_err(|e| format!("drawing failed: {e}"))?;
    }
    Ok(out)
}

/// A plotters backend writing an SVG document into a string; the document
/// is closed by [`DrawingBackend::present`] (or when the writer is dropped).
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// Whether the `<svg>` element is still open.
    open: bool,
}

impl<'a> SvgWriter<'a> {
    /// Begins a document of `size` pixels in `out`.
    pub fn with_string(out: &'a mut String, size: (u32, u32)) -> SvgWriter<'a> {
        let mut w = SvgWriter {
            out,
            size,
            open: true,
        };
        let (width, height) = (size.0.to_string(), size.1.to_string());
        let view_box = format!("0 0 {width} {height}");
        w.tag(
            "svg",
            &[
                ("width", &width),
                ("height", &height),
                ("viewBox", &view_box),
                ("xmlns", "http://www.w3.org/2000/svg"),
            ],
            false,
        );
        w
    }

    /// Writes `<name attr="value"…>` (`/>` when `close`), each on a line.
    fn tag(&mut self, name: &str, attrs: &[(&str, &str)], close: bool) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(self.out, value);
            self.out.push('"');
        }
        self.out.push_str(if close { "/>\n" } else { ">\n" });
    }
}

/// Appends `text` with the five XML special characters escaped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
}

/// A colour as `#RRGGBB`.
fn colour(c: BackendColor) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(7);
    s.push('#');
    for v in [c.rgb.0, c.rgb.1, c.rgb.2] {
        for nibble in [v >> 4, v & 15] {
            s.push(char::from(
                HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    s
}

/// The `fill` and `stroke` of a shape in colour `c`, filled or outlined.
fn fill_and_stroke(c: BackendColor, filled: bool) -> (String, String) {
    let (paint, none) = (colour(c), "none".to_string());
    if filled {
        (paint, none)
    } else {
        (none, paint)
    }
}

/// The points of a polyline or polygon: `x,y ` for each.
fn points(path: impl IntoIterator<Item = BackendCoord>) -> String {
    let mut s = String::new();
    for (x, y) in path {
        s.push_str(&x.to_string());
        s.push(',');
        s.push_str(&y.to_string());
        s.push(' ');
    }
    s
}

impl DrawingBackend for SvgWriter<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        if self.open {
            self.out.push_str("</svg>\n");
            self.open = false;
        }
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (p.0.to_string(), p.1.to_string());
        let (opacity, fill) = (shortest(c.alpha), colour(c));
        self.tag(
            "rect",
            &[
                ("x", &x),
                ("y", &y),
                ("width", "1"),
                ("height", "1"),
                ("stroke", "none"),
                ("opacity", &opacity),
                ("fill", &fill),
            ],
            true,
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.tag(
            "line",
            &[
                ("opacity", &shortest(c.alpha)),
                ("stroke", &colour(c)),
                ("stroke-width", &s.stroke_width().to_string()),
                ("x1", &from.0.to_string()),
                ("y1", &from.1.to_string()),
                ("x2", &to.0.to_string()),
                ("y2", &to.1.to_string()),
            ],
            true,
        );
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (fill, stroke) = fill_and_stroke(c, fill);
        self.tag(
            "rect",
            &[
                ("x", &a.0.to_string()),
                ("y", &a.1.to_string()),
                ("width", &(b.0 - a.0).to_string()),
                ("height", &(b.1 - a.1).to_string()),
                ("opacity", &shortest(c.alpha)),
                ("fill", &fill),
                ("stroke", &stroke),
            ],
            true,
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.tag(
            "polyline",
            &[
                ("fill", "none"),
                ("opacity", &shortest(c.alpha)),
                ("stroke", &colour(c)),
                ("stroke-width", &s.stroke_width().to_string()),
                ("points", &points(path)),
            ],
            true,
        );
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.tag(
            "polygon",
            &[
                ("opacity", &shortest(c.alpha)),
                ("fill", &colour(c)),
                ("points", &points(path)),
            ],
            true,
        );
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (fill, stroke) = fill_and_stroke(c, fill);
        self.tag(
            "circle",
            &[
                ("cx", &center.0.to_string()),
                ("cy", &center.1.to_string()),
                ("r", &radius.to_string()),
                ("opacity", &shortest(c.alpha)),
                ("fill", &fill),
                ("stroke", &stroke),
                ("stroke-width", &s.stroke_width().to_string()),
            ],
            true,
        );
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let text_anchor = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match anchor.v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let (x, y) = (pos.0.to_string(), pos.1.to_string());
        let family = style.family();
        // plotters-svg's size: plotters' font size over 1.24.
        let (size, opacity, fill) = (shortest(style.size() / 1.24), shortest(c.alpha), colour(c));
        let mut attrs: Vec<(&str, &str)> = vec![
            ("x", &x),
            ("y", &y),
            ("dy", dy),
            ("text-anchor", text_anchor),
            ("font-family", family.as_str()),
            ("font-size", &size),
            ("opacity", &opacity),
            ("fill", &fill),
        ];
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => attrs.push(("font-weight", "bold")),
            FontStyle::Oblique => attrs.push(("font-style", "oblique")),
            FontStyle::Italic => attrs.push(("font-style", "italic")),
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => "90",
            FontTransform::Rotate180 => "180",
            FontTransform::Rotate270 => "270",
            FontTransform::None => "",
        };
        let rotate = format!("rotate({degrees}, {x}, {y})");
        if !degrees.is_empty() {
            attrs.push(("transform", &rotate));
        }
        self.tag("text", &attrs, false);
        escape_into(self.out, text);
        self.out.push_str("\n</text>\n");
        Ok(())
    }
}

impl Drop for SvgWriter<'_> {
    fn drop(&mut self) {
        let _ = self.present();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::style::text_anchor::Pos;

    /// The elements plotters-svg writes for what the golden charts do not
    /// draw: a pixel, an outlined circle, a polygon, rotated bold text with
    /// characters to escape; and the document is closed once.
    #[test]
    fn writes_each_element_as_plotters_svg_does() {
        let svg = document(20.5, 10.0, |area| {
            area.draw_pixel((1, 2), &RGBColor(255, 0, 16).mix(0.5))?;
            let outline = ShapeStyle::from(&RGBColor(0, 128, 255)).stroke_width(2);
            area.draw(&Circle::new((5, 6), 3, outline))?;
            area.draw(&Polygon::new(vec![(0, 0), (4, 0), (2, 3)], BLACK.filled()))?;
            let style = TextStyle::from(("serif", 12.4).into_font().style(FontStyle::Bold))
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Top))
                .transform(FontTransform::Rotate270);
            area.draw_text("a < b & 'c'", &style, (7, 8))?;
            // Transparent: nothing written.
            area.draw_pixel((3, 3), &BLACK.mix(0.0))?;
            Ok(())
        })
        .unwrap();
        let size = format!("{}", 12.4 / 1.24);
        assert_eq!(
            svg,
            concat!(
                "<svg width=\"21\" height=\"10\" viewBox=\"0 0 21 10\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                "<rect x=\"1\" y=\"2\" width=\"1\" height=\"1\" stroke=\"none\" opacity=\"0.5\" fill=\"#FF0010\"/>\n",
                "<circle cx=\"5\" cy=\"6\" r=\"3\" opacity=\"1\" fill=\"none\" stroke=\"#0080FF\" stroke-width=\"2\"/>\n",
                "<polygon opacity=\"1\" fill=\"#000000\" points=\"0,0 4,0 2,3 \"/>\n",
                "<text x=\"7\" y=\"8\" dy=\"0.76em\" text-anchor=\"end\" font-family=\"serif\" font-size=\"{size}\" opacity=\"1\" fill=\"#000000\" font-weight=\"bold\" transform=\"rotate(270, 7, 8)\">\n",
                "a &lt; b &amp; &apos;c&apos;\n",
                "</text>\n",
                "</svg>\n",
            )
            .replace("{size}", &size)
        );
    }
}
