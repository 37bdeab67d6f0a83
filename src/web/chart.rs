//! `<kyoto-pillar-chart>`: the pillar progress chart widget.
//!
//! The handle owns the widget's state and every listener and observer it made;
//! `destroy()` drops them all. DOM events are translated into
//! [`ChartInput`]s; the model in `core::chart` decides, this module applies the
//! effects (redraw, rebuild, `kyoto:select`). Events are dispatched after the
//! widget has released its state ([`super::events`]): every entry point opens
//! a batch before it borrows the widget, so a page's listener may call any
//! handle method, `destroy()` included.
//!
//! **Language** ([`super::locale`]): in Arabic, or under an ancestor's
//! `dir="rtl"`, the widget's root gets `dir="rtl"`: the toolbar, legend,
//! table and tooltips mirror through logical CSS, and the bars grow from the
//! right with their labels on the right (`core::layout` mirrors the geometry).
//! The timeline keeps time running left to right, on purpose.
//!
//! **Progress data** (the `progress` attribute): kyoto.js fetches it and hands
//! its digest over (`setProgress`, or `progressFailed` with the reason); the
//! chart then offers two more measures, the States reporting and the
//! indicators by status ([`Measure::Reporting`], [`Measure::Indicators`]),
//! each with a legend of its own; a pillar's States reporting drill down to
//! its cycles. A chart without it shows neither button, and a chart module
//! built without the feature `digest` has no `setProgress` at all (kyoto.js
//! loads `kyoto_chart_progress` for a chart with a `progress` attribute).

use super::announce::Announcer;
use super::canvas::{
    canvas_font, font_px, measure_plot, CanvasMemory, ScaledCanvas, SharedCanvasMemory, FONT_SCALE,
};
use super::data::{empty_report, shows_stand_in, SharedReport};
use super::dom::{append, attrs, button, clear, el, html, set_hidden, styled_shadow, text_el};
use super::events::{enter, Emitter};
use super::export;
use super::listen::{Listener, SizeWatch};
use super::live::{file_listeners, live_target_fields, load_src, LiveState, LiveTarget};
use super::locale::{ancestor_rtl, append_message, maybe_english, slot, Locale, StaticText};
use super::shell::{widget_class, Mounted, Reset, Shell};
use super::timer::Timeout;
use super::widget::{
    dataset_note, file_picker, host_attr, loading_note, report_detail, show_error_box,
    show_problems, status_key, AttributeNotes, ProblemList, HIGHLIGHT_MS,
};
use crate::core::aggregate::{
    summarize, DeclarationIndex, GroupProgress, Summary, SummaryOptions, Tally,
};
use crate::core::attribute;
use crate::core::chart::{
    percent, standing_segment, theme_key, timeline_layout, BarKey, ChartBar, ChartEffect,
    ChartInput, ChartState, Level, Measure, NumberFormat,
};
use crate::core::declaration::Declaration;
use crate::core::i18n::{Arg, Lang};
use crate::core::import::ImportReport;
use crate::core::layout::{
    layout_key_heading, tooltip_size, BarLayout, FocusKey, KeyHeading, LineLayout, SegmentKind,
    TextMeasure, TooltipPlace, TooltipShift,
};
use crate::core::model::{Part, Pillar, Status};
use crate::core::progress::digest::{ProgressDigest, Standing};
use crate::render::{
    bars_with_heading_svg, draw_bars, draw_lines, draw_with_heading, lines_with_heading_svg,
    DrawState, Palette, FONT_FAMILY,
};
use plotters::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, Document, Element, Event, HtmlCanvasElement, HtmlElement,
    HtmlInputElement, KeyboardEvent, MouseEvent,
};

widget_class!(
    /// The JS class of a pillar progress chart (`<kyoto-pillar-chart>`).
    PillarChart,
    Widget,
    mount,
    reset
);

struct Parts {
    root: Element,
    status_line: Element,
    crumbs: Element,
    plot: Element,
    canvas: HtmlCanvasElement,
    tooltip: Element,
    table_wrap: Element,
    live: Element,
    error: Element,
    /// Why the progress data did not load (apart from the data's error,
    /// which a load clears).
    progress_error: Element,
    problems: Element,
    /// The notices of attribute values the chart cannot read.
    notes: AttributeNotes,
    stale: Element,
    file_input: HtmlInputElement,
    /// The toolbar's measure buttons.
    measure_buttons: Vec<(Measure, Element)>,
    /// The legend's buttons, in [`Status::ALL`] order.
    legend_buttons: Vec<Element>,
    /// The legend of the activities' statuses (toggles).
    legend: Element,
    /// The legend of a progress measure (words and swatches only).
    progress_legend: Element,
    /// The toolbar's table button.
    table_button: Element,
    /// The toolbar's, legend's and canvas's fixed words.
    labels: StaticText,
}

struct Widget {
    /// Counts data sources (src loads, update calls); a download applies only
    /// if nothing newer arrived while it was under way.
    generation: u64,
    /// The first data has not come yet: nothing is drawn, the note says so.
    loading: bool,
    host: HtmlElement,
    /// Fires the widget's events once it has released its state.
    events: Emitter,
    parts: Parts,
    state: ChartState,
    summary: Summary,
    report: SharedReport,
    /// The digest of the progress data, once kyoto.js has handed it over.
    #[cfg(feature = "digest")]
    progress: Option<Rc<ProgressDigest>>,
    bars: Vec<ChartBar>,
    layout: Option<BarLayout>,
    lines: Option<LineLayout>,
    /// The plot's width in CSS pixels, as the `ResizeObserver` last saw it
    /// (0 until known): a redraw does not read it from the DOM, which would
    /// force a layout of whatever the rebuild just changed.
    width: f64,
    table_shown: bool,
    rtl: bool,
    locale: Locale,
    announcer: Announcer,
    /// Live data: the poller of `src` (with `poll`), the push channel, the badge.
    live: LiveState<Widget>,
    /// Paragraphs whose activities changed in the last update, highlighted
    /// until the timer ends.
    changed: BTreeSet<u8>,
    highlight: Option<Timeout>,
    me: Weak<RefCell<Widget>>,
    /// The canvas's font size in CSS px (see [`FONT_SCALE`]).
    font_px: f64,
    /// Summaries of other status subsets of the same data, for the legend.
    summaries: SummaryCache,
    /// What the DOM shows, so that a rebuild writes only what changed.
    shown: Shown,
    /// Widths of the texts measured on the canvas.
    text_widths: RefCell<TextWidths>,
    /// What the chart's canvas and its context are set to.
    canvas_memory: SharedCanvasMemory,
}

/// Summaries of one report for the status subsets the legend has shown, and
/// its [`Tally`]: a legend click takes the summary of its subset from here,
/// or adds up the tally's statuses, instead of counting every activity
/// again. There are eight subsets.
#[derive(Default)]
struct SummaryCache {
    /// The report summarised. Weak: it does not keep the data alive, and
    /// while it is held no other report can take its address.
    report: Weak<ImportReport>,
    /// The report counted once, each status apart.
    tally: Option<Tally<'static>>,
    /// By subset: bit `i` set when status `i` counts.
    by_subset: [Option<Summary>; 8],
}

impl SummaryCache {
    /// Forgets every summary unless they are of `report`.
    fn check(&mut self, report: &SharedReport) {
        if !std::ptr::eq(self.report.as_ptr(), Rc::as_ptr(report)) {
            *self = SummaryCache {
                report: Rc::downgrade(report),
                ..SummaryCache::default()
            };
        }
    }

    /// The summary of `report` for `options`: kept, or made now.
    fn take(&mut self, report: &SharedReport, options: SummaryOptions) -> Summary {
        self.check(report);
        if let Some(kept) = self
            .by_subset
            .get_mut(subset_index(options))
            .and_then(Option::take)
        {
            return kept;
        }
        self.tally
            .get_or_insert_with(|| Tally::new(&report.dataset, DeclarationIndex::get()))
            .summary(&options)
    }

    /// Keeps a summary of `report` for later.
    fn keep(&mut self, report: &SharedReport, summary: Summary) {
        self.check(report);
        if let Some(slot) = self.by_subset.get_mut(subset_index(summary.options)) {
            *slot = Some(summary);
        }
    }
}

/// The index of a status subset: bit `i` set when status `i` counts.
fn subset_index(options: SummaryOptions) -> usize {
    options
        .statuses
        .iter()
        .enumerate()
        .filter(|(_, counts)| **counts)
        .fold(0, |bits, (i, _)| bits | (1 << i))
}

/// What the widget last wrote into its DOM (`None`: not yet, or to be
/// written again).
#[derive(Default)]
struct Shown {
    /// The `min-height` of the root (from the `height` attribute).
    height: Option<Option<String>>,
    /// The root's direction (right to left?) and language tag.
    root: Option<(bool, String)>,
    /// The measure, the statuses shown and whether the table is shown, as
    /// the toolbar's and legend's buttons say.
    controls: Option<(Measure, [bool; 3], bool)>,
    /// The data and the language of the line under the chart.
    note: Option<(Weak<ImportReport>, Lang, String)>,
    /// The trail, language and direction of the breadcrumb.
    crumbs: Option<(Vec<Level>, Lang, String, bool)>,
    /// The data table.
    table: Option<TableDom>,
    /// The canvas's accessible name.
    label: Option<String>,
    /// The measure and language the progress legend was written for, and
    /// whether the progress measures' buttons are shown.
    progress_legend: Option<(Measure, Lang, bool)>,
    /// Whether the plot, the table and the line under them are hidden: no
    /// data has loaded.
    nothing: bool,
}

/// The data table as built: what it shows, and the element holding the text
/// of each body cell, so that new numbers are written into the cells.
struct TableDom {
    model: TableModel,
    cells: Vec<Vec<Element>>,
}

/// Everything the data table shows, as text.
#[derive(PartialEq)]
struct TableModel {
    /// The caption's message (with the title's slot), the title, and whether
    /// the title is English.
    caption: (String, String, bool),
    header: Vec<String>,
    /// The first column of numbers.
    numeric: usize,
    rtl: bool,
    /// Each cell's text and whether it is English.
    rows: Vec<Vec<(String, bool)>>,
}

impl TableModel {
    /// Whether `other` differs from this only in the texts of body cells
    /// (the same caption, header and columns, the same number of rows, and
    /// the same cells in English): then the cells can be rewritten in place.
    fn same_shape(&self, other: &TableModel) -> bool {
        self.caption == other.caption
            && self.header == other.header
            && self.numeric == other.numeric
            && self.rtl == other.rtl
            && self.rows.len() == other.rows.len()
            && self
                .rows
                .iter()
                .zip(&other.rows)
                .all(|(a, b)| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.1 == y.1))
    }
}

/// Widths of texts measured on the canvas, by font size (the bits of the
/// `f64`) and text. The same labels are measured at every redraw.
#[derive(Default)]
struct TextWidths {
    by_font: HashMap<u64, HashMap<String, f64>>,
    count: usize,
}

impl TextWidths {
    /// At most this many widths are kept; then the cache starts again.
    const LIMIT: usize = 4096;

    fn get(&self, font_px: f64, text: &str) -> Option<f64> {
        self.by_font.get(&font_px.to_bits())?.get(text).copied()
    }

    fn insert(&mut self, font_px: f64, text: &str, width: f64) {
        if self.count >= TextWidths::LIMIT {
            self.clear();
        }
        self.by_font
            .entry(font_px.to_bits())
            .or_default()
            .insert(text.to_string(), width);
        self.count += 1;
    }

    fn clear(&mut self) {
        self.by_font.clear();
        self.count = 0;
    }
}

/// The chart's own methods (the shared ones: [`widget_class!`]).
#[wasm_bindgen]
impl PillarChart {
    /// Gives the chart the digest of its progress data (`{"kyotoDigest":1,
    /// …}`, see `core::progress::digest`): the measures of the States
    /// reporting and of the indicators appear. A text that is not a digest
    /// shows its error as a failed load does.
    #[cfg(feature = "digest")]
    #[wasm_bindgen(js_name = setProgress)]
    pub fn set_progress(&self, digest: String) {
        self.shell.with(|w| w.set_progress(&digest));
    }

    /// The progress data could not be loaded: says why, as a failed load
    /// does; the chart keeps what it shows.
    #[cfg(feature = "digest")]
    #[wasm_bindgen(js_name = progressFailed)]
    pub fn progress_failed(&self, message: String) {
        self.shell.with(|w| w.progress_failed(&message));
    }

    /// The numbers of the current view as CSV (what the table shows).
    #[wasm_bindgen(js_name = tableCsv)]
    pub fn table_csv(&self) -> String {
        self.shell.read(Widget::table_csv).unwrap_or_default()
    }

    /// The current drill-down level, as "overview", "pillar:II" or "theme:II:3".
    pub fn level(&self) -> String {
        self.shell
            .read(|w| level_name(w.state.level))
            .unwrap_or_default()
    }

    /// The bars of the current view in CSS pixels relative to the canvas:
    /// `[{label, x, y, width, height}]` (for tests and page integrations).
    #[wasm_bindgen(js_name = barRects)]
    pub fn bar_rects(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        self.shell.read(|w| {
            let Some(layout) = &w.layout else { return };
            for (bar, data) in layout.bars.iter().zip(&w.bars) {
                let o = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&o, &k.into(), &v);
                };
                set("label", data.label.as_str().into());
                set("x", bar.bar.x.into());
                set("y", bar.bar.y.into());
                set("width", bar.bar.w.into());
                set("height", bar.bar.h.into());
                out.push(&o);
            }
        });
        out
    }

    /// The plotting area of the bars in CSS pixels relative to the canvas
    /// (`{x, y, width, height}`, where bars grow: from its left edge, or from
    /// its right edge when the chart is right to left), or `null` on the
    /// timeline.
    #[wasm_bindgen(js_name = plotRect)]
    pub fn plot_rect(&self) -> JsValue {
        self.shell
            .read(|w| {
                let layout = w.layout.as_ref()?;
                let o = js_sys::Object::new();
                for (k, v) in [
                    ("x", layout.plot.x),
                    ("y", layout.plot.y),
                    ("width", layout.plot.w),
                    ("height", layout.plot.h),
                ] {
                    let _ = js_sys::Reflect::set(&o, &k.into(), &v.into());
                }
                let _ = js_sys::Reflect::set(&o, &"rtl".into(), &layout.rtl.into());
                Some(JsValue::from(o))
            })
            .flatten()
            .unwrap_or(JsValue::NULL)
    }
}

fn level_name(level: Level) -> String {
    match level {
        Level::Overview => "overview".into(),
        Level::Pillar(p) => format!("pillar:{p}"),
        Level::Theme(p, t) => format!("theme:{p}:{t}"),
    }
}

/// The measure the attributes ask for: `view`'s, but coverage for a
/// measure of progress data on a chart without a `progress` attribute,
/// which has none to show (`core::attribute` says so).
fn measure_of(host: &Element) -> Measure {
    let measure = Measure::parse(host_attr(host, "view").as_deref().unwrap_or(""));
    if measure.is_progress() && host_attr(host, "progress").is_none_or(|p| p.trim().is_empty()) {
        return Measure::Coverage;
    }
    measure
}

fn mount(host: HtmlElement) -> Option<Mounted<Widget>> {
    let doc = host.owner_document()?;
    let shadow = styled_shadow(&host)?;
    let parts = build_dom(&doc)?;
    let _ = shadow.append_child(&parts.root);
    let announcer = Announcer::new(parts.live.clone());
    let live = LiveState::new(parts.stale.clone());

    // Nothing until the data comes: the page's `src`, else the sample.
    let report = empty_report();
    let summary = summarize(&report.dataset, &SummaryOptions::default());
    let mut state = ChartState {
        measure: measure_of(&host),
        ..Default::default()
    };
    if let Some(p) = host_attr(&host, "pillar")
        .as_deref()
        .and_then(Pillar::parse)
    {
        state.go(Level::Pillar(p));
    }
    let events = Emitter::new(&host);
    let widget = Rc::new(RefCell::new(Widget {
        host: host.clone(),
        events: events.clone(),
        parts,
        state,
        summary,
        report,
        #[cfg(feature = "digest")]
        progress: None,
        bars: Vec::new(),
        layout: None,
        lines: None,
        width: 0.0,
        table_shown: false,
        rtl: false,
        generation: 0,
        loading: true,
        locale: Locale::of(&host),
        announcer,
        live,
        changed: BTreeSet::new(),
        highlight: None,
        me: Weak::new(),
        font_px: 16.0 * FONT_SCALE,
        summaries: SummaryCache::default(),
        shown: Shown::default(),
        text_widths: RefCell::new(TextWidths::default()),
        canvas_memory: SharedCanvasMemory::default(),
    }));
    widget.borrow_mut().me = Rc::downgrade(&widget);
    {
        let w = widget.borrow();
        w.parts.labels.apply(w.locale.text);
    }
    let mut listeners = listen(&widget);
    {
        let (root, input) = {
            let w = widget.borrow();
            (w.parts.root.clone(), w.parts.file_input.clone())
        };
        listeners.extend(file_listeners(&root, &input, &widget));
    }
    let channel = host_attr(&host, "channel");
    widget.borrow_mut().join_channel(channel.as_deref());
    // The root too: its size changes when the text size does.
    let size = {
        let w = widget.borrow();
        SizeWatch::new(&widget, &[&w.parts.plot, &w.parts.root], Widget::resized)?
    };
    widget.borrow_mut().rebuild();
    load_src(&widget, host_attr(&host, "src"));
    Some(Mounted {
        widget,
        events,
        _keep: vec![Box::new(listeners), Box::new(size)],
        on_destroy: None,
    })
}

fn build_dom(doc: &Document) -> Option<Parts> {
    let mut labels = StaticText::default();
    let root = el(doc, "div", "kw kw-chart");
    attrs(&root, &[("aria-busy", "true")]);
    let status_line = el(doc, "p", "kw-note");
    let toolbar = el(doc, "div", "kw-toolbar");
    let crumbs = el(doc, "nav", "kw-crumbs");
    labels.attr(&crumbs, "aria-label", "chart.levels_label");
    let spacer = el(doc, "span", "kw-spacer");
    let views = el(doc, "div", "kw-group");
    attrs(&views, &[("role", "group")]);
    labels.attr(&views, "aria-label", "chart.measure_label");
    let mut measure_buttons = Vec::new();
    for (measure, key) in [
        (Measure::Coverage, "chart.measure.coverage"),
        (Measure::Status, "chart.measure.status"),
        (Measure::Timeline, "chart.measure.timeline"),
        (Measure::Reporting, "chart.measure.reporting"),
        (Measure::Indicators, "chart.measure.indicators"),
    ] {
        let b = button(doc, "kw-btn", "");
        let action = format!("measure:{}", measure.as_str());
        attrs(&b, &[("data-action", &action), ("aria-pressed", "false")]);
        if measure.is_progress() {
            // Shown once the chart has progress data.
            attrs(&b, &[("hidden", "")]);
        }
        labels.text(&b, key);
        append(&views, &b);
        measure_buttons.push((measure, b));
    }
    let table_btn = button(doc, "kw-btn", "");
    attrs(
        &table_btn,
        &[("data-action", "table"), ("aria-pressed", "false")],
    );
    labels.text(&table_btn, "chart.table_button");
    let stale = el(doc, "span", "kw-stale");
    attrs(&stale, &[("hidden", "")]);
    append(&toolbar, &crumbs);
    append(&toolbar, &spacer);
    append(&toolbar, &stale);
    append(&toolbar, &views);
    append(&toolbar, &table_btn);
    let downloads =
        export::DownloadButtons::new(doc, &mut labels, "chart.export.png", "chart.export.svg");
    append(&toolbar, &downloads.group);
    let (open, file_input) = file_picker(doc, &mut labels)?;
    append(&toolbar, &open);
    append(&toolbar, &file_input);
    let legend = el(doc, "div", "kw-legend");
    attrs(&legend, &[("role", "group")]);
    labels.attr(&legend, "aria-label", "chart.legend_label");
    let mut legend_buttons = Vec::new();
    for s in Status::ALL {
        let b = button(doc, "kw-btn", "");
        attrs(
            &b,
            &[
                ("data-action", &format!("legend:{}", s.index())),
                ("aria-pressed", "true"),
            ],
        );
        let sw = el(doc, "span", &format!("kw-swatch s{}", s.index()));
        attrs(&sw, &[("aria-hidden", "true")]);
        append(&b, &sw);
        let name = el(doc, "span", "");
        labels.text(&name, status_key(s));
        append(&b, &name);
        append(&legend, &b);
        legend_buttons.push(b);
    }
    let progress_legend = el(doc, "div", "kw-legend");
    attrs(&progress_legend, &[("hidden", "")]);
    let plot = el(doc, "div", "kw-plot");
    let canvas: HtmlCanvasElement = el(doc, "canvas", "").dyn_into().ok()?;
    // No size until the first drawing (not the 300 × 150 of a new canvas).
    attrs(
        &canvas,
        &[
            ("tabindex", "0"),
            ("role", "application"),
            ("width", "0"),
            ("height", "0"),
        ],
    );
    labels.attr(&canvas, "aria-roledescription", "chart.role_description");
    let tooltip = el(doc, "div", "kw-tooltip");
    attrs(
        &tooltip,
        &[("role", "tooltip"), ("id", "kw-tip"), ("hidden", "")],
    );
    append(&plot, &canvas);
    append(&plot, &tooltip);
    let table_wrap = el(doc, "div", "kw-table-wrap kw-sr");
    let live = el(doc, "div", "kw-sr");
    attrs(&live, &[("aria-live", "polite"), ("role", "status")]);
    let problems = el(doc, "div", "kw-problems");
    attrs(&problems, &[("hidden", "")]);
    let notes = AttributeNotes::new(doc, attribute::CHART);
    let error = el(doc, "div", "kw-error");
    attrs(&error, &[("role", "alert"), ("hidden", "")]);
    let progress_error = el(doc, "div", "kw-error");
    attrs(&progress_error, &[("role", "alert"), ("hidden", "")]);
    let drop_hint = el(doc, "div", "kw-drop-hint");
    attrs(&drop_hint, &[("aria-hidden", "true")]);
    labels.text(&drop_hint, "file.drop");
    for child in [
        &toolbar,
        &legend,
        &progress_legend,
        &error,
        &progress_error,
        notes.element(),
        &problems,
        &plot,
        &status_line,
        &table_wrap,
        &live,
        &drop_hint,
    ] {
        append(&root, child);
    }
    Some(Parts {
        root,
        status_line,
        crumbs,
        plot,
        canvas,
        tooltip,
        table_wrap,
        live,
        error,
        progress_error,
        problems,
        notes,
        stale,
        file_input: file_input.dyn_into().ok()?,
        measure_buttons,
        legend_buttons,
        legend,
        progress_legend,
        table_button: table_btn,
        labels,
    })
}

fn listen(widget: &Rc<RefCell<Widget>>) -> Vec<Listener> {
    let w = widget.borrow();
    let canvas: &web_sys::EventTarget = w.parts.canvas.as_ref();
    let root: &web_sys::EventTarget = w.parts.root.as_ref();
    // One listener function per widget kind: the handlers are plain functions.
    let on = |target: &web_sys::EventTarget, kind: &'static str, f: fn(&mut Widget, Event)| {
        Listener::on(widget, target, kind, f)
    };
    vec![
        on(canvas, "pointermove", |w, e| {
            if let Some(m) = e.dyn_ref::<MouseEvent>() {
                w.input(ChartInput::PointerMove(
                    f64::from(m.offset_x()),
                    f64::from(m.offset_y()),
                ));
            }
        }),
        on(canvas, "pointerleave", |w, _| {
            w.input(ChartInput::PointerLeave)
        }),
        on(canvas, "click", |w, e| {
            if let Some(m) = e.dyn_ref::<MouseEvent>() {
                w.input(ChartInput::Click(
                    f64::from(m.offset_x()),
                    f64::from(m.offset_y()),
                ));
            }
        }),
        on(canvas, "focus", |w, _| {
            if w.state.focus.is_none() {
                w.input(ChartInput::Focus(FocusKey::First));
            } else {
                w.state.tooltip = w.state.focus;
                w.redraw();
            }
        }),
        on(canvas, "blur", |w, _| w.input(ChartInput::Blur)),
        // A canvas the browser dropped (memory pressure) and restored has a
        // context reset to its defaults: forget what it was set to, and the
        // widths measured while it was lost, and draw again.
        on(canvas, "contextrestored", |w, _| {
            if let Ok(mut memory) = w.canvas_memory.try_borrow_mut() {
                *memory = CanvasMemory::default();
            }
            if let Ok(mut widths) = w.text_widths.try_borrow_mut() {
                widths.clear();
            }
            w.redraw();
        }),
        on(canvas, "keydown", |w, e| {
            let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let rtl = w.rtl;
            let input = match k.key().as_str() {
                "ArrowDown" => ChartInput::Focus(FocusKey::Next),
                "ArrowUp" => ChartInput::Focus(FocusKey::Previous),
                "ArrowRight" if !rtl => ChartInput::Focus(FocusKey::Next),
                "ArrowLeft" if !rtl => ChartInput::Focus(FocusKey::Previous),
                "ArrowLeft" => ChartInput::Focus(FocusKey::Next),
                "ArrowRight" => ChartInput::Focus(FocusKey::Previous),
                "Home" => ChartInput::Focus(FocusKey::First),
                "End" => ChartInput::Focus(FocusKey::Last),
                "Enter" | " " => ChartInput::Activate,
                "Escape" => ChartInput::Escape,
                _ => return,
            };
            e.prevent_default();
            w.input(input);
        }),
        on(root, "click", |w, e| {
            let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let Ok(Some(btn)) = target.closest("button[data-action]") else {
                return;
            };
            if let Some(action) = btn.get_attribute("data-action") {
                w.action(&action);
            }
        }),
    ]
}

/// Measures text with the canvas's own font engine, remembering the widths.
struct CanvasMeasure<'a> {
    ctx: Option<CanvasRenderingContext2d>,
    widths: &'a RefCell<TextWidths>,
    memory: &'a SharedCanvasMemory,
}

impl<'a> CanvasMeasure<'a> {
    fn new(
        canvas: &HtmlCanvasElement,
        widths: &'a RefCell<TextWidths>,
        memory: &'a SharedCanvasMemory,
    ) -> CanvasMeasure<'a> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        CanvasMeasure {
            ctx,
            widths,
            memory,
        }
    }
}

impl TextMeasure for CanvasMeasure<'_> {
    fn width(&self, text: &str, font_px: f64) -> f64 {
        let Some(ctx) = &self.ctx else {
            return crate::core::layout::EstimatedText.width(text, font_px);
        };
        if let Some(w) = self.widths.borrow().get(font_px, text) {
            return w;
        }
        // The font as drawn: measuring leaves the context as drawing wants it.
        if let Ok(mut memory) = self.memory.try_borrow_mut() {
            canvas_font(font_px, FONT_FAMILY, |font| memory.set_font(ctx, font));
        }
        match ctx.measure_text(text) {
            Ok(m) => {
                let w = m.width();
                self.widths.borrow_mut().insert(font_px, text, w);
                w
            }
            Err(_) => 0.0,
        }
    }
}

impl Widget {
    fn input(&mut self, input: ChartInput) {
        if let Some(lines) = &self.lines {
            let fx = self.state.handle_timeline(input, lines);
            self.apply(fx);
            if let Some(slot) = self
                .state
                .focus
                .filter(|_| matches!(input, ChartInput::Focus(_)))
            {
                let text = self.describe_slot(slot);
                self.announce(&text);
            }
            return;
        }
        let Some(layout) = &self.layout else { return };
        let fx = self.state.handle(input, layout, &self.bars);
        self.apply(fx);
    }

    fn apply(&mut self, fx: Vec<ChartEffect>) {
        let mut redraw = false;
        let mut rebuild = false;
        let mut selected = false;
        for effect in fx {
            match effect {
                ChartEffect::Redraw => redraw = true,
                ChartEffect::LevelChanged => rebuild = true,
                ChartEffect::Select(key) => {
                    selected = true;
                    self.emit_select(key);
                }
            }
        }
        if rebuild {
            // Up a level (Escape): said as the level now shown.
            if !selected {
                self.emit_level();
            }
            self.rebuild();
            let (title, _) = self.level_title(self.state.level);
            let text = self.locale.counted(
                "chart.announce.level",
                &[("count", self.bars.len())],
                &[("title", Arg::Str(&title))],
            );
            self.announce(&text);
        } else if redraw {
            self.redraw();
            if let Some(i) = self.state.focus {
                if let Some(bar) = self.bars.get(i) {
                    let text = self.describe(bar);
                    self.announce(&text);
                }
            }
        }
    }

    fn action(&mut self, action: &str) {
        match action {
            "measure:coverage" | "measure:status" | "measure:indicators"
                if matches!(self.state.measure, Measure::Timeline | Measure::Reporting) =>
            {
                self.state.measure = Measure::parse(&action[8..]);
                self.state.focus = None;
                self.state.tooltip = None;
            }
            "measure:coverage" => self.state.measure = Measure::Coverage,
            "measure:status" => self.state.measure = Measure::Status,
            "measure:indicators" => self.state.measure = Measure::Indicators,
            "measure:reporting" => {
                // Counted per pillar: the overview.
                self.state.measure = Measure::Reporting;
                self.state.go(Level::Overview);
            }
            "measure:timeline" => {
                self.state.measure = Measure::Timeline;
                self.state.focus = None;
                self.state.tooltip = None;
            }
            "file:open" => return self.parts.file_input.click(),
            "export:png" => return self.export_png(),
            "export:svg" => return self.export_svg(),
            "export:csv" => return self.export_csv(),
            "table" => {
                self.table_shown = !self.table_shown;
                let cls = if self.table_shown {
                    "kw-table-wrap"
                } else {
                    "kw-table-wrap kw-sr"
                };
                self.parts.table_wrap.set_class_name(cls);
            }
            a if a.starts_with("legend:") => {
                if let Some(h) = a[7..]
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.state.hidden.get_mut(i))
                {
                    *h = !*h;
                }
                self.resummarize();
            }
            a if a.starts_with("crumb:") => {
                let trail = self.state.trail();
                if let Some(level) = a[6..].parse::<usize>().ok().and_then(|i| trail.get(i)) {
                    self.state.go(*level);
                    self.emit_level();
                }
            }
            _ => return,
        }
        self.rebuild();
    }

    /// The summary of the statuses shown, when they changed.
    fn resummarize(&mut self) {
        let options = self.summary_options();
        if self.summary.options != options {
            let next = self.summaries.take(&self.report, options);
            let previous = std::mem::replace(&mut self.summary, next);
            self.summaries.keep(&self.report, previous);
        }
    }

    fn summary_options(&self) -> SummaryOptions {
        SummaryOptions {
            statuses: self.state.hidden.map(|h| !h),
        }
    }

    /// The `height` attribute reserves the widget's height (a number is CSS
    /// pixels; any CSS length is accepted), so the page does not shift while
    /// the data loads.
    fn reserve_height(&mut self) {
        let height = host_attr(&self.host, "height").map(|h| h.trim().to_string());
        if self.shown.height.as_ref() == Some(&height) {
            return;
        }
        let Some(root) = html(&self.parts.root) else {
            return;
        };
        self.shown.height = Some(height.clone());
        let style = root.style();
        match height {
            Some(h) if !h.is_empty() => {
                let value = if crate::core::number::parse(&h).is_some() {
                    format!("{h}px")
                } else {
                    h
                };
                let _ = style.set_property("min-height", &value);
            }
            _ => {
                let _ = style.remove_property("min-height");
            }
        }
    }

    fn set_report(&mut self, report: SharedReport, event: &str, extra: &[(&str, JsValue)]) {
        self.loaded();
        set_hidden(&self.parts.error, true);
        self.live.mark_fresh(&self.locale.tag);
        self.show_data(report);
        let detail = report_detail(&self.report);
        for (k, v) in extra {
            let _ = js_sys::Reflect::set(&detail, &(*k).into(), v);
        }
        self.emit(event, &detail);
    }

    /// The first data came (or failed to): the chart is drawn from now on.
    fn loaded(&mut self) {
        if self.loading {
            self.loading = false;
            let _ = self.parts.root.remove_attribute("aria-busy");
        }
    }

    /// Shows `report`: its summary, the chart and its problems.
    fn show_data(&mut self, report: SharedReport) {
        self.summary = self.summaries.take(&report, self.summary_options());
        self.report = report;
        self.rebuild();
        self.show_problems();
    }

    /// Joins (or leaves) the `BroadcastChannel` named by the `channel` attribute.
    fn join_channel(&mut self, name: Option<&str>) {
        let me = self.me.clone();
        self.live.join_channel(name, &me);
    }

    /// Highlights the bars over `paragraphs` until the timer ends.
    fn highlight(&mut self, paragraphs: BTreeSet<u8>) {
        self.changed = paragraphs;
        let weak = self.me.clone();
        self.highlight = Timeout::new(HIGHLIGHT_MS, move || {
            enter(&weak, |w| {
                // The timer stays in place (dropping it here would drop the
                // closure that is running); the next update replaces it.
                w.changed.clear();
                w.redraw();
            });
        });
    }

    fn show_problems(&self) {
        show_problems(
            &self.host,
            &self.parts.problems,
            &ProblemList::of(&self.report),
            &self.locale,
            self.rtl,
        );
    }

    fn show_error(&mut self, message: &str) {
        self.loaded();
        // Nothing came from the first `src`: the chart shows no activity.
        let stand_in = shows_stand_in(&self.report, &self.host);
        if stand_in {
            self.show_data(empty_report());
        }
        self.error_box(
            message,
            if stand_in {
                "error.no_data"
            } else {
                "chart.error.kept"
            },
        );
    }

    /// Shows the error box (what failed, `message`, and the line `note`)
    /// and emits `kyoto:error`.
    fn error_box(&self, message: &str, note: &'static str) {
        self.error_box_in(&self.parts.error, message, note);
    }

    /// [`Widget::error_box`] in `target`.
    fn error_box_in(&self, target: &Element, message: &str, note: &'static str) {
        show_error_box(target, &self.locale, &self.events, message, note);
    }

    /// Rebuilds everything that depends on the level, measure, data or
    /// language, then redraws.
    fn rebuild(&mut self) {
        self.reserve_height();
        self.font_px = font_px(&self.parts.root);
        let decl = Declaration::get();
        let relabel = self.locale.refresh(&self.host);
        if relabel {
            self.parts.labels.apply(self.locale.text);
            self.text_widths.borrow_mut().clear();
        }
        // Right to left in Arabic, or when the page says so around the widget.
        self.rtl = self.locale.lang.is_rtl() || ancestor_rtl(&self.host);
        let root_state = (self.rtl, self.locale.tag.clone());
        if self.shown.root.as_ref() != Some(&root_state) {
            let root = &self.parts.root;
            let _ = root.set_attribute("dir", if self.rtl { "rtl" } else { "ltr" });
            let _ = root.set_attribute("lang", &self.locale.tag);
            self.shown.root = Some(root_state);
        }
        self.bars = self
            .state
            .bars(&self.summary, decl, self.locale.chart(), self.progress());
        if self.state.focus.is_some_and(|f| f >= self.bars.len()) {
            self.state.focus = None;
        }
        if relabel {
            self.show_problems();
        }
        self.sync_controls();
        // Nothing has loaded (a first `src` that failed, a sample that could
        // not be had): no bars, table or count of zeros, which a reader
        // (and a screen reader) would take for data; the error box says why.
        let nothing = !self.loading && Rc::ptr_eq(&self.report, &empty_report());
        if self.shown.nothing != nothing {
            self.shown.nothing = nothing;
            let p = &self.parts;
            for e in [&p.plot, &p.table_wrap, &p.status_line] {
                set_hidden(e, nothing);
            }
        }
        self.build_crumbs();
        self.build_table();
        let summary = self.summary_sentence();
        if self.shown.label.as_ref() != Some(&summary) {
            let _ = self.parts.canvas.set_attribute("aria-label", &summary);
            self.shown.label = Some(summary);
        }
        self.redraw();
    }

    /// A new size of the plot or of the text: drawn again.
    fn resized(&mut self) {
        let p = &self.parts;
        if measure_plot(&p.plot, &p.root, &mut self.width, &mut self.font_px) {
            self.redraw();
        }
    }

    fn sync_controls(&mut self) {
        let pressed = |b: &Element, on: bool| {
            let _ = b.set_attribute("aria-pressed", if on { "true" } else { "false" });
        };
        let statuses = self.state.hidden.map(|h| !h);
        let controls = (self.state.measure, statuses, self.table_shown);
        let before = self.shown.controls.replace(controls);
        for (m, b) in &self.parts.measure_buttons {
            let on = *m == controls.0;
            if before.map(|c| c.0 == *m) != Some(on) {
                pressed(b, on);
            }
        }
        for (i, b) in self.parts.legend_buttons.iter().enumerate() {
            let on = statuses.get(i).copied().unwrap_or(true);
            if before.and_then(|c| c.1.get(i).copied()) != Some(on) {
                pressed(b, on);
            }
        }
        if before.map(|c| c.2) != Some(controls.2) {
            pressed(&self.parts.table_button, controls.2);
        }
        self.sync_progress_legend();
        let note = (
            Rc::downgrade(&self.report),
            self.locale.lang,
            self.locale.tag.clone(),
        );
        if self.shown.note.as_ref().is_some_and(|(report, lang, tag)| {
            report.ptr_eq(&note.0) && *lang == note.1 && *tag == note.2
        }) {
            return;
        }
        if self.loading {
            return loading_note(&self.host, &self.parts.status_line, &self.locale);
        }
        self.shown.note = Some(note);
        let dataset = &self.report.dataset;
        let count = self.locale.counted(
            "data.activities",
            &[("count", dataset.activities.len())],
            &[],
        );
        dataset_note(
            &self.host,
            &self.parts.status_line,
            &self.locale,
            count,
            dataset.title.as_deref(),
            dataset.updated,
        );
    }

    /// Shows the progress measures' buttons when there is progress data, and
    /// the legend of the measure shown: the statuses' toggles, or the words
    /// of a progress measure's segments.
    fn sync_progress_legend(&mut self) {
        let measure = self.state.measure;
        let key = (measure, self.locale.lang, self.progress().is_some());
        if self.shown.progress_legend == Some(key) {
            return;
        }
        self.shown.progress_legend = Some(key);
        for (m, b) in &self.parts.measure_buttons {
            if m.is_progress() {
                set_hidden(b, self.progress().is_none());
            }
        }
        let legend = &self.parts.progress_legend;
        set_hidden(&self.parts.legend, measure.is_progress());
        set_hidden(legend, !measure.is_progress());
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        clear(legend);
        let items = progress_key(measure);
        if items.is_empty() {
            return;
        }
        let label = self.locale.text(if measure == Measure::Reporting {
            "chart.measure.reporting"
        } else {
            "chart.measure.indicators"
        });
        attrs(legend, &[("role", "group"), ("aria-label", label)]);
        for (kind, key) in items {
            let item = el(&doc, "span", "");
            let class = match kind {
                SegmentKind::Status(i) => format!("s{i}"),
                _ => "st".to_string(),
            };
            let sw = el(&doc, "span", &format!("kw-swatch {class}"));
            attrs(&sw, &[("aria-hidden", "true")]);
            append(&item, &sw);
            append(&item, &text_el(&doc, "span", "", self.locale.text(key)));
            append(legend, &item);
        }
    }

    /// The digest of the progress data, once kyoto.js has handed it over
    /// (never in a module without the digest reader).
    fn progress(&self) -> Option<&ProgressDigest> {
        #[cfg(feature = "digest")]
        return self.progress.as_deref();
        #[cfg(not(feature = "digest"))]
        return None;
    }

    /// Takes the digest of the progress data.
    #[cfg(feature = "digest")]
    fn set_progress(&mut self, text: &str) {
        match ProgressDigest::from_json(text) {
            Ok(digest) => {
                self.progress = Some(Rc::new(digest));
                set_hidden(&self.parts.progress_error, true);
                self.rebuild();
            }
            Err(e) => self.progress_failed(&e.to_string()),
        }
    }

    /// Says why the progress data did not load.
    #[cfg(feature = "digest")]
    fn progress_failed(&mut self, message: &str) {
        self.error_box_in(&self.parts.progress_error, message, "digest.failed");
    }

    /// The title of a level, and whether it is English standing in for a
    /// translation.
    fn level_title(&self, level: Level) -> (String, bool) {
        let loc = self.locale.chart();
        match level {
            Level::Overview => (self.locale.text("chart.level.overview").to_string(), false),
            Level::Pillar(p) => (loc.pillar_label(p), false),
            Level::Theme(p, t) => {
                let fallback = Declaration::get()
                    .pillar(p)
                    .and_then(|s| s.themes.get(t))
                    .map(|t| t.heading.as_str())
                    .unwrap_or("");
                loc.heading(&theme_key(p, t), fallback)
            }
        }
    }

    fn build_crumbs(&mut self) {
        let trail = self.state.trail();
        let key = (
            trail.clone(),
            self.locale.lang,
            self.locale.tag.clone(),
            self.rtl,
        );
        if self.shown.crumbs.as_ref() == Some(&key) {
            return;
        }
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        self.shown.crumbs = Some(key);
        clear(&self.parts.crumbs);
        let ol = el(&doc, "ol", "");
        let last = trail.len().saturating_sub(1);
        for (i, level) in trail.iter().enumerate() {
            let li = el(&doc, "li", "");
            let (title, english) = self.level_title(*level);
            if i == last {
                let span = maybe_english(&doc, "span", "", &title, english, self.rtl);
                attrs(&span, &[("aria-current", "page")]);
                append(&li, &span);
            } else {
                let b = button(&doc, "", "");
                append(
                    &b,
                    &maybe_english(&doc, "span", "", &title, english, self.rtl),
                );
                attrs(&b, &[("data-action", &format!("crumb:{i}"))]);
                append(&li, &b);
            }
            append(&ol, &li);
        }
        append(&self.parts.crumbs, &ol);
    }

    /// The table of the current view: its header and rows.
    fn table_rows(&self) -> (Vec<String>, Vec<Vec<Cell>>) {
        let loc = &self.locale;
        if self.state.measure == Measure::Timeline {
            let chart = loc.chart();
            let mut header: Vec<String> = [
                "chart.table.quarter",
                "chart.table.started",
                "chart.table.cumulative",
            ]
            .iter()
            .map(|k| loc.text(k).to_string())
            .collect();
            header.extend(Pillar::ALL.iter().map(|p| chart.pillar_label(*p)));
            let rows = self
                .summary
                .timeline
                .quarters
                .iter()
                .map(|q| {
                    let mut row = vec![
                        Cell::text(chart.quarter_label(q.year, q.quarter)),
                        Cell::Count(q.started),
                        Cell::Count(q.cumulative),
                    ];
                    row.extend(q.cumulative_by_pillar.iter().map(|n| Cell::Count(*n)));
                    row
                })
                .collect();
            return (header, rows);
        }
        if self.state.measure.is_progress() {
            return self.progress_rows();
        }
        let mut header: Vec<String> = [
            "chart.table.item",
            "chart.table.name",
            "chart.table.paragraphs",
            "chart.table.with_activity",
            "chart.table.coverage_percent",
            "chart.table.activities",
        ]
        .iter()
        .map(|k| loc.text(k).to_string())
        .collect();
        header.extend(
            Status::ALL
                .iter()
                .map(|s| loc.text(status_key(*s)).to_string()),
        );
        let rows = self
            .bars
            .iter()
            .map(|b| {
                let n = &b.numbers;
                // A theme's name is its label: said once, in the row's header.
                let name = if b.name == b.label {
                    String::new()
                } else {
                    b.name.clone()
                };
                vec![
                    Cell::Text(b.label.clone(), b.label_in_english),
                    Cell::Text(name, b.name_in_english),
                    Cell::Count(n.paragraphs),
                    Cell::Count(n.covered),
                    Cell::Percent(percent(n.covered, n.paragraphs)),
                    Cell::Count(n.activities),
                    Cell::Count(n.by_status[0]),
                    Cell::Count(n.by_status[1]),
                    Cell::Count(n.by_status[2]),
                ]
            })
            .collect();
        (header, rows)
    }

    /// The table of a progress measure: per bar, the States reporting in
    /// the latest cycle, or the indicators by status.
    fn progress_rows(&self) -> (Vec<String>, Vec<Vec<Cell>>) {
        let loc = &self.locale;
        let reporting = self.state.measure == Measure::Reporting;
        let mut header: Vec<String> = ["chart.table.item", "chart.table.name"]
            .iter()
            .map(|k| loc.text(k).to_string())
            .collect();
        if reporting {
            header.extend(
                [
                    "chart.table.cycle",
                    "chart.table.states_answered",
                    "chart.table.states_reporting",
                    "chart.table.states",
                ]
                .iter()
                .map(|k| loc.text(k).to_string()),
            );
        } else {
            header.push(loc.text("chart.table.indicators").to_string());
            header.extend(Standing::ALL.iter().map(|s| loc.text(s.key()).to_string()));
        }
        let rows = self
            .bars
            .iter()
            .map(|b| {
                let mut row = vec![
                    Cell::Text(b.label.clone(), b.label_in_english),
                    Cell::Text(b.name.clone(), b.name_in_english),
                ];
                let p = b.progress.as_ref();
                if reporting {
                    let s = p.and_then(|p| p.states.as_ref());
                    row.push(Cell::text(s.map(|s| s.cycle.clone()).unwrap_or_default()));
                    row.extend(
                        [
                            s.map_or(0, |s| s.answered),
                            s.map_or(0, |s| s.reporting),
                            s.map_or(0, |s| s.states),
                        ]
                        .map(Cell::Count),
                    );
                } else {
                    let counts = p.map_or([0; 4], |p| p.indicators);
                    row.push(Cell::Count(counts.iter().sum()));
                    row.extend(counts.map(Cell::Count));
                }
                row
            })
            .collect();
        (header, rows)
    }

    /// The table of the current view, as text.
    fn table_model(&self) -> TableModel {
        let (title, english) = self.level_title(self.state.level);
        let caption = self
            .locale
            .text
            .format("chart.table.caption", &[("title", Arg::Str(&slot(0)))]);
        let (header, rows) = self.table_rows();
        // Numbers from this column on (the timeline's from its second).
        let numeric = if self.state.measure == Measure::Timeline {
            1
        } else {
            2
        };
        TableModel {
            caption: (caption, title, english),
            header,
            numeric,
            rtl: self.rtl,
            rows: rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|cell| cell.shown(&self.locale.numbers))
                        .collect()
                })
                .collect(),
        }
    }

    /// Writes the table: when only numbers and names changed, into the
    /// cells that show them; else the whole table anew.
    fn build_table(&mut self) {
        let model = self.table_model();
        if let Some(shown) = &mut self.shown.table {
            if shown.model == model {
                return;
            }
            if shown.model.same_shape(&model) {
                for ((old, new), holders) in
                    shown.model.rows.iter().zip(&model.rows).zip(&shown.cells)
                {
                    for ((old, new), holder) in old.iter().zip(new).zip(holders) {
                        if old.0 != new.0 {
                            holder.set_text_content(Some(&new.0));
                        }
                    }
                }
                shown.model = model;
                return;
            }
        }
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        clear(&self.parts.table_wrap);
        let table = el(&doc, "table", "kw-table");
        let caption = el(&doc, "caption", "");
        let (text, title, english) = &model.caption;
        append_message(
            &doc,
            &caption,
            text,
            &[maybe_english(&doc, "span", "", title, *english, self.rtl)],
        );
        append(&table, &caption);
        let numeric = model.numeric;
        let thead = el(&doc, "thead", "");
        let tr = el(&doc, "tr", "");
        for (i, h) in model.header.iter().enumerate() {
            let th = text_el(&doc, "th", if i >= numeric { "num" } else { "" }, h);
            attrs(&th, &[("scope", "col")]);
            append(&tr, &th);
        }
        append(&thead, &tr);
        append(&table, &thead);
        let tbody = el(&doc, "tbody", "");
        let mut cells = Vec::with_capacity(model.rows.len());
        for row in &model.rows {
            let tr = el(&doc, "tr", "");
            let mut holders = Vec::with_capacity(row.len());
            for (i, (text, english)) in row.iter().enumerate() {
                let c = if i == 0 {
                    let th = maybe_english(&doc, "th", "", text, *english, self.rtl);
                    attrs(&th, &[("scope", "row")]);
                    th
                } else {
                    let class = if i >= numeric { "num" } else { "" };
                    maybe_english(&doc, "td", class, text, *english, self.rtl)
                };
                // An English cell holds its text in an inner span.
                let holder = if *english {
                    c.first_element_child().unwrap_or_else(|| c.clone())
                } else {
                    c.clone()
                };
                holders.push(holder);
                append(&tr, &c);
            }
            cells.push(holders);
            append(&tbody, &tr);
        }
        append(&table, &tbody);
        append(&self.parts.table_wrap, &table);
        self.shown.table = Some(TableDom { model, cells });
    }

    /// The table as CSV: headers in the widget's language, numbers in ASCII
    /// digits (a file for spreadsheets, not a sentence).
    fn table_csv(&self) -> String {
        let (header, rows) = self.table_rows();
        let cells: Vec<String> = header.iter().map(|c| csv_cell(c)).collect();
        let mut out = cells.join(",");
        out.push('\n');
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| csv_cell(&c.plain())).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    fn summary_sentence(&self) -> String {
        let loc = &self.locale;
        let chart = loc.chart();
        if self.state.measure == Measure::Timeline {
            let t = &self.summary.timeline;
            let (Some(first), Some(q)) = (t.quarters.first(), t.quarters.last()) else {
                return loc.text("chart.timeline.empty").to_string();
            };
            let pillars: Vec<String> = Pillar::ALL
                .iter()
                .map(|p| {
                    let n = q.cumulative_by_pillar.get(p.index()).copied().unwrap_or(0);
                    let shown = loc.count(n as usize);
                    loc.text.format(
                        "chart.timeline.pillar_total",
                        &[
                            ("pillar", Arg::Str(p.numeral())),
                            ("count", Arg::Str(&shown)),
                        ],
                    )
                })
                .collect();
            let (from, to, pillars) = (
                chart.quarter_label(first.year, first.quarter),
                chart.quarter_label(q.year, q.quarter),
                loc.join(&pillars),
            );
            return loc.text.format(
                "chart.timeline.summary",
                &[
                    ("first", Arg::Str(&from)),
                    ("last", Arg::Str(&to)),
                    ("pillars", Arg::Str(&pillars)),
                ],
            );
        }
        let measure = self.state.measure;
        let items: Vec<String> = self
            .bars
            .iter()
            .map(|b| {
                let n = &b.numbers;
                if measure.is_progress() {
                    let line = chart.progress_line(measure, b.progress.as_ref());
                    // A cycle's line begins with the cycle.
                    if matches!(b.key, BarKey::Cycle(..)) {
                        return line;
                    }
                    return format!("{}: {line}", b.label);
                }
                loc.counted(
                    "chart.summary.item",
                    &[
                        ("covered", n.covered as usize),
                        ("total", n.paragraphs as usize),
                        ("activities", n.activities as usize),
                    ],
                    &[("label", Arg::Str(&b.label))],
                )
            })
            .collect();
        let (title, _) = self.level_title(self.state.level);
        let items = items.join(loc.text("data.item_separator"));
        loc.text.format(
            "chart.summary",
            &[("title", Arg::Str(&title)), ("items", Arg::Str(&items))],
        )
    }

    /// "17 of 17 paragraphs with activities (100%)".
    fn coverage_line(&self, n: &GroupProgress) -> String {
        let p = self
            .locale
            .numbers
            .percent(percent(n.covered, n.paragraphs));
        self.locale.counted(
            "chart.tooltip.coverage",
            &[
                ("covered", n.covered as usize),
                ("total", n.paragraphs as usize),
            ],
            &[("percent", Arg::Str(&p))],
        )
    }

    /// "30 activities: 10 completed, 15 ongoing, 5 planned".
    fn activities_line(&self, n: &GroupProgress) -> String {
        self.locale.counted(
            "chart.tooltip.activities",
            &[
                ("count", n.activities as usize),
                ("completed", n.by_status[0] as usize),
                ("ongoing", n.by_status[1] as usize),
                ("planned", n.by_status[2] as usize),
            ],
            &[],
        )
    }

    fn describe(&self, bar: &ChartBar) -> String {
        let n = &bar.numbers;
        let (name, coverage) = (shorten(&bar.name, 160), self.first_line(bar));
        if matches!(bar.key, BarKey::Cycle(..)) {
            // A cycle of the States reporting: no activities to speak of.
            return self.locale.text.format(
                "chart.describe_cycle",
                &[
                    ("label", Arg::Str(&bar.label)),
                    ("name", Arg::Str(&name)),
                    ("coverage", Arg::Str(&coverage)),
                ],
            );
        }
        let activities = self.activities_line(n);
        // A paragraph's bar has no name beside its label, and a theme's
        // label is its name: said once.
        let plain = name.trim().is_empty() || name == bar.label;
        self.locale.text.format(
            if plain {
                "chart.describe_plain"
            } else {
                "chart.describe"
            },
            &[
                ("label", Arg::Str(&bar.label)),
                ("name", Arg::Str(&name)),
                ("coverage", Arg::Str(&coverage)),
                ("activities", Arg::Str(&activities)),
            ],
        )
    }

    /// A bar's first line of figures: its coverage, or in a progress
    /// measure its progress figures.
    fn first_line(&self, bar: &ChartBar) -> String {
        let measure = self.state.measure;
        if measure.is_progress() {
            self.locale
                .chart()
                .progress_line(measure, bar.progress.as_ref())
        } else {
            self.coverage_line(&bar.numbers)
        }
    }

    fn file_stem(&self) -> String {
        format!("kyoto-{}", level_name(self.state.level).replace(':', "-"))
    }

    fn draw_state(&self) -> DrawState {
        DrawState {
            focused: None,
            hovered: None,
            changed: Vec::new(),
        }
    }

    /// The bars over paragraphs that changed in the last update.
    fn changed_bars(&self) -> Vec<usize> {
        if self.changed.is_empty() {
            return Vec::new();
        }
        let decl = Declaration::get();
        self.bars
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                bar_paragraphs(b.key, decl)
                    .iter()
                    .any(|n| self.changed.contains(n))
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn palette(&self) -> Palette {
        Palette::named(host_attr(&self.host, "theme").as_deref().unwrap_or("light"))
    }

    /// Downloads the numbers shown as CSV.
    #[inline(never)]
    fn export_csv(&self) {
        let csv = self.table_csv();
        let name = format!("{}.csv", self.file_stem());
        export::download_text(&self.host, &self.events, export::CSV_URL, &csv, &name);
    }

    // The exports stay out of line (`inline(never)` here, and wasm-opt's
    // `--one-caller-inline-max-function-size` in `x`): inlined, they made the
    // click handler an 11 KB function, which the browser compiles the first
    // time any button of the chart is clicked (WebAssembly is compiled
    // lazily, function by function); out of line they are compiled when an
    // export is asked for.
    /// Draws the current view at twice its size on a detached canvas and
    /// downloads it as PNG.
    #[inline(never)]
    /// The heading a download shows above the chart, so that it reads on
    /// its own (on a slide): the level and the measure as its title, and the
    /// key to the segments' colours and patterns that the page shows as the
    /// legend.
    fn export_heading(&self, width: f64) -> KeyHeading {
        let (level, _) = self.level_title(self.state.level);
        let measure = self
            .parts
            .measure_buttons
            .iter()
            .find(|(m, _)| *m == self.state.measure);
        let title = match measure.and_then(|(_, b)| b.text_content()) {
            Some(m) => format!("{level} · {}", m.trim()),
            None => level,
        };
        let key: Vec<(SegmentKind, String)> = match self.state.measure {
            Measure::Coverage => vec![
                (
                    SegmentKind::Covered,
                    self.locale.text("chart.key.covered").to_string(),
                ),
                (
                    SegmentKind::Uncovered,
                    self.locale.text("chart.key.uncovered").to_string(),
                ),
            ],
            Measure::Status => Status::ALL
                .iter()
                .filter(|s| !self.state.hidden.get(s.index()).copied().unwrap_or(false))
                .map(|s| {
                    (
                        SegmentKind::Status(s.index()),
                        self.locale.text(status_key(*s)).to_string(),
                    )
                })
                .collect(),
            Measure::Timeline => Vec::new(),
            m => progress_key(m)
                .into_iter()
                .map(|(kind, key)| (kind, self.locale.text(key).to_string()))
                .collect(),
        };
        let measure_text =
            CanvasMeasure::new(&self.parts.canvas, &self.text_widths, &self.canvas_memory);
        layout_key_heading(width, &title, &key, self.font_px, self.rtl, &measure_text)
    }

    fn export_png(&self) {
        let (width, height) = match (&self.lines, &self.layout) {
            (Some(lines), _) => (lines.width, lines.height),
            (None, Some(layout)) => (layout.width, layout.height),
            _ => return,
        };
        let palette = self.palette();
        let heading = self.export_heading(width);
        let height = height + heading.height;
        let url = export::png_data_url(&self.host, width, height, |area| {
            draw_with_heading(area, &heading, &palette, |plot| {
                match (&self.lines, &self.layout) {
                    (Some(lines), _) => draw_lines(plot, lines, &palette, None),
                    (None, Some(layout)) => draw_bars(plot, layout, &palette, &self.draw_state()),
                    // Not reached: there is a chart (checked above).
                    (None, None) => Ok(()),
                }
            })
            .is_ok()
        });
        if let Some(url) = url {
            let name = format!("{}.png", self.file_stem());
            export::download_url(&self.host, &self.events, &url, &name);
        }
    }

    #[inline(never)]
    fn export_svg(&self) {
        let svg = match (&self.lines, &self.layout) {
            (Some(lines), _) => {
                lines_with_heading_svg(&self.export_heading(lines.width), lines, &self.palette())
            }
            (None, Some(layout)) => bars_with_heading_svg(
                &self.export_heading(layout.width),
                layout,
                &self.palette(),
                &self.draw_state(),
            ),
            _ => return,
        };
        match svg {
            Ok(svg) => {
                let name = format!("{}.svg", self.file_stem());
                export::download_text(&self.host, &self.events, export::SVG_URL, &svg, &name);
            }
            Err(e) => self.error_box(&e, "chart.error.kept"),
        }
    }

    fn redraw(&mut self) {
        super::fault::trip();
        if self.loading {
            return; // drawn when the data comes
        }
        if self.width < 1.0 {
            // Not known yet (or hidden when last seen): read it once.
            self.width = f64::from(self.parts.plot.client_width());
        }
        let width = self.width;
        if width < 1.0 {
            return; // hidden: the ResizeObserver redraws when it is shown
        }
        let measure =
            CanvasMeasure::new(&self.parts.canvas, &self.text_widths, &self.canvas_memory);
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0);
        if self.state.measure == Measure::Timeline {
            // Time runs left to right in every language, right-to-left pages
            // included: the conventional direction of a time axis. Only the
            // words and digits follow the language.
            let lines = timeline_layout(
                &self.summary,
                width,
                self.font_px,
                self.locale.chart(),
                &measure,
            );
            if let Some(backend) = ScaledCanvas::new(
                &self.parts.canvas,
                width,
                lines.height,
                dpr,
                &self.canvas_memory,
            ) {
                let area = backend.into_drawing_area();
                let focused = self.state.tooltip;
                if draw_lines(&area, &lines, &self.palette(), focused).is_ok() {
                    let _ = area.present();
                }
            }
            self.place_slot_tooltip(&lines);
            self.lines = Some(lines);
            self.layout = None;
            return;
        }
        self.lines = None;
        let layout = self.state.layout(
            &self.bars,
            width,
            self.font_px,
            self.rtl,
            self.locale.chart(),
            &measure,
        );
        let palette = self.palette();
        if let Some(backend) = ScaledCanvas::new(
            &self.parts.canvas,
            width,
            layout.height,
            dpr,
            &self.canvas_memory,
        ) {
            let area = backend.into_drawing_area();
            let state = DrawState {
                focused: self.state.focus,
                hovered: self.state.hover,
                changed: self.changed_bars(),
            };
            if let Err(e) = draw_bars(&area, &layout, &palette, &state) {
                web_sys::console::error_1(&JsValue::from_str(&format!(
                    "kyoto-widgets: drawing failed: {e}"
                )));
            }
            let _ = area.present();
        }
        self.place_tooltip(&layout);
        self.layout = Some(layout);
    }

    fn slot_lines(&self, slot: usize) -> Option<(String, Vec<String>)> {
        let q = self.summary.timeline.quarters.get(slot)?;
        let lines = Pillar::ALL
            .iter()
            .map(|p| {
                let n = q.cumulative_by_pillar.get(p.index()).copied().unwrap_or(0);
                let new = q.started_by_pillar.get(p.index()).copied().unwrap_or(0);
                let new = self.locale.count(new as usize);
                self.locale.counted(
                    "chart.timeline.slot_line",
                    &[("count", n as usize)],
                    &[("pillar", Arg::Str(p.numeral())), ("new", Arg::Str(&new))],
                )
            })
            .collect();
        let label = self.locale.chart().quarter_label(q.year, q.quarter);
        Some((label, lines))
    }

    fn describe_slot(&self, slot: usize) -> String {
        self.slot_lines(slot)
            .map(|(label, lines)| {
                let items = lines.join(self.locale.text("data.item_separator"));
                self.locale.text.format(
                    "chart.summary",
                    &[("title", Arg::Str(&label)), ("items", Arg::Str(&items))],
                )
            })
            .unwrap_or_default()
    }

    fn place_slot_tooltip(&self, lines: &LineLayout) {
        let tip = &self.parts.tooltip;
        let found = self
            .state
            .tooltip
            .and_then(|i| Some((i, self.slot_lines(i)?)));
        let (Some((slot, (label, rows))), Some(doc)) = (found, self.host.owner_document()) else {
            set_hidden(tip, true);
            let _ = self.parts.canvas.remove_attribute("aria-describedby");
            return;
        };
        clear(tip);
        append(tip, &text_el(&doc, "strong", "", &label));
        for r in &rows {
            append(tip, &text_el(&doc, "div", "", r));
        }
        set_hidden(tip, false);
        // Beside the focused quarter, below the plot's top: on the reading side
        // (before the quarter in right-to-left), or on the side with room.
        let texts: Vec<&str> = std::iter::once(label.as_str())
            .chain(rows.iter().map(String::as_str))
            .collect();
        let (tip_w, _) = tooltip_size(&texts, self.font_px, lines.width);
        if let (Some(tip_el), Some(place)) = (html(tip), lines.tooltip_place(slot, tip_w, self.rtl))
        {
            set_tooltip_place(&tip_el, place);
        }
        let _ = self
            .parts
            .canvas
            .set_attribute("aria-describedby", "kw-tip");
    }

    fn place_tooltip(&self, layout: &BarLayout) {
        let tip = &self.parts.tooltip;
        let Some(i) = self.state.tooltip.filter(|i| *i < layout.bars.len()) else {
            set_hidden(tip, true);
            let _ = self.parts.canvas.remove_attribute("aria-describedby");
            return;
        };
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let Some(data) = self.bars.get(i) else { return };
        let name = (data.name != data.label).then(|| shorten(&data.name, 120));
        let coverage = self.first_line(data);
        // A cycle of the States reporting has no activities to speak of.
        let activities =
            (!matches!(data.key, BarKey::Cycle(..))).then(|| self.activities_line(&data.numbers));
        clear(tip);
        append(
            tip,
            &maybe_english(
                &doc,
                "strong",
                "",
                &data.label,
                data.label_in_english,
                self.rtl,
            ),
        );
        if let Some(name) = &name {
            append(
                tip,
                &maybe_english(&doc, "span", "", name, data.name_in_english, self.rtl),
            );
        }
        append(tip, &text_el(&doc, "div", "", &coverage));
        if let Some(activities) = &activities {
            append(tip, &text_el(&doc, "div", "", activities));
        }
        set_hidden(tip, false);
        // Below the bar's row (above when there is no room), never over the
        // bar, aligned with the bar's start: its right end in a right-to-left
        // chart. Its height is estimated, not read: reading it would lay the
        // page out in the middle of the redraw.
        let texts: Vec<&str> = std::iter::once(data.label.as_str())
            .chain(name.as_deref())
            .chain([coverage.as_str()])
            .chain(activities.as_deref())
            .collect();
        let (_, tip_h) = tooltip_size(&texts, self.font_px, layout.width);
        if let (Some(tip_el), Some(place)) = (html(tip), layout.tooltip_place(i, tip_h)) {
            set_tooltip_place(&tip_el, place);
        }
        let _ = self
            .parts
            .canvas
            .set_attribute("aria-describedby", "kw-tip");
    }

    fn announce(&self, text: &str) {
        self.announcer.say(text);
    }

    /// Fires `name` from the host once the widget has released its state.
    fn emit(&self, name: &str, detail: &JsValue) {
        self.events.fire(name, detail);
    }

    /// `kyoto:select` of the level shown, when the reader went up to it: a
    /// pillar or a theme as its bar says it, the overview as `{kind:
    /// "overview"}` (a paragraph browser beside the chart shows every
    /// paragraph again).
    fn emit_level(&self) {
        match self.state.level {
            Level::Overview => {
                let detail = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&detail, &"kind".into(), &"overview".into());
                self.emit("kyoto:select", &detail);
            }
            Level::Pillar(p) => self.emit_select(BarKey::Pillar(p)),
            Level::Theme(p, t) => self.emit_select(BarKey::Theme(p, t)),
        }
    }

    fn emit_select(&self, key: BarKey) {
        let detail = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&detail, &k.into(), &v);
        };
        match key {
            BarKey::Part(p) => {
                set("kind", "part".into());
                set(
                    "part",
                    match p {
                        Part::Declaratory => "declaratory",
                        Part::Actions => "actions",
                        Part::FollowUp => "follow-up",
                    }
                    .into(),
                );
            }
            BarKey::Pillar(p) => {
                set("kind", "pillar".into());
                set("pillar", p.numeral().into());
            }
            BarKey::Theme(p, t) => {
                set("kind", "theme".into());
                set("pillar", p.numeral().into());
                set("theme", (t as u32).into());
                let heading = Declaration::get()
                    .pillar(p)
                    .and_then(|s| s.themes.get(t))
                    .map(|t| t.heading.clone())
                    .unwrap_or_default();
                set("heading", heading.into());
            }
            BarKey::Paragraph(n) => {
                set("kind", "paragraph".into());
                set("paragraph", u32::from(n).into());
            }
            BarKey::Cycle(p, i) => {
                set("kind", "cycle".into());
                set("pillar", p.numeral().into());
                let cycle = self
                    .progress()
                    .and_then(|d| d.pillar(p))
                    .and_then(|d| d.cycles.get(i))
                    .map(|c| c.cycle.clone())
                    .unwrap_or_default();
                set("cycle", cycle.into());
            }
        }
        self.emit("kyoto:select", &detail);
    }
}

/// A cell of the chart's table.
enum Cell {
    /// Text, and whether it is English in a widget speaking another language.
    Text(String, bool),
    /// A count.
    Count(u32),
    /// A share in percent (the column header says "%").
    Percent(f64),
}

/// A share in percent rounded to a whole number, half away from zero, within 0–100.
fn whole_percent(p: f64) -> u32 {
    p.round().clamp(0.0, 100.0) as u32
}

impl Cell {
    fn text(s: String) -> Cell {
        Cell::Text(s, false)
    }

    /// As the table shows it: numbers written by the locale.
    fn shown(&self, fmt: &dyn NumberFormat) -> (String, bool) {
        match self {
            Cell::Text(s, english) => (s.clone(), *english),
            Cell::Count(n) => (fmt.count(*n), false),
            Cell::Percent(p) => (fmt.count(whole_percent(*p)), false),
        }
    }

    /// As the CSV export writes it: ASCII digits, the same whole percent as
    /// the table shows (`{:.0}` would round a half to even: 12.5 to 12
    /// where the table shows 13).
    fn plain(&self) -> String {
        match self {
            Cell::Text(s, _) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(p) => whole_percent(*p).to_string(),
        }
    }
}

/// Puts the tooltip where `place` says. The shift that depends on the
/// tooltip's own width is a CSS `transform: translate(…)`, whose percentages
/// are of the tooltip's own size, so nothing is measured here (`min()` and
/// `max()` there need Chromium 79, Firefox 75, Safari 11.1; the `translate`
/// property would need Chromium 104). Whole pixels, written without float
/// formatting.
fn set_tooltip_place(tip: &HtmlElement, place: TooltipPlace) {
    let px = |v: f64| v.round() as i64;
    let x = match place.shift {
        TooltipShift::Fit { room } => format!("min(0px, calc({}px - 100%))", px(room.floor())),
        TooltipShift::EndAt => format!("max(-100%, {}px)", -px(place.left)),
    };
    let y = if place.above { "-100%" } else { "0px" };
    let style = tip.style();
    let _ = style.set_property("left", &format!("{}px", px(place.left)));
    let _ = style.set_property("top", &format!("{}px", px(place.top)));
    let _ = style.set_property("transform", &format!("translate({x}, {y})"));
}

/// The segments of a progress measure with the words its legend and a
/// download's key give them (none for the activities' measures).
fn progress_key(measure: Measure) -> Vec<(SegmentKind, &'static str)> {
    match measure {
        Measure::Reporting => vec![
            (SegmentKind::Status(0), "chart.legend.answered"),
            (SegmentKind::Status(1), "chart.legend.report_only"),
            (SegmentKind::Uncovered, "chart.legend.not_reporting"),
        ],
        Measure::Indicators => Standing::ALL
            .iter()
            .map(|s| (standing_segment(*s), s.key()))
            .collect(),
        _ => Vec::new(),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

fn csv_cell(c: &str) -> String {
    let c = if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{c}")
    } else {
        c.to_string()
    };
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

/// The paragraphs a bar stands for.
fn bar_paragraphs(key: BarKey, decl: &Declaration) -> Vec<u8> {
    match key {
        BarKey::Part(p) => decl.part_paragraphs(p).collect(),
        BarKey::Pillar(p) | BarKey::Cycle(p, _) => decl.pillar_paragraphs(p).collect(),
        BarKey::Theme(p, t) => decl
            .pillar(p)
            .and_then(|s| s.themes.get(t))
            .map(|t| t.paragraphs.clone())
            .unwrap_or_default(),
        BarKey::Paragraph(n) => vec![n],
    }
}

impl Shell for Widget {
    fn refresh(&mut self) {
        // Asked for: the container may have changed size just now.
        self.width = f64::from(self.parts.plot.client_width());
        self.redraw();
    }

    fn attribute(&mut self, name: &str, value: Option<&str>) {
        match name {
            "view" => {
                self.state.measure = measure_of(&self.host);
                self.rebuild();
            }
            "pillar" => {
                let level = value
                    .and_then(Pillar::parse)
                    .map(Level::Pillar)
                    .unwrap_or(Level::Overview);
                self.state.go(level);
                self.rebuild();
            }
            "theme" | "height" | "lang" => self.rebuild(),
            _ => {}
        }
    }

    fn teardown(&mut self) {
        self.highlight = None;
        clear(&self.parts.root);
        self.parts.root.remove();
    }

    fn check_attributes(&mut self) {
        // A height the browser did not take as a CSS length (`reserve_height`
        // set it): none is reserved.
        let unread = host_attr(&self.host, "height")
            .filter(|h| !h.trim().is_empty())
            .filter(|_| {
                html(&self.parts.root).is_some_and(|root| {
                    root.style()
                        .get_property_value("min-height")
                        .map_or(true, |v| v.is_empty())
                })
            })
            .map(|h| attribute::found("height", h, attribute::HEIGHT_UNREAD, String::new()));
        self.parts
            .notes
            .check(&self.host, &self.locale, unread.into_iter().collect());
    }
}

impl Reset for Widget {
    /// The view of `view`, the level of `pillar`, every status (the
    /// legend's filters cleared), no bar focused, the table folded.
    fn reset(&mut self) {
        let level = host_attr(&self.host, "pillar")
            .as_deref()
            .and_then(Pillar::parse)
            .map_or(Level::Overview, Level::Pillar);
        let measure = measure_of(&self.host);
        self.state.reset(measure, level);
        self.resummarize();
        self.table_shown = false;
        self.parts.table_wrap.set_class_name("kw-table-wrap kw-sr");
        self.rebuild();
    }
}

impl LiveTarget for Widget {
    type Data = ImportReport;

    live_target_fields!(report);

    fn show_loaded(&mut self, report: SharedReport) {
        self.set_report(report, "kyoto:loaded", &[]);
    }

    fn say(&self, text: &str) {
        self.announcer.say(text);
    }

    fn show_failure(&mut self, message: &str) {
        self.show_error(message);
    }

    fn show_update(
        &mut self,
        report: SharedReport,
        changed: Option<BTreeSet<u8>>,
        detail: &[(&str, JsValue)],
    ) {
        // Newer than any download still under way.
        self.generation += 1;
        match changed {
            Some(paragraphs) => self.highlight(paragraphs),
            None => {
                self.changed.clear();
                self.highlight = None;
            }
        }
        self.set_report(report, "kyoto:updated", detail);
    }
}
