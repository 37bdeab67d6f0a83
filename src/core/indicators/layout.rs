//! Where the indicators widget draws what, in CSS pixels: the overview (per
//! pillar a heading, then one row per indicator with its title, figures, a
//! sparkline and a status badge) and the drill-down (a line chart of every
//! breakdown's series over time with the baseline and target marked, and
//! the notes under it).
//!
//! `render::indicators` draws exactly these boxes; the page hit-tests and
//! moves keyboard focus over the same rows ([`OverviewLayout::row_at`],
//! [`OverviewLayout::next_focus`]) and points ([`DetailLayout::point_at`]).
//! Every size is a multiple of the font size, so a layout made at twice the
//! width and font is the same picture at twice the scale (the PNG export).
//! Texts are written by a [`ChartLocale`] (catalogue keys `indicators.*`)
//! and measured by a [`TextMeasure`]; with `rtl` the columns are mirrored,
//! but time runs left to right in every language, as in the chart's
//! timeline.

use super::{IndicatorDetail, IndicatorRow, IndicatorsOverview};
use crate::core::chart::{pillar_key, ChartLocale};
use crate::core::i18n::{Arg, Lang};
use crate::core::layout::{
    nice_axis, wrap_text, wrap_text_whole, Align, FocusKey, Rect, TextBox, TextMeasure,
};
use crate::core::progress::status::{Assessment, Method, ProgressStatus};
use crate::core::progress::{Area, Breakdown, Direction, Period};

/// Options of both layouts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorsLayoutOptions {
    /// Drawing width, CSS px (at least 320 is used).
    pub width: f64,
    /// Font size of body text, CSS px.
    pub font_px: f64,
    /// Right-to-left: the columns mirrored.
    pub rtl: bool,
}

impl Default for IndicatorsLayoutOptions {
    fn default() -> Self {
        IndicatorsLayoutOptions {
            width: 800.0,
            font_px: 14.0,
            rtl: false,
        }
    }
}

/// What a badge or a line stands for; the render layer picks colour and
/// shape from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusKind {
    /// One of the three statuses.
    Status(ProgressStatus),
    /// No status (no data, or the rule could not apply).
    NotAssessed,
}

impl StatusKind {
    /// The kind of an assessment.
    pub fn of(a: &Assessment) -> StatusKind {
        match a.status {
            Ok(s) => StatusKind::Status(s),
            Err(_) => StatusKind::NotAssessed,
        }
    }

    /// The catalogue key of its words.
    pub fn key(self) -> &'static str {
        match self {
            StatusKind::Status(ProgressStatus::OnTrack) => "indicators.status.on-track",
            StatusKind::Status(ProgressStatus::Moderate) => "indicators.status.moderate",
            StatusKind::Status(ProgressStatus::StagnationOrRegression) => {
                "indicators.status.stagnation"
            }
            StatusKind::NotAssessed => "indicators.status.not-assessed",
        }
    }
}

/// One indicator's row in the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct RowBox {
    /// The indicator's id.
    pub id: String,
    /// The row: the hit area and the focus outline.
    pub rect: Rect,
    /// The title (with the unit), wrapped.
    pub title_lines: Vec<TextBox>,
    /// Latest value, baseline and target, one per line.
    pub figures: Vec<TextBox>,
    /// The sparkline's box.
    pub spark: Rect,
    /// The sparkline's points, by time (left to right in every language).
    pub spark_points: Vec<(f64, f64)>,
    /// The target's height in the sparkline, when the indicator has one.
    pub spark_target: Option<f64>,
    /// The status badge.
    pub badge: Rect,
    /// The badge's words, wrapped.
    pub badge_lines: Vec<TextBox>,
    /// The centre of the badge's shape (a circle, diamond, square or ring by
    /// status) and its radius.
    pub badge_mark: (f64, f64, f64),
    /// The status.
    pub status: StatusKind,
}

/// The overview's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewLayout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Right-to-left.
    pub rtl: bool,
    /// Above the rows: area and breakdown shown.
    pub caption: TextBox,
    /// The pillars' headings.
    pub headings: Vec<TextBox>,
    /// Under the heading of a pillar chosen that has no indicators: a line
    /// saying so.
    pub notes: Vec<TextBox>,
    /// The rows, pillar after pillar (the keyboard's order).
    pub rows: Vec<RowBox>,
}

impl OverviewLayout {
    /// The row under a point.
    pub fn row_at(&self, x: f64, y: f64) -> Option<usize> {
        self.rows.iter().position(|r| r.rect.contains(x, y))
    }

    /// The row keyboard focus moves to from `current` on a key.
    pub fn next_focus(&self, current: Option<usize>, key: FocusKey) -> Option<usize> {
        let last = self.rows.len().checked_sub(1)?;
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

/// A value as the locale writes it (up to the locale's decimals).
pub fn value_text(locale: ChartLocale<'_>, v: f64) -> String {
    locale.numbers.tick(v, false)
}

/// A period as the locale writes it: `2023`, `2022–2023`, `2023 Q4`.
pub fn period_text(locale: ChartLocale<'_>, p: Period) -> String {
    match p {
        Period::Year(y) => locale.numbers.year(y),
        Period::Years(a, b) => format!("{}–{}", locale.numbers.year(a), locale.numbers.year(b)),
        Period::Quarter(y, q) => locale.quarter_label(y, q),
    }
}

/// An area's name: a region's from the catalogue (`indicators.area.001`,
/// else its English name), a country's ISO code.
pub fn area_text(locale: ChartLocale<'_>, area: Area) -> String {
    match area {
        Area::Region(_) => {
            let key = format!("indicators.area.{area}");
            match locale.text.message(&key) {
                Some(m) => m.to_string(),
                None => area.region_name().map_or(area.to_string(), str::to_string),
            }
        }
        Area::Country(_) => area.to_string(),
    }
}

/// A breakdown in words: `Total`, `Female`, `Female, 60+`, `rural`.
pub fn breakdown_label(locale: ChartLocale<'_>, breakdown: &Breakdown) -> String {
    if breakdown.0.is_empty() {
        return locale.text.text("indicators.breakdown.total").to_string();
    }
    breakdown
        .0
        .iter()
        .map(|(d, v)| dimension_value_label(locale, d, v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One breakdown value in words: the sexes from the catalogue
/// (`indicators.sex.female`), an age as `Age 15-24`, others as written.
pub fn dimension_value_label(locale: ChartLocale<'_>, dimension: &str, value: &str) -> String {
    match dimension {
        "sex" => {
            let key = format!("indicators.sex.{value}");
            locale
                .text
                .message(&key)
                .map_or_else(|| locale.text.text(&key).to_string(), str::to_string)
        }
        "age" => locale
            .text
            .format("indicators.breakdown.age", &[("age", Arg::Str(value))]),
        _ => value.to_string(),
    }
}

/// A pillar's heading: `Pillar I · Advancing crime prevention`.
fn pillar_heading(
    locale: ChartLocale<'_>,
    pillar: crate::core::model::Pillar,
    fallback: &str,
) -> String {
    let (heading, _) = locale.heading(&pillar_key(pillar), fallback);
    format!("{} · {heading}", locale.pillar_label(pillar))
}

/// `Latest 5.6 (2023)`.
fn figure(locale: ChartLocale<'_>, key: &str, value: f64, period: &str) -> String {
    let v = value_text(locale, value);
    locale.text.format(
        key,
        &[("value", Arg::Str(&v)), ("period", Arg::Str(period))],
    )
}

/// The texts of a row's figures: latest, baseline, target.
pub fn row_figures(locale: ChartLocale<'_>, row: &IndicatorRow) -> [String; 3] {
    let latest = match row.latest() {
        Some((p, v)) => figure(locale, "indicators.latest", v, &period_text(locale, p)),
        None => locale.text.text("indicators.no-data").to_string(),
    };
    let baseline = match (row.assessment.baseline, row.baseline) {
        (Some(b), _) => figure(
            locale,
            "indicators.baseline",
            b.value,
            &period_text(locale, b.period),
        ),
        (None, Some(b)) => figure(
            locale,
            "indicators.baseline",
            b.value,
            &locale.numbers.year(b.year),
        ),
        (None, None) => locale.text.text("indicators.no-baseline").to_string(),
    };
    let target = match row.target {
        Some(t) => figure(
            locale,
            "indicators.target",
            t.value,
            &locale.numbers.year(t.year),
        ),
        None => locale.text.text("indicators.no-target").to_string(),
    };
    [latest, baseline, target]
}

/// The title with its unit: `Prison occupancy rate (% of official capacity)`.
pub fn title_with_unit(row_title: &str, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{row_title} ({u})"),
        None => row_title.to_string(),
    }
}

/// The narrowest drawing laid out, in CSS px: a 320 px phone's page leaves
/// the widget's plot about 260 (a floor above that drew past the widget's
/// edge). Narrower than 36 of its font sizes, a row is stacked.
const MIN_WIDTH: f64 = 240.0;

/// Lays the overview out.
pub fn layout_overview(
    overview: &IndicatorsOverview,
    options: &IndicatorsLayoutOptions,
    locale: ChartLocale<'_>,
    measure: &dyn TextMeasure,
) -> OverviewLayout {
    let width = options.width.max(MIN_WIDTH);
    let f = options.font_px.max(8.0);
    let small = f * 0.86;
    let pad = f;
    let gap = f;
    let inner = width - 2.0 * pad;
    // Columns: title, figures, sparkline, badge. Narrow (a phone), a row
    // is stacked instead: the title, the badge under it, then the figures
    // beside the sparkline, each as wide as it can be.
    let narrow = width < f * 36.0;
    let (title_w, figures_w, spark_w) = if narrow {
        (inner, inner * 0.6, (inner * 0.4 - gap).max(3.0 * f))
    } else {
        (inner * 0.34, inner * 0.22, (inner * 0.12).max(3.0 * f))
    };
    let title_x = pad;
    let figures_x = if narrow { pad } else { title_x + title_w + gap };
    let spark_x = figures_x + figures_w + gap;
    let badge_x = if narrow { pad } else { spark_x + spark_w + gap };
    let badge_room = if narrow {
        inner
    } else {
        (width - pad - badge_x).max(2.0 * f)
    };
    let line = f * 1.3;
    let small_line = small * 1.3;

    let caption_text = locale.text.format(
        "indicators.caption",
        &[
            ("area", Arg::Str(&area_text(locale, overview.area))),
            (
                "breakdown",
                Arg::Str(&breakdown_label(locale, &overview.breakdown)),
            ),
        ],
    );
    let caption = TextBox {
        text: caption_text,
        x: pad,
        y: pad + small / 2.0,
        align: Align::Left,
        font_px: small,
    };
    let mut y = pad + small * 1.6;
    let mut headings = Vec::new();
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    for section in &overview.pillars {
        y += f * 0.6;
        let heading_px = f * 1.15;
        let heading = pillar_heading(locale, section.pillar, &section.heading);
        // The heading whole, on as many lines as it takes: pillar IV's is
        // four lines at 360 px, where three would cut it.
        for text in wrap_text_whole(&heading, width - 2.0 * pad, heading_px, measure) {
            headings.push(TextBox {
                text,
                x: pad,
                y: y + heading_px / 2.0,
                align: Align::Left,
                font_px: heading_px,
            });
            y += heading_px * 1.3;
        }
        y += heading_px * 0.4;
        if section.rows.is_empty() {
            let empty = locale.text.text("indicators.pillar-empty");
            for text in wrap_text(empty, inner, f, measure) {
                notes.push(TextBox {
                    text,
                    x: pad,
                    y: y + line / 2.0,
                    align: Align::Left,
                    font_px: f,
                });
                y += line;
            }
        }
        for row in &section.rows {
            let title = format!(
                "{} · {}",
                row.id,
                title_with_unit(&row.title, row.unit.as_deref())
            );
            let lines = wrap_text(&title, title_w, f, measure);
            // Each figure on its own line, wrapped when the column is narrow
            // (an Arabic quarter, "الربع 2 من 2024", is long).
            let figure_lines: Vec<String> = row_figures(locale, row)
                .iter()
                .flat_map(|t| wrap_text(t, figures_w, small, measure))
                .collect();
            // The badge's words wrap when the column is narrow.
            let status = StatusKind::of(&row.assessment);
            let text_room = (badge_room - f * 2.2).max(f);
            let words = wrap_text(locale.text.text(status.key()), text_room, small, measure);
            let badge_h = (words.len() as f64 * small_line + f * 0.6).max(f * 1.8);
            let top = y + f * 0.4;
            let figures_h = figure_lines.len() as f64 * small_line;
            // Where the badge and the figures begin, and the row's height.
            let (badge_top, figures_top, spark_h, h) = if narrow {
                let badge_top = top + lines.len() as f64 * line + f * 0.3;
                let figures_top = badge_top + badge_h + f * 0.3;
                let spark_h = figures_h.max(f * 2.5);
                (
                    badge_top,
                    figures_top,
                    spark_h,
                    figures_top + spark_h + f * 0.4 - y,
                )
            } else {
                let content_h = (lines.len() as f64 * line).max(figures_h).max(badge_h);
                let h = content_h + f * 0.8;
                (y + (h - badge_h) / 2.0, top, content_h, h)
            };
            let rect = Rect {
                x: pad * 0.5,
                y,
                w: width - pad,
                h,
            };
            let title_lines = lines
                .into_iter()
                .enumerate()
                .map(|(i, text)| TextBox {
                    text,
                    x: title_x,
                    y: top + line * (i as f64 + 0.5),
                    align: Align::Left,
                    font_px: f,
                })
                .collect();
            let figures = figure_lines
                .into_iter()
                .enumerate()
                .map(|(i, text)| TextBox {
                    text,
                    x: figures_x,
                    y: figures_top + small_line * (i as f64 + 0.5),
                    align: Align::Left,
                    font_px: small,
                })
                .collect();
            let spark = Rect {
                x: spark_x,
                y: figures_top,
                w: spark_w,
                h: spark_h,
            };
            let widest = words
                .iter()
                .map(|w| measure.width(w, small))
                .fold(0.0_f64, f64::max);
            let badge = Rect {
                x: badge_x,
                y: badge_top,
                w: (widest + f * 2.2).min(badge_room),
                h: badge_h,
            };
            let words_top = badge.y + (badge_h - words.len() as f64 * small_line) / 2.0;
            let badge_lines = words
                .into_iter()
                .enumerate()
                .map(|(i, text)| TextBox {
                    text,
                    x: badge_x + f * 1.6,
                    y: words_top + small_line * (i as f64 + 0.5),
                    align: Align::Left,
                    font_px: small,
                })
                .collect();
            rows.push(RowBox {
                id: row.id.clone(),
                rect,
                title_lines,
                figures,
                spark,
                spark_points: Vec::new(),
                spark_target: None,
                badge,
                badge_mark: (badge_x + f * 0.8, badge.y + badge_h / 2.0, f * 0.36),
                badge_lines,
                status,
            });
            y += h;
        }
    }
    let height = y + pad;
    let mut layout = OverviewLayout {
        width,
        height,
        rtl: options.rtl,
        caption,
        headings,
        notes,
        rows,
    };
    if options.rtl {
        mirror_overview(&mut layout);
    }
    // The sparklines are placed after mirroring: time runs left to right.
    for (row_box, row) in layout.rows.iter_mut().zip(overview.rows()) {
        let (points, target) = sparkline(row, row_box.spark);
        row_box.spark_points = points;
        row_box.spark_target = target;
    }
    layout
}

/// The sparkline of a row inside `r`: the series scaled between its lowest
/// and highest value (and the target's, when it has one), by time.
fn sparkline(row: &IndicatorRow, r: Rect) -> (Vec<(f64, f64)>, Option<f64>) {
    let target = row.target.map(|t| t.value);
    let values = row.series.iter().map(|(_, v)| *v).chain(target);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() || row.series.is_empty() {
        return (Vec::new(), None);
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    let y_of = |v: f64| r.bottom() - 2.0 - (r.h - 4.0) * (v - lo) / span;
    let (t0, t1) = match (row.series.first(), row.series.last()) {
        (Some(a), Some(b)) => (a.0.time(), b.0.time()),
        _ => (0.0, 0.0),
    };
    let x_of = |t: f64| {
        if t1 > t0 {
            r.x + 3.0 + (r.w - 6.0) * (t - t0) / (t1 - t0)
        } else {
            r.x + r.w / 2.0
        }
    };
    let points = row
        .series
        .iter()
        .map(|(p, v)| (x_of(p.time()), y_of(*v)))
        .collect();
    (points, target.map(y_of))
}

fn mirror_text(t: &mut TextBox, width: f64) {
    t.x = width - t.x;
    t.align = match t.align {
        Align::Left => Align::Right,
        Align::Right => Align::Left,
        Align::Center => Align::Center,
    };
}

fn mirror_overview(l: &mut OverviewLayout) {
    let w = l.width;
    mirror_text(&mut l.caption, w);
    for h in l.headings.iter_mut().chain(l.notes.iter_mut()) {
        mirror_text(h, w);
    }
    for r in &mut l.rows {
        r.rect = r.rect.mirrored(w);
        r.spark = r.spark.mirrored(w);
        // The badge keeps its shape at its start: on the right in a
        // right-to-left page, the words to its left.
        let old_x = r.badge.x;
        r.badge = r.badge.mirrored(w);
        r.badge_mark.0 = w - r.badge_mark.0;
        for t in &mut r.badge_lines {
            t.x = r.badge.right() - (t.x - old_x);
            t.align = Align::Right;
        }
        for t in r.title_lines.iter_mut().chain(r.figures.iter_mut()) {
            mirror_text(t, w);
        }
    }
}

/// One breakdown's line in the drill-down chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailLine {
    /// Its position among the series (picks colour and marker).
    pub index: usize,
    /// Its points, by time.
    pub points: Vec<(f64, f64)>,
    /// Its label after the line's end: the breakdown and its status (the
    /// render layer draws the line's marker before it, as a key, since
    /// labels are moved apart and may stand beside another line's end).
    pub label: TextBox,
    /// Its status.
    pub status: StatusKind,
}

/// A marked point (the baseline, the target) with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkBox {
    /// Where the mark is.
    pub x: f64,
    /// Where the mark is.
    pub y: f64,
    /// Its label.
    pub label: TextBox,
}

/// The drill-down's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailLayout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The title, wrapped.
    pub title_lines: Vec<TextBox>,
    /// Area, unit and direction.
    pub subtitle: TextBox,
    /// The plotting area.
    pub plot: Rect,
    /// Horizontal grid lines with their labels (values).
    pub y_ticks: Vec<(f64, TextBox)>,
    /// Vertical grid lines with their labels (years).
    pub x_ticks: Vec<(f64, TextBox)>,
    /// The lines, the total's first.
    pub lines: Vec<DetailLine>,
    /// The baseline's mark.
    pub baseline: Option<MarkBox>,
    /// The target's mark.
    pub target: Option<MarkBox>,
    /// Source, SDG indicator, footnote and the method, wrapped.
    pub notes: Vec<TextBox>,
}

impl DetailLayout {
    /// The point nearest to `(x, y)` within 12 px: (line, point).
    pub fn point_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let mut best: Option<((usize, usize), f64)> = None;
        for (li, line) in self.lines.iter().enumerate() {
            for (pi, &(px, py)) in line.points.iter().enumerate() {
                let d = (px - x).hypot(py - y);
                if d <= 12.0 && best.is_none_or(|(_, bd)| d < bd) {
                    best = Some(((li, pi), d));
                }
            }
        }
        best.map(|(at, _)| at)
    }
}

/// How a status was found, in a line: in English the rule with every input
/// ([`Assessment::explain`]); in another language the status, the method
/// and its deciding figure in the catalogue's words (the page shows every
/// input, and the explanation, on request).
pub fn method_words(locale: ChartLocale<'_>, a: &Assessment) -> String {
    if locale.text.lang() == Lang::En {
        return a.explain(locale);
    }
    let status = locale.text.text(StatusKind::of(a).key());
    let figure = match (a.method, a.ratio, a.growth_rate) {
        // Two decimals, written here: the locale's formats round to one,
        // which would hide what decided the status (1.97% shown as 2%).
        (Some(Method::TargetRatio), Some(r), _) => {
            Some(("indicators.method.ratio", crate::core::number::format(r, 2)))
        }
        (Some(Method::GrowthRate), _, Some(g)) => Some((
            "indicators.method.growth",
            format!("{}%", crate::core::number::format(g * 100.0, 2)),
        )),
        _ => None,
    };
    match figure {
        Some((key, value)) => format!("{status} — {}: {value}", locale.text.text(key)),
        None => status.to_string(),
    }
}

/// Up to this many breakdowns are drawn as lines (the table has them all).
pub const MAX_LINES: usize = 8;

/// Lays the drill-down out: the chart of the series (the first
/// [`MAX_LINES`]), the baseline and target marked, and the notes.
pub fn layout_detail(
    detail: &IndicatorDetail,
    options: &IndicatorsLayoutOptions,
    locale: ChartLocale<'_>,
    measure: &dyn TextMeasure,
) -> DetailLayout {
    let width = options.width.max(MIN_WIDTH);
    let f = options.font_px.max(8.0);
    let small = f * 0.86;
    let pad = f;
    let ind = &detail.indicator;
    let title_px = f * 1.2;
    let title = format!("{} · {}", ind.id, ind.title);
    let mut y = pad;
    let title_lines: Vec<TextBox> = wrap_text(&title, width - 2.0 * pad, title_px, measure)
        .into_iter()
        .map(|text| {
            let t = TextBox {
                text,
                x: pad,
                y: y + title_px / 2.0,
                align: Align::Left,
                font_px: title_px,
            };
            y += title_px * 1.3;
            t
        })
        .collect();
    let direction_key = match ind.direction {
        Direction::Up => "indicators.direction.up",
        Direction::Down => "indicators.direction.down",
    };
    let mut sub = vec![area_text(locale, detail.area)];
    if let Some(u) = &ind.unit {
        sub.push(u.clone());
    }
    sub.push(locale.text.text(direction_key).to_string());
    let subtitle = TextBox {
        text: sub.join(" · "),
        x: pad,
        y: y + small * 0.6,
        align: Align::Left,
        font_px: small,
    };
    y += small * 2.2;

    let drawn: Vec<_> = detail.series.iter().take(MAX_LINES).collect();
    let labels: Vec<String> = drawn
        .iter()
        .map(|s| {
            let status = StatusKind::of(&s.assessment);
            format!(
                "{}: {}",
                breakdown_label(locale, &s.breakdown),
                locale.text.text(status.key())
            )
        })
        .collect();
    let label_w = labels
        .iter()
        .map(|l| measure.width(l, small))
        .fold(0.0_f64, f64::max)
        .min(width * 0.34)
        + f * 2.2;
    // The scales: time from the earliest of values and baseline to the
    // latest of values and target; values over a round range holding every
    // value, baseline and target (`value_axis`).
    let baseline = detail.baseline();
    let target = ind.target;
    let times = drawn
        .iter()
        .flat_map(|s| s.values.iter().map(|(p, _)| p.time()))
        .chain(baseline.map(|b| b.time))
        .chain(target.map(|t| f64::from(t.year)));
    let (t_lo, t_hi) = times.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| {
        (a.min(t), b.max(t))
    });
    let (t_lo, t_hi) = if t_lo.is_finite() {
        (t_lo.floor(), t_hi.ceil().max(t_lo.floor() + 1.0))
    } else {
        (2015.0, 2030.0)
    };
    let values = drawn
        .iter()
        .flat_map(|s| s.values.iter().map(|(_, v)| *v))
        .chain(baseline.map(|b| b.value))
        .chain(target.map(|t| t.value));
    let (v_lo, v_hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (axis_lo, axis_hi, step) = value_axis(v_lo, v_hi);
    let tick_px = small;
    let y_label_w = [axis_lo, axis_hi]
        .iter()
        .map(|v| measure.width(&value_text(locale, *v), tick_px))
        .fold(0.0_f64, f64::max)
        + f * 0.6;
    let plot = Rect {
        x: pad + y_label_w,
        y: y + f,
        w: (width - 2.0 * pad - y_label_w - label_w).max(4.0 * f),
        // Not `f64::clamp`: its panic message (bounds not known to be in
        // order) would bring float printing into the module.
        h: (width * 0.42).max(12.0 * f).min(26.0 * f),
    };
    let x_of = |t: f64| plot.x + plot.w * (t - t_lo) / (t_hi - t_lo);
    let y_of = |v: f64| plot.bottom() - plot.h * (v - axis_lo) / (axis_hi - axis_lo);

    let mut y_ticks = Vec::new();
    let mut v = axis_lo;
    while v <= axis_hi + step * 1e-9 {
        y_ticks.push((
            y_of(v),
            TextBox {
                text: value_text(locale, v),
                x: plot.x - f * 0.4,
                y: y_of(v),
                align: Align::Right,
                font_px: tick_px,
            },
        ));
        v += step;
    }
    // Years: every k-th so that labels do not touch.
    let year_w = measure.width(&locale.numbers.year(2030), tick_px) + f;
    let years = (t_hi - t_lo) as usize;
    let per_year = plot.w / (t_hi - t_lo);
    let every = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|k| per_year * f64::from(*k) >= year_w)
        .unwrap_or(100);
    let first_year = t_lo as u16;
    let x_ticks = (0..=years)
        .filter_map(|i| {
            let year = first_year.checked_add(u16::try_from(i).ok()?)?;
            (year % every == 0 || every == 1).then(|| {
                let x = x_of(f64::from(year));
                (
                    x,
                    TextBox {
                        text: locale.numbers.year(year),
                        x,
                        y: plot.bottom() + f * 0.4 + tick_px / 2.0,
                        align: Align::Center,
                        font_px: tick_px,
                    },
                )
            })
        })
        .collect();

    let mut lines: Vec<DetailLine> = drawn
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(index, (s, text))| {
            let points: Vec<(f64, f64)> = s
                .values
                .iter()
                .map(|(p, v)| (x_of(p.time()), y_of(*v)))
                .collect();
            let (ex, ey) = points
                .last()
                .copied()
                .unwrap_or((plot.right(), plot.bottom()));
            let text = wrap_text(&text, label_w - f * 2.0, small, measure)
                .into_iter()
                .next()
                .unwrap_or_default();
            DetailLine {
                index,
                label: TextBox {
                    text,
                    // After the line's end, with room for its marker as a key.
                    x: ex + f * 1.6,
                    y: ey,
                    align: Align::Left,
                    font_px: small,
                },
                points,
                status: StatusKind::of(&s.assessment),
            }
        })
        .collect();
    // End labels apart: in order of height, each at least a line below the
    // one above it.
    let order = crate::core::order::order_by(lines.len(), &mut |a, b| {
        let ya = lines.get(a).map_or(0.0, |l| l.label.y);
        let yb = lines.get(b).map_or(0.0, |l| l.label.y);
        ya.total_cmp(&yb)
    });
    let mut last_y = f64::NEG_INFINITY;
    for i in order {
        if let Some(l) = lines.get_mut(i) {
            l.label.y = l.label.y.max(last_y + small * 1.3);
            last_y = l.label.y;
        }
    }
    let mark = |key: &str, t: f64, v: f64, period: String, above: bool| {
        let (x, y) = (x_of(t), y_of(v));
        MarkBox {
            x,
            y,
            label: TextBox {
                text: figure(locale, key, v, &period),
                x,
                y: if above { y - f * 1.1 } else { y + f * 1.1 },
                align: if x > plot.x + plot.w * 0.75 {
                    Align::Right
                } else {
                    Align::Left
                },
                font_px: small,
            },
        }
    };
    // The labels go on the side away from the line between the two marks.
    let rising = match (baseline, target) {
        (Some(b), Some(t)) => t.value >= b.value,
        _ => true,
    };
    let baseline_mark = baseline.map(|b| {
        mark(
            "indicators.baseline",
            b.time,
            b.value,
            period_text(locale, b.period),
            !rising,
        )
    });
    let target_mark = target.map(|t| {
        mark(
            "indicators.target",
            f64::from(t.year),
            t.value,
            locale.numbers.year(t.year),
            rising,
        )
    });

    let mut y = plot.bottom() + f * 2.4;
    let mut note_texts: Vec<String> = Vec::new();
    if let Some(headline) = detail.series.first() {
        note_texts.push(locale.text.format(
            "indicators.method-line",
            &[(
                "explanation",
                Arg::Str(&method_words(locale, &headline.assessment)),
            )],
        ));
    }
    if let Some(sdg) = detail.sdg_indicator() {
        note_texts.push(
            locale
                .text
                .format("indicators.sdg", &[("indicator", Arg::Str(&sdg))]),
        );
    }
    if let Some(source) = &ind.source {
        note_texts.push(
            locale
                .text
                .format("indicators.source", &[("source", Arg::Str(source))]),
        );
    }
    if let Some(note) = &ind.footnote {
        note_texts.push(note.clone());
    }
    let mut notes = Vec::new();
    for text in note_texts {
        for l in wrap_text(&text, width - 2.0 * pad, small, measure) {
            notes.push(TextBox {
                text: l,
                x: pad,
                y: y + small / 2.0,
                align: Align::Left,
                font_px: small,
            });
            y += small * 1.35;
        }
        y += small * 0.3;
    }
    let mut layout = DetailLayout {
        width,
        height: y + pad,
        title_lines,
        subtitle,
        plot,
        y_ticks,
        x_ticks,
        lines,
        baseline: baseline_mark,
        target: target_mark,
        notes,
    };
    if options.rtl {
        // The page's text columns are mirrored; the chart keeps time left to
        // right, its value labels move to the right of the plot.
        for t in layout
            .title_lines
            .iter_mut()
            .chain(std::iter::once(&mut layout.subtitle))
            .chain(layout.notes.iter_mut())
        {
            mirror_text(t, width);
        }
    }
    layout
}

/// A round value axis `(low, high, step)` for values from `lo` to `hi`:
/// from zero when the values are no further from zero than they spread
/// (shares, rates: the bars' honest baseline), else from a round value
/// below the lowest, so that a series of 1,600 to 1,750 is not a flat line
/// at the top of the plot.
fn value_axis(lo: f64, hi: f64) -> (f64, f64, f64) {
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0, 1.0);
    }
    let spread = hi - lo;
    if lo >= 0.0 && lo <= spread.max(hi * 0.25) {
        let (top, step) = nice_axis(hi.max(1.0), false);
        return (0.0, top, step);
    }
    let (_, step) = nice_axis(spread.max(1.0), false);
    let low = (lo / step).floor() * step;
    let high = ((hi / step).ceil() * step).max(low + step);
    (low, high, step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_is_round_and_covers_the_values() {
        assert_eq!(nice_axis(6.2, false), (8.0, 2.0));
        assert_eq!(nice_axis(80.0, false), (80.0, 20.0));
        assert_eq!(nice_axis(1750.0, false), (2000.0, 500.0));
        // From zero when the values sit near it; else from below the lowest.
        assert_eq!(value_axis(2.1, 10.1), (0.0, 15.0, 5.0));
        assert_eq!(value_axis(66.0, 80.0), (65.0, 80.0, 5.0));
        assert_eq!(value_axis(1600.0, 1750.0), (1600.0, 1750.0, 50.0));
        assert_eq!(
            value_axis(f64::INFINITY, f64::NEG_INFINITY),
            (0.0, 1.0, 1.0)
        );
    }
}
