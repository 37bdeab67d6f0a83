//! The default sample of follow-up data, built only from public facts in the
//! source documents (each item names its source). Built into the command-line
//! tool; the web package ships the same file (`pkg/sample-activities.json`),
//! which a widget given no data source fetches; also in `www/` as the
//! format's example.

use crate::core::import::{import_bytes, ImportReport};
use std::sync::OnceLock;

/// The sample, in the JSON export format.
pub const SAMPLE_JSON: &str = include_str!("../../data/sample-activities.json");

/// The sample, imported once.
pub fn sample() -> &'static ImportReport {
    static CELL: OnceLock<ImportReport> = OnceLock::new();
    CELL.get_or_init(|| match import_bytes(SAMPLE_JSON.as_bytes()) {
        Ok(report) => report,
        Err(e) => ImportReport {
            dataset: Default::default(),
            problems: e.problems,
            rows_read: 0,
        },
    })
}
