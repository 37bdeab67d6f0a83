//! Loading data for a widget: the embedded sample, an export fetched from a
//! URL, or data handed over by the page (`handle.update(data)`), imported by
//! `core`. Fetched bytes and JS values become an `ImportReport` here and
//! nothing JS-shaped goes deeper.
//!
//! Several widgets on one page with the same `src` share one fetch and one
//! parse: the first asks, the others wait on the same promise, and the first to
//! finish parses and keeps the report for the rest. The loader (kyoto.js)
//! hands each module its fetch ([`set_loader`]), which shares one download
//! of a URL between the modules of a page and starts it before any module
//! has loaded; and the package's address, where the sample is fetched from
//! when a widget has no `src` (it is not built in).

use crate::core::import::ImportReport;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// A loaded dataset, shared between the widgets that show it.
pub type SharedReport = Rc<ImportReport>;

enum Entry {
    /// The fetch is under way: the promise resolves to an ArrayBuffer or rejects with a message.
    Pending(js_sys::Promise),
    /// Fetched and parsed.
    Ready(Result<SharedReport, String>),
}

thread_local! {
    static CACHE: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
    /// The loader's fetch (URL → promise of an ArrayBuffer) and the
    /// package's address, set by kyoto.js.
    static LOADER: RefCell<Option<(js_sys::Function, String)>> = const { RefCell::new(None) };
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

/// Sets the fetch every download of this module goes through and the
/// package's address (kyoto.js calls it once per instance).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = setLoader)]
pub fn set_loader(fetch: js_sys::Function, base: String) {
    LOADER.with(|l| *l.borrow_mut() = Some((fetch, base)));
}

/// The sample's URL: `sample-activities.json` beside kyoto.js, or beside the
/// page when the module is used without the loader.
pub fn sample_url() -> String {
    let base = LOADER.with(|l| l.borrow().as_ref().map(|(_, b)| b.clone()));
    format!("{}sample-activities.json", base.unwrap_or_default())
}

/// Whether a widget shows nothing of its own yet: it has a `src` (or its
/// `data-` twin) and nothing from it has loaded.
pub fn shows_stand_in(report: &SharedReport, host: &web_sys::Element) -> bool {
    Rc::ptr_eq(report, &empty_report())
        && (host.has_attribute("src") || host.has_attribute("data-src"))
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

/// Loads `url` (resolved against the page), sharing the fetch and the parse
/// with every other widget that loads the same URL.
pub async fn load_shared(url: &str) -> Result<SharedReport, String> {
    let key = absolute(url);
    let promise = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        match c.get(&key) {
            Some(Entry::Ready(r)) => Err(r.clone()),
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
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(Entry::Ready(r)) = c.get(&key) {
            return r.clone();
        }
        let result = match fetched {
            Ok(buf) => {
                PARSES.with(|p| *p.borrow_mut() += 1);
                // Read in blocks, not copied in whole (see `source`).
                let hash = super::source::content_hash(&buf);
                HASHES.with(|h| h.borrow_mut().insert(key.clone(), hash));
                super::source::import_buffer(&buf)
                    .map(Rc::new)
                    .map_err(|e| format!("{url}: {e}"))
            }
            Err(e) => Err(js_message(&e)),
        };
        c.insert(key, Entry::Ready(result.clone()));
        result
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
            .map(|(fetch, _)| fetch.call1(&JsValue::NULL, &JsValue::from_str(url)))
    });
    match shared {
        Some(Ok(p)) => return js_sys::Promise::resolve(&p),
        Some(Err(e)) => return js_sys::Promise::reject(&e),
        None => {}
    }
    let url = url.to_string();
    wasm_bindgen_futures::future_to_promise(async move {
        let fail = |m: String| JsValue::from_str(&m);
        let window = web_sys::window().ok_or_else(|| fail("no window".into()))?;
        let resp = JsFuture::from(window.fetch_with_str(&url))
            .await
            .map_err(|e| fail(format!("Could not fetch {url}: {}", js_message(&e))))?;
        let resp: Response = resp
            .dyn_into()
            .map_err(|_| fail(format!("Could not fetch {url}: not a response")))?;
        if !resp.ok() {
            return Err(fail(format!(
                "Could not load {url}: the server answered HTTP {} {}",
                resp.status(),
                resp.status_text()
            )));
        }
        let buf = resp
            .array_buffer()
            .map_err(|e| fail(format!("Could not read {url}: {}", js_message(&e))))?;
        JsFuture::from(buf)
            .await
            .map_err(|e| fail(format!("Could not read {url}: {}", js_message(&e))))
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
