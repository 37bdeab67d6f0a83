//! Browser tests of the web layer (wasm-bindgen-test in a real Chromium):
//! `wasm-pack test --headless --chrome -- --test web`.
#![cfg(target_arch = "wasm32")]

use kyoto_widgets::web::PillarChart;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    host.style().set_property("width", "640px").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
fn chart_draws_into_its_shadow_root_and_destroy_empties_it() {
    let host = host();
    let chart = PillarChart::new(host.clone());
    // The sample is fetched beside the package, which this test page is not:
    // it is handed over instead.
    chart.update(wasm_bindgen::JsValue::from_str(include_str!(
        "../www/examples/sample-activities.csv"
    )));
    let shadow = host.shadow_root().expect("shadow root");
    let canvas: web_sys::HtmlCanvasElement = shadow
        .query_selector("canvas")
        .unwrap()
        .expect("canvas")
        .dyn_into()
        .unwrap();
    assert!(canvas.width() > 0 && canvas.height() > 0);
    let rows = shadow
        .query_selector_all("table tbody tr")
        .unwrap()
        .length();
    // The sample cites the declaratory and follow-up parts too.
    assert_eq!(
        rows, 6,
        "one table row per pillar and per part the sample cites"
    );
    assert_eq!(chart.level(), "overview");
    chart.destroy();
    assert_eq!(shadow.child_element_count(), 0);
    host.remove();
}
