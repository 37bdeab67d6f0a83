//! Keeps the layers apart: `core` names no browser or drawing crate, and
//! `render` names no browser crate.
use std::fs;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    assert!(!files.is_empty(), "no sources under {dir}");
    let mut found = Vec::new();
    for (path, text) in files {
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(f) {
                    found.push(format!("{path}:{}: {f}", i + 1));
                }
            }
        }
    }
    found
}

#[test]
fn core_is_platform_free() {
    let found = offenders(
        "src/core",
        &[
            "web_sys",
            "wasm_bindgen",
            "js_sys",
            "plotters",
            "crate::render",
            "crate::web",
        ],
    );
    assert!(found.is_empty(), "core must not use: {found:#?}");
}

#[test]
fn render_knows_no_browser() {
    let found = offenders(
        "src/render",
        &["web_sys", "wasm_bindgen", "js_sys", "crate::web"],
    );
    assert!(found.is_empty(), "render must not use: {found:#?}");
}
