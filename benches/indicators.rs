//! The indicators widget at the size issue 20 asks for: 200 indicators × 193
//! areas × 20 periods (772,000 observations, a 15.8 MB `indicator_data.csv`),
//! read, indexed, modelled and drawn natively.
//!
//! The tables are read with the progress limits (`core::progress::LIMITS`:
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
use kyoto_widgets::render::indicators::{detail_svg, overview_svg, IndicatorColours};
use std::fmt::Write;

const INDICATORS: usize = 200;
const AREAS: usize = 193;
const PERIODS: u16 = 20;

/// The World and the first 192 ISO 3166-1 alpha-3 codes.
fn areas() -> Vec<String> {
    let mut out = vec!["001".to_string()];
    let letters = b'A'..=b'Z';
    'all: for a in letters.clone() {
        for b in letters.clone() {
            for c in letters.clone() {
                let code = String::from_utf8_lossy(&[a, b, c]).into_owned();
                if Area::parse(&code).is_ok() {
                    out.push(code);
                    if out.len() == AREAS {
                        break 'all;
                    }
                }
            }
        }
    }
    out
}

/// `indicators.csv` and `indicator_data.csv`: deterministic values that
/// drift up or down by indicator and area, half the indicators with a
/// target.
fn tables() -> (String, String) {
    let mut indicators = String::from(
        "id,pillar,title,unit,direction,baseline_year,baseline_value,target_year,target_value\n",
    );
    for i in 0..INDICATORS {
        let pillar = ["I", "II", "III", "IV"][i % 4];
        let direction = if i % 3 == 0 { "down" } else { "up" };
        let target = if i % 2 == 0 {
            if direction == "down" {
                "2030,20"
            } else {
                "2030,80"
            }
        } else {
            ","
        };
        let _ = writeln!(
            indicators,
            "X-{i},{pillar},Synthetic indicator number {i} of the benchmark,%,{direction},2005,50,{target}"
        );
    }
    let mut data = String::from("indicator,area,period,value\n");
    let mut seed: u64 = 7;
    for i in 0..INDICATORS {
        for area in &areas() {
            let slope = (i % 7) as f64 * 0.3 - 0.9;
            for p in 0..PERIODS {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let noise = (seed >> 33) % 100;
                let value = 50.0 + slope * f64::from(p) + noise as f64 / 100.0;
                let _ = writeln!(data, "X-{i},{area},{},{value:.2}", 2005 + p);
            }
        }
    }
    (indicators, data)
}

fn bench(c: &mut Criterion) {
    let (indicators, data) = tables();
    let limits = LIMITS;
    let files = [
        ("indicators.csv", indicators.as_bytes()),
        ("indicator_data.csv", data.as_bytes()),
    ];
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
        b.iter(|| overview(dataset, &index, None, &Breakdown::total()))
    });
    let view = overview(dataset, &index, None, &Breakdown::total());
    group.bench_function("overview layout + SVG", |b| {
        b.iter(|| {
            let l = layout_overview(black_box(&view), &options, english, &EstimatedText);
            overview_svg(&l, &IndicatorColours::LIGHT)
        })
    });
    group.bench_function("index + overview + layout + SVG", |b| {
        b.iter(|| {
            let index = IndicatorIndex::new(dataset);
            let view = overview(dataset, &index, None, &Breakdown::total());
            let l = layout_overview(&view, &options, english, &EstimatedText);
            overview_svg(&l, &IndicatorColours::LIGHT)
        })
    });
    group.bench_function("change of area (model + layout + SVG)", |b| {
        let rou = Area::parse("ROU").ok();
        b.iter(|| {
            let view = overview(dataset, &index, rou, &Breakdown::total());
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
