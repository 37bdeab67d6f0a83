//! Writing a dataset back in the format: CSV that spreadsheets open safely,
//! and the JSON form.
//!
//! CSV cells that a spreadsheet would run as a formula (they begin with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) are written with a leading
//! apostrophe, as the OWASP guidance on CSV injection advises; the importer
//! removes that apostrophe again, so a conversion round-trips.

use super::refs::format_paragraph_refs;
use super::{ExtraFields, Field};
use crate::core::model::{Activity, Dataset, Name};
use serde::Serialize;

/// How to write CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// The delimiter: `,` (default), `;` or tab.
    pub delimiter: char,
    /// Start with a UTF-8 byte-order mark (Excel then reads accents right).
    pub bom: bool,
    /// End lines with CRLF instead of LF.
    pub crlf: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: ',',
            bom: false,
            crlf: false,
        }
    }
}

impl CsvOptions {
    /// What Excel expects: BOM and CRLF.
    pub fn excel() -> Self {
        CsvOptions {
            bom: true,
            crlf: true,
            ..CsvOptions::default()
        }
    }
}

/// Prefixes a cell that a spreadsheet would read as a formula with `'`.
///
/// ```
/// use kyoto_widgets::core::import::escape_formula;
/// assert_eq!(escape_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(escape_formula("Training"), "Training");
/// ```
pub fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    // Apostrophes already at the start are counted in, so that the text
    // `'=x` is written `''=x` and reads back as itself.
    if cell
        .trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
    {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn cell_of(a: &Activity, f: Field) -> String {
    let opt = |o: Option<&str>| o.unwrap_or_default().to_string();
    let date =
        |d: &Option<crate::core::model::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match f {
        Field::Id => a.id.clone(),
        Field::Title => a.title.clone(),
        Field::Paragraphs => format_paragraph_refs(&a.paragraphs),
        Field::Status => a.status.as_str().to_string(),
        Field::Description => opt(a.description.as_deref()),
        Field::Progress => a.progress.map(|p| p.to_string()).unwrap_or_default(),
        Field::Start => date(&a.start),
        Field::End => date(&a.end),
        Field::Track => a.track.map(|t| t.as_str().to_string()).unwrap_or_default(),
        Field::Lead => opt(a.lead.as_deref()),
        Field::Partners => list_cell(&a.partners),
        Field::Countries => list_cell(&a.countries),
        Field::Sdgs => a
            .sdgs
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
        Field::Url => opt(a.url.as_deref()),
        Field::Source => opt(a.source.as_deref()),
        Field::Updated => date(&a.updated),
    }
}

/// Items joined so that they read back as the same items: one per line when
/// an item holds `;` (with a closing line break when there is one item);
/// otherwise joined with "; ", a single item with a comma getting a closing
/// ";" ("Korea, Republic of;").
fn list_cell(items: &[Name]) -> String {
    if items.iter().any(|i| i.contains(';')) {
        let mut cell = items.join("\n");
        if items.len() == 1 {
            cell.push('\n');
        }
        return cell;
    }
    let mut cell = items.join("; ");
    if items.len() == 1 && cell.contains(',') {
        cell.push(';');
    }
    cell
}

/// The name under which a kept-aside field is written: as read, unless it
/// names a field of the format (a second "Start date" column), which would be
/// read as that field next time.
fn extra_name(name: &str) -> std::borrow::Cow<'_, str> {
    if Field::from_header(name).is_some() {
        std::borrow::Cow::Owned(format!("{name} (kept aside)"))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

fn push_cell(out: &mut String, cell: &str, delimiter: char) {
    let cell = escape_formula(cell);
    let needs_quotes =
        cell.contains([delimiter, '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ');
    if needs_quotes {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

/// Writes the dataset as CSV with the canonical header, then any columns kept
/// aside (`extra`, aligned with the activities).
pub fn write_csv(dataset: &Dataset, extra: Option<&ExtraFields>, options: &CsvOptions) -> String {
    let eol = if options.crlf { "\r\n" } else { "\n" };
    let d = options.delimiter;
    let mut out = String::with_capacity(dataset.activities.len() * 160 + 256);
    if options.bom {
        out.push('\u{FEFF}');
    }
    let extra_names: &[String] = extra.map_or(&[], |e| e.names.as_slice());
    let mut first = true;
    for f in Field::ALL {
        if !first {
            out.push(d);
        }
        first = false;
        push_cell(&mut out, f.name(), d);
    }
    for name in extra_names {
        out.push(d);
        push_cell(&mut out, &extra_name(name), d);
    }
    out.push_str(eol);
    for (i, a) in dataset.activities.iter().enumerate() {
        let mut first = true;
        for f in Field::ALL {
            if !first {
                out.push(d);
            }
            first = false;
            push_cell(&mut out, &cell_of(a, f), d);
        }
        if !extra_names.is_empty() {
            for j in 0..extra_names.len() {
                out.push(d);
                let v = extra.and_then(|e| e.value(i, j));
                push_cell(&mut out, v.unwrap_or_default(), d);
            }
        }
        out.push_str(eol);
    }
    out
}

/// One activity as the JSON form writes it (field order as documented).
#[derive(Serialize)]
struct JsonActivity<'a> {
    id: &'a str,
    title: &'a str,
    paragraphs: &'a [u8],
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    track: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead: Option<&'a str>,
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    partners: &'a [Name],
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    countries: &'a [Name],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sdgs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(flatten)]
    extra: ExtraMap<'a>,
}

/// Kept-aside fields, written as keys in input order.
struct ExtraMap<'a>(Vec<(std::borrow::Cow<'a, str>, &'a str)>);

impl Serialize for ExtraMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Writes the dataset in the JSON form, one activity per line, with any fields kept
/// aside (`extra`) as text fields after the known ones.
pub fn write_json(dataset: &Dataset, extra: Option<&ExtraFields>) -> String {
    let activities: Vec<JsonActivity> = dataset
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let extra: Vec<(std::borrow::Cow<str>, &str)> = extra
                .and_then(|e| Some((e, e.values.get(i)?)))
                .map(|(e, row)| {
                    row.iter()
                        .filter_map(|(j, v)| Some((extra_name(e.names.get(*j)?), v.as_str())))
                        .collect()
                })
                .unwrap_or_default();
            JsonActivity {
                id: &a.id,
                title: &a.title,
                paragraphs: &a.paragraphs,
                status: a.status.as_str(),
                description: a.description.as_deref(),
                progress: a.progress,
                start: a.start.map(|d| d.to_string()),
                end: a.end.map(|d| d.to_string()),
                track: a.track.map(|t| t.as_str()),
                lead: a.lead.as_deref(),
                partners: &a.partners,
                countries: &a.countries,
                sdgs: a.sdgs.iter().map(ToString::to_string).collect(),
                url: a.url.as_deref(),
                source: a.source.as_deref(),
                updated: a.updated.map(|d| d.to_string()),
                extra: ExtraMap(extra),
            }
        })
        .collect();
    // One activity per line: compact, readable, and friendly to diffs.
    let mut s = String::with_capacity(activities.len() * 400 + 256);
    s.push_str("{\n  \"version\": 1,\n");
    if let Some(t) = &dataset.title {
        s.push_str("  \"title\": ");
        super::write_json_str(&mut s, t);
        s.push_str(",\n");
    }
    if let Some(u) = dataset.updated {
        s.push_str(&format!("  \"updated\": \"{u}\",\n"));
    }
    s.push_str("  \"activities\": [");
    for (i, a) in activities.iter().enumerate() {
        s.push_str(if i == 0 { "\n    " } else { ",\n    " });
        // Serializing plain strings and numbers cannot fail.
        s.push_str(&serde_json::to_string(a).unwrap_or_default());
    }
    s.push_str(if activities.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    s
}
