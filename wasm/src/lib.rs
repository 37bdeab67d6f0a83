//! The kyoto-widgets crate as a WebAssembly module: its `web` layer's
//! exports (the widgets' classes, `installCatalog`, …) are this library's,
//! built with the features of the module `./x build` makes (see
//! `Cargo.toml` for why this crate exists).

#![no_std]

// Links the crate, and with it every `#[wasm_bindgen]` export of its `web`.
pub use kyoto_widgets;
