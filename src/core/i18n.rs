//! Interface text in the six official languages of the United Nations: the
//! message catalogues, the choice of language, and plural forms.
//!
//! Every piece of text a widget shows (labels, buttons, legends, tooltips,
//! table headers, summaries, announcements, errors, import problems, the demo
//! pages) has a key in `data/i18n/en.json`, and the same key in `fr.json`,
//! `es.json`, `ru.json`, `zh.json` and `ar.json`. The catalogues are compiled
//! in and parsed once per language, on first use. A key missing from a
//! language falls back to English; a key missing everywhere comes back as
//! itself, so a mistake shows up as `chart.legend_label` on screen, never as
//! a panic.
//!
//! **Messages** are text with `{name}` placeholders and plural choices in a
//! small subset of ICU MessageFormat:
//!
//! ```text
//! {count, plural, one {# activity} other {# activities}}
//! ```
//!
//! Inside a branch, `#` stands for the number that chose it. The categories are
//! those CLDR defines for whole numbers in each language (see
//! [`Lang::plural_categories`]); the rules are implemented here in code, for
//! whole numbers only: the widgets count paragraphs, activities and rows.
//! There is no quoting: `{` and `}` are always syntax, `'` is an ordinary
//! apostrophe.
//!
//! **Numbers and dates are not formatted here.** The web layer formats them
//! with the browser's `Intl` (Arabic-Indic digits, grouping, percent signs)
//! and passes the result as text; a count that also chooses a plural form is
//! passed as [`Arg::Count`], which carries both the value and the text shown.
//! No locale data is compiled in besides the catalogues themselves.
//!
//! **Pillar and theme headings** (`pillar.I` … `pillar.IV`, `theme.I.0` …) are
//! given in another language only where the official UN language version of
//! the Declaration is known word for word; otherwise the catalogue keeps the
//! English heading and `data/i18n/untranslated.json` lists the key, so that a
//! page can mark that text as English ([`Catalog::is_untranslated`]). The text
//! of the Declaration itself stays in English. See `docs/i18n.md`.
//!
//! ```
//! use kyoto_widgets::core::i18n::{Arg, Catalog, Lang};
//!
//! let ru = Catalog::get(Lang::negotiate("ru-RU"));
//! assert_eq!(
//!     ru.format("data.activities", &[("count", Arg::Num(22))]),
//!     "22 мероприятия"
//! );
//! let ar = Catalog::get(Lang::negotiate("ar-EG"));
//! assert!(ar.lang().is_rtl());
//! assert_eq!(
//!     ar.format("data.activities", &[("count", Arg::Count { value: 3, shown: "٣" })]),
//!     "٣ أنشطة"
//! );
//! ```

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

/// The English catalogue, as JSON (the reference: every key is defined here).
pub const EN_JSON: &str = include_str!("../../data/i18n/en.json");
/// The French catalogue, as JSON.
pub const FR_JSON: &str = include_str!("../../data/i18n/fr.json");
/// The Spanish catalogue, as JSON.
pub const ES_JSON: &str = include_str!("../../data/i18n/es.json");
/// The Russian catalogue, as JSON.
pub const RU_JSON: &str = include_str!("../../data/i18n/ru.json");
/// The Chinese catalogue, as JSON.
pub const ZH_JSON: &str = include_str!("../../data/i18n/zh.json");
/// The Arabic catalogue, as JSON.
pub const AR_JSON: &str = include_str!("../../data/i18n/ar.json");
/// Which keys are kept in English in which language, as JSON.
pub const UNTRANSLATED_JSON: &str = include_str!("../../data/i18n/untranslated.json");

/// An interface language: one of the six official languages of the United
/// Nations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// Arabic (written right to left).
    Ar,
    /// Chinese (Simplified, as the United Nations writes it).
    Zh,
    /// English, the fallback.
    #[default]
    En,
    /// French.
    Fr,
    /// Russian.
    Ru,
    /// Spanish.
    Es,
}

impl Lang {
    /// All six, in the order of the English alphabet of their names, as the
    /// United Nations lists them.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// The BCP 47 code: `ar`, `zh`, `en`, `fr`, `ru`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// Whether the language is written right to left (Arabic).
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The value of an HTML `dir` attribute: `rtl` or `ltr`.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The language of a language tag, if it is one of the six: `fr`,
    /// `fr-CA`, `ar-EG`, `zh-Hans`, `zh-CN`, `ES`, `en_GB` (case and the
    /// separator do not matter; only the primary subtag counts). Three-letter
    /// codes (`fra`, `ara`, `zho`/`chi`, …) are read too. Any Chinese tag,
    /// `zh-Hant` included, gives the Simplified Chinese catalogue.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        let primary = primary.to_ascii_lowercase();
        match primary.as_str() {
            "ar" | "ara" => Some(Lang::Ar),
            "zh" | "zho" | "chi" | "cmn" => Some(Lang::Zh),
            "en" | "eng" => Some(Lang::En),
            "fr" | "fra" | "fre" => Some(Lang::Fr),
            "ru" | "rus" => Some(Lang::Ru),
            "es" | "spa" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The language of a tag, English when it is not one of the six (or is
    /// empty).
    pub fn negotiate(tag: &str) -> Lang {
        Lang::parse(tag).unwrap_or_default()
    }

    /// The first of several tags, in order of preference, that names one of the
    /// six; English when none does. For a widget: its own `lang` attribute,
    /// then the page's `<html lang>`.
    ///
    /// ```
    /// use kyoto_widgets::core::i18n::Lang;
    /// assert_eq!(Lang::choose(&[None, Some("fr-CA")]), Lang::Fr);
    /// assert_eq!(Lang::choose(&[Some("de"), Some("es")]), Lang::Es);
    /// assert_eq!(Lang::choose(&[Some(""), None]), Lang::En);
    /// ```
    pub fn choose(tags: &[Option<&str>]) -> Lang {
        tags.iter()
            .flatten()
            .find_map(|t| Lang::parse(t))
            .unwrap_or_default()
    }

    /// The plural categories CLDR defines for whole numbers in this language,
    /// in CLDR order. A plural message must give exactly these.
    pub fn plural_categories(self) -> &'static [PluralCategory] {
        use PluralCategory::*;
        match self {
            Lang::Ar => &[Zero, One, Two, Few, Many, Other],
            Lang::Zh => &[Other],
            Lang::En => &[One, Other],
            // CLDR (since version 38) also has `many` in French and Spanish,
            // for whole millions: "1 000 000 de paragraphes".
            Lang::Fr | Lang::Es => &[One, Many, Other],
            Lang::Ru => &[One, Few, Many, Other],
        }
    }

    /// The plural category of the whole number `n`, by the CLDR rules.
    ///
    /// | language | rule |
    /// |---|---|
    /// | en | one: 1; other |
    /// | es | one: 1; many: a non-zero multiple of 1 000 000; other |
    /// | fr | one: 0, 1; many: a non-zero multiple of 1 000 000; other |
    /// | ru | one: ends in 1 but not 11; few: ends in 2–4 but not 12–14; many: the rest |
    /// | ar | zero: 0; one: 1; two: 2; few: 3–10 (mod 100); many: 11–99 (mod 100); other |
    /// | zh | other |
    ///
    /// (Russian `other` and most of French `many` are for fractions and
    /// compact numbers, which are not counted here; the messages still give
    /// them.)
    pub fn plural_category(self, n: u64) -> PluralCategory {
        use PluralCategory::*;
        let million = n != 0 && n.is_multiple_of(1_000_000);
        match self {
            Lang::En => {
                if n == 1 {
                    One
                } else {
                    Other
                }
            }
            Lang::Es => match n {
                1 => One,
                _ if million => Many,
                _ => Other,
            },
            Lang::Fr => match n {
                0 | 1 => One,
                _ if million => Many,
                _ => Other,
            },
            Lang::Ru => {
                let (d, h) = (n % 10, n % 100);
                if d == 1 && h != 11 {
                    One
                } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                    Few
                } else {
                    Many
                }
            }
            Lang::Ar => match (n, n % 100) {
                (0, _) => Zero,
                (1, _) => One,
                (2, _) => Two,
                (_, 3..=10) => Few,
                (_, 11..=99) => Many,
                _ => Other,
            },
            Lang::Zh => Other,
        }
    }

    /// The built-in catalogue's JSON: every language with the feature
    /// `all-languages`, else English only.
    fn source(self) -> Option<&'static str> {
        #[cfg(feature = "all-languages")]
        return Some(match self {
            Lang::Ar => AR_JSON,
            Lang::Zh => ZH_JSON,
            Lang::En => EN_JSON,
            Lang::Fr => FR_JSON,
            Lang::Ru => RU_JSON,
            Lang::Es => ES_JSON,
        });
        #[cfg(not(feature = "all-languages"))]
        return (self == Lang::En).then_some(EN_JSON);
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PluralCategory {
    /// `zero` (Arabic 0).
    Zero,
    /// `one`.
    One,
    /// `two` (Arabic 2).
    Two,
    /// `few` (Russian 2–4, Arabic 3–10).
    Few,
    /// `many` (Russian 5–20, Arabic 11–99, French and Spanish millions).
    Many,
    /// `other`: every language has it.
    Other,
}

impl PluralCategory {
    /// All six, in CLDR order.
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// The keyword as messages write it: `zero`, `one`, `two`, `few`, `many`,
    /// `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// Reads a keyword.
    pub fn parse(word: &str) -> Option<PluralCategory> {
        PluralCategory::ALL.into_iter().find(|c| c.as_str() == word)
    }
}

impl fmt::Display for PluralCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value of a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    /// Text, shown as it is (a name, a date or a number already formatted).
    /// As the selector of a plural, text of ASCII digits counts as that
    /// number; any other text selects `other`.
    Str(&'a str),
    /// A whole number, shown in ASCII digits without grouping. For tests and
    /// plain output; pages pass [`Arg::Count`].
    Num(u64),
    /// A count that chooses a plural form by `value` and is shown as `shown`
    /// (the number as the browser's `Intl.NumberFormat` wrote it: "1 234",
    /// "١٬٢٣٤").
    Count {
        /// The number, for the plural rules.
        value: u64,
        /// The number as shown.
        shown: &'a str,
    },
}

impl Arg<'_> {
    fn number(&self) -> Option<u64> {
        match self {
            Arg::Str(s) => {
                let t = s.trim();
                if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                    t.parse().ok()
                } else {
                    None
                }
            }
            Arg::Num(n) | Arg::Count { value: n, .. } => Some(*n),
        }
    }

    fn write_to(&self, out: &mut String) {
        match self {
            Arg::Str(s) | Arg::Count { shown: s, .. } => out.push_str(s),
            Arg::Num(n) => out.push_str(&n.to_string()),
        }
    }
}

/// One language's messages, with English behind it for missing keys.
#[derive(Debug)]
pub struct Catalog {
    lang: Lang,
    messages: HashMap<String, String>,
    untranslated: HashSet<String>,
}

impl Catalog {
    /// The catalogue of `lang`, parsed on first use and kept for the life of
    /// the program. English is always built in; the other five are built in
    /// with the feature `all-languages` (the command-line tool, the tests)
    /// and otherwise given by [`Catalog::install`] (the web package fetches
    /// them with the language). Until then a language's catalogue is empty:
    /// every message is the English one, marked as untranslated.
    pub fn get(lang: Lang) -> &'static Catalog {
        static AR: OnceLock<Catalog> = OnceLock::new();
        static ZH: OnceLock<Catalog> = OnceLock::new();
        static FR: OnceLock<Catalog> = OnceLock::new();
        static RU: OnceLock<Catalog> = OnceLock::new();
        static ES: OnceLock<Catalog> = OnceLock::new();
        let cell = match lang {
            Lang::En => return english(),
            Lang::Ar => &AR,
            Lang::Zh => &ZH,
            Lang::Fr => &FR,
            Lang::Ru => &RU,
            Lang::Es => &ES,
        };
        if let Some(c) = installed(lang).get() {
            return c;
        }
        match lang.source() {
            Some(json) => cell.get_or_init(|| Catalog::load(lang, json)),
            None => cell.get_or_init(|| Catalog {
                lang,
                messages: HashMap::new(),
                untranslated: HashSet::new(),
            }),
        }
    }

    /// Installs the catalogue of `lang` from its JSON text (the file
    /// `data/i18n/<lang>.json`), for a build without it built in. A
    /// catalogue already there stays. An error says what is wrong with the
    /// text.
    pub fn install(lang: Lang, json: &str) -> Result<(), String> {
        if Catalog::has(lang) {
            return Ok(());
        }
        let messages = messages_of(json)
            .map_err(|e| format!("the {lang} interface text is not a catalogue: {e}"))?;
        let _ = installed(lang).set(Catalog {
            lang,
            messages,
            untranslated: untranslated_keys(lang),
        });
        Ok(())
    }

    /// Whether the catalogue of `lang` is there (built in or installed).
    pub fn has(lang: Lang) -> bool {
        lang.source().is_some() || installed(lang).get().is_some()
    }

    /// The catalogue for a language tag ([`Lang::negotiate`]).
    pub fn for_tag(tag: &str) -> &'static Catalog {
        Catalog::get(Lang::negotiate(tag))
    }

    fn load(lang: Lang, json: &str) -> Catalog {
        // The embedded files are checked by tests/i18n.rs; should one ever fail
        // to parse, the catalogue is empty and every key falls back.
        let mut messages = messages_of(json).unwrap_or_default();
        for part in built_in_parts(lang) {
            messages.extend(messages_of(part).unwrap_or_default());
        }
        let untranslated = untranslated_keys(lang);
        Catalog {
            lang,
            messages,
            untranslated,
        }
    }

    /// Its language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The keys this language defines itself.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.messages.keys().map(String::as_str)
    }

    /// The message of `key` in this language only (no fallback), unformatted.
    pub fn message(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(String::as_str)
    }

    /// The message of `key`, unformatted: this language's, else English, else
    /// the key itself. For messages without placeholders; use
    /// [`Catalog::format`] for the others.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.resolve(key).map(|(m, _)| m).unwrap_or(key)
    }

    /// The message of `key` with its placeholders filled in and its plural
    /// forms chosen. A placeholder without a value stays as `{name}`; a
    /// message that does not parse comes back as its raw text; a key no
    /// catalogue has comes back as the key.
    ///
    /// ```
    /// use kyoto_widgets::core::i18n::{Arg, Catalog, Lang};
    /// let fr = Catalog::get(Lang::Fr);
    /// assert_eq!(
    ///     fr.format("label.paragraph", &[("paragraph", Arg::Num(27))]),
    ///     "Paragraphe 27"
    /// );
    /// ```
    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        match self.resolve(key) {
            Some((message, lang)) => format_message(message, lang, args),
            None => key.to_string(),
        }
    }

    /// Whether the text of `key` in this catalogue is English standing in for
    /// a translation: listed in `data/i18n/untranslated.json` for this
    /// language, or missing from it (and so taken from English). Always false
    /// in English. A page shows such text with `lang="en"`.
    pub fn is_untranslated(&self, key: &str) -> bool {
        if self.lang == Lang::En {
            return false;
        }
        self.untranslated.contains(key)
            || (!self.messages.contains_key(key) && english().messages.contains_key(key))
    }

    /// The plural category of `n` in this catalogue's language.
    pub fn plural_category(&self, n: u64) -> PluralCategory {
        self.lang.plural_category(n)
    }

    /// The message and the language whose plural rules apply to it.
    fn resolve(&self, key: &str) -> Option<(&str, Lang)> {
        if let Some(m) = self.messages.get(key) {
            return Some((m.as_str(), self.lang));
        }
        if self.lang != Lang::En {
            if let Some(m) = english().messages.get(key) {
                return Some((m.as_str(), Lang::En));
            }
        }
        None
    }
}

/// A part of the catalogue that only some modules need (the text of widgets
/// built in modules of their own): one file per language in
/// `data/i18n/<part>/`, built in with its feature (English always, the other
/// five with `all-languages`). `./x build` merges the parts into each
/// fetched `pkg/i18n/<lang>.json`, so an installed catalogue has them too.
#[allow(unused_macros)] // no part in the chart module
macro_rules! catalogue_part {
    ($name:ident, $dir:literal) => {
        fn $name(lang: Lang) -> Option<&'static str> {
            #[cfg(feature = "all-languages")]
            return Some(match lang {
                Lang::Ar => include_str!(concat!("../../data/i18n/", $dir, "/ar.json")),
                Lang::Zh => include_str!(concat!("../../data/i18n/", $dir, "/zh.json")),
                Lang::En => include_str!(concat!("../../data/i18n/", $dir, "/en.json")),
                Lang::Fr => include_str!(concat!("../../data/i18n/", $dir, "/fr.json")),
                Lang::Ru => include_str!(concat!("../../data/i18n/", $dir, "/ru.json")),
                Lang::Es => include_str!(concat!("../../data/i18n/", $dir, "/es.json")),
            });
            #[cfg(not(feature = "all-languages"))]
            return (lang == Lang::En).then_some(include_str!(concat!(
                "../../data/i18n/",
                $dir,
                "/en.json"
            )));
        }
    };
}

#[cfg(feature = "browser")]
catalogue_part!(browser_part, "browser");
#[cfg(feature = "compare")]
catalogue_part!(compare_part, "compare");
#[cfg(feature = "progress")]
catalogue_part!(progress_part, "progress");
#[cfg(feature = "indicators")]
catalogue_part!(indicators_part, "indicators");
#[cfg(feature = "reporting")]
catalogue_part!(reporting_part, "reporting");

/// The parts of `lang`'s catalogue built in besides its main file.
#[cfg_attr(
    not(any(
        feature = "browser",
        feature = "compare",
        feature = "progress",
        feature = "indicators",
        feature = "reporting"
    )),
    allow(unused_variables)
)]
fn built_in_parts(lang: Lang) -> Vec<&'static str> {
    #[allow(unused_mut)]
    let mut parts: Vec<&'static str> = Vec::new();
    #[cfg(feature = "browser")]
    parts.extend(browser_part(lang));
    #[cfg(feature = "compare")]
    parts.extend(compare_part(lang));
    #[cfg(feature = "progress")]
    parts.extend(progress_part(lang));
    #[cfg(feature = "indicators")]
    parts.extend(indicators_part(lang));
    #[cfg(feature = "reporting")]
    parts.extend(reporting_part(lang));
    parts
}

fn english() -> &'static Catalog {
    static EN: OnceLock<Catalog> = OnceLock::new();
    EN.get_or_init(|| Catalog::load(Lang::En, EN_JSON))
}

/// The catalogue of `lang` given by [`Catalog::install`].
fn installed(lang: Lang) -> &'static OnceLock<Catalog> {
    static AR: OnceLock<Catalog> = OnceLock::new();
    static ZH: OnceLock<Catalog> = OnceLock::new();
    static EN: OnceLock<Catalog> = OnceLock::new();
    static FR: OnceLock<Catalog> = OnceLock::new();
    static RU: OnceLock<Catalog> = OnceLock::new();
    static ES: OnceLock<Catalog> = OnceLock::new();
    match lang {
        Lang::Ar => &AR,
        Lang::Zh => &ZH,
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Ru => &RU,
        Lang::Es => &ES,
    }
}

/// The messages of a catalogue file: a JSON object whose values are text.
/// Read as a `serde_json::Value`, whose reader every module has for the
/// import, rather than straight into a map, which would bring a reader of
/// its own into each module.
fn messages_of(json: &str) -> Result<HashMap<String, String>, String> {
    let serde_json::Value::Object(entries) =
        serde_json::from_str::<serde_json::Value>(json).map_err(|e| e.to_string())?
    else {
        return Err("it is not a JSON object".to_string());
    };
    entries
        .into_iter()
        .map(|(key, value)| match value {
            serde_json::Value::String(message) => Ok((key, message)),
            _ => Err(format!("the message of '{key}' is not text")),
        })
        .collect()
}

/// The keys listed as untranslated for `lang` in `untranslated.json`
/// (`{"languages": {"fr": ["pillar.I", …], …}}`).
fn untranslated_keys(lang: Lang) -> HashSet<String> {
    let Ok(root) = serde_json::from_str::<serde_json::Value>(UNTRANSLATED_JSON) else {
        return HashSet::new();
    };
    root.get("languages")
        .and_then(|l| l.get(lang.code()))
        .and_then(|keys| keys.as_array())
        .map(|keys| {
            keys.iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Formats a message (not a key) by the plural rules of `lang`. A message
/// that does not parse comes back unchanged.
///
/// ```
/// use kyoto_widgets::core::i18n::{format_message, Arg, Lang};
/// let m = "{n, plural, one {# row} other {# rows}} in {file}";
/// assert_eq!(
///     format_message(m, Lang::En, &[("n", Arg::Num(1)), ("file", Arg::Str("a.csv"))]),
///     "1 row in a.csv"
/// );
/// ```
pub fn format_message(message: &str, lang: Lang, args: &[(&str, Arg)]) -> String {
    match parse(message) {
        Ok(parts) => {
            let mut out = String::with_capacity(message.len() + 16);
            render(&parts, lang, args, None, &mut out);
            out
        }
        Err(_) => message.to_string(),
    }
}

/// What a message needs and offers: its placeholder names and its plural
/// choices. Used by the tests to compare a translation with the English.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageShape {
    /// Every placeholder name, plural selectors and names inside branches
    /// included.
    pub placeholders: BTreeSet<String>,
    /// Every plural choice, in message order.
    pub plurals: Vec<PluralShape>,
}

/// One plural choice of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralShape {
    /// The placeholder that selects the branch.
    pub argument: String,
    /// Its branches' categories, in message order.
    pub categories: Vec<PluralCategory>,
}

/// Parses a message and describes it, or says where it is malformed.
///
/// ```
/// use kyoto_widgets::core::i18n::{message_shape, PluralCategory};
/// let s = message_shape("{n, plural, one {# of {total}} other {# of {total}}}").unwrap();
/// assert_eq!(s.placeholders.iter().collect::<Vec<_>>(), ["n", "total"]);
/// assert_eq!(s.plurals[0].categories, [PluralCategory::One, PluralCategory::Other]);
/// ```
pub fn message_shape(message: &str) -> Result<MessageShape, MessageError> {
    let parts = parse(message)?;
    let mut shape = MessageShape::default();
    describe(&parts, &mut shape);
    Ok(shape)
}

/// Why a message does not parse, and where (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageError {
    /// Byte offset in the message.
    pub at: usize,
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.at, self.reason)
    }
}

impl std::error::Error for MessageError {}

/// A parsed message.
#[derive(Debug, Clone, PartialEq)]
enum Part<'a> {
    Text(&'a str),
    Arg(&'a str),
    Plural {
        arg: &'a str,
        branches: Vec<(PluralCategory, Vec<Part<'a>>)>,
    },
    /// `#` inside a plural branch.
    Pound,
}

fn parse(message: &str) -> Result<Vec<Part<'_>>, MessageError> {
    let mut p = Parser {
        src: message,
        pos: 0,
    };
    let parts = p.parts(false)?;
    match p.peek() {
        None => Ok(parts),
        Some(_) => Err(p.error("a '}' closes nothing")),
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn error(&self, reason: &'static str) -> MessageError {
        MessageError {
            at: self.pos,
            reason,
        }
    }

    /// The text from `start` to here (both on ASCII syntax characters or the
    /// ends, so on character boundaries).
    fn slice(&self, start: usize) -> Result<&'a str, MessageError> {
        self.src
            .get(start..self.pos)
            .ok_or_else(|| self.error("not on a character boundary"))
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn word(&mut self) -> Result<&'a str, MessageError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.error("a name is expected"));
        }
        self.slice(start)
    }

    fn expect(&mut self, byte: u8, reason: &'static str) -> Result<(), MessageError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(reason))
        }
    }

    /// Text and placeholders up to the end, or (in a branch) up to the `}`
    /// that closes the branch, which is left for the caller.
    fn parts(&mut self, in_branch: bool) -> Result<Vec<Part<'a>>, MessageError> {
        let mut parts = Vec::new();
        let mut start = self.pos;
        loop {
            match self.peek() {
                None if in_branch => return Err(self.error("a plural branch is not closed")),
                None | Some(b'}') => {
                    if self.pos > start {
                        parts.push(Part::Text(self.slice(start)?));
                    }
                    return Ok(parts);
                }
                Some(b'{') => {
                    if self.pos > start {
                        parts.push(Part::Text(self.slice(start)?));
                    }
                    parts.push(self.placeholder()?);
                    start = self.pos;
                }
                Some(b'#') if in_branch => {
                    if self.pos > start {
                        parts.push(Part::Text(self.slice(start)?));
                    }
                    parts.push(Part::Pound);
                    self.pos += 1;
                    start = self.pos;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// `{name}` or `{name, plural, one {…} other {…}}`, from its `{`.
    fn placeholder(&mut self) -> Result<Part<'a>, MessageError> {
        self.expect(b'{', "'{' expected")?;
        self.skip_space();
        let name = self.word()?;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Part::Arg(name));
        }
        self.expect(b',', "',' or '}' expected after a placeholder name")?;
        self.skip_space();
        if self.word()? != "plural" {
            return Err(self.error("only 'plural' choices are supported"));
        }
        self.skip_space();
        self.expect(b',', "',' expected after 'plural'")?;
        let mut branches: Vec<(PluralCategory, Vec<Part<'a>>)> = Vec::new();
        loop {
            self.skip_space();
            if self.peek() == Some(b'}') {
                self.pos += 1;
                break;
            }
            let category = PluralCategory::parse(self.word()?)
                .ok_or_else(|| self.error("not a plural category (zero one two few many other)"))?;
            if branches.iter().any(|(c, _)| *c == category) {
                return Err(self.error("a plural category is given twice"));
            }
            self.skip_space();
            self.expect(b'{', "'{' expected to open a plural branch")?;
            let body = self.parts(true)?;
            self.expect(b'}', "'}' expected to close a plural branch")?;
            branches.push((category, body));
        }
        if branches.is_empty() {
            return Err(self.error("a plural choice has no branch"));
        }
        Ok(Part::Plural {
            arg: name,
            branches,
        })
    }
}

fn find<'x, 'y>(args: &'x [(&str, Arg<'y>)], name: &str) -> Option<&'x Arg<'y>> {
    args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

fn render(parts: &[Part], lang: Lang, args: &[(&str, Arg)], pound: Option<&Arg>, out: &mut String) {
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Arg(name) => match find(args, name) {
                Some(a) => a.write_to(out),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
            Part::Pound => match pound {
                Some(a) => a.write_to(out),
                None => out.push('#'),
            },
            Part::Plural { arg, branches } => {
                let value = find(args, arg);
                let category = value
                    .and_then(Arg::number)
                    .map_or(PluralCategory::Other, |n| lang.plural_category(n));
                let branch = branches
                    .iter()
                    .find(|(c, _)| *c == category)
                    .or_else(|| branches.iter().find(|(c, _)| *c == PluralCategory::Other))
                    .or_else(|| branches.first());
                if let Some((_, body)) = branch {
                    render(body, lang, args, value, out);
                }
            }
        }
    }
}

fn describe(parts: &[Part], shape: &mut MessageShape) {
    for part in parts {
        match part {
            Part::Text(_) | Part::Pound => {}
            Part::Arg(name) => {
                shape.placeholders.insert((*name).to_string());
            }
            Part::Plural { arg, branches } => {
                shape.placeholders.insert((*arg).to_string());
                shape.plurals.push(PluralShape {
                    argument: (*arg).to_string(),
                    categories: branches.iter().map(|(c, _)| *c).collect(),
                });
                for (_, body) in branches {
                    describe(body, shape);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_file_is_an_object_of_texts() {
        let messages = messages_of(r#"{"a.b": "One", "c": "{n} \"x\""}"#).unwrap();
        assert_eq!(messages.len(), 2);
        assert_eq!(messages["c"], "{n} \"x\"");
        assert_eq!(
            messages_of(r#"{"a": "x", "b": 2}"#).unwrap_err(),
            "the message of 'b' is not text"
        );
        assert_eq!(messages_of("[]").unwrap_err(), "it is not a JSON object");
        assert!(messages_of(r#"{"a": "#).unwrap_err().contains("EOF"));
        assert!(messages_of(EN_JSON).unwrap().len() > 150);
    }

    #[test]
    fn bad_messages_do_not_panic() {
        for m in [
            "{",
            "}",
            "{}",
            "{ n",
            "{n, plural}",
            "{n, plural, }",
            "{n, plural, one {x}",
            "{n, plural, one {x} one {y}}",
            "{n, plural, lots {x}}",
            "{n, select, a {x}}",
            "é{ü",
            "{n, plural, other {é}",
        ] {
            assert!(message_shape(m).is_err(), "{m}");
            assert_eq!(format_message(m, Lang::Ru, &[("n", Arg::Num(2))]), m);
        }
    }

    #[test]
    fn nested_and_pound() {
        let m = "{a, plural, one {# ({b, plural, one {# x} other {# xs}})} other {#: {c}}}";
        let args = [("a", Arg::Num(1)), ("b", Arg::Num(4)), ("c", Arg::Str("z"))];
        assert_eq!(format_message(m, Lang::En, &args), "1 (4 xs)");
        let args = [("a", Arg::Num(7)), ("c", Arg::Str("z"))];
        assert_eq!(format_message(m, Lang::En, &args), "7: z");
        // Outside a plural, '#' is text.
        assert_eq!(format_message("#{a}", Lang::En, &args), "#7");
    }
}
