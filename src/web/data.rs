//! Loading data for a widget: the embedded sample, or an export fetched from a
//! URL and imported by `core`. Fetched bytes become an `ImportReport` here and
//! nothing JS-shaped goes deeper.

use crate::core::import::{import_bytes, ImportReport};
use crate::core::sample::sample;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// The embedded sample's report.
pub fn sample_report() -> ImportReport {
    sample().clone()
}

/// Fetches `url` and imports it. The error says what went wrong and where.
pub async fn fetch_report(url: &str) -> Result<ImportReport, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("Could not fetch {url}: {}", js_message(&e)))?;
    let resp: Response = resp
        .dyn_into()
        .map_err(|_| format!("Could not fetch {url}: not a response"))?;
    if !resp.ok() {
        return Err(format!(
            "Could not load {url}: the server answered HTTP {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let buf = resp
        .array_buffer()
        .map_err(|e| format!("Could not read {url}: {}", js_message(&e)))?;
    let buf = JsFuture::from(buf)
        .await
        .map_err(|e| format!("Could not read {url}: {}", js_message(&e)))?;
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    import_bytes(&bytes).map_err(|e| format!("{url}: {e}"))
}

/// The message of a JS error value.
pub fn js_message(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
