//! The workbook module's one job: a workbook's bytes (.xlsx, .ods) → its
//! sheets as text (`core::progress::workbook_sheets`), which the progress
//! widgets' modules read. Built as a module of its own (`kyoto_workbook`,
//! feature `workbook`) that kyoto.js loads only when a page gives a
//! workbook, so that no other page carries calamine and its zip reader.

use wasm_bindgen::prelude::*;

/// The sheets of a workbook as text (see `core::progress::workbook_sheets`);
/// a workbook that cannot be read gives its error in the text.
#[wasm_bindgen(js_name = workbookSheets)]
pub fn workbook_sheets(bytes: &[u8]) -> String {
    crate::core::progress::workbook_sheets(bytes, &crate::core::progress::LIMITS)
}
