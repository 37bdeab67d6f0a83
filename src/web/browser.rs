//! `<kyoto-paragraph-browser>`: read, search and filter the Declaration with
//! the activities linked to each paragraph.
//!
//! The Declaration is shown grouped part → pillar → theme; each paragraph has
//! a header button (`aria-expanded`) with its number and a badge counting its
//! activities and their statuses, its full text, and a button that copies its
//! citation. Expanding a paragraph lists its activities (built only then, 50 at
//! a time). A search ranks paragraphs by relevance and highlights the matches;
//! filters narrow by pillar, theme, status, track, goal, lead, or to the
//! paragraphs without any activity. All of that logic is in
//! [`crate::core::query`]; this module builds the DOM and translates events.
//!
//! **The URL hash.** With the attribute `sync-hash`, the browser keeps its
//! search and filters in the page's URL hash (`#q=cybercrime&pillar=IV`), reads
//! it at start, follows the back and forward buttons, and opens `#para-27`.
//! Without it the browser leaves the URL alone, so two browsers on one page do
//! not fight over it: give the attribute to one of them at most.
//!
//! **Other widgets.** The browser listens on its document for `kyoto:select`
//! from `<kyoto-pillar-chart>` (a pillar, a theme, a part or a paragraph) and
//! filters to it; it emits `kyoto:select` (`{kind: "paragraph", paragraph}`)
//! when a paragraph is expanded, and ignores its own events. It emits
//! `kyoto:loaded` and `kyoto:error` when a `src` export loads or fails.
//!
//! Text is only ever set as text (`textContent`): search highlights are
//! `<mark>` elements built from ranges computed in `core`. Links are shown
//! only when [`safe_url`] accepts them and open in a new tab with
//! `rel="noopener noreferrer"`. Every listener and the one timer are owned by
//! the handle and released by `destroy()`.

use super::data::{fetch_report, js_message, sample_report};
use super::dom::{append, attrs, button, clear, el, html, set_hidden, text_el};
use super::listen::Listener;
use crate::core::declaration::Declaration;
use crate::core::import::ImportReport;
use crate::core::model::{Activity, Part, Pillar, Sdg, Status, Track};
use crate::core::query::{
    citation, hash_string, highlight, parse_hash, parse_part, safe_url, BrowserQuery, HashState,
    ParagraphCounts, ParagraphHit, SearchIndex, MAX_QUERY_CHARS,
};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleSheet, CustomEvent, Document, Element, Event, EventTarget, HtmlElement,
    HtmlInputElement, HtmlSelectElement, KeyboardEvent, ScrollIntoViewOptions,
    ScrollLogicalPosition, ShadowRootInit, ShadowRootMode,
};

const STYLE: &str = include_str!("widget.css");

/// Activities listed at first when a paragraph is expanded.
const ACTIVITY_CAP: usize = 50;

/// Search results shown at first (the best ranked); the rest on request, so
/// that a keystroke matching most paragraphs stays cheap to draw.
const RESULTS_CAP: usize = 20;

/// Quiet time after the last change before the results count is announced and
/// a typing session ends (its history entry is then kept).
const SETTLE_MS: i32 = 700;

/// Every interface string of the browser, in one place, so that a catalogue
/// can replace it (English for now).
mod text {
    use crate::core::model::{Part, Status, Track};

    pub const SEARCH_LABEL: &str = "Search the Declaration";
    pub const SEARCH_PLACEHOLDER: &str = "Words in paragraphs, themes or activities";
    pub const FILTERS_LABEL: &str = "Filters";
    pub const PILLAR: &str = "Pillar";
    pub const THEME: &str = "Theme";
    pub const STATUS: &str = "Status";
    pub const TRACK: &str = "Track";
    pub const SDG: &str = "Goal (SDG)";
    pub const LEAD: &str = "Lead";
    pub const ANY: &str = "Any";
    pub const ALL_PILLARS: &str = "All pillars";
    pub const ALL_THEMES: &str = "All themes";
    pub const PICK_PILLAR_FIRST: &str = "Choose a pillar first";
    pub const UNCOVERED: &str = "Only paragraphs without any activity";
    pub const CLEAR: &str = "Clear search and filters";
    pub const NO_RESULTS: &str = "No paragraph matches the search and filters.";
    pub const COPY_CITATION: &str = "Copy citation";
    pub const COPIED: &str = "Copied";
    pub const CITATION_COPIED: &str = "Citation copied";
    pub const CITATION_SELECTED: &str =
        "Citation selected: press Control+C (or Command+C) to copy it";
    pub const CITATION_INPUT: &str = "Citation";
    pub const NO_ACTIVITY_BADGE: &str = "No activity yet";
    pub const NO_ACTIVITY: &str = "No activity is recorded for this paragraph yet.";
    pub const NO_MATCHING_ACTIVITY: &str = "No activity of this paragraph matches the filters.";
    pub const NEW_TAB: &str = " (opens in a new tab)";
    pub const LOAD_FAILED: &str = "The data could not be loaded.";
    pub const LOAD_KEPT: &str = "The browser still shows the last data that loaded.";
    pub const LEAD_LABEL: &str = "Lead";
    pub const DATES_LABEL: &str = "Dates";
    pub const PROGRESS_LABEL: &str = "Progress";
    pub const SDGS_LABEL: &str = "Goals";
    pub const COUNTRIES_LABEL: &str = "Countries";
    pub const TRACK_LABEL: &str = "Track";
    pub const SOURCE_LABEL: &str = "Source";
    pub const PARTNERS_LABEL: &str = "Partners";

    pub fn status(s: Status) -> &'static str {
        match s {
            Status::Completed => "Completed",
            Status::Ongoing => "Ongoing",
            Status::Planned => "Planned",
        }
    }

    pub fn track(t: Track) -> &'static str {
        match t {
            Track::Institutional => "Institutional",
            Track::Intergovernmental => "Intergovernmental",
            Track::Programmatic => "Programmatic",
            Track::National => "National",
            Track::Stakeholder => "Stakeholder",
        }
    }

    pub fn part(p: Part) -> &'static str {
        match p {
            Part::Declaratory => "Declaratory paragraphs",
            Part::Actions => "Actions",
            Part::FollowUp => "Follow-up",
        }
    }

    pub fn pillar(numeral: &str, heading: &str) -> String {
        format!("Pillar {numeral}: {heading}")
    }

    pub fn pillar_short(numeral: &str) -> String {
        format!("Pillar {numeral}")
    }

    pub fn paragraph(n: u8) -> String {
        format!("Paragraph {n}")
    }

    pub fn activities(n: usize) -> String {
        match n {
            1 => "1 activity".into(),
            n => format!("{n} activities"),
        }
    }

    pub fn status_mix(by_status: [usize; 3]) -> String {
        let [c, o, p] = by_status;
        format!(": {c} completed, {o} ongoing, {p} planned")
    }

    pub fn cite_label(n: u8) -> String {
        format!("Copy citation of paragraph {n}")
    }

    pub fn more_results(n: usize) -> String {
        format!("Show all {n} results")
    }

    pub fn show_all(n: usize) -> String {
        format!("Show all {n} activities")
    }

    pub fn showing(shown: usize, of: usize) -> String {
        format!("Showing {shown} of {of} activities that match the filters.")
    }

    pub fn title_matches(n: usize) -> String {
        match n {
            1 => "The title of 1 activity matches: expand to see it.".into(),
            n => format!("The titles of {n} activities match: expand to see them."),
        }
    }

    pub fn results(found: usize, total: usize, query: &str, filtered: bool) -> String {
        let noun = if found == 1 {
            "paragraph"
        } else {
            "paragraphs"
        };
        let query = query.trim();
        match (query.is_empty(), filtered || found != total) {
            (true, false) => format!("{found} {noun}"),
            (true, true) => format!("{found} of {total} paragraphs"),
            (false, _) => format!("{found} {noun} found for “{query}”"),
        }
    }

    pub fn dataset_note(activities: usize, title: Option<&str>, updated: Option<String>) -> String {
        let mut s = activities_in_data(activities);
        if let Some(t) = title {
            s.push_str(" · ");
            s.push_str(t);
        }
        if let Some(u) = updated {
            s.push_str(" · data as of ");
            s.push_str(&u);
        }
        s
    }

    fn activities_in_data(n: usize) -> String {
        format!("{} linked to the Declaration", activities(n))
    }

    pub fn progress(p: u8) -> String {
        format!("{p}%")
    }
}

/// The JS handle of a paragraph browser.
#[wasm_bindgen]
pub struct ParagraphBrowser {
    inner: Option<Mounted>,
}

struct Mounted {
    widget: Rc<RefCell<Widget>>,
    _listeners: Vec<Listener>,
    _timer_cb: Closure<dyn FnMut()>,
}

struct Parts {
    root: Element,
    search: HtmlInputElement,
    count: Element,
    pillar: HtmlSelectElement,
    theme: HtmlSelectElement,
    status: HtmlSelectElement,
    track: HtmlSelectElement,
    sdg: HtmlSelectElement,
    lead: HtmlSelectElement,
    uncovered: HtmlInputElement,
    clear_btn: Element,
    note: Element,
    error: Element,
    results: Element,
    live: Element,
}

/// How a change of the query is recorded in the browser's history.
#[derive(Clone, Copy, PartialEq, Eq)]
enum History {
    /// A new entry (the back button returns to the previous query).
    Push,
    /// Typing: the first keystroke of a session pushes, the next replace.
    Typing,
    /// Not at all (the change came from the history).
    Keep,
}

struct Widget {
    host: HtmlElement,
    doc: Document,
    parts: Parts,
    report: ImportReport,
    index: SearchIndex,
    query: BrowserQuery,
    hits: Vec<ParagraphHit>,
    expanded: BTreeSet<u8>,
    show_all: BTreeSet<u8>,
    /// Every search result is shown, not only the first [`RESULTS_CAP`].
    all_results: bool,
    /// Articles of the grouped view, by paragraph number (see `plain_paragraph`).
    plain: RefCell<HashMap<u8, Element>>,
    /// A history entry exists for the current typing session.
    typing: bool,
    /// The hash the browser last wrote or applied (without `#`).
    last_hash: Option<String>,
    timer: Option<i32>,
    timer_fn: Option<js_sys::Function>,
    me: Weak<RefCell<Widget>>,
}

#[wasm_bindgen]
impl ParagraphBrowser {
    /// Mounts a browser into `element` (its shadow root). Attributes read:
    /// `src` (an export to load instead of the embedded sample), `pillar` (an
    /// initial pillar filter), `sync-hash` (keep the state in the URL hash).
    #[wasm_bindgen(constructor)]
    pub fn new(element: HtmlElement, options: JsValue) -> ParagraphBrowser {
        let _ = options;
        ParagraphBrowser {
            inner: mount(element),
        }
    }

    /// Applies a changed attribute of the host element.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: String, value: Option<String>) {
        let Some(m) = &self.inner else { return };
        match name.as_str() {
            "src" => load_src(&m.widget, value),
            "pillar" => {
                if let Ok(mut w) = m.widget.try_borrow_mut() {
                    let mut q = w.query.clone();
                    q.pillar = value.as_deref().and_then(Pillar::parse);
                    q.theme = None;
                    w.set_query(q, History::Push);
                }
            }
            _ => {}
        }
    }

    /// The current search and filters, as the URL hash writes them (without `#`).
    pub fn query(&self) -> String {
        self.inner
            .as_ref()
            .and_then(|m| m.widget.try_borrow().ok().map(|w| w.hash_now()))
            .unwrap_or_default()
    }

    /// Sets the search and filters from a hash string (`q=cybercrime&pillar=IV`,
    /// `para-27`); returns whether it was understood.
    #[wasm_bindgen(js_name = setQuery)]
    pub fn set_query(&self, hash: &str) -> bool {
        let Some(m) = &self.inner else { return false };
        let Some(state) = parse_hash(hash) else {
            return false;
        };
        let Ok(mut w) = m.widget.try_borrow_mut() else {
            return false;
        };
        w.apply_state(state, History::Push);
        true
    }

    /// Expands paragraph `number` and scrolls it into view.
    pub fn open(&self, number: u8) {
        if let Some(m) = &self.inner {
            if let Ok(mut w) = m.widget.try_borrow_mut() {
                w.reveal(number);
            }
        }
    }

    /// Removes every listener and the timer and empties the shadow root.
    pub fn destroy(&mut self) {
        if let Some(m) = self.inner.take() {
            if let Ok(mut w) = m.widget.try_borrow_mut() {
                w.cancel_timer();
                w.timer_fn = None;
                clear(&w.parts.root);
                w.parts.root.remove();
            }
            drop(m);
        }
    }
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
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let parts = build_dom(&doc)?;
    let _ = shadow.append_child(&parts.root);

    let report = sample_report();
    let index = SearchIndex::new(Declaration::get(), &report.dataset);
    let widget = Rc::new(RefCell::new(Widget {
        host: host.clone(),
        doc: doc.clone(),
        parts,
        report,
        index,
        query: BrowserQuery::default(),
        hits: Vec::new(),
        expanded: BTreeSet::new(),
        show_all: BTreeSet::new(),
        all_results: false,
        plain: RefCell::new(HashMap::new()),
        typing: false,
        last_hash: None,
        timer: None,
        timer_fn: None,
        me: Weak::new(),
    }));
    let weak = Rc::downgrade(&widget);
    let timer_cb = Closure::<dyn FnMut()>::new(move || {
        if let Some(w) = weak.upgrade() {
            if let Ok(mut w) = w.try_borrow_mut() {
                w.settle();
            }
        }
    });
    let listeners = listen(&widget, &doc);
    {
        let mut w = widget.try_borrow_mut().ok()?;
        w.me = Rc::downgrade(&widget);
        w.timer_fn = Some(
            timer_cb
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .clone(),
        );
        w.fill_facets();
        w.note_dataset();
        let mut start = HashState::default();
        if let Some(p) = host
            .get_attribute("pillar")
            .as_deref()
            .and_then(Pillar::parse)
        {
            start.query.pillar = Some(p);
        }
        if w.syncs_hash() {
            if let Some(state) = current_hash().as_deref().and_then(parse_hash) {
                start = state;
            }
        }
        w.apply_state(start, History::Keep);
    }
    if let Some(src) = host.get_attribute("src") {
        load_src(&widget, Some(src));
    }
    Some(Mounted {
        widget,
        _listeners: listeners,
        _timer_cb: timer_cb,
    })
}

fn load_src(widget: &Rc<RefCell<Widget>>, src: Option<String>) {
    let Some(src) = src.filter(|s| !s.trim().is_empty()) else {
        if let Ok(mut w) = widget.try_borrow_mut() {
            w.set_report(sample_report());
        }
        return;
    };
    let weak = Rc::downgrade(widget);
    wasm_bindgen_futures::spawn_local(async move {
        let result = fetch_report(&src).await;
        if let Some(w) = weak.upgrade() {
            if let Ok(mut w) = w.try_borrow_mut() {
                match result {
                    Ok(report) => w.set_report(report),
                    Err(message) => w.show_error(&message),
                }
            }
        }
    });
}

/// The page's URL hash, without `#`.
fn current_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    Some(hash.strip_prefix('#').unwrap_or(&hash).to_string())
}

fn labelled_select(
    doc: &Document,
    label: &str,
    field: &str,
) -> Option<(Element, HtmlSelectElement)> {
    let wrap = el(doc, "label", "kw-field");
    append(&wrap, &text_el(doc, "span", "kw-field-label", label));
    let select: HtmlSelectElement = el(doc, "select", "kw-select").dyn_into().ok()?;
    attrs(&select, &[("data-field", field)]);
    append(&wrap, &select);
    Some((wrap, select))
}

fn add_option(doc: &Document, select: &HtmlSelectElement, value: &str, label: &str) {
    let o = text_el(doc, "option", "", label);
    attrs(&o, &[("value", value)]);
    append(select, &o);
}

fn build_dom(doc: &Document) -> Option<Parts> {
    let root = el(doc, "div", "kw kw-browser");

    let search_box = el(doc, "div", "kw-search");
    attrs(&search_box, &[("role", "search")]);
    let label = text_el(doc, "label", "kw-search-label", text::SEARCH_LABEL);
    attrs(&label, &[("for", "kw-q")]);
    let search: HtmlInputElement = el(doc, "input", "kw-input").dyn_into().ok()?;
    attrs(
        &search,
        &[
            ("type", "search"),
            ("id", "kw-q"),
            ("data-field", "q"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("placeholder", text::SEARCH_PLACEHOLDER),
            ("maxlength", &MAX_QUERY_CHARS.to_string()),
            ("aria-describedby", "kw-count"),
        ],
    );
    let count = el(doc, "p", "kw-count");
    attrs(&count, &[("id", "kw-count")]);
    append(&search_box, &label);
    append(&search_box, &search);

    let filters = el(doc, "div", "kw-filters");
    attrs(
        &filters,
        &[("role", "group"), ("aria-label", text::FILTERS_LABEL)],
    );
    let (w_pillar, pillar) = labelled_select(doc, text::PILLAR, "pillar")?;
    let (w_theme, theme) = labelled_select(doc, text::THEME, "theme")?;
    let (w_status, status) = labelled_select(doc, text::STATUS, "status")?;
    let (w_track, track) = labelled_select(doc, text::TRACK, "track")?;
    let (w_sdg, sdg) = labelled_select(doc, text::SDG, "sdg")?;
    let (w_lead, lead) = labelled_select(doc, text::LEAD, "lead")?;
    for w in [&w_pillar, &w_theme, &w_status, &w_track, &w_sdg, &w_lead] {
        append(&filters, w);
    }
    let check = el(doc, "label", "kw-check");
    let uncovered: HtmlInputElement = el(doc, "input", "").dyn_into().ok()?;
    attrs(
        &uncovered,
        &[("type", "checkbox"), ("data-field", "uncovered")],
    );
    append(&check, &uncovered);
    append(&check, &text_el(doc, "span", "", text::UNCOVERED));
    let clear_btn = button(doc, "kw-btn kw-clear", text::CLEAR);
    attrs(&clear_btn, &[("data-action", "clear")]);
    let row = el(doc, "div", "kw-filter-row");
    append(&row, &check);
    append(&row, &el(doc, "span", "kw-spacer"));
    append(&row, &clear_btn);

    let note = el(doc, "p", "kw-note");
    let error = el(doc, "div", "kw-error");
    attrs(&error, &[("role", "alert"), ("hidden", "")]);
    let results = el(doc, "div", "kw-results");
    let live = el(doc, "div", "kw-sr");
    attrs(&live, &[("aria-live", "polite"), ("role", "status")]);
    for child in [
        &search_box,
        &filters,
        &row,
        &count,
        &error,
        &results,
        &note,
        &live,
    ] {
        append(&root, child);
    }
    Some(Parts {
        root,
        search,
        count,
        pillar,
        theme,
        status,
        track,
        sdg,
        lead,
        uncovered,
        clear_btn,
        note,
        error,
        results,
        live,
    })
}

fn listen(widget: &Rc<RefCell<Widget>>, doc: &Document) -> Vec<Listener> {
    let Ok(w) = widget.try_borrow() else {
        return Vec::new();
    };
    let root: EventTarget = w.parts.root.clone().into();
    drop(w);
    let on = |target: &EventTarget, kind: &'static str, f: fn(&mut Widget, Event)| {
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
    let mut out = vec![
        on(&root, "click", Widget::on_click),
        on(&root, "input", Widget::on_input),
        on(&root, "change", Widget::on_change),
        on(&root, "keydown", Widget::on_keydown),
        on(doc.as_ref(), "kyoto:select", Widget::on_select),
    ];
    if let Some(window) = web_sys::window() {
        let window: &EventTarget = window.as_ref();
        out.push(on(window, "hashchange", Widget::on_history));
        out.push(on(window, "popstate", Widget::on_history));
    }
    out
}

/// The element an event happened on, when it is an element.
fn target_element(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

fn paragraph_of(e: &Element) -> Option<u8> {
    e.get_attribute("data-n")?.parse().ok()
}

fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key))
        .ok()?
        .as_string()
}

fn get_num(obj: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key))
        .ok()?
        .as_f64()
}

/// Appends `text` to `parent` with `<mark>` around the byte ranges given.
fn append_highlighted(doc: &Document, parent: &Element, text: &str, ranges: &[(usize, usize)]) {
    let mut pos = 0;
    for &(s, e) in ranges {
        let (Some(before), Some(marked)) = (text.get(pos..s), text.get(s..e)) else {
            continue;
        };
        if !before.is_empty() {
            let _ = parent.append_child(&doc.create_text_node(before));
        }
        append(parent, &text_el(doc, "mark", "", marked));
        pos = e;
    }
    if let Some(rest) = text.get(pos..) {
        if !rest.is_empty() {
            let _ = parent.append_child(&doc.create_text_node(rest));
        }
    }
}

/// Calls `navigator.clipboard.writeText(text)`; `None` when there is no
/// clipboard or the call throws.
fn clipboard_write(text: &str) -> Option<js_sys::Promise> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    if !clipboard.is_object() {
        return None;
    }
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

fn date_range(a: &Activity) -> Option<String> {
    match (a.start, a.end) {
        (Some(s), Some(e)) if s == e => Some(s.to_string()),
        (Some(s), Some(e)) => Some(format!("{s} – {e}")),
        (Some(s), None) => Some(format!("{s} –")),
        (None, Some(e)) => Some(format!("– {e}")),
        (None, None) => None,
    }
}

impl Widget {
    fn syncs_hash(&self) -> bool {
        self.host.has_attribute("sync-hash")
    }

    fn hash_now(&self) -> String {
        hash_string(&HashState {
            query: self.query.clone(),
            open: None,
        })
    }

    // ----- events --------------------------------------------------------

    fn on_click(&mut self, e: Event) {
        let Some(target) = target_element(&e) else {
            return;
        };
        let Ok(Some(btn)) = target.closest("button[data-action]") else {
            return;
        };
        let n = paragraph_of(&btn);
        match (btn.get_attribute("data-action").as_deref(), n) {
            (Some("toggle"), Some(n)) => self.toggle(n),
            (Some("cite"), Some(n)) => self.copy_citation(n),
            (Some("all"), Some(n)) => self.expand_all_activities(n),
            (Some("more-results"), _) => self.show_all_results(),
            (Some("clear"), _) => {
                self.set_query(BrowserQuery::default(), History::Push);
                if let Some(input) = html(&self.parts.search) {
                    let _ = input.focus();
                }
            }
            _ => {}
        }
    }

    fn on_input(&mut self, e: Event) {
        let Some(target) = target_element(&e) else {
            return;
        };
        if target.get_attribute("data-field").as_deref() != Some("q") {
            return;
        }
        let value: String = self
            .parts
            .search
            .value()
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
        if value == self.query.text {
            return;
        }
        let mut q = self.query.clone();
        q.text = value;
        self.set_query(q, History::Typing);
    }

    fn on_change(&mut self, e: Event) {
        let Some(target) = target_element(&e) else {
            return;
        };
        let Some(field) = target.get_attribute("data-field") else {
            return;
        };
        let mut q = self.query.clone();
        let p = &self.parts;
        let value = |s: &HtmlSelectElement| Some(s.value()).filter(|v| !v.is_empty());
        match field.as_str() {
            "pillar" => {
                q.pillar = value(&p.pillar).as_deref().and_then(Pillar::parse);
                q.theme = None;
                q.part = None;
            }
            "theme" => q.theme = value(&p.theme).and_then(|v| v.parse().ok()),
            "status" => q.status = value(&p.status).as_deref().and_then(Status::parse),
            "track" => q.track = value(&p.track).as_deref().and_then(Track::parse),
            "sdg" => q.sdg = value(&p.sdg).as_deref().and_then(Sdg::parse),
            "lead" => q.lead = value(&p.lead),
            "uncovered" => q.uncovered_only = p.uncovered.checked(),
            _ => return,
        }
        self.set_query(q, History::Push);
    }

    fn on_keydown(&mut self, e: Event) {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let Some(target) = target_element(&e) else {
            return;
        };
        if target.get_attribute("data-field").as_deref() == Some("q") && k.key() == "Enter" {
            // Enter keeps the search as a history entry of its own.
            self.settle();
            return;
        }
        if !target.class_list().contains("kw-para-toggle") {
            return;
        }
        let Ok(list) = self.parts.results.query_selector_all(".kw-para-toggle") else {
            return;
        };
        let len = list.length();
        let Some(here) = (0..len).find(|&i| {
            list.item(i)
                .is_some_and(|node| node.is_same_node(Some(target.as_ref())))
        }) else {
            return;
        };
        let next = match k.key().as_str() {
            "ArrowDown" => (here + 1).min(len.saturating_sub(1)),
            "ArrowUp" => here.saturating_sub(1),
            "Home" => 0,
            "End" => len.saturating_sub(1),
            _ => return,
        };
        e.prevent_default();
        if let Some(b) = list
            .item(next)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        {
            let _ = b.focus();
        }
    }

    /// `kyoto:select` from another widget (the pillar chart).
    fn on_select(&mut self, e: Event) {
        let host: &EventTarget = self.host.as_ref();
        if e.target().is_some_and(|t| &t == host) {
            return;
        }
        let Some(ce) = e.dyn_ref::<CustomEvent>() else {
            return;
        };
        let detail = ce.detail();
        let mut q = self.query.clone();
        match get_str(&detail, "kind").as_deref() {
            Some("pillar") => {
                let Some(p) = get_str(&detail, "pillar")
                    .as_deref()
                    .and_then(Pillar::parse)
                else {
                    return;
                };
                q.part = None;
                q.pillar = Some(p);
                q.theme = None;
            }
            Some("theme") => {
                let Some(p) = get_str(&detail, "pillar")
                    .as_deref()
                    .and_then(Pillar::parse)
                else {
                    return;
                };
                let Some(t) = get_num(&detail, "theme").filter(|t| *t >= 0.0 && *t < 100.0) else {
                    return;
                };
                q.part = None;
                q.pillar = Some(p);
                q.theme = Some(t as usize);
            }
            Some("part") => {
                let Some(part) = get_str(&detail, "part").as_deref().and_then(parse_part) else {
                    return;
                };
                q.part = Some(part);
                q.pillar = None;
                q.theme = None;
            }
            Some("paragraph") => {
                let Some(n) = get_num(&detail, "paragraph")
                    .filter(|n| (1.0..=97.0).contains(n))
                    .map(|n| n as u8)
                else {
                    return;
                };
                self.reveal(n);
                return;
            }
            _ => return,
        }
        self.set_query(q, History::Push);
    }

    /// The back or forward button, or a hash link: applies the hash when the
    /// browser syncs with it and the hash is the browser's.
    fn on_history(&mut self, _e: Event) {
        if !self.syncs_hash() {
            return;
        }
        let Some(hash) = current_hash() else { return };
        if self.last_hash.as_deref() == Some(hash.as_str()) {
            return;
        }
        let Some(state) = parse_hash(&hash) else {
            return;
        };
        self.last_hash = Some(hash);
        self.apply_state(state, History::Keep);
    }

    // ----- state ---------------------------------------------------------

    fn apply_state(&mut self, state: HashState, history: History) {
        self.set_query(state.query, history);
        if let Some(n) = state.open {
            self.reveal(n);
        }
    }

    fn set_query(&mut self, query: BrowserQuery, history: History) {
        if query != self.query {
            self.all_results = false;
        }
        self.query = query;
        self.hits = self.index.search(&self.query);
        self.sync_controls();
        self.render_results();
        match history {
            History::Push => {
                self.typing = false;
                self.write_hash(true);
            }
            History::Typing => {
                let push = !self.typing;
                self.typing = true;
                self.write_hash(push);
            }
            History::Keep => self.typing = false,
        }
        self.schedule_settle();
    }

    fn write_hash(&mut self, push: bool) {
        if !self.syncs_hash() {
            return;
        }
        let hash = self.hash_now();
        if current_hash().as_deref() == Some(hash.as_str()) {
            self.last_hash = Some(hash);
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let url = if hash.is_empty() {
            let loc = window.location();
            format!(
                "{}{}",
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default()
            )
        } else {
            format!("#{hash}")
        };
        if let Ok(h) = window.history() {
            let _ = if push {
                h.push_state_with_url(&JsValue::NULL, "", Some(&url))
            } else {
                h.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            };
        }
        self.last_hash = Some(hash);
    }

    fn schedule_settle(&mut self) {
        self.cancel_timer();
        let (Some(window), Some(f)) = (web_sys::window(), &self.timer_fn) else {
            return;
        };
        self.timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(f, SETTLE_MS)
            .ok();
    }

    fn cancel_timer(&mut self) {
        if let (Some(id), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }

    /// The quiet time after changes: announce the count, end the typing session.
    fn settle(&mut self) {
        self.cancel_timer();
        self.typing = false;
        let count = self.count_text();
        self.announce(&count);
    }

    fn announce(&self, message: &str) {
        // The same message twice is still announced: alternate a trailing
        // no-break space so that the text changes.
        let current = self.parts.live.text_content().unwrap_or_default();
        let message = if current == message {
            format!("{message}\u{a0}")
        } else {
            message.to_string()
        };
        self.parts.live.set_text_content(Some(&message));
    }

    fn count_text(&self) -> String {
        let filtered = {
            let mut q = self.query.clone();
            q.text.clear();
            !q.is_empty()
        };
        text::results(
            self.hits.len(),
            self.index_paragraphs(),
            &self.query.text,
            filtered,
        )
    }

    fn index_paragraphs(&self) -> usize {
        Declaration::get().paragraphs.len()
    }

    fn set_report(&mut self, report: ImportReport) {
        self.index = SearchIndex::new(Declaration::get(), &report.dataset);
        self.plain.borrow_mut().clear();
        self.report = report;
        set_hidden(&self.parts.error, true);
        self.fill_facets();
        self.note_dataset();
        let q = self.query.clone();
        self.set_query(q, History::Keep);
        self.emit("kyoto:loaded", &JsValue::UNDEFINED);
    }

    fn show_error(&mut self, message: &str) {
        let e = &self.parts.error;
        clear(e);
        append(e, &text_el(&self.doc, "strong", "", text::LOAD_FAILED));
        append(e, &text_el(&self.doc, "p", "", message));
        append(e, &text_el(&self.doc, "p", "", text::LOAD_KEPT));
        set_hidden(e, false);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        self.emit("kyoto:error", &detail);
    }

    fn emit(&self, name: &str, detail: &JsValue) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&ev);
        }
    }

    fn note_dataset(&self) {
        let d = &self.report.dataset;
        let note = text::dataset_note(
            d.activities.len(),
            d.title.as_deref(),
            d.updated.map(|u| u.to_string()),
        );
        self.parts.note.set_text_content(Some(&note));
    }

    // ----- controls ------------------------------------------------------

    /// Fills the filter menus with the values present in the data.
    fn fill_facets(&self) {
        let doc = &self.doc;
        let p = &self.parts;
        let decl = Declaration::get();
        clear(&p.pillar);
        add_option(doc, &p.pillar, "", text::ALL_PILLARS);
        for s in &decl.pillars {
            add_option(
                doc,
                &p.pillar,
                s.id.numeral(),
                &text::pillar(s.id.numeral(), &s.heading),
            );
        }
        clear(&p.status);
        add_option(doc, &p.status, "", text::ANY);
        let statuses = self.index.statuses();
        for s in Status::ALL {
            let n = statuses
                .iter()
                .find(|f| f.value == s)
                .map_or(0, |f| f.activities);
            add_option(
                doc,
                &p.status,
                s.as_str(),
                &format!("{} ({n})", text::status(s)),
            );
        }
        clear(&p.track);
        add_option(doc, &p.track, "", text::ANY);
        for f in self.index.tracks() {
            let label = format!("{} ({})", text::track(f.value), f.activities);
            add_option(doc, &p.track, f.value.as_str(), &label);
        }
        clear(&p.sdg);
        add_option(doc, &p.sdg, "", text::ANY);
        for f in self.index.sdg_goals() {
            let label = format!("{} ({})", f.value, f.activities);
            add_option(doc, &p.sdg, &f.value.to_string(), &label);
        }
        clear(&p.lead);
        add_option(doc, &p.lead, "", text::ANY);
        for f in self.index.leads() {
            let label = format!("{} ({})", f.value, f.activities);
            add_option(doc, &p.lead, &f.value, &label);
        }
    }

    /// Makes every control show the query.
    fn sync_controls(&self) {
        let doc = &self.doc;
        let p = &self.parts;
        let q = &self.query;
        if p.search.value() != q.text {
            p.search.set_value(&q.text);
        }
        p.pillar
            .set_value(q.pillar.map(|x| x.numeral()).unwrap_or(""));
        // Themes of the chosen pillar.
        clear(&p.theme);
        match q.pillar.and_then(|x| Declaration::get().pillar(x)) {
            Some(section) => {
                add_option(doc, &p.theme, "", text::ALL_THEMES);
                for (i, t) in section.themes.iter().enumerate() {
                    add_option(
                        doc,
                        &p.theme,
                        &i.to_string(),
                        &format!("{}. {}", i + 1, t.heading),
                    );
                }
                p.theme.set_disabled(false);
                p.theme
                    .set_value(&q.theme.map(|t| t.to_string()).unwrap_or_default());
            }
            None => {
                add_option(doc, &p.theme, "", text::PICK_PILLAR_FIRST);
                p.theme.set_disabled(true);
            }
        }
        p.status
            .set_value(q.status.map(|s| s.as_str()).unwrap_or(""));
        p.track.set_value(q.track.map(|t| t.as_str()).unwrap_or(""));
        let select_or_add = |select: &HtmlSelectElement, value: Option<String>| {
            let value = value.unwrap_or_default();
            select.set_value(&value);
            if select.value() != value {
                // A value from the URL that the data does not have: offer it.
                add_option(doc, select, &value, &value);
                select.set_value(&value);
            }
        };
        select_or_add(&p.sdg, q.sdg.as_ref().map(|s| s.to_string()));
        select_or_add(&p.lead, q.lead.clone());
        p.uncovered.set_checked(q.uncovered_only);
        set_hidden(&p.clear_btn, q.is_empty());
        p.count.set_text_content(Some(&self.count_text()));
    }

    // ----- results -------------------------------------------------------

    fn render_results(&self) {
        let doc = &self.doc;
        let results = &self.parts.results;
        clear(results);
        if self.hits.is_empty() {
            let p = el(doc, "p", "kw-empty");
            p.set_text_content(Some(text::NO_RESULTS));
            append(results, &p);
            return;
        }
        if !self.query.terms().is_empty() {
            let list = el(doc, "ol", "kw-list kw-ranked");
            let shown = if self.all_results {
                self.hits.len()
            } else {
                self.hits.len().min(RESULTS_CAP)
            };
            for hit in self.hits.iter().take(shown) {
                let li = el(doc, "li", "");
                append(&li, &self.build_paragraph(hit, true));
                append(&list, &li);
            }
            append(results, &list);
            if shown < self.hits.len() {
                let more = button(doc, "kw-btn kw-more", &text::more_results(self.hits.len()));
                attrs(&more, &[("data-action", "more-results")]);
                append(results, &more);
            }
            return;
        }
        // Grouped part → pillar → theme, in document order.
        let decl = Declaration::get();
        let has = |n: u8| self.hits.iter().any(|h| h.number == n);
        for part in &decl.parts {
            let [first, last] = part.paragraphs;
            if !(first..=last).any(has) {
                continue;
            }
            let section = el(doc, "section", "kw-part");
            append(
                &section,
                &text_el(doc, "h3", "kw-h-part", text::part(part.id)),
            );
            if part.id == Part::Actions {
                for pillar in &decl.pillars {
                    let (pf, pl) = pillar.id.paragraph_range();
                    if !(pf..=pl).any(has) {
                        continue;
                    }
                    let ps = el(doc, "section", "kw-pillar");
                    append(
                        &ps,
                        &text_el(
                            doc,
                            "h4",
                            "kw-h-pillar",
                            &text::pillar(pillar.id.numeral(), &pillar.heading),
                        ),
                    );
                    for theme in &pillar.themes {
                        let hits: Vec<&ParagraphHit> = self
                            .hits
                            .iter()
                            .filter(|h| theme.paragraphs.contains(&h.number))
                            .collect();
                        if hits.is_empty() {
                            continue;
                        }
                        let ts = el(doc, "section", "kw-theme");
                        append(&ts, &text_el(doc, "h5", "kw-h-theme", &theme.heading));
                        let list = el(doc, "ul", "kw-list");
                        for hit in hits {
                            let li = el(doc, "li", "");
                            append(&li, &self.plain_paragraph(hit));
                            append(&list, &li);
                        }
                        append(&ts, &list);
                        append(&ps, &ts);
                    }
                    append(&section, &ps);
                }
            } else {
                let list = el(doc, "ul", "kw-list");
                for hit in self
                    .hits
                    .iter()
                    .filter(|h| (first..=last).contains(&h.number))
                {
                    let li = el(doc, "li", "");
                    append(&li, &self.plain_paragraph(hit));
                    append(&list, &li);
                }
                append(&section, &list);
            }
            append(results, &section);
        }
    }

    /// A paragraph without search highlights (the grouped view), built once
    /// per dataset and reused: clearing a search puts the 97 articles back
    /// instead of building them again. Its expanded state and activity list
    /// are brought up to date.
    fn plain_paragraph(&self, hit: &ParagraphHit) -> Element {
        let n = hit.number;
        let cached = self.plain.borrow().get(&n).cloned();
        let Some(article) = cached else {
            let article = self.build_paragraph(hit, false);
            self.plain.borrow_mut().insert(n, article.clone());
            return article;
        };
        let open = self.expanded.contains(&n);
        if let Ok(Some(t)) = article.query_selector(".kw-para-toggle") {
            let _ = t.set_attribute("aria-expanded", if open { "true" } else { "false" });
        }
        if let Ok(Some(b)) = article.query_selector(".kw-cite") {
            b.set_text_content(Some(text::COPY_CITATION));
        }
        if let Ok(Some(acts)) = article.query_selector(".kw-acts") {
            if open {
                self.fill_activities(&acts, n);
            } else {
                clear(&acts);
            }
            set_hidden(&acts, !open);
        }
        article
    }

    fn build_paragraph(&self, hit: &ParagraphHit, ranked: bool) -> Element {
        let doc = &self.doc;
        let n = hit.number;
        let counts = self.index.counts(n);
        let expanded = self.expanded.contains(&n);
        let article = el(
            doc,
            "article",
            if counts.activities == 0 {
                "kw-para kw-uncovered"
            } else {
                "kw-para"
            },
        );
        let n_text = n.to_string();
        attrs(
            &article,
            &[("data-n", &n_text), ("id", &format!("para-{n}"))],
        );

        let head = el(doc, "div", "kw-para-head");
        let toggle = el(doc, "button", "kw-para-toggle");
        attrs(
            &toggle,
            &[
                ("type", "button"),
                ("data-action", "toggle"),
                ("data-n", &n_text),
                ("aria-expanded", if expanded { "true" } else { "false" }),
                ("aria-controls", &format!("kw-acts-{n}")),
            ],
        );
        let chevron = el(doc, "span", "kw-chevron");
        attrs(&chevron, &[("aria-hidden", "true")]);
        append(&toggle, &chevron);
        append(
            &toggle,
            &text_el(doc, "span", "kw-para-num", &text::paragraph(n)),
        );
        append(&toggle, &self.badge(counts));
        append(&head, &toggle);
        let cite = button(doc, "kw-btn kw-cite", text::COPY_CITATION);
        attrs(
            &cite,
            &[
                ("data-action", "cite"),
                ("data-n", &n_text),
                ("aria-label", &text::cite_label(n)),
            ],
        );
        append(&head, &cite);
        append(&article, &head);

        let decl = Declaration::get();
        let paragraph = decl.paragraph(n);
        if ranked {
            let ctx = el(doc, "p", "kw-context");
            if let Some(p) = paragraph {
                match (p.pillar, &p.theme) {
                    (Some(pillar), Some(theme)) => {
                        ctx.set_text_content(Some(&format!(
                            "{} · ",
                            text::pillar_short(pillar.numeral())
                        )));
                        let span = el(doc, "span", "");
                        append_highlighted(doc, &span, theme, &hit.theme_matches);
                        append(&ctx, &span);
                    }
                    _ => ctx.set_text_content(Some(text::part(p.part))),
                }
            }
            append(&article, &ctx);
        }
        let body = el(doc, "p", "kw-para-text");
        if let Some(p) = paragraph {
            append_highlighted(doc, &body, &p.text, &hit.matches);
        }
        append(&article, &body);
        if !expanded && !hit.activity_matches.is_empty() {
            append(
                &article,
                &text_el(
                    doc,
                    "p",
                    "kw-act-hint",
                    &text::title_matches(hit.activity_matches.len()),
                ),
            );
        }
        let acts = el(doc, "div", "kw-acts");
        attrs(&acts, &[("id", &format!("kw-acts-{n}"))]);
        if expanded {
            self.fill_activities(&acts, n);
        } else {
            set_hidden(&acts, true);
        }
        append(&article, &acts);
        article
    }

    fn badge(&self, counts: ParagraphCounts) -> Element {
        let doc = &self.doc;
        if counts.activities == 0 {
            return text_el(
                doc,
                "span",
                "kw-badge kw-badge-none",
                text::NO_ACTIVITY_BADGE,
            );
        }
        let badge = el(doc, "span", "kw-badge");
        append(
            &badge,
            &text_el(doc, "span", "", &text::activities(counts.activities)),
        );
        let mix = el(doc, "span", "kw-mix");
        attrs(&mix, &[("aria-hidden", "true")]);
        for s in Status::ALL {
            let k = counts.by_status.get(s.index()).copied().unwrap_or(0);
            if k == 0 {
                continue;
            }
            let seg = el(doc, "span", &format!("kw-mix-seg s{}", s.index()));
            if let Some(h) = html(&seg) {
                let _ = h.style().set_property("flex-grow", &k.to_string());
            }
            append(&mix, &seg);
        }
        append(&badge, &mix);
        append(
            &badge,
            &text_el(doc, "span", "kw-sr", &text::status_mix(counts.by_status)),
        );
        badge
    }

    /// Builds the activity list of paragraph `n` into `acts`.
    fn fill_activities(&self, acts: &Element, n: u8) {
        let doc = &self.doc;
        clear(acts);
        let linked = self.index.activities_linked(n).len();
        if linked == 0 {
            append(acts, &text_el(doc, "p", "kw-act-none", text::NO_ACTIVITY));
            return;
        }
        let list = self.index.activities_of(n, &self.query);
        if list.is_empty() {
            append(
                acts,
                &text_el(doc, "p", "kw-act-none", text::NO_MATCHING_ACTIVITY),
            );
            return;
        }
        if list.len() < linked {
            append(
                acts,
                &text_el(doc, "p", "kw-act-note", &text::showing(list.len(), linked)),
            );
        }
        let all = self.show_all.contains(&n);
        let shown = if all {
            list.len()
        } else {
            list.len().min(ACTIVITY_CAP)
        };
        let ul = el(doc, "ul", "kw-act-list");
        for &i in list.iter().take(shown) {
            if let Some(a) = self.report.dataset.activities.get(i) {
                append(&ul, &self.build_activity(a));
            }
        }
        append(acts, &ul);
        if shown < list.len() {
            let more = button(doc, "kw-btn kw-more", &text::show_all(list.len()));
            attrs(&more, &[("data-action", "all"), ("data-n", &n.to_string())]);
            append(acts, &more);
        }
    }

    fn build_activity(&self, a: &Activity) -> Element {
        let doc = &self.doc;
        let li = el(doc, "li", "kw-act");
        attrs(&li, &[("tabindex", "-1")]);
        let title = el(doc, "p", "kw-act-title");
        let ranges = highlight(&a.title, &self.query.text);
        match a.url.as_deref().and_then(safe_url) {
            Some(url) => {
                let link = el(doc, "a", "");
                attrs(
                    &link,
                    &[
                        ("href", url),
                        ("target", "_blank"),
                        ("rel", "noopener noreferrer"),
                    ],
                );
                append_highlighted(doc, &link, &a.title, &ranges);
                append(&link, &text_el(doc, "span", "kw-sr", text::NEW_TAB));
                append(&title, &link);
            }
            None => append_highlighted(doc, &title, &a.title, &ranges),
        }
        append(&li, &title);

        let line = el(doc, "p", "kw-act-line");
        append(
            &line,
            &text_el(
                doc,
                "span",
                &format!("kw-status s{}", a.status.index()),
                text::status(a.status),
            ),
        );
        if let Some(p) = a.progress {
            let prog = el(doc, "span", "kw-progress");
            let bar = el(doc, "span", "kw-progress-track");
            attrs(&bar, &[("aria-hidden", "true")]);
            let fill = el(doc, "span", "kw-progress-fill");
            if let Some(h) = html(&fill) {
                let _ = h.style().set_property("width", &format!("{}%", p.min(100)));
            }
            append(&bar, &fill);
            append(
                &prog,
                &text_el(doc, "span", "kw-sr", &format!("{}: ", text::PROGRESS_LABEL)),
            );
            append(&prog, &bar);
            append(&prog, &text_el(doc, "span", "", &text::progress(p)));
            append(&line, &prog);
        }
        append(&li, &line);

        if let Some(d) = &a.description {
            append(&li, &text_el(doc, "p", "kw-act-desc", d));
        }
        let meta = el(doc, "dl", "kw-act-meta");
        let row = |label: &str, value: String| {
            if value.is_empty() {
                return;
            }
            append(&meta, &text_el(doc, "dt", "", label));
            append(&meta, &text_el(doc, "dd", "", &value));
        };
        row(text::LEAD_LABEL, a.lead.clone().unwrap_or_default());
        row(text::DATES_LABEL, date_range(a).unwrap_or_default());
        row(
            text::TRACK_LABEL,
            a.track.map(text::track).unwrap_or_default().to_string(),
        );
        row(
            text::SDGS_LABEL,
            a.sdgs
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        );
        row(text::COUNTRIES_LABEL, a.countries.join(", "));
        row(text::PARTNERS_LABEL, a.partners.join(", "));
        row(text::SOURCE_LABEL, a.source.clone().unwrap_or_default());
        append(&li, &meta);
        li
    }

    fn article(&self, n: u8) -> Option<Element> {
        self.parts
            .results
            .query_selector(&format!("article[data-n=\"{n}\"]"))
            .ok()
            .flatten()
    }

    fn toggle(&mut self, n: u8) {
        let Some(article) = self.article(n) else {
            return;
        };
        let open = !self.expanded.contains(&n);
        self.set_expanded(&article, n, open);
        if open {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&detail, &"kind".into(), &"paragraph".into());
            let _ = js_sys::Reflect::set(&detail, &"paragraph".into(), &u32::from(n).into());
            self.emit("kyoto:select", &detail);
        }
    }

    fn set_expanded(&mut self, article: &Element, n: u8, open: bool) {
        if open {
            self.expanded.insert(n);
        } else {
            self.expanded.remove(&n);
            self.show_all.remove(&n);
        }
        if let Ok(Some(t)) = article.query_selector(".kw-para-toggle") {
            let _ = t.set_attribute("aria-expanded", if open { "true" } else { "false" });
        }
        if let Ok(Some(hint)) = article.query_selector(".kw-act-hint") {
            set_hidden(&hint, open);
        }
        if let Ok(Some(acts)) = article.query_selector(".kw-acts") {
            if open {
                self.fill_activities(&acts, n);
            } else {
                clear(&acts);
            }
            set_hidden(&acts, !open);
        }
    }

    fn expand_all_activities(&mut self, n: u8) {
        self.show_all.insert(n);
        let Some(article) = self.article(n) else {
            return;
        };
        let Ok(Some(acts)) = article.query_selector(".kw-acts") else {
            return;
        };
        self.fill_activities(&acts, n);
        // Focus the first activity that was not shown before.
        let sel = format!(".kw-act:nth-child({})", ACTIVITY_CAP + 1);
        if let Ok(Some(first_new)) = acts.query_selector(&sel) {
            if let Some(h) = html(&first_new) {
                let _ = h.focus();
            }
        }
    }

    fn show_all_results(&mut self) {
        self.all_results = true;
        self.render_results();
        // Focus the first result that was not shown before.
        let sel = format!("li:nth-child({}) .kw-para-toggle", RESULTS_CAP + 1);
        if let Ok(Some(b)) = self.parts.results.query_selector(&sel) {
            if let Some(h) = html(&b) {
                let _ = h.focus();
            }
        }
    }

    /// Expands paragraph `n` and scrolls it into view; clears the search and
    /// filters first if they hide it.
    fn reveal(&mut self, n: u8) {
        if !(1..=97).contains(&n) {
            return;
        }
        if !self.hits.iter().any(|h| h.number == n) {
            self.set_query(BrowserQuery::default(), History::Push);
        }
        if self.article(n).is_none() {
            // Ranked beyond the results shown at first.
            self.all_results = true;
            self.render_results();
        }
        let Some(article) = self.article(n) else {
            return;
        };
        if !self.expanded.contains(&n) {
            self.set_expanded(&article, n, true);
        }
        let opts = ScrollIntoViewOptions::new();
        opts.set_block(ScrollLogicalPosition::Start);
        article.scroll_into_view_with_scroll_into_view_options(&opts);
        if let Ok(Some(t)) = article.query_selector(".kw-para-toggle") {
            if let Some(h) = html(&t) {
                let _ = h.focus();
            }
        }
    }

    fn copy_citation(&mut self, n: u8) {
        let cite = citation(Declaration::get(), n);
        let Some(promise) = clipboard_write(&cite) else {
            self.cite_fallback(n, &cite);
            return;
        };
        let weak = self.me.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = wasm_bindgen_futures::JsFuture::from(promise).await;
            let Some(w) = weak.upgrade() else { return };
            let Ok(mut w) = w.try_borrow_mut() else {
                return;
            };
            match result {
                Ok(_) => w.cite_done(n),
                Err(e) => {
                    let _ = js_message(&e);
                    w.cite_fallback(n, &cite);
                }
            }
        });
    }

    fn cite_done(&mut self, n: u8) {
        if let Some(article) = self.article(n) {
            if let Ok(Some(b)) = article.query_selector(".kw-cite") {
                b.set_text_content(Some(text::COPIED));
            }
        }
        self.announce(text::CITATION_COPIED);
    }

    /// No clipboard: show the citation in a read-only field, selected.
    fn cite_fallback(&mut self, n: u8, cite: &str) {
        let Some(article) = self.article(n) else {
            return;
        };
        let Ok(Some(head)) = article.query_selector(".kw-para-head") else {
            return;
        };
        let input = match head.query_selector(".kw-cite-input") {
            Ok(Some(existing)) => existing.dyn_into::<HtmlInputElement>().ok(),
            _ => {
                let made = el(&self.doc, "input", "kw-cite-input")
                    .dyn_into::<HtmlInputElement>()
                    .ok();
                if let Some(i) = &made {
                    attrs(i, &[("type", "text"), ("aria-label", text::CITATION_INPUT)]);
                    i.set_read_only(true);
                    append(&head, i);
                }
                made
            }
        };
        if let Some(i) = input {
            i.set_value(cite);
            let _ = i.focus();
            i.select();
        }
        self.announce(text::CITATION_SELECTED);
    }
}
