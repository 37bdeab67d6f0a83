//! kyoto-widgets: Kyoto Declaration progress widgets for any web page.
//!
//! Three layers, dependencies pointing one way (`web` → `render` → `core`):
//! - [`core`]: the Declaration, the data model, import, aggregation, queries,
//!   chart layout and hit-testing. Platform-free, tested with `cargo test`.
//! - [`render`]: draws charts with plotters on any `DrawingBackend`.
//! - `web` (wasm32 only): the browser glue, custom elements and JS handles.
//!
//! See `ARCHITECTURE.md` for where to start reading.

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
#![warn(missing_docs)]

pub mod core;
pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod web;
