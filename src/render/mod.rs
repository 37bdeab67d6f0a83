//! Drawing: every chart is a function over a plotters [`DrawingArea`] for any
//! [`DrawingBackend`] — the canvas in the browser, SVG ([`svg::SvgWriter`])
//! for the CLI, the exports and the golden tests, a bitmap for the CLI's PNG.
//! A chart's drawing function never creates a backend itself, and it draws
//! exactly the geometry that [`crate::core::layout`] computed, so what is drawn
//! and what is hit-tested are the same.

pub mod indicators;
pub mod reporting;
pub mod svg;

use crate::core::layout::{Align, BarLayout, KeyHeading, LineLayout, SegmentKind, TextBox};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::borrow::Cow;

/// Colours of one theme. Every bar colour has at least 3:1 contrast with the
/// background and every text colour 4.5:1 (checked by tests).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Page background behind the chart.
    pub background: RGBColor,
    /// Labels and values.
    pub text: RGBColor,
    /// Grid lines and axis labels.
    pub grid: RGBColor,
    /// Axis label text.
    pub muted_text: RGBColor,
    /// Covered paragraphs.
    pub covered: RGBColor,
    /// The empty remainder of a coverage bar.
    pub track: RGBColor,
    /// Statuses: completed, ongoing, planned.
    pub status: [RGBColor; 3],
    /// The outline of the focused bar.
    pub focus: RGBColor,
    /// Highlight of changed bars.
    pub highlight: RGBColor,
    /// Lines of the timeline, one per pillar (each also has its own marker).
    pub series: [RGBColor; 4],
}

impl Palette {
    /// The light theme: UN-blue based, statuses colour-blind safe.
    pub const LIGHT: Palette = Palette {
        background: RGBColor(255, 255, 255),
        text: RGBColor(26, 26, 26),
        grid: RGBColor(214, 219, 224),
        muted_text: RGBColor(84, 90, 96),
        covered: RGBColor(0, 104, 164),
        track: RGBColor(226, 233, 240),
        status: [
            RGBColor(0, 92, 150),
            RGBColor(184, 92, 0),
            RGBColor(112, 112, 112),
        ],
        focus: RGBColor(26, 26, 26),
        highlight: RGBColor(255, 214, 10),
        series: [
            RGBColor(0, 104, 164),
            RGBColor(192, 79, 0),
            RGBColor(0, 122, 90),
            RGBColor(168, 70, 127),
        ],
    };

    /// The dark theme.
    pub const DARK: Palette = Palette {
        background: RGBColor(24, 27, 31),
        text: RGBColor(236, 238, 240),
        grid: RGBColor(70, 76, 84),
        muted_text: RGBColor(178, 184, 190),
        covered: RGBColor(92, 178, 235),
        track: RGBColor(52, 58, 66),
        status: [
            RGBColor(92, 178, 235),
            RGBColor(240, 160, 70),
            RGBColor(170, 170, 170),
        ],
        focus: RGBColor(255, 255, 255),
        highlight: RGBColor(255, 214, 10),
        series: [
            RGBColor(92, 178, 235),
            RGBColor(240, 160, 70),
            RGBColor(76, 201, 160),
            RGBColor(229, 143, 196),
        ],
    };

    /// The high-contrast theme (also the projector theme).
    pub const HIGH_CONTRAST: Palette = Palette {
        background: RGBColor(0, 0, 0),
        text: RGBColor(255, 255, 255),
        grid: RGBColor(140, 140, 140),
        muted_text: RGBColor(235, 235, 235),
        covered: RGBColor(0, 200, 255),
        track: RGBColor(60, 60, 60),
        status: [
            RGBColor(0, 200, 255),
            RGBColor(255, 170, 0),
            RGBColor(230, 230, 230),
        ],
        focus: RGBColor(255, 255, 0),
        highlight: RGBColor(255, 255, 0),
        series: [
            RGBColor(0, 200, 255),
            RGBColor(255, 170, 0),
            RGBColor(76, 255, 159),
            RGBColor(255, 140, 224),
        ],
    };

    /// The palette of a theme name ("light", "dark", "high-contrast").
    pub fn named(name: &str) -> Palette {
        match name {
            "dark" => Palette::DARK,
            "high-contrast" | "projector" => Palette::HIGH_CONTRAST,
            _ => Palette::LIGHT,
        }
    }

    /// The fill colour of a segment.
    pub fn segment(&self, kind: SegmentKind) -> RGBColor {
        match kind {
            SegmentKind::Covered => self.covered,
            SegmentKind::Uncovered => self.track,
            SegmentKind::Status(i) => self.status.get(i).copied().unwrap_or(self.covered),
        }
    }
}

/// The interaction state drawn over a layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrawState {
    /// Bar with keyboard focus (outlined).
    pub focused: Option<usize>,
    /// Bar under the pointer (slightly outlined).
    pub hovered: Option<usize>,
    /// Bars to highlight as changed.
    pub changed: Vec<usize>,
}

/// The font family used in drawing (the page's font through CSS is used for
/// everything in the DOM; the canvas needs a concrete list).
pub const FONT_FAMILY: &str =
    "system-ui, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', sans-serif";

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Draws a horizontal bar chart laid out by
/// [`layout_bars`](crate::core::layout::layout_bars).
pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &BarLayout,
    palette: &Palette,
    state: &DrawState,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette.background)?;
    // Grid lines and axis labels.
    for tick in &layout.ticks {
        // Behind each bar only where its label is above it, not through the words.
        let spans: Vec<(f64, f64)> = if layout.stacked {
            layout
                .bars
                .iter()
                .map(|b| (b.bar.y - 4.0, b.bar.bottom() + 4.0))
                .collect()
        } else {
            vec![(layout.plot.y, layout.plot.bottom())]
        };
        for (top, bottom) in spans {
            area.draw(&PathElement::new(
                vec![(px(tick.x), px(top)), (px(tick.x), px(bottom))],
                palette.grid.stroke_width(1),
            ))?;
        }
        draw_text(area, &tick.label, palette.muted_text)?;
    }
    for (i, bar) in layout.bars.iter().enumerate() {
        if state.changed.contains(&i) {
            let r = bar.row;
            area.draw(&Rectangle::new(
                [
                    (px(r.x + 2.0), px(r.y - 4.0)),
                    (px(r.right() - 2.0), px(r.bottom() + 4.0)),
                ],
                palette.highlight.mix(0.35).filled(),
            ))?;
        }
        for seg in &bar.segments {
            if seg.rect.w >= 0.5 {
                fill_segment(area, seg.rect, seg.kind, palette)?;
            }
        }
        for line in &bar.label_lines {
            draw_text(area, line, palette.text)?;
        }
        draw_text(area, &bar.value_label, palette.text)?;
        if state.hovered == Some(i) && state.focused != Some(i) {
            outline(area, bar.row, palette.grid, 1)?;
        }
        if state.focused == Some(i) {
            outline(area, bar.row, palette.focus, 3)?;
        }
    }
    Ok(())
}

/// Fills `r` as a segment of `kind` is drawn: its colour, and for a status
/// its pattern too (ongoing is striped vertically, planned hatched
/// diagonally), so that status is told by more than colour; a thin
/// separator around it.
fn fill_segment<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: crate::core::layout::Rect,
    kind: SegmentKind,
    palette: &Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let colour = palette.segment(kind);
    let (x0, y0, x1, y1) = (px(r.x), px(r.y), px(r.right()), px(r.bottom()));
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.filled()))?;
    match kind {
        SegmentKind::Status(1) => {
            let mut x = x0 + 4;
            while x < x1 {
                area.draw(&PathElement::new(
                    vec![(x, y0), (x, y1)],
                    palette.background.mix(0.55).stroke_width(2),
                ))?;
                x += 8;
            }
        }
        SegmentKind::Status(2) => {
            let h = y1 - y0;
            let mut x = x0 - h;
            while x < x1 {
                let (sx, sy) = (x.max(x0), y1 - (x.max(x0) - x));
                let (ex, ey) = ((x + h).min(x1), y1 - ((x + h).min(x1) - x));
                area.draw(&PathElement::new(
                    vec![(sx, sy), (ex, ey)],
                    palette.background.mix(0.6).stroke_width(2),
                ))?;
                x += 7;
            }
        }
        _ => {}
    }
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        palette.background.stroke_width(1),
    ))
}

/// Draws the heading of an exported chart
/// ([`layout_key_heading`](crate::core::layout::layout_key_heading)): its
/// title and the key to its segments, on the chart's background.
pub fn draw_key_heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    heading: &KeyHeading,
    palette: &Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette.background)?;
    for line in &heading.title {
        draw_text(area, line, palette.text)?;
    }
    for (rect, kind) in &heading.swatches {
        fill_segment(area, *rect, *kind, palette)?;
        // The track of a coverage bar is pale: outlined to be seen.
        area.draw(&Rectangle::new(
            [
                (px(rect.x), px(rect.y)),
                (px(rect.right()), px(rect.bottom())),
            ],
            palette.grid.stroke_width(1),
        ))?;
    }
    for label in &heading.labels {
        draw_text(area, label, palette.text)?;
    }
    Ok(())
}

/// Draws `heading` and, below it, the chart `plot` draws: a chart as a
/// download shows it.
pub fn draw_with_heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    heading: &KeyHeading,
    palette: &Palette,
    plot: impl FnOnce(&DrawingArea<DB, Shift>) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (top, below) = area.split_vertically(px(heading.height));
    draw_key_heading(&top, heading, palette)?;
    plot(&below)
}

/// The line chart `lines` below `heading`, as an SVG document.
pub fn lines_with_heading_svg(
    heading: &KeyHeading,
    lines: &LineLayout,
    palette: &Palette,
) -> Result<String, String> {
    svg::document(lines.width, heading.height + lines.height, |area| {
        draw_with_heading(area, heading, palette, |plot| {
            draw_lines(plot, lines, palette, None)
        })
    })
}

/// The bar chart `layout` below `heading`, as an SVG document.
pub fn bars_with_heading_svg(
    heading: &KeyHeading,
    layout: &BarLayout,
    palette: &Palette,
    state: &DrawState,
) -> Result<String, String> {
    svg::document(layout.width, heading.height + layout.height, |area| {
        draw_with_heading(area, heading, palette, |plot| {
            draw_bars(plot, layout, palette, state)
        })
    })
}

fn outline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: crate::core::layout::Rect,
    colour: RGBColor,
    width: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.draw(&Rectangle::new(
        [
            (px(r.x + 2.0), px(r.y - 5.0)),
            (px(r.right() - 2.0), px(r.bottom() + 5.0)),
        ],
        colour.stroke_width(width),
    ))
}

/// Draws one text box with its anchor.
pub fn draw_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &TextBox,
    colour: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let h = match t.align {
        Align::Left => HPos::Left,
        Align::Center => HPos::Center,
        Align::Right => HPos::Right,
    };
    // FontFamily::Name, not the `&str` itself: plotters reads a `&str` as a
    // family through Unicode lower case ("serif", "monospace"…), which would
    // keep Unicode's case tables in the wasm for a name that is none of those.
    let style = TextStyle::from((FontFamily::Name(FONT_FAMILY), t.font_px).into_font())
        .color(&colour)
        .pos(Pos::new(h, VPos::Center));
    area.draw_text(&isolate_bidi(&t.text), &style, (px(t.x), px(t.y)))
}

/// Appends the number `v` to SVG path data (`M 12 3.5 L …`). The canvas
/// backend writes its batched lines with it, at whole or half pixels: those
/// are written with their digits only, without float formatting (it runs for
/// every hatch line of every redraw); anything else to three decimals.
///
/// ```
/// use kyoto_widgets::render::push_path_number;
/// let mut d = String::new();
/// for v in [3.0, 0.5, -0.5, -1.5, 120.0, 2.25] {
///     push_path_number(&mut d, v);
///     d.push(' ');
/// }
/// assert_eq!(d, "3 0.5 -0.5 -1.5 120 2.25 ");
/// ```
pub fn push_path_number(d: &mut String, v: f64) {
    let twice = v * 2.0;
    if twice.fract() == 0.0 && twice.abs() < 1e9 {
        let twice = twice as i64;
        if twice < 0 {
            d.push('-');
        }
        let halves = twice.unsigned_abs();
        push_digits(d, halves / 2);
        if halves % 2 == 1 {
            d.push_str(".5");
        }
    } else {
        d.push_str(&crate::core::number::format(v, 3));
    }
}

/// Appends the decimal digits of `n`.
fn push_digits(d: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &b in digits.get(at..).unwrap_or_default() {
        d.push(char::from(b));
    }
}

/// The text as drawn: a text with right-to-left letters (Arabic, Hebrew) is
/// wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 …
/// U+2069). Charts are drawn on a left-to-right surface (the canvas's `dir`
/// is set to `ltr` so that text anchors never swap); the isolate lets a label
/// such as `الركيزة II` or `١٧ من ١٧ · ١٠٠٪` read in its own direction, with
/// the Latin numeral and a trailing `…` on the reading side. Text without
/// right-to-left letters is drawn as it is.
///
/// ```
/// use kyoto_widgets::render::isolate_bidi;
/// assert_eq!(isolate_bidi("Pillar II"), "Pillar II");
/// assert_eq!(isolate_bidi("الركيزة II"), "\u{2068}الركيزة II\u{2069}");
/// ```
pub fn isolate_bidi(text: &str) -> Cow<'_, str> {
    let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    if text.chars().any(rtl) && !text.starts_with('\u{2068}') {
        Cow::Owned(format!("\u{2068}{text}\u{2069}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Draws a bar layout to an SVG document (for the CLI, exports and tests).
pub fn bars_svg(
    layout: &BarLayout,
    palette: &Palette,
    state: &DrawState,
) -> Result<String, String> {
    svg::document(layout.width, layout.height, |area| {
        draw_bars(area, layout, palette, state)
    })
}

/// Draws a line chart laid out by
/// [`layout_lines`](crate::core::layout::layout_lines); `focused` is the slot
/// with keyboard focus or under the pointer (a vertical rule and its points).
pub fn draw_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &LineLayout,
    palette: &Palette,
    focused: Option<usize>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette.background)?;
    let plot = layout.plot;
    for (y, label) in &layout.y_ticks {
        area.draw(&PathElement::new(
            vec![(px(plot.x), px(*y)), (px(plot.right()), px(*y))],
            palette.grid.stroke_width(1),
        ))?;
        draw_text(area, label, palette.muted_text)?;
    }
    for label in &layout.x_labels {
        draw_text(area, label, palette.muted_text)?;
    }
    if let Some(x) = focused.and_then(|i| layout.slots.get(i)) {
        area.draw(&PathElement::new(
            vec![(px(*x), px(plot.y)), (px(*x), px(plot.bottom()))],
            palette.focus.stroke_width(2),
        ))?;
    }
    for s in &layout.series {
        let colour = palette
            .series
            .get(s.index)
            .copied()
            .unwrap_or(palette.covered);
        let pts: Vec<(i32, i32)> = s.points.iter().map(|(x, y)| (px(*x), px(*y))).collect();
        area.draw(&PathElement::new(pts.clone(), colour.stroke_width(3)))?;
        // A marker of its own shape per series, so lines differ without colour.
        for (i, &(x, y)) in pts.iter().enumerate() {
            let r = if focused == Some(i) { 6 } else { 4 };
            match s.index % 4 {
                0 => area.draw(&Circle::new((x, y), r, colour.filled()))?,
                1 => area.draw(&Rectangle::new(
                    [(x - r, y - r), (x + r, y + r)],
                    colour.filled(),
                ))?,
                2 => area.draw(&Polygon::new(
                    vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
                    colour.filled(),
                ))?,
                _ => area.draw(&Polygon::new(
                    vec![
                        (x, y - r - 1),
                        (x + r + 1, y),
                        (x, y + r + 1),
                        (x - r - 1, y),
                    ],
                    colour.filled(),
                ))?,
            }
        }
        draw_text(area, &s.end_label, palette.text)?;
    }
    Ok(())
}

/// Draws a line layout to an SVG document.
pub fn lines_svg(layout: &LineLayout, palette: &Palette) -> Result<String, String> {
    svg::document(layout.width, layout.height, |area| {
        draw_lines(area, layout, palette, None)
    })
}

/// Writes a bar layout to a PNG file at `scale` times its size (native only).
/// Text needs a TrueType font: `font` is its bytes (for example Noto Sans).
#[cfg(not(target_arch = "wasm32"))]
pub fn bars_png(
    path: &std::path::Path,
    layout: &BarLayout,
    palette: &Palette,
    scale: f64,
    font: &'static [u8],
) -> Result<(), String> {
    register_font(font)?;
    let scaled = scale_bars(layout, scale);
    let size = (scaled.width.ceil() as u32, scaled.height.ceil() as u32);
    let area = BitMapBackend::new(path, size).into_drawing_area();
    draw_bars(&area, &scaled, palette, &DrawState::default())
        .map_err(|e| format!("drawing failed: {e}"))?;
    area.present()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes a line layout to a PNG file at `scale` times its size (native only).
#[cfg(not(target_arch = "wasm32"))]
pub fn lines_png(
    path: &std::path::Path,
    layout: &LineLayout,
    palette: &Palette,
    scale: f64,
    font: &'static [u8],
) -> Result<(), String> {
    register_font(font)?;
    let scaled = scale_lines(layout, scale);
    let size = (scaled.width.ceil() as u32, scaled.height.ceil() as u32);
    let area = BitMapBackend::new(path, size).into_drawing_area();
    draw_lines(&area, &scaled, palette, None).map_err(|e| format!("drawing failed: {e}"))?;
    area.present()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(not(target_arch = "wasm32"))]
fn register_font(font: &'static [u8]) -> Result<(), String> {
    plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, font)
        .map_err(|_| "the font file is not a TrueType or OpenType font".to_string())
}

/// Scales every coordinate and font size of a layout (for 2x images).
#[cfg(not(target_arch = "wasm32"))]
fn scale_bars(l: &BarLayout, k: f64) -> BarLayout {
    use crate::core::layout::Rect;
    let r = |r: Rect| Rect {
        x: r.x * k,
        y: r.y * k,
        w: r.w * k,
        h: r.h * k,
    };
    let t = |t: &TextBox| TextBox {
        x: t.x * k,
        y: t.y * k,
        font_px: t.font_px * k,
        ..t.clone()
    };
    let mut out = l.clone();
    out.width *= k;
    out.height *= k;
    out.plot = r(l.plot);
    for b in &mut out.bars {
        b.row = r(b.row);
        b.bar = r(b.bar);
        b.label_lines = b.label_lines.iter().map(t).collect();
        b.value_label = t(&b.value_label);
        for s in &mut b.segments {
            s.rect = r(s.rect);
        }
    }
    for tick in &mut out.ticks {
        tick.x *= k;
        tick.label = t(&tick.label);
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn scale_lines(l: &LineLayout, k: f64) -> LineLayout {
    use crate::core::layout::Rect;
    let t = |t: &TextBox| TextBox {
        x: t.x * k,
        y: t.y * k,
        font_px: t.font_px * k,
        ..t.clone()
    };
    let mut out = l.clone();
    out.width *= k;
    out.height *= k;
    out.plot = Rect {
        x: l.plot.x * k,
        y: l.plot.y * k,
        w: l.plot.w * k,
        h: l.plot.h * k,
    };
    out.slots = l.slots.iter().map(|x| x * k).collect();
    out.x_labels = l.x_labels.iter().map(t).collect();
    out.y_ticks = l.y_ticks.iter().map(|(y, lab)| (y * k, t(lab))).collect();
    for s in &mut out.series {
        s.points = s.points.iter().map(|(x, y)| (x * k, y * k)).collect();
        s.end_label = t(&s.end_label);
    }
    out
}

/// PNG files are written by the native build only (the browser exports PNG
/// from its canvas).
#[cfg(target_arch = "wasm32")]
pub fn bars_png(
    _path: &std::path::Path,
    _layout: &BarLayout,
    _palette: &Palette,
    _scale: f64,
    _font: &'static [u8],
) -> Result<(), String> {
    Err("PNG files are written by the native build".into())
}

/// PNG files are written by the native build only.
#[cfg(target_arch = "wasm32")]
pub fn lines_png(
    _path: &std::path::Path,
    _layout: &LineLayout,
    _palette: &Palette,
    _scale: f64,
    _font: &'static [u8],
) -> Result<(), String> {
    Err("PNG files are written by the native build".into())
}
