//! The widgets' events (`kyoto:loaded`, `kyoto:updated`, `kyoto:select`,
//! `kyoto:error`, `kyoto:export`), dispatched after the widget has released
//! its own state.
//!
//! A widget keeps its state in a `RefCell` and borrows it for the whole of
//! an entry point: a handle method, a DOM listener, a timer, the end of a
//! fetch, a poll or a message. A page's listener may call the widget back
//! (`detail()`, `update()`, `destroy()`, set an attribute); dispatched from
//! inside that borrow it would find the state taken. So a widget never
//! dispatches while it holds its state: [`Emitter::fire`] queues the event,
//! and every entry point opens a [`Batch`] before it borrows the widget.
//! When the outermost batch ends, after the borrow is released, the queued
//! events are dispatched synchronously, in the order they were fired (those
//! of every widget on the page in one queue). A listener therefore sees the
//! widget as the whole operation left it, and may call any of its methods;
//! events its calls fire are dispatched before the call returns.
//!
//! An entry point nested in another one (a widget's DOM change that makes the
//! browser dispatch to another widget's listener at once) adds its events to
//! the queue; the outer one dispatches them. After `destroy()` the widget's
//! events still queued are dropped, and it fires no more.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

thread_local! {
    static QUEUE: RefCell<VecDeque<Queued>> = const { RefCell::new(VecDeque::new()) };
    /// Batches open now (entry points on the stack).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

struct Queued {
    host: HtmlElement,
    open: Rc<Cell<bool>>,
    event: CustomEvent,
}

/// Where a widget's events go: its host element, until it is closed.
#[derive(Clone)]
pub struct Emitter {
    host: HtmlElement,
    open: Rc<Cell<bool>>,
}

impl Emitter {
    /// The events of the widget on `host`.
    pub fn new(host: &HtmlElement) -> Emitter {
        Emitter {
            host: host.clone(),
            open: Rc::new(Cell::new(true)),
        }
    }

    /// Queues `name` with `detail` (bubbling, composed), to be dispatched from
    /// the host when the entry point under way ends.
    pub fn fire(&self, name: &str, detail: &JsValue) {
        if !self.open.get() {
            return;
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) else {
            return;
        };
        QUEUE.with(|q| {
            if let Ok(mut q) = q.try_borrow_mut() {
                q.push_back(Queued {
                    host: self.host.clone(),
                    open: self.open.clone(),
                    event,
                });
            }
        });
        if DEPTH.with(Cell::get) == 0 {
            // Fired outside any entry point (none of the widgets' own code
            // does): the caller may hold state, so not now but in a microtask.
            wasm_bindgen_futures::spawn_local(async { flush() });
        }
    }

    /// The widget is destroyed: its queued events are dropped and it fires
    /// no more.
    pub fn close(&self) {
        self.open.set(false);
    }
}

/// An entry point under way; see the module's documentation. Open it before
/// borrowing the widget, so that it ends after the borrow does, and never
/// hold it across an `.await` (nothing would be dispatched meanwhile).
#[must_use = "a batch dispatches its events when it is dropped"]
pub struct Batch(());

/// Opens a batch: events fired until it ends are dispatched then.
pub fn batch() -> Batch {
    DEPTH.with(|d| d.set(d.get().saturating_add(1)));
    Batch(())
}

/// Runs `f` on the widget behind `weak` as one entry point (a listener, a
/// timer, the end of a fetch, a poll or a message): a batch is opened, then
/// the widget borrowed; the events `f` fires are dispatched once it has
/// returned and the widget is released. Nothing runs, and `None` comes back,
/// when the widget is gone or already in use: a re-entrant call, such as an
/// event the browser dispatches at once for a DOM change the widget makes.
pub fn enter<W, T>(weak: &Weak<RefCell<W>>, f: impl FnOnce(&mut W) -> T) -> Option<T> {
    let widget = weak.upgrade()?;
    let _events = batch();
    let mut w = widget.try_borrow_mut().ok()?;
    Some(f(&mut w))
}

impl Drop for Batch {
    fn drop(&mut self) {
        let depth = DEPTH.with(|d| {
            let n = d.get().saturating_sub(1);
            d.set(n);
            n
        });
        if depth == 0 {
            flush();
        }
    }
}

/// Dispatches the queued events, oldest first, while no entry point is
/// under way. A listener's calls into a widget open their own batch, which
/// dispatches what they fired (and anything still queued) before they return.
fn flush() {
    loop {
        if DEPTH.with(Cell::get) != 0 || super::fault::stopped() {
            return;
        }
        let next = QUEUE.with(|q| q.try_borrow_mut().ok().and_then(|mut q| q.pop_front()));
        let Some(queued) = next else { return };
        if queued.open.get() {
            let _ = queued.host.dispatch_event(&queued.event);
        }
    }
}
