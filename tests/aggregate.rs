//! Aggregation: the counting rules on small hand-made datasets, and the exact
//! numbers of the realistic messy export.

use kyoto_widgets::core::aggregate::{
    summarize, summarize_with, DeclarationIndex, GroupProgress, Summary, SummaryOptions,
};
use kyoto_widgets::core::declaration::{Declaration, DECLARATION_JSON};
use kyoto_widgets::core::import::{import_bytes, parse_date};
use kyoto_widgets::core::model::{Activity, Dataset, Part, Pillar, Sdg, Status, Track};

fn activity(id: &str, paragraphs: &[u8], status: Status) -> Activity {
    Activity::new(id, id, paragraphs, status)
}

fn dataset(activities: Vec<Activity>) -> Dataset {
    Dataset {
        version: 1,
        activities,
        ..Dataset::default()
    }
}

fn all(data: &Dataset) -> Summary {
    summarize(data, &SummaryOptions::default())
}

fn group(paragraphs: u32, covered: u32, by_status: [u32; 3], mean: Option<f32>) -> GroupProgress {
    GroupProgress {
        paragraphs,
        covered,
        activities: by_status.iter().sum(),
        by_status,
        mean_progress: mean,
    }
}

#[test]
fn an_empty_dataset_still_has_every_group() {
    let s = all(&Dataset::default());
    assert_eq!(s.parts.len(), 3);
    assert_eq!(s.pillars.len(), 4);
    let pillars: Vec<Pillar> = s.pillars.iter().map(|p| p.pillar).collect();
    assert_eq!(pillars, Pillar::ALL);
    assert_eq!(s.paragraphs.len(), 97);
    assert_eq!(s.uncovered, (1..=97).collect::<Vec<u8>>());
    assert_eq!(s.by_sdg.len(), 17);
    assert_eq!(s.by_track.len(), 5);
    assert!(s.by_lead.is_empty());
    assert!(s.timeline.quarters.is_empty());
    assert_eq!(s.totals.progress, group(97, 0, [0, 0, 0], None));
    let theme_paragraphs: usize = s
        .themes
        .iter()
        .map(|t| t.progress.paragraphs as usize)
        .sum();
    assert_eq!(theme_paragraphs, 75, "themes cover the actions, 21–95");
    assert_eq!(s.themes.len(), 23);
}

#[test]
fn an_activity_counts_once_per_group_and_once_in_each_pillar() {
    // A cites three paragraphs of pillar I (two themes) and one of pillar II.
    let data = dataset(vec![activity("A", &[21, 22, 23, 31], Status::Ongoing)]);
    let s = all(&data);
    let pillar = |p: Pillar| s.pillar(p).unwrap().progress;
    assert_eq!(pillar(Pillar::I), group(10, 3, [0, 1, 0], None));
    assert_eq!(pillar(Pillar::II), group(17, 1, [0, 1, 0], None));
    assert_eq!(pillar(Pillar::III), group(12, 0, [0, 0, 0], None));
    // The actions part counts it once.
    assert_eq!(
        s.parts.get(1).unwrap().progress,
        group(75, 4, [0, 1, 0], None)
    );
    assert_eq!(s.totals.progress, group(97, 4, [0, 1, 0], None));
    // The theme of 22–23 counts it once although it cites both.
    let evidence = s
        .themes
        .iter()
        .find(|t| t.paragraph_numbers == [22, 23])
        .unwrap();
    assert_eq!(evidence.pillar, Pillar::I);
    assert_eq!(evidence.progress, group(2, 2, [0, 1, 0], None));
    let p22 = s.paragraph(22).unwrap();
    assert_eq!(p22.progress, group(1, 1, [0, 1, 0], None));
    assert_eq!(p22.part, Part::Actions);
    assert_eq!(p22.pillar, Some(Pillar::I));
    assert_eq!(
        s.themes.get(p22.theme.unwrap()).unwrap().paragraph_numbers,
        [22, 23]
    );
    assert_eq!(s.uncovered.len(), 93);
    assert!(!s.uncovered.contains(&31));
}

#[test]
fn declaratory_and_follow_up_paragraphs_count_in_their_parts_only() {
    let data = dataset(vec![activity("A", &[2, 97], Status::Planned)]);
    let s = all(&data);
    assert_eq!(
        s.parts.first().unwrap().progress,
        group(20, 1, [0, 0, 1], None)
    );
    assert_eq!(
        s.parts.get(2).unwrap().progress,
        group(2, 1, [0, 0, 1], None)
    );
    assert!(s.pillars.iter().all(|p| p.progress.activities == 0));
    let p2 = s.paragraph(2).unwrap();
    assert_eq!((p2.pillar, p2.theme), (None, None));
}

#[test]
fn mean_progress_is_over_activities_with_a_value() {
    let mut a = activity("A", &[21], Status::Completed);
    a.progress = Some(100);
    let mut b = activity("B", &[22], Status::Ongoing);
    b.progress = Some(50);
    let c = activity("C", &[23], Status::Ongoing);
    let s = all(&dataset(vec![a, b, c]));
    assert_eq!(
        s.pillar(Pillar::I).unwrap().progress,
        group(10, 3, [1, 2, 0], Some(75.0))
    );
    assert_eq!(s.paragraph(23).unwrap().progress.mean_progress, None);
}

#[test]
fn the_status_filter_counts_only_the_chosen_statuses() {
    let data = dataset(vec![
        activity("A", &[21], Status::Completed),
        activity("B", &[22], Status::Ongoing),
        activity("C", &[23], Status::Planned),
    ]);
    let s = summarize(
        &data,
        &SummaryOptions::only(&[Status::Completed, Status::Planned]),
    );
    assert_eq!(s.options.statuses, [true, false, true]);
    assert_eq!(
        s.pillar(Pillar::I).unwrap().progress,
        group(10, 2, [1, 0, 1], None)
    );
    assert!(
        s.uncovered.contains(&22),
        "22 has only a filtered-out activity"
    );
    assert_eq!(s.totals.dataset_activities, 3);
    assert_eq!(s.totals.progress.activities, 2);
    let none = summarize(&data, &SummaryOptions::only(&[]));
    assert_eq!(none.totals.progress.activities, 0);
    assert_eq!(none.uncovered.len(), 97);
}

#[test]
fn goals_tracks_and_leads() {
    let mut a = activity("A", &[21], Status::Completed);
    a.sdgs = vec![
        Sdg::parse("16.3").unwrap(),
        Sdg::parse("16.1").unwrap(),
        Sdg::parse("5").unwrap(),
    ];
    a.track = Some(Track::Programmatic);
    a.lead = Some("UNODC".into());
    let mut b = activity("B", &[22], Status::Ongoing);
    b.sdgs = vec![Sdg::parse("SDG 16").unwrap()];
    b.track = Some(Track::Programmatic);
    b.lead = Some("UNICRI".into());
    let mut c = activity("C", &[23], Status::Ongoing);
    c.lead = Some("UNODC".into());
    let s = all(&dataset(vec![a, b, c]));
    let goal = |g: u8| s.by_sdg.get(usize::from(g) - 1).unwrap();
    assert_eq!(goal(16).goal, 16);
    assert_eq!(
        (goal(16).count.activities, goal(16).count.by_status),
        (2, [1, 1, 0])
    );
    assert_eq!(goal(5).count.activities, 1);
    assert_eq!(goal(1).count.activities, 0);
    assert_eq!(s.totals.without_sdg, 1);
    let programmatic = s.by_track.get(2).unwrap();
    assert_eq!(programmatic.track, Track::Programmatic);
    assert_eq!(programmatic.count.activities, 2);
    assert_eq!(s.totals.without_track, 1);
    let leads: Vec<(&str, u32)> = s
        .by_lead
        .iter()
        .map(|l| (l.lead.as_str(), l.count.activities))
        .collect();
    assert_eq!(leads, [("UNODC", 2), ("UNICRI", 1)]);
    assert_eq!(s.totals.without_lead, 0);
}

#[test]
fn the_timeline_is_cumulative_with_gaps_filled() {
    let mut a = activity("A", &[21, 31], Status::Completed);
    a.start = parse_date("2022-02-10").ok();
    let mut b = activity("B", &[60], Status::Ongoing);
    b.start = parse_date("2022-11").ok();
    let mut c = activity("C", &[2], Status::Ongoing);
    c.start = parse_date("2023").ok();
    let d = activity("D", &[21], Status::Planned);
    let s = all(&dataset(vec![a, b, c, d]));
    let t = &s.timeline;
    let labels: Vec<&str> = t.quarters.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(
        labels,
        ["2022 Q1", "2022 Q2", "2022 Q3", "2022 Q4", "2023 Q1"]
    );
    let started: Vec<u32> = t.quarters.iter().map(|q| q.started).collect();
    assert_eq!(started, [1, 0, 0, 1, 1]);
    let cumulative: Vec<u32> = t.quarters.iter().map(|q| q.cumulative).collect();
    assert_eq!(cumulative, [1, 1, 1, 2, 3]);
    let last = t.quarters.last().unwrap();
    assert_eq!(last.cumulative_by_pillar, [1, 1, 0, 1]);
    assert_eq!(t.quarters.first().unwrap().started_by_pillar, [1, 1, 0, 0]);
    assert_eq!((t.undated, t.year_only), (1, 1));
}

#[test]
fn a_declaration_without_themes_gives_a_summary_without_themes() {
    let mut declaration: Declaration = serde_json::from_str(DECLARATION_JSON).unwrap();
    for p in &mut declaration.pillars {
        p.themes.clear();
    }
    let index = DeclarationIndex::new(&declaration);
    let data = dataset(vec![activity("A", &[21], Status::Ongoing)]);
    let s = summarize_with(&data, &SummaryOptions::default(), &index);
    assert!(s.themes.is_empty());
    assert_eq!(s.paragraph(21).unwrap().theme, None);
    assert_eq!(s.pillar(Pillar::I).unwrap().progress.covered, 1);
}

/// The realistic messy export (semicolons, BOM, CRLF, synonyms, UN-style
/// dates, an unknown column, a quoted line break, a formula-looking cell, one
/// bad row): the exact numbers.
#[test]
fn the_messy_export_summary() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messy-export.csv"
    ))
    .unwrap();
    let report = import_bytes(&bytes).unwrap();
    assert_eq!(
        report.summary_line(),
        "8 rows read, 7 loaded, 1 error, 2 warnings"
    );
    let s = all(&report.dataset);

    assert_eq!(s.totals.dataset_activities, 7);
    assert_eq!(s.totals.progress.paragraphs, 97);
    assert_eq!(s.totals.progress.covered, 19);
    assert_eq!(s.totals.progress.by_status, [2, 3, 2]);
    assert_eq!(s.totals.progress.activities, 7);
    let mean = s.totals.progress.mean_progress.unwrap();
    assert!((mean - 325.0 / 6.0).abs() < 1e-4, "{mean}");

    let parts: Vec<(u32, u32, [u32; 3])> = s
        .parts
        .iter()
        .map(|p| {
            (
                p.progress.covered,
                p.progress.paragraphs,
                p.progress.by_status,
            )
        })
        .collect();
    assert_eq!(
        parts,
        [(1, 20, [0, 0, 1]), (17, 75, [2, 3, 2]), (1, 2, [0, 0, 1])]
    );

    let pillar = |p: Pillar| s.pillar(p).unwrap().progress;
    assert_eq!(pillar(Pillar::I), group(10, 4, [2, 0, 0], Some(100.0)));
    assert_eq!(pillar(Pillar::II), group(17, 2, [0, 2, 0], Some(50.0)));
    assert_eq!(pillar(Pillar::III), group(12, 7, [0, 0, 2], Some(0.0)));
    assert_eq!(pillar(Pillar::IV), group(36, 4, [0, 1, 0], Some(25.0)));
    assert_eq!(
        s.pillar(Pillar::I).unwrap().progress.coverage_label(),
        "4 of 10"
    );

    let covered: Vec<u8> = (1..=97).filter(|n| !s.uncovered.contains(n)).collect();
    assert_eq!(
        covered,
        [2, 21, 22, 23, 30, 35, 36, 49, 53, 54, 55, 56, 57, 58, 87, 93, 94, 95, 97]
    );
    assert_eq!(s.uncovered.len(), 78);

    let theme = |first: u8| {
        s.themes
            .iter()
            .find(|t| t.paragraph_numbers.first() == Some(&first))
            .unwrap()
    };
    assert_eq!(theme(35).progress, group(2, 2, [0, 2, 0], Some(50.0)));
    assert_eq!(theme(53).progress, group(6, 6, [0, 0, 1], Some(0.0)));
    assert_eq!(theme(79).progress, group(17, 4, [0, 1, 0], Some(25.0)));
    assert_eq!(theme(60).progress, group(8, 0, [0, 0, 0], None));

    let t = &s.timeline;
    assert_eq!(t.quarters.first().unwrap().label, "2021 Q4");
    assert_eq!(t.quarters.last().unwrap().label, "2024 Q1");
    assert_eq!(t.quarters.len(), 10);
    let started: Vec<u32> = t.quarters.iter().map(|q| q.started).collect();
    assert_eq!(started, [1, 0, 1, 0, 2, 1, 0, 0, 0, 1]);
    assert_eq!(t.quarters.last().unwrap().cumulative, 6);
    assert_eq!(
        t.quarters.last().unwrap().cumulative_by_pillar,
        [2, 2, 1, 1]
    );
    assert_eq!((t.undated, t.year_only), (1, 1));

    let goals: Vec<(u8, u32)> = s
        .by_sdg
        .iter()
        .filter(|g| g.count.activities > 0)
        .map(|g| (g.goal, g.count.activities))
        .collect();
    assert_eq!(goals, [(4, 1), (5, 1), (16, 7), (17, 1)]);

    let tracks: Vec<u32> = s.by_track.iter().map(|t| t.count.activities).collect();
    assert_eq!(tracks, [0, 1, 4, 1, 1]);

    let leads: Vec<(&str, u32)> = s
        .by_lead
        .iter()
        .map(|l| (l.lead.as_str(), l.count.activities))
        .collect();
    assert_eq!(
        leads,
        [
            ("UNODC", 5),
            ("Commission on Crime Prevention and Criminal Justice", 1),
            ("Government of Austria", 1)
        ]
    );
}

#[test]
fn the_summary_serializes_for_the_browser() {
    let data = dataset(vec![activity("A", &[21], Status::Ongoing)]);
    let json = serde_json::to_value(all(&data)).unwrap();
    let first_pillar = &json["pillars"][0];
    assert_eq!(first_pillar["pillar"], "I");
    assert_eq!(first_pillar["covered"], 1);
    assert_eq!(first_pillar["paragraphs"], 10);
    assert_eq!(first_pillar["by_status"], serde_json::json!([0, 1, 0]));
    assert_eq!(json["totals"]["dataset_activities"], 1);
    assert_eq!(json["uncovered"].as_array().unwrap().len(), 96);
}

/// A tally counted once gives, for every status subset a legend can choose,
/// the summary of just the activities with those statuses.
#[test]
fn every_status_subset_of_one_tally_equals_summarising_those_activities() {
    use kyoto_widgets::core::aggregate::Tally;
    use kyoto_widgets::core::synth::synthetic_export;
    let data = synthetic_export(3_000, 7);
    let tally = Tally::new(&data, DeclarationIndex::get());
    for bits in 0u8..8 {
        let statuses: Vec<Status> = Status::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect();
        let options = SummaryOptions::only(&statuses);
        let derived = tally.summary(&options);
        let subset = Dataset {
            activities: data
                .activities
                .iter()
                .filter(|a| statuses.contains(&a.status))
                .cloned()
                .collect(),
            ..data.clone()
        };
        let mut direct = summarize(&subset, &SummaryOptions::default());
        direct.options = options;
        direct.totals.dataset_activities = 3_000;
        assert_eq!(derived, direct, "statuses {statuses:?}");
        assert_eq!(derived, summarize(&data, &options), "statuses {statuses:?}");
    }
    // Something to compare: the subsets differ.
    assert_ne!(
        tally
            .summary(&SummaryOptions::only(&[Status::Completed]))
            .totals,
        tally.summary(&SummaryOptions::default()).totals
    );
}
