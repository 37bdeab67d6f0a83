//! The progress digest over the fixture in `tests/fixtures/progress/`: the
//! figures the pillar chart and the paragraph browser show. They are those
//! `tests/progress.rs` asserts for the same tables (States answering and
//! reporting per pillar and cycle, the status of every indicator), and the
//! answers per question agree with `core::progress::reporting`.

use kyoto_widgets::core::import::ImportLimits;
use kyoto_widgets::core::model::{PartialDate, Pillar};
use kyoto_widgets::core::progress::digest::{is_digest, ProgressDigest, Standing, DIGEST_MARK};
use kyoto_widgets::core::progress::reporting::{question_distribution, ReportingOptions};
use kyoto_widgets::core::progress::{read_files, read_workbook, ProgressImport};
use std::fs;

fn fixture(name: &str) -> Vec<u8> {
    fs::read(format!(
        "{}/tests/fixtures/progress/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn tables() -> ProgressImport {
    let names = [
        "indicators.csv",
        "indicator_data.csv",
        "questions.csv",
        "responses.csv",
        "reports.csv",
    ];
    let files: Vec<(&str, Vec<u8>)> = names.iter().map(|n| (*n, fixture(n))).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    read_files(&refs).unwrap()
}

fn as_of() -> Option<PartialDate> {
    PartialDate::new(2026, Some(8), Some(1))
}

fn digest() -> ProgressDigest {
    ProgressDigest::of(&tables(), as_of())
}

/// (cycle, [(States answered, States reporting); 4 pillars]), as
/// `tests/progress.rs` asserts them.
const STATES: [(&str, [(u32, u32); 4]); 5] = [
    ("2022", [(23, 24), (11, 14), (20, 22), (14, 16)]),
    ("2023", [(17, 19), (26, 28), (18, 21), (27, 30)]),
    ("2024", [(29, 30), (20, 21), (32, 33), (17, 19)]),
    ("2025", [(24, 26), (36, 38), (23, 24), (35, 36)]),
    ("2026", [(33, 36), (22, 25), (32, 35), (22, 24)]),
];

#[test]
fn states_answering_and_reporting_per_pillar_and_cycle() {
    let d = digest();
    assert_eq!(d.cycles, ["2022", "2023", "2024", "2025", "2026"]);
    assert_eq!(d.latest_cycle(), Some("2026"));
    assert_eq!(d.states, 58, "58 States in the fixture");
    assert_eq!(d.as_of.as_deref(), Some("2026-08-01"));
    for (i, (cycle, pillars)) in STATES.iter().enumerate() {
        for (p, (answered, reporting)) in Pillar::ALL.iter().zip(pillars) {
            let c = &d.pillar(*p).unwrap().cycles[i];
            assert_eq!(
                (c.cycle.as_str(), c.answered, c.reporting),
                (*cycle, *answered, *reporting),
                "pillar {p}"
            );
        }
    }
    let latest: Vec<(u32, u32)> = d
        .pillars
        .iter()
        .map(|p| p.latest().map(|c| (c.answered, c.reporting)).unwrap())
        .collect();
    assert_eq!(latest, [(33, 36), (22, 25), (32, 35), (22, 24)]);
}

#[test]
fn indicators_by_status_per_pillar() {
    // The fixture's README: on track I-2, III-1, IV-1; moderate I-1, II-1,
    // II-3, III-2, IV-3; stagnation or regression I-3, II-2, III-3, IV-2.
    let d = digest();
    let by_pillar: Vec<[u32; 4]> = d.pillars.iter().map(|p| p.indicators).collect();
    assert_eq!(
        by_pillar,
        [[1, 1, 1, 0], [0, 2, 1, 0], [1, 1, 1, 0], [1, 1, 1, 0]]
    );
    let mut standings: Vec<(String, Standing)> = d
        .paragraphs
        .iter()
        .flat_map(|p| p.indicators.iter().map(|i| (i.id.clone(), i.standing)))
        .collect();
    standings.sort();
    standings.dedup();
    use Standing::*;
    let want = [
        ("I-1", Moderate),
        ("I-2", OnTrack),
        ("I-3", StagnationOrRegression),
        ("II-1", Moderate),
        ("II-2", StagnationOrRegression),
        ("II-3", Moderate),
        ("III-1", OnTrack),
        ("III-2", Moderate),
        ("III-3", StagnationOrRegression),
        ("IV-1", OnTrack),
        ("IV-2", StagnationOrRegression),
        ("IV-3", Moderate),
    ];
    let want: Vec<(String, Standing)> = want.iter().map(|(i, s)| (i.to_string(), *s)).collect();
    assert_eq!(standings, want);
}

#[test]
fn a_paragraph_s_indicators_questions_and_reports() {
    let d = digest();
    let p21 = d.paragraph(21).unwrap();
    let i1 = &p21.indicators[0];
    assert_eq!(
        (
            i1.id.as_str(),
            i1.standing,
            i1.value.as_deref(),
            i1.unit.as_deref(),
            i1.period.as_deref()
        ),
        (
            "I-1",
            Standing::Moderate,
            Some("5.6"),
            Some("per 100,000 population"),
            Some("2023")
        )
    );
    assert!(p21.questions.is_empty());
    // II-2's latest World value is for the survey round 2022-2023.
    let ii2 = &d.paragraph(31).unwrap().indicators[0];
    assert_eq!(
        (ii2.value.as_deref(), ii2.period.as_deref()),
        (Some("39"), Some("2022-2023"))
    );
    let p22 = d.paragraph(22).unwrap();
    assert_eq!(p22.indicators[0].id, "I-2");
    assert_eq!(p22.reports, 127);
    let q = &p22.questions[0];
    assert_eq!(q.id, "Q-I-1");
    assert_eq!((q.state_answers, q.other_answers, q.states), (111, 13, 47));
    assert_eq!(q.answers(), 124);
    let choices: Vec<(&str, u32, u32)> = q
        .choices
        .iter()
        .map(|c| (c.label.as_str(), c.states, c.others))
        .collect();
    assert_eq!(choices, [("Yes", 71, 9), ("No", 40, 4)]);
    // The same counts as the reporting module's, over every cycle.
    let tables = tables();
    for p in &d.paragraphs {
        for q in &p.questions {
            let r =
                question_distribution(&tables.dataset, &q.id, None, &ReportingOptions::default())
                    .unwrap();
            assert_eq!(
                (q.state_answers as usize, q.other_answers as usize),
                (r.state_answers, r.stakeholder_answers)
            );
            let per_choice: Vec<(u32, u32)> = r
                .choices
                .iter()
                .map(|c| (c.states as u32, c.stakeholders as u32))
                .collect();
            let ours: Vec<(u32, u32)> = q.choices.iter().map(|c| (c.states, c.others)).collect();
            assert_eq!(ours, per_choice, "{}", q.id);
        }
    }
    // A theme's bar: paragraphs 21-23 hold I-1 and I-2 (I-2 cites 22 and 23:
    // counted once).
    assert_eq!(d.indicators_over(&[21, 22, 23]), [1, 1, 0, 0]);
    assert_eq!(d.indicators_over(&[1, 2]), [0, 0, 0, 0]);
}

#[test]
fn the_workbook_gives_the_same_digest() {
    let book = read_workbook(&fixture("kyoto-progress.xlsx"), &ImportLimits::default()).unwrap();
    assert_eq!(ProgressDigest::of(&book, as_of()), digest());
}

#[test]
fn written_and_read_back() {
    let d = digest();
    let json = d.to_json();
    assert!(json.starts_with(DIGEST_MARK), "{}", &json[..40]);
    assert!(is_digest(json.as_bytes()));
    assert!(!is_digest(b"{\"indicators\":[]}"));
    assert!(!json.contains('\n'), "compact");
    assert_eq!(ProgressDigest::from_json(&json), Ok(d.clone()));
    assert_eq!(
        ProgressDigest::from_json(&format!("\u{feff}{json}\n")),
        Ok(d)
    );
}

#[test]
fn bad_digests_say_where() {
    let e = ProgressDigest::from_json("id,pillar\nI-1,I\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "the progress digest could not be read: it does not start with {\"kyotoDigest\":1, but with 'id,pillar\nI-1,I\n'"
    );
    let e = ProgressDigest::from_json("{\"kyotoDigest\":1,\"cycles\":[],\"states\":\"58\"}")
        .unwrap_err();
    assert_eq!((e.line, e.column), (1, 42));
    assert_eq!(
        e.to_string(),
        "the progress digest could not be read: line 1, column 42: invalid type: string \"58\", expected u32"
    );
    let json = digest().to_json();
    let cut = &json[..json.len() / 2];
    let e = ProgressDigest::from_json(cut).unwrap_err();
    assert_eq!((e.line, e.column), (1, cut.len()));
    assert!(e.reason.starts_with("EOF while parsing"), "{}", e.reason);
    let later = json.replacen("{\"kyotoDigest\":1,", "{\"kyotoDigest\":2,", 1);
    assert_eq!(
        ProgressDigest::from_json(&later).unwrap_err().to_string(),
        "the progress digest could not be read: version 2 is not read by this version of kyoto-widgets (it reads version 1)"
    );
}

mod chart {
    use super::digest;
    use kyoto_widgets::core::aggregate::{summarize, SummaryOptions};
    use kyoto_widgets::core::chart::{
        BarKey, ChartEffect, ChartInput, ChartLocale, ChartState, Level, Measure,
    };
    use kyoto_widgets::core::declaration::Declaration;
    use kyoto_widgets::core::layout::{EstimatedText, FocusKey, SegmentKind};
    use kyoto_widgets::core::model::Pillar;
    use kyoto_widgets::core::sample::sample;

    fn state(measure: Measure, level: Level) -> ChartState {
        ChartState {
            measure,
            level,
            ..Default::default()
        }
    }

    #[test]
    fn states_reporting_bars_per_pillar() {
        let (d, en) = (digest(), ChartLocale::english());
        let summary = summarize(&sample().dataset, &SummaryOptions::default());
        let s = state(Measure::Reporting, Level::Overview);
        let bars = s.bars(&summary, Declaration::get(), en, Some(&d));
        let keys: Vec<BarKey> = bars.iter().map(|b| b.key).collect();
        assert_eq!(keys.len(), 4, "the pillars, not the parts");
        assert!(keys.iter().all(|k| matches!(k, BarKey::Pillar(_))));
        let inputs = s.bar_inputs(&bars, en);
        let got: Vec<(Vec<(SegmentKind, f64)>, &str)> = inputs
            .iter()
            .map(|b| (b.segments.clone(), b.value_label.as_str()))
            .collect();
        let seg = |a: f64, r: f64, rest: f64| {
            vec![
                (SegmentKind::Status(0), a),
                (SegmentKind::Status(1), r),
                (SegmentKind::Uncovered, rest),
            ]
        };
        assert_eq!(
            got,
            [
                (seg(33.0, 3.0, 22.0), "36 of 58 · 62%"),
                (seg(22.0, 3.0, 33.0), "25 of 58 · 43%"),
                (seg(32.0, 3.0, 23.0), "35 of 58 · 60%"),
                (seg(22.0, 2.0, 34.0), "24 of 58 · 41%"),
            ]
        );
        let p = bars[0].progress.as_ref().unwrap();
        assert_eq!(
            en.progress_line(Measure::Reporting, Some(p)),
            "2026: 36 of 58 States reporting (33 answered the questionnaire)"
        );
        let mut s = s;
        let layout = s.layout(&bars, 800.0, 14.0, false, en, &EstimatedText);
        assert_eq!(
            layout.ticks.last().map(|t| t.label.text.as_str()),
            Some("60")
        );
        // Enter on pillar I: its States reporting per cycle, oldest first.
        s.handle(ChartInput::Focus(FocusKey::First), &layout, &bars);
        let fx = s.handle(ChartInput::Activate, &layout, &bars);
        assert_eq!(
            fx,
            [
                ChartEffect::Select(BarKey::Pillar(Pillar::I)),
                ChartEffect::LevelChanged
            ]
        );
        assert_eq!(s.level, Level::Pillar(Pillar::I));
        let cycles = s.bars(&summary, Declaration::get(), en, Some(&d));
        let keys: Vec<BarKey> = cycles.iter().map(|b| b.key).collect();
        assert_eq!(
            keys,
            (0..5)
                .map(|i| BarKey::Cycle(Pillar::I, i))
                .collect::<Vec<_>>()
        );
        let labels: Vec<&str> = cycles.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["2022", "2023", "2024", "2025", "2026"]);
        assert!(cycles
            .iter()
            .all(|b| b.name == "Advancing crime prevention"));
        let values: Vec<String> = s
            .bar_inputs(&cycles, en)
            .into_iter()
            .map(|b| b.value_label)
            .collect();
        assert_eq!(
            values,
            [
                "24 of 58 · 41%",
                "19 of 58 · 33%",
                "30 of 58 · 52%",
                "26 of 58 · 45%",
                "36 of 58 · 62%"
            ]
        );
        assert_eq!(
            en.progress_line(Measure::Reporting, cycles[1].progress.as_ref()),
            "2023: 19 of 58 States reporting (17 answered the questionnaire)"
        );
        // Nothing deeper: Enter on a cycle selects it and stays; Escape goes
        // back to the pillars, pillar I focused.
        let layout = s.layout(&cycles, 800.0, 14.0, false, en, &EstimatedText);
        s.handle(ChartInput::Focus(FocusKey::Last), &layout, &cycles);
        let fx = s.handle(ChartInput::Activate, &layout, &cycles);
        assert_eq!(fx, [ChartEffect::Select(BarKey::Cycle(Pillar::I, 4))]);
        s.tooltip = None;
        assert_eq!(
            s.handle(ChartInput::Escape, &layout, &cycles),
            [ChartEffect::LevelChanged]
        );
        assert_eq!((s.level, s.focus), (Level::Overview, Some(0)));
        // Without progress data a pillar's level has no cycles to show.
        let bare = state(Measure::Reporting, Level::Pillar(Pillar::II));
        assert!(bare.bars(&summary, Declaration::get(), en, None).is_empty());
    }

    #[test]
    fn indicators_bars_per_pillar_and_theme() {
        let (d, en) = (digest(), ChartLocale::english());
        let summary = summarize(&sample().dataset, &SummaryOptions::default());
        let mut s = state(Measure::Indicators, Level::Overview);
        let bars = s.bars(&summary, Declaration::get(), en, Some(&d));
        let inputs = s.bar_inputs(&bars, en);
        let values: Vec<Vec<f64>> = inputs
            .iter()
            .map(|b| b.segments.iter().map(|(_, v)| *v).collect())
            .collect();
        assert_eq!(
            values,
            [
                [1.0, 1.0, 1.0, 0.0],
                [0.0, 2.0, 1.0, 0.0],
                [1.0, 1.0, 1.0, 0.0],
                [1.0, 1.0, 1.0, 0.0]
            ]
        );
        assert_eq!(inputs[1].value_label, "0 of 3 on track");
        assert_eq!(
            en.progress_line(Measure::Indicators, bars[0].progress.as_ref()),
            "Indicators: 3 (1 on track, 1 moderate progress, 1 stagnation or regression, 0 not assessed)"
        );
        // Drill-down: pillar I's themes, each with the indicators of its
        // paragraphs.
        let layout = s.layout(&bars, 800.0, 14.0, false, en, &EstimatedText);
        s.handle(ChartInput::Focus(FocusKey::First), &layout, &bars);
        s.handle(ChartInput::Activate, &layout, &bars);
        assert_eq!(
            s.level,
            Level::Pillar(kyoto_widgets::core::model::Pillar::I)
        );
        let themes = s.bars(&summary, Declaration::get(), en, Some(&d));
        let per_theme: Vec<[u32; 4]> = themes
            .iter()
            .map(|b| b.progress.as_ref().unwrap().indicators)
            .collect();
        let total: u32 = per_theme.iter().flatten().sum();
        assert!(total >= 3, "{per_theme:?}");
    }
}

#[test]
fn the_fixture_s_digest_file_is_the_tables_digest() {
    // tests/fixtures/progress/digest.json, which the browser tests give the
    // chart, is `kyoto digest kyoto-progress.xlsx --as-of 2026-08-01`.
    let text = String::from_utf8(fixture("digest.json")).unwrap();
    assert_eq!(text, digest().to_json() + "\n");
}
