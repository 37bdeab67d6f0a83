//! Reading the JSON form: `{"version": 1, "title": …, "updated": …,
//! "activities": [ … ]}`, or a bare list of activities.
//!
//! A syntax error names the line and column. Problems in an activity name its
//! 1-based index in `activities` and the field. Keys are matched like CSV
//! headers (so `"Start date"` is `start`); unknown keys are kept aside with
//! one warning. serde_json refuses nesting deeper than 128 and numbers out of
//! range (`1e400`) with an error, never a panic.

use super::fields::{json_type, read_record, Cell, Field, RecordChecker, RecordPlace};
use super::{parse_date, ExtraFields, FormatRead, IdRegistry, ImportLimits, Problem, RowUnit};
use crate::core::model::Dataset;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

/// Reads a JSON document from `de` (over the text whole, or over a reader).
pub(crate) fn read<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    limits: &ImportLimits,
    progress: Option<&Progress>,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, String> {
    // One pass over the text: the activities are read one at a time as the
    // parser reaches them, and only the other top-level fields become a
    // `Value`. A syntax error anywhere still refuses the whole file.
    let root = RootSeed { limits, progress }
        .deserialize(&mut de)
        .and_then(|root| de.end().map(|()| root))
        .map_err(|e| {
            let what = e.to_string();
            let what = what
                .rsplit_once(" at line ")
                .map_or(what.as_str(), |(w, _)| w)
                .to_string();
            format!(
                "JSON syntax error at line {}, column {}: {what}",
                e.line(),
                e.column()
            )
        })?;
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
            Raw::Texts(items) => Some(serde_json::to_string(items).unwrap_or_default()),
            Raw::Value(v) => Some(v.to_string()),
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

/// How far a reader has got through its text: the activities' list is
/// given room once, from the size of its first activities, instead of
/// regrowing (which needs the old and the new room at once).
pub(crate) struct Progress {
    /// Bytes read so far.
    pub read: std::cell::Cell<usize>,
    /// About how many bytes there are.
    pub total: usize,
}

/// A reader that counts what it reads into a [`Progress`].
pub(crate) struct Counted<'p, R> {
    pub inner: R,
    pub progress: &'p Progress,
}

impl<R: std::io::Read> std::io::Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.read.set(self.progress.read.get() + n);
        Ok(n)
    }
}

/// Reads the document's root.
struct RootSeed<'l> {
    limits: &'l ImportLimits,
    progress: Option<&'l Progress>,
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
            progress: self.progress,
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
                    progress: self.progress,
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
    progress: Option<&'l Progress>,
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
            let row = read.count + 1;
            let item = seq.next_element_seed(ActivitySeed {
                entries: &mut entries,
            })?;
            match item {
                None => break,
                Some(Item::Object) => {
                    read.record(row, &mut entries);
                    if read.activities.len() == 4096 {
                        if let Some(p) = self.progress {
                            // Read includes up to a buffer (64 KB) not parsed yet.
                            let parsed = p.read.get().saturating_sub(32 * 1024).max(1);
                            let rows = 4096 * p.total / parsed;
                            let rows = rows + rows / 32;
                            read.activities
                                .reserve(rows.min(self.limits.max_rows).saturating_sub(4096));
                        }
                    }
                }
                Some(Item::Other(value)) => {
                    let place = RecordPlace {
                        row,
                        unit: RowUnit::Activity,
                        lines: None,
                    };
                    RecordChecker::new(place, &mut read.problems).report_record(
                        super::Severity::Error,
                        Some(super::fields::shorten(&value.to_string())),
                        format!(
                            "an activity must be an object with id, title, paragraphs and status, not {}",
                            json_type(&value)
                        ),
                    );
                }
            }
            read.count += 1;
        }
        read.activities.shrink_to_fit();
        read.extra_rows.shrink_to_fit();
        Ok(Activities::List(read))
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
            "version {other} is not known to this reader (it reads version 1); the file was read as version 1"
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
