//! Inputs on which the fuzz targets (`fuzz/`, `docs/fuzzing.md`) found an
//! invariant broken, one test per finding. Each loads its input from
//! `fuzz/regressions/<target>/<name>` and checks the rule the target checks:
//! a dataset written back with the crate's own writer imports to the same
//! activities. Findings 1–4 failed on the import as of commit 63f6b79 and
//! pass since 5a591fc fixed them; findings 5 and 6 were fixed after the
//! campaigns (the cell is trimmed again after its escape is removed; a
//! delimiter tie on the header row goes to the delimiter that splits the
//! next row into as many cells).

use kyoto_widgets::core::import::{
    import_with, write_csv, write_json, CsvOptions, ImportLimits, ImportOutcome,
};
use kyoto_widgets::core::model::Activity;
use std::path::PathBuf;

fn input(target: &str, name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "fuzz",
        "regressions",
        target,
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(bytes: &[u8], what: &str) -> ImportOutcome {
    import_with(bytes, &ImportLimits::default())
        .unwrap_or_else(|e| panic!("{what} does not import: {e} {:?}", e.problems))
}

fn assert_round_trip(before: &[Activity], written: &str, what: &str) {
    let after = import(written.as_bytes(), what);
    assert_eq!(
        before,
        after.report.dataset.activities.as_slice(),
        "{what} imports to other activities; the text written was:\n{written}"
    );
}

/// Finding 1: a JSON list item that holds `;` ("UNODC Regional Office;
/// Bangkok") was written to CSV as it is, and read back as two partners,
/// because the reader splits a list cell at `;`.
#[test]
fn list_item_with_semicolon_survives_csv() {
    let outcome = import(
        &input("json_import", "list-item-with-semicolon.json"),
        "the input",
    );
    let csv = write_csv(&outcome.report.dataset, None, &CsvOptions::default());
    assert_round_trip(&outcome.report.dataset.activities, &csv, "the CSV");
}

/// Finding 2: a JSON title that begins with an apostrophe and a formula
/// character (`'=1 target per region`) was written to CSV unchanged, and the
/// importer took the apostrophe for the formula escape and dropped it.
#[test]
fn apostrophe_before_formula_character_survives_csv() {
    let outcome = import(
        &input("json_import", "apostrophe-formula.json"),
        "the input",
    );
    let csv = write_csv(&outcome.report.dataset, None, &CsvOptions::default());
    assert_round_trip(&outcome.report.dataset.activities, &csv, "the CSV");
}

/// Finding 3: written with `;`, a description that lists every column name
/// separated by commas made delimiter detection choose the comma (a tie,
/// which went to the comma) with that description's row as the header; the
/// file then had a header but no data row.
#[test]
fn delimiter_detection_prefers_the_first_header() {
    let outcome = import(&input("csv_import", "delimiter-tie.csv"), "the input");
    let options = CsvOptions {
        delimiter: ';',
        ..CsvOptions::default()
    };
    let csv = write_csv(&outcome.report.dataset, None, &options);
    assert_round_trip(&outcome.report.dataset.activities, &csv, "the CSV");
}

/// Finding 4: of the keys `Start` ("soon", unreadable) and `start date`, the
/// first was read and the second kept aside; written back with the fields
/// kept aside, `start date` was the only start key, so the start that the
/// first import left empty was filled on the second.
#[test]
fn fields_kept_aside_do_not_become_fields_in_json() {
    let outcome = import(&input("json_import", "extra-alias-key.json"), "the input");
    let json = write_json(&outcome.report.dataset, Some(&outcome.extra));
    assert_round_trip(&outcome.report.dataset.activities, &json, "the JSON");
}

/// Finding 5 (fixed): the cell `'<tab>=SUM(B2:B9) of the matrix` (an
/// apostrophe, then a tab) loads as a title that begins with a tab, because
/// the formula escape is removed after the cell is trimmed. Written as JSON,
/// the title reads back without the tab, since the JSON reader trims.
#[test]
fn escaped_tab_cell_is_trimmed_and_survives_json() {
    let outcome = import(&input("csv_import", "apostrophe-tab.csv"), "the input");
    let json = write_json(&outcome.report.dataset, Some(&outcome.extra));
    assert_round_trip(&outcome.report.dataset.activities, &json, "the JSON");
}

/// Finding 6 (fixed): a kept-aside column named "Template columns, id, title,
/// …, updated" is written after the columns of the format; written with `;`,
/// the header line split at commas names every column too, detection ties on
/// the same row, takes the comma, and no row loads.
#[test]
fn delimiter_tie_on_the_header_row_keeps_the_written_delimiter() {
    let outcome = import(
        &input("csv_import", "header-delimiter-tie.csv"),
        "the input",
    );
    let options = CsvOptions {
        delimiter: ';',
        ..CsvOptions::default()
    };
    let csv = write_csv(&outcome.report.dataset, Some(&outcome.extra), &options);
    assert_round_trip(&outcome.report.dataset.activities, &csv, "the CSV");
}
