//! The indicators widget's model, layout and drawing over the progress
//! fixture (`tests/fixtures/progress/`, its README lists what it holds): the
//! status of every indicator, the latest values, the breakdowns offered, the
//! drill-down's table, the same from the CSV files and the .xlsx workbook;
//! the layout's hit-testing and mirroring; golden SVG files of the overview
//! and of one drill-down, reviewed like code.

use kyoto_widgets::core::chart::ChartLocale;
use kyoto_widgets::core::i18n::{Catalog, Lang};
use kyoto_widgets::core::import::ImportLimits;
use kyoto_widgets::core::indicators::layout::{
    layout_detail, layout_overview, IndicatorsLayoutOptions, OverviewLayout, StatusKind,
};
use kyoto_widgets::core::indicators::{
    breakdown_text, detail, overview, parse_breakdown, BreakdownDimension, IndicatorIndex,
    IndicatorsOverview,
};
use kyoto_widgets::core::layout::{EstimatedText, FocusKey, TextMeasure};
use kyoto_widgets::core::model::Pillar;
use kyoto_widgets::core::progress::status::ProgressStatus::{self, *};
use kyoto_widgets::core::progress::{
    read_files, read_workbook, Area, Breakdown, ObservationStatus, ProgressDataset,
};
use kyoto_widgets::render::indicators::{detail_svg, overview_svg, IndicatorColours};
use std::path::Path;

const TABLES: [&str; 5] = [
    "indicators.csv",
    "indicator_data.csv",
    "questions.csv",
    "responses.csv",
    "reports.csv",
];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/progress/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn csv() -> ProgressDataset {
    let files: Vec<(&str, Vec<u8>)> = TABLES.iter().map(|n| (*n, fixture(n))).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    read_files(&refs).unwrap().dataset
}

fn xlsx() -> ProgressDataset {
    read_workbook(&fixture("kyoto-progress.xlsx"), &ImportLimits::default())
        .unwrap()
        .dataset
}

fn world_total(d: &ProgressDataset) -> IndicatorsOverview {
    overview(d, &IndicatorIndex::new(d), None, &Breakdown::total(), None)
}

/// Every indicator's headline status, as the fixture's README lists them.
const STATUSES: [(&str, Option<ProgressStatus>); 12] = [
    ("I-1", Some(Moderate)),
    ("I-2", Some(OnTrack)),
    ("I-3", Some(StagnationOrRegression)),
    ("II-1", Some(Moderate)),
    ("II-2", Some(StagnationOrRegression)),
    ("II-3", Some(Moderate)),
    ("III-1", Some(OnTrack)),
    ("III-2", Some(Moderate)),
    ("III-3", Some(StagnationOrRegression)),
    ("IV-1", Some(OnTrack)),
    ("IV-2", Some(StagnationOrRegression)),
    ("IV-3", Some(Moderate)),
];

#[test]
fn every_indicator_has_the_status_the_fixture_lists_from_csv_and_xlsx() {
    for (form, d) in [("csv", csv()), ("xlsx", xlsx())] {
        let view = world_total(&d);
        assert_eq!(view.area, Area::WORLD, "{form}: World is the default area");
        let got: Vec<(&str, Option<ProgressStatus>)> =
            view.rows().map(|r| (r.id.as_str(), r.status())).collect();
        assert_eq!(got, STATUSES, "{form}");
        let pillars: Vec<(Pillar, usize)> = view
            .pillars
            .iter()
            .map(|p| (p.pillar, p.rows.len()))
            .collect();
        assert_eq!(
            pillars,
            [
                (Pillar::I, 3),
                (Pillar::II, 3),
                (Pillar::III, 3),
                (Pillar::IV, 3)
            ],
            "{form}"
        );
        assert_eq!(
            view.pillars.first().map(|p| p.heading.as_str()),
            Some("Advancing crime prevention")
        );
    }
}

#[test]
fn latest_values_baselines_and_targets() {
    let view = world_total(&xlsx());
    let got: Vec<(&str, String, f64)> = view
        .rows()
        .map(|r| {
            let (p, v) = r.latest().unwrap();
            (r.id.as_str(), p.to_string(), v)
        })
        .collect();
    let want: Vec<(&str, String, f64)> = [
        ("I-1", "2023", 5.6),
        ("I-2", "2024", 75.0),
        ("I-3", "2024", 23.3),
        // 30.1 for `FY2023` is a refused row: the latest is 2023's.
        ("II-1", "2023", 30.2),
        ("II-2", "2022-2023", 39.0),
        ("II-3", "2024", 104.0),
        ("III-1", "2024", 15.0),
        ("III-2", "2024", 47.0),
        ("III-3", "2023", 53.5),
        ("IV-1", "2024-Q2", 60.5),
        ("IV-2", "2023", 1750.0),
        ("IV-3", "2025", 76.0),
    ]
    .iter()
    .map(|(id, p, v)| (*id, p.to_string(), *v))
    .collect();
    assert_eq!(got, want);
    let i1 = view.row("I-1").unwrap();
    assert_eq!(i1.series.len(), 5);
    assert_eq!(
        i1.assessment.baseline.map(|b| (b.time, b.value)),
        Some((2015.0, 6.2))
    );
    assert_eq!(i1.target.map(|t| (t.year, t.value)), Some((2030, 3.1)));
    assert!(view.row("I-3").unwrap().target.is_none());
    // II-2 has no value in its baseline year: the table's baseline is used.
    let ii2 = view.row("II-2").unwrap();
    assert_eq!(ii2.assessment.baseline.map(|b| b.value), Some(38.0));
}

fn dim(dimension: &str, values: &[&str]) -> BreakdownDimension {
    BreakdownDimension {
        dimension: dimension.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

#[test]
fn the_breakdowns_offered_are_those_with_data() {
    let view = world_total(&xlsx());
    let of = |id: &str| view.row(id).unwrap().breakdowns.clone();
    assert_eq!(of("I-1"), [dim("sex", &["female", "male"])]);
    assert_eq!(
        of("I-2"),
        [
            dim("age", &["60+"]),
            dim("location", &["rural", "urban"]),
            dim("sex", &["female"])
        ]
    );
    assert_eq!(of("I-3"), [dim("age", &["15-19", "20-24"])]);
    assert_eq!(of("II-1"), [dim("sex", &["female", "male"])]);
    assert_eq!(of("III-1"), []);
    assert_eq!(
        view.breakdowns(),
        [
            dim("age", &["15-19", "20-24", "60+"]),
            dim("location", &["rural", "urban"]),
            dim("sex", &["female", "male"])
        ]
    );
}

#[test]
fn a_breakdown_gives_its_own_series_and_statuses() {
    let d = xlsx();
    let index = IndicatorIndex::new(&d);
    let women = parse_breakdown("sex=female").unwrap();
    let view = overview(&d, &index, None, &women, None);
    let got: Vec<(&str, Option<ProgressStatus>, usize)> = view
        .rows()
        .map(|r| (r.id.as_str(), r.status(), r.series.len()))
        .collect();
    // I-1 women: 2.3 (2015) to 2.1 (2023), below the target of 3.1: met.
    // II-1 women: 35.2 (2015) to 33.9 (2023): CR_a = -0.1625, CR_r =
    // (20 - 35.2) / 15 = -1.0133, ratio 0.16: moderate. I-2 women (60+ only):
    // no female-only series. The others have no breakdown by sex.
    assert_eq!(got.first(), Some(&("I-1", Some(OnTrack), 3)));
    assert_eq!(got.get(3), Some(&("II-1", Some(Moderate), 2)));
    let assessed: Vec<&str> = got
        .iter()
        .filter(|(_, s, _)| s.is_some())
        .map(|(id, _, _)| *id)
        .collect();
    assert_eq!(assessed, ["I-1", "II-1"]);
    let ii1 = view.row("II-1").unwrap();
    assert!((ii1.assessment.ratio.unwrap() - (-1.3 / 8.0) / (-15.2 / 15.0)).abs() < 1e-12);

    // A country: Brazil's homicide rate, 28.4 (2015) to 20.6 (2023).
    let brazil = overview(
        &d,
        &index,
        Some(Area::parse("BRA").unwrap()),
        &Breakdown::total(),
        None,
    );
    let i1 = brazil.row("I-1").unwrap();
    assert_eq!(i1.latest().map(|(_, v)| v), Some(20.6));
    // CR_a = -7.8 / 8 = -0.975; CR_r = (3.1 - 28.4) / 15 = -1.6867; 0.578.
    assert_eq!(i1.status(), Some(Moderate));
    assert_eq!(brazil.row("I-2").unwrap().status(), None);
}

#[test]
fn areas_with_data_and_the_default_area() {
    let d = xlsx();
    let index = IndicatorIndex::new(&d);
    let areas: Vec<String> = index.areas().iter().map(|a| a.area.to_string()).collect();
    assert_eq!(
        areas,
        [
            "001", "150", "BRA", "DEU", "ESP", "GHA", "IND", "JPN", "KEN", "MEX", "PER", "ROU",
            "SEN", "UKR"
        ]
    );
    assert_eq!(index.areas().first().map(|a| a.observations), Some(76));
    assert_eq!(index.default_area(), Some(Area::WORLD));
    // Without the World, the area with most data.
    let mut no_world = d.clone();
    no_world.observations.retain(|o| o.area != Area::WORLD);
    let index = IndicatorIndex::new(&no_world);
    // Romania has 4 (I-1 and II-1, 2015 and 2023), Europe 3, Brazil 3.
    let rou = Area::parse("ROU").unwrap();
    assert_eq!(index.default_area(), Some(rou));
    assert_eq!(
        overview(&no_world, &index, None, &Breakdown::total(), None).area,
        rou
    );
}

#[test]
fn the_areas_with_data_of_each_pillar_and_its_default_area() {
    let d = xlsx();
    let index = IndicatorIndex::new(&d);
    let codes = |p: Option<Pillar>| -> Vec<String> {
        index
            .areas_of(p)
            .iter()
            .map(|a| a.area.to_string())
            .collect()
    };
    assert_eq!(index.areas_of(None), index.areas());
    // Japan reports pillar I's indicators only; pillar III has the World,
    // Senegal and Ukraine; pillar IV, in the workbook, Spain too.
    assert_eq!(codes(Some(Pillar::III)), ["001", "SEN", "UKR"]);
    assert_eq!(codes(Some(Pillar::IV)), ["001", "ESP", "GHA", "PER"]);
    assert!(codes(Some(Pillar::I)).contains(&"JPN".to_string()));
    let jpn = Area::parse("JPN").unwrap();
    assert!(index.has_data(jpn, None));
    assert!(index.has_data(jpn, Some(Pillar::I)));
    assert!(!index.has_data(jpn, Some(Pillar::III)));
    // The area shown: the one chosen where it has data, else the default.
    assert_eq!(index.area_shown(Some(jpn), Some(Pillar::I)), Some(jpn));
    assert_eq!(index.area_shown(Some(jpn), Some(Pillar::III)), None);
    assert_eq!(index.area_shown(Some(jpn), None), Some(jpn));
    // Each pillar's observations are its indicators' only.
    let sum =
        |p: Option<Pillar>| -> usize { index.areas_of(p).iter().map(|a| a.observations).sum() };
    assert_eq!(
        Pillar::ALL.iter().map(|&p| sum(Some(p))).sum::<usize>(),
        sum(None)
    );
    // Without the World, a pillar's default is its own area with the most
    // data, which the overview of that pillar shows.
    let mut no_world = d.clone();
    no_world.observations.retain(|o| o.area != Area::WORLD);
    let index = IndicatorIndex::new(&no_world);
    let iii = index.default_area_of(Some(Pillar::III)).unwrap();
    assert!(["SEN", "UKR"].contains(&iii.to_string().as_str()));
    assert_eq!(
        overview(
            &no_world,
            &index,
            None,
            &Breakdown::total(),
            Some(Pillar::III)
        )
        .area,
        iii
    );
    assert_eq!(index.default_area(), Area::parse("ROU").ok());
}

#[test]
fn the_drill_down_of_i_1_has_every_series_and_the_table() {
    let d = xlsx();
    let index = IndicatorIndex::new(&d);
    let i1 = detail(&d, &index, "I-1", None).unwrap();
    assert_eq!(i1.area, Area::WORLD);
    let series: Vec<(String, usize, Option<ProgressStatus>)> = i1
        .series
        .iter()
        .map(|s| {
            (
                breakdown_text(&s.breakdown),
                s.values.len(),
                s.assessment.status.ok(),
            )
        })
        .collect();
    assert_eq!(
        series,
        [
            ("total".to_string(), 5, Some(Moderate)),
            ("sex=female".to_string(), 3, Some(OnTrack)),
            ("sex=male".to_string(), 3, Some(Moderate)),
        ]
    );
    let rows: Vec<(String, String, f64, Option<ObservationStatus>)> = i1
        .rows
        .iter()
        .map(|r| {
            (
                breakdown_text(&r.breakdown),
                r.period.to_string(),
                r.value,
                r.status,
            )
        })
        .collect();
    use ObservationStatus::{Estimated as E, Normal as A, Provisional as P};
    let want: Vec<(String, String, f64, Option<ObservationStatus>)> = [
        ("total", "2015", 6.2, Some(A)),
        ("total", "2017", 6.0, Some(A)),
        ("total", "2019", 5.8, Some(A)),
        ("total", "2021", 5.8, Some(A)),
        ("total", "2023", 5.6, Some(P)),
        ("sex=female", "2015", 2.3, Some(E)),
        ("sex=female", "2019", 2.2, Some(E)),
        ("sex=female", "2023", 2.1, Some(E)),
        ("sex=male", "2015", 10.1, Some(E)),
        ("sex=male", "2019", 9.4, Some(E)),
        ("sex=male", "2023", 9.1, Some(E)),
    ]
    .iter()
    .map(|(b, p, v, s)| (b.to_string(), p.to_string(), *v, *s))
    .collect();
    assert_eq!(rows, want);
    assert_eq!(i1.sdg_indicator().as_deref(), Some("16.1.1"));
    assert_eq!(
        i1.indicator.source.as_deref(),
        Some("UNODC Homicide Statistics")
    );
    assert_eq!(i1.indicator.footnote, None);
    assert_eq!(i1.pillar_heading, "Advancing crime prevention");
    // A footnote and a comment.
    let i3 = detail(&d, &index, "I-3", None).unwrap();
    assert_eq!(
        i3.indicator.footnote.as_deref(),
        Some("No numerical target: the growth-rate rule applies.")
    );
    let i2 = detail(&d, &index, "I-2", None).unwrap();
    let commented: Vec<(&str, &str)> = i2
        .rows
        .iter()
        .filter_map(|r| {
            r.comment
                .as_deref()
                .map(|c| (c, r.breakdown.get("age").unwrap_or("")))
        })
        .collect();
    assert_eq!(commented, [("Older women", "60+")]);
    assert!(detail(&d, &index, "I-9", None).is_none());
}

#[test]
fn breakdowns_are_read_as_written() {
    assert_eq!(
        parse_breakdown(" age=60+, sex=female ").unwrap(),
        Breakdown::of(&[("age", "60+"), ("sex", "female")])
    );
    assert_eq!(parse_breakdown("sex=total").unwrap(), Breakdown::total());
    assert_eq!(
        parse_breakdown("female").unwrap_err(),
        "'female' is not dimension=value (write sex=female, or age=15-24,sex=male)"
    );
    assert_eq!(
        parse_breakdown("sex=").unwrap_err(),
        "'sex=' needs a dimension and a value"
    );
    assert_eq!(
        breakdown_text(&Breakdown::of(&[("sex", "male"), ("age", "60+")])),
        "age=60+,sex=male"
    );
}

fn english() -> ChartLocale<'static> {
    ChartLocale::english()
}

/// English numbers, Arabic words.
fn arabic() -> ChartLocale<'static> {
    ChartLocale {
        text: Catalog::get(Lang::Ar),
        ..english()
    }
}

/// `view` laid out right to left in Arabic, with `opts` otherwise.
fn arabic_layout(view: &IndicatorsOverview, opts: IndicatorsLayoutOptions) -> OverviewLayout {
    layout_overview(
        view,
        &IndicatorsLayoutOptions { rtl: true, ..opts },
        arabic(),
        &EstimatedText,
    )
}

#[test]
fn the_overview_layout_has_a_row_per_indicator_hit_tested_and_focused_in_order() {
    let view = world_total(&xlsx());
    let l = layout_overview(
        &view,
        &IndicatorsLayoutOptions::default(),
        english(),
        &EstimatedText,
    );
    assert_eq!(l.rows.len(), 12);
    assert_eq!(l.headings.len(), 5, "Pillar IV's heading takes two lines");
    let ids: Vec<&str> = l.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, STATUSES.map(|(id, _)| id));
    let kinds: Vec<StatusKind> = l.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        kinds,
        STATUSES.map(|(_, s)| s.map_or(StatusKind::NotAssessed, StatusKind::Status))
    );
    // Rows follow each other without overlapping; each is hit at its middle.
    for (i, r) in l.rows.iter().enumerate() {
        let (x, y) = (r.rect.x + r.rect.w / 2.0, r.rect.y + r.rect.h / 2.0);
        assert_eq!(l.row_at(x, y), Some(i));
        assert_eq!(
            r.spark_points.len(),
            view.rows().nth(i).unwrap().series.len()
        );
        assert!(
            r.spark_points.windows(2).all(|w| w[0].0 < w[1].0),
            "time runs rightwards"
        );
        assert!(r.badge.x >= r.spark.right());
    }
    assert!(l
        .rows
        .windows(2)
        .all(|w| w[0].rect.bottom() <= w[1].rect.y + 1e-9));
    assert_eq!(l.row_at(-5.0, -5.0), None);
    assert!(l.height >= l.rows.last().unwrap().rect.bottom());
    assert_eq!(l.next_focus(None, FocusKey::Next), Some(0));
    assert_eq!(l.next_focus(Some(11), FocusKey::Next), Some(11));
    assert_eq!(l.next_focus(Some(3), FocusKey::Previous), Some(2));
    assert_eq!(l.next_focus(None, FocusKey::Last), Some(11));
}

#[test]
fn on_a_phone_a_row_is_stacked_and_no_figure_is_cut() {
    let view = world_total(&xlsx());
    // A 360-pixel screen at the widget's default font size.
    let opts = IndicatorsLayoutOptions {
        width: 330.0,
        ..IndicatorsLayoutOptions::default()
    };
    let l = layout_overview(&view, &opts, english(), &EstimatedText);
    assert_eq!(l.rows.len(), 12);
    for r in &l.rows {
        let title_bottom = r.title_lines.last().unwrap().y;
        assert!(
            r.badge.y > title_bottom,
            "{}: the badge under the title",
            r.id
        );
        assert!(
            r.spark.y >= r.badge.bottom(),
            "{}: the figures under the badge",
            r.id
        );
        assert!(
            r.spark.x > r.figures[0].x,
            "{}: the sparkline beside the figures",
            r.id
        );
        assert!(r.spark.right() <= l.width, "{}: inside the plot", r.id);
        assert!(
            r.rect.bottom() >= r.spark.bottom(),
            "{}: the row holds its parts",
            r.id
        );
        for t in r.figures.iter().chain(&r.badge_lines) {
            assert!(!t.text.contains('…'), "{}: {:?} cut", r.id, t.text);
        }
    }
    let figures: Vec<&str> = l.rows[0].figures.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        figures,
        [
            "Latest 5.6 (2023)",
            "Baseline 6.2 (2015)",
            "Target 3.1 (2030)"
        ]
    );
    assert!(l
        .rows
        .windows(2)
        .all(|w| w[0].rect.bottom() <= w[1].rect.y + 1e-9));
}

#[test]
fn on_a_phone_pillar_iv_s_heading_wraps_whole_and_fits() {
    let d = xlsx();
    let index = IndicatorIndex::new(&d);
    let iv = overview(&d, &index, None, &Breakdown::total(), Some(Pillar::IV));
    let full = "Pillar IV · Promoting international cooperation and technical assistance \
                to prevent and address all forms of crime";
    for (width, rtl) in [
        (330.0, false),
        (330.0, true),
        (570.0, false),
        (200.0, false),
    ] {
        let opts = IndicatorsLayoutOptions {
            width,
            ..IndicatorsLayoutOptions::default()
        };
        let l = if rtl {
            arabic_layout(&iv, opts)
        } else {
            layout_overview(&iv, &opts, english(), &EstimatedText)
        };
        let lines: Vec<&str> = l.headings.iter().map(|h| h.text.as_str()).collect();
        if !rtl {
            assert_eq!(lines.join(" "), full, "at {width} px: {lines:?}");
        }
        assert!(lines.len() >= 2, "at {width} px: {lines:?}");
        for h in &l.headings {
            assert!(!h.text.contains('…'), "at {width} px, cut: {:?}", h.text);
            let w = EstimatedText.width(&h.text, h.font_px);
            let (left, right) = if rtl { (h.x - w, h.x) } else { (h.x, h.x + w) };
            assert!(
                left >= 0.0 && right <= l.width,
                "at {width} px: {:?}",
                h.text
            );
        }
        // The rows start under the heading's last line.
        let last = l.headings.last().unwrap();
        assert!(l.rows[0].rect.y > last.y, "at {width} px");
    }
}

#[test]
fn right_to_left_mirrors_the_columns_but_not_time() {
    let view = world_total(&xlsx());
    let opts = IndicatorsLayoutOptions::default();
    let ltr = layout_overview(&view, &opts, english(), &EstimatedText);
    let rtl = arabic_layout(&view, opts);
    let (a, b) = (&ltr.rows[0], &rtl.rows[0]);
    assert!(a.title_lines[0].x < a.spark.x, "titles first on the left");
    assert!(
        b.title_lines[0].x > b.spark.right(),
        "titles first on the right"
    );
    assert!((a.spark.x - (rtl.width - b.spark.right())).abs() < 1e-9);
    assert!(b.badge.right() < b.spark.x);
    assert!(b.spark_points.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn the_detail_layout_marks_baseline_and_target_and_draws_every_series() {
    let d = xlsx();
    let i1 = detail(&d, &IndicatorIndex::new(&d), "I-1", None).unwrap();
    let l = layout_detail(
        &i1,
        &IndicatorsLayoutOptions::default(),
        english(),
        &EstimatedText,
    );
    assert_eq!(l.lines.len(), 3);
    let counts: Vec<usize> = l.lines.iter().map(|s| s.points.len()).collect();
    assert_eq!(counts, [5, 3, 3]);
    let (b, t) = (l.baseline.as_ref().unwrap(), l.target.as_ref().unwrap());
    // 2015 at the left edge, 2030 at the right: time from the baseline to
    // the target.
    assert!((b.x - l.plot.x).abs() < 1e-9);
    assert!((t.x - l.plot.right()).abs() < 1e-9);
    // The total's first point is the baseline.
    assert_eq!(l.lines[0].points[0], (b.x, b.y));
    let (x, y) = l.lines[2].points[1];
    assert_eq!(l.point_at(x + 3.0, y - 3.0), Some((2, 1)));
    assert_eq!(l.point_at(0.0, 0.0), None);
    let years: Vec<&str> = l.x_ticks.iter().map(|(_, t)| t.text.as_str()).collect();
    // Round years, as many as fit: every second one at this width.
    assert_eq!(
        years,
        ["2016", "2018", "2020", "2022", "2024", "2026", "2028", "2030"]
    );
    // The value axis from 0 to a round maximum above 10.1 (male, 2015).
    let values: Vec<&str> = l.y_ticks.iter().map(|(_, t)| t.text.as_str()).collect();
    assert_eq!(values, ["0", "5", "10", "15"]);
}

/// Compares with `tests/golden/NAME.svg`; with UPDATE_GOLDEN=1 writes it.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with UPDATE_GOLDEN=1 and review it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name}.svg differs from its golden file (UPDATE_GOLDEN=1 to accept after review)"
    );
}

fn text_line(text: &str) -> String {
    format!(">\n{text}\n</text>")
}

#[test]
fn the_overview_svg_shows_each_status_in_words() {
    let view = world_total(&xlsx());
    let l = layout_overview(
        &view,
        &IndicatorsLayoutOptions::default(),
        english(),
        &EstimatedText,
    );
    let svg = overview_svg(&l, &IndicatorColours::LIGHT).unwrap();
    let count = |t: &str| svg.matches(&text_line(t)).count();
    assert_eq!(count("On track"), 3);
    assert_eq!(count("Moderate progress"), 5);
    assert_eq!(count("Stagnation or regression"), 4);
    assert_eq!(count("Latest 5.6 (2023)"), 1);
    assert_eq!(count("Baseline 6.2 (2015)"), 1);
    assert_eq!(count("Target 3.1 (2030)"), 1);
    assert_eq!(count("Latest 60.5 (2024 Q2)"), 1);
    assert_eq!(count("Latest 39 (2022–2023)"), 1);
    assert_eq!(count("No numerical target"), 4);
    assert_eq!(count("World · Total"), 1);
    golden("indicators-overview", &svg);
}

#[test]
fn the_drill_down_svg_of_i_1() {
    let d = xlsx();
    let i1 = detail(&d, &IndicatorIndex::new(&d), "I-1", None).unwrap();
    let l = layout_detail(
        &i1,
        &IndicatorsLayoutOptions::default(),
        english(),
        &EstimatedText,
    );
    let svg = detail_svg(&l, &IndicatorColours::LIGHT).unwrap();
    for t in [
        "I-1 · Victims of intentional homicide",
        "World · per 100,000 population · Lower is better",
        "Total: Moderate progress",
        "Female: On track",
        "Male: Moderate progress",
        "Baseline 6.2 (2015)",
        "Target 3.1 (2030)",
        "SDG indicator 16.1.1",
        "Source: UNODC Homicide Statistics",
    ] {
        assert_eq!(svg.matches(&text_line(t)).count(), 1, "{t}");
    }
    assert!(svg.contains("Status: moderate progress: ratio of actual to required progress 0.36"));
    golden("indicators-I-1", &svg);
}

#[test]
fn dark_and_arabic_draw_too() {
    let d = xlsx();
    let view = world_total(&d);
    let opts = IndicatorsLayoutOptions {
        rtl: true,
        ..IndicatorsLayoutOptions::default()
    };
    let l = layout_overview(&view, &opts, arabic(), &EstimatedText);
    let svg = overview_svg(&l, &IndicatorColours::DARK).unwrap();
    assert_eq!(svg.matches("على المسار الصحيح").count(), 3);
    assert!(svg.contains("fill=\"#181B1F\"") || svg.contains("#181b1f"));
}

#[test]
fn the_method_in_a_line_speaks_the_language_and_keeps_its_figure() {
    use kyoto_widgets::core::indicators::layout::method_words;
    let d = xlsx();
    let view = world_total(&d);
    let french = ChartLocale {
        text: Catalog::get(Lang::Fr),
        ..english()
    };
    let i1 = &view.row("I-1").unwrap().assessment;
    assert_eq!(
        method_words(french, i1),
        "Progrès modérés — Rapport entre progrès constatés et progrès nécessaires (avec cible): 0.36"
    );
    // III-2's growth rate, 1.97%: below the 2% of on track, and shown so.
    let iii2 = &view.row("III-2").unwrap().assessment;
    assert_eq!(
        method_words(french, iii2),
        "Progrès modérés — Taux de croissance annuel composé (sans cible): 1.97%"
    );
    assert!(method_words(english(), iii2).starts_with("moderate progress: no target;"));
}

#[test]
fn the_csv_downloads_hold_the_figures_shown_with_numbers_plain() {
    use kyoto_widgets::core::chart::PlainNumbers;
    use kyoto_widgets::core::indicators::figures::{detail_table, overview_table};
    let d = csv();
    let english = ChartLocale::english();
    let csv = overview_table(&world_total(&d), english).csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        14,
        "a header, 12 indicators and the last line's end"
    );
    assert_eq!(
        lines[0],
        "Pillar,Indicator,Name,Unit,Area,Breakdown,Latest value,Period of the latest value,Baseline,Period of the baseline,Target,Target year,Status"
    );
    assert_eq!(
        lines[1],
        "I,I-1,Victims of intentional homicide,\"per 100,000 population\",World,Total,5.6,2023,6.2,2015,3.1,2030,Moderate progress"
    );
    // No numerical target: its cells are empty.
    assert_eq!(
        lines[3],
        "I,I-3,\"Youth (15-24) not in education, employment or training\",%,World,Total,23.3,2024,21.8,2015,,,Stagnation or regression"
    );
    // A quarter.
    assert_eq!(
        lines[10],
        "IV,IV-1,Mutual legal assistance requests executed within six months,%,World,Total,60.5,2024-Q2,48,2018,75,2030,On track"
    );
    assert_eq!(lines[13], "");
    // In Arabic: the headings and words translated, the numbers plain.
    let arabic = ChartLocale {
        text: Catalog::get(Lang::Ar),
        numbers: &PlainNumbers,
    };
    let ar = overview_table(&world_total(&d), arabic).csv();
    assert!(ar.starts_with("الركيزة,المؤشر,"), "{ar}");
    assert!(ar.contains(",5.6,2023,6.2,2015,3.1,2030,"), "{ar}");

    // A drill-down: every observation of the World.
    let index = IndicatorIndex::new(&d);
    let i1 = detail(&d, &index, "I-1", None).unwrap();
    assert_eq!(
        detail_table(&i1, english).csv(),
        "Indicator,Area,Breakdown,Period,Value,Status of the value,Comment\r\n\
         I-1,World,Total,2015,6.2,Normal,\r\n\
         I-1,World,Total,2017,6,Normal,\r\n\
         I-1,World,Total,2019,5.8,Normal,\r\n\
         I-1,World,Total,2021,5.8,Normal,\r\n\
         I-1,World,Total,2023,5.6,Provisional,\r\n\
         I-1,World,Female,2015,2.3,Estimated,\r\n\
         I-1,World,Female,2019,2.2,Estimated,\r\n\
         I-1,World,Female,2023,2.1,Estimated,\r\n\
         I-1,World,Male,2015,10.1,Estimated,\r\n\
         I-1,World,Male,2019,9.4,Estimated,\r\n\
         I-1,World,Male,2023,9.1,Estimated,\r\n"
    );
}

#[test]
fn a_pillar_narrows_the_overview_to_its_indicators_and_their_breakdowns() {
    let d = xlsx();
    let index = IndicatorIndex::new(&d);
    let all = overview(&d, &index, None, &Breakdown::total(), None);
    let ii = overview(&d, &index, None, &Breakdown::total(), Some(Pillar::II));
    assert_eq!((all.pillar, ii.pillar), (None, Some(Pillar::II)));
    let pillars: Vec<Pillar> = ii.pillars.iter().map(|p| p.pillar).collect();
    assert_eq!(pillars, [Pillar::II]);
    let ids: Vec<&str> = ii.rows().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["II-1", "II-2", "II-3"]);
    // Each row as the whole overview has it: the same series and status.
    for r in ii.rows() {
        assert_eq!(Some(r), all.row(&r.id), "{}", r.id);
    }
    // The breakdown menu offers the pillar's: only II-1 has any, by sex.
    assert_eq!(ii.breakdowns(), [dim("sex", &["female", "male"])]);
    let iii = overview(&d, &index, None, &Breakdown::total(), Some(Pillar::III));
    assert_eq!(iii.breakdowns(), []);
    // With an area and a breakdown too.
    let women = parse_breakdown("sex=female").unwrap();
    let ii_women = overview(&d, &index, None, &women, Some(Pillar::II));
    let got: Vec<(&str, Option<ProgressStatus>)> = ii_women
        .rows()
        .map(|r| (r.id.as_str(), r.status()))
        .collect();
    assert_eq!(
        got,
        [("II-1", Some(Moderate)), ("II-2", None), ("II-3", None)]
    );
}

#[test]
fn one_pillar_is_drawn_under_its_heading_alone() {
    let d = xlsx();
    let index = IndicatorIndex::new(&d);
    let ii = overview(&d, &index, None, &Breakdown::total(), Some(Pillar::II));
    let l = layout_overview(
        &ii,
        &IndicatorsLayoutOptions::default(),
        english(),
        &EstimatedText,
    );
    let headings: Vec<&str> = l.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        headings,
        ["Pillar II · Advancing the criminal justice system"]
    );
    assert!(l.notes.is_empty());
    let ids: Vec<&str> = l.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["II-1", "II-2", "II-3"]);
    // Shorter than the whole overview: the download is the pillar's.
    let all = layout_overview(
        &world_total(&d),
        &IndicatorsLayoutOptions::default(),
        english(),
        &EstimatedText,
    );
    assert!(l.height < all.height / 2.0);
    let svg = overview_svg(&l, &IndicatorColours::LIGHT).unwrap();
    let count = |t: &str| svg.matches(&text_line(t)).count();
    assert_eq!(
        count("Pillar II · Advancing the criminal justice system"),
        1
    );
    assert_eq!(count("Moderate progress"), 2);
    assert_eq!(count("Stagnation or regression"), 1);
    assert_eq!(count("On track"), 0);
    assert!(!svg.contains(">\nI-1 · "), "no row of another pillar");
    golden("indicators-overview-pillar-II", &svg);
}

#[test]
fn a_pillar_without_indicators_shows_its_heading_and_says_so() {
    let mut d = xlsx();
    d.indicators.retain(|i| i.pillar != Pillar::III);
    let index = IndicatorIndex::new(&d);
    let view = overview(&d, &index, None, &Breakdown::total(), Some(Pillar::III));
    assert_eq!(view.pillars.len(), 1);
    assert_eq!(view.pillars[0].pillar, Pillar::III);
    assert!(view.pillars[0].rows.is_empty());
    let opts = IndicatorsLayoutOptions::default();
    let l = layout_overview(&view, &opts, english(), &EstimatedText);
    let texts = |b: &[kyoto_widgets::core::layout::TextBox]| -> Vec<String> {
        b.iter().map(|t| t.text.clone()).collect()
    };
    assert_eq!(
        texts(&l.headings),
        ["Pillar III · Promoting the rule of law"]
    );
    assert_eq!(
        texts(&l.notes),
        ["No indicator of this pillar in the data."]
    );
    assert!(l.rows.is_empty());
    assert!(l.notes[0].y > l.headings[0].y);
    let svg = overview_svg(&l, &IndicatorColours::LIGHT).unwrap();
    assert!(svg.contains(&text_line("No indicator of this pillar in the data.")));
    // Right to left, the line is mirrored as the heading is.
    let rtl = arabic_layout(&view, opts);
    assert_eq!(texts(&rtl.notes), ["لا مؤشرات لهذه الركيزة في البيانات."]);
    assert_eq!(rtl.notes[0].align, rtl.headings[0].align);
    assert!((rtl.notes[0].x - (rtl.width - l.notes[0].x)).abs() < 1e-9);
    // Every pillar: one without indicators is left out, as before.
    let all = overview(&d, &index, None, &Breakdown::total(), None);
    let pillars: Vec<Pillar> = all.pillars.iter().map(|p| p.pillar).collect();
    assert_eq!(pillars, [Pillar::I, Pillar::II, Pillar::IV]);
}

#[test]
fn the_csv_download_of_one_pillar_holds_its_indicators_only() {
    use kyoto_widgets::core::indicators::figures::overview_table;
    let d = csv();
    let index = IndicatorIndex::new(&d);
    let ii = overview(&d, &index, None, &Breakdown::total(), Some(Pillar::II));
    let csv = overview_table(&ii, ChartLocale::english()).csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        5,
        "a header, 3 indicators and the last line's end"
    );
    assert!(lines[0].starts_with("Pillar,Indicator,"));
    let ids: Vec<String> = lines[1..4]
        .iter()
        .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(ids, ["II,II-1", "II,II-2", "II,II-3"]);
}
