//! Reading delimited text as spreadsheets save it: comma, semicolon or tab
//! delimiter (detected, or given by Excel's `sep=;` first line), quoted cells
//! with delimiters, quotes and line breaks, CRLF or LF or CR line ends, title
//! rows above the header, blank rows, unknown columns kept aside.
//!
//! Rows are numbered as the spreadsheet numbers them: the first line is row 1,
//! a blank line is a row, and a record whose quoted cells hold line breaks is
//! one row (problems in it also name the file lines it spans).

use super::fields::{read_record, shorten, Cell, Field, RecordChecker, RecordPlace};
use super::stream::{Decoder, Text, Window};
use super::{ExtraFields, FormatRead, IdRegistry, ImportLimits, Problem, RowUnit, Severity};
use crate::core::model::Dataset;
use csv::{ReaderBuilder, StringRecord};
use std::io::Read;

/// Rows searched for the header (title rows may stand above it).
const HEADER_SEARCH: usize = 10;

/// What one column of the file holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Known(Field),
    /// Kept aside: index into the extra names.
    Extra(usize),
}

/// Reads the CSV text of `text` (opened once per look: the delimiter is
/// found on the first rows, then the rows are read in one pass, the text
/// never held whole).
pub(crate) fn read(
    text: &mut Text<'_>,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, String> {
    let unreadable = |e: std::io::Error| format!("the input could not be read: {e}");
    // A mark left in the text (after the one the decoding removed), and
    // Excel's "sep=;" line, which Excel itself hides.
    let (start, given) = {
        let mut d = text.open(0).map_err(unreadable)?;
        // The first line, read as far as it can be a "sep=" line.
        loop {
            let t = d.text();
            let line = t.split_once('\n').map_or(t, |(line, _)| line);
            let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
            let known = t.contains('\n') || line.bytes().skip(5).any(|b| b != b'\r');
            if known || !d.more().map_err(unreadable)? {
                break;
            }
        }
        let t = d.text();
        let mark = if t.starts_with('\u{FEFF}') { 3 } else { 0 };
        let t = t.get(mark..).unwrap_or_default();
        match sep_line(t) {
            Some((delimiter, rest)) => (mark + t.len() - rest.len(), Some(delimiter)),
            None => (mark, None),
        }
    };
    let line_offset = usize::from(given.is_some());
    let (delimiter, header_index) = match given {
        Some(d) => (d, find_header(text, start, d).map(|(i, _, _)| i)),
        None => detect(text, start),
    };
    let Some(header_index) = header_index else {
        return Err(format!(
            "no header row found: one of the first rows must name the columns id, title, paragraphs and status (found: {})",
            first_cells(text, start, delimiter)
        ));
    };

    let size_hint = text.size_hint();
    let mut reader = records(text, start, delimiter, true).map_err(unreadable)?;
    let mut record = StringRecord::new();
    let mut rows = RowCounter::new();
    let mut title: Option<String> = None;
    let mut index = 0usize;

    // Title rows, then the header.
    let header = loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) | Err(_) => return Err("the header row could not be read again".into()),
        }
        let (row, _) = rows.next(&record, reader.get_mut());
        if index == header_index {
            break (row, record.clone());
        }
        if title.is_none() {
            title = record
                .iter()
                .map(str::trim)
                .find(|c| !c.is_empty())
                .map(str::to_string);
        }
        index += 1;
    };
    let (header_row, header) = header;

    // Columns.
    let mut columns: Vec<Column> = Vec::with_capacity(header.len());
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    let mut field_col: [Option<usize>; Field::ALL.len()] = [None; Field::ALL.len()];
    let mut extra_names: Vec<String> = Vec::new();
    let mut duplicates: Vec<String> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        names.push(name.to_string());
        match Field::from_header(name) {
            Some(f) if field_col.get(f.index()).copied().flatten().is_none() => {
                if let Some(slot) = field_col.get_mut(f.index()) {
                    *slot = Some(i);
                }
                columns.push(Column::Known(f));
            }
            found => {
                let shown = if name.is_empty() {
                    format!("(column {})", column_letter(i))
                } else {
                    name.to_string()
                };
                if found.is_some() {
                    duplicates.push(shown.clone());
                }
                columns.push(Column::Extra(extra_names.len()));
                extra_names.push(shown);
            }
        }
    }
    let missing: Vec<&str> = Field::ALL
        .into_iter()
        .filter(|f| f.required() && field_col.get(f.index()).copied().flatten().is_none())
        .map(Field::name)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the header (row {header_row}) has no {} column{}: every file needs id, title, paragraphs and status (found: {})",
            missing
                .iter()
                .map(|m| format!("'{m}'"))
                .collect::<Vec<_>>()
                .join(", "),
            if missing.len() == 1 { "" } else { "s" },
            header
                .iter()
                .map(|h| format!("'{}'", shorten(h.trim())))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let header_problem_at = problems.len();

    // Data rows.
    let mut dataset = Dataset {
        version: 1,
        title,
        ..Dataset::default()
    };
    let extra_columns: Vec<(usize, usize)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Column::Extra(e) => Some((i, *e)),
            Column::Known(_) => None,
        })
        .collect();
    let mut extra_values: Vec<Vec<Option<String>>> = Vec::new();
    let mut extra_has_data = vec![false; extra_names.len()];
    let mut ids = IdRegistry::default();
    let mut rows_read = 0usize;
    let mut overflow_rows = 0usize;
    let mut first_overflow: Option<usize> = None;
    let width = header.len();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // The reader is flexible and reads decoded text: this is not
                // expected, but it must not end the import silently.
                problems.push(Problem::file_error(format!(
                    "the rest of the file could not be read after row {}: {e}",
                    rows.row
                )));
                break;
            }
        }
        let (row, newlines) = rows.next(&record, reader.get_mut());
        if record.as_slice().trim().is_empty() {
            continue;
        }
        rows_read += 1;
        if rows_read > limits.max_rows {
            return Err(format!(
                "the file has more than {} data rows; the limit is {} rows",
                limits.max_rows, limits.max_rows
            ));
        }
        if record.iter().skip(width).any(|c| !c.trim().is_empty()) {
            overflow_rows += 1;
            first_overflow.get_or_insert(row);
        }
        for &(i, e) in &extra_columns {
            if record.get(i).is_some_and(|c| !c.trim().is_empty()) {
                if let Some(flag) = extra_has_data.get_mut(e) {
                    *flag = true;
                }
            }
        }
        let place = RecordPlace {
            row,
            unit: RowUnit::Row,
            lines: (newlines > 0).then(|| {
                let first = rows.line + line_offset;
                (first, first + newlines)
            }),
        };
        let mut check = RecordChecker::new(place, problems);
        let rec = &record;
        let names = &names;
        let activity = read_record(&mut check, &mut ids, &|f| match field_col
            .get(f.index())
            .copied()
            .flatten()
        {
            Some(i) => (
                rec.get(i)
                    .and_then(if f.is_list() {
                        list_cell_text
                    } else {
                        cell_text
                    })
                    .map(Cell::Text),
                names.get(i).map_or(f.name(), String::as_str),
            ),
            None => (None, f.name()),
        });
        if let Some(a) = activity {
            if dataset.activities.len() == 64 {
                // Room for the rows once, from the size of those so far,
                // rather than regrowing (twice the room while it moves).
                if let Some(size) = size_hint {
                    let read = rows.start.max(1);
                    let rows = 64 * size / read + 64 * size / read / 32;
                    dataset
                        .activities
                        .reserve(rows.min(limits.max_rows).saturating_sub(64));
                }
            }
            dataset.activities.push(a);
            if !extra_columns.is_empty() {
                extra_values.push(
                    extra_columns
                        .iter()
                        .map(|&(i, _)| record.get(i).and_then(cell_text).map(str::to_string))
                        .collect(),
                );
            }
        }
    }

    // (The text left unread, if any, is read by the caller for the
    // decoding's findings.)
    drop(reader);
    dataset.activities.shrink_to_fit();

    // Header-level warnings, placed before the row problems.
    let mut header_problems = Vec::new();
    let kept: Vec<usize> = (0..extra_names.len())
        .filter(|&e| {
            let named = extra_names
                .get(e)
                .is_some_and(|n| !n.starts_with("(column "));
            named || extra_has_data.get(e).copied().unwrap_or(false)
        })
        .collect();
    let unknown: Vec<String> = kept
        .iter()
        .filter_map(|&e| extra_names.get(e))
        .filter(|n| !duplicates.contains(n))
        .map(|n| format!("'{n}'"))
        .collect();
    if !unknown.is_empty() {
        header_problems.push(Problem {
            severity: Severity::Warning,
            row: Some(header_row),
            column: None,
            value: None,
            rule: format!(
                "{} {} not part of the format: kept aside, not loaded",
                if unknown.len() == 1 {
                    "column"
                } else {
                    "columns"
                },
                if unknown.len() == 1 {
                    format!("{} is", unknown.join(", "))
                } else {
                    format!("{} are", unknown.join(", "))
                }
            ),
            unit: RowUnit::Row,
            lines: None,
        });
    }
    for d in &duplicates {
        header_problems.push(Problem {
            severity: Severity::Warning,
            row: Some(header_row),
            column: Some(d.clone()),
            value: None,
            rule: "this column appears twice: the first one is read, this one is kept aside".into(),
            unit: RowUnit::Row,
            lines: None,
        });
    }
    if let Some(first) = first_overflow {
        header_problems.push(Problem::file_warning(format!(
            "{overflow_rows} row(s) have cells to the right of the last header column (first: row {first}); those cells were ignored"
        )));
    }
    let at = header_problem_at.min(problems.len());
    let mut after = problems.split_off(at);
    problems.append(&mut header_problems);
    problems.append(&mut after);

    // Keep aside only the extra columns worth keeping.
    let extra = if kept.is_empty() {
        ExtraFields::default()
    } else {
        ExtraFields {
            names: kept
                .iter()
                .filter_map(|&e| extra_names.get(e).cloned())
                .collect(),
            values: extra_values
                .into_iter()
                .map(|v| {
                    kept.iter()
                        .enumerate()
                        .filter_map(|(j, &e)| Some((j, v.get(e).cloned().flatten()?)))
                        .collect()
                })
                .collect(),
        }
    };

    Ok(FormatRead {
        dataset,
        rows_read,
        delimiter: Some(char::from(delimiter)),
        extra,
    })
}

/// A trimmed cell, `None` when blank. The apostrophe that escapes a
/// formula-like cell (`'=SUM(A1)`, as the tool writes it) is removed: one
/// apostrophe, when the apostrophes that start the cell are followed by `=`,
/// `+`, `-`, `@`, a tab or a CR (so `''=x`, written for the text `'=x`, reads
/// back as `'=x`).
pub(crate) fn cell_text(raw: &str) -> Option<&str> {
    // Most cells: nothing to trim and no apostrophe in front.
    if let ([first, ..], [.., last]) = (raw.as_bytes(), raw.as_bytes()) {
        if plain_edge(*first) && *first != b'\'' && plain_edge(*last) {
            return Some(raw);
        }
    }
    // Trimmed again after the escape is removed: `'<tab>=x` is the text `=x`,
    // as the JSON reader (which trims) would also read it.
    let t = unescape(raw.trim()).trim();
    (!t.is_empty()).then_some(t)
}

/// A list cell: like [`cell_text`], but a line break at its end is kept, since
/// it says that the items are one per line.
fn list_cell_text(raw: &str) -> Option<&str> {
    let t = unescape(raw.trim_start()).trim_end_matches([' ', '\t']);
    (!t.trim().is_empty()).then_some(t)
}

/// An ASCII byte that is not whitespace: a cell that starts and ends with
/// such bytes is its own trimmed text.
fn plain_edge(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r')
}

fn unescape(cell: &str) -> &str {
    let after = cell.trim_start_matches('\'');
    if after.len() < cell.len() && after.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.get(1..).unwrap_or(cell)
    } else {
        cell
    }
}

/// Counts spreadsheet rows and file lines from the records' byte offsets.
///
/// A line ends with CRLF, LF or a lone CR. The reader's own line numbers are
/// not used: with CRLF it reports a record on the line before, and it skips
/// empty lines without counting them, while a spreadsheet shows them as rows.
pub(crate) struct RowCounter {
    /// Byte offset where the last record started.
    start: usize,
    /// Row of the last record (0 before the first).
    row: usize,
    /// File line where the last record started (1-based; 0 before the first).
    line: usize,
    /// Line breaks inside the last record's cells.
    newlines: usize,
}

impl RowCounter {
    pub(crate) fn new() -> Self {
        RowCounter {
            start: 0,
            row: 0,
            line: 0,
            newlines: 0,
        }
    }

    /// Advances to `record`; returns its row and the line breaks inside it.
    /// `text` holds the bytes read (it forgets those before the record).
    pub(crate) fn next<R: Read>(
        &mut self,
        record: &StringRecord,
        text: &mut Window<R>,
    ) -> (usize, usize) {
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.start)
            .max(self.start);
        // The reader's offset is just past the previous record's first
        // line-break byte: the rest of that break and any empty lines come
        // before this record's first byte.
        let start = start
            + text
                .from(start)
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        let breaks = if self.newlines == 0 && self.line > 0 {
            // The last record held no line break, so the breaks since its
            // start are the run of CR and LF just before this one.
            let run = text
                .range(self.start, start)
                .iter()
                .rev()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            window_breaks(text, start - run, start)
        } else {
            window_breaks(text, self.start, start)
        };
        if self.line == 0 {
            // Lines before the first record are blank rows.
            self.line = breaks + 1;
            self.row = breaks + 1;
        } else {
            self.line += breaks;
            // The breaks since the last record: its own inner ones, its end,
            // and one per blank line.
            self.row += breaks.saturating_sub(self.newlines).max(1);
        }
        self.start = start;
        text.forget_before(start.saturating_sub(1));
        let all = record.as_slice().as_bytes();
        self.newlines = if all.contains(&b'\n') || all.contains(&b'\r') {
            line_breaks(all, 0, all.len())
        } else {
            0
        };
        (self.row, self.newlines)
    }
}

/// [`line_breaks`] over the bytes a window kept.
fn window_breaks<R: Read>(text: &Window<R>, from: usize, to: usize) -> usize {
    let prev = from.checked_sub(1).and_then(|i| text.byte(i));
    breaks_in(text.range(from, to), prev)
}

/// How many times `needle` occurs, eight bytes at a time.
pub(crate) fn count_byte(bytes: &[u8], needle: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder().iter().filter(|&&b| b == needle).count();
    let body: usize = chunks
        .map(|c| {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            let x = u64::from_le_bytes(word) ^ pattern;
            // A byte of x is zero where the needle was: set its high bit.
            let zero = !(((x & !HIGHS) + !HIGHS) | x) & HIGHS;
            zero.count_ones() as usize
        })
        .sum();
    body + tail
}

/// Line breaks in `bytes[from..to]`: each CR, and each LF not preceded by a
/// CR (looking before `from` if needed), so CRLF counts once wherever a span
/// splits it.
fn line_breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    let Some(span) = bytes.get(from..to) else {
        return 0;
    };
    breaks_in(
        span,
        from.checked_sub(1).and_then(|i| bytes.get(i)).copied(),
    )
}

/// Line breaks in `span`, whose byte before is `prev`.
fn breaks_in(span: &[u8], mut prev: Option<u8>) -> usize {
    let crs = span.iter().filter(|&&b| b == b'\r').count();
    let lfs = span.iter().filter(|&&b| b == b'\n').count();
    if crs == 0 {
        return lfs;
    }
    let mut crlf = 0;
    for &b in span {
        if b == b'\n' && prev == Some(b'\r') {
            crlf += 1;
        }
        prev = Some(b);
    }
    crs + lfs - crlf
}

/// Excel's `sep=;` first line: the delimiter and the text after the line.
pub(crate) fn sep_line(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim_end_matches('\r');
    let d = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))?;
    match d.as_bytes() {
        [b] if matches!(b, b',' | b';' | b'\t' | b'|') => Some((*b, rest)),
        _ => None,
    }
}

/// The delimiter that finds a header earliest (then the one whose header
/// names the most known columns), and the header's record index.
fn detect(text: &mut Text<'_>, start: usize) -> (u8, Option<usize>) {
    // The earliest header wins: a later row that happens to name columns
    // with another delimiter (a description listing them) is data. Then the
    // header naming more columns; then the delimiter that splits the row
    // after the header into as many cells as the header (a `;` file whose
    // header has a column named with commas ties with the comma on the
    // header row, but not on the data); then comma, semicolon, tab.
    let mut best: (u8, Option<usize>, usize, bool) = (b',', None, 0, false);
    for d in [b',', b';', b'\t'] {
        if let Some((index, score, consistent)) = find_header(text, start, d) {
            let better = match best.1 {
                None => true,
                Some(i) => {
                    index < i
                        || (index == i && score > best.2)
                        || (index == i && score == best.2 && consistent && !best.3)
                }
            };
            if better {
                best = (d, Some(index), score, consistent);
            }
        }
    }
    if best.1.is_none() {
        // No header at all: guess the delimiter from the first line, for the
        // message.
        let first = first_line(text, start);
        let first = first.as_str();
        let count = |c: char| first.matches(c).count();
        let d = [(b';', count(';')), (b'\t', count('\t'))]
            .into_iter()
            .filter(|(_, n)| *n > count(','))
            .max_by_key(|(_, n)| *n)
            .map_or(b',', |(d, _)| d);
        best.0 = d;
    }
    (best.0, best.1)
}

/// The first of the first rows that names at least two known columns, how
/// many it names, and whether the next row (if any) has as many cells.
fn find_header(text: &mut Text<'_>, start: usize, delimiter: u8) -> Option<(usize, usize, bool)> {
    let mut reader = records(text, start, delimiter, false).ok()?;
    let mut record = StringRecord::new();
    for index in 0..HEADER_SEARCH {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            _ => return None,
        }
        let mut seen = [false; Field::ALL.len()];
        for cell in record.iter() {
            if let Some(f) = Field::from_header(cell) {
                if let Some(s) = seen.get_mut(f.index()) {
                    *s = true;
                }
            }
        }
        let score = seen.iter().filter(|s| **s).count();
        if score >= 2 {
            let width = record.len();
            let consistent = match reader.read_record(&mut record) {
                Ok(true) => record.len() == width,
                _ => true,
            };
            return Some((index, score, consistent));
        }
    }
    None
}

fn first_cells(text: &mut Text<'_>, start: usize, delimiter: u8) -> String {
    let Ok(mut reader) = records(text, start, delimiter, false) else {
        return "nothing".into();
    };
    let mut record = StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record
            .iter()
            .take(8)
            .map(|c| format!("'{}'", shorten(c.trim())))
            .collect::<Vec<_>>()
            .join(", "),
        _ => "nothing".into(),
    }
}

/// The records of the text from `start` (the bytes read kept when `keep`:
/// see [`Window`]).
fn records<'t>(
    text: &'t mut Text<'_>,
    start: usize,
    delimiter: u8,
    keep: bool,
) -> std::io::Result<csv::Reader<Window<Decoder<'t>>>> {
    Ok(ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Window::new(text.open(start)?, keep)))
}

/// The first line of the text from `start`, as `str::lines` gives it.
fn first_line(text: &mut Text<'_>, start: usize) -> String {
    let mut line = String::new();
    if let Ok(mut d) = text.open(start) {
        while let Ok(true) = d.more() {
            let t = d.text();
            if let Some((first, _)) = t.split_once('\n') {
                line.push_str(first);
                break;
            }
            line.push_str(t);
            let n = t.len();
            d.consume(n);
        }
    }
    if line.ends_with('\r') {
        line.pop();
    }
    line
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_bytes() {
        let text = "a\nbb\n\n\ncccccccccccc\nddddddd\u{e9}\u{10a0a}\n";
        assert_eq!(count_byte(text.as_bytes(), b'\n'), 6);
        assert_eq!(count_byte(b"", b'\n'), 0);
        assert_eq!(count_byte(&[10u8; 17], b'\n'), 17);
        assert_eq!(
            count_byte(&[0u8, 255, 128, 127, 11, 9, 10, 138, 10], b'\n'),
            2
        );
    }

    #[test]
    fn line_breaks_count_crlf_once() {
        let t = b"a\r\nb\rc\nd\r\n\r\n";
        assert_eq!(line_breaks(t, 0, t.len()), 5);
        // A span that splits a CRLF counts it on the CR side.
        assert_eq!(line_breaks(t, 0, 2), 1);
        assert_eq!(line_breaks(t, 2, t.len()), 4);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn formula_escape_is_undone() {
        assert_eq!(cell_text(" '=SUM(A1) "), Some("=SUM(A1)"));
        assert_eq!(cell_text("'quoted'"), Some("'quoted'"));
        assert_eq!(cell_text("''=x"), Some("'=x"));
        assert_eq!(cell_text("'''-1"), Some("''-1"));
        assert_eq!(
            list_cell_text(" 'Office; Bangkok\n "),
            Some("'Office; Bangkok\n")
        );
        assert_eq!(list_cell_text(" \n "), None);
        assert_eq!(cell_text("  "), None);
    }

    #[test]
    fn sep_line_is_read() {
        assert_eq!(sep_line("sep=;\r\nid;title"), Some((b';', "id;title")));
        assert_eq!(sep_line("sep=;\r\r"), Some((b';', "")));
        assert_eq!(sep_line("sep=;x\nid"), None);
        assert_eq!(sep_line("sep=\r\nid"), None);
        assert_eq!(sep_line("id;title"), None);
    }
}
