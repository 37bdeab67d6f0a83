//! The fields of an activity record, their header names, and the checks that
//! turn one record (a CSV row or a JSON object) into an [`Activity`] plus the
//! problems found in it. CSV and JSON share this code: a cell is either text or
//! a JSON value, and text in a JSON string is read exactly like a CSV cell.

use super::dates::parse_date;
use super::refs::parse_paragraph_refs;
use super::{IdRegistry, Names, Problem, RowUnit, Severity};
use crate::core::declaration::PARAGRAPH_COUNT;
use crate::core::model::{Activity, Name, PartialDate, Sdg, Status, Track};
use serde_json::Value;
use std::borrow::Cow;

/// A field of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Required, unique.
    Id,
    /// Required.
    Title,
    /// Required: the paragraphs followed up.
    Paragraphs,
    /// Required.
    Status,
    /// Optional text.
    Description,
    /// Optional 0–100.
    Progress,
    /// Optional date.
    Start,
    /// Optional date.
    End,
    /// Optional follow-up track.
    Track,
    /// Optional text.
    Lead,
    /// Optional list.
    Partners,
    /// Optional list.
    Countries,
    /// Optional list of goals or targets.
    Sdgs,
    /// Optional link.
    Url,
    /// Optional document symbol.
    Source,
    /// Optional date.
    Updated,
}

impl Field {
    /// All fields, in the order the tool writes them.
    pub const ALL: [Field; 16] = [
        Field::Id,
        Field::Title,
        Field::Paragraphs,
        Field::Status,
        Field::Description,
        Field::Progress,
        Field::Start,
        Field::End,
        Field::Track,
        Field::Lead,
        Field::Partners,
        Field::Countries,
        Field::Sdgs,
        Field::Url,
        Field::Source,
        Field::Updated,
    ];

    /// The canonical name (the JSON key and the header the tool writes).
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Paragraphs => "paragraphs",
            Field::Status => "status",
            Field::Description => "description",
            Field::Progress => "progress",
            Field::Start => "start",
            Field::End => "end",
            Field::Track => "track",
            Field::Lead => "lead",
            Field::Partners => "partners",
            Field::Countries => "countries",
            Field::Sdgs => "sdgs",
            Field::Url => "url",
            Field::Source => "source",
            Field::Updated => "updated",
        }
    }

    /// Whether a record without it is skipped.
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Id | Field::Title | Field::Paragraphs | Field::Status
        )
    }

    /// Whether the field holds a list (partners, countries, goals).
    pub fn is_list(self) -> bool {
        matches!(self, Field::Partners | Field::Countries | Field::Sdgs)
    }

    /// Position in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Header names accepted for the field, normalised (lower case, letters
    /// and digits only: "Start date" → `startdate`).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "activityid", "identifier", "ref", "no", "number"],
            Field::Title => &["title", "activity", "activitytitle", "name"],
            Field::Paragraphs => &[
                "paragraphs",
                "paragraph",
                "paras",
                "para",
                "paragraphref",
                "paragraphrefs",
                "kyotoparagraphs",
                "declarationparagraphs",
                "kyotodeclarationparagraphs",
            ],
            Field::Status => &["status", "state"],
            Field::Description => &["description", "details", "summary"],
            Field::Progress => &["progress", "percentcomplete", "completion", "percent"],
            Field::Start => &["start", "startdate", "started", "begin", "from"],
            Field::End => &["end", "enddate", "ended", "until", "to", "deadline"],
            Field::Track => &["track", "followuptrack", "followup"],
            Field::Lead => &[
                "lead",
                "leadentity",
                "leadagency",
                "leadorganization",
                "leadorganisation",
                "ledby",
                "responsible",
            ],
            Field::Partners => &["partners", "partner", "partnerorganizations"],
            Field::Countries => &["countries", "country", "memberstates", "memberstate"],
            Field::Sdgs => &[
                "sdgs",
                "sdg",
                "goals",
                "sustainabledevelopmentgoals",
                "sdgtargets",
            ],
            Field::Url => &["url", "link", "website", "web"],
            Field::Source => &["source", "documentsymbol", "symbol", "document"],
            Field::Updated => &[
                "updated",
                "lastupdated",
                "dateupdated",
                "updatedon",
                "modified",
            ],
        }
    }

    /// The field whose canonical name is exactly `name` (`"start"`, not
    /// `"Start date"`).
    pub(crate) fn from_name(name: &str) -> Option<Field> {
        Some(match name {
            "id" => Field::Id,
            "title" => Field::Title,
            "paragraphs" => Field::Paragraphs,
            "status" => Field::Status,
            "description" => Field::Description,
            "progress" => Field::Progress,
            "start" => Field::Start,
            "end" => Field::End,
            "track" => Field::Track,
            "lead" => Field::Lead,
            "partners" => Field::Partners,
            "countries" => Field::Countries,
            "sdgs" => Field::Sdgs,
            "url" => Field::Url,
            "source" => Field::Source,
            "updated" => Field::Updated,
            _ => return None,
        })
    }

    /// The field a header names, matched case-, space- and
    /// punctuation-insensitively.
    pub fn from_header(header: &str) -> Option<Field> {
        let key = normalize_header(header);
        Field::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&key.as_str()))
    }
}

/// Letters and digits only, ASCII letters in lower case: what a header is
/// matched by (every alias is ASCII, so a non-ASCII letter never matches
/// either way). ASCII, not Unicode, lower case: the same matches, without
/// Unicode's case tables in the chart's module (about 17 KB of wasm).
pub(crate) fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `alias` is a key a header can match through [`normalize_header`]:
/// ASCII lower case letters and digits, not empty. Every alias, here and in
/// the progress tables' columns, must be one (their tests say so).
#[cfg(test)]
pub(crate) fn is_header_key(alias: &str) -> bool {
    !alias.is_empty()
        && alias
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// One cell of a record, before it is read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    /// A CSV cell or a JSON string, trimmed.
    Text(&'a str),
    /// Any other JSON value.
    Json(&'a Value),
    /// A JSON list whose items are all strings, read without building a
    /// `Value` (it reads exactly as `Json` of that list would).
    Strings(&'a [Cow<'a, str>]),
}

/// An item of a JSON list.
#[derive(Debug, Clone, Copy)]
enum ListItem<'a> {
    Text(&'a str),
    Json(&'a Value),
}

impl<'a> Cell<'a> {
    pub(crate) fn from_json(v: &'a Value) -> Option<Cell<'a>> {
        match v {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(Cell::Text(s.trim())),
            Value::Array(a) if a.is_empty() => None,
            other => Some(Cell::Json(other)),
        }
    }

    /// The value as shown in a problem.
    fn shown(&self) -> String {
        match self {
            Cell::Text(s) => shorten(s),
            Cell::Json(v) => shorten(&json_text(v)),
            Cell::Strings(items) => shorten(&json_strings(items)),
        }
    }

    /// The items of a JSON list, strings as text; `None` for anything else.
    fn list_items(&self) -> Option<impl Iterator<Item = ListItem<'a>>> {
        let (values, texts): (&'a [Value], &'a [Cow<'a, str>]) = match *self {
            Cell::Json(Value::Array(items)) => (items, &[]),
            Cell::Strings(items) => (&[], items),
            _ => return None,
        };
        Some(
            values
                .iter()
                .map(|v| match v {
                    Value::String(s) => ListItem::Text(s),
                    other => ListItem::Json(other),
                })
                .chain(texts.iter().map(|s| ListItem::Text(s))),
        )
    }
}

/// A value shortened for one line of a report: at most 60 characters, line
/// breaks and tabs shown as `\n` `\t`, and the invisible characters that
/// change direction or hide in an id (bidirectional controls, zero-width
/// characters, byte order marks) named as `<U+202E>`: shown as they are they
/// would reorder the report's own words, or make two ids look alike.
pub(crate) fn shorten(value: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push('\u{FFFD}'),
            '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}' => {
                out.push_str(&format!("<U+{:04X}>", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A JSON value written compactly, exactly as serde_json's `Display` writes
/// it, for a problem's value and a field kept aside. Written here rather than
/// through serde_json's serializer, which only this would bring into a web
/// module (two copies, compact and pretty: 8.6 KB of wasm).
pub(crate) fn json_text(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

/// A list of text written as a JSON list (`["a","b"]`), as [`json_text`]
/// writes a `Value` list of strings.
pub(crate) fn json_strings(items: &[Cow<str>]) -> String {
    let mut out = String::new();
    write_list(&mut out, items, |out, item| write_json_str(out, item));
    out
}

/// A JSON list of `items`, each written by `item`, comma-separated.
fn write_list<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, one) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, one);
    }
    out.push(']');
}

/// A `Value` as [`json_text`] writes it (named apart from
/// `import::write_json`, which writes a whole export).
fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_json_str(out, s),
        Value::Array(items) => write_list(out, items, write_value),
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_str(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string with serde_json's escapes: `"` `\` and the control
/// characters (`\n` and the like where JSON has a short form, else `\u001f`).
pub(crate) fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c);
                out.push_str("\\u00");
                out.push(char::from_digit(b >> 4, 16).unwrap_or('0'));
                out.push(char::from_digit(b & 15, 16).unwrap_or('0'));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The kind of a JSON value, for messages.
pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Where a record is, for its problems.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordPlace {
    pub row: usize,
    pub unit: RowUnit,
    pub lines: Option<(usize, usize)>,
}

/// Collects the problems of one record.
pub(crate) struct RecordChecker<'p> {
    place: RecordPlace,
    problems: &'p mut Vec<Problem>,
    errors: usize,
}

impl<'p> RecordChecker<'p> {
    pub fn new(place: RecordPlace, problems: &'p mut Vec<Problem>) -> Self {
        RecordChecker {
            place,
            problems,
            errors: 0,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    pub fn report(
        &mut self,
        severity: Severity,
        column: &str,
        value: Option<String>,
        rule: String,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.problems.push(Problem {
            severity,
            row: Some(self.place.row),
            column: Some(column.to_string()),
            value,
            rule,
            unit: self.place.unit,
            lines: self.place.lines,
        });
    }

    /// A problem with the record as a whole (no column).
    pub fn report_record(&mut self, severity: Severity, value: Option<String>, rule: String) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.problems.push(Problem {
            severity,
            row: Some(self.place.row),
            column: None,
            value,
            rule,
            unit: self.place.unit,
            lines: self.place.lines,
        });
    }

    /// A problem with a field: an error for a required field (the record is
    /// skipped), a warning for an optional one (loaded without the value).
    fn bad(&mut self, field: Field, column: &str, cell: Option<&Cell>, rule: String) {
        if field.required() {
            self.report(Severity::Error, column, cell.map(Cell::shown), rule);
        } else {
            let rule = format!("{rule}; the row loads without it");
            self.report(Severity::Warning, column, cell.map(Cell::shown), rule);
        }
    }

    fn wrong_type(&mut self, field: Field, column: &str, cell: &Cell, expected: &str) {
        let found = match cell {
            Cell::Json(v) => json_type(v),
            Cell::Text(_) => "text",
            Cell::Strings(_) => "a list",
        };
        self.bad(
            field,
            column,
            Some(cell),
            format!("{} must be {expected}, not {found}", field.name()),
        );
    }

    fn text(&mut self, field: Field, column: &str, cell: Option<Cell>) -> Option<String> {
        match cell? {
            Cell::Text(s) => Some(s.to_string()),
            // Ids are often numbers in JSON written by scripts.
            Cell::Json(Value::Number(n)) if field == Field::Id => Some(n.to_string()),
            c => {
                self.wrong_type(field, column, &c, "text");
                None
            }
        }
    }

    fn date(&mut self, field: Field, column: &str, cell: Option<Cell>) -> Option<PartialDate> {
        let cell = cell?;
        let number;
        let text = match cell {
            Cell::Text(s) => s,
            Cell::Json(Value::Number(n)) if n.is_u64() => {
                number = n.to_string();
                number.as_str()
            }
            c => {
                self.wrong_type(field, column, &c, "a date written as text");
                return None;
            }
        };
        match parse_date(text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.bad(field, column, Some(&cell), e.to_string());
                None
            }
        }
    }

    /// A list of names, each the shared copy of `names` (looked up before
    /// anything is allocated).
    fn list(
        &mut self,
        field: Field,
        column: &str,
        cell: Option<Cell>,
        names: &mut Names,
    ) -> Vec<Name> {
        let Some(cell) = cell else {
            return Vec::new();
        };
        // Each list keeps only the room it fills (blank items are left out).
        if let Cell::Text(s) = cell {
            let items = list_items(s);
            let mut out = Vec::with_capacity(items.most);
            out.extend(items.map(|t| names.get(t)));
            out.shrink_to_fit();
            return out;
        }
        match cell.list_items() {
            Some(items) => {
                let mut out = Vec::with_capacity(items.size_hint().0);
                for item in items {
                    match item {
                        // An item never holds a line break (a cell could not
                        // say where it ends): breaks become spaces.
                        ListItem::Text(s) if s.contains(['\r', '\n']) => {
                            let joined = s
                                .split(['\r', '\n'])
                                .map(str::trim)
                                .filter(|p| !p.is_empty())
                                .collect::<Vec<_>>()
                                .join(" ");
                            if !joined.is_empty() {
                                out.push(names.get(&joined));
                            }
                        }
                        ListItem::Text(s) => {
                            let t = s.trim();
                            if !t.is_empty() {
                                out.push(names.get(t));
                            }
                        }
                        ListItem::Json(Value::Null) => {}
                        ListItem::Json(other) => {
                            let c = Cell::Json(other);
                            self.wrong_type(field, column, &c, "a list of text items");
                        }
                    }
                }
                out.shrink_to_fit();
                out
            }
            None => {
                let c = cell;
                self.wrong_type(
                    field,
                    column,
                    &c,
                    "a list (or text with items separated by ';')",
                );
                Vec::new()
            }
        }
    }
}

/// Splits a list cell: one item per line when the cell has line breaks;
/// otherwise items separated by `;` when it has any; otherwise by `,`. So
/// "Korea, Republic of; Japan" is two countries, "UNODC, UNICRI" two partners,
/// and "UNODC Regional Office; Bangkok" on one line of a two-line cell is one.
pub fn split_list(cell: &str) -> Vec<String> {
    let items = list_items(cell);
    let mut out = Vec::with_capacity(items.most);
    out.extend(items.map(str::to_string));
    out
}

/// The items of a list cell, trimmed, blanks left out (see [`split_list`]).
pub(crate) fn list_items(cell: &str) -> ListItems<'_> {
    // One pass over the bytes decides the separator and bounds the items.
    let (mut breaks, mut semicolons, mut commas) = (0usize, 0usize, 0usize);
    for &b in cell.as_bytes() {
        match b {
            b'\n' | b'\r' => breaks += 1,
            b';' => semicolons += 1,
            b',' => commas += 1,
            _ => {}
        }
    }
    let (separators, count) = if breaks > 0 {
        ([b'\n', b'\r'], breaks)
    } else if semicolons > 0 {
        ([b';'; 2], semicolons)
    } else {
        ([b','; 2], commas)
    };
    ListItems {
        rest: Some(cell),
        separators,
        most: count + 1,
    }
}

/// The pieces of a cell between separator bytes (ASCII, so every piece is
/// whole characters), trimmed, blanks left out.
pub(crate) struct ListItems<'a> {
    rest: Option<&'a str>,
    separators: [u8; 2],
    /// At most this many items.
    most: usize,
}

impl<'a> Iterator for ListItems<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let rest = self.rest?;
            let [a, b] = self.separators;
            let piece = match rest.bytes().position(|c| c == a || c == b) {
                Some(i) => {
                    self.rest = rest.get(i + 1..);
                    rest.get(..i).unwrap_or_default()
                }
                None => {
                    self.rest = None;
                    rest
                }
            };
            let piece = piece.trim();
            if !piece.is_empty() {
                return Some(piece);
            }
        }
    }
}

/// Reads a progress value: 0–100, with or without `%`; decimals are rounded.
pub fn parse_progress(text: &str) -> Option<u8> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    let v: f64 = if t.contains(',') {
        crate::core::number::parse(&t.replace(',', "."))?
    } else {
        crate::core::number::parse(t)?
    };
    progress_from_f64(v)
}

fn progress_from_f64(v: f64) -> Option<u8> {
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        // In range 0..=100, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(v.round() as u8)
    } else {
        None
    }
}

const PROGRESS_RULE: &str = "progress must be a number from 0 to 100 ('40' or '40%')";
const STATUS_RULE: &str = "status must be completed, ongoing or planned (or one of the synonyms done, complete, finished; in progress, underway, active; proposed, not started, pipeline)";
const TRACK_RULE: &str =
    "track must be institutional, intergovernmental, programmatic, national or stakeholder";

/// Reads one record. `cell(field)` gives the cell of a field and the column
/// name to report it under. Returns the activity when the record has no
/// error; every problem goes to the checker.
pub(crate) fn read_record<'a>(
    check: &mut RecordChecker,
    ids: &mut IdRegistry,
    cell: &dyn Fn(Field) -> (Option<Cell<'a>>, &'a str),
) -> Option<Activity> {
    let (c, col) = cell(Field::Id);
    let id = check.text(Field::Id, col, c);
    if let Some(id) = &id {
        if let Some(first) = ids.register(id, check.place.row) {
            let unit = match check.place.unit {
                RowUnit::Row => "row",
                RowUnit::Activity => "activity",
            };
            check.report(
                Severity::Error,
                col,
                Some(shorten(id)),
                format!(
                    "the id '{}' is already used by {unit} {first}: ids must be unique",
                    shorten(id)
                ),
            );
        }
    }
    if c.is_none() {
        check.report(
            Severity::Error,
            col,
            None,
            "an id is required: every activity needs a unique id".into(),
        );
    }

    let (c, col) = cell(Field::Title);
    let title = check.text(Field::Title, col, c);
    if c.is_none() {
        check.report(Severity::Error, col, None, "a title is required".into());
    }

    let (c, col) = cell(Field::Paragraphs);
    let paragraphs = read_paragraphs(check, col, c);

    let (c, col) = cell(Field::Status);
    let status = match c {
        None => {
            check.report(
                Severity::Error,
                col,
                None,
                "a status is required: completed, ongoing or planned".into(),
            );
            None
        }
        Some(Cell::Text(s)) => {
            let st = Status::parse(s);
            if st.is_none() {
                check.bad(Field::Status, col, c.as_ref(), STATUS_RULE.into());
            }
            st
        }
        Some(other) => {
            check.wrong_type(Field::Status, col, &other, "text");
            None
        }
    };

    let (c, col) = cell(Field::Description);
    let description = check.text(Field::Description, col, c);

    let (c, col) = cell(Field::Progress);
    let progress = match c {
        None => None,
        Some(Cell::Text(s)) => {
            let p = parse_progress(s);
            if p.is_none() {
                check.bad(Field::Progress, col, c.as_ref(), PROGRESS_RULE.into());
            }
            p
        }
        Some(Cell::Json(Value::Number(n))) => {
            let p = n.as_f64().and_then(progress_from_f64);
            if p.is_none() {
                check.bad(Field::Progress, col, c.as_ref(), PROGRESS_RULE.into());
            }
            p
        }
        Some(other) => {
            check.wrong_type(Field::Progress, col, &other, "a number from 0 to 100");
            None
        }
    };

    let (c, col) = cell(Field::Start);
    let start = check.date(Field::Start, col, c);
    let (c, col) = cell(Field::End);
    let mut end = check.date(Field::End, col, c);
    if let (Some(s), Some(e)) = (start, end) {
        if ends_before(s, e) {
            check.bad(
                Field::End,
                col,
                c.as_ref(),
                format!("the end ({e}) is before the start ({s})"),
            );
            end = None;
        }
    }

    let (c, col) = cell(Field::Track);
    let track = match c {
        None => None,
        Some(Cell::Text(s)) => {
            let t = Track::parse(s);
            if t.is_none() {
                check.bad(Field::Track, col, c.as_ref(), TRACK_RULE.into());
            }
            t
        }
        Some(other) => {
            check.wrong_type(Field::Track, col, &other, "text");
            None
        }
    };

    let (c, col) = cell(Field::Lead);
    let lead = check.text(Field::Lead, col, c);
    let (c, col) = cell(Field::Partners);
    let partners = check.list(Field::Partners, col, c, &mut ids.names);
    let (c, col) = cell(Field::Countries);
    let countries = check.list(Field::Countries, col, c, &mut ids.names);
    let (c, col) = cell(Field::Sdgs);
    let sdgs = read_sdgs(check, col, c);
    let (c, col) = cell(Field::Url);
    let url = check.text(Field::Url, col, c);
    let (c, col) = cell(Field::Source);
    let source = check.text(Field::Source, col, c);
    let (c, col) = cell(Field::Updated);
    let updated = check.date(Field::Updated, col, c);

    if check.has_errors() {
        return None;
    }
    // Lists grow by four at least: a dataset keeps every activity, so each
    // list keeps only the room it fills (most hold one to three items).
    let (mut paragraphs, mut sdgs) = (paragraphs?, sdgs);
    paragraphs.shrink_to_fit();
    sdgs.shrink_to_fit();
    for sdg in &mut sdgs {
        if let Some(t) = &mut sdg.target {
            *t = ids.names.get(t);
        }
    }
    let lead = lead.map(|l| ids.names.get(&l));
    Some(Activity {
        id: id?,
        title: title?,
        paragraphs,
        status: status?,
        description,
        progress,
        start,
        end,
        track,
        lead,
        partners,
        countries,
        sdgs,
        url,
        source,
        updated,
    })
}

/// Whether `end` is before `start`, compared at the precision both have.
fn ends_before(start: PartialDate, end: PartialDate) -> bool {
    let key = |d: PartialDate, month: bool, day: bool| {
        (
            d.year,
            if month { d.month.unwrap_or(0) } else { 0 },
            if day { d.day.unwrap_or(0) } else { 0 },
        )
    };
    let month = start.month.is_some() && end.month.is_some();
    let day = month && start.day.is_some() && end.day.is_some();
    key(end, month, day) < key(start, month, day)
}

fn read_paragraphs(check: &mut RecordChecker, col: &str, c: Option<Cell>) -> Option<Vec<u8>> {
    let Some(cell) = c else {
        check.report(
            Severity::Error,
            col,
            None,
            "paragraphs are required: which paragraphs of the Declaration (1–97) the activity follows up".into(),
        );
        return None;
    };
    // A text item of a JSON list.
    let text = |check: &mut RecordChecker, out: &mut Vec<u8>, s: &str| -> bool {
        match parse_paragraph_refs(s) {
            Ok(v) => {
                out.extend(v);
                true
            }
            Err(e) => {
                check.report(Severity::Error, col, Some(shorten(s)), e.to_string());
                false
            }
        }
    };
    let mut out = Vec::new();
    let mut one = |check: &mut RecordChecker, item: ListItem| -> bool {
        let item = match item {
            ListItem::Text(s) => return text(check, &mut out, s),
            ListItem::Json(v) => v,
        };
        match item {
            Value::String(s) => text(check, &mut out, s),
            Value::Number(n) => {
                let whole = n.as_u64().or_else(|| {
                    // 21.0 is paragraph 21; a value in range, so the cast is exact.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && (0.0..=255.0).contains(f))
                        .map(|f| f as u64)
                });
                // A whole number is a paragraph when it is one of 1–97 (as the
                // text reader reads its digits).
                let paragraph = whole
                    .and_then(|w| u8::try_from(w).ok())
                    .filter(|p| (1..=PARAGRAPH_COUNT).contains(p));
                match paragraph {
                    Some(p) => {
                        out.push(p);
                        true
                    }
                    None => {
                        check.report(
                            Severity::Error,
                            col,
                            Some(n.to_string()),
                            format!(
                                "paragraph {n} does not exist: the Declaration has paragraphs 1–97"
                            ),
                        );
                        false
                    }
                }
            }
            other => {
                check.report(
                    Severity::Error,
                    col,
                    Some(shorten(&json_text(other))),
                    format!(
                        "paragraphs must be numbers or text like '21, 22' or '93-95', not {}",
                        json_type(other)
                    ),
                );
                false
            }
        }
    };
    let ok = match cell {
        Cell::Text(s) => match parse_paragraph_refs(s) {
            Ok(v) => {
                out = v;
                true
            }
            Err(e) => {
                check.report(Severity::Error, col, Some(shorten(s)), e.to_string());
                false
            }
        },
        Cell::Json(Value::Array(_)) | Cell::Strings(_) => {
            let mut all = true;
            for item in cell.list_items().into_iter().flatten() {
                all &= one(check, item);
            }
            all
        }
        Cell::Json(v) => one(check, ListItem::Json(v)),
    };
    if !ok {
        return None;
    }
    crate::core::order::sort_dedup(&mut out);
    if out.is_empty() {
        check.report(
            Severity::Error,
            col,
            Some(cell.shown()),
            super::refs::ParagraphRefError::Empty.to_string(),
        );
        return None;
    }
    Some(out)
}

fn read_sdgs(check: &mut RecordChecker, col: &str, c: Option<Cell>) -> Vec<Sdg> {
    let mut out: Vec<Sdg> = Vec::new();
    let mut push_text = |check: &mut RecordChecker, item: &str| {
        match Sdg::parse(item) {
        Some(s) => out.push(s),
        None => check.report(
            Severity::Warning,
            col,
            Some(shorten(item)),
            "not a Sustainable Development Goal (goals 1–17, targets like 16.3 or 'SDG 5'); the row loads without this item".into(),
        ),
    }
    };
    match c {
        None => {}
        Some(Cell::Text(s)) => {
            for item in list_items(s) {
                push_text(check, item);
            }
        }
        Some(c @ (Cell::Json(Value::Array(_)) | Cell::Strings(_))) => {
            for item in c.list_items().into_iter().flatten() {
                let item = match item {
                    ListItem::Text(s) => {
                        push_text(check, s);
                        continue;
                    }
                    ListItem::Json(v) => v,
                };
                match item {
                    Value::String(s) => push_text(check, s),
                    Value::Number(n) => push_text(check, &n.to_string()),
                    Value::Object(o) => {
                        // The shape the tool's own JSON once used: {"goal": 16, "target": "3"}.
                        let goal = o.get("goal").map(|g| match g {
                            Value::String(s) => s.clone(),
                            other => json_text(other),
                        });
                        let target = o.get("target").and_then(|t| match t {
                            Value::String(s) => Some(s.clone()),
                            Value::Null => None,
                            other => Some(json_text(other)),
                        });
                        let text = match (goal, target) {
                            (Some(g), Some(t)) => format!("{g}.{t}"),
                            (Some(g), None) => g,
                            _ => json_text(item),
                        };
                        push_text(check, &text);
                    }
                    Value::Null => {}
                    other => push_text(check, &json_text(other)),
                }
            }
        }
        Some(Cell::Json(Value::Number(n))) => push_text(check, &n.to_string()),
        Some(other) => check.wrong_type(Field::Sdgs, col, &other, "a list of goals or targets"),
    }
    crate::core::order::sort_dedup(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_writes_as_serde_json_does() {
        let doc = r#"[null, true, false, 0, -7, 18446744073709551615, 2.5, 1e300, -0.0,
            "", "plain", "quote \" and \\ slash", "tab\tline\nreturn\r\b\f\u0001\u001f\u007f",
            "é ✓ \u202e 𝄞", [], {}, [1, [2, [3]]],
            {"b": 1, "a": {"z": [], "y": "x"}, "": null}]"#;
        let Ok(Value::Array(values)) = serde_json::from_str::<Value>(doc) else {
            panic!("the test's JSON reads");
        };
        for v in &values {
            assert_eq!(json_text(v), v.to_string(), "{v:?}");
        }
        let items: Vec<Cow<str>> = vec!["a\"b".into(), "\u{0}".into(), "ü".into()];
        let list = Value::Array(items.iter().map(|s| Value::String(s.to_string())).collect());
        assert_eq!(json_strings(&items), list.to_string());
        assert_eq!(json_strings(&[]), "[]");
    }

    #[test]
    fn headers() {
        assert_eq!(Field::from_header("SDGs"), Some(Field::Sdgs));
        assert_eq!(Field::from_header(" Start date "), Some(Field::Start));
        assert_eq!(Field::from_header("START_DATE"), Some(Field::Start));
        assert_eq!(Field::from_header("Progress (%)"), Some(Field::Progress));
        assert_eq!(Field::from_header("Lead entity"), Some(Field::Lead));
        assert_eq!(Field::from_header("Notes"), None);
    }

    /// Headers are matched in ASCII lower case (normalize_header), which
    /// gives what Unicode lower case gives only while every alias is ASCII
    /// lower case letters and digits: an alias with any other character
    /// would never match.
    #[test]
    fn aliases_are_ascii_lower_case() {
        for f in Field::ALL {
            for a in f.aliases() {
                assert!(is_header_key(a), "{f:?}: alias {a:?}");
                assert_eq!(Field::from_header(&a.to_uppercase()), Some(f), "{a}");
            }
        }
        // Letters beyond ASCII keep their case and match nothing, as before.
        assert_eq!(Field::from_header("STATÜS"), None);
        assert_eq!(Field::from_header("Títle"), None);
    }

    #[test]
    fn lists() {
        assert_eq!(split_list("UNODC, UNICRI"), ["UNODC", "UNICRI"]);
        assert_eq!(
            split_list("Korea, Republic of; Japan"),
            ["Korea, Republic of", "Japan"]
        );
        assert_eq!(split_list("a\nb,c"), ["a", "b,c"]);
        assert_eq!(
            split_list("Office; Bangkok\nUNICRI"),
            ["Office; Bangkok", "UNICRI"]
        );
        assert_eq!(split_list("Office; Bangkok\n"), ["Office; Bangkok"]);
        assert!(split_list(" ; ").is_empty());
    }

    #[test]
    fn progress() {
        assert_eq!(parse_progress("40%"), Some(40));
        assert_eq!(parse_progress("40 %"), Some(40));
        assert_eq!(parse_progress("40,5"), Some(41));
        assert_eq!(parse_progress("100"), Some(100));
        assert_eq!(parse_progress("101"), None);
        assert_eq!(parse_progress("-1"), None);
        assert_eq!(parse_progress("1e400"), None);
        assert_eq!(parse_progress("NaN"), None);
        assert_eq!(parse_progress("half"), None);
    }

    #[test]
    fn shortening() {
        assert_eq!(shorten("a\nb"), "a\\nb");
        assert_eq!(shorten(&"x".repeat(100)).chars().count(), 61);
    }
}
