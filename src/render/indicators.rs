//! Drawing the indicators widget: the overview (pillar headings, one row per
//! indicator with its figures, a sparkline and a status badge) and the
//! drill-down (every breakdown's series over time, the baseline and the
//! target marked, the notes), over any plotters [`DrawingBackend`], from the
//! layouts of [`crate::core::indicators::layout`].
//!
//! A status is never told by colour alone: each badge carries its words and
//! a shape of its own (on track a filled circle, moderate progress a
//! diamond, stagnation or regression a square, not assessed a ring), and the
//! drill-down's lines carry the breakdown and status in their end labels.

use super::{draw_text, Palette};
use crate::core::indicators::layout::{DetailLayout, OverviewLayout, StatusKind};
use crate::core::progress::status::ProgressStatus;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The colours of the indicators widget in one theme: the chart's palette
/// and a badge colour per status. Every badge fill has 4.5:1 contrast with
/// its words and 3:1 with the background (tests/indicators.rs checks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorColours {
    /// The chart's palette (background, text, grid, focus, series).
    pub base: Palette,
    /// Badge fills: on track, moderate progress, stagnation or regression,
    /// not assessed.
    pub status: [RGBColor; 4],
    /// The words on a badge.
    pub badge_text: RGBColor,
}

impl IndicatorColours {
    /// The light theme.
    pub const LIGHT: IndicatorColours = IndicatorColours {
        base: Palette::LIGHT,
        status: [
            RGBColor(0, 112, 60),
            RGBColor(156, 82, 0),
            RGBColor(180, 32, 42),
            RGBColor(96, 100, 106),
        ],
        badge_text: RGBColor(255, 255, 255),
    };

    /// The dark theme.
    pub const DARK: IndicatorColours = IndicatorColours {
        base: Palette::DARK,
        status: [
            RGBColor(96, 206, 140),
            RGBColor(240, 176, 82),
            RGBColor(255, 138, 138),
            RGBColor(170, 174, 180),
        ],
        badge_text: RGBColor(24, 27, 31),
    };

    /// The high-contrast theme.
    pub const HIGH_CONTRAST: IndicatorColours = IndicatorColours {
        base: Palette::HIGH_CONTRAST,
        status: [
            RGBColor(76, 255, 159),
            RGBColor(255, 170, 0),
            RGBColor(255, 150, 150),
            RGBColor(230, 230, 230),
        ],
        badge_text: RGBColor(0, 0, 0),
    };

    /// The colours of a theme name ("light", "dark", "high-contrast").
    pub fn named(name: &str) -> IndicatorColours {
        match name {
            "dark" => IndicatorColours::DARK,
            "high-contrast" | "projector" => IndicatorColours::HIGH_CONTRAST,
            _ => IndicatorColours::LIGHT,
        }
    }

    /// The badge fill of a status.
    pub fn of(&self, kind: StatusKind) -> RGBColor {
        let i = match kind {
            StatusKind::Status(ProgressStatus::OnTrack) => 0,
            StatusKind::Status(ProgressStatus::Moderate) => 1,
            StatusKind::Status(ProgressStatus::StagnationOrRegression) => 2,
            StatusKind::NotAssessed => 3,
        };
        self.status.get(i).copied().unwrap_or(self.base.text)
    }
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Draws the overview laid out by
/// [`layout_overview`](crate::core::indicators::layout::layout_overview);
/// `focused` is the row with keyboard focus (outlined).
pub fn draw_overview<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &OverviewLayout,
    colours: &IndicatorColours,
    focused: Option<usize>,
) -> DrawResult<DB> {
    let p = &colours.base;
    area.fill(&p.background)?;
    draw_text(area, &layout.caption, p.muted_text)?;
    for h in &layout.headings {
        draw_text(area, h, p.text)?;
    }
    for n in &layout.notes {
        draw_text(area, n, p.muted_text)?;
    }
    for (i, row) in layout.rows.iter().enumerate() {
        // A rule between rows.
        area.draw(&PathElement::new(
            vec![
                (px(row.rect.x), px(row.rect.y)),
                (px(row.rect.right()), px(row.rect.y)),
            ],
            p.grid.stroke_width(1),
        ))?;
        for t in &row.title_lines {
            draw_text(area, t, p.text)?;
        }
        for t in &row.figures {
            draw_text(area, t, p.muted_text)?;
        }
        if let Some(ty) = row.spark_target {
            dashed(
                area,
                (row.spark.x, ty),
                (row.spark.right(), ty),
                p.muted_text,
            )?;
        }
        let pts: Vec<(i32, i32)> = row
            .spark_points
            .iter()
            .map(|(x, y)| (px(*x), px(*y)))
            .collect();
        if pts.len() > 1 {
            area.draw(&PathElement::new(pts.clone(), p.covered.stroke_width(2)))?;
        }
        if let Some(&(x, y)) = pts.last() {
            area.draw(&Circle::new((x, y), 3, p.covered.filled()))?;
        }
        let fill = colours.of(row.status);
        let b = row.badge;
        area.draw(&Rectangle::new(
            [(px(b.x), px(b.y)), (px(b.right()), px(b.bottom()))],
            fill.filled(),
        ))?;
        status_mark(area, row.status, row.badge_mark, colours.badge_text)?;
        for t in &row.badge_lines {
            draw_text(area, t, colours.badge_text)?;
        }
        if focused == Some(i) {
            let r = row.rect;
            area.draw(&Rectangle::new(
                [
                    (px(r.x), px(r.y + 1.0)),
                    (px(r.right()), px(r.bottom() - 1.0)),
                ],
                p.focus.stroke_width(3),
            ))?;
        }
    }
    Ok(())
}

/// The shape of a status, centred at `(x, y)` with radius `r`.
fn status_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kind: StatusKind,
    (x, y, r): (f64, f64, f64),
    colour: RGBColor,
) -> DrawResult<DB> {
    let (cx, cy, ri) = (px(x), px(y), px(r).max(2));
    match kind {
        StatusKind::Status(ProgressStatus::OnTrack) => {
            area.draw(&Circle::new((cx, cy), ri, colour.filled()))
        }
        StatusKind::Status(ProgressStatus::Moderate) => area.draw(&Polygon::new(
            vec![
                (cx, cy - ri - 1),
                (cx + ri + 1, cy),
                (cx, cy + ri + 1),
                (cx - ri - 1, cy),
            ],
            colour.filled(),
        )),
        StatusKind::Status(ProgressStatus::StagnationOrRegression) => area.draw(&Rectangle::new(
            [(cx - ri, cy - ri), (cx + ri, cy + ri)],
            colour.filled(),
        )),
        StatusKind::NotAssessed => area.draw(&Circle::new((cx, cy), ri, colour.stroke_width(2))),
    }
}

/// A dashed line from `a` to `b`.
fn dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    colour: RGBColor,
) -> DrawResult<DB> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if len < 1.0 {
        return Ok(());
    }
    let (dash, gap) = (5.0, 4.0);
    let mut at = 0.0;
    while at < len {
        let end = (at + dash).min(len);
        area.draw(&PathElement::new(
            vec![
                (px(a.0 + dx * at / len), px(a.1 + dy * at / len)),
                (px(a.0 + dx * end / len), px(a.1 + dy * end / len)),
            ],
            colour.stroke_width(1),
        ))?;
        at += dash + gap;
    }
    Ok(())
}

/// Draws the drill-down laid out by
/// [`layout_detail`](crate::core::indicators::layout::layout_detail);
/// `focused` is the point with keyboard focus or under the pointer (line,
/// point).
pub fn draw_detail<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &DetailLayout,
    colours: &IndicatorColours,
    focused: Option<(usize, usize)>,
) -> DrawResult<DB> {
    let p = &colours.base;
    area.fill(&p.background)?;
    for t in &layout.title_lines {
        draw_text(area, t, p.text)?;
    }
    draw_text(area, &layout.subtitle, p.muted_text)?;
    let plot = layout.plot;
    for (y, label) in &layout.y_ticks {
        area.draw(&PathElement::new(
            vec![(px(plot.x), px(*y)), (px(plot.right()), px(*y))],
            p.grid.stroke_width(1),
        ))?;
        draw_text(area, label, p.muted_text)?;
    }
    for (x, label) in &layout.x_ticks {
        area.draw(&PathElement::new(
            vec![
                (px(*x), px(plot.bottom())),
                (px(*x), px(plot.bottom() + 4.0)),
            ],
            p.grid.stroke_width(1),
        ))?;
        draw_text(area, label, p.muted_text)?;
    }
    // The path from the baseline to the target: the progress required.
    if let (Some(b), Some(t)) = (&layout.baseline, &layout.target) {
        dashed(area, (b.x, b.y), (t.x, t.y), p.muted_text)?;
    }
    for line in &layout.lines {
        let colour = p.series.get(line.index % 4).copied().unwrap_or(p.covered);
        let pts: Vec<(i32, i32)> = line.points.iter().map(|(x, y)| (px(*x), px(*y))).collect();
        if pts.len() > 1 {
            area.draw(&PathElement::new(pts.clone(), colour.stroke_width(3)))?;
        }
        for (i, &(x, y)) in pts.iter().enumerate() {
            let r = if focused == Some((line.index, i)) {
                6
            } else {
                4
            };
            series_marker(area, line.index, (x, y), r, colour)?;
        }
        let key = (
            px(line.label.x - line.label.font_px * 0.7),
            px(line.label.y),
        );
        series_marker(area, line.index, key, 4, colour)?;
        draw_text(area, &line.label, p.text)?;
    }
    if let Some(b) = &layout.baseline {
        let (x, y) = (px(b.x), px(b.y));
        area.draw(&Circle::new((x, y), 6, p.text.stroke_width(2)))?;
        draw_text(area, &b.label, p.text)?;
    }
    if let Some(t) = &layout.target {
        let (x, y) = (px(t.x), px(t.y));
        // A target: a ring with a dot, as on a shooting target.
        area.draw(&Circle::new((x, y), 7, p.text.stroke_width(2)))?;
        area.draw(&Circle::new((x, y), 2, p.text.filled()))?;
        draw_text(area, &t.label, p.text)?;
    }
    if let Some((l, i)) = focused {
        if let Some(&(x, y)) = layout.lines.get(l).and_then(|line| line.points.get(i)) {
            area.draw(&Circle::new((px(x), px(y)), 9, p.focus.stroke_width(2)))?;
        }
    }
    for t in &layout.notes {
        draw_text(area, t, p.muted_text)?;
    }
    Ok(())
}

/// The marker of series `index`: circle, square, triangle, diamond (as the
/// chart's timeline).
fn series_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    index: usize,
    (x, y): (i32, i32),
    r: i32,
    colour: RGBColor,
) -> DrawResult<DB> {
    match index % 4 {
        0 => area.draw(&Circle::new((x, y), r, colour.filled())),
        1 => area.draw(&Rectangle::new(
            [(x - r, y - r), (x + r, y + r)],
            colour.filled(),
        )),
        2 => area.draw(&Polygon::new(
            vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
            colour.filled(),
        )),
        _ => area.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            colour.filled(),
        )),
    }
}

/// Draws the overview to an SVG document.
pub fn overview_svg(layout: &OverviewLayout, colours: &IndicatorColours) -> Result<String, String> {
    super::svg::document(layout.width, layout.height, |area| {
        draw_overview(area, layout, colours, None)
    })
}

/// Draws the drill-down to an SVG document.
pub fn detail_svg(layout: &DetailLayout, colours: &IndicatorColours) -> Result<String, String> {
    super::svg::document(layout.width, layout.height, |area| {
        draw_detail(area, layout, colours, None)
    })
}

/// PNG files are written by the native build only (the browser exports PNG
/// from its canvas); the same signature over the SVG backend, so that the
/// command-line tool builds for wasm32 too (`wasm-pack test` builds it).
#[cfg(target_arch = "wasm32")]
pub fn png_of(
    _path: &std::path::Path,
    _width: f64,
    _height: f64,
    _font: &'static [u8],
    _draw: impl for<'a> FnOnce(
        &DrawingArea<super::svg::SvgWriter<'a>, Shift>,
    ) -> DrawResult<super::svg::SvgWriter<'a>>,
) -> Result<(), String> {
    Err("PNG files are written by the native build".into())
}

/// Writes a drawing to a PNG file of `width` × `height` pixels (native
/// only): the caller lays out at the PNG's scale (every size of these
/// layouts follows the width and font size). Text needs a TrueType font.
#[cfg(not(target_arch = "wasm32"))]
pub fn png_of(
    path: &std::path::Path,
    width: f64,
    height: f64,
    font: &'static [u8],
    draw: impl for<'a> FnOnce(&DrawingArea<BitMapBackend<'a>, Shift>) -> DrawResult<BitMapBackend<'a>>,
) -> Result<(), String> {
    plotters::style::register_font(super::FONT_FAMILY, FontStyle::Normal, font)
        .map_err(|_| "the font file is not a TrueType or OpenType font".to_string())?;
    let size = (width.ceil() as u32, height.ceil() as u32);
    let area = BitMapBackend::new(path, size).into_drawing_area();
    draw(&area).map_err(|e| format!("drawing failed: {e}"))?;
    area.present()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
