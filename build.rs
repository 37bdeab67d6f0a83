//! The widgets' stylesheets as the wasm embeds them (web::dom::STYLE):
//! src/web/*.css without their comments, indentation and blank lines, into
//! OUT_DIR. The comments stay in the source; a chart page no longer
//! downloads them (0.8 KB gzipped, measured 2026-12-04).

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["widget.css", "browser.css"] {
        let from = Path::new("src/web").join(name);
        println!("cargo:rerun-if-changed={}", from.display());
        let css = fs::read_to_string(&from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        fs::write(Path::new(&out).join(name), compact(&css))
            .unwrap_or_else(|e| panic!("writing {name} to {out}: {e}"));
    }
}

/// CSS without `/* … */` comments, each line trimmed, blank lines dropped.
/// The stylesheets have no comment marker inside a string, which this
/// would not tell apart.
fn compact(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => panic!("a comment in the stylesheet is not closed"),
        }
    }
    text.push_str(rest);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}
