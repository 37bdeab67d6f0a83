//! Import and aggregation of a 100,000-activity export, natively: reading,
//! validating and summarising the CSV should take well under 300 ms together.
//!
//! The input comes from the deterministic generator (`core::synth`), so the
//! figures are comparable between runs and with the browser benchmarks.
//!
//! `cargo bench --bench import`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use kyoto_widgets::core::aggregate::{summarize, SummaryOptions};
use kyoto_widgets::core::import::import_bytes;
use kyoto_widgets::core::synth::{synthetic_csv, synthetic_export, synthetic_json};

const N: usize = 100_000;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("100k activities");
    group.sample_size(10);

    let csv = synthetic_csv(N, 1);
    // The result is dropped outside the timing: freeing 100,000 activities is
    // not part of reading them.
    group.bench_function("import CSV", |b| {
        b.iter_with_large_drop(|| import_bytes(black_box(csv.as_bytes())))
    });

    let json = synthetic_json(N, 1);
    group.bench_function("import JSON", |b| {
        b.iter_with_large_drop(|| import_bytes(black_box(json.as_bytes())))
    });

    let data = synthetic_export(N, 1);
    let all = SummaryOptions::default();
    group.bench_function("summarize", |b| {
        b.iter(|| summarize(black_box(&data), black_box(&all)))
    });

    group.bench_function("import CSV + summarize", |b| {
        b.iter_with_large_drop(|| {
            import_bytes(black_box(csv.as_bytes())).map(|r| {
                let summary = summarize(&r.dataset, &all);
                (r, summary)
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
