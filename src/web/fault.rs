//! What happens when the code panics after all. Input paths do not panic
//! (clippy's `unwrap_used`, `expect_used` and `indexing_slicing` are denied),
//! but a bug may; then the panic hook logs the message and hands it to the
//! loader's callback (`onPanic`), which marks every widget of this instance
//! failed (`kyoto:error` with `panic: true`, a visible message with a
//! Restart button) and can re-create the instance (`recover()` in kyoto.js).
//! A WebAssembly instance that panicked is not used again: the panic aborts
//! mid-call, so state it was changing (a widget's `RefCell`) may stay borrowed.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use wasm_bindgen::prelude::*;

thread_local! {
    static ON_PANIC: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

/// Whether this instance has panicked. Then listeners do nothing and no new
/// timer starts, so an abandoned instance goes quiet instead of panicking
/// again on the state it left borrowed.
pub fn stopped() -> bool {
    STOPPED.with(Cell::get)
}

/// Installs the panic hook (once, at start).
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        STOPPED.with(|s| s.set(true));
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!("kyoto-widgets: {message}")));
        ON_PANIC.with(|cell| {
            if let Ok(callback) = cell.try_borrow() {
                if let Some(f) = callback.as_ref() {
                    let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&message));
                }
            }
        });
    }));
}

/// Sets the function the panic hook calls with the panic's message (the
/// loader kyoto.js sets it; a page using the glue directly may too).
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(callback: js_sys::Function) {
    ON_PANIC.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(callback);
        }
    });
}

/// For tests of the failure path only: the next chart redraw panics, inside
/// the widget's event handling, as a bug would.
#[wasm_bindgen(js_name = panicForTesting)]
pub fn panic_for_testing() {
    ARMED.with(|a| a.set(true));
}

/// Panics when `panicForTesting()` armed it (called where a chart redraws).
pub fn trip() {
    if ARMED.with(|a| a.replace(false)) {
        panic!("panicForTesting(): a deliberate panic in a chart redraw");
    }
}

/// `spawn_local` for the widgets' futures: a future whose instance has
/// panicked is dropped at its next wake-up instead of running on.
pub fn spawn(future: impl Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(Guarded(Box::pin(future)));
}

struct Guarded(Pin<Box<dyn Future<Output = ()>>>);

impl Future for Guarded {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if stopped() {
            return Poll::Ready(());
        }
        self.0.as_mut().poll(cx)
    }
}
