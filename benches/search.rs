//! Search per keystroke on the full Declaration with 10,000 activities: the
//! paragraph browser runs one `SearchIndex::search` per keystroke and must stay
//! under 16 ms (one frame). Building the index happens once per dataset.
//!
//! `cargo bench --bench search`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use kyoto_widgets::core::declaration::Declaration;
use kyoto_widgets::core::model::{Pillar, Status};
use kyoto_widgets::core::query::{BrowserQuery, SearchIndex};
use kyoto_widgets::core::synth::synthetic_export;

fn bench(c: &mut Criterion) {
    let decl = Declaration::get();
    let data = synthetic_export(10_000, 1);
    c.bench_function("index 10k activities", |b| {
        b.iter(|| SearchIndex::new(black_box(decl), black_box(&data)))
    });
    let index = SearchIndex::new(decl, &data);
    // Typing "cybercrime" one key at a time: every prefix is one search.
    let word = "cybercrime";
    c.bench_function("type 'cybercrime' (10 keystrokes), 10k activities", |b| {
        b.iter(|| {
            for end in 1..=word.len() {
                let q = BrowserQuery {
                    text: word.get(..end).unwrap_or(word).to_string(),
                    ..Default::default()
                };
                black_box(index.search(&q));
            }
        })
    });
    let cases = [
        (
            "one letter 'c'",
            BrowserQuery {
                text: "c".into(),
                ..Default::default()
            },
        ),
        (
            "'cybercrime'",
            BrowserQuery {
                text: "cybercrime".into(),
                ..Default::default()
            },
        ),
        (
            "three words",
            BrowserQuery {
                text: "international cooperation crime".into(),
                ..Default::default()
            },
        ),
        (
            "'training' + pillar IV + ongoing",
            BrowserQuery {
                text: "training".into(),
                pillar: Some(Pillar::IV),
                status: Some(Status::Ongoing),
                ..Default::default()
            },
        ),
        (
            "filters only, uncovered",
            BrowserQuery {
                status: Some(Status::Planned),
                uncovered_only: true,
                ..Default::default()
            },
        ),
    ];
    for (name, q) in cases {
        c.bench_function(&format!("search {name}, 10k activities"), |b| {
            b.iter(|| index.search(black_box(&q)))
        });
    }
    c.bench_function("activities of paragraph 93 with 'cyber', 10k", |b| {
        let q = BrowserQuery {
            text: "cyber".into(),
            ..Default::default()
        };
        b.iter(|| index.activities_of(black_box(93), &q))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
