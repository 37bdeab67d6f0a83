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
//! filters to it (the chart's overview, gone back to, clears the filter); it emits `kyoto:select` (`{kind: "paragraph", paragraph}`)
//! when a paragraph is expanded, and ignores its own events. It emits
//! `kyoto:loaded` and `kyoto:error` when a `src` export loads or fails.
//!
//! **Language.** The browser speaks its `lang` (else the nearest ancestor's,
//! else `<html lang>`), like the chart: every word from the catalogue, numbers
//! and dates by `Intl`, `dir="rtl"` on its root in Arabic (the layout mirrors
//! through logical CSS). The Declaration's text stays in English and is marked
//! `lang="en"`, as are the pillar and theme headings kept in English;
//! activity titles and other data are shown as given, with `dir="auto"`.
//!
//! Text is only ever set as text (`textContent`): search highlights are
//! `<mark>` elements built from ranges computed in `core`. Links are shown
//! only when [`safe_url`] accepts them and open in a new tab with
//! `rel="noopener noreferrer"`. Every listener and the one timer are owned by
//! the handle and released by `destroy()`.
//!
//! **Events** are dispatched after the browser has released its state
//! ([`super::events`]), so a page's listener may call any handle method,
//! `destroy()` included. Data from `src`, `update()`, a poll, the channel or
//! a file counts up a generation: a download that ends after newer data
//! arrived is dropped (the newest data wins).

use super::announce::Announcer;
use super::data::{empty_report, js_message, shows_stand_in, SharedReport};
use super::dom::{append, attrs, button, clear, el, html, set_hidden, styled_shadow, text_el};
use super::events::{enter, Emitter};
use super::listen::Listener;
use super::live::{file_listeners, live_target_fields, load_src, LiveState, LiveTarget};
use super::locale::{
    ancestor_rtl, append_message, mark_english, maybe_english, slot, Locale, StaticText,
};
use super::shell::{widget_class, Mounted, Reset, Shell};
use super::timer::{clear_timeout, set_timeout_fn, Timeout};
use super::widget::{
    dataset_note, file_picker, host_attr, loading_note, report_detail, show_error_box, status_key,
    AttributeNotes, HIGHLIGHT_MS,
};
use crate::core::attribute;
use crate::core::chart::{pillar_key, theme_key, NumberFormat};
use crate::core::declaration::Declaration;
use crate::core::i18n::{Arg, Lang};
use crate::core::import::ImportReport;
use crate::core::model::{Activity, Part, Pillar, Sdg, Status, Track};
#[cfg(feature = "digest")]
use crate::core::progress::digest::ProgressDigest;
use crate::core::query::{
    hash_string, highlight, parse_hash, parse_part, safe_url, BrowserQuery, HashState,
    ParagraphCounts, ParagraphHit, SearchIndex, MAX_QUERY_CHARS,
};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, Document, Element, Event, EventTarget, HtmlElement, HtmlInputElement,
    HtmlSelectElement, KeyboardEvent, ScrollIntoViewOptions, ScrollLogicalPosition,
};

/// Activities listed at first when a paragraph is expanded.
const ACTIVITY_CAP: usize = 50;

/// Search results shown at first (the best ranked); the rest on request, so
/// that a keystroke matching most paragraphs stays cheap to draw.
const RESULTS_CAP: usize = 20;

/// Quiet time after the last change before the results count is announced and
/// a typing session ends (its history entry is then kept).
const SETTLE_MS: f64 = 700.0;

/// The catalogue key of a track.
fn track_key(t: Track) -> &'static str {
    match t {
        Track::Institutional => "track.institutional",
        Track::Intergovernmental => "track.intergovernmental",
        Track::Programmatic => "track.programmatic",
        Track::National => "track.national",
        Track::Stakeholder => "track.stakeholder",
    }
}

/// The catalogue key of a part's name.
fn part_key(p: Part) -> &'static str {
    match p {
        Part::Declaratory => "part.declaratory",
        Part::Actions => "part.actions",
        Part::FollowUp => "part.follow_up",
    }
}

/// The catalogue key of one activity's status.
fn activity_status_key(s: Status) -> &'static str {
    match s {
        Status::Completed => "status.activity.completed",
        Status::Ongoing => "status.activity.ongoing",
        Status::Planned => "status.activity.planned",
    }
}

/// Text wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, for places
/// that cannot hold an element (a menu option): an English heading in an
/// Arabic option reads in its own direction.
fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// Data shown in a menu option of a widget whose direction is right to left
/// when `rtl`: isolated ([`isolate`]) when it needs to be, that is when it
/// holds a directional control (whose effect must stay inside it) or letters
/// of the other direction; as it is otherwise, so that typing an option's
/// first letters in the menu finds it (the isolate is a character the
/// browser matches too).
fn isolate_data(text: &str, rtl: bool) -> Cow<'_, str> {
    let control = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let rtl_letter =
        |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    let other = |c: char| {
        if rtl {
            c.is_alphabetic() && !rtl_letter(c)
        } else {
            rtl_letter(c)
        }
    };
    if text.chars().any(|c| control(c) || other(c)) {
        Cow::Owned(isolate(text))
    } else {
        Cow::Borrowed(text)
    }
}

widget_class!(
    /// The JS class of a paragraph browser (`<kyoto-paragraph-browser>`).
    ParagraphBrowser,
    Widget,
    mount,
    reset
);

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
    /// "With indicators or questionnaire answers", shown once progress data
    /// has come: its label (hidden until then) and its box.
    #[cfg(feature = "digest")]
    with_progress: (Element, HtmlInputElement),
    clear_btn: Element,
    note: Element,
    error: Element,
    /// The notices of attribute values the browser cannot read.
    notes: AttributeNotes,
    results: Element,
    live: Element,
    stale: Element,
    file_input: HtmlInputElement,
    /// The search box's and filters' fixed words.
    labels: StaticText,
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
    /// The first data has not come yet: no list, the note says so.
    loading: bool,
    /// A paragraph to open once the first data is listed (a deep link).
    reveal_after_load: Option<u8>,
    /// Counts data sources (src loads, update calls, live data); a download
    /// applies only if nothing newer arrived while it was under way.
    generation: u64,
    host: HtmlElement,
    /// Fires the widget's events once it has released its state.
    events: Emitter,
    doc: Document,
    parts: Parts,
    report: SharedReport,
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
    timer: Option<f64>,
    timer_fn: Option<js_sys::Function>,
    me: Weak<RefCell<Widget>>,
    locale: Locale,
    rtl: bool,
    announcer: Announcer,
    /// Live data: the poller of `src` (with `poll`), the push channel, the badge.
    live: LiveState<Widget>,
    /// Paragraphs whose activities changed in the last update, highlighted
    /// until the timer ends.
    changed: BTreeSet<u8>,
    highlight: Option<Timeout>,
    /// The digest of the progress data (the `progress` attribute), once
    /// kyoto.js has handed it over: an expanded paragraph lists its
    /// indicators and the questions that cite it.
    #[cfg(feature = "digest")]
    progress: Option<Rc<ProgressDigest>>,
}

/// The browser's own methods (the shared ones: [`widget_class!`]).
#[wasm_bindgen]
impl ParagraphBrowser {
    /// The current search and filters, as the URL hash writes them (without `#`).
    pub fn query(&self) -> String {
        self.shell.read(Widget::hash_now).unwrap_or_default()
    }

    /// Sets the search and filters from a hash string (`q=cybercrime&pillar=IV`,
    /// `para-27`); returns whether it was understood.
    #[wasm_bindgen(js_name = setQuery)]
    pub fn set_query(&self, hash: &str) -> bool {
        let Some(state) = parse_hash(hash) else {
            return false;
        };
        self.shell
            .with(|w| w.apply_state(state, History::Push))
            .is_some()
    }

    /// Expands paragraph `number` and scrolls it into view.
    pub fn open(&self, number: u8) {
        self.shell.with(|w| w.reveal(number));
    }

    /// Gives the browser the digest of its progress data (`{"kyotoDigest":1,
    /// …}`, see `core::progress::digest`): an expanded paragraph lists its
    /// indicators and the questionnaire's answers that cite it. A text that
    /// is not a digest shows its error as a failed load does.
    #[cfg(feature = "digest")]
    #[wasm_bindgen(js_name = setProgress)]
    pub fn set_progress(&self, digest: String) {
        self.shell
            .with(|w| match ProgressDigest::from_json(&digest) {
                Ok(d) => {
                    w.progress = Some(Rc::new(d));
                    set_hidden(&w.parts.with_progress.0, false);
                    // A filter on progress data from the URL applies now.
                    if w.query.with_progress_only {
                        w.set_query(w.query.clone(), History::Keep);
                    }
                    w.refill_expanded();
                }
                Err(e) => w.progress_failed(&e.to_string()),
            });
    }

    /// The progress data could not be loaded: says why, as a failed load
    /// does.
    #[cfg(feature = "digest")]
    #[wasm_bindgen(js_name = progressFailed)]
    pub fn progress_failed(&self, message: String) {
        self.shell.with(|w| w.progress_failed(&message));
    }
}

fn mount(host: HtmlElement) -> Option<Mounted<Widget>> {
    let doc = host.owner_document()?;
    let shadow = styled_shadow(&host)?;
    let parts = build_dom(&doc)?;
    let _ = shadow.append_child(&parts.root);

    // Nothing until the data comes: the page's `src`, else the sample.
    let report = empty_report();
    let index = SearchIndex::new(Declaration::get(), &report.dataset);
    let announcer = Announcer::new(parts.live.clone());
    let live = LiveState::new(parts.stale.clone());
    let events = Emitter::new(&host);
    let widget = Rc::new(RefCell::new(Widget {
        loading: true,
        reveal_after_load: None,
        generation: 0,
        host: host.clone(),
        events: events.clone(),
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
        locale: Locale::of(&host),
        rtl: false,
        announcer,
        live,
        changed: BTreeSet::new(),
        highlight: None,
        #[cfg(feature = "digest")]
        progress: None,
    }));
    let weak = Rc::downgrade(&widget);
    let timer_cb = Closure::<dyn FnMut()>::new(move || {
        if super::fault::stopped() {
            return; // this instance panicked
        }
        enter(&weak, Widget::settle);
    });
    let mut listeners = listen(&widget, &doc);
    {
        let (root, input) = {
            let w = widget.try_borrow().ok()?;
            (w.parts.root.clone(), w.parts.file_input.clone())
        };
        listeners.extend(file_listeners(&root, &input, &widget));
    }
    {
        let mut w = widget.try_borrow_mut().ok()?;
        w.me = Rc::downgrade(&widget);
        let me = w.me.clone();
        let channel = host_attr(&host, "channel");
        w.live.join_channel(channel.as_deref(), &me);
        w.timer_fn = Some(
            timer_cb
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .clone(),
        );
        w.localize();
        w.fill_facets();
        w.note_dataset();
        let mut start = HashState::default();
        if let Some(p) = host_attr(&host, "pillar")
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
    load_src(&widget, host_attr(&host, "src"));
    Some(Mounted {
        widget,
        events,
        _keep: vec![Box::new(listeners), Box::new(timer_cb)],
        on_destroy: None,
    })
}

fn current_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    Some(hash.strip_prefix('#').unwrap_or(&hash).to_string())
}

fn labelled_select(
    doc: &Document,
    labels: &mut StaticText,
    key: &'static str,
    field: &str,
) -> Option<(Element, HtmlSelectElement)> {
    let wrap = el(doc, "label", "kw-field");
    let label = el(doc, "span", "kw-field-label");
    labels.text(&label, key);
    append(&wrap, &label);
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
    let mut labels = StaticText::default();
    let root = el(doc, "div", "kw kw-browser");
    attrs(&root, &[("aria-busy", "true")]);

    let search_box = el(doc, "div", "kw-search");
    attrs(&search_box, &[("role", "search")]);
    let label = el(doc, "label", "kw-search-label");
    attrs(&label, &[("for", "kw-q")]);
    labels.text(&label, "browser.search.label");
    let search: HtmlInputElement = el(doc, "input", "kw-input").dyn_into().ok()?;
    attrs(
        &search,
        &[
            ("type", "search"),
            ("id", "kw-q"),
            ("data-field", "q"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("dir", "auto"),
            ("maxlength", &MAX_QUERY_CHARS.to_string()),
            ("aria-describedby", "kw-count"),
        ],
    );
    labels.attr(&search, "placeholder", "browser.search.placeholder");
    let count = el(doc, "div", "kw-count");
    attrs(&count, &[("id", "kw-count")]);
    append(&search_box, &label);
    append(&search_box, &search);

    let filters = el(doc, "div", "kw-filters");
    attrs(&filters, &[("role", "group")]);
    labels.attr(&filters, "aria-label", "browser.filters.label");
    let l = &mut labels;
    let (w_pillar, pillar) = labelled_select(doc, l, "browser.filter.pillar", "pillar")?;
    let (w_theme, theme) = labelled_select(doc, l, "browser.filter.theme", "theme")?;
    let (w_status, status) = labelled_select(doc, l, "browser.filter.status", "status")?;
    let (w_track, track) = labelled_select(doc, l, "browser.filter.track", "track")?;
    let (w_sdg, sdg) = labelled_select(doc, l, "browser.filter.sdg", "sdg")?;
    let (w_lead, lead) = labelled_select(doc, l, "browser.filter.lead", "lead")?;
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
    let uncovered_label = el(doc, "span", "");
    labels.text(&uncovered_label, "browser.filter.uncovered");
    append(&check, &uncovered_label);
    #[cfg(feature = "digest")]
    let with_progress = {
        let check = el(doc, "label", "kw-check");
        attrs(&check, &[("hidden", "")]);
        let input: HtmlInputElement = el(doc, "input", "").dyn_into().ok()?;
        attrs(&input, &[("type", "checkbox"), ("data-field", "progress")]);
        append(&check, &input);
        let label = el(doc, "span", "");
        labels.text(&label, "browser.filter.with_progress");
        append(&check, &label);
        (check, input)
    };
    let clear_btn = button(doc, "kw-btn kw-clear", "");
    labels.text(&clear_btn, "browser.clear");
    attrs(&clear_btn, &[("data-action", "clear")]);
    let row = el(doc, "div", "kw-filter-row");
    append(&row, &check);
    #[cfg(feature = "digest")]
    append(&row, &with_progress.0);
    append(&row, &el(doc, "span", "kw-spacer"));
    let stale = el(doc, "span", "kw-stale");
    attrs(&stale, &[("hidden", "")]);
    append(&row, &stale);
    let (open, file_input) = file_picker(doc, &mut labels)?;
    append(&row, &open);
    append(&row, &file_input);
    append(&row, &clear_btn);

    let note = el(doc, "p", "kw-note");
    let error = el(doc, "div", "kw-error");
    attrs(&error, &[("role", "alert"), ("hidden", "")]);
    let notes = AttributeNotes::new(doc, attribute::BROWSER);
    let results = el(doc, "div", "kw-results");
    let live = el(doc, "div", "kw-sr");
    attrs(&live, &[("aria-live", "polite"), ("role", "status")]);
    let drop_hint = el(doc, "div", "kw-drop-hint");
    attrs(&drop_hint, &[("aria-hidden", "true")]);
    labels.text(&drop_hint, "file.drop");
    for child in [
        &search_box,
        &filters,
        &row,
        &count,
        &error,
        notes.element(),
        &results,
        &note,
        &live,
        &drop_hint,
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
        #[cfg(feature = "digest")]
        with_progress,
        clear_btn,
        note,
        error,
        notes,
        results,
        live,
        stale,
        file_input: file_input.dyn_into().ok()?,
        labels,
    })
}

fn listen(widget: &Rc<RefCell<Widget>>, doc: &Document) -> Vec<Listener> {
    let Ok(w) = widget.try_borrow() else {
        return Vec::new();
    };
    let root: EventTarget = w.parts.root.clone().into();
    drop(w);
    // One listener function per widget kind: the handlers are plain functions.
    let on = |target: &EventTarget, kind: &'static str, f: fn(&mut Widget, Event)| {
        Listener::on(widget, target, kind, f)
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

/// An activity's dates, written by the locale: "5 December 2022 – 2023".
fn date_range(a: &Activity, locale: &Locale) -> Option<String> {
    let t = locale.text;
    Some(match (a.start, a.end) {
        (Some(s), Some(e)) if s == e => locale.date(s),
        (Some(s), Some(e)) => {
            let (s, e) = (locale.date(s), locale.date(e));
            t.format(
                "data.date_range",
                &[("start", Arg::Str(&s)), ("end", Arg::Str(&e))],
            )
        }
        (Some(s), None) => {
            let s = locale.date(s);
            t.format("data.date_from", &[("start", Arg::Str(&s))])
        }
        (None, Some(e)) => {
            let e = locale.date(e);
            t.format("data.date_until", &[("end", Arg::Str(&e))])
        }
        (None, None) => return None,
    })
}

impl Widget {
    /// Writes the fixed words in the widget's language and sets its root's
    /// `lang` and `dir`.
    fn localize(&mut self) {
        self.parts.labels.apply(self.locale.text);
        self.rtl = self.locale.lang.is_rtl() || ancestor_rtl(&self.host);
        let root = &self.parts.root;
        let _ = root.set_attribute("dir", if self.rtl { "rtl" } else { "ltr" });
        let _ = root.set_attribute("lang", &self.locale.tag);
    }

    /// The language changed: every word again.
    fn relabel(&mut self) {
        self.localize();
        self.plain.borrow_mut().clear();
        self.fill_facets();
        self.note_dataset();
        self.sync_controls();
        self.render_results();
    }

    /// The message `key` in the widget's language.
    fn t(&self, key: &'static str) -> &'static str {
        self.locale.text(key)
    }

    /// A pillar heading and whether it is kept in English.
    fn pillar_heading(&self, pillar: Pillar, fallback: &str) -> (String, bool) {
        self.locale.chart().heading(&pillar_key(pillar), fallback)
    }

    /// A theme heading (by its index in the pillar) and whether it is kept in
    /// English.
    fn theme_heading(&self, pillar: Pillar, theme: usize, fallback: &str) -> (String, bool) {
        self.locale
            .chart()
            .heading(&theme_key(pillar, theme), fallback)
    }

    /// "Pillar I: Advancing crime prevention" as an element, the heading
    /// marked English where it is kept in English.
    fn pillar_title(&self, tag: &str, class: &str, pillar: Pillar, fallback: &str) -> Element {
        let doc = &self.doc;
        let (heading, english) = self.pillar_heading(pillar, fallback);
        let e = el(doc, tag, class);
        let text = self.locale.text.format(
            "label.pillar_named",
            &[
                ("pillar", Arg::Str(pillar.numeral())),
                ("name", Arg::Str(&slot(0))),
            ],
        );
        let name = maybe_english(doc, "span", "", &heading, english, self.rtl);
        append_message(doc, &e, &text, &[name]);
        e
    }

    /// How to cite a paragraph, in the widget's language:
    /// `Kyoto Declaration, para. 47 (A/CONF.234/16)`.
    fn citation(&self, n: u8) -> String {
        let decl = Declaration::get();
        let number = self.locale.count(usize::from(n));
        self.locale.text.format(
            "browser.citation",
            &[
                ("title", Arg::Str(self.t("declaration.short_title"))),
                ("paragraph", Arg::Str(&number)),
                ("symbol", Arg::Str(&decl.symbol)),
            ],
        )
    }

    fn syncs_hash(&self) -> bool {
        self.host.has_attribute("sync-hash") || self.host.has_attribute("data-sync-hash")
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
            (Some("file:open"), _) => self.parts.file_input.click(),
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
            #[cfg(feature = "digest")]
            "progress" => q.with_progress_only = p.with_progress.1.checked(),
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
            // The chart back at its overview: every part and pillar again.
            Some("overview") => {
                q.part = None;
                q.pillar = None;
                q.theme = None;
            }
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
            if self.loading {
                self.reveal_after_load = Some(n);
            } else {
                self.reveal(n);
            }
        }
    }

    fn set_query(&mut self, query: BrowserQuery, history: History) {
        if query != self.query {
            self.all_results = false;
        }
        self.query = query;
        self.hits = self.index.search(&self.query);
        #[cfg(feature = "digest")]
        self.keep_hits_with_progress();
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
        let Some(f) = &self.timer_fn else {
            return;
        };
        self.timer = set_timeout_fn(f, SETTLE_MS);
    }

    fn cancel_timer(&mut self) {
        if let Some(id) = self.timer.take() {
            clear_timeout(id);
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
        self.announcer.say(message);
    }

    fn count_text(&self) -> String {
        let filtered = {
            let mut q = self.query.clone();
            q.text.clear();
            !q.is_empty()
        };
        let (found, total) = (self.hits.len(), self.index_paragraphs());
        let query = self.query.text.trim();
        if !query.is_empty() {
            self.locale.counted(
                "browser.results.query",
                &[("count", found)],
                &[("query", Arg::Str(query))],
            )
        } else if filtered || found != total {
            self.locale.counted(
                "browser.results.filtered",
                &[("found", found), ("total", total)],
                &[],
            )
        } else {
            self.locale
                .counted("browser.results.all", &[("count", found)], &[])
        }
    }

    fn index_paragraphs(&self) -> usize {
        Declaration::get().paragraphs.len()
    }

    fn set_report(&mut self, report: SharedReport, event: &str, extra: &[(&str, JsValue)]) {
        self.loaded();
        set_hidden(&self.parts.error, true);
        self.live.mark_fresh(&self.locale.tag);
        self.show_data(report);
        if let Some(n) = self.reveal_after_load.take() {
            self.reveal(n);
        }
        let detail = report_detail(&self.report);
        for (k, v) in extra {
            let _ = js_sys::Reflect::set(&detail, &(*k).into(), v);
        }
        self.emit(event, &detail);
    }

    /// The first data came (or failed to): the list is shown from now on.
    fn loaded(&mut self) {
        if self.loading {
            self.loading = false;
            let _ = self.parts.root.remove_attribute("aria-busy");
        }
    }

    /// Shows `report`: its search index, filters, note and the list.
    fn show_data(&mut self, report: SharedReport) {
        self.index = SearchIndex::new(Declaration::get(), &report.dataset);
        self.plain.borrow_mut().clear();
        self.report = report;
        self.fill_facets();
        self.note_dataset();
        let q = self.query.clone();
        self.set_query(q, History::Keep);
    }

    /// Marks the paragraphs in `changed` until the timer ends (their
    /// articles get `kw-changed`; the motion respects reduced motion in CSS).
    fn highlight(&mut self, changed: BTreeSet<u8>) {
        self.changed = changed;
        let weak = self.me.clone();
        self.highlight = Timeout::new(HIGHLIGHT_MS, move || {
            enter(&weak, |w| {
                w.changed.clear();
                if let Ok(list) = w.parts.root.query_selector_all(".kw-changed") {
                    for i in 0..list.length() {
                        if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                            let _ = e.class_list().remove_1("kw-changed");
                        }
                    }
                }
            });
        });
    }

    fn show_error(&mut self, message: &str) {
        self.loaded();
        // Nothing came from the first `src`: the Declaration is shown, with
        // no activity.
        let stand_in = shows_stand_in(&self.report, &self.host);
        if stand_in {
            self.show_data(empty_report());
            if let Some(n) = self.reveal_after_load.take() {
                self.reveal(n);
            }
        }
        show_error_box(
            &self.parts.error,
            &self.locale,
            &self.events,
            message,
            if stand_in {
                "error.no_data"
            } else {
                "browser.error.kept"
            },
        );
    }

    /// Fires `name` from the host once the widget has released its state.
    fn emit(&self, name: &str, detail: &JsValue) {
        self.events.fire(name, detail);
    }

    fn note_dataset(&self) {
        if self.loading {
            return loading_note(&self.host, &self.parts.note, &self.locale);
        }
        let d = &self.report.dataset;
        let count = self.locale.counted(
            "data.activities_linked",
            &[("count", d.activities.len())],
            &[],
        );
        dataset_note(
            &self.host,
            &self.parts.note,
            &self.locale,
            count,
            d.title.as_deref(),
            d.updated,
        );
    }

    // ----- controls ------------------------------------------------------

    /// Fills the filter menus with the values present in the data.
    fn fill_facets(&self) {
        let doc = &self.doc;
        let p = &self.parts;
        let decl = Declaration::get();
        let loc = &self.locale;
        let with_count = |label: &str, n: usize| {
            let count = loc.count(n);
            loc.text.format(
                "data.with_count",
                &[("label", Arg::Str(label)), ("count", Arg::Str(&count))],
            )
        };
        clear(&p.pillar);
        add_option(doc, &p.pillar, "", self.t("browser.filter.all_pillars"));
        for s in &decl.pillars {
            let (heading, english) = self.pillar_heading(s.id, &s.heading);
            let heading = if english && self.rtl {
                isolate(&heading)
            } else {
                heading
            };
            let label = loc.text.format(
                "label.pillar_named",
                &[
                    ("pillar", Arg::Str(s.id.numeral())),
                    ("name", Arg::Str(&heading)),
                ],
            );
            add_option(doc, &p.pillar, s.id.numeral(), &label);
        }
        clear(&p.status);
        add_option(doc, &p.status, "", self.t("browser.filter.any"));
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
                &with_count(self.t(status_key(s)), n),
            );
        }
        clear(&p.track);
        add_option(doc, &p.track, "", self.t("browser.filter.any"));
        for f in self.index.tracks() {
            let label = with_count(self.t(track_key(f.value)), f.activities);
            add_option(doc, &p.track, f.value.as_str(), &label);
        }
        clear(&p.sdg);
        add_option(doc, &p.sdg, "", self.t("browser.filter.any"));
        for f in self.index.sdg_goals() {
            let label = with_count(&f.value.to_string(), f.activities);
            add_option(doc, &p.sdg, &f.value.to_string(), &label);
        }
        clear(&p.lead);
        add_option(doc, &p.lead, "", self.t("browser.filter.any"));
        for f in self.index.leads() {
            // Isolated where needed: a direction override in a lead stays inside it.
            let label = with_count(&isolate_data(&f.value, self.rtl), f.activities);
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
                add_option(doc, &p.theme, "", self.t("browser.filter.all_themes"));
                for (i, t) in section.themes.iter().enumerate() {
                    let (heading, english) = self.theme_heading(section.id, i, &t.heading);
                    let heading = if english && self.rtl {
                        isolate(&heading)
                    } else {
                        heading
                    };
                    let number = self.locale.count(i + 1);
                    let label = self.locale.text.format(
                        "browser.filter.theme_option",
                        &[
                            ("number", Arg::Str(&number)),
                            ("heading", Arg::Str(&heading)),
                        ],
                    );
                    add_option(doc, &p.theme, &i.to_string(), &label);
                }
                p.theme.set_disabled(false);
                p.theme
                    .set_value(&q.theme.map(|t| t.to_string()).unwrap_or_default());
            }
            None => {
                add_option(
                    doc,
                    &p.theme,
                    "",
                    self.t("browser.filter.pick_pillar_first"),
                );
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
        #[cfg(feature = "digest")]
        p.with_progress.1.set_checked(q.with_progress_only);
        set_hidden(&p.clear_btn, q.is_empty());
        p.count.set_text_content(Some(&self.count_text()));
    }

    // ----- results -------------------------------------------------------

    fn render_results(&self) {
        let doc = &self.doc;
        let results = &self.parts.results;
        clear(results);
        if self.loading {
            return; // listed when the data comes
        }
        if self.hits.is_empty() {
            let p = el(doc, "p", "kw-empty");
            p.set_text_content(Some(self.t("browser.results.none")));
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
                let label = self.locale.counted(
                    "browser.results.show_all",
                    &[("count", self.hits.len())],
                    &[],
                );
                let more = button(doc, "kw-btn kw-more", &label);
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
                &text_el(doc, "h3", "kw-h-part", self.t(part_key(part.id))),
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
                        &self.pillar_title("h4", "kw-h-pillar", pillar.id, &pillar.heading),
                    );
                    for (index, theme) in pillar.themes.iter().enumerate() {
                        let hits: Vec<&ParagraphHit> = self
                            .hits
                            .iter()
                            .filter(|h| theme.paragraphs.contains(&h.number))
                            .collect();
                        if hits.is_empty() {
                            continue;
                        }
                        let ts = el(doc, "section", "kw-theme");
                        let (heading, english) =
                            self.theme_heading(pillar.id, index, &theme.heading);
                        append(
                            &ts,
                            &maybe_english(doc, "h5", "kw-h-theme", &heading, english, self.rtl),
                        );
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
            // Back from "Copied", or in another language: text and name together.
            let text = self.t("browser.cite.button");
            if b.text_content().as_deref() != Some(text) {
                b.set_text_content(Some(text));
                let _ = b.set_attribute("aria-label", &self.cite_label("browser.cite.label", n));
            }
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
        if self.changed.contains(&n) {
            let _ = article.class_list().add_1("kw-changed");
        }

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
            &text_el(
                doc,
                "span",
                "kw-para-num",
                &self.locale.chart().paragraph_label(n),
            ),
        );
        append(&toggle, &self.badge(counts));
        append(&head, &toggle);
        let cite = button(doc, "kw-btn kw-cite", self.t("browser.cite.button"));
        let cite_label = self.cite_label("browser.cite.label", n);
        attrs(
            &cite,
            &[
                ("data-action", "cite"),
                ("data-n", &n_text),
                ("aria-label", &cite_label),
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
                            "{}{}",
                            self.locale.chart().pillar_label(pillar),
                            self.t("data.separator")
                        )));
                        let span = el(doc, "span", "");
                        // The search runs over the Declaration's English: the
                        // heading is highlighted where it is shown in English.
                        let index = decl
                            .pillar(pillar)
                            .and_then(|s| s.themes.iter().position(|t| &t.heading == theme));
                        let (heading, english) = match index {
                            Some(i) => self.theme_heading(pillar, i, theme),
                            None => (theme.clone(), self.locale.lang != Lang::En),
                        };
                        if english || self.locale.lang == Lang::En {
                            mark_english(&span, self.rtl);
                            append_highlighted(doc, &span, theme, &hit.theme_matches);
                        } else {
                            span.set_text_content(Some(&heading));
                        }
                        append(&ctx, &span);
                    }
                    _ => ctx.set_text_content(Some(self.t(part_key(p.part)))),
                }
            }
            append(&article, &ctx);
        }
        let body = el(doc, "p", "kw-para-text");
        // The Declaration's text stays in English.
        mark_english(&body, self.rtl);
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
                    &self.locale.counted(
                        "browser.activities.title_matches",
                        &[("count", hit.activity_matches.len())],
                        &[],
                    ),
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

    /// ": 1 completed, 1 ongoing, 1 planned" for screen readers, after the
    /// badge's count.
    fn status_mix(&self, by_status: [usize; 3]) -> String {
        let [c, o, p] = by_status;
        let mix = self.locale.counted(
            "data.status_mix",
            &[("completed", c), ("ongoing", o), ("planned", p)],
            &[],
        );
        format!("{}{mix}", self.t("data.separator"))
    }

    fn badge(&self, counts: ParagraphCounts) -> Element {
        let doc = &self.doc;
        if counts.activities == 0 {
            return text_el(
                doc,
                "span",
                "kw-badge kw-badge-none",
                self.t("browser.badge.none"),
            );
        }
        let badge = el(doc, "span", "kw-badge");
        append(
            &badge,
            &text_el(
                doc,
                "span",
                "",
                &self
                    .locale
                    .counted("data.activities", &[("count", counts.activities)], &[]),
            ),
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
            &text_el(doc, "span", "kw-sr", &self.status_mix(counts.by_status)),
        );
        badge
    }

    /// Builds the activity list of paragraph `n` into `acts`.
    /// An expanded paragraph's activities and, with progress data, its
    /// indicators and questions.
    fn fill_activities(&self, acts: &Element, n: u8) {
        self.fill_activity_list(acts, n);
        #[cfg(feature = "digest")]
        self.append_progress(acts, n);
    }

    /// With "with indicators or questionnaire answers" ticked and progress
    /// data here, keeps the hits whose paragraph has indicators or questions
    /// in it (without progress data the filter is not offered, and ignored).
    #[cfg(feature = "digest")]
    fn keep_hits_with_progress(&mut self) {
        let Some(digest) = self
            .progress
            .as_ref()
            .filter(|_| self.query.with_progress_only)
        else {
            return;
        };
        self.hits.retain(|h| {
            digest
                .paragraph(h.number)
                .is_some_and(|p| !p.indicators.is_empty() || !p.questions.is_empty())
        });
    }

    /// Fills the expanded paragraphs again (the progress data came).
    #[cfg(feature = "digest")]
    fn refill_expanded(&mut self) {
        for &n in &self.expanded {
            if let Some(acts) = self
                .article(n)
                .and_then(|a| a.query_selector(".kw-acts").ok().flatten())
            {
                self.fill_activities(&acts, n);
            }
        }
    }

    /// Says why the progress data did not load, above the list.
    #[cfg(feature = "digest")]
    fn progress_failed(&mut self, message: &str) {
        let e = &self.parts.error;
        clear(e);
        append(
            e,
            &text_el(&self.doc, "strong", "", self.t("error.load_failed")),
        );
        let english = self.locale.lang != Lang::En;
        let detail = maybe_english(&self.doc, "p", "", message, english, false);
        attrs(&detail, &[("dir", "auto")]);
        append(e, &detail);
        append(e, &text_el(&self.doc, "p", "", self.t("digest.failed")));
        set_hidden(e, false);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        self.emit("kyoto:error", &detail);
    }

    /// Paragraph `n`'s indicators (status and latest value) and the
    /// questions that cite it (answers by States and by others, per
    /// choice), from the progress data. Titles and questions are shown as
    /// the tables give them, in their own direction.
    #[cfg(feature = "digest")]
    fn append_progress(&self, acts: &Element, n: u8) {
        let Some(p) = self.progress.as_ref().and_then(|d| d.paragraph(n)) else {
            return;
        };
        let doc = &self.doc;
        let loc = &self.locale;
        let count = |v: u32| loc.count(v as usize);
        if !p.indicators.is_empty() {
            let section = el(doc, "section", "kw-prog kw-prog-indicators");
            append(
                &section,
                &text_el(
                    doc,
                    "h5",
                    "kw-prog-title",
                    self.t("browser.progress.indicators"),
                ),
            );
            let ul = el(doc, "ul", "kw-prog-list");
            for i in &p.indicators {
                let li = el(doc, "li", "");
                let title = text_el(doc, "span", "kw-prog-name", &i.title);
                attrs(&title, &[("dir", "auto")]);
                append(&li, &title);
                let status = text_el(
                    doc,
                    "span",
                    &format!("kw-prog-status st-{}", i.standing.index()),
                    loc.text(i.standing.key()),
                );
                append(&li, &status);
                if let (Some(value), Some(period)) = (&i.value, &i.period) {
                    let value = match &i.unit {
                        Some(u) if u == "%" => format!("{value}%"),
                        Some(u) => format!("{value} {u}"),
                        None => value.clone(),
                    };
                    let line = loc.text.format(
                        "browser.progress.latest",
                        &[("value", Arg::Str(&value)), ("period", Arg::Str(period))],
                    );
                    append(&li, &text_el(doc, "span", "kw-prog-value", &line));
                }
                append(&ul, &li);
            }
            append(&section, &ul);
            append(acts, &section);
        }
        if !p.questions.is_empty() || p.reports > 0 {
            let section = el(doc, "section", "kw-prog kw-prog-questions");
            append(
                &section,
                &text_el(
                    doc,
                    "h5",
                    "kw-prog-title",
                    self.t("browser.progress.questions"),
                ),
            );
            let ul = el(doc, "ul", "kw-prog-list");
            for q in &p.questions {
                let li = el(doc, "li", "");
                let text = text_el(doc, "span", "kw-prog-name", &q.text);
                attrs(&text, &[("dir", "auto")]);
                append(&li, &text);
                let (all, by_states, states, others) = (
                    count(q.answers()),
                    count(q.state_answers),
                    count(q.states),
                    count(q.other_answers),
                );
                let line = loc.text.format(
                    "browser.progress.answers",
                    &[
                        ("answers", Arg::Str(&all)),
                        ("state_answers", Arg::Str(&by_states)),
                        ("states", Arg::Str(&states)),
                        ("others", Arg::Str(&others)),
                    ],
                );
                append(&li, &text_el(doc, "span", "kw-prog-value", &line));
                if !q.choices.is_empty() {
                    let choices = el(doc, "ul", "kw-prog-choices");
                    for c in &q.choices {
                        let (s, o) = (count(c.states), count(c.others));
                        let line = loc.text.format(
                            "browser.progress.choice",
                            &[
                                ("label", Arg::Str(&c.label)),
                                ("states", Arg::Str(&s)),
                                ("others", Arg::Str(&o)),
                            ],
                        );
                        append(&choices, &text_el(doc, "li", "", &line));
                    }
                    append(&li, &choices);
                }
                append(&ul, &li);
            }
            append(&section, &ul);
            if p.reports > 0 {
                let reports = count(p.reports);
                let line = loc
                    .text
                    .format("browser.progress.reports", &[("count", Arg::Str(&reports))]);
                append(&section, &text_el(doc, "p", "kw-act-note", &line));
            }
            append(acts, &section);
        }
    }

    fn fill_activity_list(&self, acts: &Element, n: u8) {
        let doc = &self.doc;
        clear(acts);
        let linked = self.index.activities_linked(n).len();
        if linked == 0 {
            append(
                acts,
                &text_el(doc, "p", "kw-act-none", self.t("browser.activities.none")),
            );
            return;
        }
        let list = self.index.activities_of(n, &self.query);
        if list.is_empty() {
            append(
                acts,
                &text_el(
                    doc,
                    "p",
                    "kw-act-none",
                    self.t("browser.activities.none_matching"),
                ),
            );
            return;
        }
        if list.len() < linked {
            append(
                acts,
                &text_el(
                    doc,
                    "p",
                    "kw-act-note",
                    &self.locale.counted(
                        "browser.activities.showing",
                        &[("shown", list.len()), ("total", linked)],
                        &[],
                    ),
                ),
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
            let label =
                self.locale
                    .counted("browser.activities.show_all", &[("count", list.len())], &[]);
            let more = button(doc, "kw-btn kw-more", &label);
            attrs(&more, &[("data-action", "all"), ("data-n", &n.to_string())]);
            append(acts, &more);
        }
    }

    fn build_activity(&self, a: &Activity) -> Element {
        let doc = &self.doc;
        let li = el(doc, "li", "kw-act");
        attrs(&li, &[("tabindex", "-1")]);
        // Activity records may be written in any language: shown as given,
        // in their own direction.
        let title = el(doc, "p", "kw-act-title");
        attrs(&title, &[("dir", "auto")]);
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
                append(
                    &link,
                    &text_el(doc, "span", "kw-sr", self.t("browser.link.new_tab")),
                );
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
                self.t(activity_status_key(a.status)),
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
                &text_el(
                    doc,
                    "span",
                    "kw-sr",
                    &format!("{}: ", self.t("browser.meta.progress")),
                ),
            );
            append(&prog, &bar);
            let shown = self.locale.numbers.percent(f64::from(p.min(100)));
            append(&prog, &text_el(doc, "span", "", &shown));
            append(&line, &prog);
        }
        append(&li, &line);

        if let Some(d) = &a.description {
            let desc = text_el(doc, "p", "kw-act-desc", d);
            attrs(&desc, &[("dir", "auto")]);
            append(&li, &desc);
        }
        let meta = el(doc, "dl", "kw-act-meta");
        // `data`: the value is the record's own text (any language, its own
        // direction); otherwise it is interface text.
        let row = |key: &'static str, value: String, data: bool| {
            if value.is_empty() {
                return;
            }
            append(&meta, &text_el(doc, "dt", "", self.t(key)));
            let dd = text_el(doc, "dd", "", &value);
            if data {
                attrs(&dd, &[("dir", "auto")]);
            }
            append(&meta, &dd);
        };
        let data_list = |items: &[String]| items.join(self.t("data.list_separator"));
        let names_list =
            |items: &[crate::core::model::Name]| items.join(self.t("data.list_separator"));
        row(
            "browser.meta.lead",
            a.lead.as_deref().unwrap_or_default().to_string(),
            true,
        );
        row(
            "browser.meta.dates",
            date_range(a, &self.locale).unwrap_or_default(),
            false,
        );
        row(
            "browser.meta.track",
            a.track
                .map(|t| self.t(track_key(t)))
                .unwrap_or_default()
                .to_string(),
            false,
        );
        let goals: Vec<String> = a.sdgs.iter().map(|s| s.to_string()).collect();
        row("browser.meta.goals", data_list(&goals), false);
        row("browser.meta.countries", names_list(&a.countries), true);
        row("browser.meta.partners", names_list(&a.partners), true);
        row(
            "browser.meta.source",
            a.source.clone().unwrap_or_default(),
            true,
        );
        // A `url` that is not an http(s) address is not a link: shown as
        // text (at most 300 characters) so that the editor sees what is there.
        if let Some(url) = a.url.as_deref().filter(|u| safe_url(u).is_none()) {
            let mut shown: String = url.chars().take(300).collect();
            if shown.len() < url.len() {
                shown.push('…');
            }
            row("browser.meta.address", shown, true);
        }
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
        let cite = self.citation(n);
        let Some(promise) = clipboard_write(&cite) else {
            self.cite_fallback(n, &cite);
            return;
        };
        let weak = self.me.clone();
        super::fault::spawn(async move {
            let result = wasm_bindgen_futures::JsFuture::from(promise).await;
            enter(&weak, |w| match result {
                Ok(_) => w.cite_done(n),
                Err(e) => {
                    let _ = js_message(&e);
                    w.cite_fallback(n, &cite);
                }
            });
        });
    }

    /// The citation button's accessible name, `key` with paragraph `n`: it
    /// holds the button's visible text (WCAG 2.5.3, label in name).
    fn cite_label(&self, key: &str, n: u8) -> String {
        let number = self.locale.count(usize::from(n));
        self.locale
            .text
            .format(key, &[("paragraph", Arg::Str(&number))])
    }

    fn cite_done(&mut self, n: u8) {
        if let Some(article) = self.article(n) {
            if let Ok(Some(b)) = article.query_selector(".kw-cite") {
                b.set_text_content(Some(self.t("browser.cite.copied")));
                let _ = b.set_attribute(
                    "aria-label",
                    &self.cite_label("browser.cite.copied_label", n),
                );
            }
        }
        self.announce(self.t("browser.cite.copied_announce"));
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
                    attrs(
                        i,
                        &[
                            ("type", "text"),
                            ("dir", "auto"),
                            ("aria-label", self.t("browser.cite.input")),
                        ],
                    );
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
        self.announce(self.t("browser.cite.selected"));
    }
}

impl Shell for Widget {
    fn refresh(&mut self) {
        let host = self.host.clone();
        self.locale.refresh(&host);
        self.relabel();
    }

    fn attribute(&mut self, name: &str, value: Option<&str>) {
        match name {
            "pillar" => {
                let mut q = self.query.clone();
                q.pillar = value.and_then(Pillar::parse);
                q.theme = None;
                self.set_query(q, History::Push);
            }
            "lang" => {
                let host = self.host.clone();
                if self.locale.refresh(&host) {
                    self.relabel();
                }
            }
            _ => {}
        }
    }

    fn check_attributes(&mut self) {
        self.parts.notes.check(&self.host, &self.locale, Vec::new());
    }

    fn teardown(&mut self) {
        self.cancel_timer();
        self.timer_fn = None;
        self.highlight = None;
        clear(&self.parts.root);
        self.parts.root.remove();
    }
}

impl Reset for Widget {
    /// The pillar of `pillar` and no other search or filter, every
    /// paragraph folded; with `sync-hash`, a new entry of the page's
    /// history, as a change of the filters makes.
    fn reset(&mut self) {
        self.expanded.clear();
        self.show_all.clear();
        self.all_results = false;
        self.reveal_after_load = None;
        let query = BrowserQuery {
            pillar: host_attr(&self.host, "pillar")
                .as_deref()
                .and_then(Pillar::parse),
            ..BrowserQuery::default()
        };
        // Lists the paragraphs anew, each as folded as `expanded` says.
        self.set_query(query, History::Push);
    }
}

impl LiveTarget for Widget {
    type Data = ImportReport;

    live_target_fields!(report);

    fn show_loaded(&mut self, report: SharedReport) {
        self.set_report(report, "kyoto:loaded", &[]);
    }

    fn say(&self, text: &str) {
        self.announce(text);
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
