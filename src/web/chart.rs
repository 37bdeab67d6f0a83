//! `<kyoto-pillar-chart>`: the pillar progress chart widget.
//!
//! The handle owns the widget's state and every listener and observer it made;
//! `destroy()` drops them all. DOM events are translated into
//! [`ChartInput`]s; the model in `core::chart` decides, this module applies the
//! effects (redraw, rebuild, `kyoto:select`).

use super::canvas::ScaledCanvas;
use super::data::{import_value, load_shared, shared_sample, SharedReport};
use super::dom::{append, attrs, button, clear, el, html, set_hidden, text_el};
use super::listen::Listener;
use crate::core::aggregate::{summarize, Summary, SummaryOptions};
use crate::core::chart::{
    percent, timeline_series, BarKey, ChartBar, ChartEffect, ChartInput, ChartState, Level,
    Measure, PlainNumbers,
};
use crate::core::declaration::Declaration;
use crate::core::import::ImportReport;
use crate::core::layout::{layout_lines, BarLayout, FocusKey, LineLayout, TextMeasure};
use crate::core::model::{Part, Pillar, Status};
use crate::render::{bars_svg, draw_bars, draw_lines, lines_svg, DrawState, Palette, FONT_FAMILY};
use plotters::prelude::*;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, CssStyleSheet, Document, Element, Event, HtmlCanvasElement,
    HtmlElement, KeyboardEvent, MouseEvent, ResizeObserver, ShadowRootInit, ShadowRootMode,
};

const STYLE: &str = include_str!("widget.css");
const FONT_PX: f64 = 14.0;

/// The JS handle of a pillar progress chart.
#[wasm_bindgen]
pub struct PillarChart {
    inner: Option<Mounted>,
}

struct Mounted {
    widget: Rc<RefCell<Widget>>,
    _listeners: Vec<Listener>,
    observer: ResizeObserver,
    _observer_cb: Closure<dyn FnMut(js_sys::Array)>,
}

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
    problems: Element,
}

struct Widget {
    host: HtmlElement,
    parts: Parts,
    state: ChartState,
    summary: Summary,
    report: SharedReport,
    bars: Vec<ChartBar>,
    layout: Option<BarLayout>,
    lines: Option<LineLayout>,
    width: f64,
    table_shown: bool,
    rtl: bool,
}

#[wasm_bindgen]
impl PillarChart {
    /// Mounts a chart into `element` (its shadow root). `options` may carry
    /// `{ src, view, pillar, theme }`; attributes of the element are read too.
    #[wasm_bindgen(constructor)]
    pub fn new(element: HtmlElement, options: JsValue) -> PillarChart {
        apply_options(&element, &options);
        match mount(element) {
            Some(m) => PillarChart { inner: Some(m) },
            None => PillarChart { inner: None },
        }
    }

    /// Shows new data handed over by the page: CSV or JSON text, bytes, or a
    /// JSON object in the export format. Emits `kyoto:updated`, or
    /// `kyoto:error` (the chart keeps its data) when nothing in it is usable.
    pub fn update(&self, data: JsValue) {
        let Some(m) = &self.inner else { return };
        let mut w = m.widget.borrow_mut();
        match import_value(&data) {
            Ok(report) => w.set_report(Rc::new(report), "kyoto:updated"),
            Err(message) => w.show_error(&message),
        }
    }

    /// Redraws (for example after the container changed size).
    pub fn render(&self) {
        if let Some(m) = &self.inner {
            m.widget.borrow_mut().redraw();
        }
    }

    /// Applies a changed attribute of the host element.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: String, value: Option<String>) {
        let Some(m) = &self.inner else { return };
        match name.as_str() {
            "view" => {
                let mut w = m.widget.borrow_mut();
                w.state.measure = parse_measure(value.as_deref());
                w.rebuild();
            }
            "pillar" => {
                let mut w = m.widget.borrow_mut();
                let level = value
                    .as_deref()
                    .and_then(Pillar::parse)
                    .map(Level::Pillar)
                    .unwrap_or(Level::Overview);
                w.state.go(level);
                w.rebuild();
            }
            "theme" | "height" | "lang" => m.widget.borrow_mut().rebuild(),
            "src" => load_src(&m.widget, value),
            _ => {}
        }
    }

    /// The numbers of the current view as CSV (what the table shows).
    #[wasm_bindgen(js_name = tableCsv)]
    pub fn table_csv(&self) -> String {
        self.inner
            .as_ref()
            .map(|m| m.widget.borrow().table_csv())
            .unwrap_or_default()
    }

    /// The current drill-down level, as "overview", "pillar:II" or "theme:II:3".
    pub fn level(&self) -> String {
        self.inner
            .as_ref()
            .map(|m| level_name(m.widget.borrow().state.level))
            .unwrap_or_default()
    }

    /// The bars of the current view in CSS pixels relative to the canvas:
    /// `[{label, x, y, width, height}]` (for tests and page integrations).
    #[wasm_bindgen(js_name = barRects)]
    pub fn bar_rects(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        let Some(m) = &self.inner else { return out };
        let w = m.widget.borrow();
        let Some(layout) = &w.layout else { return out };
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
        out
    }

    /// Removes every listener and observer and empties the shadow root.
    pub fn destroy(&mut self) {
        if let Some(m) = self.inner.take() {
            m.observer.disconnect();
            let w = m.widget.borrow();
            clear(&w.parts.root);
            w.parts.root.remove();
        }
    }
}

/// Copies `{src, view, pillar, theme, lang, height, poll}` from a mount
/// options object onto the element's attributes, where the widget reads them.
pub(crate) fn apply_options(element: &HtmlElement, options: &JsValue) {
    if !options.is_object() {
        return;
    }
    for key in ["src", "view", "pillar", "theme", "lang", "height", "poll"] {
        if let Ok(v) = js_sys::Reflect::get(options, &key.into()) {
            if let Some(v) = v.as_string() {
                let _ = element.set_attribute(key, &v);
            } else if let Some(n) = v.as_f64() {
                let _ = element.set_attribute(key, &n.to_string());
            }
        }
    }
}

/// An attribute of the host, or its `data-` twin (for systems that strip
/// unknown tags and mount widgets on a `<div data-kyoto-widget>`).
pub(crate) fn host_attr(host: &Element, name: &str) -> Option<String> {
    host.get_attribute(name)
        .or_else(|| host.get_attribute(&format!("data-{name}")))
}

/// The detail of `kyoto:loaded` and `kyoto:updated`: counts and the
/// validation report (every problem with row, column, value and rule).
pub(crate) fn report_detail(report: &ImportReport) -> JsValue {
    let detail = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(o, &k.into(), &v);
    };
    set(
        &detail,
        "activities",
        (report.dataset.activities.len() as u32).into(),
    );
    set(&detail, "rowsRead", (report.rows_read as u32).into());
    set(&detail, "errors", (report.error_count() as u32).into());
    set(&detail, "warnings", (report.warning_count() as u32).into());
    let problems = js_sys::Array::new();
    for p in &report.problems {
        let o = js_sys::Object::new();
        set(&o, "message", p.to_string().into());
        set(&o, "rule", p.rule.as_str().into());
        if let Some(r) = p.row {
            set(&o, "row", (r as u32).into());
        }
        if let Some(c) = &p.column {
            set(&o, "column", c.as_str().into());
        }
        if let Some(v) = &p.value {
            set(&o, "value", v.as_str().into());
        }
        problems.push(&o);
    }
    set(&detail, "problems", problems.into());
    detail.into()
}

/// Shows a quiet summary of the rows that were skipped or trimmed, with the
/// list of problems behind a disclosure.
pub(crate) fn show_problems(host: &Element, target: &Element, report: &ImportReport) {
    clear(target);
    let (errors, warnings) = (report.error_count(), report.warning_count());
    if errors + warnings == 0 {
        set_hidden(target, true);
        return;
    }
    let Some(doc) = host.owner_document() else {
        return;
    };
    let details = el(&doc, "details", "");
    let summary = format!(
        "{} of {} rows loaded; {} problems ({} errors: rows skipped; {} warnings: values left out).",
        report.dataset.activities.len(),
        report.rows_read,
        errors + warnings,
        errors,
        warnings
    );
    append(&details, &text_el(&doc, "summary", "", &summary));
    let list = el(&doc, "ul", "");
    const SHOWN: usize = 100;
    for p in report.problems.iter().take(SHOWN) {
        append(&list, &text_el(&doc, "li", "", &p.to_string()));
    }
    if report.problems.len() > SHOWN {
        let more = format!("… and {} more", report.problems.len() - SHOWN);
        append(&list, &text_el(&doc, "li", "", &more));
    }
    append(&details, &list);
    append(target, &details);
    set_hidden(target, false);
}

fn level_name(level: Level) -> String {
    match level {
        Level::Overview => "overview".into(),
        Level::Pillar(p) => format!("pillar:{p}"),
        Level::Theme(p, t) => format!("theme:{p}:{t}"),
    }
}

fn parse_measure(v: Option<&str>) -> Measure {
    Measure::parse(v.unwrap_or(""))
}

fn mount(host: HtmlElement) -> Option<Mounted> {
    let doc = host.owner_document()?;
    let shadow = match host.shadow_root() {
        Some(s) => s,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?,
    };
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(STYLE).ok()?;
    let sheets = js_sys::Array::of1(&sheet);
    shadow.set_adopted_style_sheets(&sheets);
    let parts = build_dom(&doc)?;
    let _ = shadow.append_child(&parts.root);

    let report = shared_sample();
    let summary = summarize(&report.dataset, &SummaryOptions::default());
    let mut state = ChartState {
        measure: parse_measure(host_attr(&host, "view").as_deref()),
        ..Default::default()
    };
    if let Some(p) = host
        .get_attribute("pillar")
        .as_deref()
        .and_then(Pillar::parse)
    {
        state.go(Level::Pillar(p));
    }
    let widget = Rc::new(RefCell::new(Widget {
        host: host.clone(),
        parts,
        state,
        summary,
        report,
        bars: Vec::new(),
        layout: None,
        lines: None,
        width: 0.0,
        table_shown: false,
        rtl: false,
    }));
    let listeners = listen(&widget);
    let weak = Rc::downgrade(&widget);
    let observer_cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        if let Some(w) = weak.upgrade() {
            let mut w = w.borrow_mut();
            let width = f64::from(w.parts.plot.client_width());
            if (width - w.width).abs() >= 1.0 {
                w.redraw();
            }
        }
    });
    let observer = ResizeObserver::new(observer_cb.as_ref().unchecked_ref()).ok()?;
    observer.observe(&widget.borrow().parts.plot);
    widget.borrow_mut().rebuild();
    if let Some(src) = host_attr(&host, "src") {
        load_src(&widget, Some(src));
    }
    Some(Mounted {
        widget,
        _listeners: listeners,
        observer,
        _observer_cb: observer_cb,
    })
}

fn load_src(widget: &Rc<RefCell<Widget>>, src: Option<String>) {
    let weak = Rc::downgrade(widget);
    let Some(src) = src.filter(|s| !s.trim().is_empty()) else {
        let mut w = widget.borrow_mut();
        w.set_report(shared_sample(), "kyoto:loaded");
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let result = load_shared(&src).await;
        if let Some(w) = weak.upgrade() {
            let mut w = w.borrow_mut();
            match result {
                Ok(report) => w.set_report(report, "kyoto:loaded"),
                Err(message) => w.show_error(&message),
            }
        }
    });
}

fn build_dom(doc: &Document) -> Option<Parts> {
    let root = el(doc, "div", "kw kw-chart");
    let status_line = el(doc, "p", "kw-note");
    let toolbar = el(doc, "div", "kw-toolbar");
    let crumbs = el(doc, "nav", "kw-crumbs");
    attrs(&crumbs, &[("aria-label", "Chart level")]);
    let spacer = el(doc, "span", "kw-spacer");
    let views = el(doc, "div", "kw-group");
    attrs(&views, &[("role", "group"), ("aria-label", "Measure")]);
    for (action, label) in [
        ("measure:coverage", "Coverage"),
        ("measure:status", "By status"),
        ("measure:timeline", "Timeline"),
    ] {
        let b = button(doc, "kw-btn", label);
        attrs(&b, &[("data-action", action), ("aria-pressed", "false")]);
        append(&views, &b);
    }
    let table_btn = button(doc, "kw-btn", "Table");
    attrs(
        &table_btn,
        &[("data-action", "table"), ("aria-pressed", "false")],
    );
    append(&toolbar, &crumbs);
    append(&toolbar, &spacer);
    append(&toolbar, &views);
    append(&toolbar, &table_btn);
    let downloads = el(doc, "div", "kw-group");
    attrs(&downloads, &[("role", "group"), ("aria-label", "Download")]);
    for (action, label, title) in [
        (
            "export:png",
            "PNG",
            "Download the chart as PNG (2x, for slides)",
        ),
        ("export:svg", "SVG", "Download the chart as SVG"),
        ("export:csv", "CSV", "Download the numbers shown as CSV"),
    ] {
        let b = button(doc, "kw-btn", label);
        attrs(&b, &[("data-action", action), ("aria-label", title)]);
        append(&downloads, &b);
    }
    append(&toolbar, &downloads);
    let legend = el(doc, "div", "kw-legend");
    attrs(
        &legend,
        &[("role", "group"), ("aria-label", "Statuses shown")],
    );
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
        append(&b, &text_el(doc, "span", "", status_label(s)));
        append(&legend, &b);
    }
    let plot = el(doc, "div", "kw-plot");
    let canvas: HtmlCanvasElement = el(doc, "canvas", "").dyn_into().ok()?;
    attrs(
        &canvas,
        &[
            ("tabindex", "0"),
            ("role", "application"),
            ("aria-roledescription", "interactive chart"),
        ],
    );
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
    let error = el(doc, "div", "kw-error");
    attrs(&error, &[("role", "alert"), ("hidden", "")]);
    for child in [
        &toolbar,
        &legend,
        &error,
        &problems,
        &plot,
        &status_line,
        &table_wrap,
        &live,
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
        problems,
    })
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Completed => "Completed",
        Status::Ongoing => "Ongoing",
        Status::Planned => "Planned",
    }
}

fn listen(widget: &Rc<RefCell<Widget>>) -> Vec<Listener> {
    let w = widget.borrow();
    let canvas: &web_sys::EventTarget = w.parts.canvas.as_ref();
    let root: &web_sys::EventTarget = w.parts.root.as_ref();
    let on = |target: &web_sys::EventTarget, kind: &'static str, f: fn(&mut Widget, Event)| {
        let weak: Weak<RefCell<Widget>> = Rc::downgrade(widget);
        Listener::new(target, kind, move |e: Event| {
            if let Some(w) = weak.upgrade() {
                // A re-entrant event (dispatched while handling another) is dropped.
                if let Ok(mut w) = w.try_borrow_mut() {
                    f(&mut w, e);
                }
            }
        })
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

/// Measures text with the canvas's own font engine.
struct CanvasMeasure {
    ctx: Option<CanvasRenderingContext2d>,
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, font_px: f64) -> f64 {
        match &self.ctx {
            Some(ctx) => {
                ctx.set_font(&format!("{font_px}px {FONT_FAMILY}"));
                ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0)
            }
            None => crate::core::layout::EstimatedText.width(text, font_px),
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
        for effect in fx {
            match effect {
                ChartEffect::Redraw => redraw = true,
                ChartEffect::LevelChanged => rebuild = true,
                ChartEffect::Select(key) => self.emit_select(key),
            }
        }
        if rebuild {
            self.rebuild();
            let crumb = self.level_title(self.state.level);
            self.announce(&format!("{crumb}: {} bars", self.bars.len()));
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
            "measure:coverage" | "measure:status" if self.state.measure == Measure::Timeline => {
                self.state.measure = Measure::parse(&action[8..]);
                self.state.focus = None;
                self.state.tooltip = None;
            }
            "measure:coverage" => self.state.measure = Measure::Coverage,
            "measure:status" => self.state.measure = Measure::Status,
            "measure:timeline" => {
                self.state.measure = Measure::Timeline;
                self.state.focus = None;
                self.state.tooltip = None;
            }
            "export:png" => return self.export_png(),
            "export:svg" => return self.export_svg(),
            "export:csv" => {
                let csv = self.table_csv();
                return self.download(
                    "data:text/csv;charset=utf-8,",
                    &csv,
                    &format!("{}.csv", self.file_stem()),
                );
            }
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
                self.summary = summarize(&self.report.dataset, &self.summary_options());
            }
            a if a.starts_with("crumb:") => {
                let trail = self.state.trail();
                if let Some(level) = a[6..].parse::<usize>().ok().and_then(|i| trail.get(i)) {
                    self.state.go(*level);
                }
            }
            _ => return,
        }
        self.rebuild();
    }

    fn summary_options(&self) -> SummaryOptions {
        SummaryOptions {
            statuses: self.state.hidden.map(|h| !h),
        }
    }

    fn set_report(&mut self, report: SharedReport, event: &str) {
        self.summary = summarize(&report.dataset, &self.summary_options());
        self.report = report;
        set_hidden(&self.parts.error, true);
        show_problems(&self.host, &self.parts.problems, &self.report);
        self.rebuild();
        self.emit(event, &report_detail(&self.report));
    }

    fn show_error(&self, message: &str) {
        let doc = match self.host.owner_document() {
            Some(d) => d,
            None => return,
        };
        clear(&self.parts.error);
        append(
            &self.parts.error,
            &text_el(&doc, "strong", "", "The data could not be loaded."),
        );
        append(&self.parts.error, &text_el(&doc, "p", "", message));
        append(
            &self.parts.error,
            &text_el(
                &doc,
                "p",
                "",
                "The chart below still shows the last data that loaded.",
            ),
        );
        set_hidden(&self.parts.error, false);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        self.emit("kyoto:error", &detail);
    }

    /// Rebuilds everything that depends on the level, measure or data, then redraws.
    fn rebuild(&mut self) {
        let decl = Declaration::get();
        self.rtl = self
            .host
            .closest("[dir]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("dir"))
            .is_some_and(|d| d.eq_ignore_ascii_case("rtl"));
        let _ = self
            .parts
            .root
            .set_attribute("dir", if self.rtl { "rtl" } else { "ltr" });
        self.bars = self.state.bars(&self.summary, decl);
        if self.state.focus.is_some_and(|f| f >= self.bars.len()) {
            self.state.focus = None;
        }
        self.sync_controls();
        self.build_crumbs();
        self.build_table();
        let summary = self.summary_sentence();
        let _ = self.parts.canvas.set_attribute("aria-label", &summary);
        self.redraw();
    }

    fn sync_controls(&self) {
        let root = &self.parts.root;
        let measure = self.state.measure;
        for m in [Measure::Coverage, Measure::Status, Measure::Timeline] {
            let sel = format!("button[data-action=\"measure:{}\"]", m.as_str());
            if let Ok(Some(b)) = root.query_selector(&sel) {
                let _ =
                    b.set_attribute("aria-pressed", if m == measure { "true" } else { "false" });
            }
        }
        for s in Status::ALL {
            let sel = format!("button[data-action=\"legend:{}\"]", s.index());
            if let Ok(Some(b)) = root.query_selector(&sel) {
                let shown = !self.state.hidden.get(s.index()).copied().unwrap_or(false);
                let _ = b.set_attribute("aria-pressed", if shown { "true" } else { "false" });
            }
        }
        if let Ok(Some(b)) = root.query_selector("button[data-action=\"table\"]") {
            let _ = b.set_attribute(
                "aria-pressed",
                if self.table_shown { "true" } else { "false" },
            );
        }
        let dataset = &self.report.dataset;
        let note = format!(
            "{} activities{}{}",
            dataset.activities.len(),
            dataset
                .title
                .as_deref()
                .map(|t| format!(" · {t}"))
                .unwrap_or_default(),
            dataset
                .updated
                .map(|d| format!(" · data as of {d}"))
                .unwrap_or_default()
        );
        self.parts.status_line.set_text_content(Some(&note));
    }

    fn level_title(&self, level: Level) -> String {
        let decl = Declaration::get();
        match level {
            Level::Overview => "All pillars".into(),
            Level::Pillar(p) => format!("Pillar {p}"),
            Level::Theme(p, t) => decl
                .pillar(p)
                .and_then(|s| s.themes.get(t))
                .map(|t| t.heading.clone())
                .unwrap_or_default(),
        }
    }

    fn build_crumbs(&self) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        clear(&self.parts.crumbs);
        let ol = el(&doc, "ol", "");
        let trail = self.state.trail();
        let last = trail.len().saturating_sub(1);
        for (i, level) in trail.iter().enumerate() {
            let li = el(&doc, "li", "");
            let title = self.level_title(*level);
            if i == last {
                let span = text_el(&doc, "span", "", &title);
                attrs(&span, &[("aria-current", "page")]);
                append(&li, &span);
            } else {
                let b = button(&doc, "", &title);
                attrs(&b, &[("data-action", &format!("crumb:{i}"))]);
                append(&li, &b);
            }
            append(&ol, &li);
        }
        append(&self.parts.crumbs, &ol);
    }

    fn table_rows(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        if self.state.measure == Measure::Timeline {
            let header = vec![
                "Quarter",
                "Started",
                "Cumulative",
                "Pillar I",
                "Pillar II",
                "Pillar III",
                "Pillar IV",
            ];
            let rows = self
                .summary
                .timeline
                .quarters
                .iter()
                .map(|q| {
                    let mut row = vec![
                        q.label.clone(),
                        q.started.to_string(),
                        q.cumulative.to_string(),
                    ];
                    row.extend(q.cumulative_by_pillar.iter().map(u32::to_string));
                    row
                })
                .collect();
            return (header, rows);
        }
        let header = vec![
            "Item",
            "Name",
            "Paragraphs",
            "With activity",
            "Coverage %",
            "Activities",
            "Completed",
            "Ongoing",
            "Planned",
        ];
        let rows = self
            .bars
            .iter()
            .map(|b| {
                let n = &b.numbers;
                vec![
                    b.label.clone(),
                    b.name.clone(),
                    n.paragraphs.to_string(),
                    n.covered.to_string(),
                    format!("{:.0}", percent(n.covered, n.paragraphs)),
                    n.activities.to_string(),
                    n.by_status[0].to_string(),
                    n.by_status[1].to_string(),
                    n.by_status[2].to_string(),
                ]
            })
            .collect();
        (header, rows)
    }

    fn build_table(&self) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        clear(&self.parts.table_wrap);
        let table = el(&doc, "table", "kw-table");
        append(
            &table,
            &text_el(
                &doc,
                "caption",
                "",
                &format!("{} — numbers", self.level_title(self.state.level)),
            ),
        );
        let (header, rows) = self.table_rows();
        let thead = el(&doc, "thead", "");
        let tr = el(&doc, "tr", "");
        for (i, h) in header.iter().enumerate() {
            let th = text_el(&doc, "th", if i >= 2 { "num" } else { "" }, h);
            attrs(&th, &[("scope", "col")]);
            append(&tr, &th);
        }
        append(&thead, &tr);
        append(&table, &thead);
        let tbody = el(&doc, "tbody", "");
        for row in rows {
            let tr = el(&doc, "tr", "");
            for (i, cell) in row.iter().enumerate() {
                let c = if i == 0 {
                    let th = text_el(&doc, "th", "", cell);
                    attrs(&th, &[("scope", "row")]);
                    th
                } else {
                    text_el(&doc, "td", if i >= 2 { "num" } else { "" }, cell)
                };
                append(&tr, &c);
            }
            append(&tbody, &tr);
        }
        append(&table, &tbody);
        append(&self.parts.table_wrap, &table);
    }

    fn table_csv(&self) -> String {
        let (header, rows) = self.table_rows();
        let mut out = header.join(",");
        out.push('\n');
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    fn summary_sentence(&self) -> String {
        if self.state.measure == Measure::Timeline {
            let t = &self.summary.timeline;
            return match t.quarters.last() {
                Some(q) => format!(
                    "Activities started over time, from {} to {}: by {}, {}.",
                    t.quarters.first().map(|f| f.label.as_str()).unwrap_or(""),
                    q.label,
                    q.label,
                    Pillar::ALL
                        .iter()
                        .map(|p| format!(
                            "Pillar {p} {}",
                            q.cumulative_by_pillar.get(p.index()).copied().unwrap_or(0)
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "Activities started over time: no activity has a start date.".into(),
            };
        }
        let parts: Vec<String> = self
            .bars
            .iter()
            .map(|b| {
                let n = &b.numbers;
                format!(
                    "{}: {} of {} paragraphs have activities, {} activities",
                    b.label, n.covered, n.paragraphs, n.activities
                )
            })
            .collect();
        format!(
            "{}. {}.",
            self.level_title(self.state.level),
            parts.join("; ")
        )
    }

    fn describe(&self, bar: &ChartBar) -> String {
        let n = &bar.numbers;
        format!(
            "{} — {}. {} of {} paragraphs have activities ({:.0}%). {} activities: {} completed, {} ongoing, {} planned.",
            bar.label,
            shorten(&bar.name, 160),
            n.covered,
            n.paragraphs,
            percent(n.covered, n.paragraphs),
            n.activities,
            n.by_status[0],
            n.by_status[1],
            n.by_status[2]
        )
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

    fn palette(&self) -> Palette {
        Palette::named(host_attr(&self.host, "theme").as_deref().unwrap_or("light"))
    }

    /// Draws the current view at twice its size on a detached canvas and
    /// downloads it as PNG.
    fn export_png(&self) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let Ok(canvas) = el(&doc, "canvas", "").dyn_into::<HtmlCanvasElement>() else {
            return;
        };
        let drawn = match (&self.lines, &self.layout) {
            (Some(lines), _) => {
                ScaledCanvas::new(&canvas, lines.width, lines.height, 2.0).map(|b| {
                    let area = b.into_drawing_area();
                    draw_lines(&area, lines, &self.palette(), None).is_ok()
                        && area.present().is_ok()
                })
            }
            (None, Some(layout)) => ScaledCanvas::new(&canvas, layout.width, layout.height, 2.0)
                .map(|b| {
                    let area = b.into_drawing_area();
                    draw_bars(&area, layout, &self.palette(), &self.draw_state()).is_ok()
                        && area.present().is_ok()
                }),
            _ => None,
        };
        if drawn != Some(true) {
            return;
        }
        if let Ok(url) = canvas.to_data_url_with_type("image/png") {
            self.download_url(&url, &format!("{}.png", self.file_stem()));
        }
    }

    fn export_svg(&self) {
        let svg = match (&self.lines, &self.layout) {
            (Some(lines), _) => lines_svg(lines, &self.palette()),
            (None, Some(layout)) => bars_svg(layout, &self.palette(), &self.draw_state()),
            _ => return,
        };
        match svg {
            Ok(svg) => self.download(
                "data:image/svg+xml;charset=utf-8,",
                &svg,
                &format!("{}.svg", self.file_stem()),
            ),
            Err(e) => self.show_error(&e),
        }
    }

    fn download(&self, prefix: &str, body: &str, name: &str) {
        let encoded = String::from(js_sys::encode_uri_component(body));
        self.download_url(&format!("{prefix}{encoded}"), name);
    }

    fn download_url(&self, url: &str, name: &str) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let a = el(&doc, "a", "");
        attrs(&a, &[("href", url), ("download", name)]);
        if let Some(a) = html(&a) {
            a.click();
        }
        self.emit_detail("kyoto:export", &[("file", name)]);
    }

    fn emit_detail(&self, event: &str, pairs: &[(&str, &str)]) {
        let detail = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&detail, &(*k).into(), &(*v).into());
        }
        self.emit(event, &detail);
    }

    fn redraw(&mut self) {
        let width = f64::from(self.parts.plot.client_width());
        self.width = width;
        if width < 1.0 {
            return; // hidden: the ResizeObserver redraws when it is shown
        }
        let ctx = self
            .parts
            .canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        let measure = CanvasMeasure { ctx };
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0);
        if self.state.measure == Measure::Timeline {
            let (labels, series) = timeline_series(&self.summary);
            let lines = layout_lines(&labels, &series, width, FONT_PX, &measure);
            if let Some(backend) = ScaledCanvas::new(&self.parts.canvas, width, lines.height, dpr) {
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
            FONT_PX,
            self.rtl,
            &PlainNumbers,
            &measure,
        );
        let palette = self.palette();
        if let Some(backend) = ScaledCanvas::new(&self.parts.canvas, width, layout.height, dpr) {
            let area = backend.into_drawing_area();
            let state = DrawState {
                focused: self.state.focus,
                hovered: self.state.hover,
                changed: Vec::new(),
            };
            if let Err(e) = draw_bars(&area, &layout, &palette, &state) {
                web_sys::console::error_1(&JsValue::from_str(&format!(
                    "kyoto-widgets: drawing failed: {e:?}"
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
                format!("Pillar {p}: {n} activities (+{new} this quarter)")
            })
            .collect();
        Some((q.label.clone(), lines))
    }

    fn describe_slot(&self, slot: usize) -> String {
        self.slot_lines(slot)
            .map(|(label, lines)| format!("{label}. {}.", lines.join("; ")))
            .unwrap_or_default()
    }

    fn place_slot_tooltip(&self, lines: &LineLayout) {
        let tip = &self.parts.tooltip;
        let found = self
            .state
            .tooltip
            .and_then(|i| Some((*lines.slots.get(i)?, self.slot_lines(i)?)));
        let (Some((x, (label, rows))), Some(doc)) = (found, self.host.owner_document()) else {
            set_hidden(tip, true);
            let _ = self.parts.canvas.remove_attribute("aria-describedby");
            return;
        };
        clear(tip);
        append(tip, &text_el(&doc, "strong", "", &label));
        for r in rows {
            append(tip, &text_el(&doc, "div", "", &r));
        }
        set_hidden(tip, false);
        let Some(tip_el) = html(tip) else { return };
        let tip_w = f64::from(tip_el.offset_width());
        // Beside the focused quarter, on the side with room, below the plot's top.
        let left = if x + 12.0 + tip_w <= lines.width {
            x + 12.0
        } else {
            (x - 12.0 - tip_w).max(0.0)
        };
        let style = tip_el.style();
        let _ = style.set_property("top", &format!("{:.0}px", lines.plot.y));
        let _ = style.set_property("left", &format!("{left:.0}px"));
        let _ = self
            .parts
            .canvas
            .set_attribute("aria-describedby", "kw-tip");
    }

    fn place_tooltip(&self, layout: &BarLayout) {
        let tip = &self.parts.tooltip;
        let Some((i, bar)) = self
            .state
            .tooltip
            .and_then(|i| Some((i, layout.bars.get(i)?)))
        else {
            set_hidden(tip, true);
            let _ = self.parts.canvas.remove_attribute("aria-describedby");
            return;
        };
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let Some(data) = self.bars.get(i) else { return };
        clear(tip);
        append(tip, &text_el(&doc, "strong", "", &data.label));
        if data.name != data.label {
            append(tip, &text_el(&doc, "span", "", &shorten(&data.name, 120)));
        }
        let n = &data.numbers;
        append(
            tip,
            &text_el(
                &doc,
                "div",
                "",
                &format!(
                    "{} of {} paragraphs with activities ({:.0}%)",
                    n.covered,
                    n.paragraphs,
                    percent(n.covered, n.paragraphs)
                ),
            ),
        );
        append(
            tip,
            &text_el(
                &doc,
                "div",
                "",
                &format!(
                    "{} activities: {} completed, {} ongoing, {} planned",
                    n.activities, n.by_status[0], n.by_status[1], n.by_status[2]
                ),
            ),
        );
        set_hidden(tip, false);
        // Place it below the bar's row (above when there is no room), never over the bar.
        let Some(tip_el) = html(tip) else { return };
        let tip_h = f64::from(tip_el.offset_height());
        let tip_w = f64::from(tip_el.offset_width());
        let below = bar.row.bottom() + 6.0;
        let top = if below + tip_h <= layout.height + 40.0 {
            below
        } else {
            (bar.row.y - tip_h - 6.0).max(0.0)
        };
        let left = if layout.rtl {
            (bar.bar.right() - tip_w).max(0.0)
        } else {
            bar.bar.x.min((layout.width - tip_w).max(0.0))
        };
        let style = tip_el.style();
        let _ = style.set_property("top", &format!("{top:.0}px"));
        let _ = style.set_property("left", &format!("{left:.0}px"));
        let _ = self
            .parts
            .canvas
            .set_attribute("aria-describedby", "kw-tip");
    }

    fn announce(&self, text: &str) {
        self.parts.live.set_text_content(Some(text));
    }

    fn emit(&self, name: &str, detail: &JsValue) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&ev);
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
        }
        self.emit("kyoto:select", &detail);
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
