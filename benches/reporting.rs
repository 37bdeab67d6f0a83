//! The reporting widget at the size of issue 20's benchmark: 193 areas × 100
//! questions × 5 cycles (96,500 State answers, 9,650 answers of other
//! respondents, 965 reports): reading the three tables from CSV, counting the
//! board (every cycle and pillar), choosing a cycle and pillar, and drawing
//! the overview, the tile map and one question to SVG.
//!
//! The tables come from a deterministic generator
//! (`core::synth::progress`, `SyntheticProgress::Reporting`), so the figures
//! are comparable between runs; the browser benchmark (`bench/progress.mjs`)
//! gives the widget the same tables as JSON.
//!
//! `cargo bench --bench reporting`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use kyoto_widgets::core::chart::ChartLocale;
use kyoto_widgets::core::layout::{BarLayoutOptions, EstimatedText};
use kyoto_widgets::core::model::{PartialDate, Pillar};
use kyoto_widgets::core::progress::reporting::ReportingOptions;
use kyoto_widgets::core::progress::{read_files, ProgressDataset};
use kyoto_widgets::core::reporting_board::tile_grid::{
    english_name, layout_tile_map, TileMapOptions,
};
use kyoto_widgets::core::reporting_board::{
    layout_captioned_bars, question_bars, question_legend, ReportStatus, ReportingBoard,
};
use kyoto_widgets::core::synth::progress::{SyntheticProgress, QUESTIONS};
use kyoto_widgets::render::reporting::ReportingDrawing;
use kyoto_widgets::render::Palette;

fn read(tables: &[(&str, String)]) -> ProgressDataset {
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
    let tables = SyntheticProgress::Reporting.csv();
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
