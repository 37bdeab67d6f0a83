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
mod listen;
mod live;
mod timer;

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

pub use browser::ParagraphBrowser;
pub use chart::PillarChart;

#[wasm_bindgen(module = "/src/web/js/elements.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElements)]
    fn define_elements(factory: &Closure<dyn FnMut(String, HtmlElement) -> JsValue>);
}

/// Runs once when the module is instantiated: installs the panic hook and
/// registers the custom elements.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!("kyoto-widgets: {info}")));
    }));
    let factory = Closure::<dyn FnMut(String, HtmlElement) -> JsValue>::new(
        |kind: String, element: HtmlElement| -> JsValue {
            match kind.as_str() {
                "pillar-chart" => JsValue::from(PillarChart::new(element, JsValue::UNDEFINED)),
                "paragraph-browser" => {
                    JsValue::from(ParagraphBrowser::new(element, JsValue::UNDEFINED))
                }
                _ => JsValue::NULL,
            }
        },
    );
    define_elements(&factory);
    // One-time global registration: the factory lives as long as the page.
    factory.forget();
}
