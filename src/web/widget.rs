//! What every widget shares besides its language: attributes read with
//! their `data-` twins (kyoto.js's `mount()` sets its options on them), the detail of
//! `kyoto:loaded`/`kyoto:updated`, the validation report shown in the widget,
//! the file picker, the note on the data shown, the words of a change, and
//! the notices of attribute values a widget cannot read.

use super::dom::{append, attrs, button, clear, el, set_hidden, text_el};
use super::locale::{append_message, maybe_english, slot, Locale, StaticText};
use crate::core::attribute::{check, Notice, Rule};
use crate::core::diff::{change_phrases, diff, DatasetDiff};
use crate::core::i18n::{Arg, Catalog, Lang};
use crate::core::import::{ImportReport, Problem, RowUnit, Severity};
use crate::core::model::{Dataset, PartialDate, Status};
use std::collections::BTreeSet;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// How long bars whose data changed stay highlighted after an update.
pub(crate) const HIGHLIGHT_MS: f64 = 6000.0;

/// Fills a widget's error box (`target`) and fires `kyoto:error` with
/// `message`: what failed ("The data could not be loaded."), the reason as
/// the loader or the reader gave it (English, marked so in another
/// language, isolated for its URL), and what the widget shows now (`note`).
pub(crate) fn show_error_box(
    target: &Element,
    locale: &Locale,
    events: &super::events::Emitter,
    message: &str,
    note: &'static str,
) {
    let Some(doc) = target.owner_document() else {
        return;
    };
    clear(target);
    append(
        target,
        &text_el(&doc, "strong", "", locale.text("error.load_failed")),
    );
    let detail = maybe_english(&doc, "p", "", message, locale.lang != Lang::En, false);
    attrs(&detail, &[("dir", "auto")]);
    append(target, &detail);
    append(target, &text_el(&doc, "p", "", locale.text(note)));
    set_hidden(target, false);
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    events.fire("kyoto:error", &detail.into());
}

/// An attribute of the host, or its `data-` twin (for systems that strip
/// unknown tags and mount widgets on a `<div data-kyoto-widget>`).
pub(crate) fn host_attr(host: &Element, name: &str) -> Option<String> {
    host.get_attribute(name)
        .or_else(|| host.get_attribute(&format!("data-{name}")))
}

/// The detail of `kyoto:loaded` and `kyoto:updated`: counts and the
/// validation report (every problem with row, column, value and rule).
pub(crate) fn report_detail(report: &ImportReport) -> JsValue {
    let detail = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(o, &k.into(), &v);
    };
    set(
        &detail,
        "activities",
        (report.dataset.activities.len() as u32).into(),
    );
    set(&detail, "rowsRead", (report.rows_read as u32).into());
    set(&detail, "errors", (report.error_count() as u32).into());
    set(&detail, "warnings", (report.warning_count() as u32).into());
    if let Some(title) = &report.dataset.title {
        set(&detail, "title", title.as_str().into());
    }
    if let Some(updated) = report.dataset.updated {
        set(&detail, "updated", updated.to_string().into());
    }
    let problems = js_sys::Array::new();
    for p in &report.problems {
        let o = js_sys::Object::new();
        set(&o, "message", p.to_string().into());
        set(&o, "rule", p.rule.as_str().into());
        if let Some(r) = p.row {
            set(&o, "row", (r as u32).into());
        }
        if let Some(c) = &p.column {
            set(&o, "column", c.as_str().into());
        }
        if let Some(v) = &p.value {
            set(&o, "value", v.as_str().into());
        }
        problems.push(&o);
    }
    set(&detail, "problems", problems.into());
    detail.into()
}

/// The problems of an input as a widget lists them: rows read and loaded,
/// and each problem with the sheet or file it is in ("sheet 'responses'",
/// translated), when the input has several.
pub(crate) struct ProblemList<'a> {
    /// Data rows read.
    pub(crate) read: usize,
    /// Rows loaded.
    pub(crate) loaded: usize,
    /// Each problem, after the place of its sheet or file if any.
    pub(crate) problems: Vec<(Option<String>, &'a Problem)>,
}

impl ProblemList<'_> {
    /// The problems of an activity import.
    pub(crate) fn of(report: &ImportReport) -> ProblemList<'_> {
        ProblemList {
            read: report.rows_read,
            loaded: report.dataset.activities.len(),
            problems: report.problems.iter().map(|p| (None, p)).collect(),
        }
    }
}

/// Shows a quiet summary of the rows that were skipped or trimmed, with the
/// list of problems behind a disclosure, in the widget's language. The rule
/// of each problem is the importer's English text (`core::import` writes it
/// in words, not as a key), shown with `lang="en"`; the summary, the severity
/// and the place (row, column, value) are translated.
pub(crate) fn show_problems(
    host: &Element,
    target: &Element,
    list: &ProblemList<'_>,
    locale: &Locale,
    rtl: bool,
) {
    clear(target);
    let errors = list.problems.iter().filter(|(_, p)| p.is_error()).count();
    let warnings = list.problems.len() - errors;
    if errors + warnings == 0 {
        set_hidden(target, true);
        return;
    }
    let Some(doc) = host.owner_document() else {
        return;
    };
    let details = el(&doc, "details", "");
    let summary = locale.counted(
        "import.summary",
        &[
            ("read", list.read),
            ("loaded", list.loaded),
            ("errors", errors),
            ("warnings", warnings),
        ],
        &[],
    );
    append(&details, &text_el(&doc, "summary", "", &summary));
    let ul = el(&doc, "ul", "");
    const SHOWN: usize = 100;
    for (file, p) in list.problems.iter().take(SHOWN) {
        let li = el(&doc, "li", "");
        let rule = maybe_english(&doc, "span", "", &p.rule, locale.lang != Lang::En, rtl);
        let rule_slot = slot(0);
        let severity = locale.text(match p.severity {
            Severity::Error => "import.severity.error",
            Severity::Warning => "import.severity.warning",
        });
        let mut place = problem_place(p, locale);
        if let Some(file) = file {
            place = if place.is_empty() {
                file.clone()
            } else {
                locale.join(&[file.clone(), place])
            };
        }
        let line = if place.is_empty() {
            locale.text.format(
                "import.problem.file",
                &[
                    ("severity", Arg::Str(severity)),
                    ("rule", Arg::Str(&rule_slot)),
                ],
            )
        } else {
            locale.text.format(
                "import.problem",
                &[
                    ("severity", Arg::Str(severity)),
                    ("place", Arg::Str(&place)),
                    ("rule", Arg::Str(&rule_slot)),
                ],
            )
        };
        append_message(&doc, &li, &line, &[rule]);
        append(&ul, &li);
    }
    if list.problems.len() > SHOWN {
        let more = locale.counted(
            "import.more",
            &[("count", list.problems.len() - SHOWN)],
            &[],
        );
        append(&ul, &text_el(&doc, "li", "", &more));
    }
    append(&details, &ul);
    append(target, &details);
    set_hidden(target, false);
}

/// Where a problem is: "row 5, column 'Status', value 'wip'", translated.
fn problem_place(p: &Problem, locale: &Locale) -> String {
    let t = locale.text;
    let mut parts = Vec::new();
    if let Some(r) = p.row {
        let row = locale.count(r);
        let key = match p.unit {
            RowUnit::Row => "import.place.row",
            RowUnit::Activity => "import.place.activity",
        };
        let mut place = t.format(key, &[("row", Arg::Str(&row))]);
        if let Some((first, last)) = p.lines {
            let (f, l) = (locale.count(first), locale.count(last));
            place.push(' ');
            place.push_str(&t.format(
                "import.place.lines",
                &[("first", Arg::Str(&f)), ("last", Arg::Str(&l))],
            ));
        }
        parts.push(place);
    }
    if let Some(c) = &p.column {
        let key = match p.unit {
            RowUnit::Row => "import.place.column",
            RowUnit::Activity => "import.place.field",
        };
        parts.push(t.format(key, &[("column", Arg::Str(c))]));
    }
    if let Some(v) = &p.value {
        parts.push(t.format("import.place.value", &[("value", Arg::Str(v))]));
    }
    locale.join(&parts)
}

/// The "Open file" button and its file input (hidden; the button opens it).
/// The button is named by its visible text (WCAG 2.5.3, label in name); what
/// it does in full is its description and tooltip.
pub(crate) fn file_picker(doc: &Document, labels: &mut StaticText) -> Option<(Element, Element)> {
    let open = button(doc, "kw-btn", "");
    attrs(&open, &[("data-action", "file:open")]);
    labels.text(&open, "file.open");
    labels.attr(&open, "title", "file.open_hint");
    labels.attr(&open, "aria-description", "file.open_hint");
    let input = el(doc, "input", "kw-file");
    attrs(
        &input,
        &[
            ("type", "file"),
            ("accept", ".csv,.json,.txt,.tsv,text/csv,application/json"),
            ("hidden", ""),
            ("tabindex", "-1"),
        ],
    );
    labels.attr(&input, "aria-label", "file.open");
    Some((open, input))
}

/// The catalogue key of a status as legends and table headers name it
/// (several activities).
pub(crate) fn status_key(s: Status) -> &'static str {
    match s {
        Status::Completed => "status.completed",
        Status::Ongoing => "status.ongoing",
        Status::Planned => "status.planned",
    }
}

/// Writes the line under a widget: how many activities, the data's title (as
/// given, isolated: it may be in any language) and its date.
pub(crate) fn dataset_note(
    host: &Element,
    target: &Element,
    locale: &Locale,
    count: String,
    title: Option<&str>,
    updated: Option<PartialDate>,
) {
    clear(target);
    let Some(doc) = host.owner_document() else {
        return;
    };
    let separator = locale.text("data.separator");
    let mut text = count;
    let mut elements = Vec::new();
    if let Some(t) = title {
        text.push_str(separator);
        text.push_str(&slot(elements.len()));
        elements.push(text_el(&doc, "bdi", "", t));
    }
    if let Some(d) = updated {
        let date = locale.date(d);
        text.push_str(separator);
        text.push_str(
            &locale
                .text
                .format("data.as_of", &[("date", Arg::Str(&date))]),
        );
    }
    append_message(&doc, target, &text, &elements);
}

/// The note of a widget whose first data has not come: "Loading data…", in
/// an isolate of its own direction, so that the ellipsis stays at the end of
/// the words in a widget mirrored by a right-to-left page.
pub(crate) fn loading_note(host: &Element, target: &Element, locale: &Locale) {
    clear(target);
    if let Some(doc) = host.owner_document() {
        append(
            target,
            &text_el(&doc, "bdi", "", locale.text("data.loading")),
        );
    }
}

/// What changed from `old` to `new`, and the sentence that announces it
/// ("Data updated: 2 activities completed in Pillar II."), if anything did.
pub(crate) fn describe_changes(
    old: &Dataset,
    new: &Dataset,
    locale: &Locale,
) -> (DatasetDiff, Option<String>) {
    let changes = diff(old, new);
    let phrases = change_phrases(&changes, locale.chart());
    if phrases.is_empty() {
        return (changes, None);
    }
    let shown: Vec<String> = phrases.iter().take(6).cloned().collect();
    let mut list = locale.join(&shown);
    if phrases.len() > shown.len() {
        list.push('…');
    }
    let text = locale
        .text
        .format("change.announce", &[("changes", Arg::Str(&list))]);
    (changes, Some(text))
}

/// The paragraph numbers as a JS array.
pub(crate) fn number_array(numbers: &BTreeSet<u8>) -> js_sys::Array {
    let out = js_sys::Array::new();
    for n in numbers {
        out.push(&JsValue::from(*n));
    }
    out
}

/// The notices of attribute values the widget cannot read (`pillar="V"`,
/// `view="bogus"`; [`crate::core::attribute`]), shown where the widget
/// lists the problems of its data: a quiet list (no live region, as the
/// validation report: a reader meets it in reading order, nothing
/// interrupts), each line in the widget's language ("pillar="V": not a
/// pillar; I, II, III or IV. Showing the overview."), with the attribute
/// and its value as given, isolated left to right. Each new notice is also
/// one `console.warn` in English naming the element. The widget still
/// shows its default; correcting the attribute removes the line.
pub(crate) struct AttributeNotes {
    list: Element,
    rules: &'static [Rule],
    shown: Vec<Notice>,
    /// The language the lines are written in.
    lang: Option<Lang>,
}

impl AttributeNotes {
    /// The (hidden) list, for a widget with the attributes of `rules`.
    pub(crate) fn new(doc: &Document, rules: &'static [Rule]) -> AttributeNotes {
        let list = el(doc, "ul", "kw-notices");
        attrs(&list, &[("hidden", "")]);
        AttributeNotes {
            list,
            rules,
            shown: Vec::new(),
            lang: None,
        }
    }

    /// The list, for the widget to place.
    pub(crate) fn element(&self) -> &Element {
        &self.list
    }

    /// Checks the host's attributes again; `extra` are the notices the
    /// widget finds itself (a value not in its data). Writes the list anew
    /// when the notices or the language changed, and warns once for each
    /// notice that is new.
    pub(crate) fn check(&mut self, host: &Element, locale: &Locale, extra: Vec<Notice>) {
        let mut notices = check(self.rules, |name| host_attr(host, name));
        notices.extend(extra);
        if notices == self.shown && self.lang == Some(locale.lang) {
            return;
        }
        let english = Catalog::get(Lang::En);
        for n in notices.iter().filter(|n| !self.shown.contains(n)) {
            let line = notice_text(n, english, english_name(locale.lang), &code_text(host, n));
            let mut name = host.tag_name().to_ascii_lowercase();
            if let Some(kind) = host.get_attribute("data-kyoto-widget") {
                name = format!("{name} data-kyoto-widget=\"{kind}\"");
            }
            if !host.id().is_empty() {
                name = format!("{name} id=\"{}\"", host.id());
            }
            web_sys::console::warn_2(
                &JsValue::from_str(&format!("kyoto-widgets: <{name}> {line}")),
                host,
            );
        }
        self.shown = notices;
        self.lang = Some(locale.lang);
        clear(&self.list);
        set_hidden(&self.list, self.shown.is_empty());
        let Some(doc) = host.owner_document() else {
            return;
        };
        for n in &self.shown {
            let li = el(&doc, "li", "");
            let code = text_el(&doc, "code", "", &code_text(host, n));
            attrs(&code, &[("dir", "ltr")]);
            let language = locale.text("language.name");
            let line = notice_text(n, locale.text, language, &slot(0));
            append_message(&doc, &li, &line, &[code]);
            append(&self.list, &li);
        }
    }
}

/// `pillar="V"` (or `data-pillar="V"`), as the page wrote it.
fn code_text(host: &Element, n: &Notice) -> String {
    let data = if host.has_attribute(n.name) {
        ""
    } else {
        "data-"
    };
    format!("{data}{}=\"{}\"", n.name, n.value)
}

/// The line of a notice in a catalogue's language, with `code` for the
/// attribute and its value and `language` the name of the language the
/// widget speaks.
fn notice_text(n: &Notice, t: &Catalog, language: &str, code: &str) -> String {
    let problem = t.format(
        n.key,
        &[
            ("language", Arg::Str(language)),
            ("known", Arg::Str(&n.known)),
        ],
    );
    t.format(
        "attribute.notice",
        &[
            ("attribute", Arg::Str(code)),
            ("problem", Arg::Str(&problem)),
        ],
    )
}

/// A language's name in English, for the console.
fn english_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "Arabic",
        Lang::Zh => "Chinese",
        Lang::En => "English",
        Lang::Fr => "French",
        Lang::Ru => "Russian",
        Lang::Es => "Spanish",
    }
}
