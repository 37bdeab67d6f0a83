//! Invariants of the indicators and reporting readers (`core::progress`),
//! for the targets `progress_tables` (CSV and JSON files) and
//! `progress_workbook` (.xlsx and .ods):
//! - every data row read is loaded or named by at least one error on that
//!   row: no row disappears silently;
//! - problems name places that exist (rows from 1) and every problem formats
//!   to a message;
//! - what loaded holds together: ids unique, observations and answers refer
//!   to loaded indicators and questions, an answer's codes are its
//!   question's, paragraphs sorted within 1–97, dates real;
//! - the statuses and the reporting figures can be computed (no panic, no
//!   NaN ratio) and stay within what was loaded.

use crate::{check_date, LAST_PARAGRAPH};
use kyoto_widgets::core::import::Severity;
use kyoto_widgets::core::progress::reporting::{question_distribution, reporting, ReportingOptions};
use kyoto_widgets::core::progress::status::assess_headline;
use kyoto_widgets::core::progress::{Answer, ProgressImport, Table};
use std::collections::{BTreeSet, HashSet};

/// File names the tables target gives its pieces, by index.
pub const NAMES: [&str; 6] = [
    "indicators.csv",
    "indicator_data.csv",
    "questions.csv",
    "responses.csv",
    "reports.csv",
    "export.json",
];

/// The names of the seventh and eighth pieces (JSON too).
const MORE_JSON: [&str; 2] = ["export-7.json", "export-8.json"];

/// Splits fuzz input into files: pieces separated by a line `===`, each
/// named by its position in [`NAMES`] (a sixth and later piece is JSON).
pub fn split_files(data: &[u8]) -> Vec<(&'static str, &[u8])> {
    let mut out = Vec::new();
    let mut rest = data;
    loop {
        let at = rest.windows(5).position(|w| w == b"\n===\n");
        let (piece, next) = match at {
            Some(i) => (&rest[..i], Some(&rest[i + 5..])),
            None => (rest, None),
        };
        // Each piece a name of its own: the invariants tell sources apart
        // by name, as a page's or a folder's files are.
        let name = NAMES.get(out.len()).copied().unwrap_or_else(|| {
            MORE_JSON[out.len().saturating_sub(NAMES.len()).min(MORE_JSON.len() - 1)]
        });
        out.push((name, piece));
        match next {
            Some(n) if out.len() < 8 => rest = n,
            _ => break,
        }
    }
    out
}

/// Checks what a progress reader returned.
pub fn check_progress(read: &ProgressImport) {
    let d = &read.dataset;
    for p in &read.problems {
        assert!(!p.to_string().is_empty());
        if let Some(r) = p.problem.row {
            assert!(r >= 1, "a problem on row 0: {p}");
        }
    }
    // No row disappears: loaded + rows with an error = rows read.
    // (Another sheet or file may have held the same table and not been
    // read: only the problems of the one read count.)
    for (t, sheet) in &read.sheets {
        let t = *t;
        let error_rows: BTreeSet<usize> = read
            .problems
            .iter()
            .filter(|p| p.table == Some(t) && &p.sheet == sheet)
            .filter(|p| p.problem.severity == Severity::Error)
            .filter_map(|p| p.problem.row)
            .collect();
        let read_rows = read.rows_read[t.index()];
        assert_eq!(
            d.len(t) + error_rows.len(),
            read_rows,
            "{t}: {} loaded + {} rows with errors != {read_rows} rows read",
            d.len(t),
            error_rows.len()
        );
    }
    for t in Table::ALL {
        if !read.tables.contains(&t) {
            assert_eq!(d.len(t), 0, "{t} loaded without being found");
        }
    }
    let ids: HashSet<&str> = d.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), d.indicators.len(), "duplicate indicator ids");
    let questions: HashSet<&str> = d.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(questions.len(), d.questions.len(), "duplicate question ids");
    for i in &d.indicators {
        assert!(!i.id.trim().is_empty() && !i.title.trim().is_empty());
        check_paras(&i.paragraphs);
        if let (Some(b), Some(t)) = (i.baseline, i.target) {
            assert!(t.year > b.year, "target not after baseline: {i:?}");
        }
        let a = assess_headline(d, i);
        if let Some(r) = a.ratio {
            assert!(!r.is_nan(), "NaN ratio for {i:?}");
        }
    }
    for o in &d.observations {
        assert!(ids.contains(o.indicator.as_str()), "observation of a missing indicator");
        assert!(o.value.is_finite());
    }
    for q in &d.questions {
        check_paras(&q.paragraphs);
        if q.kind.has_choices() {
            assert!(!q.choices.is_empty(), "choice question without choices");
        }
    }
    for r in &d.responses {
        let q = d.question(&r.question).expect("answer to a missing question");
        if let Answer::Codes(codes) = &r.answer {
            for c in codes {
                assert!(q.choices.iter().any(|x| &x.code == c), "code {c} not of {}", q.id);
            }
        }
        if let Some(s) = &r.submitted_on {
            check_date(s, "submitted_on");
        }
    }
    for r in &d.reports {
        check_paras(&r.paragraphs);
        for date in [r.due_on, r.submitted_on].iter().flatten() {
            check_date(date, "report date");
        }
    }
    let options = ReportingOptions::all_statuses();
    for c in reporting(d, &options) {
        for p in &c.pillars {
            assert!(p.states_answered.len() <= c.states_answered.len());
        }
        let reports: usize = c.reports.iter().map(|t| t.on_time + t.late + t.missing + t.not_yet_due).sum();
        assert_eq!(reports, d.reports.iter().filter(|r| r.cycle == c.cycle).count());
    }
    for q in &d.questions {
        let dist = question_distribution(d, &q.id, None, &options).expect("question");
        let answers = d.responses.iter().filter(|r| r.question == q.id).count();
        assert_eq!(dist.state_answers + dist.stakeholder_answers, answers);
    }
}

/// Paragraphs: sorted, without duplicates, within 1–97 (may be none).
fn check_paras(paragraphs: &[u8]) {
    assert!(
        paragraphs.windows(2).all(|w| w[0] < w[1]),
        "paragraphs not sorted or repeated: {paragraphs:?}"
    );
    assert!(paragraphs.iter().all(|p| (1..=LAST_PARAGRAPH).contains(p)));
}
