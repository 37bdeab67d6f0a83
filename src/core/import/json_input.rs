//! Reading the JSON form: `{"version": 1, "title": …, "updated": …,
//! "activities": [ … ]}`, or a bare list of activities.
//!
//! A syntax error names the line and column. Problems in an activity name its
//! 1-based index in `activities` and the field. Keys are matched like CSV
//! headers (so `"Start date"` is `start`); unknown keys are kept aside with
//! one warning. serde_json refuses nesting deeper than 128 and numbers out of
//! range (`1e400`) with an error, never a panic.

use super::fields::{json_cell, read_record, Field, RecordChecker, RecordPlace};
use super::{parse_date, ExtraFields, FormatRead, IdRegistry, ImportLimits, Problem, RowUnit};
use crate::core::model::Dataset;
use serde_json::{Map, Value};

pub(crate) fn read(
    text: &str,
    limits: &ImportLimits,
    problems: &mut Vec<Problem>,
) -> Result<FormatRead, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
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
    let activities = match &root {
        Value::Array(items) => items,
        Value::Object(top) => {
            read_top(top, &mut dataset, problems);
            match top.get("activities") {
                Some(Value::Array(items)) => items,
                Some(other) => {
                    return Err(format!(
                        "'activities' must be a list of activities, not {}",
                        kind(other)
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
        other => {
            return Err(format!(
                "the JSON must be an object with an 'activities' list, not {}",
                kind(other)
            ))
        }
    };
    if activities.len() > limits.max_rows {
        return Err(format!(
            "the JSON has {} activities; the limit is {} activities",
            activities.len(),
            limits.max_rows
        ));
    }

    let unknown_at = problems.len();
    let mut ids = IdRegistry::default();
    let mut extra_names: Vec<String> = Vec::new();
    let mut extra_rows: Vec<Vec<(usize, String)>> = Vec::new();
    for (i, item) in activities.iter().enumerate() {
        let row = i + 1;
        let place = RecordPlace {
            row,
            unit: RowUnit::Activity,
            lines: None,
        };
        let mut check = RecordChecker::new(place, problems);
        let Value::Object(obj) = item else {
            check.report_record(
                super::Severity::Error,
                Some(super::fields::shorten(&item.to_string())),
                format!(
                    "an activity must be an object with id, title, paragraphs and status, not {}",
                    kind(item)
                ),
            );
            continue;
        };
        // Which key holds each field (the first one, if several match).
        let mut keys: [Option<(&str, &Value)>; Field::ALL.len()] = [None; Field::ALL.len()];
        let mut extras: Vec<(usize, String)> = Vec::new();
        // The canonical key of a field wins over an alias ("start" over
        // "Start date"), wherever it stands.
        for (key, value) in obj {
            if let Some(f) = Field::ALL.into_iter().find(|f| f.name() == key) {
                if let Some(slot) = keys.get_mut(f.index()) {
                    *slot = Some((key.as_str(), value));
                }
            }
        }
        for (key, value) in obj {
            if Field::ALL.iter().any(|f| f.name() == key) {
                continue;
            }
            match Field::from_header(key) {
                Some(f) if keys.get(f.index()).copied().flatten().is_none() => {
                    if let Some(slot) = keys.get_mut(f.index()) {
                        *slot = Some((key.as_str(), value));
                    }
                }
                _ => {
                    let e = match extra_names.iter().position(|n| n == key) {
                        Some(e) => e,
                        None => {
                            extra_names.push(key.clone());
                            extra_names.len() - 1
                        }
                    };
                    let v = match value {
                        Value::String(s) => s.clone(),
                        Value::Null => continue,
                        other => other.to_string(),
                    };
                    extras.push((e, v));
                }
            }
        }
        let activity = read_record(&mut check, &mut ids, |f| {
            match keys.get(f.index()).copied().flatten() {
                Some((key, value)) => (json_cell(Some(value)), key),
                None => (None, f.name()),
            }
        });
        if let Some(a) = activity {
            dataset.activities.push(a);
            extra_rows.push(extras);
        }
    }
    if !extra_names.is_empty() {
        let names: Vec<String> = extra_names.iter().map(|n| format!("'{n}'")).collect();
        let rule = if names.len() == 1 {
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
        let at = unknown_at.min(problems.len());
        problems.insert(at, Problem::file_warning(rule));
    }
    let extra = if extra_names.is_empty() {
        ExtraFields::default()
    } else {
        let width = extra_names.len();
        ExtraFields {
            names: extra_names,
            values: extra_rows
                .into_iter()
                .map(|row| {
                    let mut v = vec![None; width];
                    for (e, s) in row {
                        if let Some(slot) = v.get_mut(e) {
                            *slot = Some(s);
                        }
                    }
                    v
                })
                .collect(),
        }
    };
    Ok(FormatRead {
        rows_read: activities.len(),
        dataset,
        delimiter: None,
        extra,
    })
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
            kind(other)
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
            kind(other)
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

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
