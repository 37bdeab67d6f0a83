//! Drawing the reporting widget: the overview (per pillar and cycle, the
//! States reporting with a report on time, late or none submitted), the
//! tile-grid world map coloured by report status, and the per-question chart
//! (States and the other respondents side by side). Each is a function over
//! a plotters [`DrawingArea`] for any [`DrawingBackend`]: the canvas in the
//! browser, SVG and PNG natively. They draw exactly the layouts of
//! [`crate::core::reporting_board`] and [`crate::core::layout`].
//!
//! Status is never told by colour alone: every status has a pattern of its
//! own (on time plain, late striped, not yet due dotted, missing crossed,
//! answers only hatched, no data plain and pale), the same in the legend.

use super::{draw_bars, draw_text, DrawState, Palette};
use crate::core::layout::{Rect, SegmentKind};
use crate::core::reporting_board::tile_grid::TileMapLayout;
use crate::core::reporting_board::{CaptionedBars, LegendItem, LegendKey, ReportStatus};
use plotters::coord::Shift;
use plotters::prelude::*;

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The pattern drawn over a fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// Nothing.
    Plain,
    /// Vertical stripes.
    Stripes,
    /// Diagonal hatching.
    Hatch,
    /// Dots.
    Dots,
    /// A cross from corner to corner.
    Cross,
}

/// The fill, the pattern and the text colour of a report status.
pub fn status_style(palette: &Palette, status: ReportStatus) -> (RGBColor, Pattern, RGBColor) {
    let light = luminance(palette.background) > 0.5;
    let (fill, pattern) = match status {
        ReportStatus::OnTime => (palette.status[0], Pattern::Plain),
        ReportStatus::Late => (palette.status[1], Pattern::Stripes),
        ReportStatus::NotYetDue => (
            if light {
                RGBColor(120, 144, 168)
            } else {
                RGBColor(128, 150, 172)
            },
            Pattern::Dots,
        ),
        ReportStatus::Missing => (
            if light {
                RGBColor(178, 34, 52)
            } else {
                RGBColor(255, 120, 130)
            },
            Pattern::Cross,
        ),
        ReportStatus::AnsweredOnly => (palette.series[2], Pattern::Hatch),
        ReportStatus::NoData => (palette.track, Pattern::Plain),
    };
    // The text on a tile: whichever of the two text colours reads better.
    let text = if contrast(fill, palette.text) >= contrast(fill, palette.background) {
        palette.text
    } else {
        palette.background
    };
    (fill, pattern, text)
}

/// The fill and pattern of a bar segment (as [`draw_bars`] draws it).
fn segment_style(palette: &Palette, kind: SegmentKind) -> (RGBColor, Pattern) {
    let pattern = match kind {
        SegmentKind::Status(1) => Pattern::Stripes,
        SegmentKind::Status(2) => Pattern::Hatch,
        _ => Pattern::Plain,
    };
    (palette.segment(kind), pattern)
}

fn channel(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.039_28 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Relative luminance (WCAG 2).
pub fn luminance(c: RGBColor) -> f64 {
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// Contrast ratio (WCAG 2), 1 to 21.
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Fills a rectangle and draws its pattern over it.
pub fn fill_pattern<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: Rect,
    fill: RGBColor,
    pattern: Pattern,
    ink: RGBColor,
) -> DrawResult<DB> {
    let (x0, y0, x1, y1) = (px(r.x), px(r.y), px(r.right()), px(r.bottom()));
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], fill.filled()))?;
    let ink = ink.mix(0.6).stroke_width(2);
    match pattern {
        Pattern::Plain => {}
        Pattern::Stripes => {
            let mut x = x0 + 3;
            while x < x1 {
                area.draw(&PathElement::new(vec![(x, y0), (x, y1)], ink))?;
                x += 7;
            }
        }
        Pattern::Hatch => {
            let h = y1 - y0;
            let mut x = x0 - h;
            while x < x1 {
                let (sx, sy) = (x.max(x0), y1 - (x.max(x0) - x));
                let (ex, ey) = ((x + h).min(x1), y1 - ((x + h).min(x1) - x));
                area.draw(&PathElement::new(vec![(sx, sy), (ex, ey)], ink))?;
                x += 7;
            }
        }
        Pattern::Dots => {
            let mut y = y0 + 3;
            while y + 2 <= y1 {
                let mut x = x0 + 3;
                while x + 2 <= x1 {
                    area.draw(&Rectangle::new(
                        [(x, y), (x + 2, y + 2)],
                        ink.color.filled(),
                    ))?;
                    x += 6;
                }
                y += 6;
            }
        }
        Pattern::Cross => {
            area.draw(&PathElement::new(vec![(x0, y0), (x1, y1)], ink))?;
            area.draw(&PathElement::new(vec![(x0, y1), (x1, y0)], ink))?;
        }
    }
    Ok(())
}

/// Draws legend items.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    legend: &[LegendItem],
    palette: &Palette,
) -> DrawResult<DB> {
    for item in legend {
        let (fill, pattern, ink) = match item.key {
            LegendKey::Status(s) => status_style(palette, s),
            LegendKey::Segment(k) => {
                let (f, p) = segment_style(palette, k);
                (f, p, palette.background)
            }
        };
        fill_pattern(area, item.swatch, fill, pattern, ink)?;
        let r = item.swatch;
        area.draw(&Rectangle::new(
            [(px(r.x), px(r.y)), (px(r.right()), px(r.bottom()))],
            palette.grid.stroke_width(1),
        ))?;
        draw_text(area, &item.label, palette.text)?;
    }
    Ok(())
}

/// What the map shows besides its tiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapState {
    /// The tile with keyboard focus (outlined).
    pub focused: Option<usize>,
    /// The tile under the pointer.
    pub hovered: Option<usize>,
}

/// Draws the tile map laid out by
/// [`layout_tile_map`](crate::core::reporting_board::tile_grid::layout_tile_map).
pub fn draw_tile_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &TileMapLayout,
    palette: &Palette,
    state: &MapState,
) -> DrawResult<DB> {
    area.fill(&palette.background)?;
    for (i, tile) in layout.tiles.iter().enumerate() {
        let (fill, pattern, text) = status_style(palette, tile.status);
        let ink = if text == palette.text {
            palette.background
        } else {
            palette.text
        };
        fill_pattern(area, tile.rect, fill, pattern, ink)?;
        if tile.on_grid {
            // The code on a backing of the fill, so that the pattern never
            // runs through the letters.
            let l = &tile.label;
            let half_w = l.font_px * 0.95;
            let half_h = l.font_px * 0.6;
            area.draw(&Rectangle::new(
                [
                    (px(l.x - half_w), px(l.y - half_h)),
                    (px(l.x + half_w), px(l.y + half_h)),
                ],
                fill.filled(),
            ))?;
            draw_text(area, l, text)?;
        } else {
            let r = tile.rect;
            area.draw(&Rectangle::new(
                [(px(r.x), px(r.y)), (px(r.right()), px(r.bottom()))],
                palette.grid.stroke_width(1),
            ))?;
            draw_text(area, &tile.label, palette.text)?;
        }
        let outline = |colour: RGBColor, width: u32| {
            let r = tile.rect;
            area.draw(&Rectangle::new(
                [
                    (px(r.x - 1.0), px(r.y - 1.0)),
                    (px(r.right() + 1.0), px(r.bottom() + 1.0)),
                ],
                colour.stroke_width(width),
            ))
        };
        if state.focused == Some(i) {
            outline(palette.focus, 3)?;
        } else if state.hovered == Some(i) {
            outline(palette.grid, 2)?;
        }
    }
    if let Some(h) = &layout.list_heading {
        draw_text(area, h, palette.muted_text)?;
    }
    draw_legend(area, &layout.legend, palette)
}

/// Draws a captioned bar chart.
pub fn draw_captioned_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &CaptionedBars,
    palette: &Palette,
    state: &DrawState,
) -> DrawResult<DB> {
    area.fill(&palette.background)?;
    let (_, below) = area.split_vertically(px(chart.bars_top).max(0));
    let (bars, _) = below.split_vertically(px(chart.bars.height).max(0));
    draw_bars(&bars, &chart.bars, palette, state)?;
    draw_text(area, &chart.caption, palette.text)?;
    draw_legend(area, &chart.legend, palette)
}

/// The tile map as an SVG document.
pub fn tile_map_svg(layout: &TileMapLayout, palette: &Palette) -> Result<String, String> {
    super::svg::document(layout.width, layout.height, |a| {
        draw_tile_map(a, layout, palette, &MapState::default())
    })
}

/// A captioned bar chart as an SVG document.
pub fn captioned_bars_svg(chart: &CaptionedBars, palette: &Palette) -> Result<String, String> {
    super::svg::document(chart.width, chart.height, |a| {
        draw_captioned_bars(a, chart, palette, &DrawState::default())
    })
}

/// A drawing of the reporting widget, for files.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportingDrawing {
    /// The overview or the question chart.
    Bars(CaptionedBars),
    /// The map.
    Map(TileMapLayout),
}

impl ReportingDrawing {
    /// Its size in CSS pixels.
    pub fn size(&self) -> (f64, f64) {
        match self {
            ReportingDrawing::Bars(c) => (c.width, c.height),
            ReportingDrawing::Map(m) => (m.width, m.height),
        }
    }

    /// As an SVG document.
    pub fn svg(&self, palette: &Palette) -> Result<String, String> {
        match self {
            ReportingDrawing::Bars(c) => captioned_bars_svg(c, palette),
            ReportingDrawing::Map(m) => tile_map_svg(m, palette),
        }
    }

    /// PNG files are written by the native build only (the browser exports
    /// PNG from its canvas).
    #[cfg(target_arch = "wasm32")]
    pub fn png(
        &self,
        _path: &std::path::Path,
        _palette: &Palette,
        _scale: f64,
        _font: &'static [u8],
    ) -> Result<(), String> {
        Err("PNG files are written by the native build".into())
    }

    /// Writes a PNG file at `scale` times its size, its text drawn with the
    /// TrueType `font` (native only).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn png(
        &self,
        path: &std::path::Path,
        palette: &Palette,
        scale: f64,
        font: &'static [u8],
    ) -> Result<(), String> {
        super::register_font(font)?;
        let (w, h) = self.size();
        let size = ((w * scale).ceil() as u32, (h * scale).ceil() as u32);
        let root = BitMapBackend::new(path, size).into_drawing_area();
        // Laid out in CSS pixels: drawn through a copy of the layout `scale`
        // times larger, so that text and lines stay sharp.
        let scaled = self.scaled(scale);
        match &scaled {
            ReportingDrawing::Bars(c) => {
                draw_captioned_bars(&root, c, palette, &DrawState::default())
            }
            ReportingDrawing::Map(m) => draw_tile_map(&root, m, palette, &MapState::default()),
        }
        .map_err(|e| format!("drawing failed: {e}"))?;
        root.present()
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// The same drawing `k` times larger.
    #[cfg(not(target_arch = "wasm32"))]
    fn scaled(&self, k: f64) -> ReportingDrawing {
        let r = |r: Rect| Rect {
            x: r.x * k,
            y: r.y * k,
            w: r.w * k,
            h: r.h * k,
        };
        use crate::core::layout::TextBox;
        let t = |t: &TextBox| TextBox {
            x: t.x * k,
            y: t.y * k,
            font_px: t.font_px * k,
            ..t.clone()
        };
        let legend = |l: &[LegendItem]| -> Vec<LegendItem> {
            l.iter()
                .map(|i| LegendItem {
                    key: i.key,
                    swatch: r(i.swatch),
                    label: t(&i.label),
                })
                .collect()
        };
        match self {
            ReportingDrawing::Bars(c) => ReportingDrawing::Bars(CaptionedBars {
                caption: t(&c.caption),
                bars_top: c.bars_top * k,
                bars: super::scale_bars(&c.bars, k),
                legend: legend(&c.legend),
                width: c.width * k,
                height: c.height * k,
            }),
            ReportingDrawing::Map(m) => {
                let mut out = m.clone();
                out.width *= k;
                out.height *= k;
                for tile in &mut out.tiles {
                    tile.rect = r(tile.rect);
                    tile.label = t(&tile.label);
                }
                out.list_heading = m.list_heading.as_ref().map(t);
                out.legend = legend(&m.legend);
                ReportingDrawing::Map(out)
            }
        }
    }
}
