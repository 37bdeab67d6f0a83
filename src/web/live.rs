//! Live data: polling a source with conditional requests, pushing data over a
//! `BroadcastChannel`, and opening an export by drag and drop or a file
//! picker. A widget implements [`LiveTarget`]; the pieces here only fetch,
//! read and schedule, and hand it an imported report or a failure.
//!
//! Polling (`poll="30"`): one request at a time; `If-None-Match` and
//! `If-Modified-Since` from the last answer; a 304, or a body with the same
//! bytes, changes nothing; a failure (network, HTTP status, timeout, a file
//! that no longer validates) keeps the last good data and backs off
//! exponentially up to [`crate::core::live::BACKOFF_CAP_MS`]; polling pauses while the page is
//! hidden and resumes, with a request at once if one is due, when it shows.

use super::data::{
    absolute, answer_body, hand_over, js_message, load_shared, loaded_hash, not_built,
    one_at_a_time, read_data, read_given, sample_url, Changes, Failure, Feed,
};
use super::dom::set_hidden;
use super::events::enter;
use super::listen::Listener;
use super::locale::Locale;
use super::source::content_hash;
use super::timer::{clear_timeout, set_timeout};
use super::widget::{host_attr, number_array};
use crate::core::i18n::{Arg, Catalog};
use crate::core::live::{next_delay_ms, parse_poll, timeout_ms};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, BroadcastChannel, Element, Event, Headers, MessageEvent, RequestCache,
    RequestInit, Response,
};

/// Where new data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A poll of `src`.
    Poll,
    /// `handle.update(data)` or a message on the widget's channel.
    Push,
    /// A file dropped on the widget or chosen in its file picker.
    File,
}

/// A widget that takes live data. It provides the few things that differ
/// between widgets (where the data is, how to show it, how to speak); what
/// to do with new data, an unchanged poll or a failure is the same for every
/// widget and written once here.
pub trait LiveTarget: Sized + 'static {
    /// The kind of data the widget shows.
    type Data: Feed;
    /// The data shown now.
    fn shown(&self) -> &Rc<Self::Data>;
    /// The widget's language.
    fn locale(&self) -> &Locale;
    /// The widget's live-data state.
    fn live(&mut self) -> &mut LiveState<Self>;
    /// The widget itself, for the poller and the channel.
    fn me(&self) -> Weak<RefCell<Self>>;
    /// Says `text` in the widget's polite live region.
    fn say(&self, text: &str);
    /// Fires `name` with `detail` from the host element (dispatched once the
    /// widget has released its state, see [`super::events`]).
    fn emit_event(&self, name: &str, detail: &JsValue);
    /// Shows why pushed or dropped data could not be used (the data stays).
    fn show_failure(&mut self, message: &str);
    /// Shows `data`, highlights the paragraphs in `changed` (none when
    /// `None`) and emits `kyoto:updated` with its detail and `detail`.
    fn show_update(
        &mut self,
        data: Rc<Self::Data>,
        changed: Option<BTreeSet<u8>>,
        detail: &[(&str, JsValue)],
    );

    /// The host element (its `poll` attribute says how often `src` is polled).
    fn host(&self) -> &Element;
    /// Counts the widget's data sources (a `src`, `update()`, live data): a
    /// download applies only if its number is still the newest.
    fn generation(&mut self) -> &mut u64;
    /// Shows the first data of a `src` (or the sample) and fires `kyoto:loaded`.
    fn show_loaded(&mut self, data: Rc<Self::Data>);

    /// Starts, changes or stops polling `src` as the `poll` attribute says.
    fn poll_src(&mut self, src: Option<&str>) {
        let poll = host_attr(self.host(), "poll");
        self.set_poll(src, poll.as_deref());
    }

    /// Shows or hides the stale badge, saying so when it changes.
    fn set_stale(&mut self, stale: bool, message: &str) {
        let (t, tag) = (self.locale().text, self.locale().tag.clone());
        if let Some(text) = self.live().set_stale(stale, message, t, &tag) {
            self.say(&text);
        }
    }

    /// Starts, changes or stops polling `src` every `poll` seconds (the
    /// attribute's value).
    fn set_poll(&mut self, src: Option<&str>, poll: Option<&str>) {
        let (me, t) = (self.me(), self.locale().text);
        if let Some(text) = self.live().set_poll(src, poll, &me, t) {
            self.say(&text);
        }
    }

    /// New data arrived and validated: shown with what changed highlighted
    /// and announced (a poll that brings the same data changes nothing).
    fn live_data(&mut self, data: Rc<Self::Data>, origin: Origin) {
        let Changes {
            any,
            paragraphs: changed_paragraphs,
            announcement,
        } = Self::Data::changes(self.shown(), &data, self.locale());
        if origin == Origin::Poll && !any {
            return self.live_unchanged();
        }
        self.set_stale(false, "");
        let paragraphs = number_array(&changed_paragraphs);
        // A file is a new dataset, not an update of the one shown.
        let changed = (origin != Origin::File).then_some(changed_paragraphs);
        self.show_update(
            data,
            changed,
            &[
                ("origin", origin_name(origin).into()),
                ("changedParagraphs", paragraphs.into()),
            ],
        );
        if let Some(text) = announcement {
            self.say(&text);
        }
    }

    /// Whether the loader took the widget to the module that reads both
    /// formats, because `message` says this one has no reader for its data's
    /// (a web module built with one, see `core::import`): with `given`, the
    /// data pushed or dropped and where it came from, to show there as it
    /// would have been here; without, the new module loads the widget's
    /// `src` itself.
    fn handed_over(&self, message: &str, given: Option<(&JsValue, Origin)>) -> bool {
        not_built(message) && hand_over(self.host(), given.map(|(d, o)| (d, origin_name(o))))
    }

    /// A poll found the data unchanged (a 304 or the same bytes).
    fn live_unchanged(&mut self) {
        let tag = self.locale().tag.clone();
        self.live().mark_fresh(&tag);
        self.set_stale(false, "");
    }

    /// A poll, a push or a file failed; the widget keeps its data. A failed
    /// poll only marks the data stale. Data pushed or dropped in a format
    /// this module has no reader for goes with the widget to the module that
    /// reads both ([`LiveTarget::handed_over`]), and so does a poll's while
    /// the widget shows nothing of its own; a poll's, while it shows data,
    /// is a failed poll (the new module would load the `src` first, and an
    /// error page in its place would leave the widget without its data).
    fn live_failed(&mut self, message: &str, origin: Origin, given: Option<&JsValue>) {
        let empty = Rc::ptr_eq(self.shown(), &Self::Data::empty());
        if (origin != Origin::Poll || empty)
            && self.handed_over(message, given.map(|data| (data, origin)))
        {
            return;
        }
        if origin == Origin::Poll {
            self.set_stale(true, message);
            self.emit_event("kyoto:error", &stale_detail(message));
        } else {
            self.show_failure(message);
        }
    }
}

/// Loads a widget's `src`, or the sample (fetched beside the package) when it
/// has none. The newest data wins: a download overtaken by a newer `src`,
/// `update()` or live data is dropped, and the sample never replaces data
/// that came first. Polling of the old source stops at once and starts again
/// on the new one once it has loaded, or failed (the source may come back).
pub fn load_src<W: LiveTarget>(widget: &Rc<RefCell<W>>, src: Option<String>) {
    let weak = Rc::downgrade(widget);
    let Ok(mut w) = widget.try_borrow_mut() else {
        return;
    };
    *w.generation() += 1;
    let generation = *w.generation();
    // The old source is polled no more (its answer would count as newer data).
    w.poll_src(None);
    let t = w.locale().text;
    drop(w);
    let src = src.filter(|s| !s.trim().is_empty());
    super::fault::spawn(async move {
        let url = src.clone().unwrap_or_else(sample_url::<W::Data>);
        let result = load_shared::<W::Data>(&url, t).await;
        enter(&weak, |w| show_first(w, generation, src, result));
    });
}

/// The first data of `src` (or of the sample when `None`) came, or failed to,
/// for download number `generation`: shown, unless newer data came first.
fn show_first<W: LiveTarget>(
    w: &mut W,
    generation: u64,
    src: Option<String>,
    result: Result<Rc<W::Data>, String>,
) {
    if *w.generation() != generation {
        // A newer src, update() or live data came first. The src is
        // polled all the same while it is still the widget's (data
        // given as the widget was made, as when kyoto.js moves a widget
        // to another module with the data the first could not read).
        if src.is_some() && src == host_attr(w.host(), "src") {
            w.poll_src(src.as_deref());
        }
        return;
    }
    if src.is_none() && !Rc::ptr_eq(w.shown(), &W::Data::empty()) {
        return; // data came before the sample (a channel, a dropped file)
    }
    match result {
        Ok(data) => w.show_loaded(data),
        Err(message) if w.handed_over(&message, None) => return,
        Err(message) => w.show_failure(&message),
    }
    if src.is_some() {
        w.poll_src(src.as_deref());
    }
}

struct PollState<W: LiveTarget + 'static> {
    url: String,
    every_ms: f64,
    etag: Option<String>,
    last_modified: Option<String>,
    hash: Option<u64>,
    failures: u32,
    in_flight: Option<AbortController>,
    timer: Option<f64>,
    /// When the next request is due (`performance.now()` time).
    due: f64,
    tick: Option<Closure<dyn FnMut()>>,
    target: Weak<RefCell<W>>,
    _visibility: Option<Listener>,
}

/// Polls a URL while it lives; dropping it stops the timer, aborts the
/// request under way and removes its listener.
pub struct Poller<W: LiveTarget + 'static> {
    state: Rc<RefCell<PollState<W>>>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.hidden())
        .unwrap_or(false)
}

impl<W: LiveTarget + 'static> Poller<W> {
    /// Starts polling `url` every `every_s` seconds for `target`. The first
    /// request is one interval away (the widget has just loaded the URL).
    pub fn start(url: &str, every_s: f64, target: Weak<RefCell<W>>) -> Poller<W> {
        let every_ms = every_s * 1000.0;
        let state = Rc::new(RefCell::new(PollState {
            url: url.to_string(),
            every_ms,
            etag: None,
            last_modified: None,
            hash: loaded_hash(url),
            failures: 0,
            in_flight: None,
            timer: None,
            due: now() + every_ms,
            tick: None,
            target,
            _visibility: None,
        }));
        let weak = Rc::downgrade(&state);
        let tick = Closure::<dyn FnMut()>::new(move || {
            if super::fault::stopped() {
                return; // this instance panicked
            }
            if let Some(s) = weak.upgrade() {
                poll_now(&s);
            }
        });
        let weak = Rc::downgrade(&state);
        let visibility = web_sys::window().and_then(|w| w.document()).map(|doc| {
            Listener::new(doc.as_ref(), "visibilitychange", move |_| {
                if let Some(s) = weak.upgrade() {
                    if page_hidden() {
                        cancel_timer(&s);
                    } else {
                        schedule(&s);
                    }
                }
            })
        });
        {
            let mut s = state.borrow_mut();
            s.tick = Some(tick);
            s._visibility = visibility;
        }
        schedule(&state);
        Poller { state }
    }

    /// Whether this poller polls `url` every `every_s` seconds.
    pub fn is(&self, url: &str, every_s: f64) -> bool {
        let s = self.state.borrow();
        s.url == url && (s.every_ms - every_s * 1000.0).abs() < 1.0
    }

    /// How long until the next request is due, in milliseconds.
    pub fn next_request_ms(&self) -> f64 {
        self.state
            .try_borrow()
            .map(|s| (s.due - now()).max(0.0))
            .unwrap_or(0.0)
    }
}

impl<W: LiveTarget + 'static> Drop for Poller<W> {
    fn drop(&mut self) {
        cancel_timer(&self.state);
        if let Ok(mut s) = self.state.try_borrow_mut() {
            if let Some(c) = s.in_flight.take() {
                c.abort();
            }
            s.tick = None;
        }
    }
}

fn cancel_timer<W: LiveTarget>(state: &Rc<RefCell<PollState<W>>>) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    if let Some(id) = s.timer.take() {
        clear_timeout(id);
    }
}

/// Sets the timer for the next request (none while hidden or while a request
/// is under way: its end schedules the next).
fn schedule<W: LiveTarget>(state: &Rc<RefCell<PollState<W>>>) {
    cancel_timer(state);
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    if s.in_flight.is_some() || page_hidden() {
        return;
    }
    let wait = (s.due - now()).max(0.0);
    let Some(tick) = &s.tick else {
        return;
    };
    s.timer = set_timeout(tick, wait);
}

/// One answer of the server.
enum Answer {
    Unchanged,
    /// The body's ArrayBuffer (read in blocks, never copied in whole).
    Bytes(JsValue),
}

fn poll_now<W: LiveTarget + 'static>(state: &Rc<RefCell<PollState<W>>>) {
    let (url, headers, controller, every_ms) = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        s.timer = None;
        if s.in_flight.is_some() || page_hidden() {
            return;
        }
        let Ok(controller) = AbortController::new() else {
            return;
        };
        s.in_flight = Some(controller.clone());
        let headers = Headers::new().ok();
        if let Some(h) = &headers {
            if let Some(etag) = &s.etag {
                let _ = h.set("If-None-Match", etag);
            }
            if let Some(lm) = &s.last_modified {
                let _ = h.set("If-Modified-Since", lm);
            }
        }
        (s.url.clone(), headers, controller, s.every_ms)
    };
    let weak = Rc::downgrade(state);
    super::fault::spawn(async move {
        let answer = request(&url, headers, &controller, timeout_ms(every_ms)).await;
        // New bytes are read before the poller's state is touched again (a
        // workbook goes through the workbook module first).
        let polled = match answer {
            Ok((Answer::Unchanged, _, _)) => Polled::Unchanged,
            Ok((Answer::Bytes(buf), etag, last_modified)) => {
                let hash = content_hash(&buf);
                let known = weak
                    .upgrade()
                    .and_then(|s| s.try_borrow().ok().map(|s| s.hash == Some(hash)));
                match known {
                    None => return,
                    Some(true) => Polled::Same(etag, last_modified),
                    Some(false) => match read_data::<W::Data>(buf, &url).await {
                        Ok(data) => Polled::New(Rc::new(data), hash, etag, last_modified),
                        Err(e) => Polled::Failed(Failure::Said(format!("{url}: {e}"))),
                    },
                }
            }
            Err(failure) => Polled::Failed(failure),
        };
        let Some(state) = weak.upgrade() else { return };
        let (target, outcome) = {
            let Ok(mut s) = state.try_borrow_mut() else {
                return;
            };
            s.in_flight = None;
            let outcome = match polled {
                Polled::Unchanged => Ok(None),
                Polled::Same(etag, last_modified) => {
                    s.etag = etag.or(s.etag.take());
                    s.last_modified = last_modified.or(s.last_modified.take());
                    Ok(None)
                }
                Polled::New(data, hash, etag, last_modified) => {
                    s.hash = Some(hash);
                    s.etag = etag;
                    s.last_modified = last_modified;
                    Ok(Some(data))
                }
                Polled::Failed(failure) => Err(failure),
            };
            s.failures = if outcome.is_ok() {
                0
            } else {
                s.failures.saturating_add(1)
            };
            s.due = now() + next_delay_ms(s.every_ms, s.failures);
            (s.target.clone(), outcome)
        };
        schedule(&state);
        enter(&target, |t| match outcome {
            Ok(Some(data)) => t.live_data(data, Origin::Poll),
            Ok(None) => t.live_unchanged(),
            Err(failure) => {
                let message = failure.text(t.locale().text);
                t.live_failed(&message, Origin::Poll, None);
            }
        });
    });
}

/// What one poll brought.
enum Polled<D> {
    /// A 304.
    Unchanged,
    /// The bytes last read, with the answer's validators.
    Same(Option<String>, Option<String>),
    /// New data, its bytes' hash and the answer's validators.
    New(Rc<D>, u64, Option<String>, Option<String>),
    Failed(Failure),
}

/// Fetches `url` with the conditional headers; a timeout aborts it.
async fn request(
    url: &str,
    headers: Option<Headers>,
    controller: &AbortController,
    timeout: f64,
) -> Result<(Answer, Option<String>, Option<String>), Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Said("no window".into()))?;
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    if let Some(h) = &headers {
        init.set_headers(h.as_ref());
    }
    let abort = controller.clone();
    let on_timeout = Closure::<dyn FnMut()>::new(move || abort.abort());
    let timer = set_timeout(&on_timeout, timeout);
    // A timed-out request's message: "no answer within N s".
    let seconds = crate::core::number::format(timeout / 1000.0, 0);
    // A request aborted by the timer had no answer in time.
    let failed = |e: JsValue, read: bool| {
        let url = url.to_string();
        match (controller.signal().aborted(), read) {
            (true, _) => Failure::NoAnswer {
                url,
                seconds: seconds.clone(),
            },
            (false, false) => Failure::Fetch {
                url,
                reason: js_message(&e),
            },
            (false, true) => Failure::Read {
                url,
                reason: js_message(&e),
            },
        }
    };
    let result = async {
        let resp = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|e| failed(e, false))?;
        let headers = resp.dyn_ref::<Response>().map(Response::headers);
        let header = |name: &str| headers.as_ref().and_then(|h| h.get(name).ok().flatten());
        let (etag, last_modified) = (header("ETag"), header("Last-Modified"));
        if resp
            .dyn_ref::<Response>()
            .is_some_and(|r| r.status() == 304)
        {
            return Ok((Answer::Unchanged, etag, last_modified));
        }
        let body = answer_body(url, resp)?;
        let buf = JsFuture::from(body).await.map_err(|e| failed(e, true))?;
        Ok((Answer::Bytes(buf), etag, last_modified))
    }
    .await;
    if let Some(id) = timer {
        clear_timeout(id);
    }
    drop(on_timeout);
    result
}

/// Listens on a `BroadcastChannel` for data pushed by another page of the
/// same origin (a control page): a message is CSV or JSON text, bytes, an
/// export object, or `{ type: "kyoto:update", data }`.
pub struct Channel {
    channel: BroadcastChannel,
    name: String,
    _listener: Listener,
}

impl Channel {
    /// Joins the channel `name`; each message goes to `target`.
    pub fn join<W: LiveTarget + 'static>(name: &str, target: Weak<RefCell<W>>) -> Option<Channel> {
        let channel = BroadcastChannel::new(name).ok()?;
        let listener = Listener::new(channel.as_ref(), "message", move |e: Event| {
            let Some(e) = e.dyn_ref::<MessageEvent>() else {
                return;
            };
            let mut data = e.data();
            if data.is_object() {
                let kind = js_sys::Reflect::get(&data, &"type".into()).ok();
                if kind.and_then(|k| k.as_string()).as_deref() == Some("kyoto:update") {
                    data = js_sys::Reflect::get(&data, &"data".into()).unwrap_or(JsValue::NULL);
                }
            }
            push_data(data, target.clone(), Origin::Push);
        });
        Some(Channel {
            channel,
            name: name.to_string(),
            _listener: listener,
        })
    }

    /// The channel's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.close();
    }
}

/// Hands data pushed by the page (`update()`, a channel's message) to
/// `target`: at once, or once the workbook module has read it.
pub fn push_data<W: LiveTarget + 'static>(data: JsValue, target: Weak<RefCell<W>>, origin: Origin) {
    if W::Data::is_workbook(&data) {
        super::fault::spawn(async move {
            let result = read_data::<W::Data>(data.clone(), "data").await;
            deliver(&target, result, origin, Some(&data));
        });
    } else {
        deliver(&target, W::Data::read(&data, "data"), origin, Some(&data));
    }
}

/// Shows new data, or why it could not be used, in `target` (if it is still
/// there); `given` is the data as given, for the module that reads it when
/// this one cannot ([`LiveTarget::handed_over`]).
fn deliver<W: LiveTarget>(
    target: &Weak<RefCell<W>>,
    result: Result<W::Data, String>,
    origin: Origin,
    given: Option<&JsValue>,
) {
    enter(target, |w| match result {
        Ok(data) => w.live_data(Rc::new(data), origin),
        Err(message) => w.live_failed(&message, origin, given),
    });
}

/// Opens the files the user dropped or picked at once in `target`: one
/// file by [`read_file`]; several together when the widget's data reads
/// several ([`Feed::SEVERAL`]: the progress tables, one file a table),
/// otherwise a message that says to give one. Nothing leaves the browser.
fn open_files<W: LiveTarget + 'static>(mut files: Vec<web_sys::File>, target: Weak<RefCell<W>>) {
    if W::Data::SEVERAL && files.len() > 1 {
        read_files(files, target);
    } else if files.len() > 1 {
        deliver::<W>(&target, Err(one_at_a_time(files.len())), Origin::File, None);
    } else if let Some(file) = files.pop() {
        read_file(file, target);
    }
}

/// Reads a file the user dropped or picked and hands it to `target`.
fn read_file<W: LiveTarget + 'static>(file: web_sys::File, target: Weak<RefCell<W>>) {
    let name = file.name();
    super::fault::spawn(async move {
        let (result, given) = match JsFuture::from(file.array_buffer()).await {
            Ok(buf) => (
                read_data::<W::Data>(buf.clone(), &name)
                    .await
                    .map_err(|e| format!("{name}: {e}")),
                Some(buf),
            ),
            Err(e) => (
                Err(format!("Could not read {name}: {}", js_message(&e))),
                None,
            ),
        };
        deliver(&target, result, Origin::File, given.as_ref());
    });
}

/// Reads several files given at once and hands them to `target` together.
/// (Apart from [`read_file`] so that the modules whose data is one export,
/// the chart's and the browser's, carry none of it: 1.1 KB gzipped on a
/// chart page, measured 2026-12-04.)
fn read_files<W: LiveTarget + 'static>(files: Vec<web_sys::File>, target: Weak<RefCell<W>>) {
    super::fault::spawn(async move {
        let mut given = Vec::with_capacity(files.len());
        let mut failed = None;
        for file in files {
            let name = file.name();
            match JsFuture::from(file.array_buffer()).await {
                Ok(buf) => given.push((buf, name)),
                Err(e) => {
                    failed = Some(format!("Could not read {name}: {}", js_message(&e)));
                    break;
                }
            }
        }
        let result = match failed {
            Some(message) => Err(message),
            None => read_given::<W::Data>(given).await,
        };
        deliver(&target, result, Origin::File, None);
    });
}

/// The files of a drop or of a file input.
fn all_files(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// Listeners that open a dropped file on `zone` and a picked file from
/// `input`; `zone` gets the class `kw-dragover` while a file is held over it.
pub fn file_listeners<W: LiveTarget + 'static>(
    zone: &Element,
    input: &web_sys::HtmlInputElement,
    target: &Rc<RefCell<W>>,
) -> Vec<Listener> {
    let mut out = Vec::new();
    let has_files = |e: &Event| {
        e.dyn_ref::<web_sys::DragEvent>()
            .and_then(|d| d.data_transfer())
            .map(|t| t.types().includes(&"Files".into(), 0))
            .unwrap_or(false)
    };
    for kind in ["dragenter", "dragover"] {
        let z = zone.clone();
        out.push(Listener::new(zone.as_ref(), kind, move |e: Event| {
            if has_files(&e) {
                e.prevent_default();
                let _ = z.class_list().add_1("kw-dragover");
            }
        }));
    }
    let z = zone.clone();
    out.push(Listener::new(
        zone.as_ref(),
        "dragleave",
        move |e: Event| {
            let inside = e
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(|d| d.related_target())
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|n| z.contains(Some(&n)));
            if !inside {
                let _ = z.class_list().remove_1("kw-dragover");
            }
        },
    ));
    let z = zone.clone();
    let weak = Rc::downgrade(target);
    out.push(Listener::new(zone.as_ref(), "drop", move |e: Event| {
        let _ = z.class_list().remove_1("kw-dragover");
        let files = all_files(
            e.dyn_ref::<web_sys::DragEvent>()
                .and_then(|d| d.data_transfer())
                .and_then(|t| t.files()),
        );
        if !files.is_empty() {
            e.prevent_default();
            open_files(files, weak.clone());
        }
    }));
    let weak = Rc::downgrade(target);
    let picker = input.clone();
    out.push(Listener::new(input.as_ref(), "change", move |_| {
        open_files(all_files(picker.files()), weak.clone());
        // The same file can be chosen again.
        picker.set_value("");
    }));
    out
}

/// "14:05" in the widget's language.
pub fn clock_time(tag: &str) -> String {
    clock_time_in(tag, 0.0)
}

/// The time `ms` milliseconds from now, as [`clock_time`] writes it.
fn clock_time_in(tag: &str, ms: f64) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"hour".into(), &"2-digit".into());
    let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
    js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + ms))
        .to_locale_time_string_with_options(tag, &options)
        .into()
}

/// A widget's live-data state: its poller, its push channel, and the quiet
/// "stale since hh:mm" badge (or, when no data of the source has loaded
/// yet, "no data yet · next try hh:mm").
pub struct LiveState<W: LiveTarget + 'static> {
    poller: Option<Poller<W>>,
    channel: Option<Channel>,
    /// When the data shown was last known to be current ("14:05").
    fresh_at: String,
    stale: bool,
    badge: Element,
}

impl<W: LiveTarget + 'static> LiveState<W> {
    /// The state of a widget whose badge is `badge` (hidden at first).
    pub fn new(badge: Element) -> LiveState<W> {
        LiveState {
            poller: None,
            channel: None,
            fresh_at: String::new(),
            stale: false,
            badge,
        }
    }

    /// Starts, changes or stops polling: `src` every `poll` seconds (the
    /// attribute's value). Returns what to announce, if anything.
    pub fn set_poll(
        &mut self,
        src: Option<&str>,
        poll: Option<&str>,
        target: &Weak<RefCell<W>>,
        catalog: &Catalog,
    ) -> Option<String> {
        let every = parse_poll(poll);
        let url = src.filter(|s| !s.trim().is_empty()).map(absolute);
        match (url, every) {
            (Some(url), Some(every)) => {
                if !self.poller.as_ref().is_some_and(|p| p.is(&url, every)) {
                    self.poller = Some(Poller::start(&url, every, target.clone()));
                }
                None
            }
            _ => {
                self.poller = None;
                self.set_stale(false, "", catalog, "")
            }
        }
    }

    /// Joins (or leaves) the `BroadcastChannel` named by the `channel` attribute.
    pub fn join_channel(&mut self, name: Option<&str>, target: &Weak<RefCell<W>>) {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if self.channel.as_ref().map(|c| c.name()) == name {
            return;
        }
        self.channel = name.and_then(|n| Channel::join(n, target.clone()));
    }

    /// The data shown is current as of now.
    pub fn mark_fresh(&mut self, lang_tag: &str) {
        self.fresh_at = clock_time(lang_tag);
    }

    /// Shows or hides the badge; returns what to announce on a change
    /// (going stale, or up to date again). Stale data is dated by when it
    /// was last known current; when no data of the source has loaded yet
    /// (its first load failed too) there is no such time, and the badge
    /// says so, with when the next request goes.
    pub fn set_stale(
        &mut self,
        stale: bool,
        message: &str,
        t: &Catalog,
        lang_tag: &str,
    ) -> Option<String> {
        let was = self.stale;
        self.stale = stale;
        if !stale {
            set_hidden(&self.badge, true);
            return was.then(|| t.text("live.recovered").to_string());
        }
        let (keys, time) = if self.fresh_at.is_empty() {
            let next = self.poller.as_ref().map_or(0.0, Poller::next_request_ms);
            let time = clock_time_in(lang_tag, next);
            (
                ["live.never", "live.never_detail", "live.never_announce"],
                time,
            )
        } else {
            let keys = ["live.stale", "live.stale_detail", "live.stale_announce"];
            (keys, self.fresh_at.clone())
        };
        let [badge, detail, announce] = keys;
        let time = Arg::Str(&time);
        self.badge
            .set_text_content(Some(&t.format(badge, &[("time", time)])));
        let detail = t.format(detail, &[("time", time)]);
        let _ = self
            .badge
            .set_attribute("title", &format!("{detail}\n{message}"));
        set_hidden(&self.badge, false);
        (!was).then(|| t.format(announce, &[("time", time)]))
    }

    /// Stops polling and leaves the channel.
    pub fn stop(&mut self) {
        self.poller = None;
        self.channel = None;
    }
}

/// The `kyoto:error` detail of a failed poll: `{ message, stale: true }`.
pub fn stale_detail(message: &str) -> JsValue {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    let _ = js_sys::Reflect::set(&detail, &"stale".into(), &true.into());
    detail.into()
}

/// The name of an origin in event details.
pub fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Poll => "poll",
        Origin::Push => "push",
        Origin::File => "file",
    }
}

/// The parts of [`LiveTarget`] that only hand over a field of the widget's
/// state, for a state with the usual fields: `host`, `generation`, `locale`,
/// `live`, `me`, `events`, and the data shown in the field named here.
/// `live_target_fields!(report)` in an `impl LiveTarget` writes `shown`,
/// `host`, `generation`, `locale`, `live`, `me` and `emit_event`.
macro_rules! live_target_fields {
    ($data:ident) => {
        fn shown(&self) -> &std::rc::Rc<Self::Data> {
            &self.$data
        }

        fn host(&self) -> &web_sys::Element {
            &self.host
        }

        fn generation(&mut self) -> &mut u64 {
            &mut self.generation
        }

        fn locale(&self) -> &$crate::web::locale::Locale {
            &self.locale
        }

        fn live(&mut self) -> &mut $crate::web::live::LiveState<Self> {
            &mut self.live
        }

        fn me(&self) -> std::rc::Weak<std::cell::RefCell<Self>> {
            self.me.clone()
        }

        fn emit_event(&self, name: &str, detail: &wasm_bindgen::JsValue) {
            self.events.fire(name, detail);
        }
    };
}
pub(crate) use live_target_fields;
