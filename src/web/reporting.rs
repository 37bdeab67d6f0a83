//! `<kyoto-reporting>`: who has reported, per cycle and pillar, over the
//! reporting tables of a progress export (`core::reporting_board`).
//!
//! Four views, chosen by buttons: the overview (per pillar and cycle, the
//! States reporting with a report on time, late or with answers only, and
//! its table of every figure), the tile map (one tile per country, coloured
//! and patterned by report status; arrow keys move between tiles and the
//! focused tile's detail shows beside it), the table (one row per area,
//! sortable by each column with `aria-sort`, filtered by status, region and
//! text) and the questions (per question, States and the other respondents
//! side by side, with its table). Selects choose the cycle and pillar; every
//! change is announced in a polite live region. Everything drawn is laid
//! out in `core` and drawn by `render::reporting`, so that the canvas shows
//! and the pointer and keys hit exactly what the SVG export does.
//!
//! Attributes of its own: `cycle`, `pillar`, `view`, `all-statuses`,
//! `as-of` (a date, default today), `theme`.

use super::announce::Announcer;
use super::canvas::{font_px, ScaledCanvas, SharedCanvasMemory};
use super::data::Feed;
use super::dom::{append, attrs, button, clear, el, set_hidden, styled_shadow, text_el};
use super::events::Emitter;
use super::export::{self, DownloadButtons, Format};
use super::listen::{Listener, SizeWatch};
use super::live::{live_target_fields, load_src, LiveState, LiveTarget};
use super::locale::{Locale, StaticText};
use super::progress::{
    country_name, country_names, problem_list, show_progress_failure, shows_sample,
};
use super::shell::{widget_class, Mounted, Reset, Shell};
use super::widget::{host_attr, show_problems, AttributeNotes};
use crate::core::attribute;
use crate::core::chart::{ChartLocale, PlainNumbers};
use crate::core::export::file_stem;
use crate::core::import::parse_date;
use crate::core::layout::{BarLayoutOptions, EstimatedText};
use crate::core::model::{PartialDate, Pillar};
use crate::core::progress::reporting::ReportingOptions;
use crate::core::progress::{Area, ProgressImport};
use crate::core::reporting_board::tile_grid::{
    layout_tile_map, TileKey, TileMapLayout, TileMapOptions,
};
use crate::core::reporting_board::{
    layout_captioned_bars, question_bars, question_legend, question_table, sort_rows,
    CaptionedBars, CountryColumn, CountryFilter, CountrySort, FigureTable, ReportStatus,
    ReportingBoard,
};
use crate::render::reporting::{
    captioned_bars_svg, draw_captioned_bars, draw_tile_map, tile_map_svg, MapState,
};
use crate::render::{DrawState, Palette};
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    KeyboardEvent, MouseEvent,
};

/// The four views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Overview,
    Map,
    Table,
    Questions,
}

impl View {
    const ALL: [View; 4] = [View::Overview, View::Map, View::Table, View::Questions];

    fn name(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Map => "map",
            View::Table => "table",
            View::Questions => "questions",
        }
    }

    fn key(self) -> &'static str {
        match self {
            View::Overview => "reporting.view.overview",
            View::Map => "reporting.view.map",
            View::Table => "reporting.view.table",
            View::Questions => "reporting.view.questions",
        }
    }

    fn parse(v: Option<&str>) -> View {
        View::ALL
            .into_iter()
            .find(|x| Some(x.name()) == v.map(str::trim))
            .unwrap_or(View::Overview)
    }
}

/// The elements the widget writes into.
struct Parts {
    root: Element,
    title: Element,
    /// Says that the figures are the invented sample (no `src`).
    sample: Element,
    views: Vec<(View, Element)>,
    cycle: HtmlSelectElement,
    pillar: HtmlSelectElement,
    question_label: Element,
    question: HtmlSelectElement,
    downloads: DownloadButtons,
    plot: Element,
    canvas: HtmlCanvasElement,
    tooltip: Element,
    filters: Element,
    status_filter: HtmlSelectElement,
    region_filter: HtmlSelectElement,
    text_filter: HtmlInputElement,
    figures: Element,
    summary: Element,
    problems: Element,
    /// The notices of attribute values the widget cannot read.
    notes: AttributeNotes,
    error: Element,
    labels: Vec<(Element, &'static str)>,
    /// Texts in attributes (the download buttons').
    texts: StaticText,
}

/// The widget's state.
pub struct Widget {
    host: HtmlElement,
    parts: Parts,
    events: Emitter,
    data: Rc<ProgressImport>,
    board: ReportingBoard,
    view: View,
    question: Option<String>,
    sort: CountrySort,
    filter: CountryFilter,
    focus: Option<usize>,
    hover: Option<usize>,
    map: Option<TileMapLayout>,
    chart: Option<CaptionedBars>,
    names: Option<js_sys::Intl::DisplayNames>,
    generation: u64,
    locale: Locale,
    announcer: Announcer,
    live: LiveState<Widget>,
    canvas_memory: SharedCanvasMemory,
    /// The plot's width when last drawn: the `ResizeObserver` redraws when
    /// it changes.
    width: f64,
    me: Weak<RefCell<Widget>>,
}

widget_class!(
    /// The JS class of `<kyoto-reporting>`.
    KyotoReporting,
    Widget,
    mount,
    reset
);

/// The widget's own methods (the shared ones: [`widget_class!`]).
#[wasm_bindgen]
impl KyotoReporting {
    /// The view shown: `overview`, `map`, `table` or `questions`.
    pub fn view(&self) -> String {
        self.shell
            .read(|w| w.view.name().to_string())
            .unwrap_or_default()
    }

    /// The figures the widget shows, for tests and pages: the cycle, the
    /// pillar, per pillar `[States answering, States reporting, on time,
    /// late, answers only]`, the report statuses counted, and per area its
    /// status.
    pub fn figures(&self) -> JsValue {
        self.shell
            .read(Widget::figures)
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// The rectangles of the tiles drawn (CSS pixels of the canvas), each
    /// `{area, status, x, y, w, h}`, in focus order.
    #[wasm_bindgen(js_name = tileRects)]
    pub fn tile_rects(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        self.shell.read(|w| {
            for t in w.map.iter().flat_map(|m| &m.tiles) {
                let o = js_sys::Object::new();
                for (k, v) in [
                    ("area", JsValue::from(t.area.to_string())),
                    ("status", JsValue::from(t.status.as_str())),
                    ("x", t.rect.x.into()),
                    ("y", t.rect.y.into()),
                    ("w", t.rect.w.into()),
                    ("h", t.rect.h.into()),
                ] {
                    let _ = js_sys::Reflect::set(&o, &k.into(), &v);
                }
                out.push(&o);
            }
        });
        out
    }

    /// The table of the view shown as CSV, as its download writes it:
    /// the headings in the widget's language, numbers in plain digits,
    /// dates as `2026-03-31`.
    #[wasm_bindgen(js_name = tableCsv)]
    pub fn table_csv(&self) -> String {
        self.shell
            .read(|w| w.figure_table(true).csv())
            .unwrap_or_default()
    }
}

fn mount(host: HtmlElement) -> Option<Mounted<Widget>> {
    let doc = host.owner_document()?;
    let shadow = styled_shadow(&host)?;
    let locale = Locale::of(&host);
    let (parts, stale, region) = build_dom(&doc)?;
    let _ = shadow.append_child(&parts.root);
    let events = Emitter::new(&host);
    let data = ProgressImport::empty();
    let options = options_of(&host);
    let widget = Rc::new(RefCell::new(Widget {
        board: ReportingBoard::new(&data.dataset, options),
        host: host.clone(),
        parts,
        events: events.clone(),
        data,
        view: View::parse(host_attr(&host, "view").as_deref()),
        question: None,
        sort: CountrySort::default(),
        filter: CountryFilter::default(),
        focus: None,
        hover: None,
        map: None,
        chart: None,
        names: None,
        generation: 0,
        locale,
        announcer: Announcer::new(region),
        live: LiveState::new(stale),
        canvas_memory: SharedCanvasMemory::default(),
        width: 0.0,
        me: Weak::new(),
    }));
    widget.borrow_mut().me = Rc::downgrade(&widget);
    widget.borrow_mut().set_texts();
    let keep = listen(&widget);
    let channel = host_attr(&host, "channel");
    {
        let mut w = widget.borrow_mut();
        let me = w.me.clone();
        w.live.join_channel(channel.as_deref(), &me);
    }
    // A new width (the page's layout, the text size) draws again.
    let size = {
        let w = widget.borrow();
        SizeWatch::new(&widget, &[&w.parts.plot], |w: &mut Widget| {
            let width = f64::from(w.parts.plot.client_width());
            if width >= 1.0 && (width - w.width).abs() >= 1.0 {
                w.redraw();
            }
        })?
    };
    load_src(&widget, host_attr(&host, "src"));
    let mut kept: Vec<Box<dyn std::any::Any>> = keep
        .into_iter()
        .map(|l| Box::new(l) as Box<dyn std::any::Any>)
        .collect();
    kept.push(Box::new(size));
    Some(Mounted {
        widget,
        events,
        _keep: kept,
        on_destroy: None,
    })
}

/// Which answers count and the day, from the host's attributes.
fn options_of(host: &Element) -> ReportingOptions {
    let base = if host_attr(host, "all-statuses").is_some() {
        ReportingOptions::all_statuses()
    } else {
        ReportingOptions::default()
    };
    let as_of = host_attr(host, "as-of")
        .and_then(|d| parse_date(&d).ok())
        .or_else(today);
    ReportingOptions { as_of, ..base }
}

/// Today in the page's clock.
fn today() -> Option<PartialDate> {
    let d = js_sys::Date::new_0();
    PartialDate::new(
        u16::try_from(d.get_full_year()).ok()?,
        u8::try_from(d.get_month() + 1).ok(),
        u8::try_from(d.get_date()).ok(),
    )
}

fn select(doc: &Document, class: &str) -> Option<HtmlSelectElement> {
    el(doc, "select", class).dyn_into().ok()
}

fn labelled(
    doc: &Document,
    control: &Element,
    labels: &mut Vec<(Element, &'static str)>,
    key: &'static str,
) -> Element {
    let label = el(doc, "label", "kw-field");
    let text = el(doc, "span", "");
    labels.push((text.clone(), key));
    append(&label, &text);
    append(&label, &text_el(doc, "span", "", " "));
    append(&label, control);
    label
}

fn build_dom(doc: &Document) -> Option<(Parts, Element, Element)> {
    let root = el(doc, "div", "kw kw-reporting");
    attrs(&root, &[("aria-busy", "true")]);
    let mut labels = Vec::new();
    let title = el(doc, "h2", "kw-title");
    let sample = el(doc, "p", "kw-sample");
    attrs(&sample, &[("hidden", "")]);
    labels.push((sample.clone(), "progress.sample"));
    let toolbar = el(doc, "div", "kw-toolbar");
    let group = el(doc, "div", "kw-group");
    attrs(&group, &[("role", "group")]);
    labels.push((group.clone(), "reporting.view.label"));
    let mut views = Vec::new();
    for v in View::ALL {
        let b = button(doc, "kw-btn", "");
        attrs(&b, &[("data-view", v.name()), ("aria-pressed", "false")]);
        append(&group, &b);
        views.push((v, b));
    }
    append(&toolbar, &group);
    let cycle = select(doc, "kw-cycle")?;
    let pillar = select(doc, "kw-pillar")?;
    let question = select(doc, "kw-question")?;
    append(
        &toolbar,
        &labelled(doc, &cycle, &mut labels, "reporting.cycle"),
    );
    append(
        &toolbar,
        &labelled(doc, &pillar, &mut labels, "reporting.pillar"),
    );
    let question_label = labelled(doc, &question, &mut labels, "reporting.question.select");
    append(&toolbar, &question_label);
    let mut texts = StaticText::default();
    let downloads = DownloadButtons::new(
        doc,
        &mut texts,
        "reporting.export.png",
        "reporting.export.svg",
    );
    append(&toolbar, &downloads.group);
    let stale = el(doc, "span", "kw-stale");
    attrs(&stale, &[("hidden", "")]);
    append(&toolbar, &stale);
    // The toolbar's `display: flex` would override `hidden`: a plain
    // wrapper is what is hidden.
    let filters = el(doc, "div", "kw-filters");
    let filter_bar = el(doc, "div", "kw-toolbar");
    append(&filters, &filter_bar);
    let status_filter = select(doc, "kw-status-filter")?;
    let region_filter = select(doc, "kw-region-filter")?;
    let text_filter: HtmlInputElement = el(doc, "input", "kw-text-filter").dyn_into().ok()?;
    attrs(&text_filter, &[("type", "search")]);
    append(
        &filter_bar,
        &labelled(doc, &status_filter, &mut labels, "reporting.filter.status"),
    );
    append(
        &filter_bar,
        &labelled(doc, &region_filter, &mut labels, "reporting.filter.region"),
    );
    append(
        &filter_bar,
        &labelled(doc, &text_filter, &mut labels, "reporting.filter.text"),
    );
    let error = el(doc, "div", "kw-error");
    attrs(&error, &[("role", "alert"), ("hidden", "")]);
    let problems = el(doc, "div", "kw-problems");
    attrs(&problems, &[("hidden", "")]);
    let notes = AttributeNotes::new(doc, attribute::REPORTING);
    let plot = el(doc, "div", "kw-plot");
    let canvas: HtmlCanvasElement = el(doc, "canvas", "").dyn_into().ok()?;
    attrs(&canvas, &[("tabindex", "0"), ("role", "img")]);
    let tooltip = el(doc, "div", "kw-tooltip");
    attrs(&tooltip, &[("hidden", ""), ("aria-hidden", "true")]);
    append(&plot, &canvas);
    append(&plot, &tooltip);
    let figures = el(doc, "div", "kw-figures");
    let summary = el(doc, "p", "kw-note");
    let region = el(doc, "div", "kw-sr");
    attrs(&region, &[("aria-live", "polite"), ("role", "status")]);
    for child in [
        &title,
        &sample,
        &toolbar,
        &filters,
        &error,
        notes.element(),
        &problems,
        &plot,
        &figures,
        &summary,
        &region,
    ] {
        append(&root, child);
    }
    Some((
        Parts {
            root,
            title,
            sample,
            views,
            cycle,
            pillar,
            question_label,
            question,
            downloads,
            plot,
            canvas,
            tooltip,
            filters,
            status_filter,
            region_filter,
            text_filter,
            figures,
            summary,
            problems,
            notes,
            error,
            labels,
            texts,
        },
        stale,
        region,
    ))
}

fn listen(widget: &Rc<RefCell<Widget>>) -> Vec<Listener> {
    let w = widget.borrow();
    let p = &w.parts;
    let mut out = Vec::new();
    for (view, b) in &p.views {
        let view = *view;
        out.push(Listener::on(widget, b, "click", move |w, _| {
            w.show_view(view)
        }));
    }
    out.push(Listener::on(widget, &p.cycle, "change", |w, _| w.choose()));
    out.push(Listener::on(widget, &p.pillar, "change", |w, _| w.choose()));
    out.push(Listener::on(widget, &p.question, "change", |w, _| {
        w.question = Some(w.parts.question.value());
        w.rebuild();
        w.announce();
    }));
    out.push(Listener::on(
        widget,
        &p.downloads.group,
        "click",
        |w, e| match export::clicked(&e) {
            Some(Format::Png) => w.export_png(),
            Some(Format::Svg) => w.export_svg(),
            Some(Format::Csv) => w.export_csv(),
            None => {}
        },
    ));
    out.push(Listener::on(widget, &p.status_filter, "change", |w, _| {
        w.filtered()
    }));
    out.push(Listener::on(widget, &p.region_filter, "change", |w, _| {
        w.filtered()
    }));
    out.push(Listener::on(widget, &p.text_filter, "input", |w, _| {
        w.filtered()
    }));
    out.push(Listener::on(widget, &p.figures, "click", |w, e| {
        let column = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button[data-column]").ok().flatten())
            .and_then(|b| b.get_attribute("data-column"))
            .and_then(|c| CountryColumn::parse(&c));
        if let Some(c) = column {
            w.sort = w.sort.toggled(c);
            w.build_figures();
            w.announce();
            // Focus stays on the header's button, built anew.
            if let Ok(Some(b)) = w
                .parts
                .figures
                .query_selector(&format!("button[data-column=\"{}\"]", c.as_str()))
            {
                if let Ok(b) = b.dyn_into::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        }
    }));
    out.push(Listener::on(widget, &p.canvas, "keydown", |w, e| {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let key = match k.key().as_str() {
            "ArrowLeft" => TileKey::Left,
            "ArrowRight" => TileKey::Right,
            "ArrowUp" => TileKey::Up,
            "ArrowDown" => TileKey::Down,
            "Home" => TileKey::First,
            "End" => TileKey::Last,
            "Escape" => {
                w.focus = None;
                w.redraw();
                return;
            }
            _ => return,
        };
        if w.view != View::Map {
            return;
        }
        e.prevent_default();
        let next = w.map.as_ref().and_then(|m| m.next_tile(w.focus, key));
        if next != w.focus {
            w.focus = next;
            w.redraw();
            w.say_tile();
        }
    }));
    out.push(Listener::on(widget, &p.canvas, "pointermove", |w, e| {
        let Some(m) = e.dyn_ref::<MouseEvent>() else {
            return;
        };
        let (x, y) = (f64::from(m.offset_x()), f64::from(m.offset_y()));
        let hit = w.map.as_ref().and_then(|l| l.tile_at(x, y));
        if w.view == View::Map && hit != w.hover {
            w.hover = hit;
            w.redraw();
        }
    }));
    out.push(Listener::on(widget, &p.canvas, "pointerleave", |w, _| {
        if w.hover.take().is_some() {
            w.redraw();
        }
    }));
    out.push(Listener::on(widget, &p.canvas, "click", |w, e| {
        let Some(m) = e.dyn_ref::<MouseEvent>() else {
            return;
        };
        let (x, y) = (f64::from(m.offset_x()), f64::from(m.offset_y()));
        if let Some(i) = w.map.as_ref().and_then(|l| l.tile_at(x, y)) {
            w.focus = Some(i);
            w.redraw();
            w.say_tile();
        }
    }));
    drop(w);
    out
}

impl Widget {
    fn rtl(&self) -> bool {
        self.locale.lang.is_rtl()
    }

    fn palette(&self) -> Palette {
        Palette::named(host_attr(&self.host, "theme").as_deref().unwrap_or("light"))
    }

    /// An area's name in the page's language: a region's from the
    /// catalogue, a country's from the browser ([`country_name`]), else its
    /// code.
    fn name(&self, area: Area) -> String {
        if let Area::Region(code) = area {
            let key = format!("reporting.region.{code}");
            let text = self.locale.text.text(&key);
            if text != key {
                return text.to_string();
            }
            if let Some(n) = area.region_name() {
                return n.to_string();
            }
        }
        country_name(area, self.names.as_ref()).unwrap_or_else(|| area.to_string())
    }

    fn set_texts(&mut self) {
        self.names = Some(country_names(&self.locale));
        let p = &self.parts;
        let _ = p.root.set_attribute("dir", self.locale.lang.dir());
        let _ = p.root.set_attribute("lang", self.locale.lang.code());
        p.title
            .set_text_content(Some(self.locale.text("reporting.title")));
        for (e, key) in &p.labels {
            if e.tag_name() == "DIV" {
                let _ = e.set_attribute("aria-label", self.locale.text(key));
            } else {
                e.set_text_content(Some(self.locale.text(key)));
            }
        }
        for (v, b) in &p.views {
            b.set_text_content(Some(self.locale.text(v.key())));
        }
        p.texts.apply(self.locale.text);
        let _ = p.text_filter.set_attribute("placeholder", "");
        self.fill_filters();
    }

    fn fill_options(select: &HtmlSelectElement, options: &[(String, String)], chosen: &str) {
        clear(select);
        let Some(doc) = select.owner_document() else {
            return;
        };
        for (value, text) in options {
            let o = text_el(&doc, "option", "", text);
            let _ = o.set_attribute("value", value);
            // Questions from the data are in their own language.
            let _ = o.set_attribute("dir", "auto");
            if value == chosen {
                let _ = o.set_attribute("selected", "");
            }
            append(select, &o);
        }
        select.set_value(chosen);
    }

    fn fill_filters(&self) {
        let mut statuses = vec![(
            String::new(),
            self.locale.text("reporting.filter.status.all").to_string(),
        )];
        statuses.extend(
            ReportStatus::ALL
                .iter()
                .filter(|s| **s != ReportStatus::NoData)
                .map(|s| {
                    (
                        s.as_str().to_string(),
                        self.locale.text.text(&s.key()).to_string(),
                    )
                }),
        );
        let status = self.filter.statuses.first().map_or("", |s| s.as_str());
        Widget::fill_options(&self.parts.status_filter, &statuses, status);
        let mut regions = vec![(
            String::new(),
            self.locale.text("reporting.filter.region.all").to_string(),
        )];
        for code in [2u16, 19, 142, 150, 9] {
            let key = format!("reporting.region.{code}");
            regions.push((code.to_string(), self.locale.text.text(&key).to_string()));
        }
        let region = self
            .filter
            .region
            .map(|r| r.to_string())
            .unwrap_or_default();
        Widget::fill_options(&self.parts.region_filter, &regions, &region);
    }

    fn fill_selects(&self) {
        let cycles: Vec<(String, String)> = self
            .board
            .cycle_names()
            .into_iter()
            .rev()
            .map(|c| (c.clone(), c))
            .collect();
        let chosen = self
            .board
            .selected()
            .map(|c| c.cycle.clone())
            .unwrap_or_default();
        Widget::fill_options(&self.parts.cycle, &cycles, &chosen);
        let mut pillars = vec![(
            String::new(),
            self.locale.text("reporting.pillar.all").to_string(),
        )];
        for p in Pillar::ALL {
            pillars.push((
                p.numeral().to_string(),
                self.locale.text.format(
                    "reporting.pillar.one",
                    &[("pillar", crate::core::i18n::Arg::Str(p.numeral()))],
                ),
            ));
        }
        let pillar = self.board.pillar.map_or("", |p| p.numeral());
        Widget::fill_options(&self.parts.pillar, &pillars, pillar);
        let questions: Vec<(String, String)> = self
            .board
            .questions(&self.data.dataset)
            .iter()
            .map(|q| (q.id.clone(), format!("{} · {}", q.id, q.text)))
            .collect();
        let chosen = self.current_question().unwrap_or_default();
        Widget::fill_options(&self.parts.question, &questions, &chosen);
    }

    /// The question shown: the one chosen if it is of the pillar, else the
    /// pillar's first.
    fn current_question(&self) -> Option<String> {
        let questions = self.board.questions(&self.data.dataset);
        self.question
            .as_ref()
            .filter(|id| questions.iter().any(|q| &q.id == *id))
            .cloned()
            .or_else(|| questions.first().map(|q| q.id.clone()))
    }

    /// What shows the data's figures: hidden while no data has loaded.
    fn figure_parts(&self) -> [&Element; 2] {
        [&self.parts.figures, &self.parts.summary]
    }

    /// Shows `cycle` of `pillar`; the latest cycle when the data has not
    /// that one (or none is named).
    fn select_or_latest(&mut self, cycle: Option<&str>, pillar: Option<Pillar>) {
        if self
            .board
            .select(&self.data.dataset, cycle, pillar)
            .is_err()
        {
            let _ = self.board.select(&self.data.dataset, None, pillar);
        }
    }

    fn show(&mut self, data: Rc<ProgressImport>, event: &str, extra: &[(&str, JsValue)]) {
        let _ = self.parts.root.remove_attribute("aria-busy");
        set_hidden(&self.parts.error, true);
        for e in self.figure_parts() {
            set_hidden(e, false);
        }
        self.live.mark_fresh(&self.locale.tag);
        self.data = data;
        show_problems(
            &self.host,
            &self.parts.problems,
            &problem_list(&self.data, &self.locale),
            &self.locale,
            self.rtl(),
        );
        self.recount();
        let detail = self.data.detail();
        let _ = js_sys::Reflect::set(&detail, &"reporting".into(), &self.figures());
        for (k, v) in extra {
            let _ = js_sys::Reflect::set(&detail, &(*k).into(), v);
        }
        self.events.fire(event, &detail);
    }

    /// Counts the board anew (new data or options), keeping the cycle and
    /// pillar chosen when they are still there.
    fn recount(&mut self) {
        let cycle = self
            .board
            .selected()
            .map(|c| c.cycle.clone())
            .or_else(|| host_attr(&self.host, "cycle"));
        let pillar = self
            .board
            .pillar
            .or_else(|| host_attr(&self.host, "pillar").and_then(|p| Pillar::parse(&p)));
        self.board = ReportingBoard::new(&self.data.dataset, options_of(&self.host));
        self.select_or_latest(cycle.as_deref(), pillar);
        self.focus = None;
        self.fill_selects();
        self.rebuild();
        self.check_attributes();
    }

    fn choose(&mut self) {
        let cycle = self.parts.cycle.value();
        let pillar = Pillar::parse(&self.parts.pillar.value());
        let _ = self.board.select(
            &self.data.dataset,
            Some(cycle.as_str()).filter(|c| !c.is_empty()),
            pillar,
        );
        self.focus = None;
        self.fill_selects();
        self.rebuild();
        self.announce();
    }

    fn filtered(&mut self) {
        self.filter.statuses = ReportStatus::parse(&self.parts.status_filter.value())
            .into_iter()
            .collect();
        self.filter.region = self.parts.region_filter.value().parse().ok();
        self.filter.text = self.parts.text_filter.value();
        self.build_figures();
        self.announce();
    }

    fn show_view(&mut self, view: View) {
        self.view = view;
        let _ = self.host.set_attribute("view", view.name());
        self.rebuild();
        self.announce();
    }

    fn rebuild(&mut self) {
        for (v, b) in &self.parts.views {
            let _ = b.set_attribute(
                "aria-pressed",
                if *v == self.view { "true" } else { "false" },
            );
        }
        set_hidden(&self.parts.filters, self.view != View::Table);
        set_hidden(&self.parts.question_label, self.view != View::Questions);
        set_hidden(&self.parts.plot, self.view == View::Table);
        // The table view draws nothing: its download is the CSV.
        set_hidden(&self.parts.downloads.png, self.view == View::Table);
        set_hidden(&self.parts.downloads.svg, self.view == View::Table);
        self.parts
            .summary
            .set_text_content(Some(&self.board.summary(self.locale.chart())));
        self.redraw();
        self.build_figures();
    }

    fn redraw(&mut self) {
        super::fault::trip();
        if self.view == View::Table {
            return;
        }
        let seen = f64::from(self.parts.plot.client_width());
        if seen < 1.0 {
            return; // hidden: the ResizeObserver draws when it is shown
        }
        self.width = seen;
        let width = seen.max(320.0);
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0);
        let palette = self.palette();
        let rtl = self.rtl();
        let locale = self.locale.chart();
        // The charts' text grows with the widget's (`--kyoto-font-size`, as
        // on the presenter's slides); the map's stays as its tiles allow.
        let font = font_px(&self.parts.root);
        let canvas = &self.parts.canvas;
        if self.view == View::Map {
            let listed: Vec<(Area, ReportStatus, String)> = self
                .board
                .off_grid()
                .iter()
                .map(|r| (r.area, r.status, self.name(r.area)))
                .collect();
            let legend: Vec<(ReportStatus, String)> = ReportStatus::ALL
                .iter()
                .map(|s| (*s, self.locale.text.text(&s.key()).to_string()))
                .collect();
            let board = &self.board;
            let layout = layout_tile_map(
                &|a| board.status_of(a),
                &listed,
                &legend,
                self.locale.text("reporting.map.off_grid"),
                &TileMapOptions {
                    width,
                    font_px: 13.0,
                    rtl,
                },
                &EstimatedText,
            );
            if let Some(backend) =
                ScaledCanvas::new(canvas, width, layout.height, dpr, &self.canvas_memory)
            {
                let area = backend.into_drawing_area();
                let state = MapState {
                    focused: self.focus,
                    hovered: self.hover,
                };
                if draw_tile_map(&area, &layout, &palette, &state).is_ok() {
                    let _ = area.present();
                }
            }
            let cycle = self
                .board
                .selected()
                .map(|c| c.cycle.clone())
                .unwrap_or_default();
            let label = format!(
                "{} {}",
                self.locale.text.format(
                    "reporting.map.label",
                    &[("cycle", crate::core::i18n::Arg::Str(&cycle))]
                ),
                self.locale.text("reporting.map.hint")
            );
            let _ = canvas.set_attribute("aria-label", &label);
            self.place_tooltip(&layout);
            self.map = Some(layout);
            self.chart = None;
            return;
        }
        let chart = match self.view {
            View::Overview => {
                let bars = self.board.overview_bars(locale);
                layout_captioned_bars(
                    self.locale.text("reporting.overview.caption"),
                    &bars,
                    &ReportingBoard::overview_legend(locale),
                    &BarLayoutOptions {
                        width,
                        font_px: font,
                        rtl,
                        max: None,
                        tick_suffix: String::new(),
                    },
                    &EstimatedText,
                )
            }
            _ => {
                let cycle = self.board.selected().map(|c| c.cycle.clone());
                let Some((_, bars, max)) = self.current_question().and_then(|id| {
                    question_bars(
                        &self.data.dataset,
                        &id,
                        cycle.as_deref(),
                        &self.board.options,
                        locale,
                    )
                }) else {
                    set_hidden(&self.parts.plot, true);
                    self.chart = None;
                    self.map = None;
                    return;
                };
                let caption = self.question_caption(cycle.as_deref());
                layout_captioned_bars(
                    &caption,
                    &bars,
                    &question_legend(locale),
                    &BarLayoutOptions {
                        width,
                        font_px: font,
                        rtl,
                        max,
                        tick_suffix: if max.is_some() {
                            "%".into()
                        } else {
                            String::new()
                        },
                    },
                    &EstimatedText,
                )
            }
        };
        if let Some(backend) =
            ScaledCanvas::new(canvas, width, chart.height, dpr, &self.canvas_memory)
        {
            let area = backend.into_drawing_area();
            if draw_captioned_bars(&area, &chart, &palette, &DrawState::default()).is_ok() {
                let _ = area.present();
            }
        }
        let _ = canvas.set_attribute("aria-label", &chart.caption.text);
        set_hidden(&self.parts.tooltip, true);
        self.chart = Some(chart);
        self.map = None;
    }

    /// The focused tile's detail, beside it.
    fn tile_detail(&self, i: usize) -> Option<Vec<String>> {
        let t = self.map.as_ref()?.tiles.get(i)?;
        let status = self.board.row(t.area).map_or_else(
            || self.locale.text.text(&t.status.key()).to_string(),
            |r| r.status_text(self.locale.chart()),
        );
        let mut lines = vec![self.locale.text.format(
            "reporting.map.tile",
            &[
                ("name", crate::core::i18n::Arg::Str(&self.name(t.area))),
                ("code", crate::core::i18n::Arg::Str(&t.area.to_string())),
                ("status", crate::core::i18n::Arg::Str(&status)),
            ],
        )];
        if let Some(r) = self.board.row(t.area) {
            if let Some(d) = r.submitted_on {
                lines.push(format!(
                    "{}: {}",
                    self.locale.text("reporting.column.submitted-on"),
                    self.locale.date(d)
                ));
            }
            let types: Vec<String> = r
                .respondent_types()
                .iter()
                .map(|t| {
                    self.locale
                        .text
                        .text(&format!("reporting.respondent.{}", t.index()))
                        .to_string()
                })
                .collect();
            if !types.is_empty() {
                lines.push(format!(
                    "{}: {}",
                    self.locale.text("reporting.column.respondents"),
                    self.locale.join(&types)
                ));
            }
            if !r.paragraphs.is_empty() {
                lines.push(format!(
                    "{}: {}",
                    self.locale.text("reporting.column.paragraphs"),
                    crate::core::import::format_paragraph_refs(&r.paragraphs)
                ));
            }
        }
        Some(lines)
    }

    fn place_tooltip(&self, layout: &TileMapLayout) {
        let tip = &self.parts.tooltip;
        let Some((i, t)) = self.focus.and_then(|i| Some((i, layout.tiles.get(i)?))) else {
            set_hidden(tip, true);
            return;
        };
        let Some(lines) = self.tile_detail(i) else {
            return;
        };
        clear(tip);
        if let Some(doc) = tip.owner_document() {
            for (n, line) in lines.iter().enumerate() {
                append(
                    tip,
                    &text_el(&doc, if n == 0 { "strong" } else { "div" }, "", line),
                );
            }
        }
        if let Some(tip) = tip.dyn_ref::<HtmlElement>() {
            let style = tip.style();
            let below = t.rect.bottom() + 6.0;
            let left = (t.rect.x).min(layout.width * 0.6);
            let _ = style.set_property(
                "left",
                &format!("{}px", crate::core::number::format(left, 1)),
            );
            let _ = style.set_property(
                "top",
                &format!("{}px", crate::core::number::format(below, 1)),
            );
        }
        set_hidden(tip, false);
    }

    fn say_tile(&self) {
        if let Some(lines) = self.focus.and_then(|i| self.tile_detail(i)) {
            self.announcer.say(&lines.join(". "));
        }
    }

    /// The cycle, the pillar (or all pillars) and the number of areas the
    /// filters leave, as the announcement and the table's caption say them.
    fn context(&self) -> (String, String, String) {
        let rows = self.filter.apply(&self.board.rows, &|a| self.name(a)).len();
        let pillar = match self.board.pillar {
            Some(p) => self.locale.text.format(
                "reporting.pillar.one",
                &[("pillar", crate::core::i18n::Arg::Str(p.numeral()))],
            ),
            None => self.locale.text("reporting.pillar.all").to_string(),
        };
        let cycle = self
            .board
            .selected()
            .map(|c| c.cycle.clone())
            .unwrap_or_default();
        let rows_text = self
            .locale
            .counted("reporting.rows", &[("count", rows)], &[]);
        (cycle, pillar, rows_text)
    }

    /// `key` said with the view, its cycle, pillar and rows.
    fn with_context(&self, key: &str) -> String {
        let (cycle, pillar, rows) = self.context();
        self.locale.text.format(
            key,
            &[
                (
                    "view",
                    crate::core::i18n::Arg::Str(self.locale.text(self.view.key())),
                ),
                ("cycle", crate::core::i18n::Arg::Str(&cycle)),
                ("pillar", crate::core::i18n::Arg::Str(&pillar)),
                ("rows", crate::core::i18n::Arg::Str(&rows)),
            ],
        )
    }

    fn announce(&self) {
        let text = self.with_context("reporting.announce");
        self.announcer.say(&format!(
            "{text}. {}",
            self.board.summary(self.locale.chart())
        ));
    }

    /// The question shown and the cycle: the caption of its chart and table.
    fn question_caption(&self, cycle: Option<&str>) -> String {
        self.locale.text.format(
            "reporting.question.caption",
            &[
                (
                    "question",
                    crate::core::i18n::Arg::Str(&self.current_question().unwrap_or_default()),
                ),
                ("cycle", crate::core::i18n::Arg::Str(cycle.unwrap_or(""))),
            ],
        )
    }

    /// The table of the view shown (the mirror of its chart, or the
    /// areas): as the page shows it, or `plain` as the CSV writes it
    /// (numbers in ASCII digits, dates as `2026-03-31`).
    fn figure_table(&self, plain: bool) -> FigureTable {
        let locale = if plain {
            ChartLocale {
                text: self.locale.text,
                numbers: &PlainNumbers,
            }
        } else {
            self.locale.chart()
        };
        match self.view {
            View::Overview => self.board.overview_table(locale),
            View::Questions => {
                let cycle = self.board.selected().map(|c| c.cycle.clone());
                self.current_question()
                    .and_then(|id| {
                        crate::core::progress::reporting::question_distribution(
                            &self.data.dataset,
                            &id,
                            cycle.as_deref(),
                            &self.board.options,
                        )
                    })
                    .map(|d| question_table(&d, locale))
                    .unwrap_or(FigureTable {
                        headers: Vec::new(),
                        rows: Vec::new(),
                    })
            }
            View::Map | View::Table => {
                let mut rows = self.board.rows.clone();
                sort_rows(&mut rows, self.sort, &|a| self.name(a));
                let shown = self.filter.apply(&rows, &|a| self.name(a));
                FigureTable {
                    headers: CountryColumn::ALL
                        .iter()
                        .map(|c| {
                            self.locale
                                .text
                                .text(&format!("reporting.column.{}", c.as_str()))
                                .to_string()
                        })
                        .collect(),
                    rows: shown
                        .iter()
                        .map(|r| {
                            vec![
                                format!("{} ({})", self.name(r.area), r.area),
                                self.locale.join(
                                    &r.respondent_types()
                                        .iter()
                                        .map(|t| {
                                            self.locale
                                                .text
                                                .text(&format!(
                                                    "reporting.respondent.{}",
                                                    t.index()
                                                ))
                                                .to_string()
                                        })
                                        .collect::<Vec<_>>(),
                                ),
                                r.status_text(self.locale.chart()),
                                r.submitted_on
                                    .map(|d| {
                                        if plain {
                                            d.to_string()
                                        } else {
                                            self.locale.date(d)
                                        }
                                    })
                                    .unwrap_or_default(),
                                crate::core::import::format_paragraph_refs(&r.paragraphs),
                            ]
                        })
                        .collect(),
                }
            }
        }
    }

    /// The file name of an export of the view shown, without its
    /// extension: `kyoto-reporting-overview`, `kyoto-reporting-map-2026`,
    /// `kyoto-reporting-question-Q-I-2-2024`, with the pillar chosen last
    /// (`kyoto-reporting-table-2026-II`).
    fn file_stem(&self) -> String {
        let cycle = self
            .board
            .selected()
            .map(|c| c.cycle.clone())
            .unwrap_or_default();
        let pillar = self.board.pillar.map_or("", |p| p.numeral());
        match self.view {
            View::Overview => file_stem(&["reporting", "overview", pillar]),
            View::Map => file_stem(&["reporting", "map", &cycle, pillar]),
            View::Table => file_stem(&["reporting", "table", &cycle, pillar]),
            View::Questions => {
                let question = self.current_question().unwrap_or_default();
                file_stem(&["reporting", "question", &question, &cycle])
            }
        }
    }

    // The exports stay out of line (see `web::export`): compiled when a
    // download is asked for, not with the first click on any button.
    /// Downloads the table of the view shown as CSV (numbers plain).
    #[inline(never)]
    fn export_csv(&self) {
        let csv = self.figure_table(true).csv();
        let name = format!("{}.csv", self.file_stem());
        export::download_text(&self.host, &self.events, export::CSV_URL, &csv, &name);
    }

    /// Downloads the chart or map shown as SVG, as `kyoto reporting`
    /// writes it (the table view has none).
    #[inline(never)]
    fn export_svg(&mut self) {
        let palette = self.palette();
        let svg = match (self.view, &self.map, &self.chart) {
            (View::Table, _, _) => return,
            (_, Some(map), _) => tile_map_svg(map, &palette),
            (_, None, Some(chart)) => captioned_bars_svg(chart, &palette),
            (_, None, None) => return,
        };
        match svg {
            Ok(svg) => {
                let name = format!("{}.svg", self.file_stem());
                export::download_text(&self.host, &self.events, export::SVG_URL, &svg, &name);
            }
            Err(e) => self.show_failure(&e),
        }
    }

    /// Draws the chart or map shown at twice its size and downloads it as
    /// PNG (the table view has none).
    #[inline(never)]
    fn export_png(&self) {
        let palette = self.palette();
        let (width, height) = match (self.view, &self.map, &self.chart) {
            (View::Table, _, _) => return,
            (_, Some(map), _) => (map.width, map.height),
            (_, None, Some(chart)) => (chart.width, chart.height),
            (_, None, None) => return,
        };
        let url = export::png_data_url(&self.host, width, height, |area| {
            match (&self.map, &self.chart) {
                (Some(map), _) => draw_tile_map(area, map, &palette, &MapState::default()).is_ok(),
                (None, Some(chart)) => {
                    draw_captioned_bars(area, chart, &palette, &DrawState::default()).is_ok()
                }
                (None, None) => false,
            }
        });
        if let Some(url) = url {
            let name = format!("{}.png", self.file_stem());
            export::download_url(&self.host, &self.events, &url, &name);
        }
    }

    /// The table under the chart (or the table view), with sort buttons
    /// in the table view.
    fn build_figures(&mut self) {
        let Some(doc) = self.host.owner_document() else {
            return;
        };
        let figures = &self.parts.figures;
        // A chart's table (overview, question) is folded under its chart, as
        // in the indicators; open stays open when the view is drawn again.
        let was_open = figures
            .query_selector("details")
            .ok()
            .flatten()
            .is_some_and(|d| d.has_attribute("open"));
        clear(figures);
        let t = self.figure_table(false);
        if t.headers.is_empty() {
            return;
        }
        let sortable = self.view == View::Table;
        let wrap = el(
            &doc,
            "div",
            if self.view == View::Map {
                "kw-table-wrap kw-sr"
            } else {
                "kw-table-wrap"
            },
        );
        let table = el(&doc, "table", "kw-table");
        let caption = match self.view {
            View::Overview => self.locale.text("reporting.overview.caption").to_string(),
            View::Questions => {
                let cycle = self.board.selected().map(|c| c.cycle.clone());
                self.question_caption(cycle.as_deref())
            }
            View::Map | View::Table => self.with_context("reporting.table.caption"),
        };
        append(&table, &text_el(&doc, "caption", "", &caption));
        let head = el(&doc, "thead", "");
        let tr = el(&doc, "tr", "");
        for (i, h) in t.headers.iter().enumerate() {
            let th = el(&doc, "th", "");
            let _ = th.set_attribute("scope", "col");
            let column = CountryColumn::ALL.get(i).copied().filter(|_| sortable);
            match column {
                Some(c) => {
                    let sort = if self.sort.column == c {
                        if self.sort.descending {
                            "descending"
                        } else {
                            "ascending"
                        }
                    } else {
                        "none"
                    };
                    let _ = th.set_attribute("aria-sort", sort);
                    let b = button(&doc, "kw-btn kw-sort", h);
                    let _ = b.set_attribute("data-column", c.as_str());
                    let _ = b.set_attribute(
                        "aria-label",
                        &self.locale.text.format(
                            "reporting.sort",
                            &[("column", crate::core::i18n::Arg::Str(h))],
                        ),
                    );
                    append(&th, &b);
                }
                None => th.set_text_content(Some(h)),
            }
            append(&tr, &th);
        }
        append(&head, &tr);
        append(&table, &head);
        let body = el(&doc, "tbody", "");
        for row in &t.rows {
            let tr = el(&doc, "tr", "");
            for (i, cell) in row.iter().enumerate() {
                let td = if i == 0 {
                    el(&doc, "th", "")
                } else {
                    el(&doc, "td", "")
                };
                if i == 0 {
                    let _ = td.set_attribute("scope", "row");
                }
                td.set_text_content(Some(cell));
                // Paragraph lists ("22, 23, 27-30") read left to right in
                // every language.
                if !cell.chars().any(char::is_alphabetic) && cell.contains([',', '-']) {
                    let _ = td.set_attribute("dir", "ltr");
                }
                append(&tr, &td);
            }
            append(&body, &tr);
        }
        append(&table, &body);
        append(&wrap, &table);
        if matches!(self.view, View::Overview | View::Questions) {
            let fold = el(&doc, "details", "kw-fold");
            if was_open {
                let _ = fold.set_attribute("open", "");
            }
            append(
                &fold,
                &text_el(
                    &doc,
                    "summary",
                    "",
                    self.locale.text("reporting.table-title"),
                ),
            );
            append(&fold, &wrap);
            append(figures, &fold);
        } else {
            append(figures, &wrap);
        }
    }

    /// What `figures()` gives.
    fn figures(&self) -> JsValue {
        let o = js_sys::Object::new();
        let set = |o: &js_sys::Object, k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(o, &k.into(), &v);
        };
        let Some((i, c)) = self
            .board
            .cycle
            .and_then(|i| Some((i, self.board.cycles.get(i)?)))
        else {
            return o.into();
        };
        set(&o, "cycle", c.cycle.as_str().into());
        set(
            &o,
            "pillar",
            self.board
                .pillar
                .map_or(JsValue::NULL, |p| p.numeral().into()),
        );
        let pillars = js_sys::Object::new();
        for p in Pillar::ALL {
            let s = self.board.standing(i, p);
            let answered = c.pillar(p).map_or(0, |f| f.states_answered.len());
            let a = js_sys::Array::new();
            for n in [answered, s.total(), s.on_time, s.late, s.answered_only] {
                a.push(&JsValue::from(u32::try_from(n).unwrap_or(u32::MAX)));
            }
            set(&pillars, p.numeral(), a.into());
        }
        set(&o, "pillars", pillars.into());
        let counts = js_sys::Object::new();
        for (s, n) in ReportStatus::ALL.iter().zip(self.board.status_counts()) {
            set(
                &counts,
                s.as_str(),
                JsValue::from(u32::try_from(n).unwrap_or(u32::MAX)),
            );
        }
        set(&o, "statuses", counts.into());
        let areas = js_sys::Object::new();
        for r in &self.board.rows {
            set(&areas, &r.area.to_string(), r.status.as_str().into());
        }
        set(&o, "areas", areas.into());
        o.into()
    }
}

impl Shell for Widget {
    fn refresh(&mut self) {
        if self.locale.refresh(&self.host) {
            self.set_texts();
            self.fill_selects();
        }
        self.rebuild();
    }

    fn attribute(&mut self, name: &str, value: Option<&str>) {
        match name {
            "lang" | "theme" => self.refresh(),
            "view" => {
                let v = View::parse(value);
                if v != self.view {
                    self.view = v;
                    self.rebuild();
                }
            }
            "cycle" | "pillar" | "all-statuses" | "as-of" => {
                if name == "cycle" {
                    let pillar = self.board.pillar;
                    // A cycle the data has not: the latest (and a notice).
                    if self
                        .board
                        .select(&self.data.dataset, value, pillar)
                        .is_err()
                    {
                        let _ = self.board.select(&self.data.dataset, None, pillar);
                    }
                }
                if name == "pillar" {
                    let cycle = self.board.selected().map(|c| c.cycle.clone());
                    let _ = self.board.select(
                        &self.data.dataset,
                        cycle.as_deref(),
                        value.and_then(Pillar::parse),
                    );
                }
                self.recount();
            }
            _ => {}
        }
    }

    fn teardown(&mut self) {
        self.parts.root.remove();
    }

    fn check_attributes(&mut self) {
        // A cycle the data has not, once the data has cycles.
        let known = self.board.cycle_names();
        let missing = host_attr(&self.host, "cycle")
            .filter(|c| !known.is_empty() && !c.trim().is_empty())
            .filter(|c| !known.iter().any(|k| k == c.trim()))
            .map(|c| {
                let list = self.locale.join(&known);
                attribute::found("cycle", c, attribute::CYCLE_NOT_IN_DATA, list)
            });
        self.parts
            .notes
            .check(&self.host, &self.locale, missing.into_iter().collect());
    }
}

impl Reset for Widget {
    /// The view of `view` (which the view buttons write), the cycle of
    /// `cycle` (else the latest) and the pillar of `pillar` (else all), the
    /// pillar's first question, the table unsorted and unfiltered, no tile
    /// focused, the tables under the charts folded; announced as a change
    /// of the cycle or pillar is.
    fn reset(&mut self) {
        self.view = View::parse(host_attr(&self.host, "view").as_deref());
        let cycle = host_attr(&self.host, "cycle");
        let pillar = host_attr(&self.host, "pillar").and_then(|p| Pillar::parse(&p));
        self.select_or_latest(cycle.as_deref(), pillar);
        self.question = None;
        self.sort = CountrySort::default();
        self.filter = CountryFilter::default();
        self.focus = None;
        self.hover = None;
        self.parts.text_filter.set_value("");
        self.fill_filters();
        self.fill_selects();
        // No table left open for `build_figures` to keep open.
        clear(&self.parts.figures);
        self.rebuild();
        if self.board.selected().is_some() {
            self.announce();
        }
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
            &self.figure_parts(),
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
        set_hidden(&self.parts.sample, true);
        self.show(data, "kyoto:updated", detail);
    }

    fn show_loaded(&mut self, data: Rc<ProgressImport>) {
        set_hidden(&self.parts.sample, !shows_sample(&self.host));
        self.show(data, "kyoto:loaded", &[]);
    }
}
