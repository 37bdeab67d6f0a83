//! Browser glue, compiled only for wasm32: the custom elements, the JS handles,
//! mounting, DOM event translation, canvas sizing, data loading and the DOM of
//! the widgets. Nothing here holds logic that `core` could hold: DOM events
//! become [`crate::core::chart::ChartInput`], fetched bytes become
//! [`crate::core::import::ImportReport`], and back come effects to apply.

mod announce;
mod browser;
mod canvas;
mod chart;
mod compare;
mod data;
mod dom;
mod events;
mod fault;
mod listen;
mod live;
mod timer;

use wasm_bindgen::prelude::*;

pub use browser::ParagraphBrowser;
pub use chart::PillarChart;

/// Runs once when the module is instantiated: installs the panic hook. The
/// loader (kyoto.js) registers the custom elements and mounts the widgets.
#[wasm_bindgen(start)]
pub fn start() {
    fault::install_hook();
}
