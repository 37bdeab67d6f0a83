//! Browser glue, compiled only for wasm32: the custom elements, the JS handles,
//! mounting, DOM event translation, canvas sizing, data loading and the DOM of
//! the widgets. Nothing here holds logic that `core` could hold: DOM events
//! become [`crate::core::chart::ChartInput`], fetched bytes become
//! [`crate::core::import::ImportReport`], and back come effects to apply.

// A wasm module is built per widget (Cargo features `chart`, `browser`,
// `compare`, `indicators`, `reporting`, `workbook`); the shared modules below
// then have parts one widget never calls, which the linker drops.
#![cfg_attr(
    not(all(
        feature = "chart",
        feature = "browser",
        feature = "compare",
        feature = "indicators",
        feature = "reporting"
    )),
    allow(dead_code, unused_imports, unused_macros)
)]

mod announce;
#[cfg(feature = "browser")]
mod browser;
#[cfg(any(feature = "chart", feature = "indicators", feature = "reporting"))]
mod canvas;
#[cfg(feature = "chart")]
mod chart;
#[cfg(feature = "compare")]
mod compare;
mod data;
mod dom;
mod events;
#[cfg(any(feature = "chart", feature = "indicators", feature = "reporting"))]
mod export;
mod fault;
#[cfg(feature = "indicators")]
mod indicators;
mod listen;
mod live;
mod locale;
#[cfg(feature = "progress")]
mod progress;
#[cfg(feature = "reporting")]
mod reporting;
mod shell;
mod source;
mod timer;
mod widget;
#[cfg(feature = "workbook")]
mod workbook;

use wasm_bindgen::prelude::*;

#[cfg(feature = "browser")]
pub use browser::ParagraphBrowser;
#[cfg(feature = "chart")]
pub use chart::PillarChart;
#[cfg(feature = "indicators")]
pub use indicators::KyotoIndicators;
#[cfg(feature = "reporting")]
pub use reporting::KyotoReporting;
#[cfg(feature = "workbook")]
pub use workbook::workbook_sheets;

/// Runs once when the module is instantiated: installs the panic hook. The
/// loader (kyoto.js) registers the custom elements and mounts the widgets.
#[wasm_bindgen(start)]
pub fn start() {
    fault::install_hook();
}
