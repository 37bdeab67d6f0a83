//! The pillar progress chart's model: which level is shown (overview, a
//! pillar's themes, a theme's paragraphs), which measure (coverage or
//! activities by status, and with progress data the States reporting or the
//! indicators by status), which statuses the legend shows, which bar has
//! focus — and how input events change all that.
//!
//! The web layer translates DOM events into [`ChartInput`] and acts on the
//! returned [`ChartEffect`]s; the numbers come from [`crate::core::aggregate`]
//! and, for the progress measures, from a [`ProgressDigest`]
//! ([`attach_progress`]).
//!
//! Every word the chart draws or says comes from a message catalogue
//! ([`crate::core::i18n`]) and every number from a [`NumberFormat`]: the
//! browser's `Intl` in a page, [`PlainNumbers`] natively. Both travel together
//! as a [`ChartLocale`]; [`ChartLocale::english`] is what the command-line
//! tool and the golden SVG files use.

use crate::core::aggregate::{GroupProgress, Summary};
use crate::core::declaration::Declaration;
use crate::core::i18n::{Arg, Catalog, Lang};
use crate::core::layout::{
    layout_bars, layout_lines, BarInput, BarLayout, BarLayoutOptions, FocusKey, LineLayout,
    SegmentKind, SeriesInput, TextMeasure, Tick,
};
use crate::core::model::{Part, Pillar, Status};
use crate::core::progress::digest::{ProgressDigest, Standing};
use std::fmt;

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
    /// Per pillar, the States reporting in the latest cycle (those that
    /// answered the questionnaire, then those that sent a report only) out
    /// of the States in the progress data; a pillar's drill-down shows them
    /// per cycle.
    Reporting,
    /// The indicators stacked by status (on track, moderate, stagnation or
    /// regression, not assessed): per pillar, theme or paragraph.
    Indicators,
}

impl Measure {
    /// The attribute spelling ("coverage", "status").
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Coverage => "coverage",
            Measure::Status => "status",
            Measure::Timeline => "timeline",
            Measure::Reporting => "reporting",
            Measure::Indicators => "indicators",
        }
    }

    /// Reads the `view` attribute ("coverage", "status", "timeline",
    /// "reporting", "indicators"); coverage for any other value.
    pub fn parse(v: &str) -> Measure {
        Measure::read(v).unwrap_or(Measure::Coverage)
    }

    /// The measure `v` names, in any case, or `None` when it names none
    /// (`core::attribute` then says so).
    pub fn read(v: &str) -> Option<Measure> {
        Some(match v.trim().to_ascii_lowercase().as_str() {
            "coverage" => Measure::Coverage,
            "status" => Measure::Status,
            "timeline" => Measure::Timeline,
            "reporting" => Measure::Reporting,
            "indicators" => Measure::Indicators,
            _ => return None,
        })
    }

    /// Whether it shows progress data (a [`ProgressDigest`]), not activities.
    pub fn is_progress(self) -> bool {
        matches!(self, Measure::Reporting | Measure::Indicators)
    }
}

/// States reporting on a pillar in one cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatesReporting {
    /// The cycle (the latest of the data).
    pub cycle: String,
    /// States that answered a question of the pillar.
    pub answered: u32,
    /// States that answered or sent a report covering the pillar.
    pub reporting: u32,
    /// States in the progress data.
    pub states: u32,
}

/// A bar's figures from the progress data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarProgress {
    /// Indicators per [`Standing`], in [`Standing::ALL`] order.
    pub indicators: [u32; 4],
    /// States reporting (a pillar's bar only).
    pub states: Option<StatesReporting>,
}

/// Gives each bar its figures from `digest`: a pillar's its indicators and
/// its States reporting in the latest cycle, a theme's or a paragraph's the
/// indicators that follow up its paragraphs (each once). Other bars get
/// none.
pub fn attach_progress(bars: &mut [ChartBar], digest: &ProgressDigest, decl: &Declaration) {
    for bar in bars {
        bar.progress = match bar.key {
            BarKey::Part(_) => None,
            BarKey::Pillar(p) => digest.pillar(p).map(|d| BarProgress {
                indicators: d.indicators,
                states: d.latest().map(|c| StatesReporting {
                    cycle: c.cycle.clone(),
                    answered: c.answered,
                    reporting: c.reporting,
                    states: digest.states,
                }),
            }),
            BarKey::Theme(p, t) => {
                decl.pillar(p)
                    .and_then(|s| s.themes.get(t))
                    .map(|theme| BarProgress {
                        indicators: digest.indicators_over(&theme.paragraphs),
                        states: None,
                    })
            }
            BarKey::Paragraph(n) => Some(BarProgress {
                indicators: digest.indicators_over(&[n]),
                states: None,
            }),
            BarKey::Cycle(p, i) => {
                digest
                    .pillar(p)
                    .and_then(|d| d.cycles.get(i))
                    .map(|c| BarProgress {
                        indicators: [0; 4],
                        states: Some(StatesReporting {
                            cycle: c.cycle.clone(),
                            answered: c.answered,
                            reporting: c.reporting,
                            states: digest.states,
                        }),
                    })
            }
        };
    }
}

/// The bars of a pillar's drill-down in the States reporting measure: one
/// per cycle of the progress data, oldest first, labelled with the cycle
/// and named after the pillar, with their figures attached.
pub fn cycle_bars(
    pillar: Pillar,
    digest: &ProgressDigest,
    decl: &Declaration,
    locale: ChartLocale<'_>,
) -> Vec<ChartBar> {
    let fallback = decl
        .pillar(pillar)
        .map(|s| s.heading.as_str())
        .unwrap_or("");
    let (name, name_in_english) = locale.heading(&pillar_key(pillar), fallback);
    let mut bars: Vec<ChartBar> = digest
        .pillar(pillar)
        .map(|d| d.cycles.as_slice())
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(i, c)| ChartBar {
            key: BarKey::Cycle(pillar, i),
            label: c.cycle.clone(),
            name: name.clone(),
            numbers: GroupProgress::default(),
            progress: None,
            label_in_english: false,
            name_in_english,
        })
        .collect();
    attach_progress(&mut bars, digest, decl);
    bars
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
    /// A cycle of the progress data (its index in the pillar's cycles): the
    /// States reporting on the pillar then.
    Cycle(Pillar, usize),
}

/// One bar: what it stands for, its label and its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    /// What it stands for.
    pub key: BarKey,
    /// Short label ("Pillar I", "Pilier I").
    pub label: String,
    /// Long name ("Advancing crime prevention").
    pub name: String,
    /// The numbers.
    pub numbers: GroupProgress,
    /// Its figures from the progress data, when there is any
    /// ([`attach_progress`]).
    pub progress: Option<BarProgress>,
    /// The label is English in a chart that speaks another language (a theme
    /// heading kept in English, see [`Catalog::is_untranslated`]): a page
    /// shows it with `lang="en"`.
    pub label_in_english: bool,
    /// The name is English in a chart that speaks another language (an
    /// untranslated heading, or the Declaration's own text).
    pub name_in_english: bool,
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
    /// The bars of the current level, labelled in the locale's language,
    /// with their figures from `progress` when given. The progress measures
    /// show the pillars only at the overview (not the parts); the States
    /// reporting show, under a pillar, its cycles ([`cycle_bars`]; none
    /// without progress data), and nothing deeper.
    pub fn bars(
        &self,
        summary: &Summary,
        decl: &Declaration,
        locale: ChartLocale<'_>,
        progress: Option<&ProgressDigest>,
    ) -> Vec<ChartBar> {
        let level = match (self.measure, self.level) {
            (Measure::Reporting, Level::Pillar(p) | Level::Theme(p, _)) => {
                return progress.map_or_else(Vec::new, |d| cycle_bars(p, d, decl, locale));
            }
            (_, level) => level,
        };
        let mut bars = bars_for(level, summary, decl, locale);
        if self.measure.is_progress() {
            bars.retain(|b| !matches!(b.key, BarKey::Part(_)));
        }
        if let Some(digest) = progress {
            attach_progress(&mut bars, digest, decl);
        }
        bars
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
            // The States reporting: a pillar's cycles, and nothing deeper.
            BarKey::Pillar(p) => Some(Level::Pillar(p)),
            BarKey::Theme(p, t) if self.measure != Measure::Reporting => Some(Level::Theme(p, t)),
            BarKey::Part(_) | BarKey::Theme(..) | BarKey::Paragraph(_) | BarKey::Cycle(..) => None,
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

    /// Back to `measure` at `level` with every status shown (the legend's
    /// filters cleared), nothing focused or under a tooltip: the chart as
    /// its attributes describe it, what a page's `reset()` asks for.
    pub fn reset(&mut self, measure: Measure, level: Level) {
        *self = ChartState {
            measure,
            level,
            ..ChartState::default()
        };
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
    pub fn bar_inputs(&self, bars: &[ChartBar], locale: ChartLocale<'_>) -> Vec<BarInput> {
        let fmt = locale.numbers;
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
                            value_label: coverage_text(locale, n.covered, n.paragraphs),
                        }
                    }
                    Measure::Reporting => {
                        let s = b.progress.as_ref().and_then(|p| p.states.as_ref());
                        let (answered, reporting, states) =
                            s.map_or((0, 0, 0), |s| (s.answered, s.reporting, s.states));
                        BarInput {
                            label: b.label.clone(),
                            segments: vec![
                                (SegmentKind::Status(0), f64::from(answered)),
                                (
                                    SegmentKind::Status(1),
                                    f64::from(reporting.saturating_sub(answered)),
                                ),
                                (
                                    SegmentKind::Uncovered,
                                    f64::from(states.saturating_sub(reporting)),
                                ),
                            ],
                            value_label: coverage_text(locale, reporting, states),
                        }
                    }
                    Measure::Indicators => {
                        let counts = b.progress.as_ref().map_or([0; 4], |p| p.indicators);
                        BarInput {
                            label: b.label.clone(),
                            segments: Standing::ALL
                                .iter()
                                .zip(counts)
                                .map(|(s, v)| (standing_segment(*s), f64::from(v)))
                                .collect(),
                            value_label: locale.indicators_value(&counts),
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

    /// Lays the bars out. With `rtl` the layout is mirrored: labels on the
    /// right, bars growing leftwards from the right edge of the plot.
    pub fn layout(
        &self,
        bars: &[ChartBar],
        width: f64,
        font_px: f64,
        rtl: bool,
        locale: ChartLocale<'_>,
        measure: &dyn TextMeasure,
    ) -> BarLayout {
        let coverage = self.measure == Measure::Coverage;
        let opts = BarLayoutOptions {
            width,
            font_px,
            rtl,
            // The States reporting fill their bars to the States in the data:
            // the axis is drawn to a round number above it.
            max: coverage.then_some(100.0),
            // The tick labels are written by the locale below: the layout's
            // own text is the plain number, read back here.
            tick_suffix: String::new(),
        };
        let mut layout = layout_bars(&self.bar_inputs(bars, locale), &opts, measure);
        for tick in &mut layout.ticks {
            if let Some(v) = super::number::parse(&tick.label.text) {
                tick.label.text = locale.numbers.tick(v, coverage);
            }
        }
        thin_tick_labels(&mut layout.ticks, measure);
        layout
    }
}

/// Formats the numbers a chart shows: bar values, axis ticks, percentages,
/// years. The web layer formats through the browser's `Intl` in the page's
/// locale (Arabic-Indic digits, `70 %`, grouping), natively [`PlainNumbers`].
pub trait NumberFormat {
    /// A whole number: "12", "1,234", "١٢".
    fn count(&self, n: u32) -> String;
    /// A share given in percent (0–100), rounded to a whole percent: "70%".
    fn percent(&self, value: f64) -> String;
    /// An axis tick: a whole number or one decimal, as a percentage on a
    /// percentage axis ("25%"), else plain ("2.5").
    fn tick(&self, value: f64, percent: bool) -> String;
    /// A year, without grouping: "2022", "٢٠٢٢".
    fn year(&self, year: u16) -> String;
    /// A figure whose decimals matter (a ratio of 0.36, a growth rate of
    /// 1.97%): at most `decimals` digits after the separator, rounded by
    /// [`crate::core::number::format`], in the locale's characters
    /// ([`crate::core::number::Digits`]); without grouping. By default
    /// ASCII digits and a point.
    fn decimal(&self, value: f64, decimals: u32) -> String {
        crate::core::number::format(value, decimals)
    }
}

/// Plain formatting in ASCII digits, for the CLI, exports and tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainNumbers;

impl NumberFormat for PlainNumbers {
    fn count(&self, n: u32) -> String {
        n.to_string()
    }
    /// Rounded half away from zero, as the widgets' table (`{:.0}` would
    /// round 12.5 to 12).
    fn percent(&self, value: f64) -> String {
        format!("{}%", crate::core::number::format(value, 0))
    }
    /// A whole tick as it is, another to one decimal (rounded half away
    /// from zero, without the standard library's float printing).
    fn tick(&self, value: f64, percent: bool) -> String {
        let number = if (value - value.round()).abs() < 1e-9 {
            format!("{}", value.round() as i64)
        } else {
            let one = crate::core::number::format(value, 1);
            if one.contains('.') {
                one
            } else {
                one + ".0"
            }
        };
        if percent {
            number + "%"
        } else {
            number
        }
    }
    fn year(&self, year: u16) -> String {
        year.to_string()
    }
}

/// The language a chart speaks: its interface text and how it writes numbers.
#[derive(Clone, Copy)]
pub struct ChartLocale<'a> {
    /// The message catalogue of the language.
    pub text: &'a Catalog,
    /// How numbers are written.
    pub numbers: &'a dyn NumberFormat,
}

impl ChartLocale<'static> {
    /// English with plain numbers: the command-line tool, exports of the
    /// golden SVG files, tests.
    pub fn english() -> ChartLocale<'static> {
        ChartLocale {
            text: Catalog::get(Lang::En),
            numbers: &PlainNumbers,
        }
    }
}

impl fmt::Debug for ChartLocale<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChartLocale")
            .field("lang", &self.text.lang())
            .finish_non_exhaustive()
    }
}

impl ChartLocale<'_> {
    /// A count as a message argument: it chooses the plural form by its value
    /// and is shown as the locale writes it.
    pub fn format_count(&self, key: &str, name: &str, n: u32) -> String {
        let shown = self.numbers.count(n);
        self.text.format(
            key,
            &[(
                name,
                Arg::Count {
                    value: u64::from(n),
                    shown: &shown,
                },
            )],
        )
    }

    /// "1 of 3 on track": a bar's value in the indicators measure.
    pub fn indicators_value(&self, counts: &[u32; 4]) -> String {
        let (on_track, total) = (
            self.numbers.count(counts.first().copied().unwrap_or(0)),
            self.numbers.count(counts.iter().sum()),
        );
        self.text.format(
            "chart.indicators.value",
            &[
                ("on_track", Arg::Str(&on_track)),
                ("count", Arg::Str(&total)),
            ],
        )
    }

    /// "Indicators: 3 (1 on track, 1 moderate progress, 1 stagnation or
    /// regression, 0 not assessed)".
    pub fn indicators_line(&self, counts: &[u32; 4]) -> String {
        let n = |i: usize| self.numbers.count(counts.get(i).copied().unwrap_or(0));
        let (total, a, b, c, d) = (
            self.numbers.count(counts.iter().sum()),
            n(0),
            n(1),
            n(2),
            n(3),
        );
        self.text.format(
            "chart.indicators.line",
            &[
                ("count", Arg::Str(&total)),
                ("on_track", Arg::Str(&a)),
                ("moderate", Arg::Str(&b)),
                ("stagnation", Arg::Str(&c)),
                ("not_assessed", Arg::Str(&d)),
            ],
        )
    }

    /// "2026: 36 of 58 States reporting (33 answered the questionnaire)".
    pub fn reporting_line(&self, s: &StatesReporting) -> String {
        let (reporting, total, answered) = (
            self.numbers.count(s.reporting),
            self.numbers.count(s.states),
            self.numbers.count(s.answered),
        );
        self.text.format(
            "chart.reporting.line",
            &[
                ("cycle", Arg::Str(&s.cycle)),
                ("reporting", Arg::Str(&reporting)),
                ("total", Arg::Str(&total)),
                ("answered", Arg::Str(&answered)),
            ],
        )
    }

    /// The progress figures of a bar in words, for its tooltip and its
    /// description: the States reporting in the reporting measure, else the
    /// indicators.
    pub fn progress_line(&self, measure: Measure, progress: Option<&BarProgress>) -> String {
        match (measure, progress) {
            (
                Measure::Reporting,
                Some(BarProgress {
                    states: Some(s), ..
                }),
            ) => self.reporting_line(s),
            (_, p) => self.indicators_line(&p.map_or([0; 4], |p| p.indicators)),
        }
    }

    /// "Pillar II", "Pilier II", "الركيزة II".
    pub fn pillar_label(&self, pillar: Pillar) -> String {
        self.text
            .format("label.pillar", &[("pillar", Arg::Str(pillar.numeral()))])
    }

    /// "Paragraph 27", "Paragraphe 27", "第27段".
    pub fn paragraph_label(&self, n: u8) -> String {
        let shown = self.numbers.count(u32::from(n));
        self.text
            .format("label.paragraph", &[("paragraph", Arg::Str(&shown))])
    }

    /// A quarter: "2022 Q4", "T4 2022", "الربع ٤ من ٢٠٢٢".
    pub fn quarter_label(&self, year: u16, quarter: u8) -> String {
        let (y, q) = (
            self.numbers.year(year),
            self.numbers.count(u32::from(quarter)),
        );
        self.text.format(
            "data.quarter",
            &[("year", Arg::Str(&y)), ("quarter", Arg::Str(&q))],
        )
    }

    /// A pillar or theme heading from the catalogue (`pillar.II`,
    /// `theme.II.3`), with whether it is English standing in for a
    /// translation; `fallback` (the Declaration's English) when the
    /// catalogue lacks the key.
    pub fn heading(&self, key: &str, fallback: &str) -> (String, bool) {
        match self
            .text
            .message(key)
            .or_else(|| Catalog::get(Lang::En).message(key))
        {
            Some(text) => (text.to_string(), self.text.is_untranslated(key)),
            None => (fallback.to_string(), self.text.lang() != Lang::En),
        }
    }
}

/// Leaves a label on every k-th tick only (the first and the last always
/// among them) when the labels as written would touch: "100 %" in French or
/// Russian on a narrow chart. The grid lines all stay.
fn thin_tick_labels(ticks: &mut [Tick], measure: &dyn TextMeasure) {
    let (Some(first), Some(second)) = (ticks.first(), ticks.get(1)) else {
        return;
    };
    let spacing = (second.x - first.x).abs();
    let widest = ticks
        .iter()
        .map(|t| measure.width(&t.label.text, t.label.font_px))
        .fold(0.0_f64, f64::max)
        + 6.0;
    let intervals = ticks.len() - 1;
    let every = (1..=intervals)
        .find(|k| intervals.is_multiple_of(*k) && spacing * *k as f64 >= widest)
        .unwrap_or(intervals);
    for (i, t) in ticks.iter_mut().enumerate() {
        if i % every != 0 {
            t.label.text.clear();
        }
    }
}

/// The segment an indicator's standing is drawn as: the three statuses as
/// the activities' (solid, striped, hatched), "not assessed" as the empty
/// track.
pub fn standing_segment(standing: Standing) -> SegmentKind {
    match standing {
        Standing::OnTrack => SegmentKind::Status(0),
        Standing::Moderate => SegmentKind::Status(1),
        Standing::StagnationOrRegression => SegmentKind::Status(2),
        Standing::NotAssessed => SegmentKind::Uncovered,
    }
}

/// The catalogue key of a pillar's heading: `pillar.II`.
pub fn pillar_key(pillar: Pillar) -> String {
    format!("pillar.{}", pillar.numeral())
}

/// The catalogue key of a theme's heading: `theme.II.3` (the index of the
/// theme in its pillar, from 0).
pub fn theme_key(pillar: Pillar, theme: usize) -> String {
    format!("theme.{}.{theme}", pillar.numeral())
}

/// "7 of 10 · 70%" in the locale's words and digits.
fn coverage_text(locale: ChartLocale<'_>, covered: u32, of: u32) -> String {
    let fmt = locale.numbers;
    let (c, t, p) = (
        fmt.count(covered),
        fmt.count(of),
        fmt.percent(percent(covered, of)),
    );
    locale.text.format(
        "data.coverage",
        &[
            ("covered", Arg::Str(&c)),
            ("total", Arg::Str(&t)),
            ("percent", Arg::Str(&p)),
        ],
    )
}

/// `part` as a share of `whole`, in percent (0 when `whole` is 0).
pub fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        f64::from(part) * 100.0 / f64::from(whole)
    }
}

/// The bars of a level, labelled in the locale's language.
pub fn bars_for(
    level: Level,
    summary: &Summary,
    decl: &Declaration,
    locale: ChartLocale<'_>,
) -> Vec<ChartBar> {
    let catalog = locale.text;
    let english = catalog.lang() == Lang::En;
    let range = |key: &str, part: Part, default: [u8; 2]| {
        let [first, last] = decl
            .parts
            .iter()
            .find(|s| s.id == part)
            .map_or(default, |s| s.paragraphs);
        let (f, l) = (
            locale.numbers.count(u32::from(first)),
            locale.numbers.count(u32::from(last)),
        );
        catalog.format(key, &[("first", Arg::Str(&f)), ("last", Arg::Str(&l))])
    };
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
                    label: catalog.text("label.declaratory_part").to_string(),
                    name: range("label.declaratory_range", Part::Declaratory, [1, 20]),
                    numbers: n,
                    progress: None,
                    label_in_english: false,
                    name_in_english: false,
                });
            }
            for p in Pillar::ALL {
                let fallback = decl.pillar(p).map(|s| s.heading.as_str()).unwrap_or("");
                let (name, name_in_english) = locale.heading(&pillar_key(p), fallback);
                out.push(ChartBar {
                    key: BarKey::Pillar(p),
                    label: locale.pillar_label(p),
                    name,
                    numbers: summary.pillar(p).map(|x| x.progress).unwrap_or_default(),
                    progress: None,
                    label_in_english: false,
                    name_in_english,
                });
            }
            if let Some(n) = part(Part::FollowUp).filter(|n| n.activities > 0) {
                out.push(ChartBar {
                    key: BarKey::Part(Part::FollowUp),
                    label: catalog.text("part.follow_up").to_string(),
                    name: range("label.follow_up_range", Part::FollowUp, [96, 97]),
                    numbers: n,
                    progress: None,
                    label_in_english: false,
                    name_in_english: false,
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
                    .map(|(i, theme)| {
                        let (heading, in_english) =
                            locale.heading(&theme_key(p, i), &theme.heading);
                        ChartBar {
                            key: BarKey::Theme(p, i),
                            label: heading.clone(),
                            name: heading,
                            numbers: summary
                                .themes
                                .iter()
                                .filter(|x| x.pillar == p)
                                .nth(i)
                                .map(|x| x.progress)
                                .unwrap_or_default(),
                            progress: None,
                            label_in_english: in_english,
                            name_in_english: in_english,
                        }
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
                        label: locale.paragraph_label(n),
                        // The Declaration's text stays in English.
                        name: decl
                            .paragraph(n)
                            .map(|p| p.text.clone())
                            .unwrap_or_default(),
                        numbers: summary.paragraph(n).map(|x| x.progress).unwrap_or_default(),
                        progress: None,
                        label_in_english: false,
                        name_in_english: !english,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The timeline's slots (quarter labels) and one cumulative series per
/// pillar, labelled in the locale's language.
pub fn timeline_series(
    summary: &Summary,
    locale: ChartLocale<'_>,
) -> (Vec<String>, Vec<SeriesInput>) {
    let quarters = &summary.timeline.quarters;
    let labels = quarters
        .iter()
        .map(|q| locale.quarter_label(q.year, q.quarter))
        .collect();
    let series = Pillar::ALL
        .iter()
        .map(|p| SeriesInput {
            label: locale.pillar_label(*p),
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

/// Lays out the timeline: one line per pillar over the quarters, with the
/// value axis written by the locale. Time runs left to right in every
/// language, right-to-left pages included, on purpose: it is the conventional
/// direction of a time axis (see [`layout_lines`]).
pub fn timeline_layout(
    summary: &Summary,
    width: f64,
    font_px: f64,
    locale: ChartLocale<'_>,
    measure: &dyn TextMeasure,
) -> LineLayout {
    let (labels, series) = timeline_series(summary, locale);
    let mut layout = layout_lines(&labels, &series, width, font_px, measure);
    for (_, label) in &mut layout.y_ticks {
        if let Some(v) = super::number::parse(&label.text) {
            label.text = locale.numbers.tick(v, false);
        }
    }
    // A quarter label centred on the first or last quarter stays inside the
    // chart ("الربع ١ من ٢٠٢١" is wider than "2021 Q1").
    let edge = 2.0;
    for label in &mut layout.x_labels {
        let half = measure.width(&label.text, label.font_px) / 2.0;
        label.x = label.x.max(edge + half).min(layout.width - edge - half);
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::aggregate::{summarize, SummaryOptions};
    use crate::core::layout::EstimatedText;
    use crate::core::sample::sample;

    /// Numbers written with a marker, to see where the locale's digits go.
    struct Marked;

    #[test]
    fn reset_shows_every_status_at_the_view_and_level_given() {
        let mut state = ChartState {
            level: Level::Theme(Pillar::II, 3),
            measure: Measure::Timeline,
            hidden: [true, false, true],
            focus: Some(2),
            hover: Some(1),
            tooltip: Some(2),
        };
        state.reset(Measure::Status, Level::Pillar(Pillar::IV));
        assert_eq!(
            state,
            ChartState {
                level: Level::Pillar(Pillar::IV),
                measure: Measure::Status,
                ..ChartState::default()
            }
        );
        assert_eq!(state.hidden, [false; 3]);
    }

    impl NumberFormat for Marked {
        fn count(&self, n: u32) -> String {
            format!("<{n}>")
        }
        fn percent(&self, value: f64) -> String {
            format!("<{value:.0}%>")
        }
        fn tick(&self, value: f64, percent: bool) -> String {
            format!("<{value}{}>", if percent { "%" } else { "" })
        }
        fn year(&self, year: u16) -> String {
            format!("<{year}>")
        }
    }

    fn summary() -> Summary {
        summarize(&sample().dataset, &SummaryOptions::default())
    }

    #[test]
    fn plain_percent_rounds_a_half_away_from_zero() {
        assert_eq!(PlainNumbers.percent(12.5), "13%");
        assert_eq!(PlainNumbers.percent(37.5), "38%");
        assert_eq!(PlainNumbers.percent(12.4), "12%");
        assert_eq!(PlainNumbers.percent(100.0), "100%");
        assert_eq!(PlainNumbers.percent(0.0), "0%");
    }

    #[test]
    fn english_labels_are_the_catalogue_s() {
        let bars = bars_for(
            Level::Overview,
            &summary(),
            Declaration::get(),
            ChartLocale::english(),
        );
        let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Declaratory part",
                "Pillar I",
                "Pillar II",
                "Pillar III",
                "Pillar IV",
                "Follow-up"
            ]
        );
        assert_eq!(bars[0].name, "Declaratory paragraphs 1–20");
        assert_eq!(bars[5].name, "Follow-up paragraphs 96–97");
        assert_eq!(bars[1].name, "Advancing crime prevention");
        assert!(bars
            .iter()
            .all(|b| !b.label_in_english && !b.name_in_english));
    }

    #[test]
    fn other_languages_label_bars_and_mark_english_headings() {
        let fr = ChartLocale {
            text: Catalog::get(Lang::Fr),
            numbers: &Marked,
        };
        let s = summary();
        let bars = bars_for(Level::Overview, &s, Declaration::get(), fr);
        assert_eq!(bars[1].label, "Pilier I");
        assert_eq!(bars[0].label, "Partie déclarative");
        assert_eq!(bars[0].name, "Paragraphes déclaratifs <1> à <20>");
        // The pillar headings are kept in English and say so.
        assert_eq!(bars[1].name, "Advancing crime prevention");
        assert!(bars[1].name_in_english && !bars[1].label_in_english);
        let themes = bars_for(Level::Pillar(Pillar::II), &s, Declaration::get(), fr);
        assert_eq!(themes[1].label, "Improving prison conditions");
        assert!(themes[1].label_in_english);
        let paras = bars_for(Level::Theme(Pillar::II, 1), &s, Declaration::get(), fr);
        assert_eq!(paras[0].label, "Paragraphe <35>");
        assert!(
            paras[0].name_in_english,
            "the Declaration's text is English"
        );
        // Values, ticks and quarters go through the number format.
        let state = ChartState::default();
        let layout = state.layout(&bars, 800.0, 14.0, false, fr, &EstimatedText);
        assert!(layout.bars[1].value_label.text.contains(" sur <"));
        assert_eq!(layout.ticks[1].label.text, "<25%>");
        let (quarters, series) = timeline_series(&s, fr);
        assert!(quarters[0].starts_with("T<") && quarters[0].ends_with('>'));
        assert_eq!(series[3].label, "Pilier IV");
    }

    #[test]
    fn arabic_mirrors_when_asked() {
        let ar = ChartLocale {
            text: Catalog::get(Lang::Ar),
            numbers: &PlainNumbers,
        };
        let s = summary();
        let state = ChartState {
            measure: Measure::Status,
            ..Default::default()
        };
        let bars = state.bars(&s, Declaration::get(), ar, None);
        assert_eq!(bars[1].label, "الركيزة I");
        let layout = state.layout(&bars, 800.0, 14.0, true, ar, &EstimatedText);
        for b in &layout.bars {
            assert!((b.bar.right() - layout.plot.right()).abs() < 1e-6);
        }
        // The timeline keeps time running left to right, its quarter labels
        // inside the chart.
        let lines = timeline_layout(&s, 800.0, 14.0, ar, &EstimatedText);
        assert!(lines.slots.windows(2).all(|w| w[0] < w[1]));
        for l in &lines.x_labels {
            let half = EstimatedText.width(&l.text, l.font_px) / 2.0;
            assert!(l.x - half >= 0.0 && l.x + half <= lines.width, "{}", l.text);
        }
    }

    #[test]
    fn tick_labels_thin_out_on_a_narrow_chart() {
        let bars = bars_for(
            Level::Overview,
            &summary(),
            Declaration::get(),
            ChartLocale::english(),
        );
        let state = ChartState::default();
        let wide = state.layout(
            &bars,
            800.0,
            14.0,
            false,
            ChartLocale::english(),
            &EstimatedText,
        );
        let labels: Vec<&str> = wide.ticks.iter().map(|t| t.label.text.as_str()).collect();
        assert_eq!(labels, ["0%", "25%", "50%", "75%", "100%"]);
        // Narrow for its text: projector-sized type in a 300 px column (the
        // bars there take the whole width, their labels above them).
        let narrow = state.layout(
            &bars,
            300.0,
            40.0,
            false,
            ChartLocale::english(),
            &EstimatedText,
        );
        assert_eq!(narrow.ticks.len(), 5, "every grid line stays");
        let shown: Vec<&crate::core::layout::Tick> = narrow
            .ticks
            .iter()
            .filter(|t| !t.label.text.is_empty())
            .collect();
        assert!(shown.len() < 5);
        assert_eq!(shown.last().map(|t| t.label.text.as_str()), Some("100%"));
        for w in shown.windows(2) {
            let gap = w[1].x - w[0].x;
            let need = (EstimatedText.width(&w[0].label.text, w[0].label.font_px)
                + EstimatedText.width(&w[1].label.text, w[1].label.font_px))
                / 2.0;
            assert!(
                gap > need,
                "{} and {} touch",
                w[0].label.text,
                w[1].label.text
            );
        }
    }

    #[test]
    fn plain_ticks_match_the_layout_s() {
        assert_eq!(PlainNumbers.tick(25.0, true), "25%");
        assert_eq!(PlainNumbers.tick(2.5, false), "2.5");
        assert_eq!(PlainNumbers.percent(66.6), "67%");
    }
}
