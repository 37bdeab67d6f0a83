//! The good files: every accepted form of paragraph reference, date and
//! status; JSON and CSV; encodings and delimiters as spreadsheets write them;
//! round trips through the writers; limits; and hostile input that must give
//! an error value, never a panic, and an honest report: no more activities
//! loaded than rows read, every row not loaded named by an error, every
//! problem naming its rule and its place.

use kyoto_widgets::core::import::{
    import_bytes, import_with, write_csv, write_json, CsvOptions, ImportLimits, InputFormat,
    Problem, RowUnit, TextEncoding,
};
use kyoto_widgets::core::model::{Activity, PartialDate, Status, Track};
use kyoto_widgets::core::synth::synthetic_export;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn activities(name: &str) -> Vec<Activity> {
    let report = import_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(report.problems.is_empty(), "{name}: {:?}", report.problems);
    report.dataset.activities
}

fn date(text: &str) -> Option<PartialDate> {
    kyoto_widgets::core::import::parse_date(text).ok()
}

#[test]
fn every_paragraph_form() {
    let got: Vec<Vec<u8>> = activities("paragraph-forms.csv")
        .into_iter()
        .map(|a| a.paragraphs)
        .collect();
    let expected: Vec<Vec<u8>> = vec![
        vec![21],
        vec![21, 22],
        vec![21, 22],
        vec![27, 28, 43, 44],
        vec![93, 94, 95],
        vec![93, 94, 95],
        (35..=42).collect(),
        vec![87],
        vec![93, 94, 95],
        vec![2, 63, 93],
    ];
    assert_eq!(got, expected);
}

#[test]
fn every_date_form() {
    let got: Vec<String> = activities("date-forms.csv")
        .into_iter()
        .map(|a| a.start.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(
        got,
        ["2022-12-05", "2022-12", "2022", "2022-12-05", "2022-12"]
    );
}

#[test]
fn every_status_synonym_in_any_case() {
    use Status::*;
    let got: Vec<Status> = activities("status-synonyms.csv")
        .into_iter()
        .map(|a| a.status)
        .collect();
    assert_eq!(
        got,
        [
            Completed, Completed, Completed, Completed, Ongoing, Ongoing, Ongoing, Ongoing,
            Planned, Planned, Planned, Planned
        ]
    );
}

#[test]
fn the_good_csv_in_full() {
    let all = activities("good.csv");
    let ky1 = all.first().unwrap();
    assert_eq!(ky1.id, "KY-1");
    assert_eq!(ky1.paragraphs, [21, 22]);
    assert_eq!(ky1.status, Status::Completed);
    assert_eq!(ky1.description.as_deref(), Some("Two-day workshop."));
    assert_eq!(ky1.progress, Some(100));
    assert_eq!(ky1.start, date("2022-03-01"));
    assert_eq!(ky1.end, date("2022-03-02"));
    assert_eq!(ky1.track, Some(Track::Programmatic));
    assert_eq!(ky1.lead.as_deref(), Some("UNODC"));
    assert_eq!(ky1.partners, ["UNDP", "UNICRI"]);
    assert_eq!(ky1.countries, ["Japan", "Kenya"]);
    assert_eq!(ky1.sdgs.first().map(ToString::to_string).unwrap(), "16.3");
    assert_eq!(ky1.url.as_deref(), Some("https://example.org/1"));
    assert_eq!(ky1.source.as_deref(), Some("E/CN.15/2022/CRP.1"));
    assert_eq!(ky1.updated, date("2022-04"));
    let ky4 = all.get(3).unwrap();
    assert_eq!(ky4.countries, ["Korea, Republic of", "Japan"]);
    assert_eq!(ky4.start, date("2022-12-05"));
    let ky3 = all.get(2).unwrap();
    let goals: Vec<String> = ky3.sdgs.iter().map(ToString::to_string).collect();
    assert_eq!(goals, ["5.2", "16.3"]);
}

#[test]
fn the_good_json_in_full() {
    let outcome = import_with(&fixture("good.json"), &ImportLimits::default()).unwrap();
    assert_eq!(outcome.format, InputFormat::Json);
    let r = &outcome.report;
    assert_eq!(
        r.problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["warning: field 'notes' is not part of the format: kept aside, not loaded"]
    );
    assert_eq!(
        r.dataset.title.as_deref(),
        Some("Kyoto Declaration follow-up: test export")
    );
    assert_eq!(r.dataset.updated, date("2022-12-05"));
    let a = &r.dataset.activities;
    assert_eq!(a.len(), 4);
    let j2 = a.get(1).unwrap();
    assert_eq!(
        (j2.paragraphs.as_slice(), j2.status, j2.progress),
        (&[35u8, 36][..], Status::Ongoing, Some(40))
    );
    assert_eq!(j2.start, date("2022-12"));
    let j3 = a.get(2).unwrap();
    assert_eq!(j3.id, "3");
    assert_eq!(j3.paragraphs, [2, 49, 97]);
    assert_eq!(j3.start, date("2024"));
    let goals: Vec<String> = j3.sdgs.iter().map(ToString::to_string).collect();
    assert_eq!(goals, ["5.2", "10.3", "16"]);
    assert_eq!(j3.countries, ["Korea, Republic of", "Japan"]);
    let j4 = a.get(3).unwrap();
    assert_eq!(j4.paragraphs, [93, 94, 95]);
    assert_eq!(j4.progress, Some(25));
    assert_eq!(j4.description, None);
    assert_eq!(outcome.extra.names, ["notes"]);
    assert_eq!(
        outcome.extra.values,
        vec![vec![], vec![], vec![], vec![(0, "kept aside".to_string())]]
    );
}

#[test]
fn a_bare_json_list_of_activities() {
    let a = activities("bare-array.json");
    assert_eq!(a.first().unwrap().status, Status::Completed);
}

#[test]
fn keys_match_like_headers_in_json() {
    let report = import_bytes(&fixture("json-top-level-warnings.json")).unwrap();
    assert_eq!(
        report.dataset.activities.first().unwrap().start,
        date("2022")
    );
}

#[test]
fn title_rows_above_the_header() {
    let report = import_bytes(&fixture("title-row.csv")).unwrap();
    assert_eq!(
        report.dataset.title.as_deref(),
        Some("Kyoto Declaration implementation matrix")
    );
    assert_eq!(
        report.summary_line(),
        "1 row read, 1 loaded, 0 errors, 0 warnings"
    );
}

#[test]
fn excel_sep_line() {
    let outcome = import_with(&fixture("sep-line.csv"), &ImportLimits::default()).unwrap();
    assert_eq!(outcome.delimiter, Some(';'));
    let a = outcome.report.dataset.activities;
    assert_eq!(a.first().unwrap().paragraphs, [21, 22]);
}

#[test]
fn excel_unicode_text_is_tab_delimited_utf16le() {
    let outcome = import_with(&fixture("unicode-text.txt"), &ImportLimits::default()).unwrap();
    assert_eq!(outcome.encoding, TextEncoding::Utf16Le);
    assert_eq!(outcome.delimiter, Some('\t'));
    assert!(outcome.report.problems.is_empty());
    let a = &outcome.report.dataset.activities;
    assert_eq!(
        a.first().unwrap().title,
        "Formation sur la prévention du crime"
    );
    assert_eq!(a.first().unwrap().countries, ["Côte d'Ivoire"]);
    assert_eq!(a.get(1).unwrap().countries, ["Perú", "México"]);
}

#[test]
fn utf16_big_endian() {
    let outcome = import_with(&fixture("utf16be.csv"), &ImportLimits::default()).unwrap();
    assert_eq!(outcome.encoding, TextEncoding::Utf16Be);
    assert_eq!(outcome.delimiter, Some(','));
    assert_eq!(outcome.report.loaded(), 2);
}

#[test]
fn the_messy_export_reads_as_excel_saved_it() {
    let outcome = import_with(&fixture("messy-export.csv"), &ImportLimits::default()).unwrap();
    assert_eq!(outcome.format, InputFormat::Csv);
    assert_eq!(outcome.encoding, TextEncoding::Utf8Bom);
    assert_eq!(outcome.delimiter, Some(';'));
    let a = &outcome.report.dataset.activities;
    let ids: Vec<&str> = a.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["K-01", "K-02", "K-03", "K-04", "K-05", "K-06", "K-08"]
    );
    let k01 = a.first().unwrap();
    assert_eq!(k01.paragraphs, [21, 22, 23]);
    assert_eq!(k01.start, date("2021-11-10"));
    assert_eq!(k01.partners, ["UNODC", "UNICRI"]);
    // The quoted cell keeps its line break; the en dash makes a range.
    let k02 = a.get(1).unwrap();
    assert_eq!(
        k02.title,
        "Guidance on prison management\r\n(second edition)"
    );
    assert_eq!(k02.paragraphs, [35, 36]);
    // A formula is text, never evaluated.
    let k03 = a.get(2).unwrap();
    assert_eq!(
        k03.title,
        "=HYPERLINK(\"https://example.org/cyber\",\"Cybercrime training\")"
    );
    assert_eq!(k03.paragraphs, [87, 93, 94, 95]);
    assert_eq!(k03.progress, Some(25));
    // The unknown column is kept aside, aligned with the loaded rows.
    assert_eq!(outcome.extra.names, ["Focal point"]);
    let focal: Vec<Option<&str>> = (0..outcome.extra.values.len())
        .map(|i| outcome.extra.value(i, 0))
        .collect();
    assert_eq!(
        focal,
        [
            Some("M. Tanaka"),
            None,
            Some("A. Rossi"),
            None,
            None,
            None,
            None
        ]
    );
}

#[test]
fn formulas_are_escaped_when_written_and_unescaped_when_read() {
    let outcome = import_with(&fixture("messy-export.csv"), &ImportLimits::default()).unwrap();
    let csv = write_csv(
        &outcome.report.dataset,
        Some(&outcome.extra),
        &CsvOptions::default(),
    );
    assert!(csv.contains(
        "K-03,\"'=HYPERLINK(\"\"https://example.org/cyber\"\",\"\"Cybercrime training\"\")\""
    ));
    assert!(csv.lines().next().unwrap().ends_with(",Focal point"));
    let again = import_with(csv.as_bytes(), &ImportLimits::default()).unwrap();
    assert_eq!(
        again.report.dataset.activities,
        outcome.report.dataset.activities
    );
    assert_eq!(again.extra, outcome.extra);
    // Every trigger character.
    for cell in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
        let escaped = kyoto_widgets::core::import::escape_formula(cell);
        assert_eq!(escaped, format!("'{cell}"));
    }
}

#[test]
fn synthetic_data_round_trips_through_csv_and_json() {
    let data = synthetic_export(500, 3);
    for options in [
        CsvOptions::default(),
        CsvOptions::excel(),
        CsvOptions {
            delimiter: ';',
            ..CsvOptions::excel()
        },
        CsvOptions {
            delimiter: '\t',
            ..CsvOptions::default()
        },
    ] {
        let csv = write_csv(&data, None, &options);
        let report = import_bytes(csv.as_bytes()).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems.first());
        assert_same(&report.dataset.activities, &data.activities);
    }
    let json = write_json(&data, None);
    let report = import_bytes(json.as_bytes()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems.first());
    assert_same(&report.dataset.activities, &data.activities);
    assert_eq!(report.dataset.title, data.title);
    assert_eq!(report.dataset.updated, data.updated);
}

/// Names the first activity that differs, rather than printing all of them.
fn assert_same(got: &[Activity], expected: &[Activity]) {
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(expected) {
        assert_eq!(g, e);
    }
}

#[test]
fn limits_are_refused_with_the_limit_named() {
    let csv = write_csv(&synthetic_export(20, 1), None, &CsvOptions::default());
    let rows = ImportLimits {
        max_rows: 10,
        ..ImportLimits::default()
    };
    let err = import_with(csv.as_bytes(), &rows).unwrap_err();
    assert_eq!(
        err.message,
        "the file has more than 10 data rows; the limit is 10 rows"
    );
    let json = write_json(&synthetic_export(20, 1), None);
    let err = import_with(json.as_bytes(), &rows).unwrap_err();
    assert_eq!(
        err.message,
        "the JSON has 20 activities; the limit is 10 activities"
    );
    let bytes = ImportLimits {
        max_bytes: 1000,
        ..ImportLimits::default()
    };
    let err = import_with(csv.as_bytes(), &bytes).unwrap_err();
    assert_eq!(
        err.message,
        format!("the input is {} bytes; the limit is 1000 bytes", csv.len())
    );
    let default = ImportLimits::default();
    assert_eq!((default.max_bytes, default.max_rows), (50_000_000, 500_000));
    let big = vec![b' '; 50_000_001];
    assert_eq!(
        import_bytes(&big).unwrap_err().message,
        "the input is 50000001 bytes; the limit is 50000000 bytes (50 MB)"
    );
}

#[test]
fn empty_input_is_an_error() {
    assert_eq!(import_bytes(b"").unwrap_err().message, "the input is empty");
    assert_eq!(
        import_bytes(b" \r\n\xEF\xBB\xBF").unwrap_err().message,
        "the input is empty"
    );
}

/// SplitMix64, so the hostile inputs are the same on every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Imports `bytes` (it must not panic) and checks what came back: no more
/// activities loaded than rows read, every row not loaded reported by an
/// error naming it, and every problem naming its rule and its place (a row or
/// activity inside the input, or the whole file).
fn check_import(bytes: &[u8]) {
    // Spreadsheet rows: a record starts on some line of the input.
    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    match import_bytes(bytes) {
        Ok(report) => {
            let what = format!("{:?}", String::from_utf8_lossy(bytes));
            assert!(
                report.loaded() <= report.rows_read,
                "{} loaded of {} rows read: {what}",
                report.loaded(),
                report.rows_read
            );
            for p in &report.problems {
                check_problem(p, report.rows_read, lines, &what);
            }
            let skipped: std::collections::BTreeSet<usize> = report
                .problems
                .iter()
                .filter(|p| p.is_error())
                .filter_map(|p| p.row)
                .collect();
            let file_error = report
                .problems
                .iter()
                .any(|p| p.is_error() && p.row.is_none());
            assert!(
                file_error || skipped.len() >= report.rows_read - report.loaded(),
                "{} rows read, {} loaded, errors name {} rows: {what}",
                report.rows_read,
                report.loaded(),
                skipped.len()
            );
        }
        Err(e) => {
            let what = format!("{:?}", String::from_utf8_lossy(bytes));
            assert!(
                !e.message.trim().is_empty(),
                "an error without a message: {what}"
            );
            for p in &e.problems {
                check_problem(p, usize::MAX, lines, &what);
            }
        }
    }
}

/// A problem names its rule, and its place: a row of the input (a CSV row
/// within its lines, a JSON activity within those read), with the column or
/// field when there is one, or else the whole file (no column then either).
fn check_problem(p: &Problem, rows_read: usize, lines: usize, what: &str) {
    assert!(
        !p.rule.trim().is_empty(),
        "a problem without its rule: {p:?} in {what}"
    );
    let shown = p.to_string();
    assert!(shown.ends_with(&p.rule), "{shown:?} does not say its rule");
    match p.row {
        Some(row) => {
            let limit = match p.unit {
                RowUnit::Row => lines,
                RowUnit::Activity => rows_read,
            };
            assert!(
                (1..=limit).contains(&row),
                "row {row} outside 1..={limit}: {p:?} in {what}"
            );
            let unit = match p.unit {
                RowUnit::Row => "row",
                RowUnit::Activity => "activity",
            };
            assert!(
                shown.contains(&format!("{unit} {row}")),
                "{shown:?} does not name its place"
            );
            if let Some((first, last)) = p.lines {
                assert!(1 <= first && first <= last, "lines {first}–{last}: {p:?}");
            }
        }
        None => assert!(
            p.column.is_none() && p.lines.is_none(),
            "a column without a row: {p:?} in {what}"
        ),
    }
}

/// Prefixes and mutations of the fixtures, and random bytes: each import
/// returns, and what it returns holds together ([`check_import`]).
#[test]
fn hostile_input_never_panics() {
    let mut seeds: Vec<Vec<u8>> = [
        "good.csv",
        "good.json",
        "messy-export.csv",
        "unicode-text.txt",
        "bad-json-types.json",
        "paragraph-forms.csv",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect();
    seeds.push(b"id,title,paragraphs,status\n\"".to_vec());
    seeds.push(b"\xFF\xFE\x00".to_vec());
    seeds.push(b"{\"activities\":[{\"id\":\"a\",\"paragraphs\":[[[[[[[1]]]]]]]}]}".to_vec());
    seeds.push(
        format!(
            "{{\"activities\": {}{}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .into_bytes(),
    );
    let mut state = 42u64;
    let alphabet = b"0123456789,;-\"\r\n\t =+@paras.to and\xC3\xA9\xFF{}[]:";
    for seed in &seeds {
        // Every prefix of the small seeds, and random mutations of all.
        if seed.len() < 2000 {
            for end in 0..seed.len() {
                check_import(seed.get(..end).unwrap());
            }
        }
        for _ in 0..150 {
            let mut bytes = seed.clone();
            for _ in 0..1 + next(&mut state) % 8 {
                if bytes.is_empty() {
                    break;
                }
                let at = (next(&mut state) % bytes.len() as u64) as usize;
                let b = alphabet[(next(&mut state) % alphabet.len() as u64) as usize];
                match next(&mut state) % 3 {
                    0 => bytes[at] = b,
                    1 => bytes.insert(at, b),
                    _ => {
                        bytes.remove(at);
                    }
                }
            }
            check_import(&bytes);
        }
    }
    // Random bytes.
    for _ in 0..500 {
        let len = (next(&mut state) % 300) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| next(&mut state) as u8).collect();
        check_import(&bytes);
    }
}

#[test]
fn the_json_schema_names_the_same_fields() {
    use kyoto_widgets::core::import::Field;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/activities.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let activity = &schema["$defs"]["activity"];
    let mut named: Vec<&str> = activity["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut fields: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    named.sort_unstable();
    fields.sort_unstable();
    assert_eq!(named, fields);
    let required: Vec<&str> = activity["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let expected: Vec<&str> = Field::ALL
        .iter()
        .filter(|f| f.required())
        .map(|f| f.name())
        .collect();
    assert_eq!(required, expected);
    // Every status word the schema lists is one the reader accepts.
    for word in activity["properties"]["status"]["enum"].as_array().unwrap() {
        assert!(Status::parse(word.as_str().unwrap()).is_some(), "{word}");
    }
}

#[test]
fn awkward_values_round_trip_through_csv_and_json() {
    let mut a = activities("good.csv");
    let first = a.first_mut().unwrap();
    first.title = "'=1 target per region".into();
    first.partners = vec!["UNODC Regional Office; Bangkok".into(), "UNICRI".into()];
    first.countries = vec!["Bolivia; Plurinational State of".into()];
    let second = a.get_mut(1).unwrap();
    second.partners = vec!["Korea, Republic of".into()];
    second.description = Some("@mention -1 +1".into());
    let data = kyoto_widgets::core::model::Dataset {
        version: 1,
        activities: a,
        ..Default::default()
    };
    for options in [
        CsvOptions::default(),
        CsvOptions {
            delimiter: ';',
            ..CsvOptions::excel()
        },
    ] {
        let csv = write_csv(&data, None, &options);
        let back = import_bytes(csv.as_bytes()).unwrap();
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_same(&back.dataset.activities, &data.activities);
    }
    let back = import_bytes(write_json(&data, None).as_bytes()).unwrap();
    assert_same(&back.dataset.activities, &data.activities);
}

#[test]
fn a_field_kept_aside_under_a_known_name_stays_aside() {
    let json = br#"{"activities": [{"id": "S-1", "title": "Merged", "paragraphs": [5], "status": "planned", "Start": "soon", "start date": "2022-12-05", "start": "2021"}]}"#;
    let outcome = import_with(json, &ImportLimits::default()).unwrap();
    // The canonical key wins over aliases; the aliases are kept aside.
    let a = outcome.report.dataset.activities.first().unwrap();
    assert_eq!(a.start, date("2021"));
    assert_eq!(outcome.extra.names, ["Start", "start date"]);
    let written = write_json(&outcome.report.dataset, Some(&outcome.extra));
    assert!(
        written.contains("\"start date (kept aside)\":\"2022-12-05\""),
        "{written}"
    );
    let again = import_bytes(written.as_bytes()).unwrap();
    assert_eq!(again.dataset.activities, outcome.report.dataset.activities);
}

/// Every activity with an unknown key of its own: all loaded, every value
/// kept aside with its activity, one short warning (memory and time grow
/// with the file, not with activities × keys: 20,000 × 20,000 slots ran
/// out of memory).
#[test]
fn json_with_a_key_of_its_own_per_activity() {
    let n = 20_000;
    let activities: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"s{i}","title":"T","paragraphs":21,"status":"done","note{i}":"v{i}"}}"#
            )
        })
        .collect();
    let json = format!(r#"{{"activities":[{}]}}"#, activities.join(","));
    let outcome =
        kyoto_widgets::core::import::import_with(json.as_bytes(), &Default::default()).unwrap();
    assert_eq!(outcome.report.dataset.activities.len(), n);
    assert_eq!(outcome.extra.names.len(), n);
    assert_eq!(outcome.extra.value(12_345, 12_345), Some("v12345"));
    assert_eq!(outcome.extra.value(12_345, 12_346), None);
    let warning = &outcome.report.problems[0].rule;
    assert!(
        warning.ends_with(
            "'note9', and 19990 more are not part of the format: kept aside, not loaded"
        ),
        "{warning}"
    );
}
