//! The `kyoto` command-line tool, run as a built binary.

use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn kyoto(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kyoto"))
        .args(args)
        .output()
        .expect("the kyoto binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kyoto-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn validate_a_valid_file_exits_0() {
    let o = kyoto(&["validate", &fixture("good.csv")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "4 rows read, 4 loaded, 0 errors, 0 warnings\n");
}

#[test]
fn validate_lists_each_problem_then_the_summary_and_exits_1() {
    let o = kyoto(&["validate", &fixture("messy-export.csv")]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        lines.first().unwrap(),
        &"warning: row 1: column 'Focal point' is not part of the format: kept aside, not loaded"
    );
    assert!(lines
        .get(1)
        .unwrap()
        .starts_with("error: row 8, column 'Status', value 'wip': status must be"));
    assert!(lines
        .get(2)
        .unwrap()
        .starts_with("warning: row 11, column 'Start date', value 'Q3 2024': not a date"));
    assert_eq!(
        lines.last().unwrap(),
        &"8 rows read, 7 loaded, 1 error, 2 warnings"
    );
}

#[test]
fn validate_warnings_only_exits_0() {
    let o = kyoto(&["validate", &fixture("bad-date.csv")]);
    assert_eq!(code(&o), 0);
}

#[test]
fn validate_with_no_valid_row_exits_1_with_the_problems() {
    let o = kyoto(&["validate", &fixture("bad-no-valid-row.csv")]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).ends_with("2 rows read, 0 loaded, 2 errors, 0 warnings\n"));
    assert!(stderr(&o).contains("no valid row"));
}

#[test]
fn validate_an_unreadable_file_exits_2() {
    let o = kyoto(&["validate", &fixture("bad-json-syntax.json")]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.ends_with("JSON syntax error at line 5, column 5: expected `,` or `]`\n"));

    let o = kyoto(&["validate", &fixture("no-such-file.csv")]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("kyoto: cannot read '"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);

    let o = kyoto(&["validate", &fixture("bad-missing-column.csv")]);
    assert_eq!(code(&o), 2);
}

#[test]
fn summary_of_the_embedded_sample() {
    let o = kyoto(&["summary"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Pillar"), "{out}");
    assert!(out.contains("Paragraphs with no activity"));
    let o = kyoto(&["summary", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["pillars"].as_array().unwrap().len(), 4);
    assert_eq!(json["paragraphs"].as_array().unwrap().len(), 97);
}

#[test]
fn summary_of_a_file_as_json_and_with_a_status_filter() {
    let file = fixture("messy-export.csv");
    let o = kyoto(&["summary", &file, "--format=json"]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("8 rows read, 7 loaded, 1 error, 2 warnings"));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["totals"]["activities"], 7);
    assert_eq!(json["totals"]["covered"], 19);
    assert_eq!(json["pillars"][2]["covered"], 7);

    let o = kyoto(&[
        "summary",
        &file,
        "--format",
        "json",
        "--status",
        "completed",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["totals"]["activities"], 2);
    assert_eq!(
        json["options"]["statuses"],
        serde_json::json!([true, false, false])
    );

    let o = kyoto(&["summary", &file]);
    let out = stdout(&o);
    assert!(
        out.contains("I   Advancing crime prevention (21–30)"),
        "{out}"
    );
    assert!(out.contains("4 of 10"), "{out}");
}

#[test]
fn convert_to_json_and_back_to_csv_with_formulas_escaped() {
    let json_path = temp("messy.json");
    let o = kyoto(&[
        "convert",
        &fixture("messy-export.csv"),
        "--to",
        "json",
        "--out",
        json_path.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["activities"].as_array().unwrap().len(), 7);
    assert_eq!(json["activities"][0]["Focal point"], "M. Tanaka");

    let o = kyoto(&["convert", json_path.to_str().unwrap(), "--to", "csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.starts_with(
        "id,title,paragraphs,status,description,progress,start,end,track,lead,partners,countries,sdgs,url,source,updated,Focal point\n"
    ));
    assert!(csv.contains("K-03,\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains(",\"87, 93-95\","), "{csv}");

    let o = kyoto(&[
        "convert",
        &fixture("good.csv"),
        "--to",
        "csv",
        "--delimiter",
        ";",
        "--excel",
    ]);
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBFid;title;"));
    assert!(stdout(&o).contains("\r\n"));

    let o = kyoto(&["convert", &fixture("good.csv"), "--to", "xml"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "kyoto: --to must be json or csv, not 'xml'\n");
}

#[test]
fn paragraphs_of_a_pillar_as_json() {
    let o = kyoto(&["paragraphs", "--pillar", "II", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 17);
    let first = rows.first().unwrap();
    assert_eq!(first["number"], 31);
    assert_eq!(first["part"], "actions");
    assert_eq!(first["pillar"], "II");
    assert!(first["theme"].as_str().unwrap().starts_with("Safeguarding"));
    assert!(!first["text"].as_str().unwrap().is_empty());
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 5);

    let o = kyoto(&["paragraphs"]);
    let out = stdout(&o);
    assert!(out.starts_with(" 1  declaratory\n"), "{out}");
    assert!(out.contains("\n21  actions, pillar I, Addressing the causes"));

    let o = kyoto(&["paragraphs", "--pillar", "V"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "kyoto: --pillar must be I, II, III or IV, not 'V'\n"
    );
}

#[test]
fn generate_is_deterministic_and_loads() {
    let a = kyoto(&["generate", "50", "--seed", "9"]);
    let b = kyoto(&["generate", "50", "--seed", "9"]);
    assert_eq!(code(&a), 0);
    assert_eq!(a.stdout, b.stdout);
    let path = temp("gen.json");
    let o = kyoto(&[
        "generate",
        "50",
        "--seed",
        "9",
        "--to",
        "json",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    let o = kyoto(&["validate", path.to_str().unwrap()]);
    assert_eq!(
        stdout(&o),
        "50 rows read, 50 loaded, 0 errors, 0 warnings\n"
    );
}

#[test]
fn generate_writes_the_progress_tables_of_the_benchmarks() {
    let dir = temp("progress-reporting");
    let o = kyoto(&["generate", "reporting", "--out", dir.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let responses = std::fs::read_to_string(dir.join("responses.csv")).unwrap();
    // A header and 96,500 State answers plus 9,650 of civil society.
    assert_eq!(responses.lines().count(), 1 + 106_150);
    assert!(responses.starts_with(
        "cycle,area,respondent_type,respondent,question,answer,submitted_on,status\n2022,"
    ));
    let o = kyoto(&["generate", "indicators", "--to", "csv"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "kyoto: progress tables as CSV are one file per table: give the folder with --out\n"
    );
}

#[test]
fn help_for_every_command() {
    let o = kyoto(&["help"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for command in [
        "validate",
        "summary",
        "convert",
        "paragraphs",
        "generate",
        "indicators",
    ] {
        assert!(out.contains(command), "{command}");
        let o = kyoto(&["help", command]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).starts_with(&format!("Usage: kyoto {command}")));
        let o = kyoto(&[command, "--help"]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).starts_with(&format!("Usage: kyoto {command}")));
    }
    assert_eq!(stdout(&kyoto(&["--help"])), out);
}

#[test]
fn unknown_commands_and_options_exit_2() {
    let o = kyoto(&["frobnicate"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.starts_with("kyoto: unknown command 'frobnicate'\n"));
    assert!(err.contains("Usage: kyoto <command>"));

    let o = kyoto(&[]);
    assert_eq!(code(&o), 2);

    let o = kyoto(&["validate", "--strict", "x.csv"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "kyoto: unknown option '--strict' (see 'kyoto help')\n"
    );

    let o = kyoto(&["validate"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "kyoto: validate needs a FILE (see 'kyoto help validate')\n"
    );
}

#[test]
fn compare_prints_what_moved_per_pillar() {
    let o = kyoto(&[
        "compare",
        "www/examples/sample-activities.json",
        "www/examples/sample-activities-edited.json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("51 activities in www/examples/sample-activities.json, 53 in www/examples/sample-activities-edited.json: 2 new, 0 removed, 7 changed status, 0 updated\n"),
        "{out}"
    );
    let total = out.lines().find(|l| l.starts_with("Total")).unwrap_or("");
    let cells: Vec<&str> = total.split_whitespace().collect();
    // New, removed, completed, now ongoing, back to planned, updated, newly covered.
    assert_eq!(&cells[1..7], &["2", "0", "3", "4", "0", "0"], "{total}");
    assert!(total.ends_with("18"), "paragraph 18 newly covered: {total}");
}

#[test]
fn compare_needs_two_files() {
    let o = kyoto(&["compare", "www/examples/sample-activities.json"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("compare needs two FILEs"),
        "{}",
        stderr(&o)
    );
}

fn progress(name: &str) -> String {
    fixture(&format!("progress/{name}"))
}

/// The fixture's tables as CSV files.
fn progress_csv() -> Vec<String> {
    [
        "indicators.csv",
        "indicator_data.csv",
        "questions.csv",
        "responses.csv",
        "reports.csv",
    ]
    .iter()
    .map(|n| progress(n))
    .collect()
}

#[test]
fn indicators_draws_the_overview_from_a_workbook_and_from_csv() {
    let out = temp("indicators.svg");
    let out_s = out.to_str().unwrap();
    let o = kyoto(&["indicators", &progress("kyoto-progress.xlsx"), "-o", out_s]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("23 errors, 8 warnings"),
        "the fixture's bad rows are counted: {err}"
    );
    assert!(err.ends_with(&format!(
        "kyoto: {out_s}: 12 indicators in 001, total: 3 on track, 5 moderate progress, 4 stagnation or regression, 0 not assessed\n"
    )));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert_eq!(svg.matches(">\nModerate progress\n</text>").count(), 5);

    let mut args: Vec<String> = vec!["indicators".into()];
    args.extend(progress_csv());
    args.extend(["--breakdown", "sex=female", "--out", out_s].map(String::from));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = kyoto(&refs);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains(
        "12 indicators in 001, sex=female: 1 on track, 1 moderate progress, 0 stagnation or regression, 10 not assessed"
    ));
}

#[test]
fn indicators_draws_one_pillar_with_pillar_as_the_widget_does() {
    let out = temp("indicators-II.svg");
    let out_s = out.to_str().unwrap();
    let book = progress("kyoto-progress.xlsx");
    let o = kyoto(&["indicators", &book, "--pillar", "II", "-o", out_s]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).ends_with(&format!(
        "kyoto: {out_s}: 3 indicators of pillar II in 001, total: 0 on track, 2 moderate progress, 1 stagnation or regression, 0 not assessed\n"
    )));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains(">\nPillar II · Advancing the criminal justice system\n</text>"));
    assert!(!svg.contains(">\nPillar I · "), "no other pillar's heading");
    assert!(!svg.contains(">\nI-1 · "), "no other pillar's row");
    // The numbers 1-4 as the widget's attribute takes them: the same drawing.
    let o = kyoto(&["indicators", &book, "--pillar", "2", "-o", out_s]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), svg);
}

#[test]
fn indicators_draws_a_drill_down_in_png_dark_and_french() {
    let png = temp("indicator-I-1.png");
    let o = kyoto(&[
        "indicators",
        &progress("kyoto-progress.ods"),
        "--indicator",
        "I-1",
        "--theme",
        "dark",
        "--lang",
        "fr",
        "--scale",
        "1",
        "-o",
        png.to_str().unwrap(),
    ]);
    if stderr(&o).contains("PNG needs a TrueType font") {
        // Without a system font the command says so (exit 2); the SVG path
        // is tested above.
        assert_eq!(code(&o), 2);
        return;
    }
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).ends_with(": I-1, 3 series, 11 observations\n"));
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
}

#[test]
fn indicators_says_what_is_wrong_with_its_arguments() {
    let book = progress("kyoto-progress.xlsx");
    let cases: [(&[&str], &str); 11] = [
        (&[], "kyoto: indicators needs FILES: a workbook, or CSV or JSON files (see 'kyoto help indicators')\n"),
        (&[&book], "kyoto: indicators needs -o FILE.svg or FILE.png\n"),
        (&[&book, "-o", "x.pdf"], "kyoto: --out must end in .svg or .png, not 'x.pdf'\n"),
        (&[&book, "-o", "x.svg", "--lang", "de"], "kyoto: --lang must be ar, en, es, fr, ru or zh, not 'de'\n"),
        (&[&book, "-o", "x.svg", "--theme", "sepia"], "kyoto: --theme must be light, dark or high-contrast, not 'sepia'\n"),
        (&[&book, "-o", "x.svg", "--breakdown", "female"], "kyoto: --breakdown: 'female' is not dimension=value (write sex=female, or age=15-24,sex=male)\n"),
        (&[&book, "-o", "x.svg", "--area", "RO"], "kyoto: --area 'RO': a two-letter code: write the three-letter ISO 3166-1 alpha-3 code"),
        (&[&book, "-o", "x.svg", "--area", "FRA"], "kyoto: --area FRA: no data for that area; the areas with data: 001, 150, BRA, DEU, ESP, GHA, IND, JPN, KEN, MEX, PER, ROU, SEN, UKR\n"),
        (&[&book, "-o", "x.svg", "--indicator", "I-9"], "kyoto: --indicator 'I-9' is not in the indicators table; its ids: I-1, I-2, I-3, II-1, II-2, II-3, III-1, III-2, III-3, IV-1, IV-2, IV-3\n"),
        (&[&book, "-o", "x.svg", "--pillar", "V"], "kyoto: --pillar must be I, II, III or IV, not 'V'\n"),
        (&[&book, "-o", "x.svg", "--pillar", "II", "--indicator", "I-1"], "kyoto: --indicator I-1 is of pillar I, not of --pillar II\n"),
    ];
    for (args, message) in cases {
        let mut all = vec!["indicators"];
        all.extend_from_slice(args);
        let o = kyoto(&all);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        let last = err.lines().last().unwrap_or_default();
        // The last line (after the count of the fixture's bad rows) is the
        // message; a long one is compared by its start.
        assert!(last.starts_with(message.trim_end()), "{args:?}: {err}");
    }
    let o = kyoto(&["indicators", &book, "--lang", "ar", "-o", "x.png"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "kyoto: PNG text has no Arabic shaping: write .svg for --lang ar (browsers shape it), or PNG in another language\n"
    );
    let o = kyoto(&["indicators", &book, "-o", "x.svg", "--breakdown", "sex=x"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).ends_with(
        "kyoto: --breakdown sex=x: no indicator has data for it in 001; the breakdowns there: age=15-19|20-24|60+, location=rural|urban, sex=female|male\n"
    ));
    let o = kyoto(&[
        "indicators",
        &book,
        &progress("indicators.csv"),
        "-o",
        "x.svg",
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "kyoto: '{book}' is a workbook: give it alone, or the tables as CSV or JSON files\n"
        )
    );
    let o = kyoto(&["indicators", &fixture("good.csv"), "-o", "x.svg"]);
    assert_eq!(code(&o), 2);
    // The file's problem, then why nothing could be drawn.
    assert!(
        stderr(&o).starts_with("error: file 'good.csv': cannot tell which table this is")
            && stderr(&o).ends_with("\nkyoto: cannot read the tables: no table found: name each sheet or file after its table (indicators, indicator_data, questions, responses, reports) and give it a header row\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn reporting_overview_draws_the_states_reporting_per_pillar_and_cycle() {
    let out = temp("reporting-overview.svg");
    let o = kyoto(&[
        "reporting",
        &progress("kyoto-progress.xlsx"),
        "--as-of",
        "2026-08-01",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 20, "{text}");
    assert!(lines.contains(&"pillar II 2026: 22 States answering, 25 reporting (18 on time, 7 late, 0 answers only); reports 19 on time, 7 late, 6 missing, 0 not yet due"), "{text}");
    assert!(lines.contains(&"pillar IV 2026: 22 States answering, 24 reporting (18 on time, 6 late, 0 answers only); reports 18 on time, 7 late, 6 missing, 1 not yet due"), "{text}");
    // The fixture's bad rows are summed up on stderr.
    assert!(
        stderr(&o).contains("23 errors, 8 warnings"),
        "{}",
        stderr(&o)
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"));
    assert_eq!(svg.matches(">\nPillar II · 2026\n</text>").count(), 1);
}

#[test]
fn reporting_map_of_one_pillar_from_csv_files() {
    let out = temp("reporting-map.svg");
    let o = kyoto(&[
        "reporting",
        &progress("questions.csv"),
        &progress("responses.csv"),
        &progress("reports.csv"),
        "--view",
        "map",
        "--pillar",
        "IV",
        "--cycle",
        "2026",
        "--as-of",
        "2026-08-01",
        "--theme",
        "dark",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "cycle 2026, areas by status: 16 on-time, 7 late, 1 not-yet-due, 6 missing, 3 answered-only, 161 no-data\noff the map: 001 not-yet-due\n"
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    // The dark theme's background, and one tile per place of the grid.
    assert!(svg.contains(r##"fill="#181B1F""##));
    assert_eq!(svg.matches(">\nFRA\n</text>").count(), 1);
}

#[test]
fn reporting_question_side_by_side() {
    let out = temp("reporting-question.svg");
    let o = kyoto(&[
        "reporting",
        &progress("kyoto-progress.xlsx"),
        "--view",
        "question",
        "--question",
        "Q-I-2",
        "--cycle",
        "2024",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Q-I-2 2024: 29 answers by States, 3 by other respondents\n\
         1 (Fully): States 9, other respondents 0\n\
         2 (Partly): States 14, other respondents 2\n\
         3 (Not at all): States 6, other respondents 1\n"
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains(">\n14 of 29 · 48%\n</text>"), "{svg}");
}

#[test]
fn reporting_errors_say_what_to_do() {
    let xlsx = progress("kyoto-progress.xlsx");
    let out = temp("reporting-error.svg");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 8] = [
        (&["reporting", &xlsx, "--lang", "ar", "-o", "x.png"], "kyoto: PNG text has no Arabic shaping: write .svg for --lang ar (browsers shape it), or PNG in another language\n"),
        (&["reporting", "-o", out], "kyoto: reporting needs the tables: a workbook (.xlsx, .ods) or CSV or JSON files (see 'kyoto help reporting')\n"),
        (&["reporting", &xlsx], "kyoto: reporting needs -o FILE.svg or FILE.png\n"),
        (&["reporting", &xlsx, "-o", "x.pdf"], "kyoto: -o must end in .svg or .png, not 'x.pdf'\n"),
        (&["reporting", &xlsx, "--view", "pie", "-o", out], "kyoto: --view must be overview, map or question, not 'pie'\n"),
        (&["reporting", &xlsx, "--lang", "de", "-o", out], "kyoto: --lang must be ar, en, es, fr, ru or zh, not 'de'\n"),
        (&["reporting", &xlsx, "--pillar", "V", "-o", out], "kyoto: --pillar must be I, II, III or IV, not 'V'\n"),
        (&["reporting", &xlsx, "--theme", "blue", "-o", out], "kyoto: --theme must be light, dark or high-contrast, not 'blue'\n"),
    ];
    for (args, message) in cases {
        let o = kyoto(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert_eq!(stderr(&o), message, "{args:?}");
    }
    let o = kyoto(&["reporting", &xlsx, "--cycle", "2030", "-o", out]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).ends_with(
            "kyoto: no cycle '2030' in the data; its cycles are 2022, 2023, 2024, 2025, 2026\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = kyoto(&[
        "reporting",
        &xlsx,
        "--view",
        "question",
        "--question",
        "Q-9",
        "-o",
        out,
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("kyoto: no question 'Q-9'; the questions are Q-I-1, "),
        "{}",
        stderr(&o)
    );
    let o = kyoto(&["reporting", &xlsx, "--as-of", "soon", "-o", out]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("kyoto: --as-of must be a date such as 2026-08-01, not 'soon': "),
        "{}",
        stderr(&o)
    );
    let o = kyoto(&["reporting", &fixture("good.csv"), "-o", out]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("kyoto: cannot read the tables: "),
        "{}",
        stderr(&o)
    );
    let o = kyoto(&["help", "reporting"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("Usage: kyoto reporting FILES... -o FILE.svg|FILE.png"));
}

/// The lines of the fixture's problems, as docs/progress-data-format.md
/// writes them, in a command's output.
fn assert_progress_problems(text: &str, place: &str, what: &str) {
    let errors = text.lines().filter(|l| l.starts_with("error: ")).count();
    let warnings = text.lines().filter(|l| l.starts_with("warning: ")).count();
    assert_eq!((errors, warnings), (23, 8), "{what}: {text}");
    // A sheet is named as it is; a file with its extension.
    let end = if place == "file '" { ".csv'" } else { "'" };
    for line in [
        format!("error: {place}indicator_data{end}, row 18, column 'area', value 'ROM': not an ISO 3166-1 alpha-3 code"),
        format!("error: {place}responses{end}, row 42, column 'answer', value 'maybe': question Q-I-1 is answered yes or no"),
        format!("warning: {place}reports{end}, row 84, column 'due_on', value 'Q1 2025': not a date: "),
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(&line)),
            "{what}: no line '{line}': {text}"
        );
    }
}

#[test]
fn digest_indicators_and_reporting_list_every_problem_of_the_tables() {
    let book = progress("kyoto-progress.xlsx");
    let out = temp("problems.json");
    let out = out.to_str().unwrap();
    let svg = temp("problems.svg");
    let svg = svg.to_str().unwrap();
    let runs: [&[&str]; 3] = [
        &["digest", &book, "-o", out],
        &["indicators", &book, "-o", svg],
        &["reporting", &book, "--as-of", "2026-08-01", "-o", svg],
    ];
    for args in runs {
        let o = kyoto(args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert_progress_problems(&err, "sheet '", args[0]);
        // The counts after the problems.
        assert!(
            err.contains("\nkyoto: indicators: 15 rows read, 12 loaded; "),
            "{err}"
        );
    }
    let mut args: Vec<String> = vec!["digest".into()];
    args.extend(progress_csv());
    args.extend(["-o", out].map(String::from));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = kyoto(&refs);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_progress_problems(&stderr(&o), "file '", "digest of CSV");
}

#[test]
fn validate_lists_the_problems_of_progress_tables() {
    // A workbook is told by its first bytes and read as progress tables.
    let o = kyoto(&["validate", &progress("kyoto-progress.xlsx")]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert_progress_problems(&out, "sheet '", "validate xlsx");
    assert_eq!(out.lines().count(), 32, "{out}");
    assert_eq!(
        out.lines().last().unwrap(),
        "indicators: 15 rows read, 12 loaded; indicator_data: 113 rows read, 105 loaded; questions: 15 rows read, 13 loaded; responses: 1673 rows read, 1666 loaded; reports: 262 rows read, 259 loaded; 23 errors, 8 warnings"
    );
    assert_eq!(stderr(&o), "");

    let o = kyoto(&["validate", &progress("kyoto-progress.ods")]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_progress_problems(&stdout(&o), "sheet '", "validate ods");

    // The template: one valid example row per table.
    let template = format!(
        "{}/www/examples/kyoto-progress-template.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = kyoto(&["validate", &template]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with("reports: 1 row read, 1 loaded; 0 errors, 0 warnings\n"),
        "{}",
        stdout(&o)
    );

    // Several files are the tables, one per file.
    let mut args: Vec<String> = vec!["validate".into()];
    args.extend(progress_csv());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = kyoto(&refs);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_progress_problems(&stdout(&o), "file '", "validate CSV");

    // One table file, with --progress; without it, a hint.
    let indicators = progress("indicators.csv");
    let o = kyoto(&["validate", "--progress", &indicators]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).starts_with(
        "error: file 'indicators.csv', row 6, column 'pillar', value 'V': pillar must be I, II, III or IV"
    ));
    assert!(stdout(&o).ends_with("indicators: 15 rows read, 12 loaded; 3 errors, 2 warnings\n"));
    let o = kyoto(&["validate", &indicators]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).ends_with(&format!(
            "kyoto: '{indicators}' is named like the indicators table of progress data: check it with 'kyoto validate --progress {indicators}'\n"
        )),
        "{}",
        stderr(&o)
    );

    // No table: the problems, the counts, then why, exit 2.
    let o = kyoto(&["validate", "--progress", &fixture("good.csv")]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains(": no table found: "), "{}", stderr(&o));
}

#[test]
fn a_workbook_given_for_an_activity_export_is_named_as_such() {
    let template = format!(
        "{}/www/examples/kyoto-progress-template.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let ods = progress("kyoto-progress.ods");
    let out = temp("from-workbook.json");
    let svg = temp("from-workbook.svg");
    let runs: [Vec<&str>; 4] = [
        vec!["summary", &template],
        vec![
            "convert",
            &ods,
            "--to",
            "json",
            "--out",
            out.to_str().unwrap(),
        ],
        vec!["compare", &template, &template],
        vec!["render", &ods, "--out", svg.to_str().unwrap()],
    ];
    for args in runs {
        let o = kyoto(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("kyoto: '")
                && err.contains("' is a workbook (.xlsx or .ods), not an activity export: save the sheet as 'CSV UTF-8'"),
            "{args:?}: {err}"
        );
    }
    // Excel 97-2003 (.xls), whatever the file's name.
    let xls = temp("old-matrix.csv");
    std::fs::write(&xls, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").unwrap();
    let xls = xls.to_str().unwrap();
    let svg = svg.to_str().unwrap();
    let runs: [&[&str]; 4] = [
        &["validate", xls],
        &["summary", xls],
        &["validate", "--progress", xls],
        &["indicators", xls, "-o", svg],
    ];
    for args in runs {
        let o = kyoto(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert_eq!(
            stderr(&o),
            format!("kyoto: '{xls}' is an Excel 97-2003 workbook (.xls), which kyoto does not read: save it as .xlsx (progress tables) or save the sheet as 'CSV UTF-8' (an activity export)\n"),
            "{args:?}"
        );
    }
}

#[test]
fn a_file_that_cannot_be_written_is_named_with_the_reason() {
    let missing = temp("no-such-folder");
    let _ = std::fs::remove_dir_all(&missing);
    let book = progress("kyoto-progress.xlsx");
    for ext in ["svg", "png"] {
        let out = missing.join(format!("x.{ext}"));
        let out = out.to_str().unwrap();
        let runs: [&[&str]; 3] = [
            &["render", "--out", out],
            &["indicators", &book, "-o", out],
            &["reporting", &book, "-o", out],
        ];
        for args in runs {
            let o = kyoto(args);
            let err = stderr(&o);
            assert_eq!(code(&o), 2, "{args:?}: {err}");
            if err.contains("PNG needs a TrueType font") {
                continue;
            }
            assert!(
                err.ends_with(&format!(
                    "kyoto: cannot write '{out}': No such file or directory\n"
                )),
                "{args:?}: {err}"
            );
        }
    }
    let out = missing.join("x.json");
    let out = out.to_str().unwrap();
    let o = kyoto(&["digest", &book, "-o", out]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).ends_with(&format!(
        "kyoto: cannot write '{out}': No such file or directory\n"
    )));
    let o = kyoto(&[
        "convert",
        &fixture("good.csv"),
        "--to",
        "json",
        "--out",
        out,
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!("kyoto: cannot write '{out}': No such file or directory\n")
    );
}

#[test]
fn one_indicator_and_one_observation_are_counted_in_the_singular() {
    let dir = temp("one-indicator");
    std::fs::create_dir_all(&dir).unwrap();
    let indicators = dir.join("indicators.csv");
    let data = dir.join("indicator_data.csv");
    std::fs::write(
        &indicators,
        "id,pillar,title,direction\nI-1,II,Prisoners held unsentenced,down\n",
    )
    .unwrap();
    std::fs::write(&data, "indicator,area,period,value\nI-1,001,2023,25\n").unwrap();
    let svg = dir.join("one.svg");
    let files = [
        indicators.to_str().unwrap(),
        data.to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
    ];
    let o = kyoto(&[&["indicators"][..], &files].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(": 1 indicator in 001, total: 0 on track, "),
        "{}",
        stderr(&o)
    );
    let o = kyoto(&[&["indicators"][..], &files, &["--indicator", "I-1"]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with(": I-1, 1 series, 1 observation\n"),
        "{}",
        stderr(&o)
    );
}
