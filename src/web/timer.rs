//! Timers: `setTimeout` and `clearTimeout` of the page, looked up when
//! called, with the timer id kept as the number JS returns (`web-sys` reads it
//! as an `i32`, which a page's own timer implementation, such as a test
//! clock, may exceed, so that a cancelled timer would still fire).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout_js(f: &js_sys::Function, ms: f64) -> Result<f64, wasm_bindgen::JsValue>;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout_js(id: f64);
}

/// Calls `f` after `ms` milliseconds; the id, if the page gave one.
pub fn set_timeout(f: &Closure<dyn FnMut()>, ms: f64) -> Option<f64> {
    set_timeout_fn(f.as_ref().unchecked_ref(), ms)
}

/// Calls the JS function `f` after `ms` milliseconds.
pub fn set_timeout_fn(f: &js_sys::Function, ms: f64) -> Option<f64> {
    if super::fault::stopped() {
        return None; // this instance panicked: no new work
    }
    set_timeout_js(f, ms.clamp(0.0, 2_147_483_647.0)).ok()
}

/// Cancels a timer.
pub fn clear_timeout(id: f64) {
    clear_timeout_js(id);
}

/// A `setTimeout` owned by a value: cleared when dropped or replaced.
pub struct Timeout {
    id: Option<f64>,
    _closure: Closure<dyn FnMut()>,
}

impl Timeout {
    /// Runs `f` once after `ms` milliseconds.
    pub fn new(ms: f64, f: impl FnMut() + 'static) -> Option<Timeout> {
        let closure = Closure::<dyn FnMut()>::new(f);
        let id = set_timeout(&closure, ms)?;
        Some(Timeout {
            id: Some(id),
            _closure: closure,
        })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            clear_timeout(id);
        }
    }
}
