//! The default sample of follow-up data (`data/sample-activities.json`): every
//! item is sourced, cites real paragraphs, and the public facts it is built from
//! are there. Read as plain JSON (`serde_json::Value`), independently of the
//! importer.

use kyoto_widgets::core::declaration::Declaration;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const SAMPLE: &str = include_str!("../data/sample-activities.json");
const WWW_CSV: &[u8] = include_bytes!("../www/examples/sample-activities.csv");
const WWW_JSON: &str = include_str!("../www/examples/sample-activities.json");

const A77: &str = "Report of the Secretary-General on the follow-up to the Fourteenth Congress (General Assembly, seventy-seventh session), 28 June 2022";
const CRP3: &str = "E/CN.15/2022/CRP.3";
const WORKPLAN: &str = "Workplan of the intersessional thematic discussions";

fn sample() -> Value {
    serde_json::from_str(SAMPLE).expect("the sample is valid JSON")
}

fn activities() -> Vec<Value> {
    match sample().get("activities") {
        Some(Value::Array(items)) => items.clone(),
        other => panic!("activities is not an array: {other:?}"),
    }
}

fn str_of<'a>(a: &'a Value, field: &str) -> Option<&'a str> {
    a.get(field).and_then(Value::as_str)
}

fn id(a: &Value) -> &str {
    str_of(a, "id").unwrap_or("?")
}

fn paragraphs(a: &Value) -> Vec<u64> {
    match a.get("paragraphs") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|n| {
                n.as_u64()
                    .unwrap_or_else(|| panic!("{}: paragraph {n} is not a number", id(a)))
            })
            .collect(),
        other => panic!(
            "{}: paragraphs is not an array of numbers: {other:?}",
            id(a)
        ),
    }
}

fn strings(a: &Value, field: &str) -> Vec<String> {
    match a.get(field) {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().expect("a list of strings").to_string())
            .collect(),
        Some(other) => panic!("{}: {field} is not a list: {other}", id(a)),
    }
}

fn by_id(wanted: &str) -> Value {
    activities()
        .into_iter()
        .find(|a| id(a) == wanted)
        .unwrap_or_else(|| panic!("no activity {wanted}"))
}

#[test]
fn dataset_header() {
    let s = sample();
    assert_eq!(s.get("version").and_then(Value::as_u64), Some(1));
    assert!(str_of(&s, "title").is_some_and(|t| !t.is_empty()));
    let updated = str_of(&s, "updated").expect("updated");
    assert!(is_iso_date(updated), "updated {updated:?}");
    assert!(
        activities().len() >= 40,
        "the sample has {}",
        activities().len()
    );
}

#[test]
fn every_activity_has_a_source_naming_a_seed_document() {
    for a in activities() {
        let source = str_of(&a, "source").unwrap_or("");
        assert!(!source.trim().is_empty(), "{} has no source", id(&a));
        assert!(
            [A77, CRP3, WORKPLAN]
                .iter()
                .any(|doc| source.starts_with(doc)),
            "{}: source {source:?} names none of the seed documents",
            id(&a)
        );
        assert!(
            source.contains("para") || source.contains("session"),
            "{}: {source}",
            id(&a)
        );
    }
}

#[test]
fn every_cited_paragraph_is_one_to_ninety_seven() {
    for a in activities() {
        let cited = paragraphs(&a);
        assert!(!cited.is_empty(), "{} cites no paragraph", id(&a));
        for n in &cited {
            assert!((1..=97).contains(n), "{} cites paragraph {n}", id(&a));
        }
        let sorted: Vec<u64> = cited
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(
            cited,
            sorted,
            "{}: paragraphs sorted, no duplicates",
            id(&a)
        );
    }
}

#[test]
fn ids_are_unique_and_readable() {
    let mut seen = BTreeSet::new();
    for a in activities() {
        let ident = id(&a).to_string();
        assert!(
            !ident.is_empty()
                && ident.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
            "id {ident:?}"
        );
        assert!(seen.insert(ident.clone()), "id {ident} is used twice");
    }
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let numeric = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => numeric(y, 4),
        [y, m] => numeric(y, 4) && numeric(m, 2) && ("01"..="12").contains(m),
        [y, m, d] => {
            numeric(y, 4)
                && numeric(m, 2)
                && numeric(d, 2)
                && ("01"..="12").contains(m)
                && ("01"..="31").contains(d)
        }
        _ => false,
    }
}

#[test]
fn values_are_in_the_format() {
    let statuses = ["completed", "ongoing", "planned"];
    let tracks = [
        "institutional",
        "intergovernmental",
        "programmatic",
        "national",
        "stakeholder",
    ];
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for a in activities() {
        let status = str_of(&a, "status").unwrap_or("");
        assert!(statuses.contains(&status), "{}: status {status:?}", id(&a));
        *by_status.entry(status.to_string()).or_default() += 1;
        let track = str_of(&a, "track").expect("every sample item has a track");
        assert!(tracks.contains(&track), "{}: track {track:?}", id(&a));
        assert!(
            str_of(&a, "title").is_some_and(|t| !t.is_empty()),
            "{} title",
            id(&a)
        );
        assert!(
            str_of(&a, "description").is_some_and(|t| t.len() > 40),
            "{} description",
            id(&a)
        );
        for field in ["start", "end"] {
            if let Some(date) = str_of(&a, field) {
                assert!(is_iso_date(date), "{}: {field} {date:?}", id(&a));
            }
        }
        if let (Some(start), Some(end)) = (str_of(&a, "start"), str_of(&a, "end")) {
            assert!(start <= end, "{}: {start} after {end}", id(&a));
        }
        if let Some(url) = str_of(&a, "url") {
            assert!(url.starts_with("https://"), "{}: url {url}", id(&a));
        }
    }
    assert_eq!(
        by_status.len(),
        3,
        "all three statuses occur: {by_status:?}"
    );
}

#[test]
fn sdgs_only_where_a_seed_names_the_goal() {
    let with_sdgs: BTreeMap<String, Vec<String>> = activities()
        .iter()
        .filter(|a| a.get("sdgs").is_some())
        .map(|a| (id(a).to_string(), strings(a, "sdgs")))
        .collect();
    let expected: BTreeMap<String, Vec<String>> = [
        // E/CN.15/2022/CRP.3, para. 9: "in line with Sustainable Development Goal 16".
        ("can-restorative-justice", vec!["16"]),
        // Para. 43 (ii): "Goal 16 and its targets 3, 5 and 6".
        ("tur-proposal-2", vec!["16", "16.3", "16.5", "16.6"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(with_sdgs, expected);
}

#[test]
fn expert_discussions_on_crimes_that_affect_the_environment() {
    let found: Vec<Value> = activities()
        .into_iter()
        .filter(|a| paragraphs(a) == [87] && str_of(a, "start") == Some("2022-02-14"))
        .collect();
    assert_eq!(found.len(), 1, "one activity citing 87 dated 2022-02-14");
    let a = &found[0];
    assert_eq!(str_of(a, "end"), Some("2022-02-16"));
    assert_eq!(str_of(a, "status"), Some("completed"));
    assert!(
        str_of(a, "source").unwrap_or("").contains("para. 13")
            || str_of(a, "source").unwrap_or("").contains("paras. 13")
    );
}

/// Each thematic session: id, date, status, and the theme headings its topics
/// name in the workplan (none for 2024: the workplan states no topics, so the
/// whole of pillar IV is cited).
const SESSIONS: &[(&str, &str, &str, &[&str])] = &[
    (
        "ctd-2021-1",
        "2021-11-10",
        "completed",
        &[
            "Addressing the causes, including the root causes, of crime",
            "Evidence-based crime prevention",
            "Tailor-made crime prevention strategies",
        ],
    ),
    ("ctd-2021-2", "2021-11-11", "completed", &["Addressing the economic dimension of crime"]),
    (
        "ctd-2021-3",
        "2021-11-12",
        "completed",
        &[
            "Mainstreaming a gender perspective into crime prevention",
            "Children and youth in crime prevention",
            "Youth empowerment for crime prevention",
        ],
    ),
    (
        "ctd-2022-1",
        "2022-12-05",
        "completed",
        &[
            "Safeguarding victims' rights and protecting witnesses and reporting persons",
            "Improving criminal investigation processes",
        ],
    ),
    (
        "ctd-2022-2",
        "2022-12-06",
        "completed",
        &[
            "Improving prison conditions",
            "Reducing reoffending through rehabilitation and reintegration",
        ],
    ),
    (
        "ctd-2022-3",
        "2022-12-07",
        "completed",
        &[
            "Mainstreaming a gender perspective into criminal justice systems",
            "Addressing the vulnerabilities of children and youth in contact with the criminal justice system",
        ],
    ),
    (
        "ctd-2023-1",
        "2023-09-21",
        "completed",
        &[
            "Access to justice and equal treatment before the law",
            "Access to legal aid",
            "National sentencing policies",
        ],
    ),
    (
        "ctd-2023-2",
        "2023-09-22",
        "completed",
        &[
            "Effective, accountable, impartial and inclusive institutions",
            "Effective anti-corruption efforts",
            "Social, educational and other measures",
        ],
    ),
    ("ctd-2024-1", "2024-12-02", "completed", &[]),
    ("ctd-2024-2", "2024-12-03", "completed", &[]),
    ("ctd-2024-3", "2024-12-04", "completed", &[]),
];

#[test]
fn one_activity_per_thematic_session_citing_the_paragraphs_of_its_topics() {
    let declaration = Declaration::get();
    let theme_paragraphs = |heading: &str| -> Vec<u64> {
        declaration
            .pillars
            .iter()
            .flat_map(|p| p.themes.iter())
            .find(|t| t.heading == heading)
            .unwrap_or_else(|| panic!("no theme {heading:?} in the Declaration"))
            .paragraphs
            .iter()
            .map(|&n| u64::from(n))
            .collect()
    };
    for (session, date, status, themes) in SESSIONS {
        let a = by_id(session);
        assert_eq!(str_of(&a, "start"), Some(*date), "{session} start");
        assert_eq!(str_of(&a, "end"), Some(*date), "{session} end");
        assert_eq!(str_of(&a, "status"), Some(*status), "{session} status");
        // One rule for every session: the workplan's sessions dated before
        // the sample's date are held (the seeds report the proceedings of
        // none after 2021's, so no session can be told apart by them).
        let updated = str_of(&sample(), "updated").map(str::to_string);
        assert_eq!(
            *status == "completed",
            Some(date.to_string()) < updated,
            "{session}: completed exactly when dated before the sample"
        );
        assert_eq!(
            str_of(&a, "track"),
            Some("intergovernmental"),
            "{session} track"
        );
        let expected: Vec<u64> = if themes.is_empty() {
            (60..=95).collect()
        } else {
            themes
                .iter()
                .flat_map(|t| theme_paragraphs(t))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        assert_eq!(paragraphs(&a), expected, "{session} paragraphs");
        if themes.is_empty() {
            assert!(
                str_of(&a, "description")
                    .unwrap_or("")
                    .contains("not stated"),
                "{session} says its topics are not stated"
            );
        }
    }
    let count = activities()
        .iter()
        .filter(|a| id(a).starts_with("ctd-"))
        .count();
    assert_eq!(count, SESSIONS.len(), "no other thematic-session activity");
}

#[test]
fn canada_proposals_on_cited_paragraphs() {
    let canada: Vec<Vec<u64>> = activities()
        .iter()
        .filter(|a| strings(a, "countries") == ["Canada"])
        .map(paragraphs)
        .collect();
    assert!(canada.contains(&vec![27, 28, 43, 44]), "{canada:?}");
    assert!(canada.contains(&vec![93, 94, 95]), "{canada:?}");
    let gender = by_id("can-proposal-1");
    assert_eq!(paragraphs(&gender), [27, 28, 43, 44]);
    assert_eq!(str_of(&gender, "status"), Some("planned"));
    assert_eq!(
        str_of(&gender, "source"),
        Some("E/CN.15/2022/CRP.3, para. 6")
    );
}

#[test]
fn czechia_proposals_on_cited_paragraphs() {
    let czechia: Vec<Vec<u64>> = activities()
        .iter()
        .filter(|a| strings(a, "countries") == ["Czechia"])
        .map(paragraphs)
        .collect();
    for cited in [vec![95], vec![65, 80, 94], vec![2, 63, 93]] {
        assert!(
            czechia.contains(&cited),
            "Czechia on {cited:?}: {czechia:?}"
        );
    }
}

#[test]
fn japan_initiatives() {
    let crim_ap = by_id("jpn-crim-ap");
    assert!(str_of(&crim_ap, "title")
        .unwrap_or("")
        .contains("Criminal Justice Forum for Asia and the Pacific (Crim-AP)"));
    assert_eq!(paragraphs(&crim_ap), [63]);
    assert_eq!(str_of(&crim_ap, "start"), Some("2022-02"));
    assert_eq!(str_of(&crim_ap, "status"), Some("ongoing"));
    let youth = by_id("jpn-global-youth-forum");
    assert!(str_of(&youth, "title")
        .unwrap_or("")
        .contains("Global Youth Forum"));
    assert_eq!(paragraphs(&youth), [30]);
    assert_eq!(str_of(&youth, "start"), Some("2021-10"));
    for a in [&crim_ap, &youth] {
        assert_eq!(strings(a, "countries"), ["Japan"]);
        assert_eq!(strings(a, "partners"), ["UNODC"]);
    }
}

#[test]
fn unodc_follow_up_cites_paragraph_ninety_six() {
    for (ident, status) in [
        ("unodc-task-team", "ongoing"),
        ("unodc-implementation-matrix", "completed"),
        ("unodc-elearning", "completed"),
        ("unodc-briefing-member-states-2022", "completed"),
        ("unodc-briefing-institutes-2022", "planned"),
    ] {
        let a = by_id(ident);
        assert_eq!(paragraphs(&a), [96], "{ident}");
        assert_eq!(str_of(&a, "status"), Some(status), "{ident}");
        assert!(
            str_of(&a, "source").unwrap_or("").starts_with(A77),
            "{ident}"
        );
    }
    assert_eq!(
        str_of(&by_id("unodc-elearning"), "url"),
        Some("https://golearn.unodc.org/lms/login/index.php")
    );
    assert_eq!(
        str_of(&by_id("unodc-briefing-member-states-2022"), "start"),
        Some("2022-06")
    );
}

#[test]
fn commission_special_events() {
    let special = by_id("ccpcj-special-event-2022");
    assert_eq!(str_of(&special, "start"), Some("2022-05-16"));
    assert_eq!(str_of(&special, "status"), Some("completed"));
    assert_eq!(strings(&special, "partners"), ["Government of Japan"]);
    let hlpf = by_id("ccpcj-hlpf-side-event-2022");
    assert_eq!(str_of(&hlpf, "start"), Some("2022-07"));
    assert_eq!(strings(&hlpf, "partners"), ["Commission on Narcotic Drugs"]);
}

#[test]
fn an_item_citing_only_paragraph_ninety_six_says_why() {
    for a in activities().iter().filter(|a| paragraphs(a) == [96]) {
        let description = str_of(a, "description").unwrap_or("");
        assert!(
            description.contains("paragraph 96"),
            "{}: the description does not explain the citation of paragraph 96",
            id(a)
        );
    }
}

#[test]
fn the_www_copies_carry_the_same_data() {
    assert_eq!(
        WWW_JSON, SAMPLE,
        "www/examples/sample-activities.json is a copy"
    );

    let bom = "\u{feff}".as_bytes();
    assert!(
        WWW_CSV.starts_with(bom),
        "the CSV starts with a UTF-8 byte-order mark"
    );
    let body = &WWW_CSV[bom.len()..];
    let text = std::str::from_utf8(body).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF (no cell holds a line break)"
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "title",
            "paragraphs",
            "status",
            "description",
            "progress",
            "start",
            "end",
            "track",
            "lead",
            "partners",
            "countries",
            "sdgs",
            "url",
            "source",
            "updated"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    let items = activities();
    assert_eq!(rows.len(), items.len());
    for (row, a) in rows.iter().zip(&items) {
        let get = |column: &str| {
            let i = header.iter().position(|h| h == column).expect("a column");
            row.get(i).unwrap_or("").to_string()
        };
        assert_eq!(get("id"), id(a));
        for field in [
            "title",
            "status",
            "description",
            "start",
            "end",
            "track",
            "lead",
            "url",
            "source",
        ] {
            assert_eq!(
                get(field),
                str_of(a, field).unwrap_or(""),
                "{} {field}",
                id(a)
            );
        }
        let joined: Vec<String> = paragraphs(a).iter().map(u64::to_string).collect();
        assert_eq!(get("paragraphs"), joined.join("; "), "{} paragraphs", id(a));
        for field in ["partners", "countries", "sdgs"] {
            assert_eq!(
                get(field),
                strings(a, field).join("; "),
                "{} {field}",
                id(a)
            );
        }
    }
}
