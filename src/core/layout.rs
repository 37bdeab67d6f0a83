//! Chart layout and hit-testing: what to draw and where, in CSS pixels.
//!
//! The render layer draws exactly these rectangles and labels, and the web
//! layer answers "which bar is under the pointer" and "which bar is next on an
//! arrow key" from the same [`BarLayout`], so drawing and interaction can never
//! disagree. Text widths come from a [`TextMeasure`] given by the caller (the
//! canvas `measureText` in the browser, an estimate natively), so labels in any
//! script are placed by their real size.

/// An axis-aligned rectangle in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (never negative).
    pub w: f64,
    /// Height (never negative).
    pub h: f64,
}

impl Rect {
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Mirrors the rectangle horizontally inside a box of width `width`.
    pub fn mirrored(&self, width: f64) -> Rect {
        Rect {
            x: width - self.x - self.w,
            ..*self
        }
    }
}

/// Measures the advance width of a text at a font size (CSS px).
pub trait TextMeasure {
    /// Width in CSS pixels of `text` at `font_px`.
    fn width(&self, text: &str, font_px: f64) -> f64;
}

/// A measure that estimates widths without a font: 0.56 em per character, a
/// full em for wide (CJK) characters. Used natively (SVG, tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct EstimatedText;

impl TextMeasure for EstimatedText {
    fn width(&self, text: &str, font_px: f64) -> f64 {
        text.chars()
            .map(|c| if is_wide(c) { 1.0 } else { 0.56 })
            .sum::<f64>()
            * font_px
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60)
}

/// What a segment of a bar stands for; the render layer picks colour and
/// pattern from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// Paragraphs with at least one activity.
    Covered,
    /// Paragraphs with none (the remainder track of a coverage bar).
    Uncovered,
    /// Activities of one status (index into `Status::ALL`).
    Status(usize),
}

/// One bar to lay out: a label and its segments' values.
#[derive(Debug, Clone, PartialEq)]
pub struct BarInput {
    /// Shown beside the bar.
    pub label: String,
    /// Segments in stacking order, with their values.
    pub segments: Vec<(SegmentKind, f64)>,
    /// Shown at the end of the bar ("10 of 10 · 100%").
    pub value_label: String,
}

/// A laid-out segment.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentBox {
    /// What it stands for.
    pub kind: SegmentKind,
    /// Its value.
    pub value: f64,
    /// Where it is drawn.
    pub rect: Rect,
}

/// A laid-out bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarBox {
    /// The row it occupies, label included: the hit area.
    pub row: Rect,
    /// The bar itself (union of its segments, or the empty track).
    pub bar: Rect,
    /// The label lines (wrapped), each with its baseline origin.
    pub label_lines: Vec<TextBox>,
    /// The value label and where it goes.
    pub value_label: TextBox,
    /// The segments.
    pub segments: Vec<SegmentBox>,
}

/// Horizontal text alignment relative to a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The text starts at the point (its left edge there).
    Left,
    /// The text is centred on the point.
    Center,
    /// The text ends at the point (its right edge there).
    Right,
}

/// A text with its anchor point (x, vertical middle) and alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// The text.
    pub text: String,
    /// Anchor x.
    pub x: f64,
    /// Vertical middle of the line.
    pub y: f64,
    /// Alignment in physical terms (already mirrored for right-to-left).
    pub align: Align,
    /// Font size, CSS px.
    pub font_px: f64,
}

/// What an exported chart (a PNG or SVG download) shows above its plot, so
/// that it reads on its own: its title, and the key to its segments'
/// colours and patterns, which the page shows beside the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyHeading {
    /// Height in whole CSS pixels; the plot is drawn below it.
    pub height: f64,
    /// The title's lines.
    pub title: Vec<TextBox>,
    /// Each key entry's swatch and the segment kind it shows.
    pub swatches: Vec<(Rect, SegmentKind)>,
    /// Each key entry's words.
    pub labels: Vec<TextBox>,
}

/// Lays out the heading of an exported chart `width` wide: `title`
/// (wrapped), then the key's entries, a swatch and its words each, one after
/// the other on as many lines as they take; mirrored when `rtl`.
pub fn layout_key_heading(
    width: f64,
    title: &str,
    key: &[(SegmentKind, String)],
    font_px: f64,
    rtl: bool,
    measure: &dyn TextMeasure,
) -> KeyHeading {
    let f = font_px.max(8.0);
    let pad = f;
    let title_px = f * 1.15;
    // Anchored at `x` from the reading side: the left, or the right in `rtl`.
    let place = |x: f64, w: f64| if rtl { width - x - w } else { x };
    let align = if rtl { Align::Right } else { Align::Left };
    let mut y = pad * 0.75;
    let mut lines = Vec::new();
    for text in wrap_text(title, width - 2.0 * pad, title_px, measure) {
        lines.push(TextBox {
            text,
            x: place(pad, 0.0),
            y: y + title_px * 0.65,
            align,
            font_px: title_px,
        });
        y += title_px * 1.3;
    }
    y += f * 0.4;
    let (swatch, line) = (f * 0.9, f * 1.5);
    let mut x = pad;
    let (mut swatches, mut labels) = (Vec::new(), Vec::new());
    for (kind, text) in key {
        let w = measure.width(text, f);
        let entry = swatch + f * 0.4 + w;
        if x > pad && x + entry > width - pad {
            x = pad;
            y += line;
        }
        let rect = Rect {
            x: place(x, swatch),
            y: y + (line - swatch) / 2.0,
            w: swatch,
            h: swatch,
        };
        swatches.push((rect, *kind));
        labels.push(TextBox {
            text: text.clone(),
            x: place(x + swatch + f * 0.4, 0.0),
            y: y + line / 2.0,
            align,
            font_px: f,
        });
        x += entry + f * 1.2;
    }
    if !key.is_empty() {
        y += line;
    }
    KeyHeading {
        // Whole pixels: the plot below starts on one.
        height: (y + pad * 0.5).round(),
        title: lines,
        swatches,
        labels,
    }
}

/// Options of the horizontal bar layout.
#[derive(Debug, Clone, PartialEq)]
pub struct BarLayoutOptions {
    /// Drawing width, CSS px.
    pub width: f64,
    /// Font size of labels, CSS px.
    pub font_px: f64,
    /// Right-to-left: labels on the right, bars grow leftwards.
    pub rtl: bool,
    /// The value the full bar length stands for (100 for percentages); when
    /// `None`, the largest bar total.
    pub max: Option<f64>,
    /// Axis tick labels are formatted by this suffix ("%" or "").
    pub tick_suffix: String,
}

impl Default for BarLayoutOptions {
    fn default() -> Self {
        BarLayoutOptions {
            width: 640.0,
            font_px: 14.0,
            rtl: false,
            max: None,
            tick_suffix: String::new(),
        }
    }
}

/// An axis tick: its x and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position of the grid line.
    pub x: f64,
    /// Its label, centred below the plot.
    pub label: TextBox,
}

/// The whole layout of a horizontal bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarLayout {
    /// Total width.
    pub width: f64,
    /// Total height (grows with the number of bars and label lines).
    pub height: f64,
    /// The plotting area (where bars grow).
    pub plot: Rect,
    /// The bars, in input order (also the keyboard focus order).
    pub bars: Vec<BarBox>,
    /// Grid lines and labels of the value axis.
    pub ticks: Vec<Tick>,
    /// Right-to-left layout.
    pub rtl: bool,
    /// Labels above their bars (a narrow column): grid lines are drawn
    /// behind the bars only, not through the labels.
    pub stacked: bool,
}

const PAD: f64 = 12.0;
const BAR_H: f64 = 28.0;
const ROW_GAP: f64 = 14.0;

/// Lays out horizontal bars: labels in a column on the reading side (wrapped to
/// at most a third of the width), bars growing from the same side, value labels
/// at the bar's end, and a value axis at the bottom.
pub fn layout_bars(
    bars: &[BarInput],
    opts: &BarLayoutOptions,
    measure: &dyn TextMeasure,
) -> BarLayout {
    let width = opts.width.max(200.0);
    let font = opts.font_px.max(8.0);
    let line_h = font * 1.3;
    let label_max = (width * 0.34).max(80.0);
    // Wrap every label, then take the label column as wide as the widest line.
    let wrapped: Vec<Vec<String>> = bars
        .iter()
        .map(|b| wrap_text(&b.label, label_max, font, measure))
        .collect();
    let label_w = wrapped
        .iter()
        .flatten()
        .map(|l| measure.width(l, font))
        .fold(0.0_f64, f64::max)
        .min(label_max);
    let value_w = bars
        .iter()
        .map(|b| measure.width(&b.value_label, font))
        .fold(0.0_f64, f64::max);
    let totals: Vec<f64> = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.1.max(0.0)).sum())
        .collect();
    let max = opts
        .max
        .unwrap_or_else(|| totals.iter().copied().fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let (max, step) = nice_axis(max, opts.max.is_some());

    // Physical layout computed left-to-right, mirrored at the end for RTL.
    // Where the label column and the values would leave the bars less than
    // two fifths of the width (a phone, a narrow column, long Russian
    // labels), each label goes above its bar, across the width, with the
    // value at its end, and the bar takes the whole width.
    let stacked = width - (PAD + label_w + PAD) - PAD - value_w - 8.0 < width * 0.4;
    let wrapped = if stacked {
        let max = (width - 2.0 * PAD - value_w - 8.0).max(80.0);
        bars.iter()
            .map(|b| wrap_text(&b.label, max, font, measure))
            .collect()
    } else {
        wrapped
    };
    let plot_x = if stacked { PAD } else { PAD + label_w + PAD };
    let plot_w = if stacked {
        (width - 2.0 * PAD).max(40.0)
    } else {
        (width - plot_x - PAD - value_w - 8.0).max(40.0)
    };
    let mut y = PAD;
    let mut out = Vec::with_capacity(bars.len());
    for ((input, lines), total) in bars.iter().zip(&wrapped).zip(&totals) {
        let text_h = lines.len() as f64 * line_h;
        let row_h = if stacked {
            text_h + 4.0 + BAR_H
        } else {
            BAR_H.max(text_h)
        };
        let row = Rect {
            x: 0.0,
            y,
            w: width,
            h: row_h,
        };
        let bar_y = if stacked {
            y + text_h + 4.0
        } else {
            y + (row_h - BAR_H) / 2.0
        };
        let mut x = plot_x;
        let mut segments = Vec::with_capacity(input.segments.len());
        for &(kind, value) in &input.segments {
            let w = plot_w * value.max(0.0) / max;
            segments.push(SegmentBox {
                kind,
                value,
                rect: Rect {
                    x,
                    y: bar_y,
                    w,
                    h: BAR_H,
                },
            });
            x += w;
        }
        let bar = Rect {
            x: plot_x,
            y: bar_y,
            w: plot_w * total / max,
            h: BAR_H,
        };
        let first_line_y = if stacked {
            y + line_h / 2.0
        } else {
            y + (row_h - text_h) / 2.0 + line_h / 2.0
        };
        let label_lines = lines
            .iter()
            .enumerate()
            .map(|(i, l)| TextBox {
                text: l.clone(),
                x: if stacked { PAD } else { plot_x - PAD },
                y: first_line_y + i as f64 * line_h,
                align: if stacked { Align::Left } else { Align::Right },
                font_px: font,
            })
            .collect();
        let value_label = if stacked {
            TextBox {
                text: input.value_label.clone(),
                x: width - PAD,
                y: first_line_y,
                align: Align::Right,
                font_px: font,
            }
        } else {
            TextBox {
                text: input.value_label.clone(),
                x: bar.right() + 8.0,
                y: bar_y + BAR_H / 2.0,
                align: Align::Left,
                font_px: font,
            }
        };
        out.push(BarBox {
            row,
            bar,
            label_lines,
            value_label,
            segments,
        });
        y += row_h + ROW_GAP;
    }
    let plot = Rect {
        x: plot_x,
        y: PAD,
        w: plot_w,
        h: (y - ROW_GAP - PAD).max(0.0),
    };
    let tick_font = (font * 0.86).max(8.0);
    let mut ticks = Vec::new();
    let mut v = 0.0;
    while v <= max + step * 1e-9 {
        let x = plot_x + plot_w * v / max;
        ticks.push(Tick {
            x,
            label: TextBox {
                text: format!("{}{}", format_tick(v), opts.tick_suffix),
                x,
                y: plot.bottom() + 6.0 + tick_font,
                align: Align::Center,
                font_px: tick_font,
            },
        });
        v += step;
    }
    // Without a value column beside the plot, the end labels would stick out
    // of it: the first starts at its line, the last ends at its line.
    if stacked {
        if let Some(t) = ticks.first_mut() {
            t.label.align = Align::Left;
        }
        if let Some(t) = ticks.last_mut().filter(|t| t.x > plot_x) {
            t.label.align = Align::Right;
        }
    }
    let height = plot.bottom() + 12.0 + tick_font * 2.0 + PAD / 2.0;
    let mut layout = BarLayout {
        width,
        height,
        plot,
        bars: out,
        ticks,
        rtl: false,
        stacked,
    };
    if opts.rtl {
        layout.mirror();
    }
    layout
}

impl BarLayout {
    fn mirror(&mut self) {
        let w = self.width;
        self.rtl = true;
        self.plot = self.plot.mirrored(w);
        for b in &mut self.bars {
            b.bar = b.bar.mirrored(w);
            for s in &mut b.segments {
                s.rect = s.rect.mirrored(w);
            }
            for t in b.label_lines.iter_mut().chain(Some(&mut b.value_label)) {
                mirror_text(t, w);
            }
        }
        for t in &mut self.ticks {
            t.x = w - t.x;
            mirror_text(&mut t.label, w);
        }
    }

    /// The bar whose row contains the point, if any.
    pub fn bar_at(&self, x: f64, y: f64) -> Option<usize> {
        self.bars.iter().position(|b| b.row.contains(x, y))
    }

    /// The bar keyboard focus moves to from `current` on a key.
    pub fn next_focus(&self, current: Option<usize>, key: FocusKey) -> Option<usize> {
        let n = self.bars.len();
        if n == 0 {
            return None;
        }
        let last = n - 1;
        Some(match (current, key) {
            (_, FocusKey::First) => 0,
            (_, FocusKey::Last) => last,
            (None, FocusKey::Next) => 0,
            (None, FocusKey::Previous) => last,
            (Some(i), FocusKey::Next) => (i + 1).min(last),
            (Some(i), FocusKey::Previous) => i.saturating_sub(1),
        })
    }
}

/// Where a tooltip goes, worked out without measuring the tooltip in the
/// page (reading its size would make the browser lay out the page in the
/// middle of a redraw). The horizontal end that depends on the tooltip's own
/// width is left to the page's CSS through [`TooltipShift`], where a
/// percentage is of the tooltip's own size; only the choice between below
/// and above uses an estimate of its height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TooltipPlace {
    /// The left edge, in CSS pixels from the chart's left, before the shift.
    pub left: f64,
    /// The top edge, or the bottom edge when `above`.
    pub top: f64,
    /// Whether the tooltip ends at `top` (it is above the point described).
    pub above: bool,
    /// How the tooltip moves left by its own width.
    pub shift: TooltipShift,
}

/// A horizontal shift of a tooltip by its own width `w` (unknown here).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TooltipShift {
    /// Starts at `left`, moved back by what would overflow `room` pixels to
    /// the right of `left`: by `min(0, room - w)`.
    Fit {
        /// The room to the right of `left`.
        room: f64,
    },
    /// Ends at `left`, but not past the chart's left edge: moved by
    /// `max(-w, -left)`.
    EndAt,
}

/// The gap between a tooltip and what it describes.
const TOOLTIP_GAP: f64 = 6.0;
/// The tooltip's padding, left and right together, then top and bottom
/// together (widget.css `.kw-tooltip`: `padding: 6px 10px`).
const TOOLTIP_PADDING: (f64, f64) = (20.0, 12.0);
/// A tooltip line's height in ems, a little more than the fonts' `normal`.
const TOOLTIP_LINE: f64 = 1.4;
/// How much wider than [`EstimatedText`] a tooltip's text may be (its label
/// is bold).
const TOOLTIP_WIDTH_MARGIN: f64 = 1.15;

/// The size a tooltip will take in the page, estimated without the page:
/// `texts` are its blocks (label, name, numbers), each wrapping within the
/// tooltip's widest (widget.css: `max-width: min(360px, 90%)` of a chart
/// `chart_width` wide), at the chart's `font_px` (the tooltip's
/// `font-size: 0.875em` is the size the chart draws in). Returns width and
/// height in CSS pixels.
///
/// ```
/// use kyoto_widgets::core::layout::tooltip_size;
/// let (w, h) = tooltip_size(&["Pillar II", "17 of 17 paragraphs"], 14.0, 600.0);
/// assert!(w > 100.0 && w <= 360.0);
/// assert!(h > 2.0 * 14.0);
/// ```
pub fn tooltip_size(texts: &[&str], font_px: f64, chart_width: f64) -> (f64, f64) {
    let (pad_x, pad_y) = TOOLTIP_PADDING;
    let widest = (chart_width * 0.9).min(360.0);
    let text_room = (widest - pad_x).max(1.0);
    let mut longest: f64 = 0.0;
    let mut lines = 0.0;
    for text in texts {
        let w = EstimatedText.width(text, font_px) * TOOLTIP_WIDTH_MARGIN;
        longest = longest.max(w);
        lines += (w / text_room).ceil().max(1.0);
    }
    (
        (longest + pad_x).min(widest),
        lines * TOOLTIP_LINE * font_px + pad_y,
    )
}

impl BarLayout {
    /// Where the tooltip of bar `i` goes: below the bar's row, or above it
    /// when it would reach more than 40 px below the chart and fits above
    /// (by `tip_height`, an estimate); never over the bar. It starts at the
    /// bar's start: its left end (right end in a right-to-left chart) stays
    /// inside the chart.
    pub fn tooltip_place(&self, i: usize, tip_height: f64) -> Option<TooltipPlace> {
        let bar = self.bars.get(i)?;
        let below = bar.row.bottom() + TOOLTIP_GAP;
        let above = bar.row.y - TOOLTIP_GAP;
        let go_above = below + tip_height > self.height + 40.0 && above >= tip_height;
        let (left, shift) = if self.rtl {
            (bar.bar.right(), TooltipShift::EndAt)
        } else {
            // Not `clamp`, which panics when the width is below 0 (and
            // keeps f64's Debug formatting in the wasm for its message).
            let left = bar.bar.x.max(0.0).min(self.width);
            (
                left,
                TooltipShift::Fit {
                    room: self.width - left,
                },
            )
        };
        Some(TooltipPlace {
            left,
            top: if go_above { above } else { below },
            above: go_above,
            shift,
        })
    }
}

impl LineLayout {
    /// Where the tooltip of slot `i` goes: at the top of the plot, beside the
    /// slot, after it (before it in a right-to-left page, when it fits
    /// there), or on the other side when there is no room (by `tip_width`,
    /// an estimate).
    pub fn tooltip_place(&self, i: usize, tip_width: f64, rtl: bool) -> Option<TooltipPlace> {
        let x = *self.slots.get(i)?;
        let after = x + 12.0;
        let before = x - 12.0;
        let fits_after = after + tip_width <= self.width;
        let fits_before = before - tip_width >= 0.0;
        let (left, shift) = if (rtl && fits_before) || !fits_after {
            (before.max(0.0), TooltipShift::EndAt)
        } else {
            (
                after,
                TooltipShift::Fit {
                    room: self.width - after,
                },
            )
        };
        Some(TooltipPlace {
            left,
            top: self.plot.y,
            above: false,
            shift,
        })
    }
}

/// Keys that move focus between bars (already translated from arrow keys,
/// Home and End by the web layer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusKey {
    /// Down arrow.
    Next,
    /// Up arrow.
    Previous,
    /// Home.
    First,
    /// End.
    Last,
}

fn mirror_text(t: &mut TextBox, width: f64) {
    t.x = width - t.x;
    t.align = match t.align {
        Align::Left => Align::Right,
        Align::Right => Align::Left,
        Align::Center => Align::Center,
    };
}

/// Splits `text` into lines no wider than `max` (breaking at spaces; a single
/// word longer than `max` is cut and ends with '…'). At most three lines; a
/// longer text ends its third line with '…'.
pub fn wrap_text(text: &str, max: f64, font_px: f64, measure: &dyn TextMeasure) -> Vec<String> {
    wrap_lines(text, max, font_px, measure, 3)
}

/// [`wrap_text`] with as many lines as `text` needs: for a text that must be
/// read whole (a pillar's heading as the Declaration gives it), never cut
/// short at a narrow width.
pub fn wrap_text_whole(
    text: &str,
    max: f64,
    font_px: f64,
    measure: &dyn TextMeasure,
) -> Vec<String> {
    wrap_lines(text, max, font_px, measure, usize::MAX)
}

fn wrap_lines(
    text: &str,
    max: f64,
    font_px: f64,
    measure: &dyn TextMeasure,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut truncated = false;
    for word in &words {
        let candidate = if current.is_empty() {
            (*word).to_string()
        } else {
            format!("{current} {word}")
        };
        if measure.width(&candidate, font_px) <= max || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = (*word).to_string();
        }
        if lines.len() == max_lines {
            truncated = true;
            break;
        }
    }
    if !truncated && !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        truncated = true;
    }
    for (i, line) in lines.iter_mut().enumerate() {
        let last = i + 1 == max_lines;
        if measure.width(line, font_px) > max || (truncated && last) {
            *line = ellipsize(line, max, font_px, measure);
        }
    }
    lines
}

fn ellipsize(text: &str, max: f64, font_px: f64, measure: &dyn TextMeasure) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    loop {
        let s: String = chars.iter().collect::<String>() + "…";
        if measure.width(&s, font_px) <= max || chars.is_empty() {
            return s;
        }
        chars.pop();
        while chars.last() == Some(&' ') {
            chars.pop();
        }
    }
}

/// A round axis maximum and step for `max` (kept as is when `fixed`); the
/// step is at least 1.
pub(crate) fn nice_axis(max: f64, fixed: bool) -> (f64, f64) {
    if fixed {
        let step = if max <= 10.0 { 2.0 } else { max / 4.0 };
        return (max, step);
    }
    let raw = max / 4.0;
    // `powi`, not `powf`: the exponent is whole, and a power of ten up to
    // 10^22 is exact either way; `powf` would bring libm's `pow` (2 KB).
    #[allow(clippy::cast_possible_truncation)]
    let mag = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
        .max(1.0);
    ((max / step).ceil().max(1.0) * step, step)
}

fn format_tick(v: f64) -> String {
    super::number::format(v, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(n: usize) -> Vec<BarInput> {
        (0..n)
            .map(|i| BarInput {
                label: format!("Pillar {i}"),
                segments: vec![
                    (SegmentKind::Covered, i as f64 * 10.0),
                    (SegmentKind::Uncovered, 100.0 - i as f64 * 10.0),
                ],
                value_label: format!("{}%", i * 10),
            })
            .collect()
    }

    fn chart_of(n: usize, rtl: bool) -> BarLayout {
        let opts = BarLayoutOptions {
            width: 600.0,
            rtl,
            ..BarLayoutOptions::default()
        };
        layout_bars(&bars(n), &opts, &EstimatedText)
    }

    /// Long labels and values in a narrow column (Russian on a phone): each
    /// label above its bar, the value at the end of its first line, the bar
    /// across the width; beside its bar where the bars keep two fifths of
    /// the width. Mirrored in right-to-left.
    #[test]
    fn in_a_narrow_column_labels_go_above_their_bars() {
        let long = |i: usize| BarInput {
            label: format!("Декларативная часть, раздел {i}"),
            segments: vec![(SegmentKind::Covered, 10.0), (SegmentKind::Uncovered, 90.0)],
            value_label: "1 из 20 · 5 %".to_string(),
        };
        let input: Vec<BarInput> = (0..3).map(long).collect();
        for rtl in [false, true] {
            let opts = BarLayoutOptions {
                width: 320.0,
                rtl,
                max: Some(100.0),
                ..BarLayoutOptions::default()
            };
            let l = layout_bars(&input, &opts, &EstimatedText);
            assert_eq!(l.plot.w, 320.0 - 2.0 * PAD, "the bars take the width");
            for (i, b) in l.bars.iter().enumerate() {
                let bar = &b.segments.iter().map(|s| s.rect).collect::<Vec<_>>();
                let last_line = b.label_lines.last().unwrap();
                assert!(
                    last_line.y + last_line.font_px * 0.65 <= bar[0].y,
                    "bar {i}: its label above it"
                );
                assert!(
                    b.row.contains(b.bar.x + 1.0, b.bar.y + 1.0)
                        && b.row.contains(last_line.x, b.label_lines[0].y)
                );
                assert_eq!(
                    b.value_label.y, b.label_lines[0].y,
                    "the value on the label's first line"
                );
                let (start, end) = if rtl {
                    (Align::Right, Align::Left)
                } else {
                    (Align::Left, Align::Right)
                };
                assert_eq!(b.label_lines[0].align, start);
                assert_eq!(b.value_label.align, end);
                let text_w = |t: &TextBox| EstimatedText.width(&t.text, t.font_px);
                let (lx, vx) = (b.label_lines[0].x, b.value_label.x);
                let gap = if rtl {
                    lx - text_w(&b.label_lines[0]) - vx - text_w(&b.value_label)
                } else {
                    vx - text_w(&b.value_label) - lx - text_w(&b.label_lines[0])
                };
                assert!(
                    gap >= 0.0,
                    "bar {i}: label and value do not overlap ({gap})"
                );
            }
            assert!(l.bars.windows(2).all(|w| w[0].row.bottom() <= w[1].row.y));
            assert!(l.stacked);
            // The axis's end labels stay inside the chart.
            for t in &l.ticks {
                let w = EstimatedText.width(&t.label.text, t.label.font_px);
                let (from, to) = match t.label.align {
                    Align::Left => (t.label.x, t.label.x + w),
                    Align::Right => (t.label.x - w, t.label.x),
                    Align::Center => (t.label.x - w / 2.0, t.label.x + w / 2.0),
                };
                assert!(
                    from >= 0.0 && to <= 320.0,
                    "{} at {from}–{to}",
                    t.label.text
                );
            }
        }
        let wide = layout_bars(
            &input,
            &BarLayoutOptions {
                width: 900.0,
                ..BarLayoutOptions::default()
            },
            &EstimatedText,
        );
        let b = &wide.bars[0];
        assert!(
            b.label_lines[0].x <= b.bar.x && b.label_lines[0].align == Align::Right,
            "beside the bar"
        );
        assert!(!wide.stacked);
    }

    #[test]
    fn a_bar_tooltip_goes_below_its_row_from_the_bar_start() {
        let l = chart_of(6, false);
        let bar = &l.bars[1];
        let p = l.tooltip_place(1, 80.0).unwrap();
        assert_eq!(p.top, bar.row.bottom() + 6.0);
        assert!(!p.above);
        assert_eq!(p.left, bar.bar.x);
        assert_eq!(
            p.shift,
            TooltipShift::Fit {
                room: 600.0 - bar.bar.x
            }
        );
        assert_eq!(l.tooltip_place(6, 80.0), None);
    }

    #[test]
    fn a_bar_tooltip_goes_above_the_last_rows_when_it_fits_there() {
        let l = chart_of(6, false);
        let last = l.bars.last().unwrap();
        let tall = 200.0;
        assert!(last.row.bottom() + 6.0 + tall > l.height + 40.0);
        let p = l.tooltip_place(5, tall).unwrap();
        assert!(p.above);
        assert_eq!(p.top, last.row.y - 6.0);
        // The first row has no room above: below, even when it does not fit
        // below either.
        let taller = 400.0;
        let first = &l.bars[0];
        assert!(first.row.bottom() + 6.0 + taller > l.height + 40.0);
        assert!(first.row.y - 6.0 < taller);
        let p = l.tooltip_place(0, taller).unwrap();
        assert!(!p.above);
        assert_eq!(p.top, first.row.bottom() + 6.0);
    }

    #[test]
    fn a_tooltip_is_as_wide_as_its_longest_text_and_wraps_at_its_widest() {
        let (w, h) = tooltip_size(&["Pillar II", "x"], 14.0, 600.0);
        let (_, one_line) = tooltip_size(&["Pillar II"], 14.0, 600.0);
        assert!(w < 360.0 && h > one_line);
        // A text longer than the widest tooltip: as wide as allowed, more lines.
        let long = "word ".repeat(80);
        let (w, h) = tooltip_size(&[long.as_str()], 14.0, 600.0);
        assert_eq!(w, 360.0);
        assert!(h > 3.0 * one_line);
        // In a narrow chart the widest is 90% of it.
        let (w, _) = tooltip_size(&[long.as_str()], 14.0, 300.0);
        assert_eq!(w, 270.0);
    }

    #[test]
    fn a_bar_tooltip_of_a_single_bar_stays_below_it() {
        let l = chart_of(1, false);
        let p = l.tooltip_place(0, 120.0).unwrap();
        assert!(!p.above);
        assert!(p.top >= l.bars[0].row.bottom());
    }

    #[test]
    fn a_bar_tooltip_in_a_right_to_left_chart_ends_at_the_bar_start() {
        let l = chart_of(6, true);
        let bar = &l.bars[2];
        let p = l.tooltip_place(2, 80.0).unwrap();
        assert_eq!(p.left, bar.bar.right());
        assert_eq!(p.shift, TooltipShift::EndAt);
    }

    #[test]
    fn a_slot_tooltip_goes_beside_the_slot_on_the_side_with_room() {
        let labels: Vec<String> = (0..8).map(|i| format!("Q{i}")).collect();
        let series = vec![SeriesInput {
            label: "I".into(),
            values: (0..8).map(f64::from).collect(),
        }];
        let l = layout_lines(&labels, &series, 600.0, 14.0, &EstimatedText);
        let first = l.slots[0];
        let p = l.tooltip_place(0, 150.0, false).unwrap();
        assert_eq!((p.left, p.top), (first + 12.0, l.plot.y));
        assert_eq!(
            p.shift,
            TooltipShift::Fit {
                room: 600.0 - first - 12.0
            }
        );
        // The last slot has no room after it: before it.
        let last = *l.slots.last().unwrap();
        let p = l.tooltip_place(7, 150.0, false).unwrap();
        assert_eq!((p.left, p.shift), (last - 12.0, TooltipShift::EndAt));
        // Right to left: before the slot when it fits, else after.
        let p = l.tooltip_place(7, 150.0, true).unwrap();
        assert_eq!(p.shift, TooltipShift::EndAt);
        let p = l.tooltip_place(0, 150.0, true).unwrap();
        assert_eq!(p.left, first + 12.0);
        assert_eq!(l.tooltip_place(8, 150.0, false), None);
    }

    #[test]
    fn bars_are_stacked_top_to_bottom_and_hit_tested() {
        let l = layout_bars(&bars(4), &BarLayoutOptions::default(), &EstimatedText);
        assert_eq!(l.bars.len(), 4);
        for w in l.bars.windows(2) {
            assert!(w[0].row.bottom() < w[1].row.y);
        }
        let b = &l.bars[2];
        let (cx, cy) = (b.bar.x + 1.0, b.bar.y + b.bar.h / 2.0);
        assert_eq!(l.bar_at(cx, cy), Some(2));
        assert_eq!(l.bar_at(cx, l.height + 5.0), None);
    }

    #[test]
    fn segments_fill_the_plot_at_the_maximum() {
        let opts = BarLayoutOptions {
            max: Some(100.0),
            ..Default::default()
        };
        let l = layout_bars(&bars(3), &opts, &EstimatedText);
        for b in &l.bars {
            let end = b.segments.last().unwrap().rect.right();
            assert!((end - l.plot.right()).abs() < 1e-6);
        }
    }

    #[test]
    fn right_to_left_mirrors_bars_and_labels() {
        let ltr = layout_bars(&bars(2), &BarLayoutOptions::default(), &EstimatedText);
        let rtl = layout_bars(
            &bars(2),
            &BarLayoutOptions {
                rtl: true,
                ..Default::default()
            },
            &EstimatedText,
        );
        let (a, b) = (&ltr.bars[1], &rtl.bars[1]);
        assert!((a.bar.x - (rtl.width - b.bar.right())).abs() < 1e-6);
        assert_eq!(a.label_lines[0].align, Align::Right);
        assert_eq!(b.label_lines[0].align, Align::Left);
        assert!(b.label_lines[0].x > b.bar.right());
        // The first segment starts at the right edge of the plot.
        assert!((b.segments[0].rect.right() - rtl.plot.right()).abs() < 1e-6);
    }

    #[test]
    fn focus_moves_and_stops_at_the_ends() {
        let l = layout_bars(&bars(3), &BarLayoutOptions::default(), &EstimatedText);
        assert_eq!(l.next_focus(None, FocusKey::Next), Some(0));
        assert_eq!(l.next_focus(Some(0), FocusKey::Previous), Some(0));
        assert_eq!(l.next_focus(Some(1), FocusKey::Next), Some(2));
        assert_eq!(l.next_focus(Some(2), FocusKey::Next), Some(2));
        assert_eq!(l.next_focus(Some(0), FocusKey::Last), Some(2));
    }

    #[test]
    fn long_labels_wrap_within_the_column() {
        let text = "Promoting international cooperation and technical assistance to prevent and address all forms of crime";
        let lines = wrap_text(text, 200.0, 14.0, &EstimatedText);
        assert!(lines.len() <= 3);
        for l in &lines {
            assert!(EstimatedText.width(l, 14.0) <= 200.0, "{l}");
        }
        assert!(lines.last().unwrap().ends_with('…'));
    }

    #[test]
    fn axis_is_rounded() {
        assert_eq!(nice_axis(37.0, false), (40.0, 10.0));
        assert_eq!(nice_axis(3.0, false), (3.0, 1.0));
        assert_eq!(nice_axis(100.0, true), (100.0, 25.0));
    }
}

/// One line of a line chart: a label and a y value per x slot.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesInput {
    /// Shown in the legend and tooltip.
    pub label: String,
    /// One value per x slot.
    pub values: Vec<f64>,
}

/// A laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesBox {
    /// Its label.
    pub label: String,
    /// Index of the series (picks colour and marker).
    pub index: usize,
    /// The points, one per x slot.
    pub points: Vec<(f64, f64)>,
    /// The label at the end of the line (direct labelling, no legend lookup).
    pub end_label: TextBox,
}

/// The layout of a line chart over ordered slots (quarters).
#[derive(Debug, Clone, PartialEq)]
pub struct LineLayout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The plotting area.
    pub plot: Rect,
    /// The lines.
    pub series: Vec<SeriesBox>,
    /// The x position of every slot.
    pub slots: Vec<f64>,
    /// Labels of the x axis (a subset of the slots when they would collide).
    pub x_labels: Vec<TextBox>,
    /// Horizontal grid lines with their labels.
    pub y_ticks: Vec<(f64, TextBox)>,
}

impl LineLayout {
    /// The slot nearest to x, when x is inside the plot's horizontal extent
    /// (with half a slot of margin).
    pub fn slot_at(&self, x: f64, y: f64) -> Option<usize> {
        if y < self.plot.y - 8.0 || y > self.plot.bottom() + 8.0 {
            return None;
        }
        let half = match self.slots.as_slice() {
            [a, b, ..] => (b - a).abs() / 2.0,
            _ => self.plot.w / 2.0,
        };
        self.slots
            .iter()
            .enumerate()
            .map(|(i, sx)| (i, (sx - x).abs()))
            .filter(|(_, d)| *d <= half.max(4.0))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

/// Lays out lines over `labels.len()` slots, left to right. Time runs left to
/// right in every language on purpose: it is the conventional direction of a
/// time axis, also in right-to-left pages.
pub fn layout_lines(
    labels: &[String],
    series: &[SeriesInput],
    width: f64,
    font_px: f64,
    measure: &dyn TextMeasure,
) -> LineLayout {
    let width = width.max(200.0);
    let font = font_px.max(8.0);
    let tick_font = (font * 0.86).max(8.0);
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let (max, step) = nice_axis(max, false);
    let y_label_w = measure.width(&format_tick(max), tick_font) + 8.0;
    let end_label_w = series
        .iter()
        .map(|s| measure.width(&s.label, font))
        .fold(0.0_f64, f64::max)
        + 12.0;
    let plot = Rect {
        x: PAD + y_label_w,
        y: PAD + font,
        w: (width - PAD * 2.0 - y_label_w - end_label_w).max(40.0),
        h: (width * 0.42).clamp(180.0, 360.0),
    };
    let n = labels.len();
    let slots: Vec<f64> = (0..n)
        .map(|i| {
            if n <= 1 {
                plot.x + plot.w / 2.0
            } else {
                plot.x + plot.w * i as f64 / (n - 1) as f64
            }
        })
        .collect();
    let y_of = |v: f64| plot.bottom() - plot.h * v.max(0.0) / max;
    let mut out_series: Vec<SeriesBox> = series
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let points: Vec<(f64, f64)> = slots
                .iter()
                .zip(s.values.iter().chain(std::iter::repeat(&0.0)))
                .map(|(x, v)| (*x, y_of(*v)))
                .collect();
            let (ex, ey) = points
                .last()
                .copied()
                .unwrap_or((plot.right(), plot.bottom()));
            SeriesBox {
                label: s.label.clone(),
                index,
                points,
                end_label: TextBox {
                    text: s.label.clone(),
                    x: ex + 8.0,
                    y: ey,
                    align: Align::Left,
                    font_px: font,
                },
            }
        })
        .collect();
    // End labels must not overlap: push them apart vertically, in order.
    let order = crate::core::order::order_by(out_series.len(), &mut |a, b| {
        let ya = out_series.get(a).map_or(0.0, |s| s.end_label.y);
        let yb = out_series.get(b).map_or(0.0, |s| s.end_label.y);
        ya.total_cmp(&yb)
    });
    let gap = font * 1.25;
    let mut last_y = f64::NEG_INFINITY;
    for i in order {
        if let Some(s) = out_series.get_mut(i) {
            s.end_label.y = s.end_label.y.max(last_y + gap);
            last_y = s.end_label.y;
        }
    }
    // X labels: as many as fit without colliding.
    let label_w = labels
        .iter()
        .map(|l| measure.width(l, tick_font))
        .fold(0.0_f64, f64::max)
        + 10.0;
    let every = if n <= 1 {
        1
    } else {
        let spacing = plot.w / (n - 1) as f64;
        ((label_w / spacing).ceil() as usize).max(1)
    };
    let x_labels = labels
        .iter()
        .zip(&slots)
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i + 1 == n)
        .map(|(_, (l, x))| TextBox {
            text: l.clone(),
            x: *x,
            y: plot.bottom() + 6.0 + tick_font,
            align: Align::Center,
            font_px: tick_font,
        })
        .collect::<Vec<_>>();
    // Drop a last label that would collide with the one before it.
    let x_labels = dedupe_close(x_labels, label_w);
    let mut y_ticks = Vec::new();
    let mut v = 0.0;
    while v <= max + step * 1e-9 {
        let y = y_of(v);
        y_ticks.push((
            y,
            TextBox {
                text: format_tick(v),
                x: plot.x - 6.0,
                y,
                align: Align::Right,
                font_px: tick_font,
            },
        ));
        v += step;
    }
    crate::core::order::sort_by_key(&mut out_series, |s| s.index);
    LineLayout {
        width,
        height: plot.bottom() + 12.0 + tick_font * 2.0 + PAD / 2.0,
        plot,
        series: out_series,
        slots,
        x_labels,
        y_ticks,
    }
}

fn dedupe_close(mut labels: Vec<TextBox>, min_gap: f64) -> Vec<TextBox> {
    if labels.len() >= 2 {
        let n = labels.len();
        let close = match (labels.get(n - 2), labels.get(n - 1)) {
            (Some(a), Some(b)) => (b.x - a.x) < min_gap,
            _ => false,
        };
        if close {
            labels.remove(n - 2);
        }
    }
    labels
}

#[cfg(test)]
mod line_tests {
    use super::*;

    fn quarters(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{} Q{}", 2021 + i / 4, i % 4 + 1))
            .collect()
    }

    #[test]
    fn lines_rise_with_their_values_and_slots_are_hit() {
        let series = vec![
            SeriesInput {
                label: "Pillar I".into(),
                values: vec![0.0, 2.0, 4.0],
            },
            SeriesInput {
                label: "Pillar II".into(),
                values: vec![1.0, 1.0, 1.0],
            },
        ];
        let l = layout_lines(&quarters(3), &series, 600.0, 14.0, &EstimatedText);
        let p = &l.series[0].points;
        assert!(
            p[2].1 < p[1].1 && p[1].1 < p[0].1,
            "higher value, higher on screen"
        );
        assert_eq!(l.slot_at(l.slots[1] + 3.0, l.plot.y + 10.0), Some(1));
        assert_eq!(l.slot_at(l.slots[1], l.plot.bottom() + 100.0), None);
        // End labels do not overlap.
        let (a, b) = (&l.series[0].end_label, &l.series[1].end_label);
        assert!((a.y - b.y).abs() >= 14.0);
    }

    #[test]
    fn many_quarters_thin_out_their_labels() {
        let l = layout_lines(&quarters(40), &[], 400.0, 14.0, &EstimatedText);
        assert!(l.x_labels.len() < 40);
        for w in l.x_labels.windows(2) {
            assert!(w[1].x - w[0].x >= EstimatedText.width("2021 Q1", 12.0));
        }
    }
}
