//! One bad twin per rule: each fixture breaks one rule of the format (most
//! differ from `good.csv` in one cell of spreadsheet row 4), and the test
//! asserts the exact report a person would read.

use kyoto_widgets::core::import::{import_bytes, ImportError, ImportReport};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> Result<ImportReport, ImportError> {
    import_bytes(&fixture(name))
}

/// The report as `kyoto validate` prints it: one line per problem, then the
/// summary line.
fn lines(report: &ImportReport) -> Vec<String> {
    report
        .problems
        .iter()
        .map(ToString::to_string)
        .chain(std::iter::once(report.summary_line()))
        .collect()
}

fn assert_report(name: &str, expected: &[&str]) {
    let report = import(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(lines(&report), expected, "{name}");
}

fn assert_refused(name: &str, message: &str, problems: &[&str]) {
    let err = import(name).expect_err(name);
    assert_eq!(err.message, message, "{name}");
    let got: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(got, problems, "{name}");
}

const STATUS_RULE: &str = "status must be completed, ongoing or planned (or one of the synonyms done, complete, finished; in progress, underway, active; proposed, not started, pipeline)";
const DATE_RULE: &str =
    "not a date: write 2022-12-05, 2022-12, 2022, '5 December 2022' or 'December 2022'";

#[test]
fn the_good_twin_is_clean() {
    assert_report("good.csv", &["4 rows read, 4 loaded, 0 errors, 0 warnings"]);
}

#[test]
fn a_paragraph_outside_1_to_97_is_an_error() {
    assert_report(
        "bad-paragraph-out-of-range.csv",
        &[
            "error: row 4, column 'paragraphs', value '49, 98': paragraph 98 does not exist: the Declaration has paragraphs 1–97",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn an_unreadable_reference_is_an_error() {
    assert_report(
        "bad-paragraph-unreadable.csv",
        &[
            "error: row 4, column 'paragraphs', value '65, 80 are 94': cannot read 'are' as a paragraph number: write paragraphs like '21, 22', '93-95' or 'paras. 93 to 95'",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn a_backwards_range_is_an_error() {
    assert_report(
        "bad-paragraph-backwards.csv",
        &[
            "error: row 4, column 'paragraphs', value '95-93': the range 95–93 runs backwards: write the lower number first (93–95)",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn paragraphs_are_required() {
    assert_report(
        "bad-paragraph-missing.csv",
        &[
            "error: row 4, column 'paragraphs': paragraphs are required: which paragraphs of the Declaration (1–97) the activity follows up",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn an_unknown_status_is_an_error() {
    let expected = format!("error: row 4, column 'status', value 'wip': {STATUS_RULE}");
    assert_report(
        "bad-status.csv",
        &[&expected, "4 rows read, 3 loaded, 1 error, 0 warnings"],
    );
}

#[test]
fn status_is_required() {
    assert_report(
        "bad-status-missing.csv",
        &[
            "error: row 4, column 'status': a status is required: completed, ongoing or planned",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn title_is_required() {
    assert_report(
        "bad-title-missing.csv",
        &[
            "error: row 4, column 'title': a title is required",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn id_is_required() {
    assert_report(
        "bad-id-missing.csv",
        &[
            "error: row 4, column 'id': an id is required: every activity needs a unique id",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn a_duplicate_id_names_the_first_row() {
    assert_report(
        "bad-id-duplicate.csv",
        &[
            "error: row 4, column 'id', value 'KY-1': the id 'KY-1' is already used by row 2: ids must be unique",
            "4 rows read, 3 loaded, 1 error, 0 warnings",
        ],
    );
    let report = import("bad-id-duplicate.csv").unwrap();
    let ids: Vec<&str> = report
        .dataset
        .activities
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["KY-1", "KY-2", "KY-4"], "the first one stays");
}

#[test]
fn an_unreadable_date_is_a_warning_and_the_row_loads() {
    let expected = format!(
        "warning: row 4, column 'start', value 'soon': {DATE_RULE}; the row loads without it"
    );
    assert_report(
        "bad-date.csv",
        &[&expected, "4 rows read, 4 loaded, 0 errors, 1 warning"],
    );
    let report = import("bad-date.csv").unwrap();
    let ky3 = report.dataset.activities.get(2).unwrap();
    assert_eq!((ky3.id.as_str(), ky3.start), ("KY-3", None));
}

#[test]
fn an_ambiguous_date_is_a_warning() {
    assert_report(
        "bad-date-ambiguous.csv",
        &[
            "warning: row 4, column 'start', value '05/12/2022': ambiguous date: day and month could be either way round; write 2022-12-05 or '5 December 2022'; the row loads without it",
            "4 rows read, 4 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn a_day_that_does_not_exist_is_a_warning() {
    assert_report(
        "bad-date-no-such-day.csv",
        &[
            "warning: row 4, column 'start', value '2023-02-29': no such date (years 1900–2100, months 1–12, days within the month); the row loads without it",
            "4 rows read, 4 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn an_end_before_the_start_is_a_warning() {
    assert_report(
        "bad-end-before-start.csv",
        &[
            "warning: row 4, column 'end', value '2023-01': the end (2023-01) is before the start (2024-05); the row loads without it",
            "4 rows read, 4 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn progress_over_100_is_a_warning() {
    assert_report(
        "bad-progress.csv",
        &[
            "warning: row 4, column 'progress', value '140%': progress must be a number from 0 to 100 ('40' or '40%'); the row loads without it",
            "4 rows read, 4 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn a_huge_progress_number_is_a_warning_not_a_panic() {
    assert_report(
        "bad-progress-huge.csv",
        &[
            "warning: row 4, column 'progress', value '1e400': progress must be a number from 0 to 100 ('40' or '40%'); the row loads without it",
            "4 rows read, 4 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn an_unknown_track_is_a_warning() {
    assert_report(
        "bad-track.csv",
        &[
            "warning: row 4, column 'track', value 'bilateral': track must be institutional, intergovernmental, programmatic, national or stakeholder; the row loads without it",
            "4 rows read, 4 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn a_goal_outside_1_to_17_is_a_warning_and_the_others_stay() {
    assert_report(
        "bad-sdg.csv",
        &[
            "warning: row 4, column 'sdgs', value 'SDG 18': not a Sustainable Development Goal (goals 1–17, targets like 16.3 or 'SDG 5'); the row loads without this item",
            "4 rows read, 4 loaded, 0 errors, 1 warning",
        ],
    );
    let report = import("bad-sdg.csv").unwrap();
    let ky3 = report.dataset.activities.get(2).unwrap();
    let goals: Vec<String> = ky3.sdgs.iter().map(ToString::to_string).collect();
    assert_eq!(goals, ["16.3"]);
}

#[test]
fn a_record_over_several_lines_names_its_row_and_lines() {
    let wip = format!("error: row 3, column 'status', value 'wip': {STATUS_RULE}");
    let later = format!(
        "error: row 4 (file lines 6–7: a quoted cell holds line breaks), column 'status', value 'later': {STATUS_RULE}"
    );
    assert_report(
        "bad-multiline-row.csv",
        &[&wip, &later, "3 rows read, 1 loaded, 2 errors, 0 warnings"],
    );
}

#[test]
fn unknown_columns_are_one_warning_and_kept_aside() {
    assert_report(
        "unknown-columns.csv",
        &[
            "warning: row 1: columns 'Notes', 'Focal point' are not part of the format: kept aside, not loaded",
            "2 rows read, 2 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn cells_past_the_header_are_one_warning() {
    assert_report(
        "extra-cells.csv",
        &[
            "warning: 1 row(s) have cells to the right of the last header column (first: row 2); those cells were ignored",
            "2 rows read, 2 loaded, 0 errors, 1 warning",
        ],
    );
}

#[test]
fn windows_1252_is_read_with_a_warning() {
    assert_report(
        "windows-1252.csv",
        &[
            "warning: the file is not UTF-8 (byte 0xE9 at offset 32, line 2); it was read as Windows-1252, the encoding of Excel's plain 'CSV': check accented letters, or save as 'CSV UTF-8'",
            "2 rows read, 2 loaded, 0 errors, 1 warning",
        ],
    );
    let report = import("windows-1252.csv").unwrap();
    assert_eq!(
        report.dataset.activities.first().unwrap().title,
        "Réunion d’experts – Genève"
    );
}

#[test]
fn a_missing_required_column_refuses_the_file() {
    assert_refused(
        "bad-missing-column.csv",
        "the header (row 1) has no 'status' column: every file needs id, title, paragraphs and status (found: 'id', 'title', 'paragraphs')",
        &[],
    );
}

#[test]
fn no_header_refuses_the_file() {
    assert_refused(
        "bad-no-header.csv",
        "no header row found: one of the first rows must name the columns id, title, paragraphs and status (found: 'activity code', 'name', 'when')",
        &[],
    );
}

#[test]
fn a_header_without_rows_refuses_the_file() {
    assert_refused(
        "bad-header-only.csv",
        "the file has a header row but no data rows",
        &[],
    );
}

#[test]
fn a_file_without_a_valid_row_is_an_error_with_the_problems() {
    let status = format!("error: row 3, column 'status', value 'wip': {STATUS_RULE}");
    assert_refused(
        "bad-no-valid-row.csv",
        "no valid row: 2 rows read, 0 loaded, 2 errors, 0 warnings; fix the errors listed and import again",
        &[
            "error: row 2, column 'paragraphs', value '98': paragraph 98 does not exist: the Declaration has paragraphs 1–97",
            &status,
        ],
    );
    assert!(import("bad-no-valid-row.csv")
        .unwrap_err()
        .rows_had_errors());
}

// ---- JSON ---------------------------------------------------------------

#[test]
fn a_json_syntax_error_names_line_and_column() {
    assert_refused(
        "bad-json-syntax.json",
        "JSON syntax error at line 5, column 5: expected `,` or `]`",
        &[],
    );
}

#[test]
fn a_huge_json_number_is_an_error_not_a_panic() {
    assert_refused(
        "bad-json-huge-number.json",
        "JSON syntax error at line 1, column 125: number out of range",
        &[],
    );
}

#[test]
fn deep_json_nesting_is_an_error_not_a_crash() {
    assert_refused(
        "bad-json-deep.json",
        "JSON syntax error at line 1, column 142: recursion limit exceeded",
        &[],
    );
}

#[test]
fn json_without_activities_is_refused() {
    assert_refused(
        "bad-json-no-activities.json",
        "the JSON has no 'activities' list: expected {\"version\": 1, \"activities\": [ … ]}",
        &["warning: top-level field 'items' is not part of the format: ignored"],
    );
    assert_refused(
        "bad-json-not-object.json",
        "the JSON must be an object with an 'activities' list, not text",
        &[],
    );
}

#[test]
fn wrong_json_types_name_the_activity_and_field() {
    assert_report(
        "bad-json-types.json",
        &[
            "error: activity 2, field 'title', value '[\"Training\"]': title must be text, not a list",
            "error: activity 2, field 'paragraphs', value '{\"from\":21}': paragraphs must be numbers or text like '21, 22' or '93-95', not an object",
            "error: activity 2, field 'status', value '3': status must be text, not a number",
            "warning: activity 2, field 'progress', value 'true': progress must be a number from 0 to 100, not true/false; the row loads without it",
            "error: activity 3, value '\"J-3\"': an activity must be an object with id, title, paragraphs and status, not text",
            "error: activity 4, field 'paragraphs', value '98': paragraph 98 does not exist: the Declaration has paragraphs 1–97",
            "warning: activity 5, field 'progress', value '1e+300': progress must be a number from 0 to 100 ('40' or '40%'); the row loads without it",
            "warning: activity 5, field 'start', value 'true': start must be a date written as text, not true/false; the row loads without it",
            "warning: activity 5, field 'countries', value '1': countries must be a list of text items, not a number; the row loads without it",
            "5 rows read, 2 loaded, 5 errors, 4 warnings",
        ],
    );
}

#[test]
fn json_top_level_problems_are_warnings() {
    assert_report(
        "json-top-level-warnings.json",
        &[
            "warning: version 2 is not known to this reader (it reads version 1); the file was read as version 1",
            "warning: the top-level 'title' must be text, not a number; the file loads without it",
            &format!("warning: the top-level 'updated' ('someday') cannot be read: {DATE_RULE}; the file loads without it"),
            "warning: top-level field 'owner' is not part of the format: ignored",
            "1 row read, 1 loaded, 0 errors, 4 warnings",
        ],
    );
}
