//! A polite live region that is not flooded: an announcement within
//! [`GAP_MS`] of the previous one waits for the rest of that gap, and a newer
//! one replaces it meanwhile, so holding an arrow key or a burst of updates
//! ends in one announcement of where things stand.

use super::timer::{clear_timeout, set_timeout};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use web_sys::Element;

/// The least time between two announcements.
pub const GAP_MS: f64 = 600.0;

struct State {
    region: Element,
    last: f64,
    pending: Option<String>,
    timer: Option<f64>,
}

/// The live region of a widget. Dropping it cancels a waiting announcement.
pub struct Announcer {
    state: Rc<RefCell<State>>,
    flush: Closure<dyn FnMut()>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn write(s: &mut State, message: &str) {
    // The same message twice is still announced: alternate a trailing
    // no-break space so that the text changes.
    let current = s.region.text_content().unwrap_or_default();
    let message = if current == message {
        format!("{message}\u{a0}")
    } else {
        message.to_string()
    };
    s.region.set_text_content(Some(&message));
    s.last = now();
}

impl Announcer {
    /// Announces through `region` (an element with `aria-live="polite"`).
    pub fn new(region: Element) -> Announcer {
        let state = Rc::new(RefCell::new(State {
            region,
            last: f64::NEG_INFINITY,
            pending: None,
            timer: None,
        }));
        let weak = Rc::downgrade(&state);
        let flush = Closure::<dyn FnMut()>::new(move || {
            if super::fault::stopped() {
                return; // this instance panicked
            }
            if let Some(s) = weak.upgrade() {
                if let Ok(mut s) = s.try_borrow_mut() {
                    s.timer = None;
                    if let Some(m) = s.pending.take() {
                        write(&mut s, &m);
                    }
                }
            }
        });
        Announcer { state, flush }
    }

    /// Says `message` now, or as soon as the gap after the last one is over.
    pub fn say(&self, message: &str) {
        let Ok(mut s) = self.state.try_borrow_mut() else {
            return;
        };
        let wait = s.last + GAP_MS - now();
        if wait <= 0.0 && s.timer.is_none() {
            write(&mut s, message);
            return;
        }
        s.pending = Some(message.to_string());
        if s.timer.is_none() {
            s.timer = set_timeout(&self.flush, wait.max(0.0));
        }
    }
}

impl Drop for Announcer {
    fn drop(&mut self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            if let Some(id) = s.timer.take() {
                clear_timeout(id);
            }
        }
    }
}
