//! `<kyoto-indicators>`: the indicators of each pillar (or of one, the
//! `pillar` attribute or the Pillar menu) with their latest value,
//! baseline, target, trend and progress status, for an area and a
//! breakdown chosen in the widget, and the drill-down into one indicator.
//!
//! What is drawn comes from `core::indicators` (the model and its layout)
//! through `render::indicators` on the canvas. Over the canvas lies a list
//! of real buttons, one per indicator row, placed on the rows' rectangles of
//! the same layout: the browser hit-tests them, the keyboard moves between
//! them (arrow keys, Home, End; one tab stop), Enter or a click drills
//! down, Escape or the back button returns. Below: the method and its
//! inputs on request (a disclosure), the table of what is drawn, the
//! problems of the data; changes are announced in a polite live region.
//! Live data (src, polling, the channel, dropped files, workbooks) comes
//! through `web::live` like every widget's.

use super::announce::Announcer;
use super::canvas::{font_px, measure_plot, ScaledCanvas, SharedCanvasMemory, FONT_SCALE};
use super::data::Feed;
use super::dom::{append, attrs, button, clear, el, set_hidden, styled_shadow, text_el};
use super::events::Emitter;
use super::export::{self, DownloadButtons, Format};
use super::listen::{Listener, SizeWatch};
use super::live::{file_listeners, live_target_fields, load_src, LiveState, LiveTarget};
use super::locale::{ancestor_rtl, Locale, StaticText};
use super::progress::{
    country_name, country_names, problem_list, show_progress_failure, shows_sample,
};
use super::shell::{widget_class, Mounted, Shell};
use super::widget::{file_picker, host_attr, show_problems, AttributeNotes};
use crate::core::attribute;
use crate::core::chart::{ChartLocale, PlainNumbers};
use crate::core::export::file_stem;
use crate::core::i18n::Arg;
use crate::core::indicators::figures::{detail_table, observation_key, overview_table};
use crate::core::indicators::layout::{
    area_text, breakdown_label, layout_detail, layout_overview, period_text, row_figures,
    title_with_unit, value_text, DetailLayout, IndicatorsLayoutOptions, OverviewLayout, StatusKind,
};
use crate::core::indicators::{
    breakdown_text, detail, overview, parse_breakdown, IndicatorDetail, IndicatorIndex,
    IndicatorsOverview,
};
use crate::core::layout::{EstimatedText, FocusKey};
use crate::core::model::Pillar;
use crate::core::progress::status::{Assessment, Method};
use crate::core::progress::{Area, Breakdown, ProgressImport};
use crate::render::indicators::{
    detail_svg, draw_detail, draw_overview, overview_svg, IndicatorColours,
};
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    KeyboardEvent,
};

/// The widget's DOM.
struct Parts {
    root: Element,
    stale: Element,
    /// Says that the figures are the invented sample (no `src`).
    sample: Element,
    pillar_select: HtmlSelectElement,
    pillar_label: Element,
    area_select: HtmlSelectElement,
    breakdown_select: HtmlSelectElement,
    breakdown_label: Element,
    back: Element,
    downloads: Element,
    file_open: Element,
    file_input: HtmlInputElement,
    summary: Element,
    error: Element,
    plot: Element,
    canvas: HtmlCanvasElement,
    rows: Element,
    method: Element,
    method_body: Element,
    /// The folded table of the values shown.
    table: Element,
    table_body: Element,
    problems: Element,
    /// The notices of attribute values the widget cannot read.
    notes: AttributeNotes,
    live: Element,
    labels: StaticText,
}

/// The widget's state.
pub struct Widget {
    host: HtmlElement,
    parts: Parts,
    events: Emitter,
    data: Rc<ProgressImport>,
    index: IndicatorIndex,
    /// The area chosen (the attribute, then the Area menu): shown when it
    /// has data in the pillar shown, else the pillar's default is, and the
    /// choice kept for a pillar with its data.
    area: Option<Area>,
    /// The pillar the Area menu lists the areas of, once filled (`None`:
    /// to fill).
    area_menu: Option<Option<Pillar>>,
    breakdown: Breakdown,
    pillar: Option<Pillar>,
    /// The browser's country names and collation in the widget's language,
    /// made once per language (the area menu is filled again on new data).
    area_names: Option<AreaNames>,
    view: Option<IndicatorsOverview>,
    layout: Option<OverviewLayout>,
    drilled: Option<(IndicatorDetail, DetailLayout)>,
    focused: Option<usize>,
    width: f64,
    font_px: f64,
    rtl: bool,
    loading: bool,
    generation: u64,
    locale: Locale,
    announcer: Announcer,
    live: LiveState<Widget>,
    me: Weak<RefCell<Widget>>,
    canvas_memory: SharedCanvasMemory,
}

widget_class!(
    /// The JS class of `<kyoto-indicators>`.
    KyotoIndicators,
    Widget,
    mount
);

/// The widget's own methods (the shared ones: [`widget_class!`]).
#[wasm_bindgen]
impl KyotoIndicators {
    /// What is shown: `"overview"` or `"indicator:I-1"`.
    pub fn view(&self) -> String {
        self.shell
            .read(|w| match &w.drilled {
                Some((d, _)) => format!("indicator:{}", d.indicator.id),
                None => "overview".into(),
            })
            .unwrap_or_default()
    }

    /// Every indicator shown with its status: `[{id, pillar, status,
    /// latest, period}]`, `status` being `on-track`, `moderate`,
    /// `stagnation-or-regression` or `null` (not assessed).
    pub fn statuses(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        self.shell.read(|w| {
            let Some(view) = &w.view else { return };
            for p in &view.pillars {
                for r in &p.rows {
                    let o = js_sys::Object::new();
                    let set = |k: &str, v: JsValue| {
                        let _ = js_sys::Reflect::set(&o, &k.into(), &v);
                    };
                    set("id", r.id.as_str().into());
                    set("pillar", p.pillar.numeral().into());
                    set(
                        "status",
                        r.status().map_or(JsValue::NULL, |s| {
                            serde_wasm_bindgen::to_value(&s).unwrap_or(JsValue::NULL)
                        }),
                    );
                    if let Some((period, value)) = r.latest() {
                        set("latest", value.into());
                        set("period", period.to_string().into());
                    }
                    out.push(&o);
                }
            }
        });
        out
    }

    /// The indicator rows in CSS pixels relative to the canvas: `[{id, x,
    /// y, width, height}]` (for tests and page integrations).
    #[wasm_bindgen(js_name = rowRects)]
    pub fn row_rects(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        self.shell.read(|w| {
            let Some(layout) = w.layout.as_ref().filter(|_| w.drilled.is_none()) else {
                return;
            };
            for r in &layout.rows {
                let o = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&o, &k.into(), &v);
                };
                set("id", r.id.as_str().into());
                set("x", r.rect.x.into());
                set("y", r.rect.y.into());
                set("width", r.rect.w.into());
                set("height", r.rect.h.into());
                out.push(&o);
            }
        });
        out
    }

    /// Shows one indicator's drill-down (`null` or `""`: back to the
    /// overview).
    pub fn open(&self, id: Option<String>) {
        self.shell
            .with(|w| match id.as_deref().filter(|s| !s.is_empty()) {
                Some(id) => w.drill(id),
                None => w.back(),
            });
    }
}

fn mount(host: HtmlElement) -> Option<Mounted<Widget>> {
    let doc = host.owner_document()?;
    let shadow = styled_shadow(&host)?;
    let parts = build_dom(&doc)?;
    let _ = shadow.append_child(&parts.root);
    let announcer = Announcer::new(parts.live.clone());
    let live = LiveState::new(parts.stale.clone());
    let events = Emitter::new(&host);
    let breakdown = host_attr(&host, "breakdown")
        .and_then(|b| parse_breakdown(&b).ok())
        .unwrap_or_default();
    let area = host_attr(&host, "area").and_then(|a| Area::parse(&a).ok());
    let pillar = host_attr(&host, "pillar").and_then(|p| Pillar::parse(&p));
    let widget = Rc::new(RefCell::new(Widget {
        host: host.clone(),
        parts,
        events: events.clone(),
        data: ProgressImport::empty(),
        index: IndicatorIndex::default(),
        area,
        area_menu: None,
        breakdown,
        pillar,
        area_names: None,
        view: None,
        layout: None,
        drilled: None,
        focused: None,
        width: 0.0,
        font_px: 16.0 * FONT_SCALE,
        rtl: false,
        loading: true,
        generation: 0,
        locale: Locale::of(&host),
        announcer,
        live,
        me: Weak::new(),
        canvas_memory: SharedCanvasMemory::default(),
    }));
    widget.borrow_mut().me = Rc::downgrade(&widget);
    widget.borrow_mut().apply_language();
    let mut listeners = listen(&widget);
    {
        let (root, input) = {
            let w = widget.borrow();
            (w.parts.root.clone(), w.parts.file_input.clone())
        };
        listeners.extend(file_listeners(&root, &input, &widget));
    }
    let channel = host_attr(&host, "channel");
    {
        let mut w = widget.borrow_mut();
        let me = w.me.clone();
        w.live.join_channel(channel.as_deref(), &me);
    }
    let size = {
        let w = widget.borrow();
        SizeWatch::new(&widget, &[&w.parts.plot], Widget::resized)?
    };
    load_src(&widget, host_attr(&host, "src"));
    Some(Mounted {
        widget,
        events,
        _keep: vec![Box::new(listeners), Box::new(size)],
        on_destroy: None,
    })
}

/// Sets CSS properties through the CSSOM (allowed under a strict CSP, as
/// the canvas's size is).
fn style(e: &Element, pairs: &[(&str, &str)]) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        for (k, v) in pairs {
            let _ = h.style().set_property(k, v);
        }
    }
}

fn select(
    doc: &Document,
    labels: &mut StaticText,
    key: &'static str,
) -> Option<(Element, HtmlSelectElement)> {
    let label = el(doc, "label", "");
    let words = el(doc, "span", "");
    labels.text(&words, key);
    let select: HtmlSelectElement = el(doc, "select", "").dyn_into().ok()?;
    append(&label, &words);
    append(&label, &select);
    style(&words, &[("margin-inline-end", "0.4em")]);
    Some((label, select))
}

fn build_dom(doc: &Document) -> Option<Parts> {
    let mut labels = StaticText::default();
    let root = el(doc, "div", "kw kw-indicators");
    attrs(&root, &[("aria-busy", "true")]);
    let stale = el(doc, "span", "kw-stale");
    attrs(&stale, &[("hidden", "")]);
    let sample = el(doc, "p", "kw-sample");
    attrs(&sample, &[("hidden", "")]);
    labels.text(&sample, "progress.sample");
    let toolbar = el(doc, "div", "kw-toolbar");
    let back = button(doc, "kw-btn", "");
    labels.text(&back, "indicators.back");
    set_hidden(&back, true);
    let (pillar_label, pillar_select) = select(doc, &mut labels, "indicators.pillar-label")?;
    // A pillar's title is long (pillar IV's is a line): the menu shows the
    // start of it and never pushes the toolbar wider than the widget.
    style(
        &pillar_label,
        &[
            ("display", "inline-flex"),
            ("align-items", "center"),
            ("max-width", "100%"),
        ],
    );
    let (area_label, area_select) = select(doc, &mut labels, "indicators.area-label")?;
    let (breakdown_label, breakdown_select) =
        select(doc, &mut labels, "indicators.breakdown-label")?;
    let downloads = DownloadButtons::new(
        doc,
        &mut labels,
        "indicators.export.png",
        "indicators.export.svg",
    )
    .group;
    // Files from the computer or dropped on the widget: a workbook, a JSON
    // document with the tables, or one file per table, several at once.
    let (file_open, file_input) = file_picker(doc, &mut labels)?;
    attrs(
        &file_input,
        &[
            ("multiple", ""),
            (
                "accept",
                ".csv,.json,.txt,.tsv,.xlsx,.ods,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet",
            ),
        ],
    );
    for c in [
        &back,
        &pillar_label,
        &area_label,
        &breakdown_label,
        &downloads,
        &file_open,
        &file_input,
    ] {
        append(&toolbar, c);
    }
    let summary = el(doc, "p", "kw-note");
    let error = el(doc, "div", "kw-error");
    attrs(&error, &[("role", "alert"), ("hidden", "")]);
    let plot = el(doc, "div", "kw-plot");
    let canvas: HtmlCanvasElement = el(doc, "canvas", "").dyn_into().ok()?;
    // The canvas is a picture of what the list and the table say.
    attrs(&canvas, &[("aria-hidden", "true")]);
    let rows = el(doc, "ol", "");
    style(
        &rows,
        &[
            ("position", "absolute"),
            ("inset", "0"),
            ("margin", "0"),
            ("padding", "0"),
            ("list-style", "none"),
        ],
    );
    append(&plot, &canvas);
    append(&plot, &rows);
    let method = el(doc, "details", "");
    let method_summary = el(doc, "summary", "");
    labels.text(&method_summary, "indicators.method-title");
    let method_body = el(doc, "div", "");
    append(&method, &method_summary);
    append(&method, &method_body);
    set_hidden(&method, true);
    let table = el(doc, "details", "");
    let table_summary = el(doc, "summary", "");
    labels.text(&table_summary, "indicators.table-title");
    let table_body = el(doc, "div", "");
    append(&table, &table_summary);
    append(&table, &table_body);
    let problems = el(doc, "div", "kw-problems");
    attrs(&problems, &[("hidden", "")]);
    let notes = AttributeNotes::new(doc, attribute::INDICATORS);
    let live = el(doc, "div", "kw-sr");
    attrs(&live, &[("aria-live", "polite"), ("role", "status")]);
    for c in [
        &stale,
        &sample,
        &toolbar,
        &summary,
        &error,
        notes.element(),
        &plot,
        &method,
        &table,
        &problems,
        &live,
    ] {
        append(&root, c);
    }
    Some(Parts {
        root,
        stale,
        sample,
        pillar_select,
        pillar_label,
        area_select,
        breakdown_select,
        breakdown_label,
        back,
        downloads,
        file_open,
        file_input: file_input.dyn_into().ok()?,
        summary,
        error,
        plot,
        canvas,
        rows,
        method,
        method_body,
        table,
        table_body,
        problems,
        notes,
        live,
        labels,
    })
}

fn listen(widget: &Rc<RefCell<Widget>>) -> Vec<Listener> {
    let w = widget.borrow();
    // One listener function per widget kind: the handlers are plain functions.
    let on = |target: &web_sys::EventTarget, kind: &'static str, f: fn(&mut Widget, Event)| {
        Listener::on(widget, target, kind, f)
    };
    vec![
        on(w.parts.pillar_select.as_ref(), "change", |w, _| {
            w.pillar = Pillar::parse(&w.parts.pillar_select.value());
            if !w.loading {
                w.choose();
            }
        }),
        on(w.parts.area_select.as_ref(), "change", |w, _| {
            let value = w.parts.area_select.value();
            w.area = Area::parse(&value).ok();
            w.choose();
        }),
        on(w.parts.breakdown_select.as_ref(), "change", |w, _| {
            let value = w.parts.breakdown_select.value();
            w.breakdown = parse_breakdown(&value).unwrap_or_default();
            w.choose();
        }),
        on(w.parts.back.as_ref(), "click", |w, _| w.back()),
        on(
            w.parts.downloads.as_ref(),
            "click",
            |w, e| match export::clicked(&e) {
                Some(Format::Png) => w.export_png(),
                Some(Format::Svg) => w.export_svg(),
                Some(Format::Csv) => w.export_csv(),
                None => {}
            },
        ),
        on(w.parts.file_open.as_ref(), "click", |w, _| {
            w.parts.file_input.click()
        }),
        on(w.parts.rows.as_ref(), "click", |w, e| {
            if let Some(i) = row_of(&e) {
                let id = w
                    .layout
                    .as_ref()
                    .and_then(|l| l.rows.get(i))
                    .map(|r| r.id.clone());
                if let Some(id) = id {
                    w.drill(&id);
                }
            }
        }),
        on(w.parts.rows.as_ref(), "focusin", |w, e| {
            if let Some(i) = row_of(&e) {
                w.set_focus(i, false);
            }
        }),
        on(w.parts.rows.as_ref(), "focusout", |w, _| {
            w.focused = None;
            w.redraw();
        }),
        on(w.parts.rows.as_ref(), "keydown", |w, e| {
            let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let key = match k.key().as_str() {
                "ArrowDown" => FocusKey::Next,
                "ArrowUp" => FocusKey::Previous,
                "Home" => FocusKey::First,
                "End" => FocusKey::Last,
                _ => return,
            };
            e.prevent_default();
            let next = w.layout.as_ref().and_then(|l| l.next_focus(w.focused, key));
            if let Some(i) = next {
                w.set_focus(i, true);
            }
        }),
        on(w.parts.root.as_ref(), "keydown", |w, e| {
            let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if k.key() == "Escape" && w.drilled.is_some() {
                e.prevent_default();
                w.back();
            }
        }),
    ]
}

/// The row number of the button an event came from.
fn row_of(e: &Event) -> Option<usize> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let button = target.closest("button[data-row]").ok()??;
    button.get_attribute("data-row")?.parse().ok()
}

impl Widget {
    /// A new size of the plot or of the text: drawn again.
    fn resized(&mut self) {
        let p = &self.parts;
        if measure_plot(&p.plot, &p.root, &mut self.width, &mut self.font_px) {
            self.redraw();
        }
    }

    fn colours(&self) -> IndicatorColours {
        IndicatorColours::named(host_attr(&self.host, "theme").as_deref().unwrap_or("light"))
    }

    /// The language and direction: static text and the pillar menu;
    /// whether the language changed (the area menu's names with it).
    fn apply_language(&mut self) -> bool {
        let changed = self.locale.refresh(&self.host);
        if changed {
            self.area_names = None;
        }
        self.rtl = self.locale.lang.is_rtl() || ancestor_rtl(&self.host);
        let _ = self
            .parts
            .root
            .set_attribute("dir", if self.rtl { "rtl" } else { "ltr" });
        self.parts.labels.apply(self.locale.text);
        self.fill_pillar_menu();
        changed
    }

    /// The Pillar menu: all pillars, then "Pillar I" to "Pillar IV" (the
    /// rows under it carry each pillar's full heading; in the menu it
    /// would make the box as wide as pillar IV's, and wrap the toolbar).
    fn fill_pillar_menu(&self) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let select = &self.parts.pillar_select;
        clear(select.as_ref());
        let all = text_el(&doc, "option", "", self.text("indicators.pillar.all"));
        attrs(&all, &[("value", "")]);
        append(select.as_ref(), &all);
        for p in Pillar::ALL {
            let name = self.locale.text.format(
                "indicators.pillar.one",
                &[("pillar", crate::core::i18n::Arg::Str(p.numeral()))],
            );
            let o = text_el(&doc, "option", "", &name);
            attrs(&o, &[("value", p.numeral())]);
            append(select.as_ref(), &o);
        }
        select.set_value(self.pillar.map_or("", |p| p.numeral()));
    }

    fn text(&self, key: &'static str) -> &'static str {
        self.locale.text(key)
    }

    /// What shows the data's figures: hidden while no data has loaded.
    fn figures(&self) -> [&Element; 2] {
        [&self.parts.plot, &self.parts.table]
    }

    /// New data: indexed once, the choices kept when they still have data.
    fn take(&mut self, data: Rc<ProgressImport>) {
        self.loading = false;
        let _ = self.parts.root.remove_attribute("aria-busy");
        set_hidden(&self.parts.error, true);
        for e in self.figures() {
            set_hidden(e, false);
        }
        self.data = data;
        self.index = IndicatorIndex::new(&self.data.dataset);
        let drilled = self.drilled.as_ref().map(|(d, _)| d.indicator.id.clone());
        self.fill_area_menu();
        self.rebuild();
        if let Some(id) = drilled.or_else(|| host_attr(&self.host, "indicator")) {
            if self.data.dataset.indicator(&id).is_some() {
                self.open_detail(&id);
            } else {
                self.drilled = None;
            }
        }
        self.redraw();
        show_problems(
            &self.host,
            &self.parts.problems,
            &problem_list(&self.data, &self.locale),
            &self.locale,
            self.rtl,
        );
        self.check_attributes();
    }

    /// The model for the pillar, area and breakdown chosen, the menus'
    /// choices and the table.
    fn rebuild(&mut self) {
        if self.area_menu != Some(self.pillar) {
            self.fill_area_menu();
        }
        let view = overview(
            &self.data.dataset,
            &self.index,
            self.index.area_shown(self.area, self.pillar),
            &self.breakdown,
            self.pillar,
        );
        self.fill_breakdown_menu(&view);
        self.parts.area_select.set_value(&view.area.to_string());
        self.parts
            .pillar_select
            .set_value(view.pillar.map_or("", |p| p.numeral()));
        set_hidden(&self.parts.pillar_label, self.drilled.is_some());
        set_hidden(&self.parts.breakdown_label, self.drilled.is_some());
        self.parts.summary.set_text_content(Some(&self.said(&view)));
        self.view = Some(view);
        if self.drilled.is_none() {
            self.overview_table();
        }
    }

    /// The summary line as shown and announced: after why the area chosen
    /// is not the one shown, when it has no data in the pillar shown
    /// ("Pillar III: no data for Japan (JPN); showing World (001).").
    fn said(&self, view: &IndicatorsOverview) -> String {
        let summary = self.summary_line(view);
        match (self.area, view.pillar) {
            (Some(chosen), Some(p)) if chosen != view.area && self.index.has_data(chosen, None) => {
                let note = self.locale.text.format(
                    "indicators.area-not-in-pillar",
                    &[
                        ("pillar", Arg::Str(&self.locale.chart().pillar_label(p))),
                        ("area", Arg::Str(&self.area_name(chosen))),
                        ("shown", Arg::Str(&self.area_name(view.area))),
                    ],
                );
                format!("{note} {summary}")
            }
            _ => summary,
        }
    }

    /// An area as the Area menu names it: "Japan (JPN)", "World (001)".
    fn area_name(&self, area: Area) -> String {
        let names = self.area_names.as_ref().map(|n| &n.names);
        let name =
            country_name(area, names).unwrap_or_else(|| area_text(self.locale.chart(), area));
        let code = area.to_string();
        if name == code {
            code
        } else {
            format!("{name} ({code})")
        }
    }

    fn summary_line(&self, view: &IndicatorsOverview) -> String {
        let mut counts = [0usize; 4];
        for r in view.rows() {
            let at = match StatusKind::of(&r.assessment) {
                StatusKind::Status(s) => s as usize,
                StatusKind::NotAssessed => 3,
            };
            if let Some(c) = counts.get_mut(at) {
                *c += 1;
            }
        }
        let locale = self.locale.chart();
        let n = |i: usize| self.locale.count(counts.get(i).copied().unwrap_or(0));
        let (on, moderate, stagnation, none) = (n(0), n(1), n(2), n(3));
        let (key, pillar) = match view.pillar {
            Some(p) => ("indicators.summary-pillar", locale.pillar_label(p)),
            None => ("indicators.summary", String::new()),
        };
        self.locale.text.format(
            key,
            &[
                ("pillar", Arg::Str(&pillar)),
                ("area", Arg::Str(&area_text(locale, view.area))),
                (
                    "breakdown",
                    Arg::Str(&breakdown_label(locale, &view.breakdown)),
                ),
                ("on", Arg::Str(&on)),
                ("moderate", Arg::Str(&moderate)),
                ("stagnation", Arg::Str(&stagnation)),
                ("none", Arg::Str(&none)),
            ],
        )
    }

    /// The area menu: the areas with data in the pillar shown (every
    /// pillar's when none is chosen), regions first, then countries by
    /// their names in the widget's language. Filled on new data, on a new
    /// language and when the pillar shown changes, not on each choice.
    fn fill_area_menu(&mut self) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        self.area_menu = Some(self.pillar);
        let names = self
            .area_names
            .get_or_insert_with(|| AreaNames::new(&self.locale));
        let locale = self.locale.chart();
        let mut areas: Vec<(Area, String)> = self
            .index
            .areas_of(self.pillar)
            .iter()
            .map(|a| {
                let name = country_name(a.area, Some(&names.names));
                (a.area, name.unwrap_or_else(|| area_text(locale, a.area)))
            })
            .collect();
        let by_name = |a: &str, b: &str| {
            let order = names.compare.call2(&JsValue::NULL, &a.into(), &b.into());
            let order = order.ok().and_then(|o| o.as_f64()).unwrap_or(0.0);
            order.partial_cmp(&0.0).unwrap_or(Ordering::Equal)
        };
        let country = |x: &Area| matches!(x, Area::Country(_));
        crate::core::order::sort_by(&mut areas, |(a, an), (b, bn)| {
            let names = if country(a) {
                by_name(an, bn)
            } else {
                Ordering::Equal
            };
            country(a).cmp(&country(b)).then(names)
        });
        let select = &self.parts.area_select;
        clear(select.as_ref());
        for (area, name) in areas {
            let code = area.to_string();
            let text = if name == code {
                code.clone()
            } else {
                format!("{name} ({code})")
            };
            let o = text_el(&doc, "option", "", &text);
            attrs(&o, &[("value", &code)]);
            append(select.as_ref(), &o);
        }
    }

    /// The breakdown menu: the total, then every breakdown the indicators
    /// shown have data for in the area; the breakdown chosen is offered as
    /// itself when they have none for it (a combination from the
    /// attribute, or one of another pillar or area).
    fn fill_breakdown_menu(&self, view: &IndicatorsOverview) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let locale = self.locale.chart();
        let select = &self.parts.breakdown_select;
        // Adds a breakdown's option; whether it is the one shown.
        let option = |b: &Breakdown| {
            let o = text_el(&doc, "option", "", &breakdown_label(locale, b));
            attrs(&o, &[("value", &breakdown_text(b))]);
            let chosen = *b == view.breakdown;
            if chosen {
                attrs(&o, &[("selected", "")]);
            }
            append(select.as_ref(), &o);
            chosen
        };
        clear(select.as_ref());
        let mut offered = option(&Breakdown::total());
        for d in view.breakdowns() {
            for v in &d.values {
                offered |= option(&Breakdown(vec![(d.dimension.clone(), v.clone())]));
            }
        }
        if !offered {
            option(&view.breakdown);
        }
    }

    /// The pillar, area or breakdown changed in the page.
    fn choose(&mut self) {
        self.drilled = None;
        self.focused = None;
        self.rebuild();
        self.show_overview_parts();
        self.redraw();
        if let Some(view) = &self.view {
            let line = self.said(view);
            self.announcer.say(&line);
        }
        let detail = js_sys::Object::new();
        let area = self
            .view
            .as_ref()
            .map(|v| v.area.to_string())
            .unwrap_or_default();
        let _ = js_sys::Reflect::set(&detail, &"area".into(), &area.into());
        let pillar = self.pillar.map_or(JsValue::NULL, |p| p.numeral().into());
        let _ = js_sys::Reflect::set(&detail, &"pillar".into(), &pillar);
        let _ = js_sys::Reflect::set(
            &detail,
            &"breakdown".into(),
            &breakdown_text(&self.breakdown).into(),
        );
        self.events.fire("kyoto:select", &detail.into());
    }

    fn set_focus(&mut self, i: usize, move_focus: bool) {
        self.focused = Some(i);
        let buttons = self.parts.rows.query_selector_all("button").ok();
        if let Some(list) = buttons {
            for k in 0..list.length() {
                if let Some(b) = list.item(k).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = b.set_attribute("tabindex", if k as usize == i { "0" } else { "-1" });
                    if move_focus && k as usize == i {
                        if let Some(h) = b.dyn_ref::<HtmlElement>() {
                            let _ = h.focus();
                        }
                    }
                }
            }
        }
        self.redraw();
    }

    fn drill(&mut self, id: &str) {
        self.open_detail(id);
        self.redraw();
        if let Some((d, _)) = &self.drilled {
            let status = d
                .series
                .first()
                .map(|s| self.text(StatusKind::of(&s.assessment).key()))
                .unwrap_or_else(|| self.text("indicators.no-data"));
            let title = format!("{} · {}", d.indicator.id, d.indicator.title);
            let line = self.locale.text.format(
                "indicators.opened",
                &[
                    ("indicator", Arg::Str(&title)),
                    ("status", Arg::Str(status)),
                ],
            );
            self.announcer.say(&line);
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(
                &detail,
                &"indicator".into(),
                &d.indicator.id.as_str().into(),
            );
            self.events.fire("kyoto:drill", &detail.into());
        }
        if let Some(h) = self.parts.back.dyn_ref::<HtmlElement>() {
            let _ = h.focus();
        }
    }

    fn open_detail(&mut self, id: &str) {
        let area = self.view.as_ref().map(|v| v.area);
        let Some(d) = detail(&self.data.dataset, &self.index, id, area) else {
            return;
        };
        let layout = layout_detail(&d, &self.options(), self.locale.chart(), &EstimatedText);
        self.detail_table(&d);
        self.method_text(&d);
        self.drilled = Some((d, layout));
        set_hidden(&self.parts.back, false);
        set_hidden(&self.parts.method, false);
        set_hidden(&self.parts.pillar_label, true);
        set_hidden(&self.parts.breakdown_label, true);
        clear(&self.parts.rows);
    }

    fn back(&mut self) {
        let Some((d, _)) = self.drilled.take() else {
            return;
        };
        self.show_overview_parts();
        self.overview_table();
        self.redraw();
        let at = self
            .layout
            .as_ref()
            .and_then(|l| l.rows.iter().position(|r| r.id == d.indicator.id));
        if let Some(i) = at {
            self.set_focus(i, true);
        }
        if let Some(view) = &self.view {
            let line = self.said(view);
            self.announcer.say(&line);
        }
        self.events.fire("kyoto:drill", &JsValue::NULL);
    }

    fn show_overview_parts(&self) {
        set_hidden(&self.parts.back, true);
        set_hidden(&self.parts.method, true);
        set_hidden(&self.parts.pillar_label, false);
        set_hidden(&self.parts.breakdown_label, false);
    }

    fn options(&self) -> IndicatorsLayoutOptions {
        IndicatorsLayoutOptions {
            width: if self.width >= 1.0 { self.width } else { 800.0 },
            font_px: self.font_px,
            rtl: self.rtl,
        }
    }

    fn redraw(&mut self) {
        super::fault::trip();
        if self.loading {
            return;
        }
        if self.width < 1.0 {
            self.width = f64::from(self.parts.plot.client_width());
        }
        if self.width < 1.0 {
            return; // hidden: the ResizeObserver draws when it is shown
        }
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0);
        let colours = self.colours();
        let options = self.options();
        if let Some((d, layout)) = &mut self.drilled {
            *layout = layout_detail(d, &options, self.locale.chart(), &EstimatedText);
            if let Some(backend) = ScaledCanvas::new(
                &self.parts.canvas,
                layout.width,
                layout.height,
                dpr,
                &self.canvas_memory,
            ) {
                let area = backend.into_drawing_area();
                if draw_detail(&area, layout, &colours, None).is_ok() {
                    let _ = area.present();
                }
            }
            return;
        }
        let Some(view) = &self.view else { return };
        let layout = layout_overview(view, &options, self.locale.chart(), &EstimatedText);
        if let Some(backend) = ScaledCanvas::new(
            &self.parts.canvas,
            layout.width,
            layout.height,
            dpr,
            &self.canvas_memory,
        ) {
            let area = backend.into_drawing_area();
            if draw_overview(&area, &layout, &colours, self.focused).is_ok() {
                let _ = area.present();
            }
        }
        self.place_rows(&layout);
        self.layout = Some(layout);
    }

    /// The row buttons on the rows drawn: made anew when the rows changed,
    /// else only moved.
    fn place_rows(&self, layout: &OverviewLayout) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let Some(view) = &self.view else { return };
        let existing = self.parts.rows.child_element_count() as usize;
        let same = existing == layout.rows.len()
            && layout.rows.iter().enumerate().all(|(i, r)| {
                self.parts
                    .rows
                    .children()
                    .item(i as u32)
                    .and_then(|li| li.first_element_child())
                    .and_then(|b| b.get_attribute("data-id"))
                    .as_deref()
                    == Some(r.id.as_str())
            });
        if !same {
            clear(&self.parts.rows);
        }
        let locale = self.locale.chart();
        let tab_stop = self.focused.unwrap_or(0);
        for (i, (r, row)) in layout.rows.iter().zip(view.rows()).enumerate() {
            let px = |v: f64| format!("{}px", crate::core::number::format(v, 1));
            let button = if same {
                self.parts
                    .rows
                    .children()
                    .item(i as u32)
                    .and_then(|li| li.first_element_child())
            } else {
                None
            };
            let button = match button {
                Some(b) => b,
                None => {
                    let li = el(&doc, "li", "");
                    let b = el(&doc, "button", "");
                    attrs(
                        &b,
                        &[
                            ("type", "button"),
                            ("data-row", &i.to_string()),
                            ("data-id", &r.id),
                        ],
                    );
                    style(
                        &b,
                        &[
                            ("position", "absolute"),
                            ("background", "transparent"),
                            ("border", "0"),
                            ("padding", "0"),
                            ("cursor", "pointer"),
                            ("outline-offset", "-3px"),
                        ],
                    );
                    append(&li, &b);
                    append(&self.parts.rows, &li);
                    b
                }
            };
            let [latest, baseline, target] = row_figures(locale, row);
            let status = self.text(r.status.key());
            let title = format!(
                "{} · {}",
                row.id,
                title_with_unit(&row.title, row.unit.as_deref())
            );
            let label = self.locale.text.format(
                "indicators.row-label",
                &[
                    ("title", Arg::Str(&title)),
                    ("latest", Arg::Str(&latest)),
                    ("baseline", Arg::Str(&baseline)),
                    ("target", Arg::Str(&target)),
                    ("status", Arg::Str(status)),
                ],
            );
            attrs(
                &button,
                &[
                    ("aria-label", &label),
                    ("tabindex", if i == tab_stop { "0" } else { "-1" }),
                ],
            );
            style(
                &button,
                &[
                    ("left", &px(r.rect.x)),
                    ("top", &px(r.rect.y)),
                    ("width", &px(r.rect.w)),
                    ("height", &px(r.rect.h)),
                ],
            );
        }
    }

    /// The table of the overview: each indicator's figures and status.
    fn overview_table(&self) {
        let Some(view) = &self.view else { return };
        let locale = self.locale.chart();
        let head = [
            "indicators.col.indicator",
            "indicators.col.latest",
            "indicators.col.baseline",
            "indicators.col.target",
            "indicators.col.status",
        ];
        let mut rows: Vec<Vec<String>> = Vec::new();
        for r in view.rows() {
            let latest = r
                .latest()
                .map(|(p, v)| format!("{} ({})", value_text(locale, v), period_text(locale, p)))
                .unwrap_or_default();
            let baseline = r
                .assessment
                .baseline
                .map(|b| {
                    format!(
                        "{} ({})",
                        value_text(locale, b.value),
                        period_text(locale, b.period)
                    )
                })
                .unwrap_or_default();
            let target = r
                .target
                .map(|t| {
                    format!(
                        "{} ({})",
                        value_text(locale, t.value),
                        locale.numbers.year(t.year)
                    )
                })
                .unwrap_or_else(|| self.text("indicators.no-target").to_string());
            rows.push(vec![
                format!(
                    "{} · {}",
                    r.id,
                    title_with_unit(&r.title, r.unit.as_deref())
                ),
                latest,
                baseline,
                target,
                self.text(StatusKind::of(&r.assessment).key()).to_string(),
            ]);
        }
        let caption = self.summary_line(view);
        self.table(&caption, &head, &rows, &[1, 2, 3], None);
    }

    /// The table of a drill-down: every observation, and the notes.
    fn detail_table(&self, d: &IndicatorDetail) {
        let locale = self.locale.chart();
        let head = [
            "indicators.col.breakdown",
            "indicators.col.period",
            "indicators.col.value",
            "indicators.col.obs-status",
            "indicators.col.comment",
        ];
        let rows: Vec<Vec<String>> = d
            .rows
            .iter()
            .map(|r| {
                vec![
                    breakdown_label(locale, &r.breakdown),
                    period_text(locale, r.period),
                    value_text(locale, r.value),
                    r.status
                        .map(|s| self.text(observation_key(s)).to_string())
                        .unwrap_or_default(),
                    r.comment.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let mut notes: Vec<String> = Vec::new();
        if let Some(sdg) = d.sdg_indicator() {
            notes.push(
                self.locale
                    .text
                    .format("indicators.sdg", &[("indicator", Arg::Str(&sdg))]),
            );
        }
        if let Some(s) = &d.indicator.source {
            notes.push(
                self.locale
                    .text
                    .format("indicators.source", &[("source", Arg::Str(s))]),
            );
        }
        if let Some(f) = &d.indicator.footnote {
            notes.push(f.clone());
        }
        let caption = format!(
            "{} · {} · {}",
            d.indicator.id,
            d.indicator.title,
            area_text(locale, d.area)
        );
        self.table(&caption, &head, &rows, &[2], Some(&notes));
    }

    fn table(
        &self,
        caption: &str,
        head: &[&'static str],
        rows: &[Vec<String>],
        numeric: &[usize],
        notes: Option<&[String]>,
    ) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let body = &self.parts.table_body;
        clear(body);
        let table = el(&doc, "table", "kw-table");
        append(&table, &text_el(&doc, "caption", "", caption));
        let thead = el(&doc, "thead", "");
        let tr = el(&doc, "tr", "");
        for (i, key) in head.iter().enumerate() {
            let th = text_el(
                &doc,
                "th",
                if numeric.contains(&i) { "num" } else { "" },
                self.text(key),
            );
            attrs(&th, &[("scope", "col")]);
            append(&tr, &th);
        }
        append(&thead, &tr);
        append(&table, &thead);
        let tbody = el(&doc, "tbody", "");
        for row in rows {
            let tr = el(&doc, "tr", "");
            for (i, cell) in row.iter().enumerate() {
                let (tag, class) = match (i, numeric.contains(&i)) {
                    (0, _) => ("th", ""),
                    (_, true) => ("td", "num"),
                    _ => ("td", ""),
                };
                let c = text_el(&doc, tag, class, cell);
                if tag == "th" {
                    attrs(&c, &[("scope", "row")]);
                }
                append(&tr, &c);
            }
            append(&tbody, &tr);
        }
        append(&table, &tbody);
        append(body, &table);
        for note in notes.unwrap_or_default() {
            append(body, &text_el(&doc, "p", "kw-note", note));
        }
    }

    /// The file name of an export of the view shown, without its
    /// extension: `kyoto-indicators-overview`, `kyoto-indicators-overview-II`
    /// (one pillar), `kyoto-indicators-I-1`.
    fn file_stem(&self) -> String {
        match (&self.drilled, &self.view) {
            (Some((d, _)), _) => file_stem(&["indicators", &d.indicator.id]),
            (None, view) => {
                let pillar = view.as_ref().and_then(|v| v.pillar);
                file_stem(&["indicators", "overview", pillar.map_or("", |p| p.numeral())])
            }
        }
    }

    // The exports stay out of line (see `web::export`): compiled when a
    // download is asked for, not with the first click on any button.
    /// Downloads the figures of the view shown as CSV (numbers plain).
    #[inline(never)]
    fn export_csv(&self) {
        let locale = ChartLocale {
            text: self.locale.text,
            numbers: &PlainNumbers,
        };
        let table = match (&self.drilled, &self.view) {
            (Some((d, _)), _) => detail_table(d, locale),
            (None, Some(view)) => overview_table(view, locale),
            (None, None) => return,
        };
        let name = format!("{}.csv", self.file_stem());
        export::download_text(
            &self.host,
            &self.events,
            export::CSV_URL,
            &table.csv(),
            &name,
        );
    }

    /// Downloads the view shown as SVG, as `kyoto indicators` writes it.
    #[inline(never)]
    fn export_svg(&mut self) {
        let colours = self.colours();
        let svg = match (&self.drilled, &self.layout) {
            (Some((_, layout)), _) => detail_svg(layout, &colours),
            (None, Some(layout)) => overview_svg(layout, &colours),
            (None, None) => return,
        };
        match svg {
            Ok(svg) => {
                let name = format!("{}.svg", self.file_stem());
                export::download_text(&self.host, &self.events, export::SVG_URL, &svg, &name);
            }
            Err(e) => self.show_failure(&e),
        }
    }

    /// Draws the view shown at twice its size and downloads it as PNG.
    #[inline(never)]
    fn export_png(&self) {
        let colours = self.colours();
        let (width, height) = match (&self.drilled, &self.layout) {
            (Some((_, layout)), _) => (layout.width, layout.height),
            (None, Some(layout)) => (layout.width, layout.height),
            (None, None) => return,
        };
        let url = export::png_data_url(&self.host, width, height, |area| {
            match (&self.drilled, &self.layout) {
                (Some((_, layout)), _) => draw_detail(area, layout, &colours, None).is_ok(),
                (None, Some(layout)) => draw_overview(area, layout, &colours, None).is_ok(),
                (None, None) => false,
            }
        });
        if let Some(url) = url {
            let name = format!("{}.png", self.file_stem());
            export::download_url(&self.host, &self.events, &url, &name);
        }
    }

    /// The method and its inputs, per series of the drill-down.
    fn method_text(&self, d: &IndicatorDetail) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let body = &self.parts.method_body;
        clear(body);
        append(
            body,
            &text_el(&doc, "p", "", self.text("indicators.method-intro")),
        );
        let locale = self.locale.chart();
        for s in &d.series {
            let a = &s.assessment;
            let heading = format!(
                "{}: {}",
                breakdown_label(locale, &s.breakdown),
                self.text(StatusKind::of(a).key())
            );
            append(body, &text_el(&doc, "h4", "", &heading));
            // The inputs as a two-column table: what, and its value.
            let inputs = el(&doc, "table", "kw-table");
            append(&inputs, &text_el(&doc, "caption", "kw-sr", &heading));
            for (key, value) in method_inputs(self, a) {
                let tr = el(&doc, "tr", "");
                let th = text_el(&doc, "th", "", self.text(key));
                attrs(&th, &[("scope", "row")]);
                append(&tr, &th);
                append(&tr, &text_el(&doc, "td", "num", &value));
                append(&inputs, &tr);
            }
            append(body, &inputs);
            // The rule with its inputs in one line, in the widget's language.
            let line = text_el(&doc, "p", "kw-note", &a.explain(locale));
            append(body, &line);
        }
    }
}

/// The inputs of an assessment in the locale's words and numbers.
fn method_inputs(w: &Widget, a: &Assessment) -> Vec<(&'static str, String)> {
    let locale = w.locale.chart();
    let point = |p: Option<crate::core::progress::status::Point>| {
        p.map(|p| {
            format!(
                "{} ({})",
                value_text(locale, p.value),
                period_text(locale, p.period)
            )
        })
    };
    // Rates and ratios to four decimals: the locale's formats round to
    // one, which would hide what decided the status (a ratio of 0.36 shown
    // as 0.4, a growth of 1.97% as 2%).
    let num = |v: f64| crate::core::number::format(v, 4);
    let mut out = Vec::new();
    let method = match a.method {
        Some(Method::TargetRatio) => Some("indicators.method.ratio"),
        Some(Method::GrowthRate) => Some("indicators.method.growth"),
        None => None,
    };
    if let Some(m) = method {
        out.push(("indicators.input.method", w.text(m).to_string()));
    }
    let direction = match a.direction {
        crate::core::progress::Direction::Up => "indicators.direction.up",
        crate::core::progress::Direction::Down => "indicators.direction.down",
    };
    out.push(("indicators.input.direction", w.text(direction).to_string()));
    if let Some(b) = point(a.baseline) {
        out.push(("indicators.col.baseline", b));
    }
    if let Some(l) = point(a.latest) {
        out.push(("indicators.col.latest", l));
    }
    if let Some(t) = a.target {
        out.push((
            "indicators.col.target",
            format!(
                "{} ({})",
                value_text(locale, t.value),
                locale.numbers.year(t.year)
            ),
        ));
    }
    if let Some(v) = a.actual_rate {
        out.push(("indicators.input.actual", num(v)));
    }
    if let Some(v) = a.required_rate {
        out.push(("indicators.input.required", num(v)));
    }
    if let Some(v) = a.ratio {
        out.push(("indicators.input.ratio", num(v)));
    }
    if let Some(v) = a.growth_rate {
        out.push((
            "indicators.input.growth",
            format!("{}%", crate::core::number::format(v * 100.0, 2)),
        ));
    }
    out
}

impl Shell for Widget {
    fn refresh(&mut self) {
        let new_language = self.apply_language();
        self.width = f64::from(self.parts.plot.client_width());
        self.font_px = font_px(&self.parts.root);
        if !self.loading {
            if new_language {
                self.fill_area_menu();
            }
            let drilled = self.drilled.take().map(|(d, _)| d.indicator.id);
            self.rebuild();
            if let Some(id) = drilled {
                self.open_detail(&id);
            }
        }
        self.redraw();
    }

    fn attribute(&mut self, name: &str, value: Option<&str>) {
        match name {
            "lang" | "theme" | "dir" => self.refresh(),
            "area" => {
                self.area = value.and_then(|a| Area::parse(a).ok());
                if !self.loading {
                    self.choose();
                }
            }
            "pillar" => {
                self.pillar = value.and_then(Pillar::parse);
                self.parts
                    .pillar_select
                    .set_value(self.pillar.map_or("", |p| p.numeral()));
                if !self.loading {
                    self.choose();
                }
            }
            "breakdown" => {
                self.breakdown = value
                    .and_then(|b| parse_breakdown(b).ok())
                    .unwrap_or_default();
                if !self.loading {
                    self.choose();
                }
            }
            // An indicator the data has not: the overview (and a notice).
            "indicator" if !self.loading => match value.map(str::trim).filter(|v| !v.is_empty()) {
                Some(id) if self.data.dataset.indicator(id).is_some() => self.drill(id),
                _ => self.back(),
            },
            _ => {}
        }
    }

    fn teardown(&mut self) {
        self.parts.root.remove();
    }

    fn check_attributes(&mut self) {
        // An indicator the data has not, once the data is here.
        let missing = host_attr(&self.host, "indicator")
            .filter(|id| !self.loading && !id.trim().is_empty())
            .filter(|id| self.data.dataset.indicator(id.trim()).is_none())
            .map(|id| {
                attribute::found(
                    "indicator",
                    id,
                    attribute::INDICATOR_NOT_IN_DATA,
                    String::new(),
                )
            });
        // An area the data has no values for, in the pillar of the
        // attribute or at all (one it cannot read is the AREA rule's).
        let area = host_attr(&self.host, "area")
            .filter(|_| !self.loading)
            .and_then(|value| {
                let area = Area::parse(value.trim()).ok()?;
                let pillar = host_attr(&self.host, "pillar").and_then(|p| Pillar::parse(&p));
                if self.index.has_data(area, pillar) {
                    None
                } else if let (Some(p), true) = (pillar, self.index.has_data(area, None)) {
                    let numeral = p.numeral().to_string();
                    Some(attribute::found(
                        "area",
                        value,
                        attribute::AREA_NOT_IN_PILLAR,
                        numeral,
                    ))
                } else {
                    Some(attribute::found(
                        "area",
                        value,
                        attribute::AREA_NOT_IN_DATA,
                        String::new(),
                    ))
                }
            });
        let found = missing.into_iter().chain(area).collect();
        self.parts.notes.check(&self.host, &self.locale, found);
    }
}

impl LiveTarget for Widget {
    type Data = ProgressImport;

    live_target_fields!(data);

    fn say(&self, text: &str) {
        self.announcer.say(text);
    }

    fn show_failure(&mut self, message: &str) {
        show_progress_failure(
            [&self.parts.root, &self.parts.error],
            &self.figures(),
            &self.data,
            &self.host,
            &self.locale,
            &self.events,
            message,
        );
    }

    fn show_update(
        &mut self,
        data: Rc<ProgressImport>,
        _changed: Option<BTreeSet<u8>>,
        detail: &[(&str, JsValue)],
    ) {
        self.generation += 1;
        self.live.mark_fresh(&self.locale.tag);
        set_hidden(&self.parts.sample, true);
        self.take(data);
        let d = self.data.detail();
        for (k, v) in detail {
            let _ = js_sys::Reflect::set(&d, &(*k).into(), v);
        }
        self.events.fire("kyoto:updated", &d);
    }

    fn show_loaded(&mut self, data: Rc<ProgressImport>) {
        self.live.mark_fresh(&self.locale.tag);
        set_hidden(&self.parts.sample, !shows_sample(&self.host));
        self.take(data);
        self.events.fire("kyoto:loaded", &self.data.detail());
    }
}

/// The browser's names of countries and its order of texts, in one
/// language: `Intl.DisplayNames` and `Intl.Collator` are made once per
/// language, not on each choice of area or breakdown.
struct AreaNames {
    names: js_sys::Intl::DisplayNames,
    compare: js_sys::Function,
}

impl AreaNames {
    fn new(locale: &Locale) -> AreaNames {
        let collator = js_sys::Intl::Collator::new(
            &js_sys::Array::of1(&JsValue::from(locale.tag.as_str())),
            &js_sys::Object::new(),
        );
        AreaNames {
            names: country_names(locale),
            compare: collator.compare(),
        }
    }
}
