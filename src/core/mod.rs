//! The platform-free core of kyoto-widgets.
//!
//! **Invariant: `core` knows nothing about the browser or about drawing.** It uses
//! only std, serde, serde_json and csv (and calamine, for workbooks, in
//! `progress::workbook` behind the `workbook` feature): no web-sys, no
//! wasm-bindgen, no plotters.
//! Every line of it runs and is tested natively with `cargo test`; the test
//! `tests/architecture.rs` fails if a forbidden crate name appears in this folder.
//!
//! It holds the Kyoto Declaration and its structure ([`declaration`]), the
//! activity data model ([`model`]), import of exported data with row-level
//! problems ([`import`]), aggregation ([`aggregate`]), the embedded sample
//! ([`sample`]), chart layout with hit-testing ([`layout`]), and the
//! indicators and reporting tables with their progress statuses
//! ([`progress`]; its workbook reader uses calamine, behind the `workbook`
//! feature), and the indicators widget's model and layout ([`indicators`]).

pub mod aggregate;
pub mod attribute;
pub mod chart;
pub mod declaration;
pub mod diff;
pub mod export;
pub mod i18n;
pub mod import;
pub mod indicators;
pub mod layout;
pub mod live;
pub mod model;
pub mod number;
pub mod order;
pub mod progress;
pub mod query;
pub mod reporting_board;
pub mod sample;
pub mod synth;
