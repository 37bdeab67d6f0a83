//! The indicators widget at the size issue 20 asks for: 200 indicators × 193
//! areas × 20 periods (772,000 observations, a 15.8 MB `indicator_data.csv`),
//! read, indexed, modelled and drawn natively.
//!
//! The tables are `core::synth::progress`'s (`SyntheticProgress::Indicators`),
//! which the browser benchmark (`bench/progress.mjs`) gives the widget as
//! JSON. They are read with the progress limits (`core::progress::LIMITS`:
//! a million rows a table), as the widgets and the command-line tool read
//! them.
//!
//! `cargo bench --bench indicators`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use kyoto_widgets::core::chart::ChartLocale;
use kyoto_widgets::core::indicators::layout::{
    layout_detail, layout_overview, IndicatorsLayoutOptions,
};
use kyoto_widgets::core::indicators::{detail, overview, IndicatorIndex};
use kyoto_widgets::core::layout::EstimatedText;
use kyoto_widgets::core::progress::{read_files_with, Area, Breakdown, LIMITS};
use kyoto_widgets::core::synth::progress::{SyntheticProgress, AREAS, INDICATORS, PERIODS};
use kyoto_widgets::render::indicators::{detail_svg, overview_svg, IndicatorColours};

fn bench(c: &mut Criterion) {
    let tables = SyntheticProgress::Indicators.csv();
    let limits = LIMITS;
    let files: Vec<(&str, &[u8])> = tables.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let read = read_files_with(&files, &limits).expect("the synthetic tables read");
    assert_eq!(
        read.dataset.observations.len(),
        INDICATORS * AREAS * usize::from(PERIODS)
    );
    assert_eq!(read.error_count(), 0);
    let dataset = &read.dataset;
    let english = ChartLocale::english();
    let options = IndicatorsLayoutOptions::default();

    let mut group = c.benchmark_group("200 indicators x 193 areas x 20 periods");
    group.sample_size(10);
    group.bench_function("read CSV (15.8 MB)", |b| {
        b.iter_with_large_drop(|| read_files_with(black_box(&files), &limits))
    });
    group.bench_function("index", |b| {
        b.iter_with_large_drop(|| IndicatorIndex::new(black_box(dataset)))
    });
    let index = IndicatorIndex::new(dataset);
    group.bench_function("overview model (one area)", |b| {
        b.iter(|| overview(dataset, &index, None, &Breakdown::total(), None))
    });
    let view = overview(dataset, &index, None, &Breakdown::total(), None);
    group.bench_function("overview layout + SVG", |b| {
        b.iter(|| {
            let l = layout_overview(black_box(&view), &options, english, &EstimatedText);
            overview_svg(&l, &IndicatorColours::LIGHT)
        })
    });
    group.bench_function("index + overview + layout + SVG", |b| {
        b.iter(|| {
            let index = IndicatorIndex::new(dataset);
            let view = overview(dataset, &index, None, &Breakdown::total(), None);
            let l = layout_overview(&view, &options, english, &EstimatedText);
            overview_svg(&l, &IndicatorColours::LIGHT)
        })
    });
    group.bench_function("change of area (model + layout + SVG)", |b| {
        let rou = Area::parse("ROU").ok();
        b.iter(|| {
            let view = overview(dataset, &index, rou, &Breakdown::total(), None);
            let l = layout_overview(&view, &options, english, &EstimatedText);
            overview_svg(&l, &IndicatorColours::LIGHT)
        })
    });
    group.bench_function("drill-down (model + layout + SVG)", |b| {
        b.iter(|| {
            detail(dataset, &index, "X-100", None).map(|d| {
                let l = layout_detail(&d, &options, english, &EstimatedText);
                detail_svg(&l, &IndicatorColours::LIGHT)
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
