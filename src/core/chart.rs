//! The pillar progress chart's model: which level is shown (overview, a
//! pillar's themes, a theme's paragraphs), which measure (coverage or
//! activities by status), which statuses the legend shows, which bar has focus
//! — and how input events change all that.
//!
//! The web layer translates DOM events into [`ChartInput`] and acts on the
//! returned [`ChartEffect`]s; the numbers come from [`crate::core::aggregate`].

use crate::core::aggregate::{GroupProgress, Summary};
use crate::core::declaration::Declaration;
use crate::core::layout::{
    layout_bars, BarInput, BarLayout, BarLayoutOptions, FocusKey, LineLayout, SegmentKind,
    SeriesInput, TextMeasure,
};
use crate::core::model::{Part, Pillar, Status};

/// What the bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// Paragraphs with at least one activity, as a share of the group's paragraphs.
    #[default]
    Coverage,
    /// Activities stacked by status.
    Status,
    /// Cumulative activities started over time, one line per pillar.
    Timeline,
}

impl Measure {
    /// The attribute spelling ("coverage", "status").
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Coverage => "coverage",
            Measure::Status => "status",
            Measure::Timeline => "timeline",
        }
    }

    /// Reads the `view` attribute ("coverage", "status", "timeline").
    pub fn parse(v: &str) -> Measure {
        match v.trim().to_ascii_lowercase().as_str() {
            "status" => Measure::Status,
            "timeline" => Measure::Timeline,
            _ => Measure::Coverage,
        }
    }
}

/// The drill-down level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// One bar per pillar (and per part when the data cites it).
    #[default]
    Overview,
    /// The themes of a pillar.
    Pillar(Pillar),
    /// The paragraphs of a theme (pillar, index of the theme in the pillar).
    Theme(Pillar, usize),
}

/// What a bar stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarKey {
    /// A part outside the pillars (declaratory or follow-up).
    Part(Part),
    /// A pillar.
    Pillar(Pillar),
    /// A theme of a pillar.
    Theme(Pillar, usize),
    /// A paragraph.
    Paragraph(u8),
}

/// One bar: what it stands for, its label and its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    /// What it stands for.
    pub key: BarKey,
    /// Short label ("Pillar I").
    pub label: String,
    /// Long name ("Advancing crime prevention").
    pub name: String,
    /// The numbers.
    pub numbers: GroupProgress,
}

/// An input event, already translated from the DOM.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChartInput {
    /// Pointer moved to a point (CSS px, relative to the canvas).
    PointerMove(f64, f64),
    /// Pointer left the canvas.
    PointerLeave,
    /// Click or tap at a point.
    Click(f64, f64),
    /// Focus moves between bars.
    Focus(FocusKey),
    /// Enter or Space on the focused bar.
    Activate,
    /// Escape.
    Escape,
    /// The chart lost keyboard focus.
    Blur,
}

/// What the web layer must do after an input.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartEffect {
    /// Redraw the canvas (and the tooltip).
    Redraw,
    /// The level changed: rebuild bars, breadcrumb and table.
    LevelChanged,
    /// A bar was chosen: emit `kyoto:select`.
    Select(BarKey),
}

/// The chart's interaction state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartState {
    /// Drill-down level.
    pub level: Level,
    /// Coverage or statuses.
    pub measure: Measure,
    /// Which statuses are shown (legend toggles), in `Status::ALL` order.
    pub hidden: [bool; 3],
    /// Keyboard focus.
    pub focus: Option<usize>,
    /// Bar under the pointer.
    pub hover: Option<usize>,
    /// Tooltip shown (hover or focus), until Escape.
    pub tooltip: Option<usize>,
}

impl ChartState {
    /// The bars of the current level.
    pub fn bars(&self, summary: &Summary, decl: &Declaration) -> Vec<ChartBar> {
        bars_for(self.level, summary, decl)
    }

    /// Handles an input against the current layout and bars.
    pub fn handle(
        &mut self,
        input: ChartInput,
        layout: &BarLayout,
        bars: &[ChartBar],
    ) -> Vec<ChartEffect> {
        let mut fx = Vec::new();
        match input {
            ChartInput::PointerMove(x, y) => {
                let hit = layout.bar_at(x, y);
                if hit != self.hover {
                    self.hover = hit;
                    self.tooltip = hit.or(self.focus);
                    fx.push(ChartEffect::Redraw);
                }
            }
            ChartInput::PointerLeave => {
                if self.hover.take().is_some() {
                    self.tooltip = self.focus;
                    fx.push(ChartEffect::Redraw);
                }
            }
            ChartInput::Click(x, y) => {
                if let Some(i) = layout.bar_at(x, y) {
                    self.focus = Some(i);
                    fx.extend(self.activate(i, bars));
                }
            }
            ChartInput::Focus(key) => {
                let next = layout.next_focus(self.focus, key);
                if next != self.focus || self.tooltip != next {
                    self.focus = next;
                    self.tooltip = next;
                    fx.push(ChartEffect::Redraw);
                }
            }
            ChartInput::Activate => {
                if let Some(i) = self.focus {
                    fx.extend(self.activate(i, bars));
                }
            }
            ChartInput::Escape => {
                if self.tooltip.is_some() {
                    self.tooltip = None;
                    fx.push(ChartEffect::Redraw);
                } else if self.up() {
                    fx.push(ChartEffect::LevelChanged);
                }
            }
            ChartInput::Blur => {
                if self.tooltip.is_some() && self.hover.is_none() {
                    self.tooltip = None;
                    fx.push(ChartEffect::Redraw);
                }
            }
        }
        fx
    }

    fn activate(&mut self, i: usize, bars: &[ChartBar]) -> Vec<ChartEffect> {
        let Some(bar) = bars.get(i) else {
            return Vec::new();
        };
        let mut fx = vec![ChartEffect::Select(bar.key)];
        let next = match bar.key {
            BarKey::Pillar(p) => Some(Level::Pillar(p)),
            BarKey::Theme(p, t) => Some(Level::Theme(p, t)),
            BarKey::Part(_) | BarKey::Paragraph(_) => None,
        };
        if let Some(level) = next {
            self.go(level);
            // Keep keyboard users on a bar of the new level, with its tooltip.
            self.focus = Some(0);
            self.tooltip = Some(0);
            fx.push(ChartEffect::LevelChanged);
        }
        fx
    }

    /// Goes to a level, resetting focus and hover.
    pub fn go(&mut self, level: Level) {
        self.level = level;
        self.focus = None;
        self.hover = None;
        self.tooltip = None;
    }

    /// Goes one level up; false at the overview.
    pub fn up(&mut self) -> bool {
        let parent = match self.level {
            Level::Overview => return false,
            Level::Pillar(_) => Level::Overview,
            Level::Theme(p, _) => Level::Pillar(p),
        };
        let from = self.level;
        self.go(parent);
        // Keep the bar we came from focused, so keyboard users stay in place.
        self.focus = match (parent, from) {
            (Level::Overview, Level::Pillar(p)) => Some(p.index()),
            (Level::Pillar(_), Level::Theme(_, t)) => Some(t),
            _ => None,
        };
        self.tooltip = self.focus;
        true
    }

    /// The breadcrumb trail from the overview to the current level.
    pub fn trail(&self) -> Vec<Level> {
        match self.level {
            Level::Overview => vec![Level::Overview],
            Level::Pillar(p) => vec![Level::Overview, Level::Pillar(p)],
            Level::Theme(p, t) => vec![Level::Overview, Level::Pillar(p), Level::Theme(p, t)],
        }
    }

    /// The bar inputs for the layout, honouring the measure and the legend.
    pub fn bar_inputs(&self, bars: &[ChartBar], fmt: &dyn NumberFormat) -> Vec<BarInput> {
        bars.iter()
            .map(|b| {
                let n = &b.numbers;
                match self.measure {
                    Measure::Coverage => {
                        let pct = percent(n.covered, n.paragraphs);
                        BarInput {
                            label: b.label.clone(),
                            segments: vec![
                                (SegmentKind::Covered, pct),
                                (SegmentKind::Uncovered, 100.0 - pct),
                            ],
                            value_label: fmt.coverage(n.covered, n.paragraphs),
                        }
                    }
                    Measure::Status | Measure::Timeline => {
                        let mut shown = 0;
                        let segments = Status::ALL
                            .iter()
                            .zip(n.by_status)
                            .filter(|(s, _)| !self.hidden.get(s.index()).copied().unwrap_or(false))
                            .map(|(s, v)| {
                                shown += v;
                                (SegmentKind::Status(s.index()), f64::from(v))
                            })
                            .collect();
                        BarInput {
                            label: b.label.clone(),
                            segments,
                            value_label: fmt.count(shown),
                        }
                    }
                }
            })
            .collect()
    }

    /// Handles an input on the timeline: focus and hover move between quarters.
    pub fn handle_timeline(&mut self, input: ChartInput, layout: &LineLayout) -> Vec<ChartEffect> {
        let n = layout.slots.len();
        let before = (self.focus, self.hover, self.tooltip);
        match input {
            ChartInput::PointerMove(x, y) => {
                self.hover = layout.slot_at(x, y);
                self.tooltip = self.hover.or(self.focus);
            }
            ChartInput::PointerLeave => {
                self.hover = None;
                self.tooltip = self.focus;
            }
            ChartInput::Click(x, y) => {
                self.focus = layout.slot_at(x, y);
                self.tooltip = self.focus;
            }
            ChartInput::Focus(key) => {
                self.focus = match (self.focus, key) {
                    _ if n == 0 => None,
                    (_, FocusKey::First) | (None, FocusKey::Next) => Some(0),
                    (_, FocusKey::Last) | (None, FocusKey::Previous) => Some(n - 1),
                    (Some(i), FocusKey::Next) => Some((i + 1).min(n - 1)),
                    (Some(i), FocusKey::Previous) => Some(i.saturating_sub(1)),
                };
                self.tooltip = self.focus;
            }
            ChartInput::Activate => {}
            ChartInput::Escape | ChartInput::Blur => {
                self.tooltip = None;
            }
        }
        if before == (self.focus, self.hover, self.tooltip) {
            Vec::new()
        } else {
            vec![ChartEffect::Redraw]
        }
    }

    /// Lays the bars out.
    pub fn layout(
        &self,
        bars: &[ChartBar],
        width: f64,
        font_px: f64,
        rtl: bool,
        fmt: &dyn NumberFormat,
        measure: &dyn TextMeasure,
    ) -> BarLayout {
        let opts = BarLayoutOptions {
            width,
            font_px,
            rtl,
            max: (self.measure == Measure::Coverage).then_some(100.0),
            tick_suffix: if self.measure == Measure::Coverage {
                "%".into()
            } else {
                String::new()
            },
        };
        layout_bars(&self.bar_inputs(bars, fmt), &opts, measure)
    }
}

/// Formats the numbers shown on bars (the web layer formats through `Intl`).
pub trait NumberFormat {
    /// "7 of 10 · 70%".
    fn coverage(&self, covered: u32, of: u32) -> String;
    /// "12".
    fn count(&self, n: u32) -> String;
}

/// Plain English formatting, for the CLI and tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainNumbers;

impl NumberFormat for PlainNumbers {
    fn coverage(&self, covered: u32, of: u32) -> String {
        format!("{covered} of {of} · {:.0}%", percent(covered, of))
    }
    fn count(&self, n: u32) -> String {
        n.to_string()
    }
}

/// `part` as a share of `whole`, in percent (0 when `whole` is 0).
pub fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) * 100.0 / f64::from(whole)
    }
}

/// The bars of a level.
pub fn bars_for(level: Level, summary: &Summary, decl: &Declaration) -> Vec<ChartBar> {
    match level {
        Level::Overview => {
            let mut out = Vec::new();
            let part = |p: Part| {
                summary
                    .parts
                    .iter()
                    .find(|x| x.part == p)
                    .map(|x| x.progress)
            };
            if let Some(n) = part(Part::Declaratory).filter(|n| n.activities > 0) {
                out.push(ChartBar {
                    key: BarKey::Part(Part::Declaratory),
                    label: "Declaratory part".into(),
                    name: "Declaratory paragraphs 1–20".into(),
                    numbers: n,
                });
            }
            for p in Pillar::ALL {
                let name = decl
                    .pillar(p)
                    .map(|s| s.heading.clone())
                    .unwrap_or_default();
                out.push(ChartBar {
                    key: BarKey::Pillar(p),
                    label: format!("Pillar {p}"),
                    name,
                    numbers: summary.pillar(p).map(|x| x.progress).unwrap_or_default(),
                });
            }
            if let Some(n) = part(Part::FollowUp).filter(|n| n.activities > 0) {
                out.push(ChartBar {
                    key: BarKey::Part(Part::FollowUp),
                    label: "Follow-up".into(),
                    name: "Follow-up paragraphs 96–97".into(),
                    numbers: n,
                });
            }
            out
        }
        Level::Pillar(p) => decl
            .pillar(p)
            .map(|s| {
                s.themes
                    .iter()
                    .enumerate()
                    .map(|(i, t)| ChartBar {
                        key: BarKey::Theme(p, i),
                        label: t.heading.clone(),
                        name: t.heading.clone(),
                        numbers: summary
                            .themes
                            .iter()
                            .filter(|x| x.pillar == p)
                            .nth(i)
                            .map(|x| x.progress)
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Level::Theme(p, t) => decl
            .pillar(p)
            .and_then(|s| s.themes.get(t))
            .map(|theme| {
                theme
                    .paragraphs
                    .iter()
                    .map(|&n| ChartBar {
                        key: BarKey::Paragraph(n),
                        label: format!("Paragraph {n}"),
                        name: decl
                            .paragraph(n)
                            .map(|p| p.text.clone())
                            .unwrap_or_default(),
                        numbers: summary.paragraph(n).map(|x| x.progress).unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The timeline's slots (quarter labels) and one cumulative series per pillar.
pub fn timeline_series(summary: &Summary) -> (Vec<String>, Vec<SeriesInput>) {
    let quarters = &summary.timeline.quarters;
    let labels = quarters.iter().map(|q| q.label.clone()).collect();
    let series = Pillar::ALL
        .iter()
        .map(|p| SeriesInput {
            label: format!("Pillar {p}"),
            values: quarters
                .iter()
                .map(|q| {
                    q.cumulative_by_pillar
                        .get(p.index())
                        .copied()
                        .map_or(0.0, f64::from)
                })
                .collect(),
        })
        .collect();
    (labels, series)
}
