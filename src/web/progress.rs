//! The indicators and reporting tables as a widget's [`Feed`]: what the
//! progress widgets (`<kyoto-indicators>`, `<kyoto-reporting>`) read from a
//! `src`, `update()`, a channel or a dropped file, and what their events
//! and announcements say about it. The tables are read by
//! `core::progress`; a workbook reaches it as its sheets in text, from the
//! workbook module (see [`super::data::read_data`]).

use super::data::{js_message, shows_stand_in, Changes, Feed};
use super::events::Emitter;
use super::locale::Locale;
use super::widget::ProblemList;
use crate::core::i18n::Arg;
use crate::core::import::RowUnit;
use crate::core::progress::changes::changes;
use crate::core::progress::Area;
use crate::core::progress::{is_workbook, read_files, ProgressImport, Table};
use crate::core::reporting_board::tile_grid::place_of;
use js_sys::{JsString, Uint8Array};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static EMPTY: Rc<ProgressImport> = Rc::new(ProgressImport {
        dataset: Default::default(),
        problems: Vec::new(),
        rows_read: [0; 5],
        tables: Vec::new(),
        sheets: Vec::new(),
    });
}

/// The names of countries in the language of `locale`, as the browser knows
/// them (`Intl.DisplayNames` of ISO alpha-2 codes), for [`country_name`].
pub fn country_names(locale: &Locale) -> js_sys::Intl::DisplayNames {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"region".into());
    let locales = js_sys::Array::of1(&JsValue::from(locale.tag.as_str()));
    js_sys::Intl::DisplayNames::new(&locales, &options)
}

/// A country's name as the browser writes it in the language of `names`
/// ([`country_names`]), else its English short name; `None` for a region or
/// an area the world grid does not know.
pub fn country_name(area: Area, names: Option<&js_sys::Intl::DisplayNames>) -> Option<String> {
    let place = place_of(area)?;
    Some(
        names
            .and_then(|n| n.of(place.iso2))
            .map_or_else(|| place.name.to_string(), String::from),
    )
}

/// The file's name in a URL or path (`.../kyoto-progress.json?v=2` →
/// `kyoto-progress.json`): it may tell the table a CSV file holds.
fn file_name(name: &str) -> &str {
    let path = name.split(['?', '#']).next().unwrap_or(name);
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The bytes of a JS string, buffer or JSON-shaped object.
fn bytes_of(data: &JsValue) -> Result<Vec<u8>, String> {
    if let Some(s) = data.dyn_ref::<JsString>() {
        return Ok(String::from(s).into_bytes());
    }
    if let Some(a) = data.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if data.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(Uint8Array::new(data).to_vec());
    }
    if data.is_object() {
        let text = js_sys::JSON::stringify(data)
            .map_err(|e| format!("The data could not be read as JSON: {}", js_message(&e)))?;
        return Ok(text.as_string().unwrap_or_default().into_bytes());
    }
    Err(
        "update() takes CSV or JSON text, a workbook's bytes, or a JSON object with the tables"
            .into(),
    )
}

impl Feed for ProgressImport {
    const SAMPLE: &'static str = "sample-progress.json";

    fn read(data: &JsValue, name: &str) -> Result<Self, String> {
        let bytes = bytes_of(data)?;
        read_files(&[(file_name(name), &bytes)]).map_err(|e| e.to_string())
    }

    /// The tables as one file each (or any mix of table files, JSON
    /// documents and workbooks), read together as the command-line tool
    /// reads the files it is given.
    const SEVERAL: bool = true;

    fn read_several(files: &[(JsValue, String)]) -> Result<Self, String> {
        let bytes = files
            .iter()
            .map(|(data, name)| Ok((file_name(name), bytes_of(data)?)))
            .collect::<Result<Vec<_>, String>>()?;
        let files: Vec<(&str, &[u8])> = bytes.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        read_files(&files).map_err(|e| e.to_string())
    }

    fn is_workbook(data: &JsValue) -> bool {
        let head = |a: &Uint8Array| {
            let mut b = [0u8; 4];
            if a.length() >= 4 {
                a.subarray(0, 4).copy_to(&mut b);
            }
            is_workbook(&b)
        };
        if let Some(a) = data.dyn_ref::<Uint8Array>() {
            head(a)
        } else if data.is_instance_of::<js_sys::ArrayBuffer>() {
            head(&Uint8Array::new(data))
        } else {
            false
        }
    }

    fn empty() -> Rc<Self> {
        EMPTY.with(Rc::clone)
    }

    fn detail(&self) -> JsValue {
        let detail = js_sys::Object::new();
        let set = |o: &js_sys::Object, k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(o, &k.into(), &v);
        };
        let count = |n: usize| JsValue::from(u32::try_from(n).unwrap_or(u32::MAX));
        for t in Table::ALL {
            set(&detail, t.name(), count(self.dataset.len(t)));
        }
        set(&detail, "rowsRead", count(self.rows_read.iter().sum()));
        set(&detail, "errors", count(self.error_count()));
        set(&detail, "warnings", count(self.warning_count()));
        let problems = js_sys::Array::new();
        for p in &self.problems {
            let o = js_sys::Object::new();
            set(&o, "message", p.to_string().into());
            set(&o, "sheet", p.sheet.as_str().into());
            if let Some(t) = p.table {
                set(&o, "table", t.name().into());
            }
            set(&o, "rule", p.problem.rule.as_str().into());
            if let Some(r) = p.problem.row {
                let unit = match p.problem.unit {
                    RowUnit::Row => "row",
                    RowUnit::Activity => "record",
                };
                set(&o, unit, count(r));
            }
            if let Some(c) = &p.problem.column {
                set(&o, "column", c.as_str().into());
            }
            if let Some(v) = &p.problem.value {
                set(&o, "value", v.as_str().into());
            }
            problems.push(&o);
        }
        set(&detail, "problems", problems.into());
        detail.into()
    }

    fn changes(old: &Self, new: &Self, locale: &Locale) -> Changes {
        let c = changes(old, new);
        let mut phrases = Vec::new();
        for (key, n) in [
            ("progress.change.values", c.values),
            ("progress.change.answers", c.answers),
            ("progress.change.reports", c.reports),
        ] {
            if n > 0 {
                phrases.push(locale.counted(key, &[("count", n)], &[]));
            }
        }
        if c.definitions {
            phrases.push(locale.text("progress.change.other").to_string());
        }
        let announcement = (!phrases.is_empty()).then(|| {
            let list = locale.join(&phrases);
            locale
                .text
                .format("change.announce", &[("changes", Arg::Str(&list))])
        });
        Changes {
            any: c.any(),
            paragraphs: c.paragraphs,
            announcement,
        }
    }
}

/// The problems of a progress import as a widget lists them, each after its
/// sheet or file ("sheet 'responses'", translated).
pub(crate) fn problem_list<'a>(import: &'a ProgressImport, locale: &Locale) -> ProblemList<'a> {
    ProblemList {
        read: import.rows_read.iter().sum(),
        loaded: Table::ALL.iter().map(|&t| import.dataset.len(t)).sum(),
        problems: import
            .problems
            .iter()
            .map(|p| {
                let place = if p.in_workbook {
                    locale
                        .text
                        .format("progress.place.sheet", &[("sheet", Arg::Str(&p.sheet))])
                } else {
                    locale
                        .text
                        .format("progress.place.file", &[("file", Arg::Str(&p.sheet))])
                };
                (Some(place), &p.problem)
            })
            .collect(),
    }
}

/// The progress digest of tables given as text, bytes or a JSON object (a
/// workbook as its sheets in text, from the workbook module), as
/// `core::progress::digest` writes it: what kyoto.js hands to a pillar chart
/// or a paragraph browser given progress tables in their `progress`
/// attribute. `name` is the file's name or URL (it may tell the table a CSV
/// file holds); `as_of` the day (`2026-08-01`). Throws the reason when the
/// tables cannot be read.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = progressDigest)]
pub fn progress_digest(
    data: JsValue,
    name: Option<String>,
    as_of: Option<String>,
) -> Result<String, JsValue> {
    let tables = ProgressImport::read(&data, name.as_deref().unwrap_or(""))
        .map_err(|e| JsValue::from_str(&e))?;
    let as_of = as_of.and_then(|d| crate::core::import::parse_date(&d).ok());
    Ok(crate::core::progress::digest::ProgressDigest::of(&tables, as_of).to_json())
}

/// Whether a progress widget's first data is the sample: it was loaded
/// because the widget has no `src`. The sample's values, answers and reports
/// are invented, about real States, so the widget says so above them
/// (`progress.sample`) until other data comes.
pub(crate) fn shows_sample(host: &web_sys::Element) -> bool {
    super::widget::host_attr(host, "src").is_none_or(|s| s.trim().is_empty())
}

/// Shows why progress data could not be used in a widget's error box
/// (`[root, error]`) and fires `kyoto:error`: the widget keeps what it
/// shows, or says that nothing came from its `src` and hides `empty` (its
/// figures and table, which would show no value as if it were data; the
/// widget shows them again with its first data).
pub(crate) fn show_progress_failure(
    [root, error]: [&web_sys::Element; 2],
    empty: &[&web_sys::Element],
    shown: &Rc<ProgressImport>,
    host: &web_sys::Element,
    locale: &Locale,
    events: &Emitter,
    message: &str,
) {
    let _ = root.remove_attribute("aria-busy");
    let nothing = shows_stand_in(shown, host);
    for e in empty {
        super::dom::set_hidden(e, nothing);
    }
    let note = if nothing {
        "progress.no_data"
    } else {
        "progress.error.kept"
    };
    super::widget::show_error_box(error, locale, events, message, note);
}
