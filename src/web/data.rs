//! Loading data for a widget: the sample, an export fetched from a URL, or
//! data handed over by the page (`handle.update(data)`), read by `core`.
//! What a widget shows is a [`Feed`]: the activities' `ImportReport` (the
//! chart, the browser) or the indicators and reporting tables
//! (`core::progress::ProgressImport`, see `web::progress`). Fetched bytes and
//! JS values become one of those here and nothing JS-shaped goes deeper.
//!
//! A workbook (.xlsx, .ods) is read by a module of its own, which the loader
//! fetches only when a page gives one ([`read_data`]): its sheets come back
//! as text that the widget's module reads like any other input.
//!
//! Several widgets on one page with the same `src` share one fetch and one
//! parse: the first asks, the others wait on the same promise, and the first to
//! finish parses and keeps the report for the rest. The loader (kyoto.js)
//! hands each module its fetch ([`set_loader`]), which shares one download
//! of a URL between the modules of a page and starts it before any module
//! has loaded; and the package's address, where the sample is fetched from
//! when a widget has no `src` (it is not built in).

use super::locale::Locale;
use super::widget::{describe_changes, report_detail};
use crate::core::i18n::{Arg, Catalog, Lang};
use crate::core::import::ImportReport;
use std::any::Any;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// A loaded set of activities, shared between the widgets that show it.
pub type SharedReport = Rc<ImportReport>;

/// The kind of data a widget shows, as loading and live data handle it:
/// how it is read from what a page gives, what a widget shows before it,
/// what its events say and what changed from one version to the next.
pub trait Feed: Sized + 'static {
    /// The file beside kyoto.js that a widget without `src` shows.
    const SAMPLE: &'static str;

    /// Reads data given by the page or fetched: a JS string, bytes
    /// (`ArrayBuffer`, `Uint8Array`) or a JSON-shaped object. `name` names it
    /// in messages and may tell what it holds (a URL, a file's name).
    fn read(data: &JsValue, name: &str) -> Result<Self, String>;

    /// Whether `data` is a workbook, which the workbook module turns into
    /// text first (see [`read_data`]).
    fn is_workbook(_data: &JsValue) -> bool {
        false
    }

    /// Whether several files given at once (dropped or picked together) are
    /// read together by [`Feed::read_several`]; otherwise the widget shows
    /// one file and says so when given more (see [`one_at_a_time`]).
    const SEVERAL: bool = false;

    /// Reads several files given at once, each `(data, name)` as
    /// [`Feed::read`] takes it, workbooks already turned into text (only
    /// called when [`Feed::SEVERAL`]).
    fn read_several(files: &[(JsValue, String)]) -> Result<Self, String> {
        Err(one_at_a_time(files.len()))
    }

    /// What a widget shows before its first data: one value per kind and
    /// page, so that a widget tells it apart by pointer.
    fn empty() -> Rc<Self>;

    /// The detail of `kyoto:loaded` and `kyoto:updated`: counts and the
    /// problems of the validation.
    fn detail(&self) -> JsValue;

    /// What changed from `old` to `new`.
    fn changes(old: &Self, new: &Self, locale: &Locale) -> Changes;
}

/// What changed between two versions of a widget's data.
pub struct Changes {
    /// Whether anything did (a poll that brings the same data changes nothing).
    pub any: bool,
    /// The paragraphs whose data changed, to highlight.
    pub paragraphs: BTreeSet<u8>,
    /// The sentence that announces the change, if any.
    pub announcement: Option<String>,
}

impl Feed for ImportReport {
    const SAMPLE: &'static str = "sample-activities.json";

    fn read(data: &JsValue, _name: &str) -> Result<Self, String> {
        import_value(data)
    }

    fn empty() -> Rc<Self> {
        EMPTY.with(Rc::clone)
    }

    fn detail(&self) -> JsValue {
        report_detail(self)
    }

    fn changes(old: &Self, new: &Self, locale: &Locale) -> Changes {
        let (diff, announcement) = describe_changes(&old.dataset, &new.dataset, locale);
        Changes {
            any: !diff.is_empty(),
            paragraphs: diff.paragraphs,
            announcement,
        }
    }
}

enum Entry {
    /// The fetch is under way: the promise resolves to an ArrayBuffer or
    /// rejects with what went wrong ([`Failure::of_js`]).
    Pending(js_sys::Promise),
    /// Fetched and read (as the [`Feed`] of the widgets that asked).
    Ready(Result<Rc<dyn Any>, Failure>),
}

/// The loader's functions, set by kyoto.js.
struct Loader {
    /// URL → promise of an ArrayBuffer, one download per URL for the page.
    fetch: js_sys::Function,
    /// The package's address.
    base: String,
    /// A workbook's bytes → promise of its sheets as text (the workbook
    /// module, loaded on first use).
    workbook: Option<js_sys::Function>,
    /// (host element, data or `undefined`, its origin) → whether the loader
    /// takes the widget to the module that reads both formats (see
    /// [`hand_over`]).
    hand_over: Option<js_sys::Function>,
}

thread_local! {
    static CACHE: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
    static LOADER: RefCell<Option<Loader>> = const { RefCell::new(None) };
    static EMPTY: SharedReport = Rc::new(ImportReport {
        dataset: Default::default(),
        problems: Vec::new(),
        rows_read: 0,
    });
    static FETCHES: RefCell<u32> = const { RefCell::new(0) };
    static PARSES: RefCell<u32> = const { RefCell::new(0) };
    /// The hash of the bytes each URL gave when loaded (see [`loaded_hash`]).
    static HASHES: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
}

/// The hash of the bytes `url` (absolute) gave when this page loaded it, so
/// that a poller knows the same bytes when it sees them again.
pub fn loaded_hash(url: &str) -> Option<u64> {
    HASHES.with(|h| h.borrow().get(url).copied())
}

/// Sets the fetch every download of this module goes through, the
/// package's address, the workbook reader, and where a widget goes when its
/// data is in a format this module has no reader for (kyoto.js calls it once
/// per instance).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = setLoader)]
pub fn set_loader(
    fetch: js_sys::Function,
    base: String,
    workbook: Option<js_sys::Function>,
    hand_over: Option<js_sys::Function>,
) {
    LOADER.with(|l| {
        *l.borrow_mut() = Some(Loader {
            fetch,
            base,
            workbook,
            hand_over,
        })
    });
}

/// Whether `message` (an import's, perhaps with where the data came from
/// before it) says the data is in a format this module was built without a
/// reader for (`core::import`: the modules kyoto.js picks by a `src`'s
/// extension read one format).
pub fn not_built(message: &str) -> bool {
    message.contains(crate::core::import::NOT_BUILT)
}

/// Asks the loader to make the widget of `host` again in the module that
/// reads both formats, with `given` (data pushed or dropped, and its origin
/// as `kyoto:updated` names it: "push", "file") or, without, from its
/// attributes (it loads its `src` there). False when no loader takes it (the
/// module used without kyoto.js): the widget then says why.
pub fn hand_over(host: &web_sys::Element, given: Option<(&JsValue, &str)>) -> bool {
    let hook = LOADER.with(|l| l.borrow().as_ref().and_then(|l| l.hand_over.clone()));
    let Some(hook) = hook else {
        return false;
    };
    let (data, origin) = match given {
        Some((data, origin)) => (data.clone(), JsValue::from_str(origin)),
        None => (JsValue::UNDEFINED, JsValue::UNDEFINED),
    };
    hook.call3(&JsValue::NULL, host, &data, &origin)
        .map(|taken| taken.is_truthy())
        .unwrap_or(false)
}

/// The sample's URL: `D::SAMPLE` beside kyoto.js, or beside the page when
/// the module is used without the loader.
pub fn sample_url<D: Feed>() -> String {
    let base = LOADER.with(|l| l.borrow().as_ref().map(|l| l.base.clone()));
    format!("{}{}", base.unwrap_or_default(), D::SAMPLE)
}

/// Whether a widget shows nothing of its own yet: it has a `src` (or its
/// `data-` twin) and nothing from it has loaded.
pub fn shows_stand_in<D: Feed>(shown: &Rc<D>, host: &web_sys::Element) -> bool {
    Rc::ptr_eq(shown, &D::empty()) && (host.has_attribute("src") || host.has_attribute("data-src"))
}

/// Reads data given by the page, fetched, polled or dropped as `D`: a
/// workbook goes through the workbook module first (loaded by kyoto.js on
/// first use), everything else is read at once.
pub async fn read_data<D: Feed>(data: JsValue, name: &str) -> Result<D, String> {
    D::read(&as_readable::<D>(data).await?, name)
}

/// Reads files given at once, `(data, name)`, by [`Feed::read_several`],
/// each workbook among them turned into text by the workbook module first.
pub async fn read_given<D: Feed>(files: Vec<(JsValue, String)>) -> Result<D, String> {
    let mut given = Vec::with_capacity(files.len());
    for (data, name) in files {
        let data = as_readable::<D>(data)
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        given.push((data, name));
    }
    D::read_several(&given)
}

/// `data` as [`Feed::read`] takes it: a workbook as its sheets' text, from
/// the workbook module kyoto.js loads; anything else as it is.
async fn as_readable<D: Feed>(data: JsValue) -> Result<JsValue, String> {
    if !D::is_workbook(&data) {
        return Ok(data);
    }
    let reader = LOADER.with(|l| l.borrow().as_ref().and_then(|l| l.workbook.clone()));
    let Some(reader) = reader else {
        return Err("a workbook (.xlsx or .ods), and this page has no workbook reader: load the widgets with kyoto.js, or give CSV or JSON".into());
    };
    let sheets = reader
        .call1(&JsValue::NULL, &data)
        .map(|p| js_sys::Promise::resolve(&p))
        .map_err(|e| js_message(&e))?;
    JsFuture::from(sheets)
        .await
        .map_err(|e| format!("the workbook reader failed: {}", js_message(&e)))
}

/// What a widget that shows one export says when given `n` files at once.
pub fn one_at_a_time(n: usize) -> String {
    format!("{n} files were given at once, and this widget shows one export: give one file")
}

/// A report with no activity: what a widget shows while its first data
/// loads, and when its first `src` failed (never the sample, which is not
/// the page's data).
pub fn empty_report() -> SharedReport {
    EMPTY.with(Rc::clone)
}

/// How many fetches and parses of `src` URLs this page has made, as
/// `[fetches, parses]` (widgets with the same `src` share both).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = loadCounts)]
pub fn load_counts() -> Vec<u32> {
    vec![FETCHES.with(|f| *f.borrow()), PARSES.with(|p| *p.borrow())]
}

/// Why a download failed, put in words in the language of each widget that
/// shows it ([`Failure::text`]): widgets of several languages may share one
/// download. What went wrong after the download (reading the data) is
/// already in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The request failed (`error.fetch`), for the browser's `reason`.
    Fetch { url: String, reason: String },
    /// No answer within `seconds` (`error.fetch` with `error.no_answer`).
    NoAnswer { url: String, seconds: String },
    /// The server answered with an error status (`error.http`).
    Http {
        url: String,
        status: u16,
        status_text: String,
    },
    /// The answer was no response (`error.not_a_response`).
    NotAResponse { url: String },
    /// The answer's body could not be read (`error.read`).
    Read { url: String, reason: String },
    /// Anything else, in words already.
    Said(String),
}

impl Failure {
    /// The failure in the language of `t`.
    pub fn text(&self, t: &Catalog) -> String {
        match self {
            Failure::Fetch { url, reason } => t.format(
                "error.fetch",
                &[("url", Arg::Str(url)), ("reason", Arg::Str(reason))],
            ),
            Failure::NoAnswer { url, seconds } => {
                let reason = t.format("error.no_answer", &[("seconds", Arg::Str(seconds))]);
                t.format(
                    "error.fetch",
                    &[("url", Arg::Str(url)), ("reason", Arg::Str(&reason))],
                )
            }
            Failure::Http {
                url,
                status,
                status_text,
            } => {
                let status = status.to_string();
                let args = [
                    ("url", Arg::Str(url)),
                    ("status", Arg::Str(&status)),
                    ("status_text", Arg::Str(status_text)),
                ];
                t.format("error.http", &args).trim_end().to_string()
            }
            Failure::NotAResponse { url } => {
                t.format("error.not_a_response", &[("url", Arg::Str(url))])
            }
            Failure::Read { url, reason } => t.format(
                "error.read",
                &[("url", Arg::Str(url)), ("reason", Arg::Str(reason))],
            ),
            Failure::Said(text) => text.clone(),
        }
    }

    /// A failed download as the loader (kyoto.js) or [`fetch_bytes`]
    /// rejects it: an `Error` whose `kyoto` field is `[kind, url, detail…]`
    /// (`fetch` with the reason, `http` with the status and its text,
    /// `read` with the reason); any other value by its message.
    pub fn of_js(e: &JsValue) -> Failure {
        let field = js_sys::Reflect::get(e, &"kyoto".into()).unwrap_or(JsValue::UNDEFINED);
        let Some(parts) = field.dyn_ref::<js_sys::Array>() else {
            return Failure::Said(js_message(e));
        };
        let part = |i: u32| parts.get(i).as_string().unwrap_or_default();
        let url = part(1);
        match part(0).as_str() {
            "fetch" => Failure::Fetch {
                url,
                reason: part(2),
            },
            "http" => Failure::Http {
                url,
                status: parts.get(2).as_f64().map_or(0, |s| s as u16),
                status_text: part(3),
            },
            "read" => Failure::Read {
                url,
                reason: part(2),
            },
            _ => Failure::Said(js_message(e)),
        }
    }

    /// The failure as a JS `Error` that [`Failure::of_js`] reads back, its
    /// message in English (for the console).
    fn to_js(&self) -> JsValue {
        let error = js_sys::Error::new(&self.text(Catalog::get(Lang::En)));
        let parts: Vec<JsValue> = match self {
            Failure::Fetch { url, reason } | Failure::Read { url, reason } => {
                let kind = if matches!(self, Failure::Fetch { .. }) {
                    "fetch"
                } else {
                    "read"
                };
                vec![kind.into(), url.into(), reason.into()]
            }
            Failure::Http {
                url,
                status,
                status_text,
            } => vec![
                "http".into(),
                url.into(),
                (*status).into(),
                status_text.into(),
            ],
            _ => return error.into(),
        };
        let array: js_sys::Array = parts.into_iter().collect();
        let _ = js_sys::Reflect::set(&error, &"kyoto".into(), &array);
        error.into()
    }
}

/// The value cached for a URL as a `D`, failures in the language of `t`.
fn as_feed<D: Feed>(
    cached: &Result<Rc<dyn Any>, Failure>,
    url: &str,
    t: &Catalog,
) -> Result<Rc<D>, String> {
    match cached {
        Ok(any) => Rc::clone(any)
            .downcast::<D>()
            .map_err(|_| format!("{url} is shown by a widget of another kind on this page")),
        Err(e) => Err(e.text(t)),
    }
}

/// Loads `url` (resolved against the page), sharing the fetch and the parse
/// with every other widget that loads the same URL; a failure is said in
/// the language of `t`.
pub async fn load_shared<D: Feed>(url: &str, t: &Catalog) -> Result<Rc<D>, String> {
    let key = absolute(url);
    let promise = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        match c.get(&key) {
            Some(Entry::Ready(r)) => Err(as_feed::<D>(r, url, t)),
            Some(Entry::Pending(p)) => Ok(p.clone()),
            None => {
                let p = fetch_bytes(&key);
                c.insert(key.clone(), Entry::Pending(p.clone()));
                Ok(p)
            }
        }
    });
    let promise = match promise {
        Ok(p) => p,
        Err(ready) => return ready,
    };
    let fetched = JsFuture::from(promise).await;
    if let Some(ready) = ready::<D>(&key, url, t) {
        return ready;
    }
    let result: Result<Rc<dyn Any>, Failure> = match fetched {
        Ok(buf) => {
            // Hashed and read in blocks, not copied in whole (see `source`).
            let hash = super::source::content_hash(&buf);
            HASHES.with(|h| h.borrow_mut().insert(key.clone(), hash));
            let read = if D::is_workbook(&buf) {
                read_data::<D>(buf, url).await
            } else {
                D::read(&buf, url)
            };
            PARSES.with(|p| *p.borrow_mut() += 1);
            read.map(|d| Rc::new(d) as Rc<dyn Any>)
                .map_err(|e| Failure::Said(format!("{url}: {e}")))
        }
        Err(e) => Err(Failure::of_js(&e)),
    };
    // Another widget of the same URL may have read it while a workbook was
    // converted: the first result stays.
    if let Some(ready) = ready::<D>(&key, url, t) {
        return ready;
    }
    let out = as_feed::<D>(&result, url, t);
    CACHE.with(|c| c.borrow_mut().insert(key, Entry::Ready(result)));
    out
}

/// The result already read for `key`, if any.
fn ready<D: Feed>(key: &str, url: &str, t: &Catalog) -> Option<Result<Rc<D>, String>> {
    CACHE.with(|c| match c.borrow().get(key) {
        Some(Entry::Ready(r)) => Some(as_feed::<D>(r, url, t)),
        _ => None,
    })
}

/// `url` resolved against the page's base URL.
pub fn absolute(url: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base(url, &base).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string())
}

/// Starts a fetch; the promise resolves to the body's ArrayBuffer, or rejects
/// with a message that says what went wrong and where.
fn fetch_bytes(url: &str) -> js_sys::Promise {
    FETCHES.with(|f| *f.borrow_mut() += 1);
    let shared = LOADER.with(|l| {
        l.borrow()
            .as_ref()
            .map(|l| l.fetch.call1(&JsValue::NULL, &JsValue::from_str(url)))
    });
    match shared {
        Some(Ok(p)) => return js_sys::Promise::resolve(&p),
        Some(Err(e)) => return js_sys::Promise::reject(&e),
        None => {}
    }
    let url = url.to_string();
    wasm_bindgen_futures::future_to_promise(async move {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let fetched = JsFuture::from(window.fetch_with_str(&url)).await;
        let resp = fetched.map_err(|e| {
            let reason = js_message(&e);
            Failure::Fetch {
                url: url.clone(),
                reason,
            }
            .to_js()
        })?;
        let body = answer_body(&url, resp).map_err(|f| f.to_js())?;
        JsFuture::from(body).await.map_err(|e| {
            let reason = js_message(&e);
            Failure::Read {
                url: url.clone(),
                reason,
            }
            .to_js()
        })
    })
}

/// The body of `resp`, the answer to a request for `url`, as a promise of an
/// `ArrayBuffer`; why not, when the answer is no response or an error status.
pub fn answer_body(url: &str, resp: JsValue) -> Result<js_sys::Promise, Failure> {
    let url = || url.to_string();
    let resp: Response = resp
        .dyn_into()
        .map_err(|_| Failure::NotAResponse { url: url() })?;
    if !resp.ok() {
        let (status, status_text) = (resp.status(), resp.status_text());
        return Err(Failure::Http {
            url: url(),
            status,
            status_text,
        });
    }
    resp.array_buffer().map_err(|e| Failure::Read {
        url: url(),
        reason: js_message(&e),
    })
}

/// Imports data handed over by the page: a string (CSV or JSON text), bytes
/// (`Uint8Array` or `ArrayBuffer`), or a JSON-shaped object.
pub fn import_value(data: &JsValue) -> Result<ImportReport, String> {
    // Read in blocks, not copied in whole (see `source`).
    use super::source::{import_buffer, import_text};
    if let Some(s) = data.dyn_ref::<js_sys::JsString>() {
        import_text(s)
    } else if data.is_instance_of::<js_sys::Uint8Array>()
        || data.is_instance_of::<js_sys::ArrayBuffer>()
    {
        import_buffer(data)
    } else if data.is_object() {
        let text = js_sys::JSON::stringify(data)
            .map_err(|e| format!("The data could not be read as JSON: {}", js_message(&e)))?;
        // `undefined` for what JSON cannot write: read as nothing.
        let text = if text.is_string() {
            text
        } else {
            js_sys::JsString::from("")
        };
        import_text(&text)
    } else {
        Err("update() takes CSV or JSON text, bytes, or a JSON object".into())
    }
}

/// The message of a JS error value.
pub fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
