//! What every widget's JS class is: a handle on the mounted widget, with the
//! methods all widgets share (`update`, `render`, `attributeChanged`,
//! `detail`, `destroy`). A widget brings its own logic through [`Shell`] (on
//! top of [`LiveTarget`], which gives it live data) and a `mount` function;
//! [`widget_class!`] writes its exported class. A widget a page can put back
//! as its attributes describe it implements [`Reset`] too, and its class
//! gets `reset()` (`widget_class!(…, mount, reset)`). Its own methods (the
//! chart's `level()`, the browser's `setQuery()`) go in an `impl` block of
//! their own that uses [`Handle::read`] and [`Handle::with`].

use super::data::Feed;
use super::events::{batch, enter, Emitter};
use super::live::{load_src, push_data, LiveTarget, Origin};
use super::widget::host_attr;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// A widget's own part of the shared methods.
pub trait Shell: LiveTarget {
    /// Renders again for the element as it is now: its size, language and
    /// direction (`render()`).
    fn refresh(&mut self);
    /// Applies a changed attribute of the host element that is the widget's
    /// own: the shell handles `src`, `poll` and `channel`.
    fn attribute(&mut self, name: &str, value: Option<&str>);
    /// Stops the widget's timers and empties its shadow root (`destroy()`).
    fn teardown(&mut self);
    /// Checks its attributes again and shows a notice for each value it
    /// cannot read (`web::widget::AttributeNotes`): once mounted, after
    /// every change of an attribute and on `render()` (a new language).
    fn check_attributes(&mut self);
}

/// A widget that a page can put back as its attributes describe it
/// (`reset()`): what a reader chose since (a view, a level, a menu, a
/// sort, a filter, a table unfolded) is not in the attributes, so a page's
/// own controls (a presenter's slides, an editor's script) call it.
pub trait Reset: Shell {
    /// Back to what the attributes say, as if just mounted with the data
    /// shown.
    fn reset(&mut self);
}

/// A mounted widget and what must live as long as it: its listeners,
/// observers and closures (`_keep`), and what undoes them beyond dropping
/// (`on_destroy`, for example disconnecting an observer).
pub struct Mounted<W> {
    /// The widget's state.
    pub widget: Rc<RefCell<W>>,
    /// Its events, closed on `destroy()` so that queued ones are dropped.
    pub events: Emitter,
    /// Held, never read: dropped with the widget.
    pub _keep: Vec<Box<dyn Any>>,
    /// Run once on `destroy()`.
    pub on_destroy: Option<Box<dyn FnOnce()>>,
}

/// The handle a widget's JS class holds. In a cell so that `destroy()` takes
/// `&self`: a page's listener may destroy the widget while another of its
/// methods is under way (the one whose events it listens to).
pub struct Handle<W: Shell> {
    inner: RefCell<Option<Mounted<W>>>,
}

impl<W: Shell> Handle<W> {
    /// Mounts the widget on `element`, as its attributes describe it.
    pub fn new(element: HtmlElement, mount: fn(HtmlElement) -> Option<Mounted<W>>) -> Handle<W> {
        let _events = batch();
        let handle = Handle {
            inner: RefCell::new(mount(element)),
        };
        handle.with(W::check_attributes);
        handle
    }

    /// The widget, while mounted (the handle's cell is not held after this).
    pub fn widget(&self) -> Option<Rc<RefCell<W>>> {
        let inner = self.inner.try_borrow().ok()?;
        inner.as_ref().map(|m| m.widget.clone())
    }

    /// `f` over the widget's state, while mounted and not in use.
    pub fn read<T>(&self, f: impl FnOnce(&W) -> T) -> Option<T> {
        let widget = self.widget()?;
        let w = widget.try_borrow().ok()?;
        Some(f(&w))
    }

    /// `f` changing the widget's state, while mounted and not in use; the
    /// events it causes fire once it is done.
    pub fn with<T>(&self, f: impl FnOnce(&mut W) -> T) -> Option<T> {
        enter(&Rc::downgrade(&self.widget()?), f)
    }

    /// Shows new data handed over by the page (`update()`), or by the
    /// loader: a file dropped on the widget in a module that could not read
    /// its format (`origin` [`Origin::File`], see `web::data::hand_over`).
    pub fn update(&self, data: &JsValue, origin: Origin) {
        let Some(widget) = self.widget() else {
            return;
        };
        let _events = batch();
        {
            let Ok(mut w) = widget.try_borrow_mut() else {
                return;
            };
            // Data pushed by the page wins over a download still under way.
            *w.generation() += 1;
        }
        push_data(data.clone(), Rc::downgrade(&widget), origin);
    }

    /// Renders again (`render()`).
    pub fn render(&self) {
        self.with(|w| {
            w.refresh();
            w.check_attributes();
        });
    }

    /// Applies a changed attribute of the host element (`attributeChanged()`).
    pub fn attribute_changed(&self, name: &str, value: Option<String>) {
        if name == "src" {
            if let Some(widget) = self.widget() {
                let _events = batch();
                load_src(&widget, value);
            }
            // A `poll` without a `src` is a notice.
            self.with(W::check_attributes);
            return;
        }
        self.with(|w| {
            match name {
                "poll" => {
                    let src = host_attr(w.host(), "src");
                    w.poll_src(src.as_deref());
                }
                "channel" => {
                    let me = w.me();
                    w.live().join_channel(value.as_deref(), &me);
                }
                _ => w.attribute(name, value.as_deref()),
            }
            w.check_attributes();
        });
    }

    /// Back to what the attributes say (`reset()`); the notices of its
    /// attributes checked again.
    pub fn reset(&self)
    where
        W: Reset,
    {
        self.with(|w| {
            w.reset();
            w.check_attributes();
        });
    }

    /// The data shown: counts, title, date and validation report, as the
    /// detail of `kyoto:loaded` gives them (`detail()`).
    pub fn detail(&self) -> JsValue {
        self.read(|w| w.shown().detail()).unwrap_or(JsValue::NULL)
    }

    /// Removes every listener, observer and timer and empties the shadow
    /// root (`destroy()`). Safe from a listener of the widget's own events:
    /// the events still queued are dropped, and the call under way ends
    /// without touching the page.
    pub fn destroy(&self) {
        let Some(mut m) = self.inner.try_borrow_mut().ok().and_then(|mut i| i.take()) else {
            return;
        };
        m.events.close();
        if let Some(undo) = m.on_destroy.take() {
            undo();
        }
        // Borrowed still only when a panic stopped this instance mid-call.
        if let Ok(mut w) = m.widget.try_borrow_mut() {
            w.live().stop();
            w.teardown();
        };
    }
}

/// The exported JS class of a widget: `widget_class!(PillarChart, Widget,
/// mount)` declares `PillarChart` holding a [`Handle`] on `Widget` and gives
/// it the shared methods; `widget_class!(PillarChart, Widget, mount,
/// reset)` gives it `reset()` too (`Widget` implements [`Reset`]).
macro_rules! widget_class {
    ($(#[$doc:meta])* $class:ident, $widget:ty, $mount:path, reset) => {
        $crate::web::shell::widget_class!($(#[$doc])* $class, $widget, $mount);

        #[wasm_bindgen]
        impl $class {
            /// Shows the widget as its attributes describe it: what a
            /// reader chose since (a view, a level, a menu, a sort, a
            /// filter, a table unfolded) is undone.
            pub fn reset(&self) {
                self.shell.reset();
            }
        }
    };
    ($(#[$doc:meta])* $class:ident, $widget:ty, $mount:path) => {
        $(#[$doc])*
        #[wasm_bindgen]
        pub struct $class {
            shell: $crate::web::shell::Handle<$widget>,
        }

        #[wasm_bindgen]
        impl $class {
            /// Mounts the widget into `element` (its shadow root), as the
            /// element's attributes describe it (kyoto.js's `mount()` sets
            /// its options on them first).
            #[wasm_bindgen(constructor)]
            pub fn new(element: web_sys::HtmlElement) -> $class {
                $class {
                    shell: $crate::web::shell::Handle::new(element, $mount),
                }
            }

            /// Shows new data handed over by the page: CSV or JSON text,
            /// bytes, or a JSON object in the export format. Emits
            /// `kyoto:updated`, or `kyoto:error` (the widget keeps its data)
            /// when nothing in it is usable.
            pub fn update(&self, data: JsValue) {
                self.shell.update(&data, $crate::web::live::Origin::Push);
            }

            /// Shows a file dropped on the widget or picked, which the
            /// module the widget was in before could not read (kyoto.js
            /// moves the widget here with it): as `update()`, but a new
            /// dataset rather than an update of the one shown.
            #[wasm_bindgen(js_name = updateFile)]
            pub fn update_file(&self, data: JsValue) {
                self.shell.update(&data, $crate::web::live::Origin::File);
            }

            /// Renders again, at the element's size and in its language now.
            pub fn render(&self) {
                self.shell.render();
            }

            /// Applies a changed attribute of the host element.
            #[wasm_bindgen(js_name = attributeChanged)]
            pub fn attribute_changed(&self, name: String, value: Option<String>) {
                self.shell.attribute_changed(&name, value);
            }

            /// The data shown: counts, title, date and validation report, as
            /// the detail of `kyoto:loaded` gives them.
            pub fn detail(&self) -> JsValue {
                self.shell.detail()
            }

            /// Removes every listener, observer and timer and empties the
            /// shadow root.
            pub fn destroy(&self) {
                self.shell.destroy();
            }
        }
    };
}
pub(crate) use widget_class;
