//! The reporting widget at the size of issue 20's benchmark: 193 areas × 100
//! questions × 5 cycles (96,500 State answers, 9,650 answers of other
//! respondents, 965 reports): reading the three tables from CSV, counting the
//! board (every cycle and pillar), choosing a cycle and pillar, and drawing
//! the overview, the tile map and one question to SVG.
//!
//! The tables come from a deterministic generator below, so the figures are
//! comparable between runs.
//!
//! `cargo bench --bench reporting`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use kyoto_widgets::core::chart::ChartLocale;
use kyoto_widgets::core::layout::{BarLayoutOptions, EstimatedText};
use kyoto_widgets::core::model::{PartialDate, Pillar};
use kyoto_widgets::core::progress::reporting::ReportingOptions;
use kyoto_widgets::core::progress::{read_files, ProgressDataset};
use kyoto_widgets::core::reporting_board::tile_grid::{
    english_name, layout_tile_map, world_tile_grid, TileMapOptions,
};
use kyoto_widgets::core::reporting_board::{
    layout_captioned_bars, question_bars, question_legend, ReportStatus, ReportingBoard,
};
use kyoto_widgets::render::reporting::ReportingDrawing;
use kyoto_widgets::render::Palette;
use std::fmt::Write;

const QUESTIONS: usize = 100;
const CYCLES: [u16; 5] = [2022, 2023, 2024, 2025, 2026];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The questions, responses and reports tables as CSV.
fn tables() -> [(&'static str, String); 3] {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let areas: Vec<String> = world_tile_grid()
        .iter()
        .filter(|p| p.un_member)
        .map(|p| p.area.to_string())
        .collect();
    let pillars = ["I", "II", "III", "IV"];
    let first_paragraph = [22u8, 49, 53, 79];
    let mut questions = String::from("id,pillar,paragraphs,type,choices,text\n");
    for q in 0..QUESTIONS {
        let p = q % 4;
        let para = first_paragraph[p] + (q / 4 % 4) as u8;
        let (kind, choices) = match q % 3 {
            0 => ("yes/no", ""),
            1 => ("choice", "1=Fully; 2=Partly; 3=Not at all"),
            _ => ("number", ""),
        };
        writeln!(
            questions,
            "Q-{q},{},{para},{kind},{choices},Question {q}",
            pillars[p]
        )
        .unwrap();
    }
    let mut responses =
        String::from("cycle,area,respondent_type,respondent,question,answer,submitted_on,status\n");
    let mut reports = String::from("id,area,cycle,type,due_on,submitted_on,pillars\n");
    for cycle in CYCLES {
        for (i, area) in areas.iter().enumerate() {
            for q in 0..QUESTIONS {
                let answer = match q % 3 {
                    0 => ["yes", "no"][rng.below(2) as usize].to_string(),
                    1 => (1 + rng.below(3)).to_string(),
                    _ => (rng.below(1000) as f64 / 4.0).to_string(),
                };
                let status = if rng.below(10) == 0 {
                    "validated"
                } else {
                    "published"
                };
                writeln!(
                    responses,
                    "{cycle},{area},State,Government,Q-{q},{answer},{cycle}-03-15,{status}"
                )
                .unwrap();
                if (i + q) % 10 == 0 {
                    writeln!(
                        responses,
                        "{cycle},{area},civil society,CSO {},Q-{q},{answer},{cycle}-04-01,published",
                        i % 7
                    )
                    .unwrap();
                }
            }
            let submitted = match rng.below(5) {
                0 => String::new(),
                1 => format!("{cycle}-05-20"),
                _ => format!("{cycle}-03-{:02}", 1 + rng.below(28)),
            };
            writeln!(
                reports,
                "Q{cycle}-{area},{area},{cycle},questionnaire,{cycle}-03-31,{submitted},\"I, II, III, IV\""
            )
            .unwrap();
        }
    }
    [
        ("questions.csv", questions),
        ("responses.csv", responses),
        ("reports.csv", reports),
    ]
}

fn read(tables: &[(&'static str, String); 3]) -> ProgressDataset {
    let files: Vec<(&str, &[u8])> = tables.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    read_files(&files).unwrap().dataset
}

fn options() -> ReportingOptions {
    ReportingOptions {
        as_of: PartialDate::new(2026, Some(8), Some(1)),
        ..ReportingOptions::default()
    }
}

fn draw_all(d: &ProgressDataset, board: &ReportingBoard) -> usize {
    let locale = ChartLocale::english();
    let bars = board.overview_bars(locale);
    let overview = layout_captioned_bars(
        "States reporting",
        &bars,
        &ReportingBoard::overview_legend(locale),
        &BarLayoutOptions::default(),
        &EstimatedText,
    );
    let listed: Vec<_> = board
        .off_grid()
        .iter()
        .map(|r| (r.area, r.status, english_name(r.area)))
        .collect();
    let legend: Vec<_> = ReportStatus::ALL
        .iter()
        .map(|s| (*s, s.to_string()))
        .collect();
    let map = layout_tile_map(
        &|a| board.status_of(a),
        &listed,
        &legend,
        "Not on the map",
        &TileMapOptions::default(),
        &EstimatedText,
    );
    let (_, q, max) = question_bars(d, "Q-1", Some("2026"), &board.options, locale).unwrap();
    let question = layout_captioned_bars(
        "Q-1",
        &q,
        &question_legend(locale),
        &BarLayoutOptions {
            max,
            ..Default::default()
        },
        &EstimatedText,
    );
    [
        ReportingDrawing::Bars(overview),
        ReportingDrawing::Map(map),
        ReportingDrawing::Bars(question),
    ]
    .iter()
    .map(|drawing| drawing.svg(&Palette::LIGHT).unwrap().len())
    .sum()
}

fn bench(c: &mut Criterion) {
    let tables = tables();
    let d = read(&tables);
    assert_eq!(d.questions.len(), QUESTIONS);
    assert_eq!(d.responses.len(), 193 * QUESTIONS * 5 + 9_650);
    assert_eq!(d.reports.len(), 193 * 5);
    let mut group = c.benchmark_group("reporting 193 areas x 100 questions x 5 cycles");
    group.sample_size(10);
    group.bench_function("read CSV tables", |b| {
        b.iter_with_large_drop(|| read(black_box(&tables)))
    });
    group.bench_function("board (every cycle and pillar)", |b| {
        b.iter_with_large_drop(|| ReportingBoard::new(black_box(&d), options()))
    });
    let mut board = ReportingBoard::new(&d, options());
    group.bench_function("choose cycle 2024, pillar II", |b| {
        b.iter(|| {
            board.select(&d, Some("2024"), Some(Pillar::II)).unwrap();
            board.rows.len()
        })
    });
    board.select(&d, None, None).unwrap();
    group.bench_function("lay out and draw overview, map, question (SVG)", |b| {
        b.iter(|| draw_all(black_box(&d), &board))
    });
    group.bench_function("read + board + draw", |b| {
        b.iter_with_large_drop(|| {
            let d = read(black_box(&tables));
            let board = ReportingBoard::new(&d, options());
            let n = draw_all(&d, &board);
            (d, board, n)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
