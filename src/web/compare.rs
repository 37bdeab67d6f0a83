//! The comparison of two exports: `renderComparison(element, before, after,
//! options)` imports both, matches activities by id (`core::diff`) and shows
//! per pillar what moved, in the element's shadow root.

use super::data::import_value;
use super::dom::{append, attrs, el, styled_shadow, text_el};
use super::locale::Locale;
use super::widget::report_detail;
use crate::core::diff::{comparison_table, diff};
use crate::core::i18n::Arg;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

fn option(options: &JsValue, key: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &key.into())
        .ok()
        .and_then(|v| v.as_string())
}

/// Shows what moved from the export `before` to the export `after` (each CSV
/// or JSON text, bytes, or an export object) in `element`: a caption, a table
/// with a row per pillar (new, removed, completed, now ongoing, back to
/// planned, updated, paragraphs newly covered) and the totals. `options` may
/// give `{ lang, beforeName, afterName }`. Returns `{ added, removed,
/// statusChanged, edited, paragraphs, before, after }` (the last two: the
/// validation reports); throws, and shows the reason in the element, when an
/// export cannot be read.
#[wasm_bindgen(js_name = renderComparison)]
pub fn render_comparison(
    element: HtmlElement,
    before: JsValue,
    after: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    if let Some(lang) = option(&options, "lang") {
        let _ = element.set_attribute("lang", &lang);
    }
    let doc = element
        .owner_document()
        .ok_or_else(|| JsError::new("the element is not in a document"))?;
    let shadow = styled_shadow(&element)
        .ok_or_else(|| JsError::new("the element cannot hold a shadow root"))?;
    let root = el(&doc, "div", "kw kw-compare");
    let locale = Locale::of(&element);
    let _ = root.set_attribute("lang", &locale.tag);
    let _ = root.set_attribute("dir", locale.lang.dir());
    shadow.set_text_content(None);
    let _ = shadow.append_child(&root);
    let before_name = option(&options, "beforeName").unwrap_or_else(|| "before".into());
    let after_name = option(&options, "afterName").unwrap_or_else(|| "after".into());
    let fail = |message: String| {
        let box_ = el(&doc, "div", "kw-error");
        attrs(&box_, &[("role", "alert")]);
        append(
            &box_,
            &text_el(&doc, "strong", "", locale.text("error.load_failed")),
        );
        let p = text_el(&doc, "p", "", &message);
        attrs(&p, &[("dir", "auto")]);
        append(&box_, &p);
        append(&root, &box_);
        JsError::new(&message)
    };
    let old = import_value(&before).map_err(|e| fail(format!("{before_name}: {e}")))?;
    let new = import_value(&after).map_err(|e| fail(format!("{after_name}: {e}")))?;
    let d = diff(&old.dataset, &new.dataset);
    let (header, rows) = comparison_table(&d, locale.chart());

    let table = el(&doc, "table", "kw-table");
    let caption = text_el(
        &doc,
        "caption",
        "",
        &locale.text.format(
            "compare.caption",
            &[
                ("before", Arg::Str(&before_name)),
                ("after", Arg::Str(&after_name)),
            ],
        ),
    );
    append(&table, &caption);
    let thead = el(&doc, "thead", "");
    let tr = el(&doc, "tr", "");
    let last = header.len().saturating_sub(1);
    for (i, h) in header.iter().enumerate() {
        let th = text_el(&doc, "th", if i > 0 && i < last { "num" } else { "" }, h);
        attrs(&th, &[("scope", "col")]);
        append(&tr, &th);
    }
    append(&thead, &tr);
    append(&table, &thead);
    let tbody = el(&doc, "tbody", "");
    for row in &rows {
        let tr = el(&doc, "tr", "");
        for (i, cell) in row.iter().enumerate() {
            let c = if i == 0 {
                let th = text_el(&doc, "th", "", cell);
                attrs(&th, &[("scope", "row")]);
                th
            } else {
                text_el(&doc, "td", if i < last { "num" } else { "" }, cell)
            };
            append(&tr, &c);
        }
        append(&tbody, &tr);
    }
    append(&table, &tbody);
    append(&root, &table);
    if d.is_empty() {
        append(
            &root,
            &text_el(&doc, "p", "kw-note", locale.text("compare.nothing")),
        );
    }

    let out = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&out, &k.into(), &v);
    };
    set("added", d.added.into());
    set("removed", d.removed.into());
    set("statusChanged", d.status_changed.into());
    set("edited", d.edited.into());
    let paragraphs = js_sys::Array::new();
    for n in &d.paragraphs {
        paragraphs.push(&JsValue::from(*n));
    }
    set("paragraphs", paragraphs.into());
    set("before", report_detail(&old));
    set("after", report_detail(&new));
    Ok(out.into())
}
