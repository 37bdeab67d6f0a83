//! Small helpers to build DOM trees. Text is only ever set as text
//! (`textContent`), never parsed as HTML.

use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleSheet, Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

/// Creates `<tag class="class">` (no class when empty).
pub fn el(doc: &Document, tag: &str, class: &str) -> Element {
    // `createElement` throws only for an invalid tag name, and every tag passed
    // here is a constant of this crate: not an input path.
    #[allow(clippy::expect_used)]
    let e = doc.create_element(tag).expect("valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// Creates an element with a text child.
pub fn text_el(doc: &Document, tag: &str, class: &str, text: &str) -> Element {
    let e = el(doc, tag, class);
    e.set_text_content(Some(text));
    e
}

/// Appends `child` to `parent`, ignoring the (impossible) hierarchy error.
pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// Sets attributes from pairs.
pub fn attrs(e: &Element, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        let _ = e.set_attribute(k, v);
    }
}

/// Creates a `<button type="button">` with text.
pub fn button(doc: &Document, class: &str, text: &str) -> Element {
    let b = text_el(doc, "button", class, text);
    let _ = b.set_attribute("type", "button");
    b
}

/// Removes every child.
pub fn clear(e: &Element) {
    e.set_text_content(None);
}

/// The element as an `HtmlElement`, when it is one.
pub fn html(e: &Element) -> Option<HtmlElement> {
    e.clone().dyn_into::<HtmlElement>().ok()
}

/// Shows or hides with the `hidden` attribute.
pub fn set_hidden(e: &Element, hidden: bool) {
    if hidden {
        let _ = e.set_attribute("hidden", "");
    } else {
        let _ = e.remove_attribute("hidden");
    }
}

/// The widgets' stylesheet: what every widget uses, and the paragraph
/// browser's rules in the modules that have it (src/web/*.css without their
/// comments: build.rs).
#[cfg(feature = "browser")]
pub const STYLE: &str = concat!(
    include_str!(concat!(env!("OUT_DIR"), "/widget.css")),
    "\n",
    include_str!(concat!(env!("OUT_DIR"), "/browser.css"))
);
/// The widgets' stylesheet: what every widget uses.
#[cfg(not(feature = "browser"))]
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// The open shadow root of `host` (attached if it has none) with the
/// widgets' stylesheet adopted: styles isolated both ways, no `<style>`
/// element and no inline style needed under a strict CSP.
pub fn styled_shadow(host: &HtmlElement) -> Option<ShadowRoot> {
    let shadow = match host.shadow_root() {
        Some(s) => s,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?,
    };
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(STYLE).ok()?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Some(shadow)
}
