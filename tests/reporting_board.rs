//! The reporting widget's model over the fixture in
//! `tests/fixtures/progress/` (CSV files and the .xlsx workbook): the exact
//! figures `<kyoto-reporting>` and `kyoto reporting` show, counted on
//! 1 August 2026 with published answers only. The States reporting per
//! pillar and cycle are those of `tests/progress.rs` (and of
//! `expected.json`, which the fixture's generator counts in Python).

use kyoto_widgets::core::import::ImportLimits;
use kyoto_widgets::core::layout::EstimatedText;
use kyoto_widgets::core::layout::SegmentKind;
use kyoto_widgets::core::model::{PartialDate, Pillar};
use kyoto_widgets::core::progress::reporting::ReportingOptions;
use kyoto_widgets::core::progress::{
    read_files, read_workbook, Area, ProgressDataset, RespondentType,
};
use kyoto_widgets::core::reporting_board::tile_grid::{
    english_name, layout_tile_map, place_of, world_tile_grid, TileKey, TileMapOptions,
};
use kyoto_widgets::core::reporting_board::{
    sort_rows, CountryColumn, CountryFilter, CountrySort, ReportStatus, ReportingBoard,
};
use serde_json::Value;
use std::collections::BTreeSet;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/progress/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn xlsx() -> ProgressDataset {
    read_workbook(&fixture("kyoto-progress.xlsx"), &ImportLimits::default())
        .unwrap()
        .dataset
}

fn csv() -> ProgressDataset {
    let names = ["questions.csv", "responses.csv", "reports.csv"];
    let files: Vec<(&str, Vec<u8>)> = names.iter().map(|n| (*n, fixture(n))).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    read_files(&refs).unwrap().dataset
}

fn options() -> ReportingOptions {
    ReportingOptions {
        as_of: PartialDate::new(2026, Some(8), Some(1)),
        ..ReportingOptions::default()
    }
}

fn board() -> (ProgressDataset, ReportingBoard) {
    let d = xlsx();
    let b = ReportingBoard::new(&d, options());
    (d, b)
}

fn area(code: &str) -> Area {
    Area::parse(code).unwrap()
}

fn codes<'a>(
    rows: impl IntoIterator<Item = &'a kyoto_widgets::core::reporting_board::CountryRow>,
) -> Vec<String> {
    rows.into_iter().map(|r| r.area.to_string()).collect()
}

/// States reporting, with a report on time, with a report late.
type Standing = (usize, usize, usize);

/// Per cycle, per pillar: the States reporting by their report.
const STANDINGS: [(&str, [Standing; 4]); 5] = [
    ("2022", [(24, 19, 5), (14, 13, 1), (22, 19, 3), (16, 13, 3)]),
    ("2023", [(19, 13, 6), (28, 22, 6), (21, 17, 4), (30, 26, 4)]),
    ("2024", [(30, 23, 7), (21, 17, 4), (33, 29, 4), (19, 12, 7)]),
    (
        "2025",
        [(26, 19, 7), (38, 28, 10), (24, 18, 6), (36, 27, 9)],
    ),
    ("2026", [(36, 27, 9), (25, 18, 7), (35, 26, 9), (24, 18, 6)]),
];

#[test]
fn states_reporting_per_pillar_and_cycle_by_their_report() {
    let (_, b) = board();
    assert_eq!(b.cycle_names(), ["2022", "2023", "2024", "2025", "2026"]);
    for (i, (cycle, pillars)) in STANDINGS.iter().enumerate() {
        for (p, &(reporting, on_time, late)) in Pillar::ALL.into_iter().zip(pillars) {
            let s = b.standing(i, p);
            assert_eq!(
                (s.total(), s.on_time, s.late),
                (reporting, on_time, late),
                "{cycle} {p}"
            );
            // Every State reporting in the fixture has a report: none is
            // counted by its answers alone.
            assert_eq!(s.answered_only, 0, "{cycle} {p}");
            // The bars add up to reporting()'s own count.
            let core = b.cycles[i].pillar(p).unwrap();
            assert_eq!(s.total(), core.states_reporting.len(), "{cycle} {p}");
        }
    }
}

#[test]
fn the_figures_agree_with_the_generator_s_count() {
    let (_, b) = board();
    let e: Value = serde_json::from_slice(&fixture("expected.json")).unwrap();
    let n = |v: &Value| v.as_u64().unwrap() as usize;
    for (i, c) in b.cycles.iter().enumerate() {
        for p in Pillar::ALL {
            let ep = &e["cycles"][c.cycle.as_str()]["pillars"][p.numeral()];
            assert_eq!(b.standing(i, p).total(), n(&ep["states_reporting"]));
            let f = c.pillar(p).unwrap();
            assert_eq!(f.states_answered.len(), n(&ep["states_answered"]));
            assert_eq!(
                f.respondents_answered.iter().skip(1).sum::<usize>(),
                n(&ep["other_respondents"])
            );
            assert_eq!(
                [
                    f.reports.on_time,
                    f.reports.late,
                    f.reports.missing,
                    f.reports.not_yet_due
                ],
                [
                    n(&ep["reports"]["on_time"]),
                    n(&ep["reports"]["late"]),
                    n(&ep["reports"]["missing"]),
                    n(&ep["reports"]["not_yet_due"])
                ]
            );
        }
    }
}

#[test]
fn the_latest_cycle_is_chosen_and_its_figures_shown() {
    let (_, b) = board();
    let c = b.selected().unwrap();
    assert_eq!(c.cycle, "2026");
    assert_eq!(b.pillar, None);
    // States answering / reporting per pillar, as the overview's table shows.
    let shown: Vec<(usize, usize)> = Pillar::ALL
        .into_iter()
        .map(|p| {
            (
                c.pillar(p).unwrap().states_answered.len(),
                b.standing(4, p).total(),
            )
        })
        .collect();
    assert_eq!(shown, [(33, 36), (22, 25), (32, 35), (22, 24)]);
    // Reports of pillar IV: on time, late, missing, not yet due.
    let iv = &c.pillar(Pillar::IV).unwrap().reports;
    assert_eq!(
        [iv.on_time, iv.late, iv.missing, iv.not_yet_due],
        [18, 7, 6, 1]
    );
}

#[test]
fn one_row_per_area_with_its_status_respondents_date_and_paragraphs() {
    let (_, b) = board();
    assert_eq!(b.rows.len(), 53);
    // Per status (on time, late, not yet due, missing, answers only), and
    // the UN Member States with nothing in 2026.
    assert_eq!(b.status_counts(), [33, 13, 1, 6, 0, 141]);
    let gha = b.row(area("GHA")).unwrap();
    assert_eq!(gha.status, ReportStatus::OnTime);
    assert_eq!(
        gha.respondent_types(),
        [RespondentType::State, RespondentType::Nhri]
    );
    assert_eq!(gha.submitted_on.unwrap().to_string(), "2026-03-21");
    assert_eq!(gha.paragraphs, [22, 23, 27, 28, 29, 30]);
    assert_eq!(gha.region, Some(2));
    // A voluntary report on time without answers, and the questionnaire
    // missing: missing, the report on time said beside it; answers of a
    // national institution where the State's report is missing.
    let deu = b.row(area("DEU")).unwrap();
    assert_eq!(
        (deu.status, deu.respondent_types(), deu.submitted_on),
        (ReportStatus::Missing, vec![], None)
    );
    assert_eq!(
        deu.status_text(kyoto_widgets::core::chart::ChartLocale::english()),
        "Missing (Voluntary report: On time)"
    );
    let mex = b.row(area("MEX")).unwrap();
    assert_eq!(mex.status, ReportStatus::Missing);
    assert_eq!(mex.respondent_types(), [RespondentType::Nhri]);
    assert_eq!(
        (mex.submitted_on, mex.paragraphs.as_slice()),
        (None, &[49u8][..])
    );
}

#[test]
fn tiles_are_coloured_by_status() {
    let (_, b) = board();
    let status = |c: &str| b.status_of(area(c));
    assert_eq!(status("SWE"), ReportStatus::OnTime);
    assert_eq!(status("NOR"), ReportStatus::Late);
    assert_eq!(status("MEX"), ReportStatus::Missing);
    assert_eq!(status("PRT"), ReportStatus::Missing);
    assert_eq!(status("USA"), ReportStatus::NoData);
    // The World is not on the grid: it is listed beside the map.
    assert_eq!(status("001"), ReportStatus::NotYetDue);
    assert_eq!(codes(b.off_grid()), ["001"]);
}

#[test]
fn a_pillar_narrows_the_rows_to_its_questions_and_reports() {
    let (d, mut b) = board();
    b.select(&d, Some("2026"), Some(Pillar::IV)).unwrap();
    assert_eq!(b.status_counts(), [16, 7, 1, 6, 3, 161]);
    // Answers to pillar IV by other respondents only, and no report
    // covering it.
    let answers_only: Vec<String> = codes(
        b.rows
            .iter()
            .filter(|r| r.status == ReportStatus::AnsweredOnly),
    );
    assert_eq!(answers_only, ["PHL", "ROU", "UKR"]);
    assert!(b.rows.iter().all(|r| r
        .paragraphs
        .iter()
        .all(|&p| Pillar::of_paragraph(p) == Some(Pillar::IV))));
    // Another cycle; an unknown one is refused with the cycles there are.
    b.select(&d, Some("2024"), None).unwrap();
    assert_eq!(b.selected().unwrap().cycle, "2024");
    let err = b.select(&d, Some("2030"), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no cycle '2030' in the data; its cycles are 2022, 2023, 2024, 2025, 2026"
    );
}

#[test]
fn csv_files_and_the_workbook_give_the_same_board() {
    let (_, from_xlsx) = board();
    let from_csv = ReportingBoard::new(&csv(), options());
    assert_eq!(from_csv, from_xlsx);
}

#[test]
fn every_status_counts_when_asked() {
    let d = xlsx();
    let all = ReportingBoard::new(
        &d,
        ReportingOptions {
            as_of: options().as_of,
            ..ReportingOptions::all_statuses()
        },
    );
    let published = ReportingBoard::new(&d, options());
    assert_eq!(all.selected().unwrap().states_answered.len(), 46);
    assert_eq!(published.selected().unwrap().states_answered.len(), 45);
}

#[test]
fn the_table_sorts_by_each_column() {
    let (_, b) = board();
    let name = |a: Area| english_name(a);
    let sorted = |column, descending| {
        let mut rows = b.rows.clone();
        sort_rows(&mut rows, CountrySort { column, descending }, &name);
        codes(&rows)
    };
    let by_name = sorted(CountryColumn::Area, false);
    assert_eq!(by_name[..4], ["ARG", "AUS", "AUT", "BEL"]);
    // By English name: "Viet Nam" after "Uruguay", "World" last.
    assert_eq!(by_name[by_name.len() - 3..], ["URY", "VNM", "001"]);
    let by_date = sorted(CountryColumn::SubmittedOn, false);
    assert_eq!(by_date[..2], ["ARG", "KEN"]); // both 1 March 2026
                                              // Rows without a date come last either way (by name: Türkiye, World).
    assert_eq!(by_date[by_date.len() - 2..], ["TUR", "001"]);
    let latest = sorted(CountryColumn::SubmittedOn, true);
    assert_eq!(latest[0], "EGY"); // its voluntary report, late: 20 July 2026
    assert_eq!(latest.last().unwrap(), "001");
    let by_status = sorted(CountryColumn::Status, true);
    // Missing first, then not yet due, late, on time.
    assert_eq!(
        by_status[..7],
        ["AUT", "DEU", "HUN", "MEX", "PRT", "TUR", "001"]
    );
    let most_paragraphs = sorted(CountryColumn::Paragraphs, true);
    // 44 paragraphs each: ties by name.
    assert_eq!(most_paragraphs[..2], ["MAR", "GBR"]);
    let most_respondents = sorted(CountryColumn::Respondents, true);
    // Two types each (the State and one other): ties by name.
    assert_eq!(most_respondents[..3], ["ARG", "BRA", "GHA"]);
    // A second click on a header turns the order round.
    let s = CountrySort::default().toggled(CountryColumn::Area);
    assert!(s.descending);
    assert!(!s.toggled(CountryColumn::Status).descending);
}

#[test]
fn the_table_filters_by_status_region_and_text() {
    let (_, b) = board();
    let name = |a: Area| english_name(a);
    let late = CountryFilter {
        statuses: vec![ReportStatus::Late],
        ..Default::default()
    };
    assert_eq!(
        codes(late.apply(&b.rows, &name)),
        [
            "AUS", "CHE", "CZE", "EGY", "ETH", "GRC", "ITA", "MAR", "NOR", "POL", "SEN", "TUN",
            "VNM"
        ]
    );
    let late_in_europe = CountryFilter {
        region: Some(150),
        ..late
    };
    assert_eq!(
        codes(late_in_europe.apply(&b.rows, &name)),
        ["CHE", "CZE", "GRC", "ITA", "NOR", "POL"]
    );
    let text = |t: &str| {
        codes(
            CountryFilter {
                text: t.into(),
                ..Default::default()
            }
            .apply(&b.rows, &name),
        )
    };
    assert_eq!(text("united"), ["GBR"]);
    assert_eq!(text("gb"), ["GBR"]);
    assert_eq!(text("ZAF"), ["ZAF"]);
    assert_eq!(text("world"), ["001"]);
}

#[test]
fn a_question_s_answers_states_beside_other_respondents() {
    use kyoto_widgets::core::chart::ChartLocale;
    use kyoto_widgets::core::reporting_board::question_bars;
    let d = xlsx();
    let (dist, bars, max) = question_bars(
        &d,
        "Q-I-2",
        Some("2024"),
        &options(),
        ChartLocale::english(),
    )
    .unwrap();
    assert_eq!((dist.state_answers, dist.stakeholder_answers), (29, 3));
    assert_eq!(max, Some(100.0));
    // Per choice, States then other respondents, as a share of each group.
    let shares: Vec<(SegmentKind, f64)> = bars.iter().map(|b| b.segments[0]).collect();
    let want = [
        (9.0, 29.0),
        (0.0, 3.0),
        (14.0, 29.0),
        (2.0, 3.0),
        (6.0, 29.0),
        (1.0, 3.0),
    ];
    assert_eq!(shares.len(), want.len());
    for (i, ((kind, share), (n, of))) in shares.iter().zip(want).enumerate() {
        assert_eq!(*kind, SegmentKind::Status(i % 2), "bar {i}");
        assert!((share - 100.0 * n / of).abs() < 1e-9, "bar {i}: {share}");
    }
    // A number question: the median of each group.
    let (n, bars, max) = question_bars(
        &d,
        "Q-II-1",
        Some("2024"),
        &options(),
        ChartLocale::english(),
    )
    .unwrap();
    assert_eq!(max, None);
    assert_eq!(n.state_numbers.unwrap().median, 131.75);
    assert_eq!(bars[0].segments[0].1, 131.75);
    assert!(question_bars(&d, "Q-none", None, &options(), ChartLocale::english()).is_none());
}

#[test]
fn every_member_state_has_one_cell_of_the_grid() {
    let grid = world_tile_grid();
    assert_eq!(grid.len(), 194);
    assert_eq!(grid.iter().filter(|p| p.un_member).count(), 193);
    // Greenland is the one tile that is not a Member State.
    let others: Vec<String> = grid
        .iter()
        .filter(|p| !p.un_member)
        .map(|p| p.area.to_string())
        .collect();
    assert_eq!(others, ["GRL"]);
    let cells: BTreeSet<(u8, u8)> = grid.iter().map(|p| (p.column, p.row)).collect();
    assert_eq!(cells.len(), grid.len(), "two countries in one cell");
    assert!(grid.windows(2).all(|w| w[0].area < w[1].area));
    for added in ["AND", "LIE", "MCO", "SMR"] {
        assert!(place_of(area(added)).is_some(), "{added}");
    }
    let fra = place_of(area("FRA")).unwrap();
    assert_eq!(
        (fra.iso2, fra.name, fra.region, fra.column, fra.row),
        ("FR", "France", 150, 12, 5)
    );
}

#[test]
fn the_map_layout_places_hit_tests_and_moves_focus_by_geography() {
    let (_, b) = board();
    let listed: Vec<(Area, ReportStatus, String)> = b
        .off_grid()
        .iter()
        .map(|r| (r.area, r.status, english_name(r.area)))
        .collect();
    let legend: Vec<(ReportStatus, String)> = ReportStatus::ALL
        .iter()
        .map(|s| (*s, s.to_string()))
        .collect();
    let layout = |rtl| {
        layout_tile_map(
            &|a| b.status_of(a),
            &listed,
            &legend,
            "Not on the map",
            &TileMapOptions {
                width: 800.0,
                font_px: 13.0,
                rtl,
            },
            &EstimatedText,
        )
    };
    let map = layout(false);
    assert_eq!(map.tiles.len(), 195);
    assert_eq!(map.tiles.iter().filter(|t| t.on_grid).count(), 194);
    assert_eq!(map.legend.len(), 6);
    let of = |c: &str| map.tile_of(area(c)).unwrap();
    let tile = &map.tiles[of("SWE")];
    assert_eq!(
        (tile.status, tile.label.text.as_str()),
        (ReportStatus::OnTime, "SWE")
    );
    let r = tile.rect;
    assert_eq!(
        map.tile_at(r.x + r.w / 2.0, r.y + r.h / 2.0),
        Some(of("SWE"))
    );
    // Arrow keys: east of France is Belgium, south Spain; north and west
    // the nearest of the cells at one step (the United Kingdom, before the
    // Netherlands and Portugal).
    let from = Some(of("FRA"));
    assert_eq!(map.next_tile(from, TileKey::Right), Some(of("BEL")));
    assert_eq!(map.next_tile(from, TileKey::Down), Some(of("ESP")));
    assert_eq!(map.next_tile(from, TileKey::Up), Some(of("GBR")));
    assert_eq!(map.next_tile(from, TileKey::Left), Some(of("GBR")));
    assert_eq!(
        map.next_tile(Some(of("ESP")), TileKey::Left),
        Some(of("PRT"))
    );
    // Nothing further west of Canada's column: focus stays.
    assert_eq!(
        map.next_tile(Some(of("CAN")), TileKey::Left),
        Some(of("CAN"))
    );
    assert_eq!(map.next_tile(None, TileKey::Down), Some(0));
    // The World, listed beside the map, on the right.
    let world = &map.tiles[of("001")];
    assert!(!world.on_grid);
    assert!(world.rect.x > map.tiles[of("JPN")].rect.right());
    // Right to left: the map keeps east on the right; the list moves left.
    let rtl = layout(true);
    let w = &rtl.tiles[rtl.tile_of(area("001")).unwrap()];
    let fra = |m: &kyoto_widgets::core::reporting_board::tile_grid::TileMapLayout| {
        m.tiles[m.tile_of(area("FRA")).unwrap()].rect.x
    };
    let jpn = rtl.tiles[rtl.tile_of(area("JPN")).unwrap()].rect.x;
    assert!(fra(&rtl) < jpn);
    assert!(w.rect.right() < fra(&rtl) - 200.0);
}

#[test]
fn the_overview_s_table_mirror_has_every_figure() {
    use kyoto_widgets::core::chart::ChartLocale;
    let (d, mut b) = board();
    let t = b.overview_table(ChartLocale::english());
    assert_eq!(t.headers.len(), 13);
    assert_eq!(t.rows.len(), 20);
    let row = |p: &str, c: &str| {
        t.rows
            .iter()
            .find(|r| r[0] == p && r[1] == c)
            .unwrap()
            .clone()
    };
    assert_eq!(
        row("II", "2026")[..12],
        ["II", "2026", "22", "3", "25", "18", "7", "0", "19", "7", "6", "0"]
    );
    assert_eq!(
        row("IV", "2026")[..12],
        ["IV", "2026", "22", "3", "24", "18", "6", "0", "18", "7", "6", "1"]
    );
    // Paragraphs cited by the reports or asked about, 2024, pillar III.
    assert_eq!(row("III", "2024")[12], "49, 50, 53-58");
    b.select(&d, None, Some(Pillar::I)).unwrap();
    let t = b.overview_table(ChartLocale::english());
    assert_eq!(t.rows.len(), 5);
    assert!(
        t.csv().starts_with("Pillar,Cycle,States answering,"),
        "{}",
        t.csv()
    );
    assert!(
        t.csv().contains("\r\nI,2026,33,4,36,27,9,0,27,10,6,0,"),
        "{}",
        t.csv()
    );
}

/// Compares with `tests/golden/NAME.svg`; with UPDATE_GOLDEN=1 writes it
/// (as `tests/render.rs` does for the pillar chart).
fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
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
fn the_three_drawings_match_their_golden_files() {
    use kyoto_widgets::core::chart::{ChartLocale, PlainNumbers};
    use kyoto_widgets::core::i18n::{Catalog, Lang};
    use kyoto_widgets::core::layout::BarLayoutOptions;
    use kyoto_widgets::core::reporting_board::{
        layout_captioned_bars, question_bars, question_legend,
    };
    use kyoto_widgets::render::reporting::ReportingDrawing;
    use kyoto_widgets::render::Palette;
    let (d, b) = board();
    let english = ChartLocale::english();
    let overview = layout_captioned_bars(
        english.text.text("reporting.overview.caption"),
        &b.overview_bars(english),
        &ReportingBoard::overview_legend(english),
        &BarLayoutOptions {
            width: 800.0,
            ..Default::default()
        },
        &EstimatedText,
    );
    let svg = ReportingDrawing::Bars(overview)
        .svg(&Palette::LIGHT)
        .unwrap();
    for p in ["I", "II", "III", "IV"] {
        for c in ["2022", "2026"] {
            assert_eq!(
                svg.matches(&text_line(&format!("Pillar {p} · {c}")))
                    .count(),
                1
            );
        }
    }
    assert_eq!(svg.matches(&text_line("36 States")).count(), 2); // I 2026, IV 2025
    assert_eq!(svg.matches(&text_line("Report late")).count(), 1);
    golden("reporting-overview", &svg);

    let legend: Vec<(ReportStatus, String)> = ReportStatus::ALL
        .iter()
        .map(|s| (*s, english.text.text(&s.key()).to_string()))
        .collect();
    let listed: Vec<(Area, ReportStatus, String)> = b
        .off_grid()
        .iter()
        .map(|r| (r.area, r.status, english_name(r.area)))
        .collect();
    let map = layout_tile_map(
        &|a| b.status_of(a),
        &listed,
        &legend,
        english.text.text("reporting.map.off_grid"),
        &TileMapOptions::default(),
        &EstimatedText,
    );
    let svg = ReportingDrawing::Map(map).svg(&Palette::DARK).unwrap();
    assert_eq!(svg.matches(&text_line("SWE")).count(), 1);
    assert_eq!(svg.matches(&text_line("Not yet due")).count(), 1);
    assert_eq!(svg.matches(&text_line("World")).count(), 1);
    golden("reporting-map-dark", &svg);

    // In Arabic, right to left: the labels are isolated in their direction.
    let arabic = ChartLocale {
        text: Catalog::get(Lang::Ar),
        numbers: &PlainNumbers,
    };
    let (_, bars, max) = question_bars(&d, "Q-I-2", Some("2024"), &options(), arabic).unwrap();
    let question = layout_captioned_bars(
        "Q-I-2",
        &bars,
        &question_legend(arabic),
        &BarLayoutOptions {
            width: 800.0,
            rtl: true,
            max,
            ..Default::default()
        },
        &EstimatedText,
    );
    let svg = ReportingDrawing::Bars(question)
        .svg(&Palette::LIGHT)
        .unwrap();
    assert_eq!(
        svg.matches(&text_line("\u{2068}14 من 29 · 48%\u{2069}"))
            .count(),
        1,
        "{svg}"
    );
    golden("reporting-question-ar", &svg);
}

#[test]
fn the_summary_sentence_the_widget_announces() {
    use kyoto_widgets::core::chart::ChartLocale;
    let (d, mut b) = board();
    let c = b.selected().unwrap();
    let others: usize = c.respondents_answered.iter().skip(1).sum();
    assert_eq!(others, 14);
    assert_eq!(
        b.summary(ChartLocale::english()),
        "2026: 45 States answering, 14 other respondents; 53 areas: 33 on time, 13 late, 6 missing, 1 not yet due, 0 answers only; 56 reports"
    );
    b.select(&d, None, Some(Pillar::IV)).unwrap();
    assert_eq!(
        b.summary(ChartLocale::english()),
        "2026: 22 States answering, 3 other respondents; 33 areas: 16 on time, 7 late, 6 missing, 1 not yet due, 3 answers only; 32 reports"
    );
}

#[test]
fn the_csv_downloads_write_numbers_plain_under_the_widget_s_headings() {
    use kyoto_widgets::core::chart::{ChartLocale, PlainNumbers};
    use kyoto_widgets::core::i18n::{Catalog, Lang};
    use kyoto_widgets::core::progress::reporting::question_distribution;
    use kyoto_widgets::core::reporting_board::question_table;
    let (d, b) = board();
    // French headings, the numbers as a spreadsheet reads them.
    let french = ChartLocale {
        text: Catalog::get(Lang::Fr),
        numbers: &PlainNumbers,
    };
    let csv = b.overview_table(french).csv();
    assert!(csv.starts_with("Pilier,Cycle,"), "{csv}");
    assert_eq!(csv.lines().count(), 21);
    for line in [
        "\r\nI,2026,33,4,36,27,9,0,27,10,6,0,",
        "\r\nII,2026,22,3,25,18,7,0,19,7,6,0,",
        "\r\nIV,2026,22,3,24,18,6,0,18,7,6,1,",
    ] {
        assert!(csv.contains(line), "{line:?} in {csv}");
    }
    // A question's answers in 2024: States and the other respondents.
    let q = question_distribution(&d, "Q-I-2", Some("2024"), &b.options).unwrap();
    assert_eq!(
        question_table(&q, ChartLocale::english()).csv(),
        "Answer,States,Other respondents\r\nFully,9,0\r\nPartly,14,2\r\nNot at all,6,1\r\nAll answers,29,3\r\n"
    );
}

/// Six areas, each owing something different, as of 1 August 2026.
fn owed_reports() -> ProgressDataset {
    let questions = "id,pillar,paragraphs,indicator,type,choices,text\n\
        Q-I-1,I,\"22, 23\",,yes/no,,Has your country adopted a strategy?\n";
    let responses =
        "cycle,area,respondent_type,respondent,question,answer,submitted_on,status,evidence\n\
        2026,FJI,State,Government of FJI,Q-I-1,yes,2026-03-01,published,\n";
    let reports = "id,area,cycle,type,due_on,submitted_on,pillars,paragraphs,languages,link\n\
        Q-ALB,ALB,2026,questionnaire,2026-03-31,,all,,,\n\
        VR-ALB,ALB,2026,voluntary report,2026-06-30,2026-06-15,all,,en,\n\
        Q-BGR,BGR,2026,questionnaire,2026-03-31,2026-05-10,all,,en,\n\
        Q-CAN,CAN,2026,questionnaire,2026-03-31,2026-03-20,all,,en,\n\
        VR-CAN,CAN,2026,voluntary report,2026-06-30,2026-07-20,all,,en,\n\
        Q-DZA,DZA,2026,questionnaire,2026-03-31,2026-03-02,all,,en,\n\
        VR-DZA,DZA,2026,voluntary report,2026-09-30,,all,,,\n\
        VR-EST,EST,2026,voluntary report,2026-09-30,,all,,,\n";
    read_files(&[
        ("questions.csv", questions.as_bytes()),
        ("responses.csv", responses.as_bytes()),
        ("reports.csv", reports.as_bytes()),
    ])
    .unwrap()
    .dataset
}

#[test]
fn an_area_owing_a_report_is_never_on_time_and_the_summary_counts_the_rows() {
    use kyoto_widgets::core::chart::ChartLocale;
    let d = owed_reports();
    let b = ReportingBoard::new(&d, options());
    let english = ChartLocale::english();
    let row = |c: &str| {
        let r = b.row(area(c)).unwrap();
        (
            r.status,
            r.submitted_on.map(|d| d.to_string()),
            r.status_text(english),
        )
    };
    let day = |s: &str| Some(s.to_string());
    // Its questionnaire missing, its voluntary report on time: missing.
    assert_eq!(
        row("ALB"),
        (
            ReportStatus::Missing,
            None,
            "Missing (Voluntary report: On time)".into()
        )
    );
    // Only a late report: late.
    assert_eq!(
        row("BGR"),
        (ReportStatus::Late, day("2026-05-10"), "Late".into())
    );
    // The questionnaire on time, a voluntary report late: late.
    assert_eq!(
        row("CAN"),
        (
            ReportStatus::Late,
            day("2026-07-20"),
            "Late (Questionnaire: On time)".into()
        )
    );
    // On time, another report not due yet: on time.
    assert_eq!(
        row("DZA"),
        (
            ReportStatus::OnTime,
            day("2026-03-02"),
            "On time (Voluntary report: Not yet due)".into()
        )
    );
    // Nothing due yet; answers and no report.
    assert_eq!(row("EST").0, ReportStatus::NotYetDue);
    assert_eq!(row("FJI").0, ReportStatus::AnsweredOnly);
    // The overview still counts States reporting by their best report.
    let s = b.standing(0, Pillar::I);
    assert_eq!((s.on_time, s.late, s.answered_only), (3, 1, 1));
    // The summary counts the table's rows as areas, and the reports apart.
    assert_eq!(b.rows.len(), 6);
    assert_eq!(b.row_counts(), [1, 2, 1, 1, 1, 0]);
    assert_eq!(
        b.summary(english),
        "2026: 1 State answering, 0 other respondents; 6 areas: 1 on time, 2 late, 1 missing, 1 not yet due, 1 answers only; 8 reports"
    );
}
