//! `<kyoto-reporting>`: who has reported, per cycle and pillar. Until the widget's
//! own view lands, it shows what it read: the tables, their counts and
//! every problem, with live data, so that the loading of progress data
//! (src, the sample, update(), polling, the channel, dropped files,
//! workbooks through the workbook module) is exercised end to end.

use super::announce::Announcer;
use super::data::{shows_stand_in, Feed};
use super::dom::{append, attrs, el, set_hidden, styled_shadow};
use super::events::Emitter;
use super::live::{load_src, LiveState, LiveTarget};
use super::locale::Locale;
use super::progress::problem_list;
use super::shell::{widget_class, Mounted, Shell};
use super::widget::{host_attr, show_problems};
use crate::core::progress::ProgressImport;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

/// The widget's state.
pub struct Widget {
    host: HtmlElement,
    root: Element,
    summary: Element,
    problems: Element,
    error: Element,
    events: Emitter,
    data: Rc<ProgressImport>,
    generation: u64,
    locale: Locale,
    announcer: Announcer,
    live: LiveState<Widget>,
    me: Weak<RefCell<Widget>>,
}

widget_class!(
    /// The JS class of `<kyoto-reporting>`.
    KyotoReporting,
    Widget,
    mount
);

fn mount(host: HtmlElement) -> Option<Mounted<Widget>> {
    let doc = host.owner_document()?;
    let shadow = styled_shadow(&host)?;
    let root = el(&doc, "div", "kw");
    attrs(&root, &[("aria-busy", "true")]);
    let stale = el(&doc, "span", "kw-stale");
    attrs(&stale, &[("hidden", "")]);
    let summary = el(&doc, "p", "kw-note");
    let error = el(&doc, "div", "kw-error");
    attrs(&error, &[("role", "alert"), ("hidden", "")]);
    let problems = el(&doc, "div", "kw-problems");
    attrs(&problems, &[("hidden", "")]);
    let region = el(&doc, "div", "kw-sr");
    attrs(&region, &[("aria-live", "polite"), ("role", "status")]);
    for child in [&stale, &summary, &error, &problems, &region] {
        append(&root, child);
    }
    let _ = shadow.append_child(&root);
    let events = Emitter::new(&host);
    let widget = Rc::new(RefCell::new(Widget {
        host: host.clone(),
        root,
        summary,
        problems,
        error,
        events: events.clone(),
        data: ProgressImport::empty(),
        generation: 0,
        locale: Locale::of(&host),
        announcer: Announcer::new(region),
        live: LiveState::new(stale),
        me: Weak::new(),
    }));
    widget.borrow_mut().me = Rc::downgrade(&widget);
    let channel = host_attr(&host, "channel");
    {
        let mut w = widget.borrow_mut();
        let me = w.me.clone();
        w.live.join_channel(channel.as_deref(), &me);
    }
    load_src(&widget, host_attr(&host, "src"));
    Some(Mounted {
        widget,
        events,
        _keep: Vec::new(),
        on_destroy: None,
    })
}

impl Widget {
    fn show(&mut self, data: Rc<ProgressImport>, event: &str, extra: &[(&str, JsValue)]) {
        let _ = self.root.remove_attribute("aria-busy");
        set_hidden(&self.error, true);
        self.live.mark_fresh(&self.locale.tag);
        self.data = data;
        self.summary
            .set_text_content(Some(&self.data.summary_line()));
        show_problems(
            &self.host,
            &self.problems,
            &problem_list(&self.data, &self.locale),
            &self.locale,
            self.locale.lang.is_rtl(),
        );
        let detail = self.data.detail();
        for (k, v) in extra {
            let _ = js_sys::Reflect::set(&detail, &(*k).into(), v);
        }
        self.events.fire(event, &detail);
    }
}

impl Shell for Widget {
    fn refresh(&mut self) {
        self.locale.refresh(&self.host);
    }

    fn attribute(&mut self, name: &str, _value: Option<&str>) {
        if name == "lang" {
            self.refresh();
        }
    }

    fn teardown(&mut self) {
        self.root.remove();
    }
}

impl LiveTarget for Widget {
    type Data = ProgressImport;

    fn shown(&self) -> &Rc<ProgressImport> {
        &self.data
    }

    fn locale(&self) -> &Locale {
        &self.locale
    }

    fn live(&mut self) -> &mut LiveState<Widget> {
        &mut self.live
    }

    fn me(&self) -> Weak<RefCell<Widget>> {
        self.me.clone()
    }

    fn say(&self, text: &str) {
        self.announcer.say(text);
    }

    fn emit_event(&self, name: &str, detail: &JsValue) {
        self.events.fire(name, detail);
    }

    fn show_failure(&mut self, message: &str) {
        let _ = self.root.remove_attribute("aria-busy");
        let note = if shows_stand_in(&self.data, &self.host) {
            "error.no_data"
        } else {
            "chart.error.kept"
        };
        self.error
            .set_text_content(Some(&format!("{message} {}", self.locale.text(note))));
        set_hidden(&self.error, false);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        self.events.fire("kyoto:error", &detail.into());
    }

    fn show_update(
        &mut self,
        data: Rc<ProgressImport>,
        _changed: Option<BTreeSet<u8>>,
        detail: &[(&str, JsValue)],
    ) {
        self.generation += 1;
        self.show(data, "kyoto:updated", detail);
    }

    fn host(&self) -> &Element {
        &self.host
    }

    fn generation(&mut self) -> &mut u64 {
        &mut self.generation
    }

    fn show_loaded(&mut self, data: Rc<ProgressImport>) {
        self.show(data, "kyoto:loaded", &[]);
    }
}
