//! A widget's language: the message catalogue of its `lang`, and numbers and
//! dates written by the browser's `Intl` for the page's full tag. Shared by
//! every widget; nothing here knows which widget uses it.
//!
//! **Language.** A widget speaks the language of its `lang` attribute, else of
//! its nearest ancestor with `lang`, else of `<html lang>`, English when none
//! is one of the six UN languages ([`Locale`]). Its words come from the message
//! catalogue ([`crate::core::i18n`]); its numbers and dates from the browser's
//! `Intl`, given the page's full tag (`ar-EG` writes Arabic-Indic digits where
//! `ar` may not), made once per widget and language ([`IntlFormat`]): no
//! locale tables are compiled in. Text that stays English in another
//! language (a heading kept in English, the Declaration's own text) is marked
//! `lang="en"` ([`maybe_english`]).

use super::dom::{append, el, text_el};
use super::widget::host_attr;
use crate::core::chart::{ChartLocale, NumberFormat};
use crate::core::i18n::{Arg, Catalog, Lang};
use crate::core::model::PartialDate;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

/// The language a widget speaks: its catalogue and the browser's number and
/// date formats for the page's locale.
pub(crate) struct Locale {
    /// The interface language (chooses the catalogue).
    pub(crate) lang: Lang,
    /// The language tag as the page gave it ("ar-EG"): `Intl` gets it whole.
    pub(crate) tag: String,
    /// The message catalogue.
    pub(crate) text: &'static Catalog,
    /// Numbers and dates, by `Intl`.
    pub(crate) numbers: IntlFormat,
}

impl Locale {
    /// The locale of a widget's host element (see [`language_of`]).
    pub(crate) fn of(host: &Element) -> Locale {
        let (lang, tag) = spoken(host);
        Locale {
            lang,
            text: Catalog::get(lang),
            numbers: IntlFormat::new(&tag, lang.code()),
            tag,
        }
    }

    /// Reads the language again; when it changed, makes the formats anew and
    /// returns true.
    pub(crate) fn refresh(&mut self, host: &Element) -> bool {
        let (lang, tag) = spoken(host);
        if lang == self.lang && tag == self.tag && std::ptr::eq(self.text, Catalog::get(lang)) {
            return false;
        }
        *self = Locale::of(host);
        true
    }

    /// The same, as the chart model takes it.
    pub(crate) fn chart(&self) -> ChartLocale<'_> {
        ChartLocale {
            text: self.text,
            numbers: &self.numbers,
        }
    }

    /// The message `key`.
    pub(crate) fn text(&self, key: &'static str) -> &'static str {
        self.text.text(key)
    }

    /// A whole number as the locale writes it.
    pub(crate) fn count(&self, n: usize) -> String {
        self.numbers.count(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The message `key` with counts (each chooses its plural forms and is
    /// written by `Intl`) and other arguments.
    pub(crate) fn counted(
        &self,
        key: &str,
        counts: &[(&str, usize)],
        extra: &[(&str, Arg)],
    ) -> String {
        let shown: Vec<String> = counts.iter().map(|(_, n)| self.count(*n)).collect();
        let mut args: Vec<(&str, Arg)> = counts
            .iter()
            .zip(&shown)
            .map(|((name, n), s)| {
                (
                    *name,
                    Arg::Count {
                        value: *n as u64,
                        shown: s,
                    },
                )
            })
            .collect();
        args.extend_from_slice(extra);
        self.text.format(key, &args)
    }

    /// A date of the data ("5 December 2022", "٥ ديسمبر ٢٠٢٢").
    pub(crate) fn date(&self, d: PartialDate) -> String {
        self.numbers.date(d)
    }

    /// A list of texts joined with the language's separator.
    pub(crate) fn join(&self, items: &[String]) -> String {
        items.join(self.text("data.list_separator"))
    }
}

/// The language a widget speaks now: [`language_of`] once its text is here,
/// English until then (kyoto.js fetches the text, then has the widget read
/// its language again). Whole: an attribute changed while the text is on its
/// way draws no Arabic date among English words, and what a widget keeps by
/// language is made again when the text comes.
fn spoken(host: &Element) -> (Lang, String) {
    let (lang, tag) = language_of(host);
    if Catalog::has(lang) {
        (lang, tag)
    } else {
        (Lang::En, "en".to_string())
    }
}

/// The language of a widget: the first of its own `lang` (or `data-lang`),
/// its nearest ancestor's `lang` and the page's `<html lang>` that names one
/// of the six UN languages, with the tag as given; English otherwise.
pub(crate) fn language_of(host: &Element) -> (Lang, String) {
    let own = host_attr(host, "lang");
    let nearest = host
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"));
    let page = host
        .owner_document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    let tags = [own, nearest, page];
    let lang = Lang::choose(&tags.iter().map(Option::as_deref).collect::<Vec<_>>());
    let tag = tags
        .iter()
        .flatten()
        .map(|t| t.trim())
        .find(|t| Lang::parse(t).is_some())
        .unwrap_or("en");
    (lang, tag.to_string())
}

/// Numbers and dates written by the browser's `Intl` for one locale: made
/// once per widget and language (never per call), so that no locale data is
/// compiled into the wasm. A tag `Intl` refuses falls back to the bare
/// language; should `Intl` be missing, numbers are written in ASCII digits.
pub(crate) struct IntlFormat {
    /// Small whole numbers already written (paragraph numbers, counts): a
    /// list of results writes the same few numbers many times.
    small: RefCell<Vec<Option<String>>>,
    /// The characters of the locale's numbers, read from `decimal` on first
    /// use.
    digits: RefCell<Option<crate::core::number::Digits>>,
    decimal: Option<js_sys::Function>,
    percent: Option<js_sys::Function>,
    year: Option<js_sys::Function>,
    day: Option<js_sys::Function>,
    month: Option<js_sys::Function>,
}

impl IntlFormat {
    /// The formats of `tag` ("ar-EG"), else of `fallback` ("ar").
    pub(crate) fn new(tag: &str, fallback: &str) -> IntlFormat {
        let make = |kind: &str, options: &[(&str, JsValue)]| -> Option<js_sys::Function> {
            let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
            let ctor: js_sys::Function = js_sys::Reflect::get(&intl, &kind.into())
                .ok()?
                .dyn_into()
                .ok()?;
            let opts = js_sys::Object::new();
            for (k, v) in options {
                js_sys::Reflect::set(&opts, &(*k).into(), v).ok()?;
            }
            // `new Intl.NumberFormat(["ar-EG"], opts)`: a malformed tag throws a
            // RangeError, caught here.
            let object = [tag, fallback].iter().find_map(|t| {
                let locales = js_sys::Array::of1(&JsValue::from_str(t));
                js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&locales, &opts)).ok()
            })?;
            js_sys::Reflect::get(&object, &"format".into())
                .ok()?
                .dyn_into()
                .ok()
        };
        let utc = ("timeZone", JsValue::from_str("UTC"));
        let numeric = JsValue::from_str("numeric");
        let long = JsValue::from_str("long");
        IntlFormat {
            small: RefCell::new(Vec::new()),
            digits: RefCell::new(None),
            decimal: make("NumberFormat", &[("maximumFractionDigits", 1.into())]),
            percent: make(
                "NumberFormat",
                &[
                    ("style", "percent".into()),
                    ("maximumFractionDigits", 0.into()),
                ],
            ),
            year: make("NumberFormat", &[("useGrouping", false.into())]),
            day: make(
                "DateTimeFormat",
                &[
                    ("year", numeric.clone()),
                    ("month", long.clone()),
                    ("day", numeric.clone()),
                    utc.clone(),
                ],
            ),
            month: make("DateTimeFormat", &[("year", numeric), ("month", long), utc]),
        }
    }

    fn call(f: &Option<js_sys::Function>, v: &JsValue) -> Option<String> {
        f.as_ref()?.call1(&JsValue::UNDEFINED, v).ok()?.as_string()
    }

    /// The locale's digits, decimal separator and minus sign, as `Intl`
    /// writes 0 to 9, 1.5 and -1 (ASCII should `Intl` be missing).
    fn digits(&self) -> crate::core::number::Digits {
        use crate::core::number::Digits;
        if let Some(d) = self.digits.borrow().as_ref() {
            return d.clone();
        }
        let write = |v: f64| IntlFormat::call(&self.decimal, &JsValue::from_f64(v));
        let read = || -> Option<Digits> {
            let mut digits = Digits::ascii().digits;
            for (i, slot) in digits.iter_mut().enumerate() {
                let mut chars = write(f64::from(u8::try_from(i).ok()?))?
                    .chars()
                    .collect::<Vec<_>>();
                if chars.len() != 1 {
                    return None;
                }
                *slot = chars.pop()?;
            }
            let (one, five) = (digits.get(1).copied()?, digits.get(5).copied()?);
            let decimal = write(1.5)?
                .trim_start_matches(one)
                .trim_end_matches(five)
                .to_string();
            let minus = write(-1.0)?.trim_end_matches(one).to_string();
            (!decimal.is_empty() && !minus.is_empty()).then_some(Digits {
                digits,
                decimal,
                minus,
            })
        };
        let d = read().unwrap_or_else(Digits::ascii);
        *self.digits.borrow_mut() = Some(d.clone());
        d
    }

    /// A date of the data: a day, a month or a year, as far as it is known.
    pub(crate) fn date(&self, d: PartialDate) -> String {
        let at = |month: u8, day: u8| {
            let ms = js_sys::Date::utc(f64::from(d.year), f64::from(month.saturating_sub(1)))
                + f64::from(day.saturating_sub(1)) * 86_400_000.0;
            JsValue::from(js_sys::Date::new(&JsValue::from_f64(ms)))
        };
        let written = match (d.month, d.day) {
            (Some(m), Some(day)) => IntlFormat::call(&self.day, &at(m, day)),
            (Some(m), None) => IntlFormat::call(&self.month, &at(m, 1)),
            _ => Some(self.year(d.year)),
        };
        written.unwrap_or_else(|| d.to_string())
    }
}

impl NumberFormat for IntlFormat {
    fn count(&self, n: u32) -> String {
        const SMALL: usize = 1024;
        let i = n as usize;
        if i < SMALL {
            if let Some(Some(s)) = self.small.borrow().get(i) {
                return s.clone();
            }
        }
        let s = IntlFormat::call(&self.decimal, &JsValue::from(n)).unwrap_or_else(|| n.to_string());
        if i < SMALL {
            let mut small = self.small.borrow_mut();
            if small.len() <= i {
                small.resize(i + 1, None);
            }
            if let Some(slot) = small.get_mut(i) {
                *slot = Some(s.clone());
            }
        }
        s
    }
    fn percent(&self, value: f64) -> String {
        IntlFormat::call(&self.percent, &JsValue::from_f64(value / 100.0))
            .unwrap_or_else(|| format!("{}%", crate::core::number::format(value, 0)))
    }
    fn tick(&self, value: f64, percent: bool) -> String {
        if percent {
            self.percent(value)
        } else {
            IntlFormat::call(&self.decimal, &JsValue::from_f64(value))
                .unwrap_or_else(|| crate::core::number::format(value, 2))
        }
    }
    fn year(&self, year: u16) -> String {
        IntlFormat::call(&self.year, &JsValue::from(year)).unwrap_or_else(|| year.to_string())
    }
    fn decimal(&self, value: f64, decimals: u32) -> String {
        crate::core::number::format_in(value, decimals, &self.digits())
    }
}

/// Interface text set in the DOM once and again whenever the language
/// changes: which element, which attribute (or its text), which key.
#[derive(Default)]
pub(crate) struct StaticText(Vec<(Element, Option<&'static str>, &'static str)>);

impl StaticText {
    /// The element's text is the message `key`.
    pub(crate) fn text(&mut self, e: &Element, key: &'static str) {
        self.0.push((e.clone(), None, key));
    }

    /// The element's attribute `attr` is the message `key`.
    pub(crate) fn attr(&mut self, e: &Element, attr: &'static str, key: &'static str) {
        self.0.push((e.clone(), Some(attr), key));
    }

    /// Writes every text in the catalogue's language.
    pub(crate) fn apply(&self, t: &Catalog) {
        for (e, attr, key) in &self.0 {
            match attr {
                Some(a) => {
                    let _ = e.set_attribute(a, t.text(key));
                }
                None => e.set_text_content(Some(t.text(key))),
            }
        }
    }
}

/// A placeholder value that [`append_message`] replaces by the `i`-th element.
pub(crate) fn slot(i: usize) -> String {
    char::from_u32(0xE000 + i as u32)
        .map(String::from)
        .unwrap_or_default()
}

/// Appends a formatted message to `parent`, with `elements[i]` where the
/// message holds [`slot`]`(i)`: a heading marked `lang="en"` in the middle of
/// a translated sentence, a `<bdi>` around a document title.
pub(crate) fn append_message(
    doc: &Document,
    parent: &Element,
    message: &str,
    elements: &[Element],
) {
    let mut run = String::new();
    let flush = |run: &mut String| {
        if !run.is_empty() {
            let _ = parent.append_child(&doc.create_text_node(run));
            run.clear();
        }
    };
    for c in message.chars() {
        let i = (c as u32).wrapping_sub(0xE000) as usize;
        match elements.get(i) {
            Some(e) if (0xE000..0xE100).contains(&(c as u32)) => {
                flush(&mut run);
                append(parent, e);
            }
            _ => run.push(c),
        }
    }
    flush(&mut run);
}

/// An element with text that may be English in a widget speaking another
/// language (a heading kept in English, the importer's rule): then the text
/// is an inner `<span lang="en">`, with `dir="ltr"` in a right-to-left widget,
/// so that screen readers pronounce it as English and it reads left to right
/// as an isolate, while the element keeps the widget's alignment (a table
/// cell or a tooltip line stays right-aligned in Arabic).
pub(crate) fn maybe_english(
    doc: &Document,
    tag: &str,
    class: &str,
    text: &str,
    english: bool,
    rtl: bool,
) -> Element {
    if !english {
        return text_el(doc, tag, class, text);
    }
    let e = el(doc, tag, class);
    let inner = text_el(doc, "span", "", text);
    mark_english(&inner, rtl);
    append(&e, &inner);
    e
}

/// Marks an element's content as English (see [`maybe_english`]); for a
/// whole block of English (a paragraph of the Declaration), the block itself.
pub(crate) fn mark_english(e: &Element, rtl: bool) {
    let _ = e.set_attribute("lang", "en");
    if rtl {
        let _ = e.set_attribute("dir", "ltr");
    }
}

/// Whether the nearest ancestor of `host` with a `dir` (the host included)
/// says `rtl`.
pub(crate) fn ancestor_rtl(host: &Element) -> bool {
    host.closest("[dir]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("dir"))
        .is_some_and(|d| d.trim().eq_ignore_ascii_case("rtl"))
}

/// Whether this module has the interface text of `code` (`"fr"`): English
/// always; another language once the loader installed it.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = hasCatalog)]
pub fn has_catalog(code: &str) -> bool {
    Lang::parse(code).is_some_and(Catalog::has)
}

/// Installs the interface text of `code` from the JSON text of
/// `i18n/<code>.json` (kyoto.js fetches it before a widget speaks that
/// language). Throws with a message when the text is not a catalogue.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = installCatalog)]
pub fn install_catalog(code: &str, json: &str) -> Result<(), JsValue> {
    let lang = Lang::parse(code)
        .ok_or_else(|| JsValue::from_str(&format!("'{code}' is not one of the six languages")))?;
    Catalog::install(lang, json).map_err(|e| JsValue::from_str(&e))
}
