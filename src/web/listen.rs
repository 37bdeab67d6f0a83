//! Event listeners owned by a value: added on creation, removed on drop.
//!
//! Every listener a widget makes is one of these, held by the widget's handle,
//! so `destroy()` (dropping the handle's state) removes all of them.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// A DOM event listener that is removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Adds `f` as a listener for `kind` events on `target`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        mut f: impl FnMut(Event) + 'static,
    ) -> Listener {
        let closure = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            if !super::fault::stopped() {
                f(e);
            }
        });
        // Adding a listener only fails for a non-callable, which a Closure is not.
        let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            kind,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}
