//! The message catalogues in `data/i18n/`: every key in every language, the
//! same placeholders, the plural categories CLDR requires, the plural rules,
//! language negotiation, formatting, and the untranslated headings.

use kyoto_widgets::core::declaration::Declaration;
use kyoto_widgets::core::i18n::{
    format_message, message_shape, Arg, Catalog, Lang, MessageShape, PluralCategory,
    UNTRANSLATED_JSON,
};
use std::collections::{BTreeMap, BTreeSet};

use PluralCategory::{Few, Many, One, Other, Two, Zero};

/// A language's catalogue files, read directly (not through `Catalog`), so
/// that a key given twice or a value that is not text is caught too: the
/// main file `data/i18n/<lang>.json` and the parts of widgets built in
/// modules of their own, `data/i18n/<part>/<lang>.json`.
fn file(lang: Lang) -> BTreeMap<String, String> {
    merged(lang, &PARTS)
}

/// The main file of `lang` and the given parts, read and merged; a key in
/// two of them fails.
fn merged(lang: Lang, parts: &[&str]) -> BTreeMap<String, String> {
    let dir = format!("{}/data/i18n", env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![format!("{dir}/{}.json", lang.code())];
    for part in parts {
        paths.push(format!("{dir}/{part}/{}.json", lang.code()));
    }
    let mut all = BTreeMap::new();
    for path in paths {
        for (k, v) in file_at(&path) {
            assert!(!all.contains_key(&k), "{path}: {k} is in another part too");
            all.insert(k, v);
        }
    }
    all
}

/// The catalogue parts (folders of `data/i18n/`) the modules build in.
const PARTS: [&str; 5] = ["browser", "compare", "progress", "indicators", "reporting"];

/// The loader's words (a widget that stopped or did not start): kyoto.js's,
/// in no module; English built into kyoto.js, the other languages fetched
/// with their catalogue (`./x build` merges the part into it).
const LOADER: &str = "loader";

/// The translations of the import's rules and value kinds
/// (`data/i18n/import-rules/`): no module builds them in and `./x build` ships
/// them in no catalogue, because the import reports its rules in English
/// (docs/i18n.md). They are held to the same checks as the shipped text.
const SHELVED: &str = "import-rules";

/// Every message of a language: the shipped catalogue and the shelved part.
fn texts(lang: Lang) -> BTreeMap<String, String> {
    let mut parts = PARTS.to_vec();
    parts.extend([LOADER, SHELVED]);
    merged(lang, &parts)
}

/// kyoto.js has the loader's words in English built in: the same as its
/// catalogue part's, which the other languages translate.
#[test]
fn the_loader_speaks_its_catalogue_parts_english() {
    let loader = std::fs::read_to_string(format!(
        "{}/src/web/js/kyoto.js",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let english = file_at(&format!(
        "{}/data/i18n/{LOADER}/en.json",
        env!("CARGO_MANIFEST_DIR")
    ));
    assert_eq!(english.len(), 5);
    for (key, text) in english {
        let line = format!("'{key}': '{}',", text.replace('\'', "\\'"));
        assert!(loader.contains(&line), "kyoto.js lacks {line}");
    }
}

#[test]
fn the_parts_are_the_folders() {
    let dir = format!("{}/data/i18n", env!("CARGO_MANIFEST_DIR"));
    let mut folders: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut parts = PARTS.map(String::from).to_vec();
    parts.extend([LOADER.to_string(), SHELVED.to_string()]);
    parts.sort();
    assert_eq!(folders, parts);
}

fn file_at(path: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{path}: not an object"));
    // serde_json keeps the last of two equal keys: count the keys in the text.
    let written = text
        .lines()
        .filter(|l| l.trim_start().starts_with('"'))
        .count();
    assert_eq!(written, object.len(), "{path}: a key is written twice");
    object
        .iter()
        .map(|(k, v)| {
            let v = v
                .as_str()
                .unwrap_or_else(|| panic!("{path}: {k} is not text"));
            (k.clone(), v.to_string())
        })
        .collect()
}

fn shape(lang: Lang, key: &str, message: &str) -> MessageShape {
    message_shape(message).unwrap_or_else(|e| panic!("{lang} {key}: {e}: {message}"))
}

fn untranslated(lang: Lang) -> BTreeSet<String> {
    let root: serde_json::Value = serde_json::from_str(UNTRANSLATED_JSON).unwrap();
    root["languages"]
        .get(lang.code())
        .and_then(|l| l.as_array())
        .map(|l| l.iter().map(|k| k.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn every_key_in_every_language() {
    let en = texts(Lang::En);
    assert!(en.len() > 150, "the English catalogue looks truncated");
    for lang in Lang::ALL {
        let all = texts(lang);
        let missing: Vec<_> = en.keys().filter(|k| !all.contains_key(*k)).collect();
        let extra: Vec<_> = all.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has keys English has not: {extra:?}"
        );
        // And the embedded copy is the shipped catalogue, without the
        // shelved part.
        let other = file(lang);
        assert!(other.keys().all(|k| !k.starts_with("import.rule.")));
        let catalog = Catalog::get(lang);
        assert_eq!(catalog.keys().count(), other.len(), "{lang}");
        for (k, v) in &other {
            assert_eq!(catalog.message(k), Some(v.as_str()), "{lang} {k}");
        }
    }
}

/// WCAG 2.5.3 (label in name): where a control shows one message and is
/// named by another, the name holds the text shown, so that a voice-control
/// user who says what they see reaches the control. The e2e suite checks the
/// names in the browser's accessibility tree; this catches a translation that
/// rephrases the name (the Chinese and Arabic ones once did).
#[test]
fn accessible_names_hold_the_visible_text() {
    for lang in Lang::ALL {
        let t = Catalog::get(lang);
        for (shown, name) in [
            ("browser.cite.button", "browser.cite.label"),
            ("browser.cite.copied", "browser.cite.copied_label"),
        ] {
            let name = t.format(name, &[("paragraph", Arg::Str("47"))]);
            let shown = t.text(shown);
            assert!(
                name.to_lowercase().contains(&shown.to_lowercase()),
                "{lang}: the name {name:?} does not hold the visible text {shown:?}"
            );
        }
    }
}

#[test]
fn every_message_parses_and_is_not_blank() {
    let en = texts(Lang::En);
    for lang in Lang::ALL {
        for (key, message) in texts(lang) {
            shape(lang, &key, &message);
            assert!(!message.trim().is_empty(), "{lang} {key} is blank");
            // Space at either end only where English has it (separators,
            // text appended to other text).
            let english = &en[&key];
            if message.ends_with(char::is_whitespace) {
                assert!(english.ends_with(' '), "{lang} {key} ends with a space");
            }
            if message.starts_with(char::is_whitespace) {
                assert!(english.starts_with(' '), "{lang} {key} starts with a space");
            }
        }
    }
}

#[test]
fn placeholders_match_english() {
    let en = texts(Lang::En);
    for lang in Lang::ALL {
        for (key, message) in texts(lang) {
            let want = shape(Lang::En, &key, &en[&key]).placeholders;
            let got = shape(lang, &key, &message).placeholders;
            assert_eq!(got, want, "{lang} {key}: {message}");
        }
    }
}

#[test]
fn plural_messages_have_the_categories_cldr_requires() {
    let en = texts(Lang::En);
    let mut plural_keys = 0;
    for lang in Lang::ALL {
        let required: Vec<PluralCategory> = lang.plural_categories().to_vec();
        for (key, message) in texts(lang) {
            let s = shape(lang, &key, &message);
            for p in &s.plurals {
                let mut got = p.categories.clone();
                got.sort();
                assert_eq!(
                    got, required,
                    "{lang} {key}: the plural of '{}' must give exactly {required:?}",
                    p.argument
                );
            }
            // A count English chooses a plural form for is a count in every
            // language (Chinese included: it has only `other`, but says so).
            let en_args: BTreeSet<String> = shape(Lang::En, &key, &en[&key])
                .plurals
                .into_iter()
                .map(|p| p.argument)
                .collect();
            if lang == Lang::En {
                plural_keys += usize::from(!en_args.is_empty());
            }
            for a in &en_args {
                assert!(s.placeholders.contains(a), "{lang} {key}: '{a}' is missing");
            }
        }
    }
    assert!(plural_keys >= 20, "only {plural_keys} plural messages");
}

#[test]
fn cldr_categories_per_language() {
    assert_eq!(Lang::En.plural_categories(), [One, Other]);
    assert_eq!(Lang::Es.plural_categories(), [One, Many, Other]);
    assert_eq!(Lang::Fr.plural_categories(), [One, Many, Other]);
    assert_eq!(Lang::Ru.plural_categories(), [One, Few, Many, Other]);
    assert_eq!(
        Lang::Ar.plural_categories(),
        [Zero, One, Two, Few, Many, Other]
    );
    assert_eq!(Lang::Zh.plural_categories(), [Other]);
}

#[test]
fn plural_rules() {
    // Checked against ICU 78 (CLDR 48) with Intl.PluralRules.
    let cases: &[(Lang, &[(u64, PluralCategory)])] = &[
        (
            Lang::Ru,
            &[
                (0, Many),
                (1, One),
                (2, Few),
                (4, Few),
                (5, Many),
                (11, Many),
                (12, Many),
                (14, Many),
                (21, One),
                (22, Few),
                (25, Many),
                (101, One),
                (111, Many),
                (112, Many),
                (122, Few),
                (1_000_000, Many),
            ],
        ),
        (
            Lang::Ar,
            &[
                (0, Zero),
                (1, One),
                (2, Two),
                (3, Few),
                (10, Few),
                (11, Many),
                (99, Many),
                (100, Other),
                (101, Other),
                (102, Other),
                (103, Few),
                (111, Many),
                (200, Other),
                (1_000_000, Other),
            ],
        ),
        (
            Lang::Fr,
            &[
                (0, One),
                (1, One),
                (2, Other),
                (999_999, Other),
                (1_000_000, Many),
                (2_000_000, Many),
                (1_000_001, Other),
            ],
        ),
        (
            Lang::Es,
            &[
                (0, Other),
                (1, One),
                (2, Other),
                (1_000_000, Many),
                (1_500_000, Other),
            ],
        ),
        (
            Lang::En,
            &[
                (0, Other),
                (1, One),
                (2, Other),
                (21, Other),
                (1_000_000, Other),
            ],
        ),
        (Lang::Zh, &[(0, Other), (1, Other), (2, Other)]),
    ];
    for (lang, list) in cases {
        for &(n, want) in *list {
            assert_eq!(lang.plural_category(n), want, "{lang} {n}");
            assert_eq!(Catalog::get(*lang).plural_category(n), want, "{lang} {n}");
        }
    }
}

#[test]
fn every_category_is_reachable() {
    for lang in Lang::ALL {
        let seen: BTreeSet<PluralCategory> = (0..2000u64)
            .chain([1_000_000, 2_000_000])
            .map(|n| lang.plural_category(n))
            .collect();
        // Russian `other` is for fractions only; every other category a
        // language declares is reached by some whole number.
        let mut expected: BTreeSet<_> = lang.plural_categories().iter().copied().collect();
        if lang == Lang::Ru {
            expected.remove(&Other);
        }
        assert_eq!(seen, expected, "{lang}");
    }
}

#[test]
fn negotiate() {
    for (tag, lang) in [
        ("fr", Lang::Fr),
        ("fr-CA", Lang::Fr),
        ("FR-ch", Lang::Fr),
        ("ar-EG", Lang::Ar),
        ("ar", Lang::Ar),
        ("zh-Hans", Lang::Zh),
        ("zh-CN", Lang::Zh),
        ("zh-Hant-TW", Lang::Zh),
        ("ES", Lang::Es),
        ("es-419", Lang::Es),
        ("ru_RU", Lang::Ru),
        ("en-GB", Lang::En),
        (" ru ", Lang::Ru),
        ("de", Lang::En),
        ("", Lang::En),
        ("x-klingon", Lang::En),
        ("e", Lang::En),
        ("french", Lang::En),
    ] {
        assert_eq!(Lang::negotiate(tag), lang, "{tag:?}");
    }
    assert_eq!(Lang::parse("de"), None);
    assert_eq!(Lang::parse("zh-TW"), Some(Lang::Zh));
    // The widget's own `lang`, else the page's, else English.
    assert_eq!(Lang::choose(&[Some("ar"), Some("fr")]), Lang::Ar);
    assert_eq!(Lang::choose(&[None, Some("es-MX")]), Lang::Es);
    assert_eq!(Lang::choose(&[Some("de"), Some("ru")]), Lang::Ru);
    assert_eq!(Lang::choose(&[None, None]), Lang::En);
    assert_eq!(Lang::choose(&[]), Lang::En);
}

#[test]
fn codes_and_direction() {
    let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(codes, ["ar", "zh", "en", "fr", "ru", "es"]);
    for lang in Lang::ALL {
        assert_eq!(Lang::negotiate(lang.code()), lang);
        assert_eq!(lang.is_rtl(), lang == Lang::Ar);
        assert_eq!(lang.dir(), if lang == Lang::Ar { "rtl" } else { "ltr" });
        assert_eq!(Catalog::get(lang).lang(), lang);
    }
    assert_eq!(Lang::default(), Lang::En);
    assert_eq!(Catalog::for_tag("ar-SA").lang(), Lang::Ar);
}

fn n(v: u64) -> Arg<'static> {
    Arg::Num(v)
}

#[test]
fn format_examples() {
    let en = Catalog::get(Lang::En);
    let fr = Catalog::get(Lang::Fr);
    let es = Catalog::get(Lang::Es);
    let ru = Catalog::get(Lang::Ru);
    let ar = Catalog::get(Lang::Ar);
    let zh = Catalog::get(Lang::Zh);
    let count = |c: &Catalog, key: &str, v: u64| c.format(key, &[("count", n(v))]);

    assert_eq!(count(en, "data.activities", 1), "1 activity");
    assert_eq!(count(en, "data.activities", 0), "0 activities");
    assert_eq!(count(en, "data.activities", 12), "12 activities");
    assert_eq!(count(fr, "data.activities", 0), "0 activité");
    assert_eq!(count(fr, "data.activities", 1), "1 activité");
    assert_eq!(count(fr, "data.activities", 2), "2 activités");
    assert_eq!(
        count(fr, "data.activities", 1_000_000),
        "1000000 d’activités"
    );
    assert_eq!(count(es, "data.activities", 1), "1 actividad");
    assert_eq!(count(es, "data.activities", 5), "5 actividades");
    assert_eq!(count(ru, "data.activities", 1), "1 мероприятие");
    assert_eq!(count(ru, "data.activities", 3), "3 мероприятия");
    assert_eq!(count(ru, "data.activities", 5), "5 мероприятий");
    assert_eq!(count(ru, "data.activities", 11), "11 мероприятий");
    assert_eq!(count(ru, "data.activities", 21), "21 мероприятие");
    assert_eq!(count(ru, "data.activities", 22), "22 мероприятия");
    assert_eq!(count(ar, "data.activities", 0), "لا أنشطة");
    assert_eq!(count(ar, "data.activities", 1), "نشاط واحد");
    assert_eq!(count(ar, "data.activities", 2), "نشاطان");
    assert_eq!(count(ar, "data.activities", 3), "3 أنشطة");
    assert_eq!(count(ar, "data.activities", 11), "11 نشاطًا");
    assert_eq!(count(ar, "data.activities", 100), "100 نشاط");
    assert_eq!(count(zh, "data.activities", 1), "1项活动");
    assert_eq!(count(zh, "data.activities", 7), "7项活动");

    // The page passes numbers formatted by Intl, with the value for the plural.
    let three = Arg::Count {
        value: 3,
        shown: "٣",
    };
    assert_eq!(ar.format("data.activities", &[("count", three)]), "٣ أنشطة");
    let big = Arg::Count {
        value: 1234,
        shown: "1\u{202f}234",
    };
    assert_eq!(
        fr.format("browser.results.all", &[("count", big)]),
        "1\u{202f}234 paragraphes"
    );

    // Several placeholders, a plural among them.
    assert_eq!(
        en.format(
            "chart.tooltip.coverage",
            &[
                ("covered", n(7)),
                ("total", n(10)),
                ("percent", Arg::Str("70%"))
            ]
        ),
        "7 of 10 paragraphs with activities (70%)"
    );
    assert_eq!(
        ru.format(
            "chart.tooltip.coverage",
            &[
                ("covered", n(1)),
                ("total", n(21)),
                ("percent", Arg::Str("5 %"))
            ]
        ),
        "1 из 21 пункта с мероприятиями (5 %)"
    );
    assert_eq!(
        fr.format(
            "browser.results.query",
            &[("count", n(2)), ("query", Arg::Str("corruption"))]
        ),
        "2 paragraphes trouvés pour «\u{a0}corruption\u{a0}»"
    );
    assert_eq!(
        ar.format(
            "browser.results.query",
            &[("count", n(2)), ("query", Arg::Str("الفساد"))]
        ),
        "عُثر على فقرتين لعبارة البحث «الفساد»"
    );
    assert_eq!(
        en.format(
            "import.summary",
            &[
                ("read", n(1)),
                ("loaded", n(1)),
                ("errors", n(0)),
                ("warnings", n(2))
            ]
        ),
        "1 row read, 1 loaded, 0 errors, 2 warnings"
    );
    assert_eq!(
        ru.format(
            "import.summary",
            &[
                ("read", n(5)),
                ("loaded", n(4)),
                ("errors", n(1)),
                ("warnings", n(3))
            ]
        ),
        "Прочитано 5 строк, загружено: 4, 1 ошибка, 3 предупреждения"
    );
    assert_eq!(
        zh.format("label.paragraph", &[("paragraph", Arg::Str("27"))]),
        "第27段"
    );
    // Import problems keep row, column and value as placeholders.
    assert_eq!(
        en.format(
            "import.problem",
            &[
                ("severity", Arg::Str(en.text("import.severity.error"))),
                ("place", Arg::Str("row 5, column 'Status', value 'wip'")),
                ("rule", Arg::Str(&texts(Lang::En)["import.rule.status_required"])),
            ]
        ),
        "error: row 5, column 'Status', value 'wip': a status is required: completed, ongoing or planned"
    );
    assert_eq!(
        format_message(
            &texts(Lang::Es)["import.rule.id_duplicate"],
            Lang::Es,
            &[("value", Arg::Str("A-1")), ("first", n(2))]
        ),
        "el identificador “A-1” ya se usa en la fila 2: los identificadores deben ser únicos"
    );
    // A whole problem line, assembled from its parts, in Arabic.
    let place = [
        ar.format("import.place.row", &[("row", n(5))]),
        ar.format("import.place.column", &[("column", Arg::Str("Status"))]),
        ar.format("import.place.value", &[("value", Arg::Str("wip"))]),
    ]
    .join(ar.text("data.list_separator"));
    assert_eq!(
        ar.format(
            "import.problem",
            &[
                ("severity", Arg::Str(ar.text("import.severity.error"))),
                ("place", Arg::Str(&place)),
                ("rule", Arg::Str(&texts(Lang::Ar)["import.rule.status_required"])),
            ]
        ),
        "خطأ: الصف 5، العمود «Status»، القيمة «wip»: الحالة مطلوبة: completed أو ongoing أو planned"
    );
    // A plural chosen by a number given as text.
    assert_eq!(
        ru.format("browser.results.all", &[("count", Arg::Str("12"))]),
        "12 пунктов"
    );
}

#[test]
fn fallbacks_never_panic() {
    let fr = Catalog::get(Lang::Fr);
    // A key no catalogue has comes back as itself.
    assert_eq!(fr.text("no.such.key"), "no.such.key");
    assert_eq!(fr.format("no.such.key", &[("n", n(1))]), "no.such.key");
    // A missing value stays visible as its placeholder.
    assert_eq!(fr.format("label.paragraph", &[]), "Paragraphe {paragraph}");
    // A plural without its count takes `other`, and `#` stays `#`.
    assert_eq!(
        Catalog::get(Lang::En).format("data.activities", &[]),
        "# activities"
    );
    // Text that is not a number selects `other`.
    assert_eq!(
        Catalog::get(Lang::Ru).format("data.activities", &[("count", Arg::Str("много"))]),
        "много мероприятия"
    );
    // A malformed message comes back raw.
    assert_eq!(
        format_message("{count, plural, one {#}", Lang::En, &[("count", n(1))]),
        "{count, plural, one {#}"
    );
    // Text without placeholders comes back as it is.
    assert_eq!(fr.text("browser.cite.copied"), "Copiée");
    assert_eq!(fr.format("browser.cite.copied", &[]), "Copiée");
}

#[test]
fn untranslated_headings_are_english_and_listed() {
    let en = file(Lang::En);
    let decl = Declaration::get();
    // The heading keys follow the Declaration.
    let mut headings = BTreeMap::new();
    for p in &decl.pillars {
        headings.insert(format!("pillar.{}", p.id), p.heading.clone());
        for (i, t) in p.themes.iter().enumerate() {
            headings.insert(format!("theme.{}.{i}", p.id), t.heading.clone());
        }
    }
    assert_eq!(headings.len(), 4 + 7 + 6 + 6 + 4);
    for (k, heading) in &headings {
        assert_eq!(en.get(k), Some(heading), "en {k}");
    }
    let heading_keys: BTreeSet<&str> = en
        .keys()
        .filter(|k| k.starts_with("pillar.") || k.starts_with("theme."))
        .map(String::as_str)
        .collect();
    assert_eq!(
        heading_keys,
        headings.keys().map(String::as_str).collect(),
        "every heading key is a heading of the Declaration"
    );

    assert!(untranslated(Lang::En).is_empty());
    for lang in Lang::ALL {
        let catalog = Catalog::get(lang);
        let messages = file(lang);
        let listed = untranslated(lang);
        for key in &listed {
            // Exactly the English text, and a key that exists.
            assert_eq!(messages.get(key), en.get(key), "{lang} {key}");
            assert!(catalog.is_untranslated(key), "{lang} {key}");
        }
        for (key, heading) in &headings {
            if lang == Lang::En {
                assert!(!catalog.is_untranslated(key));
            } else if !listed.contains(key) {
                // A translated heading must differ from the English one.
                assert_ne!(messages.get(key), Some(heading), "{lang} {key}");
                assert!(!catalog.is_untranslated(key));
            }
        }
        // Only headings may be listed: interface text is always translated.
        for key in &listed {
            assert!(headings.contains_key(key), "{lang}: {key} is not a heading");
        }
        // Interface text is translated: apart from the headings, a message that
        // equals the English has no words outside its placeholders, or is a
        // word both languages share.
        if lang != Lang::En {
            for (key, message) in &messages {
                if headings.contains_key(key) || Some(message) != en.get(key) {
                    continue;
                }
                assert!(
                    !has_words(message) || SAME_IN_ENGLISH.contains(&(lang.code(), key.as_str())),
                    "{lang} {key} is still English: {message}"
                );
            }
        }
        assert!(!catalog.is_untranslated("browser.clear"), "{lang}");
    }
}

/// Words that are the same in a language and in English.
const SAME_IN_ENGLISH: &[(&str, &str)] = &[
    ("fr", "indicators.area.150"),
    ("es", "indicators.obs.provisional"),
    ("es", "indicators.obs.normal"),
    ("fr", "indicators.breakdown.total"),
    ("es", "indicators.area.142"),
    ("es", "indicators.breakdown.total"),
    ("fr", "reporting.cycle"),
    ("fr", "reporting.figure.cycle"),
    ("fr", "reporting.figure.segment"),
    ("fr", "reporting.view.questions"),
    ("fr", "reporting.question.select"),
    ("fr", "reporting.report.questionnaire"),
    ("fr", "reporting.region.150"),
    ("es", "reporting.region.142"),
    ("fr", "chart.table.cycle"),
    ("fr", "track.national"),
    ("fr", "browser.meta.dates"),
    ("fr", "browser.meta.source"),
    ("es", "import.severity.error"),
    ("fr", "compare.total"),
    ("es", "compare.total"),
];

/// Whether a message has letters outside its `{name}` placeholders.
fn has_words(message: &str) -> bool {
    let mut depth = 0;
    message.chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        depth == 0 && c.is_alphabetic()
    })
}

#[test]
fn rtl_and_text_checks() {
    // Arabic has its own comma where lists are joined; Chinese its own.
    assert_eq!(Catalog::get(Lang::Ar).text("data.list_separator"), "، ");
    assert_eq!(Catalog::get(Lang::Zh).text("data.list_separator"), "、");
    // Every language names itself in its own script.
    let names: Vec<&str> = Lang::ALL
        .iter()
        .map(|l| Catalog::get(*l).text("language.name"))
        .collect();
    assert_eq!(
        names,
        [
            "العربية",
            "中文",
            "English",
            "Français",
            "Русский",
            "Español"
        ]
    );
}
