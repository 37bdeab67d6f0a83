//! Workbooks: the five tables as sheets of one .xlsx (Excel) or .ods
//! (LibreOffice) file, read with calamine. Behind the `workbook` feature,
//! which no web module's feature set includes, so that a chart page carries
//! none of it.
//!
//! Each sheet is named after its table (matched like CSV file names:
//! `indicators`, `Indicator data`, `Answers`, …) or else recognised by its
//! header; sheets named `README`, `Notes`, `Instructions` or `About` are
//! skipped, other sheets are skipped with a warning. Cells keep their types:
//! a number cell is a number, a date cell a date (shown in problems as
//! `2024-03-15`), a spreadsheet error (`#N/A`) a problem. Formulas are never
//! evaluated: the value the spreadsheet saved with them is read. Rows are
//! numbered as the spreadsheet numbers them.

use super::read::{assemble, CellValue, Source};
use super::{ProgressImport, ProgressProblem, Table};
use crate::core::import::{shorten, ImportError, ImportLimits, Problem, RowUnit};
use crate::core::model::PartialDate;
use calamine::{Data, DataRef, Ods, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Columns read per sheet; cells further right are ignored with a warning.
const MAX_COLUMNS: u32 = 256;

/// Reads a workbook (.xlsx or .ods) whose sheets are the tables, with the
/// given limits (bytes of the file, rows per sheet).
pub fn read_workbook(bytes: &[u8], limits: &ImportLimits) -> Result<ProgressImport, ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(ImportError::new(format!(
            "the workbook is {} bytes; the limit is {} bytes",
            bytes.len(),
            limits.max_bytes
        )));
    }
    let (sources, problems) = sources(bytes, limits)?;
    assemble(sources, problems)
}

/// Sheet names that hold notes for people, skipped without a word.
fn is_note_sheet(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        n.as_str(),
        "readme" | "notes" | "instructions" | "about" | "help" | "lists" | "codes"
    )
}

/// The sheets of a workbook as sources.
pub(crate) fn sources(
    bytes: &[u8],
    limits: &ImportLimits,
) -> Result<(Vec<Source>, Vec<ProgressProblem>), ImportError> {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    match Xlsx::new(Cursor::new(bytes)) {
        Ok(mut book) => {
            for name in book.sheet_names() {
                if is_note_sheet(&name) {
                    continue;
                }
                let mut grid = Grid::new(limits);
                let read = book.worksheet_cells_reader(&name).and_then(|mut cells| {
                    while let Some(cell) = cells.next_cell()? {
                        let (row, col) = cell.get_position();
                        if !grid.put(row, col, data_ref_cell(cell.get_value())) {
                            break;
                        }
                    }
                    Ok(())
                });
                if let Err(e) = read {
                    problems.push(sheet_problem(
                        &name,
                        format!("the sheet could not be read: {e}"),
                    ));
                    continue;
                }
                push_sheet(&name, grid, limits, &mut sources, &mut problems)?;
            }
        }
        Err(xlsx_error) => match Ods::new(Cursor::new(bytes)) {
            Ok(mut book) => {
                for name in book.sheet_names() {
                    if is_note_sheet(&name) {
                        continue;
                    }
                    let range = match book.worksheet_range(&name) {
                        Ok(r) => r,
                        Err(e) => {
                            problems.push(sheet_problem(
                                &name,
                                format!("the sheet could not be read: {e}"),
                            ));
                            continue;
                        }
                    };
                    let mut grid = Grid::new(limits);
                    let (top, left) = range.start().unwrap_or((0, 0));
                    'rows: for (i, row) in range.rows().enumerate() {
                        for (j, cell) in row.iter().enumerate() {
                            let (Ok(i), Ok(j)) = (u32::try_from(i), u32::try_from(j)) else {
                                break 'rows;
                            };
                            if !grid.put(
                                top.saturating_add(i),
                                left.saturating_add(j),
                                data_cell(cell),
                            ) {
                                break 'rows;
                            }
                        }
                    }
                    push_sheet(&name, grid, limits, &mut sources, &mut problems)?;
                }
            }
            Err(ods_error) => {
                return Err(ImportError::new(format!(
                    "not a workbook that can be read: as .xlsx, {}; as .ods, {}",
                    shorten(&xlsx_error.to_string()),
                    shorten(&ods_error.to_string())
                )))
            }
        },
    }
    Ok((sources, problems))
}

fn sheet_problem(name: &str, rule: String) -> ProgressProblem {
    ProgressProblem {
        sheet: name.to_string(),
        in_workbook: true,
        table: None,
        problem: Problem::file_warning(rule),
    }
}

/// Cells of a sheet as they arrive, bounded.
struct Grid {
    rows: BTreeMap<u32, Vec<CellValue>>,
    max_rows: usize,
    cut_columns: bool,
    too_many_rows: bool,
}

impl Grid {
    fn new(limits: &ImportLimits) -> Grid {
        Grid {
            rows: BTreeMap::new(),
            // The header and the title rows above it come on top.
            max_rows: limits.max_rows.saturating_add(11),
            cut_columns: false,
            too_many_rows: false,
        }
    }

    /// Puts a cell (0-based row and column); `false` once the sheet has more
    /// rows than the limit.
    fn put(&mut self, row: u32, col: u32, value: CellValue) -> bool {
        if value == CellValue::Empty {
            return true;
        }
        if col >= MAX_COLUMNS {
            self.cut_columns = true;
            return true;
        }
        if !self.rows.contains_key(&row) && self.rows.len() >= self.max_rows {
            self.too_many_rows = true;
            return false;
        }
        let cells = self.rows.entry(row).or_default();
        let at = col as usize;
        if cells.len() <= at {
            cells.resize(at + 1, CellValue::Empty);
        }
        if let Some(c) = cells.get_mut(at) {
            *c = value;
        }
        true
    }
}

fn push_sheet(
    name: &str,
    grid: Grid,
    limits: &ImportLimits,
    sources: &mut Vec<Source>,
    problems: &mut Vec<ProgressProblem>,
) -> Result<(), ImportError> {
    if grid.too_many_rows {
        return Err(ImportError::new(format!(
            "sheet '{}' has more than {} rows; the limit is {} rows",
            shorten(name),
            limits.max_rows,
            limits.max_rows
        )));
    }
    if grid.cut_columns {
        problems.push(sheet_problem(
            name,
            format!("cells right of column {MAX_COLUMNS} were ignored"),
        ));
    }
    if grid.rows.is_empty() {
        return Ok(());
    }
    let table = Table::from_name(name);
    sources.push(Source {
        sheet: name.to_string(),
        in_workbook: true,
        table,
        unit: RowUnit::Row,
        header: None,
        rows: grid
            .rows
            .into_iter()
            .map(|(r, cells)| (r as usize + 1, cells))
            .collect(),
    });
    Ok(())
}

fn text_cell(s: &str) -> CellValue {
    CellValue::text(s)
}

fn iso_date(s: &str) -> CellValue {
    // "2024-03-15" or "2024-03-15T00:00:00".
    let date = s.get(..10).unwrap_or(s);
    let mut parts = date.split('-');
    let parsed = (|| {
        let y: u16 = parts.next()?.parse().ok()?;
        let m: u8 = parts.next()?.parse().ok()?;
        let d: u8 = parts.next()?.parse().ok()?;
        PartialDate::new(y, Some(m), Some(d))
    })();
    parsed.map_or_else(|| text_cell(s), CellValue::Date)
}

fn excel_date(dt: &calamine::ExcelDateTime) -> CellValue {
    if !dt.is_datetime() {
        // A duration: its number of days.
        return CellValue::Number(dt.as_f64());
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    PartialDate::new(y, Some(m), Some(d)).map_or(CellValue::Number(dt.as_f64()), CellValue::Date)
}

fn number(n: f64) -> CellValue {
    if n.is_finite() {
        CellValue::Number(n)
    } else {
        CellValue::Invalid(n.to_string())
    }
}

fn int(i: i64) -> CellValue {
    // Integers past 2^53 lose precision as f64, as they do in a spreadsheet.
    #[allow(clippy::cast_precision_loss)]
    CellValue::Number(i as f64)
}

fn data_ref_cell(d: &DataRef<'_>) -> CellValue {
    match d {
        DataRef::Int(i) => int(*i),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(dt) => excel_date(dt),
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => CellValue::Invalid(e.to_string()),
        DataRef::Empty => CellValue::Empty,
    }
}

fn data_cell(d: &Data) -> CellValue {
    match d {
        Data::Int(i) => int(*i),
        Data::Float(f) => number(*f),
        Data::String(s) => text_cell(s),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => CellValue::Invalid(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}
