//! Event listeners owned by a value: added on creation, removed on drop.
//!
//! Every listener a widget makes is one of these, held by the widget's handle,
//! so `destroy()` (dropping the handle's state) removes all of them.

use super::events::enter;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// A DOM event listener that is removed when dropped.
///
/// Its closure is a `Fn`, which JS may call again while it runs: a handler
/// may make the browser dispatch an event to the same listener at once (a
/// click on the widget's file input, inside the root whose click listener
/// asked for it), and a `FnMut` closure would throw "closure invoked
/// recursively" then. The widget's state is guarded by
/// [`super::events::enter`] instead, which drops such a nested call.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn Fn(Event)>,
}

impl Listener {
    /// Adds `f` as a listener for `kind` events on `target`.
    pub fn new(target: &EventTarget, kind: &'static str, f: impl Fn(Event) + 'static) -> Listener {
        let closure = Closure::<dyn Fn(Event)>::new(move |e: Event| {
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

impl Listener {
    /// Adds `f` as a listener for `kind` events on `target` that runs on
    /// `widget` as one entry point ([`super::events::enter`]): not at all
    /// once the widget is gone, nor for an event the browser dispatches at
    /// once for a DOM change the widget itself is making.
    pub fn on<W: 'static>(
        widget: &Rc<RefCell<W>>,
        target: &EventTarget,
        kind: &'static str,
        f: impl Fn(&mut W, Event) + 'static,
    ) -> Listener {
        let weak = Rc::downgrade(widget);
        Listener::new(target, kind, move |e: Event| {
            enter(&weak, |w| f(w, e));
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// A `ResizeObserver` owned by a widget: `on_resize` runs on the widget
/// whenever one of the observed elements changes size, as one entry point
/// (its events dispatched once the widget is released) and never after its
/// instance panicked. Disconnected when dropped.
pub struct SizeWatch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl SizeWatch {
    /// Watches `elements` for `widget`.
    pub fn new<W: 'static>(
        widget: &Rc<RefCell<W>>,
        elements: &[&web_sys::Element],
        on_resize: impl Fn(&mut W) + 'static,
    ) -> Option<SizeWatch> {
        let weak = Rc::downgrade(widget);
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            if super::fault::stopped() {
                return; // this instance panicked
            }
            enter(&weak, &on_resize);
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        for e in elements {
            observer.observe(e);
        }
        Some(SizeWatch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for SizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
