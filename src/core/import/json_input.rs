//! Reading the JSON form: `{"version": 1, "title": …, "updated": …,
//! "activities": [ … ]}`, or a bare list of activities.
//!
//! A syntax error names the line and column. Problems in an activity name its
//! 1-based index in `activities` and the field. Keys are matched like CSV
//! headers (so `"Start date"` is `start`); unknown keys are kept aside with
//! one warning. serde_json refuses nesting deeper than 128 and numbers out of
//! range (`1e400`) with an error, never a panic.

use super::fields::{json_type, read_record, Cell, Field, RecordChecker, RecordPlace};
use super::stream::{Decoder, Text};
use super::{parse_date, ExtraFields, FormatRead, IdRegistry, ImportLimits, Problem, RowUnit};
use crate::core::model::Dataset;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

/// Reads the JSON document `text` (whole).
pub(crate) fn read(
    text: &str,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, String> {
    // One pass over the text: the activities are read one at a time as the
    // parser reaches them, and only the other top-level fields become a
    // `Value`. A syntax error anywhere still refuses the whole file.
    let mut de = serde_json::Deserializer::from_str(text);
    let root = RootSeed { limits }
        .deserialize(&mut de)
        .and_then(|root| de.end().map(|()| root))
        .map_err(|e| syntax_error(e.line(), e.column(), &e))?;
    finish(root, limits, problems)
}

/// The message of a JSON syntax error at `line` and `column`.
fn syntax_error(line: usize, column: usize, e: &serde_json::Error) -> String {
    let what = e.to_string();
    let what = what
        .rsplit_once(" at line ")
        .map_or(what.as_str(), |(w, _)| w);
    format!("JSON syntax error at line {line}, column {column}: {what}")
}

/// What the document's root gives: the dataset or why there is none.
fn finish(
    root: Root,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, String> {
    let mut dataset = Dataset {
        version: 1,
        ..Dataset::default()
    };
    let read = match root {
        Root::List(read) => read,
        Root::Object { top, activities } => {
            read_top(&top, &mut dataset, problems);
            match activities {
                Some(Activities::List(read)) => read,
                Some(Activities::Other(kind)) => {
                    return Err(format!(
                        "'activities' must be a list of activities, not {kind}"
                    ))
                }
                None => {
                    return Err(
                        "the JSON has no 'activities' list: expected {\"version\": 1, \"activities\": [ … ]}"
                            .into(),
                    )
                }
            }
        }
        Root::Other(kind) => {
            return Err(format!(
                "the JSON must be an object with an 'activities' list, not {kind}"
            ))
        }
    };
    if read.count > limits.max_rows {
        return Err(format!(
            "the JSON has {} activities; the limit is {} activities",
            read.count, limits.max_rows
        ));
    }
    let ActivitiesRead {
        activities,
        problems: activity_problems,
        extra_names,
        extra_rows,
        count,
        ..
    } = read;
    dataset.activities = activities;
    if !extra_names.is_empty() {
        // At most ten names, each shortened: a file may bring thousands.
        const LISTED: usize = 10;
        let mut names: Vec<String> = extra_names
            .iter()
            .take(LISTED)
            .map(|n| format!("'{}'", super::fields::shorten(n)))
            .collect();
        if extra_names.len() > LISTED {
            names.push(format!("and {} more", extra_names.len() - LISTED));
        }
        let rule = if extra_names.len() == 1 {
            format!(
                "field {} is not part of the format: kept aside, not loaded",
                names.join(", ")
            )
        } else {
            format!(
                "fields {} are not part of the format: kept aside, not loaded",
                names.join(", ")
            )
        };
        problems.push(Problem::file_warning(rule));
    }
    problems.extend(activity_problems);
    let extra = if extra_names.is_empty() {
        ExtraFields::default()
    } else {
        ExtraFields {
            names: extra_names,
            values: extra_rows
                .into_iter()
                .map(|mut row| {
                    // In name order; a key twice in one object: the last wins.
                    row.reverse();
                    crate::core::order::sort_by_key(&mut row, |(e, _)| *e);
                    row.dedup_by_key(|(e, _)| *e);
                    row
                })
                .collect(),
        }
    };
    Ok(FormatRead {
        rows_read: count,
        dataset,
        delimiter: None,
        extra,
    })
}

/// The document, read: a bare list of activities, or the top-level object
/// (its fields other than `activities` as values), or anything else (its kind,
/// for the message).
enum Root {
    List(ActivitiesRead),
    Object {
        top: Map<String, Value>,
        activities: Option<Activities>,
    },
    Other(&'static str),
}

/// The `activities` field: read, or the kind of the value that stood there.
// One value per import, moved once: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Activities {
    List(ActivitiesRead),
    Other(&'static str),
}

/// What reading the activities one by one produced.
#[derive(Default)]
struct ActivitiesRead {
    /// The valid activities.
    activities: Vec<crate::core::model::Activity>,
    /// Their problems, in input order.
    problems: Vec<Problem>,
    /// Activities seen, valid or not (past the limit they are only counted).
    count: usize,
    ids: IdRegistry,
    /// Unknown keys, in order of first appearance.
    extra_names: Vec<String>,
    /// Where each unknown key is in `extra_names`.
    extra_index: std::collections::HashMap<String, usize>,
    /// For each loaded activity, its unknown keys' values.
    extra_rows: Vec<Vec<(usize, String)>>,
    /// Keys that are not a field's canonical name, and what they name.
    aliases: Vec<(String, Option<Field>)>,
}

/// A JSON value as the reader keeps it: text borrowed from the input where it
/// has no escapes, a list of text items as a list of such texts, anything
/// else as a [`Value`] (as `serde_json::from_str::<Value>` would build it).
#[derive(Debug)]
enum Raw<'de> {
    Null,
    Text(Cow<'de, str>),
    Texts(Vec<Cow<'de, str>>),
    Value(Value),
}

impl Raw<'_> {
    fn into_value(self) -> Value {
        match self {
            Raw::Null => Value::Null,
            Raw::Text(s) => Value::String(s.into_owned()),
            Raw::Texts(items) => Value::Array(
                items
                    .into_iter()
                    .map(|s| Value::String(s.into_owned()))
                    .collect(),
            ),
            Raw::Value(v) => v,
        }
    }

    /// The cell a field with this value gives: `None` for null, blank text
    /// and an empty list.
    fn cell(&self) -> Option<Cell<'_>> {
        match self {
            Raw::Null => None,
            Raw::Text(s) => {
                let t = s.trim();
                (!t.is_empty()).then_some(Cell::Text(t))
            }
            Raw::Texts(items) if items.is_empty() => None,
            Raw::Texts(items) => Some(Cell::Strings(items)),
            Raw::Value(v) => Cell::from_json(v),
        }
    }

    /// The value kept aside for an unknown field (`None` for null).
    fn kept(&self) -> Option<String> {
        match self {
            Raw::Null | Raw::Value(Value::Null) => None,
            Raw::Text(s) => Some(s.to_string()),
            Raw::Texts(items) => Some(super::fields::json_strings(items)),
            Raw::Value(v) => Some(super::fields::json_text(v)),
        }
    }
}

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

/// Builds a [`Raw`]: scalars as `Value` builds them, objects through `Value`
/// itself, lists of text as borrowed text.
struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Raw<'de>, E> {
        Ok(Raw::Value(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Raw<'de>, E> {
        Ok(Raw::Value(Value::Number(v.into())))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Raw<'de>, E> {
        Ok(Raw::Value(Value::Number(v.into())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Raw<'de>, E> {
        Ok(Raw::Value(
            Number::from_f64(v).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_str<E>(self, v: &str) -> Result<Raw<'de>, E> {
        Ok(Raw::Text(Cow::Owned(v.to_string())))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Raw<'de>, E> {
        Ok(Raw::Text(Cow::Borrowed(v)))
    }

    fn visit_string<E>(self, v: String) -> Result<Raw<'de>, E> {
        Ok(Raw::Text(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Raw<'de>, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw<'de>, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw<'de>, D::Error> {
        Raw::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw<'de>, A::Error> {
        let mut texts: Vec<Cow<'de, str>> = Vec::new();
        let mut values: Option<Vec<Value>> = None;
        while let Some(item) = seq.next_element::<Raw<'de>>()? {
            match (&mut values, item) {
                (None, Raw::Text(s)) => texts.push(s),
                (Some(v), item) => v.push(item.into_value()),
                (None, item) => {
                    let mut v: Vec<Value> = std::mem::take(&mut texts)
                        .into_iter()
                        .map(|s| Value::String(s.into_owned()))
                        .collect();
                    v.push(item.into_value());
                    values = Some(v);
                }
            }
        }
        Ok(match values {
            Some(v) => Raw::Value(Value::Array(v)),
            None => Raw::Texts(texts),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw<'de>, A::Error> {
        object(map).map(Raw::Value)
    }
}

/// The rest of an object as a `Value`, built as `Value`'s own visitor builds
/// it (a key given twice keeps its last value), without instantiating that
/// visitor again for another deserializer.
fn object<'de, A: MapAccess<'de>>(mut map: A) -> Result<Value, A::Error> {
    let mut values = Map::new();
    while let Some((key, value)) = map.next_entry::<String, Value>()? {
        values.insert(key, value);
    }
    Ok(Value::Object(values))
}

/// An object key, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                // Read from a reader, the key is not borrowed: the names of
                // the format need no copy.
                Ok(Key(match Field::from_name(v) {
                    Some(f) => Cow::Borrowed(f.name()),
                    None => Cow::Owned(v.to_string()),
                }))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads the document's root.
struct RootSeed<'l> {
    limits: &'l ImportLimits,
}

impl<'de> DeserializeSeed<'de> for RootSeed<'_> {
    type Value = Root;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Root, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Anything but an object or a list, as its kind.
macro_rules! other_kinds {
    ($out:ty, $wrap:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<$out, E> {
            Ok($wrap("true/false"))
        }
        fn visit_i64<E>(self, _: i64) -> Result<$out, E> {
            Ok($wrap("a number"))
        }
        fn visit_u64<E>(self, _: u64) -> Result<$out, E> {
            Ok($wrap("a number"))
        }
        fn visit_f64<E>(self, v: f64) -> Result<$out, E> {
            // As `Value` does: a float that is not a number is null.
            Ok($wrap(if v.is_finite() { "a number" } else { "null" }))
        }
        fn visit_str<E>(self, _: &str) -> Result<$out, E> {
            Ok($wrap("text"))
        }
        fn visit_unit<E>(self) -> Result<$out, E> {
            Ok($wrap("null"))
        }
        fn visit_none<E>(self) -> Result<$out, E> {
            Ok($wrap("null"))
        }
    };
}

impl<'de> Visitor<'de> for RootSeed<'_> {
    type Value = Root;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON document")
    }

    other_kinds!(Root, Root::Other);

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Root, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Root, A::Error> {
        ActivitiesSeed {
            limits: self.limits,
        }
        .visit_seq(seq)
        .map(|a| match a {
            Activities::List(read) => Root::List(read),
            Activities::Other(kind) => Root::Other(kind),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Root, A::Error> {
        let mut top = Map::new();
        let mut activities = None;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if key == "activities" {
                // A second `activities` replaces the first, as in a map.
                activities = Some(map.next_value_seed(ActivitiesSeed {
                    limits: self.limits,
                })?);
            } else {
                let value: Value = map.next_value()?;
                top.insert(key.into_owned(), value);
            }
        }
        Ok(Root::Object { top, activities })
    }
}

/// Reads the `activities` list one activity at a time.
struct ActivitiesSeed<'l> {
    limits: &'l ImportLimits,
}

impl<'de> DeserializeSeed<'de> for ActivitiesSeed<'_> {
    type Value = Activities;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Activities, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ActivitiesSeed<'_> {
    type Value = Activities;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of activities")
    }

    other_kinds!(Activities, Activities::Other);

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Activities, D::Error> {
        self.deserialize(d)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Activities, A::Error> {
        object(map).map(|v| Activities::Other(json_type(&v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Activities, A::Error> {
        let mut read = ActivitiesRead::default();
        let mut entries: Vec<(Cow<'de, str>, Raw<'de>)> = Vec::new();
        loop {
            if read.count >= self.limits.max_rows {
                // Past the limit: parsed (a syntax error still counts) and
                // counted, not kept.
                match seq.next_element::<Value>()? {
                    Some(_) => read.count += 1,
                    None => break,
                }
                continue;
            }
            match seq.next_element_seed(ActivitySeed {
                entries: &mut entries,
            })? {
                Some(item) => read.element(item, &mut entries),
                None => break,
            }
        }
        Ok(Activities::List(read.done()))
    }
}

/// One element of `activities`: an object (its entries left in the buffer) or
/// any other value.
enum Item {
    Object,
    Other(Value),
}

/// Reads one element of `activities` into the entry buffer.
struct ActivitySeed<'b, 'de> {
    entries: &'b mut Vec<(Cow<'de, str>, Raw<'de>)>,
}

impl<'de> DeserializeSeed<'de> for ActivitySeed<'_, 'de> {
    type Value = Item;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Item, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> ActivitySeed<'_, 'de> {
    fn other<E>(raw: Result<Raw<'de>, E>) -> Result<Item, E> {
        raw.map(|r| Item::Other(r.into_value()))
    }
}

impl<'de> Visitor<'de> for ActivitySeed<'_, 'de> {
    type Value = Item;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an activity")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Item, E> {
        Self::other(RawVisitor.visit_bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Item, E> {
        Self::other(RawVisitor.visit_i64(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Item, E> {
        Self::other(RawVisitor.visit_u64(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Item, E> {
        Self::other(RawVisitor.visit_f64(v))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Item, E> {
        Self::other(RawVisitor.visit_str(v))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Item, E> {
        Self::other(RawVisitor.visit_unit())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Item, E> {
        Self::other(RawVisitor.visit_none())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Item, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Item::Other(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
        self.entries.clear();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let value = map.next_value::<Raw<'de>>()?;
            self.entries.push((key, value));
        }
        Ok(Item::Object)
    }
}

impl ActivitiesRead {
    /// Takes the next element of `activities` (an object's entries are in
    /// `entries`).
    fn element(&mut self, item: Item, entries: &mut Vec<(Cow<'_, str>, Raw<'_>)>) {
        let row = self.count + 1;
        self.count += 1;
        match item {
            Item::Object => self.record(row, entries),
            Item::Other(value) => {
                let place = RecordPlace {
                    row,
                    unit: RowUnit::Activity,
                    lines: None,
                };
                RecordChecker::new(place, &mut self.problems).report_record(
                    super::Severity::Error,
                    Some(super::fields::shorten(&super::fields::json_text(&value))),
                    format!(
                        "an activity must be an object with id, title, paragraphs and status, not {}",
                        json_type(&value)
                    ),
                );
            }
        }
    }

    /// The lists with only the room they fill.
    fn done(mut self) -> ActivitiesRead {
        self.activities.shrink_to_fit();
        self.extra_rows.shrink_to_fit();
        self
    }

    /// Reads one activity object from its entries (in input order).
    fn record(&mut self, row: usize, entries: &mut Vec<(Cow<'_, str>, Raw<'_>)>) {
        // Which entry holds each field: the canonical key of a field wins over
        // an alias ("start" over "Start date"), wherever it stands; among
        // aliases the first in key order; a key given twice keeps its last
        // value (as a JSON object read into a map does).
        let mut keys: [Option<usize>; Field::ALL.len()] = [None; Field::ALL.len()];
        let mut plain = true;
        for (i, (key, _)) in entries.iter().enumerate() {
            match Field::from_name(key) {
                Some(f) => match keys.get_mut(f.index()) {
                    Some(slot @ None) => *slot = Some(i),
                    _ => {
                        plain = false;
                        break;
                    }
                },
                None => {
                    plain = false;
                    break;
                }
            }
        }
        let mut extras: Vec<(usize, String)> = Vec::new();
        if !plain {
            // Keys in order, each once with its last value.
            crate::core::order::sort_by(entries, |a, b| a.0.cmp(&b.0));
            entries.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    std::mem::swap(later, earlier);
                }
                same
            });
            keys = [None; Field::ALL.len()];
            for (i, (key, _)) in entries.iter().enumerate() {
                if let Some(f) = Field::from_name(key) {
                    if let Some(slot) = keys.get_mut(f.index()) {
                        *slot = Some(i);
                    }
                }
            }
            for (i, (key, value)) in entries.iter().enumerate() {
                if Field::from_name(key).is_some() {
                    continue;
                }
                match self.alias(key) {
                    Some(f) if keys.get(f.index()).copied().flatten().is_none() => {
                        if let Some(slot) = keys.get_mut(f.index()) {
                            *slot = Some(i);
                        }
                    }
                    _ => {
                        let e = match self.extra_index.get(key.as_ref()) {
                            Some(&e) => e,
                            None => {
                                let e = self.extra_names.len();
                                self.extra_names.push(key.to_string());
                                self.extra_index.insert(key.to_string(), e);
                                e
                            }
                        };
                        if let Some(v) = value.kept() {
                            extras.push((e, v));
                        }
                    }
                }
            }
        }
        let place = RecordPlace {
            row,
            unit: RowUnit::Activity,
            lines: None,
        };
        let mut check = RecordChecker::new(place, &mut self.problems);
        let entries = &*entries;
        let activity = read_record(&mut check, &mut self.ids, &|f| match keys
            .get(f.index())
            .copied()
            .flatten()
            .and_then(|i| entries.get(i))
        {
            Some((key, value)) => (value.cell(), key.as_ref()),
            None => (None, f.name()),
        });
        if let Some(a) = activity {
            self.activities.push(a);
            self.extra_rows.push(extras);
        }
    }

    /// The field a key that is not a canonical name stands for, remembered
    /// per key (exports repeat the same keys in every activity).
    fn alias(&mut self, key: &str) -> Option<Field> {
        if let Some((_, f)) = self.aliases.iter().find(|(k, _)| k == key) {
            return *f;
        }
        let f = Field::from_header(key);
        if self.aliases.len() < 64 {
            self.aliases.push((key.to_string(), f));
        }
        f
    }
}

fn read_top(top: &Map<String, Value>, dataset: &mut Dataset, problems: &mut Vec<Problem>) {
    match top.get("version") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_u64() == Some(1) => {}
        Some(other) => problems.push(Problem::file_warning(format!(
            "version {} is not known to this reader (it reads version 1); the file was read as version 1",
            super::fields::json_text(other)
        ))),
    }
    match top.get("title") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            let t = s.trim();
            if !t.is_empty() {
                dataset.title = Some(t.to_string());
            }
        }
        Some(other) => problems.push(Problem::file_warning(format!(
            "the top-level 'title' must be text, not {}; the file loads without it",
            json_type(other)
        ))),
    }
    match top.get("updated") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.trim().is_empty() => {}
        Some(Value::String(s)) => match parse_date(s) {
            Ok(d) => dataset.updated = Some(d),
            Err(e) => problems.push(Problem::file_warning(format!(
                "the top-level 'updated' ('{}') cannot be read: {e}; the file loads without it",
                super::fields::shorten(s)
            ))),
        },
        Some(other) => problems.push(Problem::file_warning(format!(
            "the top-level 'updated' must be a date written as text, not {}; the file loads without it",
            json_type(other)
        ))),
    }
    let unknown: Vec<String> = top
        .keys()
        .filter(|k| !matches!(k.as_str(), "version" | "title" | "updated" | "activities"))
        .map(|k| format!("'{}'", super::fields::shorten(k)))
        .collect();
    if !unknown.is_empty() {
        problems.push(Problem::file_warning(format!(
            "top-level {} {} {} not part of the format: ignored",
            if unknown.len() == 1 {
                "field"
            } else {
                "fields"
            },
            unknown.join(", "),
            if unknown.len() == 1 { "is" } else { "are" },
        )));
    }
}

// From a reader --------------------------------------------------------------

/// The deepest lists and objects may nest in a document (serde_json's
/// limit: the 128th level is an error).
const MAX_DEPTH: usize = 127;

/// Reads the JSON document of `text` from `body_at` (its first byte that is
/// not white space) without holding it whole: the structure around the
/// activities (the root object, its keys, the list) is followed here, and
/// serde_json reads each activity, and each other value, from the text
/// decoded so far (a block, read further when a value goes on past it). What
/// it reads is what [`read`] reads from the whole text. A syntax error is
/// worded and placed as [`read`] words and places it: the text is read again
/// from the last point where the state of the document is known, after a
/// few bytes that put serde_json in that state.
pub(crate) fn read_stream(
    text: &mut Text<'_>,
    body_at: usize,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, String> {
    let unreadable = |e: std::io::Error| format!("the input could not be read: {e}");
    let total = text.size_hint();
    let (root, resume) = {
        let mut decoder = text.open(body_at).map_err(unreadable)?;
        let mut scan = Scan {
            d: &mut decoder,
            at: 0,
            resume: (0, ""),
            total,
            limits,
        };
        (scan.root(), scan.resume)
    };
    match root {
        Ok(root) => finish(root, limits, problems),
        Err(Stop::Read(e)) => Err(unreadable(e)),
        Err(Stop::Syntax(to)) => {
            Err(syntax_again(text, body_at, resume, to)
                .unwrap_or_else(|| "JSON syntax error".into()))
        }
    }
}

/// Why a reading stopped.
enum Stop {
    /// The text could not be read (or must be read again: see `stream`).
    Read(std::io::Error),
    /// A syntax error at or before this offset of the body.
    Syntax(usize),
}

/// What serde_json made of the text decoded so far.
enum Piece {
    /// The value ends there: the bytes it took.
    Done(usize),
    /// The value may go on past the text decoded.
    More,
    /// A syntax error in the text decoded so far.
    Bad,
}

/// One element of `activities`, read on its own.
struct Element<'de> {
    item: Item,
    entries: Vec<(Cow<'de, str>, Raw<'de>)>,
}

impl<'de> Deserialize<'de> for Element<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Room for the dozen or so fields of an activity at once.
        let mut entries = Vec::with_capacity(16);
        let item = ActivitySeed {
            entries: &mut entries,
        }
        .deserialize(deserializer)?;
        Ok(Element { item, entries })
    }
}

impl Element<'_> {
    /// How deep its lists and objects nest (itself included).
    fn depth(&self) -> usize {
        match &self.item {
            Item::Other(v) => depth(v),
            Item::Object => {
                1 + self
                    .entries
                    .iter()
                    .map(|(_, raw)| match raw {
                        Raw::Texts(_) => 1,
                        Raw::Value(v) => depth(v),
                        Raw::Null | Raw::Text(_) => 0,
                    })
                    .max()
                    .unwrap_or(0)
            }
        }
    }
}

/// How deep the lists and objects of `v` nest.
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Reads a value from the start of `t` (the text decoded so far; `at_end`:
/// the text ends there), nested `base` levels deep in the document: the
/// value and the bytes it took, or what to do instead.
fn piece(t: &str, at_end: bool, base: usize) -> Result<(Element<'_>, usize), Piece> {
    let mut values = serde_json::Deserializer::from_str(t).into_iter::<Element>();
    match values.next() {
        // A value that reaches the end of the text may go on (a number).
        Some(Ok(v)) if values.byte_offset() < t.len() || at_end => {
            let used = values.byte_offset();
            if base + v.depth() > MAX_DEPTH {
                // serde_json's limit, counted in the whole document.
                return Err(Piece::Bad);
            }
            Ok((v, used))
        }
        Some(Err(e)) if at_end || !e.is_eof() => Err(Piece::Bad),
        _ if at_end => Err(Piece::Bad),
        _ => Err(Piece::More),
    }
}

/// The document being read, from a decoder.
struct Scan<'a, 't> {
    d: &'a mut Decoder<'t>,
    /// Offset in the body of the decoder's next byte.
    at: usize,
    /// The last point where the state of the document is known: its offset,
    /// and a text that leaves serde_json in the same state.
    resume: (usize, &'static str),
    /// About how many bytes the input has.
    total: Option<usize>,
    limits: &'a ImportLimits,
}

impl Scan<'_, '_> {
    /// The state of the document from here on is that after `state`.
    fn resume(&mut self, state: &'static str) {
        self.resume = (self.at, state);
    }

    fn consume(&mut self, n: usize) {
        self.d.consume(n);
        self.at += n;
    }

    /// The next byte that is not white space (not taken), `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>, Stop> {
        loop {
            let t = self.d.text().as_bytes();
            let blank = t
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
                .count();
            let next = t.get(blank).copied();
            self.consume(blank);
            if next.is_some() || !self.d.more().map_err(Stop::Read)? {
                return Ok(next);
            }
        }
    }

    /// Takes `b` if it comes next (after white space).
    fn eat(&mut self, b: u8) -> Result<bool, Stop> {
        let next = self.peek()? == Some(b);
        if next {
            self.consume(1);
        }
        Ok(next)
    }

    /// A syntax error at the next byte.
    fn unexpected(&self) -> Stop {
        Stop::Syntax(self.at + 1)
    }

    /// Reads a value with `f` (given the text decoded so far and whether it
    /// ends there), decoding more while `f` asks for it.
    fn value(&mut self, f: &mut dyn FnMut(&str, bool) -> Piece) -> Result<(), Stop> {
        let mut at_end = false;
        loop {
            match f(self.d.text(), at_end) {
                Piece::Done(n) => {
                    self.consume(n);
                    return Ok(());
                }
                Piece::More => at_end = !self.d.more().map_err(Stop::Read)?,
                // At or before the end of the text decoded.
                Piece::Bad => return Err(Stop::Syntax(self.at + self.d.text().len())),
            }
        }
    }

    /// A value other than an activity, nested `base` levels deep (read as
    /// an element is, so that serde_json's reader is built for one type).
    fn json(&mut self, base: usize) -> Result<Value, Stop> {
        let mut out = Value::Null;
        self.value(&mut |t, at_end| match piece(t, at_end, base) {
            Ok((e, used)) => {
                out = match e.item {
                    Item::Other(v) => v,
                    Item::Object => {
                        // As `Value` reads an object: a key twice keeps
                        // its last value.
                        let mut map = Map::new();
                        for (key, raw) in e.entries {
                            map.insert(key.into_owned(), raw.into_value());
                        }
                        Value::Object(map)
                    }
                };
                Piece::Done(used)
            }
            Err(p) => p,
        })?;
        Ok(out)
    }

    fn root(&mut self) -> Result<Root, Stop> {
        let root = match self.peek()? {
            Some(b'[') => {
                self.consume(1);
                let list = self.list("[", "[0,", 1)?;
                self.resume("[]");
                Root::List(list)
            }
            Some(b'{') => {
                self.consume(1);
                self.object()?
            }
            // A lone value.
            _ => Root::Other(json_type(&self.json(0)?)),
        };
        match self.peek()? {
            None => Ok(root),
            Some(_) => Err(self.unexpected()),
        }
    }

    fn object(&mut self) -> Result<Root, Stop> {
        let mut top = Map::new();
        let mut activities = None;
        self.resume("{");
        if !self.eat(b'}')? {
            loop {
                if self.peek()? != Some(b'"') {
                    return Err(self.unexpected());
                }
                let Value::String(key) = self.json(1)? else {
                    return Err(self.unexpected());
                };
                if !self.eat(b':')? {
                    return Err(self.unexpected());
                }
                self.peek()?;
                if key == "activities" && self.eat(b'[')? {
                    // A second `activities` replaces the first, as in a map.
                    drop(activities.take());
                    activities = Some(Activities::List(self.list("{\"\":[", "{\"\":[0,", 2)?));
                    self.resume("{\"\":[]");
                } else {
                    self.resume("{\"\":");
                    let value = self.json(1)?;
                    if key == "activities" {
                        activities = Some(Activities::Other(json_type(&value)));
                    } else {
                        top.insert(key, value);
                    }
                }
                if self.eat(b',')? {
                    self.resume("{\"\":0,");
                } else if self.eat(b'}')? {
                    break;
                } else {
                    return Err(self.unexpected());
                }
            }
        }
        self.resume("{}");
        Ok(Root::Object { top, activities })
    }

    /// The elements of a list of activities (its `[` taken), nested `base`
    /// levels deep; `first` and `next` are the states before its first
    /// element and after a comma.
    fn list(
        &mut self,
        first: &'static str,
        next: &'static str,
        base: usize,
    ) -> Result<ActivitiesRead, Stop> {
        let mut read = ActivitiesRead::default();
        let (max_rows, total) = (self.limits.max_rows, self.total);
        self.resume(first);
        if self.eat(b']')? {
            return Ok(read);
        }
        loop {
            let start = self.at;
            self.value(&mut |t, at_end| {
                let (mut e, used) = match piece(t, at_end, base) {
                    Ok(e) => e,
                    Err(p) => return p,
                };
                if read.count >= max_rows {
                    // Past the limit: read (a syntax error still counts)
                    // and counted, not kept.
                    read.count += 1;
                    return Piece::Done(used);
                }
                read.element(e.item, &mut e.entries);
                if read.activities.len() == 4096 {
                    if let Some(total) = total {
                        // Room for the rows once, from the size of those so
                        // far, rather than regrowing (twice the room while
                        // the list moves).
                        let rows = 4096 * total / (start + used).max(1);
                        let rows = rows + rows / 32;
                        read.activities
                            .reserve(rows.min(max_rows).saturating_sub(4096));
                    }
                }
                Piece::Done(used)
            })?;
            if self.eat(b',')? {
                self.resume(next);
            } else if self.eat(b']')? {
                return Ok(read.done());
            } else {
                return Err(self.unexpected());
            }
        }
    }
}

/// The syntax error of the whole document: the text from `from` (where the
/// state of the document is that after `state`) to a little past `to` is
/// read again after `state`, and the error found there placed in the body.
fn syntax_again(
    text: &mut Text<'_>,
    body_at: usize,
    (from, state): (usize, &str),
    to: usize,
) -> Option<String> {
    let mut d = text.open(body_at).ok()?;
    let (mut line, mut line_start, mut at) = (1, 0, 0);
    let mut window = String::from(state);
    while at < to + 64 {
        let t = d.text();
        if t.is_empty() {
            if !d.more().ok()? {
                break;
            }
            continue;
        }
        let n = if at < from {
            let n = (from - at).min(t.len());
            for (i, b) in t.bytes().take(n).enumerate() {
                if b == b'\n' {
                    line += 1;
                    line_start = at + i + 1;
                }
            }
            n
        } else {
            window.push_str(t);
            t.len()
        };
        at += n;
        d.consume(n);
    }
    let e = serde_json::from_str::<Value>(&window).err()?;
    let (line, column) = match e.line() {
        1 => (
            line,
            from - line_start + e.column().checked_sub(state.len())?,
        ),
        n => (line + n - 1, e.column()),
    };
    Some(syntax_error(line, column, &e))
}

/// Whether the text from the decoder's position is a lone JSON value
/// ("text", 42, true): one value, then only white space. Read only as far
/// as it can be one.
pub(crate) fn lone_value(d: &mut Decoder<'_>) -> std::io::Result<bool> {
    // As `serde_json::from_str::<IgnoredAny>` reads the whole text.
    let mut at_end = false;
    loop {
        let t = d.text();
        let mut values = serde_json::Deserializer::from_str(t).into_iter::<serde::de::IgnoredAny>();
        match values.next() {
            Some(Ok(_)) if values.byte_offset() < t.len() || at_end => {
                let used = values.byte_offset();
                d.consume(used);
                break;
            }
            Some(Err(e)) if at_end || !e.is_eof() => return Ok(false),
            None if at_end => return Ok(false),
            _ => at_end = !d.more()?,
        }
    }
    // Then only white space.
    loop {
        if !d
            .text()
            .bytes()
            .all(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        {
            return Ok(false);
        }
        let n = d.text().len();
        d.consume(n);
        if !d.more()? {
            return Ok(true);
        }
    }
}
