//! Import of exported implementation data (JSON and spreadsheet CSV), validated
//! row by row.
//!
//! Imports degrade, they do not fail wholesale: good rows load, bad rows are
//! reported as [`Problem`]s naming the row (as the spreadsheet numbers it, header
//! = row 1), the column, the value and the rule. Only a file that cannot be read
//! at all, or that has no valid row, is an [`ImportError`].
//!
//! Start at [`import_bytes`] (default [`ImportLimits`]) or [`import_with`]
//! (limits of your own, and what was kept aside: the format, the encoding,
//! unknown columns). The format is described in `docs/data-format.md`; the
//! parsers for single values ([`parse_paragraph_refs`], [`parse_date`],
//! [`parse_progress`], [`split_list`], and `Status::parse`, `Track::parse`,
//! `Sdg::parse` in the model) are public so that other inputs (query strings,
//! forms) read values the same way. [`write_csv`] and [`write_json`] write a
//! dataset back in the format, escaping cells that a spreadsheet would run as
//! formulas.
//!
//! Nothing here panics on any input: hostile input gives an error value.

mod csv_input;
mod dates;
mod fields;
mod json_input;
mod refs;
mod stream;
mod text;
mod write;

pub use dates::{parse_date, DateError};
pub use fields::{parse_progress, split_list, Field};
pub use refs::{format_paragraph_refs, parse_paragraph_refs, ParagraphRefError};
pub use stream::{ImportSource, Pieces};
pub use text::TextEncoding;
pub use write::{escape_formula, write_csv, write_json, CsvOptions};

// Shared with the indicators and reporting tables (`core::progress`), which
// read CSV the same way.
pub(crate) use csv_input::{cell_text, sep_line, RowCounter};
#[cfg(test)]
pub(crate) use fields::is_header_key;
pub(crate) use fields::{normalize_header, shorten, write_json_str};
pub(crate) use stream::Window;
pub(crate) use text::decode as decode_text;

use crate::core::model::Dataset;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row was skipped.
    Error,
    /// The row loaded without the value.
    Warning,
}

/// What the `row` of a [`Problem`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowUnit {
    /// A spreadsheet row (CSV; header = row 1); its column is a header.
    #[default]
    Row,
    /// The 1-based index of an activity in a JSON file's `activities`; its
    /// column is a field name.
    Activity,
}

/// One problem found in one place of the input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Error (row skipped) or warning (value dropped).
    pub severity: Severity,
    /// Row as the spreadsheet numbers it (header = 1), or the 1-based index of
    /// the activity in a JSON file; `None` for file-level problems.
    pub row: Option<usize>,
    /// The column or field name.
    pub column: Option<String>,
    /// The offending value, shortened for display.
    pub value: Option<String>,
    /// The rule it broke, in words a person can act on.
    pub rule: String,
    /// Whether `row` is a spreadsheet row or a JSON activity index.
    pub unit: RowUnit,
    /// First and last line of the file, for a CSV record that spans several
    /// lines because a quoted cell holds line breaks (its `row` is still the
    /// spreadsheet row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<(usize, usize)>,
}

impl Problem {
    /// A problem with the whole file, not one row.
    pub fn file_error(rule: impl Into<String>) -> Problem {
        Problem::file(Severity::Error, rule.into())
    }

    /// A warning about the whole file.
    pub fn file_warning(rule: impl Into<String>) -> Problem {
        Problem::file(Severity::Warning, rule.into())
    }

    fn file(severity: Severity, rule: String) -> Problem {
        Problem {
            severity,
            row: None,
            column: None,
            value: None,
            rule,
            unit: RowUnit::Row,
            lines: None,
        }
    }

    /// Whether the row was skipped.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// One line: `error: row 5, column 'Status', value 'wip': status must be …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}")?;
        let (unit, column) = match self.unit {
            RowUnit::Row => ("row", "column"),
            RowUnit::Activity => ("activity", "field"),
        };
        let mut sep = ": ";
        if let Some(r) = self.row {
            write!(f, "{sep}{unit} {r}")?;
            if let Some((first, last)) = self.lines {
                write!(
                    f,
                    " (file lines {first}–{last}: a quoted cell holds line breaks)"
                )?;
            }
            sep = ", ";
        }
        if let Some(c) = &self.column {
            write!(f, "{sep}{column} '{c}'")?;
            sep = ", ";
        }
        if let Some(v) = &self.value {
            write!(f, "{sep}value '{v}'")?;
        }
        write!(f, ": {}", self.rule)
    }
}

/// What an import produced: the rows it could read and every problem.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportReport {
    /// The valid activities.
    pub dataset: Dataset,
    /// Every problem, in input order.
    pub problems: Vec<Problem>,
    /// Data rows (or JSON activities) seen, valid or not.
    pub rows_read: usize,
}

impl ImportReport {
    /// Number of problems that skipped a row.
    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.problems.len() - self.error_count()
    }

    /// Number of activities loaded.
    pub fn loaded(&self) -> usize {
        self.dataset.activities.len()
    }

    /// `N rows read, N loaded, N errors, N warnings`.
    pub fn summary_line(&self) -> String {
        summary_line(
            self.rows_read,
            self.loaded(),
            self.error_count(),
            self.warning_count(),
        )
    }
}

fn summary_line(read: usize, loaded: usize, errors: usize, warnings: usize) -> String {
    use crate::core::number::count;
    format!(
        "{} read, {loaded} loaded, {}, {}",
        count(read, "row", "rows"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    )
}

/// A file that could not be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// What is wrong and, where known, where.
    pub message: String,
    /// Row-level problems found before giving up (for a file with no valid row).
    pub problems: Vec<Problem>,
    /// The input's format when this build has no reader for it (a web
    /// module built with one reader: the `read-csv` and `read-json`
    /// features); `None` for every other error.
    pub not_built: Option<InputFormat>,
}

impl ImportError {
    /// An error with a message and no row problems.
    pub fn new(message: impl Into<String>) -> ImportError {
        ImportError {
            message: message.into(),
            problems: Vec::new(),
            not_built: None,
        }
    }

    /// An error with a message and the row problems found before it.
    fn with_problems(message: impl Into<String>, problems: Vec<Problem>) -> ImportError {
        ImportError {
            message: message.into(),
            problems,
            not_built: None,
        }
    }

    /// Whether rows were read and all had errors (rather than the file being
    /// unreadable, too large or empty).
    pub fn rows_had_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.is_error() && p.row.is_some())
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// Limits past which an input is refused whole (with a message that names the
/// limit). Change them for callers that need more or less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportLimits {
    /// Largest input in bytes (default 50 MB = 50,000,000 bytes).
    pub max_bytes: usize,
    /// Most data rows (CSV) or activities (JSON) (default 500,000).
    pub max_rows: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_bytes: 50_000_000,
            max_rows: 500_000,
        }
    }
}

/// Which format an input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// A JSON export (first non-blank character `{` or `[`).
    Json,
    /// Delimited text as a spreadsheet saves it.
    Csv,
}

/// Columns (CSV) or fields (JSON) that are not part of the format, kept aside
/// so that a conversion can carry them over.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ExtraFields {
    /// Their names as the input wrote them, in input order.
    pub names: Vec<String>,
    /// For each loaded activity (same order as `dataset.activities`), its
    /// non-blank extra fields as (index into `names`, value), in `names`
    /// order. Sparse: a file where every activity brings a key of its own
    /// costs memory in proportion to its size. Empty when `names` is.
    pub values: Vec<Vec<(usize, String)>>,
}

impl ExtraFields {
    /// The value of extra field `name` (an index into `names`) for loaded
    /// activity `activity`.
    pub fn value(&self, activity: usize, name: usize) -> Option<&str> {
        let row = self.values.get(activity)?;
        let at = row.binary_search_by_key(&name, |(j, _)| *j).ok()?;
        row.get(at).map(|(_, v)| v.as_str())
    }
}

/// Everything an import found: the report plus how the input was read and
/// what was kept aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportOutcome {
    /// The activities and problems.
    pub report: ImportReport,
    /// JSON or CSV.
    pub format: InputFormat,
    /// The text encoding detected.
    pub encoding: TextEncoding,
    /// The CSV delimiter detected (`None` for JSON).
    pub delimiter: Option<char>,
    /// Unknown columns or fields, kept aside.
    pub extra: ExtraFields,
}

/// Reads an export, detecting JSON or CSV from its first bytes, with the
/// default [`ImportLimits`].
///
/// ```
/// use kyoto_widgets::core::import::import_bytes;
/// let csv = "id,title,paragraphs,status\nA1,Training,\"93-95\",in progress\n";
/// let report = import_bytes(csv.as_bytes()).unwrap();
/// assert_eq!(report.dataset.activities[0].paragraphs, [93, 94, 95]);
/// assert_eq!(report.summary_line(), "1 row read, 1 loaded, 0 errors, 0 warnings");
/// ```
pub fn import_bytes(bytes: &[u8]) -> Result<ImportReport, ImportError> {
    import_with(bytes, &ImportLimits::default()).map(|o| o.report)
}

/// Reads an export with the given limits, returning how it was read and what
/// was kept aside as well as the report.
pub fn import_with(bytes: &[u8], limits: &ImportLimits) -> Result<ImportOutcome, ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(too_large(bytes.len(), limits));
    }
    let (text, encoding, mut problems) = text::decode(bytes);
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if body.is_empty() {
        return Err(ImportError::with_problems("the input is empty", problems));
    }
    // JSON when it looks like it; a lone JSON value ("text", 42) is JSON too,
    // so that it gets the JSON message. Parsing a CSV as JSON fails at once.
    let is_json =
        body.starts_with(['{', '[']) || serde_json::from_str::<serde::de::IgnoredAny>(body).is_ok();
    let (format, read) = if is_json {
        (InputFormat::Json, read_json(body, limits, &mut problems))
    } else {
        // The CSV reader reads from a reader; the text is whole here.
        let mut src = std::io::Cursor::new(text.as_bytes());
        let mut text = stream::Text::new(&mut src, stream::Mode::Utf8, usize::MAX);
        (InputFormat::Csv, read_csv(&mut text, limits, &mut problems))
    };
    conclude(format, read, problems, encoding)
}

/// Reads an export from `source` with the given limits, like [`import_with`]
/// but without holding the export whole: the bytes are read and decoded a
/// block (64 KB) at a time and only the activities read from them are kept.
/// The start of the input is read more than once (to tell JSON from CSV and
/// to find the CSV header), and an input that turns out not to be UTF-8 is
/// read again from its first byte as Windows-1252. The outcome is that of
/// [`import_with`] over the same bytes.
///
/// ```
/// use kyoto_widgets::core::import::{import_reader, ImportLimits};
/// let csv = "id,title,paragraphs,status\nA1,Training,\"93-95\",in progress\n";
/// let mut source = std::io::Cursor::new(csv.as_bytes());
/// let outcome = import_reader(&mut source, &ImportLimits::default()).unwrap();
/// assert_eq!(outcome.report.dataset.activities[0].paragraphs, [93, 94, 95]);
/// ```
pub fn import_reader(
    source: &mut dyn ImportSource,
    limits: &ImportLimits,
) -> Result<ImportOutcome, ImportError> {
    if let Some(n) = source.byte_len() {
        if n > limits.max_bytes {
            return Err(too_large(n, limits));
        }
    }
    source.rewind().map_err(unreadable)?;
    // The first four bytes (fewer when the input is shorter) choose the
    // decoding (read into more room: a source may hand out whole characters).
    let mut head = [0u8; 64];
    let mut got = 0;
    while got < 4 {
        match stream::read_source(source, head.get_mut(got..).unwrap_or_default())
            .map_err(unreadable)?
        {
            0 => break,
            n => got += n,
        }
    }
    let mode = stream::sniff(head.get(..got).unwrap_or_default());
    let (mut result, mut findings) = read_text(source, mode, limits, Vec::new());
    if let Some((byte, at)) = findings.not_utf8.filter(|_| !findings.too_large) {
        let line = stream::line_of(source, at).map_err(unreadable)?;
        let warning = text::not_utf8_warning(byte, at, line);
        (result, findings) = read_text(source, stream::Mode::Windows1252, limits, vec![warning]);
    }
    if findings.too_large {
        let n = stream::byte_count(source).map_err(unreadable)?;
        result = Err(too_large(n, limits));
    }
    result
}

fn unreadable(e: std::io::Error) -> ImportError {
    ImportError::new(format!("the input could not be read: {e}"))
}

fn too_large(n: usize, limits: &ImportLimits) -> ImportError {
    ImportError::new(format!(
        "the input is {} bytes; the limit is {} bytes{}",
        n,
        limits.max_bytes,
        human_bytes(limits.max_bytes)
    ))
}

/// One reading of `source` as text in `mode`; the findings say whether it
/// must be read again (not UTF-8) or refused (too large), whatever the
/// result.
fn read_text(
    source: &mut dyn ImportSource,
    mode: stream::Mode,
    limits: &ImportLimits,
    first: Vec<Problem>,
) -> (Result<ImportOutcome, ImportError>, stream::Findings) {
    let mut text = stream::Text::new(source, mode, limits.max_bytes);
    let result = read_text_in(&mut text, limits, first);
    (result, text.findings)
}

fn read_text_in(
    text: &mut stream::Text<'_>,
    limits: &ImportLimits,
    mut problems: Vec<Problem>,
) -> Result<ImportOutcome, ImportError> {
    let encoding = text.mode.encoding();
    // Where the body starts: past white space and marks; and whether it is
    // JSON: it starts with `{` or `[`, or it is a lone JSON value ("text",
    // 42), so that it gets the JSON message.
    let (body_at, is_json) = {
        let mut d = text.open(0).map_err(unreadable)?;
        let mut at = 0;
        let first = loop {
            let t = d.text();
            if let Some((i, c)) = t
                .char_indices()
                .find(|&(_, c)| !(c.is_whitespace() || c == '\u{FEFF}'))
            {
                at += i;
                d.consume(i);
                break Some(c);
            }
            at += t.len();
            d.consume(t.len());
            if !d.more().map_err(unreadable)? {
                break None;
            }
        };
        let is_json = match first {
            Some('{' | '[') => true,
            Some(_) => json_input::lone_value(&mut d).map_err(unreadable)?,
            None => false,
        };
        (first.map(|_| at), is_json)
    };
    let Some(body_at) = body_at else {
        problems.append(&mut text.findings.warnings);
        return Err(ImportError::with_problems("the input is empty", problems));
    };
    let mut found = Vec::new();
    let (format, read) = if is_json {
        (
            InputFormat::Json,
            read_json_stream(text, body_at, limits, &mut found),
        )
    } else {
        (InputFormat::Csv, read_csv(text, limits, &mut found))
    };
    if matches!(read, Err(Unread::NotBuilt)) {
        // Nothing more to learn from the rest: another module reads it.
        return conclude(format, read, Vec::new(), encoding);
    }
    if !text.findings.complete {
        // The reading stopped early: read the rest for the decoding's findings
        // (an error here: the findings say why).
        text.open(0)
            .and_then(|mut d| d.drain())
            .map_err(unreadable)?;
    }
    problems.append(&mut text.findings.warnings);
    problems.append(&mut found);
    conclude(format, read, problems, encoding)
}

/// Why a format's reader gave no [`FormatRead`].
enum Unread {
    /// The input could not be read as its format: why.
    Failed(String),
    /// This build has no reader for the format.
    NotBuilt,
}

impl From<String> for Unread {
    fn from(message: String) -> Unread {
        Unread::Failed(message)
    }
}

/// What an import says of an input in a format it was built without: the
/// web modules of the loader's choice read one format (kyoto.js picks one by
/// the `src`'s extension and moves the widget to the module with both when
/// the data turns out to be the other; see `web::data::hand_over`).
fn not_built_message(format: InputFormat) -> String {
    // Not "CSV": whatever is not JSON is read as CSV, and may be neither
    // (an error page served in place of the export).
    let (is, reads) = match format {
        InputFormat::Json => ("JSON", "CSV"),
        InputFormat::Csv => ("not JSON", "JSON"),
    };
    format!("the data is {is}{NOT_BUILT}{reads} only")
}

/// What the message of an input in a format the build has no reader for
/// says, whatever the format (see [`ImportError::not_built`]); callers that
/// pass errors on as text look for it.
pub const NOT_BUILT: &str = ", and this module reads ";

// The readers of the two formats. A build without a reader's feature
// answers its format with `Unread::NotBuilt` (every native build has both;
// see Cargo.toml): the test is a constant, so the reader is left out.

fn read_json(
    body: &str,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, Unread> {
    if !cfg!(feature = "read-json") {
        return Err(Unread::NotBuilt);
    }
    json_input::read(body, limits, problems).map_err(Unread::from)
}

fn read_json_stream(
    text: &mut stream::Text<'_>,
    body_at: usize,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, Unread> {
    if !cfg!(feature = "read-json") {
        return Err(Unread::NotBuilt);
    }
    json_input::read_stream(text, body_at, limits, problems).map_err(Unread::from)
}

fn read_csv(
    text: &mut stream::Text<'_>,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, Unread> {
    if !cfg!(feature = "read-csv") {
        return Err(Unread::NotBuilt);
    }
    csv_input::read(text, limits, problems).map_err(Unread::from)
}

/// The outcome of a format's reading.
fn conclude(
    format: InputFormat,
    read: Result<FormatRead, Unread>,
    problems: Vec<Problem>,
    encoding: TextEncoding,
) -> Result<ImportOutcome, ImportError> {
    let read = match read {
        Ok(r) => r,
        Err(Unread::Failed(message)) => return Err(ImportError::with_problems(message, problems)),
        Err(Unread::NotBuilt) => {
            return Err(ImportError {
                message: not_built_message(format),
                problems: Vec::new(),
                not_built: Some(format),
            })
        }
    };
    let report = ImportReport {
        dataset: read.dataset,
        problems,
        rows_read: read.rows_read,
    };
    if report.dataset.activities.is_empty() {
        let message = if report.rows_read == 0 {
            match format {
                InputFormat::Json => "the JSON has no activities".to_string(),
                InputFormat::Csv => "the file has a header row but no data rows".to_string(),
            }
        } else {
            format!(
                "no valid row: {}; fix the errors listed and import again",
                summary_line(
                    report.rows_read,
                    0,
                    report.error_count(),
                    report.warning_count()
                )
            )
        };
        return Err(ImportError::with_problems(message, report.problems));
    }
    Ok(ImportOutcome {
        report,
        format,
        encoding,
        delimiter: read.delimiter,
        extra: read.extra,
    })
}

/// " (50 MB)" for a round number of megabytes, else nothing.
fn human_bytes(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!(" ({} MB)", n / 1_000_000)
    } else {
        String::new()
    }
}

/// What a format reader hands back.
pub(crate) struct FormatRead {
    pub dataset: Dataset,
    pub rows_read: usize,
    pub delimiter: Option<char>,
    pub extra: ExtraFields,
}

/// The ids seen so far and where, to report duplicates. Ids are kept in one
/// arena string and found through their hash, so registering an id allocates
/// nothing per row. It also keeps the names the activities share ([`Names`]).
#[derive(Default)]
pub(crate) struct IdRegistry {
    /// Leads, partners and countries, one copy of each.
    pub names: Names,
    arena: String,
    /// Start in `arena` (its end is the next one's start, or the arena's
    /// end), row, next entry with the same hash (`u32::MAX`: none). Twelve
    /// bytes: this table has a row per row of the input.
    entries: Vec<(u32, u32, u32)>,
    /// Hash (`hash32`) → the last entry with it.
    by_hash: HashMap<u32, u32, BuildHasherDefault<PassThroughHasher>>,
}

impl IdRegistry {
    /// Records `id` at `row`; returns the earlier row if it was seen before.
    pub fn register(&mut self, id: &str, row: usize) -> Option<usize> {
        const NONE: u32 = u32::MAX;
        let hash = hash32(id);
        let mut next = self.by_hash.get(&hash).copied().unwrap_or(NONE);
        while next != NONE {
            let e = next as usize;
            let (start, first_row, chain) = *self.entries.get(e)?;
            let end = self
                .entries
                .get(e + 1)
                .map_or(self.arena.len(), |n| n.0 as usize);
            if self.arena.get(start as usize..end) == Some(id) {
                return Some(first_row as usize);
            }
            next = chain;
        }
        // Past 4 GB of ids or rows the table stops recording (the input
        // limits keep far below).
        let (Ok(start), Ok(row), Ok(index)) = (
            u32::try_from(self.arena.len()),
            u32::try_from(row),
            u32::try_from(self.entries.len()),
        ) else {
            return None;
        };
        self.arena.push_str(id);
        let chain = self.by_hash.insert(hash, index).unwrap_or(NONE);
        self.entries.push((start, row, chain));
        None
    }
}

/// One shared copy of each name (lead, partner, country) an import meets:
/// a dataset names the same organisations and countries again and again.
#[derive(Default)]
pub(crate) struct Names {
    /// The names kept, and for each the next one with the same hash
    /// (`u32::MAX`: none).
    names: Vec<(crate::core::model::Name, u32)>,
    /// Hash (`hash32`) → the last name kept with it.
    by_hash: HashMap<u32, u32, BuildHasherDefault<PassThroughHasher>>,
}

impl Names {
    /// At most this many names are kept for sharing (free text in a list
    /// column would otherwise make the table as large as the column).
    const MOST: usize = 50_000;

    /// The shared copy of `name`.
    pub fn get(&mut self, name: &str) -> crate::core::model::Name {
        let hash = hash32(name);
        let mut next = self.by_hash.get(&hash).copied().unwrap_or(u32::MAX);
        while let Some((same, chain)) = self.names.get(next as usize) {
            if **same == *name {
                return same.clone();
            }
            next = *chain;
        }
        let shared = crate::core::model::Name::from(name);
        if self.names.len() < Self::MOST {
            // Fewer than MOST: the index fits.
            let index = self.names.len() as u32;
            let chain = self.by_hash.insert(hash, index).unwrap_or(u32::MAX);
            self.names.push((shared.clone(), chain));
        }
        shared
    }
}

/// A 32-bit hash of a short text (an id, a name): the high half of the
/// state, where the products mix every bit.
fn hash32(text: &str) -> u32 {
    (hash_more(text.len() as u64, text.as_bytes()) >> 32) as u32
}

/// Hashes `bytes` into the state `h`, eight bytes at a time (so a text
/// hashed in pieces whose lengths are multiples of eight gets the hash of
/// the text whole). Fast, not for adversaries.
pub(crate) fn hash_more(mut h: u64, bytes: &[u8]) -> u64 {
    for bytes in bytes.chunks(8) {
        let mut word = [0u8; 8];
        if let Some(to) = word.get_mut(..bytes.len()) {
            to.copy_from_slice(bytes);
        }
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        // Spread over the high bits too: the table takes its groups from them.
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_lines() {
        let p = Problem {
            severity: Severity::Error,
            row: Some(5),
            column: Some("Status".into()),
            value: Some("wip".into()),
            rule: "status must be …".into(),
            unit: RowUnit::Row,
            lines: Some((5, 7)),
        };
        assert_eq!(
            p.to_string(),
            "error: row 5 (file lines 5–7: a quoted cell holds line breaks), column 'Status', value 'wip': status must be …"
        );
        assert_eq!(Problem::file_warning("x").to_string(), "warning: x");
    }

    #[test]
    fn duplicate_ids_are_found() {
        let mut ids = IdRegistry::default();
        assert_eq!(ids.register("A-1", 2), None);
        assert_eq!(ids.register("A-2", 3), None);
        assert_eq!(ids.register("A-1", 4), Some(2));
        assert_eq!(ids.register("a-1", 5), None);
        for i in 0..10_000 {
            assert_eq!(ids.register(&format!("X{i}"), i + 10), None);
        }
        assert_eq!(ids.register("X9999", 1), Some(10_009));
    }

    #[test]
    fn limits_are_named() {
        let limits = ImportLimits {
            max_bytes: 10,
            max_rows: 1,
        };
        let e = import_with(b"id,title,paragraphs,status\n", &limits).unwrap_err();
        assert_eq!(e.message, "the input is 27 bytes; the limit is 10 bytes");
    }
}
