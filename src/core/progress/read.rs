//! Reading the five tables: from CSV (as spreadsheets save it, with the
//! activity import's decoding: byte-order marks, UTF-16, Windows-1252,
//! `sep=;`, comma, semicolon or tab), from JSON, and (through
//! [`super::workbook`]) from workbook sheets. Every input becomes a
//! [`Source`]: named rows of typed cells. The table readers then check each
//! row the same way whatever the input, so a CSV file and a sheet holding
//! the same cells give the same rows and the same problems.

use super::model::*;
use super::{ProgressImport, ProgressProblem};
use crate::core::import::{
    cell_text, decode_text, normalize_header, parse_date, parse_paragraph_refs, sep_line, shorten,
    split_list, IdRegistry, ImportError, ImportLimits, Problem, RowCounter, RowUnit, Severity,
    Window,
};
use crate::core::model::{PartialDate, Pillar};
use crate::core::order::{sort_by, sort_by_key, sort_dedup};
use csv::{ReaderBuilder, StringRecord};
use std::collections::{HashMap, HashSet};

/// Rows searched for the header (title rows may stand above it).
const HEADER_SEARCH: usize = 10;

/// One cell as the input typed it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellValue {
    Empty,
    /// Text, trimmed and not empty.
    Text(String),
    /// A number cell (workbook, JSON).
    Number(f64),
    /// A boolean cell (workbook, JSON).
    Bool(bool),
    /// A date cell (a workbook, or its sheets as text).
    Date(PartialDate),
    /// A spreadsheet error (`#N/A`) or a JSON value that is no cell (an
    /// object): what to say about it.
    Invalid(String),
}

impl CellValue {
    /// Text as a cell, `Empty` when blank.
    pub(crate) fn text(s: &str) -> CellValue {
        let t = s.trim();
        if t.is_empty() {
            CellValue::Empty
        } else {
            CellValue::Text(t.to_string())
        }
    }

    /// The cell as text (numbers as [`format_number`] writes them, dates in
    /// ISO 8601, booleans as `true`/`false`); `None` when empty or invalid.
    fn as_text(&self) -> Option<String> {
        match self {
            CellValue::Empty | CellValue::Invalid(_) => None,
            CellValue::Text(s) => Some(s.clone()),
            CellValue::Number(n) => Some(format_number(*n)),
            CellValue::Bool(b) => Some(b.to_string()),
            CellValue::Date(d) => Some(d.to_string()),
        }
    }

    /// The value as shown in a problem.
    fn shown(&self) -> Option<String> {
        match self {
            CellValue::Invalid(what) => Some(shorten(what)),
            other => other.as_text().map(|t| shorten(&t)),
        }
    }
}

/// A table as read from one sheet or file, before its rows are checked.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Sheet or file name, as problems name it.
    pub sheet: String,
    pub in_workbook: bool,
    /// The table its name tells, if any.
    pub table: Option<Table>,
    /// Spreadsheet rows, or JSON records.
    pub unit: RowUnit,
    /// JSON: the keys, in order of first appearance (the header of every
    /// record). Otherwise found among the first rows.
    pub header: Option<Vec<String>>,
    /// Non-blank rows: row number (or record number) and cells.
    pub rows: Vec<(usize, Vec<CellValue>)>,
}

/// One column of a table.
struct Col {
    /// The canonical header.
    key: &'static str,
    /// Accepted headers, normalised (lower case, letters and digits).
    aliases: &'static [&'static str],
    required: bool,
}

const fn col(key: &'static str, aliases: &'static [&'static str], required: bool) -> Col {
    Col {
        key,
        aliases,
        required,
    }
}

// Column indices per table (positions in the table's spec).
mod ind {
    pub const ID: usize = 0;
    pub const PILLAR: usize = 1;
    pub const THEME: usize = 2;
    pub const PARAGRAPHS: usize = 3;
    pub const TITLE: usize = 4;
    pub const UNIT: usize = 5;
    pub const DIRECTION: usize = 6;
    pub const BASELINE_YEAR: usize = 7;
    pub const BASELINE_VALUE: usize = 8;
    pub const TARGET_YEAR: usize = 9;
    pub const TARGET_VALUE: usize = 10;
    pub const SDG: usize = 11;
    pub const SOURCE: usize = 12;
    pub const FOOTNOTE: usize = 13;
}
/// The area of an observation, an answer or a report: the same names in
/// every table.
const AREA: Col = col(
    "area",
    &[
        "area",
        "areacode",
        "country",
        "countrycode",
        "iso3",
        "geoarea",
        "geoareacode",
        "refarea",
    ],
    true,
);
/// The reporting cycle of an answer or a report.
const CYCLE: Col = col("cycle", &["cycle", "reportingcycle", "round"], true);

const INDICATORS: [Col; 14] = [
    col("id", &["id", "indicatorid", "indicatorcode", "code"], true),
    col("pillar", &["pillar"], true),
    col("theme", &["theme"], false),
    col(
        "paragraphs",
        &[
            "paragraphs",
            "paragraph",
            "paras",
            "para",
            "kyotoparagraphs",
            "declarationparagraphs",
        ],
        false,
    ),
    col(
        "title",
        &[
            "title",
            "name",
            "indicator",
            "indicatortitle",
            "indicatorname",
        ],
        true,
    ),
    col(
        "unit",
        &["unit", "units", "unitofmeasure", "measure"],
        false,
    ),
    col(
        "direction",
        &[
            "direction",
            "desireddirection",
            "normativedirection",
            "polarity",
        ],
        true,
    ),
    col("baseline_year", &["baselineyear", "baseyear"], false),
    col(
        "baseline_value",
        &["baselinevalue", "baseline", "basevalue"],
        false,
    ),
    col("target_year", &["targetyear"], false),
    col("target_value", &["targetvalue", "target"], false),
    col(
        "sdg_indicator",
        &["sdgindicator", "sdg", "sdgindicatorcode"],
        false,
    ),
    col("source", &["source", "datasource"], false),
    col(
        "footnote",
        &["footnote", "footnotes", "note", "notes"],
        false,
    ),
];

mod obs {
    pub const INDICATOR: usize = 0;
    pub const AREA: usize = 1;
    pub const PERIOD: usize = 2;
    pub const VALUE: usize = 3;
    pub const SEX: usize = 4;
    pub const AGE: usize = 5;
    pub const STATUS: usize = 6;
    pub const COMMENT: usize = 7;
}
const INDICATOR_DATA: [Col; 8] = [
    col(
        "indicator",
        &["indicator", "indicatorid", "indicatorcode", "id"],
        true,
    ),
    AREA,
    col("period", &["period", "timeperiod", "year", "time"], true),
    col("value", &["value", "obsvalue", "observation"], true),
    col("sex", &["sex"], false),
    col("age", &["age", "agegroup"], false),
    col(
        "status",
        &["status", "observationstatus", "obsstatus"],
        false,
    ),
    col(
        "comment",
        &["comment", "comments", "note", "notes", "footnote"],
        false,
    ),
];

mod qst {
    pub const ID: usize = 0;
    pub const PILLAR: usize = 1;
    pub const PARAGRAPHS: usize = 2;
    pub const INDICATOR: usize = 3;
    pub const TYPE: usize = 4;
    pub const CHOICES: usize = 5;
    pub const TEXT: usize = 6;
}
const QUESTIONS: [Col; 7] = [
    col("id", &["id", "questionid", "code"], true),
    col("pillar", &["pillar"], true),
    col(
        "paragraphs",
        &[
            "paragraphs",
            "paragraph",
            "paras",
            "para",
            "kyotoparagraphs",
            "declarationparagraphs",
        ],
        false,
    ),
    col("indicator", &["indicator", "indicatorid"], false),
    col("type", &["type", "questiontype", "answertype"], true),
    col(
        "choices",
        &["choices", "options", "answeroptions", "codes"],
        false,
    ),
    col(
        "text",
        &["text", "question", "questiontext", "wording"],
        true,
    ),
];

mod rsp {
    pub const CYCLE: usize = 0;
    pub const AREA: usize = 1;
    pub const RESPONDENT_TYPE: usize = 2;
    pub const RESPONDENT: usize = 3;
    pub const QUESTION: usize = 4;
    pub const ANSWER: usize = 5;
    pub const SUBMITTED_ON: usize = 6;
    pub const STATUS: usize = 7;
    pub const EVIDENCE: usize = 8;
}
const RESPONSES: [Col; 9] = [
    CYCLE,
    AREA,
    col(
        "respondent_type",
        &[
            "respondenttype",
            "typeofrespondent",
            "respondentcategory",
            "stakeholdertype",
        ],
        true,
    ),
    col(
        "respondent",
        &[
            "respondent",
            "respondentname",
            "organization",
            "organisation",
        ],
        true,
    ),
    col("question", &["question", "questionid"], true),
    col("answer", &["answer", "response", "value"], true),
    col(
        "submitted_on",
        &[
            "submittedon",
            "submitted",
            "datesubmitted",
            "submissiondate",
        ],
        false,
    ),
    col("status", &["status", "responsestatus"], true),
    col(
        "evidence",
        &["evidence", "evidencelink", "link", "url"],
        false,
    ),
];

mod rep {
    pub const ID: usize = 0;
    pub const AREA: usize = 1;
    pub const CYCLE: usize = 2;
    pub const TYPE: usize = 3;
    pub const DUE_ON: usize = 4;
    pub const SUBMITTED_ON: usize = 5;
    pub const PILLARS: usize = 6;
    pub const PARAGRAPHS: usize = 7;
    pub const LANGUAGES: usize = 8;
    pub const LINK: usize = 9;
}
const REPORTS: [Col; 10] = [
    col("id", &["id", "reportid", "symbol"], true),
    AREA,
    CYCLE,
    col("type", &["type", "reporttype"], true),
    col("due_on", &["dueon", "due", "duedate", "deadline"], false),
    col(
        "submitted_on",
        &[
            "submittedon",
            "submitted",
            "datesubmitted",
            "submissiondate",
            "received",
        ],
        false,
    ),
    col("pillars", &["pillars", "pillar", "pillarscovered"], false),
    col(
        "paragraphs",
        &[
            "paragraphs",
            "paragraph",
            "paragraphscovered",
            "paras",
            "para",
        ],
        false,
    ),
    col("languages", &["languages", "language"], false),
    col("link", &["link", "url", "document"], false),
];

fn spec(table: Table) -> &'static [Col] {
    match table {
        Table::Indicators => &INDICATORS,
        Table::IndicatorData => &INDICATOR_DATA,
        Table::Questions => &QUESTIONS,
        Table::Responses => &RESPONSES,
        Table::Reports => &REPORTS,
    }
}

/// The spec column a header names.
fn column_of(table: Table, header: &str) -> Option<usize> {
    let key = normalize_header(header);
    if key.is_empty() {
        return None;
    }
    spec(table)
        .iter()
        .position(|c| c.aliases.contains(&key.as_str()))
}

/// How many spec columns a row of headers names, and whether all required
/// ones are among them.
fn header_score(table: Table, cells: &[String]) -> (usize, bool) {
    let mut seen = vec![false; spec(table).len()];
    for c in cells {
        if let Some(i) = column_of(table, c) {
            if let Some(s) = seen.get_mut(i) {
                *s = true;
            }
        }
    }
    let score = seen.iter().filter(|s| **s).count();
    let complete = spec(table)
        .iter()
        .zip(&seen)
        .all(|(c, s)| !c.required || *s);
    (score, complete)
}

// ---------------------------------------------------------------- numbers

/// Why a number could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number.
    Unreadable,
    /// `1,234`: a decimal or a thousands separator.
    Ambiguous,
}

/// Reads a number as spreadsheets and people write it: `12.5`, `12,5`
/// (decimal comma), `1,234.5` and `1.234,5` (the last separator is the
/// decimal one), `1 234 567` (spaces, also no-break, between digit groups),
/// `45%` (read as 45), `-3`, `1e3`. `1,234` is refused as ambiguous.
///
/// ```
/// use kyoto_widgets::core::progress::parse_number;
/// assert_eq!(parse_number("1 234,5"), Ok(1234.5));
/// assert!(parse_number("1,234").is_err());
/// ```
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    let mut s: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E'))
        || !s.chars().any(|c| c.is_ascii_digit())
    {
        return Err(NumberError::Unreadable);
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    if commas > 0 && dots > 0 {
        let (last_comma, last_dot) = (s.rfind(',').unwrap_or(0), s.rfind('.').unwrap_or(0));
        if last_comma > last_dot {
            if commas > 1 {
                return Err(NumberError::Unreadable);
            }
            s = s.replace('.', "").replace(',', ".");
        } else {
            if dots > 1 {
                return Err(NumberError::Unreadable);
            }
            s = s.replace(',', "");
        }
    } else if commas == 1 {
        let after = s.split(',').nth(1).unwrap_or_default();
        if after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::Ambiguous);
        }
        s = s.replace(',', ".");
    } else if commas > 1 {
        // Thousands separators: groups of three digits after the first.
        let mut groups = s.split(',');
        let first_ok = groups
            .next()
            .is_some_and(|g| !g.is_empty() && g.trim_start_matches(['-', '+']).len() <= 3);
        if !first_ok || !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return Err(NumberError::Unreadable);
        }
        s = s.replace(',', "");
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(NumberError::Unreadable),
    }
}

/// A number as the crate writes it: whole numbers without a decimal point
/// (`2023`), others in the shortest form that reads back the same (`12.5`),
/// as Rust's `{}` writes them, without the standard library's float
/// printing: [`crate::core::number::shortest`], under the name the progress
/// tables pair with [`parse_number`].
pub use crate::core::number::shortest as format_number;

// ---------------------------------------------------------------- sources

/// Reads one file (CSV or JSON, or a workbook when the feature is on) into
/// sources.
pub(crate) fn file_sources(
    name: &str,
    bytes: &[u8],
    limits: &ImportLimits,
    sources: &mut Vec<Source>,
    problems: &mut Vec<ProgressProblem>,
) -> Result<(), ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(ImportError::new(format!(
            "'{}' is {} bytes; the limit is {} bytes",
            shorten(name),
            bytes.len(),
            limits.max_bytes
        )));
    }
    if super::is_workbook(bytes) {
        #[cfg(feature = "workbook")]
        {
            let (mut s, mut p) = super::workbook::sources(bytes, limits)?;
            sources.append(&mut s);
            problems.append(&mut p);
            return Ok(());
        }
        #[cfg(not(feature = "workbook"))]
        return Err(ImportError::new(format!(
            "'{}' is a workbook (.xlsx or .ods), and this build reads CSV and JSON only: save each sheet as CSV",
            shorten(name)
        )));
    }
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let (text, _, decoding) = decode_text(bytes);
    let file_problem = |p: Problem| ProgressProblem {
        sheet: name.to_string(),
        in_workbook: false,
        table: Table::from_name(stem),
        problem: p,
    };
    problems.extend(decoding.into_iter().map(file_problem));
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if body.is_empty() {
        problems.push(file_problem(Problem::file_error("the file is empty")));
        return Ok(());
    }
    if super::sheets::is_sheets(body) {
        let (mut s, mut p) = super::sheets::read(name, body)?;
        sources.append(&mut s);
        problems.append(&mut p);
    } else if body.starts_with(['{', '[']) {
        match super::json::json_sources(name, stem, body, limits) {
            Ok(mut s) => sources.append(&mut s),
            Err(message) => problems.push(file_problem(Problem::file_error(message))),
        }
    } else {
        match csv_source(name, stem, &text, limits) {
            Ok(s) => sources.push(s),
            Err(message) => problems.push(file_problem(Problem::file_error(message))),
        }
    }
    Ok(())
}

/// A CSV file as a source: the delimiter is the one (`,` `;` tab) whose
/// header row comes first and names the most columns; Excel's `sep=` line
/// decides when present.
fn csv_source(name: &str, stem: &str, text: &str, limits: &ImportLimits) -> Result<Source, String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (text, given) = match sep_line(text) {
        Some((d, rest)) => (rest, Some(d)),
        None => (text, None),
    };
    let table = Table::from_name(stem);
    let delimiter = given.unwrap_or_else(|| {
        let mut best: (u8, Option<(usize, usize)>) = (b',', None);
        for d in [b',', b';', b'\t'] {
            if let Some(found) = csv_header(text, d, table) {
                let better = match best.1 {
                    None => true,
                    Some((i, score)) => found.0 < i || (found.0 == i && found.1 > score),
                };
                if better {
                    best = (d, Some(found));
                }
            }
        }
        best.0
    });
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Window::new(text.as_bytes(), true));
    let mut record = StringRecord::new();
    let mut rows = RowCounter::new();
    let mut out = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(format!(
                    "the file could not be read past row {}: {e}",
                    out.len()
                ))
            }
        }
        let (row, _) = rows.next(&record, reader.get_mut());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if out.len() > limits.max_rows {
            return Err(format!(
                "the file has more than {} rows; the limit is {} rows",
                limits.max_rows, limits.max_rows
            ));
        }
        out.push((
            row,
            record
                .iter()
                .map(|c| cell_text(c).map_or(CellValue::Empty, CellValue::text))
                .collect(),
        ));
    }
    Ok(Source {
        sheet: name.to_string(),
        in_workbook: false,
        table,
        unit: RowUnit::Row,
        header: None,
        rows: out,
    })
}

/// With delimiter `d`: the index of the first of the first rows naming at
/// least two columns of `table` (of any table when `None`) and how many.
fn csv_header(text: &str, d: u8, table: Option<Table>) -> Option<(usize, usize)> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(d)
        .from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    for index in 0..HEADER_SEARCH {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            _ => return None,
        }
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        let score = match table {
            Some(t) => header_score(t, &cells).0,
            None => Table::ALL
                .iter()
                .map(|&t| header_score(t, &cells).0)
                .max()
                .unwrap_or(0),
        };
        if score >= 2 {
            return Some((index, score));
        }
    }
    None
}

// ---------------------------------------------------------------- tables

/// A source whose table is known, with its header mapped.
struct Mapped<'s> {
    source: &'s Source,
    table: Table,
    /// Spec column → cell index.
    cols: Vec<Option<usize>>,
    /// Header names by cell index.
    names: Vec<String>,
    /// Cells that are no column of the table (indicator data: breakdowns).
    extra: Vec<(usize, String)>,
    /// Index in `source.rows` of the first data row.
    first: usize,
}

/// Checks every source's rows and puts the dataset together; an
/// [`ImportError`] when the input is refused whole
/// ([`ProgressImport::refusal`]).
pub(crate) fn assemble(
    sources: Vec<Source>,
    problems: Vec<ProgressProblem>,
) -> Result<ProgressImport, ImportError> {
    let read = collect(sources, problems);
    match read.refusal() {
        Some(message) => Err(ImportError {
            message,
            problems: read.problems.into_iter().map(|p| p.problem).collect(),
            not_built: None,
        }),
        None => Ok(read),
    }
}

/// Checks every source's rows and puts the dataset together, however few
/// rows loaded.
pub(crate) fn collect(sources: Vec<Source>, mut problems: Vec<ProgressProblem>) -> ProgressImport {
    let mut mapped: Vec<Mapped> = Vec::new();
    for source in &sources {
        if let Some(m) = map_source(source, &mut problems) {
            if let Some(earlier) = mapped.iter().find(|e| e.table == m.table) {
                problems.push(table_problem(
                    source,
                    Some(m.table),
                    format!(
                        "a second {} table: only the first ('{}') is read",
                        m.table,
                        shorten(&earlier.source.sheet)
                    ),
                ));
                continue;
            }
            mapped.push(m);
        }
    }
    let mut dataset = ProgressDataset::default();
    let mut rows_read = [0usize; 5];
    let find = |t: Table| mapped.iter().find(|m| m.table == t);
    // Dependency order: indicators, then what refers to them.
    if let Some(m) = find(Table::Indicators) {
        dataset.indicators = read_indicators(m, &mut problems);
    }
    if let Some(m) = find(Table::Questions) {
        dataset.questions = read_questions(m, &dataset, &mut problems);
    }
    if let Some(m) = find(Table::IndicatorData) {
        dataset.observations = read_observations(m, &dataset, &mut problems);
    }
    if let Some(m) = find(Table::Responses) {
        dataset.responses = read_responses(m, &dataset, &mut problems);
    }
    if let Some(m) = find(Table::Reports) {
        dataset.reports = read_reports(m, &mut problems);
    }
    for m in &mapped {
        if let Some(r) = rows_read.get_mut(m.table.index()) {
            *r = m.source.rows.len().saturating_sub(m.first);
        }
    }
    let mut sheets: Vec<(Table, String)> = mapped
        .iter()
        .map(|m| (m.table, m.source.sheet.clone()))
        .collect();
    sort_by(&mut sheets, Ord::cmp);
    let tables: Vec<Table> = sheets.iter().map(|(t, _)| *t).collect();
    // Input-level problems first, then per table by row.
    sort_by_key(&mut problems, |p| {
        (
            p.table.map_or(0, |t| t.index() + 1),
            p.problem.row.unwrap_or(0),
        )
    });
    ProgressImport {
        dataset,
        problems,
        rows_read,
        tables,
        sheets,
    }
}

fn table_problem(source: &Source, table: Option<Table>, rule: String) -> ProgressProblem {
    ProgressProblem {
        sheet: source.sheet.clone(),
        in_workbook: source.in_workbook,
        table,
        problem: Problem::file_error(rule),
    }
}

/// Finds the table and header of a source; `None` (with a problem) when
/// neither can be found or a required column is missing.
fn map_source<'s>(source: &'s Source, problems: &mut Vec<ProgressProblem>) -> Option<Mapped<'s>> {
    // Candidate header rows: the JSON keys, or the first rows.
    let candidates: Vec<(usize, usize, Vec<String>)> = match &source.header {
        Some(h) => vec![(0, 0, h.clone())],
        None => source
            .rows
            .iter()
            .take(HEADER_SEARCH)
            .enumerate()
            .map(|(i, (row, cells))| {
                (
                    i,
                    *row,
                    cells
                        .iter()
                        .map(|c| c.as_text().unwrap_or_default())
                        .collect(),
                )
            })
            .collect(),
    };
    let table = match source.table {
        Some(t) => t,
        None => {
            // The table whose required columns a header names, best first.
            let best = Table::ALL
                .iter()
                .filter_map(|&t| {
                    candidates
                        .iter()
                        .map(|(_, _, cells)| header_score(t, cells))
                        .filter(|(_, complete)| *complete)
                        .map(|(score, _)| (score, t))
                        .max()
                })
                .max_by_key(|(score, t)| (*score, std::cmp::Reverse(*t)));
            match best {
                Some((_, t)) => t,
                None => {
                    problems.push(table_problem(
                        source,
                        None,
                        "cannot tell which table this is: name it after its table (indicators, indicator_data, questions, responses, reports) or give it that table's columns".into(),
                    ));
                    return None;
                }
            }
        }
    };
    let header = candidates
        .iter()
        .find(|(_, _, cells)| header_score(table, cells).0 >= 2 || source.header.is_some());
    let Some((index, header_row, names)) = header else {
        let found = candidates
            .first()
            .map(|(_, _, c)| {
                c.iter()
                    .filter(|s| !s.is_empty())
                    .take(8)
                    .map(|s| format!("'{}'", shorten(s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        problems.push(table_problem(
            source,
            Some(table),
            format!(
                "no header row: one of the first rows must name the columns {} (found: {})",
                required_list(table),
                if found.is_empty() {
                    "nothing".into()
                } else {
                    found
                }
            ),
        ));
        return None;
    };
    let mut cols = vec![None; spec(table).len()];
    let mut extra = Vec::new();
    let mut duplicates = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match column_of(table, name) {
            Some(k) if cols.get(k).copied().flatten().is_none() => {
                if let Some(slot) = cols.get_mut(k) {
                    *slot = Some(i);
                }
            }
            Some(_) => duplicates.push(name.clone()),
            None if !name.trim().is_empty() => extra.push((i, name.trim().to_string())),
            None => {}
        }
    }
    let missing: Vec<&str> = spec(table)
        .iter()
        .zip(&cols)
        .filter(|(c, at)| c.required && at.is_none())
        .map(|(c, _)| c.key)
        .collect();
    let row_problem = |rule: String, column: Option<String>| ProgressProblem {
        sheet: source.sheet.clone(),
        in_workbook: source.in_workbook,
        table: Some(table),
        problem: Problem {
            severity: Severity::Warning,
            row: (source.header.is_none()).then_some(*header_row),
            column,
            value: None,
            rule,
            unit: source.unit,
            lines: None,
        },
    };
    if !missing.is_empty() {
        let mut p = row_problem(
            format!(
                "the {table} table has no {} column{}: it needs {} (found: {}); the table is not read",
                missing.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", "),
                if missing.len() == 1 { "" } else { "s" },
                required_list(table),
                names
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("'{}'", shorten(s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None,
        );
        p.problem.severity = Severity::Error;
        problems.push(p);
        return None;
    }
    for d in duplicates {
        problems.push(row_problem(
            "this column appears twice: the first one is read, this one is ignored".into(),
            Some(d),
        ));
    }
    if table != Table::IndicatorData && !extra.is_empty() {
        let list: Vec<String> = extra
            .iter()
            .map(|(_, n)| format!("'{}'", shorten(n)))
            .collect();
        problems.push(row_problem(
            format!(
                "{} not part of the {table} table: ignored",
                if list.len() == 1 {
                    format!("column {} is", list.join(", "))
                } else {
                    format!("columns {} are", list.join(", "))
                }
            ),
            None,
        ));
    }
    Some(Mapped {
        source,
        table,
        cols,
        names: names.clone(),
        extra,
        first: if source.header.is_some() {
            0
        } else {
            index + 1
        },
    })
}

fn required_list(table: Table) -> String {
    let req: Vec<&str> = spec(table)
        .iter()
        .filter(|c| c.required)
        .map(|c| c.key)
        .collect();
    match req.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}

/// Reading one row: its cells by spec column, and its problems.
struct RowReader<'m, 'p> {
    m: &'m Mapped<'m>,
    row: usize,
    cells: &'m [CellValue],
    problems: &'p mut Vec<ProgressProblem>,
    failed: bool,
}

impl<'m, 'p> RowReader<'m, 'p> {
    fn cell(&self, k: usize) -> Option<&'m CellValue> {
        let at = self.m.cols.get(k).copied().flatten()?;
        match self.cells.get(at)? {
            CellValue::Empty => None,
            c => Some(c),
        }
    }

    fn column_name(&self, k: usize) -> String {
        self.m
            .cols
            .get(k)
            .copied()
            .flatten()
            .and_then(|at| self.m.names.get(at))
            .cloned()
            .unwrap_or_else(|| spec(self.m.table).get(k).map_or("", |c| c.key).to_string())
    }

    fn push(
        &mut self,
        severity: Severity,
        column: Option<String>,
        value: Option<String>,
        rule: String,
    ) {
        if severity == Severity::Error {
            self.failed = true;
        }
        self.problems.push(ProgressProblem {
            sheet: self.m.source.sheet.clone(),
            in_workbook: self.m.source.in_workbook,
            table: Some(self.m.table),
            problem: Problem {
                severity,
                row: Some(self.row),
                column,
                value,
                rule,
                unit: self.m.source.unit,
                lines: None,
            },
        });
    }

    /// A problem with column `k`, showing its cell.
    fn report(&mut self, severity: Severity, k: usize, rule: impl Into<String>) {
        let value = self.cell(k).and_then(CellValue::shown);
        let column = self.column_name(k);
        self.push(severity, Some(column), value, rule.into());
    }

    fn error(&mut self, k: usize, rule: impl Into<String>) {
        self.report(Severity::Error, k, rule);
    }

    fn warn(&mut self, k: usize, rule: impl Into<String>) {
        self.report(Severity::Warning, k, rule);
    }

    /// The cell as text; a cell that holds no value (`#N/A`, a JSON object)
    /// is reported with `severity` and read as absent.
    fn text_as(&mut self, k: usize, severity: Severity) -> Option<String> {
        match self.cell(k)? {
            CellValue::Invalid(what) => {
                let rule = if what.starts_with('#') {
                    "the cell holds a spreadsheet error, not a value".to_string()
                } else {
                    "must be text or a number".to_string()
                };
                let rule = match severity {
                    Severity::Error => rule,
                    Severity::Warning => format!("{rule}; the row loads without it"),
                };
                self.report(severity, k, rule);
                None
            }
            c => c.as_text(),
        }
    }

    fn text(&mut self, k: usize) -> Option<String> {
        self.text_as(k, Severity::Warning)
    }

    /// A required cell as text; absent is an error with `rule`.
    fn required(&mut self, k: usize, rule: &str) -> Option<String> {
        if self.cell(k).is_none() {
            self.error(k, rule);
            return None;
        }
        self.text_as(k, Severity::Error)
    }

    /// The cell as a number; `None` (reported with `severity`) when it is
    /// not one.
    fn number(&mut self, k: usize, severity: Severity, rule: &str) -> Option<f64> {
        let cell = self.cell(k)?;
        let result = match cell {
            CellValue::Number(n) => Ok(*n),
            CellValue::Text(t) => parse_number(t),
            _ => Err(NumberError::Unreadable),
        };
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                let why = match (e, cell) {
                    (NumberError::Ambiguous, _) => "ambiguous number: the comma could separate decimals or thousands; write 1234 or 1.234".to_string(),
                    (_, CellValue::Date(_)) => format!("{rule} (the cell is a date: format it as a number)"),
                    _ => rule.to_string(),
                };
                self.report(severity, k, why);
                None
            }
        }
    }

    /// A year 1900–2100 (a number cell or four digits).
    fn year(&mut self, k: usize, rule: &str) -> Option<u16> {
        let cell = self.cell(k)?;
        let year = match cell {
            CellValue::Number(n) if n.fract() == 0.0 && (1900.0..=2100.0).contains(n) => {
                // Checked to be a whole number in 1900–2100.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Some(*n as u16)
            }
            CellValue::Text(t) if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) => {
                t.parse::<u16>().ok().filter(|y| (1900..=2100).contains(y))
            }
            _ => None,
        };
        if year.is_none() {
            self.warn(k, rule);
        }
        year
    }

    /// A date: a date cell, or text as the activity import reads dates; a
    /// whole number 1900–2100 is a year.
    fn date(&mut self, k: usize, severity: Severity, consequence: &str) -> Option<PartialDate> {
        let cell = self.cell(k)?;
        let result = match cell {
            CellValue::Date(d) => Ok(*d),
            CellValue::Text(t) => parse_date(t).map_err(|e| e.to_string()),
            CellValue::Number(n) if n.fract() == 0.0 && (1900.0..=2100.0).contains(n) => {
                // Checked to be a whole number in 1900–2100.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                PartialDate::new(*n as u16, None, None).ok_or_else(String::new)
            }
            CellValue::Number(_) => {
                Err("a number, not a date: format the cell as a date or write 2024-03-15".into())
            }
            _ => Err("not a date: write 2024-03-15, 2024-03 or '15 March 2024'".into()),
        };
        match result {
            Ok(d) => Some(d),
            Err(why) => {
                self.report(severity, k, format!("{why}; {consequence}"));
                None
            }
        }
    }

    /// Paragraph references; a problem drops them with a warning.
    fn paragraphs(&mut self, k: usize, pillar: Option<Pillar>) -> Vec<u8> {
        let Some(text) = self.text(k) else {
            return Vec::new();
        };
        match parse_paragraph_refs(&text) {
            Ok(mut paras) => {
                if let Some(pillar) = pillar {
                    let other: Vec<(u8, Pillar)> = paras
                        .iter()
                        .filter_map(|&p| Pillar::of_paragraph(p).map(|q| (p, q)))
                        .filter(|(_, q)| *q != pillar)
                        .collect();
                    for (p, q) in &other {
                        self.warn(
                            k,
                            format!("paragraph {p} is in pillar {q}, not pillar {pillar}: it is left out"),
                        );
                    }
                    paras.retain(|p| !other.iter().any(|(o, _)| o == p));
                }
                paras
            }
            Err(e) => {
                self.warn(k, format!("{e}; the row loads without paragraphs"));
                Vec::new()
            }
        }
    }
}

/// Calls `f` for each data row with a fresh reader; keeps what it returns
/// when the row had no error.
fn each_row<T>(
    m: &Mapped,
    problems: &mut Vec<ProgressProblem>,
    mut f: impl FnMut(&mut RowReader) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for (row, cells) in m.source.rows.iter().skip(m.first) {
        let mut r = RowReader {
            m,
            row: *row,
            cells,
            problems,
            failed: false,
        };
        // A JSON record that is not an object.
        if let [CellValue::Invalid(what)] = cells.as_slice() {
            if m.source.header.is_some() && what.starts_with("a record") {
                let what = what.clone();
                r.push(Severity::Error, None, None, what);
                continue;
            }
        }
        let value = f(&mut r);
        if let (Some(v), false) = (value, r.failed) {
            out.push(v);
        }
    }
    out
}

/// The row (or record) a duplicate refers to, as words.
fn place(m: &Mapped, row: usize) -> String {
    match m.source.unit {
        RowUnit::Row => format!("row {row}"),
        RowUnit::Activity => format!("record {row}"),
    }
}

const PILLAR_RULE: &str = "pillar must be I, II, III or IV (or 1–4)";

fn read_indicators(m: &Mapped, problems: &mut Vec<ProgressProblem>) -> Vec<Indicator> {
    use ind::*;
    let mut ids = IdRegistry::default();
    each_row(m, problems, |r| {
        let id = r.required(ID, "an indicator needs an id");
        if let Some(id) = &id {
            if let Some(first) = ids.register(id, r.row) {
                let at = place(r.m, first);
                r.error(ID, format!("duplicate id: {at} has the same id"));
            }
        }
        let pillar = r
            .required(PILLAR, "an indicator needs a pillar (I–IV)")
            .and_then(|p| {
                let parsed = Pillar::parse(&p);
                if parsed.is_none() {
                    r.error(PILLAR, PILLAR_RULE);
                }
                parsed
            });
        let title = r.required(TITLE, "an indicator needs a title");
        let direction = r
            .required(
                DIRECTION,
                "an indicator needs a direction: up (higher is better) or down (lower is better)",
            )
            .and_then(|d| {
                let parsed = Direction::parse(&d);
                if parsed.is_none() {
                    r.error(
                        DIRECTION,
                        "direction must be up (higher is better) or down (lower is better)",
                    );
                }
                parsed
            });
        let theme = r.text(THEME);
        let paragraphs = r.paragraphs(PARAGRAPHS, pillar);
        let unit = r.text(UNIT);
        let baseline = year_value(r, BASELINE_YEAR, BASELINE_VALUE, "baseline");
        let mut target = year_value(r, TARGET_YEAR, TARGET_VALUE, "target");
        if let (Some(b), Some(t)) = (baseline, target) {
            if t.year <= b.year {
                r.warn(
                    TARGET_YEAR,
                    format!("the target year must come after the baseline year ({}): the target is left out", b.year),
                );
                target = None;
            } else if let Some(d) = direction {
                if d.sign() * (t.value - b.value) < 0.0 {
                    r.warn(
                        TARGET_VALUE,
                        format!(
                            "the direction is {} but the target ({}) is {} the baseline ({}): the target is left out, and the status uses the growth-rate rule",
                            d.as_str(),
                            format_number(t.value),
                            if d == Direction::Up { "below" } else { "above" },
                            format_number(b.value)
                        ),
                    );
                    target = None;
                }
            }
        }
        let sdg_indicator = r.text(SDG).and_then(|s| {
            let parsed = SdgIndicator::parse(&s);
            if parsed.is_none() {
                r.warn(SDG, "not an SDG indicator: write goal.target.indicator, as 16.3.2; the row loads without it");
            }
            parsed
        });
        let source = r.text(SOURCE);
        let footnote = r.text(FOOTNOTE);
        Some(Indicator {
            id: id?,
            pillar: pillar?,
            theme,
            paragraphs,
            title: title?,
            unit,
            direction: direction?,
            baseline,
            target,
            sdg_indicator,
            source,
            footnote,
        })
    })
}

/// A year and a value (`what` is `baseline` or `target`); half of a pair,
/// or an unreadable part, drops the pair with a warning.
fn year_value(r: &mut RowReader, year_k: usize, value_k: usize, what: &str) -> Option<YearValue> {
    let (has_year, has_value) = (r.cell(year_k).is_some(), r.cell(value_k).is_some());
    if !has_year && !has_value {
        return None;
    }
    if !has_value {
        r.warn(
            value_k,
            format!("a {what} year needs a {what} value: the {what} is left out"),
        );
        return None;
    }
    if !has_year {
        r.warn(
            year_k,
            format!("a {what} value needs a {what} year: the {what} is left out"),
        );
        return None;
    }
    let year = r.year(
        year_k,
        &format!("{what} year must be a year from 1900 to 2100: the {what} is left out"),
    );
    let value = r.number(
        value_k,
        Severity::Warning,
        &format!("{what} value must be a number: the {what} is left out"),
    );
    Some(YearValue {
        year: year?,
        value: value?,
    })
}

fn read_questions(
    m: &Mapped,
    dataset: &ProgressDataset,
    problems: &mut Vec<ProgressProblem>,
) -> Vec<Question> {
    use qst::*;
    let indicators: HashSet<&str> = dataset.indicators.iter().map(|i| i.id.as_str()).collect();
    let mut ids = IdRegistry::default();
    each_row(m, problems, |r| {
        let id = r.required(ID, "a question needs an id");
        if let Some(id) = &id {
            if let Some(first) = ids.register(id, r.row) {
                let at = place(r.m, first);
                r.error(ID, format!("duplicate id: {at} has the same id"));
            }
        }
        let pillar = r
            .required(PILLAR, "a question needs a pillar (I–IV)")
            .and_then(|p| {
                let parsed = Pillar::parse(&p);
                if parsed.is_none() {
                    r.error(PILLAR, PILLAR_RULE);
                }
                parsed
            });
        let paragraphs = r.paragraphs(PARAGRAPHS, pillar);
        let indicator = r.text(INDICATOR).and_then(|i| {
            if indicators.contains(i.as_str()) {
                Some(i)
            } else {
                r.warn(
                    INDICATOR,
                    "no such indicator in the indicators table: the question loads without it",
                );
                None
            }
        });
        let kind = r
            .required(
                TYPE,
                "a question needs a type: yes/no, choice, multiple choice, number or text",
            )
            .and_then(|t| {
                let parsed = QuestionType::parse(&t);
                if parsed.is_none() {
                    r.error(
                        TYPE,
                        "type must be yes/no, choice, multiple choice, number or text",
                    );
                }
                parsed
            });
        let choices_text = r.text(CHOICES);
        let mut choices = Vec::new();
        match (kind, choices_text) {
            (Some(k), None) if k.has_choices() => r.error(
                CHOICES,
                "a choice question needs its choices: write them as '1=Fully; 2=Partly; 3=Not at all'",
            ),
            (Some(k), Some(text)) if k.has_choices() => match parse_choices(&text) {
                Ok(c) => choices = c,
                Err(why) => r.error(CHOICES, why),
            },
            (Some(QuestionType::YesNo), text) => {
                if text.is_some() {
                    r.warn(CHOICES, "a yes/no question is answered yes or no: its choices are ignored");
                }
                choices = vec![
                    Choice { code: "yes".into(), label: "Yes".into() },
                    Choice { code: "no".into(), label: "No".into() },
                ];
            }
            (Some(_), Some(_)) => {
                r.warn(CHOICES, "only choice questions have choices: ignored");
            }
            _ => {}
        }
        let text = r.required(TEXT, "a question needs its text");
        Some(Question {
            id: id?,
            pillar: pillar?,
            paragraphs,
            indicator,
            kind: kind?,
            choices,
            text: text?,
        })
    })
}

/// Reads `1=Fully; 2=Partly; 3=No` (items as in a list cell: one per line,
/// else separated by `;`, else by `,`; `=` or `:` between code and label).
fn parse_choices(text: &str) -> Result<Vec<Choice>, String> {
    let mut out: Vec<Choice> = Vec::new();
    for item in split_list(text) {
        let Some((code, label)) = item.split_once(['=', ':']) else {
            return Err(format!(
                "choice '{}' has no code: write each choice as code=label, as '1=Fully; 2=Partly; 3=Not at all'",
                shorten(&item)
            ));
        };
        let (code, label) = (code.trim(), label.trim());
        if code.is_empty() || label.is_empty() {
            return Err(format!(
                "choice '{}' needs a code and a label, as '1=Fully'",
                shorten(&item)
            ));
        }
        if out.iter().any(|c| c.code.eq_ignore_ascii_case(code)) {
            return Err(format!("the code '{}' is given twice", shorten(code)));
        }
        out.push(Choice {
            code: code.to_string(),
            label: label.to_string(),
        });
    }
    if out.is_empty() {
        return Err("no choices: write them as '1=Fully; 2=Partly; 3=Not at all'".into());
    }
    Ok(out)
}

/// Words that mean the total of a breakdown dimension.
fn is_total(text: &str) -> bool {
    matches!(
        words(text).as_str(),
        "total" | "all" | "_t" | "t" | "all ages" | "both sexes" | "both"
    )
}

fn parse_sex(text: &str) -> Option<Option<&'static str>> {
    if is_total(text) {
        return Some(None);
    }
    match words(text).as_str() {
        "female" | "f" | "women" | "woman" | "girls" => Some(Some("female")),
        "male" | "m" | "men" | "man" | "boys" => Some(Some("male")),
        _ => None,
    }
}

fn read_observations(
    m: &Mapped,
    dataset: &ProgressDataset,
    problems: &mut Vec<ProgressProblem>,
) -> Vec<Observation> {
    use obs::*;
    let indicators: HashSet<&str> = dataset.indicators.iter().map(|i| i.id.as_str()).collect();
    let mut seen: HashMap<(String, Area, Period, Breakdown), usize> = HashMap::new();
    each_row(m, problems, |r| {
        let indicator = r
            .required(INDICATOR, "an observation needs its indicator's id")
            .and_then(|i| {
                if indicators.contains(i.as_str()) {
                    Some(i)
                } else {
                    r.error(INDICATOR, "no such indicator in the indicators table");
                    None
                }
            });
        let area =
            r.required(AREA, "an observation needs an area")
                .and_then(|a| match Area::parse(&a) {
                    Ok(a) => Some(a),
                    Err(e) => {
                        r.error(AREA, e.to_string());
                        None
                    }
                });
        let period = r
            .required(PERIOD, "an observation needs a period")
            .and_then(|p| {
                let parsed = Period::parse(&p);
                if parsed.is_none() {
                    r.error(
                        PERIOD,
                        "period must be a year (2023), years (2022-2023) or a quarter (2023-Q4)",
                    );
                }
                parsed
            });
        let value = if r.cell(VALUE).is_none() {
            r.error(VALUE, "an observation needs a value");
            None
        } else {
            r.number(VALUE, Severity::Error, "value must be a number")
        };
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(s) = r.text_as(SEX, Severity::Error) {
            match parse_sex(&s) {
                Some(Some(sex)) => pairs.push(("sex".into(), sex.into())),
                Some(None) => {}
                None => r.error(SEX, "sex must be female, male or total (F, M, T)"),
            }
        }
        if let Some(a) = r.text_as(AGE, Severity::Error) {
            if !is_total(&a) {
                pairs.push(("age".into(), a));
            }
        }
        for (at, name) in &r.m.extra {
            let cell = r.cells.get(*at).and_then(CellValue::as_text);
            if let Some(v) = cell {
                if !is_total(&v) {
                    pairs.push((name.clone(), v));
                }
            }
        }
        sort_by(&mut pairs, Ord::cmp);
        let breakdown = Breakdown(pairs);
        let status = r.text(STATUS).and_then(|s| {
            let parsed = ObservationStatus::parse(&s);
            if parsed.is_none() {
                r.warn(STATUS, "status must be A (normal), E (estimated), P (provisional), I (imputed), F (forecast) or B (break): the value loads without it");
            }
            parsed
        });
        let comment = r.text(COMMENT);
        let (indicator, area, period, value) = (indicator?, area?, period?, value?);
        if !r.failed {
            let key = (indicator.clone(), area, period, breakdown.clone());
            if let Some(&first) = seen.get(&key) {
                let at = place(r.m, first);
                r.push(
                    Severity::Error,
                    None,
                    None,
                    format!("{at} has a value for the same indicator, area, period and breakdown ({indicator}, {area}, {period}, {breakdown})"),
                );
            } else {
                seen.insert(key, r.row);
            }
        }
        Some(Observation {
            indicator,
            area,
            period,
            value,
            breakdown,
            status,
            comment,
        })
    })
}

fn parse_yes_no(text: &str) -> Option<&'static str> {
    match words(text).as_str() {
        "yes" | "y" | "true" | "1" => Some("yes"),
        "no" | "n" | "false" | "0" => Some("no"),
        _ => None,
    }
}

fn read_responses(
    m: &Mapped,
    dataset: &ProgressDataset,
    problems: &mut Vec<ProgressProblem>,
) -> Vec<Response> {
    use rsp::*;
    let mut seen: HashMap<(String, Area, RespondentType, String, String), usize> = HashMap::new();
    each_row(m, problems, |r| {
        let cycle = r.required(CYCLE, "an answer needs its cycle");
        let area =
            r.required(AREA, "an answer needs an area")
                .and_then(|a| match Area::parse(&a) {
                    Ok(a) => Some(a),
                    Err(e) => {
                        r.error(AREA, e.to_string());
                        None
                    }
                });
        let respondent_type = r
            .required(RESPONDENT_TYPE, "an answer needs its respondent type")
            .and_then(|t| {
                let parsed = RespondentType::parse(&t);
                if parsed.is_none() {
                    r.error(RESPONDENT_TYPE, "respondent type must be State, national human rights institution, civil society, academia or UN entity");
                }
                parsed
            });
        if let (Some(RespondentType::State), Some(a)) = (respondent_type, area) {
            if !a.is_country() {
                r.error(AREA, "a State answers for a country, not a region");
            }
        }
        let respondent = r.required(RESPONDENT, "an answer needs its respondent's name");
        let question = r
            .required(QUESTION, "an answer needs its question's id")
            .and_then(|q| match dataset.question(&q) {
                Some(found) => Some(found),
                None => {
                    r.error(QUESTION, "no such question in the questions table");
                    None
                }
            });
        let status = r
            .required(
                STATUS,
                "an answer needs a status: draft, submitted, validated or published",
            )
            .and_then(|s| {
                let parsed = ResponseStatus::parse(&s);
                if parsed.is_none() {
                    r.error(
                        STATUS,
                        "status must be draft, submitted, validated or published",
                    );
                }
                parsed
            });
        let answer = match (r.cell(ANSWER).is_some(), question) {
            (false, _) => {
                r.error(ANSWER, "an answer cannot be blank");
                None
            }
            (true, Some(q)) => read_answer(r, q),
            (true, None) => None,
        };
        let submitted_on = r.date(
            SUBMITTED_ON,
            Severity::Warning,
            "the answer loads without the date",
        );
        let evidence = r.text(EVIDENCE);
        let (cycle, area, respondent_type, respondent, question, answer, status) = (
            cycle?,
            area?,
            respondent_type?,
            respondent?,
            question?,
            answer?,
            status?,
        );
        if !r.failed {
            let key = (
                cycle.clone(),
                area,
                respondent_type,
                respondent.clone(),
                question.id.clone(),
            );
            if let Some(&first) = seen.get(&key) {
                let at = place(r.m, first);
                r.push(
                    Severity::Error,
                    None,
                    None,
                    format!("{at} already answers question {} for {respondent} ({area}) in cycle {cycle}", question.id),
                );
            } else {
                seen.insert(key, r.row);
            }
        }
        Some(Response {
            cycle,
            area,
            respondent_type,
            respondent,
            question: question.id.clone(),
            answer,
            submitted_on,
            status,
            evidence,
        })
    })
}

/// The answer cell read against the question's type.
fn read_answer(r: &mut RowReader, q: &Question) -> Option<Answer> {
    use rsp::ANSWER;
    let codes_list = || {
        q.choices
            .iter()
            .map(|c| format!("{} ({})", c.code, c.label))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let find = |item: &str| {
        q.choices
            .iter()
            .position(|c| c.code.eq_ignore_ascii_case(item))
            .or_else(|| {
                q.choices
                    .iter()
                    .position(|c| c.label.eq_ignore_ascii_case(item))
            })
    };
    match q.kind {
        QuestionType::Number => r
            .number(
                ANSWER,
                Severity::Error,
                &format!("question {} takes a number", q.id),
            )
            .map(Answer::Number),
        QuestionType::Text => r.text_as(ANSWER, Severity::Error).map(Answer::Text),
        QuestionType::YesNo => {
            let text = r.text_as(ANSWER, Severity::Error)?;
            match parse_yes_no(&text) {
                Some(code) => Some(Answer::Codes(vec![code.into()])),
                None => {
                    r.error(ANSWER, format!("question {} is answered yes or no", q.id));
                    None
                }
            }
        }
        QuestionType::Choice => {
            let text = r.text_as(ANSWER, Severity::Error)?;
            match find(&text).and_then(|i| q.choices.get(i)) {
                Some(c) => Some(Answer::Codes(vec![c.code.clone()])),
                None => {
                    r.error(
                        ANSWER,
                        format!(
                            "question {} is answered with one of its codes: {}",
                            q.id,
                            codes_list()
                        ),
                    );
                    None
                }
            }
        }
        QuestionType::MultipleChoice => {
            let text = r.text_as(ANSWER, Severity::Error)?;
            let mut found: Vec<usize> = Vec::new();
            for item in split_list(&text) {
                match find(&item) {
                    Some(i) => found.push(i),
                    None => {
                        r.error(
                            ANSWER,
                            format!(
                                "'{}' is not a code of question {}: its codes are {}",
                                shorten(&item),
                                q.id,
                                codes_list()
                            ),
                        );
                        return None;
                    }
                }
            }
            sort_dedup(&mut found);
            Some(Answer::Codes(
                found
                    .iter()
                    .filter_map(|&i| q.choices.get(i).map(|c| c.code.clone()))
                    .collect(),
            ))
        }
    }
}

fn parse_language(item: &str) -> Option<String> {
    let w = words(item);
    let code = match w.as_str() {
        "english" => "en",
        "french" | "français" | "francais" => "fr",
        "spanish" | "español" | "espanol" => "es",
        "russian" | "русский" => "ru",
        "chinese" | "中文" => "zh",
        "arabic" | "العربية" => "ar",
        other if other.len() == 2 && other.bytes().all(|b| b.is_ascii_lowercase()) => other,
        _ => return None,
    };
    Some(code.to_string())
}

fn read_reports(m: &Mapped, problems: &mut Vec<ProgressProblem>) -> Vec<Report> {
    use rep::*;
    let mut ids = IdRegistry::default();
    each_row(m, problems, |r| {
        let id = r.required(ID, "a report needs an id");
        if let Some(id) = &id {
            if let Some(first) = ids.register(id, r.row) {
                let at = place(r.m, first);
                r.error(ID, format!("duplicate id: {at} has the same id"));
            }
        }
        let area = r
            .required(AREA, "a report needs an area")
            .and_then(|a| match Area::parse(&a) {
                Ok(a) => Some(a),
                Err(e) => {
                    r.error(AREA, e.to_string());
                    None
                }
            });
        let cycle = r.required(CYCLE, "a report needs its cycle");
        let kind = r
            .required(
                TYPE,
                "a report needs a type: questionnaire, voluntary report or thematic submission",
            )
            .and_then(|t| {
                let parsed = ReportType::parse(&t);
                if parsed.is_none() {
                    r.error(
                        TYPE,
                        "type must be questionnaire, voluntary report or thematic submission",
                    );
                }
                parsed
            });
        let due_on = r.date(
            DUE_ON,
            Severity::Warning,
            "the report loads without a due date",
        );
        let submitted_on = r.date(
            SUBMITTED_ON,
            Severity::Error,
            "the report cannot be counted on time, late or missing without it",
        );
        let mut pillars = Vec::new();
        if let Some(text) = r.text(PILLARS) {
            if matches!(
                words(&text).as_str(),
                "all" | "all pillars" | "i iv" | "1 4"
            ) {
                pillars = Pillar::ALL.to_vec();
            } else {
                for item in split_list(&text) {
                    match Pillar::parse(&item) {
                        Some(p) => pillars.push(p),
                        None => r.warn(
                            PILLARS,
                            format!(
                                "pillar '{}' does not exist (I–IV, or all): it is left out",
                                shorten(&item)
                            ),
                        ),
                    }
                }
                sort_dedup(&mut pillars);
            }
        }
        let paragraphs = r.paragraphs(PARAGRAPHS, None);
        let mut languages = Vec::new();
        if let Some(text) = r.text(LANGUAGES) {
            for item in split_list(&text) {
                match parse_language(&item) {
                    Some(code) if !languages.contains(&code) => languages.push(code),
                    Some(_) => {}
                    None => r.warn(
                        LANGUAGES,
                        format!("'{}' is not a language code (ISO 639-1: en, fr, es, ru, zh, ar, …): it is left out", shorten(&item)),
                    ),
                }
            }
        }
        let link = r.text(LINK);
        Some(Report {
            id: id?,
            area: area?,
            cycle: cycle?,
            kind: kind?,
            due_on,
            submitted_on,
            pillars,
            paragraphs,
            languages,
            link,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headers are matched through normalize_header, in ASCII lower case:
    /// every alias must be ASCII lower case letters and digits to match.
    #[test]
    fn aliases_are_ascii_lower_case() {
        for table in Table::ALL {
            for c in spec(table) {
                for a in c.aliases {
                    assert!(
                        crate::core::import::is_header_key(a),
                        "{table:?}: alias {a:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("12.5"), Ok(12.5));
        assert_eq!(parse_number("12,5"), Ok(12.5));
        assert_eq!(parse_number("1,234.5"), Ok(1234.5));
        assert_eq!(parse_number("1.234,5"), Ok(1234.5));
        assert_eq!(parse_number("1 234 567"), Ok(1_234_567.0));
        assert_eq!(parse_number("1,234,567"), Ok(1_234_567.0));
        assert_eq!(parse_number("45 %"), Ok(45.0));
        assert_eq!(parse_number("-3"), Ok(-3.0));
        assert_eq!(parse_number("1,234"), Err(NumberError::Ambiguous));
        assert_eq!(parse_number("n/a"), Err(NumberError::Unreadable));
        assert_eq!(parse_number("inf"), Err(NumberError::Unreadable));
        assert_eq!(parse_number("1e999"), Err(NumberError::Unreadable));
        assert_eq!(format_number(2023.0), "2023");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
    }

    #[test]
    fn choices() {
        let c = parse_choices("1=Fully; 2=Partly; 3: Not at all").unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[2].label, "Not at all");
        assert!(parse_choices("Fully; Partly")
            .unwrap_err()
            .contains("has no code"));
        assert!(parse_choices("1=a; 1=b")
            .unwrap_err()
            .contains("given twice"));
    }
}
