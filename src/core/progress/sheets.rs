//! A workbook's sheets as text: the form in which a workbook crosses from
//! the module that reads it to the module that shows it.
//!
//! In the browser the workbook reader (calamine) is a WebAssembly module of
//! its own, loaded only when a page gives a workbook, so that the widgets'
//! modules carry none of it. That module reads the sheets into cells
//! ([`write`], feature `workbook`) and the widget's module reads them back
//! ([`read`], any build) through the same checks as every other input:
//! cells keep their types (a date cell stays a date, a number a number) and
//! rows their spreadsheet numbers, so that problems name the same sheet,
//! row, column and value as when the workbook is read natively.
//!
//! The text is JSON, recognised by its first key:
//!
//! ```text
//! {"kyotoWorkbook":1,
//!  "sheets":[{"name":"indicators","rows":[[1,["id","pillar"]],[2,["I-1",{"date":"2024-03-15"}]]]}],
//!  "warnings":[{"sheet":"Extra","rule":"…"}]}
//! ```
//!
//! A cell is `null` (empty), a string, a number, `true`/`false`,
//! `{"date":"YYYY-MM-DD"}` or `{"error":"#N/A"}`; a workbook that could not
//! be read at all is `{"kyotoWorkbook":1,"error":"…"}`.

use super::read::{CellValue, Source};
use super::{ProgressProblem, Table};
use crate::core::import::{parse_date, shorten, ImportError, Problem, RowUnit};
#[cfg(feature = "workbook")]
use serde_json::json;
use serde_json::{Map, Value};

/// The key a sheets text starts with, and its version.
pub(crate) const MARK: &str = "{\"kyotoWorkbook\":1";

/// Whether `text` (trimmed) is a workbook's sheets.
pub(crate) fn is_sheets(text: &str) -> bool {
    text.starts_with(MARK)
}

/// The sheets of a workbook (.xlsx or .ods) as text, with the given limits;
/// a workbook that cannot be read gives its error in the text.
#[cfg(feature = "workbook")]
pub fn workbook_sheets(bytes: &[u8], limits: &crate::core::import::ImportLimits) -> String {
    let result = if bytes.len() > limits.max_bytes {
        Err(ImportError::new(format!(
            "the workbook is {} bytes; the limit is {} bytes",
            bytes.len(),
            limits.max_bytes
        )))
    } else {
        super::workbook::sources(bytes, limits)
    };
    match result {
        Ok((sources, problems)) => write(&sources, &problems),
        // The mark first, whatever order serde_json keeps keys in.
        Err(e) => format!("{MARK},\"error\":{}}}", Value::String(e.to_string())),
    }
}

/// Writes sheets read from a workbook and the workbook's own warnings (a
/// sheet that could not be read, columns cut).
#[cfg(feature = "workbook")]
fn write(sources: &[Source], problems: &[ProgressProblem]) -> String {
    let sheets: Vec<Value> = sources
        .iter()
        .map(|s| {
            let rows: Vec<Value> = s
                .rows
                .iter()
                .map(|(n, cells)| json!([n, cells.iter().map(cell_value).collect::<Vec<_>>()]))
                .collect();
            json!({"name": s.sheet, "rows": rows})
        })
        .collect();
    let warnings: Vec<Value> = problems
        .iter()
        .map(|p| json!({"sheet": p.sheet, "rule": p.problem.rule}))
        .collect();
    // The mark is written by hand so that it comes first (serde_json without
    // `preserve_order` sorts an object's keys).
    format!(
        "{MARK},\"sheets\":{},\"warnings\":{}}}",
        Value::Array(sheets),
        Value::Array(warnings)
    )
}

#[cfg(feature = "workbook")]
fn cell_value(c: &CellValue) -> Value {
    match c {
        CellValue::Empty => Value::Null,
        CellValue::Text(s) => Value::String(s.clone()),
        CellValue::Number(n) => json!(n),
        CellValue::Bool(b) => Value::Bool(*b),
        CellValue::Date(d) => json!({"date": d.to_string()}),
        CellValue::Invalid(what) => json!({"error": what}),
    }
}

/// Reads sheets written by [`workbook_sheets`] (`name` is the file's name,
/// for messages): the sources to check and the workbook's warnings.
pub(crate) fn read(
    name: &str,
    text: &str,
) -> Result<(Vec<Source>, Vec<ProgressProblem>), ImportError> {
    let broken = |why: &str| {
        ImportError::new(format!(
            "'{}' holds a workbook's sheets that cannot be read: {why}",
            shorten(name)
        ))
    };
    let root: Map<String, Value> =
        serde_json::from_str(text).map_err(|e| broken(&e.to_string()))?;
    if let Some(error) = root.get("error") {
        return Err(ImportError::new(error.as_str().unwrap_or("").to_string()));
    }
    let mut sources = Vec::new();
    for sheet in root
        .get("sheets")
        .and_then(Value::as_array)
        .ok_or_else(|| broken("no list of sheets"))?
    {
        let name = sheet
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| broken("a sheet without a name"))?;
        // A workbook names each sheet once (problems name sheets by name).
        if sources.iter().any(|s: &Source| s.sheet == name) {
            return Err(broken(&format!("sheet '{}' is there twice", shorten(name))));
        }
        let mut rows = Vec::new();
        for row in sheet
            .get("rows")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let (Some(n), Some(cells)) = (
                row.get(0).and_then(Value::as_u64),
                row.get(1).and_then(Value::as_array),
            ) else {
                return Err(broken(&format!(
                    "a row of sheet '{}' is not [number, cells]",
                    shorten(name)
                )));
            };
            let n = usize::try_from(n).map_err(|_| broken("a row number out of range"))?;
            // Rows come as the spreadsheet numbers them: from 1, each once,
            // in order (problems name rows by these numbers).
            if n == 0 || rows.last().is_some_and(|(last, _)| *last >= n) {
                return Err(broken(&format!(
                    "row {n} of sheet '{}' is out of order",
                    shorten(name)
                )));
            }
            rows.push((n, cells.iter().map(read_cell).collect()));
        }
        sources.push(Source {
            sheet: name.to_string(),
            in_workbook: true,
            table: Table::from_name(name),
            unit: RowUnit::Row,
            header: None,
            rows,
        });
    }
    let warnings = root
        .get("warnings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|w| ProgressProblem {
            sheet: w
                .get("sheet")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            in_workbook: true,
            table: None,
            problem: Problem::file_warning(w.get("rule").and_then(Value::as_str).unwrap_or("")),
        })
        .collect();
    Ok((sources, warnings))
}

fn read_cell(v: &Value) -> CellValue {
    match v {
        Value::Null => CellValue::Empty,
        Value::String(s) => CellValue::text(s),
        Value::Number(n) => n.as_f64().map_or(CellValue::Empty, CellValue::Number),
        Value::Bool(b) => CellValue::Bool(*b),
        Value::Object(o) => {
            if let Some(d) = o.get("date").and_then(Value::as_str) {
                parse_date(d).map_or_else(|_| CellValue::text(d), CellValue::Date)
            } else {
                CellValue::Invalid(
                    o.get("error")
                        .and_then(Value::as_str)
                        .unwrap_or("?")
                        .to_string(),
                )
            }
        }
        Value::Array(_) => CellValue::Invalid("a list".into()),
    }
}
