//! Progress tables from JSON, read in one pass: every record goes straight
//! into its row of cells as serde_json reads it, without a `Value` tree of
//! the whole document beside the rows (what the reader built before: for
//! 772,000 observations a tree of every record, then every record again as
//! cells, while the text was still held).
//!
//! The document is a list of records (the table told by the file name or by
//! its keys) or an object whose keys name tables. What is read is what the
//! tree gave: a record's keys in sorted order for the header (a key given
//! twice keeps its last value), the tables of an object in sorted order (a
//! table given twice, its last list), every message the same; a syntax error
//! anywhere in the document wins over a problem of its content.

use super::read::{CellValue, Source};
use super::Table;
use crate::core::import::{shorten, ImportLimits, RowUnit};
use crate::core::order::sort_by;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A JSON document as sources (see the module's documentation); an error
/// says why the document gives none.
pub(crate) fn json_sources(
    name: &str,
    stem: &str,
    body: &str,
    limits: &ImportLimits,
) -> Result<Vec<Source>, String> {
    let mut de = serde_json::Deserializer::from_str(body);
    let document = Document { limits }
        .deserialize(&mut de)
        .and_then(|d| de.end().map(|()| d))
        .map_err(|e| {
            format!(
                "not valid JSON: {e} (line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
    match document {
        Read::List(list) => Ok(vec![list.source(name, Table::from_name(stem), limits)?]),
        Read::Tables(tables) => {
            let mut out = Vec::new();
            let mut unknown = Vec::new();
            for (key, entry) in tables {
                match entry {
                    Entry::Table(Ok(list)) => {
                        let mut s = list.source(name, Table::from_name(&key), limits)?;
                        s.sheet = format!("{name}: {key}");
                        out.push(s);
                    }
                    Entry::Table(Err(kind)) => {
                        return Err(format!(
                            "'{}' must be a list of records, not {kind}",
                            shorten(&key)
                        ))
                    }
                    Entry::Unknown => unknown.push(format!("'{}'", shorten(&key))),
                }
            }
            if out.is_empty() {
                return Err(format!(
                    "no table in the JSON object: its keys must name tables (indicators, indicator_data, questions, responses, reports); found {}",
                    if unknown.is_empty() { "none".to_string() } else { unknown.join(", ") }
                ));
            }
            Ok(out)
        }
        Read::Other(kind) => Err(format!(
            "the JSON must be a list of records or an object of tables, not {kind}"
        )),
    }
}

/// What the document held.
enum Read {
    List(List),
    /// By key, sorted; a key given twice keeps its last value.
    Tables(BTreeMap<String, Entry>),
    /// Neither a list nor an object: its kind in words.
    Other(&'static str),
}

/// A key of the document's object.
enum Entry {
    /// A key naming a table: its records, or the kind of what stood there.
    Table(Result<List, &'static str>),
    Unknown,
}

/// A list of records read into rows.
#[derive(Default)]
struct List {
    /// Keys in order of first appearance (each record's keys sorted).
    header: Vec<String>,
    index: HashMap<String, usize>,
    rows: Vec<(usize, Vec<CellValue>)>,
    /// Records in the list (all of them, also past the limit).
    count: usize,
}

impl List {
    fn source(
        self,
        name: &str,
        table: Option<Table>,
        limits: &ImportLimits,
    ) -> Result<Source, String> {
        if self.count > limits.max_rows {
            return Err(format!(
                "the list has {} records; the limit is {} records",
                self.count, limits.max_rows
            ));
        }
        Ok(Source {
            sheet: name.to_string(),
            in_workbook: false,
            table,
            unit: RowUnit::Activity,
            header: Some(self.header),
            rows: self.rows,
        })
    }

    /// Adds record number `count + 1`; past the limit it is only counted.
    fn push(&mut self, record: Record<'_>, limits: &ImportLimits) {
        self.count += 1;
        if self.count > limits.max_rows {
            self.rows = Vec::new();
            return;
        }
        let cells = match record {
            Record::Cells(mut pairs) => {
                // The order and the last-value-wins of serde_json's map.
                sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
                let mut cells: Vec<CellValue> = Vec::new();
                let mut pairs = pairs.into_iter().peekable();
                while let Some((key, value)) = pairs.next() {
                    if pairs.peek().is_some_and(|next| next.0 == key) {
                        continue;
                    }
                    let at = match self.index.get(key.as_ref()) {
                        Some(&at) => at,
                        None => {
                            self.index.insert(key.to_string(), self.header.len());
                            self.header.push(key.into_owned());
                            self.header.len() - 1
                        }
                    };
                    if cells.len() <= at {
                        cells.resize(at + 1, CellValue::Empty);
                    }
                    if let Some(c) = cells.get_mut(at) {
                        *c = value;
                    }
                }
                cells
            }
            Record::Not(kind) => vec![CellValue::Invalid(format!(
                "a record must be an object, not {kind}"
            ))],
        };
        self.rows.push((self.count, cells));
    }
}

/// One element of a list of records.
enum Record<'a> {
    Cells(Vec<(Cow<'a, str>, CellValue)>),
    /// Not an object: its kind in words.
    Not(&'static str),
}

// ------------------------------------------------------------ the readers

/// Implements the visits of a value that is not wanted, giving `$out($kind)`
/// and consuming lists and objects.
macro_rules! other_kinds {
    ($out:expr; $($skip:ident),*) => {
        other_kinds!(@each $out; $($skip),*);
    };
    (@each $out:expr; ) => {};
    (@each $out:expr; unit $(, $rest:ident)*) => {
        fn visit_unit<E>(self) -> Result<Self::Value, E> { Ok($out("null")) }
        fn visit_none<E>(self) -> Result<Self::Value, E> { Ok($out("null")) }
        other_kinds!(@each $out; $($rest),*);
    };
    (@each $out:expr; bool $(, $rest:ident)*) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> { Ok($out("true or false")) }
        other_kinds!(@each $out; $($rest),*);
    };
    (@each $out:expr; number $(, $rest:ident)*) => {
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> { Ok($out("a number")) }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> { Ok($out("a number")) }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> { Ok($out("a number")) }
        other_kinds!(@each $out; $($rest),*);
    };
    (@each $out:expr; text $(, $rest:ident)*) => {
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> { Ok($out("text")) }
        other_kinds!(@each $out; $($rest),*);
    };
    (@each $out:expr; list $(, $rest:ident)*) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($out("a list"))
        }
        other_kinds!(@each $out; $($rest),*);
    };
    (@each $out:expr; object $(, $rest:ident)*) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($out("an object"))
        }
        other_kinds!(@each $out; $($rest),*);
    };
}

/// A seed that reads any value with the type's own visits.
macro_rules! seed_by_visitor {
    ($t:ident $(<$l:lifetime>)?) => {
        impl<'de $(, $l)?> DeserializeSeed<'de> for $t $(<$l>)? {
            type Value = <Self as Visitor<'de>>::Value;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
        }
    };
}

/// The document: a list, an object of tables, or something else.
struct Document<'l> {
    limits: &'l ImportLimits,
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = Read;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records or an object of tables")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read, A::Error> {
        read_list(seq, self.limits).map(Read::List)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        let mut tables = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let entry = if Table::from_name(&key).is_some() {
                Entry::Table(map.next_value_seed(TableValue {
                    limits: self.limits,
                })?)
            } else {
                map.next_value::<IgnoredAny>()?;
                Entry::Unknown
            };
            tables.insert(key, entry);
        }
        Ok(Read::Tables(tables))
    }
    other_kinds!(Read::Other; unit, bool, number, text);
}
seed_by_visitor!(Document<'l>);

fn read_list<'de, A: SeqAccess<'de>>(mut seq: A, limits: &ImportLimits) -> Result<List, A::Error> {
    let mut list = List::default();
    while let Some(record) = seq.next_element_seed(RecordValue)? {
        list.push(record, limits);
    }
    Ok(list)
}

/// The value of a key naming a table: a list of records, or the kind of
/// what stands there instead.
struct TableValue<'l> {
    limits: &'l ImportLimits,
}

impl<'de> Visitor<'de> for TableValue<'_> {
    type Value = Result<List, &'static str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        read_list(seq, self.limits).map(Ok)
    }
    other_kinds!(Err; unit, bool, number, text, object);
}
seed_by_visitor!(TableValue<'l>);

/// One record: an object read into (key, cell) pairs.
struct RecordValue;

impl<'de> Visitor<'de> for RecordValue {
    type Value = Record<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            let value = map.next_value_seed(Cell)?;
            pairs.push((key, value));
        }
        Ok(Record::Cells(pairs))
    }
    other_kinds!(Record::Not; unit, bool, number, text, list);
}
seed_by_visitor!(RecordValue);

/// A record's key, borrowed from the text when it has no escapes.
struct Key;

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s.to_string()))
    }
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

/// A record's value as a cell: text, a number, true or false, nothing, a
/// list of texts and numbers (one per line); anything else is an invalid
/// cell that says what it was.
struct Cell;

impl<'de> Visitor<'de> for Cell {
    type Value = CellValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_unit<E>(self) -> Result<CellValue, E> {
        Ok(CellValue::Empty)
    }
    fn visit_none<E>(self) -> Result<CellValue, E> {
        Ok(CellValue::Empty)
    }
    fn visit_bool<E>(self, b: bool) -> Result<CellValue, E> {
        Ok(CellValue::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<CellValue, E> {
        Ok(CellValue::Number(n as f64))
    }
    fn visit_i64<E>(self, n: i64) -> Result<CellValue, E> {
        Ok(CellValue::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<CellValue, E> {
        Ok(if n.is_finite() {
            CellValue::Number(n)
        } else {
            CellValue::Invalid(number_text(n))
        })
    }
    fn visit_str<E>(self, s: &str) -> Result<CellValue, E> {
        Ok(CellValue::text(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CellValue, A::Error> {
        let mut parts = Vec::new();
        let mut invalid = None;
        while let Some(item) = seq.next_element_seed(ListItem)? {
            match item {
                _ if invalid.is_some() => {}
                Ok(part) => parts.push(part),
                Err(kind) => invalid = Some(kind),
            }
        }
        Ok(match invalid {
            Some(kind) => CellValue::Invalid(format!("a list holding {kind}")),
            None => CellValue::text(&parts.join("\n")),
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CellValue, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(CellValue::Invalid("an object".into()))
    }
}
seed_by_visitor!(Cell);

/// An item of a list in a cell: text (trimmed, on one line) or a number as
/// JSON writes it; otherwise its kind.
struct ListItem;

impl<'de> Visitor<'de> for ListItem {
    type Value = Result<String, &'static str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text or a number")
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Ok(s.trim().replace(['\n', '\r'], " ")))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Ok(n.to_string()))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Ok(n.to_string()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(Ok(number_text(n)))
    }
    other_kinds!(Err; unit, bool, list, object);
}
seed_by_visitor!(ListItem);

/// A number as serde_json writes it ("2.5", "1e100"); one it cannot (not
/// finite) as Rust's `{}` does.
fn number_text(n: f64) -> String {
    serde_json::Number::from_f64(n)
        .map_or_else(|| crate::core::number::shortest(n), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Each source's header, rows and sheet name, or the error.
    type Sources = Result<Vec<(Option<Vec<String>>, Vec<(usize, Vec<CellValue>)>, String)>, String>;

    /// What the reader gave before: a `Value` tree, then rows.
    fn by_tree(body: &str, limits: &ImportLimits) -> Sources {
        let value: Value = serde_json::from_str(body).map_err(|e| {
            format!(
                "not valid JSON: {e} (line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
        fn kind(v: &Value) -> &'static str {
            match v {
                Value::Null => "null",
                Value::Bool(_) => "true or false",
                Value::Number(_) => "a number",
                Value::String(_) => "text",
                Value::Array(_) => "a list",
                Value::Object(_) => "an object",
            }
        }
        fn cell(v: &Value) -> CellValue {
            match v {
                Value::Null => CellValue::Empty,
                Value::Bool(b) => CellValue::Bool(*b),
                Value::Number(n) => n
                    .as_f64()
                    .filter(|f| f.is_finite())
                    .map_or(CellValue::Invalid(n.to_string()), CellValue::Number),
                Value::String(s) => CellValue::text(s),
                Value::Array(items) => {
                    let mut parts = Vec::new();
                    for item in items {
                        match item {
                            Value::String(s) => parts.push(s.trim().replace(['\n', '\r'], " ")),
                            Value::Number(n) => parts.push(n.to_string()),
                            other => {
                                return CellValue::Invalid(format!(
                                    "a list holding {}",
                                    kind(other)
                                ))
                            }
                        }
                    }
                    CellValue::text(&parts.join("\n"))
                }
                Value::Object(_) => CellValue::Invalid("an object".into()),
            }
        }
        let table = |records: &Vec<Value>, sheet: String| {
            if records.len() > limits.max_rows {
                return Err(format!(
                    "the list has {} records; the limit is {} records",
                    records.len(),
                    limits.max_rows
                ));
            }
            let mut header: Vec<String> = Vec::new();
            let mut rows = Vec::new();
            for (i, record) in records.iter().enumerate() {
                let Value::Object(map) = record else {
                    rows.push((
                        i + 1,
                        vec![CellValue::Invalid(format!(
                            "a record must be an object, not {}",
                            kind(record)
                        ))],
                    ));
                    continue;
                };
                let mut cells: Vec<CellValue> = Vec::new();
                for (key, v) in map {
                    let at = header.iter().position(|h| h == key).unwrap_or_else(|| {
                        header.push(key.clone());
                        header.len() - 1
                    });
                    if cells.len() <= at {
                        cells.resize(at + 1, CellValue::Empty);
                    }
                    cells[at] = cell(v);
                }
                rows.push((i + 1, cells));
            }
            Ok((Some(header), rows, sheet))
        };
        match &value {
            Value::Array(records) => Ok(vec![table(records, "f.json".into())?]),
            Value::Object(map) => {
                let mut out = Vec::new();
                let mut unknown = Vec::new();
                for (key, v) in map {
                    match (Table::from_name(key), v) {
                        (Some(_), Value::Array(records)) => {
                            out.push(table(records, format!("f.json: {key}"))?)
                        }
                        (Some(_), other) => {
                            return Err(format!(
                                "'{}' must be a list of records, not {}",
                                shorten(key),
                                kind(other)
                            ))
                        }
                        (None, _) => unknown.push(format!("'{}'", shorten(key))),
                    }
                }
                if out.is_empty() {
                    return Err(format!(
                        "no table in the JSON object: its keys must name tables (indicators, indicator_data, questions, responses, reports); found {}",
                        if unknown.is_empty() { "none".to_string() } else { unknown.join(", ") }
                    ));
                }
                Ok(out)
            }
            other => Err(format!(
                "the JSON must be a list of records or an object of tables, not {}",
                kind(other)
            )),
        }
    }

    fn by_stream(body: &str, limits: &ImportLimits) -> Sources {
        json_sources("f.json", "f", body, limits).map(|sources| {
            sources
                .into_iter()
                .map(|s| (s.header, s.rows, s.sheet))
                .collect()
        })
    }

    #[test]
    fn reads_what_the_tree_read() {
        let limits = ImportLimits {
            max_bytes: 1 << 20,
            max_rows: 3,
        };
        let documents = [
            r#"[{"id":"X-1","value":2.5,"sex":"F"},{"value":-3,"id":"X-2","extra":null},{"b":true,"a":["16.3.2", 4, 2.5e3, " two\nlines "]}]"#,
            r#"[{"z":1,"a":2,"z":3}, "text", 4, null, [1]]"#,
            r#"[{"a":1},{"a":2},{"a":3},{"a":4}]"#,
            r#"{"reports":[{"id":"R1"}],"indicators":[{"id":"I1","title":"T\u00e9"}],"other":{"x":1},"indicators":[{"id":"I2"}]}"#,
            r#"{"notes":[1],"more":2}"#,
            r#"{}"#,
            r#"{"questions":{"id":1},"indicators":[]}"#,
            r#"{"responses":[{"answer":[true]}, {"answer":[1, {"x":1}, null]}, {"answer":{"code":"Y"}}], "zz": [1,2,3]}"#,
            r#"{"indicators":[{"a":1}] , "reports": 5}"#,
            r#""just text""#,
            r#"3"#,
            r#"null"#,
            r#"[{"a":1},]"#,
            r#"{"indicators":[{"a":1}]} trailing"#,
            r#"{"indicators":[{"a":1e400}]}"#,
            r#"[{"a\"b":1,"a":2},{"a":3}]"#,
            r#"{"indicators": 5, "reports": [1, 2"#,
        ];
        for body in documents {
            assert_eq!(by_stream(body, &limits), by_tree(body, &limits), "{body}");
        }
        // The cases above say each of the messages at least once.
        let said: Vec<String> = documents
            .iter()
            .filter_map(|b| by_stream(b, &limits).err())
            .collect();
        for message in [
            "the list has 4 records; the limit is 3 records",
            "'questions' must be a list of records, not an object",
            "found 'more', 'notes'",
            "found none",
            "the JSON must be a list of records or an object of tables, not text",
            "not valid JSON: ",
        ] {
            assert!(
                said.iter().any(|s| s.contains(message)),
                "{message}: {said:?}"
            );
        }
        let roomy = ImportLimits {
            max_bytes: 1 << 20,
            max_rows: 10,
        };
        let rows = by_stream(documents[1], &roomy).unwrap();
        assert_eq!(
            rows[0].1[1].1,
            vec![CellValue::Invalid(
                "a record must be an object, not text".into()
            )]
        );
        assert_eq!(
            rows[0].1[0].1,
            vec![CellValue::Number(2.0), CellValue::Number(3.0)]
        );
    }
}
