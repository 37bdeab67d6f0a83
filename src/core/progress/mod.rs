//! Indicators and reporting: the data behind the pillar indicators and the
//! questionnaire follow-up of the Kyoto Declaration (proposals of Romania,
//! E/CN.15/2022/CRP.3 paragraphs 35–38: indicators per pillar,
//! questionnaires for all stakeholders, an online platform showing the
//! progress made).
//!
//! A progress export has five tables ([`Table`]): `indicators`,
//! `indicator_data`, `questions`, `responses` and `reports`, given as the
//! sheets of one workbook (.xlsx or .ods, [`read_workbook`], feature
//! `workbook`) or as one CSV or JSON file per table ([`read_files`]). Like
//! the activity import, reading degrades and never fails wholesale: good
//! rows load, and every bad row is a [`ProgressProblem`] naming the sheet
//! (or file), the row, the column, the value and the rule. Only input that
//! holds no table, or no valid row in any table, is an [`ImportError`].
//!
//! On the data: [`status`] computes an indicator's progress status by the
//! rule of the UN Statistics Division's SDG Progress Chart, and
//! [`reporting`] counts who reported, per cycle and pillar, and how
//! questions were answered; [`digest`] sums both up for the pillar chart
//! and the paragraph browser. The format: `docs/progress-data-format.md`.
//!
//! Nothing here panics on any input: hostile input gives problems or an
//! error value.

pub mod changes;
pub mod digest;
mod json;
pub mod model;
mod read;
pub mod reporting;
mod sheets;
pub mod status;
#[cfg(feature = "workbook")]
mod workbook;

pub use model::*;
pub use read::{format_number, parse_number};
#[cfg(feature = "workbook")]
pub use sheets::workbook_sheets;
#[cfg(feature = "workbook")]
pub use workbook::read_workbook;

use crate::core::import::{ImportError, ImportLimits, Problem, RowUnit, Severity};
use crate::core::number::count;
use serde::Serialize;
use std::fmt;

/// One problem, in one sheet (or file) of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressProblem {
    /// The sheet's name in a workbook, or the file's name.
    pub sheet: String,
    /// Whether `sheet` is a sheet of a workbook (else a file).
    pub in_workbook: bool,
    /// The table it belongs to, when known.
    pub table: Option<Table>,
    /// Severity, row, column, value and rule, as the activity import reports
    /// them. `row` counts spreadsheet rows (the header is the row it is on;
    /// `unit` [`RowUnit::Row`]) or, in JSON, records of the table's list
    /// from 1 (`unit` [`RowUnit::Activity`], shown as `record`).
    pub problem: Problem,
}

impl ProgressProblem {
    /// Whether the row (or the table, or the file) was skipped.
    pub fn is_error(&self) -> bool {
        self.problem.is_error()
    }
}

impl fmt::Display for ProgressProblem {
    /// One line: `error: sheet 'responses', row 14, column 'answer', value
    /// 'maybe': …` (a file: `file 'responses.csv'`; JSON: `record 3, field
    /// 'answer'`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.problem;
        let sev = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = if self.in_workbook { "sheet" } else { "file" };
        write!(f, "{sev}: {place} '{}'", self.sheet)?;
        let (unit, column) = match p.unit {
            RowUnit::Row => ("row", "column"),
            RowUnit::Activity => ("record", "field"),
        };
        if let Some(r) = p.row {
            write!(f, ", {unit} {r}")?;
        }
        if let Some(c) = &p.column {
            write!(f, ", {column} '{c}'")?;
        }
        if let Some(v) = &p.value {
            write!(f, ", value '{v}'")?;
        }
        write!(f, ": {}", p.rule)
    }
}

/// What reading a progress export produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressImport {
    /// The rows that loaded, per table.
    pub dataset: ProgressDataset,
    /// Every problem: input-level ones first, then per table in
    /// [`Table::ALL`] order, each by row.
    pub problems: Vec<ProgressProblem>,
    /// Data rows seen per table (valid or not), in [`Table::ALL`] order.
    pub rows_read: [usize; 5],
    /// The tables found, in [`Table::ALL`] order.
    pub tables: Vec<Table>,
    /// The sheet (or file) each table was read from, in [`Table::ALL`]
    /// order.
    pub sheets: Vec<(Table, String)>,
}

impl ProgressImport {
    /// Number of problems that skipped a row, a table or a file.
    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.problems.len() - self.error_count()
    }

    /// Per table `indicators: N rows read, N loaded`, then the problem
    /// counts.
    pub fn summary_line(&self) -> String {
        let mut parts: Vec<String> = self
            .tables
            .iter()
            .map(|&t| {
                format!(
                    "{t}: {} read, {} loaded",
                    count(
                        self.rows_read.get(t.index()).copied().unwrap_or(0),
                        "row",
                        "rows"
                    ),
                    self.dataset.len(t)
                )
            })
            .collect();
        parts.push(format!(
            "{}, {}",
            count(self.error_count(), "error", "errors"),
            count(self.warning_count(), "warning", "warnings")
        ));
        parts.join("; ")
    }

    /// Why the input is refused whole, when no table was found or no table
    /// has a valid row ([`read_files`] then gives an [`ImportError`] with
    /// this message); `None` when some row loaded.
    pub fn refusal(&self) -> Option<String> {
        if !self.dataset.is_empty() {
            return None;
        }
        Some(if self.tables.is_empty() {
            "no table found: name each sheet or file after its table (indicators, indicator_data, questions, responses, reports) and give it a header row".to_string()
        } else if self.rows_read.iter().all(|&n| n == 0) {
            "the tables have a header row but no data rows".to_string()
        } else {
            format!(
                "no valid row in any table ({}); fix the errors listed and import again",
                self.summary_line()
            )
        })
    }
}

/// The limits progress tables are read with unless told otherwise: 50 MB a
/// file, as for activities, and a million rows a table (activities: half a
/// million), so that the indicator data of 200 indicators × 193 areas × 20
/// periods (772,000 rows) loads.
pub const LIMITS: ImportLimits = ImportLimits {
    max_bytes: 50_000_000,
    max_rows: 1_000_000,
};

/// Reads one CSV or JSON file per table, with the progress [`LIMITS`] per
/// file. Each file is `(name, bytes)`; the table is told by the name
/// (`indicators.csv`, `kyoto-indicator_data.csv`, `Answers.json`) or else
/// by the columns its header names. A JSON file may also hold several tables
/// as an object keyed by table name (`{"indicators": [...], ...}`).
///
/// ```
/// use kyoto_widgets::core::progress::{read_files, Direction};
/// let csv = "id,pillar,title,direction\nI-1,II,Prisoners held unsentenced,down\n";
/// let read = read_files(&[("indicators.csv", csv.as_bytes())]).unwrap();
/// assert_eq!(read.dataset.indicators[0].direction, Direction::Down);
/// ```
pub fn read_files(files: &[(&str, &[u8])]) -> Result<ProgressImport, ImportError> {
    read_files_with(files, &LIMITS)
}

/// [`read_files`] with limits of your own (bytes per file, rows per table).
pub fn read_files_with(
    files: &[(&str, &[u8])],
    limits: &ImportLimits,
) -> Result<ProgressImport, ImportError> {
    let (sources, problems) = sources_of(files, limits)?;
    read::assemble(sources, problems)
}

/// The tables each file holds, and the problems met finding them.
fn sources_of(
    files: &[(&str, &[u8])],
    limits: &ImportLimits,
) -> Result<(Vec<read::Source>, Vec<ProgressProblem>), ImportError> {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    for (name, bytes) in files {
        read::file_sources(name, bytes, limits, &mut sources, &mut problems)?;
    }
    Ok((sources, problems))
}

/// [`read_files_with`] for a checker that lists every problem: what was
/// read even when the input is refused whole (no table, or no valid row:
/// [`ProgressImport::refusal`] says why), with the sheet or file of each
/// problem. A file in the list may be a workbook (feature `workbook`). Only
/// input that cannot be read at all (over the byte limit, a workbook this
/// build does not read or that is damaged) is an [`ImportError`].
pub fn check_files(
    files: &[(&str, &[u8])],
    limits: &ImportLimits,
) -> Result<ProgressImport, ImportError> {
    let (sources, problems) = sources_of(files, limits)?;
    Ok(read::collect(sources, problems))
}

/// Whether the bytes are a zip archive (a workbook), not CSV or JSON.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}
