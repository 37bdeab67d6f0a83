//! The downloads of the widgets that draw: PNG, SVG and CSV of the view
//! shown, the toolbar group of their buttons, and the `kyoto:export` event.
//!
//! A file is downloaded from a data URL through a detached `<a download>`
//! (nothing leaves the page, and a strict CSP allows it), and the widget
//! then fires `kyoto:export` with `{file}`, the file's name. A PNG is the
//! view drawn again at twice its CSS size on a detached canvas of its own
//! (through [`ScaledCanvas`], as the widget draws on its own canvas, with a
//! fresh [`SharedCanvasMemory`]), whatever the screen's pixel ratio: text
//! is drawn by the browser's canvas, which shapes Arabic, so a PNG speaks
//! every language (the command-line tool's rasteriser does not shape, and
//! refuses Arabic PNG). An SVG is the render layer's, as the command-line
//! tool writes it.
//!
//! Each widget keeps its export entry points out of line
//! (`#[inline(never)]`, and wasm-opt's `--one-caller-inline-max-function-size`
//! in `x`), as the chart's comment on `export_png` explains: inlined into a
//! click handler they make it a large function, which the browser compiles
//! (lazily, function by function) the first time any button is clicked.

use super::canvas::{ScaledCanvas, SharedCanvasMemory};
use super::dom::{append, attrs, button, el, html};
use super::events::Emitter;
use super::locale::StaticText;
use plotters::coord::Shift;
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement};

/// The start of a CSV file's data URL, with the UTF-8 byte-order mark
/// (`%EF%BB%BF`) the file begins with: without it Excel opens a CSV file in
/// the system's legacy code page, and Arabic, Chinese and Russian headings
/// and names come out garbled. `tableCsv()` returns the text without it.
pub(crate) const CSV_URL: &str = "data:text/csv;charset=utf-8,%EF%BB%BF";
/// The start of an SVG file's data URL.
pub(crate) const SVG_URL: &str = "data:image/svg+xml;charset=utf-8,";

/// Downloads `body` as the file `name`, from a data URL beginning with
/// `prefix` ([`CSV_URL`], [`SVG_URL`]), and fires `kyoto:export`.
pub(crate) fn download_text(
    host: &Element,
    events: &Emitter,
    prefix: &str,
    body: &str,
    name: &str,
) {
    let encoded = String::from(js_sys::encode_uri_component(body));
    download_url(host, events, &format!("{prefix}{encoded}"), name);
}

/// Downloads the data URL `url` as the file `name` and fires
/// `kyoto:export` with `{file: name}` from the widget's host.
pub(crate) fn download_url(host: &Element, events: &Emitter, url: &str, name: &str) {
    let Some(doc) = host.owner_document() else {
        return;
    };
    let a = el(&doc, "a", "");
    attrs(&a, &[("href", url), ("download", name)]);
    if let Some(a) = html(&a) {
        a.click();
    }
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"file".into(), &name.into());
    events.fire("kyoto:export", &detail);
}

/// Draws a view of `width` × `height` CSS pixels at twice that size on a
/// detached canvas and returns it as a PNG data URL; `None` when `draw`
/// says it failed (or the canvas could not be made).
pub(crate) fn png_data_url(
    host: &Element,
    width: f64,
    height: f64,
    draw: impl FnOnce(&DrawingArea<ScaledCanvas, Shift>) -> bool,
) -> Option<String> {
    let doc = host.owner_document()?;
    let canvas = el(&doc, "canvas", "")
        .dyn_into::<HtmlCanvasElement>()
        .ok()?;
    // A canvas of its own, so a memory of its own.
    let fresh = SharedCanvasMemory::default();
    let area = ScaledCanvas::new(&canvas, width, height, 2.0, &fresh)?.into_drawing_area();
    if !(draw(&area) && area.present().is_ok()) {
        return None;
    }
    canvas.to_data_url_with_type("image/png").ok()
}

/// The toolbar group of the three download buttons (`data-action`
/// `export:png`, `export:svg`, `export:csv`), as the pillar chart has
/// them: the format's name as the button's text, the same in every
/// language, and what it does as its accessible name and tooltip
/// (`png_key`, `svg_key`; the CSV's is the chart's, `chart.export.csv`).
pub(crate) struct DownloadButtons {
    /// The group (`role="group"`, named *Download*).
    pub(crate) group: Element,
    /// The PNG button.
    pub(crate) png: Element,
    /// The SVG button.
    pub(crate) svg: Element,
}

impl DownloadButtons {
    /// Makes the group; its texts are given to `labels`.
    pub(crate) fn new(
        doc: &Document,
        labels: &mut StaticText,
        png_key: &'static str,
        svg_key: &'static str,
    ) -> DownloadButtons {
        let group = el(doc, "div", "kw-group");
        attrs(&group, &[("role", "group")]);
        labels.attr(&group, "aria-label", "chart.download_label");
        let make = |action: &str, label: &str, key: &'static str, labels: &mut StaticText| {
            let b = button(doc, "kw-btn", label);
            attrs(&b, &[("data-action", action)]);
            labels.attr(&b, "aria-label", key);
            labels.attr(&b, "title", key);
            append(&group, &b);
            b
        };
        let png = make("export:png", "PNG", png_key, labels);
        let svg = make("export:svg", "SVG", svg_key, labels);
        make("export:csv", "CSV", "chart.export.csv", labels);
        DownloadButtons { group, png, svg }
    }
}

/// The export a click asked for: the `data-action` of the button of a
/// [`DownloadButtons`] group the event came from.
pub(crate) fn clicked(e: &web_sys::Event) -> Option<Format> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let b = target.closest("button[data-action]").ok()??;
    match b.get_attribute("data-action")?.as_str() {
        "export:png" => Some(Format::Png),
        "export:svg" => Some(Format::Svg),
        "export:csv" => Some(Format::Csv),
        _ => None,
    }
}

/// A download's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// The view drawn at 2×.
    Png,
    /// The view as an SVG document.
    Svg,
    /// The figures of the view.
    Csv,
}
